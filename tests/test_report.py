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
from eventwire.report import (
    LABEL_SIDES,
    PLOT_LEFT,
    PLOT_RIGHT,
    _label_box,
    _map_markers,
    _MapView,
    build_report,
    md,
    plain,
    render_html,
    render_markdown,
    safe_url,
)
from eventwire.store import store_findings
from store_records import (
    AP_BODY,
    KENYA_BODY,
    TURKISH_DRONES,
    article,
    event,
    joint_statement_pair,
    wire_pairs,
)

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
        "Manbij, SYR — 3 sources (`evbecb1329ea78ad`)",
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
    # Four days, one bar a quad: 9 March two strikes; 10 March a meeting and an accusation.
    bars = re.findall(r'<rect class="([^"]+)"[^>]*><title>([^<]*)</title>', page)
    assert bars == [
        ("material-conflict", "2025-03-09: 2 events, 2 of material conflict"),
        ("verbal-cooperation", "2025-03-10: 2 events, 1 of verbal cooperation"),
        ("verbal-conflict", "2025-03-10: 2 events, 1 of verbal conflict"),
        ("material-cooperation", "2025-03-11: 1 event, 1 of material cooperation"),
        ("material-conflict", "2025-03-12: 1 event, 1 of material conflict"),
    ]
    assert re.findall(r'<text class="scale"[^>]*>(\d+)</text>', page) == ["0", "1", "2"]
    assert re.findall(r'<text class="date"[^>]*>([^<]+)</text>', page) == [
        "9 Mar",
        "10 Mar",
        "11 Mar",
        "12 Mar",
    ]
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
    # the whole escape sequence goes, not only its ESC
    assert md("red \x1b[31m alert\x07 [link](javascript:x)") == r"red alert \[link\](javascript:x)"
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


def test_one_day_of_events_is_one_narrow_bar_not_the_whole_axis(tmp_path: Path):
    db = tmp_path / "one-day.duckdb"
    aid = event(
        KENYA_BODY, "ev1", "AID", "Kenya sent a third contingent", (ActorRef("Kenya", "KEN", "GOV", None),)
    )
    store_findings(
        [(article("wire/kenya.txt", "Kenya deployment", KENYA_BODY, "2025-01-06"), Findings(events=(aid,)))],
        db,
    )
    page = render_html(build_report(db))
    (width,) = re.findall(r'<rect class="material-cooperation" x="[^"]+" y="[^"]+" width="([^"]+)"', page)
    plot = PLOT_RIGHT - PLOT_LEFT
    assert float(width) <= plot / 7


def _town(n: int) -> tuple:
    """Eight towns a few kilometres apart around Aleppo, as a crowded front line is."""
    names = ["Anadan", "Hayan", "Bayanoun", "Haritan", "Kafr Hamra", "Tal Rifaat", "Mayer", "Nubl"]
    return (names[n], "SYR", 36.29 + 0.03 * n, 37.05 + 0.02 * (n % 3), f"g{n}", "city")


def _residents(n: int) -> ActorRef:
    """Townspeople of no stored country: each town's shelling is an event of its own."""
    return ActorRef(f"residents of {_town(n)[0]}", None, "CVL", None)


def test_crowded_map_labels_do_not_print_over_each_other(tmp_path: Path):
    db = tmp_path / "crowded.duckdb"
    drones = (TURKISH_DRONES,)
    shelled = "Turkish forces shelled an SDF checkpoint on the northern edge of Aleppo on Sunday"
    events = tuple(
        event(AP_BODY, f"ev{n}", "ASSAULT", shelled, drones, (_residents(n),), where=_town(n))
        for n in range(8)
    )
    store_findings(
        [(article("wire/ap.txt", "Shelling near Aleppo", AP_BODY, "2025-03-12"), Findings(events=events))], db
    )
    report = build_report(db)
    markers = _map_markers(report.points, _MapView.around(report.points))
    labelled = [m for m in markers if m["label"]]
    # At the map's scale the eight towns are one spot: the busiest (first by name of
    # equals) speaks for them, the others keep their circles and are named in its tooltip.
    assert [m["text"] for m in labelled] == ["Anadan +7"]
    assert markers[0]["title"].endswith(
        "; nearby: Bayanoun, Haritan, Hayan, Kafr Hamra, Mayer, Nubl, Tal Rifaat"
    )
    page = render_html(report)
    assert page.count("<circle ") == 8
    assert re.findall(r"<text class=\"(desktop|phone)\" x=[^>]*>([^<]*)</text>", page) == [
        ("desktop", "Anadan +7"),
        ("phone", "Anadan +7"),
    ]
    assert "7 crowded places without a label of their own" not in page
    assert "7 crowded places without a label of its own" in page


def test_labels_never_overlap_and_touching_places_share_one(wire_db: Path):
    report = build_report(wire_db)
    markers = _map_markers(report.points, _MapView.around(report.points))
    boxes = [
        box
        for m in markers
        for side in LABEL_SIDES
        for box, where in [_label_box(m["cx"], m["cy"], m["r"], m["text"], m["font"], side)]
        if where == m["label"]
    ]
    # Aleppo's circle touches Manbij's, 80 km away: one label for both.
    assert [m["text"] for m in markers if m["label"]] == ["Manbij +1", "Ankara", "Port-au-Prince"]
    assert len(boxes) == 3
    assert not any(a.overlaps(b) for n, a in enumerate(boxes) for b in boxes[n + 1 :])


def test_key_events_rank_by_sources_then_severity_then_confidence(tmp_path: Path):
    db = tmp_path / "ranked.duckdb"
    kenya, haiti = (ActorRef("Kenya", "KEN", "GOV", None),), (ActorRef("Haiti", "HTI", "GOV", None),)
    met = event(KENYA_BODY, "ev1", "CONSULT", "Kenya sent a third contingent", kenya, haiti)
    struck = event(KENYA_BODY, "ev2", "ASSAULT", "Kenya sent a third contingent", kenya, haiti)
    sure = dataclasses.replace(
        event(KENYA_BODY, "ev3", "ASSAULT", "Kenya sent a third contingent", kenya), confidence=0.95
    )
    pairs = [
        (article("wire/a.txt", "Talks", KENYA_BODY + " a", "2025-01-09"), Findings(events=(met,))),
        (article("wire/b.txt", "Strike", KENYA_BODY + " b", "2025-01-02"), Findings(events=(struck,))),
        (article("wire/c.txt", "Strike, sure", KENYA_BODY + " c", "2025-01-01"), Findings(events=(sure,))),
    ]
    store_findings(pairs, db)
    ranked = [(e.type, e.date.isoformat(), e.confidence) for e in build_report(db).key_events]
    # The meeting is the latest, but an attack as widely reported is graver; of two
    # attacks the surer comes first.
    assert ranked == [
        ("ASSAULT", "2025-01-01", 0.95),
        ("ASSAULT", "2025-01-02", 0.8),
        ("CONSULT", "2025-01-09", 0.8),
    ]
