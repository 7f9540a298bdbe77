"""Score eventwire's findings of raw news against hand-made gold files (`eventwire eval`).

A gold file `NAME.expected.json` sits beside its raw input (gold/FORMAT.md says what it
holds). `evaluate` runs the pipeline on each input with the gold's reference date and
scores the output records. The rules are those of the reference scorer
`shared/gold/score.py`, ported rule for rule so that both give the same figures on
the same output: `score_gold(gold, records)` returns the dict that `score.py --json`
prints. Figures are then micro-averaged: counts are summed over all articles of all
files before dividing (a ratio with nothing to count is 1.0).

Figures (`FIGURES`):
  segmentation       gold articles matched by title / max(gold articles, output articles)
  body               body checks passed (starts, ends, paragraphs, furniture, captions) / run
  people             gold people found / gold people
  people_country     found people with the gold country / people found
  people_role        found people with the gold role / people found
  quotes_required    required gold quotes found / required gold quotes
  quotes             gold quotes found / gold quotes
  speaker            found quotes with the gold speaker / quotes found
  events_precision   output events matching a gold event / output events counted
  events_recall      required gold events matched / required gold events
  events_f1          harmonic mean of the two
  forbidden_events   output events matching a gold `not_events` entry (a count)
  places             required gold places found / required gold places
  dates              gold dates found / gold dates

Events are also tallied per PLOVER type (`EvalReport.by_type`: recall over the required
gold events of the type, a type list tallied under its first type; precision over the
output events of the type) and in a confusion table of gold type against output type
(`EvalReport.confusion`): a gold event that no output event matched is paired with an
output event of its evidence sentence when there is one (a type error), else with none
(a miss); output events that no gold event took have no gold type.

Floors file (`eventwire eval --floors FILE`, `check_floors`): one JSON object that
maps a figure name of `FIGURES` to its floor for the micro-averaged figures of one
run, e.g. `{"_about": "seed floors", "segmentation": 1.0, "body": 0.9,
"events_f1": 0.4, "forbidden_events": 0}`. Keys that start with `_` are comments.
Every figure is a minimum except those in `CEILINGS` (`forbidden_events`, a count of
output events a gold file forbids), which are maxima. A figure left out is not checked.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from eventwire.clean import clean_document
from eventwire.errors import EventwireError, ReadError
from eventwire.knowledge.calendar import date_interval
from eventwire.knowledge.geo import haversine_km
from eventwire.pipeline import article_record, process_news
from eventwire.read import read_inputs

Record = Mapping[str, Any]

GOLD_SUFFIX = ".expected.json"
# Event types whose source and target may be given either way round.
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Name particles ignored when comparing names ('Bashar al-Assad' = 'Bashar Assad').
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "van", "von"})
DATELINE_MAX_CHARS = 60
QUOTE_PREFIX_CHARS = 30
QUOTE_SEARCH_CHARS = 60
EVIDENCE_PREFIX_CHARS = 40
PLACE_TOLERANCE_KM = 161
# The confusion table's column for a gold event whose type was found in its sentence
# between other actors.
WRONG_ACTORS = "wrong actors"
FIGURES = (
    "segmentation",
    "body",
    "people",
    "people_country",
    "people_role",
    "quotes_required",
    "quotes",
    "speaker",
    "events_precision",
    "events_recall",
    "events_f1",
    "forbidden_events",
    "places",
    "dates",
    "headlines",
    "publishers",
    "article_dates",
    "entries",
    "dated_from_text",
)
CEILINGS = frozenset({"forbidden_events"})
# The counts each figure divides by: with all of them zero it measured nothing, and its
# 1.0 must not become a floor that the first real measurement falls below.
DENOMINATORS = {
    "segmentation": ("segmentation_max",),
    "body": ("body_total",),
    "people": ("people_gold",),
    "people_country": ("people_found",),
    "people_role": ("people_found",),
    "quotes_required": ("quotes_required",),
    "quotes": ("quotes_gold",),
    "speaker": ("quotes_found",),
    "events_precision": ("events_counted",),
    "events_recall": ("events_required",),
    "events_f1": ("events_counted", "events_required"),
    "forbidden_events": (),
    "places": ("places_required",),
    "dates": ("dates_gold",),
    "headlines": ("headlines_gold",),
    "publishers": ("publishers_gold",),
    "article_dates": ("article_dates_gold",),
    "entries": ("entries_gold",),
    "dated_from_text": ("dated_gold",),
}
# Slack for comparing a figure with a floor written from the same figure.
FLOOR_TOLERANCE = 1e-9


class GoldError(EventwireError):
    """A gold file, its input or a floors file is missing or not in the expected form."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


# --- normalisation and names -------------------------------------------------------


