"""Export the store: JSON Lines (the output contract), CSV, Parquet and GeoJSON of events.

- `jsonl`: one object per stored article in the output contract of DESIGN.md, exactly
  as `eventwire extract` prints it, so tools that read extract's output read this.
- `csv`: one merged event per row, columns in the order analysts know from the ICEWS and
  POLECAT event files (`CSV_COLUMNS`); lists are joined with ';', and a text cell that a
  spreadsheet would run as a formula ('=...', '+...', '-...', '@...') starts with "'".
- `parquet`: the same rows, lists kept as lists, written by DuckDB's COPY.
- `geojson`: a FeatureCollection with one Point per event that has a place with
  coordinates, the CSV's columns as properties.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import duckdb

from eventwire.errors import EventwireError
from eventwire.pipeline import article_record
from eventwire.store import DEFAULT_DB, EventQuery, open_store, stored_findings
from eventwire.store.query import event_filters

FORMATS = ("jsonl", "csv", "parquet", "geojson")

# (column, SQL over events e and their reports' story and article ids s), in the order of
# ICEWS/POLECAT event files: when, who, did what, to whom, where, from which stories.
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "e.id"),
    ("date", "e.date"),
    ("source_actor", "e.source_names"),
    ("source_sector", "e.source_types"),
    ("source_country", "e.source_countries"),
    ("event_type", "e.type"),
    ("mode", "e.mode"),
    ("context", "e.context"),
    ("cameo", "e.cameo"),
    ("target_actor", "e.target_names"),
    ("target_sector", "e.target_types"),
    ("target_country", "e.target_countries"),
    ("place", "e.place_name"),
    ("place_country", "e.place_country"),
    ("lat", "e.lat"),
    ("lon", "e.lon"),
    ("place_precision", "e.place_precision"),
    ("sources", "e.sources"),
    ("story_ids", "s.story_ids"),
    ("article_ids", "s.article_ids"),
    # How the day was chosen ('when': the event's own time, 'published': its article's
    # reference date, 'unknown') and where the first
    # report's article got its reference date from ('date line', 'dateline', 'page', ...).
    ("date_rule", "e.date_rule"),
    ("date_source", "first_article.date_source"),
    ("evidence", "e.evidence"),
    ("confidence", "e.confidence"),
)
CSV_COLUMNS = tuple(name for name, _ in EVENT_COLUMNS)


class ExportError(EventwireError):
    """An export cannot be written; the message says why."""


def events_sql(query: EventQuery | None = None, *, latest_first: bool = False) -> tuple[str, list[Any]]:
    """The SELECT of the event rows and its parameters: by date then id (latest first:
    by date descending, then most sources), up to the query's limit."""
    query = query or EventQuery(limit=None)
    condition, params = event_filters(query)
    order = "e.date DESC NULLS LAST, e.sources DESC, e.id" if latest_first else "e.date NULLS LAST, e.id"
    limit = f"LIMIT {int(query.limit)}" if query.limit else ""
    columns = ", ".join(f"{sql} AS {name}" for name, sql in EVENT_COLUMNS)
    sql = f"""
        SELECT {columns}
        FROM events e
        LEFT JOIN (
            SELECT r.event_id, list_sort(list_distinct(list(a.story_id))) AS story_ids,
                   list_sort(list_distinct(list(r.article_id))) AS article_ids
            FROM event_reports r JOIN articles a ON a.id = r.article_id
            WHERE r.event_id IS NOT NULL GROUP BY r.event_id) s ON s.event_id = e.id
        LEFT JOIN articles first_article ON first_article.id = e.first_article_id
        WHERE {condition}
        ORDER BY {order}
        {limit}
    """
    return sql, params


def event_rows(
    con: duckdb.DuckDBPyConnection, query: EventQuery | None = None, *, latest_first: bool = False
) -> Iterator[dict[str, Any]]:
    """The merged events as flat rows (lists as lists), in date order (or latest first)."""
    sql, params = events_sql(query, latest_first=latest_first)
    cursor = con.execute(sql, params)
    while batch := cursor.fetchmany(1000):
        for values in batch:
            yield dict(zip(CSV_COLUMNS, values, strict=True))


# A spreadsheet runs a cell that starts with one of these as a formula; scraped text
# must not (OWASP "CSV injection"): such a text cell gets a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value: Any) -> Any:
    """A value as a CSV cell: lists joined with ';', None empty, formulas defused."""
    if isinstance(value, list):
        value = ";".join(str(item) for item in value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def write_jsonl(con: duckdb.DuckDBPyConnection, out: IO[str]) -> int:
    count = 0
    for article, findings in stored_findings(con):
        out.write(json.dumps(article_record(article, findings), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(con: duckdb.DuckDBPyConnection, out: IO[str], query: EventQuery | None = None) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in event_rows(con, query):
        writer.writerow([csv_value(row[name]) for name in CSV_COLUMNS])
        count += 1
    return count


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
            "properties": {name: _json_value(value) for name, value in row.items()},
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
) -> int:
    """Write the store in `format` to the file `out` (or to `stream`, default stdout) and
    return how many records (articles for jsonl, events otherwise) were written.

    `query` narrows the events exported (not the articles of jsonl). Parquet needs `out`.
    """
    if format not in FORMATS:
        raise ExportError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    if format == "parquet" and out is None:
        raise ExportError("parquet is a binary format: say where to write it with --out FILE")
    with open_store(db, read_only=True) as con:
        if format == "parquet":
            return write_parquet(con, Path(out), query)  # type: ignore[arg-type]
        if out is None:
            return _write_text(format, con, stream or sys.stdout, query)
        with open(out, "w", encoding="utf-8", newline="") as handle:
            return _write_text(format, con, handle, query)


def _write_text(format: str, con: duckdb.DuckDBPyConnection, out: IO[str], query: EventQuery | None) -> int:
    if format == "jsonl":
        return write_jsonl(con, out)
    if format == "csv":
        return write_csv(con, out, query)
    return write_geojson(con, out, query)
