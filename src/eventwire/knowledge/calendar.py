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
