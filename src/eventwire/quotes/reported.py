"""Reported (indirect) speech: the words a speech cue outside quote marks reports.

'Guler said (that) ...' and '..., Guler told Reuters.' report the clause the verb
governs (one part per conjoined clause with a subject of its own); '..., according to
the presidency' the clause the phrase hangs on; verbs such as 'accused' and 'urged' the
verb with what follows it. A clause opening a paragraph starts after its dateline; one
mostly inside quote marks is the marked quote's; a negated verb ('did not confirm')
reports nothing.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.knowledge.labels import VERBAL_POS
from eventwire.knowledge.speech import SpeechLexicon
from eventwire.quotes.article import ArticleState, Attribution, blank
from eventwire.quotes.attribution import Attributions

# A reported clause mostly inside quote marks is the marked quote's, not a second quote.
MAX_MARKED_SHARE = 0.5
CLAUSE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
# A dateline or time stamp ends at a colon or a free-standing dash within the first few
# tokens of a paragraph ("KABUL, Afghanistan (AP) —", "13.15 BST:").
DATELINE_TOKENS = 15
DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
# What a speech verb's object reading keeps to its right: 'accused Israel of ...'.
OBJECT_DEPS = frozenset({"dobj", "dative", "xcomp", "ccomp", "prep", "prt", "attr", "oprd", "advmod"})


def indirect_records(attributions: Attributions) -> list[tuple[int, int, Attribution]]:
    """(start, end, attribution) of each reported clause outside quote marks."""
    state = attributions.state
    found: dict[tuple[int, int], Attribution] = {}
    for attribution in attributions.in_body:
        speaker, cue = attribution.speaker, attribution.cue
        # 'did not confirm the strikes' reports nothing.
        if speaker is None or speaker.name is None or any(c.dep_ == "neg" for c in cue.children):
            continue
        for part in _reported_parts(state, attribution):
            tokens = _without_dateline(state, state.trimmed(part))
            if len(tokens) < 2 or _mostly_marked(state, tokens):
                continue
            source = attributions.source(attribution)
            key = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
            held = found.get(key)
            if held is None or _distance(source.cue, tokens) < _distance(held.cue, tokens):
                found[key] = source
    return [(start, end, attribution) for (start, end), attribution in found.items()]


def _reported_parts(state: ArticleState, attribution: Attribution) -> list[list[Token]]:
    """The reported words of a speech verb or phrase: its clause, one part per
    conjoined clause with a subject of its own; or the verb with its object."""
    lexicon = state.lexicon
    cue, verb = attribution.cue, attribution.verb
    if lexicon.is_phrase(verb):
        return [_attributed_clause(state, cue, len(verb.split()))]
    reports = lexicon.reports(verb)
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        return _conjoined_clauses(_innermost_clause(lexicon, clause)) if "clause" in reports else []
    if "object" in reports and any(_object_part(lexicon, c) and c.i > cue.i for c in cue.children):
        kept = {cue.i}
        for child in cue.rights:
            if _object_part(lexicon, child):
                kept.update(t.i for t in child.subtree)
        return [_longest_run([state.doc[i] for i in sorted(kept)])]
    return []


def _innermost_clause(lexicon: SpeechLexicon, clause: Token) -> Token:
    """A reported clause; when it is itself a report ('..., Interfax reported'),
    the clause that one reports."""
    inner = next((c for c in clause.children if c.dep_ == "ccomp" and c.i < clause.i), None)
    if lexicon.speech_verb(clause) and inner is not None:
        return _innermost_clause(lexicon, inner)
    return clause


def _attributed_clause(state: ArticleState, cue: Token, length: int) -> list[Token]:
    """What 'according to X' attributes: the clause it hangs on, without the phrase."""
    head = cue.head
    sentence = state.sentences[state.sentence_number[cue.i]]
    phrase = {t.i for t in cue.subtree} | set(range(cue.i, cue.i + length))
    tokens = [t for t in head.subtree if t.i not in phrase and sentence.start <= t.i < sentence.end]
    if head.i == cue.i:
        tokens = [t for t in sentence if t.i not in phrase]
    return state.trimmed(_longest_run(tokens))


def _conjoined_clauses(root: Token) -> list[list[Token]]:
    """'X happened, and Y was done, the ministry said': one part per clause."""
    joined = [c for c in root.children if c.dep_ == "conj" and c.pos_ in VERBAL_POS and _has_subject(c)]
    if not joined:
        return [list(root.subtree)]
    inside_joined = {t.i for c in joined for t in c.subtree}
    first = _longest_run([t for t in root.subtree if t.i not in inside_joined])
    return [first] + [list(c.subtree) for c in joined]


def _object_part(lexicon: SpeechLexicon, child: Token) -> bool:
    """Whether a word right of a speech verb belongs to what it reports: its object and
    complements, or an infinitive ('vowed on Sunday to retaliate')."""
    if child.dep_ == "advcl":
        return any(g.dep_ == "aux" and g.lower_ in lexicon.infinitive_markers for g in child.children)
    return child.dep_ in OBJECT_DEPS


def _has_subject(verb: Token) -> bool:
    return any(child.dep_ in CLAUSE_SUBJECT_DEPS for child in verb.children)


def _without_dateline(state: ArticleState, tokens: list[Token]) -> list[Token]:
    """A reported clause opening a paragraph starts after its dateline or time stamp
    ('TBILISI, Georgia —', 'NEW DELHI, Oct 8 (Reuters) -', '13.15 BST:')."""
    if not tokens or tokens[0].idx not in state.paragraph_starts:
        return tokens
    mark = next((t for t in tokens[:DATELINE_TOKENS] if _dateline_end(t)), None)
    head = [t for t in tokens if mark is not None and t.i < mark.i]
    if not _is_dateline(head):
        return tokens
    return state.trimmed([t for t in tokens if t.i > mark.i])


def _dateline_end(token: Token) -> bool:
    """The colon or the free-standing dash (not a hyphen) that ends a dateline."""
    if token.text == ":":
        return True
    return token.text in DATELINE_DASHES and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def _is_dateline(words: list[Token]) -> bool:
    """Words of a dateline or time stamp: capitalised, numbers and punctuation, one at
    least in capitals or a number ('KABUL, Afghanistan (AP)', '13.15 BST')."""
    shaped = all(t.is_upper or t.is_title or t.like_num or blank(t) for t in words)
    return bool(words) and shaped and any(t.is_upper or t.like_num for t in words)


def _mostly_marked(state: ArticleState, tokens: list[Token]) -> bool:
    words = [t for t in tokens if not t.is_punct]
    inside = sum(1 for t in words if state.quoted[t.i] is not None)
    return inside > MAX_MARKED_SHARE * len(words)


def _longest_run(tokens: list[Token]) -> list[Token]:
    """The longest stretch of consecutive tokens: a reported span is one piece of text."""
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return max(runs, key=len) if runs else []


def _distance(cue: Token, tokens: list[Token]) -> int:
    return min(abs(cue.i - tokens[0].i), abs(cue.i - tokens[-1].i))
