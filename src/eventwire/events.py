"""The events stage: who did what to whom, where and when, coded in PLOVER from the parse.

The spaCy component `eventwire_events` writes `doc._.ew_events`, a list of
`records.Event`, ids `v1`, `v2`, ... in the order of their first sentence. For each
sentence it finds triggers in the event lexicon (`eventwire.knowledge.event_lexicon`):

- verbs, by lemma, their senses refined by particle, object, subject, prepositional
  phrase or complement clause ('call on' is REQUEST, 'accuse ... of' ACCUSE);
- event nouns ('airstrikes', 'talks', 'curfew'), carried by a light verb ('carried out
  airstrikes', 'held talks', 'arrived on a visit') or standing alone with their own
  actors ("Israel's assault on Gaza");
- light verb + noun phrases with a meaning of their own ('lifted sanctions' is CONCEDE).

Arguments come from the dependency parse, not word order: the subject (the by-agent of a
passive) is the source, the object or an 'on/against/with/to' phrase the target, as each
sense's roles say; a missing subject is that of the verb it is conjoined with or
controlled by ('vowed to retaliate'), or the antecedent of a relative clause ('Israel,
which carried out ...'); coordinated phrases give several actors ('Türkiye and Israel').
Each phrase becomes an `ActorRef` through `eventwire.entities.actor_of` when that stage
is installed, else through a small fallback (country names, metonyms and adjectives
from the actor knowledge base). Reporters are never sources (PLOVER rule 4): MED actors
are dropped. A speaker is not the source of what they report (rule 3): 'said' is no
event, the reported clause is coded on its own.

Negation and modality (rules 1-2, words in data/events/modality.yaml): a negated or
denied act ('has no plans for the withdrawal', 'denied carrying out the strike') is kept
with `negated`; a refused one ('would not accept', 'had no intention of withdrawing') is
REJECT by the refusing side; an alleged, requested or conditional one is kept with
`hypothetical`; a conflict act threatened, vowed or announced ('vowed to retaliate',
'could launch a strike', 'pledged to defeat ... if') is THREATEN; a prepared one
('awaiting orders to kick off an offensive') MOBILIZE; a cooperative act promised or
announced ('will deliver', 'promised to help') AGREE; an announced withdrawal CONCEDE.

Place and time come from `eventwire.places.place_for_trigger` and
`eventwire.dates.time_for_trigger` when those stages are installed (else: a place
entity on the trigger; the article's reference date). `quote_id` names the quote whose
span holds the trigger. The same event told twice in an article (same type, same source
and target countries, compatible dates) is one event with both sentences in `spans`
(rule 6); within one sentence an event whose actors are a subset of another's of the
same type is the same event.

Confidence, in [0, 1], is the product of three factors:
- lexicon specificity: a hand-made sense with conditions 1.0, without 0.9; a PETRARCH
  pattern 0.85, a PETRARCH verb's own code 0.6; an event noun carried by a light verb
  0.9, alone 0.8;
- argument completeness: a source with a country 1.0, without 0.8, none 0.5; a missing
  target where the type needs one (COOPERATE, AID, SANCTION) x0.7;
- parse agreement: an actor found through a pronoun or relative clause x0.9, a type
  changed by modality x0.9, a passive without agent x0.9.
A merged event keeps the highest confidence of its reports. Events below the component's
`min_confidence` are not written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.boundary import GuardedComponent
from eventwire.dates import time_for_trigger
from eventwire.entities import actor_of, kb_actor
from eventwire.extensions import register_extensions
from eventwire.knowledge.calendar import date_interval
from eventwire.knowledge.event_lexicon import Coding, Cues, EventLexicon, Sense, load_event_lexicon
from eventwire.knowledge.labels import (
    ACTIVE_SUBJECT_DEPS,
    NOMINAL_POS,
    NUMERIC_LABELS,
    PASSIVE_SUBJECT_DEPS,
    VERBAL_POS,
)
from eventwire.layout import dateline_end
from eventwire.places import place_for_trigger
from eventwire.records import ActorRef, Event, EventPlace, EventTime, TextSpan

LOG = logging.getLogger(__name__)

FACTORY = "eventwire_events"
OBJECT_DEPS = frozenset({"dobj", "obj"})
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "dobj", "acomp", "agent", "compound:prt", "npadvmod"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "nummod"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom", "whose"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "theirs"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs"})
FIRST_PERSON_PRONOUNS = frozenset({"we", "us", "our", "ours", "i", "me", "my"})
STATE_ACTOR_TYPES = frozenset({"GOV", "MIL", "IGO", "LEG", "JUD", "COP", "SPY"})
REPORTER_TYPE = "MED"

# Type families for the modality rules (PLOVER.md rule 2).
CONFLICT_ACTS = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})
COOPERATIVE_ACTS = frozenset({"AID", "COOPERATE", "RETREAT", "CONSULT", "CONCEDE", "SUPPORT", "AGREE"})
NEEDS_TARGET = frozenset({"COOPERATE", "AID", "SANCTION"})
# A noun of these types tells an event only when a verb carries it ('declared a
# ceasefire'); alone ('the ceasefire expired') it names a thing, not an act.
VERBAL_TYPES = frozenset({"AGREE", "CONCEDE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# Types whose event, with no target named, acts on the place where it happens.
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "RETREAT", "AID"})
# Actor types that take the country of the place of the event when their words name
# none: gunmen, criminals, residents, protesters, rebels are of where they act.
LOCAL_ACTOR_TYPES = frozenset({"UAF", "CRM", "CVL", "REB", "OPP", "REF", "LAB", "EDU"})
PLACE_RULES = frozenset({"trigger-attached", "paragraph"})
# Actor types that keep no country rather than take the place's: international bodies,
# the press, companies.
NO_COUNTRY_OF_PLACE = frozenset({"IGO", "NGO", "MED", "BUS"})
# A story's dateline names where it happened closely enough for the target of an act on a
# place, not for the country of its actors.
PLACE_TARGET_RULES = PLACE_RULES | {"dateline"}
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# What a threat, refusal or promise of each kind of act is: type -> (mode, CAMEO).
THREAT_OF = {"ASSAULT": ("violence", "138"), "COERCE": ("restrict", "1312"), "PROTEST": ("relations", "133")}
THREAT_OF_MODE = {"expel": ("expel", "136"), "arrest": ("arrest", "137"), "withdraw": ("relations", "1313")}
REFUSAL_OF = {
    "CONSULT": ("meet", "125"),
    "AGREE": ("meet", "127"),
    "AID": ("assist", "122"),
    "COOPERATE": ("assist", "121"),
    "RETREAT": ("yield", "124"),
    "CONCEDE": ("yield", "124"),
    "SUPPORT": ("change", "123"),
}
AGREEMENT_OF = {"AID": "033", "COOPERATE": "031", "CONSULT": "036", "SUPPORT": "032", "CONCEDE": "035"}

SPECIFICITY_WEIGHTS = {"added-conditions": 1.0, "added": 0.9, "pattern": 0.85, "bare": 0.6}
CARRIED_NOUN_WEIGHT = 0.9
LONE_NOUN_WEIGHT = 0.8
PARSE_PENALTY = 0.9
MISSING_TARGET_WEIGHT = 0.7
NO_COUNTRY_WEIGHT = 0.8
NO_SOURCE_WEIGHT = 0.5


# --- working records --------------------------------------------------------------------


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


@dataclass
class Modality:
    negated: bool = False
    refused: bool = False
    hypothetical: bool = False
    future: bool = False
    conditional: bool = False
    threat: Token | None = None
    commitment: Token | None = None
    preparation: Token | None = None
    embedder: Token | None = None


@dataclass
class Candidate:
    """An event being coded: one trigger's coding before merging."""

    trigger: Trigger
    coding: Coding
    source: list[ActorRef]
    target: list[ActorRef]
    sentence: Span
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 1.0
    where: EventPlace | None = None
    when: EventTime | None = None
    quote_id: str | None = None
    embedder: Token | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


