"""Actors of the parse: the `ActorRef` a phrase names (`eventwire.entities.actor_of`,
else `eventwire.entities.kb_actor`), with pronouns and relative pronouns resolved and
countries taken from modifiers, possessors and owners."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc, Span, Token

from eventwire.entities import actor_of, kb_actor
from eventwire.events.arguments import antecedent, clause_subjects
from eventwire.events.candidates import DocumentContext
from eventwire.events.ontology import NO_COUNTRY_OF_PLACE
from eventwire.events.parse import (
    MODIFIER_DEPS,
    OBJECT_DEPS,
    OBJECT_PRONOUN_DEPS,
    children,
    preposition_objects,
    with_conjuncts,
)
from eventwire.events.triggers import Trigger
from eventwire.knowledge.actors import INTERNATIONAL_TYPES
from eventwire.knowledge.labels import ACTIVE_SUBJECT_DEPS, NOMINAL_POS, PASSIVE_SUBJECT_DEPS
from eventwire.knowledge.lookups import load_knowledge
from eventwire.layout import DATELINE_HEAD
from eventwire.records import ActorRef

# The parts of speech of a dateline's words: place names, dates, an agency.
DATELINE_POS = frozenset({"PROPN", "NUM"})
# 'of' names whom a thing belongs to, and as often the patient of an act ('the shelling of
# civilians'): its object is the actor inside a phrase only where it names a country.
OWNER_PREPOSITION = "of"


class ActorFinder:
    """Actors of one document: `actor_of` from the entities stage, else the phrase's
    actor in the actor knowledge base; pronouns and relative pronouns resolved."""

    def __init__(self, doc: Doc, context: DocumentContext) -> None:
        self.doc = doc
        self.lexicon = context.lexicon
        self.cues = context.lexicon.cues
        if not context.dateline_end and context.unmarked_dateline_end is None:
            context.unmarked_dateline_end = unmarked_dateline_end(doc)
        self.dateline_end = context.dateline_end or context.unmarked_dateline_end or 0
        self.known = context.actors
        self.coded = context.coded
        self.entities = context.entities
        self.indirect = False
        self.local: list[ActorRef] = []  # actors whose own words name no country
        self.antecedent: Token | None = None  # the subject a pronoun was last resolved to

    def actors(self, heads: Iterable[Token], trigger: Trigger) -> list[ActorRef]:
        found: list[ActorRef] = []
        for head in with_conjuncts(heads):
            group = self.counted_group(head) or self.event_reference(head)
            if group:
                found.extend(a for a in group if a not in found)
                continue
            actor = self.actor(head, trigger)
            if actor is None:
                continue
            if head.lower_ in self.cues.plural_pronouns and self.antecedent is not None:
                partners = [
                    self.named_actor(t) for t in self.antecedent.conjuncts
                ]  # 'Lithuania and Latvia ... they'
                found.extend(a for a in partners if a is not None and a not in found)
                self.antecedent = None
            for each in [actor, *self.fellow_nationals(head, actor), *self.fellow_owners(head, actor)]:
                if each not in found:
                    found.append(each)
        return found

    def event_reference(self, head: Token) -> list[ActorRef]:
        """'Minsk called the drills a provocation': a definite event noun that names no
        actor stands for the act an earlier sentence told with the same word, or with
        another word of the noun's own type ('gunmen raided the village ... the Government
        condemns these attacks'), and so for that act's authors."""
        lemma = head.lemma_.lower()
        if head.pos_ != "NOUN" or not self.lexicon.is_event_noun(lemma):
            return []
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children):
            return []
        if any(c.dep_ in ("poss", "amod", "compound") and c.ent_type_ for c in head.children):
            return []  # 'the Israeli strikes' names its own actor
        kinds = {sense.coding.type for sense in self.lexicon.noun_senses(lemma) if not sense.modifiers}
        for earlier in reversed(self.coded):
            word = earlier.trigger.noun or earlier.trigger.token
            if not earlier.source or word.sent == head.sent or earlier.hypothetical or earlier.negated:
                continue
            if word.lemma_.lower() == lemma or earlier.coding.type in kinds - {None}:
                return list(earlier.source)  # 'raided a village ... condemned these attacks'
        return []

    def counted_group(self, head: Token) -> list[ActorRef]:
        """'The two leaders', 'the three countries', 'both sides', 'the two': the nearest
        earlier actors of as many different countries among the article's named entities
        (people for 'leaders' and 'ministers'; people first for a bare 'the two')."""
        lemma = head.lemma_.lower()
        if head.pos_ == "NUM" and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            count, tries = NUMBER_WORDS.get(head.lower_), [("PERSON",), ACTOR_ENTITY_TYPES]
        elif lemma in self.cues.counted_group_nouns and head.tag_ in ("NNS", "NNPS"):
            counts = [
                NUMBER_WORDS.get(c.lower_) for c in head.children if c.dep_ in ("nummod", "det", "predet")
            ]
            count = next((n for n in counts if n), None)
            tries = [("PERSON",)] if lemma in self.cues.counted_person_nouns else [ACTOR_ENTITY_TYPES]
        else:
            return []
        if count is None:
            return []
        for kinds in tries:
            group = self.nearest_countries(head.idx, count, kinds)
            if group:
                return group
        return []

    def nearest_countries(self, before: int, count: int, kinds: tuple[str, ...]) -> list[ActorRef]:
        """The nearest `count` named entities of these kinds before an offset, each of
        another country, in text order; empty when there are fewer."""
        mentions = sorted(
            (
                (mention.start, entity)
                for entity in self.entities.values()
                if entity.country and entity.type in kinds
                for mention in entity.mentions
                if mention.end <= before and mention.start >= self.dateline_end
            ),
            key=lambda pair: -pair[0],
        )
        chosen: dict[str, ActorRef] = {}
        for _, entity in mentions:
            if entity.country not in chosen:
                chosen[entity.country] = ActorRef(entity.name, entity.country, entity.actor_type, entity.id)
            if len(chosen) == count:
                return list(reversed(chosen.values()))
        return []

    def fellow_nationals(self, head: Token, actor: ActorRef) -> list[ActorRef]:
        """'German and Lithuanian troops': one actor per nationality of a common noun."""
        if head.pos_ != "NOUN":
            return []
        adjectives = [t for t in head.lefts if t.dep_ == "amod" and t.ent_type_ == "NORP"]
        others = []
        for adjective in with_conjuncts(adjectives):
            national = kb_actor(self.doc[adjective.i : adjective.i + 1], None)
            if national is not None and national.country and national.country != actor.country:
                others.append(ActorRef(actor.name, national.country, actor.actor_type, None))
        return others

    def fellow_owners(self, head: Token, actor: ActorRef) -> list[ActorRef]:
        """'the foreign ministers of Peru, Chile and Bolivia': one actor per owner of a
        common noun that took its country from the first."""
        owners = owner_words(head)
        if not owners or not actor.country:
            return []
        first = self.named_actor(owners[0])
        if first is None or first.country != actor.country:
            return []
        others = []
        for owner in owners[0].conjuncts:
            fellow = self.named_actor(owner)
            if fellow is None or not fellow.country or fellow.country == actor.country:
                continue
            if actor.name == first.name:  # the phrase was read as its owner: 'Kenya'
                others.append(fellow)
            else:
                others.append(ActorRef(actor.name, fellow.country, actor.actor_type, None))
        return others

    def actor(self, head: Token, trigger: Trigger) -> ActorRef | None:
        if head.lower_ in self.cues.relative_pronouns and head.head.dep_ == "relcl":
            self.indirect = True
            head = antecedent(head.head)
        if head.pos_ == "PRON" and head.dep_ == "poss" and trigger.carrier is not None:
            governors = clause_subjects(trigger)
            if governors and governors[0] is not head:
                self.indirect = True
                head = governors[0]
        if head.pos_ == "PRON":
            return self.pronoun(head)
        actor = None
        if head.idx >= self.dateline_end:  # 'MOGADISHU, July 16 (AFP) —' is where the story was filed
            actor = self.with_country(self.named_actor(head), head)
        if actor is None:  # 'MEXICO CITY — President Sheinbaum', '13.15 BST: Ukraine and Russia'
            appositions = [t for t in children(head, ("appos",)) if t.idx >= self.dateline_end]
            actor = next((a for a in map(self.named_actor, appositions) if a is not None), None)
        return actor

    def with_country(self, actor: ActorRef | None, head: Token) -> ActorRef | None:
        """An actor without a country takes the one its phrase holds ('Paris-based Radio
        Horizon Afrique'); a phrase that names no actor may still hold one ('Pakistani air
        strikes')."""
        if actor is not None and actor.country:
            return actor
        inner = self.inner_actor(head)
        if actor is None or inner is None:
            return actor or inner
        return ActorRef(actor.name, inner.country, actor.actor_type or inner.actor_type, actor.entity_id)

    def pronoun(self, head: Token) -> ActorRef | None:
        if head.lower_ in self.cues.first_person_pronouns:
            return self.speaker_actor(head) or self.publisher_actor(head)
        if head.lower_ not in self.cues.personal_pronouns | self.cues.group_pronouns:
            return None  # 'who had launched the drone' names nobody
        return self.named_actor(head) or self.pronoun_actor(head)

    def speaker_actor(self, pronoun: Token) -> ActorRef | None:
        """'We have asked our partners', inside a quote: the speaker's side."""
        quote = quote_covering(self.doc, pronoun.idx)
        if quote is None or not quote.speaker_id:
            return None
        entity = next((e for e in self.doc._.ew_entities if e.id == quote.speaker_id), None)
        if entity is None:
            return None
        self.indirect = True
        return ActorRef(entity.name, entity.country, entity.actor_type, entity.id)

    def publisher_actor(self, pronoun: Token) -> ActorRef | None:
        """'We strongly condemn this attack', outside any quote of a ministry's press
        release: the publisher speaks, for the country its name or the release's dateline
        gives ('MINISTRY OF FOREIGN AFFAIRS' above 'Ankara, 12 May 2024')."""
        publisher = (self.doc._.publisher or "").strip()
        if not publisher or quote_covering(self.doc, pronoun.idx) is not None:
            return None
        knowledge = load_knowledge()
        context = self.doc._.ew_entity_context
        named = [m.country.iso3 for m in map(knowledge.country, publisher_country_names(publisher)) if m]
        country = next(iter(named), None) or (context[2] if context else None)
        if country is None:
            return None
        self.indirect = True
        return ActorRef(publisher.title() if publisher.isupper() else publisher, country, "GOV", None)

    def named_actor(self, head: Token) -> ActorRef | None:
        """The actor a phrase names, asked once per head word and document."""
        if head.i not in self.known:
            self.known[head.i] = self.phrase_actor(head)
        actor, local = self.known[head.i]
        if local:
            self.local.append(actor)
        return actor

    def phrase_actor(self, head: Token) -> tuple[ActorRef | None, bool]:
        """The phrase's actor, and whether its own words name no country."""
        span = noun_phrase(head)
        actor = actor_of(self.doc, span)
        if actor is not None and self.modifier_group(actor, head):
            actor = None  # 'a government-funded exchange program' is no government
        if actor is None:
            actor = kb_actor(span, self.doc._.reference_date)
        if actor is not None and actor.country and actor.actor_type in INTERNATIONAL_TYPES:
            actor = self.without_country_of_place(actor, span)
        named = modifier_country(head)
        if actor is not None and named and actor.country != named and self.is_group(actor):
            actor = ActorRef(actor.name, named, actor.actor_type, actor.entity_id)  # 'US forces'
        owner = self.owner_of(head)
        if owner is not None and owner.country and (actor is None or actor.country != owner.country):
            actor_type = actor.actor_type if actor is not None else owner.actor_type
            entity_id = actor.entity_id if actor else None
            return ActorRef(span.text, owner.country, actor_type or owner.actor_type, entity_id), False
        local = head.pos_ == "NOUN" and not names_country(span) and not named_origin(head)
        return actor, actor is not None and local

    def without_country_of_place(self, actor: ActorRef, span: Span) -> ActorRef:
        """An international or non-governmental organisation keeps a country only where
        its own words name one ('the Ethiopian Human Rights Commission') or the knowledge
        base gives it one, never that of the place nearest its mention ('Amnesty
        International accused Ethiopia')."""
        entity = self.entities.get(actor.entity_id or "")
        mentions = (
            [span] + [self.doc.char_span(m.start, m.end, alignment_mode="expand") for m in entity.mentions]
            if entity is not None
            else [span]
        )
        if any(m is not None and names_country(m) for m in mentions):
            return actor
        known = kb_actor(span, self.doc._.reference_date)
        if known is not None and known.country == actor.country:
            return actor
        return ActorRef(actor.name, None, actor.actor_type, actor.entity_id)

    def is_group(self, actor: ActorRef) -> bool:
        """An actor the entities stage read as a collective ('forces', 'protesters')."""
        entity = self.entities.get(actor.entity_id or "")
        return entity is not None and entity.type == "GROUP"

    def modifier_group(self, actor: ActorRef, head: Token) -> bool:
        """A collective found among the modifiers of a phrase whose head is no actor."""
        entity = self.entities.get(actor.entity_id or "")
        if entity is None or entity.type != "GROUP":
            return False
        return not any(m.start <= head.idx < m.end for m in entity.mentions)

    def countryless_group(self, actor: ActorRef) -> bool:
        """An armed group or organisation the text names without a country ('the Radaa
        force'): of the country where it acts."""
        entity = self.entities.get(actor.entity_id or "")
        return (
            actor.country is None
            and entity is not None
            and entity.type in ("ORG", "GROUP")
            and actor.actor_type not in NO_COUNTRY_OF_PLACE
        )

    def owner_of(self, head: Token) -> ActorRef | None:
        """'an official of Pakistan's High Commission', "South Korea's military": a common
        noun belongs to the actor of its possessor or its 'of' phrase."""
        owners = owner_words(head)
        return self.named_actor(owners[0]) if owners else None

    def inner_actor(self, noun: Token) -> ActorRef | None:
        """The actor inside a phrase that names none itself: "Pakistani air strikes",
        "Israel's assault", "pressure from Washington", "bombs dropped from Pakistani jets"."""
        if noun.pos_ not in NOMINAL_POS and noun.tag_ != "VBG":  # 'shelling from Russian forces'
            return None
        owners = [(owner, True) for owner in children(noun, ("poss",))]
        for preposition in self.cues.actor_prepositions:
            objects = preposition_objects([noun, *children(noun, ("acl",))], preposition)
            owners += [(owner, preposition != OWNER_PREPOSITION) for owner in objects]
        agents = []
        for owner, agentive in owners:
            actor = self.pronoun(owner) if owner.pos_ == "PRON" else self.named_actor(owner)
            if actor is not None and actor.country:
                return actor
            if actor is not None and actor.actor_type and agentive:
                agents.append(actor)  # 'mortar fire from the militia': a group of no country yet
        if agents:
            return agents[0]
        for modifier in [t for t in noun.lefts if t.dep_ in MODIFIER_DEPS] + compound_places(noun):
            country = modifier_country_actor(modifier)
            if country is not None:
                actor = country
            elif modifier.ent_type_ in ("ORG", "PERSON"):
                actor = self.named_actor(modifier)  # 'RSF positions'
            else:
                continue
            if actor is not None:
                return actor
        return None

    def pronoun_actor(self, pronoun: Token) -> ActorRef | None:
        """'it', 'they', 'its': the nearest earlier subject that names an actor, in this
        sentence or the three before it."""
        if pronoun.lower_ not in self.cues.group_pronouns | self.cues.personal_pronouns:
            return None
        self.indirect = True
        for subject in antecedent_candidates(pronoun):
            if subject.pos_ == "PRON" or subject.idx < self.dateline_end:
                continue
            actor = self.named_actor(subject)
            if actor is not None and (actor.country or actor.actor_type):
                self.antecedent = subject
                return actor
        return None


ACTOR_ENTITY_TYPES = ("PERSON", "GPE", "ORG", "NORP")
DEFINITE = frozenset({"the", "these", "this", "those"})
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "both": 2, "2": 2, "3": 3, "4": 4}


