"""Arguments from the parse: the head words each role of a sense names around a trigger
(subject, object, prepositional phrases, possessor, nationality), and the subject a
verb without its own inherits."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from eventwire.events.ontology import MEETING_TYPES
from eventwire.events.parse import (
    CLAUSE_DEPS,
    MODIFIER_DEPS,
    OBJECT_DEPS,
    children,
    is_passive,
    preposition_objects,
    verb_objects,
    verb_subjects,
    with_conjuncts,
)
from eventwire.events.triggers import Trigger
from eventwire.knowledge.event_lexicon import load_event_lexicon
from eventwire.knowledge.labels import ACTIVE_SUBJECT_DEPS, NOMINAL_POS, PASSIVE_SUBJECT_DEPS, VERBAL_POS

# Finite verb tags: a verb conjoined to a passive in one of them may be active.
ACTIVE_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def active_conjunct(verb: Token) -> bool:
    """A verb conjoined to a passive that is itself active ('were spotted near the shoal
    and fired water cannon'): finite, with an object of its own. A participle ('was
    arrested and charged', 'detained and later deported', often tagged VBD) shares the
    passive's auxiliary and has none."""
    return verb.tag_ in ACTIVE_FINITE_TAGS and bool(children(verb, OBJECT_DEPS))


def inherited_subjects(verb: Token) -> list[Token]:
    """The subject of a verb that has none of its own: that of the verb it is conjoined
    with (a passive's own subject, for an active verb), that of the verb an adjective
    complements ('is ready to'), the controller of an infinitive ('vowed to retaliate'),
    the antecedent of a relative clause, or the noun a participle describes ('protesters
    gathering')."""
    seen = 0
    while seen < 6:
        seen += 1
        own = verb_subjects(verb) if not is_passive(verb) else []
        if own:
            return own
        head = verb.head
        if head.i == verb.i:
            return []
        if verb.dep_ == "conj" and head.pos_ in VERBAL_POS:
            if is_passive(head) and active_conjunct(verb):
                return children(head, PASSIVE_SUBJECT_DEPS)  # 'were spotted ... and fired'
            verb = head
        elif verb.dep_ == "acomp" and head.pos_ in VERBAL_POS:
            verb = head  # 'Iran is willing to resume talks'
        elif verb.dep_ in ("xcomp", "advcl") and head.pos_ in VERBAL_POS | {"ADJ"}:
            object_control = verb.dep_ == "xcomp" and head.lemma_.lower() in _object_control()
            controller = children(head, OBJECT_DEPS) if object_control else []
            if controller:
                return controller
            verb = head
        elif verb.dep_ == "relcl":
            return [antecedent(verb)]
        elif verb.dep_ == "acl" and head.pos_ in NOMINAL_POS and verb.tag_ == "VBG":
            return [head]
        elif verb.dep_ == "acl" and head.dep_ in OBJECT_DEPS and head.head.pos_ in VERBAL_POS:
            verb = head.head  # 'forces were awaiting orders to launch an offensive'
        elif verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in VERBAL_POS:
            verb = head.head
        elif verb.dep_ == "pcomp" and head.dep_ == "prep" and _object_of_verb(head.head):
            verb = head.head.head  # 'began the process of withdrawing its forces'
        else:
            return []
    return []


def _object_of_verb(noun: Token) -> bool:
    return noun.pos_ in NOMINAL_POS and noun.dep_ in OBJECT_DEPS and noun.head.pos_ in VERBAL_POS


@lru_cache(maxsize=1)
def _object_control() -> frozenset[str]:
    """Verbs whose object, not subject, does what their infinitive says ('urged X to
    stop'): requesting verbs."""
    return load_event_lexicon().cues.requesting


def antecedent(relative_verb: Token) -> Token:
    """The noun a relative clause is about. 'Türkiye and Israel, which carried out ...':
    the parse hangs the clause on the first conjunct; the nearest one before it is meant."""
    head = relative_verb.head
    start = relative_verb.left_edge.i
    before = [t for t in (head, *head.conjuncts) if t.i < start]
    return max(before, key=lambda t: t.i) if before else head


def clause_subjects(trigger: Trigger) -> list[Token]:
    verb = trigger.clause_verb
    if verb is None:
        return []
    if is_passive(verb):
        return verb_subjects(verb)
    return verb_subjects(verb) or inherited_subjects(verb)


def role_heads(role: str, trigger: Trigger) -> list[Token]:
    """The head words a role names around a trigger."""
    token, verb, noun = trigger.token, trigger.clause_verb, trigger.noun
    if role == "subject" and trigger.kind == "phrase" and noun is not None and not verb_subjects(token):
        owners = children(noun, ("poss",)) or nationality_heads(noun, trigger)
        return owners or clause_subjects(trigger)
    if role == "subject":
        return clause_subjects(trigger)
    if role == "object":
        return (
            [o for o in verb_objects(token) if o is not noun and o is not token]
            if trigger.kind == "verb"
            else []
        )
    if role == "dative":
        return children(token, ("dative", "iobj")) if verb is not None else []
    if role == "content":
        return content_heads(trigger)
    if role == "possessor":
        return children(noun, ("poss",)) if noun is not None else []
    if role == "by":
        return preposition_objects([noun], "by") if noun is not None else []
    if role == "nationality":
        return nationality_heads(noun, trigger) if noun is not None else []
    if role == "governor":
        return clause_subjects(trigger) if trigger.carrier is not None else []
    if role == "between":
        return between_heads(trigger)
    places = role_places(trigger)
    if trigger.kind == "verb":
        places += verb_objects(token)
    found = preposition_objects(dict.fromkeys(places), role)
    if not found and trigger.clause_verb is not None:
        found = preposition_objects(phrase_nouns(trigger.clause_verb), role)
    return found


def phrase_nouns(verb: Token, depth: int = 3) -> list[Token]:
    """The nouns of a verb's own phrases, nearest first, not entering other clauses: where
    a preposition may have been hung by the parser ('shared information on the launch
    with the United States')."""
    found: list[Token] = []
    layer = [verb]
    for _ in range(depth):
        layer = [
            c for t in layer for c in t.children if c.dep_ in ("dobj", "prep", "pobj", "npadvmod", "attr")
        ]
        found += [t for t in layer if t.pos_ in NOMINAL_POS]
    return found


def between_heads(trigger: Trigger) -> list[Token]:
    return with_conjuncts(preposition_objects(dict.fromkeys(role_places(trigger)), "between"))


def role_places(trigger: Trigger) -> list[Token]:
    """The words whose prepositional phrases may name a trigger's actors: the trigger, its
    noun and carrier, and the verb an event noun is the subject of ('clashes broke out
    between X and Y')."""
    places = [t for t in (trigger.token, trigger.noun, trigger.carrier) if t is not None]
    noun = trigger.noun
    if (
        noun is not None
        and trigger.carrier is None
        and noun.dep_ in ACTIVE_SUBJECT_DEPS
        and noun.head.pos_ == "VERB"
    ):
        places.append(noun.head)
    return places


def nationality_heads(noun: Token, trigger: Trigger) -> list[Token]:
    """Country adjectives and names modifying an event noun ('Israeli airstrikes'); for a
    meeting, also those deeper in its phrase ('a summit ... to develop a Russian-Turkish-
    Iranian joint vision')."""
    candidates = [t for t in noun.lefts if t.dep_ in MODIFIER_DEPS]
    if trigger.sense.coding.type in MEETING_TYPES:
        clauses = [t for t in noun.rights if t.dep_ == "acl"]
        candidates += [t for clause in clauses for t in clause.subtree if t.dep_ in MODIFIER_DEPS]
    return [t for t in candidates if t.ent_type_ in ("NORP", "GPE")]


def content_heads(trigger: Trigger) -> list[Token]:
    """Who a statement is about: the subject of its content clause ('demanded that Tokyo
    retract'), else the first actor-like word among the clause's objects."""
    clauses = children(trigger.token, CLAUSE_DEPS)
    found = [s for clause in clauses for s in children(clause, ACTIVE_SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)]
    deeper = [
        t
        for clause in clauses
        for t in clause.subtree
        if (t.dep_ in ("dobj", "pobj", "amod", "poss") or (t.dep_ == "nsubj" and t.head.dep_ == "advcl"))
        and (t.ent_type_ in ("NORP", "GPE", "ORG") or t.pos_ == "PROPN")
    ]
    return found + deeper