# --- matching senses against the parse --------------------------------------------------


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
        return [obj for agent in children(verb, ("agent",)) for obj in children(agent, ("pobj",))]
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


def verb_sense_holds(sense: Sense, verb: Token) -> bool:
    if sense.particle and not particle_of(verb, sense.particle):
        return False
    objects = verb_objects(verb)
    if sense.objects and not any_phrase(sense.objects, with_conjuncts(objects)):
        return False
    if sense.subjects and not any_phrase(sense.subjects, with_conjuncts(verb_subjects(verb))):
        return False
    if sense.prep:
        pobjs = preposition_objects([verb, *objects], sense.prep)
        has_prep = any(child.lower_ == sense.prep for t in (verb, *objects) for child in t.children)
        if not has_prep or (sense.prep_objects and not any_phrase(sense.prep_objects, pobjs)):
            return False
    if sense.clause and not any(c.lemma_.lower() in sense.clause for c in children(verb, CLAUSE_DEPS)):
        return False
    return not (sense.when == "future" and not future_clause(verb))


def noun_sense_holds(sense: Sense, noun: Token, carrier: Token | None) -> bool:
    if sense.modifiers:
        words = {form for child in noun.lefts for sub in child.subtree for form in word_forms(sub)}
        if not sense.modifiers <= words:
            return False
    if sense.prep:
        pobjs = [p for p in preposition_objects([noun], sense.prep) if p.ent_type_ not in NUMERIC_LABELS]
        if not pobjs:
            return False
    if sense.governor_subjects:
        subjects = verb_subjects(carrier) if carrier is not None else []
        if not any_phrase(sense.governor_subjects, with_conjuncts(subjects)):
            return False
    return True


