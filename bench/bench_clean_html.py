"""Bench: cleaning HTML pages, eventwire against bare trafilatura in the same process.

Over the same generated pages (bench/make_corpus.py), times (a) `trafilatura.extract`
alone, the baseline, and (b) eventwire's `clean_document` on each page as an HTML
Document (trafilatura, htmldate, caption and byline search, then the text cleaner).
Prints MB/s and articles/s for both (best of alternated rounds) and the ratio of their times.

    python bench/bench_clean_html.py [--pages 300] [--seed 7] [--write]

`--write` updates the "Cleaning HTML" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import time
from collections.abc import Callable

import trafilatura

from eventwire.clean import clean_document
from eventwire.records import Document
from make_corpus import generate_pages, publish

SECTION = "Cleaning HTML"


def timed(work: Callable[[str], int], pages: list[str]) -> tuple[float, int]:
    """Seconds to run `work` over every page, and the sum of what it returned (articles)."""
    start = time.perf_counter()
    found = sum(work(page) for page in pages)
    return time.perf_counter() - start, found


def trafilatura_alone(page: str) -> int:
    return 1 if trafilatura.extract(page) else 0


def eventwire_clean(page: str) -> int:
    return len(clean_document(Document(source="bench", text=page, kind="html")))


def best_of(rounds: int, pages: list[str]) -> dict[str, tuple[float, int]]:
    """The fastest of `rounds` runs of each contender, alternated so that load on the machine hits both."""
    contenders = {
        "trafilatura.extract (baseline)": trafilatura_alone,
        "eventwire clean_document": eventwire_clean,
    }
    for work in contenders.values():
        work(pages[0])  # warm-up: imports, compiled patterns, caches
    best: dict[str, tuple[float, int]] = {}
    for _ in range(rounds):
        for name, work in contenders.items():
            seconds, found = timed(work, pages)
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, found)
    return best


def run(page_count: int, seed: int, rounds: int) -> str:
    pages = [page.html for page in generate_pages(page_count, seed)]
    megabytes = sum(len(page.encode("utf-8")) for page in pages) / 1e6
    best = best_of(rounds, pages)
    lines = [
        f"{page_count} generated pages ({megabytes:.1f} MB of HTML, seed {seed}), one process, best of "
        f"{rounds} alternated rounds; Python {platform.python_version()} on {platform.machine()} "
        f"with {os.cpu_count()} CPUs.",
        "",
        "| | seconds | MB/s | articles/s | articles (texts) found |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {seconds:.2f} | {megabytes / seconds:.2f} | {found / seconds:.0f} | {found} |"
        for name, (seconds, found) in best.items()
    ]
    (base_s, _), (ours_s, _) = best.values()
    lines += ["", f"eventwire takes {ours_s / base_s:.2f}× the time of trafilatura alone on the same pages."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="how many generated pages (default 300)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds, the best counts (default 3)")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    publish(SECTION, run(args.pages, args.seed, args.rounds), args.write)


if __name__ == "__main__":
    main()
