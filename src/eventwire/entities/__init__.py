"""The entities stage: the people, organisations, countries and collective actors of an article.

spaCy's NER finds names; this component corrects what it gets wrong on news (an outlet
read as a person, 'Defense' alone as an ORG, a surname alone as an organisation, a city
as a person), clusters the mentions of each entity (full name, surname, 'al-' variants,
possessives, 'he said' after a speaker) and gives every entity its role, country and
PLOVER actor type: from the text first ('Iranian Foreign Minister ...', 'Kyiv's mayor,
...'), then from the dated actor knowledge base (`eventwire.knowledge.actors`) on the article's
reference date. Collective actors ('Turkish troops', 'regime forces', 'protesters') are
entities of type GROUP.

Its vocabulary (titles, ranks, honorifics, pronouns, NER corrections, the little words
around names and titles) is `data/entity_rules.yaml`; its speech verbs are the quotes
stage's. Later stages ask `entity_at(doc, token)` for the entity behind a word,
`actor_of(doc, span)` for the actor a subject or object stands for, and
`kb_actor(span, on)` for an actor from the knowledge base alone.

The steps, one module each: `article` (the parsed article as the steps read it), `spans`
(corrected names), `titles` (titles before names), `people`, `pronouns`, `roles`,
`organisations` (the other named entities), `groups` (collective actors), `component`
(the steps in order, and the spaCy factory) and `lookup` (what later stages ask).
"""

from __future__ import annotations

from eventwire.entities.component import EntitiesComponent, find_entities, make_entities
from eventwire.entities.lookup import actor_of, entity_at, kb_actor

__all__ = ["EntitiesComponent", "actor_of", "entity_at", "find_entities", "kb_actor", "make_entities"]
