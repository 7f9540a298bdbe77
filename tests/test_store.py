"""The store: articles and findings kept whole and read back as the output contract,
stories of reprints, one event from many sources, idempotent and kill-safe ingests,
readers alongside a writer, migrations, and the queries behind the CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire import records
from eventwire.cli import app
from eventwire.pipeline import article_record
from eventwire.records import Findings
from eventwire.store import (
    SCHEMA_VERSION,
    EventQuery,
    StoreError,
    connect,
    event_reports,
    find_events,
    find_quotes,
    ingest,
    migrate,
    open_store,
    schema_version,
    store_findings,
    store_totals,
    stored_findings,
    top_actors,
)
from helpers import SAMPLE
from store_records import AFP_BODY, MANBIJ, SDF, TURKISH_DRONES, article, event, wire_pairs

DEDUP = Path(__file__).parent / "data" / "dedup" / "wire_and_reprints.txt"
runner = CliRunner()


def _counts(db: Path) -> dict[str, int]:
    with open_store(db, read_only=True) as con:
        return store_totals(con)


def _events(db: Path, **filters) -> list[dict]:
    with open_store(db, read_only=True) as con:
        return find_events(con, EventQuery(limit=None, **filters))


# ---------------------------------------------------------------------------- records kept whole


def test_stored_articles_read_back_as_their_output_contract_records(wire_db: Path):
    expected = [article_record(a, r) for a, r in wire_pairs()]
    with open_store(wire_db, read_only=True) as con:
        found = [article_record(a, r) for a, r in stored_findings(con)]
    assert found == expected


def test_every_field_of_the_records_has_a_column():
    """A field added to a record needs a migration that adds its column (else it is dropped)."""
    tables = {
        records.Entity: "entities",
        records.Place: "places",
        records.Quote: "quotes",
        records.TimeExpr: "dates",
        records.Article: "articles",
        records.Document: "documents",
    }
    con = duckdb.connect()
    migrate(con)
    for record, table in tables.items():
        columns = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
        fields = {f.name for f in dataclasses.fields(record)} - {"mentions", "paragraphs"}
        assert fields <= columns, (table, fields - columns)


# ---------------------------------------------------------------------------- stories and events


def test_reprint_joins_the_story_of_its_original_and_another_report_has_its_own(wire_db: Path):
    with open_store(wire_db, read_only=True) as con:
        stories = dict(con.execute("SELECT id, story_id FROM articles").fetchall())
        story = con.execute("SELECT title, articles FROM stories WHERE id = 'a-reuters-ankara'").fetchone()
    assert stories["a-gulf-ledger-ankara"] == stories["a-reuters-ankara"] == "a-reuters-ankara"
    assert stories["a-afp-manbij"] == "a-afp-manbij"
    assert story == ("Turkey, Syria defence chiefs meet in Ankara as drones hit Kurdish fighters", 2)


def test_one_strike_told_by_three_articles_is_one_event_with_three_sources(wire_db: Path):
    strikes = _events(wire_db, type="ASSAULT", near=(MANBIJ[2], MANBIJ[3], 10), since=dt.date(2025, 3, 9))
    sunday = [e for e in strikes if e["date"] == dt.date(2025, 3, 9)]
    assert len(sunday) == 1
    assert sunday[0]["sources"] == 3 and sunday[0]["stories"] == 2
    with open_store(wire_db, read_only=True) as con:
        reports = event_reports(con, sunday[0]["id"])
    assert [r["article_id"] for r in reports] == ["a-reuters-ankara", "a-gulf-ledger-ankara", "a-afp-manbij"]
    assert reports[2]["evidence"].startswith("A Turkish drone strike on Sunday hit a position")


def test_a_strike_80_km_away_or_three_days_later_is_another_event(wire_db: Path):
    strikes = _events(wire_db, type="ASSAULT")
    assert sorted((str(e["date"]), e["place_name"], e["sources"]) for e in strikes) == [
        ("2025-03-09", "Aleppo", 1),
        ("2025-03-09", "Manbij", 3),
        ("2025-03-12", "Manbij", 1),
    ]


def test_a_negated_event_is_kept_but_never_counted(wire_db: Path):
    with open_store(wire_db, read_only=True) as con:
        denied = con.execute("SELECT negated, event_id FROM event_reports WHERE type = 'RETREAT'").fetchall()
    assert denied == [(True, None)]
    assert _events(wire_db, type="RETREAT") == []


def test_an_exact_copy_from_another_site_is_a_reprint_that_counts_as_a_source(wire_db: Path):
    afp, findings = wire_pairs()[2]
    copy = dataclasses.replace(afp, id="a-copy", source="sites/northern-dispatch-manbij.txt", url=None)
    summary = store_findings([(copy, findings)], wire_db)
    assert (summary.articles, summary.reprints) == (0, 1)
    (strike,) = [e for e in _events(wire_db, type="ASSAULT") if e["sources"] > 1]
    assert strike["sources"] == 4
    assert _counts(wire_db)["articles"] == 5


def test_batches_of_one_give_the_same_stories_and_events_as_one_batch(tmp_path: Path):
    one_by_one, all_at_once = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    store_findings(wire_pairs(), one_by_one, batch_size=1)
    store_findings(wire_pairs(), all_at_once, batch_size=100)
    for db in (one_by_one, all_at_once):
        assert _counts(db) == _counts(all_at_once)
    groups = [sorted((e["id"], e["sources"]) for e in _events(db)) for db in (one_by_one, all_at_once)]
    assert groups[0] == groups[1]


def test_storing_the_same_articles_again_stores_nothing(wire_db: Path):
    before = _counts(wire_db)
    summary = store_findings(wire_pairs(), wire_db)
    assert (summary.documents, summary.documents_skipped, summary.articles) == (0, 5, 0)
    assert _counts(wire_db) == before


# ---------------------------------------------------------------------------- queries


def test_events_filter_by_type_actor_country_dates_place_and_text(wire_db: Path):
    def kinds(**filters) -> list[str]:
        return sorted(e["type"] for e in _events(wire_db, **filters))

    assert kinds(actor="KEN") == ["AID"]
    assert kinds(actor="TURGOV") == ["ACCUSE", "CONSULT"]
    assert kinds(actor="abu qasra") == ["CONSULT"]
    assert kinds(country="HTI") == ["AID"]
    assert kinds(country="TUR") == ["ACCUSE", "CONSULT"]  # the accusation has no place: its actors count
    assert kinds(since=dt.date(2025, 3, 11), until=dt.date(2025, 3, 11)) == ["AID"]
    assert kinds(near=(36.2, 37.13, 20)) == ["ASSAULT"]
    assert kinds(text="occupation state") == ["ACCUSE"]


def test_actors_ranked_by_events_and_quotes_listed_once_with_their_articles(wire_db: Path):
    with open_store(wire_db, read_only=True) as con:
        actors = top_actors(con, 2)
        quotes = find_quotes(con, "guler")
    assert [(a["name"], a["events"], a["as_source"], a["as_target"]) for a in actors] == [
        ("Syrian Democratic Forces", 3, 0, 3),
        ("Turkish forces", 3, 3, 0),
    ]
    assert [(q["speaker"], q["sources"], q["article_source"]) for q in quotes] == [
        ("Yasar Guler", 2, "wire/reuters-ankara.txt")
    ]


# ---------------------------------------------------------------------------- the database file


def test_a_new_database_gets_every_migration_once(tmp_path: Path):
    db = tmp_path / "new.duckdb"
    with open_store(db) as con:
        assert schema_version(con) == SCHEMA_VERSION
        assert migrate(con) == []
        rows = con.execute("SELECT version FROM schema_version").fetchall()
    assert rows == [(version,) for version in range(1, SCHEMA_VERSION + 1)]


def test_reading_a_missing_database_says_how_to_make_one(tmp_path: Path):
    with pytest.raises(StoreError, match="eventwire ingest"):
        connect(tmp_path / "none.duckdb", read_only=True)


HOLD_THE_FILE = "import duckdb, time; c = duckdb.connect({db!r}); print('held', flush=True); time.sleep(1.5)"


def test_a_reader_waits_for_the_writer_to_let_go_of_the_file(wire_db: Path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_FILE.format(db=str(wire_db))],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="still locked"):
            connect(wire_db, read_only=True, wait=0.2)
        started = time.monotonic()
        with open_store(wire_db, read_only=True, wait=30) as con:
            assert con.execute("SELECT count(*) FROM articles").fetchone() == (5,)
        assert time.monotonic() - started > 0.5
    finally:
        holder.wait(timeout=30)


# ---------------------------------------------------------------------------- the real pipeline


def test_ingest_through_the_pipeline_groups_reprints_and_runs_again_idempotently(tmp_path: Path):
    db = tmp_path / "e2e.duckdb"
    paths = [str(DEDUP), str(SAMPLE)]
    first = ingest(paths, db, published="2018-09-04")
    assert (first.inputs, first.documents, first.articles, first.errors) == (2, 2, 5, [])
    assert first.totals["stories"] == 4
    with open_store(db, read_only=True) as con:
        (story_size,) = con.execute("SELECT max(articles) FROM stories").fetchone()
        stored_text = con.execute("SELECT text FROM documents ORDER BY seq").fetchall()
    assert story_size == 2
    assert stored_text[0][0] == DEDUP.read_text(encoding="utf-8")
    again = ingest(paths, db, published="2018-09-04")
    assert (again.documents, again.documents_skipped, again.articles) == (0, 2, 0)
    assert again.totals == first.totals


def test_reprocess_rereads_stored_raw_text_and_replaces_what_it_gave(tmp_path: Path):
    db = tmp_path / "re.duckdb"
    first = ingest([str(DEDUP)], db, published="2018-09-04")
    with open_store(db) as con:  # a stale findings, as an older pipeline might have left it
        con.execute("DELETE FROM quotes")
        con.execute("UPDATE articles SET pipeline = '0.0.1'")
    summary = ingest([], db, reprocess=True)
    assert (summary.documents, summary.articles) == (1, 3)
    assert summary.totals == first.totals
    with open_store(db, read_only=True) as con:
        assert con.execute("SELECT DISTINCT pipeline FROM articles").fetchall() != [("0.0.1",)]


def test_ingest_reports_a_bad_input_in_one_line_and_stores_the_rest(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = tmp_path / "cli.duckdb"
    result = runner.invoke(
        app, ["ingest", str(empty), str(DEDUP), "--db", str(db), "--published", "2018-09-04"]
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(empty) in errors[0]
    assert "3 articles" in result.stderr
    listed = runner.invoke(app, ["events", "--db", str(db), "--format", "json", "--limit", "0"])
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)) == _counts(db)["events"]


# ---------------------------------------------------------------------------- kill -9 and a reader alongside

CITIES = ["Nairobi", "Kampala", "Tbilisi", "Yerevan", "Amman", "Tunis", "Dhaka", "Manila", "Bogota", "Baku"]
ACTIONS = [
    "agreed to resume talks on",
    "rejected a proposal for",
    "called for an inquiry into",
    "signed a deal on",
]
TOPICS = ["grain exports", "a border crossing", "fuel subsidies", "a prisoner exchange", "the electoral law"]


def _write_wire_files(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        pick = random.Random(n).choice
        city = CITIES[n % len(CITIES)]
        text = textwrap.dedent(f"""\
            {city} talks: ministers {pick(ACTIONS)} {pick(TOPICS)}

            {city.upper()} (Reuters) - The government of {city} {pick(ACTIONS)} {pick(TOPICS)} on Monday, \
            officials said, after {n + 3} hours of talks with a delegation from the United Nations.

            Foreign Minister Amara Okello{n} said the agreement would be signed within {n % 9 + 2} weeks.

            Opposition lawmakers said they would vote against it in parliament on day {n}.
            """)
        (folder / f"story_{n:03d}.txt").write_text(text, encoding="utf-8")


def _rows(db: Path) -> tuple[int, int]:
    try:
        with open_store(db, read_only=True, wait=0.05) as con:
            return con.execute("SELECT count(*), count(DISTINCT document_id) FROM articles").fetchone()
    except StoreError:
        return (0, 0)


WIRE_FILES_TO_KILL = 80


@pytest.mark.slow
def test_ingest_killed_mid_way_then_run_again_equals_a_clean_run_and_readers_go_on(tmp_path: Path):
    inputs = tmp_path / "wire"
    # Enough files that the writer cannot finish while the reader below runs (a loaded CI).
    _write_wire_files(inputs, WIRE_FILES_TO_KILL)
    killed_db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    cli = [sys.executable, "-c", "from eventwire.cli import main; main()"]
    command = [*cli, "ingest", str(inputs), "--db", str(killed_db), "--batch-size", "2"]
    writer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while _rows(killed_db)[0] < 2 and writer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        listed = runner.invoke(app, ["events", "--db", str(killed_db), "--format", "json"])
        assert listed.exit_code == 0, listed.output
        assert isinstance(json.loads(listed.stdout), list)
        writer.send_signal(signal.SIGKILL)
    finally:
        writer.wait(timeout=30)
    articles_at_kill, documents_at_kill = _rows(killed_db)
    assert 0 < documents_at_kill < WIRE_FILES_TO_KILL
    assert articles_at_kill == documents_at_kill  # whole documents, never half of one

    ingest([str(inputs)], killed_db)
    ingest([str(inputs)], clean_db)
    assert _counts(killed_db) == _counts(clean_db)
    assert every_row(killed_db) == every_row(clean_db)


def test_hand_made_readings_without_signatures_get_them(tmp_path: Path):
    bare = article("wire/afp-manbij-bare.txt", "Drone hits Manbij", AFP_BODY, "2025-03-10")
    evidence = "A Turkish drone strike on Sunday"
    strike = event(AFP_BODY, "ev1", "ASSAULT", evidence, (TURKISH_DRONES,), (SDF,), where=MANBIJ)
    summary = store_findings([(bare, Findings(events=(strike,)))], tmp_path / "bare.duckdb")
    assert (summary.articles, summary.totals["stories"], summary.totals["events"]) == (1, 1, 1)


def test_a_version_1_database_gains_date_source_and_keeps_its_articles(tmp_path: Path):
    from eventwire.store.schema import MIGRATIONS

    db = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
    )
    MIGRATIONS[0].apply(con)
    con.execute("INSERT INTO schema_version VALUES (1, 'v1', now())")
    con.execute(
        "INSERT INTO articles (id, document_id, seq, content_hash, title, published) "
        "VALUES ('a-old', 'd-old', 0, 'h-old', 'Talks resume in Doha', '2024-08-15')"
    )
    con.close()
    with open_store(db) as con:
        assert schema_version(con) == SCHEMA_VERSION
        rows = con.execute("SELECT id, title, published, date_source FROM articles").fetchall()
    assert rows == [("a-old", "Talks resume in Doha", "2024-08-15", None)]


# ------------------------------------------------------------ restarts and reprocessing change nothing

# Columns that say when a row was written, the only ones a restart or a reprocess may change.
TIMESTAMPS = {"ingested_at", "seen_at", "applied_at"}


def every_row(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, timestamps left out, in a stable order."""
    with open_store(db, read_only=True) as con:
        tables = [
            row[0] for row in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()
        ]
        found = {}
        for table in tables:
            columns = [
                row[0]
                for row in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                    "ORDER BY ordinal_position",
                    [table],
                ).fetchall()
                if row[0] not in TIMESTAMPS
            ]
            names = ", ".join(f'"{name}"' for name in columns)
            found[table] = con.execute(f"SELECT {names} FROM {table} ORDER BY ALL").fetchall()
    return found


