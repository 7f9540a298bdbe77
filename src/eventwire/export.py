"""Export the store: JSON Lines (the output contract), CSV, Parquet and GeoJSON of events.

- `jsonl`: one object per stored article in the output contract of DESIGN.md, exactly
  as `eventwire extract` prints it, so tools that read extract's output read this.
- `parquet`: one merged event per row (`EVENT_COLUMNS`), written by DuckDB's COPY. Each
  side of an event is a list of whole actors, structs of name, country, sector and
  entity id in the order the text names them; lists stay lists; a value the store does
  not know is NULL, never ''.
- `csv`: the same rows in the column order analysts know from the ICEWS and POLECAT event
  files (`CSV_COLUMNS`). A side's actors become parallel ';'-joined lists in actor order
  (`source_actor` 'United States;France' with `source_country` 'USA;FRA'; an actor whose
  country is unknown leaves its place empty: 'UN;USA' -> ';USA'); an unknown value is an
  empty cell; a text cell that a spreadsheet would run as a formula ('=...', '+...',
  '-...', '@...') starts with "'"; control and bidi characters of scraped text are
  dropped from the cells unless `raw` (`csv_cells`). `cameo` is text ('030').
- `geojson`: a FeatureCollection with one Point per event that has a place with
  coordinates, the Parquet columns as properties (actors as arrays of objects).

Every format takes the filters of `eventwire events` (`EventQuery`); jsonl then keeps the
articles that report a matching event.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import duckdb

from eventwire.errors import EventwireError
from eventwire.knowledge.plover import load_plover_quads
from eventwire.report import plain
from eventwire.store import DEFAULT_DB, EventQuery, open_store, stored_findings
from eventwire.store.query import event_filters

FORMATS = ("jsonl", "csv", "parquet", "geojson")

# The fields of one actor, in the order of ICEWS's "Source Name, Source Sectors, Source
# Country"; the CSV spells a side's list of them as parallel columns.
ACTOR_FIELDS = ("name", "sector", "country", "entity_id")
# The CSV's names of a side's columns (`source_actor`, ...); the entity ids of both sides
# come after the target's, outside ICEWS's order.
CSV_ACTOR_COLUMNS = {"name": "actor", "sector": "sector", "country": "country"}


def _actors_sql(role: str) -> str:
    fields = "name := a.name, sector := nullif(a.actor_type, ''), country := nullif(a.country, ''), "
    fields += "entity_id := nullif(a.entity_id, '')"
    return f"coalesce(list(struct_pack({fields}) ORDER BY a.n) FILTER (WHERE a.role = '{role}'), [])"


def _quad_sql() -> str:
    """PLOVER quad of e.type, from data/report/plover_quads.yaml (types are plain words)."""
    cases = " ".join(f"WHEN '{kind}' THEN '{quad}'" for kind, quad in load_plover_quads().items())
    return f"CASE e.type {cases} END"


# (column, SQL) of one merged event e: its first report f (which speaks for it), that
# report's actors x, its reporting articles s and the first article. In the order of
# ICEWS/POLECAT event files: when, who, did what, to whom, where, from which articles.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "e.id"),
    ("date", "e.date"),
    ("source_actors", "coalesce(x.source_actors, [])"),
    ("event_type", "e.type"),
    ("mode", "nullif(e.mode, '')"),
    ("context", "nullif(e.context, '')"),
    ("cameo", "nullif(e.cameo, '')"),
    ("target_actors", "coalesce(x.target_actors, [])"),
    ("quad", _quad_sql()),
    ("place", "nullif(e.place_name, '')"),
    ("place_country", "nullif(e.place_country, '')"),
    ("lat", "e.lat"),
    ("lon", "e.lon"),
    # How fine the point is (city, admin1, region, country) and which rule chose the place
    # ('trigger-attached', 'paragraph', 'dateline', ...).
    ("place_precision", "nullif(e.place_precision, '')"),
    ("place_rule", "f.place_rule"),
    ("sources", "e.sources"),
    ("story_ids", "s.story_ids"),
    ("article_ids", "s.article_ids"),
    ("article_urls", "s.article_urls"),
    ("article_titles", "s.article_titles"),
    ("published", "TRY_CAST(left(first_article.published, 10) AS DATE)"),
    # How the day was chosen ('when': the event's own time, 'published': its article's
    # reference date, 'unknown'), the words of the text that gave it and where the first
    # report's article got its reference date from ('date line', 'dateline', 'page', ...).
    ("date_rule", "e.date_rule"),
    ("date_text", "nullif(f.when_text, '')"),
    ("date_source", "first_article.date_source"),
    ("evidence", "e.evidence"),
    ("confidence", "e.confidence"),
)
COLUMNS = tuple(name for name, _ in EVENT_COLUMNS)
ACTOR_LISTS = ("source_actors", "target_actors")


def _csv_columns() -> tuple[str, ...]:
    """COLUMNS with each side's actors as name, sector and country columns in ICEWS's
    places, and the entity ids of both sides after the target's."""
    columns: list[str] = []
    for name in COLUMNS:
        if name in ACTOR_LISTS:
            side = name.removesuffix("_actors")
            columns += [f"{side}_{column}" for column in CSV_ACTOR_COLUMNS.values()]
        else:
            columns.append(name)
        if name == "target_actors":
            columns += ["source_entity_id", "target_entity_id"]
    return tuple(columns)


