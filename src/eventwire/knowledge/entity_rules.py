"""The vocabulary of data/entity_rules.yaml (titles, ranks, honorifics, name particles,
organisation words, the little words around names and titles), folded for matching."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from eventwire.knowledge.files import chosen_or_bundled, read_yaml
from eventwire.knowledge.names import fold
from eventwire.knowledge.speech import load_speech_lexicon


@dataclass(frozen=True)
class TitleWord:
    """What a title phrase of the rules is: an `office`, a `rank` or a `relation`, and
    the actor type of its holder (or, for a relation, how it passes a role on)."""

    kind: str
    value: str | None


@dataclass(frozen=True)
class EntityRules:
    """The vocabulary of `data/entity_rules.yaml`, folded for matching."""

    titles: dict[str, TitleWord]
    longest_title: int
    title_ends: frozenset[str]
    title_starts: frozenset[str]
    honorifics: frozenset[str]
    role_changes: dict[str, str]
    title_abbreviations: dict[str, str]
    office_synonyms: dict[frozenset[str], frozenset[str]]
    leading_verbs: frozenset[str]
    title_modifiers: frozenset[str]
    title_equivalents: dict[str, str]
    speaker_pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    speech_verbs: frozenset[str]
    never_alone: frozenset[str]
    name_particles: frozenset[str]
    org_suffixes: tuple[str, ...]
    media_heads: frozenset[str]
    media_words: frozenset[str]
    org_words: dict[str, str]
    place_prepositions: frozenset[str]
    stateless_types: frozenset[str]
    posted_abroad: frozenset[str]
    span_openers: frozenset[str]
    title_joiners: frozenset[str]
    title_prepositions: frozenset[str]
    country_prepositions: frozenset[str]

    @classmethod
    def from_table(cls, table: dict) -> EntityRules:
        titles = {fold(k): TitleWord("office", v) for k, v in table["titles"].items()}
        titles.update({fold(k): TitleWord("rank", v) for k, v in table["ranks"].items()})
        titles.update({fold(k): TitleWord("relation", v) for k, v in table["relations"].items()})
        return cls(
            titles=titles,
            longest_title=max(len(k.split()) for k in titles),
            title_ends=frozenset(re.split(r"[ -]", k)[-1] for k in titles),
            title_starts=frozenset(re.split(r"[ -]", k)[0] for k in titles),
            honorifics=_folded_set(table["honorifics"]),
            role_changes={fold(k): v for k, v in table["role_changes"].items()},
            leading_verbs=_folded_set(table["leading_verbs"]),
            office_synonyms={
                frozenset(fold(k).split()): frozenset(fold(v).split())
                for k, v in table["office_synonyms"].items()
            },
            title_abbreviations={fold(k): v for k, v in table["title_abbreviations"].items()},
            title_modifiers=_folded_set(table["title_modifiers"]),
            title_equivalents={fold(k): fold(v) for k, v in table["title_equivalents"].items()},
            speaker_pronouns=_folded_set(table["speaker_pronouns"]),
            possessive_pronouns=_folded_set(table["possessive_pronouns"]),
            # One list of speech verbs for the project: the quotes stage's.
            speech_verbs=_folded_set(load_speech_lexicon().verbs),
            never_alone=_folded_set(table["never_alone"]),
            name_particles=_folded_set(table["name_particles"]),
            org_suffixes=tuple(sorted((fold(s) for s in table["org_suffixes"]), key=len, reverse=True)),
            media_heads=_folded_set(table["media_heads"]),
            media_words=frozenset(w for h in _folded_set(table["media_heads"]) for w in h.split()),
            org_words={fold(k): v for k, v in table["org_words"].items()},
            place_prepositions=_folded_set(table["place_prepositions"]),
            stateless_types=frozenset(table["stateless_types"]),
            posted_abroad=_folded_set(table["posted_abroad"]),
            span_openers=_folded_set(table["span_openers"]),
            title_joiners=_folded_set(table["title_joiners"]),
            title_prepositions=_folded_set(table["title_prepositions"]),
            country_prepositions=_folded_set(table["country_prepositions"]),
        )

    def title(self, phrase: str) -> TitleWord | None:
        return self.titles.get(fold(phrase))


def _folded_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


@lru_cache(maxsize=4)
def load_entity_rules(path: str | None = None) -> EntityRules:
    """The rules file (default: the packaged `data/entity_rules.yaml`), read once."""
    return EntityRules.from_table(read_yaml(chosen_or_bundled(path, "entity_rules.yaml")))