def normalise(text: str | None) -> str:
    """Text as the scorer compares it: NFKC, no accents, one kind of quote mark,
    single spaces, lower case."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[\u2018\u2019\u201a\u201b`\u00b4]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u201f]", '"', text)
    text = text.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def name_tokens(name: str | None) -> list[str]:
    """The words of a name, normalised, hyphens split, particles such as `al` dropped."""
    words = re.split(r"[^a-z0-9']+", normalise(name).replace("-", " "))
    return [word for word in words if word and word not in NAME_PARTICLES]


def same_person(gold_name: str | None, output_name: str | None) -> bool:
    """Same name after normalisation, or the output name holds the gold name's given
    name (first word) and surname (last word)."""
    gold, output = name_tokens(gold_name), name_tokens(output_name)
    if not gold or not output:
        return False
    return gold == output or (gold[0] in output and gold[-1] in output)


def ratio(hits: int, total: int) -> float:
    """hits / total; 1.0 when there was nothing to find."""
    return hits / total if total else 1.0


def precision_recall_f1(
    matched: int, counted: int, required_hit: int, required: int
) -> tuple[float, float, float]:
    """Precision over counted output items, recall over required gold items, their F1.

    No output is perfect precision only when nothing was required.
    """
    no_output = 1.0 if required == 0 else 0.0
    precision = matched / counted if counted else no_output
    recall = required_hit / required if required else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# --- body ---------------------------------------------------------------------------


def body_text(record: Record) -> str:
    """The output body, or its paragraphs joined when a record has no body."""
    paragraphs = record.get("paragraphs") or []
    joined = "\n\n".join(p.get("text", "") if isinstance(p, dict) else p for p in paragraphs)
    return record.get("body") or joined


def starts_near(normalised_body: str, gold_start: str) -> bool:
    """The body starts with the gold text, or with a dateline ('KHARTOUM (Wire) — ') of
    at most 60 characters and then the gold text."""
    if normalised_body.startswith(gold_start):
        return True
    position = normalised_body.find(gold_start)
    return 0 <= position <= DATELINE_MAX_CHARS and "\n" not in normalised_body[:position]


def furniture_gone(body: str, furniture: Iterable[str]) -> bool:
    """No furniture string is left in the body.

    A string that starts or ends with a newline is a whole line: no line of the body may
    equal it. Any other string may not occur anywhere in the body.
    """
    lines = {normalise(line) for line in body.splitlines()}
    normalised_body = normalise(body)
    for item in furniture:
        wanted = normalise(item)
        if not wanted:
            continue
        whole_line = item.startswith("\n") or item.endswith("\n")
        if wanted in (lines if whole_line else normalised_body):
            return False
    return True


def captions_kept(gold_captions: Iterable[Record], output_captions: Sequence[Record]) -> bool:
    """Every gold caption is an output caption with the same text and its credit."""
    return all(
        any(
            normalise(gold["text"]) == normalise(output.get("text"))
            and normalise(gold.get("credit")) in normalise(output.get("credit"))
            for output in output_captions
        )
        for gold in gold_captions
    )


def body_checks(gold_article: Record, record: Record) -> dict[str, bool]:
    """Starts, ends, paragraph count, furniture gone and captions kept; all False for a
    gold article that has no output article."""
    body = body_text(record)
    normalised_body = normalise(body)
    checks = {
        "starts": starts_near(normalised_body, normalise(gold_article["body_starts"])),
        "ends": normalised_body.endswith(normalise(gold_article["body_ends"])),
        "paragraphs": len(record.get("paragraphs") or []) == gold_article["paragraphs"],
        "furniture_gone": furniture_gone(body, gold_article.get("body_must_not_contain") or []),
        "captions": captions_kept(gold_article.get("captions") or [], record.get("captions") or []),
    }
    return checks if record else dict.fromkeys(checks, False)


# --- people -------------------------------------------------------------------------


@dataclass(frozen=True)
class PeopleScore:
    found: int
    country_ok: int
    role_ok: int
    gold: int
    extra_people_out: int


def person_entities(record: Record) -> list[Record]:
    return [e for e in record.get("entities") or [] if (e.get("type") or "").upper() in {"PERSON", "PER"}]


def role_right(gold_role: str | None, output_role: str | None) -> bool:
    """The gold role is contained in the output role, case and accents aside."""
    return bool(gold_role) and normalise(gold_role) in normalise(output_role or "")


def score_people(gold_people: Sequence[Record], people: Sequence[Record]) -> PeopleScore:
    """Each gold person is matched to the first output person with the same name."""
    found = country_ok = role_ok = 0
    for gold in gold_people:
        hit = next((e for e in people if same_person(gold["name"], e.get("name", ""))), None)
        if hit is None:
            continue
        found += 1
        country_ok += hit.get("country") == gold.get("country")
        role_ok += role_right(gold.get("role"), hit.get("role"))
    return PeopleScore(found, country_ok, role_ok, len(gold_people), max(0, len(people) - found))


# --- quotes -------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteScore:
    required_found: int
    required: int
    found: int
    speaker_right: int
    gold: int
    out: int


def quote_hits(gold_start: str, output_quotes: Sequence[Record]) -> list[Record]:
    """Output quotes that start with the gold quote's first 30 characters (opening
    quote marks aside), or hold them within their first 60."""
    prefix = normalise(gold_start)[:QUOTE_PREFIX_CHARS]
    return [
        quote
        for quote in output_quotes
        if normalise(quote.get("text")).lstrip("\"' ").startswith(prefix)
        or prefix in normalise(quote.get("text"))[:QUOTE_SEARCH_CHARS]
    ]


def speaker_right(gold_speaker: str, hits: Iterable[Record]) -> bool:
    """One of the hits names the gold speaker, as a person or as the same words."""
    return any(
        same_person(gold_speaker, hit.get("speaker") or "")
        or normalise(gold_speaker) == normalise(hit.get("speaker"))
        for hit in hits
    )


def score_quotes(gold_quotes: Sequence[Record], output_quotes: Sequence[Record]) -> QuoteScore:
    required_found = required = found = speaker_ok = 0
    for gold in gold_quotes:
        hits = quote_hits(gold["starts"], output_quotes)
        is_required = bool(gold.get("required"))
        required += is_required
        if hits:
            found += 1
            required_found += is_required
            speaker_ok += speaker_right(gold["speaker"], hits)
    return QuoteScore(required_found, required, found, speaker_ok, len(gold_quotes), len(output_quotes))


# --- events -------------------------------------------------------------------------


@dataclass(frozen=True)
class EventOutcome:
    """One row of the type table: a gold event with the output event that matched it
    (or, unmatched, an output event of its evidence sentence), or an output event that
    no gold event took. `matched` says whether the pair matched; `excused` that an
    unmatched output event is not punished (it shares an optional gold event's evidence)."""

    gold_type: str | None
    output_type: str | None
    required: bool = False
    matched: bool = False
    excused: bool = False


@dataclass(frozen=True)
class EventScore:
    matched: int
    counted: int
    required_hit: int
    required: int
    forbidden: tuple[str, ...]
    outcomes: tuple[EventOutcome, ...] = ()

    def figures(self) -> tuple[float, float, float]:
        return precision_recall_f1(self.matched, self.counted, self.required_hit, self.required)


def actor_countries(actors: Iterable[Record | str] | None) -> set[str]:
    """Countries of output actors (dicts with `country`), or gold country codes."""
    countries = set()
    for actor in actors or []:
        if isinstance(actor, dict):
            if actor.get("country"):
                countries.add(actor["country"])
        elif isinstance(actor, str):
            countries.add(actor)
    return countries


def gold_types(gold_event: Record) -> set[str]:
    """The event types a gold event accepts: one type or a list of them."""
    types = gold_event["type"]
    return set(types) if isinstance(types, list) else {types}


def is_counted(output_event: Record) -> bool:
    """Negated and hypothetical events are kept in the output but never counted."""
    return not (output_event.get("negated") or output_event.get("hypothetical"))


def event_matches(gold_event: Record, output_event: Record) -> bool:
    """Type accepted, and every gold source (target) country among the output's source
    (target) countries; for symmetric types, the roles may be swapped."""
    if not is_counted(output_event) or output_event.get("type") not in gold_types(gold_event):
        return False
    sources, targets = (
        actor_countries(output_event.get("source")),
        actor_countries(output_event.get("target")),
    )
    gold_sources, gold_targets = set(gold_event.get("source") or []), set(gold_event.get("target") or [])
    if gold_sources <= sources and gold_targets <= targets:
        return True
    if output_event.get("type") in SYMMETRIC_TYPES:
        return gold_sources | gold_targets <= sources | targets
    return False


def forbidden_hit(not_event: Record, output_event: Record) -> bool:
    """The output event is of a type the gold says did not happen, between its actors."""
    if not is_counted(output_event) or output_event.get("type") != not_event["type"]:
        return False
    if not set(not_event.get("source") or []) <= actor_countries(output_event.get("source")):
        return False
    return set(not_event.get("target") or []) <= actor_countries(output_event.get("target"))


def match_events(gold_events: Sequence[Record], output_events: Sequence[Record]) -> dict[int, int]:
    """Greedy one-to-one matching in gold order: gold index -> matched output index."""
    pairs: dict[int, int] = {}
    for gold_index, gold in enumerate(gold_events):
        for index, output in enumerate(output_events):
            if index not in pairs.values() and event_matches(gold, output):
                pairs[gold_index] = index
                break
    return pairs


def shares_evidence(gold_event: Record, output_event: Record) -> bool:
    """The output event's evidence holds the start of the gold event's, or lies in it."""
    gold, output = normalise(gold_event.get("evidence")), normalise(output_event.get("evidence"))
    return bool(gold and output) and (gold[:EVIDENCE_PREFIX_CHARS] in output or output in gold)


def is_excused(gold_events: Sequence[Record], output_event: Record) -> bool:
    """An unmatched output event whose evidence holds an optional gold event's evidence
    (its first 40 characters): a finding the gold allows, so not punished."""
    evidence = normalise(output_event.get("evidence"))
    return any(
        (optional := normalise(e.get("evidence", ""))[:EVIDENCE_PREFIX_CHARS]) and optional in evidence
        for e in gold_events
        if not e.get("required")
    )


def primary_type(gold_event: Record) -> str:
    """The type a gold event is tallied under: its type, or the first of its list."""
    types = gold_event["type"]
    return types[0] if isinstance(types, list) else types


def event_outcomes(
    gold_events: Sequence[Record], counted: Sequence[Record], pairs: Mapping[int, int]
) -> tuple[EventOutcome, ...]:
    """Every gold event and every counted output event, each in exactly one row."""
    taken = set(pairs.values())
    rows = []
    for gold_index, gold in enumerate(gold_events):
        required = bool(gold.get("required"))
        if gold_index in pairs:
            output_type = counted[pairs[gold_index]]["type"]
            rows.append(EventOutcome(primary_type(gold), output_type, required, matched=True))
            continue
        near = next((i for i, e in enumerate(counted) if i not in taken and shares_evidence(gold, e)), None)
        if near is None:
            rows.append(EventOutcome(primary_type(gold), None, required))
        else:
            taken.add(near)
            excused = is_excused(gold_events, counted[near])
            rows.append(EventOutcome(primary_type(gold), counted[near]["type"], required, excused=excused))
    rows.extend(
        EventOutcome(None, output["type"], excused=is_excused(gold_events, output))
        for index, output in enumerate(counted)
        if index not in taken
    )
    return tuple(rows)


def score_events(gold_article: Record, output_events: Sequence[Record]) -> EventScore:
    gold_events = gold_article.get("events") or []
    counted = [e for e in output_events if is_counted(e)]
    pairs = match_events(gold_events, counted)
    outcomes = event_outcomes(gold_events, counted, pairs)
    forbidden = tuple(
        n["type"] for n in gold_article.get("not_events") or [] if any(forbidden_hit(n, e) for e in counted)
    )
    return EventScore(
        matched=len(pairs),
        counted=len(counted) - sum(row.excused for row in outcomes),
        required_hit=sum(bool(gold_events[g].get("required")) for g in pairs),
        required=sum(bool(e.get("required")) for e in gold_events),
        forbidden=forbidden,
        outcomes=outcomes,
    )


@dataclass(frozen=True)
class TypeFigures:
    """Event figures of one PLOVER type: required gold events of the type and how many
    were found; output events of the type counted and how many matched gold."""

    type: str
    required: int
    required_hit: int
    counted: int
    matched: int

    def figures(self) -> tuple[float, float, float]:
        return precision_recall_f1(self.matched, self.counted, self.required_hit, self.required)


def type_figures(outcomes: Iterable[EventOutcome]) -> list[TypeFigures]:
    """Per-type precision and recall over outcome rows, in type order."""
    rows = list(outcomes)
    types = sorted({t for row in rows for t in (row.gold_type, row.output_type) if t})
    return [
        TypeFigures(
            type=kind,
            required=sum(r.gold_type == kind and r.required for r in rows),
            required_hit=sum(r.gold_type == kind and r.required and r.matched for r in rows),
            counted=sum(r.output_type == kind and not r.excused for r in rows),
            matched=sum(r.output_type == kind and r.matched for r in rows),
        )
        for kind in types
    ]


def confusion(outcomes: Iterable[EventOutcome]) -> dict[tuple[str | None, str | None], int]:
    """(gold type, output type) -> count over the required gold events and the output
    events no gold event took (gold type None); output type None: nothing found;
    `WRONG_ACTORS`: the gold type in the gold event's sentence, with other actors."""
    table: dict[tuple[str | None, str | None], int] = {}
    for row in outcomes:
        if row.gold_type is not None and not row.required:
            continue
        if row.gold_type is None and row.excused:
            continue
        wrong_actors = row.gold_type == row.output_type and not row.matched
        key = (row.gold_type, WRONG_ACTORS if wrong_actors else row.output_type)
        table[key] = table.get(key, 0) + 1
    return table


# --- places -------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceScore:
    found: int
    required: int


def place_found(gold_place: Record, output_places: Iterable[Record]) -> bool:
    """An output place of the same name lies within 161 km (100 miles) of the gold point."""
    return any(
        normalise(place.get("name")) == normalise(gold_place["name"])
        and place.get("lat") is not None
        and place.get("lon") is not None
        and haversine_km(gold_place["lat"], gold_place["lon"], place["lat"], place["lon"])
        <= PLACE_TOLERANCE_KM
        for place in output_places
    )


def score_places(gold_places: Iterable[Record], output_places: Sequence[Record]) -> PlaceScore:
    """Only required gold places count."""
    required = [place for place in gold_places if place.get("required")]
    return PlaceScore(sum(place_found(place, output_places) for place in required), len(required))


# --- dates --------------------------------------------------------------------------


@dataclass(frozen=True)
class DateScore:
    found: int
    gold: int


def same_date(gold_value: str | None, output_value: str | None) -> bool:
    """Same value, or the same span of days written another way."""
    if gold_value == output_value:
        return True
    gold_interval = date_interval(gold_value)
    return gold_interval is not None and gold_interval == date_interval(output_value)


def same_date_text(gold_text: str, output_text: str | None) -> bool:
    """One text ends with the other ('On Sunday' and 'Sunday')."""
    gold, output = normalise(gold_text), normalise(output_text)
    return gold.endswith(output) or output.endswith(gold)


def score_dates(gold_dates: Sequence[Record], output_dates: Sequence[Record]) -> DateScore:
    found = sum(
        any(
            same_date_text(gold["text"], output.get("text"))
            for output in output_dates
            if same_date(gold["value"], output.get("value"))
        )
        for gold in gold_dates
    )
    return DateScore(found, len(gold_dates))


# --- counts and figures -------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """The counts behind every figure; summed over articles and files to micro-average."""

    segmentation_matched: int = 0
    segmentation_max: int = 0
    body_passed: int = 0
    body_total: int = 0
    people_found: int = 0
    people_gold: int = 0
    people_country: int = 0
    people_role: int = 0
    quotes_required_found: int = 0
    quotes_required: int = 0
    quotes_found: int = 0
    quotes_gold: int = 0
    speaker_right: int = 0
    events_matched: int = 0
    events_counted: int = 0
    events_required_hit: int = 0
    events_required: int = 0
    forbidden_events: int = 0
    places_found: int = 0
    places_required: int = 0
    dates_found: int = 0
    dates_gold: int = 0
    headlines_right: int = 0
    headlines_gold: int = 0
    publishers_right: int = 0
    publishers_gold: int = 0
    article_dates_right: int = 0
    article_dates_gold: int = 0
    entries_right: int = 0
    entries_gold: int = 0
    dated_from_text: int = 0
    dated_gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Counts)})