def best_sense(senses: Iterable[Sense], holds: Callable[[Sense], bool]) -> Sense | None:
    """The most specific hand-made sense whose conditions hold, else the most specific
    PETRARCH one: a hand-made sense (even 'no event') overrides PETRARCH's patterns."""
    best: Sense | None = None
    for sense in senses:
        if best is not None and best.from_additions and not sense.from_additions:
            break
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
        if noun.head.lower_ in lexicon.cues.temporal_prepositions:
            return None  # 'the strike came two days after the ...': a time, not a carrier
        verb = noun.head.head
    elif noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        verb = noun.head
    else:
        light = [c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"]
        verb = light[0] if light else None
    if verb is None:
        return None
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if lexicon.is_light_verb(verb.lemma_, particle) or lexicon.is_light_verb(verb.lemma_):
        return verb
    return None


def meeting_host(noun: Token) -> Token | None:
    """The verb a meeting noun hangs from through a preposition: 'Merz said after a phone
    call with Zelensky' (who said it took part in the call)."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        return head.head
    return None


def phrase_trigger(verb: Token, lexicon: EventLexicon) -> Trigger | None:
    """Light verb + object noun with a meaning of its own: 'lifted sanctions'."""
    senses = lexicon.phrase_senses(verb.lemma_)
    if not senses:
        return None
    for noun in with_conjuncts(verb_objects(verb)):
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
    sense = best_sense(lexicon.verb_senses(verb.lemma_), lambda s: verb_sense_holds(s, verb))
    if sense is None or not sense.coding.type:
        return None
    if not (sense.from_additions and sense.objects) and light_verb_with_event(verb, lexicon):
        return None  # 'launched an offensive': the noun is the event
    return Trigger(verb, sense, "verb")


def light_verb_with_event(verb: Token, lexicon: EventLexicon) -> bool:
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if not (lexicon.is_light_verb(verb.lemma_, particle) or lexicon.is_light_verb(verb.lemma_)):
        return False
    return any(lexicon.is_event_noun(obj.lemma_) for obj in verb_objects(verb))


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
    return triggers


# --- arguments --------------------------------------------------------------------------


def inherited_subjects(verb: Token) -> list[Token]:
    """The subject of a verb that has none of its own: that of the verb it is conjoined
    with, the controller of an infinitive ('vowed to retaliate'), the antecedent of a
    relative clause, or the noun a participle describes ('protesters gathering')."""
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
            verb = head
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
        else:
            return []
    return []


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


def verb_role_objects(trigger: Trigger) -> list[Token]:
    """A verb's objects; for one without ('helped rebuild Syria'), those of the verb it
    governs."""
    verb = trigger.token
    objects = [o for o in verb_objects(verb) if o is not trigger.noun and o is not verb]
    if objects:
        return objects
    return [o for clause in children(verb, ("xcomp",)) for o in children(clause, OBJECT_DEPS)]


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
    if trigger.sense.coding.type in ("CONSULT", "AGREE"):
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


# --- actors -----------------------------------------------------------------------------


class ActorFinder:
    """Actors of one document: `actor_of` from the entities stage, else the phrase's
    actor in the actor knowledge base; pronouns and relative pronouns resolved."""

    def __init__(self, doc: Doc, context: DocumentContext) -> None:
        self.doc = doc
        self.lexicon = context.lexicon
        self.dateline_end = context.dateline_end
        self.known = context.actors
        self.entities = context.entities
        self.indirect = False
        self.local: list[ActorRef] = []  # actors whose own words name no country
        self.antecedent: Token | None = None  # the subject a pronoun was last resolved to

    def actors(self, heads: Iterable[Token], trigger: Trigger) -> list[ActorRef]:
        found: list[ActorRef] = []
        for head in with_conjuncts(heads):
            actor = self.actor(head, trigger)
            if actor is None:
                continue
            if head.lower_ in PLURAL_PRONOUNS and self.antecedent is not None:
                partners = [
                    self.named_actor(t) for t in self.antecedent.conjuncts
                ]  # 'Lithuania and Latvia ... they'
                found.extend(a for a in partners if a is not None and a not in found)
                self.antecedent = None
            for each in [actor, *self.fellow_nationals(head, actor)]:
                if each not in found:
                    found.append(each)
        return found

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

    def actor(self, head: Token, trigger: Trigger) -> ActorRef | None:
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
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
        if head.lower_ in FIRST_PERSON_PRONOUNS:
            return self.speaker_actor(head)
        if head.lower_ not in PERSONAL_PRONOUNS | GROUP_PRONOUNS:
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
        named = modifier_country(head)
        if actor is not None and named and actor.country != named and self.is_group(actor):
            actor = ActorRef(actor.name, named, actor.actor_type, actor.entity_id)  # 'US forces'
        owner = self.owner_of(head)
        if owner is not None and owner.country and (actor is None or actor.country != owner.country):
            actor_type = actor.actor_type if actor is not None else owner.actor_type
            entity_id = actor.entity_id if actor else None
            return ActorRef(span.text, owner.country, actor_type or owner.actor_type, entity_id), False
        return actor, actor is not None and head.pos_ == "NOUN" and not names_country(span)

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
        if head.pos_ != "NOUN":
            return None
        owners = [t for t in children(head, ("poss",)) if t.pos_ in NOMINAL_POS]
        owners += [t for t in preposition_objects([head], "of") if t.pos_ in NOMINAL_POS]
        return self.named_actor(owners[0]) if owners else None

    def inner_actor(self, noun: Token) -> ActorRef | None:
        """The actor inside a phrase that names none itself: "Pakistani air strikes",
        "Israel's assault", "pressure from Washington", "bombs dropped from Pakistani jets"."""
        if noun.pos_ not in NOMINAL_POS:
            return None
        owners = [*children(noun, ("poss",))]
        for preposition in ("by", "from", "of"):
            owners += preposition_objects([noun, *children(noun, ("acl",))], preposition)
        for owner in owners:
            actor = self.pronoun(owner) if owner.pos_ == "PRON" else self.named_actor(owner)
            if actor is not None and actor.country:
                return actor
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
        if pronoun.lower_ not in GROUP_PRONOUNS | PERSONAL_PRONOUNS:
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


OBJECT_PRONOUN_DEPS = frozenset({"dobj", "pobj", "dative"})


def antecedent_candidates(pronoun: Token) -> Iterator[Token]:
    """Where a pronoun's antecedent may be: for an object pronoun ('accusing them'), the
    objects before it in its sentence first; then the subjects (see earlier_subjects)."""
    if pronoun.dep_ in OBJECT_PRONOUN_DEPS:
        sentence = pronoun.sent
        yield from reversed([t for t in sentence if t.i < pronoun.i and t.dep_ in OBJECT_DEPS])
    yield from earlier_subjects(pronoun)


def modifier_country_actor(token: Token) -> ActorRef | None:
    """A country named by one modifier word: 'US' in 'US forces', 'Pakistani'."""
    if not (token.is_title or token.is_upper) or token.pos_ not in ("PROPN", "ADJ", "NOUN"):
        return None
    return kb_actor(token.doc[token.i : token.i + 1], None)


def modifier_country(head: Token) -> str | None:
    """The country a common noun's own modifiers name ('US forces', 'Turkish troops')."""
    if head.pos_ != "NOUN":
        return None
    for modifier in head.lefts:
        if modifier.dep_ in ("compound", "amod", "nmod"):
            actor = modifier_country_actor(modifier)
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


# --- negation and modality --------------------------------------------------------------


def own_clause_cues(verb: Token, cues: Cues, modality: Modality) -> None:
    for child in verb.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and word in cues.negators):
            modality.negated = True
        elif child.dep_ == "aux" and word in cues.modal:
            modality.conditional = modality.conditional or word in ("could", "might", "may")
            modality.future = True
        elif child.dep_ == "aux" and word in cues.future:
            modality.future = True
        elif child.dep_ == "mark" and word in cues.conditional:
            modality.hypothetical = True
        elif child.dep_ == "advcl" and any(m.lower_ in cues.conditional for m in children(child, ("mark",))):
            modality.conditional = True
    if verb.dep_ == "conj" and verb.head.pos_ in VERBAL_POS and not children(verb, ("aux",)):
        for aux in children(verb.head, ("aux",)):
            modality.future = modality.future or aux.lower_ in cues.modal | cues.future


