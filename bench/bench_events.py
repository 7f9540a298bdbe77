"""Bench: event coding against the bare spaCy pipeline in the same process.

Over ~300 article bodies (the gold set's inputs and the seed, cleaned, repeated), times
(a) the bare spaCy pipeline (`eventwire.nlp.load_spacy()`'s model: tagger, parser, NER),
the baseline; then, over the parsed documents, each eventwire component in pipeline
order (entities, dates, places, quotes, events), each alone. The events component reads
what the others wrote, so they run before it, but its own share is timed apart. Prints
seconds per contender (best of alternated rounds) and the ratio (bare + events) / bare:
what event coding adds to parsing; and the events component once more without its
learned type model (`type_model: false`), for what the model costs, and once without
reading the headline (`headline: false`), for what the headline's own parse costs.

    python bench/bench_events.py [--articles 300] [--rounds 3] [--write]

`--write` updates the "Events" section of bench/RESULTS.md.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.config import load_settings
from eventwire.extensions import register_extensions
from eventwire.nlp import STAGE_COMPONENTS, article_doc
from eventwire.records import Article
from make_corpus import gold_articles, repeated, run_component_bench

SECTION = "Events"
EVENTS_FACTORY = "eventwire_events"
WITHOUT_MODEL = "eventwire_events without the type model"
WITHOUT_HEADLINE = "eventwire_events without the headline"


def article_docs(nlp: Language, articles: list[Article]) -> list[Doc]:
    return [article_doc(nlp, article) for article in articles]


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def run_over(component: Callable[[Doc], Doc], docs: list[Doc]) -> list[Doc]:
    """A component over the docs as `nlp.pipe` runs it: by batches where it has `pipe`."""
    if hasattr(component, "pipe"):
        return list(component.pipe(docs))
    return [component(doc) for doc in docs]


def run_components(nlp: Language, docs: list[Doc], names: list[str]) -> dict[str, float]:
    """Seconds each eventwire component takes over the parsed docs, in pipeline order;
    then the events component again without its learned second opinion."""
    seconds = {}
    for name in names:
        component = nlp.get_pipe(name)
        seconds[name] = timed(lambda component=component: run_over(component, docs))
    if EVENTS_FACTORY in names:
        lexicon_only = nlp.create_pipe(EVENTS_FACTORY, config={"type_model": False})
        seconds[WITHOUT_MODEL] = timed(lambda: run_over(lexicon_only, docs))
        body_only = nlp.create_pipe(EVENTS_FACTORY, config={"headline": False})
        seconds[WITHOUT_HEADLINE] = timed(lambda: run_over(body_only, docs))
    return seconds


def best_of(rounds: int, articles: list[Article]) -> tuple[float, dict[str, float], int, int]:
    """Fastest bare parse and fastest run of each component over `rounds` alternated rounds;
    also the words parsed and the events found."""
    model = load_settings().spacy_model
    register_extensions()
    bare = spacy.load(model)
    full = spacy.load(model)
    names = list(STAGE_COMPONENTS)
    for name in names:
        full.add_pipe(name)
    warm = list(full.pipe(article_docs(full, articles[:5])))  # imports, data files, caches
    best_bare = float("inf")
    best_parts: dict[str, float] = {}
    events = words = 0
    for _ in range(rounds):
        docs = article_docs(bare, articles)
        best_bare = min(best_bare, timed(lambda docs=docs: list(bare.pipe(docs))))
        parsed = list(full.pipe(article_docs(full, articles), disable=names))
        for name, seconds in run_components(full, parsed, names).items():
            best_parts[name] = min(best_parts.get(name, float("inf")), seconds)
        for doc in parsed:  # the last run was the lexicon alone: code them again in full
            full.get_pipe(EVENTS_FACTORY)(doc)
        events = sum(len(doc._.ew_events) for doc in parsed)
        words = sum(len(doc) for doc in parsed)
    del warm
    return best_bare, best_parts, words, events


def report(count: int, rounds: int) -> str:
    articles = repeated(gold_articles(published=None), count)
    bare, parts, words, events = best_of(rounds, articles)
    own = parts.get(EVENTS_FACTORY)
    lexicon_only = parts.pop(WITHOUT_MODEL, None)
    body_only = parts.pop(WITHOUT_HEADLINE, None)
    lines = [
        f"{count} article bodies (the {len(gold_articles())} cleaned articles of the gold set's inputs "
        f"and the seed, repeated; {words:,} words), one process, best of {rounds} alternated rounds; spaCy "
        f"{spacy.__version__} with {load_settings().spacy_model}; Python {platform.python_version()} on "
        f"{platform.machine()} with {os.cpu_count()} CPUs.",
        "",
        "| | seconds | articles/s | share of the bare parse |",
        "|---|---:|---:|---:|",
        f"| bare spaCy pipeline (baseline) | {bare:.2f} | {count / bare:.0f} | 100% |",
    ]
    lines += [
        f"| + {name} | {seconds:.2f} | {count / seconds:.0f} | {100 * seconds / bare:.1f}% |"
        for name, seconds in parts.items()
    ]
    if own is None:
        lines += ["", "The events component is not installed: nothing to compare."]
        return "\n".join(lines)
    total = bare + sum(parts.values())
    lines += [
        "",
        f"{events} events found per round. Event coding takes {(bare + own) / bare:.3f}× the time of "
        f"the bare spaCy pipeline alone ({100 * own / bare:.1f}% added; target at most 20%); the whole "
        f"eventwire NLP side takes {total / bare:.2f}×.",
    ]
    if lexicon_only is not None:
        lines += [
            f"Without the learned type model the events component takes {lexicon_only:.2f} s: the "
            f"model costs {100 * (own - lexicon_only) / bare:.1f}% of the bare parse.",
        ]
    if body_only is not None:
        lines += [
            f"Without reading the headline it takes {body_only:.2f} s: the headline's parse and "
            f"coding cost {100 * (own - body_only) / bare:.1f}% of the bare parse.",
        ]
    return "\n".join(lines)


def main() -> None:
    run_component_bench(__doc__, SECTION, report, default_articles=300)


if __name__ == "__main__":
    main()