def figures(counts: Counts) -> dict[str, float]:
    """The figures named in `FIGURES`, from summed counts (micro-averaging)."""
    c = counts
    precision, recall, f1 = precision_recall_f1(
        c.events_matched, c.events_counted, c.events_required_hit, c.events_required
    )
    return {
        "segmentation": ratio(c.segmentation_matched, c.segmentation_max),
        "body": ratio(c.body_passed, c.body_total),
        "people": ratio(c.people_found, c.people_gold),
        "people_country": ratio(c.people_country, c.people_found),
        "people_role": ratio(c.people_role, c.people_found),
        "quotes_required": ratio(c.quotes_required_found, c.quotes_required),
        "quotes": ratio(c.quotes_found, c.quotes_gold),
        "speaker": ratio(c.speaker_right, c.quotes_found),
        "events_precision": precision,
        "events_recall": recall,
        "events_f1": f1,
        "forbidden_events": c.forbidden_events,
        "places": ratio(c.places_found, c.places_required),
        "dates": ratio(c.dates_found, c.dates_gold),
        "headlines": ratio(c.headlines_right, c.headlines_gold),
        "publishers": ratio(c.publishers_right, c.publishers_gold),
        "article_dates": ratio(c.article_dates_right, c.article_dates_gold),
        "entries": ratio(c.entries_right, c.entries_gold),
        "dated_from_text": ratio(c.dated_from_text, c.dated_gold),
    }