def noun_cues(noun: Token, cues: Cues, modality: Modality) -> None:
    """Cues on an event noun and the nouns it hangs from: 'no withdrawal', 'possible
    withdrawal', 'no plans for the withdrawal', 'no intention of withdrawing'."""
    node = noun
    for _ in range(4):
        for child in node.children:
            if child.dep_ in ("det", "neg") and child.lower_ in cues.negators:
                modality.negated = True
                modality.refused = modality.refused or node.lemma_.lower() in cues.refusal_nouns
            elif child.dep_ == "amod" and child.lower_ in cues.hypothetical_modifiers and node is noun:
                modality.hypothetical = True
        if node is not noun and node.lemma_.lower() in cues.possibility_nouns:
            modality.hypothetical = modality.hypothetical or not modality.negated
        if node.dep_ in ("pobj", "pcomp") and node.head.dep_ == "prep" and node.head.head.pos_ in NOMINAL_POS:
            node = node.head.head
        else:
            return


def embedding_cues(verb: Token, cues: Cues, modality: Modality) -> None:
    """Climb from the event's clause through the clauses that embed it ('vowed to',
    'accused ... of', 'denied', 'the right to', 'too early to') and note what they do."""
    node = verb
    for _ in range(6):
        head, relation = node.head, node.dep_
        if relation == "conj" and head.pos_ in VERBAL_POS:
            node = head
            continue
        if relation == "advcl" and any(c.lower_ == "to" for c in children(node, ("aux",))):
            if embedder_cue(head, cues, modality):  # 'vowed on Sunday to retaliate'
                modality.embedder = head
            else:
                modality.hypothetical = True  # 'to press Israel', 'to respect the truce': an aim
            return
        if relation == "pcomp" and head.dep_ == "prep":
            node, head = head, head.head
        elif relation not in ("xcomp", "ccomp", "acl", "pcomp") or head.i == node.i:
            return
        if head.pos_ in NOMINAL_POS:
            noun_cues(head, cues, modality)
            if head.lemma_.lower() in cues.possibility_nouns and not modality.negated:
                modality.hypothetical = True
            if modality.negated or modality.hypothetical or head.dep_ not in OBJECT_DEPS:
                return
            head = head.head  # 'awaiting orders to launch an offensive': the verb that has the noun
            if head.pos_ not in VERBAL_POS:
                return
        if embedder_cue(head, cues, modality):
            modality.embedder = head
            return
        if head.pos_ == "ADJ" and any(c.lower_ in cues.excess_adverbs for c in head.children):
            modality.negated = True
            return
        own_clause_cues(head, cues, modality)
        node = head


