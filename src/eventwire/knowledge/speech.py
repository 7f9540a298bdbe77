"""The speech vocabulary of data/speech_verbs.yaml: speech verbs and what they report,
attribution phrases, speaker pronouns and the nouns of unnamed sources. The one list of
speech verbs of the project: the quotes and entities stages both read it, and the events
stage its reporting verbs (kind `report`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from eventwire.knowledge.files import chosen_or_bundled, read_yaml

# The kind of a verb that reports an event for the events stage; no speech kind.
REPORT = "report"


@dataclass(frozen=True)
class SpeechLexicon:
    """The tables of `data/speech_verbs.yaml`, lower case. `verbs` are the speech verbs
    with their speech kinds; `reporting` the verbs of kind `report`."""

    verbs: dict[str, frozenset[str]]
    particles: dict[str, frozenset[str]]
    phrases: tuple[tuple[str, ...], ...]
    pronouns: dict[str, str]
    possessives: dict[str, str]
    source_nouns: frozenset[str]
    speaker_nouns: frozenset[str]
    reporting: frozenset[str]
    clause_openers: frozenset[str]
    quote_openers: frozenset[str]
    definite_articles: frozenset[str]
    infinitive_markers: frozenset[str]

    @classmethod
    def from_table(cls, table: dict) -> SpeechLexicon:
        kinds_of = {verb.lower(): frozenset(kinds) for verb, kinds in table["verbs"].items()}
        return cls(
            verbs={verb: kinds - {REPORT} for verb, kinds in kinds_of.items() if kinds - {REPORT}},
            particles={verb.lower(): _lower_set(words) for verb, words in table["particles"].items()},
            phrases=tuple(tuple(phrase.lower().split()) for phrase in table["phrases"]),
            pronouns={word.lower(): kind for word, kind in table["pronouns"].items()},
            possessives={word.lower(): kind for word, kind in table["possessives"].items()},
            source_nouns=_lower_set(table["source_nouns"]),
            speaker_nouns=_lower_set(table["speaker_nouns"]),
            reporting=frozenset(verb for verb, kinds in kinds_of.items() if REPORT in kinds),
            clause_openers=_lower_set(table["clause_openers"]),
            quote_openers=_lower_set(table["quote_openers"]),
            definite_articles=_lower_set(table["definite_articles"]),
            infinitive_markers=_lower_set(table["infinitive_markers"]),
        )

    def speech_verb(self, token: Token) -> str | None:
        """The speech verb `token` heads ('say', 'call for'), or None."""
        if token.pos_ != "VERB":
            return None
        lemma = token.lemma_.lower()
        particles = self.particles.get(lemma, frozenset())
        for child in token.children:
            if child.lower_ in particles and child.i > token.i and child.dep_ in ("prt", "prep"):
                return f"{lemma} {child.lower_}"
        return lemma if lemma in self.verbs else None

    def reports(self, verb: str) -> frozenset[str]:
        """Where the reported words of `verb` are: 'clause', 'object' or 'quote'."""
        if verb in self.verbs:
            return self.verbs[verb]
        return frozenset({"clause", "object"}) if " " in verb else frozenset()

    def phrase_at(self, doc: Doc, i: int) -> tuple[str, ...] | None:
        """The attribution phrase ('according to') starting at token `i`, if any."""
        first = doc[i].lower_
        for phrase in self.phrases:
            if phrase[0] == first and tuple(t.lower_ for t in doc[i : i + len(phrase)]) == phrase:
                return phrase
        return None

    def is_phrase(self, verb: str) -> bool:
        return tuple(verb.split()) in self.phrases

    def is_source_noun(self, token: Token) -> bool:
        return token.lower_ in self.source_nouns or token.lemma_.lower() in self.source_nouns

    def speaker_noun(self, token: Token) -> bool:
        return token.lower_ in self.speaker_nouns or token.lemma_.lower() in self.speaker_nouns


def _lower_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


@lru_cache(maxsize=4)
def load_speech_lexicon(path: str | None = None) -> SpeechLexicon:
    """The speech vocabulary (default: the packaged `data/speech_verbs.yaml`), read once."""
    return SpeechLexicon.from_table(read_yaml(chosen_or_bundled(path, "speech_verbs.yaml")))
