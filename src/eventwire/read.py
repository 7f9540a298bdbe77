"""Readers: raw bytes from files, directories, archives and stdin -> Documents.

`read_inputs` turns paths into a stream of `Document`s, one per text file, HTML page,
WARC response or JSON Lines record, in input order. An input that cannot be read
becomes a `ReadError` in the stream at its place and reading goes on, so one bad file
never stops a batch. The format comes from the file name (`.txt`, `.md`, `.html`,
`.warc`, `.jsonl`, each optionally `.gz`), else from the first bytes. Reading is
streamed and bounded: a WARC crawl of any size is read in constant memory, and no
document, gzip stream or WARC record may grow past the limits in `Settings`.

A text or HTML file may have a sidecar beside it, `NAME.meta.json` for `NAME.txt` (or
`NAME.html`, `NAME.txt.gz`, ...): a JSON object whose `published`, `title`, `url` and
`byline` (or `author`) are the file's, as a JSON Lines record's are; other keys are
ignored. A sidecar that cannot be read is one `ReadError` and the file is read without it.
"""

from __future__ import annotations

import codecs
import dataclasses
import gzip
import io
import json
import logging
import os
import re
import stat
import sys
import zlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

import charset_normalizer
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from eventwire.config import Settings, load_settings
from eventwire.errors import ReadError
from eventwire.knowledge.calendar import day_written
from eventwire.records import Document

log = logging.getLogger(__name__)

MB = 1024 * 1024
SNIFF_BYTES = 8192
SIDECAR_SUFFIX = ".meta.json"
SIDECAR_MAX_BYTES = MB
SIDECAR_FORMATS = {"text", "html"}
STDIN_PATH = "-"
STDIN_SOURCE = "<stdin>"

FORMAT_BY_EXTENSION = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".warc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
BINARY = "binary content (not text, HTML, WARC or JSON Lines)"
BINARY_MAGIC = (
    b"\x89PNG",
    b"%PDF-",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
)
# Control characters that never occur in text; tab, newlines, form feed and escape do.
CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13, 27})
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# As browsers do (WHATWG encoding standard): a page labelled latin-1 or ASCII is cp1252.
CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html\b|<head\b|<body\b)",
    re.IGNORECASE | re.DOTALL,
)
HTML_TYPES = {"text/html", "application/xhtml+xml"}
# So many bad lines of the last lines of a JSON Lines file are damage, not a few bad records.
DAMAGED_LINES = 12
DAMAGE_WINDOW = 20
NOT_AN_OBJECT = "not a JSON object"
# Content types a server sends when it does not know: the payload decides.
UNKNOWN_TYPES = {"", "application/octet-stream", "binary/octet-stream", "text/plain", "unknown/unknown"}


