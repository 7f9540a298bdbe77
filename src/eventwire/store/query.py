"""Findings the store back: records for export, and the queries behind `events`, `actors`, `quotes`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from eventwire.knowledge.geo import EARTH_RADIUS_KM
from eventwire.knowledge.identity import ActorIdentity, actor_identity
from eventwire.records import (
    ActorRef,
    Article,
    Caption,
    Entity,
    Entry,
    Event,
    EventPlace,
    EventTime,
    Findings,
    Mention,
    Paragraph,
    Place,
    Quote,
    TextSpan,
    TimeExpr,
)
from eventwire.store.schema import quoted

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------- reading back


def store_totals(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row counts of the main tables: documents, articles, reprints, stories, event reports, events."""
    totals = {}
    for table in (
        "documents",
        "articles",
        "reprints",
        "stories",
        "event_reports",
        "events",
        "quotes",
        "entities",
    ):
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        totals[table] = int(row[0]) if row else 0
    return totals


def stored_findings(
    con: duckdb.DuckDBPyConnection, article_ids: Sequence[str] | None = None, chunk: int = 500
) -> Iterator[tuple[Article, Findings]]:
    """The stored articles (all, or these) with their findings, as records, in ingest order."""
    if article_ids is None:
        ids = [row[0] for row in con.execute("SELECT id FROM articles ORDER BY seq").fetchall()]
    else:
        ids = list(article_ids)
    for start in range(0, len(ids), chunk):
        yield from _findings_of(con, ids[start : start + chunk])


def _rows_by_article(
    con: duckdb.DuckDBPyConnection, sql: str, ids: list[str]
) -> dict[str, list[dict[str, Any]]]:
    cursor = con.execute(sql, [ids])
    names = [d[0] for d in cursor.description]
    grouped: dict[str, list[dict[str, Any]]] = {}
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        grouped.setdefault(row["article_id"], []).append(row)
    return grouped


def _findings_of(con: duckdb.DuckDBPyConnection, ids: list[str]) -> Iterator[tuple[Article, Findings]]:
    where = "WHERE article_id IN (SELECT unnest($1::VARCHAR[]))"
    tables = {
        name: _rows_by_article(con, f"SELECT * FROM {name} {where} ORDER BY {order}", ids)
        for name, order in READ_ORDER.items()
    }
    cursor = con.execute(
        "SELECT *, id AS article_id FROM articles WHERE id IN (SELECT unnest($1::VARCHAR[])) ORDER BY seq",
        [ids],
    )
    names = [d[0] for d in cursor.description]
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        related = {name: rows.get(row["id"], []) for name, rows in tables.items()}
        yield _article_from_row(row), _findings_from_rows(related)


READ_ORDER = {
    "entities": "rowid",
    "mentions": "rowid",
    "places": "rowid",
    "quotes": "rowid",
    "dates": "n",
    "event_reports": "rowid",
    "event_actors": "rowid",
    "event_spans": "rowid",
}


def _article_from_row(row: dict[str, Any]) -> Article:
    body = row["body"] or ""
    return Article(
        id=row["id"],
        source=row["source"],
        title=row["title"],
        body=body,
        paragraphs=tuple(
            Paragraph(body[p["start"] : p["end"]], p["start"], p["end"]) for p in row["paragraphs"] or ()
        ),
        captions=tuple(Caption(c["text"], c["credit"]) for c in row["captions"] or ()),
        entries=tuple(Entry(e["paragraph"], e["stamp"], e["time"], e["day"]) for e in row["entries"] or ()),
        published=row["published"],
        date_source=row["date_source"],
        dateline=row["dateline"],
        byline=row["byline"],
        publisher=row["publisher"],
        url=row["url"],
        language=row["language"],
        content_hash=row["content_hash"],
        duplicate_of=row["duplicate_of"],
        minhash=tuple(row["minhash"] or ()),
    )


def _mentions_of(rows: list[dict[str, Any]], kind: str) -> dict[str, tuple[Mention, ...]]:
    grouped: dict[str, list[Mention]] = {}
    for row in rows:
        if row["kind"] == kind:
            grouped.setdefault(row["ref_id"], []).append(Mention(row["text"], row["start"], row["end"]))
    return {key: tuple(value) for key, value in grouped.items()}


def _fields(record_type: type, row: dict[str, Any], **extra: Any) -> Any:
    names = {f.name for f in dataclasses.fields(record_type)}
    return record_type(**{name: row[name] for name in names if name in row and name not in extra}, **extra)


