"""Reading the dependency parse: the subjects, objects, particles and prepositional
phrases of a verb or noun, and lexicon phrases matched against them."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from eventwire.knowledge.event_lexicon import load_event_lexicon
from eventwire.knowledge.labels import ACTIVE_SUBJECT_DEPS, NOMINAL_POS, PASSIVE_SUBJECT_DEPS

OBJECT_DEPS = frozenset({"dobj", "obj"})
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "dobj", "acomp", "agent", "compound:prt", "npadvmod"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "nummod"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})
OBJECT_PRONOUN_DEPS = frozenset({"dobj", "pobj", "dative"})


def word_forms(token: Token) -> set[str]:
    return {token.lower_, token.lemma_.lower()}


def phrase_matches(phrase: tuple[str, ...], head: Token) -> bool:
    """A lexicon phrase ('humanitarian', 'aid') matches a head and the words before it."""
    if not phrase or phrase[-1] not in word_forms(head):
        return False
    if len(phrase) == 1:
        return True
    words = {form for token in head.lefts for sub in token.subtree for form in word_forms(sub)}
    return all(word in words for word in phrase[:-1])


def any_phrase(phrases: Iterable[tuple[str, ...]], heads: Iterable[Token]) -> bool:
    heads = list(heads)
    return any(phrase_matches(phrase, head) for phrase in phrases for head in heads)


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in PASSIVE_SUBJECT_DEPS or child.dep_ == "auxpass" for child in verb.children)


def children(token: Token, deps: Iterable[str]) -> list[Token]:
    deps = frozenset(deps)
    return [child for child in token.children if child.dep_ in deps]


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    found: list[Token] = []
    for token in tokens:
        for item in (token, *token.conjuncts):
            if item not in found:
                found.append(item)
    return found


def with_contents(tokens: Iterable[Token]) -> list[Token]:
    """The words with their conjuncts and what a measure or a part holds: 'medicines' of
    '20 tonnes of medicines', 'rifles' of 'a shipment of rifles', 'soldiers' of 'two of
    its soldiers' (see `measure_nouns` in modality.yaml)."""
    measures = load_event_lexicon().cues.measure_nouns
    found = with_conjuncts(tokens)
    for token in list(found):
        if token.lemma_.lower() in measures or token.pos_ == "NUM":
            found += [t for t in with_conjuncts(preposition_objects([token], "of")) if t not in found]
    return found


def verb_objects(verb: Token) -> list[Token]:
    """The direct objects of a verb (its subject, for a passive or a small clause: 'got
    the sanctions lifted')."""
    objects = children(verb, OBJECT_DEPS)
    if not objects:
        objects = children(verb, PASSIVE_SUBJECT_DEPS)
    if not objects and small_clause(verb):
        objects = children(verb, ACTIVE_SUBJECT_DEPS)
    if not objects and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in NOMINAL_POS:
        objects = [verb.head]
    return objects


def small_clause(verb: Token) -> bool:
    """'getting sanctions lifted': a participle under a causative verb, whose subject is
    what it acts on."""
    if verb.dep_ not in ("ccomp", "xcomp", "oprd") or verb.tag_ not in ("VBN", "VBD"):
        return False
    return verb.head.lemma_.lower() in load_event_lexicon().cues.causative and not children(verb, ("aux",))


def verb_subjects(verb: Token) -> list[Token]:
    if is_passive(verb):
        # 'killed by shelling from the RSF': the parse hangs a gerund on 'by' as pcomp
        return [obj for agent in children(verb, ("agent",)) for obj in children(agent, ("pobj", "pcomp"))]
    if small_clause(verb):
        return []
    return children(verb, ACTIVE_SUBJECT_DEPS)


def preposition_objects(tokens: Iterable[Token], preposition: str) -> list[Token]:
    found = []
    for token in tokens:
        for prep in children(token, ("prep", "agent", "dative")):
            if prep.lower_ == preposition:
                found.extend(children(prep, ("pobj", "pcomp")))
    return found


def particle_of(verb: Token, particle: str) -> bool:
    words = particle.split()
    return all(
        any(word in word_forms(child) for child in verb.children if child.dep_ in PARTICLE_DEPS)
        for word in words
    )