def measured(name: str, counts: Counts) -> bool:
    """Whether a figure counted anything (a count such as forbidden_events always has)."""
    denominators = DENOMINATORS[name]
    return not denominators or any(getattr(counts, field) for field in denominators)


def total_counts(items: Iterable[Counts]) -> Counts:
    return sum(items, Counts())


# --- the page: headline, publisher, the article's own date, live-blog entries ---------


@dataclass(frozen=True)
class PageScore:
    """How the page was read. Beyond FORMAT.md, a gold article may give `publisher`
    (the line naming the publisher, or null), `date` ({"value", "source"}: the date
    and `date_source` the article gets from the run), and a live blog's `entries`
    ([{"starts", "time", "day"}]); each is scored only where the gold gives it.
    `dated_from_text`: the gold's reference date found again by cleaning the input
    with no date given, as a user without `--published` would."""

    headline_right: bool = False
    publisher: tuple[int, int] = (0, 0)
    article_date: tuple[int, int] = (0, 0)
    entries: tuple[int, int] = (0, 0)
    dated_from_text: tuple[int, int] = (0, 0)


def headline_right(gold_article: Record, record: Record | None) -> bool:
    """The output article has the gold headline (an untitled gold article: no headline)."""
    if record is None:
        return False
    return gold_article.get("title") is not None or record.get("title") is None


