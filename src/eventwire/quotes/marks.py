"""Quote marks: the stretches of an article body between them, paragraph by paragraph.

Pure text, no parse. Marks may be straight, curly or mixed (an opening `"` closed by
`”`); whether a straight mark opens or closes is read from the characters around it. A
mark left open at a paragraph's end runs on; the next paragraph opening with a mark
continues the same quote.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from eventwire.layout import Paragraph, paragraph_bounds

# Opening and closing shapes; the straight marks are decided by their neighbours.
DOUBLE_OPENING, DOUBLE_CLOSING, STRAIGHT_DOUBLE = "“„«", "”»", '"'
SINGLE_OPENING, SINGLE_CLOSING = "‘", "’"
# A mark right after one of these (or at a paragraph's start) opens a quote.
BEFORE_OPENING = frozenset(" \t\n([{—–-/:")
QUOTE_MARKS = frozenset(DOUBLE_OPENING + DOUBLE_CLOSING + STRAIGHT_DOUBLE)
# A quote in single marks is short: longer ones are apostrophes paired by accident.
MAX_SINGLE_QUOTE_CHARS = 300


@dataclass(frozen=True)
class Marked:
    """Words between quote marks within one paragraph.

    `start`/`end` bound the words (marks and edge spaces left out); `outer_start`/
    `outer_end` include the marks, or run to the paragraph's end when no mark closes it
    there (`runs_on`). `continues` is set on a paragraph that opens with a mark while the
    previous paragraph's quote ran on: both belong to one multi-paragraph quote.
    """

    start: int
    end: int
    outer_start: int
    outer_end: int
    paragraph: int
    runs_on: bool = False
    continues: bool = False


def marked_quotes(text: str, paragraphs: Sequence[Paragraph] | None = None) -> list[Marked]:
    """Every stretch of the body between quote marks, in order (paragraph by paragraph:
    the body's own, or those `paragraphs` gives)."""
    found: list[Marked] = []
    previous_runs_on = False
    for number, (p_start, p_end) in enumerate(paragraphs or paragraph_bounds(text)):
        paragraph = text[p_start:p_end]
        pairs, unclosed = _pairs(_double_marks(paragraph))
        quotes = [(s, e + 1, s + 1, e, False) for s, e in pairs]
        if unclosed is not None:
            quotes.append((unclosed, len(paragraph), unclosed + 1, len(paragraph), True))
        quotes += [(s, e + 1, s + 1, e, False) for s, e in _single_pairs(paragraph, quotes)]
        quotes.sort()
        for outer_start, outer_end, start, end, runs_on in quotes:
            inner_start, inner_end = _inner(paragraph, p_start, start, end)
            if inner_end <= inner_start:
                continue
            opens_paragraph = not paragraph[:outer_start].strip()
            found.append(
                Marked(
                    inner_start,
                    inner_end,
                    p_start + outer_start,
                    p_start + outer_end,
                    number,
                    runs_on=runs_on,
                    continues=previous_runs_on and opens_paragraph,
                )
            )
        previous_runs_on = unclosed is not None
    return found


def _opens(text: str, i: int) -> bool:
    """Whether the straight (or ambiguous) mark at `i` opens a quote, from its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in BEFORE_OPENING or before in DOUBLE_OPENING + SINGLE_OPENING:
        return not after.isspace()
    return False


def _double_marks(text: str) -> Iterator[tuple[int, bool]]:
    """(position, opens) of each double quote mark of a paragraph."""
    for i, char in enumerate(text):
        if char == STRAIGHT_DOUBLE:
            yield i, _opens(text, i)
        elif char in DOUBLE_OPENING:
            # A curly opening mark glued to the word before it and followed by a space
            # closes: mixed marks typed by hand.
            before, after = text[i - 1 : i], text[i + 1 : i + 2]
            yield i, not (before and not before.isspace() and (not after or after.isspace()))
        elif char in DOUBLE_CLOSING:
            yield i, _opens(text, i) and text[i + 1 : i + 2].isalpha()


def _single_marks(text: str) -> Iterator[tuple[int, bool]]:
    """(position, opens) of the curly single marks that can be quote marks, apostrophes
    ('Syria’s', 'won’t') left out."""
    for i, char in enumerate(text):
        after = text[i + 1 : i + 2]
        if char == SINGLE_OPENING and _opens(text, i):
            yield i, True
        elif char == SINGLE_CLOSING and not after.isalnum() and i > 0 and not text[i - 1].isspace():
            yield i, False


def _pairs(marks: Iterable[tuple[int, bool]]) -> tuple[list[tuple[int, int]], int | None]:
    """Pair opening and closing marks; returns the pairs and an opening left unclosed.
    A second opening before a close is a nested or stray mark and is passed over."""
    pairs, opened = [], None
    for position, opens in marks:
        if opens and opened is None:
            opened = position
        elif not opens and opened is not None:
            pairs.append((opened, position))
            opened = None
    return pairs, opened


def _single_pairs(paragraph: str, double: list[tuple[int, int, int, int, bool]]) -> list[tuple[int, int]]:
    """Single-mark quotes of a paragraph that lie outside its double-mark quotes."""
    inside = [(s, e) for s, e, *_ in double]
    marks = [(i, opens) for i, opens in _single_marks(paragraph) if not any(s <= i < e for s, e in inside)]
    pairs, _ = _pairs(marks)
    return [
        (s, e) for s, e in pairs if e - s <= MAX_SINGLE_QUOTE_CHARS and not paragraph[s + 1 : e].isupper()
    ]


def _inner(text: str, offset: int, start: int, end: int) -> tuple[int, int]:
    """The words between two mark positions, without edge spaces or a trailing comma."""
    words = text[start:end]
    stripped = words.strip().rstrip(",").rstrip()
    lead = len(words) - len(words.lstrip())
    return offset + start + lead, offset + start + lead + len(stripped)
