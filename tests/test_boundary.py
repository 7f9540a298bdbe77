"""The error boundary around every stage: a stage that fails on one article costs that
article one error line naming the source, the stage and the reason; the other articles
go on through `extract_iter`, the CLI and `ingest`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

import eventwire
from eventwire import places
from eventwire.boundary import record_failure
from eventwire.cli import app
from eventwire.errors import StageError
from eventwire.nlp import load_pipeline

RECORDS = [
    {
        "id": "wire-1",
        "published": "2024-05-06",
        "text": "KHARTOUM (Wire) — Sudan's army shelled positions of the Rapid Support Forces "
        "near Omdurman on Monday, residents said.",
    },
    {
        "id": "wire-2",
        "published": "2024-05-06",
        "text": "KASSALA, Sudan (Wire) — Aid agencies delivered food to 40,000 displaced people "
        "in Kassala on Monday, the United Nations said.",
    },
    {
        "id": "wire-3",
        "published": "2024-05-06",
        "text": "NAIROBI (Wire) — Kenya's foreign minister met Sudan's envoy in Nairobi on Monday "
        "to discuss a ceasefire.",
    },
]


@pytest.fixture
def wire_file(tmp_path: Path) -> Path:
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in RECORDS) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def places_fail_on_kassala(monkeypatch: pytest.MonkeyPatch) -> None:
    """The places stage raises on the one article that names Kassala."""
    found = places.find_places

    def failing(doc, weights):
        if "Kassala" in doc.text:
            raise RuntimeError("gazetteer index is corrupt\nsecond line of the message")
        return found(doc, weights)

    monkeypatch.setattr(places, "find_places", failing)


def test_a_stage_failing_on_one_article_is_one_error_in_its_place_and_the_others_go_on(
    wire_file, places_fail_on_kassala
):
    first, failed, third = eventwire.extract_iter(paths=wire_file)
    assert isinstance(failed, StageError)
    assert str(failed) == "wire-2: stage eventwire_places failed: RuntimeError: gazetteer index is corrupt"
    assert failed.stage == "eventwire_places"
    assert (first["source"], third["source"]) == ("wire-1", "wire-3")
    assert [e["type"] for e in first["events"]] == ["ASSAULT"]
    assert [p["name"] for p in third["places"]] == ["Nairobi", "Kenya", "Sudan"]


def test_extract_raises_the_stage_error_of_the_article_that_failed(wire_file, places_fail_on_kassala):
    with pytest.raises(StageError, match="wire-2: stage eventwire_places failed"):
        eventwire.extract(paths=wire_file)


def test_the_cli_prints_one_line_for_the_failed_article_and_the_others_as_json(
    wire_file, places_fail_on_kassala
):
    result = CliRunner().invoke(app, ["extract", str(wire_file)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    assert errors == [
        "error: wire-2: stage eventwire_places failed: RuntimeError: gazetteer index is corrupt"
    ]
    sources = [json.loads(line)["source"] for line in lines if line.startswith("{")]
    assert sources == ["wire-1", "wire-3"]
    assert "Traceback" not in result.output


def test_ingest_stores_the_other_articles_when_a_stage_fails_on_one(
    tmp_path, wire_file, places_fail_on_kassala
):
    from eventwire.store import ingest, open_store

    summary = ingest([str(wire_file)], db=tmp_path / "store.duckdb")
    assert summary.errors == [
        "wire-2: stage eventwire_places failed: RuntimeError: gazetteer index is corrupt"
    ]
    with open_store(tmp_path / "store.duckdb") as con:
        stored = [row[0] for row in con.execute("SELECT source FROM articles ORDER BY source").fetchall()]
    assert stored == ["wire-1", "wire-3"]


def test_the_stages_after_a_failure_leave_the_article_alone(places_fail_on_kassala):
    nlp = load_pipeline()
    doc = nlp(RECORDS[1]["text"])
    assert doc._.ew_failures == (("eventwire_places", "RuntimeError: gazetteer index is corrupt"),)
    assert doc._.ew_entities  # the stage before it ran
    assert doc._.ew_events == ()  # the stages after it did not


def test_a_plain_spacy_user_sees_the_exception_unless_a_handler_is_set(places_fail_on_kassala):
    nlp = spacy.blank("en")
    nlp.add_pipe("eventwire_places")
    with pytest.raises(RuntimeError, match="gazetteer index is corrupt"):
        nlp("Aid reached Kassala.")
    nlp.set_error_handler(record_failure)
    assert nlp("Aid reached Kassala.")._.ew_failures == (
        ("eventwire_places", "RuntimeError: gazetteer index is corrupt"),
    )


def test_a_body_longer_than_the_parser_takes_is_one_error(monkeypatch, tmp_path):
    monkeypatch.setattr(load_pipeline(), "max_length", 300)
    long_body = "GENEVA (Wire) — " + "Delegates met again on Monday to discuss the truce. " * 10
    path = tmp_path / "long.jsonl"
    records = [{"id": "long", "text": long_body}, RECORDS[2]]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    failed, kept = eventwire.extract_iter(paths=[path])
    assert isinstance(failed, StageError)
    assert str(failed).startswith("long: stage nlp failed: the body has 53")
    assert str(failed).endswith(" characters, more than the parser takes (300)")
    assert kept["source"] == "wire-3"
