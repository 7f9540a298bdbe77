"""The actor KB and the gazetteer behind one cache, for the stages that ask them the same
few names again and again in an article."""

from __future__ import annotations

from datetime import date
from functools import cached_property, lru_cache

from eventwire.knowledge.actors import ActorKB, CountryMatch, Organisation, PersonRole, load_actor_kb
from eventwire.knowledge.gazetteer import Gazetteer, load_gazetteer
from eventwire.knowledge.names import place_key

# A city smaller than this says nothing sure about the country of a name beside it; nor
# does a district (a county named 'Adams' or 'Jackson' is no sign of a place).
PLACE_POPULATION = 100_000


class Knowledge:
    """The actor KB (and, for places, the gazetteer) behind a cache: articles ask the
    same few names again and again."""

    def __init__(self, kb: ActorKB, gazetteer: Gazetteer | None = None) -> None:
        self.kb = kb
        self.gazetteer = gazetteer
        self._places: dict[str, str | None] = {}
        self._countries: dict[str, CountryMatch | None] = {}
        self._organisations: dict[tuple[str, date | None], Organisation | None] = {}
        self._people: dict[tuple[str, date], PersonRole | None] = {}
        self._agents: dict[str, str | None] = {}

    def country(self, text: str) -> CountryMatch | None:
        if text not in self._countries:
            self._countries[text] = self.kb.country_match(text) if text.strip() else None
        return self._countries[text]

    def organisation(self, text: str, day: date | None) -> Organisation | None:
        key = (text, day)
        if key not in self._organisations:
            self._organisations[key] = self.kb.organisation(text, day) if text.strip() else None
        return self._organisations[key]

    def person(self, name: str, day: date) -> PersonRole | None:
        key = (name, day)
        if key not in self._people:
            self._people[key] = self.kb.person(name, day)
        return self._people[key]

    def agent(self, phrase: str) -> str | None:
        if phrase not in self._agents:
            self._agents[phrase] = self.kb.agent(phrase)
        return self._agents[phrase]

    @cached_property
    def agent_heads(self) -> frozenset[str]:
        """The last words of the KB's agent phrases, also as plurals: a noun not among
        them heads no collective actor, and is not looked up."""
        heads = {phrase.rsplit(" ", 1)[-1] for phrase in self.kb.agents}
        plurals = {w + "s" for w in heads} | {w + "es" for w in heads} | {w[:-1] + "ies" for w in heads}
        return frozenset(heads | plurals)

    def place_country(self, text: str) -> str | None:
        """The country of a region or sizeable city ('Oregon', 'Bryansk'), when the
        gazetteer's candidates point to one country well ahead of any other."""
        if text not in self._places:
            self._places[text] = self._place_country(text)
        return self._places[text]

    def _place_country(self, text: str) -> str | None:
        if self.gazetteer is None:
            return None
        places = [
            p
            for p in self.gazetteer.candidates(place_key(text))
            if p.country
            and (p.feature == "admin1" or (p.feature != "district" and p.population >= PLACE_POPULATION))
        ]
        if not places:
            return None
        places.sort(key=lambda p: -p.population)
        rival = next((p for p in places if p.country != places[0].country), None)
        if rival is not None and rival.population * 2 > places[0].population:
            return None
        return places[0].country


@lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    return Knowledge(load_actor_kb(), load_gazetteer())
