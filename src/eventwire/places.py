"""The places stage: the toponyms of an article resolved against the bundled gazetteer.

`eventwire_places` is a spaCy component; it writes `doc._.ew_places`, one `Place` per
distinct gazetteer entry the article names (its mentions merged), and one per name it
could not resolve, kept with coordinates None and an `unresolved_reason`.

What counts as a toponym:
- spaCy GPE, LOC and FAC entities;
- ORG, NORP and PERSON entities that follow a locative preposition or precede a type
  word ("in Walikale", "Paktika province"), or that are a country's name: the small
  model often gives towns those labels;
- a proper noun spaCy left untagged after a locative preposition ("in Zhanaozen"),
  kept only when the gazetteer knows it in a country the article is about;
- the places of the dateline (`doc._.dateline`: 'MOSCOW', 'ANKARA/BEIRUT',
  'PORTLAND, Ore.'), with a mention where the dateline stands in the text;
- a direction with an area noun ("the northwestern province"), placed in that part of
  the article's main country.

How a name is resolved: every gazetteer entry bearing it is scored by its size
(population, a country above its cities, a capital above its namesakes), by a type word
("Idlib province" asks for an admin1; a bare "Idlib" follows the article's other
mentions of Idlib), and by the article's context: the countries and first-level regions
of its other places, its nationality words and its dateline. A first pass without
context learns the article's countries; the second pass uses them, each name leaving
out what it contributed itself. A small town in a country the article never mentions is
not taken on a name match alone. A direction ("southern Syria") moves the centroid a
third of the area's extent that way and makes the place a region.

Every mention resolves to a place, metonyms included ("Moscow said"): the record is
about where a name points, not about who acted.

`place_for_trigger(doc, trigger)` gives the events stage the place of an event.
"""

from __future__ import annotations

import dataclasses
import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.boundary import GuardedComponent
from eventwire.extensions import register_extensions
from eventwire.knowledge.gazetteer import AREA_FEATURES, Gazetteer, GazetteerEntry, load_gazetteer
from eventwire.knowledge.labels import ARTICLES, POSSESSIVE_MARKS, untagged_proper_noun_runs
from eventwire.knowledge.names import place_key
from eventwire.knowledge.place_words import PlaceWords, load_place_words
from eventwire.layout import paragraph_around
from eventwire.records import EventPlace, Mention, Place

DATELINE = "DATELINE"
UNTAGGED = "UNTAGGED"
DIRECTION = "DIRECTION"
MAX_UNTAGGED_TOKENS = 4
# The longest type word of data/places.yaml in tokens: 'local government area', 'sub-county'.
TYPE_WORD_TOKENS = 3
LARGE_CITY_POPULATION = 250_000

NOT_IN_GAZETTEER = "not in gazetteer"
SMALL_PLACE_UNSUPPORTED = "only small places bear that name, and nothing in the article puts it there"
NO_MAIN_COUNTRY = "a direction with no country the article is about"


@dataclass
class Toponym:
    """A stretch of the body (or of the dateline) that may name a place.

    `text` is as written, with any direction ('southern Syria'); `name` the same
    without an administrative suffix ('Idlib' for 'Idlib province'); `lookup` the
    words looked up ('Syria'). `cue`: a locative preposition, type word or coordinated
    place stands beside it; `subject`: it is the subject of a verb; `root`: the index
    of its head token.
    """

    text: str
    name: str
    lookup: str
    start: int | None
    end: int | None
    label: str
    hint: frozenset[str] = frozenset()
    direction: tuple[int, int] | None = None
    cue: bool = False
    subject: bool = False
    root: int | None = None

    @cached_property
    def key(self) -> str:
        return place_key(self.lookup)


@dataclass
class Group:
    """The toponyms of an article that are resolved together (same name, direction, hint)."""

    key: str
    direction: tuple[int, int] | None
    hint: frozenset[str]
    toponyms: list[Toponym] = field(default_factory=list)
    candidates: list[GazetteerEntry] = field(default_factory=list)
    entry: GazetteerEntry | None = None
    reason: str | None = None

    @property
    def labels(self) -> set[str]:
        return {toponym.label for toponym in self.toponyms}


@dataclass
class Context:
    """What the article says about where it is: weights of countries, admin1 ids."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[str] = field(default_factory=Counter)

    def add(self, entry: GazetteerEntry, weight: int) -> None:
        if entry.country:
            self.countries[entry.country] += weight
        if entry.feature == "admin1":
            self.admin1[entry.id] += weight
        elif entry.admin1:
            self.admin1[entry.admin1] += weight

    def without(self, other: Context) -> Context:
        return Context(self.countries - other.countries, self.admin1 - other.admin1)


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts; the component config sets them."""

    country_bonus: float = 2.0
    capital_bonus: float = 1.5
    admin1_penalty: float = 0.5
    district_penalty: float = 1.5
    curated_floor: float = 6.5
    alternate_name_penalty: float = 1.5
    hint_match: float = 3.0
    hint_mismatch: float = 1.0
    context_country: float = 3.0
    context_country_strong: float = 1.0
    context_admin1: float = 2.0
    namesake_city_inside: float = 2.0
    direction_area: float = 2.5
    small_place_population: int = LARGE_CITY_POPULATION
    village_population: int = 1_000
    sole_city_population: int = 100_000
    sole_city_ratio: float = 10.0


