"""The NGEC synthetic stories (../shared/data/ngec/) in two fixed parts: a tuning part
that rules and the event-type model may be fitted on, and a held-back part that nobody
looks at while tuning.

    python tools/ngec_parts.py [--part heldout|tune] [--per-type 60] [--seed 1]

The stories were written from 332 headline templates ("{country_1} and {country_2}
pledge to increase cooperation"), 12 to 24 stories each. The split is by template, so
that nothing fitted on the tuning part has seen a held-back story's headline wording:
within each labelled type, the templates sorted by their SHA-1 are taken in turn, and
every fifth goes to the held-back part (about a fifth of the stories of every type).
Inside the tuning part, another fifth of the templates is the `validate` part and the
rest the `fit` part, for choosing a model's settings without the held-back part
(`tools/train_event_model.py --part fit`, then `--part validate` here).
`ngec-<row>` is the id `../shared/tools/ngec_dev.py` gives the same story. The figures
are those of `ngec_dev.py` (the labelled type anywhere in the story; in its first
paragraph), over a sample stratified by type drawn from one part only.
`tools/train_event_model.py` trains on the tuning part only.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import hashlib
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

STORIES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ngec" / "synthetic_stories.csv.gz"
HELD_OUT_EVERY = 5
REFERENCE_DATE = "2023-10-19"


def all_stories() -> list[dict[str, str]]:
    with gzip.open(STORIES, "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def template_parts(rows: list[dict[str, str]]) -> dict[str, str]:
    """Template -> part: within each type, the templates in SHA-1 order go in turn to
    fit, validate, fit, fit, heldout; `tune` is fit and validate together."""
    by_type = collections.defaultdict(set)
    for row in rows:
        by_type[row["label"]].add(row["title"])
    parts = {}
    for templates in by_type.values():
        ordered = sorted(templates, key=lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest())
        for index, template in enumerate(ordered):
            turn = index % HELD_OUT_EVERY
            parts[template] = "heldout" if turn == HELD_OUT_EVERY - 1 else "validate" if turn == 1 else "fit"
        if "heldout" not in (parts[t] for t in ordered):
            parts[ordered[0]] = "heldout"
    return parts


def stories(part: str) -> Iterator[tuple[str, dict[str, str]]]:
    """(id, row) of every story of one part (tune, fit, validate, heldout), in file order."""
    rows = all_stories()
    parts = template_parts(rows)
    for number, row in enumerate(rows):
        own = parts[row["title"]]
        if own == part or (part == "tune" and own in ("fit", "validate")):
            yield f"ngec-{number}", row


def headline(row: dict[str, str]) -> str:
    return row["prompt"].split("\n")[0].strip()


def sample(part: str, per_type: int, seed: int) -> list[tuple[str, dict[str, str]]]:
    by_type = collections.defaultdict(list)
    for story_id, row in stories(part):
        by_type[row["label"]].append((story_id, row))
    rng = random.Random(seed)
    return [x for t in sorted(by_type) for x in rng.sample(by_type[t], min(per_type, len(by_type[t])))]


def extract(chosen: list[tuple[str, dict[str, str]]], eventwire: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stories.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for story_id, row in chosen:
                title = headline(row)
                record = {"id": story_id, "title": title, "text": title + "\n\n" + row["text"]}
                handle.write(json.dumps(record | {"published": REFERENCE_DATE}) + "\n")
        run = subprocess.run([eventwire, "extract", str(path)], capture_output=True, text=True)
    if run.returncode not in (0, 1) or not run.stdout.strip():
        sys.exit(f"eventwire extract failed: {run.stderr.strip()[-500:]}")
    return [json.loads(line) for line in run.stdout.splitlines()]


def recall_table(
    chosen: list[tuple[str, dict[str, str]]], articles: list[dict]
) -> list[tuple[str, int, float, float]]:
    """(type, stories, anywhere, lede) per type, then 'all'."""
    events, lede_end = collections.defaultdict(list), {}
    for article in articles:
        events[article["source"]].extend(e for e in article["events"] if not e.get("negated"))
        lede_end.setdefault(
            article["source"], article["paragraphs"][0]["end"] if article.get("paragraphs") else 0
        )
    n, anywhere, lede = collections.Counter(), collections.Counter(), collections.Counter()
    for story_id, row in chosen:
        label = row["label"]
        found = [e for e in events.get(story_id, []) if e["type"] == label]
        n[label] += 1
        anywhere[label] += bool(found)
        lede[label] += any(e["start"] < lede_end.get(story_id, 0) for e in found)
    rows = [(t, n[t], anywhere[t] / n[t], lede[t] / n[t]) for t in sorted(n)]
    total = sum(n.values())
    return rows + [("all", total, sum(anywhere.values()) / total, sum(lede.values()) / total)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("heldout", "tune", "fit", "validate"), default="heldout")
    parser.add_argument("--per-type", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--eventwire", default=".venv/bin/eventwire")
    parser.add_argument(
        "--misses", type=Path, help="write the stories whose type was missed here (tune part only)"
    )
    args = parser.parse_args()
    chosen = sample(args.part, args.per_type, args.seed)
    articles = extract(chosen, args.eventwire)
    print(f"NGEC {args.part} part, {args.per_type} stories per type, seed {args.seed}")
    print(f"{'type':<10} {'stories':>7} {'anywhere':>9} {'lede':>9}")
    for kind, count, anywhere, lede in recall_table(chosen, articles):
        print(f"{kind:<10} {count:>7} {anywhere:>9.2f} {lede:>9.2f}")
    if args.misses and args.part != "heldout":
        write_misses(args.misses, chosen, articles)
    return 0


def write_misses(path: Path, chosen: list[tuple[str, dict[str, str]]], articles: list[dict]) -> None:
    by_id = {a["source"]: a for a in articles}
    with path.open("w", encoding="utf-8") as handle:
        for story_id, row in chosen:
            article = by_id.get(story_id, {"events": []})
            types = sorted({e["type"] for e in article["events"] if not e.get("negated")})
            if row["label"] not in types:
                first = row["text"].strip().split("\n")[0]
                handle.write(
                    json.dumps(
                        {
                            "id": story_id,
                            "label": row["label"],
                            "found": types,
                            "headline": headline(row),
                            "lede": first,
                        }
                    )
                    + "\n"
                )


if __name__ == "__main__":
    sys.exit(main())
