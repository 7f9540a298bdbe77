"""The article as the entities stage reads it: the parsed doc with its rules, knowledge
and reference date, where its sentences and paragraphs start, where its nouns, proper
names and pronouns are, and which countries it names (the dateline's, the headline's,
the most named)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy
from spacy.attrs import IS_TITLE, LOWER, POS, SENT_START
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc

from eventwire.knowledge.entity_rules import EntityRules
from eventwire.knowledge.labels import NOUN_SUBJECT_DEPS
from eventwire.knowledge.lookups import Knowledge
from eventwire.layout import paragraphs


@dataclass
class ParsedArticle:
    """A parsed article with what every step needs: rules, KB, date, sentence and
    paragraph boundaries, and where countries are mentioned."""

    doc: Doc
    rules: EntityRules
    knowledge: Knowledge
    day: date
    sentence_starts: list[int]
    paragraph_starts: list[int]
    country_tokens: list[int] = field(default_factory=list)
    country_codes: list[str] = field(default_factory=list)
    nouns: list[int] = field(default_factory=list)
    title_names: list[int] = field(default_factory=list)
    pronouns: list[int] = field(default_factory=list)
    title_words: set[int] = field(default_factory=set)
    dateline_country: str | None = None
    title_countries: list[str] = field(default_factory=list)
    main_country: str | None = None

    @classmethod
    def of(
        cls, doc: Doc, rules: EntityRules, knowledge: Knowledge, context: tuple | None = None
    ) -> ParsedArticle:
        """The article of a parsed doc; with the `context` the component saved, without
        reading its words and countries again."""
        reference = doc._.reference_date
        day = date.fromisoformat(str(reference)[:10]) if reference else date.max
        article = cls(
            doc=doc,
            rules=rules,
            knowledge=knowledge,
            day=day,
            sentence_starts=_sentence_starts(doc),
            paragraph_starts=[start for start, _ in paragraphs(doc)] or [0],
        )
        if context is not None:
            article.country_tokens, article.country_codes, article.dateline_country, article.main_country = (
                context
            )
            return article
        article.find_words()
        # A release from 'Ministry of Foreign Affairs of the Republic of Armenia' speaks
        # for Armenia as a dateline would: its officials are Armenia's unless the text says.
        publisher_countries = article.countries_in(doc._.publisher or "")
        article.dateline_country = article.country_of_dateline(doc._.dateline) or next(
            iter(publisher_countries), None
        )
        article.title_countries = article.countries_in(doc._.article_title or "")
        return article

    def context(self) -> tuple:
        """What `of` needs to rebuild the article's countries (picklable, for Doc._)."""
        return (self.country_tokens, self.country_codes, self.dateline_country, self.main_country)

    def find_words(self) -> None:
        """Where the nouns, capitalised proper nouns and pronouns are, read from spaCy's
        arrays: a Python loop over every token would cost more than all the rest."""
        if not len(self.doc):
            return
        columns = self.doc.to_array([POS, IS_TITLE, LOWER])
        strings = self.doc.vocab.strings
        pronouns = [strings.add(w) for w in self.rules.speaker_pronouns | self.rules.possessive_pronouns]
        self.nouns = numpy.flatnonzero(columns[:, 0] == NOUN).tolist()
        self.title_names = numpy.flatnonzero((columns[:, 0] == PROPN) & (columns[:, 1] != 0)).tolist()
        self.pronouns = numpy.flatnonzero(numpy.isin(columns[:, 2], pronouns)).tolist()

    def sentence(self, i: int) -> int:
        return bisect.bisect_right(self.sentence_starts, i) - 1

    def sentence_start(self, i: int) -> int:
        return self.sentence_starts[self.sentence(i)]

    def paragraph(self, i: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, self.doc[i].idx) - 1

    def country_of_dateline(self, dateline: str | None) -> str | None:
        """The country a dateline names ('KABUL, Afghanistan'), else the country of its
        city when the gazetteer knows a sizeable one ('COTABATO CITY')."""
        if not dateline:
            return None
        parts = [part.strip() for part in [dateline, *re.split(r"[,/]", dateline)] if part.strip()]
        for part in parts:
            match = self.knowledge.country(part)
            if match:
                return match.country.iso3
        return next(filter(None, (self.knowledge.place_country(part) for part in parts[1:] or parts)), None)

    def countries_in(self, title: str) -> list[str]:
        """The countries a headline names ('Türkiye Backing Syria's Military')."""
        words = re.findall(r"[\w.-]+", re.sub(r"['’]s\b", "", title))
        found = []
        i = 0
        while i < len(words):
            length = 1
            if words[i][:1].isupper():
                for length in (3, 2, 1):
                    match = self.knowledge.country(" ".join(words[i : i + length]))
                    if match:
                        found.append(match.country.iso3)
                        break
            i += length
        return found

    def note_countries(self, mentions: list[tuple[int, str]]) -> None:
        """Record where countries are named ('Astana format' names a format, not a
        country); the article's country is the most named, a subject or a headline
        mention counting thrice."""
        mentions = sorted(m for m in mentions if self.doc[m[0]].dep_ != "compound")
        self.country_tokens = [i for i, _ in mentions]
        self.country_codes = [code for _, code in mentions]
        weights: Counter[str] = Counter()
        for code in self.title_countries:
            weights[code] += 3
        for i, code in mentions:
            weights[code] += 3 if self.doc[i].dep_ in NOUN_SUBJECT_DEPS else 1
        if weights:
            top = max(weights.values())
            self.main_country = next(
                c for c in self.title_countries + self.country_codes if weights[c] == top
            )

    def context_country(self, i: int, local_only: bool = False) -> str | None:
        """The country an actor at token i belongs to when its words do not say: the
        nearest country named before it in its sentence or paragraph, else (unless
        `local_only`) the dateline's, else the article's most named country."""
        k = bisect.bisect_left(self.country_tokens, i) - 1
        if k >= 0:
            before = self.country_tokens[k]
            same_sentence = self.sentence(before) == self.sentence(i)
            if same_sentence or self.paragraph(before) == self.paragraph(i):
                return self.country_codes[k]
        return None if local_only else self.dateline_country or self.main_country

    def article_country(self) -> str | None:
        return self.dateline_country or self.main_country

    def country_within(self, start: int, end: int) -> str | None:
        """The first country named in tokens [start, end): 'of the Syrian regime'."""
        k = bisect.bisect_left(self.country_tokens, start)
        if k < len(self.country_tokens) and self.country_tokens[k] < end:
            return self.country_codes[k]
        return None


def _sentence_starts(doc: Doc) -> list[int]:
    """Token indices where sentences start (from spaCy's array: faster than doc.sents)."""
    if not len(doc):
        return [0]
    starts = numpy.flatnonzero(doc.to_array([SENT_START]) == 1).tolist()
    return starts if starts and starts[0] == 0 else [0, *starts]
