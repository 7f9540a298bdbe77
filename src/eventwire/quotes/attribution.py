"""Speech verbs and attribution phrases, and who they say spoke.

A cue is a speech verb ('said', 'called for') or an attribution phrase ('according
to'); its speaker is the verb's subject outside quote marks (following the heads of a
verb that shares its subject: 'he said, adding ...'), the name beside the verb when the
parse found no subject, or the noun after the phrase. A report inside a person's report
is the person's. Each cue is resolved once per article, and joins the history later
pronouns look back on.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.knowledge.labels import ACTIVE_NOUN_SUBJECT_DEPS, VERBAL_POS
from eventwire.quotes.article import PERSON, ArticleState, Attribution, Speaker, depth
from eventwire.quotes.speakers import SpeakerResolver

# How many heads a verb without a subject climbs to find the one it shares.
MAX_SUBJECT_CLIMB = 5
# The longest apposition jumped over to find a speaker the parse left unattached.
MAX_APPOSITION = 12
# A verb without a subject of its own speaks with the subject of its head:
# 'he said, adding ...', 'arrived and told reporters ...'.
SHARED_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp"})


class Attributions:
    """The speech cues of one article with their speakers; `in_body` is every cue outside
    quote marks, in text order, read when the article is."""

    def __init__(self, state: ArticleState) -> None:
        self.state = state
        self.doc = state.doc
        self.lexicon = state.lexicon
        self.speakers = SpeakerResolver(state)
        self._resolved: dict[int, Speaker | None] = {}
        self.in_body = self._in_body()

    def _in_body(self) -> list[Attribution]:
        """Every speech verb and phrase of the body outside quote marks with its speaker."""
        found = []
        for token in self.doc:
            if self.state.quoted[token.i] is not None:
                continue
            verb = self.cue(token)
            if verb:
                found.append(Attribution(verb, token, self.speaker_of_cue(token, verb)))
        return found

    def cue(self, token: Token) -> str | None:
        """The attribution phrase starting at `token` or the speech verb it heads, if any."""
        phrase = self.lexicon.phrase_at(self.doc, token.i)
        return " ".join(phrase) if phrase else self.lexicon.speech_verb(token)

    def governing(self, frame: list[Token], quote_tokens: list[Token]) -> Attribution | None:
        """The speech verb or attribution phrase of a frame that governs the quote (the
        innermost when reports nest: 'Lee told Ishiba that ... "...", his spokeswoman
        said'), else the one nearest to it."""
        cues = [(t, verb) for t in frame if (verb := self.cue(t))]
        if not cues:
            return None
        above = {a.i for q in quote_tokens for a in q.ancestors}
        governing = [(t, v) for t, v in cues if t.i in above]
        if governing:
            cue, verb = max(governing, key=lambda cue_verb: depth(cue_verb[0]))
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
            if verb and self.state.may_speak(ancestor, attribution.cue):
                speaker = self.speaker_of_cue(ancestor, verb)
                if speaker is not None and speaker.kind == PERSON:
                    return Attribution(verb, ancestor, speaker)
        return attribution

    def speaker_of_cue(self, cue: Token, verb: str) -> Speaker | None:
        """Who a speech verb or phrase says spoke, resolved once per cue; each resolved
        cue joins the history that later pronouns look back on."""
        if cue.i not in self._resolved:
            phrase = self.lexicon.is_phrase(verb)
            head = self._phrase_speaker_token(cue, verb) if phrase else self._subject(cue)
            speaker = self.speakers.resolve(head) if head is not None else None
            self._resolved[cue.i] = speaker
            if speaker is not None:
                self.state.history.append(Attribution(verb, cue, speaker))
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
        state = self.state
        seen = verb
        for _ in range(MAX_SUBJECT_CLIMB):
            subjects = [
                c for c in seen.children if state.may_speak(c, verb) and c.dep_ in ACTIVE_NOUN_SUBJECT_DEPS
            ]
            if subjects:
                return min(subjects, key=lambda s: abs(s.i - seen.i))
            # A verb joined to a noun ('setting off fireworks and chanting ...') climbs on.
            shares = seen.dep_ in SHARED_SUBJECT_DEPS or seen.pos_ not in VERBAL_POS
            if not shares or seen.head.i == seen.i or not state.near(seen.head, verb):
                break
            seen = seen.head
        return self._name_before(seen) or self._name_after(verb)

    def _name_before(self, verb: Token) -> Token | None:
        sentence_start = self.state.sentence_of(verb)
        i = verb.i - 1
        if i >= sentence_start and self.doc[i].text == ",":
            # Jump over an apposition closed by this comma to the name it describes.
            opening = next(
                (
                    j
                    for j in range(i - 1, max(sentence_start, i - MAX_APPOSITION) - 1, -1)
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
        state = self.state
        if not 0 <= i < len(self.doc) or state.sentence_number[i] != state.sentence_number[verb.i]:
            return None
        if not state.may_speak(self.doc[i], verb):
            return None
        token = self.doc[i]
        if token.pos_ == "PROPN" or token.lower_ in self.lexicon.pronouns:
            return token
        return token if token.pos_ == "NOUN" and self.lexicon.speaker_noun(token) else None