CSV_COLUMNS = _csv_columns()


class ExportError(EventwireError):
    """An export cannot be written; the message says why."""


def events_sql(query: EventQuery | None = None, *, latest_first: bool = False) -> tuple[str, list[Any]]:
    """The SELECT of the event rows and its parameters: by date then id (latest first:
    by date descending, then most sources), up to the query's limit."""
    query = query or EventQuery(limit=None)
    condition, params = event_filters(query)
    order = _event_order("e.", latest_first)
    limit = f"LIMIT {int(query.limit)}" if query.limit else ""
    columns = ", ".join(f"{sql} AS {name}" for name, sql in EVENT_COLUMNS)
    # The events are chosen (and limited) first; only they are joined to their reports.
    sql = f"""
        WITH e AS (SELECT * FROM events e WHERE {condition} ORDER BY {order} {limit}),
        f AS (
            SELECT r.event_id, r.article_id, r.id AS report_id, r.place_rule, r.when_text
            FROM event_reports r JOIN e ON e.id = r.event_id AND r.article_id = e.first_article_id
            QUALIFY row_number() OVER (PARTITION BY r.event_id ORDER BY r.id) = 1),
        x AS (
            SELECT f.event_id, {_actors_sql("source")} AS source_actors,
                   {_actors_sql("target")} AS target_actors
            FROM f JOIN event_actors a ON a.article_id = f.article_id AND a.report_id = f.report_id
            GROUP BY f.event_id),
        reporting AS (
            SELECT DISTINCT r.event_id, a.id, a.seq, a.story_id, a.url, a.title
            FROM event_reports r JOIN articles a ON a.id = r.article_id
            WHERE r.event_id IN (SELECT id FROM e)),
        s AS (
            SELECT event_id, list_sort(list_distinct(list(story_id))) AS story_ids,
                   list(id ORDER BY seq) AS article_ids, list(url ORDER BY seq) AS article_urls,
                   list(title ORDER BY seq) AS article_titles
            FROM reporting GROUP BY event_id)
        SELECT {columns}
        FROM e
        LEFT JOIN f ON f.event_id = e.id
        LEFT JOIN x ON x.event_id = e.id
        LEFT JOIN s ON s.event_id = e.id
        LEFT JOIN articles first_article ON first_article.id = e.first_article_id
        ORDER BY {order}
    """
    return sql, params


def _event_order(alias: str, latest_first: bool) -> str:
    if latest_first:
        return f"{alias}date DESC NULLS LAST, {alias}sources DESC, {alias}id"
    return f"{alias}date NULLS LAST, {alias}id"


def event_rows(
    con: duckdb.DuckDBPyConnection, query: EventQuery | None = None, *, latest_first: bool = False
) -> Iterator[dict[str, Any]]:
    """The merged events as rows of `COLUMNS` (actors as lists of dicts, lists as lists),
    in date order (or latest first)."""
    sql, params = events_sql(query, latest_first=latest_first)
    cursor = con.execute(sql, params)
    while batch := cursor.fetchmany(1000):
        for values in batch:
            yield dict(zip(COLUMNS, values, strict=True))


def count_events(con: duckdb.DuckDBPyConnection, query: EventQuery) -> int:
    """How many merged events match the query's filters, whatever its limit."""
    condition, params = event_filters(query)
    row = con.execute(f"SELECT count(*) FROM events e WHERE {condition}", params).fetchone()
    return int(row[0]) if row else 0


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    """An event row with each side's actors spelt as parallel lists (the CSV's columns)."""
    flat: dict[str, Any] = {}
    for name, value in row.items():
        if name not in ACTOR_LISTS:
            flat[name] = value
            continue
        side = name.removesuffix("_actors")
        for field in ACTOR_FIELDS:
            flat[f"{side}_{CSV_ACTOR_COLUMNS.get(field, field)}"] = [actor[field] for actor in value or ()]
    return flat


