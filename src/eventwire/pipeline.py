"""The pipeline end to end: inputs -> documents -> cleaned articles -> output records.

Later stages (entities, quotes, places, dates, events) plug in here; the output
contract of DESIGN.md is built from their results at the end.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.clean import clean_document
from eventwire.config import Settings, load_settings
from eventwire.dedup import NearDuplicateIndex
from eventwire.errors import ReadError
from eventwire.nlp import available_components, read_articles
from eventwire.read import read_inputs, read_text
from eventwire.records import Article, Document, Reading

CONTRACT_VERSION = 1


def clean_documents(
    items: Iterable[Document | ReadError],
    published: str | None = None,
    settings: Settings | None = None,
) -> Iterator[Article | ReadError]:
    """Clean each document into articles and mark near-duplicates within the run.

    Read errors pass through in order, so the caller reports them where they happened.
    """
    settings = settings or load_settings()
    index = NearDuplicateIndex(threshold=settings.near_duplicate_threshold)
    for item in items:
        if isinstance(item, ReadError):
            yield item
            continue
        for article in clean_document(item, published=published):
            yield index.mark(article)


def read_news(
    items: Iterable[Document | ReadError],
    published: str | None = None,
    settings: Settings | None = None,
) -> Iterator[tuple[Article, Reading] | ReadError]:
    """Clean the documents and run the NLP stages over the articles, in batches.

    Yields each article with what the NLP stages read in it; read errors pass
    through as they come (ahead of the articles of a batch still being parsed).
    """
    settings = settings or load_settings()
    batch: list[Article] = []
    for item in clean_documents(items, published=published, settings=settings):
        if isinstance(item, ReadError):
            yield item
            continue
        batch.append(item)
        if len(batch) >= settings.batch_size:
            yield from _read_batch(batch)
            batch = []
    yield from _read_batch(batch)


def _read_batch(articles: list[Article]) -> Iterator[tuple[Article, Reading]]:
    if not articles:
        return
    if not available_components():
        yield from ((article, Reading()) for article in articles)
        return
    for article, reading in zip(articles, read_articles(articles), strict=True):
        yield article, with_caption_dates(article, reading)


def with_caption_dates(article: Article, reading: Reading) -> Reading:
    """Add the dates written in the article's photo captions ('January 11, 2024')."""
    from eventwire.dates import caption_dates

    found = caption_dates(article.captions, article.published)
    return dataclasses.replace(reading, dates=reading.dates + found) if found else reading


def article_record(article: Article, reading: Reading | None = None) -> dict[str, Any]:
    """The output contract (v1) for one article, as JSON-ready values."""
    record = dataclasses.asdict(article)
    del record["minhash"]
    url = record.pop("url")
    record.update(dataclasses.asdict(reading or Reading()))
    if url:
        record["url"] = url
    return record


def extract(
    text: str | None = None,
    *,
    paths: Iterable[str] = (),
    published: str | None = None,
) -> list[dict[str, Any]]:
    """Run eventwire over a text or over files and return one record per article.

    `eventwire.extract("MOSCOW (Reuters) - ...")` reads the string as a plain-text
    document; `extract(paths=["dump.txt", "crawl.warc.gz"])` reads files. Inputs that
    cannot be read raise `ReadError` here; the CLI reports them and goes on instead.
    """
    items: list[Document | ReadError] = []
    if text is not None:
        items.append(read_text(text, source="<text>"))
    items.extend(read_inputs(list(paths)))
    records = []
    for item in read_news(items, published=published):
        if isinstance(item, ReadError):
            raise item
        records.append(article_record(*item))
    return records