def embedder_cue(head: Token, cues: Cues, modality: Modality) -> bool:
    """Note what an embedding verb does to its content; True when it decides."""
    lemma = head.lemma_.lower()
    if lemma in cues.reporting:
        return True
    if lemma in cues.denying or lemma in cues.refusing:
        modality.negated = True
    elif lemma in cues.alleging or lemma in cues.requesting:
        modality.hypothetical = True
    elif lemma in cues.threatening:
        modality.threat = head
    elif lemma in cues.preparing and head.lemma_.lower() not in cues.committing:
        modality.preparation = head
    elif lemma in cues.committing:
        modality.commitment = head
        modality.preparation = head if lemma in cues.preparing else None
    else:
        return False
    if any(child.dep_ == "neg" for child in head.children):
        modality.negated = True
    return True


def trigger_modality(trigger: Trigger, cues: Cues) -> Modality:
    modality = Modality()
    if trigger.noun is not None:
        noun_cues(trigger.noun, cues, modality)
    verb = trigger.clause_verb
    if verb is None and trigger.noun is not None:
        return lone_noun_modality(trigger.noun, cues, modality)
    if verb is not None:
        own_clause_cues(verb, cues, modality)
        embedding_cues(verb, cues, modality)
    return modality


def lone_noun_modality(noun: Token, cues: Cues, modality: Modality) -> Modality:
    """An event noun that no light verb carries: the verb it hangs from may deny, allege,
    request or make it possible ('a Chinese attack ... could amount', 'talks have not
    resumed', 'criticized Israel's assault')."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if head.pos_ not in VERBAL_POS or head.i == noun.i:
        return modality
    probe = Modality()
    own_clause_cues(head, cues, probe)
    if not embedder_cue(head, cues, probe):
        embedding_cues(head, cues, probe)
    modality.negated = modality.negated or probe.negated
    modality.hypothetical = modality.hypothetical or probe.hypothetical or probe.future or probe.conditional
    modality.hypothetical = modality.hypothetical or any((probe.threat, probe.commitment, probe.preparation))
    return modality


def apply_modality(candidate: Candidate, modality: Modality) -> None:
    """Turn a candidate's coding by what its clause says (PLOVER.md rules 1-2)."""
    coding = candidate.coding
    kind = coding.type
    changed: Coding | None = None
    if modality.negated:
        if (modality.refused or modality.future) and kind in COOPERATIVE_ACTS:
            mode, cameo = REFUSAL_OF.get(kind, (None, "120"))
            changed = Coding("REJECT", mode, coding.context, cameo)
        else:
            candidate.negated = True
    elif modality.hypothetical:
        candidate.hypothetical = True
    elif modality.preparation is not None and kind in CONFLICT_ACTS:
        changed = Coding("MOBILIZE", "troops", "military", "154")
    elif modality.threat is not None:
        changed = threat_reading(coding) if kind != "THREATEN" else None
    elif modality.commitment is not None or modality.future:
        changed = future_reading(coding, modality, candidate)
    if changed is not None and changed != coding:
        candidate.coding = changed
        candidate.confidence *= PARSE_PENALTY
    if candidate.coding.type == "THREATEN" and not candidate.source:
        candidate.hypothetical = True  # a threat nobody made
    candidate.embedder = modality.embedder if modality.commitment is not None else None


def threat_reading(coding: Coding) -> Coding:
    mode, cameo = THREAT_OF_MODE.get(
        coding.mode or "", THREAT_OF.get(coding.type or "", ("relations", "130"))
    )
    return Coding("THREATEN", mode, coding.context, cameo)


def future_reading(coding: Coding, modality: Modality, candidate: Candidate) -> Coding | None:
    kind = coding.type
    if kind in CONFLICT_ACTS:
        return threat_reading(coding)
    if kind in ("MOBILIZE", "THREATEN", "REQUEST", "ACCUSE", "REJECT", "AGREE", "CONCEDE"):
        if modality.conditional and kind in ("MOBILIZE", "CONCEDE", "AGREE"):
            candidate.hypothetical = True
        return None
    if modality.conditional and modality.commitment is None:
        candidate.hypothetical = True
        return None
    if kind == "RETREAT" and coding.mode == "withdraw":
        return Coding("CONCEDE", None, coding.context, "0874")
    return Coding("AGREE", None, coding.context, AGREEMENT_OF.get(kind or "", "030"))


# --- coding one document ----------------------------------------------------------------


def reading_for(trigger: Trigger, sources: list[ActorRef]) -> Coding:
    sense = trigger.sense
    coding = sense.coding
    if trigger.kind == "verb" and sense.passive_reading is not None and is_passive(trigger.token):
        coding = sense.passive_reading
    if sense.joint is not None and (
        len({a.country for a in sources if a.country}) > 1
        or any("joint" in word_forms(t) for t in (trigger.noun or trigger.token).lefts)
    ):
        coding = sense.joint
    if sense.state is not None and sources and all(a.actor_type in STATE_ACTOR_TYPES for a in sources):
        coding = sense.state
    return coding


