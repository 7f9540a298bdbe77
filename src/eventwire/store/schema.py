"""The database file: schema migrations, connections that wait for a lock, bulk inserts."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import EventwireError

log = logging.getLogger(__name__)


DEFAULT_DB = "eventwire.duckdb"
DEFAULT_BATCH_SIZE = 64
# Stored documents read at a time by --reprocess.
REPROCESS_CHUNK = 256
# How long a writer waits for readers to let go of the file, and a reader for the
# writer to finish its batch, before giving up with an error that says so.
WRITER_WAIT_S = 600.0
READER_WAIT_S = 60.0


class StoreError(EventwireError):
    """The database cannot be opened or used; the message says which file and why."""


# ---------------------------------------------------------------------------- schema and migrations


def _migration_1(con: duckdb.DuckDBPyConnection) -> None:
    """Documents, articles and their findings; stories and merged events."""
    con.execute("""
        CREATE TABLE documents (
            id VARCHAR PRIMARY KEY, seq BIGINT NOT NULL, source VARCHAR NOT NULL, kind VARCHAR,
            url VARCHAR, title VARCHAR, published VARCHAR, byline VARCHAR, "offset" BIGINT,
            line INTEGER, reference_date VARCHAR, warnings VARCHAR[], text VARCHAR NOT NULL,
            ingested_at TIMESTAMP);
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, document_id VARCHAR NOT NULL, seq BIGINT NOT NULL,
            source VARCHAR, title VARCHAR, published VARCHAR, dateline VARCHAR, byline VARCHAR,
            url VARCHAR, language VARCHAR, content_hash VARCHAR NOT NULL UNIQUE,
            duplicate_of VARCHAR, story_id VARCHAR, body VARCHAR,
            paragraphs STRUCT(start INTEGER, "end" INTEGER)[],
            captions STRUCT(text VARCHAR, credit VARCHAR)[],
            minhash UINTEGER[], pipeline VARCHAR, ingested_at TIMESTAMP);
        CREATE TABLE article_bands (article_id VARCHAR NOT NULL, band UTINYINT, hash BIGINT);
        CREATE TABLE reprints (
            content_hash VARCHAR NOT NULL, document_id VARCHAR NOT NULL, source VARCHAR,
            url VARCHAR, title VARCHAR, published VARCHAR, seen_at TIMESTAMP);
        CREATE TABLE entities (
            article_id VARCHAR NOT NULL, id VARCHAR, name VARCHAR, type VARCHAR, country VARCHAR,
            role VARCHAR, actor_type VARCHAR);
        CREATE TABLE mentions (
            article_id VARCHAR NOT NULL, kind VARCHAR, ref_id VARCHAR, text VARCHAR,
            start INTEGER, "end" INTEGER);
        CREATE TABLE places (
            article_id VARCHAR NOT NULL, id VARCHAR, name VARCHAR, country VARCHAR, lat DOUBLE,
            lon DOUBLE, gazetteer_id VARCHAR, feature VARCHAR, precision VARCHAR,
            unresolved_reason VARCHAR);
        CREATE TABLE quotes (
            article_id VARCHAR NOT NULL, id VARCHAR, text VARCHAR, kind VARCHAR, speaker VARCHAR,
            speaker_id VARCHAR, verb VARCHAR, start INTEGER, "end" INTEGER);
        CREATE TABLE dates (
            article_id VARCHAR NOT NULL, n INTEGER, text VARCHAR, value VARCHAR,
            granularity VARCHAR, start INTEGER, "end" INTEGER, caption INTEGER);
        CREATE TABLE event_reports (
            article_id VARCHAR NOT NULL, id VARCHAR, event_id VARCHAR, type VARCHAR, mode VARCHAR,
            context VARCHAR, cameo VARCHAR, place_name VARCHAR, place_country VARCHAR, lat DOUBLE,
            lon DOUBLE, place_id VARCHAR, place_rule VARCHAR, when_text VARCHAR,
            when_value VARCHAR, when_rule VARCHAR, date DATE, date_rule VARCHAR,
            negated BOOLEAN, hypothetical BOOLEAN, evidence VARCHAR, start INTEGER,
            "end" INTEGER, quote_id VARCHAR, confidence DOUBLE,
            source_key VARCHAR, target_key VARCHAR, source_label VARCHAR, target_label VARCHAR,
            source_names VARCHAR, target_names VARCHAR, source_actors VARCHAR[], target_actors VARCHAR[],
            source_countries VARCHAR[], target_countries VARCHAR[],
            source_types VARCHAR[], target_types VARCHAR[]);
        CREATE TABLE event_actors (
            article_id VARCHAR NOT NULL, report_id VARCHAR, role VARCHAR, n INTEGER, name VARCHAR,
            country VARCHAR, actor_type VARCHAR, entity_id VARCHAR);
        CREATE TABLE event_spans (
            article_id VARCHAR NOT NULL, report_id VARCHAR, start INTEGER, "end" INTEGER);
        CREATE TABLE stories (
            id VARCHAR NOT NULL, title VARCHAR, first_article_id VARCHAR,
            first_published VARCHAR, last_published VARCHAR, articles INTEGER,
            reprints INTEGER);
        CREATE TABLE events (
            id VARCHAR NOT NULL, type VARCHAR, mode VARCHAR, context VARCHAR, cameo VARCHAR,
            date DATE, date_rule VARCHAR, place_name VARCHAR, place_country VARCHAR,
            lat DOUBLE, lon DOUBLE, source_key VARCHAR, target_key VARCHAR,
            source_label VARCHAR, target_label VARCHAR, source_names VARCHAR,
            target_names VARCHAR, source_actors VARCHAR[], target_actors VARCHAR[],
            source_countries VARCHAR[], target_countries VARCHAR[], source_types VARCHAR[],
            target_types VARCHAR[], evidence VARCHAR,
            first_article_id VARCHAR, sources INTEGER, stories INTEGER, first_reported VARCHAR,
            confidence DOUBLE);
        CREATE INDEX article_bands_hash ON article_bands (hash);
        CREATE INDEX articles_document ON articles (document_id);
    """)


def _migration_2(con: duckdb.DuckDBPyConnection) -> None:
    """Where each article's `published` came from; stored rows keep theirs unknown (null)."""
    con.execute("ALTER TABLE articles ADD COLUMN date_source VARCHAR")


