"""Loading the store: the pipeline over inputs (or over stored raw text) into the database, in batches."""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

from eventwire.config import Settings, load_settings
from eventwire.dedup import NearDuplicateIndex
from eventwire.errors import ReadError
from eventwire.read import input_files, read_inputs
from eventwire.records import (
    Article,
    Document,
    Findings,
)
from eventwire.store.query import store_totals
from eventwire.store.schema import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_DB,
    IDS,
    REPROCESS_CHUNK,
    open_store,
    quoted,
)
from eventwire.store.write import BatchResult, PendingDocument, commit_batch, document_id

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------- ingest


class IngestProgress(Protocol):
    """What an ingest tells as it goes (the CLI draws a progress bar from it)."""

    def started(self, total: int | None, unit: str) -> None: ...

    def advanced(self, units: int) -> None: ...

    def stored(self, result: BatchResult) -> None: ...

    def failed(self, error: ReadError) -> None: ...


class QuietProgress:
    """Progress that logs read errors and says nothing else."""

    def started(self, total: int | None, unit: str) -> None:
        return None

    def advanced(self, units: int) -> None:
        return None

    def stored(self, result: BatchResult) -> None:
        return None

    def failed(self, error: ReadError) -> None:
        log.warning("%s", error)


@dataclass
class IngestSummary:
    """What one ingest did, and what the database holds after it."""

    db: str
    inputs: int = 0
    documents: int = 0
    documents_skipped: int = 0
    articles: int = 0
    reprints: int = 0
    duplicates: int = 0
    events: int = 0
    undated: int = 0  # articles read with no reference date: their relative dates stay unresolved
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)

    def add(self, result: BatchResult) -> None:
        self.documents += result.documents
        self.documents_skipped += result.skipped
        self.articles += result.articles
        self.reprints += result.reprints
        self.duplicates += result.duplicates
        self.events += result.events


class _Ingester:
    """Feeds documents through the pipeline and commits whole documents in batches."""

    def __init__(
        self,
        db: str | os.PathLike[str],
        settings: Settings,
        batch_size: int,
        summary: IngestSummary,
        progress: IngestProgress,
        published_from_name: bool = False,
    ) -> None:
        self.db = db
        self.settings = settings
        self.published_from_name = published_from_name
        self.batch_size = max(1, batch_size)
        self.summary = summary
        self.progress = progress
        self.pending: deque[PendingDocument] = deque()
        self.complete: list[PendingDocument] = []
        self.index = NearDuplicateIndex(threshold=settings.near_duplicate_threshold)

    def run(self, documents: Iterable[Document | ReadError], published: str | None, replace: bool) -> None:
        """Read the documents (ReadErrors pass through) and store what the pipeline finds."""
        # The pipeline (and spaCy) loads here, not when the store is imported: the
        # commands that only read the database start without it.
        from eventwire.pipeline import process_news

        for item in process_news(
            self._track(documents, published),
            published=published,
            settings=self.settings,
            published_from_name=self.published_from_name,
            index=self.index,
        ):
            if isinstance(item, ReadError):
                self._failed(item)
                continue
            self._attach(*item)
            if (
                sum(len(p.articles) for p in self.complete) >= self.batch_size
                or len(self.complete) >= 4 * self.batch_size
            ):
                self._flush(replace)
        self.complete.extend(self.pending)
        self.pending.clear()
        self._flush(replace)

    def remember_stored(self) -> None:
        """Take the stored originals into the near-duplicate index, in ingest order: a run
        that goes on after a kill marks `duplicate_of` as one uninterrupted run does."""
        with open_store(self.db, read_only=True) as con:
            rows = con.execute(
                "SELECT id, content_hash, minhash FROM articles WHERE duplicate_of IS NULL ORDER BY seq"
            ).fetchall()
        for article_id, digest, minhash in rows:
            if minhash:
                self.index.remember(article_id, digest, minhash)

    def _track(
        self, documents: Iterable[Document | ReadError], published: str | None
    ) -> Iterator[Document | ReadError]:
        for item in documents:
            if isinstance(item, Document):
                self.pending.append(PendingDocument(item, document_id(item), published))
            yield item

    def _attach(self, article: Article, findings: Findings) -> None:
        """Give an article to its document; the documents before it are then complete."""
        self.summary.undated += article.published is None
        index = next((i for i, p in enumerate(self.pending) if p.document.source == article.source), 0)
        for _ in range(index):
            self.complete.append(self.pending.popleft())
        self.pending[0].articles.append((article, findings))

    def _batch_full(self) -> bool:
        articles = sum(len(pending.articles) for pending in self.complete)
        # Documents with no article in them still make a batch, so memory stays bounded.
        return articles >= self.batch_size or len(self.complete) >= 4 * self.batch_size

    def _failed(self, error: ReadError) -> None:
        self.summary.errors.append(str(error))
        self.progress.failed(error)

    def _flush(self, replace: bool) -> None:
        if not self.complete:
            return
        result = commit_batch(self.db, self.complete, self.settings.near_duplicate_threshold, replace=replace)
        self.summary.add(result)
        self.progress.stored(result)
        self.complete = []


