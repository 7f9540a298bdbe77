"""How many gold articles get a reference date, and how many events a day, read as a user would.

    .venv/bin/python tools/date_coverage.py [GOLD...] [--db FILE]

Ingests the input of every gold file (each `*.expected.json` names it under "input"; GOLD
defaults to tests/gold, all its parts) into a temporary store, without `--published`,
as `eventwire ingest FILE...` would, and prints: the articles that have a `published`
date of all articles, by `date_source`; and the events with a day (the store's
`events.date`, which is a day or null) of all events, then the same for event reports,
split between articles that got a date and those that did not (in an undated article
only an event with its own full date gets a day).

Last, the figure of issue 13: the share of event reports with a day *where the text
gives one*. The text gives an event a day when the event's own time expression names a
day, or when it has none (or one that names no time: 'recent days') and its article
gives a date: the one eventwire read, or the gold's reference date written in the input
(in one of the usual English or numeric forms) although eventwire read none, which
counts as a miss. An event dated only by a month, a week or a year ('In February 2023',
'last week') is not counted, nor one in an article whose text gives no date at all.
Only counts are printed, never the gold's contents, so the held-out parts stay unread.
`--db FILE` keeps the store for a closer look instead of a temporary one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import re
import sys
import tempfile
from pathlib import Path

from eventwire.clean.article_dates import find_dates
from eventwire.store import ingest, open_store

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO / "tests" / "gold"
GOLD_SUFFIX = ".expected.json"
MONTHS = "January February March April May June July August September October November December".split()
DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def gold_inputs(roots: list[Path]) -> dict[Path, dict]:
    """The input beside each gold file under the roots, in name order, with its gold."""
    inputs = {}
    for root in roots:
        gold_paths = sorted(root.rglob(f"*{GOLD_SUFFIX}")) if root.is_dir() else [root]
        for gold_path in gold_paths:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            name = gold.get("input")
            if name and (gold_path.parent / name).is_file():
                inputs[gold_path.parent / name] = gold
    return inputs


def written_reference_dates(inputs: dict[Path, dict]) -> dict[str, list[bool]]:
    """Input path -> for each gold article in order, whether the input writes its
    reference date (only counted, never printed)."""
    written = {}
    for input_path, gold in inputs.items():
        text = input_path.read_text(encoding="utf-8", errors="replace")
        days = set(find_dates(text))
        lowered = text.lower()
        written[str(input_path.resolve())] = [
            _is_written(article.get("published") or gold.get("published"), days, lowered)
            for article in gold.get("articles", [])
        ]
    return written


def _is_written(reference: str | None, days: set[dt.date], lowered: str) -> bool:
    if not reference:
        return False
    day = dt.date.fromisoformat(reference)
    month = MONTHS[day.month - 1]
    forms = (
        f"{day.day} {month} {day.year}",
        f"{month} {day.day}, {day.year}",
        f"{day.day}/{day.month}/{day.year}",
    )
    return day in days or any(form.lower() in lowered for form in forms)


def given_day_coverage(db: Path, written: dict[str, list[bool]]) -> list[str]:
    """The lines of the figure 'events with a day where the text gives one'."""
    with open_store(db, read_only=True) as con:
        rows = con.execute(
            "SELECT d.source, a.id, a.published IS NOT NULL, r.when_text, r.when_value, r.date IS NOT NULL "
            "FROM event_reports r JOIN articles a ON a.id = r.article_id "
            "JOIN documents d ON d.id = a.document_id"
        ).fetchall()
        order = con.execute(
            "SELECT d.source, a.id FROM articles a JOIN documents d ON d.id = a.document_id "
            "ORDER BY d.source, a.seq"
        ).fetchall()
    position: dict[str, int] = {}  # article id -> its place among its input's articles
    seen: dict[str, int] = {}
    for source, article_id in order:
        position[article_id] = seen.get(source, 0)
        seen[source] = position[article_id] + 1
    counted = hits = coarse = vague = no_date = missed_articles_events = 0
    for source, article_id, dated, when_text, when_value, has_day in rows:
        gold_written = written.get(str(Path(source).resolve()), [])
        index = position[article_id]
        text_dated = dated or (index < len(gold_written) and gold_written[index])
        if when_value and not DAY_VALUE.match(when_value):
            coarse += 1
            continue
        if when_text and not when_value and dated:
            vague += 1
            continue
        if not has_day and not text_dated:
            no_date += 1
            continue
        counted += 1
        hits += has_day
        missed_articles_events += not dated and text_dated
    return [
        f"events with a day where the text gives one: {hits}/{counted} ({_share(hits, counted)})",
        f"  of them in articles whose written date eventwire missed: {missed_articles_events}",
        f"  not counted: dated by a month, week or year {coarse}; a time that names no day {vague}; "
        f"article gives no date {no_date}",
    ]


def coverage(db: Path) -> list[str]:
    """The lines of the report for a store."""
    with open_store(db, read_only=True) as con:
        by_source = con.execute(
            "SELECT coalesce(date_source, 'none'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall()
        dated, articles = con.execute("SELECT count(published), count(*) FROM articles").fetchone()
        days, events = con.execute("SELECT count(date), count(*) FROM events").fetchone()
        report_days, reports = con.execute("SELECT count(date), count(*) FROM event_reports").fetchone()
        split = con.execute(
            "SELECT a.published IS NOT NULL, count(r.date), count(*) FROM event_reports r "
            "JOIN articles a ON a.id = r.article_id GROUP BY 1"
        ).fetchall()
    by_dated = {dated: (days, total) for dated, days, total in split}
    lines = [f"articles with a date: {dated}/{articles} ({_share(dated, articles)})"]
    lines += [f"  date_source {source}: {count}" for source, count in by_source]
    lines.append(f"events with a day: {days}/{events} ({_share(days, events)})")
    lines.append(f"event reports with a day: {report_days}/{reports} ({_share(report_days, reports)})")
    for dated, label in ((True, "dated"), (False, "undated")):
        days_in, total_in = by_dated.get(dated, (0, 0))
        lines.append(f"  in {label} articles: {days_in}/{total_in} ({_share(days_in, total_in)})")
    return lines


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, default=[DEFAULT_GOLD])
    parser.add_argument("--db", type=Path, help="keep the store here (default: a temporary one)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s: %(message)s")
    inputs = gold_inputs(args.gold)
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "coverage.duckdb"
        summary = ingest([str(path) for path in inputs], db)
        for error in summary.errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"{len(inputs)} gold inputs, ingested without --published")
        print("\n".join(coverage(db)))
        print("\n".join(given_day_coverage(db, written_reference_dates(inputs))))
    return 1 if summary.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