@pytest.fixture(scope="module")
def wire_with_reprints(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Twelve wire stories, then near-copies of three of them under other headlines."""
    folder = tmp_path_factory.mktemp("restart") / "wire"
    _write_wire_files(folder, 12)
    for n in (1, 4, 7):
        original = (folder / f"story_{n:03d}.txt").read_text(encoding="utf-8")
        body = original.split("\n", 2)[2]
        copy = f"Reprint: what the ministers decided\n\n{body}\nThe story was first filed by Reuters.\n"
        (folder / f"z_reprint_{n:03d}.txt").write_text(copy, encoding="utf-8")
    return [str(path) for path in sorted(folder.iterdir())]


def test_a_run_that_goes_on_after_a_kill_marks_the_duplicates_a_clean_run_marks(
    tmp_path: Path, wire_with_reprints: list[str]
):
    clean_db, restarted_db = tmp_path / "clean.duckdb", tmp_path / "restarted.duckdb"
    ingest(wire_with_reprints, clean_db, batch_size=3)
    # What a kill after the first batches leaves: the documents of the committed batches.
    ingest(wire_with_reprints[:9], restarted_db, batch_size=3)
    ingest(wire_with_reprints, restarted_db, batch_size=3)
    clean = every_row(clean_db)
    with open_store(clean_db, read_only=True) as con:
        (duplicates,) = con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()
    assert duplicates == 3
    assert every_row(restarted_db) == clean


def test_reprocessing_with_the_same_pipeline_changes_no_row_of_any_table(
    tmp_path: Path, wire_with_reprints: list[str]
):
    db = tmp_path / "re.duckdb"
    ingest([*wire_with_reprints, str(DEDUP)], db, batch_size=3)
    before = every_row(db)
    summary = ingest([], db, reprocess=True, batch_size=3)
    assert summary.documents == len(wire_with_reprints) + 1
    assert every_row(db) == before


def test_a_reprocess_killed_mid_way_then_run_again_equals_an_uninterrupted_one(
    tmp_path: Path, wire_with_reprints: list[str], monkeypatch: pytest.MonkeyPatch
):
    import eventwire.store.loader as loader

    db = tmp_path / "killed.duckdb"
    ingest([*wire_with_reprints, str(DEDUP)], db, batch_size=3)
    before = every_row(db)
    real_commit = loader.commit_batch
    commits = []

    def commit_then_die(*args, **kwargs):
        if len(commits) == 2:
            raise KeyboardInterrupt  # the process dies with the third batch in flight
        commits.append(real_commit(*args, **kwargs))
        return commits[-1]

    monkeypatch.setattr(loader, "commit_batch", commit_then_die)
    with pytest.raises(KeyboardInterrupt):
        ingest([], db, reprocess=True, batch_size=3)
    monkeypatch.setattr(loader, "commit_batch", real_commit)
    ingest([], db, reprocess=True, batch_size=3)
    assert every_row(db) == before


# ------------------------------------------------------------ databases that are not what they should be


@pytest.fixture(scope="module")
def stored_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("damaged") / "good.duckdb"
    store_findings(wire_pairs(), db)
    return db


def _damaged_copy(stored_db: Path, tmp_path: Path, damage) -> Path:
    data = bytearray(stored_db.read_bytes())
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(bytes(damage(data)))
    return damaged


def _flip_a_byte_of_every_block(data: bytearray) -> bytearray:
    for block in range(1, len(data) // 262_144):
        data[block * 262_144 + 5000] ^= 0xFF
    return data


@pytest.mark.parametrize("read_only", [True, False])
def test_a_corrupt_database_is_said_to_be_corrupt_at_once_not_locked(
    stored_db: Path, tmp_path: Path, read_only: bool
):
    damaged = _damaged_copy(stored_db, tmp_path, _flip_a_byte_of_every_block)
    started = time.monotonic()
    with pytest.raises(StoreError) as raised, open_store(damaged, read_only=read_only) as con:
        con.execute("SELECT * FROM articles").fetchall()
    assert str(raised.value) == f"{damaged}: the database file is corrupt (a block's checksum does not match)"
    assert time.monotonic() - started < 5


def test_a_truncated_database_is_one_line(stored_db: Path, tmp_path: Path):
    damaged = _damaged_copy(stored_db, tmp_path, lambda data: data[: len(data) // 3])
    tables = ("documents", "articles", "event_reports", "quotes", "places")
    with pytest.raises(StoreError, match="the database file is truncated"), open_store(damaged) as con:
        for table in tables:
            con.execute(f"SELECT * FROM {table}").fetchall()


def test_a_foreign_duckdb_file_is_refused_and_never_altered(tmp_path: Path):
    foreign = tmp_path / "crm.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE documents (invoice INTEGER, customer VARCHAR)")
    con.execute("INSERT INTO documents VALUES (1041, 'Nairobi Freight Ltd')")
    con.close()
    before = foreign.read_bytes()
    for read_only in (True, False):
        with pytest.raises(StoreError, match="not an eventwire database .* it is left as it is"):
            connect(foreign, read_only=read_only)
    assert foreign.read_bytes() == before


def test_a_sqlite_file_as_the_database_is_one_line_and_nothing_is_downloaded(tmp_path: Path):
    import sqlite3

    lite = tmp_path / "notes.db"
    with sqlite3.connect(lite) as con:
        con.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(StoreError) as raised:
        connect(lite, read_only=True)
    assert str(raised.value) == f"{lite}: not a DuckDB database file (an SQLite file?)"
    assert "download" not in str(raised.value.__cause__).lower()


def test_every_connection_has_extension_autoloading_off(stored_db: Path):
    with open_store(stored_db, read_only=True) as con:
        settings = dict(
            con.execute(
                "SELECT name, value FROM duckdb_settings() "
                "WHERE name IN ('autoload_known_extensions', 'autoinstall_known_extensions')"
            ).fetchall()
        )
    assert settings == {"autoload_known_extensions": "false", "autoinstall_known_extensions": "false"}


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("DROP TABLE quotes", "table quotes is missing"),
        ("ALTER TABLE places DROP COLUMN unresolved_reason", "column places.unresolved_reason is missing"),
    ],
)
def test_a_store_missing_a_table_or_a_column_is_one_line(stored_db: Path, tmp_path: Path, change, said):
    changed = tmp_path / "changed.duckdb"
    changed.write_bytes(stored_db.read_bytes())
    con = duckdb.connect(str(changed))
    con.execute(change)
    con.close()
    for read_only in (True, False):
        with pytest.raises(StoreError) as raised:
            connect(changed, read_only=read_only)
        assert str(raised.value) == f"{changed}: {said}; the database was damaged or changed"


def test_a_version_1_store_missing_a_table_is_one_line_when_migrated(tmp_path: Path):
    from eventwire.store.schema import MIGRATIONS

    db = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
    )
    MIGRATIONS[0].apply(con)
    con.execute("INSERT INTO schema_version VALUES (1, 'v1', now())")
    con.execute("DROP TABLE documents")
    con.close()
    with pytest.raises(StoreError, match=f"^{db}: "):
        connect(db)


def test_a_full_disk_while_committing_is_one_line_and_the_committed_batches_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import eventwire.store.write as write

    db = tmp_path / "full.duckdb"
    pairs = wire_pairs()
    store_findings(pairs[:1], db)
    before = _counts(db)

    def disk_full(self, con):
        raise duckdb.IOException(f'IO Error: Could not write file "{db}.wal": No space left on device')

    monkeypatch.setattr(write._Rows, "insert", disk_full)
    with pytest.raises(StoreError) as raised:
        store_findings(pairs[1:], db)
    assert str(raised.value) == f"{db}: the disk is full"
    assert _counts(db) == before


def test_records_sharing_an_id_a_url_or_another_inputs_path_are_all_stored(tmp_path: Path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    clash = str(tmp_path / "b.jsonl")
    rows_a = [
        {"id": 1, "text": "MANILA (Wire) — The coast guard escorted two supply boats on Monday."},
        {"id": "1", "text": "HANOI (Wire) — Vietnam protested the seizure of a fishing boat on Monday."},
        {"url": "https://wire.example/x", "text": "JAKARTA (Wire) — Indonesia recalled its envoy."},
    ]
    rows_b = [
        {"id": 1, "text": "MANILA (Wire) — The coast guard escorted two supply boats on Monday."},
        {"url": "https://wire.example/x", "text": "KUALA LUMPUR (Wire) — Malaysia summoned the ambassador."},
        {"id": clash, "text": "BANGKOK (Wire) — Thailand closed two border crossings on Wednesday."},
    ]
    first.write_text("\n".join(json.dumps(row) for row in rows_a) + "\n", encoding="utf-8")
    second.write_text("\n".join(json.dumps(row) for row in rows_b) + "\n", encoding="utf-8")
    summary = ingest([str(first), str(second)], tmp_path / "ids.duckdb", batch_size=2)
    assert summary.errors == []
    # The same record twice is the same document: stored once.
    assert (summary.documents, summary.documents_skipped, summary.articles) == (5, 1, 5)