# --- finding toponyms -----------------------------------------------------------------


def _trim(span: Span) -> Span | None:
    """The span without a leading article or a trailing possessive or punctuation."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ARTICLES:
        start += 1
    while end > start and (span.doc[end - 1].lower_ in POSSESSIVE_MARKS or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end] if end > start else None


def _direction_before(doc: Doc, start: int, lexicon: PlaceWords) -> tuple[int, tuple[int, int]] | None:
    """A direction word (or 'north-western') right before token `start`: (its first token, step)."""
    if start >= 3 and doc[start - 2].text == "-":
        joined = doc[start - 3].lower_ + doc[start - 1].lower_
        if joined in lexicon.directions and not doc[start - 3].ent_type_:
            return start - 3, lexicon.directions[joined]
    if start >= 1 and doc[start - 1].lower_ in lexicon.directions and not doc[start - 1].ent_type_:
        return start - 1, lexicon.directions[doc[start - 1].lower_]
    return None


def _preceding_word(doc: Doc, start: int, lexicon: PlaceWords) -> Token | None:
    """The token before a name, past articles and direction words."""
    index = start - 1
    while index >= 0 and (
        doc[index].lower_ in ARTICLES or doc[index].lower_ in lexicon.directions or doc[index].text == "-"
    ):
        index -= 1
    return doc[index] if index >= 0 else None


def _hint(doc: Doc, span: Span, lexicon: PlaceWords, loose: bool = True) -> tuple[frozenset[str], int]:
    """Features a type word around the span asks for, and how many of the span's last
    tokens it is (0 when it stands outside the span: 'Gwoza local government area').
    `loose`: read the type words that also follow names of no place ('territory')."""

    def features(text: str) -> frozenset[str] | None:
        return None if not loose and text in lexicon.loose_type_words else lexicon.type_words.get(text)

    for size in range(min(TYPE_WORD_TOKENS, len(span) - 1), 0, -1):
        found = features(span[-size:].text.lower())
        if found:
            return found, size
    for size in range(min(TYPE_WORD_TOKENS, len(doc) - span.end), 0, -1):
        found = features(doc[span.end : span.end + size].text.lower())
        if found:
            return found, 0
    if span.start >= 2 and doc[span.start - 1].lower_ == "of":
        found = features(doc[span.start - 2].lower_)
        if found:
            return found, 0
    return frozenset(), 0


def entity_toponym(doc: Doc, ent: Span, lexicon: PlaceWords, gazetteer: Gazetteer) -> Toponym | None:
    """The toponym an entity stands for, or None when it is not a place name."""
    if ent.label_ not in lexicon.place_labels and ent.label_ not in lexicon.cue_labels:
        return None
    span = _trim(ent)
    if span is None:
        return None
    hint, hint_inside = _hint(
        doc, span, lexicon, loose=_reads_loose_type_words(ent, span, lexicon, gazetteer)
    )
    if hint_inside and ent.label_ in lexicon.cue_labels:
        # In an organisation's name a type word is part of the name ('Islamic State').
        hint, hint_inside = frozenset(), 0
    preceding = _preceding_word(doc, span.start, lexicon)
    root = span.root
    cue = (
        bool(hint)
        or (preceding is not None and preceding.lower_ in lexicon.locative_prepositions)
        or (root.dep_ == "pobj" and root.head.lower_ in lexicon.locative_prepositions)
        or _object_of_place_verb(root, lexicon)
    )
    if span.text.lower() in lexicon.directions or span.text.lower() in lexicon.demonyms:
        # 'the West', 'Kazakh' (tagged GPE in 'the western Kazakh town of ...'): not places.
        return None
    lookup, direction = _lookup_words(span, hint, hint_inside, lexicon, gazetteer)
    start = span.start
    before = _direction_before(doc, span.start, lexicon) if direction is None else None
    if before is not None:
        start, direction = before
    text_span = doc[start : span.end]
    name_end = span.end - 1 if len(span) > 1 and span[-1].lower_ in lexicon.name_suffixes else span.end
    return Toponym(
        text=text_span.text,
        name=doc[start:name_end].text,
        lookup=lookup.text,
        start=text_span.start_char,
        end=text_span.end_char,
        label=ent.label_,
        hint=hint,
        direction=direction,
        cue=cue,
        subject=root.dep_ in ("nsubj", "nsubjpass"),
        root=root.i,
    )


def _reads_loose_type_words(ent: Span, span: Span, lexicon: PlaceWords, gazetteer: Gazetteer) -> bool:
    """Whether a loose type word after the entity is read: after a place label, or
    after a name the gazetteer knows as a place of a kind such a word asks for
    ('Rutshuru/PERSON territory'; not 'NATO territory', 'Cambodian territory')."""
    if ent.label_ in lexicon.place_labels:
        return True
    kinds = frozenset().union(*(lexicon.type_words[word] for word in lexicon.loose_type_words))
    return any(entry.feature in kinds for entry in gazetteer.candidates(place_key(span.text)))


def _lookup_words(
    span: Span, hint: frozenset[str], hint_inside: int, lexicon: PlaceWords, gazetteer: Gazetteer
) -> tuple[Span, tuple[int, int] | None]:
    """The words to look up and the direction they carry.

    A type word inside the name (its last `hint_inside` tokens) is dropped when the rest
    names a place of that kind, and every such place the whole names ('Idlib province'
    is looked up as Idlib, an admin1, like a bare 'Idlib'; 'Black Sea' stays whole, and
    'Sagaing Region', the admin1, is not the district 'Sagaing'), or of any kind when
    the whole name is unknown ('Walikale Territory' with no such district is the town).
    A leading direction is dropped when the whole name is unknown and the rest names an
    area or a large city ('Southern Syria'; 'South Waterfront' is not south of a
    Waterfront).
    """
    lookup = span[:-hint_inside] if hint_inside else span
    whole = gazetteer.candidates(place_key(span.text))
    if hint_inside:
        of_kind = {
            entry.id for entry in gazetteer.candidates(place_key(lookup.text)) if entry.feature in hint
        }
        if of_kind and {entry.id for entry in whole if entry.feature in hint} <= of_kind:
            return lookup, None
    if whole:
        return span, None
    if hint_inside and gazetteer.candidates(place_key(lookup.text)):
        return lookup, None
    if len(lookup) > 1 and lookup[0].lower_ in lexicon.directions:
        rest = lookup[1:]
        if any(
            entry.feature != "city" or entry.population >= LARGE_CITY_POPULATION
            for entry in gazetteer.candidates(place_key(rest.text))
        ):
            return rest, lexicon.directions[lookup[0].lower_]
    return lookup, None


def token_toponyms(doc: Doc, lexicon: PlaceWords, gazetteer: Gazetteer) -> Iterator[Toponym]:
    """Toponyms spaCy's entities miss: a direction with an area noun ('the northwestern
    province', a part of the article's main country), then the untagged names the
    gazetteer knows (see `untagged_names`)."""
    for token in doc:
        lower = token.lower_
        if lower in lexicon.directions and (lower.endswith("ern") or lower == "central"):
            toponym = _direction_phrase(doc, token, lexicon)
            if toponym is not None:
                yield toponym
    yield from untagged_names(doc, lexicon, gazetteer)


def untagged_names(doc: Doc, lexicon: PlaceWords, gazetteer: Gazetteer) -> Iterator[Toponym]:
    """Runs of capitalised proper nouns spaCy left untagged that the gazetteer knows
    ('in Zhanaozen', 'seized Minova', 'Gajiram and Monguno', 'Kalehe territory'). One is
    a place when a locative preposition stands before it (articles between), a type word
    follows it ('in Gwoza local government area') or it is the object of a verb that
    takes places ('seized', 'shelled', 'fled'), or (see `_cue_conjuncts`) when it is
    coordinated with a place; and, like every untagged name, only in a country the
    article is about."""
    for start, end in untagged_proper_noun_runs(doc, MAX_UNTAGGED_TOKENS):
        span = doc[start:end]
        if gazetteer.candidates(place_key(span.text)):
            hint, _ = _hint(doc, span, lexicon)
            root = span.root
            cue = (
                bool(hint)
                or _after_locative_preposition(doc, start, lexicon)
                or _object_of_place_verb(root, lexicon)
            )
            yield Toponym(
                span.text, span.text, span.text, span.start_char, span.end_char, UNTAGGED,
                hint=hint, cue=cue, subject=root.dep_ in ("nsubj", "nsubjpass"), root=root.i,
            )  # fmt: skip


def _after_locative_preposition(doc: Doc, start: int, lexicon: PlaceWords) -> bool:
    """'in Zhanaozen', 'near the Tuayan': a locative preposition before the name."""
    index = start - 1
    while index >= 0 and doc[index].lower_ in ARTICLES:
        index -= 1
    return index >= 0 and doc[index].pos_ == "ADP" and doc[index].lower_ in lexicon.locative_prepositions


def _object_of_place_verb(root: Token, lexicon: PlaceWords) -> bool:
    """'seized Minova', 'attacked Gajiram': the object of a verb that takes places."""
    return root.dep_ == "dobj" and root.head.pos_ == "VERB" and root.head.lemma_ in lexicon.place_verbs


def _direction_phrase(doc: Doc, token: Token, lexicon: PlaceWords) -> Toponym | None:
    if token.i + 1 >= len(doc) or token.ent_type_:
        return None
    following = doc[token.i + 1]
    if following.lower_ not in lexicon.area_nouns:
        return None
    if following.i + 1 < len(doc) and doc[following.i + 1].lower_ == "of":
        return None  # 'the northwestern province of Idlib' names Idlib
    span = doc[token.i : following.i + 1]
    direction = lexicon.directions[token.lower_]
    return Toponym(span.text, span.text, "", span.start_char, span.end_char, DIRECTION, direction=direction)


def dateline_toponyms(doc: Doc, lexicon: PlaceWords) -> list[Toponym]:
    """The places of `doc._.dateline`, each with its offsets where it heads the body."""
    dateline = (doc._.dateline or "").strip()
    if not dateline:
        return []
    head, _, qualifier = dateline.partition(",")
    parts = [part.strip() for part in head.split("/") if part.strip()]
    qualifier = qualifier.strip()
    if qualifier:
        parts.append(qualifier)
    window = _head_text(doc, len(dateline) + 80)
    toponyms = []
    for part in parts:
        lookup = lexicon.dateline_states.get(place_key(part), part) if part == qualifier else part
        found = window.find(part)
        start, end = (found, found + len(part)) if found >= 0 else (None, None)
        toponyms.append(Toponym(part, lookup, lookup, start, end, DATELINE, cue=True))
    return toponyms


def _head_text(doc: Doc, characters: int) -> str:
    """The first `characters` or so of the text, without building all of `doc.text`."""
    end = 0
    while end < len(doc) and doc[end].idx < characters:
        end += 1
    return doc[:end].text if end else ""


def _coordinated_parts(doc: Doc, ent: Span, gazetteer: Gazetteer) -> list[Span]:
    """An entity that joins names with 'and' or commas, each of which the gazetteer knows
    while the whole is unknown ('Niger and Burkina Faso'/ORG), as one span per name."""
    if gazetteer.candidates(place_key(ent.text)) or not any(t.lower_ in ("and", ",") for t in ent):
        return [ent]
    parts, start = [], ent.start
    for token in ent:
        if token.lower_ in ("and", ","):
            parts.append((start, token.i))
            start = token.i + 1
    parts.append((start, ent.end))
    spans = [Span(doc, first, last, label=ent.label_) for first, last in parts if last > first]
    known = all(gazetteer.candidates(place_key(span.text)) for span in spans)
    return spans if len(spans) > 1 and known else [ent]


def find_toponyms(doc: Doc, lexicon: PlaceWords, gazetteer: Gazetteer) -> list[Toponym]:
    """Every toponym of the doc, the dateline's first; no two overlap."""
    toponyms = dateline_toponyms(doc, lexicon)
    toponyms += [
        toponym
        for ent in doc.ents
        for part in _coordinated_parts(doc, ent, gazetteer)
        if (toponym := entity_toponym(doc, part, lexicon, gazetteer)) is not None and toponym.lookup
    ]
    _cue_conjuncts(doc, toponyms, lexicon)
    toponyms += token_toponyms(doc, lexicon, gazetteer)
    taken: set[int] = set()  # offsets of the characters a kept toponym covers
    kept = []
    for toponym in toponyms:
        if toponym.start is not None and toponym.end is not None:
            covered = range(toponym.start, toponym.end)
            if not taken.isdisjoint(covered):
                continue
            taken.update(covered)
        kept.append(toponym)
    return kept