class _Refused(Exception):
    """An input or record is refused; `reason` is the one line a user reads."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Oversize(Exception):
    """A decompressed stream grew past its limit."""


Reader = Callable[[str, BinaryIO, "int | None", Settings], Iterator["Document | ReadError"]]


def read_inputs(
    paths: Sequence[str], *, stdin: BinaryIO | None = None, settings: Settings | None = None
) -> Iterator[Document | ReadError]:
    """Read files, directories and stdin ('-') into Documents, in input order.

    Never raises for a bad input: a file that cannot be read, or a record in it, is a
    `ReadError` (source and one-line reason) at its place in the stream, and reading
    goes on. `stdin` is the binary stream '-' reads (default: the process's stdin).
    """
    settings = settings or load_settings()
    if isinstance(paths, str):  # one path given bare: not a sequence of one-letter paths
        paths = [paths]
    stdin_done = False
    for path in paths:
        if path == STDIN_PATH:
            if stdin_done:
                log.debug("standard input named twice: read once")
                continue
            stdin_done = True
            yield from _read_stream(STDIN_SOURCE, stdin or sys.stdin.buffer, None, None, settings)
        else:
            yield from _read_path(path, settings)


def read_text(text: str, source: str = "<text>") -> Document:
    """A string given from Python as a Document: an HTML page if it looks like one, else text."""
    return _without_nuls(Document(source=source, text=text, kind="html" if looks_like_html(text) else "text"))


def looks_like_html(text: str) -> bool:
    """True when a text is an HTML page (doctype, <html>, <head> or <body> near its start)."""
    head = text[:SNIFF_BYTES]
    return bool(HTML_START.match(head)) or "<body" in head.lower()


# ---------------------------------------------------------------------------- paths


def input_files(paths: Sequence[str]) -> list[str]:
    """The files `read_inputs` reads for these paths, directories walked as it walks them
    (recursively, in name order, hidden names and unknown extensions skipped); '-' stays."""
    files: list[str] = []
    for path in paths:
        files.extend(_walk(path) if path != "-" and os.path.isdir(path) else [path])
    return files


def _read_path(path: str, settings: Settings) -> Iterator[Document | ReadError]:
    if os.path.isdir(path):
        for file_path in _walk(path):
            yield from _read_file(file_path, _format_of(file_path), settings)
    else:
        yield from _read_file(path, _format_of(path), settings)


def _walk(directory: str) -> Iterator[str]:
    """Files of a known format under `directory`, recursively, in name order, hidden ones skipped."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        yield directory  # read as a file, it is one line saying why it cannot be listed
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        # Linked directories are not followed: a link cycle would never end.
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif _format_of(entry.name)[0] is None:
            log.debug("skipping %s: not a format eventwire reads", entry.path)
        elif entry.is_file():
            yield entry.path
        else:
            # A FIFO would block the run until something writes to it.
            log.warning("skipping %s: %s", entry.path, _not_regular(entry.path))


def _not_regular(path: str) -> str:
    """Why a path that is neither a file nor a directory is not read."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _os_reason(exc)
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"not a regular file ({kind})"


def _format_of(name: str) -> tuple[str | None, bool]:
    """(format, gzipped) from a file name; format None when the name does not say."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    return FORMAT_BY_EXTENSION.get(os.path.splitext(lower)[1]), gzipped


def _read_file(
    path: str, name_format: tuple[str | None, bool], settings: Settings
) -> Iterator[Document | ReadError]:
    fmt, gzipped = name_format
    sidecar: dict[str, object] = {}
    meta_path = sidecar_path(path)
    if fmt in SIDECAR_FORMATS and os.path.isfile(meta_path):
        sidecar, problem = _read_sidecar(meta_path)
        if problem is not None:
            yield ReadError(meta_path, f"{problem}; {os.path.basename(path)} is read without it")
    if os.path.isdir(path):
        yield ReadError(path, _unlistable(path))
        return
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            for item in _read_stream(path, stream, size, fmt, settings, gzipped=gzipped):
                yield _with_sidecar(item, sidecar) if sidecar and isinstance(item, Document) else item
    except OSError as exc:
        yield ReadError(path, _os_reason(exc))


def _unlistable(directory: str) -> str:
    try:
        os.scandir(directory).close()
    except OSError as exc:
        return f"cannot list the directory: {_os_reason(exc)}"
    return "is a directory"


def sidecar_path(path: str) -> str:
    """Where a file's sidecar is: `NAME.meta.json` beside `NAME.txt`, `NAME.html` or `NAME.txt.gz`."""
    name = path[:-3] if path.lower().endswith(".gz") else path
    return os.path.splitext(name)[0] + SIDECAR_SUFFIX


def _read_sidecar(path: str) -> tuple[dict[str, object], str | None]:
    """A sidecar's JSON object, or why it cannot be used."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(SIDECAR_MAX_BYTES + 1)
    except OSError as exc:
        return {}, f"sidecar: {_os_reason(exc)}"
    if len(data) > SIDECAR_MAX_BYTES:
        return {}, f"sidecar over {SIDECAR_MAX_BYTES // MB} MB"
    try:
        meta = json.loads(decode_bytes(data)[0])
    except json.JSONDecodeError as exc:
        return {}, f"sidecar is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
    if not isinstance(meta, dict):
        return {}, "sidecar is not a JSON object"
    return meta, None


def _with_sidecar(doc: Document, meta: dict[str, object]) -> Document:
    """A file's document with what its sidecar says; its `published` is the file's own date."""
    published, problem = _published(meta.get("published"))
    if problem:
        log.warning("%s: sidecar: %s", doc.source, problem)
    return dataclasses.replace(
        doc,
        title=_nonblank(meta.get("title")) or doc.title,
        url=_nonblank(meta.get("url")) or doc.url,
        byline=_names(meta.get("byline")) or _names(meta.get("author")) or doc.byline,
        published=published or doc.published,
        date_source="sidecar" if published else doc.date_source,
        warnings=(*doc.warnings, f"sidecar: {problem}") if problem else doc.warnings,
    )


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "not found"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return (exc.strerror or str(exc)).lower()


# ---------------------------------------------------------------------------- streams and sniffing


def _read_stream(
    source: str,
    stream: BinaryIO,
    size: int | None,
    fmt: str | None,
    settings: Settings,
    *,
    gzipped: bool = False,
) -> Iterator[Document | ReadError]:
    """Read one input stream, its format given by its name or (None) found from its first bytes."""
    try:
        if fmt != "warc":
            head, stream = _peek(stream)
            if fmt is None:
                fmt, gzipped = _sniff(head)
            if gzipped and fmt != "warc":
                stream, size = _gunzip(stream, settings), None
                head, stream = _peek(stream)
                fmt = fmt or _sniff_decompressed(head)
            if fmt != "warc" and _looks_binary(head):
                fmt = "binary"
    except (_Oversize, EOFError, OSError, zlib.error) as exc:
        yield ReadError(source, _stream_reason(exc, settings))
        return
    yield from READERS[fmt](source, stream, size, settings)


def _peek(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first bytes of a stream, and a stream that reads again from the start."""
    head = stream.read(SNIFF_BYTES)
    while len(head) < SNIFF_BYTES:
        more = stream.read(SNIFF_BYTES - len(head))
        if not more:
            break
        head += more
    return head, io.BufferedReader(_Prepended(head, stream))


def _sniff(head: bytes) -> tuple[str | None, bool]:
    """(format, gzipped) of a stream from its first bytes; None format: look inside the gzip."""
    if head.startswith(b"\x1f\x8b"):
        inner = zlib.decompressobj(wbits=31).decompress(head, SNIFF_BYTES)
        return ("warc" if inner.startswith(b"WARC/") else None), True
    return _sniff_decompressed(head), False


def _sniff_decompressed(head: bytes) -> str:
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b") or _looks_binary(head):
        return "binary"
    text = _decode_head(head).lstrip()
    if text.startswith("{"):
        return "jsonl"
    return "html" if looks_like_html(text) else "text"


def _decode_head(head: bytes) -> str:
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="replace")
    return head.decode("utf-8", errors="replace")