def entry_right(gold_entry: Record, record: Record) -> bool:
    paragraphs = record.get("paragraphs") or []
    wanted = normalise(gold_entry.get("starts"))
    for entry in record.get("entries") or []:
        index = entry.get("paragraph")
        in_body = isinstance(index, int) and 0 <= index < len(paragraphs)
        if in_body and normalise(paragraphs[index].get("text")).startswith(wanted):
            return (entry.get("time"), entry.get("day")) == (gold_entry.get("time"), gold_entry.get("day"))
    return False


def score_page(gold_article: Record, record: Record | None, undated: Record | None) -> PageScore:
    """`undated` is the same article cleaned with no reference date (None: not found)."""
    output: Record = record or {}
    publisher = (0, 0)
    if "publisher" in gold_article:
        publisher = (int(normalise(gold_article["publisher"]) == normalise(output.get("publisher"))), 1)
    article_date = (0, 0)
    if isinstance(gold_article.get("date"), dict):
        wanted = gold_article["date"]
        got = (output.get("published"), output.get("date_source"))
        article_date = (int(record is not None and got == (wanted.get("value"), wanted.get("source"))), 1)
    gold_entries = gold_article.get("entries") or []
    entries = (sum(entry_right(e, output) for e in gold_entries), len(gold_entries))
    dated = (0, 0)
    if gold_article.get("published"):
        dated = (int(undated is not None and undated.get("published") == gold_article["published"]), 1)
    return PageScore(headline_right(gold_article, record), publisher, article_date, entries, dated)


