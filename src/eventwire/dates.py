"""The dates stage: time expressions in a text, normalised against a reference date.

`normalise_time_expressions` finds explicit dates ('January 11, 2024', '11 January
2024', 'Sept 17', '2024-01-11', 'March 2024', 'late 2023', ranges such as '11 and 12 April
2025') and relative ones ('next Friday', 'on Sunday', 'last week', 'two years ago', 'in
December') and gives each an ISO 8601 value: a day `2018-09-07`, an ISO week `2018-W35`, a
month `2024-12`, a year `2016`, or an interval `2023-09/2023-12`. Relative expressions
are resolved against the article's reference date R; without R they keep `value None`
(never a guess), while explicit dates with a written year still resolve.

Choices, where wire copy leaves room:

- A weekday is the most recent such day on or before R ('on Tuesday' in an article of a
  Tuesday is that Tuesday), unless the sentence looks ahead ('will meet on Friday',
  'until Thursday'): then the first such day on or after R. 'next Friday' is the first
  Friday after R, 'last Friday' the last one before it.
- A month without a year ('in December', 'since May') is the most recent such month up to
  R's own, or the next one from R's own when the sentence looks ahead ('elections due in
  September'). A day without a year ('Sept 17') is the latest one up to R plus a week
  (a story is often stamped the day before the local date it reports), or the first
  from R on when the sentence looks ahead ('an election beginning on December 28').
- Whether a sentence looks ahead is read from the parse when a Doc is given: a modal
  on the date's verb, a governing 'due'/'scheduled', 'until', a conditional clause, or a
  promise or intent verb above a non-finite clause. Without a Doc, the few words before
  the expression are checked for the same cue words. The default is the past.
- 'late 2023' is the interval `2023-09/2023-12`, 'mid-2024' `2024-05/2024-08`,
  'early March' `2025-03-01/2025-03-10` (the parts are in data/time_words.yaml): an
  analyst can always widen an interval to its year, not narrow a year back.
- The text of an expression leaves out a leading preposition ('Sunday' for 'On Sunday')
  but keeps its modifiers ('late on Tuesday', 'Tuesday night', 'next Friday').
- Vague expressions ('in recent weeks', 'overnight', 'the following day') are kept with
  no value. Times of day and durations ('for three years') are not dates.

The vocabulary lives in data/time_words.yaml; this module holds the patterns' shapes and
the calendar arithmetic (regular expressions and `datetime`, no per-token date parser:
the stage runs over every article).

`time_for_trigger` gives the events stage the time of an event: the expression attached
to its trigger in the dependency parse, else the reference date, else none.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.boundary import GuardedComponent
from eventwire.extensions import register_extensions
from eventwire.knowledge.labels import VERBAL_POS
from eventwire.knowledge.time_words import load_time_words, phrase_key
from eventwire.records import Caption, EventTime, TimeExpr

PAST, FUTURE = "past", "future"
# A day without a year read as past may lie this far after R: wire stories are often
# stamped with the day before the local date they report.
PAST_TOLERANCE = dt.timedelta(days=7)
# Entity labels under which a four-digit number is an amount, not a year.
NOT_YEAR_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "TIME"})
# Entity labels under which a weekday or month name is part of a name: 'The Sunday Times',
# 'Theresa May', 'Bloody Sunday', Lebanon's 'March 14' alliance.
CALENDAR_NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "LAW", "EVENT", "FAC", "PRODUCT"})

Resolved = tuple[str | None, str | None]  # (value, granularity)


# --- vocabulary ---------------------------------------------------------------------


# --- calendar arithmetic ------------------------------------------------------------


def period_value(unit: str, day: dt.date) -> str:
    """The ISO 8601 value of the day, week, month or year that contains `day`."""
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}"


def period_bounds(unit: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the period of `unit` that contains `day`."""
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day


