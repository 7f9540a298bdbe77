"""Plain typed records passed between pipeline stages.

Every record is a frozen dataclass that `dataclasses.asdict` turns into JSON-ready
values. Offsets are character offsets into the cleaned article body unless a field
says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Caption:
    """A photo caption kept apart from the body, with its credit ('AFP file photo')."""

    text: str
    credit: str | None = None


@dataclass(frozen=True)
class Document:
    """One unit of raw input as a reader found it, before cleaning.

    `source` names where it came from so a user can join results back: a file path,
    `path#record-N` inside a WARC, or a JSON Lines record's `id` (else its `url`).
    `offset` is the byte offset of the record in its file (0 for a whole file) and
    `line` the 1-based line of a JSON Lines record.
    `kind` is "text" for plain text and "html" for a page whose main text is still to
    be found. Metadata fields carry what the container said (a JSONL `title`, a WARC
    record's URL, a sidecar NAME.meta.json's `published`); the cleaner fills what they
    lack from the text itself. `date_source` is `sidecar` when a sidecar gave
    `published`, else None (a JSON Lines record's own field: its articles say `page`).
    """

    source: str
    text: str
    kind: str = "text"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    date_source: str | None = None
    byline: str | None = None
    offset: int = 0
    line: int | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph; `start`/`end` are offsets into the article's `body`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entry:
    """A live-blog entry: it starts at paragraph `paragraph` (an index into the
    article's paragraphs) and runs to the next entry. `stamp` is the time as printed
    ('08.02 BST', '1h ago'), `time` the same as HH:MM (None without a clock time), `day`
    the calendar day it falls on (None when the article has no date)."""

    paragraph: int
    stamp: str
    time: str | None = None
    day: str | None = None


@dataclass(frozen=True)
class Article:
    """One cleaned news article: the output of the clean stage.

    `body` is the paragraphs joined by blank lines; the words, quote marks and
    diacritics are those of the input, only white space is normalised.
    `dateline` is the place of a wire dateline ('MOSCOW' in 'MOSCOW (AP) —'); the
    dateline itself stays at the head of the body so offsets match the text.
    `date_source` says what gave `published`: `page` (an HTML page's date, a JSON Lines
    record's `published`), `sidecar` (NAME.meta.json beside the file), `date line`
    ('14.04.2025 | 11:32', 'Updated: 4 Dec 2024' when no other is there), `dateline`
    ('ALMATY, 14 November 2024 –'), `run` (`--published`), `file name`
    (`--published-from-name`: '2024-12-03-lebanon.txt'); None when nothing did.
    `entries` are a live blog's timed entries, in the order printed.
    `publisher` is the line of the page's head that names who published it ('Ministry
    of Foreign Affairs', 'OCHA', 'La Voz de Managua'); it is never the `title`.
    """

    id: str
    source: str
    title: str | None
    body: str
    paragraphs: tuple[Paragraph, ...]
    captions: tuple[Caption, ...] = ()
    entries: tuple[Entry, ...] = ()
    published: str | None = None
    date_source: str | None = None
    dateline: str | None = None
    byline: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    content_hash: str = ""
    duplicate_of: str | None = None
    minhash: tuple[int, ...] = field(default=(), repr=False, compare=False)


@dataclass(frozen=True)
class Mention:
    """A stretch of the body that names something; `start`/`end` are body offsets."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """One person, organisation or collective actor of an article, its mentions clustered.

    `type` is spaCy's label after correction (PERSON, ORG, GPE, NORP, ...);
    `country` an ISO 3166-1 alpha-3 code; `role` the office at the article's date as
    the text or the knowledge base says ('Foreign Minister', 'former President');
    `actor_type` the PLOVER actor type (GOV, MIL, REB, MED, ...).
    """

    id: str
    name: str
    type: str
    country: str | None = None
    role: str | None = None
    actor_type: str | None = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Place:
    """A resolved toponym: gazetteer entry, coordinates, country, feature class, precision."""

    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    gazetteer_id: str | None
    feature: str | None
    precision: str | None
    mentions: tuple[Mention, ...] = ()
    unresolved_reason: str | None = None


@dataclass(frozen=True)
class Quote:
    """A direct, partial or indirect quotation with its speaker."""

    id: str
    text: str
    kind: str
    speaker: str | None
    speaker_id: str | None
    verb: str | None
    start: int
    end: int


@dataclass(frozen=True)
class TimeExpr:
    """A time expression normalised against the article's reference date.

    `value` is an ISO 8601 date, month, year, week or interval, or None when it
    cannot be known (a relative expression with no reference date). A date found in
    a photo caption has `caption` (the caption's index) and offsets into that
    caption's text instead of the body.
    """

    text: str
    value: str | None
    granularity: str | None
    start: int
    end: int
    caption: int | None = None


@dataclass(frozen=True)
class ActorRef:
    name: str
    country: str | None
    actor_type: str | None
    entity_id: str | None

    @property
    def label(self) -> str:
        """'Yasar Guler (TUR GOV)': the name, then country and type where known; how an
        actor is shown in the store, the reports and the terminal."""
        codes = " ".join(code for code in (self.country, self.actor_type) if code)
        return f"{self.name} ({codes})" if codes else self.name


@dataclass(frozen=True)
class EventPlace:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    place_id: str | None
    rule: str
    # How fine the point is: 'city' or 'point' for a town or site, 'admin1', 'region' or
    # 'country' for an area's centroid, which a map must not draw as a town.
    precision: str | None = None


@dataclass(frozen=True)
class EventTime:
    text: str | None
    value: str | None
    rule: str


@dataclass(frozen=True)
class TextSpan:
    """Character offsets into the cleaned body: a sentence that reports an event."""

    start: int
    end: int


@dataclass(frozen=True)
class Event:
    """Who did what to whom, where and when, with the sentence that says so."""

    id: str
    type: str
    mode: str | None
    context: str | None
    cameo: str | None
    source: tuple[ActorRef, ...]
    target: tuple[ActorRef, ...]
    where: EventPlace | None
    when: EventTime | None
    negated: bool
    hypothetical: bool
    evidence: str
    start: int
    end: int
    spans: tuple[TextSpan, ...]
    quote_id: str | None
    confidence: float
    in_title: bool = False  # told by the headline only: offsets are into the title


@dataclass(frozen=True)
class Findings:
    """What the NLP stages found in one article, in the order of the output contract."""

    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[TimeExpr, ...] = ()
    events: tuple[Event, ...] = ()
