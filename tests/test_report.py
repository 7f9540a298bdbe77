"""The situation report: figures, sections and citations in Markdown and HTML, filters,
an HTML page that opens offline, and scraped text that stays inert however hostile."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.records import ActorRef, Caption, Entity, Findings, Mention, Quote
from eventwire.report import build_report, md, plain, render_html, render_markdown, safe_url
from eventwire.store import store_findings
from store_records import KENYA_BODY, article, event, joint_statement_pair, wire_pairs

runner = CliRunner()


def test_markdown_report_gives_figures_sections_and_cites_each_line(wire_db: Path):
    text = render_markdown(build_report(wire_db))
    assert text.startswith("# Situation report: all countries\n")
    assert "- 6 events reported by 9 sources (5 articles in 4 stories), 2025-03-09 to 2025-03-12" in text
    assert (
        "- Most active pair: Turkish forces (TUR MIL) → Syrian Democratic Forces (SYR REB) (3 events)" in text
    )
    assert "| ASSAULT | material conflict | 3 | 5 |" in text
    assert "| Turkish forces (TUR MIL) | Syrian Democratic Forces (SYR REB) | 3 | ASSAULT |" in text
    assert "| 2025-03-11 | ██████ 1 |" in text
    key_events = text.split("## Key events\n\n")[1]
    first_event = key_events.split("\n\n")[0]
    assert first_event.splitlines() == [
        "1. **2025-03-09 · ASSAULT (drone)** Turkish forces (TUR MIL) → Syrian Democratic Forces (SYR REB), "
        "Manbij, SYR — 3 sources",
        "   > Turkish drones struck positions of the Kurdish-led Syrian Democratic Forces near Manbij "
        "on Sunday",
        "   — *Turkey, Syria defence chiefs meet in Ankara as drones hit Kurdish fighters* "
        "(wire/reuters-ankara.txt); *Ankara hosts Syria's defence minister* "
        "(sites/gulf-ledger-ankara.txt); *Turkish drone hits Kurdish-led fighters near Manbij* "
        "(wire/afp-manbij.txt)",
    ]
    assert (
        "- **Yasar Guler** (1 quote in 2 articles)\n"
        "  - “We will stand by the Syrian people as they rebuild their armed forces” — "
        "*Turkey, Syria defence chiefs meet in Ankara as drones hit Kurdish fighters* "
        "(wire/reuters-ankara.txt)"
    ) in text


def test_country_and_dates_narrow_events_and_quotes(wire_db: Path):
    report = build_report(wire_db, country="hti", since=dt.date(2025, 3, 10), until=dt.date(2025, 3, 12))
    assert report.title == "Situation report: Haiti (HTI), 2025-03-10 to 2025-03-12"
    assert [event.type for event in report.key_events] == ["AID"]
    assert [speaker.name for speaker in report.speakers] == ["Kipchumba Murkomen"]
    assert report.timeline == ((dt.date(2025, 3, 11), 1),)


def test_a_report_with_no_matching_events_says_so(wire_db: Path):
    report = build_report(wire_db, since=dt.date(2030, 1, 1))
    assert report.figures == ("No events in the store match this report's filters.",)
    assert "## Key events" not in render_markdown(report)


def test_html_report_is_self_contained_with_a_map_and_a_timeline(wire_db: Path):
    page = render_html(build_report(wire_db))
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert not re.search(r"<(link|img|iframe|object|embed)\b", page, re.IGNORECASE)
    assert not re.search(r"\bsrc=|@import|url\(", page, re.IGNORECASE)
    assert page.count('<path class="land"') > 100 and '<path class="border"' in page
    assert page.count("<circle ") == 4  # Manbij, Aleppo, Ankara, Port-au-Prince
    assert page.count("<rect ") == 4  # four days
    assert '<a href="https://wire.example/ankara-talks" rel="noopener noreferrer nofollow">' in page


def test_timeline_buckets_by_week_over_a_long_period(tmp_path: Path):
    db = tmp_path / "long.duckdb"
    aid = event(
        KENYA_BODY, "ev1", "AID", "Kenya sent a third contingent", (ActorRef("Kenya", "KEN", "GOV", None),)
    )
    pairs = [
        (
            article(f"wire/kenya-{n}.txt", f"Kenya deployment {n}", KENYA_BODY + f" Day {n}.", day),
            Findings(events=(aid,)),
        )
        for n, day in enumerate(["2025-01-06", "2025-02-20", "2025-04-01"])
    ]
    store_findings(pairs, db)
    report = build_report(db)
    assert report.bucket == "week"
    assert report.timeline[0] == (dt.date(2025, 1, 6), 1) and report.timeline[-1] == (dt.date(2025, 3, 31), 1)
    assert sum(count for _, count in report.timeline) == 3


def test_map_draws_a_country_level_point_as_a_ring_not_a_town(tmp_path: Path):
    db = tmp_path / "precision.duckdb"
    kenya = (ActorRef("Kenya", "KEN", "GOV", None),)
    in_country = event(
        KENYA_BODY, "ev1", "AID", "Kenya sent a third contingent", kenya,
        where=("Haiti", "HTI", 19.0, -72.4, "3723988", "country"),
    )  # fmt: skip
    in_town = event(
        KENYA_BODY, "ev2", "MOBILIZE", "Kenya sent a third contingent", kenya,
        where=("Port-au-Prince", "HTI", 18.54, -72.34, "3718426", "city"),
    )  # fmt: skip
    store_findings([(article("wire/kenya.txt", "Kenya deployment", KENYA_BODY, "2025-01-06"),
                     Findings(events=(in_country, in_town)))], db)  # fmt: skip
    page = render_html(build_report(db))
    circles = re.findall(r'<circle class="([^"]*)"[^>]*><title>([^<]*)</title>', page)
    assert sorted(circles) == [
        ("material-conflict", "Port-au-Prince: 1 event, 1 source"),
        ("material-cooperation area", "Haiti (country-level point): 1 event, 1 source"),
    ]


# ---------------------------------------------------------------------------- hostile input

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
LINK = '<a href="javascript:alert(2)">click</a>'


def _hostile_pairs():
    """The Reuters story with scripts, handlers and javascript: links in every text field."""
    original, findings = wire_pairs()[0]
    body = original.body.replace("ANKARA (Reuters) - ", f"ANKARA (Reuters) - {IMG} ", 1)
    shift = len(IMG) + 1
    hostile = dataclasses.replace(
        original,
        id="a-hostile",
        source=f"evil/{SCRIPT}.txt",
        title=f"Drones hit Manbij {SCRIPT}",
        body=body,
        url="javascript:alert(3)",
        captions=(Caption(f"Caption {IMG}", f"Photo {LINK}"),),
        content_hash="",
        minhash=(),
    )
    events = tuple(
        dataclasses.replace(
            e,
            evidence=f"{e.evidence} {SCRIPT}",
            start=e.start + shift,
            end=e.end + shift,
            source=tuple(dataclasses.replace(actor, name=f"{actor.name} {IMG}") for actor in e.source),
        )
        for e in findings.events
    )
    entity = Entity(
        "e9", f"Mallory {SCRIPT}", "PERSON", "TUR", f"{LINK} spokesman", "GOV", (Mention("x", 0, 1),)
    )
    quotes = (Quote("q9", f"We will {SCRIPT} and {LINK}", "direct", f"Mallory {IMG}", "e9", "said", 0, 1),)
    return [(hostile, Findings(entities=(entity,), quotes=quotes, events=events))]


def test_scripts_handlers_and_javascript_links_from_articles_stay_inert_in_html(tmp_path: Path):
    db = tmp_path / "hostile.duckdb"
    store_findings(_hostile_pairs(), db)
    page = render_html(build_report(db))
    assert "<script" not in page.lower()
    assert not re.search(r"<[^>]*\bonerror\s*=", page, re.IGNORECASE)
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", page, re.IGNORECASE)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page  # shown, as text
    assert "Mallory &lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
    assert "We will &lt;script&gt;" in page


def test_hostile_text_in_markdown_is_escaped_and_loses_control_characters(tmp_path: Path):
    db = tmp_path / "hostile.duckdb"
    store_findings(_hostile_pairs(), db)
    text = render_markdown(build_report(db))
    assert not re.search(r"(?<!\\)<", text)  # every < escaped: Markdown renders it as text, never a tag
    assert r"\<script\>alert('x')\</script\>" in text
    assert md("red \x1b[31m alert\x07 [link](javascript:x)") == r"red \[31m alert \[link\](javascript:x)"
    assert plain("line\nbreak\u202e reversed") == "line break reversed"


def test_only_http_links_are_kept():
    assert safe_url("https://news.example/a?b=1") == "https://news.example/a?b=1"
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html;base64,xx") is None
    assert safe_url("//no-scheme.example") is None


def test_report_command_writes_the_html_file_and_prints_markdown_only_when_asked(
    wire_db: Path, tmp_path: Path
):
    html = tmp_path / "syria.html"
    result = runner.invoke(app, ["report", "--db", str(wire_db), "--country", "Syria", "--html", str(html)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"wrote {html}\n"
    assert html.read_text(encoding="utf-8").count("<circle ") == 2  # Manbij and Aleppo
    both = runner.invoke(
        app, ["report", "--db", str(wire_db), "--country", "SYR", "--html", str(html), "--markdown"]
    )
    assert both.stdout.startswith("# Situation report: Syria (SYR)\n")
    alone = runner.invoke(app, ["report", "--db", str(wire_db), "--country", "SYR"])
    assert alone.stdout.startswith("# Situation report: Syria (SYR)\n")


def test_an_html_report_that_cannot_be_written_is_one_line(wire_db: Path, tmp_path: Path):
    result = runner.invoke(app, ["report", "--db", str(wire_db), "--html", str(tmp_path / "no" / "r.html")])
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'no' / 'r.html'}: no such directory {tmp_path / 'no'}\n"


def test_actor_pairs_count_one_actor_under_one_identity(tmp_path: Path):
    db = tmp_path / "joint.duckdb"
    store_findings([joint_statement_pair()], db)
    report = build_report(db)
    pairs = {(source, target): count for source, target, count, _ in report.by_pair}
    # 'The White House accused Russian forces' and 'The United States ... condemned' are
    # both the United States's government; WASHINGTON warning Moscow is the US and Russia.
    assert pairs[("United States (USA GOV)", "Russian forces (RUS MIL)")] == 1
    assert pairs[("United States (USA GOV)", "Russia (RUS GOV)")] == 1
    assert not any("White House" in source or "WASHINGTON" in source for source, _ in pairs)