def shift(unit: str, day: dt.date, count: int) -> dt.date:
    """A day inside the period `count` units away from the one that contains `day`."""
    if unit == "day":
        return day + dt.timedelta(days=count)
    if unit == "week":
        return day + dt.timedelta(weeks=count)
    if unit == "month":
        months = day.year * 12 + day.month - 1 + count
        return dt.date(months // 12, months % 12 + 1, 1)
    return dt.date(day.year + count, 1, 1)


def resolve_period(unit: str, day: dt.date, part: str | None = None, edge: str | None = None) -> Resolved:
    """The value of the period containing `day`, or of its part ('late') or edge ('the end of')."""
    words = load_time_words()
    if edge:
        first, last = period_bounds(unit, day)
        chosen = last if words.edges[phrase_key(edge)] == "last" else first
        return chosen.isoformat(), "day"
    bounds = words.parts[phrase_key(part)].get(unit) if part else None
    if bounds is None:
        return period_value(unit, day), unit
    low, high = bounds
    if unit == "year":
        return f"{day.year}-{low:02d}/{day.year}-{high:02d}", "interval"
    high = min(high, calendar.monthrange(day.year, day.month)[1])
    month = f"{day.year}-{day.month:02d}"
    return f"{month}-{low:02d}/{month}-{high:02d}", "interval"


def granularity(unit: str, part: str | None, edge: str | None) -> str:
    """The granularity `resolve_period` gives, for an expression left without a value."""
    if edge:
        return "day"
    if part and unit in load_time_words().parts[phrase_key(part)]:
        return "interval"
    return unit


def weekday_occurrence(
    weekday: int, relation: str | None, direction: str | None, reference: dt.date
) -> dt.date:
    """The day named by a weekday, seen from `reference` (see the module's choices)."""
    today = reference.isoweekday()
    if relation == "this":
        return reference + dt.timedelta(days=weekday - today)
    if relation == "last":
        return reference - dt.timedelta(days=(today - weekday - 1) % 7 + 1)
    if relation == "next":
        return reference + dt.timedelta(days=(weekday - today - 1) % 7 + 1)
    if direction == FUTURE:
        return reference + dt.timedelta(days=(weekday - today) % 7)
    return reference - dt.timedelta(days=(today - weekday) % 7)


def month_occurrence(month: int, relation: str | None, direction: str | None, reference: dt.date) -> dt.date:
    """The first day of the month named without a year, seen from `reference`."""
    this_year = dt.date(reference.year, month, 1)
    current = reference.replace(day=1)
    if relation == "this":
        return this_year
    strict = relation in ("last", "next")
    if relation == "last" or (relation != "next" and direction != FUTURE):
        in_range = this_year < current or (not strict and this_year == current)
        return this_year if in_range else this_year.replace(year=reference.year - 1)
    in_range = this_year > current or (not strict and this_year == current)
    return this_year if in_range else this_year.replace(year=reference.year + 1)


def month_day_occurrence(month: int, day: int, direction: str | None, reference: dt.date) -> dt.date | None:
    """The date of 'Sept 17' written without a year, seen from `reference`."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if direction == FUTURE:
        return min((c for c in candidates if c >= reference), default=None)
    return max((c for c in candidates if c <= reference + PAST_TOLERANCE), default=None)


def season_value(season: str, year: int) -> str:
    first, last = load_time_words().seasons[season]
    return f"{year}-{first:02d}/{year + (last < first)}-{last:02d}"


def season_year(season: str, relation: str, reference: dt.date) -> int:
    """The year a season named 'last/this/next summer' starts in, seen from `reference`."""
    first, last = load_time_words().seasons[season]
    current = (reference.year, reference.month)
    if relation == "last":
        return next(
            y for y in range(reference.year, reference.year - 3, -1) if (y + (last < first), last) < current
        )
    if relation == "next":
        return next(y for y in range(reference.year - 1, reference.year + 2) if (y, first) > current)
    return reference.year - (last < first and reference.month <= last)


def reference_day(value: str | None) -> dt.date | None:
    """The reference date of an ISO string ('2018-09-04', or a timestamp); None if unreadable."""
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


# --- which way a sentence looks ----------------------------------------------------


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above `token` in the parse (auxiliaries are not governors)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in VERBAL_POS and ancestor.dep_ not in ("aux", "auxpass"):
            return ancestor
    return None


def parse_direction(span: Span, cues: dict[str, frozenset[str]]) -> str | None:
    """PAST, FUTURE or None for a date in a parsed sentence, from the way up to its verb."""
    prepositions: set[str] = set()
    through_noun = False
    for node in span.root.ancestors:
        lower = node.lower_
        if lower in cues["future_governors"]:
            return FUTURE
        if node.pos_ in VERBAL_POS and node.dep_ not in ("aux", "auxpass"):
            return verb_direction(node, prepositions, through_noun, cues)
        if node.dep_ in ("prep", "agent"):
            prepositions.add(lower)
        elif node.pos_ in ("NOUN", "PROPN"):
            through_noun = True
    return None


def verb_direction(
    verb: Token, prepositions: set[str], through_noun: bool, cues: dict[str, frozenset[str]]
) -> str | None:
    """Which way the clause of `verb` looks, given what lay between it and the date."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if prepositions & cues["past_prepositions"]:
        return PAST
    if any(aux.lower_ in cues["future_modals"] for aux in auxiliaries):
        return FUTURE
    if any(c.dep_ == "mark" and c.lower_ in cues["conditional_marks"] for c in verb.children):
        return FUTURE
    if prepositions & cues["future_prepositions"] and verb.tag_ != "VBD":
        return FUTURE
    if through_noun and verb.lemma_ in cues["promise_verbs"]:
        return FUTURE
    if verb.tag_ in ("VB", "VBG") and not any(aux.tag_ in ("VBD", "MD") for aux in auxiliaries):
        return nonfinite_direction(verb, cues)
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxiliaries):
        return PAST
    if verb.tag_ == "VBN" and any(aux.lemma_ == "have" for aux in auxiliaries):
        return PAST
    return None