def _cue_conjuncts(doc: Doc, toponyms: list[Toponym], lexicon: PlaceWords) -> None:
    """A name coordinated with a place is used as a place too: 'rallied in Caracas,
    Maracaibo/PERSON and Valencia/PERSON', 'the Torkham and Chaman/ORG crossings'."""
    placed = {
        toponym.root
        for toponym in toponyms
        if toponym.root is not None and (toponym.cue or toponym.label in lexicon.place_labels)
    }
    for toponym in toponyms:
        if toponym.cue or toponym.root is None:
            continue
        token = doc[toponym.root]
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
            if token.i in placed:
                toponym.cue = True
                break


# --- resolving ------------------------------------------------------------------------


def prior(entry: GazetteerEntry, key: str, weights: Weights) -> float:
    """How likely a name means this entry before reading the article: its size and rank."""
    score = math.log10(max(entry.population, 1000))
    if entry.feature == "country":
        score += weights.country_bonus
    elif entry.feature == "admin1":
        score -= weights.admin1_penalty
    elif entry.feature == "district":
        # A bare name in news is the town more often than the district around it.
        score -= weights.district_penalty
    if entry.capital:
        score += weights.capital_bonus
    if entry.curated:
        score = max(score, weights.curated_floor)
    elif entry.feature == "city" and key != place_key(entry.name):
        score -= weights.alternate_name_penalty
    return score


