"""The spaCy component: `find_entities` runs the steps of the stage over a parsed doc,
and the `eventwire_entities` factory writes its entities on the Doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.boundary import GuardedComponent
from eventwire.entities.article import ParsedArticle
from eventwire.entities.groups import find_groups
from eventwire.entities.organisations import cluster_names
from eventwire.entities.people import cluster_people, drop_places_read_as_people, rescue_surnames
from eventwire.entities.pronouns import link_pronouns
from eventwire.entities.roles import assign_roles
from eventwire.entities.spans import Cluster, named_spans
from eventwire.extensions import register_extensions
from eventwire.knowledge.entity_rules import EntityRules, load_entity_rules
from eventwire.knowledge.lookups import Knowledge, load_knowledge
from eventwire.records import Entity, Mention


def find_entities(
    doc: Doc, rules: EntityRules | None = None, knowledge: Knowledge | None = None
) -> list[Entity]:
    """The entities of a parsed article, ids in order of first mention; also records in
    `doc._.ew_entity_index` which entity each of their words belongs to."""
    article = ParsedArticle.of(doc, rules or load_entity_rules(), knowledge or load_knowledge())
    spans = named_spans(article)
    people = cluster_people(article, spans)
    others = rescue_surnames(article, spans, people)
    people = drop_places_read_as_people(article, people)
    people.sort(key=lambda c: c.first)
    links = link_pronouns(article, people)
    assign_roles(article, people, links)
    named = people + cluster_names(article, others)
    taken = {i for c in named for s in c.spans for i in range(s.start, s.end)} | article.title_words
    clusters = sorted(named + find_groups(article, taken), key=lambda c: c.first)
    entities = [_entity(article, f"e{n}", c) for n, c in enumerate(clusters, 1)]
    index = {}
    for position, cluster in enumerate(clusters):
        for named_span in cluster.spans:
            index.update(dict.fromkeys(range(named_span.start, named_span.end), position))
        index.update(dict.fromkeys(cluster.pronouns, position))
    doc._.ew_entity_index = index
    doc._.ew_entity_context = article.context()
    return entities


def _entity(article: ParsedArticle, entity_id: str, cluster: Cluster) -> Entity:
    doc = article.doc
    mentions = [(s.start, s.end) for s in cluster.spans] + [(i, i + 1) for i in cluster.pronouns]
    records = []
    for start, end in sorted(set(mentions)):
        span = doc[start:end]
        records.append(Mention(span.text, span.start_char, span.end_char))
    return Entity(
        id=entity_id,
        name=_canonical_name(cluster),
        type=cluster.label,
        country=cluster.country,
        role=cluster.role,
        actor_type=cluster.actor_type,
        mentions=tuple(records),
    )


def _canonical_name(cluster: Cluster) -> str:
    """An organisation's KB name or first name; a person's longest full name in the text
    (the KB may spell it otherwise: 'Sergey Lavrov')."""
    if cluster.label != "PERSON":
        return cluster.names[0]
    return max(cluster.names, key=lambda n: (len(n.split()), len(n), -cluster.names.index(n)))


class EntitiesComponent(GuardedComponent):
    """The spaCy component: writes `doc._.ew_entities` (a list of `records.Entity`)."""

    def __init__(self, nlp: Language, name: str, rules_path: str | None = None) -> None:
        self.name = name
        self.rules = load_entity_rules(rules_path)
        self._knowledge: Knowledge | None = None

    @property
    def knowledge(self) -> Knowledge:
        if self._knowledge is None:
            self._knowledge = load_knowledge()
        return self._knowledge

    def annotate(self, doc: Doc) -> Doc:
        doc._.ew_entities = find_entities(doc, self.rules, self.knowledge)
        return doc


@Language.factory(
    "eventwire_entities",
    requires=["doc.ents", "doc.sents", "token.dep", "token.tag", "token.lemma", "doc._.ew_paragraphs"],
    assigns=["doc._.ew_entities", "doc._.ew_entity_index", "doc._.ew_entity_context"],
    # null: the bundled data/entity_rules.yaml
    default_config={"rules_path": None},
)
def make_entities(nlp: Language, name: str, rules_path: str | None) -> EntitiesComponent:
    """spaCy factory: people, organisations and groups with country, role and actor type."""
    register_extensions()
    return EntitiesComponent(nlp, name, rules_path)