def nonfinite_direction(verb: Token, cues: dict[str, frozenset[str]]) -> str | None:
    """An infinitive or participle looks the way of the verb above it, or ahead under an
    intent verb ('agreed to meet on Friday')."""
    governor = governing_verb(verb)
    if governor is None:
        return None
    if governor.lemma_ in cues["intent_verbs"] or governor.lower_ in cues["future_governors"]:
        return FUTURE
    return verb_direction(governor, set(), True, cues)


def words_before(text: str, start: int, count: int = 8) -> list[str]:
    """The last `count` words of the sentence before offset `start`, in lower case."""
    clause = re.split(r"[.!?;\n]", text[max(0, start - 80) : start])[-1]
    return re.findall(r"[\w']+", clause.lower())[-count:]


def text_direction(before: Iterable[str], cues: dict[str, frozenset[str]]) -> str | None:
    """Without a parse: the cue words among the words before the expression."""
    words = set(before)
    if words & (cues["future_modals"] | cues["future_governors"] | cues["future_prepositions"]):
        return FUTURE
    if words & cues["past_prepositions"]:
        return PAST
    return None


# --- patterns -----------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A pattern's match in the text being read, with what resolving it needs."""

    match: re.Match[str]
    text: str
    doc: Doc | None
    reference: dt.date | None

    def group(self, name: str) -> str | None:
        return self.match.groupdict().get(name)

    def number(self, name: str) -> int:
        return int(self.group(name) or 0)

    def direction(self) -> str | None:
        cues = load_time_words().direction
        start, end = self.match.span("text")
        before = words_before(self.text, start)
        # 'due in September': a governor right before the date outweighs the parse, which
        # often hangs the phrase on a verb further away.
        if cues["future_governors"].intersection(before[-2:]):
            return FUTURE
        span = self.doc.char_span(start, end, alignment_mode="expand") if self.doc is not None else None
        parsed = parse_direction(span, cues) if span is not None and len(span) else None
        return parsed or text_direction(before, cues)

    def relation(self) -> str | None:
        """'last', 'next' or 'this' for 'last Friday', 'next Friday', 'this Friday'."""
        word = phrase_key(self.group("relation") or "")
        if word in load_time_words().direction["past"]:
            return "last"
        if word in load_time_words().direction["future"]:
            return "next"
        return word or None

    def token(self) -> Token | None:
        if self.doc is None:
            return None
        span = self.doc.char_span(*self.match.span("text"), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None


Resolver = Callable[[Found], Resolved | None]


@dataclass(frozen=True)
class Rule:
    """A pattern (its group `text` is the expression) and what turns a match into a value;
    the resolver returns None when the match is not a time expression after all."""

    pattern: re.Pattern[str]
    resolve: Resolver
    # Lower-case words one of which the text must contain for the pattern to be tried:
    # most articles have no season or 'ago', and a scan costs more than a look for a word.
    keywords: frozenset[str] = frozenset()

    def may_match(self, lowered_text: str) -> bool:
        return not self.keywords or any(word in lowered_text for word in self.keywords)


def keywords(phrases: Iterable[str]) -> frozenset[str]:
    """The longest word of each phrase, in lower case: a cheap test that it may occur."""
    return frozenset(max(phrase.lower().split(), key=len) for phrase in phrases)


def alternation(words: Iterable[str], case_insensitive: bool = False) -> str:
    """A regex alternative of the phrases, longest first, any white space between words."""
    escaped = (r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True))
    body = "|".join(escaped)
    return f"(?i:{body})" if case_insensitive else f"(?:{body})"


