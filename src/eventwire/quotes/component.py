"""The quotes stage as a spaCy component: `find_quotes` over one parsed body, the
`eventwire_quotes` factory writing `doc._.ew_quotes`, and `quote_at` for later stages."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.boundary import GuardedComponent
from eventwire.extensions import register_extensions
from eventwire.knowledge.speech import SpeechLexicon, load_speech_lexicon
from eventwire.quotes.article import INDIRECT, ArticleState, Attribution
from eventwire.quotes.attribution import Attributions
from eventwire.quotes.chains import marked_kind, marked_records
from eventwire.quotes.reported import indirect_records
from eventwire.records import Quote

Candidate = tuple[int, int, str, Attribution | None]


def find_quotes(doc: Doc, lexicon: SpeechLexicon | None = None) -> list[Quote]:
    """The quotes of a parsed article body, in text order, ids q1, q2, ... Without a
    dependency parse only the words between quote marks are found, with no speaker."""
    state = ArticleState(doc, lexicon or load_speech_lexicon())
    if not state.parsed:
        return _records(state, [(q.start, q.end, marked_kind(state, q), None) for q in state.marked])
    attributions = Attributions(state)
    candidates: list[Candidate] = []
    for quote, kind, attribution in marked_records(attributions):
        candidates.append((quote.start, quote.end, kind, attribution))
    for start, end, attribution in indirect_records(attributions):
        candidates.append((start, end, INDIRECT, attribution))
    return _records(state, candidates)


def _records(state: ArticleState, candidates: list[Candidate]) -> list[Quote]:
    candidates.sort(key=lambda c: (c[0], c[1]))
    quotes = []
    for number, (start, end, kind, attribution) in enumerate(candidates, 1):
        speaker = attribution.speaker if attribution else None
        quotes.append(
            Quote(
                id=f"q{number}",
                text=state.text[start:end],
                kind=kind,
                speaker=speaker.name if speaker else None,
                speaker_id=speaker.entity_id if speaker else None,
                verb=attribution.verb if attribution else None,
                start=start,
                end=end,
            )
        )
    return quotes


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
