"""Negation and modality (PLOVER.md rules 1-2): what a trigger's clause, the clauses that
embed it and the nouns it hangs from say of the act, and how that turns its coding
(negated, hypothetical, REJECT, THREATEN, MOBILIZE, AGREE, CONCEDE)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.events.candidates import Candidate
from eventwire.events.confidence import ConfidenceWeights
from eventwire.events.ontology import (
    ANNOUNCED_WITHDRAWAL_CAMEO,
    CONFLICT_ACTS,
    COOPERATIVE_ACTS,
    GENERAL_AGREEMENT_CAMEO,
    GENERAL_REFUSAL,
    GENERAL_THREAT,
    HYPOTHETICAL_WHEN_POSSIBLE,
    KEPT_WHEN_FUTURE,
    MOBILIZATION,
)
from eventwire.events.parse import OBJECT_DEPS, children
from eventwire.events.triggers import Trigger
from eventwire.knowledge.event_lexicon import Coding, Cues
from eventwire.knowledge.labels import NOMINAL_POS, VERBAL_POS


@dataclass
class Modality:
    """What the words around a trigger say of its act."""

    negated: bool = False
    refused: bool = False
    hypothetical: bool = False
    future: bool = False
    conditional: bool = False
    obliged: bool = False  # under 'must', 'should': demanded of its subject, not done
    threat: Token | None = None
    commitment: Token | None = None
    preparation: Token | None = None
    embedder: Token | None = None


def own_clause_cues(verb: Token, cues: Cues, modality: Modality) -> None:
    for child in verb.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and word in cues.negators):
            modality.negated = True
        elif child.dep_ == "aux" and word in cues.deontic:
            modality.hypothetical = modality.obliged = True
        elif child.dep_ == "aux" and word in cues.modal:
            modality.conditional = modality.conditional or word in cues.conditional_modals
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
            if aux.lower_ in cues.deontic:
                modality.hypothetical = modality.obliged = True


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
        if relation == "conj" and head.dep_ in OBJECT_DEPS and head.head.pos_ in VERBAL_POS:
            node = head.head  # 'undermining peace and rebuilding': the parse hangs the verb on the object
            continue
        if relation == "advcl" and any(c.lower_ == "to" for c in children(node, ("aux",))):
            if embedder_cue(head, cues, modality):  # 'vowed on Sunday to retaliate'
                modality.embedder = head
            else:
                modality.hypothetical = True  # 'to press Israel', 'to respect the truce': an aim
            return
        if relation == "acl" and node.tag_ == "VBN" and not children(node, ("mark", "aux")):
            return  # 'will return weapons seized last year': the seizure is told as done
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
    particle = next((c.lower_ for c in head.children if c.dep_ == "prt"), None)
    if particle is not None and f"{lemma} {particle}" in cues.refusing:
        lemma = f"{lemma} {particle}"  # 'ruled out withdrawing'
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
    resumed', 'criticized Israel's assault'), also through the nouns it hangs from
    ('accused Israel of undermining peace and rebuilding with its military operations')."""
    head = noun.head
    for _ in range(4):  # through prepositions and the nouns they hang from, to the verb
        if (
            head.pos_ in VERBAL_POS
            or head.head.i == head.i
            or not (head.dep_ == "prep" or head.pos_ in NOMINAL_POS)
        ):
            break
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


def apply_modality(candidate: Candidate, modality: Modality, cues: Cues, weights: ConfidenceWeights) -> None:
    """Turn a candidate's coding by what its clause says (PLOVER.md rules 1-2)."""
    coding = candidate.coding
    kind = coding.type
    changed: Coding | None = None
    if modality.negated:
        if (modality.refused or modality.future) and kind in COOPERATIVE_ACTS:
            mode, cameo = cues.refusal_of.get(kind, GENERAL_REFUSAL)
            changed = Coding("REJECT", mode, coding.context, cameo)
        else:
            candidate.negated = True
    elif modality.hypothetical:
        candidate.hypothetical = True
    elif modality.preparation is not None and kind in CONFLICT_ACTS:
        changed = MOBILIZATION
    elif modality.threat is not None:
        changed = threat_reading(coding, cues) if kind != "THREATEN" else None
    elif modality.commitment is not None or modality.future:
        changed = future_reading(coding, modality, candidate, cues)
    if changed is not None and changed != coding:
        candidate.coding = changed
        candidate.confidence *= weights.parse_penalty
    if candidate.coding.type == "THREATEN" and not candidate.source:
        candidate.hypothetical = True  # a threat nobody made
    candidate.embedder = modality.embedder if modality.commitment is not None else None


def threat_reading(coding: Coding, cues: Cues) -> Coding:
    mode, cameo = cues.threat_of_mode.get(
        coding.mode or "", cues.threat_of.get(coding.type or "", GENERAL_THREAT)
    )
    return Coding("THREATEN", mode, coding.context, cameo)


def future_reading(coding: Coding, modality: Modality, candidate: Candidate, cues: Cues) -> Coding | None:
    kind = coding.type
    if kind in CONFLICT_ACTS:
        return threat_reading(coding, cues)
    if kind in KEPT_WHEN_FUTURE:
        if modality.conditional and kind in HYPOTHETICAL_WHEN_POSSIBLE:
            candidate.hypothetical = True
        return None
    if modality.conditional and modality.commitment is None:
        candidate.hypothetical = True
        return None
    if kind == "RETREAT" and coding.mode == "withdraw":
        return Coding("CONCEDE", None, coding.context, ANNOUNCED_WITHDRAWAL_CAMEO)
    return Coding("AGREE", None, coding.context, cues.agreement_of.get(kind or "", GENERAL_AGREEMENT_CAMEO))
