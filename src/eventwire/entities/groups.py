"""Collective actors ('Turkish troops', 'regime forces', 'protesters'): common nouns the
KB knows as kinds of actors, entities of type GROUP."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.entities.article import ParsedArticle
from eventwire.entities.spans import Cluster, NamedSpan
from eventwire.knowledge.labels import MODIFIER_POS


def find_groups(article: ParsedArticle, taken: set[int]) -> list[Cluster]:
    """'Turkish troops', 'regime forces', 'protesters': common nouns that the KB knows
    as kinds of actors, with the country their words or their context give."""
    clusters: dict[tuple[str, str | None, str], Cluster] = {}
    heads = article.knowledge.agent_heads
    for i in article.nouns:
        token = article.doc[i]
        if i in taken or token.dep_ in ("compound", "amod") or token.lower_ not in heads:
            continue
        found = group_at(article, token, taken)
        if found is None:
            continue
        start, phrase, country, actor_type = found
        key = (phrase, country, actor_type)
        cluster = clusters.get(key)
        if cluster is None:
            cluster = clusters[key] = Cluster("GROUP", country=country, actor_type=actor_type)
            cluster.names.append(article.doc[start : token.i + 1].text)
        cluster.spans.append(NamedSpan(start, token.i + 1, "GROUP"))
    return list(clusters.values())


def group_at(
    article: ParsedArticle, head: Token, taken: set[int] | None = None
) -> tuple[int, str, str | None, str] | None:
    """The collective actor headed by a noun: (first token, phrase, country, type).
    `taken`: the words of named entities ('Kremlin spokesman' is no collective)."""
    knowledge = article.knowledge
    modifiers = [
        t
        for t in head.lefts
        if t.dep_ in ("amod", "compound", "nmod")
        and t.i >= head.i - 3
        and t.pos_ in MODIFIER_POS
        and not t.is_stop
    ]
    if taken is None:
        taken = {t.i for t in modifiers if t.ent_type_ in ("ORG", "PERSON", "FAC")}
    if any(t.i in taken for t in modifiers):
        return None
    start = min([t.i for t in modifiers] + [head.i])
    words = [t for t in article.doc[start : head.i + 1]]
    country = None
    phrase_words = []
    for token in words:
        match = knowledge.country(token.text) if token.is_title or token.is_upper else None
        if match:
            country = country or match.country.iso3
        else:
            phrase_words.append(token.lower_)
    for first in range(len(phrase_words)):
        phrase = " ".join(phrase_words[first:])
        actor_type = knowledge.agent(phrase)
        if actor_type:
            break
    else:
        return None
    # An armed group's country is not the dateline's: a bomber in a Kabul-datelined story
    # may have come from anywhere.
    local_only = actor_type in article.rules.stateless_types
    country = (
        country
        or _possessor_country(article, head)
        or (_origin_country(article, head) if actor_type == CIVILIAN_TYPE else None)
        or (_seat_country(article, head) if head.lower_ not in article.rules.posted_abroad else None)
        or article.context_country(head.i, local_only)
    )
    return start, phrase, country, actor_type


def _possessor_country(article: ParsedArticle, head: Token) -> str | None:
    """The country that owns a collective: "Syria's armed forces"."""
    for child in head.lefts:
        if child.dep_ == "poss":
            match = article.knowledge.country(child.text)
            if match:
                return match.country.iso3
    return None


# Only civilians are of the place they come from: 'its ambassador from Phnom Penh' is
# posted there, and 'the foreign ministers of Costa Rica, Panama and Chile' are several.
CIVILIAN_TYPE = "CVL"


def _origin_country(article: ParsedArticle, head: Token) -> str | None:
    """The country of the place civilians come from: 'fishermen from Jaffna' (a
    proper name after 'from' is taken for a place even where spaCy tags a person),
    'residents of the Isfara district'."""
    return _country_after(article, head, ("from", "of"))


def _seat_country(article: ParsedArticle, head: Token) -> str | None:
    """The country of the place a collective is in: 'authorities in Tehran', 'police in
    Lagos' (before a country other words of the sentence name)."""
    return _country_after(article, head, ("in",))


def _country_after(article: ParsedArticle, head: Token, prepositions: tuple[str, ...]) -> str | None:
    """The country of the first place named after one of the head's prepositions."""
    for preposition in head.rights:
        if preposition.dep_ != "prep" or preposition.lower_ not in prepositions:
            continue
        for name in _proper_names(preposition, any_label=preposition.lower_ == "from"):
            match = article.knowledge.country(name)
            found = match.country.iso3 if match else article.knowledge.place_country(name)
            if found:
                return found
    return None


def _proper_names(phrase: Token, any_label: bool) -> list[str]:
    """The runs of proper nouns in a phrase (only those spaCy tags as places unless
    `any_label`)."""
    names, run = [], []
    for word in phrase.subtree:
        if word.pos_ == "PROPN" and (any_label or word.ent_type_ in ("GPE", "LOC")):
            run.append(word.text)
            continue
        if run:
            names.append(" ".join(run))
        run = []
    return names + ([" ".join(run)] if run else [])