def _findings_from_rows(related: dict[str, list[dict[str, Any]]]) -> Findings:
    entity_mentions = _mentions_of(related["mentions"], "entity")
    place_mentions = _mentions_of(related["mentions"], "place")
    return Findings(
        entities=tuple(
            _fields(Entity, row, mentions=entity_mentions.get(row["id"], ())) for row in related["entities"]
        ),
        places=tuple(
            _fields(Place, row, mentions=place_mentions.get(row["id"], ())) for row in related["places"]
        ),
        quotes=tuple(_fields(Quote, row) for row in related["quotes"]),
        dates=tuple(_fields(TimeExpr, row) for row in related["dates"]),
        events=tuple(_event_from_rows(row, related) for row in related["event_reports"]),
    )


def _event_from_rows(row: dict[str, Any], related: dict[str, list[dict[str, Any]]]) -> Event:
    actors = [a for a in related["event_actors"] if a["report_id"] == row["id"]]
    spans = [s for s in related["event_spans"] if s["report_id"] == row["id"]]

    def side(role: str) -> tuple[ActorRef, ...]:
        chosen = sorted((a for a in actors if a["role"] == role), key=lambda a: a["n"])
        return tuple(ActorRef(a["name"], a["country"], a["actor_type"], a["entity_id"]) for a in chosen)

    where = None
    if row["place_rule"] is not None:
        where = EventPlace(
            row["place_name"],
            row["place_country"],
            row["lat"],
            row["lon"],
            row["place_id"],
            row["place_rule"],
            row.get("place_precision"),
        )
    when = (
        EventTime(row["when_text"], row["when_value"], row["when_rule"])
        if row["when_rule"] is not None
        else None
    )
    return Event(
        id=row["id"],
        type=row["type"],
        mode=row["mode"],
        context=row["context"],
        cameo=row["cameo"],
        source=side("source"),
        target=side("target"),
        where=where,
        when=when,
        negated=bool(row["negated"]),
        hypothetical=bool(row["hypothetical"]),
        evidence=row["evidence"],
        start=row["start"],
        end=row["end"],
        spans=tuple(TextSpan(s["start"], s["end"]) for s in spans),
        quote_id=row["quote_id"],
        confidence=row["confidence"],
        in_title=bool(row.get("in_title")),
    )


# ---------------------------------------------------------------------------- queries


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The rows of a query as dicts by column name."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


@dataclass(frozen=True)
class EventQuery:
    """Filters for `find_events`; each one left None does not filter.

    `type` is a PLOVER type and `cameo` the start of a CAMEO code ('19': any use of
    conventional force); `actor` is a country code ('TUR'), an actor code ('TURGOV') or
    part of an actor's name ('Fidan'); `country` is where the event took place (for
    events with no known place: any actor's country); `near` is (lat, lon, km); `text` a
    word or phrase of any evidence sentence.
    """

    type: str | None = None
    cameo: str | None = None
    actor: str | None = None
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    near: tuple[float, float, float] | None = None
    text: str | None = None
    limit: int | None = 50
    event_id: str | None = None


EVENT_COLUMNS = (
    "id", "date", "type", "mode", "cameo", "source_label", "source_countries", "target_label",
    "target_countries", "place_name", "place_country", "lat", "lon", "sources", "stories", "evidence",
    "first_article_id", "first_reported",
)  # fmt: skip


KM_PER_DEGREE = 111.2
# Kilometres from a point to the event's place (haversine); parameters: lat, lat, lon.
GREAT_CIRCLE_KM = (
    f"2 * {EARTH_RADIUS_KM} * asin(least(1, sqrt(pow(sin(radians(e.lat - ?) / 2), 2) "
    "+ cos(radians(?)) * cos(radians(e.lat)) * pow(sin(radians(e.lon - ?) / 2), 2))))"
)