def ingest(
    paths: Sequence[str] = (),
    db: str | os.PathLike[str] = DEFAULT_DB,
    *,
    published: str | None = None,
    published_from_name: bool = False,
    reprocess: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    settings: Settings | None = None,
    progress: IngestProgress | None = None,
    stdin: BinaryIO | None = None,
) -> IngestSummary:
    """Run the pipeline over files, directories or '-' (stdin) into the database at `db`.

    Documents already stored are skipped; an article already stored (same content
    hash) is not stored again (an exact copy from another source counts as a reprint of
    it). With `reprocess`, the current pipeline first re-reads the raw text of every
    stored document and replaces what was derived from it. Inputs that cannot be read
    are listed in the summary's `errors`; the rest goes on. With `published_from_name`
    a date in a file's name is the date of its articles that have no other (see
    `clean_document`); it applies to stored documents re-read by `reprocess` too.
    """
    settings = settings or load_settings()
    progress = progress or QuietProgress()
    summary = IngestSummary(db=str(db))
    started = time.perf_counter()
    with open_store(db) as con:
        known = {row[0] for row in con.execute("SELECT id FROM documents").fetchall()}
    ingester = _Ingester(db, settings, batch_size, summary, progress, published_from_name)
    # Reprocessing reads every stored document again, in ingest order, into one index.
    if not reprocess:
        ingester.remember_stored()
    if reprocess:
        progress.started(len(known), "documents")
        for reference_date, group in itertools.groupby(
            _stored_documents(db, progress), key=lambda pending: pending.reference_date
        ):
            ingester.run((pending.document for pending in group), reference_date, replace=True)
    if paths:
        files = input_files(paths)
        summary.inputs = len(files)
        progress.started(len(files), "files")
        documents = _new_documents(files, known, summary, progress, settings, stdin)
        ingester.run(documents, published, replace=False)
    summary.seconds = time.perf_counter() - started
    with open_store(db, read_only=True) as con:
        summary.totals = store_totals(con)
    return summary


def _new_documents(
    files: Sequence[str],
    known: set[str],
    summary: IngestSummary,
    progress: IngestProgress,
    settings: Settings,
    stdin: BinaryIO | None,
) -> Iterator[Document | ReadError]:
    """The documents of the files not already stored, file after file."""
    for path in files:
        for item in read_inputs([path], stdin=stdin, settings=settings):
            if isinstance(item, Document):
                doc_id = document_id(item)
                if doc_id in known:
                    summary.documents_skipped += 1
                    continue
                known.add(doc_id)
            yield item
        progress.advanced(1)


DOCUMENT_FIELDS = (
    "source",
    "text",
    "kind",
    "url",
    "title",
    "published",
    "date_source",
    "byline",
    "offset",
    "line",
    "warnings",
)


def _stored_documents(db: str | os.PathLike[str], progress: IngestProgress) -> Iterator[PendingDocument]:
    """Every stored document in ingest order, read a chunk at a time (the file is not held between)."""
    with open_store(db, read_only=True) as con:
        ids = [row[0] for row in con.execute("SELECT id FROM documents ORDER BY seq").fetchall()]
    columns = ", ".join(quoted(name) for name in DOCUMENT_FIELDS)
    for start in range(0, len(ids), REPROCESS_CHUNK):
        with open_store(db, read_only=True) as con:
            rows = con.execute(
                f"SELECT id, reference_date, {columns} FROM documents WHERE id IN {IDS} ORDER BY seq",
                [ids[start : start + REPROCESS_CHUNK]],
            ).fetchall()
        for doc_id, reference_date, *values in rows:
            fields = dict(zip(DOCUMENT_FIELDS, values, strict=True))
            fields["warnings"] = tuple(fields["warnings"] or ())
            fields["kind"] = fields["kind"] or "text"
            fields["offset"] = fields["offset"] or 0
            yield PendingDocument(Document(**fields), doc_id, reference_date)
            progress.advanced(1)


def store_findings(
    pairs: Iterable[tuple[Article, Findings]],
    db: str | os.PathLike[str] = DEFAULT_DB,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    settings: Settings | None = None,
) -> IngestSummary:
    """Store `(Article, Findings)` pairs made elsewhere (another pipeline, a test, a notebook).

    Each run of consecutive articles from one `source` becomes one document whose raw
    text is the articles' titles and bodies, so that `reprocess` can read it again.
    """
    settings = settings or load_settings()
    summary = IngestSummary(db=str(db))
    started = time.perf_counter()
    batch: list[PendingDocument] = []
    for source, group in itertools.groupby(pairs, key=lambda pair: pair[0].source):
        articles = list(group)
        text = "\n\n\n".join(f"{a.title}\n\n{a.body}" if a.title else a.body for a, _ in articles)
        document = Document(source=source, text=text, published=articles[0][0].published)
        batch.append(PendingDocument(document, document_id(document), articles=articles))
        if sum(len(p.articles) for p in batch) >= batch_size:
            summary.add(commit_batch(db, batch, settings.near_duplicate_threshold))
            batch = []
    if batch:
        summary.add(commit_batch(db, batch, settings.near_duplicate_threshold))
    summary.seconds = time.perf_counter() - started
    with open_store(db, read_only=True) as con:
        summary.totals = store_totals(con)
    return summary
