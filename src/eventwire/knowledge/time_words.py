"""The time vocabulary of data/time_words.yaml: weekdays, months, seasons, parts of a
period, number words, relative days and periods, and the cues of a date's direction."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventwire.knowledge.files import data_file, read_yaml


@dataclass(frozen=True)
class TimeWords:
    """The tables of data/time_words.yaml, keyed by lower-case phrases (names as written)."""

    weekdays: dict[str, int]
    months: dict[str, int]
    full_months: tuple[str, ...]
    month_cues: tuple[str, ...]
    year_cues: frozenset[str]
    day_parts: tuple[str, ...]
    parts: dict[str, dict[str, tuple[int, int]]]
    edges: dict[str, str]
    seasons: dict[str, tuple[int, int]]
    numbers: dict[str, int]
    units: dict[str, str]
    relative_days: dict[str, int]
    relative_periods: dict[str, tuple[str, int]]
    vague: tuple[str, ...]
    direction: dict[str, frozenset[str]]


def phrase_key(text: str) -> str:
    """A phrase as the tables key it: lower case, single spaces, 'mid-' as 'mid'."""
    return " ".join(text.lower().replace("-", " ").split())


@lru_cache(maxsize=1)
def load_time_words() -> TimeWords:
    """The bundled vocabulary, loaded once."""
    table: dict[str, Any] = read_yaml(data_file("time_words.yaml"))
    months: dict[str, int] = table["months"]
    full_months = tuple(max((n for n in months if months[n] == m), key=len) for m in set(months.values()))
    return TimeWords(
        weekdays=dict(table["weekdays"]),
        months=dict(months),
        full_months=full_months,
        month_cues=tuple(table["month_cues"]),
        year_cues=frozenset(table["year_cues"]),
        day_parts=tuple(table["day_parts"]),
        parts={
            phrase_key(name): {unit: tuple(bounds) for unit, bounds in units.items()}
            for name, units in table["parts"].items()
        },
        edges={phrase_key(name): side for name, side in table["edges"].items()},
        seasons={name: tuple(bounds) for name, bounds in table["seasons"].items()},
        numbers=dict(table["numbers"]),
        units=dict(table["units"]),
        relative_days={phrase_key(name): days for name, days in table["relative_days"].items()},
        relative_periods={
            phrase_key(name): (unit, count) for name, (unit, count) in table["relative_periods"].items()
        },
        vague=tuple(table["vague"]),
        direction={name: frozenset(words) for name, words in table["direction"].items()},
    )