def _looks_binary(head: bytes) -> bool:
    """PNG, PDF, ZIP and the like, or bytes with NULs or many control characters."""
    if head.startswith(BINARY_MAGIC):
        return True
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    return controls > len(head) * 0.1


def _gunzip(stream: BinaryIO, settings: Settings) -> BinaryIO:
    limit = int(settings.max_decompressed_mb * MB)
    return io.BufferedReader(_Capped(gzip.GzipFile(fileobj=stream, mode="rb"), limit))


def _stream_reason(exc: BaseException, settings: Settings, after: str = "") -> str:
    """One line for a failure while decompressing or reading a stream."""
    if isinstance(exc, _Oversize):
        return f"decompressed size over the {settings.max_decompressed_mb:g} MB limit (gzip bomb?){after}"
    if isinstance(exc, EOFError):
        return f"truncated gzip stream{after}"
    if isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        return f"corrupt gzip stream{after} ({exc})"
    if isinstance(exc, OSError):
        return _os_reason(exc) + after
    return f"{exc}{after}"


class _Prepended(io.RawIOBase):
    """Bytes already read from a stream, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class _Capped(io.RawIOBase):
    """A decompressing stream that raises `_Oversize` once more than `limit` bytes came out."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self._stream = stream
        self._left = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        self._left -= len(data)
        if self._left < 0:
            raise _Oversize
        buffer[: len(data)] = data
        return len(data)


