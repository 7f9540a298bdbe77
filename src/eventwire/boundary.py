"""The error boundary around every stage.

A failure inside a stage on one article must not end the run: like spaCy's
`nlp.set_error_handler` and trafilatura's `examine()`, eventwire turns it into one line
naming the article, the stage and the reason, and goes on with the other articles.

Every eventwire component is a `GuardedComponent`. When its work on a doc raises, it
hands the error to its error handler (spaCy's protocol: `handler(name, component, docs,
error)`), then returns the doc unchanged; the later eventwire stages leave a doc that a
stage failed on alone. The default handler is spaCy's own `raise_error`, so a plain spaCy
user sees the exception; `eventwire.nlp.load_pipeline` sets `record_failure`, which
writes `(stage, reason)` to `doc._.ew_failures` for the pipeline to report.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from spacy.tokens import Doc
from spacy.util import raise_error

LOG = logging.getLogger(__name__)

ErrorHandler = Callable[[str, Any, Sequence[Doc], Exception], None]


def failure_reason(error: BaseException) -> str:
    """The error in one line: its type and the first line of its message."""
    message = str(error).strip().splitlines()
    return f"{type(error).__name__}: {message[0]}" if message else type(error).__name__


def record_failure(stage: str, component: Any, docs: Sequence[Doc], error: Exception) -> None:
    """spaCy error handler: note on each doc which stage failed on it and why. spaCy's own
    components drop the docs they fail on, so their failure is logged here as well."""
    if isinstance(component, GuardedComponent):
        LOG.debug("stage %s failed", stage, exc_info=error)
    else:
        LOG.warning("spaCy component %s failed on %d doc(s): %s", stage, len(docs), failure_reason(error))
    for doc in docs:
        if Doc.has_extension("ew_failures"):
            doc._.ew_failures = (*doc._.ew_failures, (stage, failure_reason(error)))


class GuardedComponent:
    """Base of eventwire's components: `annotate(doc)` inside the error boundary."""

    name: str
    error_handler: ErrorHandler = staticmethod(raise_error)  # type: ignore[assignment]

    def __call__(self, doc: Doc) -> Doc:
        if doc._.ew_failures:
            return doc
        try:
            return self.annotate(doc)
        except Exception as error:  # the boundary: one article's failure is reported, not fatal
            self.error_handler(self.name, self, [doc], error)
            return doc

    def annotate(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def set_error_handler(self, error_handler: ErrorHandler) -> None:
        self.error_handler = error_handler

    def get_error_handler(self) -> ErrorHandler:
        return self.error_handler
