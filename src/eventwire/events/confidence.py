"""The confidence of an event: the weights of the component config and the two factors
they make, lexicon specificity and argument completeness (parse agreement multiplies by
`parse_penalty` where the coding meets a detour)."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.events.ontology import NEEDS_TARGET
from eventwire.events.triggers import Trigger
from eventwire.knowledge.event_lexicon import Coding
from eventwire.records import ActorRef


def _specificity_defaults() -> dict[str, float]:
    return {"added-conditions": 1.0, "added": 0.9, "pattern": 0.85, "bare": 0.6}


@dataclass(frozen=True)
class ConfidenceWeights:
    """How much each kind of evidence counts; the component config sets them.

    `specificity`: a hand-made sense with conditions ('added-conditions') or without
    ('added'), a PETRARCH pattern ('pattern'), a PETRARCH verb's own code ('bare').
    """

    specificity: dict[str, float] = field(default_factory=_specificity_defaults)
    carried_noun: float = 0.9  # an event noun carried by a light verb
    lone_noun: float = 0.8  # an event noun standing alone
    parse_penalty: float = 0.9  # a pronoun, a relative clause, an agentless passive, a type modality changed
    missing_target: float = 0.7  # no target where the type needs one (COOPERATE, AID, SANCTION)
    no_country: float = 0.8  # a source without a country
    no_source: float = 0.5  # no source


def specificity_weight(trigger: Trigger, weights: ConfidenceWeights) -> float:
    sense = trigger.sense
    if trigger.kind == "noun":
        return weights.carried_noun if trigger.carrier is not None else weights.lone_noun
    if sense.from_additions:
        return weights.specificity["added-conditions" if sense.specificity else "added"]
    return weights.specificity["bare" if sense.bare else "pattern"]


def completeness_weight(
    coding: Coding, source: list[ActorRef], target: list[ActorRef], weights: ConfidenceWeights
) -> float:
    weight = 1.0
    if not source:
        weight *= weights.no_source
    elif not any(a.country for a in source):
        weight *= weights.no_country
    if coding.type in NEEDS_TARGET and not target:
        weight *= weights.missing_target
    return weight