def _inside(entry: GazetteerEntry, area: GazetteerEntry) -> bool:
    south, north, west, east = area.extent
    return south <= entry.lat <= north and west <= entry.lon <= east


def score(entry: GazetteerEntry, group: Group, context: Context, weights: Weights) -> float:
    value = prior(entry, group.key, weights)
    if group.hint:
        value += weights.hint_match if entry.feature in group.hint else -weights.hint_mismatch
    elif group.direction not in (None, (0, 0)):
        # 'northern Idlib' is the north of the province, not of the town.
        value += weights.direction_area if entry.feature in AREA_FEATURES else 0.0
    elif entry.feature in ("admin1", "district") and any(
        other.feature == "city" and other.country == entry.country and _inside(other, entry)
        for other in group.candidates
    ):
        # 'Idlib' alone is the city; the province is 'Idlib province' ('Gwoza LGA').
        value -= weights.namesake_city_inside
    if entry.country and context.countries[entry.country] > 0:
        value += weights.context_country
        if context.countries[entry.country] >= 3:
            value += weights.context_country_strong
    admin1 = entry.id if entry.feature == "admin1" else entry.admin1
    if admin1 and context.admin1[admin1] > 0:
        value += weights.context_admin1
    return value


def ranked_entries(group: Group, context: Context, weights: Weights) -> list[GazetteerEntry]:
    """The group's candidates, most likely first."""
    return sorted(
        group.candidates,
        key=lambda entry: (score(entry, group, context, weights), entry.population, entry.id),
        reverse=True,
    )


