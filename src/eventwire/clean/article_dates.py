"""Dates an article gives for itself: date lines, full dates in text, and the choice of
an article's reference date among the container's, the text's and the run's."""

from __future__ import annotations

import datetime as dt
import re

from eventwire.knowledge.furniture import load_furniture_rules

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.IGNORECASE),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.IGNORECASE),
    # '14.04.2025': a dotted date is always day first.
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})(?!\d)"),
    re.compile(r"(?<![\d/])(?P<year>\d{4})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})(?![\d/])"),
    # '14/04/2025' and '04/14/2025' say their order; '04/05/2025' does not and gives no date.
    re.compile(r"(?<![\d/])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})(?![\d/])"),
]
# Up to four capitalised words and a comma before a date: the place of a place-and-date line.
_PLACE_BEFORE_DATE = re.compile(
    r"^[A-ZÀ-Ý][\w'’.-]*(?:[ -][A-ZÀ-Ý][\w'’.-]*){0,3},\s+(?=\d|[A-Z][a-z]+\.? \d)"
)
_DATE_LINE_PREFIX = re.compile(
    r"^(?:date|dated|published|posted|updated|last updated|first published)(?:\s+(?:on|at))?\s*:?\s*",
    re.IGNORECASE,
)
# What may stand beside a date in a date line: stamp words, weekdays, times, zones.
_STAMP_PARTS = re.compile(
    r"\b(?:date|dated|published|posted|updated|last updated|first published|on|at|ago|just now|"
    r"\d+\s*(?:sec|secs|seconds?|min|mins|minutes?|hrs?|hours?|days?)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|"
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?|"
    r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|PST|PDT|ET|PT|IST|JST|KST|AST)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)\b"
    r"|[\s,|·:/()+-]+",
    re.IGNORECASE,
)
# A reference date cannot be right for an article that names a date this much later.
_LATER_DATE_TOLERANCE = dt.timedelta(days=366)


def parse_date(text: str) -> str | None:
    """The first full calendar date written in a text, as YYYY-MM-DD."""
    found = find_dates(text)
    return found[0].isoformat() if found else None


def find_dates(text: str) -> list[dt.date]:
    """The full calendar dates written in a text; a numeric date whose day and month could
    be either way round ('04/05/2025') is not one."""
    dates = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            date = _date_of(match.groupdict())
            if date is not None:
                dates.append(date)
    return dates


def _date_of(parts: dict[str, str | None]) -> dt.date | None:
    if parts.get("first"):
        first, second = int(parts["first"]), int(parts["second"])
        if first <= 12 and second <= 12 and first != second:
            return None
        parts = {**parts, "day": str(max(first, second)), "mnum": str(min(first, second))}
    month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None


def date_line_value(text: str) -> tuple[bool, str | None]:
    """Whether a unit is a date line ('date 2018-08-24', 'Published: March 3, 2024 10:15 ET',
    'September 17, 2024 3:41 PM GMT+3 Updated 2 hours ago') and the date it gives.

    A date line is a date and time stamp with nothing else: once dates, times, time
    zones and stamp words are taken out, no word may remain. A press release's place
    and date line ('Nairobi, 3 March 2022', 'Ankara, 12 May 2024') is one too: up to
    four capitalised words and a comma may come before the date.
    """
    if len(text) > 120:
        return False, None
    prefixed = _DATE_LINE_PREFIX.match(text) is not None
    residue = _PLACE_BEFORE_DATE.sub("", text, count=1)  # 'Nairobi, 3 March 2022' under a release's headline
    dates = []
    for pattern in _DATE_PATTERNS:
        dates += [m.group(0) for m in pattern.finditer(residue)]
        residue = pattern.sub(" ", residue)
    residue = _STAMP_PARTS.sub(" ", load_furniture_rules().strip_agencies(residue))
    if re.search(r"[^\W\d_]", residue):
        return False, None
    if dates:
        return True, next(filter(None, map(parse_date, dates)), None)
    return prefixed, None


def choose_published(
    date_line: str | None,
    body: str,
    captions: tuple[str, ...] | list[str],
    published: str | None,
    metadata_published: str | None,
    *,
    metadata_source: str = "page",
    dateline_date: str | None = None,
) -> tuple[str | None, str | None]:
    """The article's reference date and where it came from (its `date_source`).

    The run's reference date (`run`), unless the article names a date over a year after
    it; else the container's own date (`metadata_source`: `run` for a JSON Lines
    record's field, `page` for an HTML page's metadata); else the article's date line
    (`date line`); else the full date of its dateline (`dateline`, 'ALMATY, 14
    November 2024 –'). Neither date nor source when none gives a day.
    """
    if published is not None:
        reference = dt.date.fromisoformat(published)
        mentioned = find_dates(body + " " + " ".join(captions))
        if not any(date - reference > _LATER_DATE_TOLERANCE for date in mentioned):
            return published, "run"
    candidates = (
        (metadata_published, metadata_source),
        (date_line, "date line"),
        (parse_date(dateline_date) if dateline_date else None, "dateline"),
    )
    return next(((date, source) for date, source in candidates if date is not None), (None, None))