def _read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to `limit` + 1 bytes: one more than allowed tells that there is too much."""
    chunks = []
    left = limit + 1
    while left > 0:
        chunk = stream.read(min(left, MB))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# ---------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, tuple[str, ...]]:
    """Text of bytes in any encoding, and warnings about what had to be repaired.

    A BOM wins; then UTF-8 if the bytes are valid UTF-8 (pages that say latin-1 but
    are UTF-8 are common, the reverse is not); then the `declared` charset; then
    UTF-8 with replacement if most non-ASCII bytes are UTF-8; then detection.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), ()
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    encoding = _codec(declared)
    if encoding and encoding != "utf-8":
        return data.decode(encoding, errors="replace"), ()
    text, invalid, valid = _utf8_replacing(data)
    if valid >= invalid or encoding == "utf-8":
        return text, (f"{invalid} invalid UTF-8 byte{'s' if invalid != 1 else ''} replaced",)
    detected = charset_normalizer.from_bytes(data).best()
    if detected is not None:
        return data.decode(detected.encoding, errors="replace"), ()
    return text, (f"{invalid} invalid UTF-8 byte{'s' if invalid != 1 else ''} replaced",)


def _codec(charset: str | None) -> str | None:
    """Python's name for a charset label, None for an unknown one."""
    if not charset:
        return None
    label = CHARSET_ALIASES.get(charset.strip().lower(), charset.strip())
    try:
        return codecs.lookup(label).name
    except LookupError:
        log.debug("unknown charset %r ignored", charset)
        return None


