"""Named spans: spaCy's names corrected for news (an outlet read as a person, 'Defense'
alone as an ORG, a dateline or a city read as an organisation, 'Lavrov said' as an ORG, a
name cut short or opened by a title), and the clusters that gather the mentions of one
entity."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from spacy.tokens import Doc, Span, Token

from eventwire.entities.article import ParsedArticle
from eventwire.entities.titles import title_ending_at, title_length_from, title_start_before_comma
from eventwire.knowledge.actors import CountryMatch, Organisation
from eventwire.knowledge.entity_rules import EntityRules
from eventwire.knowledge.labels import NAME_LABELS, NOMINAL_POS, POSSESSIVE_MARKS, untagged_proper_noun_runs
from eventwire.knowledge.names import fold


@dataclass
class NamedSpan:
    """A name found in the text after correction, in token offsets."""

    start: int
    end: int
    label: str
    country: str | None = None
    actor_type: str | None = None
    organisation: Organisation | None = None

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


@dataclass
class Cluster:
    """The mentions of one entity. `forms` are the name keys seen (tuples of words)."""

    label: str
    spans: list[NamedSpan] = field(default_factory=list)
    pronouns: list[int] = field(default_factory=list)
    forms: list[tuple[str, ...]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    country: str | None = None
    role: str | None = None
    actor_type: str | None = None

    @property
    def first(self) -> int:
        return min([s.start for s in self.spans] + self.pronouns)

    def full_forms(self) -> list[tuple[str, ...]]:
        return [f for f in self.forms if len(f) > 1]


def _trimmed(article: ParsedArticle, start: int, end: int, label: str) -> tuple[int, int, bool]:
    """The name inside an NER span: no leading article, title or honorific, no trailing
    possessive or punctuation, nothing after a line break. The flag says whether a title
    or honorific introduced it ('H.E. Thérèse Kayikwamba Wagner' is a person)."""
    doc, rules = article.doc, article.rules
    for i in range(start, end):
        if doc[i].is_space or "\n" in doc[i].text:
            end = i
            break
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].text in POSSESSIVE_MARKS or doc[end - 1].is_space
    ):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].lower_ in rules.span_openers):
        start += 1
    first = start
    if label in ("PERSON", "ORG"):
        start = _after_titles(article, start, end)
    while start < end and fold(doc[start].text) in rules.honorifics:
        start += 1
    introduced = start > first or (start > 0 and fold(doc[start - 1].text) in rules.honorifics)
    while start < end and doc[start].is_lower and doc[start].is_stop:
        start += 1
    while end > start and doc[end - 1].is_lower and doc[end - 1].is_stop:
        end -= 1
    return start, end, introduced


def _after_titles(article: ParsedArticle, start: int, end: int) -> int:
    """Skip title words and honorifics that spaCy put inside a name ('Counsellor Aung
    San Suu Kyi', 'H.E. Dr. Mohammed ...'), keeping at least one word."""
    doc, rules = article.doc, article.rules
    while start < end - 1:
        word = fold(doc[start].text)
        if word in rules.honorifics or word in rules.role_changes:
            start += 1
            continue
        length = title_length_from(article, start, end - 1)
        if not length:
            break
        start += length
    return start


def _whole_name(article: ParsedArticle, start: int, end: int) -> tuple[int, int]:
    """A person's name with the parts spaCy left out: 'Attorney General Tarek [William
    Saab]', '[Alix Didier] Fils-Aimé'."""
    doc = article.doc
    while start > 0 and _name_part(article, doc[start - 1]):
        start -= 1
    while end < len(doc):
        if _name_part(article, doc[end]) and doc[end - 1].whitespace_:
            end += 1
        elif _joins(doc, end) and _name_part(article, doc[end + 1]):
            end += 2
        else:
            break
    return start, end


def _joins(doc: Doc, i: int) -> bool:
    """A hyphen inside a word ('Fils-Aimé')."""
    return doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_ and i + 1 < len(doc)


def _name_part(article: ParsedArticle, token: Token) -> bool:
    rules = article.rules
    return (
        token.pos_ == "PROPN"
        and token.is_title
        and token.ent_type_ in ("", "PERSON", "ORG")
        and title_ending_at(article, token.i, max(token.i - rules.longest_title, 0)) is None
        and fold(token.text) not in rules.honorifics
        and article.knowledge.country(token.text) is None
    )


def named_spans(article: ParsedArticle) -> list[NamedSpan]:
    """spaCy's names after correction, and the countries they mention."""
    spans: list[NamedSpan] = []
    countries: list[tuple[int, str]] = []
    for ent in article.doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end, introduced = _trimmed(article, ent.start, ent.end, ent.label_)
        if start >= end:
            continue
        if _in_dateline(article, ent):
            end = _dateline_end(article, start, end)
            country = article.dateline_country
            named = NamedSpan(start, end, "GPE", country, "GOV" if country else None)
        else:
            named = _corrected(article, NamedSpan(start, end, ent.label_), introduced)
        if named is None:
            continue
        if named.label == "PERSON":
            named.start, named.end = _whole_name(article, named.start, named.end)
        if named.label == "GPE" and named.country is None:
            named.country = article.knowledge.place_country(named.span(article.doc).text)
        if named.country and named.label != "PERSON" and named.actor_type != "MED":
            countries.append((named.span(article.doc).root.i, named.country))
        if named.label != "COUNTRY_WORD":
            spans.append(named)
    article.note_countries(countries)
    spans += _untagged_titled_names(article)
    spans = _without_overlaps(spans)
    _organisations_read_as_people(article, spans)
    return spans


def _untagged_titled_names(article: ParsedArticle) -> list[NamedSpan]:
    """Names spaCy did not tag at all that the text marks as people: after a title or
    rank ('Colonel Abdou Sanda Garba', 'Deputy Governor of Tavush Karen Mkrtchyan') or
    before a title in apposition ('Vahe Ohanyan, the administrative head of ...')."""
    doc = article.doc
    found = []
    for start, end in untagged_proper_noun_runs(doc, MAX_NAME_WORDS, partial(_could_be_name, article)):
        if end - start < 2:
            continue
        span = doc[start:end]
        if (
            _is_titled_name(article, span)
            or _title_in_apposition(article, end)
            or _title_before_comma(article, start)
        ):
            found.append(NamedSpan(start, end, "PERSON"))
    return found


MAX_NAME_WORDS = 4


def _could_be_name(article: ParsedArticle, token: Token) -> bool:
    """A capitalised proper noun that is neither a country nor a title word."""
    return (
        article.knowledge.country(token.text) is None and title_ending_at(article, token.i, token.i) is None
    )


def _title_before_comma(article: ParsedArticle, start: int) -> bool:
    """'The administrative head of Kirants, Vahe Ohanyan': a title, then a comma, then the name."""
    comma = start - 1
    if comma <= 0 or article.doc[comma].text != ",":
        return False
    return title_start_before_comma(article, comma) is not None


def _title_in_apposition(article: ParsedArticle, end: int) -> bool:
    """', the administrative head of Kirants,' after a name: a title within a few words."""
    doc = article.doc
    if end >= len(doc) or doc[end].text != ",":
        return False
    for k in range(end + 1, min(end + 6, len(doc))):
        if doc[k].is_punct:
            return False
        found = title_ending_at(article, k, end + 1)
        if found is not None and found[1].kind in ("office", "rank"):
            return True
    return False


def _without_overlaps(spans: list[NamedSpan]) -> list[NamedSpan]:
    """A person's name made whole ('Alix Didier' + 'Fils-Aimé') takes the words of the
    span it swallowed."""
    people = {i for s in spans if s.label == "PERSON" for i in range(s.start, s.end)}
    kept = [s for s in spans if s.label == "PERSON" or people.isdisjoint(range(s.start, s.end))]
    kept.sort(key=lambda s: (s.start, -s.end))
    result: list[NamedSpan] = []
    for named in kept:
        if result and named.start < result[-1].end:
            continue
        result.append(named)
    return result


def _organisations_read_as_people(article: ParsedArticle, spans: list[NamedSpan]) -> None:
    """'Georgian Dream' read as a person in an article that also names the 'Georgian
    Dream party' is that organisation."""
    doc, rules = article.doc, article.rules
    organisations: dict[str, NamedSpan] = {}
    for named in spans:
        if named.label == "ORG":
            organisations.setdefault(bare_name(rules, named.span(doc).text), named)
    for named in spans:
        twin = organisations.get(bare_name(rules, named.span(doc).text)) if named.label == "PERSON" else None
        if twin is not None:
            named.label, named.country, named.actor_type = "ORG", twin.country, twin.actor_type
            named.organisation = twin.organisation


def bare_name(rules: EntityRules, text: str) -> str:
    """An organisation's name as compared: folded, without 'the' or a generic tail
    ('the Georgian Dream party' -> 'georgian dream')."""
    key = fold(text).removeprefix("the ")
    for suffix in rules.org_suffixes:
        key = key.removesuffix(" " + suffix)
    return key


def _in_dateline(article: ParsedArticle, ent: Span) -> bool:
    """'KABUL' of 'KABUL, Afghanistan (AP) —', which spaCy reads as an ORG (or 'VILNIUS -
    Newly' of 'VILNIUS - Newly appointed ...')."""
    dateline = fold(article.doc._.dateline or "")
    if not dateline or ent.start_char > len(dateline):
        return False
    text = fold(ent.text)
    return text in dateline or text.startswith(dateline)


def _dateline_end(article: ParsedArticle, start: int, end: int) -> int:
    """The span cut where the dateline ends."""
    limit = article.doc[start].idx + len(article.doc._.dateline or "")
    while end - 1 > start and article.doc[end - 1].idx >= limit:
        end -= 1
    return end


def _corrected(article: ParsedArticle, named: NamedSpan, introduced: bool = False) -> NamedSpan | None:
    """What a span really is: a country or metonym, an outlet, a person, or nothing.
    `introduced`: a title or honorific stood before it."""
    rules, knowledge = article.rules, article.knowledge
    span = named.span(article.doc)
    text = span.text
    if fold(text) in rules.never_alone or not any(c.isalpha() for c in text):
        return None
    if title_length_from(article, span.start, span.end) == len(span):
        return None  # a title or rank read as a name ('Brig.' tagged GPE)
    match = knowledge.country(text)
    if match:
        return _country_span(named, span, match)
    organisation = _organisation(article, span)
    if (organisation is not None and organisation.actor_type == "MED") or _names_outlet(article, span):
        country = organisation.country if organisation else None
        return NamedSpan(named.start, named.end, "ORG", country, "MED", organisation)
    if named.label == "PERSON":
        return _person_or_nothing(article, named, span, organisation)
    if organisation is not None:
        return NamedSpan(
            named.start, named.end, "ORG", organisation.country, organisation.actor_type, organisation
        )
    titled = (
        introduced
        or _is_titled_name(article, span)
        or _has_role_apposition(article, span)
        or _has_who_clause(span)
    )
    if named.label == "ORG" and _name_cased(article, span) and titled:
        return NamedSpan(named.start, named.end, "PERSON")
    if named.label in ("ORG", "GPE") and _all_title_case(span) and _person_name(article, span):
        return NamedSpan(named.start, named.end, "PERSON")
    if named.label == "ORG":
        actor_type = _org_type(article, span)
        place = None if actor_type else knowledge.place_country(text)
        if place:  # 'Peshawar', 'Sinaloa' read as organisations
            return NamedSpan(named.start, named.end, "GPE", place)
        return NamedSpan(named.start, named.end, "ORG", actor_type=actor_type)
    if named.label == "GPE" and _capitalised(span):
        return named
    return None


def _capitalised(span: Span) -> bool:
    return span[0].is_title or span[0].is_upper


def _country_span(named: NamedSpan, span: Span, match: CountryMatch) -> NamedSpan | None:
    """'Iranian' (an adjective) marks a country; 'Iranians' or 'Moscow' names an actor."""
    iso3 = match.country.iso3
    if match.kind == "adjective":
        is_noun = span.root.pos_ in NOMINAL_POS and span.root.dep_ not in ("amod", "compound")
        label = "NORP" if is_noun and span.root.text.endswith("s") else "COUNTRY_WORD"
        return NamedSpan(named.start, named.end, label, iso3, "CVL" if label == "NORP" else None)
    actor_type = match.actor_type or "GOV"
    is_building = (
        match.kind == "metonym" and named.label in ("ORG", "FAC") and match.country.capital != span.text
    )
    label = "ORG" if is_building else "GPE"
    return NamedSpan(named.start, named.end, label, iso3, actor_type)


def _organisation(article: ParsedArticle, span: Span) -> Organisation | None:
    """The KB's organisation for a name, also without a generic tail ('news agency')."""
    knowledge, rules = article.knowledge, article.rules
    found = knowledge.organisation(span.text, article.day)
    if found is None:
        words = span.text.split()
        for suffix in rules.org_suffixes:
            length = len(suffix.split())
            if len(words) > length and fold(" ".join(words[-length:])) == suffix:
                return knowledge.organisation(" ".join(words[:-length]), article.day)
    return found


def _person_or_nothing(
    article: ParsedArticle, named: NamedSpan, span: Span, organisation: Organisation | None
) -> NamedSpan | None:
    """A PERSON span that is exactly an organisation's name (not one of its aliases: the
    KB lists 'Nasrallah' under Hezbollah) becomes that ORG; one made of common words
    ('Riot police', 'Patriot systems') is dropped."""
    exact = organisation is not None and fold(organisation.name) == fold(span.text)
    if exact and article.knowledge.person(span.text, article.day) is None:
        return NamedSpan(
            named.start, named.end, "ORG", organisation.country, organisation.actor_type, organisation
        )
    root = span.root
    if len(span) == 1 and root.dep_ == "compound" and root.head.is_lower and root.head.pos_ == "NOUN":
        return None
    if len(span) == 1 and span.start > 0 and article.doc[span.start - 1].lower_ == "the":
        return NamedSpan(named.start, named.end, "ORG", actor_type=_org_type(article, span))
    return NamedSpan(named.start, named.end, "PERSON")


def _names_outlet(article: ParsedArticle, span: Span) -> bool:
    """'Interfax news agency', 'the Svobodnaya Pressa website': a name with a media noun."""
    doc, rules = article.doc, article.rules
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if after not in rules.media_words and span[-1].lower_ not in rules.media_words:
        return False
    for length in (2, 1):
        tail = doc[span.end : span.end + length]
        if len(tail) == length and fold(tail.text) in rules.media_heads:
            return True
        inside = span[-length:]
        if len(span) > length and fold(inside.text) in rules.media_heads:
            return True
    return False


def _person_name(article: ParsedArticle, span: Span) -> bool:
    """'Lavrov said' tagged ORG, 'Machado, who ...' tagged GPE: a name the KB knows as a
    person's (for a GPE: a person in office on the date, and no place of that name)."""
    known = article.knowledge.person(span.text, article.day)
    if known is None or span.root.ent_type_ != "GPE":
        return known is not None
    return not (known.former or known.stale) and article.knowledge.place_country(span.text) is None


def _all_title_case(span: Span) -> bool:
    return all(t.is_title or not t.is_alpha for t in span)


def _name_cased(article: ParsedArticle, span: Span) -> bool:
    """Every word capitalised but a name's particles ('Marieke de Vries')."""
    return all(t.is_title or not t.is_alpha or fold(t.text) in article.rules.name_particles for t in span)


def _has_role_apposition(article: ParsedArticle, span: Span) -> bool:
    """An ORG span followed by a title in apposition is a person: 'Marieke de Vries, the
    Dutch-born UNHCR representative, said ...'."""
    return any(
        child.dep_ == "appos"
        and child.i >= span.end
        and title_ending_at(article, child.i, child.left_edge.i) is not None
        for child in span.root.children
    )


def _has_who_clause(span: Span) -> bool:
    """'Tal Shalev, who heads the kibbutz's emergency squad': 'who' is said of people."""
    return any(
        child.dep_ == "relcl"
        and any(t.lower_ == "who" and t.dep_ in ("nsubj", "nsubjpass") for t in child.children)
        for child in span.root.children
    )


def _is_titled_name(article: ParsedArticle, span: Span) -> bool:
    """An ORG span right after an office title is a person ('President Kassym-Jomart Tokayev')."""
    if span.start == 0:
        return False
    found = title_ending_at(article, span.start - 1, article.sentence_start(span.start))
    return found is not None and found[1].kind in ("office", "rank")


def _org_type(article: ParsedArticle, span: Span) -> str | None:
    """The type of an organisation the KB does not know, from its words ('defence ministry')."""
    rules = article.rules
    words = fold(span.text).split()
    for length in (2, 1):
        for start in range(len(words) - length, -1, -1):
            found = rules.org_words.get(" ".join(words[start : start + length]))
            if found:
                return found
    return None
