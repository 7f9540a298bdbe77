"""The layout stage: where the body's paragraphs and its dateline are, put on the Doc once.

The cleaner lays an article's body out as paragraphs separated by blank lines, and keeps
the story's dateline ('MOGADISHU, July 16 (AFP) —') at the head of the first one. The
component `eventwire_paragraph_breaks` runs before the parser: it starts a sentence at
every paragraph (the parser must not run a sentence across a blank line), and after
`max_sentence_tokens` tokens of one sentence at the latest, and writes

- `doc._.ew_paragraphs`: (start, end) character offsets of each non-empty paragraph;
- `doc._.ew_dateline_end`: the offset where the dateline ends, 0 when there is none.

The later stages read these through `paragraphs(doc)`, `paragraph_index(doc, offset)`,
`paragraph_around(doc, offset)` and `dateline_end(doc)`.
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.boundary import GuardedComponent
from eventwire.extensions import register_extensions

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# 'MOGADISHU, July 16 (AFP) — ': up to the first free-standing dash of the first line.
DATELINE_HEAD = re.compile(r"^\s*[^\n]{0,80}?\s[—–-]{1,2}\s")

Paragraph = tuple[int, int]
# Tokens after which the parser may end a sentence: the cap on a sentence's length
# counts from the last of them.
SENTENCE_ENDS = frozenset({".", "!", "?", "…", "...", "?!"})


def paragraph_bounds(text: str) -> tuple[Paragraph, ...]:
    """(start, end) of each paragraph of a body whose paragraphs are split by blank lines."""
    bounds, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return tuple((s, e) for s, e in bounds if text[s:e].strip())


def dateline_offset(text: str, dateline: str | None) -> int:
    """Where the dateline at the head of the body ends, 0 when there is none."""
    dateline = (dateline or "").strip()
    if not dateline or not text.lstrip().lstrip("(").upper().startswith(dateline.upper()[:6]):
        return 0
    match = DATELINE_HEAD.match(text)
    return match.end() if match else len(dateline) + (len(text) - len(text.lstrip()))


def paragraphs(doc: Doc) -> tuple[Paragraph, ...]:
    """The doc's paragraphs, as the layout component wrote them (worked out here, once,
    for a doc that did not pass through it)."""
    if doc._.ew_paragraphs is None:
        doc._.ew_paragraphs = paragraph_bounds(doc.text)
    return doc._.ew_paragraphs


def paragraph_index(doc: Doc, offset: int) -> int:
    """The number of the paragraph holding a character offset (0 before the first)."""
    return max(0, bisect.bisect_right(paragraphs(doc), offset, key=lambda paragraph: paragraph[0]) - 1)


def paragraph_around(doc: Doc, offset: int) -> Paragraph:
    """(start, end) of the paragraph holding a character offset; the whole body when the
    body has no paragraph there."""
    found = paragraphs(doc)
    if not found:
        return 0, len(doc.text)
    return tuple(found[paragraph_index(doc, offset)])  # type: ignore[return-value]


def dateline_end(doc: Doc) -> int:
    if doc._.ew_dateline_end is None:
        doc._.ew_dateline_end = dateline_offset(doc.text, doc._.dateline)
    return doc._.ew_dateline_end


class ParagraphBreaks(GuardedComponent):
    """The spaCy component (see the module's docstring)."""

    def __init__(self, nlp: Language, name: str, max_sentence_tokens: int = 200) -> None:
        self.name = name
        self.max_sentence_tokens = max_sentence_tokens

    def annotate(self, doc: Doc) -> Doc:
        since_start = 0
        for token in doc[1:]:
            previous = doc[token.i - 1]
            since_start += 1
            if previous.is_space and "\n" in previous.text and not token.is_space:
                token.is_sent_start = True
                since_start = 0
            elif previous.text in SENTENCE_ENDS:
                since_start = 0
            elif since_start >= self.max_sentence_tokens and _may_start_sentence(token):
                # A run of words with no full stop (a list, a table, a feed with no
                # punctuation) costs the parser and the stages time and memory without bound.
                token.is_sent_start = True
                since_start = 0
        doc._.ew_paragraphs = paragraph_bounds(doc.text)
        doc._.ew_dateline_end = dateline_offset(doc.text, doc._.dateline)
        return doc


def _may_start_sentence(token: Token) -> bool:
    return not token.is_space and not token.is_punct


@Language.factory(
    "eventwire_paragraph_breaks",
    assigns=["token.is_sent_start", "doc._.ew_paragraphs", "doc._.ew_dateline_end"],
    default_config={"max_sentence_tokens": 200},
)
def make_paragraph_breaks(nlp: Language, name: str, max_sentence_tokens: int) -> ParagraphBreaks:
    """spaCy factory: paragraphs and dateline on the Doc; a sentence starts at each
    paragraph, and after `max_sentence_tokens` tokens of one sentence at the latest."""
    register_extensions()
    return ParagraphBreaks(nlp, name, max_sentence_tokens)
