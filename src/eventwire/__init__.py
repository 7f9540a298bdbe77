"""eventwire: raw news in, political event data an analyst can trust out.

`eventwire.extract(text)` / `eventwire.extract(paths=...)` return one record per article;
`eventwire.extract_iter(...)` yields them as they are read, with inputs or articles that
fail reported as errors in the stream. The names load on first use, so that importing
eventwire (spaCy does, to find its components) costs little.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.clean import clean_document
    from eventwire.pipeline import extract, extract_iter
    from eventwire.read import read_inputs

__all__ = ["clean_document", "extract", "extract_iter", "read_inputs"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in ("extract", "extract_iter"):
        from eventwire import pipeline

        return getattr(pipeline, name)
    if name == "clean_document":
        from eventwire.clean import clean_document

        return clean_document
    if name == "read_inputs":
        from eventwire.read import read_inputs

        return read_inputs
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