def date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_number(found: Found) -> int:
    return load_time_words().months[(found.group("month") or "").rstrip(".")]


def day_of(found: Found, month: int, day: int) -> dt.date | None:
    """The date of a day and month, the year as written or else taken from R."""
    year = found.group("year")
    if year:
        return date_or_none(int(year), month, day)
    if date_or_none(2000, month, day) is None or found.reference is None:
        return None
    return month_day_occurrence(month, day, found.direction(), found.reference)


def resolve_numeric_day(found: Found) -> Resolved | None:
    day = date_or_none(found.number("year"), found.number("month_number"), found.number("day"))
    return (day.isoformat(), "day") if day else None


def resolve_day(found: Found) -> Resolved | None:
    month, day_number = month_number(found), found.number("day")
    if date_or_none(2000, month, day_number) is None:
        return None
    day = day_of(found, month, day_number)
    return (day.isoformat() if day else None), "day"


def resolve_day_range(found: Found) -> Resolved | None:
    month = month_number(found)
    first_number, last_number = found.number("day"), found.number("day2")
    if not first_number < last_number or date_or_none(2000, month, last_number) is None:
        return None
    first = day_of(found, month, first_number)
    last = date_or_none(first.year, month, last_number) if first else None
    return (f"{first.isoformat()}/{last.isoformat()}" if first and last else None), "interval"


def resolve_month_year(found: Found) -> Resolved | None:
    first = dt.date(found.number("year"), month_number(found), 1)
    return resolve_period("month", first, found.group("part"), found.group("edge"))


def resolve_part_of_year(found: Found) -> Resolved | None:
    return resolve_period(
        "year", dt.date(found.number("year"), 1, 1), found.group("part"), found.group("edge")
    )


def resolve_season_year(found: Found) -> Resolved | None:
    return season_value((found.group("season") or "").lower(), found.number("year")), "interval"


def resolve_year_range(found: Found) -> Resolved | None:
    first, last = found.number("year"), found.number("year2")
    return (f"{first}/{last}", "interval") if first < last else None


def resolve_year(found: Found) -> Resolved | None:
    token = found.token()
    if token is not None and not is_year_token(token):
        return None
    if found.doc is None and not load_time_words().year_cues.intersection(
        words_before(found.text, found.match.start(), 1)
    ):
        return None
    return found.group("year"), "year"


