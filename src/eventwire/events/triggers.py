"""Finding triggers: the words of a sentence that code an event, each with the lexicon
sense whose conditions the parse meets (verbs, event nouns, light verb + noun phrases)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.events.ontology import VERBAL_TYPES
from eventwire.events.parse import (
    CLAUSE_DEPS,
    OBJECT_DEPS,
    any_phrase,
    children,
    particle_of,
    phrase_matches,
    preposition_objects,
    verb_objects,
    verb_subjects,
    with_conjuncts,
    with_contents,
    word_forms,
)
from eventwire.knowledge.event_lexicon import EventLexicon, Sense, load_event_lexicon
from eventwire.knowledge.labels import NOMINAL_POS, NUMERIC_LABELS, PASSIVE_SUBJECT_DEPS, VERBAL_POS


@dataclass
class Trigger:
    """A word that codes an event: the sense it has here and the words around it."""

    token: Token
    sense: Sense
    kind: str  # "verb", "noun" (carried by `carrier` or alone) or "phrase" (verb + `noun`)
    carrier: Token | None = None
    noun: Token | None = None

    @property
    def clause_verb(self) -> Token | None:
        """The verb whose clause the event is told in."""
        if self.kind == "verb":
            return self.token
        return self.carrier


# --- matching senses against the parse --------------------------------------------------


def verb_sense_holds(sense: Sense, verb: Token) -> bool:
    if sense.particle and not particle_of(verb, sense.particle):
        return False
    objects = verb_objects(verb)
    if sense.objects and not any_phrase(sense.objects, with_contents(objects)):
        return False
    if sense.subjects and not any_phrase(sense.subjects, with_conjuncts(verb_subjects(verb))):
        return False
    if sense.prep:
        pobjs = preposition_objects([verb, *objects], sense.prep)
        has_prep = any(child.lower_ == sense.prep for t in (verb, *objects) for child in t.children)
        if not has_prep or (sense.prep_objects and not any_phrase(sense.prep_objects, with_contents(pobjs))):
            return False
    if sense.clause and not any(c.lemma_.lower() in sense.clause for c in children(verb, CLAUSE_DEPS)):
        return False
    return not (sense.when == "future" and not future_clause(verb))


def noun_sense_holds(sense: Sense, noun: Token, carrier: Token | None) -> bool:
    if sense.modifiers:
        words = {form for child in noun.lefts for sub in child.subtree for form in word_forms(sub)}
        if not sense.modifiers & words:
            return False
    if sense.prep:
        pobjs = [p for p in preposition_objects([noun], sense.prep) if p.ent_type_ not in NUMERIC_LABELS]
        if not pobjs or (sense.prep_objects and not any_phrase(sense.prep_objects, with_contents(pobjs))):
            return False
    if sense.governor_subjects:
        subjects = verb_subjects(carrier) if carrier is not None else []
        if not any_phrase(sense.governor_subjects, with_conjuncts(subjects)):
            return False
    return True


def best_sense(senses: Iterable[Sense], holds: Callable[[Sense], bool]) -> Sense | None:
    """The most specific hand-made sense whose conditions hold, else the most specific
    PETRARCH one: a hand-made sense (even 'no event') overrides PETRARCH's patterns, but a
    'no event' sense of the bare verb leaves PETRARCH's senses of a particle in force
    ('call' is no event, 'call off' is a verb of its own)."""
    senses = tuple(senses)
    own = most_specific((s for s in senses if s.from_additions), holds)
    if own is not None and (own.particle or own.coding.type):
        return own
    theirs = [s for s in senses if not s.from_additions and (own is None or s.particle)]
    return most_specific(theirs, holds) or own


def most_specific(senses: Iterable[Sense], holds: Callable[[Sense], bool]) -> Sense | None:
    """The first of the most specific senses whose conditions hold."""
    best: Sense | None = None
    for sense in senses:
        if (best is None or sense.specificity > best.specificity) and holds(sense):
            best = sense
    return best


def future_clause(verb: Token) -> bool:
    """A clause told as future, possible or conditional: 'would respond', 'vowed to
    retaliate', 'will answer'."""
    cues = load_event_lexicon().cues
    if any(aux.lower_ in cues.modal | cues.future for aux in children(verb, ("aux",))):
        return True
    head = verb.head
    embedded = verb.dep_ in CLAUSE_DEPS or (
        verb.dep_ == "advcl" and any(a.lower_ == "to" for a in verb.children)
    )
    if embedded and head.lemma_.lower() in cues.threatening | cues.committing | cues.preparing:
        return True
    return verb.dep_ == "xcomp" and head.dep_ == "xcomp" and future_clause(head)


# --- finding triggers -------------------------------------------------------------------


