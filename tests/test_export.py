"""Export: JSON Lines in the output contract, CSV in the ICEWS/POLECAT column order,
Parquet with lists kept, GeoJSON points, and the command that writes them."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.export import CSV_COLUMNS, ExportError, export
from eventwire.pipeline import article_record
from eventwire.store import store_findings
from store_records import wire_pairs

runner = CliRunner()


def _export(format: str, db: Path) -> str:
    out = io.StringIO()
    export(format, db=db, stream=out)
    return out.getvalue()


def test_jsonl_is_the_output_contract_of_extract(wire_db: Path):
    lines = _export("jsonl", wire_db).splitlines()
    assert [json.loads(line) for line in lines] == [
        json.loads(json.dumps(article_record(a, r), ensure_ascii=False)) for a, r in wire_pairs()
    ]


def test_csv_has_one_event_a_row_in_the_analysts_column_order(wire_db: Path):
    rows = list(csv.reader(io.StringIO(_export("csv", wire_db))))
    assert rows[0] == list(CSV_COLUMNS)
    assert CSV_COLUMNS[:12] == (
        "event_id", "date", "source_actor", "source_sector", "source_country", "event_type", "mode",
        "context", "cameo", "target_actor", "target_sector", "target_country",
    )  # fmt: skip
    first = dict(zip(rows[0], rows[1], strict=True))
    assert len(rows) == 7  # six events; the negated withdrawal is not one
    assert {key: first[key] for key in ("date", "source_actor", "source_country", "event_type", "mode")} == {
        "date": "2025-03-09",
        "source_actor": "Turkish forces",
        "source_country": "TUR",
        "event_type": "ASSAULT",
        "mode": "drone",
    }
    assert (first["place"], first["lat"], first["lon"], first["sources"]) == (
        "Manbij",
        "36.5281",
        "37.9549",
        "3",
    )
    assert first["story_ids"] == "a-afp-manbij;a-reuters-ankara"
    assert (first["date_rule"], first["date_source"]) == ("when", "page")
    assert first["article_ids"] == "a-afp-manbij;a-gulf-ledger-ankara;a-reuters-ankara"


def test_csv_defuses_cells_a_spreadsheet_would_run_as_formulas(tmp_path: Path):
    pairs = wire_pairs()[:1]
    article, findings = pairs[0]
    ev = dataclasses.replace(findings.events[0], evidence='=HYPERLINK("http://evil.example","x")')
    db = tmp_path / "formula.duckdb"
    store_findings([(article, dataclasses.replace(findings, events=(ev, *findings.events[1:])))], db)
    rows = list(csv.DictReader(io.StringIO(_export("csv", db))))
    assert [row["evidence"] for row in rows if row["event_type"] == "CONSULT"] == [
        '\'=HYPERLINK("http://evil.example","x")'
    ]


def test_parquet_holds_the_same_rows_with_lists_as_lists(wire_db: Path, tmp_path: Path):
    out = tmp_path / "events.parquet"
    assert export("parquet", out, wire_db) == 6
    rows = duckdb.sql(
        f"SELECT event_type, story_ids, source_country, sources FROM '{out}' ORDER BY event_id"
    ).fetchall()
    assert len(rows) == 6
    assert ("ASSAULT", ["a-afp-manbij", "a-reuters-ankara"], ["TUR"], 3) in rows
    assert [column for column, *_ in duckdb.sql(f"DESCRIBE SELECT * FROM '{out}'").fetchall()] == list(
        CSV_COLUMNS
    )


def test_geojson_has_a_point_for_each_event_with_a_place(wire_db: Path):
    collection = json.loads(_export("geojson", wire_db))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == 5  # the accusation has no place
    manbij = next(f for f in features if f["properties"]["sources"] == 3)
    assert manbij["geometry"] == {"type": "Point", "coordinates": [37.9549, 36.5281]}
    assert manbij["properties"]["date"] == "2025-03-09"
    assert manbij["properties"]["story_ids"] == ["a-afp-manbij", "a-reuters-ankara"]


def test_parquet_needs_a_file_to_write(wire_db: Path):
    with pytest.raises(ExportError, match="--out"):
        export("parquet", None, wire_db)
    result = runner.invoke(app, ["export", "--format", "parquet", "--db", str(wire_db)])
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_export_command_writes_the_file_and_says_how_many(wire_db: Path, tmp_path: Path):
    out = tmp_path / "events.geojson"
    result = runner.invoke(app, ["export", "--format", "geojson", "--out", str(out), "--db", str(wire_db)])
    assert result.exit_code == 0, result.output
    assert f"exported 5 events to {out}" in result.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 5


def test_exports_say_when_an_event_point_is_only_a_country(tmp_path: Path):
    article, findings = wire_pairs()[0]
    first = findings.events[0]
    whole_country = dataclasses.replace(first.where, name="Syria", lat=35.0, lon=38.5, precision="country")
    db = tmp_path / "precision.duckdb"
    store_findings(
        [(article, dataclasses.replace(findings, events=(dataclasses.replace(first, where=whole_country),)))],
        db,
    )
    (row,) = list(csv.DictReader(io.StringIO(_export("csv", db))))
    assert (row["place"], row["place_precision"]) == ("Syria", "country")
    (feature,) = json.loads(_export("geojson", db))["features"]
    assert feature["properties"]["place_precision"] == "country"