def _containing(text: str) -> str:
    """An ILIKE pattern for text that contains `text` literally (% and _ escaped)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _is_code(value: str) -> bool:
    return value.isalpha() and value.isupper() and len(value) in (3, 6)


def event_filters(query: EventQuery) -> tuple[str, list[Any]]:
    """A SQL condition on `events` (alias e) for the query, and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if query.event_id:
        clauses.append("e.id = ?")
        params.append(query.event_id)
    if query.type:
        clauses.append("e.type = ?")
        params.append(query.type.upper())
    if query.cameo:
        clauses.append("starts_with(e.cameo, ?)")
        params.append(query.cameo)
    if query.actor:
        if _is_code(query.actor):
            lists = "countries" if len(query.actor) == 3 else "actors"
            clauses.append(f"(list_contains(e.source_{lists}, ?) OR list_contains(e.target_{lists}, ?))")
            params += [query.actor] * 2
        else:
            clauses.append("(e.source_label ILIKE ? ESCAPE '\\' OR e.target_label ILIKE ? ESCAPE '\\')")
            params += [_containing(query.actor)] * 2
    if query.country:
        code = query.country.upper()
        clauses.append(
            "(e.place_country = ? OR (e.place_country IS NULL AND "
            "(list_contains(e.source_countries, ?) OR list_contains(e.target_countries, ?))))"
        )
        params += [code] * 3
    if query.since:
        clauses.append("e.date >= ?")
        params.append(query.since)
    if query.until:
        clauses.append("e.date <= ?")
        params.append(query.until)
    if query.near:
        lat, lon, km = query.near
        # A bounding box first (cheap), then the great-circle distance.
        dlat = km / KM_PER_DEGREE
        dlon = min(180.0, km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01)))
        clauses.append(
            f"(e.lat BETWEEN ? AND ? AND (e.lon BETWEEN ? AND ? OR ? > 179) AND {GREAT_CIRCLE_KM} <= ?)"
        )
        params += [lat - dlat, lat + dlat, lon - dlon, lon + dlon, dlon + abs(lon), lat, lat, lon, km]
    if query.text:
        clauses.append("e.id IN (SELECT event_id FROM event_reports WHERE evidence ILIKE ? ESCAPE '\\')")
        params.append(_containing(query.text))
    return (" AND ".join(clauses) or "TRUE"), params


def find_events(con: duckdb.DuckDBPyConnection, query: EventQuery = EventQuery()) -> list[dict[str, Any]]:
    """Merged events matching the query, latest first, with the title and source of their first article."""
    condition, params = event_filters(query)
    columns = ", ".join(f"e.{quoted(name)}" for name in EVENT_COLUMNS)
    limit = f"LIMIT {int(query.limit)}" if query.limit else ""
    order = "date DESC NULLS LAST, sources DESC, id"
    # The events are chosen first and only they are joined to their article: joining
    # every event before the LIMIT would read the whole articles table.
    cursor = con.execute(
        f"""
        WITH chosen AS (SELECT {columns} FROM events e WHERE {condition} ORDER BY {order} {limit})
        SELECT chosen.*, a.title AS article_title, a.source AS article_source, a.url AS article_url
        FROM chosen LEFT JOIN articles a ON a.id = chosen.first_article_id
        ORDER BY {order}
        """,
        params,
    )
    return _dicts(cursor)


# The columns of `top_actors` and `find_quotes` rows, in order (a CSV's header).
ACTOR_COLUMNS = ("name", "country", "actor_type", "events", "as_source", "as_target", "names")
QUOTE_COLUMNS = (
    "speaker", "text", "kind", "verb", "published", "sources", "article_title", "article_source",
    "article_url", "article_id",
)  # fmt: skip


def actor_identities(
    con: duckdb.DuckDBPyConnection,
) -> tuple[dict[tuple[str, str | None, str | None], ActorIdentity], list[list[Any]]]:
    """The identity of every stored actor (name, country, type), and the same as columns
    (name, country, actor_type, key) for a query to join on."""
    stored = con.execute("SELECT DISTINCT name, country, actor_type FROM event_actors").fetchall()
    identities = {row: actor_identity(*row) for row in stored}
    columns = [[*row, identity.key] for row, identity in identities.items()]
    return identities, [list(column) for column in zip(*columns, strict=True)] if columns else [[]] * 4


def top_actors(con: duckdb.DuckDBPyConnection, limit: int | None = 50) -> list[dict[str, Any]]:
    """Actors by the number of (merged) events they are a source or target of, each under
    one identity however the news names it (knowledge/identity.py): `names` lists the
    names it was found under, most used first."""
    identities, columns = actor_identities(con)
    by_key = {identity.key: identity for identity in identities.values()}
    cursor = con.execute(
        """
        WITH known AS (
            SELECT unnest($1::VARCHAR[]) AS name, unnest($2::VARCHAR[]) AS country,
                   unnest($3::VARCHAR[]) AS actor_type, unnest($4::VARCHAR[]) AS key),
        named AS (
            SELECT k.key, a.name, a.role, r.event_id
            FROM event_actors a
            JOIN event_reports r ON r.article_id = a.article_id AND r.id = a.report_id
            JOIN known k ON k.name = a.name AND k.country IS NOT DISTINCT FROM a.country
                 AND k.actor_type IS NOT DISTINCT FROM a.actor_type
            WHERE r.event_id IS NOT NULL),
        names AS (
            SELECT key, list(name ORDER BY n DESC, name) AS names
            FROM (SELECT key, name, count(*) AS n FROM named GROUP BY key, name) GROUP BY key)
        SELECT key, count(DISTINCT event_id) AS events,
               count(DISTINCT event_id) FILTER (WHERE role = 'source') AS as_source,
               count(DISTINCT event_id) FILTER (WHERE role = 'target') AS as_target,
               any_value(names.names) AS names
        FROM named JOIN names USING (key)
        GROUP BY key
        """,
        columns,
    )
    rows = []
    for row in _dicts(cursor):
        identity = by_key[row.pop("key")]
        rows.append(
            {"name": identity.name, "country": identity.country, "actor_type": identity.actor_type, **row}
        )
    rows.sort(key=lambda row: (-row["events"], row["name"].casefold()))
    return rows[:limit] if limit else rows


