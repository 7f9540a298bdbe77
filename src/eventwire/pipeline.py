"""The pipeline end to end: inputs -> documents -> cleaned articles -> output records.

`process_news` cleans documents into articles, marks near-duplicates within the run and
runs the NLP stages over them; `extract_iter` and `extract` give Python users the output
contract of DESIGN.md, one record per article. An input that cannot be read, and an
article a stage fails on, become one `ReadError` (or `StageError`) at their place in the
stream, and the rest goes on.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.boundary import failure_reason
from eventwire.clean import clean_document
from eventwire.config import Settings, load_settings
from eventwire.dates import caption_dates
from eventwire.dedup import NearDuplicateIndex
from eventwire.errors import ReadError, StageError
from eventwire.knowledge.calendar import day_written
from eventwire.nlp import parse_articles
from eventwire.read import read_inputs, read_text
from eventwire.records import Article, Document, Findings

CONTRACT_VERSION = 1
# The line for a document the cleaner found no article in: text, then an HTML page.
NO_TEXT = (
    "no article text in it (only furniture, or unreadable bytes)",
    "no article text found in the page (only scripts, markup or furniture)",
)


def clean_documents(
    items: Iterable[Document | ReadError],
    published: str | None = None,
    settings: Settings | None = None,
    *,
    published_from_name: bool = False,
    index: NearDuplicateIndex | None = None,
) -> Iterator[Article | ReadError]:
    """Clean each document into articles and mark near-duplicates within the run.

    Read errors pass through in order, so the caller reports them where they happened; a
    document the cleaner fails on is a `StageError` at its place. `published` and
    `published_from_name` are the run's date and whether file names give dates (see
    `clean_document`); `index` holds the articles seen before (default: none).
    """
    settings = settings or load_settings()
    index = index or NearDuplicateIndex(threshold=settings.near_duplicate_threshold)
    for item in items:
        if isinstance(item, ReadError):
            yield item
            continue
        try:
            articles = clean_document(item, published=published, published_from_name=published_from_name)
        except Exception as error:  # the boundary around the clean stage
            yield StageError(item.source, "clean", failure_reason(error))
            continue
        if not articles:
            yield ReadError(item.source, NO_TEXT[item.kind == "html"])
        for article in articles:
            yield index.mark(article)


def process_news(
    items: Iterable[Document | ReadError],
    published: str | None = None,
    settings: Settings | None = None,
    *,
    published_from_name: bool = False,
    index: NearDuplicateIndex | None = None,
) -> Iterator[tuple[Article, Findings] | ReadError]:
    """Clean the documents and run the NLP stages over the articles, in one stream.

    Yields each article with what the NLP stages found in it, in input order; errors
    come out at their place. `index` holds the articles seen before (see `clean_documents`).
    """
    settings = settings or load_settings()
    articles = clean_documents(
        items, published=published, settings=settings, published_from_name=published_from_name, index=index
    )
    for item in parse_articles(articles, n_process=settings.n_process, batch_size=settings.batch_size):
        if isinstance(item, ReadError):
            yield item
        else:
            yield item[0], with_caption_dates(*item)


def with_caption_dates(article: Article, findings: Findings) -> Findings:
    """Add the dates written in the article's photo captions ('January 11, 2024')."""
    found = caption_dates(article.captions, article.published)
    return dataclasses.replace(findings, dates=findings.dates + found) if found else findings


def article_record(article: Article, findings: Findings | None = None) -> dict[str, Any]:
    """The output contract (v1) for one article, as JSON-ready values."""
    record = dataclasses.asdict(article)
    del record["minhash"]
    url = record.pop("url")
    record.update(dataclasses.asdict(findings or Findings()))
    if url:
        record["url"] = url
    return record


def extract_iter(
    text: str | None = None,
    *,
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (),
    published: str | None = None,
    published_from_name: bool = False,
) -> Iterator[dict[str, Any] | ReadError]:
    """Run eventwire over a text or over files, one record per article as it is read.

    An input that cannot be read, or an article a stage fails on, is yielded as its
    `ReadError` (a `StageError` for a stage) at its place, not raised: report it and go
    on, as the CLI does. `paths` is one path or several; directories are walked.
    `published` is the run's reference date; with `published_from_name` a date in a
    file's name ('2024-12-03-lebanon.txt') is the date of an article that has no other.
    """
    if published is not None and day_written(published) != published:
        raise ValueError(f"published={published!r} is not a day written YYYY-MM-DD")
    items: list[Document | ReadError] = []
    if text is not None:
        items.append(read_text(text, source="<text>"))
    documents = read_inputs(_path_list(paths))
    stream = itertools.chain(items, documents)
    for item in process_news(stream, published=published, published_from_name=published_from_name):
        yield item if isinstance(item, ReadError) else article_record(*item)


def extract(
    text: str | None = None,
    *,
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (),
    published: str | None = None,
    published_from_name: bool = False,
) -> list[dict[str, Any]]:
    """Run eventwire over a text or over files and return one record per article.

    `eventwire.extract("MOSCOW (Reuters) - ...")` reads the string as a plain-text
    document; `extract(paths="crawl.warc.gz")` or `extract(paths=["a.txt", "b.html"])`
    reads files. The first input that cannot be read (or article a stage fails on) raises
    its `ReadError`; `extract_iter` reports such errors and goes on instead.
    """
    records = []
    for item in extract_iter(text, paths=paths, published=published, published_from_name=published_from_name):
        if isinstance(item, ReadError):
            raise item
        records.append(item)
    return records


def _path_list(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    """One path or several as a list: a string is one path, not the characters of one."""
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(path) for path in paths]
