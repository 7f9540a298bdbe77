"""Live-blog entries: the time printed over each entry, and the day it falls on.

A live blog prints a time over each entry ('08.02 BST', '14:05', '2.45pm', '1h ago').
The cleaner keeps each stamp with the paragraph its entry starts at; here the stamps
become `Entry` records with a 24-hour time and, given the article's reference date, a
calendar day. A blog runs oldest-first or newest-first: the order is the way most
consecutive times go. The blog's earliest entry (the first of an oldest-first blog, the
last of a newest-first one) is put on the reference date, which is when a blog was first
published, and each step back in time by more than three hours, read in time order,
crosses a midnight (23:40 then 00:05 is the next day). A blog dated only by an update
stamp ('Last updated: 26 Nov 2024, 02:15') has its latest entry on that date instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from eventwire.records import Entry

_CLOCK = re.compile(
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.]\d{2})?\s*(?:(?P<half>[ap])\.?m\b\.?)?",
    re.IGNORECASE,
)


# A step against the blog's order by more than this is a midnight; a smaller one is an
# entry out of place (a pinned post, a correction).
_DISORDER_MINUTES = 180


def _minutes(time: str) -> int:
    return int(time[:2]) * 60 + int(time[3:])


def clock_time(stamp: str) -> str | None:
    """'08.02 BST' -> '08:02', '2.45pm' -> '14:45', '12:10 a.m.' -> '00:10'; None for
    stamps without a clock time ('1h ago')."""
    match = _CLOCK.search(stamp)
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"])
    half = (match["half"] or "").lower()
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def live_blog_entries(
    stamps: Sequence[tuple[int, str]], reference_date: str | None, *, dated_by_update: bool = False
) -> tuple[Entry, ...]:
    """The entries of an article from (paragraph index, stamp as printed) pairs;
    `dated_by_update`: the reference date is an update stamp's ('Last updated: ...')."""
    times = [clock_time(stamp) for _, stamp in stamps]
    days = entry_days(times, reference_date, latest_on_reference=dated_by_update)
    return tuple(
        Entry(paragraph=paragraph, stamp=stamp, time=time, day=day)
        for (paragraph, stamp), time, day in zip(stamps, times, days, strict=True)
    )


def entry_days(
    times: Sequence[str | None], reference_date: str | None, *, latest_on_reference: bool = False
) -> list[str | None]:
    """The day of each entry (see the module's rule); None without a reference date, and
    for an entry without a clock time. With `latest_on_reference` the latest entry is put
    on the reference date instead: an update stamp dates the last entry, not the first."""
    if reference_date is None:
        return [None] * len(times)
    clocks = [t for t in times if t is not None]
    steps = list(zip(clocks, clocks[1:], strict=False))
    newest_first = sum(b < a for a, b in steps) > sum(b > a for a, b in steps)
    in_time_order = list(reversed(times)) if newest_first else list(times)
    day = dt.date.fromisoformat(reference_date[:10])
    previous: str | None = None
    days: list[str | None] = []
    for time in in_time_order:
        if time is None:
            days.append(None)
            continue
        if previous is not None and _minutes(previous) - _minutes(time) > _DISORDER_MINUTES:
            day += dt.timedelta(days=1)
        previous = time
        days.append(day.isoformat())
    if latest_on_reference and previous is not None:
        shift = dt.date.fromisoformat(reference_date[:10]) - day
        days = [None if d is None else (dt.date.fromisoformat(d) + shift).isoformat() for d in days]
    return list(reversed(days)) if newest_first else days