def _migration_3(con: duckdb.DuckDBPyConnection) -> None:
    """Who published each article (a ministry, a UN office, a newspaper named in the page's head)."""
    con.execute("ALTER TABLE articles ADD COLUMN publisher VARCHAR")


def _migration_4(con: duckdb.DuckDBPyConnection) -> None:
    """A live blog's timed entries: the paragraph each starts at, its stamp, time and day."""
    con.execute(
        "ALTER TABLE articles ADD COLUMN entries "
        "STRUCT(paragraph INTEGER, stamp VARCHAR, time VARCHAR, day VARCHAR)[]"
    )


def _migration_5(con: duckdb.DuckDBPyConnection) -> None:
    """What gave each document its own `published` (`sidecar`; null: the page or record)."""
    con.execute("ALTER TABLE documents ADD COLUMN date_source VARCHAR")


def _migration_6(con: duckdb.DuckDBPyConnection) -> None:
    """How fine an event's point is (city, admin1, region, country); stored rows: unknown."""
    con.execute("ALTER TABLE event_reports ADD COLUMN place_precision VARCHAR")
    con.execute("ALTER TABLE events ADD COLUMN place_precision VARCHAR")


def _migration_7(con: duckdb.DuckDBPyConnection) -> None:
    """Event reports only a headline tells: their offsets are into the title; stored rows: body."""
    con.execute("ALTER TABLE event_reports ADD COLUMN in_title BOOLEAN DEFAULT false")


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