def side(
    roles: Iterable[str], trigger: Trigger, finder: ActorFinder, exclude: list[ActorRef]
) -> list[ActorRef]:
    """The actors of the first role that names any (other than `exclude`)."""
    for role in roles:
        found = [a for a in finder.actors(role_heads(role, trigger), trigger) if not same_actor(a, exclude)]
        if found:
            return found
    return []


def same_actor(actor: ActorRef, others: list[ActorRef]) -> bool:
    return any(actor.name == o.name or (actor.entity_id and actor.entity_id == o.entity_id) for o in others)


def specificity_weight(trigger: Trigger) -> float:
    sense = trigger.sense
    if trigger.kind == "noun":
        return CARRIED_NOUN_WEIGHT if trigger.carrier is not None else LONE_NOUN_WEIGHT
    if sense.from_additions:
        return SPECIFICITY_WEIGHTS["added-conditions" if sense.specificity else "added"]
    return SPECIFICITY_WEIGHTS["bare" if sense.bare else "pattern"]


def completeness_weight(coding: Coding, source: list[ActorRef], target: list[ActorRef]) -> float:
    weight = 1.0
    if not source:
        weight *= NO_SOURCE_WEIGHT
    elif not any(a.country for a in source):
        weight *= NO_COUNTRY_WEIGHT
    if coding.type in NEEDS_TARGET and not target:
        weight *= MISSING_TARGET_WEIGHT
    return weight


def not_an_agent(trigger: Trigger, finder: ActorFinder) -> bool:
    """A use of force whose subject is neither an actor nor an attack."""
    if trigger.kind != "verb" or trigger.sense.coding.type != "ASSAULT":
        return False
    subjects = verb_subjects(trigger.token)
    weapons = finder.lexicon.cues.weapons
    return bool(subjects) and not any(
        finder.lexicon.is_event_noun(s.lemma_) or s.lemma_.lower() in weapons for s in subjects
    )


def reporting_speaker(trigger: Trigger, finder: ActorFinder) -> list[ActorRef]:
    """The agent of an agentless passive told by a state's spokesman is that state:
    'the ministry said 2,500 soldiers were being deployed'."""
    verb = trigger.clause_verb
    if verb is None or not is_passive(verb) or children(verb, ("agent",)):
        return []
    if trigger.sense.coding.type == "ASSAULT":
        return []  # who reports an attack is as often its target as its author
    cues = finder.lexicon.cues
    while verb.dep_ == "conj" and verb.head.pos_ in VERBAL_POS:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in cues.reporting:
        return []
    speakers = [
        a for a in finder.actors(verb_subjects(verb.head), trigger) if a.actor_type in STATE_ACTOR_TYPES
    ]
    if speakers:
        finder.indirect = True
    return speakers


def code_trigger(trigger: Trigger, doc: Doc, context: DocumentContext) -> Candidate | None:
    finder = ActorFinder(doc, context)
    sense = trigger.sense
    source = [a for a in side(sense.source, trigger, finder, []) if a.actor_type != REPORTER_TYPE]
    if not source and trigger.kind == "noun" and trigger.carrier is None:
        return None  # a lone 'the killing of protesters' says nothing of who acted
    if not source and not_an_agent(trigger, finder):
        return None  # 'the earthquake killed 3,700 people': no one acted
    if not source:
        source = reporting_speaker(trigger, finder)
    target = side(sense.target, trigger, finder, source)
    if not source and not target:
        return None
    coding = reading_for(trigger, source)
    sentence = trigger.token.sent
    candidate = Candidate(trigger, coding, source, target, sentence)
    candidate.confidence = specificity_weight(trigger) * completeness_weight(coding, source, target)
    if finder.indirect:
        candidate.confidence *= PARSE_PENALTY
    verb = trigger.clause_verb
    if verb is not None and is_passive(verb) and not children(verb, ("agent",)):
        candidate.confidence *= PARSE_PENALTY
    apply_modality(candidate, trigger_modality(trigger, context.lexicon.cues))
    place_and_time(candidate, doc)
    localise(candidate, finder)
    return candidate


def localise(candidate: Candidate, finder: ActorFinder) -> None:
    """Gunmen, protesters or rebels whose words name no country are of the place where
    they act ('gunmen ambushed a convoy near Culiacán'); an attack, a curfew or a protest
    with no target named acts on the place where it happens."""
    where = candidate.where
    if where is None or not where.country:
        return
    if not candidate.source and state_act(candidate) and where.rule in PLACE_RULES:
        candidate.source = [ActorRef(f"{where.name} authorities", where.country, "GOV", None)]
        candidate.confidence *= PARSE_PENALTY
    if where.rule in PLACE_TARGET_RULES:
        local = where.rule in PLACE_RULES
        candidate.source = [relocated(a, where.country, finder, local) for a in candidate.source]
        candidate.target = [relocated(a, where.country, finder, local) for a in candidate.target]
    acts_on_place = {candidate.coding.type, candidate.trigger.sense.coding.type} & PLACE_TARGET_TYPES
    if not candidate.target and acts_on_place and where.rule in PLACE_TARGET_RULES:
        candidate.target = [ActorRef(where.name, where.country, None, None)]


