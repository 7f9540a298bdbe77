"""Titles before names ('Iranian Foreign Minister', "Kyiv's mayor", 'ousted former
Syrian President'): where a title phrase of the rules ends or starts, the words that
belong to it, and what they say of its holder (role, country, organisation, former)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.entities.article import ParsedArticle
from eventwire.knowledge.actors import Organisation
from eventwire.knowledge.entity_rules import TitleWord
from eventwire.knowledge.labels import MODIFIER_POS, NUMERIC_LABELS, POSSESSIVE_MARKS
from eventwire.knowledge.names import fold

# The longest run of words before a name that can still be its title.
MAX_TITLE_WORDS = 8


def title_length_from(article: ParsedArticle, start: int, stop: int) -> int:
    """Number of words of the longest title phrase starting at token `start`, ending before `stop`."""
    doc, rules = article.doc, article.rules
    if start >= stop or fold(doc[start].text) not in rules.title_starts:
        return 0
    for length in range(min(rules.longest_title, stop - start), 0, -1):
        if rules.title(doc[start : start + length].text):
            return length
    return 0


def title_ending_at(article: ParsedArticle, end: int, floor: int) -> tuple[int, TitleWord] | None:
    """The longest title phrase whose last word is token `end`: (first token, what it is)."""
    doc, rules = article.doc, article.rules
    if end < floor or fold(doc[end].text) not in rules.title_ends:
        return None
    for length in range(min(rules.longest_title, end - floor + 1), 0, -1):
        found = rules.title(doc[end - length + 1 : end + 1].text)
        if found:
            return end - length + 1, found
    return None


@dataclass
class Clue:
    """What the words around one mention say about a person: title, country, former."""

    role: str | None = None
    kind: str | None = None  # office, rank or relation: what the title is
    title_type: str | None = None
    relation: str | None = None
    former: bool | None = None
    country: str | None = None
    organisation: Organisation | None = None
    metonym_type: str | None = None
    possessor: int | None = None
    office_words: frozenset[str] = frozenset()


def _modifier(article: ParsedArticle, token: Token) -> bool:
    """A word that may stand in a title before a name: 'Emergency Management', 'army',
    'Iranian', 'Kremlin', 'former'."""
    if _role_change(article, token) or fold(token.text) in article.rules.title_modifiers:
        return True
    if token.ent_type_ in NUMERIC_LABELS or not (token.is_alpha or "." in token.text):
        return False
    if token.is_title or token.is_upper:
        return token.pos_ in MODIFIER_POS
    return token.pos_ in MODIFIER_POS and not token.is_stop


def title_tokens(article: ParsedArticle, end: int) -> tuple[list[Token], list[Token], Token | None] | None:
    """The title that ends at token `end` and the words before it that belong to it,
    walking left: (title words, possessive owner words, his/her) or None if no title."""
    doc, rules = article.doc, article.rules
    floor = article.sentence_start(end)
    found = title_ending_at(article, end, floor)
    if found is None:
        return None
    words = list(doc[found[0] : end + 1])
    i = found[0] - 1
    while i >= floor and len(words) < MAX_TITLE_WORDS:
        token = doc[i]
        if token.lower_ in rules.possessive_pronouns:
            return words, [], token
        if token.text in POSSESSIVE_MARKS:
            return words, _owner(article, i), None
        if token.text == "-" and i > floor and not token.whitespace_ and not doc[i - 1].whitespace_:
            words.insert(0, token)  # 'Arabic-language spokesman'
            i -= 1
            continue
        title = title_ending_at(article, i, floor)
        if _role_change(article, words[0]) and not _role_change(article, token):
            break  # 'former' opens a title: 'ousted former Syrian President'
        if title:
            words[:0] = doc[title[0] : i + 1]
            i = title[0] - 1
        elif _modifier(article, token) and not _lower_before_capitals(article, token, words[0]):
            words.insert(0, token)
            i -= 1
        else:
            break
    return words, [], None


def _lower_before_capitals(article: ParsedArticle, token: Token, first: Token) -> bool:
    """A lower-case noun before a capitalised title is not part of it: 'a claim
    Guatemalan Interior Minister ...' (but 'army' in 'Ugandan army spokesman' is)."""
    capitalised = first.is_title or first.is_upper
    kept = fold(token.text) in article.rules.title_modifiers or _role_change(article, token)
    return capitalised and token.is_lower and not kept


def _role_change(article: ParsedArticle, token: Token) -> bool:
    """'former', 'ousted', 'new' before a title, not as a verb ('fighters ousted Assad')."""
    if fold(token.text) not in article.rules.role_changes:
        return False
    return token.pos_ != "VERB" or token.dep_ == "amod"