def light_carrier(noun: Token, lexicon: EventLexicon) -> Token | None:
    """The light verb that carries an event noun: 'carried out airstrikes', 'held talks',
    'arrived on a visit', 'talks held between'."""
    verb: Token | None = None
    if noun.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS | {"attr", "oprd"} and noun.head.pos_ in VERBAL_POS:
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in VERBAL_POS:
        if noun.head.lower_ in lexicon.cues.temporal_prepositions | lexicon.cues.topic_prepositions:
            return None  # 'came two days after the strike', 'a probe into the bombing'
        verb = noun.head.head
    elif noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        verb = noun.head
    else:
        light = [c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"]
        verb = light[0] if light else None
    if verb is None:
        return None
    return verb if is_light(verb, lexicon) else None


def is_light(verb: Token, lexicon: EventLexicon) -> bool:
    """A verb that only carries an event noun ('carried out', 'held'), with its particle or without."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    lemma = lexicon.verb_lemma(verb.lower_, verb.lemma_)
    return lexicon.is_light_verb(lemma, particle) or lexicon.is_light_verb(lemma)


def meeting_host(noun: Token) -> Token | None:
    """The verb a meeting noun hangs from through a preposition: 'Merz said after a phone
    call with Zelensky' (who said it took part in the call)."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        return head.head
    return None


def phrase_trigger(verb: Token, lexicon: EventLexicon) -> Trigger | None:
    """Light verb + object noun with a meaning of its own: 'lifted sanctions'."""
    senses = lexicon.phrase_senses(lexicon.verb_lemma(verb.lower_, verb.lemma_))
    if not senses:
        return None
    for noun in with_contents(verb_objects(verb)):
        sense = best_sense(
            (s for s in senses if any(phrase_matches(p, noun) for p in s.objects)),
            lambda s: not s.particle or particle_of(verb, s.particle),
        )
        if sense is not None:
            return Trigger(verb, sense, "phrase", carrier=verb, noun=noun)
    return None


def verb_trigger(verb: Token, lexicon: EventLexicon) -> Trigger | None:
    phrase = phrase_trigger(verb, lexicon)
    if phrase is not None:
        return phrase if phrase.sense.coding.type else None
    lemma = lexicon.verb_lemma(verb.lower_, verb.lemma_)
    sense = best_sense(lexicon.verb_senses(lemma), lambda s: verb_sense_holds(s, verb))
    if sense is None or not sense.coding.type:
        return None
    if not (sense.from_additions and sense.objects) and light_verb_with_event(verb, lexicon):
        return None  # 'launched an offensive': the noun is the event
    return Trigger(verb, sense, "verb")


def light_verb_with_event(verb: Token, lexicon: EventLexicon) -> bool:
    """'launched an offensive', 'fighting raged': the light verb only carries the noun."""
    nouns = [*verb_objects(verb), *children(verb, ("nsubj",))]
    return is_light(verb, lexicon) and any(event_noun_here(noun, verb, lexicon) for noun in nouns)


def event_noun_here(noun: Token, carrier: Token, lexicon: EventLexicon) -> bool:
    """A noun that is an event in this phrase: 'a shipment of rifles', not 'a shipment
    of maize' (a sense of 'shipment' needs what it holds)."""
    sense = best_sense(lexicon.noun_senses(noun.lemma_), lambda s: noun_sense_holds(s, noun, carrier))
    return sense is not None and bool(sense.coding.type)


def noun_trigger(noun: Token, lexicon: EventLexicon, taken: set[int]) -> Trigger | None:
    if noun.i in taken or noun.dep_ in ("compound", "amod") or noun.ent_type_ in NUMERIC_LABELS:
        return None
    senses = lexicon.noun_senses(noun.lemma_)
    if not senses:
        return None
    carrier = light_carrier(noun, lexicon)
    sense = best_sense(senses, lambda s: noun_sense_holds(s, noun, carrier))
    if sense is None or not sense.coding.type:
        return None
    if carrier is None and sense.coding.type == "CONSULT":
        carrier = meeting_host(noun)
    if carrier is None and sense.coding.type in VERBAL_TYPES:
        return None
    return Trigger(noun, sense, "noun", carrier=carrier, noun=noun)


def sentence_triggers(sentence: Span, lexicon: EventLexicon) -> list[Trigger]:
    """The triggers of a sentence: its verbs first, then the event nouns no verb took."""
    triggers: list[Trigger] = []
    taken: set[int] = set()
    for token in sentence:
        if token.pos_ == "VERB":
            trigger = verb_trigger(token, lexicon)
            if trigger is not None:
                triggers.append(trigger)
                if trigger.noun is not None:
                    taken.add(trigger.noun.i)
    for token in sentence:
        if token.pos_ in NOMINAL_POS:
            trigger = noun_trigger(token, lexicon, taken)
            if trigger is not None:
                triggers.append(trigger)
                taken.update(noun.i for noun in named_acts(trigger))
    return triggers


def named_acts(trigger: Trigger) -> list[Token]:
    """The nouns a noun sense's prepositional condition names ('the suspension of
    attacks'): what the event is about, no event of their own."""
    sense = trigger.sense
    if not (sense.prep and sense.prep_objects):
        return []
    pobjs = with_conjuncts(preposition_objects([trigger.token], sense.prep))
    return [noun for noun in pobjs if any(phrase_matches(p, noun) for p in sense.prep_objects)]
