"""The quotes stage: who said what, in the speaker's words or reported.

Three kinds of quotation are read from a parsed article body:

- **direct**: words inside quote marks that stand as a sentence or more ('"We are
  ready," Lavrov said.', 'Lavrov said: "We are ready."'), including quotes that run over
  several paragraphs (the opening mark repeated at each paragraph, one closing mark at
  the end): one quote per paragraph, all with the speaker of the chain.
- **partial**: quoted words embedded in the reporter's sentence ('warned that Russia
  "could not indefinitely" tolerate ...', 'This can "only be re-evaluated ..." he said').
- **indirect**: reported speech, the clause a speech verb governs ('Guler said (that)
  ...', '..., Guler told Reuters.', '..., according to the presidency'), or for verbs
  such as 'accused' and 'urged' the verb with what follows it.

Quote marks may be straight, curly or mixed (an opening `"` closed by `”`); whether a
straight mark opens or closes is read from the characters around it. The text of a
marked quote is the words inside the marks.

The speaker of a marked quote is the subject of the speech verb in its sentence (outside
the marks; the innermost when reports nest), else, for a quote with no attribution of
its own, the speaker of the quote it continues (earlier in the paragraph, or the
paragraph before it ending with a colon), a bare attribution right after it ('Lavrov
said.'), or, for a whole-paragraph quote, the last speaker of the paragraph before.
Speakers are resolved to the entities stage's entities when it ran
(`eventwire.entities.entity_at`: a surname, a split name, a collective), else through
spaCy's own entities. 'he said' is the last person who spoke or was a sentence's main
subject, whichever is later; 'it said' the organisation before it. A title without a
name ('the minister') is the last person holding that title, 'the ministry' the last
ministry that spoke, 'His office' that person's office; an unnamed speaker ('A Russian
expert', 'informed Syrian sources', "Assad's office") is kept as written. A report
inside a person's report is the person's ('Caracas condemned ... "...", Foreign
Minister Yván Gil said'). A subject that names nobody ('the data suggest') is no
speaker, and a negated verb ('did not confirm') reports nothing.

The vocabulary (speech verbs and phrases, pronouns, unnamed-speaker nouns) is
`data/speech_verbs.yaml`. The events stage asks `quote_at(doc, offset)` for the quote a
sentence belongs to.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.boundary import GuardedComponent
from eventwire.entities import entity_at
from eventwire.extensions import register_extensions
from eventwire.knowledge.labels import ACTIVE_NOUN_SUBJECT_DEPS, TIME_LABELS
from eventwire.knowledge.speech import SpeechLexicon, load_speech_lexicon
from eventwire.layout import Paragraph, paragraph_bounds, paragraphs
from eventwire.records import Entity, Quote

__all__ = ["quote_at", "find_quotes"]

DIRECT, PARTIAL, INDIRECT = "direct", "partial", "indirect"
# Opening and closing shapes; the straight marks are decided by their neighbours.
DOUBLE_OPENING, DOUBLE_CLOSING, STRAIGHT_DOUBLE = "“„«", "”»", '"'
SINGLE_OPENING, SINGLE_CLOSING = "‘", "’"
# A mark right after one of these (or at a paragraph's start) opens a quote.
BEFORE_OPENING = frozenset(" \t\n([{—–-/:")
QUOTE_MARKS = frozenset(DOUBLE_OPENING + DOUBLE_CLOSING + STRAIGHT_DOUBLE)
SENTENCE_END = frozenset({".", "!", "?"})
# A quote in single marks is short: longer ones are apostrophes paired by accident.
MAX_SINGLE_QUOTE_CHARS = 300
# How far into the next sentence its speech verb may stand for that sentence to be the
# attribution of the quote before it ('Lavrov said.', 'The minister told reporters.').
MAX_ATTRIBUTION_LEAD = 6
# How many paragraphs back 'he said' and an unattributed quote look for the last speaker.
SPEAKER_REACH_PARAGRAPHS = 2
# A reported clause mostly inside quote marks is the marked quote's, not a second quote.
MAX_MARKED_SHARE = 0.5
# 'who' / 'which' heading a relative clause: the speaker is the noun the clause hangs on.
RELATIVE_TAGS = frozenset({"WP", "WDT"})
CLAUSE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
# A dateline or time stamp ends at a colon or a free-standing dash within the first few
# tokens of a paragraph ("KABUL, Afghanistan (AP) —", "13.15 BST:").
DATELINE_TOKENS = 15
DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
# How many heads a verb without a subject climbs to find the one it shares.
MAX_SUBJECT_CLIMB = 5
# The longest apposition jumped over to find a speaker the parse left unattached.
MAX_APPOSITION = 12
# A verb without a subject of its own speaks with the subject of its head:
# 'he said, adding ...', 'arrived and told reporters ...'.
SHARED_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp"})
# Parts of a subject phrase that are not the speaker's name as written.
NOT_IN_NAME_DEPS = frozenset({"relcl", "appos", "acl", "punct", "advcl", "parataxis", "case"})
# What a speech verb's object reading keeps to its right: 'accused Israel of ...'.
OBJECT_DEPS = frozenset({"dobj", "dative", "xcomp", "ccomp", "prep", "prt", "attr", "oprd", "advmod"})
EDGE_DEPS = frozenset({"punct", "cc", "mark"})
# Words that open a reported clause without being part of it: 'said that ...', 'strikes
# that it said killed ...'.
CLAUSE_OPENERS = frozenset({"that", "which", "who"})
PERSON, GROUP, UNNAMED = "person", "group", "unnamed"


# --- vocabulary ---------------------------------------------------------------------


# --- quote marks --------------------------------------------------------------------


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


def _inner(text: str, offset: int, start: int, end: int) -> tuple[int, int]:
    """The words between two mark positions, without edge spaces or a trailing comma."""
    words = text[start:end]
    stripped = words.strip().rstrip(",").rstrip()
    lead = len(words) - len(words.lstrip())
    return offset + start + lead, offset + start + lead + len(stripped)


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


def _single_pairs(paragraph: str, double: list[tuple[int, int, int, int, bool]]) -> list[tuple[int, int]]:
    """Single-mark quotes of a paragraph that lie outside its double-mark quotes."""
    inside = [(s, e) for s, e, *_ in double]
    marks = [(i, opens) for i, opens in _single_marks(paragraph) if not any(s <= i < e for s, e in inside)]
    pairs, _ = _pairs(marks)
    return [
        (s, e) for s, e in pairs if e - s <= MAX_SINGLE_QUOTE_CHARS and not paragraph[s + 1 : e].isupper()
    ]


# --- speakers -----------------------------------------------------------------------


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


class ArticleQuotes:
    """The quotes of one parsed article body; `read()` returns them."""

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
        self.all_attributions: list[Attribution] = []
        self._resolved: dict[int, Speaker | None] = {}

    # -- tokens and frames

    def _quoted_tokens(self) -> list[int | None]:
        """For each token, the index of the marked quote it lies in (marks included)."""
        owner: list[int | None] = [None] * len(self.doc)
        for number, quote in enumerate(self.marked):
            span = self.doc.char_span(quote.outer_start, quote.outer_end, alignment_mode="expand")
            for token in span or ():
                owner[token.i] = number
        return owner

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, char) - 1)

    def sentence_of(self, token: Token) -> int:
        """Index of the first token of the token's sentence (`token.sent` is slow)."""
        return self.sentences[self.sentence_number[token.i]].start

    def _frame(self, quote: Marked) -> list[Token]:
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
        while i >= 0 and doc[i].idx >= p_start and not self._ends_sentence(doc[i]):
            if self.quoted[i] is None:
                left.insert(0, doc[i])
            i -= 1
        i = last + 1
        while i < len(doc) and doc[i].idx < p_end and not self._ends_sentence(doc[i]):
            if self.quoted[i] is None:
                right.append(doc[i])
            i += 1
        return left + right

    def _ends_sentence(self, token: Token) -> bool:
        return token.text in SENTENCE_END and self.quoted[token.i] is None

    # -- attributions

    def attribution_in(self, frame: list[Token], quote_tokens: list[Token]) -> Attribution | None:
        """The speech verb or attribution phrase of a frame that governs the quote (the
        innermost when reports nest: 'Lee told Ishiba that ... "...", his spokeswoman
        said'), else the one nearest to it."""
        cues = [(t, verb) for t in frame if (verb := self._cue(t))]
        if not cues:
            return None
        above = {a.i for q in quote_tokens for a in q.ancestors}
        governing = [(t, v) for t, v in cues if t.i in above]
        if governing:
            cue, verb = max(governing, key=lambda cue_verb: _depth(cue_verb[0]))
        else:
            first = quote_tokens[0].i if quote_tokens else 0
            cue, verb = min(cues, key=lambda cue_verb: abs(cue_verb[0].i - first))
        return self.source(Attribution(verb, cue, self.speaker_of_cue(cue, verb)))

    def source(self, attribution: Attribution) -> Attribution:
        """A report inside a person's report is the person's: in 'Caracas condemned the
        measures as "...", Foreign Minister Yván Gil said', Gil is the speaker."""
        if attribution.speaker is not None and attribution.speaker.kind == PERSON:
            return attribution
        for ancestor in attribution.cue.ancestors:
            verb = self.lexicon.speech_verb(ancestor)
            if verb and self._may_speak(ancestor, attribution.cue):
                speaker = self.speaker_of_cue(ancestor, verb)
                if speaker is not None and speaker.kind == PERSON:
                    return Attribution(verb, ancestor, speaker)
        return attribution

    def _cue(self, token: Token) -> str | None:
        phrase = self.lexicon.phrase_at(self.doc, token.i)
        return " ".join(phrase) if phrase else self.lexicon.speech_verb(token)

    def speaker_of_cue(self, cue: Token, verb: str) -> Speaker | None:
        """Who a speech verb or phrase says spoke, resolved once per cue; each resolved
        cue joins the history that later pronouns look back on."""
        if cue.i not in self._resolved:
            phrase = self.lexicon.is_phrase(verb)
            head = self._phrase_speaker_token(cue, verb) if phrase else self._subject(cue)
            speaker = self.resolve(head) if head is not None else None
            self._resolved[cue.i] = speaker
            if speaker is not None:
                self.history.append(Attribution(verb, cue, speaker))
        return self._resolved[cue.i]

    def _phrase_speaker_token(self, cue: Token, phrase: str) -> Token | None:
        """The noun after 'according to': the object of its last word."""
        last = self.doc[cue.i + len(phrase.split()) - 1]
        objects = [c for c in last.children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
        following = self.doc[last.i + 1 : last.i + 6]
        return next((t for t in following if t.pos_ in ("PROPN", "NOUN", "PRON")), None)

    def _subject(self, verb: Token) -> Token | None:
        """The subject of a speech verb outside quote marks (the nearest, if the parse
        found several), following conj/advcl heads ('he said, adding ...'); for a parse
        that found none, the name beside the verb ('Lavrov said', 'said Lavrov', 'Kim Yo
        Jong, the sister of ..., said')."""
        seen = verb
        for _ in range(MAX_SUBJECT_CLIMB):
            subjects = [
                c for c in seen.children if self._may_speak(c, verb) and c.dep_ in ACTIVE_NOUN_SUBJECT_DEPS
            ]
            if subjects:
                return min(subjects, key=lambda s: abs(s.i - seen.i))
            # A verb joined to a noun ('setting off fireworks and chanting ...') climbs on.
            shares = seen.dep_ in SHARED_SUBJECT_DEPS or seen.pos_ not in ("VERB", "AUX")
            if not shares or seen.head.i == seen.i or not self._near(seen.head, verb):
                break
            seen = seen.head
        return self._name_before(seen) or self._name_after(verb)

    def _may_speak(self, token: Token, verb: Token) -> bool:
        """Outside quote marks, in the verb's paragraph, and not a time ('10.40 BST: ...')."""
        return self.quoted[token.i] is None and self._near(token, verb) and token.ent_type_ not in TIME_LABELS

    def _near(self, token: Token, other: Token) -> bool:
        """In the same paragraph: the parse sometimes runs over a paragraph break."""
        return self.paragraph_of(token.idx) == self.paragraph_of(other.idx)

    def _name_before(self, verb: Token) -> Token | None:
        i = verb.i - 1
        if i >= self.sentence_of(verb) and self.doc[i].text == ",":
            # Jump over an apposition closed by this comma to the name it describes.
            opening = next(
                (
                    j
                    for j in range(i - 1, max(self.sentence_of(verb), i - MAX_APPOSITION) - 1, -1)
                    if self.doc[j].text == ","
                ),
                None,
            )
            i = opening - 1 if opening is not None else -1
        return self._speaker_word(i, verb)

    def _name_after(self, verb: Token) -> Token | None:
        token = self._speaker_word(verb.i + 1, verb)
        return token if token is not None and token.pos_ == "PROPN" else None

    def _speaker_word(self, i: int, verb: Token) -> Token | None:
        if not 0 <= i < len(self.doc) or self.sentence_number[i] != self.sentence_number[verb.i]:
            return None
        if not self._may_speak(self.doc[i], verb):
            return None
        token = self.doc[i]
        if token.pos_ == "PROPN" or token.lower_ in self.lexicon.pronouns:
            return token
        return token if token.pos_ == "NOUN" and self.lexicon.speaker_noun(token) else None

    # -- resolution

    def resolve(self, head: Token) -> Speaker | None:
        """The speaker a subject word stands for; None when it names no one ('the move
        signals ...')."""
        lexicon = self.lexicon
        if head.lower_ in lexicon.pronouns:
            return self.pronoun(head)
        if head.tag_ in RELATIVE_TAGS and head.head.dep_ == "relcl":
            antecedent = head.head.head
            # '..., according to the Association, a rights group, which said ...'
            return self.resolve(antecedent.head if antecedent.dep_ == "appos" else antecedent)
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and lexicon.is_source_noun(head):
            return self.resolve(owner)
        if owner is not None and owner.lower_ in lexicon.possessives and lexicon.speaker_noun(head):
            return self._owned(head, owner)
        found = self.titled_person(head) or self.definite_group(head) or self.named(head)
        if found is not None:
            return found
        apposition = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if apposition is not None:
            return Speaker(self.written(apposition), None, GROUP, apposition.idx)
        unnamed = lexicon.speaker_noun(head) or lexicon.is_source_noun(head)
        if head.pos_ == "PROPN" or (head.pos_ == "NOUN" and unnamed):
            return Speaker(self.written(head), None, UNNAMED, head.idx)
        return None

    def _owned(self, head: Token, owner: Token) -> Speaker | None:
        """'His office' -> "Lee Jae-myung's office", speaking for him."""
        kind = self.lexicon.possessives[owner.lower_]
        speaker = self._person_pronoun(owner) if kind == PERSON else self._group_pronoun(owner)
        if speaker is None or speaker.name is None:
            return Speaker(self.written(head), None, UNNAMED, head.idx)
        rest = self.written(head)[len(owner.text) :].strip()
        return Speaker(f"{speaker.name}'s {rest}", speaker.entity_id, GROUP, head.idx)

    def named(self, head: Token) -> Speaker | None:
        """The entity a subject names: a person in apposition first ('the governor of
        Bryansk region, Alexander Bogomaz'), then the head, then any apposition."""
        appositions = [c for c in head.children if c.dep_ == "appos"]
        appositions += [c for a in appositions for c in a.children if c.dep_ == "appos"]
        found = [self._entity_speaker(token, head) for token in appositions]
        person = next((s for s in found if s is not None and s.kind == PERSON), None)
        return person or self._entity_speaker(head, head) or next((s for s in found if s), None)

    def _entity_speaker(self, token: Token, head: Token) -> Speaker | None:
        entity = entity_at(self.doc, token)
        if token.pos_ == "PROPN" and (entity is None or len(entity.name.split()) == 1):
            person = self._person_named(token)
            if person is not None:
                return person
        if entity is not None and entity.type == "PERSON":
            return Speaker(entity.name, entity.id, PERSON, token.idx)
        if entity is None:
            return None
        return Speaker(self._group_name(entity.name, head), entity.id, GROUP, token.idx)

    def _group_name(self, name: str, head: Token) -> str:
        """An organisation's entity name, unless the words give more ("Pakistan's foreign
        ministry", 'informed Syrian sources') or the name shares no word with them (a
        knowledge-base link to something else)."""
        written = self.written(head)
        if head.pos_ == "NOUN":
            bare = all(c.dep_ == "det" for c in head.children if c.i < head.i)
            return name if bare and name.lower() != head.lower_ else written
        shared = set(name.lower().split()) & set(written.lower().split())
        owned = any(c.dep_ == "poss" for c in head.children)
        return name if shared and not owned else written

    def _person_named(self, token: Token) -> Speaker | None:
        """A person whose name holds this word ('Abiy' of 'Abiy Ahmed'), the one
        mentioned last before it."""
        best: tuple[int, Entity] | None = None
        for entity in self.doc._.ew_entities:
            words = entity.name.lower().split()
            if entity.type != "PERSON" or len(words) < 2 or token.lower_ not in words:
                continue
            for mention in entity.mentions:
                if best is None or best[0] < mention.start < token.idx or best[0] > token.idx > mention.start:
                    best = (mention.start, entity)
        return Speaker(best[1].name, best[1].id, PERSON, token.idx) if best else None

    def titled_person(self, head: Token) -> Speaker | None:
        """'the minister' / 'the foreign minister': the last person before it whose role
        ends with those words."""
        if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        modifiers = [c.lower_ for c in head.lefts if c.dep_ in ("compound", "amod")]
        title = " ".join([*modifiers, head.lower_])
        best: Speaker | None = None
        for at, name, entity_id, role in self._people_with_roles():
            if at < head.idx and role.endswith(title) and (best is None or at > best.at):
                best = Speaker(name, entity_id, PERSON, at)
        return best

    def definite_group(self, head: Token) -> Speaker | None:
        """'the ministry' alone: the last organisation that spoke whose name ends with
        that word ("Taiwan's defence ministry")."""
        if head.pos_ != "NOUN" or [c.lower_ for c in head.children] != ["the"]:
            return None
        for attribution in reversed(self.history):
            speaker = attribution.speaker
            if speaker is None or speaker.kind == PERSON or not speaker.name or attribution.cue.i >= head.i:
                continue
            if speaker.name.lower().split()[-1] == head.lower_:
                return Speaker(speaker.name, speaker.entity_id, speaker.kind, head.idx)
        return None

    def _people_with_roles(self) -> Iterator[tuple[int, str, str | None, str]]:
        for entity in self.doc._.ew_entities:
            if entity.type == "PERSON" and entity.role:
                for mention in entity.mentions:
                    yield mention.start, entity.name, entity.id, entity.role.lower()

    # -- pronouns

    def pronoun(self, token: Token) -> Speaker | None:
        if self.lexicon.pronouns[token.lower_] == PERSON:
            return self._person_pronoun(token)
        return self._group_pronoun(token)

    def _person_pronoun(self, token: Token) -> Speaker | None:
        """'he said': of the last person who spoke (the main clause's speaker when several
        spoke in that sentence), the last person who was a sentence's main subject and
        the person the entities stage linked the pronoun to, the one in the latest
        sentence, in that order when they share one."""
        said = self._last_speaker(token, {PERSON})
        linked = self._linked(token)
        candidates = [
            (self.sentence_of(said.cue), 2, said.speaker) if said else None,
            self._main_subject(token),
            (self._sentence_at(linked.at), 0, linked) if linked and linked.kind == PERSON else None,
        ]
        found = [c for c in candidates if c is not None]
        if found:
            return max(found, key=lambda c: (c[0], c[1]))[2]
        last = self._last_person(token.idx)
        if (
            last is not None
            and self.paragraph_of(last.at) >= self.paragraph_of(token.idx) - SPEAKER_REACH_PARAGRAPHS
        ):
            return last
        return None

    def _main_subject(self, token: Token) -> tuple[int, int, Speaker] | None:
        """The person who is the main subject of the latest sentence within reach that
        has one ('Former president Salome Zourabichvili, whose term ended when X was
        sworn in, addressed the crowd. She called ...' -> Zourabichvili)."""
        reach = self.paragraph_of(token.idx) - SPEAKER_REACH_PARAGRAPHS
        for sentence in reversed(self.sentences[: self.sentence_number[token.i] + 1]):
            if self.paragraph_of(sentence.start_char) < reach:
                break
            for subject in (
                c for c in sentence.root.children if c.dep_ in ACTIVE_NOUN_SUBJECT_DEPS and c.i < token.i
            ):
                found = self.named(subject) if subject.lower_ not in self.lexicon.pronouns else None
                if found is not None and found.kind == PERSON:
                    return sentence.start, 1, found
        return None

    def _group_pronoun(self, token: Token) -> Speaker | None:
        """'it said': the organisation the entities stage linked, else the subject earlier
        in the sentence ('the ministry ... what it called'), else the last organisation
        that spoke."""
        linked = self._linked(token)
        if linked is not None and linked.kind != PERSON:
            return linked
        for subject in reversed(self.doc[self.sentence_of(token) : token.i]):
            if subject.dep_ in ACTIVE_NOUN_SUBJECT_DEPS and subject.lower_ not in self.lexicon.pronouns:
                found = self.resolve(subject)
                if found is not None and found.kind != PERSON:
                    return found
        said = self._last_speaker(token, {GROUP, UNNAMED})
        return said.speaker if said else None

    def _linked(self, token: Token) -> Speaker | None:
        """The entity the entities stage linked a pronoun to, dated by its last mention."""
        entity = entity_at(self.doc, token)
        if entity is None:
            return None
        earlier = [m.start for m in entity.mentions if m.start < token.idx]
        kind = PERSON if entity.type == "PERSON" else GROUP
        return Speaker(entity.name, entity.id, kind, max(earlier, default=token.idx))

    def _last_speaker(self, token: Token, kinds: set[str]) -> Attribution | None:
        """The speaker of those kinds in the latest sentence within reach that has one;
        of several there, the one highest in the parse, then the last."""
        reach = self.paragraph_of(token.idx) - SPEAKER_REACH_PARAGRAPHS
        found = [
            a
            for a in self.history
            if a.cue.i < token.i
            and a.speaker is not None
            and a.speaker.kind in kinds
            and self.paragraph_of(a.cue.idx) >= reach
        ]
        if not found:
            return None
        latest = max(self.sentence_of(a.cue) for a in found)
        in_latest = (a for a in found if self.sentence_of(a.cue) == latest)
        return min(in_latest, key=lambda a: (_depth(a.cue), -a.cue.i))

    def _sentence_at(self, char: int) -> int:
        """Token index of the start of the sentence holding a character offset."""
        i = max(0, bisect.bisect_right(self.token_starts, char) - 1)
        return self.sentence_of(self.doc[i])

    def _last_person(self, before: int) -> Speaker | None:
        mentions = [
            (m.start, e)
            for e in self.doc._.ew_entities
            if e.type == "PERSON"
            for m in e.mentions
            if m.start < before
        ]
        if not mentions:
            return None
        at, entity = max(mentions, key=lambda found: found[0])
        return Speaker(entity.name, entity.id, PERSON, at)

    def written(self, head: Token) -> str:
        """The subject phrase as the text writes it, clauses and appositions left out."""
        kept = {head.i}
        for child in head.children:
            if child.dep_ not in NOT_IN_NAME_DEPS:
                kept.update(t.i for t in child.subtree)
        tokens = _trimmed([self.doc[i] for i in sorted(kept)])
        if not tokens:
            return head.text
        return self.doc[tokens[0].i : tokens[-1].i + 1].text

    # -- marked quotes

    def marked_records(self) -> list[tuple[Marked, str, Attribution | None]]:
        """Each marked quote with its kind and attribution, chains sharing theirs."""
        found = []
        for chain in self._chains():
            attributions = [self._own_attribution(quote) for quote in chain]
            shared = next((a for a in reversed(attributions) if a and a.speaker), None)
            shared = shared or self._chain_attribution(chain)
            for quote, own in zip(chain, attributions, strict=True):
                attribution = own if own and own.speaker else shared
                kind = DIRECT if len(chain) > 1 else self._marked_kind(quote)
                found.append((quote, kind, attribution))
        return found

    def _chains(self) -> list[list[Marked]]:
        chains: list[list[Marked]] = []
        for quote in self.marked:
            if quote.continues and chains and chains[-1][-1].runs_on:
                chains[-1].append(quote)
            else:
                chains.append([quote])
        return chains

    def _own_attribution(self, quote: Marked) -> Attribution | None:
        return self.attribution_in(self._frame(quote), self._tokens_of(quote))

    def _tokens_of(self, quote: Marked) -> list[Token]:
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        return list(span) if span is not None else []

    def _chain_attribution(self, chain: list[Marked]) -> Attribution | None:
        """A quote with no speech verb of its own continues the speaker before it in its
        paragraph, or of a paragraph ending in a colon; else a bare attribution after it
        ('Lavrov said.'), else (for a direct quote) the last speaker of the paragraph
        before."""
        first, last = chain[0], chain[-1]
        before = self._attribution_before(first, same_paragraph=True)
        if before is not None:
            return before
        colon = self._colon_attribution(first)
        if colon is not None:
            return colon
        after = self._attribution_after(last, bare_only=len(chain) == 1)
        if after is not None:
            return after
        # A whole paragraph of quotation carries on the last speaker; an embedded one
        # with nobody named near it ('banners reading "..."') is left without a speaker.
        if len(chain) > 1 or self._marked_kind(first) == DIRECT:
            return self._attribution_before(first, same_paragraph=False)
        return None

    def _attributions(self) -> list[Attribution]:
        """Every speech verb and phrase of the body outside quote marks with its speaker."""
        found = []
        for token in self.doc:
            if self.quoted[token.i] is not None:
                continue
            verb = self._cue(token)
            if verb:
                found.append(Attribution(verb, token, self.speaker_of_cue(token, verb)))
        return found

    def _attribution_before(self, quote: Marked, same_paragraph: bool) -> Attribution | None:
        paragraph = quote.paragraph
        lowest = paragraph if same_paragraph else paragraph - SPEAKER_REACH_PARAGRAPHS + 1
        for attribution in reversed(self.all_attributions):
            at = attribution.cue.idx
            if at >= quote.outer_start or attribution.speaker is None:
                continue
            if lowest <= self.paragraph_of(at) <= paragraph:
                return attribution
        return None

    def _colon_attribution(self, quote: Marked) -> Attribution | None:
        """The speaker of a paragraph ending in a colon that introduces the quote: its
        speech verb's, else its last sentence's subject ('Reyes put it plainly:')."""
        if quote.paragraph == 0:
            return None
        p_start, p_end = self.paragraphs[quote.paragraph - 1]
        if not self.text[p_start:p_end].rstrip().endswith(":"):
            return None
        inside = [a for a in self.all_attributions if p_start <= a.cue.idx < p_end and a.speaker]
        if inside:
            return inside[-1]
        # The parse may hang the colon on the quote itself: look at the words, last first.
        first = bisect.bisect_left(self.token_starts, p_start)
        last = bisect.bisect_left(self.token_starts, p_end)
        for verb in reversed(self.doc[first:last]):
            subject = next((c for c in verb.children if c.dep_ in ACTIVE_NOUN_SUBJECT_DEPS), None)
            if verb.pos_ in ("VERB", "AUX") and subject is not None and self._may_speak(subject, verb):
                speaker = self.resolve(subject)
                return Attribution(verb.lemma_.lower(), verb, speaker) if speaker is not None else None
        return None

    def _attribution_after(self, quote: Marked, bare_only: bool) -> Attribution | None:
        """The sentence right after a quote, when it opens with its speech verb."""
        doc = self.doc
        start = bisect.bisect_left(self.token_starts, quote.outer_end)
        while start < len(doc) and doc[start].is_space:
            start += 1
        if start >= len(doc) or self.quoted[start] is not None:
            return None
        for token in doc[start : start + MAX_ATTRIBUTION_LEAD]:
            if self._ends_sentence(token) or self.quoted[token.i] is not None:
                return None
            verb = self.lexicon.speech_verb(token)
            if not verb:
                continue
            bare = not any(c.dep_ in ("ccomp", "xcomp") for c in token.children)
            speaker = self.speaker_of_cue(token, verb)
            if speaker is not None and (bare or not bare_only):
                return Attribution(verb, token, speaker)
            return None
        return None

    def _marked_kind(self, quote: Marked) -> str:
        """Direct when the quoted words make the sentence (alone, after 'X said:' or
        'said,', or as a whole clause after 'that'); partial when they sit inside the
        reporter's sentence."""
        before = [t for t in self._frame(quote) if t.idx < quote.outer_start]
        words = self.text[quote.start : quote.end]
        if not before or before[-1].text in (":", ","):
            return DIRECT
        clause = words[:1].isupper() and any(t.pos_ in ("VERB", "AUX") for t in self._tokens_of(quote))
        introduced = before[-1].lower_ == "that" or self.lexicon.speech_verb(before[-1]) is not None
        return DIRECT if clause and introduced else PARTIAL

    # -- reported speech

    def indirect_records(self) -> list[tuple[int, int, Attribution]]:
        """(start, end, attribution) of each reported clause outside quote marks."""
        found: dict[tuple[int, int], Attribution] = {}
        for attribution in self.all_attributions:
            speaker, cue = attribution.speaker, attribution.cue
            # 'did not confirm the strikes' reports nothing.
            if speaker is None or speaker.name is None or any(c.dep_ == "neg" for c in cue.children):
                continue
            for part in self._reported_parts(attribution):
                tokens = self._without_dateline(_trimmed(part))
                if len(tokens) < 2 or self._mostly_marked(tokens):
                    continue
                source = self.source(attribution)
                key = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
                held = found.get(key)
                if held is None or _distance(source.cue, tokens) < _distance(held.cue, tokens):
                    found[key] = source
        return [(start, end, attribution) for (start, end), attribution in found.items()]

    def _reported_parts(self, attribution: Attribution) -> list[list[Token]]:
        """The reported words of a speech verb or phrase: its clause, one part per
        conjoined clause with a subject of its own; or the verb with its object."""
        cue, verb = attribution.cue, attribution.verb
        if self.lexicon.is_phrase(verb):
            return [self._attributed_clause(cue, len(verb.split()))]
        reports = self.lexicon.reports(verb)
        clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if clause is not None:
            return _conjoined_clauses(self._innermost_clause(clause)) if "clause" in reports else []
        if "object" in reports and any(_object_part(c) and c.i > cue.i for c in cue.children):
            kept = {cue.i}
            for child in cue.rights:
                if _object_part(child):
                    kept.update(t.i for t in child.subtree)
            return [_longest_run([self.doc[i] for i in sorted(kept)])]
        return []

    def _innermost_clause(self, clause: Token) -> Token:
        """A reported clause; when it is itself a report ('..., Interfax reported'),
        the clause that one reports."""
        inner = next((c for c in clause.children if c.dep_ == "ccomp" and c.i < clause.i), None)
        if self.lexicon.speech_verb(clause) and inner is not None:
            return self._innermost_clause(inner)
        return clause

    def _without_dateline(self, tokens: list[Token]) -> list[Token]:
        """A reported clause opening a paragraph starts after its dateline or time stamp
        ('TBILISI, Georgia —', 'NEW DELHI, Oct 8 (Reuters) -', '13.15 BST:')."""
        if not tokens or tokens[0].idx not in self.paragraph_starts:
            return tokens
        mark = next((t for t in tokens[:DATELINE_TOKENS] if _dateline_end(t)), None)
        head = [t for t in tokens if mark is not None and t.i < mark.i]
        if not _is_dateline(head):
            return tokens
        return _trimmed([t for t in tokens if t.i > mark.i])

    def _attributed_clause(self, cue: Token, length: int) -> list[Token]:
        """What 'according to X' attributes: the clause it hangs on, without the phrase."""
        head = cue.head
        sentence = self.sentences[self.sentence_number[cue.i]]
        phrase = {t.i for t in cue.subtree} | set(range(cue.i, cue.i + length))
        tokens = [t for t in head.subtree if t.i not in phrase and sentence.start <= t.i < sentence.end]
        if head.i == cue.i:
            tokens = [t for t in sentence if t.i not in phrase]
        return _trimmed(_longest_run(tokens))

    def _mostly_marked(self, tokens: list[Token]) -> bool:
        words = [t for t in tokens if not t.is_punct]
        inside = sum(1 for t in words if self.quoted[t.i] is not None)
        return inside > MAX_MARKED_SHARE * len(words)

    # -- the records

    def read(self) -> list[Quote]:
        """The quotes in text order. Without a dependency parse only the words between
        quote marks are found, with no speaker."""
        candidates: list[tuple[int, int, str, Attribution | None]] = []
        if not self.parsed:
            candidates = [(q.start, q.end, self._marked_kind(q), None) for q in self.marked]
            return self._records(candidates)
        self.all_attributions = self._attributions()
        for quote, kind, attribution in self.marked_records():
            candidates.append((quote.start, quote.end, kind, attribution))
        for start, end, attribution in self.indirect_records():
            candidates.append((start, end, INDIRECT, attribution))
        return self._records(candidates)

    def _records(self, candidates: list[tuple[int, int, str, Attribution | None]]) -> list[Quote]:
        candidates.sort(key=lambda c: (c[0], c[1]))
        quotes = []
        for number, (start, end, kind, attribution) in enumerate(candidates, 1):
            speaker = attribution.speaker if attribution else None
            quotes.append(
                Quote(
                    id=f"q{number}",
                    text=self.text[start:end],
                    kind=kind,
                    speaker=speaker.name if speaker else None,
                    speaker_id=speaker.entity_id if speaker else None,
                    verb=attribution.verb if attribution else None,
                    start=start,
                    end=end,
                )
            )
        return quotes


def _trimmed(tokens: list[Token]) -> list[Token]:
    """Tokens without leading 'that'/punctuation/conjunctions or trailing punctuation;
    a closing quote mark stays when its opening mark is kept."""
    while tokens and (tokens[0].dep_ in EDGE_DEPS or tokens[0].lower_ in CLAUSE_OPENERS or _blank(tokens[0])):
        tokens = tokens[1:]
    while tokens and (tokens[-1].dep_ in ("punct", "cc") or _blank(tokens[-1])):
        if tokens[-1].text in QUOTE_MARKS and sum(t.text in QUOTE_MARKS for t in tokens) % 2 == 0:
            break
        tokens = tokens[:-1]
    return tokens


def _conjoined_clauses(root: Token) -> list[list[Token]]:
    """'X happened, and Y was done, the ministry said': one part per clause."""
    joined = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and _has_subject(c)]
    if not joined:
        return [list(root.subtree)]
    inside_joined = {t.i for c in joined for t in c.subtree}
    first = _longest_run([t for t in root.subtree if t.i not in inside_joined])
    return [first] + [list(c.subtree) for c in joined]


