"""Situation reports from the store: Markdown for the terminal, one self-contained HTML file.

`build_report(db, since=..., until=..., country=...)` gathers what an analyst would send
about a period: headline figures, events by type and by actor pair, a timeline, the key
events with every source that reports them, and the most quoted people with what they
said, each line citing its article (title and source). `render_markdown` and
`render_html` write it out; the HTML carries its map (an equirectangular SVG over the
bundled Natural Earth outline), its timeline chart and its styles inline, with no script
and nothing fetched: it opens offline.

Everything in a report comes from scraped text, so none of it is trusted: the HTML is
rendered by Jinja2 with autoescape on, links are kept only for http(s) URLs, and the
Markdown escapes its punctuation and drops control characters.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import duckdb

from eventwire.knowledge.codes import country_name
from eventwire.knowledge.files import data_file, read_yaml
from eventwire.knowledge.identity import actor_identity
from eventwire.knowledge.plover import load_plover_quads, quad_of
from eventwire.store import DEFAULT_DB, EventQuery, event_reports, open_store
from eventwire.store.query import event_filters

if TYPE_CHECKING:
    import jinja2

CITATIONS_PER_EVENT = 4
QUOTES_PER_SPEAKER = 2
# Buckets of the timeline: by day up to two months, by week up to two years, else by month.
DAY_BUCKET_MAX_DAYS = 62
WEEK_BUCKET_MAX_DAYS = 730


@dataclass(frozen=True)
class Citation:
    """The article a line of the report rests on: its title, source and (http) link."""

    title: str
    source: str
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class KeyEvent:
    date: dt.date | None
    type: str
    mode: str | None
    quad: str
    source: str
    target: str
    place: str | None
    sources: int
    stories: int
    evidence: str
    citations: tuple[Citation, ...]
    more_citations: int = 0
    confidence: float | None = None
    # The merged event's id, for `eventwire show ID`.
    id: str | None = None


@dataclass(frozen=True)
class Said:
    text: str
    citation: Citation
    sources: int = 1


@dataclass(frozen=True)
class Speaker:
    name: str
    quotes: int
    articles: int
    said: tuple[Said, ...]


@dataclass(frozen=True)
class MapPoint:
    lat: float
    lon: float
    place: str
    events: int
    sources: int
    quad: str
    precision: str | None = None

    @property
    def is_area(self) -> bool:
        """The point is the centroid of a country or region, not a town."""
        return self.precision in AREA_PRECISIONS


# A point of these precisions stands for a whole area: the map draws it as a ring.
AREA_PRECISIONS = frozenset({"country", "admin1", "region"})


@dataclass(frozen=True)
class Report:
    """Everything a situation report says, as plain values (render it with `render_*`)."""

    title: str
    generated: str
    database: str
    since: dt.date | None
    until: dt.date | None
    country: str | None
    figures: tuple[str, ...]
    by_type: tuple[tuple[str, str, int, int], ...]
    by_pair: tuple[tuple[str, str, int, str], ...]
    timeline: tuple[tuple[dt.date, int], ...]
    bucket: str
    undated: int
    key_events: tuple[KeyEvent, ...]
    speakers: tuple[Speaker, ...]
    points: tuple[MapPoint, ...] = field(default=())
    # Per bucket of `timeline`, in its order: (quad, events) of each quad with events.
    timeline_quads: tuple[tuple[tuple[str, int], ...], ...] = field(default=())


# ---------------------------------------------------------------------------- safe text


# A whole terminal escape sequence (ECMA-48): an OSC string up to its BEL or ST (a
# hyperlink's URL, a window title), a CSI with its parameters, a two-character escape;
# dropping only their control characters would leave '8;;https://...' in the text.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[@-Z\\-_]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")


def plain(text: object) -> str:
    """One line of text from scraped input: terminal escape sequences (with their
    payloads), control and bidi characters dropped, white space collapsed (a terminal
    escape sequence in a headline must not reach a terminal)."""
    text = unicodedata.normalize("NFC", str(text if text is not None else ""))
    cleaned = _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
    return " ".join(cleaned.split())


def md(text: object) -> str:
    """Scraped text for Markdown: `plain`, then every Markdown (and HTML) sign escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))