# --- articles and files -------------------------------------------------------------


@dataclass(frozen=True)
class ArticleScore:
    title: str | None
    missing: bool
    body: dict[str, bool]
    people: PeopleScore
    quotes: QuoteScore
    events: EventScore
    places: PlaceScore
    dates: DateScore
    page: PageScore = PageScore()

    def counts(self) -> Counts:
        page = self.page
        return Counts(
            body_passed=sum(self.body.values()),
            body_total=len(self.body),
            people_found=self.people.found,
            people_gold=self.people.gold,
            people_country=self.people.country_ok,
            people_role=self.people.role_ok,
            quotes_required_found=self.quotes.required_found,
            quotes_required=self.quotes.required,
            quotes_found=self.quotes.found,
            quotes_gold=self.quotes.gold,
            speaker_right=self.quotes.speaker_right,
            events_matched=self.events.matched,
            events_counted=self.events.counted,
            events_required_hit=self.events.required_hit,
            events_required=self.events.required,
            forbidden_events=len(self.events.forbidden),
            places_found=self.places.found,
            places_required=self.places.required,
            dates_found=self.dates.found,
            dates_gold=self.dates.gold,
            headlines_right=int(page.headline_right),
            headlines_gold=1,
            publishers_right=page.publisher[0],
            publishers_gold=page.publisher[1],
            article_dates_right=page.article_date[0],
            article_dates_gold=page.article_date[1],
            entries_right=page.entries[0],
            entries_gold=page.entries[1],
            dated_from_text=page.dated_from_text[0],
            dated_gold=page.dated_from_text[1],
        )

    def report(self) -> dict[str, Any]:
        """This article's part of score.py's report."""
        precision, recall, f1 = self.events.figures()
        events = {"p": round(precision, 3), "r": round(recall, 3), "f1": round(f1, 3)}
        events |= {
            "gold": self.events.required,
            "out": self.events.counted,
            "forbidden": list(self.events.forbidden),
        }
        head: dict[str, Any] = (
            {"title": self.title, "missing": True} if self.missing else {"title": self.title}
        )
        return head | {
            "body": dict(self.body),
            "people": asdict(self.people),
            "quotes": asdict(self.quotes),
            "events": events,
            "places": asdict(self.places),
            "dates": asdict(self.dates),
        }


def score_article(gold_article: Record, record: Record | None, undated: Record | None = None) -> ArticleScore:
    """Score one output article (None: the gold article was not found) against its gold;
    `undated` is the article as cleaned with no reference date."""
    output: Record = record or {}
    return ArticleScore(
        title=gold_article.get("title"),
        missing=record is None,
        body=body_checks(gold_article, output),
        people=score_people(gold_article.get("people") or [], person_entities(output)),
        quotes=score_quotes(gold_article.get("quotes") or [], output.get("quotes") or []),
        events=score_events(gold_article, output.get("events") or []),
        places=score_places(gold_article.get("places") or [], output.get("places") or []),
        dates=score_dates(gold_article.get("dates") or [], output.get("dates") or []),
        page=score_page(gold_article, record, undated),
    )


