"""The entities stage: the people, organisations, countries and collective actors of an article.

spaCy's NER finds names; this component corrects what it gets wrong on news (an outlet
read as a person, 'Defense' alone as an ORG, a surname alone as an organisation, a city
as a person), clusters the mentions of each entity (full name, surname, 'al-' variants,
possessives, 'he said' after a speaker) and gives every entity its role, country and
PLOVER actor type: from the text first ('Iranian Foreign Minister ...', 'Kyiv's mayor,
...'), then from the dated actor knowledge base (`eventwire.knowledge.actors`) on the article's
reference date. Collective actors ('Turkish troops', 'regime forces', 'protesters') are
entities of type GROUP.

Its vocabulary (titles, ranks, pronouns, speech verbs, NER corrections) is
`data/entity_rules.yaml`. Later stages ask `entity_at(doc, token)` for the entity behind
a word and `actor_of(doc, span)` for the actor a subject or object stands for.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

import numpy
from spacy.attrs import IS_TITLE, LOWER, POS, SENT_START
from spacy.language import Language
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from eventwire.boundary import GuardedComponent
from eventwire.extensions import register_extensions
from eventwire.knowledge.actors import CountryMatch, Organisation, PersonRole, load_actor_kb
from eventwire.knowledge.entity_rules import EntityRules, TitleWord, load_entity_rules
from eventwire.knowledge.labels import (
    MODIFIER_POS,
    NAME_LABELS,
    NOUN_SUBJECT_DEPS,
    NUMERIC_LABELS,
    POSSESSIVE_MARKS,
)
from eventwire.knowledge.lookups import Knowledge, load_knowledge
from eventwire.knowledge.names import fold, name_key
from eventwire.layout import paragraphs
from eventwire.records import ActorRef, Entity, Mention

__all__ = ["EntitiesComponent", "EntityRules", "actor_of", "entity_at", "load_entity_rules", "find_entities"]

SUBORDINATE_DEPS = frozenset({"relcl", "acl", "advcl"})
# Entity types that name an actor more precisely than a country does inside one phrase.
ACTOR_LABELS = ("PERSON", "ORG", "GROUP")
# How far back 'he said' looks for the last person who spoke or acted, in sentences.
SPEAKER_REACH = 3
# The longest run of words before a name that can still be its title.
MAX_TITLE_WORDS = 8


# ------------------------------------------------------------------ vocabulary


# ------------------------------------------------------------------ the article


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
        article.dateline_country = article.country_of_dateline(doc._.dateline)
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
        if not dateline:
            return None
        for part in [dateline, *re.split(r"[,/]", dateline)]:
            match = self.knowledge.country(part.strip())
            if match:
                return match.country.iso3
        return None

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


def _sentence_starts(doc: Doc) -> list[int]:
    """Token indices where sentences start (from spaCy's array: faster than doc.sents)."""
    if not len(doc):
        return [0]
    starts = numpy.flatnonzero(doc.to_array([SENT_START]) == 1).tolist()
    return starts if starts and starts[0] == 0 else [0, *starts]


# ------------------------------------------------------------------ spans and clusters


@dataclass
class NamedSpan:
    """A name found in the text after correction, in token offsets."""

    start: int
    end: int
    label: str
    country: str | None = None
    actor_type: str | None = None
    organisation: Organisation | None = None

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


@dataclass
class Cluster:
    """The mentions of one entity. `forms` are the name keys seen (tuples of words)."""

    label: str
    spans: list[NamedSpan] = field(default_factory=list)
    pronouns: list[int] = field(default_factory=list)
    forms: list[tuple[str, ...]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    country: str | None = None
    role: str | None = None
    actor_type: str | None = None

    @property
    def first(self) -> int:
        return min([s.start for s in self.spans] + self.pronouns)

    def full_forms(self) -> list[tuple[str, ...]]:
        return [f for f in self.forms if len(f) > 1]


def _trimmed(article: ParsedArticle, start: int, end: int, label: str) -> tuple[int, int, bool]:
    """The name inside an NER span: no leading article, title or honorific, no trailing
    possessive or punctuation, nothing after a line break. The flag says whether a title
    or honorific introduced it ('H.E. Thérèse Kayikwamba Wagner' is a person)."""
    doc, rules = article.doc, article.rules
    for i in range(start, end):
        if doc[i].is_space or "\n" in doc[i].text:
            end = i
            break
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].text in POSSESSIVE_MARKS or doc[end - 1].is_space
    ):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].lower_ in ("the", "of", "and")):
        start += 1
    first = start
    if label in ("PERSON", "ORG"):
        start = _after_titles(article, start, end)
    while start < end and fold(doc[start].text) in rules.honorifics:
        start += 1
    introduced = start > first or (start > 0 and fold(doc[start - 1].text) in rules.honorifics)
    while start < end and doc[start].is_lower and doc[start].is_stop:
        start += 1
    while end > start and doc[end - 1].is_lower and doc[end - 1].is_stop:
        end -= 1
    return start, end, introduced


def _after_titles(article: ParsedArticle, start: int, end: int) -> int:
    """Skip title words and honorifics that spaCy put inside a name ('Counsellor Aung
    San Suu Kyi', 'H.E. Dr. Mohammed ...'), keeping at least one word."""
    doc, rules = article.doc, article.rules
    while start < end - 1:
        word = fold(doc[start].text)
        if word in rules.honorifics or word in rules.role_changes:
            start += 1
            continue
        length = _title_length_from(article, start, end - 1)
        if not length:
            break
        start += length
    return start


def _whole_name(article: ParsedArticle, start: int, end: int) -> tuple[int, int]:
    """A person's name with the parts spaCy left out: 'Attorney General Tarek [William
    Saab]', '[Alix Didier] Fils-Aimé'."""
    doc = article.doc
    while start > 0 and _name_part(article, doc[start - 1]):
        start -= 1
    while end < len(doc):
        if _name_part(article, doc[end]) and doc[end - 1].whitespace_:
            end += 1
        elif _joins(doc, end) and _name_part(article, doc[end + 1]):
            end += 2
        else:
            break
    return start, end


def _joins(doc: Doc, i: int) -> bool:
    """A hyphen inside a word ('Fils-Aimé')."""
    return doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_ and i + 1 < len(doc)


def _name_part(article: ParsedArticle, token: Token) -> bool:
    rules = article.rules
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and token.ent_type_ in ("", "PERSON", "ORG")
        and _title_ending_at(article, token.i, max(token.i - rules.longest_title, 0)) is None
        and fold(token.text) not in rules.honorifics
        and article.knowledge.country(token.text) is None
    )


