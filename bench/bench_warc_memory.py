"""Bench: findings a big WARC.gz takes the memory of findings a small one.

Generates, in a temporary folder, a WARC.gz of `--mb` megabytes (default 300) and
one of 30 MB, streaming pages from bench/make_corpus.py (each with an inline preview
image, as real pages have, so the gzip really is that big). Then reads each with
`read_inputs` in a fresh subprocess and reports its peak RSS (ru_maxrss), records/s
and MB/s (of the .gz, and of the decoded pages). Flat memory shows as nearly equal peaks for the two sizes.

    python bench/bench_warc_memory.py [--mb 300] [--write]

`--write` updates the "WARC memory" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_corpus import generate_pages, publish, write_warc

log = logging.getLogger("bench_warc_memory")
SECTION = "WARC memory"
SMALL_MB = 30
# Bytes of random preview image per page: incompressible, so the .gz grows as the pages do.
THUMBNAIL_BYTES = 16_000


def make_warc(path: Path, megabytes: int, seed: int) -> int:
    """Write a WARC.gz of about `megabytes` MB; returns the number of pages in it."""
    pages = generate_pages(10**9, seed=seed, thumbnail_bytes=THUMBNAIL_BYTES)
    return write_warc(pages, path, max_bytes=megabytes * 1_000_000)


def measure(path: str) -> dict[str, float]:
    """Read a WARC with read_inputs (run in the child process) and say what it cost."""
    from eventwire.read import read_inputs

    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    documents = errors = text_chars = 0
    for item in read_inputs([path]):
        if hasattr(item, "text"):
            documents += 1
            text_chars += len(item.text)
        else:
            errors += 1
    seconds = time.perf_counter() - start
    return {
        "documents": documents,
        "errors": errors,
        "text_mb": text_chars / 1e6,
        "seconds": seconds,
        "import_rss_mb": baseline_kb / 1024,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure_in_child(path: Path) -> dict[str, float]:
    command = [sys.executable, __file__, "--measure", str(path)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def report(rows: list[tuple[Path, int, dict[str, float]]]) -> str:
    lines = [
        f"Findings generated WARC.gz crawls with `read_inputs`, each in a fresh process; "
        f"Python {platform.python_version()} on {platform.machine()}. Peak RSS is ru_maxrss of the "
        "findings process (imports included; 'after imports' is the same figure before the first record).",
        "",
        "| WARC.gz | pages | documents | errors | seconds | records/s | MB/s (gz) | MB/s (pages) "
        "| RSS after imports | peak RSS |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for path, pages, result in rows:
        size_mb = path.stat().st_size / 1e6
        seconds = result["seconds"]
        lines.append(
            f"| {size_mb:.0f} MB | {pages} | {result['documents']:.0f} | {result['errors']:.0f} "
            f"| {seconds:.1f} | {result['documents'] / seconds:.0f} | {size_mb / seconds:.1f} "
            f"| {result['text_mb'] / seconds:.1f} | {result['import_rss_mb']:.0f} MB "
            f"| {result['peak_rss_mb']:.0f} MB |"
        )
    (small_path, _, small), (big_path, _, big) = rows[0], rows[-1]
    growth = round(big["peak_rss_mb"] - small["peak_rss_mb"], 1) + 0.0  # no "-0"
    lines += [
        "",
        f"Peak RSS changes by {growth:+.1f} MB from the {small_path.stat().st_size / 1e6:.0f} MB crawl "
        f"to the {big_path.stat().st_size / 1e6:.0f} MB one: findings is streamed, memory does not follow "
        "file size.",
    ]
    return "\n".join(lines)


def run(megabytes: int, seed: int) -> str:
    rows = []
    with tempfile.TemporaryDirectory(prefix="eventwire-warc-bench-") as folder:
        for size in (SMALL_MB, megabytes):
            path = Path(folder) / f"crawl_{size}mb.warc.gz"
            start = time.perf_counter()
            pages = make_warc(path, size, seed)
            log.info("wrote %s: %d pages in %.0f s", path.name, pages, time.perf_counter() - start)
            result = measure_in_child(path)
            log.info("read %s: %s", path.name, result)
            rows.append((path, pages, result))
        return report(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=300, help="size of the big WARC.gz in MB (default 300)")
    parser.add_argument("--seed", type=int, default=11, help="corpus seed (default 11)")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    parser.add_argument("--measure", metavar="WARC", help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args()
    if args.measure:
        json.dump(measure(args.measure), sys.stdout)
        return
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    publish(SECTION, run(args.mb, args.seed), args.write)


if __name__ == "__main__":
    main()
