"""Marked quotes as speech: each quote's kind (direct or partial) and attribution, and the
chains of a quote run over several paragraphs, which share one speaker.

A quote's attribution is the speech verb in its sentence outside the marks; for a quote
with none, the speaker of the quote it continues (earlier in the paragraph, or the
paragraph before ending with a colon), a bare attribution right after it ('Lavrov
said.'), or, for a whole-paragraph quote, the last speaker of the paragraph before.
"""

from __future__ import annotations

import bisect

from eventwire.knowledge.labels import ACTIVE_NOUN_SUBJECT_DEPS, VERBAL_POS
from eventwire.quotes.article import DIRECT, PARTIAL, ArticleState, Attribution
from eventwire.quotes.attribution import Attributions
from eventwire.quotes.marks import Marked
from eventwire.quotes.speakers import SPEAKER_REACH_PARAGRAPHS

# How far into the next sentence its speech verb may stand for that sentence to be the
# attribution of the quote before it ('Lavrov said.', 'The minister told reporters.').
MAX_ATTRIBUTION_LEAD = 6


def marked_records(attributions: Attributions) -> list[tuple[Marked, str, Attribution | None]]:
    """Each marked quote with its kind and attribution, chains sharing theirs."""
    state = attributions.state
    found = []
    for chain in _chains(state.marked):
        own_attributions = [attributions.governing(state.frame(q), state.tokens_of(q)) for q in chain]
        shared = next((a for a in reversed(own_attributions) if a and a.speaker), None)
        shared = shared or _chain_attribution(attributions, chain)
        for quote, own in zip(chain, own_attributions, strict=True):
            attribution = own if own and own.speaker else shared
            kind = DIRECT if len(chain) > 1 else marked_kind(state, quote)
            found.append((quote, kind, attribution))
    return found


def marked_kind(state: ArticleState, quote: Marked) -> str:
    """Direct when the quoted words make the sentence (alone, after 'X said:' or
    'said,', or as a whole clause after 'that'); partial when they sit inside the
    reporter's sentence."""
    before = [t for t in state.frame(quote) if t.idx < quote.outer_start]
    words = state.text[quote.start : quote.end]
    if not before or before[-1].text in (":", ","):
        return DIRECT
    clause = words[:1].isupper() and any(t.pos_ in VERBAL_POS for t in state.tokens_of(quote))
    introduced = (
        before[-1].lower_ in state.lexicon.quote_openers or state.lexicon.speech_verb(before[-1]) is not None
    )
    return DIRECT if clause and introduced else PARTIAL


def _chains(marked: list[Marked]) -> list[list[Marked]]:
    """The marked quotes in order, a quote continued over paragraphs as one chain."""
    chains: list[list[Marked]] = []
    for quote in marked:
        if quote.continues and chains and chains[-1][-1].runs_on:
            chains[-1].append(quote)
        else:
            chains.append([quote])
    return chains


def _chain_attribution(attributions: Attributions, chain: list[Marked]) -> Attribution | None:
    """A quote with no speech verb of its own continues the speaker before it in its
    paragraph, or of a paragraph ending in a colon; else a bare attribution after it
    ('Lavrov said.'), else (for a direct quote) the last speaker of the paragraph
    before."""
    first, last = chain[0], chain[-1]
    before = _attribution_before(attributions, first, same_paragraph=True)
    if before is not None:
        return before
    colon = _colon_attribution(attributions, first)
    if colon is not None:
        return colon
    after = _attribution_after(attributions, last, bare_only=len(chain) == 1)
    if after is not None:
        return after
    # A whole paragraph of quotation carries on the last speaker; an embedded one
    # with nobody named near it ('banners reading "..."') is left without a speaker.
    if len(chain) > 1 or marked_kind(attributions.state, first) == DIRECT:
        return _attribution_before(attributions, first, same_paragraph=False)
    return None


def _attribution_before(
    attributions: Attributions, quote: Marked, same_paragraph: bool
) -> Attribution | None:
    paragraph = quote.paragraph
    lowest = paragraph if same_paragraph else paragraph - SPEAKER_REACH_PARAGRAPHS + 1
    for attribution in reversed(attributions.in_body):
        at = attribution.cue.idx
        if at >= quote.outer_start or attribution.speaker is None:
            continue
        if lowest <= attributions.state.paragraph_of(at) <= paragraph:
            return attribution
    return None


def _colon_attribution(attributions: Attributions, quote: Marked) -> Attribution | None:
    """The speaker of a paragraph ending in a colon that introduces the quote: its
    speech verb's, else its last sentence's subject ('Reyes put it plainly:')."""
    state = attributions.state
    if quote.paragraph == 0:
        return None
    p_start, p_end = state.paragraphs[quote.paragraph - 1]
    if not state.text[p_start:p_end].rstrip().endswith(":"):
        return None
    inside = [a for a in attributions.in_body if p_start <= a.cue.idx < p_end and a.speaker]
    if inside:
        return inside[-1]
    # The parse may hang the colon on the quote itself: look at the words, last first.
    first = bisect.bisect_left(state.token_starts, p_start)
    last = bisect.bisect_left(state.token_starts, p_end)
    for verb in reversed(state.doc[first:last]):
        subject = next((c for c in verb.children if c.dep_ in ACTIVE_NOUN_SUBJECT_DEPS), None)
        if verb.pos_ in VERBAL_POS and subject is not None and state.may_speak(subject, verb):
            speaker = attributions.speakers.resolve(subject)
            return Attribution(verb.lemma_.lower(), verb, speaker) if speaker is not None else None
    return None


def _attribution_after(attributions: Attributions, quote: Marked, bare_only: bool) -> Attribution | None:
    """The sentence right after a quote, when it opens with its speech verb."""
    state, doc = attributions.state, attributions.doc
    start = bisect.bisect_left(state.token_starts, quote.outer_end)
    while start < len(doc) and doc[start].is_space:
        start += 1
    if start >= len(doc) or state.quoted[start] is not None:
        return None
    for token in doc[start : start + MAX_ATTRIBUTION_LEAD]:
        if state.ends_sentence(token) or state.quoted[token.i] is not None:
            return None
        verb = state.lexicon.speech_verb(token)
        if not verb:
            continue
        bare = not any(c.dep_ in ("ccomp", "xcomp") for c in token.children)
        speaker = attributions.speaker_of_cue(token, verb)
        if speaker is not None and (bare or not bare_only):
            return Attribution(verb, token, speaker)
        return None
    return None
