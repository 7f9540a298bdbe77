"""Print the README's accuracy tables: `eventwire eval` over the seed and each part of
the gold set (tuned, heldout, blind, shapes, geo-tuned, geo-heldout), then event precision and recall per
PLOVER type for each part that has events. `shapes` scores pages only (headlines,
publishers, the article's own date, live-blog entries; no events); the geo parts places and people.

usage: .venv/bin/python tools/accuracy_table.py
"""

from dataclasses import asdict
from pathlib import Path

from eventwire.evaluate import EvalReport, evaluate

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "000_e0df5a808a47a71b.expected.json"
PARTS = ("tuned", "heldout", "blind", "blind2", "shapes", "geo-tuned", "geo-heldout")
EVENT_PARTS = ("tuned", "heldout", "blind", "blind2")
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
    ("headlines right", "headlines_right", "headlines_gold"),
    ("publisher right", "publishers_right", "publishers_gold"),
    ("article's own date and its source", "article_dates_right", "article_dates_gold"),
    ("live-blog entries: time and day", "entries_right", "entries_gold"),
    ("reference date found with no --published", "dated_from_text", "dated_gold"),
]


def column(report: EvalReport) -> list[str]:
    counts, figures = asdict(report.counts()), report.figures()
    cells = [f"{counts[hit]}/{counts[total]}" if counts[total] else "–" for _, hit, total in ROWS]
    if counts["events_required"]:
        cells.append(
            f"{figures['events_precision']:.2f} / {figures['events_recall']:.2f} / {figures['events_f1']:.2f}"
        )
        cells.append(str(counts["forbidden_events"]))
    else:
        cells += ["–", "–"]
    return cells


def type_cell(report: EvalReport, kind: str) -> str:
    row = next((r for r in report.by_type() if r.type == kind), None)
    if row is None:
        return "–"
    precision, recall, _ = row.figures()
    p = f"{precision:.2f}" if row.counted else "–"
    r = f"{recall:.2f}" if row.required else "–"
    return f"{p} / {r} ({row.required})"


def main() -> None:
    reports = {"seed": evaluate([SEED])} | {
        part: evaluate([ROOT / "tests" / "gold" / part]) for part in PARTS
    }
    names = [name for name, _, _ in ROWS] + ["events P / R / F1", "forbidden events"]
    columns = {name: column(report) for name, report in reports.items()}
    heads = [f"{name} ({len(report.files)} files)" for name, report in reports.items()]
    print("| figure | " + " | ".join(heads) + " |")
    print("|---|" + "---:|" * len(heads))
    for index, name in enumerate(names):
        print(f"| {name} | " + " | ".join(columns[part][index] for part in reports) + " |")
    print()
    types = sorted({row.type for part in EVENT_PARTS for row in reports[part].by_type()})
    print("| event type: P / R (required) | " + " | ".join(EVENT_PARTS) + " |")
    print("|---|" + "---:|" * len(EVENT_PARTS))
    for kind in types:
        print(f"| {kind} | " + " | ".join(type_cell(reports[part], kind) for part in EVENT_PARTS) + " |")


if __name__ == "__main__":
    main()
