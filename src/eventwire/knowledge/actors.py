"""The dated actor knowledge base: who a name stands for, and in which role on a date.

`load_actor_kb()` reads the files in `eventwire/data/actors/` once per process (see the
README there): countries with their names, adjectives and metonyms; people with roles
that start and end ('Hulusi Akar, TUR defence minister 2018-07-10..2023-06-03'),
converted from PETRARCH2's Phoenix dictionaries and extended by hand to today in
`people_current.yaml`; organisations; and common nouns for kinds of actors ('regime
forces'). Lookups ignore case and accents:

    kb = load_actor_kb()
    kb.person("Lavrov", on="2018-09-04")   # PersonRole(country='RUS', actor_type='GOV', ...)
    kb.country("the Kremlin")              # Country(iso3='RUS', ...)
    kb.organisation("Hamas")               # Organisation(country='PSE', actor_type='REB', ...)
    kb.agent("Syrian regime forces")       # 'MIL'

A role is active from its `start` (inclusive) to its `end` (exclusive): on the day one
defence minister hands over to the next, the new one holds the office.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property, lru_cache, partial
from importlib.abc import Traversable

import yaml

from eventwire.errors import EventwireError
from eventwire.knowledge.files import data_file, read_yaml
from eventwire.knowledge.labels import DETERMINERS
from eventwire.knowledge.names import name_key

ACTOR_TYPES = frozenset(
    "GOV MIL COP SPY JUD LEG PTY OPP REB UAF IGO NGO MED BUS EDU REL LAB REF CVL CRM".split()
)
# Organisations that are of no country unless their own words or the knowledge base name one.
INTERNATIONAL_TYPES = frozenset({"IGO", "NGO"})
# The latest date in the Phoenix dictionaries. A Phoenix role without an end date was
# current then; after this date it may long have ended, so such a role is `stale`.
PHOENIX_LAST_DATE = date(2015, 2, 17)

HAND_MADE_PEOPLE = "people_current.yaml"

# Particles that belong to a surname: 'al-Assad' is looked up as 'assad' and 'al assad'.
SURNAME_PARTICLES = frozenset(
    "al el ad ar as ash at az bin ibn abu de del der di da dos du la le van von".split()
)
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())


class ActorDataError(EventwireError):
    """A row of an actor data file is malformed; the message names the file and the row."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def _country_key(text: str) -> str:
    key = name_key(text)
    return key[4:] if key.startswith("the ") else key


