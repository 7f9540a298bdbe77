"""The spaCy component `eventwire_events` and its factory: settings in the component
config (`min_confidence`, the `confidence` weights), events on `doc._.ew_events`."""

from __future__ import annotations

import dataclasses
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.boundary import GuardedComponent
from eventwire.events.coding import code_events
from eventwire.events.confidence import ConfidenceWeights
from eventwire.extensions import register_extensions
from eventwire.knowledge.event_lexicon import load_event_lexicon

FACTORY = "eventwire_events"


class EventsComponent(GuardedComponent):
    """The spaCy component: writes `doc._.ew_events` (a list of `records.Event`)."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        min_confidence: float = 0.0,
        weights: ConfidenceWeights | None = None,
    ) -> None:
        self.name = name
        self.min_confidence = min_confidence
        self.weights = weights or ConfidenceWeights()
        self.lexicon = load_event_lexicon()

    def annotate(self, doc: Doc) -> Doc:
        doc._.ew_events = code_events(doc, self.min_confidence, self.lexicon, self.weights)
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
    default_config={"min_confidence": 0.0, "confidence": dataclasses.asdict(ConfidenceWeights())},
)
def make_events(
    nlp: Language, name: str, min_confidence: float, confidence: dict[str, Any]
) -> EventsComponent:
    """spaCy factory: PLOVER events with actors, place, time and evidence.
    `config={"confidence": {...}}` tunes `ConfidenceWeights` (a partial table keeps the
    other defaults)."""
    register_extensions()
    return EventsComponent(nlp, name, min_confidence, ConfidenceWeights(**confidence))