def is_year_token(token: Token) -> bool:
    """A four-digit number is a count ('2000 troops'), not a year, when it counts a plural
    noun with no determiner before it ('the 2024 elections' is a year)."""
    if token.ent_type_ in NOT_YEAR_LABELS:
        return False
    counts = token.dep_ == "nummod" and token.head.tag_ in ("NNS", "NNPS")
    determined = token.i > 0 and token.nbor(-1).tag_ in ("DT", "PRP$", "POS")
    return not counts or determined


def resolve_month(found: Found) -> Resolved | None:
    token = found.token()
    if token is not None and (token.ent_type_ in CALENDAR_NAME_LABELS or token.tag_ == "MD"):
        return None
    cued = any(found.group(name) for name in ("cue", "relation", "part", "edge"))
    if not cued and (token is None or token.ent_type_ != "DATE"):
        return None
    part, edge = found.group("part"), found.group("edge")
    if found.reference is None:
        return None, granularity("month", part, edge)
    relation = found.relation()
    direction = None if relation else found.direction()
    first = month_occurrence(month_number(found), relation, direction, found.reference)
    return resolve_period("month", first, part, edge)


def resolve_weekday(found: Found) -> Resolved | None:
    token = found.token()
    if token is not None and token.ent_type_ in CALENDAR_NAME_LABELS:
        return None
    if found.reference is None:
        return None, "day"
    weekday = load_time_words().weekdays[found.group("weekday") or ""]
    relation = found.relation()
    direction = found.direction() if relation in (None, "this") else None
    if relation == "this" and direction is not None:
        # 'was released this Sunday' is the Sunday just past, 'will vote this Sunday' the
        # coming one; only a clause that says neither takes the reference date's week.
        relation = None
    return weekday_occurrence(weekday, relation, direction, found.reference).isoformat(), "day"


def resolve_relative_day(found: Found) -> Resolved | None:
    if found.reference is None:
        return None, "day"
    days = load_time_words().relative_days[phrase_key(found.group("text") or "")]
    return (found.reference + dt.timedelta(days=days)).isoformat(), "day"


def resolve_relative_period(found: Found) -> Resolved | None:
    period = found.group("period")
    unit, count = (
        load_time_words().relative_periods[phrase_key(period)] if period else (found.group("unit"), 0)
    )
    unit = load_time_words().units[(unit or "").lower()]
    part, edge = found.group("part"), found.group("edge")
    if found.reference is None:
        return None, granularity(unit, part, edge)
    return resolve_period(unit, shift(unit, found.reference, count), part, edge)


def resolve_ago(found: Found) -> Resolved | None:
    words = load_time_words()
    unit = words.units[(found.group("unit") or "").lower()]
    if found.reference is None:
        return None, unit
    written = (found.group("count") or "").lower()
    count = int(written) if written.isdigit() else words.numbers[written]
    return period_value(unit, shift(unit, found.reference, -count)), unit


def resolve_relative_season(found: Found) -> Resolved | None:
    if found.reference is None:
        return None, "interval"
    season = (found.group("season") or "").lower()
    return season_value(season, season_year(season, found.relation() or "this", found.reference)), "interval"