def best_entry(group: Group, context: Context, weights: Weights) -> GazetteerEntry | None:
    ranked = ranked_entries(group, context, weights)
    return ranked[0] if ranked else None


def _supported(entry: GazetteerEntry, group: Group, context: Context, weights: Weights) -> bool:
    """Whether the article backs this entry beyond its name matching.

    A country, capital or curated place needs nothing more. A name spaCy did not tag
    as a place needs a country the article is about, and a preposition, type word or
    coordinated place beside it, or (as ORG or PERSON, not the subject of a verb) to
    be a large city: 'seized Goma/PERSON', 'Kyiv/PERSON's mayor'. A small town needs
    its country in the article and a preposition, type word, dateline or its region
    beside it ('Carney said' is not Carney, Maryland), or a preposition in an article
    that names no country; so does a built district ('Gwoza LGA'). A village (under
    `village_population`) needs a type word or its region rather than a preposition
    ('the village of Sotk', 'near Krynky ... in the Kherson region'). A city that
    dwarfs every namesake abroad needs only a preposition (`_sole_city`). A facility
    name ('White House') is never a small town.
    """
    labels = group.labels
    lexicon = load_place_words()
    in_context = bool(entry.country and context.countries[entry.country] > 0)
    in_region = bool(entry.admin1 and context.admin1[entry.admin1] > 0)
    cue = _cue(entry, group, in_region, weights)
    if UNTAGGED in labels or not labels & (lexicon.place_labels | {DATELINE}):
        large = (
            entry.capital
            or (entry.feature in AREA_FEATURES and not _town_like(entry))
            or entry.population >= weights.small_place_population
        )
        named_like_a_city = (
            large and labels & {"ORG", "PERSON"} and not all(t.subject for t in group.toponyms)
        ) or (entry.capital and in_context and bool(labels & {"ORG", "PERSON", "NORP"}))  # "Kigali rejects"
        # 'linking Ijevan with Noyemberyan' in a story about Tavush: a town of a region
        # the article names needs no preposition.
        in_named_region = in_region and bool(labels & {UNTAGGED, "ORG"}) and entry.feature == "city"
        if entry.capital and cue:
            return True  # 'put under house arrest in Niamey/ORG' in a story that never names Niger
        return (in_context or entry.feature == "country" or entry.curated) and (
            cue or bool(named_like_a_city) or in_named_region
        )
    if entry.curated or entry.capital or entry.feature == "country":
        return True
    if not _town_like(entry):
        return True
    if entry.population >= weights.small_place_population:
        return in_context or labels != {"FAC"}
    if labels == {"FAC"}:
        return False
    if cue and _sole_city(entry, group, weights):
        return True  # 'put under house arrest in Sousse' in a story that never names Tunisia
    return (in_context and (in_region or cue or DATELINE in labels)) or (cue and not context.countries)


def _sole_city(entry: GazetteerEntry, group: Group, weights: Weights) -> bool:
    """A city of `sole_city_population` people or more, `sole_city_ratio` times larger
    than any other place of the name: what the name means wherever the story is set."""
    if entry.population < weights.sole_city_population:
        return False
    others = [c.population for c in group.candidates if c is not entry and c.country != entry.country]
    return all(entry.population >= weights.sole_city_ratio * other for other in others)


def _cue(entry: GazetteerEntry, group: Group, in_region: bool, weights: Weights) -> bool:
    """A preposition, type word, place verb or coordinated place beside the name; for a
    village (under `village_population` people) only a type word ('the village of Sotk')
    or its region named in the article: many more names than villages follow 'in'."""
    if entry.feature == "city" and not entry.curated and 0 < entry.population < weights.village_population:
        return in_region or any(toponym.hint for toponym in group.toponyms)
    return any(toponym.cue for toponym in group.toponyms)


