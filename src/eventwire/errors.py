"""Exceptions, one per kind of failure, each able to say itself in one line."""

from __future__ import annotations

import re

# Characters a terminal acts on (C0 and C1 controls, DEL: ESC sequences, OSC titles and
# links, BEL) or that reorder what follows (bidi overrides and isolates).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """Text for a line said to a person (an error line, a progress bar, a warning): each
    control or bidi character shown as its escape ('\\x1b', '\\u202e'), so a hostile file
    name or record id can neither drive the terminal nor hide what it is."""
    return _UNPRINTABLE.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), str(text))


class EventwireError(Exception):
    """Base of eventwire's own errors."""


class ReadError(EventwireError):
    """An input could not be read: a bad file, a truncated archive, an oversized record.

    Caught at the batch boundary and printed as one line; the batch goes on.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ConfigError(EventwireError):
    """A setting is missing or wrong; the message says which and how to fix it."""


class StageError(ReadError):
    """A pipeline stage failed on one article: reported in one line, the batch goes on.

    A kind of `ReadError`, so that every consumer that reports a bad input and goes on
    (the CLI, `ingest`, `extract_iter`) reports this too.
    """

    def __init__(self, source: str, stage: str, reason: str) -> None:
        super().__init__(source, f"stage {stage} failed: {reason}")
        self.stage = stage