def state_act(candidate: Candidate) -> bool:
    """An agentless passive of what only a state does: '8,000 Afghans were deported',
    '27 people were detained', 'two of them were released on bail'."""
    verb = candidate.trigger.clause_verb
    if verb is None or not is_passive(verb) or children(verb, ("agent",)):
        return False
    coding = candidate.coding
    return coding.type == "COERCE" or (coding.type == "RETREAT" and coding.mode == "release")


def relocated(actor: ActorRef, country: str, finder: ActorFinder, local_types: bool = True) -> ActorRef:
    """An actor of the place's country when its words name none (see localise); groups
    the text names without a country also by the story's dateline."""
    local = local_types and actor.actor_type in LOCAL_ACTOR_TYPES and any(actor is o for o in finder.local)
    if local or finder.countryless_group(actor):
        return ActorRef(actor.name, country, actor.actor_type, actor.entity_id)
    return actor


@dataclass
class DocumentContext:
    """What coding one document needs: the lexicon, the other stages, and per-document
    values worked out once (the text, the dateline's end, the actor of each phrase)."""

    lexicon: EventLexicon
    text: str
    dateline_end: int
    entities: dict[str, Any] = field(default_factory=dict)  # records.Entity by id
    actors: dict[int, tuple[ActorRef | None, bool]] = field(default_factory=dict)


def sentence_bounds(sentence: Span) -> tuple[int, int]:
    """Character offsets of a sentence without its surrounding white space."""
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    return start, sentence.start_char + len(text.rstrip())


def place_and_time(candidate: Candidate, doc: Doc) -> None:
    token = candidate.trigger.noun or candidate.trigger.token
    candidate.where = place_for_trigger(doc, token)
    candidate.when = time_for_trigger(doc, token)


def quote_covering(doc: Doc, offset: int) -> Any:
    """The shortest quote (records.Quote) whose span holds a character offset."""
    covering = [q for q in doc._.ew_quotes if q.start <= offset < q.end]
    return min(covering, key=lambda q: q.end - q.start) if covering else None


def quote_of(doc: Doc, trigger: Token) -> str | None:
    """The quote the event is told in: one covering its trigger, else, for a statement
    event ('warned that ...', 'accused Israel of ...'), the quote its verb introduces."""
    quote = quote_covering(doc, trigger.idx)
    if quote is None:
        sentence = trigger.sent
        quote = next(
            (
                q
                for q in doc._.ew_quotes
                if q.verb == trigger.lemma_.lower() and sentence.start_char <= q.start < sentence.end_char
            ),
            None,
        )
    return quote.id if quote is not None else None


def sentence_candidates(sentence: Span, doc: Doc, context: DocumentContext) -> list[Candidate]:
    candidates = []
    for trigger in sentence_triggers(sentence, context.lexicon):
        candidate = code_trigger(trigger, doc, context)
        if candidate is None:
            continue
        candidate.quote_id = quote_of(doc, trigger.token)
        candidate.spans = [sentence_bounds(sentence)]
        candidates.append(candidate)
    return drop_committed_embedders(merge_within_sentence(candidates))


def drop_committed_embedders(candidates: list[Candidate]) -> list[Candidate]:
    """'promised to help rebuild Syria': the promise is told by its content (AGREE with
    a target), not again by the verb 'promise' itself."""
    embedders = {c.embedder.i for c in candidates if c.embedder is not None}
    return [c for c in candidates if c.trigger.token.i not in embedders or c.trigger.kind != "verb"]


# --- merging ----------------------------------------------------------------------------


def countries(actors: Iterable[ActorRef]) -> frozenset[str]:
    return frozenset(a.country or a.name.lower() for a in actors)


def actor_keys(candidate: Candidate) -> tuple[frozenset[str], frozenset[str]]:
    source, target = countries(candidate.source), countries(candidate.target)
    if candidate.coding.type in SYMMETRIC_TYPES:
        return source | target, frozenset()
    return source, target


def same_status(a: Candidate, b: Candidate) -> bool:
    return a.coding.type == b.coding.type and (a.negated, a.hypothetical) == (b.negated, b.hypothetical)


def adds(actors: list[ActorRef], present: list[ActorRef]) -> list[ActorRef]:
    """The actors that bring a country (or name) not yet present."""
    return [a for a in actors if not same_actor(a, present) and countries([a]) - countries(present)]


def contains(a: Candidate, b: Candidate) -> bool:
    """b's actors are among a's (b tells less of the same event)."""
    (a_source, a_target), (b_source, b_target) = actor_keys(a), actor_keys(b)
    return b_source <= a_source and b_target <= a_target


def absorb(kept: Candidate, other: Candidate) -> None:
    """Fold a second report of an event into the first: new actors, spans, the best
    confidence, a place and an attached date where the first lacks them."""
    kept.source.extend(adds(other.source, kept.source))
    kept.target.extend(adds(other.target, kept.target))
    for span in other.spans:
        if span not in kept.spans:
            kept.spans.append(span)
    kept.confidence = max(kept.confidence, other.confidence)
    kept.where = kept.where or other.where
    if kept.when is None or (
        kept.when.rule != "trigger-attached" and other.when and other.when.rule == "trigger-attached"
    ):
        kept.when = other.when
    kept.quote_id = kept.quote_id or other.quote_id


