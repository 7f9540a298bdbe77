"""Writing one batch: whole documents, their articles and findings, stories and merged events."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from eventwire import __version__
from eventwire.dedup import content_hash, minhash_signature
from eventwire.dedup.events import (
    Sighting,
    StoryMember,
    actor_key,
    band_hashes,
    closest_event,
    closest_story,
    counts,
    event_day,
    sighting,
)
from eventwire.records import (
    ActorRef,
    Article,
    Document,
    Event,
    Findings,
    Mention,
)
from eventwire.store.schema import IDS, id_list, insert_rows, open_store, transaction, utc_now

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------- rows from records


def document_id(document: Document) -> str:
    """A document's id: a hash of where it came from and its raw text."""
    digest = hashlib.sha256(f"{document.source}\0{document.text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _document_row(document: Document, doc_id: str, seq: int, reference_date: str | None) -> dict[str, Any]:
    return {
        "id": doc_id,
        "seq": seq,
        "source": document.source,
        "kind": document.kind,
        "url": document.url,
        "title": document.title,
        "published": document.published,
        "date_source": document.date_source,
        "byline": document.byline,
        "offset": document.offset,
        "line": document.line,
        "reference_date": reference_date,
        "warnings": list(document.warnings),
        "text": document.text,
        "ingested_at": utc_now(),
    }


def _article_row(article: Article, doc_id: str, seq: int, story_id: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "document_id": doc_id,
        "seq": seq,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "date_source": article.date_source,
        "dateline": article.dateline,
        "byline": article.byline,
        "publisher": article.publisher,
        "url": article.url,
        "language": article.language,
        "content_hash": article.content_hash,
        "duplicate_of": article.duplicate_of,
        "story_id": story_id,
        "body": article.body,
        "paragraphs": [{"start": p.start, "end": p.end} for p in article.paragraphs],
        "captions": [{"text": c.text, "credit": c.credit} for c in article.captions],
        "entries": [
            {"paragraph": e.paragraph, "stamp": e.stamp, "time": e.time, "day": e.day}
            for e in article.entries
        ],
        "minhash": list(article.minhash),
        "pipeline": __version__,
        "ingested_at": utc_now(),
    }


def _mention_rows(
    article_id: str, kind: str, ref_id: str, mentions: Iterable[Mention]
) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article_id,
            "kind": kind,
            "ref_id": ref_id,
            "text": m.text,
            "start": m.start,
            "end": m.end,
        }
        for m in mentions
    ]


def _record_row(article_id: str, record: Any, skip: tuple[str, ...] = ("mentions",)) -> dict[str, Any]:
    row = {"article_id": article_id}
    row.update({f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name not in skip})
    return row


def _actor_code(actor: ActorRef) -> str:
    """A CAMEO-style actor code: country and type run together ('TURGOV'), or either alone."""
    return f"{actor.country or ''}{actor.actor_type or ''}".upper()


def _side_columns(side: str, actors: Sequence[ActorRef]) -> dict[str, Any]:
    """One side (source or target) of an event as the event tables keep it."""
    return {
        f"{side}_key": actor_key(actors),
        f"{side}_label": "; ".join(actor.label for actor in actors),
        f"{side}_names": "; ".join(actor.name for actor in actors),
        f"{side}_actors": sorted({code for actor in actors if (code := _actor_code(actor))}),
        f"{side}_countries": sorted({actor.country.upper() for actor in actors if actor.country}),
        f"{side}_types": sorted({actor.actor_type.upper() for actor in actors if actor.actor_type}),
    }


def _report_row(article: Article, event: Event, event_id: str | None) -> dict[str, Any]:
    where, when = event.where, event.when
    day, day_rule = event_day(event, article.published)
    row = {
        "article_id": article.id,
        "id": event.id,
        "event_id": event_id,
        "type": event.type,
        "mode": event.mode,
        "context": event.context,
        "cameo": event.cameo,
        "place_name": where.name if where else None,
        "place_country": where.country if where else None,
        "lat": where.lat if where else None,
        "lon": where.lon if where else None,
        "place_id": where.place_id if where else None,
        "place_rule": where.rule if where else None,
        "place_precision": where.precision if where else None,
        "when_text": when.text if when else None,
        "when_value": when.value if when else None,
        "when_rule": when.rule if when else None,
        "date": day,
        "date_rule": day_rule,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "evidence": event.evidence,
        "start": event.start,
        "end": event.end,
        "quote_id": event.quote_id,
        "confidence": event.confidence,
        "in_title": event.in_title,
    }
    row.update(_side_columns("source", event.source))
    row.update(_side_columns("target", event.target))
    return row