def find_output_article(gold_article: Record, records: Sequence[Record], only_one: bool) -> Record | None:
    """The first output article with the gold title; a gold file of one untitled article
    against an output of one article takes that article."""
    title = gold_article.get("title")
    if title:
        wanted = normalise(title)
        return next((r for r in records if normalise(r.get("title")) == wanted), None)
    if title is None and only_one:
        return records[0]
    return None


@dataclass(frozen=True)
class FileScore:
    """The scores of one gold file: each gold article against its output article."""

    name: str
    input: str | None
    gold_articles: int
    output_articles: int
    articles: tuple[ArticleScore, ...]

    @property
    def matched(self) -> int:
        return sum(not article.missing for article in self.articles)

    @property
    def segmentation(self) -> float:
        """Matched articles over the larger of gold and output article counts."""
        return ratio(self.matched, max(self.gold_articles, self.output_articles))

    def counts(self) -> Counts:
        articles = total_counts(article.counts() for article in self.articles)
        return articles + Counts(
            segmentation_matched=self.matched,
            segmentation_max=max(self.gold_articles, self.output_articles),
        )

    def figures(self) -> dict[str, float]:
        return figures(self.counts())

    def report(self) -> dict[str, Any]:
        """The report `score.py --json` prints for the same gold and output."""
        return {
            "input": self.input,
            "segmentation": round(self.segmentation, 3),
            "articles": [article.report() for article in self.articles],
        }


def score_file(
    gold: Record, records: Sequence[Record], name: str = "", undated: Sequence[Record] = ()
) -> FileScore:
    """Score the output records of one input against its gold findings; `undated` are
    the input's articles cleaned with no reference date."""
    gold_articles = gold.get("articles") or []
    only_one = len(gold_articles) == 1 and len(records) == 1
    undated_one = len(gold_articles) == 1 and len(undated) == 1
    return FileScore(
        name=name,
        input=gold.get("input"),
        gold_articles=len(gold_articles),
        output_articles=len(records),
        articles=tuple(
            score_article(
                article,
                find_output_article(article, records, only_one),
                find_output_article(article, undated, undated_one),
            )
            for article in gold_articles
        ),
    )


