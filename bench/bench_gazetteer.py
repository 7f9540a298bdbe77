"""Bench: what the bundled gazetteer costs on disk and at load, against an earlier build.

For src/eventwire/data/gazetteer/places.tsv.gz (and, with `--against`, another build
of it, e.g. `git show HEAD~1:src/eventwire/data/gazetteer/places.tsv.gz > old.tsv.gz`):
the file's size, its rows by feature (country, admin1, district, city), its index keys,
and the time of the first `load_gazetteer()` of a process: each load runs in a fresh
subprocess (the first call is what a user waits for; later ones are cached), `--runs`
times, the median counts. The baseline in the same process is the bare read of the file
(gunzip and split into lines), the floor any load pays.

    python bench/bench_gazetteer.py [--runs 5] [--against OLD.tsv.gz [--label NAME]] [--write]

`--write` updates the "Gazetteer" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import platform
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

SECTION = "Gazetteer"
BUNDLED = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "gazetteer" / "places.tsv.gz"
FEATURES = ("country", "admin1", "district", "city")


def measure(path: str) -> dict[str, float]:
    """Seconds of the first load of the gazetteer from `path` and of a bare read of the
    file (run in the child process, the gazetteer module already imported)."""
    from eventwire.knowledge.gazetteer import read_gazetteer

    built = Path(path)
    cpu, wall = time.process_time(), time.perf_counter()
    read_gazetteer(built)
    load_cpu, load_wall = time.process_time() - cpu, time.perf_counter() - wall
    wall = time.perf_counter()
    gzip.decompress(built.read_bytes()).decode("utf-8").split("\n")
    return {"load_cpu": load_cpu, "load_wall": load_wall, "read_wall": time.perf_counter() - wall}


def measure_in_child(path: Path) -> dict[str, float]:
    command = [sys.executable, __file__, "--measure", str(path)]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def contents(path: Path) -> tuple[Counter[str], int]:
    """Rows by feature and the number of index keys of a built file."""
    from eventwire.knowledge.gazetteer import FEATURES_BY_CODE

    lines = gzip.decompress(path.read_bytes()).decode("utf-8").rstrip("\n").split("\n")
    count = int(lines[0].partition("\t")[2])
    features = Counter(FEATURES_BY_CODE.get(line.split("\t", 6)[5], "?") for line in lines[1 : 1 + count])
    return features, len(lines) - 1 - count


def figures(path: Path, runs: int) -> dict[str, float]:
    timings = [measure_in_child(path) for _ in range(runs)]
    features, keys = contents(path)
    result = {name: statistics.median(t[name] for t in timings) for name in timings[0]}
    result |= {"mb": path.stat().st_size / 1e6, "keys": keys, "rows": sum(features.values())}
    result |= {feature: features[feature] for feature in FEATURES}
    return result


def report(columns: list[tuple[str, dict[str, float]]], runs: int) -> str:
    lines = [
        f"places.tsv.gz, first `load_gazetteer()` of a process (curated.yaml included), median of "
        f"{runs} fresh processes; Python {platform.python_version()} on {platform.machine()}.",
        "",
        "| build | MB | rows | countries | admin1 | districts | cities | index keys "
        "| load s (wall) | load CPU s | bare read s | load / bare read |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in columns:
        counts = " | ".join(f"{f[feature]:,.0f}" for feature in FEATURES)
        lines.append(
            f"| {name} | {f['mb']:.1f} | {f['rows']:,.0f} | {counts} | {f['keys']:,.0f} "
            f"| {f['load_wall']:.2f} | {f['load_cpu']:.2f} | {f['read_wall']:.2f} "
            f"| {f['load_wall'] / f['read_wall']:.2f} |"
        )
    if len(columns) == 2:
        (old_name, old), (new_name, new) = columns
        lines += [
            "",
            f"{new_name} against {old_name}: file size {new['mb'] / old['mb']:.2f}×, rows "
            f"{new['rows'] / old['rows']:.2f}×, first load {new['load_wall'] / old['load_wall']:.2f}×.",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per build (default 5)")
    parser.add_argument("--against", type=Path, help="an earlier places.tsv.gz to compare with")
    parser.add_argument("--label", default="earlier build", help="its name in the table")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    parser.add_argument("--measure", metavar="TSV_GZ", help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args()
    if args.measure:
        json.dump(measure(args.measure), sys.stdout)
        return
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from make_corpus import publish

    columns = [(args.label, figures(args.against, args.runs))] if args.against else []
    columns.append(("bundled", figures(BUNDLED, args.runs)))
    publish(SECTION, report(columns, args.runs), args.write)


if __name__ == "__main__":
    main()