# Append only: a released migration never changes; a new one takes the next number.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, articles, findings, stories and merged events", _migration_1),
    Migration(2, "articles.date_source: what gave an article its published date", _migration_2),
    Migration(3, "articles.publisher: who published the article, from the page's head", _migration_3),
    Migration(4, "articles.entries: a live blog's timed entries", _migration_4),
    Migration(5, "documents.date_source: a sidecar's date is the document's own", _migration_5),
    Migration(
        6, "place_precision of event reports and events: a country's centroid is not a town", _migration_6
    ),
    Migration(7, "event_reports.in_title: an event only the headline tells", _migration_7),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied to a database (0 for a new one)."""
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_version'"
    ).fetchone()
    if not found or not found[0]:
        return 0
    row = con.execute("SELECT max(version) FROM main.schema_version").fetchone()
    return int(row[0] or 0) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations a database lacks, each in its own transaction; return their numbers."""
    current = schema_version(con)
    if current == SCHEMA_VERSION:
        return []
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {current} is newer than this eventwire's ({SCHEMA_VERSION}): "
            "upgrade eventwire to write to it"
        )
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= current:
            continue
        with transaction(con):
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
            )
            migration.apply(con)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)",
                [migration.version, migration.description, utc_now()],
            )
        applied.append(migration.version)
    return applied


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# ---------------------------------------------------------------------------- connections


# DuckDB's words for a file another process holds ('Could not set lock on file ...:
# Conflicting lock is held'); a bare 'lock' would also match a corrupt 'block'.
LOCK_MESSAGES = ("could not set lock", "conflicting lock")
# Words of DuckDB's errors, and what they mean to a user.
DAMAGE_REASONS = (
    ("corrupt database file", "the database file is corrupt (a block's checksum does not match)"),
    ("could not read enough bytes", "the database file is truncated (it ends before its data does)"),
    ("no space left on device", "the disk is full"),
    ("read-only file system", "the file system is read-only"),
    ("permission denied", "permission denied"),
    ("not a valid duckdb database", "not a DuckDB database file"),
    ("sqlite", "not a DuckDB database file (an SQLite file?)"),
)
# Extensions are never loaded or downloaded on the fly: a SQLite file given as --db made
# DuckDB try to fetch its sqlite_scanner over the network.
CONNECTION_CONFIG = {
    "python_enable_replacements": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
}


def _locked(exc: Exception) -> bool:
    message = str(exc).lower()
    return any(words in message for words in LOCK_MESSAGES)


def store_failure(path: str | os.PathLike[str], exc: BaseException) -> StoreError:
    """One line for a DuckDB error on a database: corrupt, truncated, a full disk, or
    DuckDB's own first line."""
    message = str(exc).lower()
    reason = next((said for words, said in DAMAGE_REASONS if words in message), None)
    return StoreError(f"{path}: {reason or 'database error: ' + _first_line(exc)}")


def connect(
    db: str | os.PathLike[str], *, read_only: bool = False, wait: float | None = None
) -> duckdb.DuckDBPyConnection:
    """Open the database, waiting up to `wait` seconds while another process holds it.

    A writer (read_only=False) creates the file if missing and brings its schema up to
    date; a reader needs an existing database of a schema it knows.
    """
    path = Path(db)
    if read_only and not path.is_file():
        raise StoreError(f"{path}: no database there; create one with `eventwire ingest PATH... --db {path}`")
    wait = (READER_WAIT_S if read_only else WRITER_WAIT_S) if wait is None else wait
    deadline = time.monotonic() + wait
    delay = 0.01
    while True:
        try:
            # No replacement scans: a missing table must be an error, never a Python variable.
            con = duckdb.connect(str(path), read_only=read_only, config=dict(CONNECTION_CONFIG))
            break
        except duckdb.Error as exc:
            if not _locked(exc):
                raise store_failure(path, exc) from exc
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"{path}: still locked by another process after {wait:g} s "
                    "(an ingest writing, or a long export findings); try again when it is done"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.2)
    # A long statement would draw DuckDB's own progress bar on standard output.
    con.execute("SET enable_progress_bar = false")
    try:
        _check_schema(con, path, read_only)
        _check_tables(con, path)
    except duckdb.Error as exc:
        con.close()
        raise store_failure(path, exc) from exc
    except BaseException:
        con.close()
        raise
    return con


