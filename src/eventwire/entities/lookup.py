"""What later stages ask of the entities on a Doc: the entity behind a word
(`entity_at`), the actor a subject or object stands for (`actor_of`), and an actor from
the KB alone (`kb_actor`)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from eventwire.entities.article import ParsedArticle
from eventwire.entities.groups import group_at
from eventwire.knowledge.actors import load_actor_kb
from eventwire.knowledge.entity_rules import load_entity_rules
from eventwire.knowledge.labels import ARTICLES, NOMINAL_POS
from eventwire.knowledge.lookups import load_knowledge
from eventwire.records import ActorRef, Entity

# Entity types that name an actor more precisely than a country does inside one phrase.
ACTOR_LABELS = ("PERSON", "ORG", "GROUP")
LEADING_ARTICLE = re.compile(rf"^({'|'.join(sorted(ARTICLES))})\s+", re.I)


def entity_at(doc: Doc, target: Token | Span) -> Entity | None:
    """The entity a token or span belongs to: a mention's words, or a he/she linked to a
    person. For a span, its root is asked first, then its other words."""
    index = doc._.ew_entity_index or {}
    entities = doc._.ew_entities
    tokens = [target] if isinstance(target, Token) else [target.root, *target]
    for token in tokens:
        position = index.get(token.i)
        if position is not None:
            return entities[position]
    return None


def actor_of(doc: Doc, span: Span | Token) -> ActorRef | None:
    """The actor a subject or object stands for: the person, organisation or group it
    names ('Lavrov', 'Interfax' (MED), 'Turkish troops'), a country or metonym ('Moscow',
    'the Kremlin': that country's GOV), or a collective noun the KB knows, with the
    country its words or its context give. None when the phrase names no actor."""
    if isinstance(span, Token):
        span = doc[span.i : span.i + 1]
    entity = _actor_entity(doc, span)
    if entity is not None:
        return ActorRef(entity.name, entity.country, entity.actor_type, entity.id)
    knowledge = load_knowledge()
    match = knowledge.country(span.text)
    if match and match.kind != "adjective":
        return ActorRef(span.text, match.country.iso3, match.actor_type or "GOV", None)
    root = span.root
    if root.pos_ not in NOMINAL_POS or root.lower_ not in knowledge.agent_heads:
        return None
    context = doc._.ew_entity_context
    article = ParsedArticle.of(doc, load_entity_rules(), knowledge, context)
    if context is None:
        article.note_countries(_country_mentions(article))
    found = group_at(article, root)
    if found is None:
        return None
    _, _, country, actor_type = found
    return ActorRef(span.text, country, actor_type, None)


def kb_actor(span: Span, on: str | None) -> ActorRef | None:
    """An actor from the actor knowledge base alone, whatever the article's entities: a
    country name or metonym ('Moscow', 'the Kremlin'), a known organisation, or a phrase
    with a country adjective ('Turkish troops', 'Pakistani')."""
    kb = load_actor_kb()
    text = span.text.strip()
    for candidate in (text, LEADING_ARTICLE.sub("", text)):
        match = kb.country_match(candidate)
        if match and match.kind != "adjective":
            return ActorRef(candidate, match.country.iso3, match.actor_type or "GOV", None)
        organisation = kb.organisation(candidate, on=on) if candidate else None
        if organisation is not None:
            return ActorRef(organisation.name, organisation.country, organisation.actor_type, None)
    agent_type = kb.agent(text) if span.root.pos_ == "NOUN" else None
    for token in span:
        match = kb.country_match(token.text) if token.is_title or token.is_upper else None
        if match:
            return ActorRef(text, match.country.iso3, agent_type or match.actor_type, None)
    return ActorRef(text, None, agent_type, None) if agent_type else None


def _actor_entity(doc: Doc, span: Span) -> Entity | None:
    """The entity of the span's root, else the first person, organisation or group in it."""
    root_entity = entity_at(doc, span.root)
    if root_entity is not None:
        return root_entity
    found = [entity_at(doc, token) for token in span]
    for label in ACTOR_LABELS:
        for entity in found:
            if entity is not None and entity.type == label:
                return entity
    return next((e for e in found if e is not None), None)


def _country_mentions(article: ParsedArticle) -> list[tuple[int, str]]:
    mentions = []
    for ent in article.doc.ents:
        if ent.label_ in ("GPE", "NORP"):
            match = article.knowledge.country(ent.text)
            if match:
                mentions.append((ent.start, match.country.iso3))
    return mentions
