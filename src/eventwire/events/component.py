"""The spaCy component `eventwire_events` and its factory: settings in the component
config (`min_confidence`, the `confidence` weights, the learned `type_model` and its
threshold), events on `doc._.ew_events`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from eventwire.boundary import GuardedComponent
from eventwire.events.candidates import SecondOpinion
from eventwire.events.coding import CodedBody, code_body, code_events
from eventwire.events.confidence import ConfidenceWeights
from eventwire.events.headline import HeadlineParser
from eventwire.events.type_model import load_type_model
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
        type_model: bool = True,
        type_model_threshold: float = 0.35,
        type_model_path: str = "",
        headline: bool = True,
    ) -> None:
        self.name = name
        self.nlp = nlp
        self.headline = headline
        self._headline_parser: HeadlineParser | None = None
        self.min_confidence = min_confidence
        self.weights = weights or ConfidenceWeights()
        self.lexicon = load_event_lexicon()
        model = load_type_model(type_model_path or None) if type_model else None
        self.second_opinion = (
            SecondOpinion(model, type_model_threshold, nlp.tokenizer) if model is not None else None
        )

    def headline_parser(self) -> HeadlineParser | None:
        """Built at first use: the pipeline is complete only once every stage is added."""
        if self.headline and self._headline_parser is None:
            self._headline_parser = HeadlineParser(self.nlp)
        return self._headline_parser

    def annotate(self, doc: Doc) -> Doc:
        doc._.ew_events = code_events(
            doc,
            self.min_confidence,
            self.lexicon,
            self.weights,
            self.second_opinion,
            self.headline_parser(),
        )
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """As `__call__` on each doc, with the batch's headlines parsed together."""
        for batch in minibatch(docs, batch_size):
            yield from self.annotate_batch(list(batch))

    def annotate_batch(self, docs: list[Doc]) -> list[Doc]:
        bodies: dict[int, CodedBody] = {}
        for index, doc in enumerate(docs):
            if doc._.ew_failures:
                continue
            try:
                bodies[index] = code_body(
                    doc, self.min_confidence, self.lexicon, self.weights, self.second_opinion
                )
            except Exception as error:  # the boundary, as in GuardedComponent.__call__
                self.error_handler(self.name, self, [doc], error)
        parser = self.headline_parser()
        waiting = [i for i, body in bodies.items() if parser is not None and body.needs_headline()]
        parsed = parser.parse_many([docs[i]._.article_title for i in waiting]) if parser and waiting else []
        titles = dict(zip(waiting, parsed, strict=True))
        for index, body in bodies.items():
            try:
                body.doc._.ew_events = body.events(titles.get(index))
            except Exception as error:
                self.error_handler(self.name, self, [body.doc], error)
        return docs


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
    default_config={
        "min_confidence": 0.0,
        "confidence": dataclasses.asdict(ConfidenceWeights()),
        "type_model": True,
        "type_model_threshold": 0.35,
        "type_model_path": "",
        "headline": True,
    },
)
def make_events(
    nlp: Language,
    name: str,
    min_confidence: float,
    confidence: dict[str, Any],
    type_model: bool,
    type_model_threshold: float,
    type_model_path: str,
    headline: bool,
) -> EventsComponent:
    """spaCy factory: PLOVER events with actors, place, time and evidence.
    `config={"confidence": {...}}` tunes `ConfidenceWeights` (a partial table keeps the
    other defaults); `type_model` turns the learned second opinion on the lede on or off,
    `type_model_threshold` is the probability it needs to add an event, and
    `type_model_path` another model file (empty: the bundled one); `headline` codes the
    headline too (events the body does not tell come out with `in_title`)."""
    register_extensions()
    weights = ConfidenceWeights(**confidence)
    return EventsComponent(
        nlp, name, min_confidence, weights, type_model, type_model_threshold, type_model_path, headline
    )
