"""The store: an embedded DuckDB database of documents, articles, their findings and events.

`ingest(paths, db=...)` runs the whole pipeline (read -> clean -> nlp) into the
database; `store_findings(pairs, db=...)` stores `(Article, Findings)` pairs made
elsewhere. Both keep the raw text of every document, so that `ingest(reprocess=True)`
can re-run a newer pipeline over it and replace what was derived from it.

Writes go in batches, one transaction each, holding whole documents: a document, its
articles and every row read from them are stored together or not at all, so a kill at
any moment loses only the batch in flight and a re-run stores nothing twice (a document
already stored is skipped before it is cleaned; an article whose `content_hash` is
already stored is not stored again: from another source it counts as a reprint).

DuckDB lets one process write a database file and no other process open it meanwhile,
not even read-only. The writer therefore holds the file only while it commits a batch
(the NLP work happens outside), and readers open it read-only between two batches,
retrying while it is locked: a reader sees the database as of the last committed batch.
See docs/store.md.

The schema is versioned: `schema_version` lists the migrations applied; a writer
applies the missing ones, in order, when it opens the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.store.query import (
    ACTOR_COLUMNS,
    QUOTE_COLUMNS,
    EventQuery,
    event_reports,
    find_events,
    find_quotes,
    report_details,
    resolve_event_id,
    store_totals,
    stored_findings,
    top_actors,
)
from eventwire.store.schema import (
    DEFAULT_DB,
    SCHEMA_VERSION,
    StoreError,
    connect,
    migrate,
    open_store,
    schema_version,
)
from eventwire.store.write import BatchResult, commit_batch, document_id

# The loader brings the readers of raw input (and, when it runs, the pipeline): it loads
# on first use, so that the commands that only query the database start without it.
if TYPE_CHECKING:
    from eventwire.store.loader import (
        IngestProgress,
        IngestSummary,
        QuietProgress,
        ingest,
        input_files,
        store_findings,
    )

_LOADER_NAMES = frozenset(
    {"IngestProgress", "IngestSummary", "QuietProgress", "ingest", "input_files", "store_findings"}
)

__all__ = [
    "ACTOR_COLUMNS",
    "QUOTE_COLUMNS",
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "BatchResult",
    "EventQuery",
    "IngestProgress",
    "IngestSummary",
    "QuietProgress",
    "StoreError",
    "commit_batch",
    "connect",
    "document_id",
    "event_reports",
    "find_events",
    "find_quotes",
    "ingest",
    "input_files",
    "migrate",
    "open_store",
    "report_details",
    "resolve_event_id",
    "schema_version",
    "store_findings",
    "store_totals",
    "stored_findings",
    "top_actors",
]


def __getattr__(name: str) -> Any:
    if name in _LOADER_NAMES:
        from eventwire.store import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'eventwire.store' has no attribute {name!r}")