def resolve_vague(found: Found) -> Resolved | None:
    return None, None


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The patterns, built once from the vocabulary."""
    words = load_time_words()
    cues = words.direction
    weekday = alternation(words.weekdays)
    full_month = alternation(words.full_months)

    def month(name: str = "month") -> str:
        return rf"(?P<{name}>{alternation(words.months)})\b\.?"

    day = r"(?<![\d,.])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|,\d)"
    day2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|,\d)"
    year = r"(?P<year>(?:1[89]|20)\d{2})(?!\d)"
    year2 = r"(?P<year2>(?:1[89]|20)\d{2})(?!\d)"
    part_or_edge = (
        rf"(?:(?P<part>{alternation(words.parts, True)})[\s-]+|(?P<edge>{alternation(words.edges, True)})\s+)"
    )
    relation = rf"(?P<relation>{alternation(cues['past'] | cues['future'] | {'this'}, True)})"
    joiner = r"\s*(?:-|–|\band\b|\bto\b)\s*"
    weekday_prefix = rf"(?:{weekday},?\s+)?"
    numbers, units = alternation(words.numbers, True), alternation(words.units, True)
    # 'the end of the day' is an idiom ('ultimately'), not a date.
    periods = {unit for unit in words.units.values() if unit != "day"}
    digits = frozenset("0123456789")
    month_names, full_month_names = keywords(words.months), keywords(words.full_months)
    modifiers, seasons = keywords([*words.parts, *words.edges]), keywords(words.seasons)
    specs: list[tuple[str, Resolver, frozenset[str]]] = [
        (
            rf"\b(?P<text>{year}-(?P<month_number>\d{{2}})-(?P<day>\d{{2}}))\b",
            resolve_numeric_day,
            digits,
        ),
        (
            rf"(?<![\d.])(?P<text>(?P<day>\d{{1,2}})\.(?P<month_number>\d{{1,2}})\.{year})",
            resolve_numeric_day,
            digits,
        ),
        (
            rf"(?P<text>{day}{joiner}{day2}\s+(?:of\s+)?{month()}(?:,?\s+{year})?)",
            resolve_day_range,
            month_names,
        ),
        (rf"\b(?P<text>{month()}\s+{day}{joiner}{day2}(?:,?\s+{year})?)", resolve_day_range, month_names),
        (rf"\b(?P<text>{weekday_prefix}{month()}\s+{day}(?:,?\s+{year})?)", resolve_day, month_names),
        (rf"(?P<text>{weekday_prefix}{day}\s+(?:of\s+)?{month()}(?:,?\s+{year})?)", resolve_day, month_names),
        (rf"\b(?P<text>{part_or_edge}?{month()}(?:\s+of)?,?\s+{year})", resolve_month_year, month_names),
        (rf"\b(?P<text>{part_or_edge}{year})", resolve_part_of_year, modifiers),
        (
            rf"\b(?P<text>(?:the\s+)?(?P<season>{alternation(words.seasons, True)})\s+(?:of\s+)?{year})",
            resolve_season_year,
            seasons,
        ),
        (
            rf"\b(?:between|from)\s+(?P<text>{year}\s+(?:and|to|until)\s+{year2})",
            resolve_year_range,
            frozenset({"between", "from"}),
        ),
        (rf"\b(?P<text>{year}\s*[-–]\s*{year2})", resolve_year_range, digits),
        (rf"(?<![\w$#£€.,/+-])(?P<text>{year})(?![\w%]|[.,]\d)", resolve_year, digits),
        (
            rf"(?:\b(?P<cue>{alternation(words.month_cues, True)})\s+)?"
            rf"(?P<text>(?:{relation}\s+)?{part_or_edge}?(?P<month>{full_month}))\b",
            resolve_month,
            full_month_names,
        ),
        (
            rf"(?P<text>(?:(?P<part>{alternation(words.parts, True)})\s+(?:(?i:on)\s+)?)?"
            rf"(?:{relation}\s+)?(?P<weekday>{weekday})\b(?:\s+{alternation(words.day_parts, True)}\b)?)",
            resolve_weekday,
            keywords(words.weekdays),
        ),
        (
            rf"\b(?P<text>{alternation(words.relative_days, True)})\b",
            resolve_relative_day,
            keywords(words.relative_days),
        ),
        (
            rf"\b(?P<text>{part_or_edge}?(?P<period>{alternation(words.relative_periods, True)}))\b",
            resolve_relative_period,
            keywords(words.relative_periods),
        ),
        (
            rf"\b(?P<text>(?P<edge>{alternation(words.edges, True)})\s+the\s+"
            rf"(?P<unit>{alternation(periods, True)}))\b",
            resolve_relative_period,
            modifiers,
        ),
        (
            rf"\b(?P<text>(?P<count>\d{{1,3}}|{numbers})\s+(?P<unit>{units})\s+(?i:ago))\b",
            resolve_ago,
            frozenset({"ago"}),
        ),
        (
            rf"\b(?P<text>{relation}\s+(?P<season>{alternation(words.seasons, True)}))\b",
            resolve_relative_season,
            seasons,
        ),
        (rf"\b(?P<text>{alternation(words.vague, True)})\b", resolve_vague, keywords(words.vague)),
    ]
    return tuple(Rule(re.compile(pattern), resolve, needed) for pattern, resolve, needed in specs)


# --- the stage ----------------------------------------------------------------------


def normalise_time_expressions(
    text: str, reference_date: str | None, nlp_doc: Doc | None = None
) -> list[TimeExpr]:
    """Every time expression in `text`, in order, normalised against `reference_date`.

    Works on any text (a body, a photo caption). `nlp_doc`, the spaCy parse of this same
    text, lets the parse tell a past sentence from one that looks ahead and a year from a
    count; a Doc of another text is ignored. Where expressions overlap, the longest wins
    ('Wednesday, May 14, 2025' over 'Wednesday').
    """
    doc = nlp_doc if nlp_doc is not None and nlp_doc.text == text else None
    return find_time_expressions(text, reference_day(reference_date), doc)


def find_time_expressions(
    text: str,
    reference: dt.date | None,
    doc: Doc | None,
    entry_days: Sequence[tuple[int, str]] = (),
) -> list[TimeExpr]:
    """`normalise_time_expressions` once the reference date is read and `doc` (None, or
    the parse of `text`) checked: a Doc's text is rebuilt on every access. In a live
    blog, `entry_days` ((offset where an entry starts, its day), in order) give each
    entry's lines their own reference date."""
    candidates: list[TimeExpr] = []
    lines = [
        (first, last, lowered, day_at(first, entry_days, reference))
        for first, last, lowered in text_lines(text)
    ]
    for rule in rules():
        for first, last, lowered, line_reference in lines:
            if rule.may_match(lowered):
                candidates.extend(rule_expressions(rule, text, first, last, doc, line_reference))
    return longest_first(candidates)


