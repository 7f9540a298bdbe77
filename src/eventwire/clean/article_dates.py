"""Dates an article gives for itself: date lines, full dates in text, and the choice of
an article's reference date among the container's, the text's, the run's and the file's."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventwire.knowledge.date_lines import load_date_line_words
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
    # '2024-12-03', and a timestamp '2024-12-03T09:12:00Z' taken whole.
    re.compile(
        r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    ),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.IGNORECASE),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.IGNORECASE),
    # '14.04.2025': a dotted date is always day first.
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})(?!\d)"),
    re.compile(r"(?<![\d/])(?P<year>\d{4})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})(?![\d/])"),
    # '14/04/2025' and '04/14/2025' say their order; '04/05/2025' does not and gives no date.
    re.compile(r"(?<![\d/])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})(?![\d/])"),
]
# Up to four capitalised words and a comma before a date (or a weekday and a date): the
# place of a place-and-date line ('Nairobi, 3 March 2022', 'Managua, lunes 15 de enero de 2024').
_PLACE_BEFORE_DATE = re.compile(
    r"^[A-ZÀ-Ý][\w'’.-]*(?:[ -][A-ZÀ-Ý][\w'’.-]*){0,3},\s+(?=\d|[^\W\d_]+\.?,? \d)"
)
# What may stand beside a date in a date line besides stamp words: weekdays, times, zones.
_STAMP_SHAPES = (
    r"on|at|ago|just now|"
    r"\d+\s*(?:sec|secs|seconds?|min|mins|minutes?|hrs?|hours?|days?)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|"
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?|"
    r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|WET|WEST|MSK|EST|EDT|CST|CDT|PST|PDT|ET|PT|IST|JST|KST|AST|"
    r"PKT|WAT|EAT|SAST|AEST|AEDT|AWST|NZST|NZDT|WIB|WITA|ICT|PHT|SGT|HKT|GST|TRT|IRST|AFT|NPT|BDT|"
    r"MMT|AZT|UZT|ALMT|BRT|CLT|COT|PET|VET|BOT|ECT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|"
    r"\(?(?:local|[A-Z][a-z]+) time\)?"  # '(Bangladesh time)', 'local time'
)
_WORD = re.compile(r"[^\W\d_]")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_DAY_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
_SENTENCE_END = re.compile(r"[^\W\d_]{3,}[.!?]$")
# The parts of a date line with labels: 'Daily newspaper | English edition | 14.03.2025'.
_LINE_PARTS = re.compile(r"\s*[|·•]\s*|\s+[–—-]\s+")
# A part beside the date is a label ('Politics', 'Edición digital', 'No. 48 (6215)'),
# not a headline, when it has at most this many words and does not end a sentence.
_LABEL_WORDS = 3
# A report's number in its title line: 'No. 4', 'No: 118', '#7'.
_REPORT_NUMBER = re.compile(r"(?:\bNo\.?|\bNr\.?|#)\s*:?\s*\d+\b", re.IGNORECASE)
_LONGEST_DATE_LINE = 120
# dateparser reads only short parts, never paragraphs: 'Miércoles 27 de noviembre de 2024'.
_LONGEST_WORDED_DATE = 60
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["absolute-time"],
    "DATE_ORDER": "DMY",
}
# A reference date cannot be right for an article that names a date this much later.
_LATER_DATE_TOLERANCE = dt.timedelta(days=366)
# '2024-12-03-lebanon.txt', '20241203_lebanon.txt', 'lebanon_2024-12-03.html'
_NAME_DATE = re.compile(
    r"(?<![\d])(?P<year>(?:19|20)\d{2})(?P<sep>[-_.]?)(?P<mnum>\d{2})(?P=sep)(?P<day>\d{2})(?!\d)"
)


@dataclass(frozen=True)
class _StampPatterns:
    """The date-line patterns built from data/date_lines.yaml."""

    prefix: re.Pattern[str]
    label_prefix: re.Pattern[str]
    update: re.Pattern[str]
    stamp_parts: re.Pattern[str]
    languages: tuple[str, ...]


def _alternatives(phrases: Sequence[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)  # 'last updated' before 'updated'
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in ordered)


@lru_cache(maxsize=1)
def _stamp_patterns() -> _StampPatterns:
    words = load_date_line_words()
    stamps = _alternatives(words.published + words.updated)
    labels = _alternatives(words.labels + words.published + words.updated)
    return _StampPatterns(
        prefix=re.compile(rf"^(?:{stamps})(?:\s+(?:on|at))?\s*:?\s*", re.IGNORECASE),
        label_prefix=re.compile(rf"^(?:{labels})(?:\s+(?:on|at|of))?(?![^\W\d_])\s*[:,]?\s*", re.IGNORECASE),
        update=re.compile(rf"^(?:{_alternatives(words.updated)})(?![^\W\d_])", re.IGNORECASE),
        stamp_parts=re.compile(rf"\b(?:{stamps}|{_STAMP_SHAPES})\b|[\s,|·:/()+-]+", re.IGNORECASE),
        languages=words.languages,
    )


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


def _date_of(parts: dict[str, Any]) -> dt.date | None:
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
    """Whether a unit is a date line and the date it gives.

    A date line is a date and time stamp with nothing else: once dates, times, time
    zones and stamp words are taken out, no word may remain ('date 2018-08-24',
    'Published: March 3, 2024 10:15 ET', 'September 17, 2024 3:41 PM GMT+3 Updated 2
    hours ago'). A press release's place and date line ('Nairobi, 3 March 2022') is one
    too: up to four capitalised words and a comma may come before the date. So is a
    date with a few labels (see `_labelled_date_line`).
    """
    if len(text) > _LONGEST_DATE_LINE:
        return False, None
    dates, worded = _read_stamp(text)
    if worded:
        return _labelled_date_line(text)
    if dates:
        return True, next(filter(None, map(parse_date, dates)), None)
    return _stamp_patterns().prefix.match(text) is not None, None


_AS_OF = re.compile(r"\b(?:as of|as at|situation on)\s+(?P<rest>.{6,40})", re.IGNORECASE)


def date_line_place(text: str) -> str | None:
    """The place a press release's date line starts with: 'Nairobi' of 'Nairobi, 3 March
    2024' (it stands for the dateline the release's body does not have)."""
    match = _PLACE_BEFORE_DATE.match(text)
    return match.group(0).rstrip(", \t") if match else None


def report_title_date(title: str | None) -> str | None:
    """The day a report's title says it is as of ('Flash Update No. 7 (as of 4 June 2024)')."""
    match = _AS_OF.search(title or "")
    return parse_date(match["rest"]) if match else None