def unmarked_dateline_end(doc: Doc) -> int:
    """Where a dateline the reader did not mark ends ('Kyiv, Ukraine — Russia said'), 0
    where the body has none: the first line's words before a free-standing dash, when they
    are only place names, dates and an agency, and either written in capitals or holding
    a comma or a parenthesis (not 'Kenya — the region's largest economy — said')."""
    match = DATELINE_HEAD.match(doc.text)
    head = doc.char_span(0, match.end(), alignment_mode="contract") if match else None
    if head is None:
        return 0
    words = [t for t in head if not (t.is_punct or t.is_space)]
    if not words or any(t.pos_ not in DATELINE_POS for t in words):
        return 0
    marked = all(t.is_upper for t in words) or any(t.text in (",", "(") for t in head)
    return match.end() if marked and any(t.ent_type_ in ("GPE", "LOC") for t in words) else 0


def same_actor(actor: ActorRef, others: list[ActorRef]) -> bool:
    return any(actor.name == o.name or (actor.entity_id and actor.entity_id == o.entity_id) for o in others)


def quote_covering(doc: Doc, offset: int) -> Any:
    """The shortest quote (records.Quote) whose span holds a character offset."""
    covering = [q for q in doc._.ew_quotes if q.start <= offset < q.end]
    return min(covering, key=lambda q: q.end - q.start) if covering else None


