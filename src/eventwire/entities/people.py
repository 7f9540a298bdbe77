"""People: PERSON spans clustered into persons (full names, lone surnames and given
names, split names the KB knows), surnames spaCy tagged otherwise or missed, and places
spaCy read as people."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from eventwire.entities.article import ParsedArticle
from eventwire.entities.spans import Cluster, NamedSpan
from eventwire.entities.titles import title_ending_at
from eventwire.knowledge.entity_rules import EntityRules
from eventwire.knowledge.labels import NOUN_SUBJECT_DEPS
from eventwire.knowledge.names import fold, name_key


def name_words(text: str, rules: EntityRules) -> tuple[str, ...]:
    """The words of a name as compared: folded, particles dropped ('al-Assad' -> 'assad'),
    a hyphenated name kept whole ('Fils-Aimé' -> 'fils-aime')."""
    words = []
    for word in text.split():
        parts = [p for p in name_key(word).split() if p]
        while len(parts) > 1 and parts[0] in rules.name_particles:
            parts = parts[1:]
        if parts and not (len(parts) == 1 and parts[0] in rules.name_particles):
            words.append("-".join(parts))
    return tuple(words)


def _same_person(form: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Two full names of one person: same surname, and the same given name or one
    name's words all inside the other's ('Tarek William Saab', 'Tarek Saab')."""
    if form[-1] != other[-1]:
        return False
    return form[0] == other[0] or set(form) <= set(other) or set(other) <= set(form)


def cluster_people(article: ParsedArticle, spans: list[NamedSpan]) -> list[Cluster]:
    """Group PERSON spans into people: full names first, then lone words joined to the
    full name whose surname (or given name) they are, then a lone given name after a
    title joined to a lone surname when the KB knows that person."""
    rules, doc = article.rules, article.doc
    people: list[Cluster] = []
    lone: list[NamedSpan] = []
    for named in spans:
        if named.label != "PERSON":
            continue
        form = name_words(named.span(doc).text, rules)
        if not any(len(word) > 1 for word in form):
            continue
        if len(form) == 1:
            lone.append(named)
            continue
        home = next((c for c in people if any(_same_person(form, f) for f in c.full_forms())), None)
        if home is None:
            home = Cluster("PERSON")
            people.append(home)
        _add(home, named, form, doc)
    for named in lone:
        word = name_words(named.span(doc).text, rules)
        home = _cluster_of_word(people, word[0])
        if home is None:
            home = Cluster("PERSON")
            people.append(home)
        _add(home, named, word, doc)
    _join_split_names(article, people)
    return people


def _add(cluster: Cluster, named: NamedSpan, form: tuple[str, ...], doc: Doc) -> None:
    cluster.spans.append(named)
    cluster.forms.append(form)
    cluster.names.append(named.span(doc).text)


def _cluster_of_word(people: list[Cluster], word: str) -> Cluster | None:
    """The one person whose surname (else given name, else lone name) is `word`."""
    for position in (-1, 0):
        found = [c for c in people if any(f[position] == word for f in c.full_forms())]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    lone = [c for c in people if not c.full_forms() and c.forms and c.forms[0] == (word,)]
    return lone[0] if lone else None


def _join_split_names(article: ParsedArticle, people: list[Cluster]) -> None:
    """'Foreign Minister Sergei warned ... Lavrov said': a lone given name and a lone
    surname are one person when the KB knows that full name, or when both carry the
    same office title."""
    lone = [c for c in people if not c.full_forms()]
    for given in lone:
        for surname in lone:
            if given is surname or not given.spans or not surname.spans:
                continue
            full = f"{given.names[0]} {surname.names[0]}"
            known = article.knowledge.person(full, date.max)
            same_title = _office_words(article, given) & _office_words(article, surname)
            if (known is not None and name_key(known.name).split()[-1] == surname.forms[0][0]) or same_title:
                surname.spans += given.spans
                surname.forms = [name_words(full, article.rules)] + surname.forms + given.forms
                surname.names = [full] + surname.names + given.names
                given.spans, given.forms, given.names = [], [], []
    people[:] = [c for c in people if c.spans]