def _blank(token: Token) -> bool:
    return token.is_punct or token.is_space


def _dateline_end(token: Token) -> bool:
    """The colon or the free-standing dash (not a hyphen) that ends a dateline."""
    if token.text == ":":
        return True
    return token.text in DATELINE_DASHES and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def _is_dateline(words: list[Token]) -> bool:
    """Words of a dateline or time stamp: capitalised, numbers and punctuation, one at
    least in capitals or a number ('KABUL, Afghanistan (AP)', '13.15 BST')."""
    shaped = all(t.is_upper or t.is_title or t.like_num or _blank(t) for t in words)
    return bool(words) and shaped and any(t.is_upper or t.like_num for t in words)


def _object_part(child: Token) -> bool:
    """Whether a word right of a speech verb belongs to what it reports: its object and
    complements, or an infinitive ('vowed on Sunday to retaliate')."""
    if child.dep_ == "advcl":
        return any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
    return child.dep_ in OBJECT_DEPS


def _has_subject(verb: Token) -> bool:
    return any(child.dep_ in CLAUSE_SUBJECT_DEPS for child in verb.children)


def _longest_run(tokens: list[Token]) -> list[Token]:
    """The longest stretch of consecutive tokens: a reported span is one piece of text."""
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return max(runs, key=len) if runs else []


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _distance(cue: Token, tokens: list[Token]) -> int:
    return min(abs(cue.i - tokens[0].i), abs(cue.i - tokens[-1].i))


