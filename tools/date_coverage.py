"""How many gold articles get a reference date, and how many events a day, read as a user would.

    .venv/bin/python tools/date_coverage.py [GOLD...] [--db FILE]

Ingests the input of every gold file (each `*.expected.json` names it under "input"; GOLD
defaults to tests/gold, all its parts) into a temporary store, without `--published`,
as `eventwire ingest FILE...` would, and prints: the articles that have a `published`
date of all articles, by `date_source`; and the events with a day (the store's
`events.date`, which is a day or null) of all events, then the same for event reports,
split between articles that got a date and those that did not (in an undated article
only an event with its own full date gets a day).
Only counts are printed, never the gold's contents, so the held-out parts stay unread.
`--db FILE` keeps the store for a closer look instead of a temporary one.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

from eventwire.store import ingest, open_store

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO / "tests" / "gold"
GOLD_SUFFIX = ".expected.json"


def gold_inputs(roots: list[Path]) -> list[Path]:
    """The input beside each gold file under the roots, in name order."""
    inputs = []
    for root in roots:
        gold_paths = sorted(root.rglob(f"*{GOLD_SUFFIX}")) if root.is_dir() else [root]
        for gold_path in gold_paths:
            name = json.loads(gold_path.read_text(encoding="utf-8")).get("input")
            if name and (gold_path.parent / name).is_file():
                inputs.append(gold_path.parent / name)
    return inputs


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
    return 1 if summary.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