def _span_rows(article_id: str, event: Event) -> list[dict[str, Any]]:
    return [
        {"article_id": article_id, "report_id": event.id, "start": s.start, "end": s.end} for s in event.spans
    ]


def _actor_rows(article_id: str, event: Event) -> list[dict[str, Any]]:
    rows = []
    for role, actors in (("source", event.source), ("target", event.target)):
        for n, actor in enumerate(actors):
            rows.append(
                {"article_id": article_id, "report_id": event.id, "role": role, "n": n, **vars(actor)}
            )
    return rows


@dataclass
class _Rows:
    """Rows of one batch, by table, in insertion order."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        self.tables.setdefault(table, []).extend(rows)

    def insert(self, con: duckdb.DuckDBPyConnection) -> None:
        for table, rows in self.tables.items():
            insert_rows(con, table, rows)


def _reading_rows(rows: _Rows, article_id: str, findings: Findings) -> None:
    for entity in findings.entities:
        rows.add("entities", [_record_row(article_id, entity)])
        rows.add("mentions", _mention_rows(article_id, "entity", entity.id, entity.mentions))
    for place in findings.places:
        rows.add("places", [_record_row(article_id, place)])
        rows.add("mentions", _mention_rows(article_id, "place", place.id, place.mentions))
    rows.add("quotes", [_record_row(article_id, quote) for quote in findings.quotes])
    rows.add(
        "dates", [{"article_id": article_id, "n": n, **vars(date)} for n, date in enumerate(findings.dates)]
    )


# ---------------------------------------------------------------------------- one batch


@dataclass
class PendingDocument:
    """A document read in this run, and the articles the pipeline found in it."""

    document: Document
    id: str
    reference_date: str | None = None
    articles: list[tuple[Article, Findings]] = field(default_factory=list)


@dataclass
class BatchResult:
    """What one batch stored: documents (and how many were already there), articles,
    reprints of stored articles, copies of stored articles from the same source, event reports."""

    documents: int = 0
    skipped: int = 0
    articles: int = 0
    reprints: int = 0
    duplicates: int = 0
    events: int = 0


def _with_signature(article: Article) -> Article:
    """An article with `content_hash` and `minhash` set (hand-made articles may lack them)."""
    if article.content_hash and article.minhash:
        return article
    return dataclasses.replace(
        article,
        content_hash=article.content_hash or content_hash(article.body),
        minhash=article.minhash or tuple(int(v) for v in minhash_signature(article.body).hashvalues),
    )


class BatchWrite:
    """Writes one batch of whole documents inside an open transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection, threshold: float) -> None:
        self.con = con
        self.threshold = threshold
        self.rows = _Rows()
        self.touched_stories: set[str] = set()
        self.touched_events: set[str] = set()
        self.copied_hashes: list[str] = []
        # The ingest position of each article a replaced document had: an article the
        # pipeline gives again keeps it, so reprocessing changes no order.
        self.replaced_seqs: dict[str, int] = {}
        self.result = BatchResult()

    def write(self, documents: Sequence[PendingDocument], replace: bool) -> BatchResult:
        doc_ids = [pending.id for pending in documents]
        if replace:
            self._remove_documents_rows(doc_ids)
        else:
            # Another ingest may have stored some of them since this one looked.
            stored = set(self._column_of("SELECT id FROM documents WHERE id IN " + IDS, doc_ids))
            documents = [pending for pending in documents if pending.id not in stored]
            self.result.skipped = len(stored)
            seq = self._next_seq("documents")
            self.rows.add(
                "documents",
                [_document_row(p.document, p.id, seq + n, p.reference_date) for n, p in enumerate(documents)],
            )
        self.result.documents = len(documents)
        self._add_articles(documents)
        self.rows.insert(self.con)
        self._refresh_stories(self.touched_stories)
        self._refresh_events(self.touched_events)
        return self.result

    def _next_seq(self, table: str) -> int:
        row = self.con.execute(f"SELECT coalesce(max(seq), 0) + 1 FROM {table}").fetchone()
        return int(row[0]) if row else 1

    # -- replacing what a document gave before

    def _remove_documents_rows(self, doc_ids: list[str]) -> None:
        rows = self.con.execute(
            "SELECT id, seq FROM articles WHERE document_id IN " + IDS, [id_list(doc_ids)]
        )
        self.replaced_seqs = dict(rows.fetchall())
        old = list(self.replaced_seqs)
        self.touched_stories.update(self._column_of("SELECT story_id FROM articles WHERE id IN " + IDS, old))
        self.touched_events.update(
            self._column_of("SELECT event_id FROM event_reports WHERE article_id IN " + IDS, old)
        )
        self._touch_copied(
            self._column_of("SELECT content_hash FROM reprints WHERE document_id IN " + IDS, doc_ids)
        )
        self.con.execute("DELETE FROM reprints WHERE document_id IN " + IDS, [doc_ids])
        for table in DERIVED_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE article_id IN " + IDS, [old])
        self.con.execute("DELETE FROM articles WHERE id IN " + IDS, [old])
        log.debug("replacing %d articles of %d documents", len(old), len(doc_ids))

    def _column_of(self, sql: str, ids: list[str]) -> list[Any]:
        """The distinct non-null values of a one-column query over a list of ids."""
        return [row[0] for row in self.con.execute(sql, [id_list(ids)]).fetchall() if row[0] is not None]

    def _touch_copied(self, hashes: list[str]) -> None:
        """Mark for refresh the story and events of the stored articles with these hashes."""
        if not hashes:
            return
        rows = self.con.execute(
            "SELECT a.story_id, r.event_id FROM articles a LEFT JOIN event_reports r ON r.article_id = a.id "
            "WHERE a.content_hash IN " + IDS,
            [hashes],
        ).fetchall()
        self.touched_stories.update(story for story, _ in rows if story)
        self.touched_events.update(event for _, event in rows if event)

    # -- new articles

    def _add_articles(self, documents: Sequence[PendingDocument]) -> None:
        entries = [(p, _with_signature(a), r) for p in documents for a, r in p.articles]
        stored = self._stored_by_hash([a.content_hash for _, a, _ in entries])
        taken_ids = self._taken_ids([a.id for _, a, _ in entries])
        next_seq = self._next_seq("articles")
        fresh: list[tuple[PendingDocument, Article, Findings]] = []
        for pending, article, findings in entries:
            original_source = stored.get(article.content_hash)
            if original_source is not None:
                self._add_reprint(pending, article, original_source)
                continue
            if article.id in taken_ids:
                # The same source and position held other text before (a file changed since).
                article = dataclasses.replace(article, id=_derived_id(article.id, article.content_hash))
            taken_ids.add(article.id)
            stored[article.content_hash] = article.source
            fresh.append((pending, article, findings))
        seqs = self._seqs([article.id for _, article, _ in fresh], next_seq)
        stories = self._assign_stories([article for _, article, _ in fresh], seqs)
        for pending, article, findings in fresh:
            self.rows.add(
                "articles", [_article_row(article, pending.id, seqs[article.id], stories[article.id])]
            )
            self.rows.add(
                "article_bands",
                [
                    {"article_id": article.id, "band": band, "hash": value}
                    for band, value in enumerate(band_hashes(article.minhash))
                ],
            )
            _reading_rows(self.rows, article.id, findings)
        self.touched_stories.update(stories.values())
        self._add_events([(article, findings) for _, article, findings in fresh], seqs)
        self.result.articles = len(fresh)

    def _seqs(self, article_ids: list[str], next_seq: int) -> dict[str, int]:
        """Each article's ingest position: the one it had before a replace, else the next free."""
        seqs: dict[str, int] = {}
        for article_id in article_ids:
            if article_id in self.replaced_seqs:
                seqs[article_id] = self.replaced_seqs[article_id]
            else:
                seqs[article_id] = next_seq
                next_seq += 1
        return seqs

    def _stored_by_hash(self, hashes: list[str]) -> dict[str, str]:
        rows = self.con.execute(
            "SELECT content_hash, source FROM articles WHERE content_hash IN " + IDS,
            [id_list(hashes)],
        ).fetchall()
        return dict(rows)

    def _taken_ids(self, ids: list[str]) -> set[str]:
        rows = self.con.execute("SELECT id FROM articles WHERE id IN " + IDS, [id_list(ids)]).fetchall()
        return {row[0] for row in rows}

    def _add_reprint(self, pending: PendingDocument, article: Article, original_source: str) -> None:
        """An exact copy of a stored article: counted as one more source of it when it comes
        from somewhere else, ignored when it is the same source read again."""
        if article.source == original_source:
            self.result.duplicates += 1
            return
        self.rows.add(
            "reprints",
            [
                {
                    "content_hash": article.content_hash,
                    "document_id": pending.id,
                    "source": article.source,
                    "url": article.url,
                    "title": article.title,
                    "published": article.published,
                    "seen_at": utc_now(),
                }
            ],
        )
        self.result.reprints += 1
        self.copied_hashes.append(article.content_hash)

    # -- stories

    def _assign_stories(self, articles: list[Article], seqs: dict[str, int]) -> dict[str, str]:
        """Each new article's story: that of its closest near-duplicate ingested before
        it (stored, or earlier in the batch), or its own."""
        candidates = self._story_candidates(articles)
        bands_of = {article.id: set(enumerate(band_hashes(article.minhash))) for article in articles}
        assigned: dict[str, str] = {}
        earlier: list[tuple[Article, str]] = []
        for article in articles:
            members = [member for seq, member in candidates.get(article.id, ()) if seq < seqs[article.id]]
            members += [
                StoryMember(other.id, story, other.minhash)
                for other, story in earlier
                if bands_of[article.id] & bands_of[other.id]
            ]
            story = closest_story(article.minhash, members, self.threshold) or article.id
            assigned[article.id] = story
            earlier.append((article, story))
        return assigned

    def _story_candidates(self, articles: list[Article]) -> dict[str, list[tuple[int, StoryMember]]]:
        queries = [
            (article.id, band, value)
            for article in articles
            for band, value in enumerate(band_hashes(article.minhash))
        ]
        if not queries:
            return {}
        ids, bands, values = (list(column) for column in zip(*queries, strict=True))
        rows = self.con.execute(
            """
            SELECT DISTINCT q.query_id, a.seq, a.id, a.story_id, a.minhash
            FROM (SELECT unnest($1::VARCHAR[]) AS query_id, unnest($2::UTINYINT[]) AS band,
                         unnest($3::BIGINT[]) AS hash) q
            JOIN article_bands b ON b.band = q.band AND b.hash = q.hash
            JOIN articles a ON a.id = b.article_id
            ORDER BY q.query_id, a.seq
            """,
            [ids, bands, values],
        ).fetchall()
        found: dict[str, list[tuple[int, StoryMember]]] = {}
        for query_id, seq, article_id, story_id, minhash in rows:
            found.setdefault(query_id, []).append((seq, StoryMember(article_id, story_id, tuple(minhash))))
        return found

    # -- events

    def _add_events(self, fresh: list[tuple[Article, Findings]], seqs: dict[str, int]) -> None:
        reports = [(article, event) for article, findings in fresh for event in findings.events]
        sightings = {(a.id, e.id): sighting(e, a.published) for a, e in reports if counts(e)}
        candidates = self._event_candidates(list(sightings.values()))
        for article, event in reports:
            event_id = None
            seen = sightings.get((article.id, event.id))
            if seen is not None:
                key = (seen.type, seen.source_key, seen.target_key)
                pool = candidates.setdefault(key, [])
                # Only events begun before this report: a replaced article joins what it
                # joined when first stored, not an event a later article began.
                visible = [(known_id, known) for since, known_id, known in pool if since <= seqs[article.id]]
                event_id = closest_event(seen, visible)
                if event_id is None:
                    event_id = _new_event_id(article.id, event.id)
                    pool.append((seqs[article.id], event_id, seen))
                self.touched_events.add(event_id)
            self.rows.add("event_reports", [_report_row(article, event, event_id)])
            self.rows.add("event_actors", _actor_rows(article.id, event))
            self.rows.add("event_spans", _span_rows(article.id, event))
        self.result.events = len(reports)
        self._touch_copied(self.copied_hashes)

    def _event_candidates(
        self, sightings: list[Sighting]
    ) -> dict[tuple[str, str, str], list[tuple[int, str, Sighting]]]:
        """Stored events that share type and actors with a report of the batch, near its
        dates, each with the first ingest position that may join it (after its first article's)."""
        if not sightings:
            return {}
        days = [s.date for s in sightings if s.date is not None]
        low = min(days) - dt.timedelta(days=1) if days else None
        high = max(days) + dt.timedelta(days=1) if days else None
        keys = sorted({(s.type, s.source_key, s.target_key) for s in sightings})
        types, sources, targets = (list(column) for column in zip(*keys, strict=True))
        rows = self.con.execute(
            """
            SELECT coalesce(a.seq + 1, 0), e.id, e.type, e.source_key, e.target_key, e.date, e.lat, e.lon
            FROM events e
            JOIN (SELECT unnest($1::VARCHAR[]) AS type, unnest($2::VARCHAR[]) AS source_key,
                         unnest($3::VARCHAR[]) AS target_key) k
              ON e.type = k.type AND e.source_key = k.source_key AND e.target_key = k.target_key
            LEFT JOIN articles a ON a.id = e.first_article_id
            WHERE e.date IS NULL OR e.date BETWEEN $4 AND $5
            ORDER BY e.id
            """,
            [types, sources, targets, low, high],
        ).fetchall()
        found: dict[tuple[str, str, str], list[tuple[int, str, Sighting]]] = {}
        for since, event_id, kind, source_key, target_key, day, lat, lon in rows:
            known = Sighting(kind, source_key, target_key, day, lat, lon)
            found.setdefault((kind, source_key, target_key), []).append((since, event_id, known))
        return found

    # -- derived tables

    def _refresh_stories(self, story_ids: set[str]) -> None:
        """Recompute the rows of these stories from their articles (gone when none is left)."""
        ids = id_list(story_ids)
        if not ids:
            return
        self.con.execute("DELETE FROM stories WHERE id IN (SELECT unnest($1::VARCHAR[]))", [ids])
        self.con.execute(
            """
            INSERT INTO stories
            SELECT a.story_id, first(a.title ORDER BY a.seq), first(a.id ORDER BY a.seq),
                   min(a.published), max(a.published),
                   count(*) + coalesce(sum(c.n), 0), coalesce(sum(c.n), 0)
            FROM articles a
            LEFT JOIN (SELECT content_hash, count(*) AS n FROM reprints GROUP BY content_hash) c
              ON c.content_hash = a.content_hash
            WHERE a.story_id IN (SELECT unnest($1::VARCHAR[]))
            GROUP BY a.story_id
            """,
            [ids],
        )

    def _refresh_events(self, event_ids: set[str]) -> None:
        """Recompute these events from their reports: the first report (in ingest order)
        speaks for the event; `sources` counts the articles reporting it and their reprints."""
        ids = id_list(event_ids)
        if not ids:
            return
        self.con.execute("DELETE FROM events WHERE id IN (SELECT unnest($1::VARCHAR[]))", [ids])
        self.con.execute(REFRESH_EVENTS_SQL, [ids])


