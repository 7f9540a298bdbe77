"""One parsed article body as the quote readers share it: its paragraphs, sentences and
marked quotes, the frame of words around each quote, and the speakers heard so far;
with the records they pass each other (`Speaker`, `Attribution`)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.knowledge.labels import TIME_LABELS
from eventwire.knowledge.speech import SpeechLexicon
from eventwire.layout import paragraphs
from eventwire.quotes.marks import QUOTE_MARKS, Marked, marked_quotes

DIRECT, PARTIAL, INDIRECT = "direct", "partial", "indirect"
PERSON, GROUP, UNNAMED = "person", "group", "unnamed"
SENTENCE_END = frozenset({".", "!", "?"})
EDGE_DEPS = frozenset({"punct", "cc", "mark"})


@dataclass(frozen=True)
class Speaker:
    """Who spoke: the name to print, the entity behind it, and what it is (`person`,
    `group` or `unnamed`) for the pronouns that may point back to it. `at` is the
    offset of the words that named it."""

    name: str | None
    entity_id: str | None
    kind: str
    at: int


@dataclass(frozen=True)
class Attribution:
    """A speech verb (or attribution phrase) and who it says spoke."""

    verb: str
    cue: Token
    speaker: Speaker | None


class ArticleState:
    """The body of one article with the lookups every quote reader needs; `history` is
    each speech cue resolved so far, in the order resolved, for pronouns to look back on."""

    def __init__(self, doc: Doc, lexicon: SpeechLexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.text = doc.text
        self.paragraphs = paragraphs(doc)
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.marked = marked_quotes(self.text, self.paragraphs)
        self.quoted = self._quoted_tokens()
        self.token_starts: list[int] = doc.to_array("IDX").tolist()
        self.parsed = doc.has_annotation("DEP")
        self.sentences = list(doc.sents) if self.parsed else [doc[:]]
        self.sentence_number = [0] * len(doc)
        for number, sentence in enumerate(self.sentences):
            self.sentence_number[sentence.start : sentence.end] = [number] * len(sentence)
        self._frames: dict[Marked, list[Token]] = {}
        self.history: list[Attribution] = []

    def _quoted_tokens(self) -> list[int | None]:
        """For each token, the index of the marked quote it lies in (marks included)."""
        owner: list[int | None] = [None] * len(self.doc)
        for number, quote in enumerate(self.marked):
            span = self.doc.char_span(quote.outer_start, quote.outer_end, alignment_mode="expand")
            for token in span or ():
                owner[token.i] = number
        return owner

    # -- where a word stands

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, char) - 1)

    def sentence_of(self, token: Token) -> int:
        """Index of the first token of the token's sentence (`token.sent` is slow)."""
        return self.sentences[self.sentence_number[token.i]].start

    def sentence_at(self, char: int) -> int:
        """Token index of the start of the sentence holding a character offset."""
        i = max(0, bisect.bisect_right(self.token_starts, char) - 1)
        return self.sentence_of(self.doc[i])

    def near(self, token: Token, other: Token) -> bool:
        """In the same paragraph: the parse sometimes runs over a paragraph break."""
        return self.paragraph_of(token.idx) == self.paragraph_of(other.idx)

    def may_speak(self, token: Token, verb: Token) -> bool:
        """Outside quote marks, in the verb's paragraph, and not a time ('10.40 BST: ...')."""
        return self.quoted[token.i] is None and self.near(token, verb) and token.ent_type_ not in TIME_LABELS

    def ends_sentence(self, token: Token) -> bool:
        return token.text in SENTENCE_END and self.quoted[token.i] is None

    # -- marked quotes as tokens

    def tokens_of(self, quote: Marked) -> list[Token]:
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        return list(span) if span is not None else []

    def frame(self, quote: Marked) -> list[Token]:
        """The words of the quote's sentence outside any quote marks, both sides."""
        if quote not in self._frames:
            self._frames[quote] = self._read_frame(quote)
        return self._frames[quote]

    def _read_frame(self, quote: Marked) -> list[Token]:
        doc = self.doc
        p_start, p_end = self.paragraphs[quote.paragraph]
        outer = doc.char_span(quote.outer_start, quote.outer_end, alignment_mode="expand")
        if not outer:
            return []
        first, last = outer.start, outer.end - 1
        left, right = [], []
        i = first - 1
        while i >= 0 and doc[i].idx >= p_start and not self.ends_sentence(doc[i]):
            if self.quoted[i] is None:
                left.insert(0, doc[i])
            i -= 1
        i = last + 1
        while i < len(doc) and doc[i].idx < p_end and not self.ends_sentence(doc[i]):
            if self.quoted[i] is None:
                right.append(doc[i])
            i += 1
        return left + right

    def trimmed(self, tokens: list[Token]) -> list[Token]:
        """Tokens without leading 'that'/punctuation/conjunctions or trailing punctuation;
        a closing quote mark stays when its opening mark is kept."""
        openers = self.lexicon.clause_openers
        while tokens and (tokens[0].dep_ in EDGE_DEPS or tokens[0].lower_ in openers or blank(tokens[0])):
            tokens = tokens[1:]
        while tokens and (tokens[-1].dep_ in ("punct", "cc") or blank(tokens[-1])):
            if tokens[-1].text in QUOTE_MARKS and sum(t.text in QUOTE_MARKS for t in tokens) % 2 == 0:
                break
            tokens = tokens[:-1]
        return tokens


def blank(token: Token) -> bool:
    return token.is_punct or token.is_space


def depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)