def is_update_stamp(text: str) -> bool:
    """A date line that says when the article was updated ('Updated: 4 Dec 2024', 'Last
    updated 10:02', 'Mis à jour le 15 février 2025')."""
    return _stamp_patterns().update.match(text) is not None


def _read_stamp(text: str) -> tuple[list[str], bool]:
    """The dates written in a line, as written, and whether a word is left beside them
    once stamp words, weekdays, times, zones, agencies and a leading place are taken out."""
    residue = _PLACE_BEFORE_DATE.sub("", text, count=1)  # 'Nairobi, 3 March 2022' under a release's headline
    dates = []
    for pattern in _DATE_PATTERNS:
        dates += [m.group(0) for m in pattern.finditer(residue)]
        residue = pattern.sub(" ", residue)
    residue = _stamp_patterns().stamp_parts.sub(" ", load_furniture_rules().strip_agencies(residue))
    return dates, _WORD.search(residue) is not None


def _labelled_date_line(text: str) -> tuple[bool, str | None]:
    """A date line with a few labels: a date that may follow a label or stamp words
    ('Press release 14 October 2024 15:30', 'Publié le 14 février 2025 à 10h32'), in a
    line whose other parts, set off by '|', '·' or a dash, are short labels ('Miércoles
    27 de noviembre de 2024 | Edición digital', 'Daily newspaper | English edition | No.
    48 (6215) | 14.03.2025'). The first part with a date gives it."""
    if not _YEAR.search(text):
        return False, None
    parts = [part for part in (part.strip() for part in _LINE_PARTS.split(text)) if part]
    # A report's title line: 'Flash Update No. 4 | North Kivu and South Kivu | 20 February 2024'
    report = any(_REPORT_NUMBER.search(part) for part in parts)
    found: tuple[bool, str | None] | None = None
    for part in parts:
        date = _part_date(part) if _YEAR.search(part) else None
        if date is None and not (_is_label(part) or (report and _is_title_case_label(part))):
            return False, None
        found = found or date
    return found or (False, None)