def merge_within_sentence(candidates: list[Candidate]) -> list[Candidate]:
    """Reports of one act in one sentence: an event whose actors are among another's of
    the same type, and a participle telling the outcome of its head ('rammed a car
    into a checkpoint, killing seven soldiers')."""
    candidates = merge_outcomes(candidates)
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: -(len(c.source) + len(c.target))):
        match = next((k for k in kept if same_status(k, candidate) and contains(k, candidate)), None)
        if match is None:
            kept.append(candidate)
        else:
            absorb(match, candidate)
    return sorted(kept, key=lambda c: c.trigger.token.i)


def merge_outcomes(candidates: list[Candidate]) -> list[Candidate]:
    by_token = {c.trigger.token.i: c for c in candidates if c.trigger.kind == "verb"}
    kept = []
    for candidate in candidates:
        token = candidate.trigger.token
        head = by_token.get(token.head.i) if token.dep_ == "advcl" and token.tag_ == "VBG" else None
        if head is not None and head is not candidate and same_status(head, candidate):
            for actor in candidate.target:
                if not same_actor(actor, head.target):
                    head.target.append(actor)
            continue
        kept.append(candidate)
    return kept


def compatible_times(a: EventTime | None, b: EventTime | None) -> bool:
    """Dates that may be the same day: unknown or not attached to the trigger, or
    overlapping ranges."""
    if a is None or b is None or a.rule != "trigger-attached" or b.rule != "trigger-attached":
        return True
    first, second = date_interval(a.value), date_interval(b.value)
    if first is None or second is None:
        return True
    return first[0] <= second[1] and second[0] <= first[1]


def merge_across_sentences(candidates: list[Candidate]) -> list[Candidate]:
    """Rule 6: the same event told twice in an article is one event with both spans. Same
    type and status, compatible dates, and the same actors (or fewer: a retelling that
    leaves out a side)."""
    kept: list[Candidate] = []
    for candidate in candidates:
        match = None
        for earlier in kept:
            if not same_status(earlier, candidate) or not compatible_times(earlier.when, candidate.when):
                continue
            if actor_keys(earlier) == actor_keys(candidate) or (
                partial_retelling(earlier, candidate) and contains(earlier, candidate)
            ):
                match = earlier
                break
        if match is None:
            kept.append(candidate)
        else:
            absorb(match, candidate)
    return kept


def partial_retelling(earlier: Candidate, later: Candidate) -> bool:
    """A later report that names one side of an earlier event and leaves the other out."""
    later_source, later_target = actor_keys(later)
    return bool(later_source) and not later_target


# --- records ----------------------------------------------------------------------------


def event_record(number: int, candidate: Candidate, text: str) -> Event:
    coding = candidate.coding
    start, end = candidate.spans[0]
    spans = tuple(TextSpan(s, e) for s, e in sorted(candidate.spans))
    return Event(
        id=f"v{number}",
        type=coding.type or "",
        mode=coding.mode,
        context=coding.context,
        cameo=coding.cameo,
        source=tuple(candidate.source),
        target=tuple(candidate.target),
        where=candidate.where,
        when=candidate.when,
        negated=candidate.negated,
        hypothetical=candidate.hypothetical,
        evidence=text[start:end],
        start=start,
        end=end,
        spans=spans,
        quote_id=candidate.quote_id,
        confidence=round(min(1.0, max(0.0, candidate.confidence)), 3),
    )


def code_events(doc: Doc, min_confidence: float = 0.0, lexicon: EventLexicon | None = None) -> list[Event]:
    """The events of a parsed article, ids `v1`, `v2`, ... in order of their first sentence."""
    text = doc.text
    context = DocumentContext(
        lexicon or load_event_lexicon(),
        text,
        dateline_end(doc),
        entities={entity.id: entity for entity in doc._.ew_entities},
    )
    candidates: list[Candidate] = []
    for sentence in doc.sents:
        candidates.extend(sentence_candidates(sentence, doc, context))
    merged = [c for c in merge_across_sentences(candidates) if c.confidence >= min_confidence]
    merged.sort(key=lambda c: c.spans[0])
    return [event_record(number, candidate, text) for number, candidate in enumerate(merged, start=1)]


class EventsComponent(GuardedComponent):
    """The spaCy component: writes `doc._.ew_events` (a list of `records.Event`)."""

    def __init__(self, nlp: Language, name: str, min_confidence: float = 0.0) -> None:
        self.name = name
        self.min_confidence = min_confidence
        self.lexicon = load_event_lexicon()

    def annotate(self, doc: Doc) -> Doc:
        doc._.ew_events = code_events(doc, self.min_confidence, self.lexicon)
        return doc


@Language.factory(
    FACTORY,
    requires=[
        "doc.sents",
        "token.dep",
        "token.lemma",
        "doc._.ew_dateline_end",
        "doc._.ew_entities",
        "doc._.ew_dates",
        "doc._.ew_places",
        "doc._.ew_quotes",
    ],
    assigns=["doc._.ew_events"],
    default_config={"min_confidence": 0.0},
)
def make_events(nlp: Language, name: str, min_confidence: float) -> EventsComponent:
    """spaCy factory: PLOVER events with actors, place, time and evidence."""
    register_extensions()
    return EventsComponent(nlp, name, min_confidence)