def day_at(offset: int, entry_days: Sequence[tuple[int, str]], reference: dt.date | None) -> dt.date | None:
    """The reference date at `offset`: the day of the live-blog entry it is in, else `reference`."""
    found = reference
    for start, day in entry_days:
        if start > offset:
            break
        found = reference_day(day)
    return found


def text_lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-case text) of each line: a pattern is tried only on the lines
    that hold one of its keywords, and no time expression runs across lines."""
    lines, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((start, start + len(line), line.lower()))
        start += len(line) + 1
    return lines


def rule_expressions(
    rule: Rule, text: str, first: int, last: int, doc: Doc | None, reference: dt.date | None
) -> Iterator[TimeExpr]:
    for match in rule.pattern.finditer(text, first, last):
        resolved = rule.resolve(Found(match, text, doc, reference))
        if resolved is not None:
            start, end = match.span("text")
            yield TimeExpr(text[start:end], resolved[0], resolved[1], start, end)


def longest_first(candidates: list[TimeExpr]) -> list[TimeExpr]:
    """The expressions that no longer (or earlier found, equally long) one overlaps, in text order."""
    chosen: list[TimeExpr] = []
    taken: set[int] = set()
    for expression in sorted(candidates, key=lambda e: e.start - e.end):
        offsets = range(expression.start, expression.end)
        if not taken.intersection(offsets):
            chosen.append(expression)
            taken.update(offsets)
    return sorted(chosen, key=lambda e: e.start)


class DatesComponent(GuardedComponent):
    """The spaCy component: the doc's time expressions into `doc._.ew_dates`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def annotate(self, doc: Doc) -> Doc:
        reference = reference_day(doc._.reference_date)
        doc._.ew_dates = find_time_expressions(doc.text, reference, doc, doc._.entry_days or ())
        return doc


