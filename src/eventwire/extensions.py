"""Every `Doc._` attribute eventwire reads or writes, declared in one place.

The article's context is set on the Doc before the pipeline runs (`nlp.article_doc`);
each component writes its records to its own attribute; `ew_failures` holds the stages
that failed on the doc (see `eventwire.nlp`). Factories call `register_extensions()`
when they build their component, so importing eventwire declares nothing.

Records in `Doc._` are frozen dataclasses; the msgpack hooks below let
`nlp.pipe(n_process>1)` and `Doc.to_bytes()` carry them between processes.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import srsly
from spacy.tokens import Doc

from eventwire import records

# The article's context, set before the pipeline runs.
# `entry_days`: ((offset where a live-blog entry starts, its day), ...), in order;
# `publisher`: the line naming who published the article (a ministry, a newspaper).
CONTEXT_ATTRIBUTES = ("reference_date", "dateline", "article_title", "entry_days", "publisher")
# What the components write: attribute -> default.
DOC_ATTRIBUTES: dict[str, Any] = {
    "ew_paragraphs": None,  # layout: (start, end) of each paragraph
    "ew_dateline_end": None,  # layout: where the dateline ends
    "ew_entities": (),  # entities: records.Entity
    "ew_entity_index": None,  # entities: token index -> index in ew_entities
    "ew_entity_context": None,  # entities: the article's countries, for actor_of
    "ew_dates": (),  # dates: records.TimeExpr
    "ew_places": (),  # places: records.Place
    "ew_quotes": (),  # quotes: records.Quote
    "ew_events": (),  # events: records.Event
    "ew_failures": (),  # (stage, reason) of each stage that failed on the doc
}

_RECORD_KEY = "__eventwire_record__"


def register_extensions() -> None:
    """Declare the `Doc._` attributes; safe to call any number of times."""
    for name in CONTEXT_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name, default in DOC_ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def _record_types() -> dict[str, type]:
    return {
        name: value
        for name, value in vars(records).items()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
    }


def _encode_record(obj: Any, chain: Any = None) -> Any:
    """msgpack hook: an eventwire record as a tagged dict."""
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


# Registered on import, not in a factory: a worker process started by `nlp.pipe` decodes
# docs before any factory of its own has run.
srsly.msgpack_encoders.register("eventwire_records", func=_encode_record)
srsly.msgpack_decoders.register("eventwire_records", func=_decode_record)
