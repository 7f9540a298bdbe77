"""Across articles: near-duplicate stories, and one event reported by many sources.

Within one run, `dedup.articles` marks a reprint `duplicate_of` an earlier article. Over a whole
store, this stage groups articles into *stories* (an original and its reprints: MinHash
estimate of Jaccard similarity at or above `near_duplicate_threshold`) and merges the
reports of one real-world event into one *event* that lists every article and evidence
sentence reporting it and counts them (PLOVER.md, rule 6).

Two event reports are the same event when they have the same PLOVER type, the same
source and target actors (by country; by name for actors without one), places within
`MERGE_DISTANCE_KM` (or both unknown) and known dates within `MERGE_DAYS`.
A report's date is the day its `when` names; with no `when` at all, the day its article
was published (a wire report with no date tells of the day it was filed); a coarser
`when` ('December') is an unknown day. Negated and hypothetical reports are kept but
never merged or counted.

The functions here are pure; `store` fetches the candidates and writes the results.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventwire.knowledge.geo import haversine_km
from eventwire.records import ActorRef, Event

# Locality-sensitive hashing of the 128-value MinHash signatures of `dedup`: 20 bands
# of 6 values. Two articles share a band with probability 1-(1-J^6)^20: 0.998 at
# Jaccard 0.8 and 0.27 at 0.5, 0.015 at 0.3; the exact estimate then decides. Fixed
# (not derived from the threshold) because the bands are stored.
BANDS = 20
BAND_ROWS = 6
MERGE_DISTANCE_KM = 50.0
MERGE_DAYS = 1


def band_hashes(minhash: Sequence[int]) -> list[int]:
    """One signed 64-bit hash per LSH band of a MinHash signature (empty for no signature)."""
    if len(minhash) < BANDS * BAND_ROWS:
        return []
    hashes = []
    for band in range(BANDS):
        values = minhash[band * BAND_ROWS : (band + 1) * BAND_ROWS]
        digest = hashlib.blake2b(struct.pack(f"<{BAND_ROWS}Q", *values), digest_size=8).digest()
        hashes.append(int.from_bytes(digest, "little", signed=True))
    return hashes


def estimated_jaccard(first: Sequence[int], second: Sequence[int]) -> float:
    """MinHash estimate of the Jaccard similarity of two texts: the share of equal values."""
    if not first or len(first) != len(second):
        return 0.0
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


@dataclass(frozen=True)
class StoryMember:
    """An article already grouped into a story, as story matching needs it."""

    article_id: str
    story_id: str
    minhash: tuple[int, ...]


def closest_story(minhash: Sequence[int], candidates: Iterable[StoryMember], threshold: float) -> str | None:
    """The story of the most similar candidate at or above `threshold`, else None."""
    best: tuple[float, str] | None = None
    for member in candidates:
        score = estimated_jaccard(minhash, member.minhash)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, member.story_id)
    return best[1] if best else None


# ---------------------------------------------------------------------------- events


@dataclass(frozen=True)
class Sighting:
    """What merging compares of one event report: type, actors, day and place."""

    type: str
    source_key: str
    target_key: str
    date: dt.date | None
    lat: float | None
    lon: float | None


def counts(event: Event) -> bool:
    """True for an event that happened or was said: negated and hypothetical ones never count."""
    return not (event.negated or event.hypothetical)


def actor_key(actors: Iterable[ActorRef]) -> str:
    """The actors of one side as merging compares them: sorted countries, names for the rest.

    'Türkiye' and 'Turkish Defence Minister Yasar Guler' are both TUR; the UN has no
    country and is compared by name.
    """
    keys = {actor.country.upper() if actor.country else actor.name.strip().casefold() for actor in actors}
    return "+".join(sorted(keys))


def iso_day(value: str | None) -> dt.date | None:
    """The day of an ISO 8601 value ('2018-09-07', '2018-09-07T10:00'), None for coarser ones."""
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def event_day(event: Event, published: str | None) -> tuple[dt.date | None, str]:
    """The day of an event and the rule that chose it: `when`, else `published`, else `unknown`."""
    if event.when is not None:
        day = iso_day(event.when.value)
        return day, "when" if day else "unknown"
    day = iso_day(published)
    return day, "published" if day else "unknown"


def sighting(event: Event, published: str | None) -> Sighting:
    where = event.where
    return Sighting(
        type=event.type,
        source_key=actor_key(event.source),
        target_key=actor_key(event.target),
        date=event_day(event, published)[0],
        lat=where.lat if where else None,
        lon=where.lon if where else None,
    )


def _day_gap(first: Sighting, second: Sighting) -> int | None:
    """Days between two sightings; None when either is unknown: two undated reports of
    the same kind of act by the same actors are not known to be one event."""
    if first.date is None or second.date is None:
        return None
    return abs((first.date - second.date).days)


def _distance(first: Sighting, second: Sighting) -> float | None:
    """Kilometres between two sightings; 0 when both are unknown, None when only one is."""
    first_known = first.lat is not None and first.lon is not None
    second_known = second.lat is not None and second.lon is not None
    if not first_known and not second_known:
        return 0.0
    if not (first_known and second_known):
        return None
    return haversine_km(first.lat, first.lon, second.lat, second.lon)  # type: ignore[arg-type]


def same_event(first: Sighting, second: Sighting) -> bool:
    """True when two reports tell of the same event (see the module's docstring)."""
    if (first.type, first.source_key, first.target_key) != (
        second.type,
        second.source_key,
        second.target_key,
    ):
        return False
    gap = _day_gap(first, second)
    distance = _distance(first, second)
    return gap is not None and gap <= MERGE_DAYS and distance is not None and distance <= MERGE_DISTANCE_KM


def closest_event(report: Sighting, candidates: Iterable[tuple[str, Sighting]]) -> str | None:
    """The id of the candidate event that `report` is a report of (nearest in time, then space)."""
    matches = [
        (_day_gap(report, known), _distance(report, known), event_id)
        for event_id, known in candidates
        if same_event(report, known)
    ]
    return min(matches)[2] if matches else None  # type: ignore[type-var]