@Language.factory(
    "eventwire_dates",
    requires=[],
    assigns=["doc._.ew_dates"],
    default_config={},
)
def make_dates(nlp: Language, name: str) -> DatesComponent:
    """spaCy factory: time expressions normalised against `doc._.reference_date`; entity
    labels and the parse are used where the pipeline has them."""
    register_extensions()
    return DatesComponent(nlp, name)


# --- the time of an event -----------------------------------------------------------


def time_for_trigger(doc: Doc, trigger: Token) -> EventTime:
    """When the event of `trigger` happened.

    The time expression attached to the trigger in the parse (in its subtree without
    crossing another verb's clause, or attached to the verb whose argument the trigger is)
    gives rule `trigger-attached`, with the expression's value (None if it could not be
    resolved: never a guess); else the article's reference date (in a live blog, the
    day of the trigger's entry), rule `reference-date`;
    else no value, rule `none`.
    """
    entry_days = doc._.entry_days or ()
    reference = day_at(trigger.idx, entry_days, reference_day(doc._.reference_date))
    attached = attached_expression(doc, trigger, doc._.ew_dates)
    if attached is not None:
        return EventTime(attached.text, attached.value, "trigger-attached")
    if reference is not None:
        return EventTime(None, reference.isoformat(), "reference-date")
    return EventTime(None, None, "none")


def attached_expression(doc: Doc, trigger: Token, expressions: Sequence[TimeExpr]) -> TimeExpr | None:
    """The expression of the trigger's sentence closest to it in the parse, if attached;
    `expressions` are the doc's, in text order."""
    sentence = trigger.sent
    heads = clause_heads(trigger)
    best: tuple[tuple[int, int], TimeExpr] | None = None
    first = bisect.bisect_left(expressions, sentence.start_char, key=lambda e: e.start)
    for expression in itertools.islice(expressions, first, None):
        if expression.start >= sentence.end_char:
            break
        if expression.end > sentence.end_char:
            continue
        span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
        distance = attachment_distance(span.root, heads) if span is not None and len(span) else None
        if distance is None:
            continue
        key = (distance, abs(span.root.i - trigger.i))
        if best is None or key < best[0]:
            best = (key, expression)
    return best[1] if best else None


def clause_heads(trigger: Token) -> dict[int, int]:
    """Token index -> extra distance, for the tokens a date may hang from to belong to the
    trigger: the trigger, the verb whose argument it is, and the verb a conjoined or
    complement verb depends on ('withdrew on Tuesday and handed over ...')."""
    heads = {trigger.i: 0}
    verb = trigger if trigger.pos_ in VERBAL_POS else governing_verb(trigger)
    penalty = 0 if verb is not None and verb.i == trigger.i else 10
    while verb is not None:
        heads.setdefault(verb.i, penalty)
        if verb.dep_ not in ("conj", "xcomp"):
            break
        verb, penalty = governing_verb(verb), penalty + 10
    return heads


def attachment_distance(root: Token, heads: dict[int, int]) -> int | None:
    """Steps from the date up to one of `heads` (plus its penalty), None if the way up
    crosses another verb first: the date then belongs to that verb's clause."""
    node, steps = root, 0
    while node.i not in heads:
        if node.head.i == node.i or (steps and node.pos_ in VERBAL_POS):
            return None
        node, steps = node.head, steps + 1
    return steps + heads[node.i]


def caption_dates(captions: Sequence[Caption], reference_date: str | None) -> tuple[TimeExpr, ...]:
    """Time expressions of photo captions, each marked with its caption's index."""
    return tuple(
        replace(expression, caption=index)
        for index, caption in enumerate(captions)
        for expression in normalise_time_expressions(caption.text, reference_date)
    )
