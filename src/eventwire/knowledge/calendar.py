"""The days an ISO 8601 date value covers, read one way by event merging, cross-article
deduplication and the evaluation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

DateInterval = tuple[dt.date, dt.date]


def _month_interval(value: str) -> DateInterval:
    first = dt.date(int(value[:4]), int(value[5:]), 1)
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def _week_interval(value: str) -> DateInterval:
    monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
    return monday, monday + dt.timedelta(days=6)


def _day_interval(value: str) -> DateInterval:
    day = dt.date.fromisoformat(value)
    return day, day


def _year_interval(value: str) -> DateInterval:
    return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)


DATE_FORMS: tuple[tuple[str, Callable[[str], DateInterval]], ...] = (
    (r"\d{4}-W\d{2}", _week_interval),
    (r"\d{4}-\d{2}-\d{2}", _day_interval),
    (r"\d{4}-\d{2}", _month_interval),
    (r"\d{4}", _year_interval),
)


def date_interval(value: str | None) -> DateInterval | None:
    """First and last day of an ISO 8601 day, month, year, week (`2024-W41`) or
    interval (`a/b`); None for anything else."""
    text = (value or "").strip()
    if "/" in text:
        first, last = text.split("/", 1)
        first_interval, last_interval = date_interval(first), date_interval(last)
        if first_interval is None or last_interval is None:
            return None
        return first_interval[0], last_interval[1]
    for pattern, interval in DATE_FORMS:
        if re.fullmatch(pattern, text):
            try:
                return interval(text)
            except ValueError:
                return None
    return None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day_written(text: str) -> str | None:
    """The ISO 8601 day a metadata date names, however it is written ('2025-01-01',
    '2025-01-01T10:00:00Z', 'Mon, 01 Jan 2025 10:00:00 GMT', 'January 1, 2025',
    '14.04.2025'); None for what names no single day ('2025-01', '2025-02-30', 'yesterday')."""
    text = text.strip()
    if _ISO_DAY.fullmatch(text[:10]) and (len(text) == 10 or text[10] in "T "):
        interval = date_interval(text[:10])
        return text[:10] if interval is not None else None
    import dateparser  # slow to import; most inputs are ISO and never need it

    found = dateparser.parse(
        text,
        languages=["en"],
        settings={"STRICT_PARSING": True, "DATE_ORDER": "DMY", "PARSERS": ["timestamp", "absolute-time"]},
    )
    return found.date().isoformat() if found is not None else None