def _part_date(part: str) -> tuple[bool, str | None] | None:
    """The date a part of a line gives (`(True, None)` for one whose day and month could
    be either way round), or None when it is not a date with its stamp words."""
    rest = _stamp_patterns().label_prefix.sub("", part, count=1)
    rest = _PLACE_BEFORE_DATE.sub("", rest, count=1)
    dates, worded = _read_stamp(rest)
    if dates:
        return None if worded else (True, next(filter(None, map(parse_date, dates)), None))
    if worded and _may_be_date_in_words(rest):
        value = _date_in_words(rest)
        return (True, value) if value else None
    return None


def _may_be_date_in_words(text: str) -> bool:
    """Short, with a day's number, and not a sentence ('In 2024, 12 people died.')."""
    short = len(text) <= _LONGEST_WORDED_DATE
    return short and bool(_DAY_NUMBER.search(text)) and not _SENTENCE_END.search(text)


def _is_title_case_label(part: str) -> bool:
    """A part of a report's title line: capitalised words ('Flash Update No. 4', 'North
    Kivu and South Kivu'), up to eight, joined by 'and', 'of' or commas."""
    words = part.replace(",", " ").split()
    return len(words) <= 8 and all(w[0].isupper() or w[0].isdigit() or w in ("and", "of", "&") for w in words)


def _is_label(part: str) -> bool:
    return len(part.split()) <= _LABEL_WORDS and not part.endswith((".", "!", "?", ":", ","))


@lru_cache(maxsize=4096)
def _date_in_words(text: str) -> str | None:
    """A date written in words in one of the languages of date_lines.yaml, read strictly
    by dateparser: day, month and year, nothing else beside them but its own stamp words."""
    # Imported here: it costs about 0.1 s, and most texts have no such date line.
    import dateparser

    found = dateparser.parse(text, languages=list(_stamp_patterns().languages), settings=_DATEPARSER_SETTINGS)
    return found.date().isoformat() if found else None


def file_name_date(source: str) -> str | None:
    """The day written in a file's name ('2024-12-03-lebanon.txt', '20241203_lebanon.txt',
    'lebanon_2024-12-03.html'), as YYYY-MM-DD; a WARC record's `path#N` names its file."""
    name = os.path.basename(source.split("#", 1)[0])
    for match in _NAME_DATE.finditer(name):
        try:
            return dt.date(int(match["year"]), int(match["mnum"]), int(match["day"])).isoformat()
        except ValueError:
            continue
    return None


def choose_published(
    *,
    body: str,
    captions: Sequence[str] = (),
    metadata_published: str | None = None,
    metadata_source: str = "page",
    date_line: str | None = None,
    dateline_date: str | None = None,
    updated_date: str | None = None,
    published: str | None = None,
    file_published: str | None = None,
) -> tuple[str | None, str | None]:
    """The article's reference date and where it came from (its `date_source`).

    The first of: the container's own date (`metadata_published`, whose source is
    `metadata_source`: `page` for an HTML page's date or a JSON Lines record's
    `published`, `sidecar` for a NAME.meta.json beside the file); the article's date
    line (`date line`); the full date of its dateline (`dateline`, 'ALMATY, 14 November
    2024 –'); an update stamp (`date line`, 'Updated: 4 Dec 2024'), only when no other
    date line is there; the run's reference date (`run`, `--published`); the date in
    the file's name (`file name`, `--published-from-name`). The run's and the file's
    dates are for a whole input, so they are set aside for an article that names a date
    over a year after them (a later article glued into a dump). Neither date nor source
    when none gives a day.
    """
    text_dates = (
        (metadata_published, metadata_source),
        (date_line, "date line"),
        (parse_date(dateline_date) if dateline_date else None, "dateline"),
        (updated_date, "date line"),
    )
    for date, source in text_dates:
        if date is not None:
            return date, source
    mentioned: list[dt.date] | None = None
    for date, source in ((published, "run"), (file_published, "file name")):
        if date is None:
            continue
        if mentioned is None:
            mentioned = find_dates(body + " " + " ".join(captions))
        reference = dt.date.fromisoformat(date)
        if not any(later - reference > _LATER_DATE_TOLERANCE for later in mentioned):
            return date, source
    return None, None