def _office_words(article: ParsedArticle, cluster: Cluster) -> set[str]:
    titles = set()
    for named in cluster.spans:
        found = title_ending_at(article, named.start - 1, article.sentence_start(named.start))
        if found and found[1].kind == "office":
            titles.add(fold(article.doc[found[0] : named.start].text))
    return titles


def rescue_surnames(article: ParsedArticle, spans: list[NamedSpan], people: list[Cluster]) -> list[NamedSpan]:
    """A name of a person of the article that spaCy tagged ORG/NORP ('Lavrov said' as an
    ORG), or a surname it missed, is a mention of that person. Returns the spans that
    are not people."""
    doc, rules = article.doc, article.rules
    surnames = _people_by_word(people, -1)
    given_names = _people_by_word(people, 0)
    rest = []
    covered = set()
    for named in spans:
        covered.update(range(named.start, named.end))
        if named.label == "PERSON":
            continue
        form = name_words(named.span(doc).text, rules)
        home = None
        if len(form) == 1 and named.label in ("ORG", "NORP") and named.organisation is None:
            home = surnames.get(form[0]) or given_names.get(form[0])
        if home is None:
            rest.append(named)
            continue
        _add(home, NamedSpan(named.start, named.end, "PERSON"), form, doc)
    for i in article.title_names:
        if i in covered:
            continue
        token = doc[i]
        form = name_words(token.text, rules)
        home = surnames.get(form[0]) if len(form) == 1 else None
        if home is None and _known_subject(article, token):
            home = surnames[form[0]] = Cluster("PERSON")
            people.append(home)
        if home is not None:
            _add(home, NamedSpan(token.i, token.i + 1, "PERSON"), form, doc)
    return rest


def _known_subject(article: ParsedArticle, token: Token) -> bool:
    """A name spaCy missed that is the subject of its clause and the surname of one
    person the KB holds in office on the date ('Machado, who has been in hiding, ...')."""
    if token.dep_ not in NOUN_SUBJECT_DEPS or len(token.text) < 3:
        return False
    known = article.knowledge.person(token.text, article.day)
    return known is not None and not (known.former or known.stale)


def _people_by_word(people: list[Cluster], position: int) -> dict[str, Cluster]:
    """Surname (position -1) or given name (0) -> the one person who bears it; a lone
    name counts as a surname."""
    found: dict[str, Cluster | None] = {}
    for cluster in people:
        forms = cluster.full_forms() or (cluster.forms if position == -1 else [])
        for word in {form[position] for form in forms}:
            found[word] = cluster if found.get(word, cluster) is cluster else None
    return {word: cluster for word, cluster in found.items() if cluster is not None}


def drop_places_read_as_people(article: ParsedArticle, people: list[Cluster]) -> list[Cluster]:
    """A name without a title that only follows 'in', 'near', 'around'... or joins a
    list of places, or a lone word that is a sizeable place and never speaks ('seized
    Goma'), is a place spaCy read as a person."""
    return [c for c in people if not _is_place(article, c)]


def _is_place(article: ParsedArticle, cluster: Cluster) -> bool:
    if all(_reads_as_place(article, s) for s in cluster.spans):
        return True
    if cluster.full_forms() or not article.knowledge.place_country(cluster.names[0]):
        return False
    return not any(_titled(article, s) or _speaks(article, s) for s in cluster.spans)


def _titled(article: ParsedArticle, named: NamedSpan) -> bool:
    return named.start > 0 and bool(
        title_ending_at(article, named.start - 1, article.sentence_start(named.start))
    )


def _speaks(article: ParsedArticle, named: NamedSpan) -> bool:
    root = named.span(article.doc).root
    return root.dep_ in NOUN_SUBJECT_DEPS and fold(root.head.lemma_) in article.rules.speech_verbs


def _reads_as_place(article: ParsedArticle, named: NamedSpan) -> bool:
    doc, rules = article.doc, article.rules
    if _titled(article, named):
        return False
    root = named.span(doc).root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
        if root.ent_type_ in ("GPE", "LOC", "FAC"):
            return True
    return root.dep_ == "pobj" and fold(root.head.text) in rules.place_prepositions
