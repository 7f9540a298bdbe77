"""Plain typed records passed between pipeline stages.

Every record is a frozen dataclass that `dataclasses.asdict` turns into JSON-ready
values. Offsets are character offsets into the cleaned article body unless a field
says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Caption:
    """A photo caption kept apart from the body, with its credit ('AFP file photo')."""

    text: str
    credit: str | None = None


@dataclass(frozen=True)
class Document:
    """One unit of raw input as a reader found it, before cleaning.

    `source` names where it came from so a user can join results back: a file path,
    `path#record-N` inside a WARC, or a JSON Lines record's `id` (else its `url`).
    `offset` is the byte offset of the record in its file (0 for a whole file) and
    `line` the 1-based line of a JSON Lines record.
    `kind` is "text" for plain text and "html" for a page whose main text is still to
    be found. Metadata fields carry what the container said (a JSONL `title`, a WARC
    record's URL); the cleaner fills what they lack from the text itself.
    """

    source: str
    text: str
    kind: str = "text"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    offset: int = 0
    line: int | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph; `start`/`end` are offsets into the article's `body`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One cleaned news article: the output of the clean stage.

    `body` is the paragraphs joined by blank lines; the words, quote marks and
    diacritics are those of the input, only white space is normalised.
    `dateline` is the place of a wire dateline ('MOSCOW' in 'MOSCOW (AP) —'); the
    dateline itself stays at the head of the body so offsets match the text.
    """

    id: str
    source: str
    title: str | None
    body: str
    paragraphs: tuple[Paragraph, ...]
    captions: tuple[Caption, ...] = ()
    published: str | None = None
    dateline: str | None = None
    byline: str | None = None
    url: str | None = None
    language: str | None = None
    content_hash: str = ""
    duplicate_of: str | None = None
    minhash: tuple[int, ...] = field(default=(), repr=False, compare=False)