# A spreadsheet runs a cell that starts with one of these as a formula; scraped text
# must not (OWASP "CSV injection"): such a text cell gets a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value: Any) -> Any:
    """A value as a CSV cell: lists joined with ';' (an unknown item left empty, so the
    lists of one side stay parallel), None empty, formulas defused."""
    if isinstance(value, list):
        if not any(item is not None for item in value):
            return ""
        value = ";".join("" if item is None else str(item) for item in value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def plain_csv_value(value: Any) -> Any:
    """`csv_value` of scraped text rid of control and bidi characters first (`plain`), so
    that neither a terminal nor a spreadsheet acts on them, and a formula they hid
    ('\x1b[0m=HYPERLINK(...)') is still defused."""
    if isinstance(value, str):
        return csv_value(plain(value))
    if isinstance(value, list):
        return csv_value([plain(item) if isinstance(item, str) else item for item in value])
    return csv_value(value)


def csv_cells(values: Iterable[Any], *, raw: bool = False) -> list[Any]:
    """A row's values as CSV cells: `plain_csv_value`, or with `raw` the scraped text as
    it was (`csv_value`)."""
    cell = csv_value if raw else plain_csv_value
    return [cell(value) for value in values]


def json_value(value: Any) -> Any:
    """A value JSON can hold: dates as ISO 8601 text."""
    return value.isoformat() if isinstance(value, dt.date) else value


def write_jsonl(con: duckdb.DuckDBPyConnection, out: IO[str], query: EventQuery | None = None) -> int:
    """Every stored article, or with a query that filters, those reporting a matching event."""
    from eventwire.pipeline import article_record  # the pipeline loads spaCy: only this format needs it

    count = 0
    for article, findings in stored_findings(con, _reporting_articles(con, query)):
        out.write(json.dumps(article_record(article, findings), ensure_ascii=False) + "\n")
        count += 1
    return count


def _reporting_articles(con: duckdb.DuckDBPyConnection, query: EventQuery | None) -> list[str] | None:
    """Ids of the articles that report an event matching the query, in stored order;
    None (all articles) for no query or one that filters nothing."""
    if query is None or event_filters(query)[0] == "TRUE":
        return None
    condition, params = event_filters(query)
    rows = con.execute(
        f"""SELECT a.id FROM articles a WHERE a.id IN (
                SELECT r.article_id FROM event_reports r JOIN events e ON e.id = r.event_id WHERE {condition})
            ORDER BY a.seq""",
        params,
    ).fetchall()
    return [row[0] for row in rows]


def write_csv_rows(rows: Iterator[dict[str, Any]], out: IO[str], *, raw: bool = False) -> int:
    """Event rows as CSV, header first (also when no event matches), cells by `csv_cells`."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in rows:
        flat = flat_row(row)
        writer.writerow(csv_cells((flat[name] for name in CSV_COLUMNS), raw=raw))
        count += 1
    return count


def write_csv(
    con: duckdb.DuckDBPyConnection, out: IO[str], query: EventQuery | None = None, *, raw: bool = False
) -> int:
    return write_csv_rows(event_rows(con, query), out, raw=raw)


def write_geojson(con: duckdb.DuckDBPyConnection, out: IO[str], query: EventQuery | None = None) -> int:
    """A FeatureCollection of the events with coordinates, written as it is read."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for row in event_rows(con, query):
        if row["lat"] is None or row["lon"] is None:
            continue
        feature = {
            "type": "Feature",
            "id": row["event_id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {name: json_value(value) for name, value in row.items()},
        }
        out.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def write_parquet(con: duckdb.DuckDBPyConnection, path: Path, query: EventQuery | None = None) -> int:
    sql, params = events_sql(query)
    escaped = str(path).replace("'", "''")
    con.execute(f"COPY ({sql}) TO '{escaped}' (FORMAT PARQUET, COMPRESSION ZSTD)", params)
    row = con.execute(f"SELECT count(*) FROM read_parquet('{escaped}')").fetchone()
    return int(row[0]) if row else 0


def export(
    format: str,
    out: str | os.PathLike[str] | None = None,
    db: str | os.PathLike[str] = DEFAULT_DB,
    *,
    query: EventQuery | None = None,
    stream: IO[str] | None = None,
    raw: bool = False,
) -> int:
    """Write the store in `format` to the file `out` (or to `stream`, default stdout) and
    return how many records (articles for jsonl, events otherwise) were written.

    `query` narrows the events exported (for jsonl: the articles, to those that report a
    matching event). Parquet needs `out`. A CSV keeps control and bidi characters of
    scraped text only with `raw`.
    """
    if format not in FORMATS:
        raise ExportError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    if format == "parquet" and out is None:
        raise ExportError("parquet is a binary format: say where to write it with --output FILE")
    if out is not None:
        check_writable(Path(out))
    with open_store(db, read_only=True) as con:
        if format == "parquet":
            return write_parquet(con, Path(out), query)  # type: ignore[arg-type]
        if out is None:
            return _write_text(format, con, stream or sys.stdout, query, raw)
        with open(out, "w", encoding="utf-8", newline="") as handle:
            return _write_text(format, con, handle, query, raw)


def check_writable(path: Path) -> None:
    """Raise ExportError, in one line, when `path` cannot be written as a file."""
    if path.is_dir():
        raise ExportError(f"{path}: is a directory; give a file name to write to")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(f"{path}: no such directory {parent}")
    target = path if path.exists() else parent
    if not os.access(target, os.W_OK):
        raise ExportError(f"{path}: permission denied (not writable)")


def _write_text(
    format: str, con: duckdb.DuckDBPyConnection, out: IO[str], query: EventQuery | None, raw: bool
) -> int:
    if format == "jsonl":
        return write_jsonl(con, out, query)
    if format == "csv":
        return write_csv(con, out, query, raw=raw)
    return write_geojson(con, out, query)
