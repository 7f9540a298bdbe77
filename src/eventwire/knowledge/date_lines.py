"""The words of date lines (data/date_lines.yaml): stamp words, update stamps, labels, and
the languages a date in words is read in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventwire.knowledge.files import data_file, read_yaml


@dataclass(frozen=True)
class DateLineWords:
    """The lists of data/date_lines.yaml, phrases in lower case."""

    published: tuple[str, ...]
    updated: tuple[str, ...]
    labels: tuple[str, ...]
    languages: tuple[str, ...]


@lru_cache(maxsize=1)
def load_date_line_words() -> DateLineWords:
    """The bundled lists, read once."""
    table = read_yaml(data_file("date_lines.yaml"))
    return DateLineWords(
        published=tuple(word.lower() for word in table["published"]),
        updated=tuple(word.lower() for word in table["updated"]),
        labels=tuple(word.lower() for word in table["labels"]),
        languages=tuple(table["languages"]),
    )