def antecedent_candidates(pronoun: Token) -> Iterator[Token]:
    """Where a pronoun's antecedent may be: for an object pronoun ('accusing them'), the
    objects before it in its sentence first; then the subjects (see earlier_subjects)."""
    if pronoun.dep_ in OBJECT_PRONOUN_DEPS:
        sentence = pronoun.sent
        yield from reversed([t for t in sentence if t.i < pronoun.i and t.dep_ in OBJECT_DEPS])
    yield from earlier_subjects(pronoun)


def owner_words(head: Token) -> list[Token]:
    """The possessor and 'of' objects of a common noun ("South Korea's military", 'an
    official of Pakistan's High Commission'): what it may belong to."""
    if head.pos_ != "NOUN":
        return []
    owners = [t for t in children(head, ("poss",)) if t.pos_ in NOMINAL_POS]
    return owners + [t for t in preposition_objects([head], OWNER_PREPOSITION) if t.pos_ in NOMINAL_POS]


def modifier_country_actor(token: Token) -> ActorRef | None:
    """A country named by one modifier word: 'US' in 'US forces', 'Pakistani'."""
    if not (token.is_title or token.is_upper) or token.pos_ not in ("PROPN", "ADJ", "NOUN"):
        return None
    return kb_actor(token.doc[token.i : token.i + 1], None)


