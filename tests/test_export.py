"""Export: JSON Lines in the output contract, CSV in the ICEWS/POLECAT column order,
Parquet with lists kept, GeoJSON points, and the command that writes them; each actor
of a multi-actor event kept whole, unknown values NULL."""

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
from eventwire.export import COLUMNS, CSV_COLUMNS, ExportError, export
from eventwire.pipeline import article_record
from eventwire.store import store_findings
from store_records import joint_statement_pair, wire_pairs

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
    assert (first["date_rule"], first["date_text"], first["date_source"]) == ("when", "Sunday", "page")
    # The reporting articles in the order they were stored, with their addresses and headlines.
    assert first["article_ids"] == "a-reuters-ankara;a-gulf-ledger-ankara;a-afp-manbij"
    assert (
        first["article_urls"]
        == "https://wire.example/ankara-talks;https://gulfledger.example/world/ankara-hosts;"
    )
    assert first["article_titles"].split(";")[2] == "Turkish drone hits Kurdish-led fighters near Manbij"
    assert (first["quad"], first["published"], first["place_rule"]) == (
        "material conflict",
        "2025-03-10",
        "trigger-attached",
    )


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
        f"SELECT event_type, story_ids, source_actors, sources FROM '{out}' ORDER BY event_id"
    ).fetchall()
    assert len(rows) == 6
    drones = {"name": "Turkish forces", "sector": "MIL", "country": "TUR", "entity_id": "e4"}
    assert ("ASSAULT", ["a-afp-manbij", "a-reuters-ankara"], [drones], 3) in rows
    assert [column for column, *_ in duckdb.sql(f"DESCRIBE SELECT * FROM '{out}'").fetchall()] == list(
        COLUMNS
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


@pytest.fixture
def joint_db(tmp_path: Path) -> Path:
    db = tmp_path / "joint.duckdb"
    store_findings([joint_statement_pair()], db)
    return db


def test_csv_keeps_each_actor_whole_as_parallel_lists_in_actor_order(joint_db: Path):
    rows = list(csv.DictReader(io.StringIO(_export("csv", joint_db))))
    (condemned,) = [row for row in rows if row["cameo"] == "111"]
    assert {key: condemned[key] for key in CSV_COLUMNS if key.startswith("source_")} == {
        "source_actor": "United States;France;United Nations",
        "source_sector": "GOV;GOV;IGO",
        "source_country": "USA;FRA;",  # the UN has no country: its place stays, empty
        "source_entity_id": "u1;u2;u3",
    }
    assert (condemned["target_actor"], condemned["target_country"]) == ("Russian forces", "RUS")


def test_parquet_holds_each_side_as_a_list_of_whole_actors(joint_db: Path, tmp_path: Path):
    out = tmp_path / "joint.parquet"
    export("parquet", out, joint_db)
    actors, targets, place, mode = duckdb.sql(
        f"SELECT source_actors, target_actors, place, mode FROM '{out}' WHERE cameo = '030'"
    ).fetchall()[0]
    assert actors == [
        {"name": "United States", "sector": "GOV", "country": "USA", "entity_id": "u1"},
        {"name": "France", "sector": "GOV", "country": "FRA", "entity_id": "u2"},
    ]
    assert (targets, place, mode) == ([], "Ukraine", None)
    (un,) = duckdb.sql(f"SELECT source_actors[3] FROM '{out}' WHERE cameo = '111'").fetchall()[0]
    assert un == {"name": "United Nations", "sector": "IGO", "country": None, "entity_id": "u3"}


def test_unknown_values_are_null_and_cameo_stays_text(joint_db: Path, tmp_path: Path):
    out = tmp_path / "joint.parquet"
    export("parquet", out, joint_db)
    types = dict(
        duckdb.sql(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{out}')").fetchall()
    )
    assert (types["cameo"], types["date"], types["published"]) == ("VARCHAR", "DATE", "DATE")
    assert sorted(row[0] for row in duckdb.sql(f"SELECT cameo FROM '{out}'").fetchall())[0] == "030"
    (empty,) = duckdb.sql(
        f"""SELECT count(*) FROM '{out}' WHERE mode = '' OR context = '' OR place = ''
            OR place_country = '' OR place_precision = '' OR date_text = ''"""
    ).fetchall()[0]
    assert empty == 0
    (no_place,) = duckdb.sql(f"SELECT count(*) FROM '{out}' WHERE place IS NULL AND lat IS NULL").fetchall()[
        0
    ]
    assert no_place == 4


def test_geojson_actors_are_arrays_of_objects(joint_db: Path):
    features = json.loads(_export("geojson", joint_db))["features"]
    agreed = next(f["properties"] for f in features if f["properties"]["cameo"] == "030")
    assert [actor["country"] for actor in agreed["source_actors"]] == ["USA", "FRA"]
    assert (agreed["place_precision"], agreed["quad"], agreed["published"]) == (
        "country",
        "verbal cooperation",
        "2025-04-07",
    )


def test_export_takes_the_filters_of_events(wire_db: Path, tmp_path: Path):
    out = tmp_path / "assaults.csv"
    result = runner.invoke(
        app,
        ["export", "--format", "csv", "-o", str(out), "--type", "ASSAULT", "--near", "36.5,37.9,30",
         "--db", str(wire_db)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(row["event_type"], row["place"]) for row in rows] == [
        ("ASSAULT", "Manbij"),
        ("ASSAULT", "Manbij"),
    ]
    assert "exported 2 events" in result.stderr


def test_a_csv_with_no_matching_event_still_has_its_header(wire_db: Path):
    out = io.StringIO()
    from eventwire.store import EventQuery

    export("csv", db=wire_db, stream=out, query=EventQuery(type="SANCTION", limit=None))
    assert out.getvalue() == ",".join(CSV_COLUMNS) + "\n"


@pytest.mark.parametrize("target", ["missing-dir/x.csv", "a-directory", "a-file/x.csv"])
def test_an_output_that_cannot_be_written_is_one_line(wire_db: Path, tmp_path: Path, target: str):
    (tmp_path / "a-directory").mkdir()
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    path = tmp_path / target
    result = runner.invoke(app, ["export", "--format", "csv", "--output", str(path), "--db", str(wire_db)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {path}: ")


def test_jsonl_with_filters_keeps_the_articles_reporting_a_matching_event(wire_db: Path, tmp_path: Path):
    out = tmp_path / "haiti.jsonl"
    result = runner.invoke(app, ["export", "-o", str(out), "--country", "Haiti", "--db", str(wire_db)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [record["title"] for record in records] == ["Kenya sends more police to Haiti"]
    assert "exported 1 article to" in result.stderr
