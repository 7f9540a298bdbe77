"""Roles: the role, country and actor type of every person, from the clues around each
mention (a title before the name or a comma, an apposition), checked against the dated
KB, else the article's country."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from eventwire.entities.article import ParsedArticle
from eventwire.entities.people import name_words
from eventwire.entities.spans import Cluster, NamedSpan
from eventwire.entities.titles import (
    MAX_TITLE_WORDS,
    Clue,
    read_clue,
    title_ending_at,
    title_length_from,
    title_start_before_comma,
    title_tokens,
)
from eventwire.knowledge.actors import PersonRole
from eventwire.knowledge.entity_rules import EntityRules
from eventwire.knowledge.names import fold


def mention_clues(article: ParsedArticle, named: NamedSpan) -> Iterator[Clue]:
    """The clues about a person at one mention: the title before the name ('Iranian
    Foreign Minister ...'), or before a comma ("Kyiv's mayor, Vitali Klitschko"), then an
    apposition on either side ('head of the Syrian regime Bashar Assad'; 'Kaja Kallas,
    the European Union's foreign policy chief')."""
    doc = article.doc
    before = named.start - 1
    while before >= 0 and fold(doc[before].text) in article.rules.honorifics:
        before -= 1
    if before >= 0:
        found = title_tokens(article, before)
        if found:
            yield read_clue(article, *found)
        elif doc[before].text == ",":
            clue = _title_before_comma(article, before)
            if clue:
                yield clue
    root = named.span(doc).root
    if root.dep_ in ("appos", "conj") and root.head.i < named.start:
        clue = _apposition_before(article, root.head, named)
        if clue:
            yield clue
    for child in root.children:
        if child.dep_ == "relcl" and child.lemma_ in article.rules.leading_verbs:
            clue = _led_body(article, child)
            if clue:
                yield clue
        if child.dep_ == "appos" and child.i >= named.end:
            clue = _clue_at_title(article, child.i, child.right_edge.i + 1)
            nationality = _nationality_apposition(article, child)
            if clue and nationality and not clue.country:
                clue.country = nationality.country  # 'the Dutch-born UNHCR representative'
            if clue or nationality:
                yield clue or nationality


def _led_body(article: ParsedArticle, verb: Token) -> Clue | None:
    """The country of the body a relative clause says the person leads ('X, who commands
    the Border Guard Bangladesh battalion')."""
    for body in verb.children:
        if body.dep_ == "dobj":
            country = _country_named(article, body.left_edge.i, body.i + 1, places=False)
            if country:
                return Clue(country=country)
    return None


def _nationality_apposition(article: ParsedArticle, head: Token) -> Clue | None:
    """An apposition with no title that gives a nationality: 'an Indonesian explosives
    expert', 'the Dutch-born UNHCR representative', 'the Tanzanian named by Washington',
    'the diplomat from Botswana who heads SAMIM'."""
    knowledge = article.knowledge
    words = [t for t in head.subtree if head.left_edge.i <= t.i <= head.i and (t.is_title or t.is_upper)]
    for token in words:
        match = knowledge.country(token.text)
        if match is not None and match.kind == "adjective":
            return Clue(country=match.country.iso3)
    for preposition in head.rights:
        if preposition.dep_ == "prep" and preposition.lower_ == "from":
            place = next((t for t in preposition.children if t.dep_ == "pobj"), None)
            match = knowledge.country(place.text) if place is not None else None
            if match is not None and match.kind != "adjective":
                return Clue(country=match.country.iso3)
    return None


def _title_before_comma(article: ParsedArticle, comma: int) -> Clue | None:
    """'The governor of Bryansk region, Alexander Bogomaz'; 'the Minister of Foreign
    Affairs of the Republic of Rwanda, H.E. Olivier Nduhungirehe'."""
    start = title_start_before_comma(article, comma)
    return _clue_at_title(article, start, comma) if start is not None else None


def _apposition_before(article: ParsedArticle, head: Token, named: NamedSpan) -> Clue | None:
    """'The governor of Bryansk region, Alexander Bogomaz'; 'head of the Syrian regime
    Bashar Assad' and "ASEAN's special envoy on Myanmar, Othman Hashim" (the name hangs
    from the last noun; the title is further up)."""
    node = head
    for _ in range(3):
        if title_ending_at(article, node.i, node.i) or title_length_from(article, node.i, named.start):
            return _clue_at_title(article, node.i, named.start)
        if node.dep_ != "pobj" or node.head.dep_ != "prep":
            return None
        node = node.head.head
    return None


def _clue_at_title(article: ParsedArticle, i: int, stop: int) -> Clue | None:
    """The clue of a title word at token i, taking in a longer title that starts there
    ('Minister of State'), and the 'of' phrase after it up to `stop`: its country ('of
    the Republic of Rwanda') and, after a word such as 'head', its words ('head of
    Iran's Atomic Energy Organization')."""
    doc, rules = article.doc, article.rules
    end = i + max(title_length_from(article, i, stop), 1) - 1
    found = title_tokens(article, end)
    if found is None:
        return None
    clue = read_clue(article, *found)
    after = end + 1
    if after < stop and doc[after].lower_ == "for" and _speaker_title(rules, doc[end].text):
        # 'a spokesman for Indonesia's Densus 88 unit' speaks for Indonesia ('an envoy for
        # Syria' does not: only a spokesperson's 'for' names their country).
        clue.country = clue.country or _country_named(article, after, min(stop, after + MAX_TITLE_WORDS))
    if after < stop and doc[after].lower_ in rules.title_prepositions:
        tail = min(stop, after + MAX_TITLE_WORDS)
        if doc[after].lower_ in rules.country_prepositions:
            clue.country = clue.country or _country_named(article, after, tail)
        if clue.kind == "relation" and clue.role:
            clue.role = f"{clue.role} {doc[after:tail].text}".rstrip(" ,")
    return clue


def _speaker_title(rules: EntityRules, word: str) -> bool:
    folded = fold(word)
    return rules.title_equivalents.get(folded, folded) == "spokesperson"


def _country_named(article: ParsedArticle, start: int, end: int, places: bool = True) -> str | None:
    """The country of the first country or sizeable place in tokens [start, end),
    tagged or not: 'of Bryansk region', 'of the department of the Mayo-Sava' (a name of
    several words, hyphens included, is tried whole before its first word); with
    `places` False, only a country's name or adjective counts."""
    found = article.country_within(start, end)
    doc = article.doc
    for token in doc[start:end]:
        if found:
            break
        if not token.is_title:
            continue
        for last in range(min(end, token.i + 4), token.i, -1):
            words = doc[token.i : last]
            if not all(w.is_title or w.text == "-" for w in words) or words[-1].text == "-":
                continue
            match = article.knowledge.country(words.text)
            found = match.country.iso3 if match else None
            if found is None and places:  # 'the army's South Litani Sector' names no place
                found = article.knowledge.place_country(words.text)
            if found:
                break
    return found


def assign_roles(article: ParsedArticle, people: list[Cluster], links: dict[int, Cluster]) -> None:
    """Role, country and actor type of every person: the text's clues first, then the
    KB on the article's date, then the article's country."""
    clues = {id(c): [clue for s in c.spans for clue in mention_clues(article, s)] for c in people}
    for cluster in people:
        _settle_person(article, cluster, clues[id(cluster)], links)


def _settle_person(
    article: ParsedArticle, cluster: Cluster, clues: list[Clue], links: dict[int, Cluster]
) -> None:
    """Choose the best clue (an office before a relation before a rank), check the KB's
    answer against it, and set the cluster's role, country and type."""
    office = next((c for c in clues if c.kind == "office"), None)
    best = office or next((c for c in clues if c.kind == "relation"), None) or next(iter(clues), None)
    former = best is not None and (bool(best.former) or best.relation == "former")
    text_country = next((c.country for c in clues if c.country), None)
    possessor = links.get(best.possessor) if best is not None and best.possessor is not None else None
    known = _known_person(article, cluster)
    if known is not None:
        known = _compatible(article, known, office, text_country)
    cluster.role = _role(best, office, known, possessor, former)
    cluster.country = _person_country(article, cluster, best, text_country, possessor, known)
    cluster.actor_type = _person_type(
        article, best, office, known, former or (known is not None and known.former)
    )
    if known is not None and not known.former and not cluster.full_forms():
        cluster.names.insert(0, known.name)
        cluster.forms.insert(0, name_words(known.name, article.rules))


def _known_person(article: ParsedArticle, cluster: Cluster) -> PersonRole | None:
    """The KB's person for a full name of the cluster, longest first; a lone name
    ('Lavrov') only when the text never gives a full one (the KB's only 'Merz' is Swiss)."""
    full = [n for n, f in zip(cluster.names, cluster.forms, strict=False) if len(f) > 1]
    for name in sorted(set(full or cluster.names), key=lambda n: -len(n.split())):
        known = article.knowledge.person(name, article.day)
        if known is not None:
            return known
    return None


def _compatible(
    article: ParsedArticle, known: PersonRole, office: Clue | None, text_country: str | None
) -> PersonRole | None:
    """The KB's answer if it speaks of the person of the text: same country when the text
    names one, and, when the text gives an office, one of the person's roles of that
    date with matching words ('Defense Minister Pedro Sánchez' is not the Spanish prime
    minister; Marco Rubio is Secretary of State as well as National Security Adviser)."""
    if office is None or not office.office_words:
        agrees = not text_country or not known.country or known.country == text_country
        return known if agrees else None
    roles = known.person.roles if known.person is not None else ()
    active = [r for r in roles if r.active_on(article.day)]
    for role in active + [r for r in roles if r not in active]:
        if role.title and _same_office(article.rules, office.office_words, role.title):
            if text_country and role.country and role.country != text_country:
                return None
            ended = not role.active_on(article.day) and role.end is not None and role.end <= article.day
            return replace(
                known, country=role.country, title=role.title, actor_type=role.actor_type, former=ended
            )
    if not known.title and (not text_country or known.country == text_country):
        return known
    return None


def _same_office(rules: EntityRules, text_words: frozenset[str], title: str) -> bool:
    """'Foreign Minister' and 'Minister of Foreign Affairs'; 'spokesperson' and
    'Foreign Ministry Spokesman'."""
    known_words = {rules.title_equivalents.get(w, w) for w in fold(title).split()}
    words = {rules.title_equivalents.get(w, w) for w in text_words}
    for phrase, same in rules.office_synonyms.items():
        if phrase <= words:
            words = (words - phrase) | same  # 'head of State' is the president
    return words <= known_words or known_words <= words


def _role(
    best: Clue | None, office: Clue | None, known: PersonRole | None, possessor: Cluster | None, former: bool
) -> str | None:
    """The text's title when it names an office; else the KB's title; else a title
    taken from the possessor ('his counterpart', 'his predecessor'); else the text's words."""
    if office is not None and office.role:
        role = office.role
        former = former or bool(known and known.former and known.title)
    elif known is not None and known.title:
        role, former = known.title, former or known.former
    elif (
        best is not None and best.relation in ("same", "former") and possessor is not None and possessor.role
    ):
        role = possessor.role.removeprefix("former ")
    elif best is not None and best.role:
        role = best.role
    else:
        return None
    return f"former {role}" if former and not role.lower().startswith("former") else role


def _person_country(
    article: ParsedArticle,
    cluster: Cluster,
    best: Clue | None,
    text_country: str | None,
    possessor: Cluster | None,
    known: PersonRole | None,
) -> str | None:
    if text_country:
        return text_country
    if best is not None and best.organisation is not None:
        return best.organisation.country
    if possessor is not None and best is not None and best.relation != "same" and possessor.country:
        return possessor.country
    if known is not None:
        return known.country
    return article.article_country()


def _person_type(
    article: ParsedArticle, best: Clue | None, office: Clue | None, known: PersonRole | None, former: bool
) -> str:
    """Office type, unless the office is in a non-state body ('Hezbollah leader' REB);
    a former office holder is a civilian (PLOVER: actors have the type of the event's date)."""
    if former:
        return "CVL"
    clue = office or best
    if clue is not None:
        organisation_type = clue.organisation.actor_type if clue.organisation else None
        if organisation_type and organisation_type != "GOV":
            return organisation_type
        if clue.title_type:
            return clue.title_type
        if clue.metonym_type:
            return clue.metonym_type
        agent = article.knowledge.agent(clue.role or "") if clue.role else None
        if agent:
            return agent
    if known is not None:
        return known.actor_type
    return "GOV" if clue is not None and clue.kind == "office" else "CVL"