def _check_schema(con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
    version = schema_version(con)
    if version == 0 and _table_names(con):
        raise StoreError(
            f"{path}: not an eventwire database (it has tables of its own and no schema_version); "
            "it is left as it is: give another --db"
        )
    if not read_only:
        migrate(con)
        return
    if version == 0:
        raise StoreError(f"{path}: not an eventwire database (no schema_version table)")
    if version != SCHEMA_VERSION:
        raise StoreError(
            f"{path}: database schema version {version}, this eventwire reads version {SCHEMA_VERSION}; "
            + ("upgrade eventwire" if version > SCHEMA_VERSION else f"run `eventwire ingest --db {path}`")
        )


def _table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()
    return {row[0] for row in rows}


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    rows = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main'"
    ).fetchall()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    return found


@lru_cache(maxsize=1)
def expected_columns() -> dict[str, frozenset[str]]:
    """The tables and columns every migration together makes, from an empty database."""
    con = duckdb.connect(":memory:", config=dict(CONNECTION_CONFIG))
    try:
        migrate(con)
        return {table: frozenset(columns) for table, columns in _columns(con).items()}
    finally:
        con.close()


def _check_tables(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """A database of the current version must have each table and column its migrations
    made: one dropped by hand or by another tool is one line, not a failed query later."""
    found = _columns(con)
    for table, columns in sorted(expected_columns().items()):
        if table not in found:
            raise StoreError(f"{path}: table {table} is missing; the database was damaged or changed")
        missing = sorted(columns - found[table])
        if missing:
            raise StoreError(
                f"{path}: column {table}.{missing[0]} is missing; the database was damaged or changed"
            )


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


@contextmanager
def open_store(
    db: str | os.PathLike[str] = DEFAULT_DB, *, read_only: bool = False, wait: float | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """`connect` as a context manager that closes (and so checkpoints) the database after."""
    con = connect(db, read_only=read_only, wait=wait)
    try:
        yield con
    except duckdb.Error as exc:
        # A truncated or corrupt block, a full disk: found only when it is read or written.
        raise store_failure(db, exc) from exc
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


# ---------------------------------------------------------------------------- bulk inserts

_COLUMN_TYPES: dict[str, dict[str, str]] = {}


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    if table not in _COLUMN_TYPES:
        rows = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
        _COLUMN_TYPES[table] = dict(rows)
    return _COLUMN_TYPES[table]


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows (dicts of the same keys) in one statement: a list parameter per column,
    unnested side by side (far faster than executemany, which goes row by row).

    A key the table has no column for (a record field added after the last migration)
    is left out with a warning, once: the rest is stored, and a migration should add it.
    """
    if not rows:
        return
    types = _column_types(con, table)
    columns = [name for name in rows[0] if name in types]
    for name in rows[0]:
        if name not in types and (table, name) not in _WARNED:
            _WARNED.add((table, name))
            log.warning(
                "%s.%s: no such column in the database; not stored (a migration should add it)", table, name
            )
    selects = ", ".join(f"unnest(${i}::{types[name]}[])" for i, name in enumerate(columns, start=1))
    names = ", ".join(quoted(name) for name in columns)
    values = [[row[name] for row in rows] for name in columns]
    con.execute(f"INSERT INTO {table} ({names}) SELECT {selects}", values)


_WARNED: set[tuple[str, str]] = set()


# The first parameter, a list of ids, as a subquery for `x IN ...`.
IDS = "(SELECT unnest($1::VARCHAR[]))"


def id_list(ids: Iterable[str]) -> list[str]:
    return sorted(set(ids))
