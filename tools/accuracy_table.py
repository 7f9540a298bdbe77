"""Print the README's accuracy table: `eventwire eval` over the seed and the gold set.

usage: .venv/bin/python tools/accuracy_table.py
"""

from dataclasses import asdict
from pathlib import Path

from eventwire.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "000_e0df5a808a47a71b.expected.json"
ROWS = [
    ("articles found (segmentation)", "segmentation_matched", "segmentation_max"),
    ("body checks passed", "body_passed", "body_total"),
    ("people found", "people_found", "people_gold"),
    ("… with the right country", "people_country", "people_found"),
    ("… with the right role", "people_role", "people_found"),
    ("required quotes found", "quotes_required_found", "quotes_required"),
    ("quotes with the right speaker", "speaker_right", "quotes_found"),
    ("required places within 161 km", "places_found", "places_required"),
    ("dates resolved", "dates_found", "dates_gold"),
]


def column(counts, figures) -> list[str]:
    cells = [f"{counts[hit]}/{counts[total]}" for _, hit, total in ROWS]
    cells.append(
        f"{figures['events_precision']:.2f} / {figures['events_recall']:.2f} / {figures['events_f1']:.2f}"
    )
    cells.append(str(counts["forbidden_events"]))
    return cells


def main() -> None:
    seed = evaluate([SEED])
    gold = evaluate([ROOT / "tests" / "gold"])
    names = [name for name, _, _ in ROWS] + ["events P / R / F1", "forbidden events"]
    seed_cells = column(asdict(seed.counts()), seed.figures())
    gold_cells = column(asdict(gold.counts()), gold.figures())
    print(f"| figure | seed | gold set ({len(gold.files)} files) |")
    print("|---|---:|---:|")
    for name, s, g in zip(names, seed_cells, gold_cells, strict=True):
        print(f"| {name} | {s} | {g} |")


if __name__ == "__main__":
    main()