def _title_length_from(article: ParsedArticle, start: int, stop: int) -> int:
    """Number of words of the longest title phrase starting at token `start`, ending before `stop`."""
    doc, rules = article.doc, article.rules
    if start >= stop or fold(doc[start].text) not in rules.title_starts:
        return 0
    for length in range(min(rules.longest_title, stop - start), 0, -1):
        if rules.title(doc[start : start + length].text):
            return length
    return 0


def _title_ending_at(article: ParsedArticle, end: int, floor: int) -> tuple[int, TitleWord] | None:
    """The longest title phrase whose last word is token `end`: (first token, what it is)."""
    doc, rules = article.doc, article.rules
    if end < floor or fold(doc[end].text) not in rules.title_ends:
        return None
    for length in range(min(rules.longest_title, end - floor + 1), 0, -1):
        found = rules.title(doc[end - length + 1 : end + 1].text)
        if found:
            return end - length + 1, found
    return None


def named_spans(article: ParsedArticle) -> list[NamedSpan]:
    """spaCy's names after correction, and the countries they mention."""
    spans: list[NamedSpan] = []
    countries: list[tuple[int, str]] = []
    for ent in article.doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end, introduced = _trimmed(article, ent.start, ent.end, ent.label_)
        if start >= end:
            continue
        if _in_dateline(article, ent):
            end = _dateline_end(article, start, end)
            country = article.dateline_country
            named = NamedSpan(start, end, "GPE", country, "GOV" if country else None)
        else:
            named = _corrected(article, NamedSpan(start, end, ent.label_), introduced)
        if named is None:
            continue
        if named.label == "PERSON":
            named.start, named.end = _whole_name(article, named.start, named.end)
        if named.label == "GPE" and named.country is None:
            named.country = article.knowledge.place_country(named.span(article.doc).text)
        if named.country and named.label != "PERSON" and named.actor_type != "MED":
            countries.append((named.span(article.doc).root.i, named.country))
        if named.label != "COUNTRY_WORD":
            spans.append(named)
    article.note_countries(countries)
    spans = _without_overlaps(spans)
    _organisations_read_as_people(article, spans)
    return spans


def _without_overlaps(spans: list[NamedSpan]) -> list[NamedSpan]:
    """A person's name made whole ('Alix Didier' + 'Fils-Aimé') takes the words of the
    span it swallowed."""
    people = {i for s in spans if s.label == "PERSON" for i in range(s.start, s.end)}
    kept = [s for s in spans if s.label == "PERSON" or people.isdisjoint(range(s.start, s.end))]
    kept.sort(key=lambda s: (s.start, -s.end))
    result: list[NamedSpan] = []
    for named in kept:
        if result and named.start < result[-1].end:
            continue
        result.append(named)
    return result


def _organisations_read_as_people(article: ParsedArticle, spans: list[NamedSpan]) -> None:
    """'Georgian Dream' read as a person in an article that also names the 'Georgian
    Dream party' is that organisation."""
    doc, rules = article.doc, article.rules
    organisations: dict[str, NamedSpan] = {}
    for named in spans:
        if named.label == "ORG":
            organisations.setdefault(_bare_name(rules, named.span(doc).text), named)
    for named in spans:
        twin = organisations.get(_bare_name(rules, named.span(doc).text)) if named.label == "PERSON" else None
        if twin is not None:
            named.label, named.country, named.actor_type = "ORG", twin.country, twin.actor_type
            named.organisation = twin.organisation


def _bare_name(rules: EntityRules, text: str) -> str:
    """An organisation's name as compared: folded, without 'the' or a generic tail
    ('the Georgian Dream party' -> 'georgian dream')."""
    key = fold(text).removeprefix("the ")
    for suffix in rules.org_suffixes:
        key = key.removesuffix(" " + suffix)
    return key


def _in_dateline(article: ParsedArticle, ent: Span) -> bool:
    """'KABUL' of 'KABUL, Afghanistan (AP) —', which spaCy reads as an ORG (or 'VILNIUS -
    Newly' of 'VILNIUS - Newly appointed ...')."""
    dateline = fold(article.doc._.dateline or "")
    if not dateline or ent.start_char > len(dateline):
        return False
    text = fold(ent.text)
    return text in dateline or text.startswith(dateline)


def _dateline_end(article: ParsedArticle, start: int, end: int) -> int:
    """The span cut where the dateline ends."""
    limit = article.doc[start].idx + len(article.doc._.dateline or "")
    while end - 1 > start and article.doc[end - 1].idx >= limit:
        end -= 1
    return end


def _corrected(article: ParsedArticle, named: NamedSpan, introduced: bool = False) -> NamedSpan | None:
    """What a span really is: a country or metonym, an outlet, a person, or nothing.
    `introduced`: a title or honorific stood before it."""
    rules, knowledge = article.rules, article.knowledge
    span = named.span(article.doc)
    text = span.text
    if fold(text) in rules.never_alone or not any(c.isalpha() for c in text):
        return None
    match = knowledge.country(text)
    if match:
        return _country_span(named, span, match)
    organisation = _organisation(article, span)
    if (organisation is not None and organisation.actor_type == "MED") or _names_outlet(article, span):
        country = organisation.country if organisation else None
        return NamedSpan(named.start, named.end, "ORG", country, "MED", organisation)
    if named.label == "PERSON":
        return _person_or_nothing(article, named, span, organisation)
    if organisation is not None:
        return NamedSpan(
            named.start, named.end, "ORG", organisation.country, organisation.actor_type, organisation
        )
    if named.label == "ORG" and _all_title_case(span) and (introduced or _is_titled_name(article, span)):
        return NamedSpan(named.start, named.end, "PERSON")
    if named.label in ("ORG", "GPE") and _all_title_case(span) and _person_name(article, span):
        return NamedSpan(named.start, named.end, "PERSON")
    if named.label == "ORG":
        actor_type = _org_type(article, span)
        place = None if actor_type else knowledge.place_country(text)
        if place:  # 'Peshawar', 'Sinaloa' read as organisations
            return NamedSpan(named.start, named.end, "GPE", place)
        return NamedSpan(named.start, named.end, "ORG", actor_type=actor_type)
    if named.label == "GPE" and _capitalised(span):
        return named
    return None


def _capitalised(span: Span) -> bool:
    return span[0].is_title or span[0].is_upper


def _country_span(named: NamedSpan, span: Span, match: CountryMatch) -> NamedSpan | None:
    """'Iranian' (an adjective) marks a country; 'Iranians' or 'Moscow' names an actor."""
    iso3 = match.country.iso3
    if match.kind == "adjective":
        is_noun = span.root.pos_ in ("NOUN", "PROPN") and span.root.dep_ not in ("amod", "compound")
        label = "NORP" if is_noun and span.root.text.endswith("s") else "COUNTRY_WORD"
        return NamedSpan(named.start, named.end, label, iso3, "CVL" if label == "NORP" else None)
    actor_type = match.actor_type or "GOV"
    is_building = (
        match.kind == "metonym" and named.label in ("ORG", "FAC") and match.country.capital != span.text
    )
    label = "ORG" if is_building else "GPE"
    return NamedSpan(named.start, named.end, label, iso3, actor_type)