# --- the component ------------------------------------------------------------------


def find_quotes(doc: Doc, lexicon: SpeechLexicon | None = None) -> list[Quote]:
    """The quotes of a parsed article body, in text order, ids q1, q2, ..."""
    return ArticleQuotes(doc, lexicon or load_speech_lexicon()).read()


class QuotesComponent(GuardedComponent):
    """The spaCy component: writes `doc._.ew_quotes` (a list of `records.Quote`)."""

    def __init__(self, nlp: Language, name: str, lexicon_path: str | None = None) -> None:
        self.name = name
        self.lexicon = load_speech_lexicon(lexicon_path)

    def annotate(self, doc: Doc) -> Doc:
        doc._.ew_quotes = find_quotes(doc, self.lexicon)
        return doc


@Language.factory(
    "eventwire_quotes",
    requires=["doc.sents", "token.dep", "doc._.ew_paragraphs", "doc._.ew_entities"],
    assigns=["doc._.ew_quotes"],
    # null: the bundled data/speech_verbs.yaml
    default_config={"lexicon_path": None},
)
def make_quotes(nlp: Language, name: str, lexicon_path: str | None) -> QuotesComponent:
    """spaCy factory: direct, partial and reported speech with speakers."""
    register_extensions()
    return QuotesComponent(nlp, name, lexicon_path)


def quote_at(doc: Doc, char_offset: int) -> Quote | None:
    """The quote covering a character offset of the body: a marked quote before the
    reported clause around it, the shortest first."""
    covering = [q for q in doc._.ew_quotes if q.start <= char_offset < q.end]
    if not covering:
        return None
    return min(covering, key=lambda q: (q.kind == INDIRECT, q.end - q.start))