def modifier_country(head: Token) -> str | None:
    """The country a common noun's own modifiers name ('US forces', 'Turkish troops'),
    also through a compound ('Kyrgyz border guards')."""
    if head.pos_ != "NOUN":
        return None
    for modifier in head.lefts:
        if modifier.dep_ not in ("compound", "amod", "nmod"):
            continue
        for word in (modifier, *(t for t in modifier.lefts if t.dep_ in ("compound", "amod"))):
            actor = modifier_country_actor(word)  # 'Kyrgyz' of 'Kyrgyz border guards' too
            if actor is not None and actor.country:
                return actor.country
    return None


def compound_places(noun: Token) -> list[Token]:
    """Place names inside a noun's modifiers: 'Paris' in 'Paris-based Radio X'."""
    return [
        t
        for m in noun.lefts
        if m.dep_ in MODIFIER_DEPS
        for t in m.subtree
        if t.ent_type_ == "GPE" and t is not m
    ]


def earlier_subjects(pronoun: Token, reach: int = 3) -> Iterator[Token]:
    sentence = pronoun.sent
    yield from reversed(
        [t for t in sentence if t.i < pronoun.i and t.dep_ in ACTIVE_SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
    )
    doc = pronoun.doc
    start = sentence.start
    for _ in range(reach):
        if start == 0:
            return
        previous = doc[start - 1].sent
        yield from [t for t in previous if t.dep_ in ACTIVE_SUBJECT_DEPS and t.head.dep_ == "ROOT"]
        yield from reversed([t for t in previous if t.dep_ in ACTIVE_SUBJECT_DEPS and t.head.dep_ != "ROOT"])
        start = previous.start


def noun_phrase(head: Token) -> Span:
    """The words of the phrase a head word heads, without clauses, appositions,
    conjuncts or trailing punctuation: 'the Syrian regime' of 'the Syrian regime,
    Russia's ally, ...'."""
    doc = head.doc
    if head.pos_ not in NOMINAL_POS:
        return doc[head.i : head.i + 1]
    cut = {"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "prep"}
    start = min([t.left_edge.i for t in head.lefts if t.dep_ not in cut] + [head.i])
    end = max([t.right_edge.i for t in head.rights if t.dep_ not in cut] + [head.i]) + 1
    of_phrases = [t for t in head.rights if t.dep_ == "prep" and t.lower_ == "of"]
    if of_phrases:
        end = max(end, of_phrases[0].right_edge.i + 1)
    return doc[start:end]


def names_country(span: Span) -> bool:
    """Whether a phrase's own words name a country, a people or a place."""
    return any(token.ent_type_ in ("GPE", "NORP", "LOC") for token in span)


def named_origin(head: Token) -> bool:
    """Whether a collective says where it comes from: 'fishermen from Jaffna' (its
    country is that place's, not the country of where it is acted on)."""
    return any(
        child.dep_ == "prep" and child.lower_ == "from" and any(t.pos_ == "PROPN" for t in child.subtree)
        for child in head.rights
    )


def publisher_country_names(publisher: str) -> list[str]:
    """The parts of a publisher's name that may be a country: 'Republic of Armenia' of
    'Ministry of Foreign Affairs of the Republic of Armenia'."""
    parts = re.split(r"\s+of\s+(?:the\s+)?", publisher, flags=re.IGNORECASE)
    return [part.strip() for part in parts[1:] if part.strip()]
