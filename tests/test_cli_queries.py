"""The commands that read the database: `events` (complete machine formats, a table that
says how much it shows, checked filters), `show`, `codes`; on the hand-made wire
articles of store_records.py."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.export import CSV_COLUMNS
from eventwire.store import open_store, store_findings
from store_records import hostile_pair, joint_statement_pair, wire_pairs

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def many_db(tmp_path: Path) -> Path:
    """The wire articles and the joint statement: 12 events."""
    db = tmp_path / "many.duckdb"
    store_findings([*wire_pairs(), joint_statement_pair()], db)
    return db


def test_machine_formats_are_complete_unless_a_limit_is_given(many_db: Path):
    code, out, _ = _run("events", "--format", "json", "--db", str(many_db))
    assert code == 0
    assert len(json.loads(out)) == 12
    code, out, _ = _run("events", "--format", "csv", "--limit", "3", "--db", str(many_db))
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 4


def test_json_events_keep_each_actor_whole(many_db: Path):
    _, out, _ = _run("events", "--format", "json", "--type", "111", "--actor", "France", "--db", str(many_db))
    (condemned,) = json.loads(out)
    assert [(a["name"], a["country"]) for a in condemned["source_actors"]] == [
        ("United States", "USA"),
        ("France", "FRA"),
        ("United Nations", None),
    ]


def test_the_table_says_how_many_of_how_many_and_gives_ids(many_db: Path):
    code, out, _ = _run("events", "--limit", "2", "--db", str(many_db))
    assert code == 0
    assert out.lstrip().startswith("2 of 12 events")
    assert out.count(" ev") >= 2
    _, out, _ = _run("events", "--type", "SANCTION", "--db", str(many_db))
    assert out.lstrip().startswith("0 events")
    _, out, _ = _run("events", "--type", "THREATEN", "--db", str(many_db))
    assert out.split()[:3] == ["1", "event", "id"]


def test_a_csv_with_no_event_still_has_its_header(many_db: Path):
    _, out, _ = _run("events", "--format", "csv", "--type", "SANCTION", "--db", str(many_db))
    assert out == ",".join(CSV_COLUMNS) + "\n"


def test_an_unknown_type_lists_the_types_and_suggests_the_closest(many_db: Path):
    code, _, err = _run("events", "--type", "ATTACK", "--db", str(many_db))
    assert code == 2
    assert "'ATTACK' is not a PLOVER event type; eventwire codes 'attack' as ASSAULT" in err
    assert "AGREE, CONSULT, SUPPORT" in err
    _, _, err = _run("events", "--type", "PROTESTS", "--db", str(many_db))
    assert "did you mean PROTEST" in err


def test_a_cameo_code_selects_the_events_it_starts(many_db: Path):
    _, out, _ = _run("events", "--format", "json", "--type", "19", "--db", str(many_db))
    assert sorted(event["cameo"] for event in json.loads(out)) == ["194", "195", "195", "195"]


def test_a_country_by_name_is_its_iso_code(many_db: Path):
    _, by_name, _ = _run("events", "--format", "json", "--country", "Syria", "--db", str(many_db))
    _, by_code, _ = _run("events", "--format", "json", "--country", "SYR", "--db", str(many_db))
    assert by_name == by_code and len(json.loads(by_name)) == 4
    code, _, err = _run("events", "--country", "Syrai", "--db", str(many_db))
    assert code == 2 and "did you mean Syria" in err


def test_since_after_until_is_an_error(many_db: Path):
    code, _, err = _run("events", "--since", "2025-03-12", "--until", "2025-03-01", "--db", str(many_db))
    assert code == 2
    assert "--since 2025-03-12 is after --until 2025-03-01" in err


def test_show_prints_the_event_with_every_report_and_its_evidence_marked(many_db: Path):
    _, out, _ = _run(
        "events", "--format", "json", "--type", "195", "--near", "36.5,37.9,10", "--db", str(many_db)
    )
    strike = next(event for event in json.loads(out) if event["sources"] == 3)
    code, out, _ = _run("show", strike["event_id"][:8], "--db", str(many_db))
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == (
        f"{strike['event_id']}  ASSAULT / drone (material conflict), CAMEO 195 Employ aerial weapons"
    )
    assert "  Turkish forces (TUR MIL) [e4]" in lines
    assert "where: Manbij, SYR  (rule: trigger-attached)" in lines
    assert "when: 2025-03-09  (rule: when), from 'Sunday'" in lines
    assert [line for line in lines if line.startswith("report ")] == [
        "report 1: Turkey, Syria defence chiefs meet in Ankara as drones hit Kurdish fighters",
        "report 2: Ankara hosts Syria's defence minister",
        "report 3: Turkish drone hits Kurdish-led fighters near Manbij",
    ]
    assert "source: wire/reuters-ankara.txt  https://wire.example/ankara-talks" in lines
    assert "published 2025-03-10 (from the page)" in lines
    assert (
        "»Turkish drones struck positions of the Kurdish-led Syrian Democratic Forces near Manbij on Sunday«"
        " , a war monitor said. The SDF said two of its fighters were wounded." not in out
    )
    assert (
        "»Turkish drones struck positions of the Kurdish-led Syrian Democratic Forces near Manbij on " in out
    )


def test_show_an_unknown_event_says_so(many_db: Path):
    code, _, err = _run("show", "evnothing", "--db", str(many_db))
    assert code == 2
    assert "no event 'evnothing' in the database" in err


def test_codes_looks_up_types_modes_and_cameo_codes():
    code, out, _ = _run("codes")
    assert code == 0 and out.count("cooperation") >= 7 and "ASSAULT" in out
    _, out, _ = _run("codes", "195")
    assert "Employ aerial weapons" in out and "ASSAULT" in out
    _, out, _ = _run("codes", "drone")
    assert "ASSAULT" in out and "CONSULT" not in out
    code, _, err = _run("codes", "nothing-like-this")
    assert code == 1 and "matches 'nothing-like-this'" in err


def test_actors_count_the_us_government_once_under_its_five_names(many_db: Path):
    code, out, _ = _run("actors", "--format", "json", "--db", str(many_db))
    assert code == 0
    rows = json.loads(out)
    us = [row for row in rows if row["country"] == "USA"]
    assert [
        (row["name"], row["actor_type"], row["events"], row["as_source"], row["as_target"]) for row in us
    ] == [("United States", "GOV", 6, 5, 1)]
    assert sorted(us[0]["names"]) == ["U.S.", "US", "United States", "WASHINGTON", "White House"]
    # Moscow, a capital, is Russia's government; Russian forces stay an actor of their own.
    assert {row["name"] for row in rows if row["country"] == "RUS"} == {"Russia", "Russian forces"}


def test_every_csv_listing_has_its_header_even_with_no_row(tmp_path: Path):
    empty = tmp_path / "empty.duckdb"
    with open_store(empty):
        pass  # a new database: every table, no row
    for command, first in (("actors", "name,country,actor_type"), ("quotes", "speaker,text,kind")):
        code, out, _ = _run(command, "--format", "csv", "--db", str(empty))
        assert code == 0
        assert out.startswith(first) and out.count("\n") == 1


def test_show_marks_an_event_only_the_headline_tells_in_the_headline(tmp_path: Path):
    import dataclasses

    from store_records import KENYA, event

    pair = wire_pairs()[4]  # "Kenya sends more police to Haiti"
    article, findings = pair
    title = article.title
    headline_event = dataclasses.replace(
        event(title, "ev9", "AID", "Kenya sends more police to Haiti", (KENYA,)), in_title=True
    )
    db = tmp_path / "headline.duckdb"
    store_findings([(article, dataclasses.replace(findings, events=(headline_event,)))], db)
    _, out, _ = _run("events", "--format", "json", "--db", str(db))
    (only,) = json.loads(out)
    code, out, _ = _run("show", only["event_id"], "--db", str(db))
    assert code == 0
    assert out.splitlines()[-1] == "»Kenya sends more police to Haiti«"


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    """One article whose headline, actors, place and evidence carry terminal escapes."""
    db = tmp_path / "hostile.duckdb"
    store_findings([hostile_pair()], db)
    return db


CONTROL_OR_BIDI = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("command", [("events",), ("export",)])
def test_csv_of_events_drops_control_and_bidi_characters_unless_raw(hostile_db: Path, command: tuple[str]):
    _, plain_csv, _ = _run(*command, "--format", "csv", "--db", str(hostile_db))
    assert not CONTROL_OR_BIDI.search(plain_csv)
    row = dict(zip(*csv.reader(io.StringIO(plain_csv)), strict=True))
    assert row["source_actor"] == "Azerbaijani troops"
    assert row["place"] == "Nerkin Hand"
    assert "shelled Armenian positions" in row["evidence"]
    assert row["article_titles"].startswith("'=HYPERLINK")  # the formula hidden behind a bidi mark is defused
    _, raw_csv, _ = _run(*command, "--format", "csv", "--raw", "--db", str(hostile_db))
    assert "\x1b]8;;https://evil.example\x07" in raw_csv
    assert "\u202eNerkin Hand" in raw_csv


@pytest.mark.parametrize(
    "args",
    [
        ("events", "--format", "json"),
        ("events", "--format", "csv"),
        ("events",),
        ("actors", "--format", "csv"),
        ("quotes", "--format", "json"),
        ("export", "--format", "jsonl"),
    ],
)
def test_every_listing_writes_to_the_file_given_with_output(
    many_db: Path, tmp_path: Path, args: tuple[str, ...]
):
    _, to_stdout, _ = _run(*args, "--db", str(many_db))
    target = tmp_path / "out.txt"
    code, out, _ = _run(*args, "-o", str(target), "--db", str(many_db))
    assert code == 0
    assert out == ""
    assert target.read_text(encoding="utf-8") == to_stdout


def test_output_to_a_directory_that_does_not_exist_is_one_line(many_db: Path, tmp_path: Path):
    code, out, err = _run("events", "-o", str(tmp_path / "no" / "such" / "dir.csv"), "--db", str(many_db))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "dir.csv" in err


def test_report_output_by_suffix_is_markdown_or_the_html_page(many_db: Path, tmp_path: Path):
    markdown, page = tmp_path / "r.md", tmp_path / "r.html"
    assert _run("report", "-o", str(markdown), "--db", str(many_db))[0] == 0
    assert markdown.read_text(encoding="utf-8").startswith("#")
    code, out, _ = _run("report", "-o", str(page), "--db", str(many_db))
    assert code == 0 and out == ""
    assert "<html" in page.read_text(encoding="utf-8").lower()
    other = tmp_path / "other.html"
    code, _, err = _run("report", "-o", str(page), "--html", str(other), "--db", str(many_db))
    assert code == 2 and "two HTML files" in err