def find_quotes(
    con: duckdb.DuckDBPyConnection,
    speaker: str | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = 50,
) -> list[dict[str, Any]]:
    """Quotes (of one speaker, by part of the name), each once however many articles carry it,
    latest first, with how many articles do and the first of them."""
    clauses, params = ["q.speaker IS NOT NULL"], []
    if speaker:
        clauses.append("contains(lower(q.speaker), ?)")
        params.append(speaker.lower())
    if since:
        clauses.append("TRY_CAST(a.published AS DATE) >= ?")
        params.append(since)
    if until:
        clauses.append("TRY_CAST(a.published AS DATE) <= ?")
        params.append(until)
    cursor = con.execute(
        f"""
        SELECT q.speaker, q.text, first(q.kind ORDER BY a.seq) AS kind, first(q.verb ORDER BY a.seq) AS verb,
               min(a.published) AS published, count(DISTINCT a.id) AS sources,
               first(a.title ORDER BY a.seq) AS article_title,
               first(a.source ORDER BY a.seq) AS article_source,
               first(a.url ORDER BY a.seq) AS article_url, first(a.id ORDER BY a.seq) AS article_id
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE {" AND ".join(clauses)}
        GROUP BY q.speaker, q.text
        ORDER BY published DESC NULLS LAST, sources DESC, q.speaker, q.text
        {f"LIMIT {int(limit)}" if limit else ""}
        """,
        params,
    )
    return _dicts(cursor)


def event_reports(con: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """Every report of one merged event: article, source and evidence sentence."""
    cursor = con.execute(
        """
        SELECT r.article_id, r.evidence, r.start, r."end", a.title, a.source, a.url, a.published
        FROM event_reports r JOIN articles a ON a.id = r.article_id
        WHERE r.event_id = ? ORDER BY a.seq, r.id
        """,
        [event_id],
    )
    return _dicts(cursor)


def resolve_event_id(con: duckdb.DuckDBPyConnection, id_or_prefix: str) -> str:
    """The id of the one event whose id is, or starts with, `id_or_prefix`; LookupError
    (saying why) when none or several do."""
    found = [
        row[0]
        for row in con.execute(
            "SELECT id FROM events WHERE starts_with(id, ?) ORDER BY id LIMIT 6", [id_or_prefix.strip()]
        ).fetchall()
    ]
    if id_or_prefix in found or len(found) == 1:
        return id_or_prefix if id_or_prefix in found else found[0]
    if not found:
        raise LookupError(f"no event {id_or_prefix!r} in the database (`eventwire events` lists their ids)")
    raise LookupError(
        f"{id_or_prefix!r} starts several event ids ({', '.join(found[:5])}, ...): give more of it"
    )


def report_details(con: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """Every report of one event, first stored first: its article (title, source, address,
    date and where that date came from), the place and date it gives with their rules,
    and the paragraph of its evidence with the evidence's offsets into that paragraph."""
    cursor = con.execute(
        """
        SELECT r.article_id, r.id AS report_id, a.title, a.source, a.url, a.published, a.date_source,
               r.place_name AS place, r.place_rule, r.date, r.date_rule, r.when_text, r.in_title,
               r.evidence, r.start, r."end", a.body, a.paragraphs
        FROM event_reports r JOIN articles a ON a.id = r.article_id
        WHERE r.event_id = ? ORDER BY a.seq, r.id
        """,
        [event_id],
    )
    return [_with_paragraph(row) for row in _dicts(cursor)]


def _with_paragraph(row: dict[str, Any]) -> dict[str, Any]:
    body, paragraphs = row.pop("body") or "", row.pop("paragraphs") or ()
    start, end = row["start"], row["end"]
    if row["in_title"]:
        text, offset = row["title"] or "", 0
    else:
        around = next((p for p in paragraphs if p["start"] <= start < p["end"]), None)
        first, last = (around["start"], around["end"]) if around else (start, end)
        text, offset = body[first:last], first
    return {**row, "paragraph": text, "start": start - offset, "end": min(end, offset + len(text)) - offset}