def safe_url(url: str | None) -> str | None:
    """The URL if it is an http(s) link, else None (no javascript:, data: or file: links)."""
    if not url:
        return None
    cleaned = plain(url)
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return None
    return cleaned if scheme in ("http", "https") else None


def shorten(text: str, width: int = 240) -> str:
    text = plain(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# ---------------------------------------------------------------------------- gathering


# The actors of each selected event's first report (which speaks for the event).
FIRST_REPORT_ACTORS_SQL = """
    SELECT e.id, a.role, a.name, a.country, a.actor_type
    FROM {selected} e
    JOIN event_reports r ON r.event_id = e.id AND r.article_id = e.first_article_id
    JOIN event_actors a ON a.article_id = r.article_id AND a.report_id = r.id
    QUALIFY dense_rank() OVER (PARTITION BY e.id ORDER BY r.id) = 1
    ORDER BY e.id, a.role, a.n
"""


def _place(name: str | None, country: str | None) -> str | None:
    if not name:
        return None
    return f"{plain(name)}, {country}" if country and plain(name) != country else plain(name)


def _citation(row: dict[str, Any], prefix: str = "") -> Citation:
    return Citation(
        title=plain(row.get(f"{prefix}title")) or "(no headline)",
        source=plain(row.get(f"{prefix}source")),
        url=safe_url(row.get(f"{prefix}url")),
        published=row.get("published"),
    )


class _Gatherer:
    """The queries behind one report, over the events the filters select."""

    def __init__(self, con: duckdb.DuckDBPyConnection, query: EventQuery, top: int) -> None:
        self.con = con
        self.query = query
        self.top = top
        condition, self.params = event_filters(query)
        self.selected = f"(SELECT * FROM events e WHERE {condition})"

    def rows(self, sql: str, extra: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(sql.replace("{selected}", self.selected), [*self.params, *extra]).fetchall()

    def figures(self) -> tuple[str, ...]:
        ((events, sources, first, last),) = self.rows(
            "SELECT count(*), sum(sources), min(date), max(date) FROM {selected}"
        )
        if not events:
            return ("No events in the store match this report's filters.",)
        ((articles, stories),) = self.rows(
            "SELECT count(DISTINCT r.article_id), count(DISTINCT a.story_id) FROM event_reports r "
            "JOIN articles a ON a.id = r.article_id WHERE r.event_id IN (SELECT id FROM {selected})"
        )
        lines = [
            f"{events} events reported by {sources} sources ({articles} articles in {stories} stories)"
            + (f", {first} to {last}" if first else "")
        ]
        quads: dict[str, int] = {}
        for kind, count in self.rows("SELECT type, count(*) FROM {selected} GROUP BY type"):
            quads[quad_of(kind)] = quads.get(quad_of(kind), 0) + count
        lines.append(
            ", ".join(f"{count} {quad}" for quad, count in sorted(quads.items(), key=lambda q: -q[1]))
        )
        busiest = self.rows(
            "SELECT date, count(*) AS n FROM {selected} WHERE date IS NOT NULL "
            "GROUP BY date ORDER BY n DESC, date LIMIT 1"
        )
        if busiest:
            lines.append(f"Busiest day: {busiest[0][0]} ({busiest[0][1]} events)")
        if pairs := self.pairs:
            source, target, count, _ = pairs[0]
            lines.append(f"Most active pair: {source} → {target} ({counted(count, 'event')})")
        return tuple(lines)

    def by_type(self) -> tuple[tuple[str, str, int, int], ...]:
        rows = self.rows(
            "SELECT type, count(*) AS n, sum(sources) FROM {selected} GROUP BY type ORDER BY n DESC, type"
        )
        return tuple((kind, quad_of(kind), count, sources) for kind, count, sources in rows)

    @cached_property
    def pairs(self) -> tuple[tuple[str, str, int, str], ...]:
        """Events by (source, target), each side its actors' identities (knowledge/identity.py),
        so that 'WASHINGTON' and 'the White House' make one pair with 'United States'."""
        sides: dict[str, dict[str, list[str]]] = {}
        for event_id, role, name, country, actor_type in self.rows(FIRST_REPORT_ACTORS_SQL):
            label = actor_identity(name, country, actor_type).label
            side = sides.setdefault(event_id, {}).setdefault(role, [])
            if label not in side:
                side.append(label)
        pairs: dict[tuple[str, str], list[str]] = {}
        for event_id, kind in self.rows("SELECT id, type FROM {selected}"):
            roles = sides.get(event_id, {})
            key = tuple(", ".join(sorted(roles.get(role, []))) or "—" for role in ("source", "target"))
            pairs.setdefault(key, []).append(kind)  # type: ignore[arg-type]
        ranked = sorted(pairs.items(), key=lambda item: (-len(item[1]), item[0]))[: self.top]
        return tuple(
            (source, target, len(kinds), ", ".join(sorted(set(kinds)))) for (source, target), kinds in ranked
        )

    def timeline(self) -> Timeline:
        """Events by day, week or month (by the period's length), each bucket split by quad."""
        ((first, last, undated),) = self.rows(
            "SELECT min(date), max(date), count(*) FILTER (WHERE date IS NULL) FROM {selected}"
        )
        if first is None:
            return Timeline((), (), "day", undated)
        span = (last - first).days
        bucket = "day" if span <= DAY_BUCKET_MAX_DAYS else "week" if span <= WEEK_BUCKET_MAX_DAYS else "month"
        by_quad: dict[dt.date, dict[str, int]] = {}
        for day, kind, count in self.rows(
            f"SELECT CAST(date_trunc('{bucket}', date) AS DATE) AS b, type, count(*) FROM {{selected}} "
            "WHERE date IS NOT NULL GROUP BY b, type"
        ):
            quads = by_quad.setdefault(day, {})
            quads[quad_of(kind)] = quads.get(quad_of(kind), 0) + count
        days = _buckets(first, last, bucket)
        quads = tuple(tuple(sorted(by_quad.get(day, {}).items(), key=_quad_order)) for day in days)
        counts = tuple((day, sum(n for _, n in split)) for day, split in zip(days, quads, strict=True))
        return Timeline(counts, quads, bucket, undated)

    def key_events(self) -> tuple[KeyEvent, ...]:
        cursor = self.con.execute(
            f"SELECT * FROM {self.selected} ORDER BY sources DESC, {_severity_sql()} DESC, "
            "confidence DESC NULLS LAST, date DESC NULLS LAST, id LIMIT ?",
            [*self.params, self.top],
        )
        names = [d[0] for d in cursor.description]
        events = []
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            reports = event_reports(self.con, row["id"])
            citations = _unique(_citation(report) for report in reports)
            events.append(
                KeyEvent(
                    date=row["date"],
                    type=row["type"],
                    mode=plain(row["mode"]) or None,
                    quad=quad_of(row["type"]),
                    source=plain(row["source_label"]) or "—",
                    target=plain(row["target_label"]) or "—",
                    place=_place(row["place_name"], row["place_country"]),
                    sources=row["sources"],
                    stories=row["stories"],
                    evidence=shorten(row["evidence"] or ""),
                    citations=citations[:CITATIONS_PER_EVENT],
                    more_citations=max(0, row["sources"] - min(len(citations), CITATIONS_PER_EVENT)),
                    confidence=row["confidence"],
                    id=row["id"],
                )
            )
        return tuple(events)

    def speakers(self) -> tuple[Speaker, ...]:
        condition, params = self._quote_filter()
        rows = self.con.execute(
            f"""
            SELECT q.speaker, count(DISTINCT lower(q.text)) AS quotes,
                   count(DISTINCT q.article_id) AS articles
            FROM quotes q JOIN articles a ON a.id = q.article_id
            LEFT JOIN entities en ON en.article_id = q.article_id AND en.id = q.speaker_id
            WHERE {condition}
            GROUP BY q.speaker ORDER BY quotes DESC, articles DESC, q.speaker LIMIT ?
            """,
            [*params, self.top],
        ).fetchall()
        return tuple(
            Speaker(plain(name), quotes, articles, self._said(name, condition, params))
            for name, quotes, articles in rows
        )

    def _said(self, speaker: str, condition: str, params: list[Any]) -> tuple[Said, ...]:
        cursor = self.con.execute(
            f"""
            SELECT q.text, count(DISTINCT a.id) AS sources, first(a.title ORDER BY a.seq) AS title,
                   first(a.source ORDER BY a.seq) AS source, first(a.url ORDER BY a.seq) AS url,
                   min(a.published) AS published
            FROM quotes q JOIN articles a ON a.id = q.article_id
            LEFT JOIN entities en ON en.article_id = q.article_id AND en.id = q.speaker_id
            WHERE {condition} AND q.speaker = ?
            GROUP BY q.text ORDER BY sources DESC, length(q.text) DESC, q.text LIMIT ?
            """,
            [*params, speaker, QUOTES_PER_SPEAKER],
        )
        names = [d[0] for d in cursor.description]
        said = []
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            said.append(Said(shorten(row["text"], 400), _citation(row), row["sources"]))
        return tuple(said)

    def _quote_filter(self) -> tuple[str, list[Any]]:
        """Quotes of the period (by their article's date) and, for a country, by a speaker of
        that country or in an article that reports one of the selected events."""
        clauses, params = ["q.speaker IS NOT NULL"], []
        if self.query.since:
            clauses.append("TRY_CAST(a.published AS DATE) >= ?")
            params.append(self.query.since)
        if self.query.until:
            clauses.append("TRY_CAST(a.published AS DATE) <= ?")
            params.append(self.query.until)
        if self.query.country:
            clauses.append(
                f"(en.country = ? OR q.article_id IN (SELECT article_id FROM event_reports "
                f"WHERE event_id IN (SELECT id FROM {self.selected})))"
            )
            params += [self.query.country.upper(), *self.params]
        return " AND ".join(clauses), params

    def points(self) -> tuple[MapPoint, ...]:
        rows = self.rows(
            "SELECT lat, lon, first(place_name ORDER BY sources DESC), count(*), sum(sources), "
            "mode(type), first(place_precision ORDER BY sources DESC) FROM {selected} "
            "WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY lat, lon ORDER BY count(*) DESC"
        )
        return tuple(
            MapPoint(lat, lon, plain(place), events, sources, quad_of(kind), precision)
            for lat, lon, place, events, sources, kind, precision in rows
        )


@dataclass(frozen=True)
class Timeline:
    counts: tuple[tuple[dt.date, int], ...]
    quads: tuple[tuple[tuple[str, int], ...], ...]
    bucket: str
    undated: int


def _quad_order(item: tuple[str, int]) -> int:
    """Quads in the legend's order (plover_quads.yaml), 'other' last."""
    order = list(dict.fromkeys(load_plover_quads().values()))
    return order.index(item[0]) if item[0] in order else len(order)


@lru_cache(maxsize=1)
def _severity_sql() -> str:
    """How grave each event type is (data/report/severity.yaml), as SQL over `type`."""
    severity = read_yaml(data_file("report", "severity.yaml"))
    cases = " ".join(f"WHEN '{kind}' THEN {int(grade)}" for kind, grade in severity.items())
    return f"(CASE type {cases} ELSE 0 END)"


def _unique(citations: Iterable[Citation]) -> list[Citation]:
    seen, unique = set(), []
    for citation in citations:
        if (citation.title, citation.source) not in seen:
            seen.add((citation.title, citation.source))
            unique.append(citation)
    return unique


def _buckets(first: dt.date, last: dt.date, bucket: str) -> list[dt.date]:
    """Every bucket start from the one holding `first` to the one holding `last`."""
    if bucket == "day":
        return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    if bucket == "week":
        start = first - dt.timedelta(days=first.weekday())
        return [start + dt.timedelta(weeks=n) for n in range((last - start).days // 7 + 1)]
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _title(since: dt.date | None, until: dt.date | None, country: str | None) -> str:
    where = "all countries"
    if country:
        name = country_name(country.upper())
        where = f"{name} ({country.upper()})" if name else country.upper()
    if since and until:
        return f"Situation report: {where}, {since} to {until}"
    if since:
        return f"Situation report: {where}, since {since}"
    if until:
        return f"Situation report: {where}, until {until}"
    return f"Situation report: {where}"


def build_report(
    db: str | os.PathLike[str] = DEFAULT_DB,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    country: str | None = None,
    top: int = 10,
    con: duckdb.DuckDBPyConnection | None = None,
) -> Report:
    """Gather a situation report from the store (an open connection, or the database at `db`).

    `since`/`until` bound the events' dates (and the quotes' articles'); `country` keeps
    the events that took place there (or, with no known place, involve it) and the
    quotes of its people or of the articles that report those events. `top` is how many
    rows the ranked sections keep.
    """
    if con is None:
        with open_store(db, read_only=True) as own:
            return build_report(db, since=since, until=until, country=country, top=top, con=own)
    gather = _Gatherer(con, EventQuery(since=since, until=until, country=country, limit=None), top)
    timeline = gather.timeline()
    return Report(
        title=_title(since, until, country),
        generated=dt.date.today().isoformat(),
        database=Path(db).name,
        since=since,
        until=until,
        country=country.upper() if country else None,
        figures=gather.figures(),
        by_type=gather.by_type(),
        by_pair=gather.pairs,
        timeline=timeline.counts,
        timeline_quads=timeline.quads,
        bucket=timeline.bucket,
        undated=timeline.undated,
        key_events=gather.key_events(),
        speakers=gather.speakers(),
        points=gather.points(),
    )


# ---------------------------------------------------------------------------- Markdown


def _md_citation(citation: Citation) -> str:
    return f"*{md(citation.title)}* ({md(citation.source)})"


def render_markdown(report: Report) -> str:
    """The report as Markdown (every string from an article escaped)."""
    lines = [f"# {report.title}", "", f"Generated {report.generated} from {md(report.database)}.", ""]
    lines += ["## Headline figures", ""] + [f"- {md(line)}" for line in report.figures] + [""]
    if report.by_type:
        lines += ["## Events by type", "", "| type | quad | events | sources |", "|---|---|---:|---:|"]
        lines += [
            f"| {md(kind)} | {quad} | {events} | {sources} |"
            for kind, quad, events, sources in report.by_type
        ]
        lines.append("")
    if report.by_pair:
        lines += ["## Events by actor pair", "", "| source | target | events | types |", "|---|---|---:|---|"]
        lines += [f"| {md(s)} | {md(t)} | {n} | {md(kinds)} |" for s, t, n, kinds in report.by_pair]
        lines.append("")
    if report.timeline:
        lines += _md_timeline(report)
    if report.key_events:
        lines += ["## Key events", ""]
        for n, event in enumerate(report.key_events, start=1):
            lines += _md_event(n, event)
    if report.speakers:
        lines += ["## Most quoted", ""]
        for speaker in report.speakers:
            counts = f"{counted(speaker.quotes, 'quote')} in {counted(speaker.articles, 'article')}"
            lines.append(f"- **{md(speaker.name)}** ({counts})")
            lines += [f"  - “{md(said.text)}” — {_md_citation(said.citation)}" for said in speaker.said]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _md_timeline(report: Report) -> list[str]:
    peak = max(count for _, count in report.timeline) or 1
    lines = [f"## Timeline (events by {report.bucket})", "", f"| {report.bucket} | events |", "|---|---|"]
    lines += [f"| {day} | {'█' * round(12 * count / peak)} {count} |" for day, count in report.timeline]
    if report.undated:
        lines += ["", f"{counted(report.undated, 'event')} with no known day left out."]
    return lines + [""]


def _md_event(n: int, event: KeyEvent) -> list[str]:
    kind = f"{md(event.type)} ({md(event.mode)})" if event.mode else md(event.type)
    where = f", {md(event.place)}" if event.place else ""
    head = f"{n}. **{event.date or 'undated'} · {kind}** {md(event.source)} → {md(event.target)}{where}"
    cited = "; ".join(_md_citation(c) for c in event.citations)
    more = f" and {event.more_citations} more" if event.more_citations else ""
    return [
        f"{head} — {counted(event.sources, 'source')}" + (f" (`{event.id}`)" if event.id else ""),
        f"   > {md(event.evidence)}",
        f"   — {cited}{more}",
        "",
    ]


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """'1 event', '2,397 events', '3 stories': a count with its noun in the right number."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {plural or noun + 's'}"


# ---------------------------------------------------------------------------- HTML


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2  # only the HTML page needs it; the CLI's other commands start without it

    folder = data_file("report")
    templates = {
        name: (folder / name).read_text(encoding="utf-8") for name in ("report.html.j2", "report.css")
    }
    return jinja2.Environment(
        loader=jinja2.DictLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def world_outline() -> dict[str, tuple[str, ...]]:
    """SVG paths of land rings and country borders (x = lon + 180, y = 90 - lat), by kind,
    from data/report/world-110m.txt (Natural Earth 1:110m)."""
    text = data_file("report", "world-110m.txt").read_text(encoding="utf-8")
    paths: dict[str, list[str]] = {"land": [], "border": []}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            kind, path = line.split(" ", 1)
            paths[kind].append(path)
    return {kind: tuple(found) for kind, found in paths.items()}


@dataclass(frozen=True)
class _MapView:
    """The part of the world the map shows: the events' extent, padded, at least 24° x 14°."""

    x: float
    y: float
    width: float
    height: float

    @classmethod
    def around(cls, points: Sequence[MapPoint]) -> _MapView:
        if not points:
            return cls(0, 0, 360, 180)
        west, east = min(p.lon for p in points), max(p.lon for p in points)
        south, north = min(p.lat for p in points), max(p.lat for p in points)
        width = min(360.0, max(24.0, (east - west) * 1.3 + 4))
        height = min(180.0, max(14.0, (north - south) * 1.3 + 4, width / 2.2))
        width = max(width, height * 1.6)
        x = min(max(0.0, (west + east) / 2 + 180 - width / 2), 360 - width)
        y = min(max(0.0, 90 - (south + north) / 2 - height / 2), 180 - height)
        return cls(round(x, 2), round(y, 2), round(width, 2), round(height, 2))

    def graticule(self) -> list[dict[str, float]]:
        step = 30 if self.width > 120 else 10 if self.width > 40 else 5
        lines = [
            {"x1": x, "y1": self.y, "x2": x, "y2": self.y + self.height}
            for x in range(0, 361, step)
            if self.x <= x <= self.x + self.width
        ]
        lines += [
            {"x1": self.x, "y1": y, "x2": self.x + self.width, "y2": y}
            for y in range(0, 181, step)
            if self.y <= y <= self.y + self.height
        ]
        return lines


# Where a place's label may go beside its circle, tried in this order: right, left,
# above, below. A label that fits nowhere free is left out (its circle keeps the name
# as a tooltip), so that no two labels print over each other.
LABEL_SIDES = ("right", "left", "above", "below")
# Width of a label's character, in font sizes (a plain sans-serif's average).
CHARACTER_WIDTH = 0.6
# Places closer than this many font sizes to a busier one share its label ('Aleppo +3').
CLUSTER_FONTS = 1.5


@dataclass(frozen=True)
class _Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: _Box) -> bool:
        return not (
            self.right <= other.left
            or other.right <= self.left
            or self.bottom <= other.top
            or other.bottom <= self.top
        )


def _label_box(
    x: float, y: float, r: float, text: str, font: float, side: str
) -> tuple[_Box, dict[str, Any]]:
    """The box a label takes on one side of a circle at (x, y), and where to draw it."""
    width, gap = len(text) * font * CHARACTER_WIDTH, font * 0.35
    if side == "right":
        left, baseline, anchor = x + r + gap, y + font * 0.35, "start"
    elif side == "left":
        left, baseline, anchor = x - r - gap - width, y + font * 0.35, "end"
    elif side == "above":
        left, baseline, anchor = x - width / 2, y - r - gap, "middle"
    else:
        left, baseline, anchor = x - width / 2, y + r + gap + font * 0.8, "middle"
    # A line of text stands about 0.95 em above its baseline and 0.3 below (descenders, halo).
    box = _Box(left, baseline - font * 0.95, left + width, baseline + font * 0.3)
    draw_x = {"start": left, "end": left + width, "middle": left + width / 2}[anchor]
    return box, {"x": round(draw_x, 3), "y": round(baseline, 3), "anchor": anchor}


def _placed_labels(markers: list[dict[str, Any]], view: _MapView) -> list[dict[str, Any] | None]:
    """A label position for each marker (busiest first), or None for a place clustered
    under a busier one or where every side is taken by a label already placed, a circle
    or the map's edge."""
    edge = _Box(view.x, view.y, view.x + view.width, view.y + view.height)
    circles = [_Box(m["cx"] - m["r"], m["cy"] - m["r"], m["cx"] + m["r"], m["cy"] + m["r"]) for m in markers]
    taken: list[_Box] = []
    placed: list[dict[str, Any] | None] = []
    for n, marker in enumerate(markers):
        label = None
        if not marker["in_cluster"]:
            label = _free_side(marker, edge, [*taken, *circles[:n], *circles[n + 1 :]], taken)
        placed.append(label)
    return placed


def _free_side(
    marker: dict[str, Any], edge: _Box, blocked: list[_Box], taken: list[_Box]
) -> dict[str, Any] | None:
    """The first side of LABEL_SIDES where the marker's label fits inside `edge` clear of
    every box in `blocked`; the box it takes is added to `taken`."""
    for side in LABEL_SIDES:
        box, where = _label_box(marker["cx"], marker["cy"], marker["r"], marker["text"], marker["font"], side)
        inside = (
            edge.left <= box.left
            and box.right <= edge.right
            and edge.top <= box.top
            and box.bottom <= edge.bottom
        )
        if inside and not any(box.overlaps(other) for other in blocked):
            taken.append(box)
            return where
    return None


def _cluster(markers: list[dict[str, Any]]) -> None:
    """Give each place that lies close to a busier one up to that one's label: 'Aleppo +2',
    the names of the others in its tooltip; the clustered places keep their circles."""
    for n, marker in enumerate(markers):
        if marker["in_cluster"]:
            continue
        reach = marker["font"] * CLUSTER_FONTS
        near = [
            other
            for other in markers[n + 1 :]
            if not other["in_cluster"]
            and math.dist((marker["cx"], marker["cy"]), (other["cx"], other["cy"])) < reach
        ]
        for other in near:
            other["in_cluster"] = True
        if near:
            marker["text"] = f"{marker['place']} +{len(near)}"
            marker["title"] += "; nearby: " + ", ".join(other["place"] for other in near)


# Label sizes, in map units per unit of the view's width: the page's map is about 920
# px wide on a desktop and 360 px on a phone, so the phone's labels are drawn larger
# (about 9 px on screen each) and placed again, with the clusters their size makes.
DESKTOP_FONT = 2.2 * 1.6 / 360
PHONE_FONT = DESKTOP_FONT * 2.4


def _map_markers(
    points: Sequence[MapPoint], view: _MapView, font: float = DESKTOP_FONT
) -> list[dict[str, Any]]:
    """Circles (area by events; a ring for a country- or region-level point), busiest
    first, each with a label of `font` (per unit of the view's width) where one fits
    without printing over another."""
    unit = view.width / 360 * 2.2
    markers = [
        {
            "cx": round(p.lon + 180, 3),
            "cy": round(90 - p.lat, 3),
            "r": round(unit * (1 + p.events) ** 0.5, 3),
            "font": round(view.width * font, 3),
            "halo": round(view.width * font * 0.19, 3),
            "quad": p.quad.replace(" ", "-") + (" area" if p.is_area else ""),
            "place": p.place,
            "text": p.place,
            "in_cluster": False,
            "title": f"{p.place}{f' ({p.precision}-level point)' if p.is_area else ''}: "
            f"{counted(p.events, 'event')}, {counted(p.sources, 'source')}",
        }
        for p in sorted(points, key=lambda p: (-p.events, -p.sources, p.place))
    ]
    _cluster(markers)
    for marker, label in zip(markers, _placed_labels(markers, view), strict=True):
        marker["label"] = label
    return markers


# The timeline chart's drawing, in SVG units: the plot area and the fewest slots a
# chart has (one day of events is one narrow bar on a week's axis, not a wall).
CHART_WIDTH, CHART_HEIGHT = 440, 150
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 30, 432, 8, 122
MIN_SLOTS = 7
X_LABELS = 5


def _nice_top(peak: int) -> int:
    """The scale's top: the peak rounded up to 1, 2 or 5 times a power of ten."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if peak <= step * factor:
                return step * factor
        step *= 10


def _bucket_label(day: dt.date, bucket: str) -> str:
    return day.strftime("%b %Y") if bucket == "month" else day.strftime("%-d %b")


def _timeline_chart(report: Report) -> dict[str, Any]:
    """Stacked bars by quad (legend order, bottom up), a count scale on the left and date
    labels below, all in CHART_WIDTH x CHART_HEIGHT units."""
    counts, quads = report.timeline, report.timeline_quads or tuple(() for _ in report.timeline)
    top = _nice_top(max((count for _, count in counts), default=0) or 1)
    slots = max(MIN_SLOTS, len(counts))
    slot = (PLOT_RIGHT - PLOT_LEFT) / slots
    height = PLOT_BOTTOM - PLOT_TOP
    bars = []
    for n, ((day, total), split) in enumerate(zip(counts, quads, strict=True)):
        floor = float(PLOT_BOTTOM)
        for quad, count in split:
            bar_height = height * count / top
            floor -= bar_height
            bars.append(
                {
                    "x": round(PLOT_LEFT + n * slot + slot * 0.1, 2),
                    "y": round(floor, 2),
                    "width": round(slot * 0.8, 2),
                    "height": round(bar_height, 2),
                    "quad": quad.replace(" ", "-"),
                    "title": f"{day if report.bucket == 'day' else f'{report.bucket} of {day}'}: "
                    f"{counted(total, 'event')}, {count} of {quad}",
                }
            )
    ticks = [
        {"y": round(PLOT_BOTTOM - height * value / top, 2), "value": value} for value in (0, top // 2, top)
    ]
    every = max(1, -(-len(counts) // X_LABELS))
    labels = [
        {"x": round(PLOT_LEFT + n * slot + slot / 2, 2), "text": _bucket_label(day, report.bucket)}
        for n, (day, _) in enumerate(counts)
        if n % every == 0
    ]
    return {"bars": bars, "ticks": ticks, "labels": labels, "width": CHART_WIDTH, "height": CHART_HEIGHT,
            "left": PLOT_LEFT, "right": PLOT_RIGHT, "bottom": PLOT_BOTTOM}  # fmt: skip


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page: inline styles and SVG, no script, no fetch."""
    view = _MapView.around(report.points)
    markers = _map_markers(report.points, view)
    phone_labels = [m for m in _map_markers(report.points, view, PHONE_FONT) if m["label"]]
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            report=report,
            world=world_outline(),
            view=view,
            graticule=view.graticule(),
            markers=markers,
            phone_labels=phone_labels,
            unlabelled=sum(1 for marker in markers if marker["label"] is None),
            chart=_timeline_chart(report) if report.timeline else None,
            plural=counted,
        )
    )


def write_html(report: Report, path: str | os.PathLike[str]) -> Path:
    """Write the HTML report to `path` and return it."""
    target = Path(path)
    target.write_text(render_html(report), encoding="utf-8")
    return target
