"""Pronouns: 'he said' linked to the last person who spoke or acted, 'his' to the person
just mentioned."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.entities.article import ParsedArticle
from eventwire.entities.spans import Cluster
from eventwire.knowledge.labels import NOUN_SUBJECT_DEPS
from eventwire.knowledge.names import fold

SUBORDINATE_DEPS = frozenset({"relcl", "acl", "advcl"})
# How far back 'he said' looks for the last person who spoke or acted, in sentences.
SPEAKER_REACH = 3


def link_pronouns(article: ParsedArticle, people: list[Cluster]) -> dict[int, Cluster]:
    """'he told Reuters' -> the last person mentioned as a subject (within a few
    sentences), else the last person mentioned in the previous sentence. Only he/she as
    the subject of a speech verb is linked as a mention; his/her are returned too, for
    roles ('his Foreign Minister'), but are not mentions. Returns token -> person."""
    doc, rules = article.doc, article.rules
    events = sorted(
        [(s.start, s.span(doc).root, cluster) for cluster in people for s in cluster.spans]
        + [(i, doc[i], None) for i in article.pronouns],
        key=lambda event: event[0],
    )
    last_subject: tuple[int, Cluster] | None = None
    seen: list[tuple[int, Cluster]] = []
    links: dict[int, Cluster] = {}
    for i, token, cluster in events:
        sentence = article.sentence(i)
        if cluster is not None:
            seen.append((sentence, cluster))
            if token.dep_ in NOUN_SUBJECT_DEPS and _in_main_clause(token):
                last_subject = (sentence, cluster)
            continue
        antecedent = _antecedent(article, token, sentence, last_subject, seen)
        if antecedent is None:
            continue
        links[i] = antecedent
        if token.lower_ in rules.speaker_pronouns:
            antecedent.pronouns.append(i)
            last_subject = (sentence, antecedent)
    return links


def _in_main_clause(token: Token) -> bool:
    """Not inside a relative or adverbial clause: in 'X, whose term ended when Y was sworn
    in, addressed the crowd. She ...', she is X."""
    return not any(t.dep_ in SUBORDINATE_DEPS for t in token.ancestors)


def _antecedent(
    article: ParsedArticle,
    token: Token,
    sentence: int,
    last_subject: tuple[int, Cluster] | None,
    seen: list[tuple[int, Cluster]],
) -> Cluster | None:
    rules = article.rules
    if token.lower_ in rules.speaker_pronouns:
        if token.dep_ not in NOUN_SUBJECT_DEPS or fold(token.head.lemma_) not in rules.speech_verbs:
            return None
        if last_subject and sentence - last_subject[0] <= SPEAKER_REACH:
            return last_subject[1]
        previous = [c for s, c in seen if s == sentence - 1]
        return previous[-1] if previous else None
    if token.dep_ != "poss":
        return None
    near = [c for s, c in seen if sentence - 1 <= s <= sentence]
    return near[-1] if near else None
