"""Bench: the entities component against the bare spaCy pipeline, in the same process.

Over the same article bodies (the gold inputs of tests/gold and the seed, cleaned by
eventwire, repeated to about 300 articles), times (a) the bare spaCy pipeline of
`eventwire.nlp.load_spacy()` with `nlp.pipe`, the baseline, and (b) the same pipeline
with the `eventwire_entities` component added once with `nlp.add_pipe`. Rounds
alternate, the best of each counts; the ratio of the times is what the component costs.
Times are CPU seconds of the process, which other work on a shared machine disturbs less
than wall-clock time; the bench also times the component alone over the same documents
already parsed, as a share of the bare pipeline's time. The actor KB and the gazetteer
are loaded in a warm-up, outside the timed rounds.

    python bench/bench_entities.py [--articles 300] [--rounds 3] [--write]

`--write` updates the "Entities" section of bench/RESULTS.md.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable

from spacy.language import Language

from eventwire.extensions import register_extensions
from eventwire.nlp import article_doc, load_spacy
from eventwire.records import Article
from make_corpus import gold_articles, repeated, run_component_bench

SECTION = "Entities"
COMPONENT = "eventwire_entities"


def timed(nlp: Language, articles: list[Article], disable: list[str]) -> tuple[float, int]:
    """CPU seconds to run the pipeline (less `disable`) over the articles, and the tokens read."""
    start = time.process_time()
    with nlp.select_pipes(disable=disable):
        tokens = sum(len(doc) for doc in nlp.pipe(article_doc(nlp, a) for a in articles))
    return time.process_time() - start, tokens


def component_alone(rounds: int, nlp: Language, articles: list[Article]) -> float:
    """The best CPU time of the entities component over documents spaCy has already parsed."""
    with nlp.select_pipes(disable=[COMPONENT]):
        docs = list(nlp.pipe(article_doc(nlp, a) for a in articles))
    component = nlp.get_pipe(COMPONENT)
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for doc in docs:
            component(doc)
        best = min(best, time.process_time() - start)
    return best


def best_of(rounds: int, nlp: Language, articles: list[Article]) -> dict[str, tuple[float, int]]:
    contenders: dict[str, Callable[[], tuple[float, int]]] = {
        "bare spaCy pipeline (baseline)": lambda: timed(nlp, articles, [COMPONENT]),
        "spaCy + eventwire_entities": lambda: timed(nlp, articles, []),
    }
    timed(nlp, articles[:5], [])  # warm-up: the KB, the gazetteer, the rules
    best: dict[str, tuple[float, int]] = {}
    for _ in range(rounds):
        for name, work in contenders.items():
            seconds, tokens = work()
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, tokens)
    return best


def run(article_count: int, rounds: int) -> str:
    register_extensions()
    found = gold_articles()
    articles = repeated(found, article_count)
    nlp = load_spacy()
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT)
    best = best_of(rounds, nlp, articles)
    alone = component_alone(rounds, nlp, articles)
    characters = sum(len(a.body) for a in articles)
    lines = [
        f"{len(articles)} article bodies ({len(found)} distinct: tests/gold and the seed, cleaned; "
        f"{characters / 1e6:.2f} M characters), one process, `nlp.pipe`, best of {rounds} alternated "
        f"rounds; model {nlp.meta.get('name')} {nlp.meta.get('version')}; Python "
        f"{platform.python_version()} on {platform.machine()} with {os.cpu_count()} CPUs.",
        "",
        "| | CPU seconds | articles/s | tokens/s |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {seconds:.2f} | {len(articles) / seconds:.0f} | {tokens / seconds:.0f} |"
        for name, (seconds, tokens) in best.items()
    ]
    (base_s, _), (ours_s, _) = best.values()
    lines += [
        f"| eventwire_entities alone, on parsed documents | {alone:.2f} | {len(articles) / alone:.0f} | |",
        "",
        f"Pipeline with the component / bare pipeline: {ours_s / base_s:.3f} (target at most 1.15). "
        f"The component alone takes {100 * alone / base_s:.1f}% of the bare pipeline's time.",
    ]
    return "\n".join(lines)


def main() -> None:
    run_component_bench(__doc__, SECTION, run, default_articles=300)


if __name__ == "__main__":
    main()