def _organisation(article: ParsedArticle, span: Span) -> Organisation | None:
    """The KB's organisation for a name, also without a generic tail ('news agency')."""
    knowledge, rules = article.knowledge, article.rules
    found = knowledge.organisation(span.text, article.day)
    if found is None:
        words = span.text.split()
        for suffix in rules.org_suffixes:
            length = len(suffix.split())
            if len(words) > length and fold(" ".join(words[-length:])) == suffix:
                return knowledge.organisation(" ".join(words[:-length]), article.day)
    return found


def _person_or_nothing(
    article: ParsedArticle, named: NamedSpan, span: Span, organisation: Organisation | None
) -> NamedSpan | None:
    """A PERSON span that is exactly an organisation's name (not one of its aliases: the
    KB lists 'Nasrallah' under Hezbollah) becomes that ORG; one made of common words
    ('Riot police', 'Patriot systems') is dropped."""
    exact = organisation is not None and fold(organisation.name) == fold(span.text)
    if exact and article.knowledge.person(span.text, article.day) is None:
        return NamedSpan(
            named.start, named.end, "ORG", organisation.country, organisation.actor_type, organisation
        )
    root = span.root
    if len(span) == 1 and root.dep_ == "compound" and root.head.is_lower and root.head.pos_ == "NOUN":
        return None
    if len(span) == 1 and span.start > 0 and article.doc[span.start - 1].lower_ == "the":
        return NamedSpan(named.start, named.end, "ORG", actor_type=_org_type(article, span))
    return NamedSpan(named.start, named.end, "PERSON")


def _names_outlet(article: ParsedArticle, span: Span) -> bool:
    """'Interfax news agency', 'the Svobodnaya Pressa website': a name with a media noun."""
    doc, rules = article.doc, article.rules
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if after not in rules.media_words and span[-1].lower_ not in rules.media_words:
        return False
    for length in (2, 1):
        tail = doc[span.end : span.end + length]
        if len(tail) == length and fold(tail.text) in rules.media_heads:
            return True
        inside = span[-length:]
        if len(span) > length and fold(inside.text) in rules.media_heads:
            return True
    return False


def _person_name(article: ParsedArticle, span: Span) -> bool:
    """'Lavrov said' tagged ORG, 'Machado, who ...' tagged GPE: a name the KB knows as a
    person's (for a GPE: a person in office on the date, and no place of that name)."""
    known = article.knowledge.person(span.text, article.day)
    if known is None or span.root.ent_type_ != "GPE":
        return known is not None
    return not (known.former or known.stale) and article.knowledge.place_country(span.text) is None


def _all_title_case(span: Span) -> bool:
    return all(t.is_title or not t.is_alpha for t in span)


def _is_titled_name(article: ParsedArticle, span: Span) -> bool:
    """An ORG span right after an office title is a person ('President Kassym-Jomart Tokayev')."""
    if span.start == 0:
        return False
    found = _title_ending_at(article, span.start - 1, article.sentence_start(span.start))
    return found is not None and found[1].kind in ("office", "rank")


def _org_type(article: ParsedArticle, span: Span) -> str | None:
    """The type of an organisation the KB does not know, from its words ('defence ministry')."""
    rules = article.rules
    words = fold(span.text).split()
    for length in (2, 1):
        for start in range(len(words) - length, -1, -1):
            found = rules.org_words.get(" ".join(words[start : start + length]))
            if found:
                return found
    return None


# ------------------------------------------------------------------ people


def name_words(text: str, rules: EntityRules) -> tuple[str, ...]:
    """The words of a name as compared: folded, particles dropped ('al-Assad' -> 'assad'),
    a hyphenated name kept whole ('Fils-Aimé' -> 'fils-aime')."""
    words = []
    for word in text.split():
        parts = [p for p in name_key(word).split() if p]
        while len(parts) > 1 and parts[0] in rules.name_particles:
            parts = parts[1:]
        if parts and not (len(parts) == 1 and parts[0] in rules.name_particles):
            words.append("-".join(parts))
    return tuple(words)


