"""Bench: the places component against the bare spaCy pipeline, in the same process.

Over the same article bodies (the gold inputs of tests/gold and the bundled seed
sample, cleaned by eventwire, repeated to about 200 articles), times (a) the bare spaCy
pipeline of `eventwire.nlp.load_spacy()` with `nlp.pipe`, the baseline, and (b) the
same pipeline with the `eventwire_places` component added once with `nlp.add_pipe`.
Rounds alternate, the best of each counts; the ratio of the CPU times is what the
component costs. The first load of the gazetteer is timed on its own, before a warm-up.

    python bench/bench_places.py [--articles 200] [--rounds 3] [--write]

`--write` updates the "Places" section of bench/RESULTS.md.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable

from spacy.language import Language

from eventwire.extensions import register_extensions
from eventwire.knowledge.gazetteer import load_gazetteer
from eventwire.knowledge.place_words import load_place_words
from eventwire.nlp import article_doc, load_spacy
from eventwire.records import Article
from make_corpus import gold_articles, repeated, run_component_bench

SECTION = "Places"
COMPONENT = "eventwire_places"


def timed(nlp: Language, articles: list[Article], disable: list[str]) -> tuple[float, int]:
    """CPU seconds of this process to run the pipeline (less `disable`) over the articles,
    and the places found. CPU time, not wall time: on a shared machine other processes
    would otherwise count against whichever contender they overlap."""
    start = time.process_time()
    with nlp.select_pipes(disable=disable):
        places = sum(len(doc._.ew_places) for doc in nlp.pipe(article_doc(nlp, a) for a in articles))
    return time.process_time() - start, places


def gazetteer_load_seconds() -> tuple[float, float]:
    """CPU and wall seconds of the first load of the gazetteer and the places lexicon."""
    cpu, wall = time.process_time(), time.perf_counter()
    load_gazetteer()
    load_place_words()
    return time.process_time() - cpu, time.perf_counter() - wall


def best_of(rounds: int, nlp: Language, articles: list[Article]) -> dict[str, tuple[float, int]]:
    contenders: dict[str, Callable[[], tuple[float, int]]] = {
        "bare spaCy pipeline (baseline)": lambda: timed(nlp, articles, [COMPONENT]),
        "spaCy + eventwire_places": lambda: timed(nlp, articles, []),
    }
    timed(nlp, articles[:5], [])  # warm-up
    best: dict[str, tuple[float, int]] = {}
    for _ in range(rounds):
        for name, work in contenders.items():
            seconds, places = work()
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, places)
    return best


def run(article_count: int, rounds: int) -> str:
    register_extensions()
    found = gold_articles()
    articles = repeated(found, article_count)
    load_cpu, load_wall = gazetteer_load_seconds()
    nlp = load_spacy()
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT)
    others = [name for name in nlp.pipe_names if name.startswith("eventwire_") and name != COMPONENT]
    with nlp.select_pipes(disable=others):
        best = best_of(rounds, nlp, articles)
    characters = sum(len(a.body) for a in articles)
    lines = [
        f"{len(articles)} article bodies ({len(found)} distinct: tests/gold and the seed, cleaned; "
        f"{characters / 1e6:.2f} M characters), one process, `nlp.pipe`, best of {rounds} alternated "
        f"rounds; model {nlp.meta.get('name')} {nlp.meta.get('version')}; Python "
        f"{platform.python_version()} on {platform.machine()} with {os.cpu_count()} CPUs.",
        "",
        "| | CPU seconds | articles/s | places found |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {seconds:.2f} | {len(articles) / seconds:.0f} | {places} |"
        for name, (seconds, places) in best.items()
    ]
    (base_s, _), (ours_s, _) = best.values()
    lines += [
        "",
        f"The places component adds {100 * (ours_s / base_s - 1):.1f}% to the bare pipeline's time "
        f"(ratio {ours_s / base_s:.3f}). Loading the gazetteer and the places lexicon the first "
        f"time takes {load_cpu:.2f} CPU s ({load_wall:.2f} s wall; target under 0.5 s), once per process.",
    ]
    return "\n".join(lines)


def main() -> None:
    run_component_bench(__doc__, SECTION, run, default_articles=200)


if __name__ == "__main__":
    main()
