"""The headline as one more sentence of the article: wire copy states its main event
there, and a synthetic or badly written story sometimes only there.

Headlines are written in Title Case, which the small spaCy model reads as a run of
proper nouns ('Iraq Condemns Violence Against Civilians'). `sentence_case` lowers the
capitalised words that are common English words eventwire knows (its event lexicon, its
reporting verbs, the actor knowledge base's agent words, spaCy's stop words) and keeps
countries, names and acronyms; the result has the same length, so offsets into it are
offsets into the headline. `HeadlineParser` runs the loaded model's own components (not
eventwire's stages) over it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.knowledge.actors import load_actor_kb
from eventwire.knowledge.event_lexicon import EventLexicon, load_event_lexicon
from eventwire.knowledge.gazetteer import load_gazetteer
from eventwire.knowledge.lookups import load_knowledge
from eventwire.knowledge.names import place_key
from eventwire.knowledge.speech import load_speech_lexicon

WORD = re.compile(r"[A-Za-z][\w'’-]*")
# The share of capitalised words above which a headline is taken for Title Case.
TITLE_CASE_SHARE = 0.6
# Longest country name tried at each word ('Bosnia and Herzegovina', 'Trinidad and Tobago').
LONGEST_COUNTRY_NAME = 4
ENGLISH_ENDINGS = ("s", "es", "ed", "d", "ing")
# A capitalised common word is a place when a city of this size bears its name.
CITY_POPULATION = 50_000


@lru_cache(maxsize=1)
def common_words(nlp: Language | None = None) -> frozenset[str]:
    """Lower-case words known as common English: the lemmas of the spaCy model's
    lemmatiser index (nouns, verbs, adjectives, adverbs), trigger verbs and nouns,
    reporting verbs, agent words ('troops', 'rebels'), stop words."""
    lexicon = load_event_lexicon()
    words = set(STOP_WORDS) | _lemma_index(nlp)
    words |= {lemma for lemma in (*lexicon.added_verbs, *lexicon.petrarch_verbs, *lexicon.nouns)}
    words |= set(lexicon.phrases)
    words |= set(load_speech_lexicon().reporting)
    words |= {word for phrase in load_actor_kb().agents for word in phrase.split()}
    return frozenset(w for w in words if w.isalpha())


def _lemma_index(nlp: Language | None) -> set[str]:
    if nlp is None or "lemmatizer" not in nlp.pipe_names:
        return set()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or "lemma_index" not in lookups.tables:
        return set()
    index = lookups.get_table("lemma_index")
    return {word for pos in ("noun", "verb", "adj", "adv") for word in index.get(pos, [])}


def is_common(word: str, vocabulary: frozenset[str]) -> bool:
    lower = word.lower().replace("’", "'").removesuffix("'s")
    if lower in vocabulary:
        return True
    return any(lower.endswith(end) and lower[: -len(end)] in vocabulary for end in ENGLISH_ENDINGS)


def is_title_case(words: list[str]) -> bool:
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 3 and capitalised >= TITLE_CASE_SHARE * len(words)


def sentence_case(title: str, vocabulary: frozenset[str] | None = None) -> str:
    """The headline with its Title Case undone where the words are common English and
    name no country or city; a headline already in sentence case is returned as it is."""
    matches = list(WORD.finditer(title))
    if not is_title_case([m.group() for m in matches]):
        return title
    vocabulary = vocabulary if vocabulary is not None else common_words()
    knowledge = load_knowledge()
    text = list(title)
    index = 0
    while index < len(matches):
        country = _country_length(title, matches, index, knowledge)
        if country:
            index += country
            continue
        word = matches[index].group()
        if index > 0 and not word.isupper() and is_common(word, vocabulary) and not _city(word):
            start, end = matches[index].span()
            text[start:end] = word.lower()
        index += 1
    return "".join(text)


def _country_length(title: str, matches: list[re.Match], index: int, knowledge) -> int:
    """How many words from `index` name a country ('South Africa', "Iran's"), or 0."""
    for length in range(min(LONGEST_COUNTRY_NAME, len(matches) - index), 0, -1):
        start, end = matches[index].start(), matches[index + length - 1].end()
        name = re.sub(r"['’]s$", "", title[start:end])
        if knowledge.country(name):
            return length
    return 0


def headline_types(title: str, lexicon: EventLexicon) -> set[str | None]:
    """The event types any word of a headline may code, by its lexicon senses (verbs,
    nouns, light-verb phrases, tried in the word's plain forms): a cheap test of whether
    the headline is worth parsing."""
    found: set[str | None] = set()
    for match in WORD.finditer(title):
        word = match.group().lower()
        forms = {word} | {word[: -len(end)] for end in ENGLISH_ENDINGS if word.endswith(end)}
        for form in forms:
            for senses in (lexicon.verb_senses(form), lexicon.noun_senses(form), lexicon.phrase_senses(form)):
                found.update(sense.coding.type for sense in senses)
    found.discard(None)
    return found


@lru_cache(maxsize=4096)
def _city(word: str) -> bool:
    """A word that names a city of some size ('Rome', 'Entebbe'): kept capitalised."""
    gazetteer = load_gazetteer()
    return any(
        entry.population >= CITY_POPULATION or entry.capital
        for entry in gazetteer.candidates(place_key(word))
    )


class HeadlineParser:
    """Parses a headline with the model's own components (tagger, parser, NER), none of
    eventwire's stages."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.vocabulary = common_words(nlp)

    def components(self) -> Iterable:
        return (proc for name, proc in self.nlp.pipeline if not name.startswith("eventwire_"))

    def __call__(self, title: str) -> Doc:
        return self.parse_many([title])[0]

    def parse_many(self, titles: list[str]) -> list[Doc]:
        """Headlines parsed in one batch per component: one at a time, each component's
        per-call cost would outweigh a headline's few words."""
        docs = [self.nlp.make_doc(sentence_case(title, self.vocabulary)) for title in titles]
        for component in self.components():
            docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
        return docs
