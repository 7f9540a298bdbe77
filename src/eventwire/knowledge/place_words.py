"""The place vocabulary of data/places.yaml: which entity labels may name a place, the
prepositions and type words around place names, directions, demonyms, dateline states."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventwire.knowledge.files import data_file, read_yaml
from eventwire.knowledge.names import place_key


@dataclass(frozen=True)
class PlaceWords:
    """The words of data/places.yaml, in the shapes the code reads."""

    place_labels: frozenset[str]
    cue_labels: frozenset[str]
    locative_prepositions: frozenset[str]
    attachment_prepositions: frozenset[str]
    type_words: dict[str, frozenset[str]]
    loose_type_words: frozenset[str]
    directions: dict[str, tuple[int, int]]
    area_nouns: frozenset[str]
    name_suffixes: frozenset[str]
    demonyms: dict[str, str]
    dateline_states: dict[str, str]
    place_verbs: frozenset[str]
    arabic_articles: tuple[str, ...]
    sun_letters: tuple[str, ...]
    arabic_countries: frozenset[str]


@lru_cache(maxsize=1)
def load_place_words() -> PlaceWords:
    data: dict[str, Any] = read_yaml(data_file("places.yaml"))
    return PlaceWords(
        place_labels=frozenset(data["place_labels"]),
        cue_labels=frozenset(data["cue_labels"]),
        locative_prepositions=frozenset(data["locative_prepositions"]),
        attachment_prepositions=frozenset(data["attachment_prepositions"]),
        type_words={word: frozenset(features) for word, features in data["type_words"].items()},
        loose_type_words=frozenset(data["loose_type_words"]),
        directions={word: (north, east) for word, (north, east) in data["directions"].items()},
        area_nouns=frozenset(data["area_nouns"]),
        name_suffixes=frozenset(data["name_suffixes"]),
        demonyms={word: iso3 for iso3, words in data["demonyms"].items() for word in words},
        place_verbs=frozenset(data["place_verbs"]),
        arabic_articles=tuple(data["arabic_articles"]),
        sun_letters=tuple(sorted(data["sun_letters"], key=len, reverse=True)),
        arabic_countries=frozenset(data["arabic_countries"]),
        dateline_states={
            place_key(abbreviation): state for abbreviation, state in data["dateline_states"].items()
        },
    )
