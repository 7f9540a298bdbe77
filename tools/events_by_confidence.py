"""Event precision and recall at confidence thresholds, over gold files.

    .venv/bin/python tools/events_by_confidence.py [GOLD...] [--at 0.5 --at 0.8] [--dump DIR]

Runs the pipeline once on each gold file's input (as `eventwire eval` does), then scores
the events again keeping only those with `confidence` >= each threshold, and prints the
micro-averaged events precision, recall, F1 and forbidden count per threshold: how far an
analyst can trust the events above a confidence. GOLD defaults to tests/gold and the seed
(../shared/seed) when it is there. `--dump DIR` writes each input's output records to
DIR/NAME.jsonl for a closer look.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from eventwire.evaluate import (
    EvalReport,
    extract_records,
    gold_files,
    gold_name,
    input_beside,
    load_gold,
    reference_date,
    score_file,
)

LOG = logging.getLogger("events_by_confidence")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = [REPO / "tests" / "gold", REPO.parent / "shared" / "seed"]
DEFAULT_THRESHOLDS = (0.0, 0.5, 0.8)


def above(records: list[dict[str, Any]], threshold: float) -> list[dict[str, Any]]:
    """The records with only the events whose confidence reaches the threshold."""
    return [
        {**r, "events": [e for e in r.get("events") or [] if e["confidence"] >= threshold]} for r in records
    ]


def run(gold_paths: list[Path], thresholds: list[float], dump: Path | None) -> list[tuple[float, dict]]:
    readings = []
    for gold_path in gold_files(gold_paths):
        gold = load_gold(gold_path)
        input_path = input_beside(gold_path, gold)
        records = extract_records(input_path, reference_date(gold))
        readings.append((gold_name(gold_path), gold, records))
        if dump is not None:
            dump.mkdir(parents=True, exist_ok=True)
            lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
            (dump / f"{input_path.stem}.jsonl").write_text(lines, encoding="utf-8")
    results = []
    for threshold in thresholds:
        files = tuple(
            score_file(gold, above(records, threshold), name=name) for name, gold, records in readings
        )
        results.append((threshold, EvalReport(name="+".join(map(str, gold_paths)), files=files).figures()))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "gold", nargs="*", type=Path, help="gold files or folders (default: tests/gold and the seed)"
    )
    parser.add_argument("--at", type=float, action="append", help="a confidence threshold (repeatable)")
    parser.add_argument("--dump", type=Path, help="write each input's output records to this folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    gold = args.gold or [path for path in DEFAULT_GOLD if path.exists()]
    thresholds = sorted(set(args.at or DEFAULT_THRESHOLDS))
    LOG.info("%-10s %9s %7s %7s %9s", "confidence", "precision", "recall", "F1", "forbidden")
    for threshold, figures in run(gold, thresholds, args.dump):
        LOG.info(
            ">= %-7.2f %9.3f %7.3f %7.3f %9d",
            threshold,
            figures["events_precision"],
            figures["events_recall"],
            figures["events_f1"],
            figures["forbidden_events"],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