def _town_like(entry: GazetteerEntry) -> bool:
    """A town, or a district of the built file (most are a town's surroundings, and
    their names are as ambiguous): the article must back it like a town."""
    return entry.feature == "city" or (entry.feature == "district" and not entry.curated)


def group_toponyms(toponyms: Iterable[Toponym], gazetteer: Gazetteer) -> list[Group]:
    """Toponyms grouped by name, direction and hint; a bare name takes the hints of its
    other mentions ('Idlib' after 'Idlib province' is the province)."""
    hints: dict[str, set[str]] = defaultdict(set)
    for toponym in toponyms:
        hints[toponym.key] |= toponym.hint
    groups: dict[tuple, Group] = {}
    for toponym in toponyms:
        hint = toponym.hint or frozenset(hints[toponym.key])
        identity = (toponym.key, toponym.direction, hint, toponym.label == DIRECTION)
        if identity not in groups:
            groups[identity] = Group(toponym.key, toponym.direction, hint)
            if toponym.label != DIRECTION:
                groups[identity].candidates = gazetteer.candidates(toponym.key) or _variant_candidates(
                    toponym.key, gazetteer
                )
        groups[identity].toponyms.append(toponym)
    return list(groups.values())


def transliteration_variants(key: str, lexicon: PlaceWords) -> list[str]:
    """Other spellings of an Arabic name's key: without its article, with the article as
    a sun letter turns it ('al turbah' -> 'at turbah'), with or without a final 'h'
    ('al khawkha' -> 'al khawkhah')."""
    words = key.split()
    core = " ".join(words[1:]) if len(words) > 1 and words[0] in lexicon.arabic_articles else key
    cores = [core]
    cores.append(core[:-1] if core.endswith("ah") else core + "h" if core.endswith("a") else core)
    variants = []
    for stem in dict.fromkeys(cores):
        sun = next((letter for letter in lexicon.sun_letters if stem.startswith(letter)), None)
        articles = [f"a{sun}"] if sun else []
        variants += [*(f"{article} {stem}" for article in (*articles, *lexicon.arabic_articles)), stem]
    return [variant for variant in dict.fromkeys(variants) if variant != key]


