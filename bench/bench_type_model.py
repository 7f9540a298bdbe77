"""Bench: the learned type model's cost, against the bare spaCy pipeline in the same process.

Over ~100 article bodies (the gold set's inputs and the seed, cleaned, repeated), times
(a) the bare spaCy pipeline (`eventwire.nlp.load_spacy()`'s model), the baseline; then,
over the parsed documents, the type model reading each article's first sentence with its
headline (`lede_features` and `TypeModel.best`, what `coding.with_second_opinion` does
once per article), with its tf-idf part alone and with both parts (as shipped). Also the
model file's size and how long it takes to load (uncached, median of 5 loads).

    python bench/bench_type_model.py [--articles 100] [--rounds 3] [--write]

`--write` updates the "Type model" section of bench/RESULTS.md.
"""

from __future__ import annotations

import dataclasses
import os
import platform
import statistics
import time
from collections.abc import Callable
from importlib import resources

import spacy

from eventwire.events.type_model import MODEL_FILE, LedeInput, TypeModel, lede_features, load_type_model
from eventwire.knowledge.files import data_file
from eventwire.nlp import load_spacy
from make_corpus import gold_articles, repeated, run_component_bench

SECTION = "Type model"
LOADS = 5


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def load_seconds() -> float:
    """Median seconds of an uncached `load_type_model()`: the first load of a process."""
    seconds = []
    for _ in range(LOADS):
        load_type_model.cache_clear()
        seconds.append(timed(load_type_model))
    return statistics.median(seconds)


def read_all(model: TypeModel, inputs: list[LedeInput]) -> None:
    for lede in inputs:
        model.best(lede)


def report(count: int, rounds: int) -> str:
    nlp = load_spacy()
    articles = repeated(gold_articles(published=None), count)
    loading = load_seconds()
    model = load_type_model()
    if model is None or model.words is None:
        return "The bundled type model has no word table: nothing to compare."
    tfidf_only = dataclasses.replace(model, words=None)
    bare = features = tfidf = both = float("inf")
    for _ in range(rounds):
        bodies = [article.body for article in articles]
        bare = min(bare, timed(lambda bodies=bodies: list(nlp.pipe(bodies))))
        docs = list(nlp.pipe(bodies))
        titles = [nlp.tokenizer(a.title) if a.title else None for a in articles]
        ledes = [next(iter(doc.sents)) for doc in docs]
        started = time.perf_counter()
        inputs = [lede_features(lede, title) for lede, title in zip(ledes, titles, strict=True)]
        features = min(features, time.perf_counter() - started)
        tfidf = min(tfidf, timed(lambda inputs=inputs: read_all(tfidf_only, inputs)))
        both = min(both, timed(lambda inputs=inputs: read_all(model, inputs)))
    with resources.as_file(data_file(*MODEL_FILE)) as path:
        size = path.stat().st_size
    rows = [
        ("bare spaCy pipeline (baseline)", bare),
        ("reading the lede and headline (`lede_features`)", features),
        ("type model, tf-idf part alone", tfidf),
        ("type model, both parts (shipped)", both),
    ]
    lines = [
        f"{count} article bodies (taken in turn from the {len(gold_articles())} cleaned articles of the gold "
        f"set's inputs and the seed), one process, best of {rounds} alternated rounds; "
        f"spaCy {spacy.__version__}; Python {platform.python_version()} on {platform.machine()} "
        f"with {os.cpu_count()} CPUs.",
        "",
        "| | seconds | ms per article | share of the bare parse |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {seconds:.3f} | {1000 * seconds / count:.3f} | {100 * seconds / bare:.2f}% |"
        for name, seconds in rows
    ]
    lines += [
        "",
        f"The model file is {size / 1e6:.1f} MB ({len(model.vocabulary):,} tf-idf features, "
        f"{len(model.words.vocabulary):,} table words); loading it takes {loading:.2f} s (median of "
        f"{LOADS} uncached loads), once per process. Reading a lede with both parts takes "
        f"{(features + both) / bare * 100:.2f}% of the bare parse (the tf-idf part alone: "
        f"{(features + tfidf) / bare * 100:.2f}%).",
    ]
    return "\n".join(lines)


def main() -> None:
    run_component_bench(__doc__, SECTION, report, default_articles=100)


if __name__ == "__main__":
    main()