def commit_batch(
    db: str | os.PathLike[str],
    documents: Sequence[PendingDocument],
    threshold: float,
    *,
    replace: bool = False,
) -> BatchResult:
    """Store whole documents with their articles and findings in one transaction.

    With `replace`, the rows these documents gave before (articles, findings, reprints)
    are replaced; otherwise the documents are new. The database is held only for the
    time of the transaction.
    """
    with open_store(db) as con, transaction(con):
        return BatchWrite(con, threshold).write(documents, replace)


def _derived_id(article_id: str, digest: str) -> str:
    return hashlib.sha1(f"{article_id}\n{digest}".encode()).hexdigest()[:16]


def _new_event_id(article_id: str, report_id: str) -> str:
    return "ev" + hashlib.sha1(f"{article_id}\n{report_id}".encode()).hexdigest()[:14]


# Tables whose rows belong to one article, replaced with it.
DERIVED_TABLES = (
    "article_bands",
    "entities",
    "mentions",
    "places",
    "quotes",
    "dates",
    "event_reports",
    "event_actors",
    "event_spans",
)

REFRESH_EVENTS_SQL = """
INSERT INTO events
SELECT * FROM (
    WITH reports AS (
        SELECT r.*, a.seq AS article_seq, a.story_id, a.published AS article_published,
               a.content_hash
        FROM event_reports r JOIN articles a ON a.id = r.article_id
        WHERE r.event_id IN (SELECT unnest($1::VARCHAR[]))),
    firsts AS (
        SELECT * FROM reports
        QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY article_seq, id) = 1),
    per_article AS (
        SELECT DISTINCT event_id, article_id, story_id, content_hash, article_published FROM reports),
    copies AS (
        SELECT content_hash, count(*) AS n FROM reprints
        WHERE content_hash IN (SELECT content_hash FROM per_article) GROUP BY content_hash),
    tallies AS (
        SELECT p.event_id, count(*) + coalesce(sum(c.n), 0) AS sources,
               count(DISTINCT p.story_id) AS stories, min(p.article_published) AS first_reported
        FROM per_article p LEFT JOIN copies c ON c.content_hash = p.content_hash
        GROUP BY p.event_id),
    best AS (SELECT event_id, max(confidence) AS confidence FROM reports GROUP BY event_id)
    SELECT f.event_id, f.type, f.mode, f.context, f.cameo, f.date, f.date_rule, f.place_name,
           f.place_country, f.lat, f.lon, f.source_key, f.target_key, f.source_label,
           f.target_label, f.source_names, f.target_names, f.source_actors, f.target_actors,
           f.source_countries, f.target_countries, f.source_types, f.target_types, f.evidence, f.article_id,
           t.sources, t.stories, t.first_reported, b.confidence, f.place_precision
    FROM firsts f JOIN tallies t USING (event_id) JOIN best b USING (event_id)
)
"""
