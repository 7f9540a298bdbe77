"""Who an actor is, across the names the news gives it: the identity that `actors` and the
report's actor pairs count under.

The US government is 'WASHINGTON' in a dateline, 'United States', 'U.S.', 'US' and 'the
White House' in the text: a country's name, alias, adjective or metonym (countries.tsv)
stands for the country in a sector (its stored actor type, else the metonym's, else
GOV), so all five are one actor, United States (USA GOV). An organisation of the
knowledge base is its canonical name ('UN', 'U.N.' -> United Nations). Any other actor is
its name (case aside) with its country and type.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventwire.knowledge.actors import load_actor_kb

# The sector a country's bare name stands for when its actor type is not stored.
COUNTRY_SECTOR = "GOV"


@dataclass(frozen=True)
class ActorIdentity:
    key: str
    name: str
    country: str | None
    actor_type: str | None

    @property
    def label(self) -> str:
        """'United States (USA GOV)', as ActorRef.label shows an actor."""
        codes = " ".join(code for code in (self.country, self.actor_type) if code)
        return f"{self.name} ({codes})" if codes else self.name


@lru_cache(maxsize=65536)
def actor_identity(name: str, country: str | None, actor_type: str | None) -> ActorIdentity:
    """The identity of an actor as stored (name, country code, actor type)."""
    kb = load_actor_kb()
    match = kb.country_match(name)
    if match and (country is None or country.upper() == match.country.iso3):
        sector = actor_type or match.actor_type or COUNTRY_SECTOR
        iso3 = match.country.iso3
        return ActorIdentity(f"country:{iso3}:{sector}", match.country.name, iso3, sector)
    organisation = kb.organisation(name)
    if organisation and (country is None or organisation.country in (None, country)):
        kind = actor_type or organisation.actor_type
        where = country or organisation.country
        return ActorIdentity(f"org:{organisation.name}", organisation.name, where, kind)
    key = f"name:{' '.join(name.casefold().split())}|{country or ''}|{actor_type or ''}"
    return ActorIdentity(key, name, country, actor_type)