def _variant_candidates(key: str, gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """The entries of the first other spelling the gazetteer knows; only names of the
    Arab world's countries are respelt, so a 'Hawban' is not matched in Brazil."""
    lexicon = load_place_words()
    if not (key.split()[0] in lexicon.arabic_articles or key.endswith(("a", "ah"))):
        return []
    for variant in transliteration_variants(key, lexicon):
        found = [
            entry for entry in gazetteer.candidates(variant) if entry.country in lexicon.arabic_countries
        ]
        if found:
            return found
    return []


def article_context(doc: Doc, groups: list[Group], weights: Weights) -> tuple[Context, dict[int, Context]]:
    """The article's context from a first pass, and what each group put into it."""
    total = Context()
    lexicon = load_place_words()
    for ent in doc.ents:
        iso3 = lexicon.demonyms.get(ent.text.lower())
        if ent.label_ == "NORP" and iso3:
            total.countries[iso3] += 1
    own: dict[int, Context] = {}
    for number, group in enumerate(groups):
        entry = best_entry(group, Context(), weights)
        contribution = Context()
        if entry is not None and _confident(entry, group, weights):
            weight = len(group.toponyms) + (1 if DATELINE in group.labels else 0)
            contribution.add(entry, weight)
        own[number] = contribution
        total.countries.update(contribution.countries)
        total.admin1.update(contribution.admin1)
    return total, own


def _confident(entry: GazetteerEntry, group: Group, weights: Weights) -> bool:
    if len(group.candidates) == 1 and group.labels & (load_place_words().place_labels | {DATELINE}):
        return True
    return (
        entry.feature in AREA_FEATURES
        or entry.capital
        or entry.curated
        or entry.population >= weights.small_place_population
    )


def resolve_groups(doc: Doc, groups: list[Group], weights: Weights, gazetteer: Gazetteer) -> None:
    """Choose each group's entry (or its reason for none), with the article's context."""
    total, own = article_context(doc, groups, weights)
    for number, group in enumerate(groups):
        if DIRECTION in group.labels:
            continue
        context = total.without(own[number])
        if not group.candidates:
            group.reason = NOT_IN_GAZETTEER
            continue
        # The most likely entry the article backs: a bare 'Idlib' in a story that never
        # names Syria is the province (an area) rather than the town.
        supported = (
            entry
            for entry in ranked_entries(group, context, weights)
            if _supported(entry, group, context, weights)
        )
        group.entry = next(supported, None)
        group.reason = None if group.entry else SMALL_PLACE_UNSUPPORTED
    main = _main_country(groups, total, gazetteer)
    for group in groups:
        if DIRECTION in group.labels:
            group.entry = main
            group.reason = None if main else NO_MAIN_COUNTRY


def _main_country(groups: list[Group], context: Context, gazetteer: Gazetteer) -> GazetteerEntry | None:
    for group in groups:
        if DATELINE in group.labels and group.entry and group.entry.country:
            dateline_country = group.entry.country
            break
    else:
        dateline_country = None
    if not context.countries:
        return gazetteer.country(dateline_country) if dateline_country else None
    ranked = sorted(context.countries.items(), key=lambda item: (-item[1], item[0] != dateline_country))
    return gazetteer.country(ranked[0][0])


# --- building records -----------------------------------------------------------------


def offset_point(entry: GazetteerEntry, direction: tuple[int, int]) -> tuple[float, float]:
    """The centroid moved a third of the entry's extent toward `direction`, kept inside it."""
    south, north, west, east = entry.extent
    north_step, east_step = direction
    lat = min(max(entry.lat + north_step * (north - south) / 3, south), north)
    lon = min(max(entry.lon + east_step * (east - west) / 3, west), east)
    return round(lat, 4), round(lon, 4)


def _direction_name(direction: tuple[int, int]) -> str:
    north, east = direction
    return ({1: "north", -1: "south", 0: ""}[north] + {1: "east", -1: "west", 0: ""}[east]) or "centre"


def _display_name(toponyms: list[Toponym], entry: GazetteerEntry | None) -> str:
    """The name as the body writes it most often, else as the dateline does (its
    capitals only when the gazetteer has no better: 'COTABATO CITY' is 'Cotabato City').
    A country's official long form is its short name ('Republic of Armenia': Armenia)."""
    name = None
    for allowed in (lambda t: t.label != DATELINE, lambda t: not t.text.isupper()):
        written = [toponym.name for toponym in toponyms if allowed(toponym)]
        if written:
            name = Counter(written).most_common(1)[0][0]
            break
    if name is None:
        if entry is None or toponyms[0].direction is not None:
            return toponyms[0].name
        same = place_key(entry.name) == place_key(toponyms[0].name)
        return entry.name if same else toponyms[0].name.title()
    if entry is not None and entry.feature == "country" and toponyms[0].direction is None:
        long_form = place_key(name) != place_key(entry.name) and place_key(name).endswith(
            " " + place_key(entry.name)
        )
        return entry.name if long_form else name
    return name


def build_places(groups: list[Group]) -> list[Place]:
    """One Place per distinct entry (and direction), or per unresolved name."""
    merged: dict[tuple, list[Group]] = defaultdict(list)
    for group in groups:
        identity = (group.entry.id, group.direction) if group.entry else ("", group.key, group.reason)
        merged[identity].append(group)
    drafts = []
    for parts in merged.values():
        toponyms = [toponym for group in parts for toponym in group.toponyms]
        if parts[0].entry is None:
            toponyms = [toponym for toponym in toponyms if _named_as_place(toponym)]
            if not toponyms:
                continue
        mentions = sorted(
            {Mention(t.text, t.start, t.end) for t in toponyms if t.start is not None and t.end is not None},
            key=lambda mention: (mention.start, mention.end),
        )
        drafts.append((parts[0], toponyms, tuple(mentions)))
    drafts.sort(key=lambda draft: (not draft[2], draft[2][0].start if draft[2] else 0))
    return [_place(f"P{number}", *draft) for number, draft in enumerate(drafts, start=1)]


def _named_as_place(toponym: Toponym) -> bool:
    """Whether an unresolved toponym still stands for a place: spaCy tagged it as one,
    or a type word says so ('the village of Qaryat Zorvandi/PERSON')."""
    return toponym.label in load_place_words().place_labels | {DATELINE, DIRECTION} or bool(toponym.hint)


def _place(ident: str, group: Group, toponyms: list[Toponym], mentions: tuple[Mention, ...]) -> Place:
    entry = group.entry
    name = _display_name(toponyms, entry)
    if entry is None:
        return Place(ident, name, None, None, None, None, None, None, mentions, group.reason)
    if group.direction is None:
        return Place(
            ident,
            name,
            entry.country,
            entry.lat,
            entry.lon,
            entry.id,
            entry.feature,
            entry.precision,
            mentions,
        )
    lat, lon = offset_point(entry, group.direction)
    gazetteer_id = f"{entry.id}#{_direction_name(group.direction)}"
    return Place(ident, name, entry.country, lat, lon, gazetteer_id, "region", "region", mentions)


def find_places(doc: Doc, weights: Weights | None = None) -> list[Place]:
    """The places of a parsed doc (its `doc._.dateline` included)."""
    weights = weights or Weights()
    gazetteer = load_gazetteer()
    groups = group_toponyms(find_toponyms(doc, load_place_words(), gazetteer), gazetteer)
    resolve_groups(doc, groups, weights, gazetteer)
    return build_places(groups)


class PlacesComponent(GuardedComponent):
    """spaCy component: sets `doc._.ew_places` to the doc's places."""

    def __init__(self, nlp: Language, name: str, weights: Weights) -> None:
        self.name = name
        self.weights = weights

    def annotate(self, doc: Doc) -> Doc:
        doc._.ew_places = tuple(find_places(doc, self.weights))
        return doc


@Language.factory(
    "eventwire_places",
    requires=["doc.ents", "token.dep", "doc._.ew_paragraphs"],
    assigns=["doc._.ew_places"],
    default_config={"weights": dataclasses.asdict(Weights())},
)
def make_places(nlp: Language, name: str, weights: dict[str, float]) -> PlacesComponent:
    """`nlp.add_pipe("eventwire_places")`; `config={"weights": {...}}` tunes `Weights`
    (a partial table keeps the other defaults)."""
    register_extensions()
    return PlacesComponent(nlp, name, Weights(**weights))


# --- the place of an event ------------------------------------------------------------


def place_for_trigger(doc: Doc, trigger: Token) -> EventPlace | None:
    """Where the event of `trigger` happened, and by which rule.

    `trigger-attached`: a place in the trigger's subtree behind in/at/near/on/against/to
    ('shelled villages in southern Idlib'; for a noun trigger also such a phrase on
    its verb: 'launched strikes in Idlib'); else `paragraph`: the place mentioned
    nearest to the trigger in its sentence, else in its paragraph; else `dateline`; else None.
    """
    located = located_mentions(doc)
    attached = _attached_place(trigger, located, load_place_words())
    if attached is not None:
        return _event_place(attached, "trigger-attached")
    nearest = _paragraph_place(doc, trigger, located)
    if nearest is not None:
        return _event_place(nearest, "paragraph")
    dateline = _dateline_place(doc)
    return _event_place(dateline, "dateline") if dateline is not None else None


@dataclass(frozen=True)
class LocatedMentions:
    """The mentions of the document's places that have coordinates, in text order, with
    their start offsets for bisecting: worked out once per document, as a long document
    has thousands of triggers."""

    places: tuple[tuple[Mention, Place], ...]
    starts: tuple[int, ...]

    def between(self, low: int, high: int) -> tuple[tuple[Mention, Place], ...]:
        """The mentions that start in [low, high)."""
        return self.places[bisect_left(self.starts, low) : bisect_left(self.starts, high)]


def located_mentions(doc: Doc) -> LocatedMentions:
    """The located mentions of the doc's places, kept for the last doc asked about (its
    triggers come one after another; a cache on the doc would travel between processes)."""
    places = doc._.ew_places
    if _LAST_LOCATED and _LAST_LOCATED[0] is places:
        return _LAST_LOCATED[1]
    located = sorted(
        ((mention, place) for place in places if place.lat is not None for mention in place.mentions),
        key=lambda item: item[0].start,
    )
    found = LocatedMentions(tuple(located), tuple(mention.start for mention, _ in located))
    _LAST_LOCATED[:] = [places, found]
    return found


_LAST_LOCATED: list = []


def _event_place(place: Place, rule: str) -> EventPlace:
    return EventPlace(place.name, place.country, place.lat, place.lon, place.id, rule, place.precision)


def _depth(token: Token, root: Token) -> int:
    depth = 0
    while token != root and token.head != token:
        token = token.head
        depth += 1
    return depth


def _attached_place(trigger: Token, located: LocatedMentions, lexicon: PlaceWords) -> Place | None:
    prepositions = sorted(
        (
            token
            for token in trigger.subtree
            if token.dep_ == "prep" and token.lower_ in lexicon.attachment_prepositions
        ),
        key=lambda token: (_depth(token, trigger), token.i),
    )
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        prepositions += [
            token
            for token in trigger.head.children
            if token.dep_ == "prep" and token.lower_ in lexicon.attachment_prepositions
        ]
    for preposition in prepositions:
        for obj in preposition.children:
            if obj.dep_ != "pobj":
                continue
            inside = located.between(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
            if inside:
                return inside[0][1]
    return None


def _paragraph_place(doc: Doc, trigger: Token, located: LocatedMentions) -> Place | None:
    start, end = paragraph_around(doc, trigger.idx)
    sentence = trigger.sent
    inside = [
        (
            not sentence.start_char <= mention.start < sentence.end_char,
            abs(mention.start - trigger.idx),
            place,
        )
        for mention, place in located.between(start, end)
    ]
    return min(inside, key=lambda item: item[:2])[2] if inside else None


def _dateline_place(doc: Doc) -> Place | None:
    dateline = (doc._.dateline or "").strip()
    if not dateline:
        return None
    first = place_key(dateline.partition(",")[0].split("/")[0])
    for place in doc._.ew_places:
        names = {place_key(place.name), *(place_key(mention.text) for mention in place.mentions)}
        if place.lat is not None and first in names:
            return place
    return None
