"""The working records of coding one document: what it needs (`DocumentContext`) and
each event being coded before it is merged and written (`Candidate`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from eventwire.events.confidence import ConfidenceWeights
from eventwire.events.triggers import Trigger
from eventwire.events.type_model import TypeModel
from eventwire.knowledge.event_lexicon import Coding, EventLexicon
from eventwire.records import ActorRef, EventPlace, EventTime


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


@dataclass(frozen=True)
class SecondOpinion:
    """The learned type model (`type_model.TypeModel`), how sure it must be to add an
    event, and the tokenizer it reads headlines with."""

    model: TypeModel
    threshold: float
    tokenizer: Callable[[str], Doc]


@dataclass
class DocumentContext:
    """What coding one document needs: the lexicon, the confidence weights, and
    per-document values worked out once (the dateline's end, the entities, the actor of
    each phrase)."""

    lexicon: EventLexicon
    weights: ConfidenceWeights
    dateline_end: int
    entities: dict[str, Any] = field(default_factory=dict)  # records.Entity by id
    actors: dict[int, tuple[ActorRef | None, bool]] = field(default_factory=dict)
    second_opinion: SecondOpinion | None = None
    coded: list[Candidate] = field(default_factory=list)  # the earlier sentences' events
    unmarked_dateline_end: int | None = None  # worked out once, when the layout marked none