def _as_date(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    if type(value) is str:
        return date.fromisoformat(value)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class Country:
    """A row of countries.tsv. `metonyms` pairs a place with the actor type it stands for."""

    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capital: str | None = None
    metonyms: tuple[tuple[str, str], ...] = ()
    status: str = "member"


@dataclass(frozen=True)
class CountryMatch:
    """How a text names a country: by `name`, `alias`, `adjective` or `metonym`.

    `actor_type` is set for a metonym only ('the Kremlin' -> GOV, 'the Pentagon' -> MIL):
    a name or an adjective says which country, not which of its actors.
    """

    country: Country
    kind: str
    actor_type: str | None = None


@dataclass(frozen=True)
class Role:
    """One office or position a person held: country (None for IGOs and transnational
    groups), PLOVER actor type, title, and the dates it started and ended (None: unknown
    or open). `cameo` keeps the original Phoenix code; `organisation` names the group or
    body for hand-made roles ('Hamas')."""

    country: str | None
    actor_type: str
    title: str | None
    start: date | None
    end: date | None
    source: str
    organisation: str | None = None
    cameo: str | None = None

    def active_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def stale_on(self, day: date) -> bool:
        """Phoenix left this role open; whether it still held after the dictionaries stop is unknown."""
        return (
            self.source == "phoenix"
            and self.end is None
            and self.start is not None
            and day > PHOENIX_LAST_DATE
        )


@dataclass(frozen=True)
class Person:
    """A named person and every role the knowledge base knows for them."""

    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    source: str


@dataclass(frozen=True)
class PersonRole:
    """What `ActorKB.person` answers: a person and the role that applies on the date asked.

    `former` is True when no role was active on that date and this is the last one the
    person held before it ('former Syrian President' in 2025). `stale` is True for an
    open-ended Phoenix role asked about after PHOENIX_LAST_DATE: it may have ended.
    """

    name: str
    country: str | None
    actor_type: str
    title: str | None
    start: date | None
    end: date | None
    former: bool
    stale: bool
    source: str
    organisation: str | None = None
    person: Person | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Period:
    """A span in which an organisation had another country or type (Taliban: REB, then GOV)."""

    country: str | None
    actor_type: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Organisation:
    """An institution, IGO, NGO, company, news outlet or armed group."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    actor_type: str
    source: str
    periods: tuple[Period, ...] = ()

    def on(self, day: date | str) -> Organisation:
        """The organisation with the country and type of the period that covers `day`."""
        when = _as_date(day)
        for period in self.periods:
            if (period.start is None or period.start <= when) and (period.end is None or when < period.end):
                return replace(self, country=period.country, actor_type=period.actor_type)
        return self


# ---------------------------------------------------------------- the knowledge base


class PeopleTable:
    """People kept as rows and turned into `Person` records on first access.

    Building records for all 19,000 people would take most of the load time, while a
    run looks up a few hundred: Phoenix rows stay plain dicts until asked for.
    """

    def __init__(self, rows: list[dict | Person]) -> None:
        self._rows = rows
        self._records: dict[int, Person] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def names(self, number: int) -> tuple[str, ...]:
        """The name and aliases of person `number`, without building its record."""
        row = self._rows[number]
        if isinstance(row, Person):
            return (row.name, *row.aliases)
        return (row["name"], *row.get("aliases", ()))

    def __getitem__(self, number: int) -> Person:
        record = self._records.get(number)
        if record is None:
            row = self._rows[number]
            record = row if isinstance(row, Person) else person_from_row(row, "people.jsonl")
            self._records[number] = record
        return record


class ActorKB:
    """Countries, people, organisations and agents, with lookups by name and date.

    People and every index are read or built on first use, so a caller that only needs
    countries does not pay for the 19,000 people.
    """

    def __init__(
        self,
        countries: Iterable[Country],
        people: Iterable[Person] | PeopleTable | Callable[[], PeopleTable],
        organisations: Iterable[Organisation],
        agents: dict[str, str],
    ) -> None:
        self.countries = tuple(countries)
        self._people_source = people
        self.organisations = tuple(organisations)
        self.agents = dict(agents)

    @cached_property
    def _people(self) -> PeopleTable:
        source = self._people_source
        if callable(source):
            source = source()
        return source if isinstance(source, PeopleTable) else PeopleTable(list(source))

    @property
    def people(self) -> tuple[Person, ...]:
        """Every person (turning all 19,000 rows into records: prefer `person()`)."""
        return tuple(self._people[i] for i in range(len(self._people)))

    # -- countries

    @cached_property
    def _country_index(self) -> dict[str, CountryMatch]:
        tiers: dict[str, dict[str, CountryMatch | None]] = defaultdict(dict)
        for country in self.countries:
            entries = [("name", country.name, None)]
            entries += [("alias", alias, None) for alias in country.aliases]
            entries += [("adjective", adjective, None) for adjective in _with_plurals(country.adjectives)]
            entries += [("metonym", place, actor_type) for place, actor_type in country.metonyms]
            for kind, text, actor_type in entries:
                key = _country_key(text)
                tier = "name" if kind in ("name", "alias") else kind
                known = tiers[tier].get(key, False)
                if known is False:
                    tiers[tier][key] = CountryMatch(country, kind, actor_type)
                elif known is not None and known.country.iso3 != country.iso3:
                    tiers[tier][key] = None  # two countries claim it: ambiguous, not guessed
        index: dict[str, CountryMatch] = {}
        for tier in ("metonym", "adjective", "name"):  # later tiers win
            index.update({k: v for k, v in tiers[tier].items() if v is not None})
        return index

    def country_match(self, text: str) -> CountryMatch | None:
        """How `text` names a country ('Iranian' -> IRN by adjective), or None."""
        return self._country_index.get(_country_key(text))

    def country(self, text: str) -> Country | None:
        """The country a name, alias, adjective or metonym stands for: 'Türkiye', 'the Kremlin'."""
        match = self.country_match(text)
        return match.country if match else None

    def country_by_code(self, iso3: str) -> Country | None:
        return self._country_codes.get(iso3.upper())

    @cached_property
    def _country_codes(self) -> dict[str, Country]:
        return {country.iso3: country for country in self.countries}

    # -- people

    @cached_property
    def _people_by_name(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = defaultdict(list)
        for number in range(len(self._people)):
            for key in {name_key(n) for n in self._people.names(number)}:
                index[key].append(number)
        return dict(index)

    @cached_property
    def _people_by_surname(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = defaultdict(list)
        for number in range(len(self._people)):
            for key in {k for n in self._people.names(number) for k in _surname_keys(n)}:
                index[key].append(number)
        return dict(index)

    def person(self, name: str, on: date | str) -> PersonRole | None:
        """The person `name` stands for on date `on`, with the role that applies then.

        A full name or alias is tried first, then a surname alone ('Lavrov'), which is
        accepted only when one person bearing it stands out on that date (an active role
        beats a stale, undated or former one). The role is the one active on the date,
        else the last one that ended before it (`former=True`); a person whose roles all
        lie after the date is not returned.
        """
        day = _as_date(on)
        key = name_key(name)
        exact = self._people_by_name.get(key)
        if exact:
            return _best_role([self._people[i] for i in exact], day, require_unique=False)
        surname = self._people_by_surname.get(key, [])
        return _best_role([self._people[i] for i in surname], day, require_unique=True)

    # -- organisations

    @cached_property
    def _organisations_by_name(self) -> dict[str, Organisation]:
        index: dict[str, Organisation] = {}
        for organisation in self.organisations:  # hand-made rows come last and win
            for text in (organisation.name, *organisation.aliases):
                index[_country_key(text)] = organisation
        return index

    def organisation(self, name: str, on: date | str | None = None) -> Organisation | None:
        """The organisation `name` stands for; with `on`, its country and type on that date."""
        organisation = self._organisations_by_name.get(_country_key(name))
        if organisation is None or on is None:
            return organisation
        return organisation.on(on)

    # -- agents

    def agent(self, phrase: str) -> str | None:
        """The actor type of a common noun phrase: 'police' -> COP, 'Syrian regime forces' -> MIL.

        Tries the whole phrase, then for 'X of Y' the part before 'of' ('forces of the
        regime' -> 'forces'), then ever shorter endings of the phrase down to its head
        noun ('heavily armed militants' -> 'militants'), each also in the singular.
        """
        words = [w for w in name_key(phrase).split(" ") if w]
        while words and words[0] in DETERMINERS:
            words = words[1:]
        if not words:
            return None
        whole = self._agent_suffix(words, shortest=len(words))
        if whole:
            return whole
        if "of" in words[1:]:
            head = words[: words.index("of", 1)]
            found = self._agent_suffix(head)
            if found:
                return found
        return self._agent_suffix(words)

    def _agent_suffix(self, words: list[str], shortest: int = 1) -> str | None:
        """The type of the longest ending of `words` (at least `shortest` words) that is an agent."""
        for start in range(len(words) - shortest + 1):
            tail = words[start:]
            for candidate in (tail, [*tail[:-1], _singular(tail[-1])]):
                found = self.agents.get(" ".join(candidate))
                if found:
                    return found
        return None


def _with_plurals(adjectives: Iterable[str]) -> list[str]:
    forms = list(adjectives)
    forms += [a + "s" for a in adjectives if a.endswith(("an", "i")) and a + "s" not in forms]
    return forms


def _surname_keys(name: str) -> set[str]:
    words = name_key(name).split(" ")
    while len(words) > 2 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]  # 'Ferdinand Marcos Jr.' is a Marcos
    if len(words) < 2:
        return set()
    keys = {words[-1]}
    if words[-2] in SURNAME_PARTICLES:
        keys.add(" ".join(words[-2:]))
    return keys


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# Ranks of how a person's roles cover a date; higher is a better answer.
_ACTIVE, _STALE, _UNDATED, _FORMER, _NONE = 4, 3, 2, 1, 0


def _standing(person: Person, day: date) -> tuple[int, Role | None]:
    """How `person` stands on `day`, and the role that gives that standing."""
    dated = [r for r in person.roles if r.start or r.end]
    active = [r for r in dated if r.active_on(day)]
    fresh = [r for r in active if not r.stale_on(day)]
    if fresh:
        return _ACTIVE, _pick(fresh)
    if active:
        return _STALE, _pick(active)
    undated = [r for r in person.roles if not (r.start or r.end)]
    if undated:
        return _UNDATED, _pick(undated)
    ended = [r for r in dated if r.end is not None and r.end <= day]
    if ended:
        return _FORMER, max(ended, key=lambda r: (r.end, r.start or date.min))
    return _NONE, None


def _pick(roles: list[Role]) -> Role:
    """Among roles that apply together: hand-made first, then titled, then the latest start."""
    return max(roles, key=lambda r: (r.source != "phoenix", r.title is not None, r.start or date.min))


def _best_role(candidates: list[Person], day: date, require_unique: bool) -> PersonRole | None:
    if not candidates:
        return None
    ranked = [(*_standing(p, day), p) for p in candidates]
    best = max(rank for rank, _, _ in ranked)
    if best == _NONE:
        return None
    top = [(role, p) for rank, role, p in ranked if rank == best]
    if require_unique and len(top) > 1:
        return None
    role, person = max(top, key=lambda rp: (rp[1].source != "phoenix", len(rp[1].roles)))
    return PersonRole(
        name=person.name,
        country=role.country,
        actor_type=role.actor_type,
        title=role.title,
        start=role.start,
        end=role.end,
        former=best == _FORMER,
        stale=best == _STALE,
        source=role.source,
        organisation=role.organisation,
        person=person,
    )


# ---------------------------------------------------------------- loading


def _data_dir() -> Traversable:
    return data_file("actors")


def _read_tsv(path: Traversable) -> list[dict[str, str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def read_countries(path: Traversable) -> list[Country]:
    countries = []
    for row in _read_tsv(path):
        metonyms = []
        for metonym in _split(row["metonyms"]):
            place, _, actor_type = metonym.partition("=")
            metonyms.append((place.strip(), actor_type.strip() or "GOV"))
        countries.append(
            Country(
                iso3=row["iso3"],
                name=row["name"],
                aliases=_split(row["aliases"]),
                adjectives=_split(row["adjectives"]),
                capital=row["capital"] or None,
                metonyms=tuple(metonyms),
                status=row["status"],
            )
        )
    return countries


def _role(raw: dict, source: str, where: Callable[[], str]) -> Role:
    try:
        role = Role(
            country=raw.get("country") or None,
            actor_type=raw["type"],
            title=raw.get("title") or None,
            start=_as_date(raw.get("start")),
            end=_as_date(raw.get("end")),
            source=source,
            organisation=raw.get("organisation") or None,
            cameo=raw.get("cameo") or None,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ActorDataError(where(), f"bad role {raw!r}: {error}") from error
    if role.actor_type not in ACTOR_TYPES:
        raise ActorDataError(where(), f"{role.actor_type!r} is not a PLOVER actor type")
    if role.start and role.end and role.start > role.end:
        raise ActorDataError(where(), f"role {raw!r} ends before it starts")
    return role


def _read_jsonl(path: Traversable) -> list[dict]:
    """All rows of a JSON Lines file, parsed in one call (a third of the time of a loop)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    try:
        return json.loads("[" + ",".join(lines) + "]")
    except json.JSONDecodeError:
        for number, line in enumerate(lines, 1):
            try:
                json.loads(line)
            except json.JSONDecodeError as error:
                raise ActorDataError(f"{path.name} row {number}", f"not JSON: {error}") from error
        raise


def person_from_row(row: dict, file_name: str) -> Person:
    """A `Person` from a people.jsonl row, its roles checked."""
    where = partial("{} ({})".format, file_name, row.get("name"))
    source = row.get("source", "phoenix")
    try:
        roles = tuple(_role(r, source, where) for r in row.get("roles", []))
        return Person(row["name"], tuple(row.get("aliases", [])), roles, source)
    except (KeyError, TypeError) as error:
        raise ActorDataError(where(), f"bad row: {error}") from error


def read_people_yaml(path: Traversable) -> list[Person]:
    try:
        rows = read_yaml(path)
    except yaml.YAMLError as error:
        raise ActorDataError(path.name, f"not valid YAML: {error}") from error
    people = []
    for number, row in enumerate(rows or [], 1):
        where = partial("{} entry {} ({!r})".format, path.name, number, row)
        if not isinstance(row, dict) or not row.get("name"):
            raise ActorDataError(where(), "each entry needs a name and a list of roles")
        source = row.get("source", "eventwire")
        roles = tuple(_role(r, source, where) for r in row.get("roles") or [])
        people.append(Person(row["name"], tuple(row.get("aliases") or ()), roles, source))
    return people


def merge_people(phoenix: list[dict], hand_made: list[Person]) -> list[dict | Person]:
    """Hand-made entries win: a hand-made person who is also in Phoenix (same name or
    alias, and a country in common) keeps Phoenix's closed roles as history, and loses
    Phoenix's open and undated ones, which the hand-made roles bring up to date."""
    wanted = {name_key(n) for p in hand_made for n in (p.name, *p.aliases)}
    last_words = {key.rsplit(" ", 1)[-1] for key in wanted}
    by_name: dict[str, list[int]] = defaultdict(list)
    for number, row in enumerate(phoenix):
        for text in (row["name"], *row.get("aliases", ())):
            # Cheap test first: only names ending in a hand-made last word get a full key.
            last = text.replace("-", " ").rsplit(None, 1)[-1].casefold().strip(".")
            if last in last_words or not text.isascii():
                key = name_key(text)
                if key in wanted:
                    by_name[key].append(number)
    replaced: set[int] = set()
    updated: list[dict | Person] = []
    for person in hand_made:
        countries = {r.country for r in person.roles}
        candidates = {i for n in (person.name, *person.aliases) for i in by_name.get(name_key(n), [])}
        twins = sorted(
            i for i in candidates if countries & {r.get("country") for r in phoenix[i].get("roles", [])}
        )
        history = [
            r for i in twins for r in person_from_row(phoenix[i], "people.jsonl").roles if r.end is not None
        ]
        aliases = [a for i in twins for a in (phoenix[i]["name"], *phoenix[i].get("aliases", ()))]
        replaced.update(twins)
        updated.append(
            Person(
                name=person.name,
                aliases=tuple(
                    dict.fromkeys(
                        a for a in (*person.aliases, *aliases) if name_key(a) != name_key(person.name)
                    )
                ),
                roles=person.roles + tuple(history),
                source=person.source,
            )
        )
    return [row for number, row in enumerate(phoenix) if number not in replaced] + updated


def read_organisations(path: Traversable) -> list[Organisation]:
    organisations = []
    for number, row in enumerate(_read_jsonl(path), 1):
        where = f"{path.name} row {number}"
        try:
            periods = tuple(
                Period(p.get("country"), p["type"], _as_date(p.get("start")), _as_date(p.get("end")))
                for p in row.get("periods", [])
            )
            organisation = Organisation(
                name=row["name"],
                aliases=tuple(row.get("aliases", [])),
                country=row.get("country"),
                actor_type=row["type"],
                source=row.get("source", "phoenix"),
                periods=periods,
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ActorDataError(where, str(error)) from error
        if organisation.actor_type not in ACTOR_TYPES or any(
            p.actor_type not in ACTOR_TYPES for p in periods
        ):
            raise ActorDataError(where, f"{row['type']!r} is not a PLOVER actor type")
        organisations.append(organisation)
    # Hand-made rows last, so that they win in the name index.
    return sorted(organisations, key=lambda o: o.source != "phoenix")


def read_agents(path: Traversable) -> dict[str, str]:
    agents: dict[str, str] = {}
    phoenix_rows = []
    for row in _read_tsv(path):
        if row["plover_type"] not in ACTOR_TYPES:
            raise ActorDataError(
                path.name, f"{row['phrase']!r}: {row['plover_type']!r} is not a PLOVER actor type"
            )
        if row["source"] == "phoenix":
            phoenix_rows.append(row)
        else:
            agents[name_key(row["phrase"])] = row["plover_type"]
    for row in phoenix_rows:
        agents.setdefault(name_key(row["phrase"]), row["plover_type"])
    return agents


def read_people(folder: Traversable) -> PeopleTable:
    """Phoenix's people with the hand-made ones merged in (see `merge_people`)."""
    phoenix = _read_jsonl(folder / "people.jsonl")
    return PeopleTable(merge_people(phoenix, read_people_yaml(folder / HAND_MADE_PEOPLE)))


@lru_cache(maxsize=1)
def load_actor_kb() -> ActorKB:
    """Read the actor data files once per process; people are read on the first person lookup."""
    folder = _data_dir()
    return ActorKB(
        countries=read_countries(folder / "countries.tsv"),
        people=partial(read_people, folder),
        organisations=read_organisations(folder / "organisations.jsonl"),
        agents=read_agents(folder / "agents.tsv"),
    )