def _utf8_replacing(data: bytes) -> tuple[str, int, int]:
    """UTF-8 with each invalid byte replaced by U+FFFD; the count of those and of valid non-ASCII chars."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    text, invalid = re.subn("[\udc80-\udcff]", "\ufffd", escaped)
    non_ascii = len(escaped) - len(escaped.encode("ascii", errors="ignore"))
    return text, invalid, non_ascii - invalid


def _limit_reason(size: int | None, limit_mb: float, setting: str) -> str:
    amount = f"{size / MB:.1f} MB" if size is not None else "the text"
    return f"{amount} is over the {limit_mb:g} MB limit for one document (setting {setting})"


def _document_bytes(stream: BinaryIO, size: int | None, limit_mb: float, setting: str) -> bytes:
    """All bytes of a one-document stream; refused when over the limit, checked before reading if possible."""
    limit = int(limit_mb * MB)
    if size is not None and size > limit:
        raise _Refused(_limit_reason(size, limit_mb, setting))
    data = _read_at_most(stream, limit)
    if len(data) > limit:
        raise _Refused(_limit_reason(size, limit_mb, setting))
    if not data.strip():
        raise _Refused("empty file")
    return data


# ---------------------------------------------------------------------------- readers


def _read_text(
    source: str, stream: BinaryIO, size: int | None, settings: Settings
) -> Iterator[Document | ReadError]:
    try:
        data = _document_bytes(stream, size, settings.max_document_mb, "max_document_mb")
        text, warnings = decode_bytes(data)
    except _Refused as refused:
        yield ReadError(source, refused.reason)
    except (_Oversize, EOFError, OSError, zlib.error) as exc:
        yield ReadError(source, _stream_reason(exc, settings))
    else:
        yield _checked(Document(source=source, text=text, warnings=warnings))


def _read_html(
    source: str, stream: BinaryIO, size: int | None, settings: Settings
) -> Iterator[Document | ReadError]:
    # A page is held to the WARC record limit, the same page read from a crawl.
    try:
        data = _document_bytes(stream, size, settings.max_decompressed_mb, "max_decompressed_mb")
        text, warnings = decode_bytes(data, _meta_charset(data))
    except _Refused as refused:
        yield ReadError(source, refused.reason)
    except (_Oversize, EOFError, OSError, zlib.error) as exc:
        yield ReadError(source, _stream_reason(exc, settings))
    else:
        yield _checked(Document(source=source, text=text, kind="html", warnings=warnings))


def _checked(doc: Document) -> Document | ReadError:
    """The document without NUL characters, its repairs said on standard error; empty: an error."""
    doc = _without_nuls(doc)
    if not doc.text.strip():
        return ReadError(doc.source, "empty file")
    for warning in doc.warnings:
        log.warning("%s: %s", doc.source, warning)
    return doc


def _without_nuls(doc: Document) -> Document:
    """NUL characters dropped (no text holds one; a database or a terminal may stop at it)."""
    count = doc.text.count("\x00")
    if not count:
        return doc
    dropped = f"{count} NUL character{'s' if count != 1 else ''} dropped"
    return dataclasses.replace(doc, text=doc.text.replace("\x00", ""), warnings=(*doc.warnings, dropped))


def _meta_charset(data: bytes) -> str | None:
    match = META_CHARSET.search(data, 0, 4096)
    return match.group(1).decode("ascii") if match else None


def _read_binary(source: str, stream: BinaryIO, size: int | None, settings: Settings) -> Iterator[ReadError]:
    yield ReadError(source, BINARY)


def _read_jsonl(
    source: str, stream: BinaryIO, size: int | None, settings: Settings
) -> Iterator[Document | ReadError]:
    """One Document per JSON object line; a bad line is one error and reading goes on,
    but most of the last `DAMAGE_WINDOW` lines bad is damage (a corrupt gzip member
    decodes to garbage until its checksum fails at the end): one line, the rest unread."""
    limit = int(settings.max_document_mb * MB)
    records = 0
    nonblank = 0
    recent: deque[bool] = deque(maxlen=DAMAGE_WINDOW)
    try:
        for line_number, line in enumerate(_lines(stream, limit), start=1):
            if line is None:
                reason = _limit_reason(None, settings.max_document_mb, "max_document_mb")
                yield ReadError(source, f"JSON Lines line {line_number}: {reason}")
                continue
            if not line.strip():
                continue
            nonblank += 1
            item = _jsonl_record(source, line_number, line)
            recent.append(_is_garbage(item))
            if sum(recent) >= DAMAGED_LINES:
                yield ReadError(source, _damage_reason(line_number, records))
                return
            records += isinstance(item, Document)
            yield item
    except (_Oversize, EOFError, OSError, zlib.error) as exc:
        after = f" after {records} record{'s' if records != 1 else ''}"
        yield ReadError(source, _stream_reason(exc, settings, after))
        return
    if nonblank == 0:
        yield ReadError(source, "empty file")


def _damage_reason(line_number: int, records: int) -> str:
    return (
        f"damaged at JSON Lines line {line_number}: {DAMAGED_LINES} of the last {DAMAGE_WINDOW} lines are "
        f"not JSON objects; the rest is not read ({records} record{'s' if records != 1 else ''} read)"
    )


def _is_garbage(item: Document | ReadError) -> bool:
    if not isinstance(item, ReadError):
        return False
    return ": invalid JSON (" in item.reason or item.reason.endswith(NOT_AN_OBJECT)


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Lines of a stream; None for a line over `limit` bytes, which is skipped unread."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(MB)
        yield None


def _jsonl_record(source: str, line_number: int, line: bytes) -> Document | ReadError:
    where = f"JSON Lines line {line_number}"
    text, warnings = decode_bytes(line)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadError(source, f"{where}: invalid JSON ({exc.msg})")
    except RecursionError:
        return ReadError(source, f"{where}: JSON nested too deep")
    if not isinstance(record, dict):
        return ReadError(source, f"{where}: {NOT_AN_OBJECT}")
    html, body = _nonblank(record.get("html")), _nonblank(record.get("text"))
    if html is None and body is None:
        return ReadError(source, f"{where}: {_no_text(record)}")
    kind = "html" if html is not None or looks_like_html(body or "") else "text"
    record_source = _record_source(record, source, line_number)
    published, problem = _published(record.get("published"))
    if problem:
        warnings = (*warnings, problem)
    doc = _without_nuls(
        Document(
            source=record_source,
            text=html if html is not None else body or "",
            kind=kind,
            url=_nonblank(record.get("url")),
            title=_nonblank(record.get("title")),
            published=published,
            byline=_names(record.get("byline")) or _names(record.get("author")),
            line=line_number,
            warnings=warnings,
        )
    )
    if not doc.text.strip():
        return ReadError(record_source, f"{where}: the text is empty")
    for warning in doc.warnings:
        log.warning("%s: %s: %s", record_source, where, warning)
    return doc


def _no_text(record: dict) -> str:
    """Why a record has no text: neither key, or one that holds no string."""
    for key in ("text", "html"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return f"'{key}' is {_json_kind(value)}, not a string"
    return "neither 'text' nor 'html'"


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


def _published(value: object) -> tuple[str | None, str | None]:
    """A record's publication day as ISO 8601, and what was wrong with it if it names none:
    the article is kept, without a date of its own."""
    if value is not None and not isinstance(value, str):
        return None, f"published is {_json_kind(value)}, not a date written as text; ignored"
    written = _nonblank(value)
    if written is None:
        return None, None
    day = day_written(written)
    if day is None:
        return None, f"published {written[:40]!r} names no day; ignored"
    return day, None


def _nonblank(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _names(value: object) -> str | None:
    """A byline from a string or a list of names."""
    if isinstance(value, list):
        return ", ".join(name for name in value if _nonblank(name)) or None
    return _nonblank(value)


def _record_source(record: dict, source: str, line_number: int) -> str:
    record_id = record.get("id")
    if isinstance(record_id, (str, int)) and not isinstance(record_id, bool) and str(record_id).strip():
        return str(record_id)
    return _nonblank(record.get("url")) or f"{source}:{line_number}"


# ---------------------------------------------------------------------------- WARC


# A WARC or HTTP header line longer than this is damage (or a bomb), never a header.
MAX_HEADER_LINE = 64 * 1024
# A record over the limit is skipped when it ends within this many times the limit;
# past that it is a gzip bomb, and decompressing it to its end would take without bound.
SKIP_FACTOR = 4


class _LineCappedReader(DecompressingBufferedReader):
    """warcio's reader, whose `readline` refuses a line over `MAX_HEADER_LINE` instead of
    holding it all in memory (a one-line gzip bomb in a header grew to gigabytes)."""

    def readline(self, length: int | None = None) -> bytes:
        cap = MAX_HEADER_LINE if not length or length < 0 else min(length, MAX_HEADER_LINE)
        line = super().readline(cap)
        if len(line) >= MAX_HEADER_LINE and not line.endswith(b"\n"):
            raise _WarcDamage(f"a header line over {MAX_HEADER_LINE // 1024} KB (gzip bomb?)")
        return line


class _WarcRecords(ArchiveIterator):
    """warcio's record iterator, noting whether the file ended cleanly.

    warcio stops without a word at a truncated gzip member; the decompressor of the
    last member tells whether its end was reached.
    """

    ended_cleanly = True

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream)
        self.reader = _LineCappedReader(self.fh)

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        if decompressor is not None and not decompressor.eof:
            self.ended_cleanly = False
        super().close()

    def record_is_whole(self, record: ArcWarcRecord, skip_limit: int) -> bool:
        """Read the record to its end; False when the file ended before it did. A record
        still going after `skip_limit` bytes ends the file (`_WarcDamage`)."""
        left = skip_limit
        while left > 0 and record.raw_stream.read(min(left, MB)):
            left -= MB
        if left <= 0 and record.raw_stream.read(1):
            limit = skip_limit // SKIP_FACTOR // MB
            raise _WarcDamage(
                f"a record over {SKIP_FACTOR} times the {limit} MB limit (setting max_decompressed_mb; "
                "gzip bomb?); the rest of the file is not read"
            )
        self.read_to_end()
        if getattr(record.raw_stream, "limit", 0) > 0:
            return False
        decompressor = self.reader.decompressor if self.reader else None
        return decompressor is None or decompressor.eof


class _WarcDamage(Exception):
    """A WARC file ends inside a record or is not a WARC file at all."""


# warcio also reads the older ARC format, and takes a line of five words for an ARC header.
NOT_WARC = "it does not start with a WARC record header"


def _read_warc(
    source: str, stream: BinaryIO, size: int | None, settings: Settings
) -> Iterator[Document | ReadError]:
    """One Document per HTML response record, in constant memory; damage ends the file with one error."""
    limit = int(settings.max_decompressed_mb * MB)
    records = _WarcRecords(stream)
    number = 0
    try:
        for record in records:
            if record.format != "warc":
                raise _WarcDamage(NOT_WARC)
            content_type = _html_response_type(record)
            payload = _read_at_most(record.content_stream(), limit) if content_type is not None else b""
            if not records.record_is_whole(record, SKIP_FACTOR * limit):
                raise _WarcDamage(f"the file ends inside the record at byte {records.get_record_offset()}")
            if content_type is None or (content_type in UNKNOWN_TYPES and not _payload_is_html(payload)):
                continue
            number += 1
            yield _warc_document(f"{source}#{number}", record, payload, records.get_record_offset(), settings)
        if not records.ended_cleanly:
            raise _WarcDamage("the gzip stream ends inside a record")
    # warcio raises AttributeError or KeyError at some missing headers (no WARC-Target-URI).
    except (_WarcDamage, ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, LookupError) as exc:
        yield ReadError(source, f"{_warc_damage(number)}: {_warc_reason(exc, settings)}")
    except (AttributeError, TypeError):
        yield ReadError(source, f"{_warc_damage(number)}: a record's headers are incomplete")


def _payload_is_html(payload: bytes) -> bool:
    return looks_like_html(_decode_head(payload[:SNIFF_BYTES]))


def _warc_damage(records: int) -> str:
    if records == 0:
        return "not a WARC file, or damaged before its first HTML record"
    return f"truncated or corrupt WARC after record {records}"


def _warc_reason(exc: BaseException, settings: Settings) -> str:
    if isinstance(exc, ArchiveLoadFailed) and "Unknown archive format" in str(exc):
        return NOT_WARC
    lines = str(exc).strip().splitlines()
    return lines[0].strip()[:200] if lines else _stream_reason(exc, settings)


def _html_response_type(record: ArcWarcRecord) -> str | None:
    """The media type of a successful HTTP response that may be HTML; None to skip the record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return None
    media_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if media_type in HTML_TYPES or media_type in UNKNOWN_TYPES:
        return media_type
    return None


def _warc_document(
    source: str, record: ArcWarcRecord, payload: bytes, offset: int, settings: Settings
) -> Document | ReadError:
    if len(payload) > settings.max_decompressed_mb * MB:
        limit = settings.max_decompressed_mb
        return ReadError(
            source, f"record over the {limit:g} MB limit (setting max_decompressed_mb; gzip bomb?)"
        )
    header = HTTP_CHARSET.search(record.http_headers.get_header("Content-Type") or "")
    text, warnings = decode_bytes(payload, header.group(1) if header else _meta_charset(payload))
    if not text.strip():
        return ReadError(source, "empty page")
    url = record.rec_headers.get_header("WARC-Target-URI")
    return Document(source=source, text=text, kind="html", url=url, offset=offset, warnings=warnings)


READERS: dict[str, Reader] = {
    "text": _read_text,
    "html": _read_html,
    "jsonl": _read_jsonl,
    "warc": _read_warc,
    "binary": _read_binary,
}