def score_gold(gold: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    """Score output records against a gold findings: the same dict as `score.py --json`."""
    return score_file(gold, records).report()


# --- running over gold files ----------------------------------------------------------

Runner = Callable[[Path, str | None], list[dict[str, Any]]]


@dataclass(frozen=True)
class EvalReport:
    """Scores of one eval run: per gold file, and micro-averaged over all of them."""

    name: str
    files: tuple[FileScore, ...]

    def counts(self) -> Counts:
        return total_counts(file.counts() for file in self.files)

    def figures(self) -> dict[str, float]:
        return figures(self.counts())

    def outcomes(self) -> list[EventOutcome]:
        return [row for file in self.files for article in file.articles for row in article.events.outcomes]

    def by_type(self) -> list[TypeFigures]:
        return type_figures(self.outcomes())

    def confusion(self) -> dict[tuple[str | None, str | None], int]:
        return confusion(self.outcomes())

    def to_json(self) -> dict[str, Any]:
        """Per-file figures, counts and score.py report, then the micro-averaged ones."""
        per_file = [
            {
                "gold": file.name,
                "input": file.input,
                "figures": file.figures(),
                "counts": asdict(file.counts()),
                "report": file.report(),
            }
            for file in self.files
        ]
        micro = {"figures": self.figures(), "counts": asdict(self.counts())}
        by_type = {}
        for row in self.by_type():
            precision, recall, f1 = row.figures()
            by_type[row.type] = asdict(row) | {"precision": precision, "recall": recall, "f1": f1}
        confused = [
            {"gold": gold, "output": output, "count": count}
            for (gold, output), count in sorted(
                self.confusion().items(), key=lambda kv: (kv[0][0] or "~", kv[0][1] or "~")
            )
        ]
        events = {"by_type": by_type, "confusion": confused}
        return {"name": self.name, "files": per_file, "micro": micro, "events": events}


def gold_name(path: Path) -> str:
    """`000_seed` for `000_seed.expected.json`; a directory's own name."""
    return path.name.removesuffix(GOLD_SUFFIX)


def gold_files(paths: Iterable[Path]) -> list[Path]:
    """The gold files named: files as given, directories as their sorted
    `*.expected.json`, those of their sub-folders included (tests/gold/tuned, ...)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.rglob(f"*{GOLD_SUFFIX}")))
        elif path.is_file():
            found.append(path)
        else:
            raise GoldError(path, "no such gold file or directory")
    return found


def read_json(path: Path, kind: str) -> Any:
    """A JSON file's value; a GoldError naming the file and the kind of file otherwise."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(path, f"cannot read {kind} file: {exc}") from exc


def load_gold(path: Path) -> dict[str, Any]:
    gold = read_json(path, "gold")
    if not isinstance(gold, dict) or not isinstance(gold.get("articles"), list) or not gold.get("input"):
        raise GoldError(
            path, "not a gold file: it needs an 'input' name and a list of 'articles' (see FORMAT.md)"
        )
    return gold


def reference_date(gold: Record) -> str | None:
    """The reference date the gold was read with: its first article `published`."""
    return next((a["published"] for a in gold["articles"] if a.get("published")), None)


def input_beside(gold_path: Path, gold: Record) -> Path:
    """The raw input the gold file names, in the gold file's folder."""
    path = gold_path.parent / gold["input"]
    if not path.is_file():
        raise GoldError(gold_path, f"its input {gold['input']!r} is not beside it ({path})")
    return path


def extract_records(input_path: Path, published: str | None) -> list[dict[str, Any]]:
    """Run the pipeline on one input, as `eventwire extract --published` would."""
    records = []
    for item in process_news(read_inputs([str(input_path)]), published=published):
        if isinstance(item, ReadError):
            raise item
        records.append(article_record(*item))
    return records


def clean_records(input_path: Path) -> list[dict[str, Any]]:
    """The input's articles cleaned, as a run with no reference date reads them (no NLP)."""
    records = []
    for item in read_inputs([str(input_path)]):
        if isinstance(item, ReadError):
            return []
        records += [article_record(article) for article in clean_document(item)]
    return records


def run_name(paths: Sequence[Path]) -> str:
    """A label for a run in floor failures: the gold arguments' names joined by '+'."""
    return "+".join(gold_name(path) for path in paths) or "none"


def evaluate(
    gold_paths: Sequence[Path],
    *,
    run: Runner = extract_records,
    clean: Callable[[Path], list[dict[str, Any]]] = clean_records,
) -> EvalReport:
    """Run extraction on the input of each gold file (files, or directories of
    `*.expected.json`) with the gold's reference date, and score it; `clean` reads the
    input again with no date, for `dated_from_text`."""
    scores = []
    for gold_path in gold_files(gold_paths):
        gold = load_gold(gold_path)
        input_path, reference = input_beside(gold_path, gold), reference_date(gold)
        records = run(input_path, reference)
        undated = clean(input_path) if reference else []
        scores.append(score_file(gold, records, name=gold_name(gold_path), undated=undated))
    return EvalReport(name=run_name(gold_paths), files=tuple(scores))


# --- floors -------------------------------------------------------------------------


def floor_failure(label: str, name: str, value: float, bound: float) -> str | None:
    """A line for a figure beyond its bound, or None when it is within."""
    if name in CEILINGS:
        return f"{label} {name} {value:g} > ceiling {bound:g}" if value > bound + FLOOR_TOLERANCE else None
    return f"{label} {name} {value:.3f} < floor {bound:.3f}" if value < bound - FLOOR_TOLERANCE else None


def check_floors(report: EvalReport, floors: Mapping[str, Any]) -> list[str]:
    """One line per micro-averaged figure below its floor (above its ceiling), or
    naming a floor for no known figure; empty when all hold."""
    current = report.figures()
    failures = []
    for name, bound in floors.items():
        if name.startswith("_"):
            continue
        if name not in current:
            failures.append(f"{report.name} {name}: no such figure (known: {', '.join(FIGURES)})")
            continue
        failure = floor_failure(report.name, name, current[name], bound)
        if failure:
            failures.append(failure)
    return failures


def floors_from(report: EvalReport) -> dict[str, Any]:
    """The current figures as floors, rounded down to 3 decimals so that the same run
    meets them; figures that measured nothing are left out."""
    counts = report.counts()
    floors: dict[str, Any] = {"_about": f"floors for `eventwire eval` over {report.name}; see evaluate.py"}
    for name, value in report.figures().items():
        if measured(name, counts):
            floors[name] = value if name in CEILINGS else math.floor(value * 1000) / 1000
    return floors


def load_floors(path: Path) -> dict[str, Any]:
    """A floors file: figure name -> floor, and comments (keys starting with `_`)."""
    floors = read_json(path, "floors")
    if not isinstance(floors, dict):
        raise GoldError(path, "a floors file is one JSON object of figure name -> floor")
    not_numbers = [k for k, v in floors.items() if not k.startswith("_") and not isinstance(v, int | float)]
    if not_numbers:
        raise GoldError(path, f"floors must be numbers: {', '.join(not_numbers)}")
    return floors


def save_floors(report: EvalReport, path: Path) -> None:
    """Write the report's figures as the floors of later runs."""
    try:
        path.write_text(json.dumps(floors_from(report), indent=1) + "\n", encoding="utf-8")
    except OSError as exc:
        raise GoldError(path, f"cannot write floors file: {exc}") from exc