def _same_person(form: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Two full names of one person: same surname, and the same given name or one
    name's words all inside the other's ('Tarek William Saab', 'Tarek Saab')."""
    if form[-1] != other[-1]:
        return False
    return form[0] == other[0] or set(form) <= set(other) or set(other) <= set(form)


def cluster_people(article: ParsedArticle, spans: list[NamedSpan]) -> list[Cluster]:
    """Group PERSON spans into people: full names first, then lone words joined to the
    full name whose surname (or given name) they are, then a lone given name after a
    title joined to a lone surname when the KB knows that person."""
    rules, doc = article.rules, article.doc
    people: list[Cluster] = []
    lone: list[NamedSpan] = []
    for named in spans:
        if named.label != "PERSON":
            continue
        form = name_words(named.span(doc).text, rules)
        if not any(len(word) > 1 for word in form):
            continue
        if len(form) == 1:
            lone.append(named)
            continue
        home = next((c for c in people if any(_same_person(form, f) for f in c.full_forms())), None)
        if home is None:
            home = Cluster("PERSON")
            people.append(home)
        _add(home, named, form, doc)
    for named in lone:
        word = name_words(named.span(doc).text, rules)
        home = _cluster_of_word(people, word[0])
        if home is None:
            home = Cluster("PERSON")
            people.append(home)
        _add(home, named, word, doc)
    _join_split_names(article, people)
    return people


def _add(cluster: Cluster, named: NamedSpan, form: tuple[str, ...], doc: Doc) -> None:
    cluster.spans.append(named)
    cluster.forms.append(form)
    cluster.names.append(named.span(doc).text)


def _cluster_of_word(people: list[Cluster], word: str) -> Cluster | None:
    """The one person whose surname (else given name, else lone name) is `word`."""
    for position in (-1, 0):
        found = [c for c in people if any(f[position] == word for f in c.full_forms())]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    lone = [c for c in people if not c.full_forms() and c.forms and c.forms[0] == (word,)]
    return lone[0] if lone else None


def _join_split_names(article: ParsedArticle, people: list[Cluster]) -> None:
    """'Foreign Minister Sergei warned ... Lavrov said': a lone given name and a lone
    surname are one person when the KB knows that full name, or when both carry the
    same office title."""
    lone = [c for c in people if not c.full_forms()]
    for given in lone:
        for surname in lone:
            if given is surname or not given.spans or not surname.spans:
                continue
            full = f"{given.names[0]} {surname.names[0]}"
            known = article.knowledge.person(full, date.max)
            same_title = _office_words(article, given) & _office_words(article, surname)
            if (known is not None and name_key(known.name).split()[-1] == surname.forms[0][0]) or same_title:
                surname.spans += given.spans
                surname.forms = [name_words(full, article.rules)] + surname.forms + given.forms
                surname.names = [full] + surname.names + given.names
                given.spans, given.forms, given.names = [], [], []
    people[:] = [c for c in people if c.spans]


def _office_words(article: ParsedArticle, cluster: Cluster) -> set[str]:
    titles = set()
    for named in cluster.spans:
        found = _title_ending_at(article, named.start - 1, article.sentence_start(named.start))
        if found and found[1].kind == "office":
            titles.add(fold(article.doc[found[0] : named.start].text))
    return titles


def rescue_surnames(article: ParsedArticle, spans: list[NamedSpan], people: list[Cluster]) -> list[NamedSpan]:
    """A name of a person of the article that spaCy tagged ORG/NORP ('Lavrov said' as an
    ORG), or a surname it missed, is a mention of that person. Returns the spans that
    are not people."""
    doc, rules = article.doc, article.rules
    surnames = _people_by_word(people, -1)
    given_names = _people_by_word(people, 0)
    rest = []
    covered = set()
    for named in spans:
        covered.update(range(named.start, named.end))
        if named.label == "PERSON":
            continue
        form = name_words(named.span(doc).text, rules)
        home = None
        if len(form) == 1 and named.label in ("ORG", "NORP") and named.organisation is None:
            home = surnames.get(form[0]) or given_names.get(form[0])
        if home is None:
            rest.append(named)
            continue
        _add(home, NamedSpan(named.start, named.end, "PERSON"), form, doc)
    for i in article.title_names:
        if i in covered:
            continue
        token = doc[i]
        form = name_words(token.text, rules)
        home = surnames.get(form[0]) if len(form) == 1 else None
        if home is None and _known_subject(article, token):
            home = surnames[form[0]] = Cluster("PERSON")
            people.append(home)
        if home is not None:
            _add(home, NamedSpan(token.i, token.i + 1, "PERSON"), form, doc)
    return rest


def _known_subject(article: ParsedArticle, token: Token) -> bool:
    """A name spaCy missed that is the subject of its clause and the surname of one
    person the KB holds in office on the date ('Machado, who has been in hiding, ...')."""
    if token.dep_ not in NOUN_SUBJECT_DEPS or len(token.text) < 3:
        return False
    known = article.knowledge.person(token.text, article.day)
    return known is not None and not (known.former or known.stale)


def _people_by_word(people: list[Cluster], position: int) -> dict[str, Cluster]:
    """Surname (position -1) or given name (0) -> the one person who bears it; a lone
    name counts as a surname."""
    found: dict[str, Cluster | None] = {}
    for cluster in people:
        forms = cluster.full_forms() or (cluster.forms if position == -1 else [])
        for word in {form[position] for form in forms}:
            found[word] = cluster if found.get(word, cluster) is cluster else None
    return {word: cluster for word, cluster in found.items() if cluster is not None}


def drop_places_read_as_people(article: ParsedArticle, people: list[Cluster]) -> list[Cluster]:
    """A name without a title that only follows 'in', 'near', 'around'... or joins a
    list of places, or a lone word that is a sizeable place and never speaks ('seized
    Goma'), is a place spaCy read as a person."""
    return [c for c in people if not _is_place(article, c)]


def _is_place(article: ParsedArticle, cluster: Cluster) -> bool:
    if all(_reads_as_place(article, s) for s in cluster.spans):
        return True
    if cluster.full_forms() or not article.knowledge.place_country(cluster.names[0]):
        return False
    return not any(_titled(article, s) or _speaks(article, s) for s in cluster.spans)


def _titled(article: ParsedArticle, named: NamedSpan) -> bool:
    return named.start > 0 and bool(
        _title_ending_at(article, named.start - 1, article.sentence_start(named.start))
    )


def _speaks(article: ParsedArticle, named: NamedSpan) -> bool:
    root = named.span(article.doc).root
    return root.dep_ in NOUN_SUBJECT_DEPS and fold(root.head.lemma_) in article.rules.speech_verbs


def _reads_as_place(article: ParsedArticle, named: NamedSpan) -> bool:
    doc, rules = article.doc, article.rules
    if _titled(article, named):
        return False
    root = named.span(doc).root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
        if root.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
    return root.dep_ == "pobj" and fold(root.head.text) in rules.place_prepositions


# ------------------------------------------------------------------ pronouns


def link_pronouns(article: ParsedArticle, people: list[Cluster]) -> dict[int, Cluster]:
    """'he told Reuters' -> the last person mentioned as a subject (within a few
    sentences), else the last person mentioned in the previous sentence. Only he/she as
    the subject of a speech verb is linked as a mention; his/her are returned too, for
    roles ('his Foreign Minister'), but are not mentions. Returns token -> person."""
    doc, rules = article.doc, article.rules
    events = sorted(
        [(s.start, s.span(doc).root, cluster) for cluster in people for s in cluster.spans]
        + [(i, doc[i], None) for i in article.pronouns],
        key=lambda event: event[0],
    )
    last_subject: tuple[int, Cluster] | None = None
    seen: list[tuple[int, Cluster]] = []
    links: dict[int, Cluster] = {}
    for i, token, cluster in events:
        sentence = article.sentence(i)
        if cluster is not None:
            seen.append((sentence, cluster))
            if token.dep_ in NOUN_SUBJECT_DEPS and _in_main_clause(token):
                last_subject = (sentence, cluster)
            continue
        antecedent = _antecedent(article, token, sentence, last_subject, seen)
        if antecedent is None:
            continue
        links[i] = antecedent
        if token.lower_ in rules.speaker_pronouns:
            antecedent.pronouns.append(i)
            last_subject = (sentence, antecedent)
    return links


def _in_main_clause(token: Token) -> bool:
    """Not inside a relative or adverbial clause: in 'X, whose term ended when Y was sworn
    in, addressed the crowd. She ...', she is X."""
    return not any(t.dep_ in SUBORDINATE_DEPS for t in token.ancestors)


def _antecedent(
    article: ParsedArticle,
    token: Token,
    sentence: int,
    last_subject: tuple[int, Cluster] | None,
    seen: list[tuple[int, Cluster]],
) -> Cluster | None:
    rules = article.rules
    if token.lower_ in rules.speaker_pronouns:
        if token.dep_ not in NOUN_SUBJECT_DEPS or fold(token.head.lemma_) not in rules.speech_verbs:
            return None
        if last_subject and sentence - last_subject[0] <= SPEAKER_REACH:
            return last_subject[1]
        previous = [c for s, c in seen if s == sentence - 1]
        return previous[-1] if previous else None
    if token.dep_ != "poss":
        return None
    near = [c for s, c in seen if sentence - 1 <= s <= sentence]
    return near[-1] if near else None


# ------------------------------------------------------------------ roles


@dataclass
class Clue:
    """What the words around one mention say about a person: title, country, former."""

    role: str | None = None
    kind: str | None = None  # office, rank or relation: what the title is
    title_type: str | None = None
    relation: str | None = None
    former: bool | None = None
    country: str | None = None
    organisation: Organisation | None = None
    metonym_type: str | None = None
    possessor: int | None = None
    office_words: frozenset[str] = frozenset()


def _modifier(article: ParsedArticle, token: Token) -> bool:
    """A word that may stand in a title before a name: 'Emergency Management', 'army',
    'Iranian', 'Kremlin', 'former'."""
    if _role_change(article, token) or fold(token.text) in article.rules.title_modifiers:
        return True
    if token.ent_type_ in NUMERIC_LABELS or not (token.is_alpha or "." in token.text):
        return False
    if token.is_title or token.is_upper:
        return token.pos_ in MODIFIER_POS
    return token.pos_ in MODIFIER_POS and not token.is_stop


def title_tokens(article: ParsedArticle, end: int) -> tuple[list[Token], list[Token], Token | None] | None:
    """The title that ends at token `end` and the words before it that belong to it,
    walking left: (title words, possessive owner words, his/her) or None if no title."""
    doc, rules = article.doc, article.rules
    floor = article.sentence_start(end)
    found = _title_ending_at(article, end, floor)
    if found is None:
        return None
    words = list(doc[found[0] : end + 1])
    i = found[0] - 1
    while i >= floor and len(words) < MAX_TITLE_WORDS:
        token = doc[i]
        if token.lower_ in rules.possessive_pronouns:
            return words, [], token
        if token.text in POSSESSIVE_MARKS:
            return words, _owner(article, i), None
        title = _title_ending_at(article, i, floor)
        if _role_change(article, words[0]) and not _role_change(article, token):
            break  # 'former' opens a title: 'ousted former Syrian President'
        if title:
            words[:0] = doc[title[0] : i + 1]
            i = title[0] - 1
        elif _modifier(article, token):
            words.insert(0, token)
            i -= 1
        else:
            break
    return words, [], None


def _role_change(article: ParsedArticle, token: Token) -> bool:
    """'former', 'ousted', 'new' before a title, not as a verb ('fighters ousted Assad')."""
    if fold(token.text) not in article.rules.role_changes:
        return False
    return token.pos_ != "VERB" or token.dep_ == "amod"


def _owner(article: ParsedArticle, mark: int) -> list[Token]:
    """The words before a possessive mark: "Kyiv's", "the European Union's"."""
    doc = article.doc
    start = mark - 1
    while start > 0 and doc[start - 1].is_title and doc[start].is_title:
        start -= 1
    return list(doc[start:mark])


def read_clue(
    article: ParsedArticle, words: list[Token], owner: list[Token], possessor: Token | None
) -> Clue:
    """Split title words into role, country, organisation and 'former'."""
    clue = Clue(possessor=possessor.i if possessor is not None else None)
    article.title_words.update(t.i for t in words)
    kept: list[Token] = []
    i = 0
    while i < len(words):
        i = _read_word(article, words, i, clue, kept)
    _read_owner(article, owner, clue)
    if kept:
        clue.role = _role_text(article, kept)
    return clue


def _read_word(article: ParsedArticle, words: list[Token], i: int, clue: Clue, kept: list[Token]) -> int:
    """Read the word (or phrase) at words[i] into the clue; return the next position."""
    rules = article.rules
    change = rules.role_changes.get(fold(words[i].text))
    if change:
        clue.former = change == "former" if clue.former is None else clue.former
        return i + 1
    for length in range(min(rules.longest_title, len(words) - i), 0, -1):
        phrase = " ".join(t.text for t in words[i : i + length])
        title = rules.title(phrase)
        if title:
            clue.kind = title.kind if clue.kind != "office" or title.kind == "office" else clue.kind
            if title.kind == "office":
                clue.title_type, clue.office_words = title.value, frozenset(fold(phrase).split())
            elif title.kind == "relation":
                clue.relation = title.value
            elif clue.title_type is None:
                clue.title_type = title.value
            kept.extend(words[i : i + length])
            return i + length
    if words[i].is_title or words[i].is_upper:
        run = 1
        while i + run < len(words) and run < 4 and rules.title(words[i + run].text) is None:
            run += 1
        for length in range(run, 0, -1):
            text = " ".join(t.text for t in words[i : i + length])
            if _read_name(article, text, clue, words[i : i + length], kept):
                return i + length
    kept.append(words[i])
    return i + 1


def _read_name(article: ParsedArticle, text: str, clue: Clue, words: list[Token], kept: list[Token]) -> bool:
    """A country, metonym or organisation inside a title ('Iranian', 'Kremlin', 'IAEA')."""
    match = article.knowledge.country(text)
    if match:
        clue.country = clue.country or match.country.iso3
        if match.kind == "metonym":
            clue.metonym_type = match.actor_type
            kept.extend(words)
        return True
    organisation = article.knowledge.organisation(text, article.day)
    if organisation is not None and len(text) > 1:
        clue.organisation = clue.organisation or organisation
        kept.extend(words)
        return True
    place = article.knowledge.place_country(text)
    if place:
        clue.country = clue.country or place
        kept.extend(words)
        return True
    return False


def _read_owner(article: ParsedArticle, owner: list[Token], clue: Clue) -> None:
    if not owner:
        return
    text = " ".join(t.text for t in owner if t.lower_ != "the")
    match = article.knowledge.country(text)
    if match:
        clue.country = clue.country or match.country.iso3
        return
    organisation = article.knowledge.organisation(text, article.day)
    if organisation is not None:
        clue.organisation = clue.organisation or organisation
    else:
        clue.country = clue.country or article.knowledge.place_country(text)


def _role_text(article: ParsedArticle, kept: list[Token]) -> str:
    abbreviations = article.rules.title_abbreviations
    return " ".join(abbreviations.get(fold(t.text), t.text) for t in kept)


def mention_clues(article: ParsedArticle, named: NamedSpan) -> Iterator[Clue]:
    """The clues about a person at one mention: the title before the name ('Iranian
    Foreign Minister ...'), or before a comma ("Kyiv's mayor, Vitali Klitschko"), then an
    apposition on either side ('head of the Syrian regime Bashar Assad'; 'Kaja Kallas,
    the European Union's foreign policy chief')."""
    doc = article.doc
    before = named.start - 1
    while before >= 0 and fold(doc[before].text) in article.rules.honorifics:
        before -= 1
    if before >= 0:
        found = title_tokens(article, before)
        if found:
            yield read_clue(article, *found)
        elif doc[before].text == ",":
            clue = _title_before_comma(article, before)
            if clue:
                yield clue
    root = named.span(doc).root
    if root.dep_ in ("appos", "conj") and root.head.i < named.start:
        clue = _apposition_before(article, root.head, named)
        if clue:
            yield clue
    for child in root.children:
        if child.dep_ == "appos" and child.i >= named.end:
            clue = _clue_at_title(article, child.i, child.right_edge.i + 1)
            if clue:
                yield clue


def _title_before_comma(article: ParsedArticle, comma: int) -> Clue | None:
    """'The governor of Bryansk region, Alexander Bogomaz'; 'the Minister of Foreign
    Affairs of the Republic of Rwanda, H.E. Olivier Nduhungirehe'."""
    doc = article.doc
    sentence_start = article.sentence_start(comma)
    floor = max(sentence_start, comma - MAX_TITLE_WORDS)
    j = comma - 1
    while j >= floor:
        found = _title_ending_at(article, j, sentence_start)
        if found:
            return _clue_at_title(article, found[0], comma)
        if not (doc[j].lower_ in ("of", "the") or doc[j].pos_ in MODIFIER_POS):
            return None
        j -= 1
    return None


def _apposition_before(article: ParsedArticle, head: Token, named: NamedSpan) -> Clue | None:
    """'The governor of Bryansk region, Alexander Bogomaz'; 'head of the Syrian regime
    Bashar Assad' and "ASEAN's special envoy on Myanmar, Othman Hashim" (the name hangs
    from the last noun; the title is further up)."""
    node = head
    for _ in range(3):
        if _title_ending_at(article, node.i, node.i) or _title_length_from(article, node.i, named.start):
            return _clue_at_title(article, node.i, named.start)
        if node.dep_ != "pobj" or node.head.dep_ != "prep":
            return None
        node = node.head.head
    return None


def _clue_at_title(article: ParsedArticle, i: int, stop: int) -> Clue | None:
    """The clue of a title word at token i, taking in a longer title that starts there
    ('Minister of State'), and the 'of' phrase after it up to `stop`: its country ('of
    the Republic of Rwanda') and, after a word such as 'head', its words ('head of
    Iran's Atomic Energy Organization')."""
    doc = article.doc
    end = i + max(_title_length_from(article, i, stop), 1) - 1
    found = title_tokens(article, end)
    if found is None:
        return None
    clue = read_clue(article, *found)
    after = end + 1
    if after < stop and doc[after].lower_ in ("of", "on"):
        tail = min(stop, after + MAX_TITLE_WORDS)
        if doc[after].lower_ == "of":
            clue.country = clue.country or _country_named(article, after, tail)
        if clue.kind == "relation" and clue.role:
            clue.role = f"{clue.role} {doc[after:tail].text}".rstrip(" ,")
    return clue


def _country_named(article: ParsedArticle, start: int, end: int) -> str | None:
    """The country of the first country or sizeable place in tokens [start, end),
    tagged or not: 'of Bryansk region'."""
    found = _country_within(article, start, end)
    for token in article.doc[start:end]:
        if found:
            break
        if token.is_title:
            match = article.knowledge.country(token.text)
            found = match.country.iso3 if match else article.knowledge.place_country(token.text)
    return found


def _country_within(article: ParsedArticle, start: int, end: int) -> str | None:
    """The first country named in tokens [start, end): 'of the Syrian regime'."""
    k = bisect.bisect_left(article.country_tokens, start)
    if k < len(article.country_tokens) and article.country_tokens[k] < end:
        return article.country_codes[k]
    return None


def assign_roles(article: ParsedArticle, people: list[Cluster], links: dict[int, Cluster]) -> None:
    """Role, country and actor type of every person: the text's clues first, then the
    KB on the article's date, then the article's country."""
    clues = {id(c): [clue for s in c.spans for clue in mention_clues(article, s)] for c in people}
    for cluster in people:
        _settle_person(article, cluster, clues[id(cluster)], links)


def _settle_person(
    article: ParsedArticle, cluster: Cluster, clues: list[Clue], links: dict[int, Cluster]
) -> None:
    """Choose the best clue (an office before a relation before a rank), check the KB's
    answer against it, and set the cluster's role, country and type."""
    office = next((c for c in clues if c.kind == "office"), None)
    best = office or next((c for c in clues if c.kind == "relation"), None) or next(iter(clues), None)
    former = best is not None and (bool(best.former) or best.relation == "former")
    text_country = next((c.country for c in clues if c.country), None)
    possessor = links.get(best.possessor) if best is not None and best.possessor is not None else None
    known = _known_person(article, cluster)
    if known is not None:
        known = _compatible(article, known, office, text_country)
    cluster.role = _role(best, office, known, possessor, former)
    cluster.country = _person_country(article, cluster, best, text_country, possessor, known)
    cluster.actor_type = _person_type(
        article, best, office, known, former or (known is not None and known.former)
    )
    if known is not None and not known.former and not cluster.full_forms():
        cluster.names.insert(0, known.name)
        cluster.forms.insert(0, name_words(known.name, article.rules))


def _known_person(article: ParsedArticle, cluster: Cluster) -> PersonRole | None:
    """The KB's person for a full name of the cluster, longest first; a lone name
    ('Lavrov') only when the text never gives a full one (the KB's only 'Merz' is Swiss)."""
    full = [n for n, f in zip(cluster.names, cluster.forms, strict=False) if len(f) > 1]
    for name in sorted(set(full or cluster.names), key=lambda n: -len(n.split())):
        known = article.knowledge.person(name, article.day)
        if known is not None:
            return known
    return None


def _compatible(
    article: ParsedArticle, known: PersonRole, office: Clue | None, text_country: str | None
) -> PersonRole | None:
    """The KB's answer if it speaks of the person of the text: same country when the text
    names one, and, when the text gives an office, one of the person's roles of that
    date with matching words ('Defense Minister Pedro Sánchez' is not the Spanish prime
    minister; Marco Rubio is Secretary of State as well as National Security Adviser)."""
    if office is None or not office.office_words:
        agrees = not text_country or not known.country or known.country == text_country
        return known if agrees else None
    roles = known.person.roles if known.person is not None else ()
    active = [r for r in roles if r.active_on(article.day)]
    for role in active + [r for r in roles if r not in active]:
        if role.title and _same_office(article.rules, office.office_words, role.title):
            if text_country and role.country and role.country != text_country:
                return None
            ended = not role.active_on(article.day) and role.end is not None and role.end <= article.day
            return replace(
                known, country=role.country, title=role.title, actor_type=role.actor_type, former=ended
            )
    if not known.title and (not text_country or known.country == text_country):
        return known
    return None


def _same_office(rules: EntityRules, text_words: frozenset[str], title: str) -> bool:
    """'Foreign Minister' and 'Minister of Foreign Affairs'; 'spokesperson' and
    'Foreign Ministry Spokesman'."""
    known_words = {rules.title_equivalents.get(w, w) for w in fold(title).split()}
    words = {rules.title_equivalents.get(w, w) for w in text_words}
    return words <= known_words or known_words <= words


def _role(
    best: Clue | None, office: Clue | None, known: PersonRole | None, possessor: Cluster | None, former: bool
) -> str | None:
    """The text's title when it names an office; else the KB's title; else a title
    taken from the possessor ('his counterpart', 'his predecessor'); else the text's words."""
    if office is not None and office.role:
        role = office.role
        former = former or bool(known and known.former and known.title)
    elif known is not None and known.title:
        role, former = known.title, former or known.former
    elif (
        best is not None and best.relation in ("same", "former") and possessor is not None and possessor.role
    ):
        role = possessor.role.removeprefix("former ")
    elif best is not None and best.role:
        role = best.role
    else:
        return None
    return f"former {role}" if former and not role.lower().startswith("former") else role


def _person_country(
    article: ParsedArticle,
    cluster: Cluster,
    best: Clue | None,
    text_country: str | None,
    possessor: Cluster | None,
    known: PersonRole | None,
) -> str | None:
    if text_country:
        return text_country
    if best is not None and best.organisation is not None:
        return best.organisation.country
    if possessor is not None and best is not None and best.relation != "same" and possessor.country:
        return possessor.country
    if known is not None:
        return known.country
    return article.article_country()


def _person_type(
    article: ParsedArticle, best: Clue | None, office: Clue | None, known: PersonRole | None, former: bool
) -> str:
    """Office type, unless the office is in a non-state body ('Hezbollah leader' REB);
    a former office holder is a civilian (PLOVER: actors have the type of the event's date)."""
    if former:
        return "CVL"
    clue = office or best
    if clue is not None:
        organisation_type = clue.organisation.actor_type if clue.organisation else None
        if organisation_type and organisation_type != "GOV":
            return organisation_type
        if clue.title_type:
            return clue.title_type
        if clue.metonym_type:
            return clue.metonym_type
        agent = article.knowledge.agent(clue.role or "") if clue.role else None
        if agent:
            return agent
    if known is not None:
        return known.actor_type
    return "GOV" if clue is not None and clue.kind == "office" else "CVL"


# ------------------------------------------------------------------ other named entities


def cluster_names(article: ParsedArticle, spans: list[NamedSpan]) -> list[Cluster]:
    """Organisations, countries and metonyms, one entity per name."""
    doc = article.doc
    clusters: dict[tuple[str, str], Cluster] = {}
    for named in spans:
        text = named.span(doc).text
        key = named.organisation.name if named.organisation else _bare_name(article.rules, text)
        cluster = clusters.get((named.label, key))
        if cluster is None:
            cluster = clusters[(named.label, key)] = Cluster(named.label)
            cluster.names.append(named.organisation.name if named.organisation else text)
            cluster.country, cluster.actor_type = named.country, named.actor_type
        cluster.spans.append(named)
        if (
            cluster.country is None
            and named.label == "ORG"
            and cluster.actor_type not in (None, "MED", "IGO")
        ):
            cluster.country = _modifier_country(article, named) or article.context_country(named.start)
    return list(clusters.values())


def _modifier_country(article: ParsedArticle, named: NamedSpan) -> str | None:
    """The country word just before (or inside) an organisation's name: 'Russian defence ministry'."""
    return _country_within(article, max(named.start - 2, 0), named.end)


# ------------------------------------------------------------------ collective actors


def find_groups(article: ParsedArticle, taken: set[int]) -> list[Cluster]:
    """'Turkish troops', 'regime forces', 'protesters': common nouns that the KB knows
    as kinds of actors, with the country their words or their context give."""
    clusters: dict[tuple[str, str | None, str], Cluster] = {}
    heads = article.knowledge.agent_heads
    for i in article.nouns:
        token = article.doc[i]
        if i in taken or token.dep_ in ("compound", "amod") or token.lower_ not in heads:
            continue
        found = group_at(article, token, taken)
        if found is None:
            continue
        start, phrase, country, actor_type = found
        key = (phrase, country, actor_type)
        cluster = clusters.get(key)
        if cluster is None:
            cluster = clusters[key] = Cluster("GROUP", country=country, actor_type=actor_type)
            cluster.names.append(article.doc[start : token.i + 1].text)
        cluster.spans.append(NamedSpan(start, token.i + 1, "GROUP"))
    return list(clusters.values())


def group_at(
    article: ParsedArticle, head: Token, taken: set[int] | None = None
) -> tuple[int, str, str | None, str] | None:
    """The collective actor headed by a noun: (first token, phrase, country, type).
    `taken`: the words of named entities ('Kremlin spokesman' is no collective)."""
    knowledge = article.knowledge
    modifiers = [
        t
        for t in head.lefts
        if t.dep_ in ("amod", "compound", "nmod")
        and t.i >= head.i - 3
        and t.pos_ in MODIFIER_POS
        and not t.is_stop
    ]
    if taken is None:
        taken = {t.i for t in modifiers if t.ent_type_ in ("ORG", "PERSON", "FAC")}
    if any(t.i in taken for t in modifiers):
        return None
    start = min([t.i for t in modifiers] + [head.i])
    words = [t for t in article.doc[start : head.i + 1]]
    country = None
    phrase_words = []
    for token in words:
        match = knowledge.country(token.text) if token.is_title or token.is_upper else None
        if match:
            country = country or match.country.iso3
        else:
            phrase_words.append(token.lower_)
    for first in range(len(phrase_words)):
        phrase = " ".join(phrase_words[first:])
        actor_type = knowledge.agent(phrase)
        if actor_type:
            break
    else:
        return None
    # An armed group's country is not the dateline's: a bomber in a Kabul-datelined story
    # may have come from anywhere.
    local_only = actor_type in article.rules.stateless_types
    country = country or _possessor_country(article, head) or article.context_country(head.i, local_only)
    return start, phrase, country, actor_type


def _possessor_country(article: ParsedArticle, head: Token) -> str | None:
    """The country that owns a collective: "Syria's armed forces"."""
    for child in head.lefts:
        if child.dep_ == "poss":
            match = article.knowledge.country(child.text)
            if match:
                return match.country.iso3
    return None


# ------------------------------------------------------------------ the component


def find_entities(
    doc: Doc, rules: EntityRules | None = None, knowledge: Knowledge | None = None
) -> list[Entity]:
    """The entities of a parsed article, ids in order of first mention; also records in
    `doc._.ew_entity_index` which entity each of their words belongs to."""
    article = ParsedArticle.of(doc, rules or load_entity_rules(), knowledge or load_knowledge())
    spans = named_spans(article)
    people = cluster_people(article, spans)
    others = rescue_surnames(article, spans, people)
    people = drop_places_read_as_people(article, people)
    people.sort(key=lambda c: c.first)
    links = link_pronouns(article, people)
    assign_roles(article, people, links)
    named = people + cluster_names(article, others)
    taken = {i for c in named for s in c.spans for i in range(s.start, s.end)} | article.title_words
    clusters = sorted(named + find_groups(article, taken), key=lambda c: c.first)
    entities = [_entity(article, f"e{n}", c) for n, c in enumerate(clusters, 1)]
    index = {}
    for position, cluster in enumerate(clusters):
        for named_span in cluster.spans:
            index.update(dict.fromkeys(range(named_span.start, named_span.end), position))
        index.update(dict.fromkeys(cluster.pronouns, position))
    doc._.ew_entity_index = index
    doc._.ew_entity_context = article.context()
    return entities


def _entity(article: ParsedArticle, entity_id: str, cluster: Cluster) -> Entity:
    doc = article.doc
    mentions = [(s.start, s.end) for s in cluster.spans] + [(i, i + 1) for i in cluster.pronouns]
    records = []
    for start, end in sorted(set(mentions)):
        span = doc[start:end]
        records.append(Mention(span.text, span.start_char, span.end_char))
    return Entity(
        id=entity_id,
        name=_canonical_name(cluster),
        type=cluster.label,
        country=cluster.country,
        role=cluster.role,
        actor_type=cluster.actor_type,
        mentions=tuple(records),
    )


def _canonical_name(cluster: Cluster) -> str:
    """An organisation's KB name or first name; a person's longest full name in the text
    (the KB may spell it otherwise: 'Sergey Lavrov')."""
    if cluster.label != "PERSON":
        return cluster.names[0]
    return max(cluster.names, key=lambda n: (len(n.split()), len(n), -cluster.names.index(n)))


class EntitiesComponent(GuardedComponent):
    """The spaCy component: writes `doc._.ew_entities` (a list of `records.Entity`)."""

    def __init__(self, nlp: Language, name: str, rules_path: str | None = None) -> None:
        self.name = name
        self.rules = load_entity_rules(rules_path)
        self._knowledge: Knowledge | None = None

    @property
    def knowledge(self) -> Knowledge:
        if self._knowledge is None:
            self._knowledge = load_knowledge()
        return self._knowledge

    def annotate(self, doc: Doc) -> Doc:
        doc._.ew_entities = find_entities(doc, self.rules, self.knowledge)
        return doc


@Language.factory(
    "eventwire_entities",
    requires=["doc.ents", "doc.sents", "token.dep", "token.pos", "token.lemma", "doc._.ew_paragraphs"],
    assigns=["doc._.ew_entities", "doc._.ew_entity_index", "doc._.ew_entity_context"],
    # null: the bundled data/entity_rules.yaml
    default_config={"rules_path": None},
)
def make_entities(nlp: Language, name: str, rules_path: str | None) -> EntitiesComponent:
    """spaCy factory: people, organisations and groups with country, role and actor type."""
    register_extensions()
    return EntitiesComponent(nlp, name, rules_path)


# ------------------------------------------------------------------ for later stages


def entity_at(doc: Doc, target: Token | Span) -> Entity | None:
    """The entity a token or span belongs to: a mention's words, or a he/she linked to a
    person. For a span, its root is asked first, then its other words."""
    index = doc._.ew_entity_index or {}
    entities = doc._.ew_entities
    tokens = [target] if isinstance(target, Token) else [target.root, *target]
    for token in tokens:
        position = index.get(token.i)
        if position is not None:
            return entities[position]
    return None


def actor_of(doc: Doc, span: Span | Token) -> ActorRef | None:
    """The actor a subject or object stands for: the person, organisation or group it
    names ('Lavrov', 'Interfax' (MED), 'Turkish troops'), a country or metonym ('Moscow',
    'the Kremlin': that country's GOV), or a collective noun the KB knows, with the
    country its words or its context give. None when the phrase names no actor."""
    if isinstance(span, Token):
        span = doc[span.i : span.i + 1]
    entity = _actor_entity(doc, span)
    if entity is not None:
        return ActorRef(entity.name, entity.country, entity.actor_type, entity.id)
    knowledge = load_knowledge()
    match = knowledge.country(span.text)
    if match and match.kind != "adjective":
        return ActorRef(span.text, match.country.iso3, match.actor_type or "GOV", None)
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN") or root.lower_ not in knowledge.agent_heads:
        return None
    context = doc._.ew_entity_context
    article = ParsedArticle.of(doc, load_entity_rules(), knowledge, context)
    if context is None:
        article.note_countries(_country_mentions(article))
    found = group_at(article, root)
    if found is None:
        return None
    _, _, country, actor_type = found
    return ActorRef(span.text, country, actor_type, None)


def kb_actor(span: Span, on: str | None) -> ActorRef | None:
    """An actor from the actor knowledge base alone, whatever the article's entities: a
    country name or metonym ('Moscow', 'the Kremlin'), a known organisation, or a phrase
    with a country adjective ('Turkish troops', 'Pakistani')."""
    kb = load_actor_kb()
    text = span.text.strip()
    for candidate in (text, re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)):
        match = kb.country_match(candidate)
        if match and match.kind != "adjective":
            return ActorRef(candidate, match.country.iso3, match.actor_type or "GOV", None)
        organisation = kb.organisation(candidate, on=on) if candidate else None
        if organisation is not None:
            return ActorRef(organisation.name, organisation.country, organisation.actor_type, None)
    agent_type = kb.agent(text) if span.root.pos_ == "NOUN" else None
    for token in span:
        match = kb.country_match(token.text) if token.is_title or token.is_upper else None
        if match:
            return ActorRef(text, match.country.iso3, agent_type or match.actor_type, None)
    return ActorRef(text, None, agent_type, None) if agent_type else None


def _actor_entity(doc: Doc, span: Span) -> Entity | None:
    """The entity of the span's root, else the first person, organisation or group in it."""
    root_entity = entity_at(doc, span.root)
    if root_entity is not None:
        return root_entity
    found = [entity_at(doc, token) for token in span]
    for label in ACTOR_LABELS:
        for entity in found:
            if entity is not None and entity.type == label:
                return entity
    return next((e for e in found if e is not None), None)


def _country_mentions(article: ParsedArticle) -> list[tuple[int, str]]:
    mentions = []
    for ent in article.doc.ents:
        if ent.label_ in ("GPE", "NORP"):
            match = article.knowledge.country(ent.text)
            if match:
                mentions.append((ent.start, match.country.iso3))
    return mentions
