"""Merging reports of one event: within a sentence (actors among another's, an outcome
participle, a promise told by its content) and across an article (PLOVER.md rule 6)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from eventwire.events.actors import same_actor
from eventwire.events.candidates import Candidate
from eventwire.events.ontology import SYMMETRIC_TYPES
from eventwire.knowledge.calendar import date_interval
from eventwire.records import ActorRef, EventTime


def countries(actors: Iterable[ActorRef]) -> frozenset[str]:
    return frozenset(a.country or a.name.lower() for a in actors)


def actor_keys(candidate: Candidate) -> tuple[frozenset[str], frozenset[str]]:
    source, target = countries(candidate.source), countries(candidate.target)
    if candidate.coding.type in SYMMETRIC_TYPES:
        return source | target, frozenset()
    return source, target


def same_status(a: Candidate, b: Candidate) -> bool:
    return a.coding.type == b.coding.type and (a.negated, a.hypothetical) == (b.negated, b.hypothetical)


def distinct_acts(a: Candidate, b: Candidate) -> bool:
    """Two acts of different modes told by words apart from each other: a travel ban and
    a house arrest in one sentence are two acts of repression, while 'launched air
    strikes' is one act however its two triggers code it."""
    modes = {a.coding.mode, b.coding.mode} - {None}
    if len(modes) < 2:
        return False
    if a.sentence.start != b.sentence.start:
        return True
    words_a = [t for t in (a.trigger.token, a.trigger.noun) if t is not None]
    words_b = [t for t in (b.trigger.token, b.trigger.noun) if t is not None]
    return not any(governs(x, y) or governs(y, x) for x in words_a for y in words_b)


def governs(head: Token, word: Token) -> bool:
    """Whether `word` is `head` or lies in its subtree."""
    while True:
        if word.i == head.i:
            return True
        if word.head.i == word.i:
            return False
        word = word.head


def adds(actors: list[ActorRef], present: list[ActorRef]) -> list[ActorRef]:
    """The actors that bring a country (or name) not yet present."""
    return [a for a in actors if not same_actor(a, present) and countries([a]) - countries(present)]


def contains(a: Candidate, b: Candidate) -> bool:
    """b's actors are among a's (b tells less of the same event)."""
    (a_source, a_target), (b_source, b_target) = actor_keys(a), actor_keys(b)
    return b_source <= a_source and b_target <= a_target


def absorb(kept: Candidate, other: Candidate) -> None:
    """Fold a second report of an event into the first: new actors, spans, the best
    confidence, a place and an attached date where the first lacks them."""
    kept.source.extend(adds(other.source, kept.source))
    kept.target.extend(adds(other.target, kept.target))
    for span in other.spans:
        if span not in kept.spans:
            kept.spans.append(span)
    kept.confidence = max(kept.confidence, other.confidence)
    kept.where = kept.where or other.where
    if kept.when is None or (
        kept.when.rule != "trigger-attached" and other.when and other.when.rule == "trigger-attached"
    ):
        kept.when = other.when
    kept.quote_id = kept.quote_id or other.quote_id


def merge_within_sentence(candidates: list[Candidate]) -> list[Candidate]:
    """Reports of one act in one sentence: an event whose actors are among another's of
    the same type, and a participle telling the outcome of its head ('rammed a car
    into a checkpoint, killing seven soldiers')."""
    candidates = merge_outcomes(candidates)
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: -(len(c.source) + len(c.target))):
        match = next(
            (
                k
                for k in kept
                if same_status(k, candidate) and contains(k, candidate) and not distinct_acts(k, candidate)
            ),
            None,
        )
        if match is None:
            kept.append(candidate)
        else:
            absorb(match, candidate)
    return sorted(kept, key=lambda c: c.trigger.token.i)


def merge_outcomes(candidates: list[Candidate]) -> list[Candidate]:
    by_token = {c.trigger.token.i: c for c in candidates if c.trigger.kind == "verb"}
    kept = []
    for candidate in candidates:
        token = candidate.trigger.token
        head = by_token.get(token.head.i) if token.dep_ == "advcl" and token.tag_ == "VBG" else None
        if head is not None and head is not candidate and same_status(head, candidate):
            for actor in candidate.target:
                if not same_actor(actor, head.target):
                    head.target.append(actor)
            continue
        kept.append(candidate)
    return kept


def drop_committed_embedders(candidates: list[Candidate]) -> list[Candidate]:
    """'promised to help rebuild Syria': the promise is told by its content (AGREE with
    a target), not again by the verb 'promise' itself."""
    embedders = {c.embedder.i for c in candidates if c.embedder is not None}
    return [c for c in candidates if c.trigger.token.i not in embedders or c.trigger.kind != "verb"]


def compatible_times(a: EventTime | None, b: EventTime | None) -> bool:
    """Dates that may be the same day: unknown or not attached to the trigger, or
    overlapping ranges."""
    if a is None or b is None or a.rule != "trigger-attached" or b.rule != "trigger-attached":
        return True
    first, second = date_interval(a.value), date_interval(b.value)
    if first is None or second is None:
        return True
    return first[0] <= second[1] and second[0] <= first[1]


def merge_across_sentences(candidates: list[Candidate]) -> list[Candidate]:
    """Rule 6: the same event told twice in an article is one event with both spans. Same
    type and status, no two different modes, compatible dates, and the same actors (or
    fewer: a retelling that leaves out a side)."""
    kept: list[Candidate] = []
    for candidate in candidates:
        match = None
        for earlier in kept:
            if not same_status(earlier, candidate) or not compatible_times(earlier.when, candidate.when):
                continue
            if distinct_acts(earlier, candidate):
                continue
            if actor_keys(earlier) == actor_keys(candidate) or (
                partial_retelling(earlier, candidate) and contains(earlier, candidate)
            ):
                match = earlier
                break
        if match is None:
            kept.append(candidate)
        else:
            absorb(match, candidate)
    return kept


def partial_retelling(earlier: Candidate, later: Candidate) -> bool:
    """A later report that names one side of an earlier event and leaves the other out."""
    later_source, later_target = actor_keys(later)
    return bool(later_source) and not later_target