def _owner(article: ParsedArticle, mark: int) -> list[Token]:
    """The words before a possessive mark: "Kyiv's", "the European Union's"."""
    doc = article.doc
    start = mark - 1
    while start > 0 and doc[start - 1].is_title and doc[start].is_title:
        start -= 1
    return list(doc[start:mark])


def read_clue(
    article: ParsedArticle, words: list[Token], owner: list[Token], possessor: Token | None
) -> Clue:
    """Split title words into role, country, organisation and 'former'."""
    clue = Clue(possessor=possessor.i if possessor is not None else None)
    article.title_words.update(t.i for t in words)
    kept: list[Token] = []
    i = 0
    while i < len(words):
        i = _read_word(article, words, i, clue, kept)
    _read_owner(article, owner, clue)
    if kept:
        clue.role = _role_text(article, kept)
    return clue


def _read_word(article: ParsedArticle, words: list[Token], i: int, clue: Clue, kept: list[Token]) -> int:
    """Read the word (or phrase) at words[i] into the clue; return the next position."""
    rules = article.rules
    change = rules.role_changes.get(fold(words[i].text))
    if change:
        clue.former = change == "former" if clue.former is None else clue.former
        return i + 1
    for length in range(min(rules.longest_title, len(words) - i), 0, -1):
        phrase = " ".join(t.text for t in words[i : i + length])
        title = rules.title(phrase)
        if title:
            clue.kind = title.kind if clue.kind != "office" or title.kind == "office" else clue.kind
            if title.kind == "office":
                clue.title_type, clue.office_words = title.value, frozenset(fold(phrase).split())
            elif title.kind == "relation":
                clue.relation = title.value
            elif clue.title_type is None:
                clue.title_type = title.value
            kept.extend(words[i : i + length])
            return i + length
    if words[i].is_title or words[i].is_upper:
        run = 1
        while i + run < len(words) and run < 4 and rules.title(words[i + run].text) is None:
            run += 1
        for length in range(run, 0, -1):
            text = " ".join(t.text for t in words[i : i + length])
            if _read_name(article, text, clue, words[i : i + length], kept):
                return i + length
    kept.append(words[i])
    return i + 1


def _read_name(article: ParsedArticle, text: str, clue: Clue, words: list[Token], kept: list[Token]) -> bool:
    """A country, metonym or organisation inside a title ('Iranian', 'Kremlin', 'IAEA')."""
    match = article.knowledge.country(text)
    if match:
        clue.country = clue.country or match.country.iso3
        if match.kind == "metonym":
            clue.metonym_type = match.actor_type
            kept.extend(words)
        return True
    organisation = article.knowledge.organisation(text, article.day)
    if organisation is not None and len(text) > 1:
        clue.organisation = clue.organisation or organisation
        kept.extend(words)
        return True
    place = article.knowledge.place_country(text)
    if place:
        clue.country = clue.country or place
        kept.extend(words)
        return True
    return False


def _read_owner(article: ParsedArticle, owner: list[Token], clue: Clue) -> None:
    if not owner:
        return
    text = " ".join(t.text for t in owner if t.lower_ != "the")
    match = article.knowledge.country(text)
    if match:
        clue.country = clue.country or match.country.iso3
        return
    organisation = article.knowledge.organisation(text, article.day)
    if organisation is not None:
        clue.organisation = clue.organisation or organisation
        return
    # 'the Israeli army's spokesman': a country word inside an owner the KB does not know
    words = (article.knowledge.country(t.text) for t in owner if t.is_title or t.is_upper)
    word = next(filter(None, words), None)
    clue.country = clue.country or (word.country.iso3 if word else article.knowledge.place_country(text))


def _role_text(article: ParsedArticle, kept: list[Token]) -> str:
    abbreviations = article.rules.title_abbreviations
    parts = []
    for n, token in enumerate(kept):
        adjacent = n + 1 < len(kept) and kept[n + 1].i == token.i + 1 and not token.whitespace_
        parts.append(abbreviations.get(fold(token.text), token.text) + ("" if adjacent else " "))
    return "".join(parts).strip()  # 'Arabic-language spokesman' keeps its hyphen


def title_start_before_comma(article: ParsedArticle, comma: int) -> int | None:
    """Where the title starts that a comma follows, before a name: 'The governor of
    Bryansk region, ...', 'the Minister of Foreign Affairs of the Republic of Rwanda, ...'
    (only joiners, nouns and adjectives between the title and the comma)."""
    doc, rules = article.doc, article.rules
    sentence_start = article.sentence_start(comma)
    floor = max(sentence_start, comma - MAX_TITLE_WORDS)
    j = comma - 1
    while j >= floor:
        found = title_ending_at(article, j, sentence_start)
        if found:
            return found[0]
        if not (doc[j].lower_ in rules.title_joiners or doc[j].pos_ in MODIFIER_POS):
            return None
        j -= 1
    return None
