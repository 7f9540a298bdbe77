"""The codes an analyst filters and reads events by: PLOVER types and modes
(data/events/plover_types.yaml), CAMEO codes (data/events/cameo_plover.tsv) and
countries by name or ISO code (data/actors/countries.tsv, through the actor knowledge
base). `eventwire codes` looks them up; the filters of `events`, `export` and `report`
turn what a user types into them, or say what was meant."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

from eventwire.errors import EventwireError
from eventwire.knowledge.files import data_file, read_yaml
from eventwire.knowledge.plover import quad_of


class CodeError(EventwireError):
    """A type, code or country that eventwire does not know; the message lists or suggests."""


@dataclass(frozen=True)
class PloverType:
    name: str
    quad: str
    about: str
    modes: tuple[str, ...]
    cameo: tuple[str, ...]


@dataclass(frozen=True)
class CameoCode:
    code: str
    type: str | None
    mode: str | None
    context: str | None
    about: str


@dataclass(frozen=True)
class TypeFilter:
    """What `--type` selects: a PLOVER type (ASSAULT), or events whose CAMEO code starts
    with a code (19, 190, 1951)."""

    type: str | None = None
    cameo: str | None = None


@lru_cache(maxsize=1)
def plover_types() -> dict[str, PloverType]:
    """The 16 PLOVER types by name, in the codebook's order."""
    table = read_yaml(data_file("events", "plover_types.yaml"))
    return {
        name: PloverType(
            name, quad_of(name), row["about"], tuple(row["modes"]), tuple(str(code) for code in row["cameo"])
        )
        for name, row in table.items()
    }


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code with its PLOVER reading and description, by code."""
    codes = {}
    text = data_file("events", "cameo_plover.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith(("#", "cameo\t")):
            continue
        code, kind, mode, context, about = (line.split("\t") + [""] * 5)[:5]
        codes[code] = CameoCode(code, kind or None, mode or None, context or None, about)
    return codes


def _closest(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=2, cutoff=0.5)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def types_of_word(word: str) -> list[str]:
    """The PLOVER types the event lexicon gives a trigger word ('attack' -> ASSAULT,
    'meet' -> CONSULT) in its plainest senses, those with no condition on the parse."""
    from eventwire.knowledge.event_lexicon import load_event_lexicon

    lexicon = load_event_lexicon()
    lower = word.lower()
    for lemma in dict.fromkeys((lower, lower.removesuffix("s"), lower.removesuffix("es"))):
        senses = [s for s in lexicon.verb_senses(lemma) + lexicon.noun_senses(lemma) if s.coding.type]
        if senses:
            plainest = min(sense.specificity for sense in senses)
            return sorted({s.coding.type for s in senses if s.specificity == plainest and s.coding.type})
    return []


def _suggestion(value: str, types: list[str]) -> str:
    if close := _closest(value, types):
        return close
    meant = types_of_word(value)
    return f"; eventwire codes {value.lower()!r} as {' or '.join(meant)}." if meant else "."


def event_type_filter(value: str) -> TypeFilter:
    """A PLOVER type in any case ('assault') or a CAMEO code ('190', '19'); anything else
    is a CodeError that lists the types and suggests the closest."""
    text = value.strip()
    if text.isdigit():
        if not any(code.startswith(text) or text.startswith(code) for code in cameo_codes()):
            raise CodeError(f"{value!r}: no such CAMEO code (see `eventwire codes` for them)")
        return TypeFilter(cameo=text)
    name = text.upper()
    types = list(plover_types())
    if name not in plover_types():
        raise CodeError(
            f"{value!r} is not a PLOVER event type{_suggestion(name, types)} "
            f"The 16 types: {', '.join(types)}; a CAMEO code (190) also works."
        )
    return TypeFilter(type=name)


def country_code(value: str) -> str:
    """The ISO 3166-1 alpha-3 code of a country given by code ('syr'), name ('Syria',
    'Türkiye') or adjective ('Syrian'); anything else is a CodeError with a suggestion."""
    from eventwire.knowledge.actors import load_actor_kb

    kb = load_actor_kb()
    text = value.strip()
    if len(text) == 3 and (known := kb.country_by_code(text)):
        return known.iso3
    if country := kb.country(text):
        return country.iso3
    names = [country.name for country in kb.countries]
    raise CodeError(
        f"{value!r}: no such country{_closest(text.title(), names)} "
        "Give an ISO 3166-1 alpha-3 code (SYR) or an English name (Syria)."
    )


def country_name(iso3: str | None) -> str | None:
    """The short English name of a country code ('SYR' -> 'Syria'); None when unknown."""
    from eventwire.knowledge.actors import load_actor_kb

    if not iso3:
        return None
    country = load_actor_kb().country_by_code(iso3)
    return country.name if country else None


def lookup(query: str | None) -> tuple[list[PloverType], list[CameoCode]]:
    """What `eventwire codes QUERY` shows: every type for no query; a type by name; the
    types of a mode ('drone'); a CAMEO code and the codes under it ('19'); else the
    types and codes whose description has the words ('air strike')."""
    types, codes = plover_types(), cameo_codes()
    if not query:
        return list(types.values()), []
    text = query.strip()
    if text.isdigit():
        return [], [code for key, code in codes.items() if key.startswith(text)]
    if text.upper() in types:
        kind = types[text.upper()]
        return [kind], [code for code in codes.values() if code.type == kind.name]
    words = text.lower()
    by_mode = [kind for kind in types.values() if words in kind.modes]
    if by_mode:
        return by_mode, [code for code in codes.values() if code.mode == words]
    return (
        [kind for kind in types.values() if words in kind.about.lower()],
        [code for code in codes.values() if words in code.about.lower()],
    )
