"""Organisations, countries and metonyms: the named entities that are not people, one
entity per name, with the country their words or their context give."""

from __future__ import annotations

from eventwire.entities.article import ParsedArticle
from eventwire.entities.spans import Cluster, NamedSpan, bare_name
from eventwire.knowledge.actors import INTERNATIONAL_TYPES


def cluster_names(article: ParsedArticle, spans: list[NamedSpan]) -> list[Cluster]:
    """Organisations, countries and metonyms, one entity per name."""
    doc = article.doc
    clusters: dict[tuple[str, str], Cluster] = {}
    for named in spans:
        text = named.span(doc).text
        key = named.organisation.name if named.organisation else bare_name(article.rules, text)
        cluster = clusters.get((named.label, key))
        if cluster is None:
            cluster = clusters[(named.label, key)] = Cluster(named.label)
            cluster.names.append(named.organisation.name if named.organisation else text)
            cluster.country, cluster.actor_type = named.country, named.actor_type
        cluster.spans.append(named)
        if (
            cluster.country is None
            and named.label == "ORG"
            and cluster.actor_type not in (None, "MED", "IGO")
        ):
            cluster.country = _modifier_country(article, named)
            if cluster.country is None and cluster.actor_type not in INTERNATIONAL_TYPES:
                # An NGO's country is never the nearest place's: only its own words say it.
                cluster.country = article.context_country(named.start)
    return list(clusters.values())


def _modifier_country(article: ParsedArticle, named: NamedSpan) -> str | None:
    """The country word just before (or inside) an organisation's name: 'Russian defence
    ministry', 'the Federal Government of Somalia' (spaCy tags no GPE inside an ORG)."""
    found = article.country_within(max(named.start - 2, 0), named.end)
    if found is None:
        found = next(iter(article.countries_in(named.span(article.doc).text)), None)
    return found
