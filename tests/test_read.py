"""read.py: files, directories, archives and stdin in; Documents or one-line ReadErrors out."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import eventwire.read as read_module
from eventwire.config import Settings
from eventwire.errors import ReadError
from eventwire.read import read_inputs, read_text
from eventwire.records import Document

DATA = Path(__file__).parent / "data"
WARC = DATA / "warc" / "pages.warc.gz"
JSONL = DATA / "jsonl" / "wire_records.jsonl"
HTML = DATA / "html"

BRIEF = (
    "KYIV (Wire) — Ukraine and Poland agreed on Monday to open a second lane for empty trucks at the "
    "Dorohusk crossing, easing a queue that stretched for 20 km at the weekend.\n\n"
    "Transport ministers from both countries said the lane would open within ten days.\n"
)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489") + bytes(200)
WARC_SOURCES = [f"{WARC}#{n}" for n in (1, 2, 3, 4)]


def read_all(*paths: str | Path, **kwargs) -> list[Document | ReadError]:
    return list(read_inputs([str(path) for path in paths], **kwargs))


def summary(items: list[Document | ReadError]) -> list[tuple[str, str]]:
    """(source, 'doc' or the error's reason) for each item, in order."""
    return [(item.source, item.reason if isinstance(item, ReadError) else "doc") for item in items]


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    path = tmp_path / "zz_brief.txt"
    path.write_text(BRIEF, encoding="utf-8")
    return path


def write_gzip(path: Path, chunk: bytes, count: int) -> Path:
    """A gzip file of `count` copies of `chunk`, written a chunk at a time."""
    with gzip.open(path, "wb", compresslevel=1) as stream:
        for _ in range(count):
            stream.write(chunk)
    return path


# ---------------------------------------------------------------------------- plain text and encodings


def test_text_file_is_one_document_named_by_its_path(brief):
    [doc] = read_all(brief)
    assert doc == Document(source=str(brief), text=BRIEF, kind="text")


def test_cp1252_text_is_decoded_with_curly_quotes_and_accents(tmp_path, brief):
    text = (
        "PARIS (Wire) — Prime Minister Élisabeth Moreau said on Tuesday that the government would “not "
        "back down” on the pension reform, a day after protests in 200 towns.\n\n"
        "The café owners’ federation said the strikes had cost its members €40 million.\n"
    )
    path = tmp_path / "moreau.txt"
    path.write_bytes(text.encode("cp1252"))
    doc, after = read_all(path, brief)
    assert doc.text == text
    assert "“not back down”" in doc.text and "café owners’" in doc.text
    assert doc.warnings == ()
    assert after.source == str(brief)


def test_invalid_bytes_in_mostly_utf8_text_are_replaced_with_a_warning(tmp_path, brief):
    good = "ANKARA (Wire) — Türkiye’s foreign minister met his Syrian counterpart in Ankara on Monday."
    path = tmp_path / "ankara.txt"
    split = good.index(" met")
    path.write_bytes(good[:split].encode() + b"\xff\xfe" + good[split:].encode() + b" \x81\n")
    doc, after = read_all(path, brief)
    assert doc.warnings == ("3 invalid UTF-8 bytes replaced",)
    assert doc.text == good[:split] + "\ufffd\ufffd" + good[split:] + " \ufffd\n"
    assert "Türkiye’s foreign minister" in doc.text
    assert isinstance(after, Document)


def test_utf16_text_with_bom_is_decoded(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("\ufeffGenève talks resume on Monday.".encode("utf-16-le"))
    [doc] = read_all(path)
    assert doc.text == "Genève talks resume on Monday."


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + "Kraków council votes on Monday.".encode())
    [doc] = read_all(path)
    assert doc.text == "Kraków council votes on Monday."


# ---------------------------------------------------------------------------- bad inputs


def test_binary_file_is_one_error_and_the_batch_goes_on(tmp_path, brief):
    path = tmp_path / "photo.txt"
    path.write_bytes(PNG)
    assert summary(read_all(path, brief)) == [
        (str(path), "binary content (not text, HTML, WARC or JSON Lines)"),
        (str(brief), "doc"),
    ]


def test_pdf_named_as_text_is_binary(tmp_path, brief):
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert summary(read_all(path, brief))[0] == (
        str(path),
        "binary content (not text, HTML, WARC or JSON Lines)",
    )


@pytest.mark.parametrize("content", [b"", b"  \n\t\n  \r\n"])
def test_empty_or_blank_file_is_an_error(tmp_path, brief, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert summary(read_all(path, brief)) == [(str(path), "empty file"), (str(brief), "doc")]


def test_missing_path_is_not_found_and_the_batch_goes_on(tmp_path, brief):
    missing = tmp_path / "no_such_file.txt"
    assert summary(read_all(missing, brief)) == [(str(missing), "not found"), (str(brief), "doc")]


def test_unreadable_file_is_permission_denied(tmp_path, brief, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(BRIEF)

    # chmod 000 does not stop root, who runs the tests in some containers.
    def open_refusing_secret(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return open(file, *args, **kwargs)

    monkeypatch.setattr(read_module, "open", open_refusing_secret, raising=False)
    assert summary(read_all(path, brief)) == [(str(path), "permission denied"), (str(brief), "doc")]


def test_fifty_megabyte_single_line_is_refused_by_its_size(tmp_path, brief):
    path = tmp_path / "one_line.txt"
    with path.open("wb") as stream:
        chunk = b"the council met again " * 50_000
        while stream.tell() < 50 * 1024 * 1024:
            stream.write(chunk)
        stream.truncate(50 * 1024 * 1024)
    # The reason quotes the size on disk: the file was refused before being read.
    assert summary(read_all(path, brief)) == [
        (str(path), "50.0 MB is over the 16 MB limit for one document (setting max_document_mb)"),
        (str(brief), "doc"),
    ]


def test_document_limit_is_a_setting(tmp_path, brief):
    settings = replace(Settings(), max_document_mb=0.0001)
    assert summary(read_all(brief, settings=settings)) == [
        (str(brief), "0.0 MB is over the 0.0001 MB limit for one document (setting max_document_mb)")
    ]


def test_gzip_bomb_of_text_is_refused_at_the_document_limit(tmp_path, brief):
    bomb = write_gzip(tmp_path / "bomb.txt.gz", b"0" * (1024 * 1024), 200)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    assert summary(read_all(bomb, brief)) == [
        (str(bomb), "the text is over the 16 MB limit for one document (setting max_document_mb)"),
        (str(brief), "doc"),
    ]


def test_gzip_bomb_is_refused_at_the_decompression_limit(tmp_path, brief):
    bomb = write_gzip(tmp_path / "bomb.txt.gz", b"0" * (1024 * 1024), 200)
    settings = replace(Settings(), max_decompressed_mb=1)
    assert summary(read_all(bomb, brief, settings=settings)) == [
        (str(bomb), "decompressed size over the 1 MB limit (gzip bomb?)"),
        (str(brief), "doc"),
    ]


def test_gzip_bomb_of_zero_bytes_is_binary(tmp_path, brief):
    bomb = write_gzip(tmp_path / "zeros.txt.gz", bytes(1024 * 1024), 200)
    assert summary(read_all(bomb, brief)) == [
        (str(bomb), "binary content (not text, HTML, WARC or JSON Lines)"),
        (str(brief), "doc"),
    ]


def test_gzipped_text_and_truncated_gzip(tmp_path, brief):
    whole = tmp_path / "brief.txt.gz"
    whole.write_bytes(gzip.compress((BRIEF * 200).encode()))
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    docs = read_all(whole, cut, brief)
    assert docs[0].text == BRIEF * 200
    assert summary(docs)[1:] == [(str(cut), "truncated gzip stream"), (str(brief), "doc")]


def test_file_named_gz_that_is_not_gzip_is_corrupt(tmp_path, brief):
    path = tmp_path / "notes.txt.gz"
    path.write_text("not compressed at all")
    [(source, reason), after] = summary(read_all(path, brief))
    assert source == str(path)
    assert reason.startswith("corrupt gzip stream (Not a gzipped file")
    assert after == (str(brief), "doc")


# ---------------------------------------------------------------------------- HTML files


def test_html_file_is_read_with_its_meta_charset():
    [doc] = read_all(HTML / "valparaiso_port_cp1252.html")
    assert doc.kind == "html"
    assert "Valparaíso" in doc.text and "city’s main container terminal" in doc.text
    assert doc.warnings == ()


def test_gzipped_html_file(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((HTML / "doha_talks.html").read_bytes()))
    [doc] = read_all(path)
    assert doc.kind == "html"
    assert doc.text == (HTML / "doha_talks.html").read_text(encoding="utf-8")


def test_file_with_unknown_extension_is_sniffed(tmp_path):
    page = tmp_path / "article.php"
    page.write_bytes((HTML / "aid_convoy.html").read_bytes())
    text = tmp_path / "README"
    text.write_text(BRIEF)
    assert [(doc.source, doc.kind) for doc in read_all(page, text)] == [
        (str(page), "html"),
        (str(text), "text"),
    ]


# ---------------------------------------------------------------------------- WARC


def test_warc_yields_html_responses_in_order_with_urls_and_offsets():
    docs = read_all(WARC)
    assert [(doc.source, doc.url, doc.offset, doc.kind) for doc in docs] == [
        (
            WARC_SOURCES[0],
            "https://www.gulfledger.example/world/2024/03/12/doha-ceasefire-talks-resume",
            664,
            "html",
        ),
        (
            WARC_SOURCES[1],
            "https://costawire.example/news/2023/11/04/valparaiso-port-march.html",
            4971,
            "html",
        ),
        (WARC_SOURCES[2], "https://northerndispatch.example/world/2022/06/18/korem-convoy", 7938, "html"),
        (
            WARC_SOURCES[3],
            "https://meridianpost.example/world/leaders-back-border-commission-20250207",
            10710,
            "html",
        ),
    ]


def test_warc_offsets_point_at_the_records():
    data = WARC.read_bytes()
    for doc in read_all(WARC):
        record = gzip.decompress(data[doc.offset :])  # the gzip member starting at the offset, and the rest
        header = record[: record.index(b"\r\n\r\n")]
        assert header.startswith(b"WARC/1.0\r\n")
        assert b"\r\nWARC-Type: response\r\n" in header
        assert f"\r\nWARC-Target-URI: {doc.url}\r\n".encode() in header


def test_warc_html_is_decoded_from_meta_charset_when_http_header_has_none():
    page = read_all(WARC)[1]
    assert "Valparaíso" in page.text and "“the port belongs to the city”" in page.text


def test_warc_payload_is_the_page_without_http_headers():
    doha = read_all(WARC)[0]
    assert doha.text == (HTML / "doha_talks.html").read_text(encoding="utf-8")


def test_truncated_warc_yields_records_before_the_damage_then_one_error(tmp_path, brief):
    data = WARC.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) // 2])
    items = read_all(cut, brief)
    assert summary(items) == [
        (f"{cut}#1", "doc"),
        (str(cut), "truncated or corrupt WARC after record 1: the file ends inside the record at byte 4971"),
        (str(brief), "doc"),
    ]


def test_warc_cut_inside_a_gzip_member_header_is_an_error(tmp_path):
    data = WARC.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[:5000])
    assert summary(read_all(cut)) == [
        (f"{cut}#1", "doc"),
        (str(cut), "truncated or corrupt WARC after record 1: the gzip stream ends inside a record"),
    ]


def test_file_named_warc_that_is_not_one(tmp_path, brief):
    path = tmp_path / "crawl.warc"
    path.write_text("these are not the records you are looking for\n")
    assert summary(read_all(path, brief)) == [
        (
            str(path),
            "not a WARC file, or damaged before its first HTML record: "
            "it does not start with a WARC record header",
        ),
        (str(brief), "doc"),
    ]


def write_warc(path: Path, pages: list[tuple[str, bytes]]) -> Path:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, body in pages:
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            )
    return path


def test_warc_record_over_the_limit_is_one_error(tmp_path, brief):
    paragraph = b"<p>The committee heard evidence from the ministry on the cost of the new rail link.</p>\n"
    big_page = b"<html><body>" + paragraph * 30_000 + b"</body></html>"
    assert len(big_page) > 2 * 1024 * 1024
    warc = write_warc(tmp_path / "big.warc.gz", [("https://example.org/big", big_page)])
    settings = replace(Settings(), max_decompressed_mb=1)
    assert summary(read_all(warc, brief, settings=settings)) == [
        (f"{warc}#1", "record over the 1 MB limit (setting max_decompressed_mb; gzip bomb?)"),
        (str(brief), "doc"),
    ]


def test_reading_goes_on_after_a_warc_record_over_the_limit(tmp_path):
    small = b"<html><body><p>Small page.</p></body></html>"
    big = b"<html><body>" + b"<p>Much text.</p>" * 200_000 + b"</body></html>"
    warc = write_warc(
        tmp_path / "mixed.warc.gz", [("https://a.example/", big), ("https://b.example/", small)]
    )
    items = read_all(warc, settings=replace(Settings(), max_decompressed_mb=1))
    assert isinstance(items[0], ReadError) and items[0].source == f"{warc}#1"
    assert items[1].source == f"{warc}#2" and items[1].text == small.decode()


# ---------------------------------------------------------------------------- JSON Lines


def test_jsonl_records_are_documents_named_by_id_else_url_else_line():
    items = read_all(JSONL)
    assert summary(items) == [
        ("wire-2024-0311-001", "doc"),
        ("wire-2024-0311-002", "doc"),
        ("https://wire.example/2024/03/11/flood-aid", "doc"),
        (str(JSONL), "JSON Lines line 5: invalid JSON (Expecting ',' delimiter)"),
        (f"{JSONL}:6", "doc"),
        (str(JSONL), "JSON Lines line 7: neither 'text' nor 'html'"),
        ("7", "doc"),
    ]


def test_jsonl_records_carry_their_metadata_and_line():
    first, second, third, _, fifth, _, last = read_all(JSONL)
    assert (first.kind, first.line, first.title, first.published, first.byline, first.url) == (
        "text",
        1,
        "Dockworkers extend strike at Black Sea port",
        "2024-03-11",
        "Elena Popescu",
        "https://wire.example/2024/03/11/port-strike",
    )
    assert first.text.startswith("CONSTANTA, Romania (Wire) — Dockworkers at the Black Sea port")
    assert (second.kind, second.line, second.byline) == ("html", 2, "Arman Sadykov, Lena Weiss")
    assert second.text.startswith("<html><head><title>Border talks")
    assert (third.line, third.title, fifth.line) == (4, None, 6)
    assert last.kind == "html"  # a text field holding an HTML page


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2025-01-01", "2025-01-01"),
        ("2025-01-01T10:00:00Z", "2025-01-01"),
        ("Mon, 01 Jan 2025 10:00:00 GMT", "2025-01-01"),
        ("2025/01/01", "2025-01-01"),
        ("January 1, 2025", "2025-01-01"),
        ("14.04.2025", "2025-04-14"),
    ],
)
def test_jsonl_published_written_any_common_way_is_an_iso_day(tmp_path, written, day):
    path = tmp_path / "dated.jsonl"
    path.write_text(f'{{"id": "a", "published": "{written}", "text": "Talks resumed."}}\n', encoding="utf-8")
    (document,) = read_all(path)
    assert document.published == day
    assert document.warnings == ()


@pytest.mark.parametrize("written", ["2025-02-30", "2025-01", "yesterday", "sometime soon"])
def test_jsonl_published_that_names_no_day_is_one_warning_and_the_record_is_kept(tmp_path, caplog, written):
    path = tmp_path / "dated.jsonl"
    path.write_text(f'{{"id": "a", "published": "{written}", "text": "Talks resumed."}}\n', encoding="utf-8")
    (document,) = read_all(path)
    assert (document.published, document.text) == (None, "Talks resumed.")
    assert document.warnings == (f"published {written!r} names no day; ignored",)
    assert [r.getMessage() for r in caplog.records] == [
        f"a: JSON Lines line 1: published {written!r} names no day; ignored"
    ]


def test_gzipped_jsonl_over_the_decompression_limit_stops_after_the_records_read(tmp_path, brief):
    line = (JSONL.read_text(encoding="utf-8").splitlines()[0] + "\n").encode()
    bomb = write_gzip(tmp_path / "feed.jsonl.gz", line * 1000, 20)
    settings = replace(Settings(), max_decompressed_mb=1)
    items = read_all(bomb, brief, settings=settings)
    records = items[:-2]
    assert len(records) > 100 and all(doc.source == "wire-2024-0311-001" for doc in records)
    assert summary(items[-2:]) == [
        (str(bomb), f"decompressed size over the 1 MB limit (gzip bomb?) after {len(records)} records"),
        (str(brief), "doc"),
    ]


def test_truncated_gzipped_jsonl_names_the_records_read(tmp_path):
    lines = JSONL.read_bytes().splitlines(keepends=True)
    data = gzip.compress(b"".join(lines[:2]) * 50)
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(data[: len(data) - 20])
    items = read_all(path)
    assert all(isinstance(item, Document) for item in items[:-1])
    assert summary(items[-1:]) == [(str(path), f"truncated gzip stream after {len(items) - 1} records")]


def test_jsonl_line_over_the_document_limit_is_skipped(tmp_path):
    path = tmp_path / "feed.jsonl"
    long_line = '{"id": "long", "text": "' + "word " * 300 + '"}\n'
    path.write_text(long_line + JSONL.read_text(encoding="utf-8").splitlines()[0] + "\n")
    items = read_all(path, settings=replace(Settings(), max_document_mb=0.001))
    assert summary(items) == [
        (
            str(path),
            "JSON Lines line 1: the text is over the 0.001 MB limit for one document "
            "(setting max_document_mb)",
        ),
        ("wire-2024-0311-001", "doc"),
    ]


# ---------------------------------------------------------------------------- directories


def test_directory_is_read_recursively_in_name_order_skipping_hidden_and_unknown_files(tmp_path):
    root = tmp_path / "dump"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "01_brief.txt").write_text(BRIEF)
    (root / "02_photo.txt").write_bytes(PNG)
    (root / "03_empty.md").write_text("")
    (root / ".hidden.txt").write_text(BRIEF)
    (root / ".git" / "notes.txt").write_text(BRIEF)
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    (root / "sub" / "a_page.html").write_bytes((HTML / "summit_statement.html").read_bytes())
    shutil.copy(JSONL, root / "sub" / "b_feed.jsonl")
    (root / "z_last.text").write_text(BRIEF)
    items = read_all(root)
    assert summary(items) == [
        (f"{root}/01_brief.txt", "doc"),
        (f"{root}/02_photo.txt", "binary content (not text, HTML, WARC or JSON Lines)"),
        (f"{root}/03_empty.md", "empty file"),
        (f"{root}/sub/a_page.html", "doc"),
        ("wire-2024-0311-001", "doc"),
        ("wire-2024-0311-002", "doc"),
        ("https://wire.example/2024/03/11/flood-aid", "doc"),
        (f"{root}/sub/b_feed.jsonl", "JSON Lines line 5: invalid JSON (Expecting ',' delimiter)"),
        (f"{root}/sub/b_feed.jsonl:6", "doc"),
        (f"{root}/sub/b_feed.jsonl", "JSON Lines line 7: neither 'text' nor 'html'"),
        ("7", "doc"),
        (f"{root}/z_last.text", "doc"),
    ]


def test_output_follows_input_order_across_formats(brief):
    items = read_all(WARC, brief, JSONL)
    sources = [item.source for item in items]
    assert sources[:5] == [*WARC_SOURCES, str(brief)]
    assert sources[5] == "wire-2024-0311-001"


# ---------------------------------------------------------------------------- stdin


@pytest.mark.parametrize(
    ("data", "kind", "source"),
    [
        (BRIEF.encode(), "text", "<stdin>"),
        ((HTML / "doha_talks.html").read_bytes(), "html", "<stdin>"),
        (JSONL.read_bytes(), "text", "wire-2024-0311-001"),
        (WARC.read_bytes(), "html", "<stdin>#1"),
        (gzip.compress(BRIEF.encode()), "text", "<stdin>"),
        (gzip.compress(JSONL.read_bytes()), "text", "wire-2024-0311-001"),
    ],
    ids=["text", "html", "jsonl", "warc.gz", "text.gz", "jsonl.gz"],
)
def test_stdin_format_is_sniffed(data, kind, source):
    first = read_all("-", stdin=io.BytesIO(data))[0]
    assert (first.source, first.kind) == (source, kind)


def test_stdin_warc_gives_every_page_with_offsets():
    docs = read_all("-", stdin=io.BytesIO(WARC.read_bytes()))
    assert [(doc.source, doc.offset) for doc in docs] == [
        ("<stdin>#1", 664),
        ("<stdin>#2", 4971),
        ("<stdin>#3", 7938),
        ("<stdin>#4", 10710),
    ]


def test_uncompressed_warc_on_stdin(brief):
    raw = gzip.decompress(WARC.read_bytes())  # every member, decompressed
    docs = read_all("-", brief, stdin=io.BytesIO(raw))
    assert [doc.source for doc in docs] == ["<stdin>#1", "<stdin>#2", "<stdin>#3", "<stdin>#4", str(brief)]


def test_stdin_binary_and_empty_are_errors():
    assert summary(read_all("-", stdin=io.BytesIO(PNG))) == [
        ("<stdin>", "binary content (not text, HTML, WARC or JSON Lines)")
    ]
    assert summary(read_all("-", stdin=io.BytesIO(b""))) == [("<stdin>", "empty file")]


def test_stdin_named_twice_is_read_once(brief):
    items = read_all("-", brief, "-", stdin=io.BytesIO(BRIEF.encode()))
    assert [item.source for item in items] == ["<stdin>", str(brief)]


# ---------------------------------------------------------------------------- read_text


def test_read_text_gives_a_plain_text_document():
    assert read_text(BRIEF) == Document(source="<text>", text=BRIEF, kind="text")


def test_read_text_sniffs_an_html_page():
    page = (HTML / "doha_talks.html").read_text(encoding="utf-8")
    assert read_text(page, source="doha").kind == "html"
    assert read_text("<p>Not a page, only a fragment of one.</p>").kind == "text"


# ------------------------------------------------------------------ inputs that broke it (issues 16, 19)

CROSSING = "BUSIA (Wire) — Kenyan and Ugandan customs officers reopened the Busia crossing on Monday."


def test_jsonl_fields_of_the_wrong_kind_are_one_line_each_or_ignored_with_a_warning(tmp_path, caplog):
    rows = [
        {"id": [4, 5], "url": "https://wire.example/busia", "text": CROSSING, "published": 20250101},
        {"id": None, "text": 12345},
        {"id": 3.5, "html": ["<p>", "Busia"]},
        {"id": "n", "text": CROSSING, "published": None, "title": 7, "byline": [1, "Amina Odhiambo"]},
    ]
    path = tmp_path / "kinds.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    assert summary(read_all(path)) == [
        ("https://wire.example/busia", "doc"),
        (str(path), "JSON Lines line 2: 'text' is a number, not a string"),
        (str(path), "JSON Lines line 3: 'html' is a list, not a string"),
        ("n", "doc"),
    ]
    first, last = (item for item in read_all(path) if isinstance(item, Document))
    assert first.published is None
    assert first.warnings == ("published is a number, not a date written as text; ignored",)
    assert (last.title, last.byline, last.warnings) == (None, "Amina Odhiambo", ())


def test_nul_characters_never_reach_a_document(tmp_path, caplog):
    record = tmp_path / "nul.jsonl"
    record.write_text(json.dumps({"id": "z", "text": "BUSIA\u0000 (Wire) — Talks\u0000 resumed."}) + "\n")
    text = tmp_path / "nul.txt"
    text.write_bytes(("Talks resumed in Busia on Monday. " * 300).encode() + b"\x00late NUL.\n")
    from_record, from_text = read_all(record, text)
    assert from_record.text == "BUSIA (Wire) — Talks resumed."
    assert "\x00" not in from_text.text and from_text.text.endswith("late NUL.\n")
    assert from_record.warnings == ("2 NUL characters dropped",)
    assert from_text.warnings == ("1 NUL character dropped",)
    assert read_text("Talks\x00 resumed.").text == "Talks resumed."


def test_replaced_invalid_bytes_are_said_on_standard_error(tmp_path, caplog):
    path = tmp_path / "mostly_utf8.txt"
    path.write_bytes("Kenya’s customs officers reopened the crossing. ".encode() * 3 + b"\xff\xfe end.\n")
    (document,) = read_all(path)
    assert document.warnings == ("2 invalid UTF-8 bytes replaced",)
    assert [r.getMessage() for r in caplog.records] == [f"{path}: 2 invalid UTF-8 bytes replaced"]


def test_a_damaged_gzipped_jsonl_gives_one_line_for_its_garbage(tmp_path):
    rows = "".join(
        json.dumps({"id": f"r{n}", "text": f"{CROSSING} Lorry {n} of {n * 7919 % 1000} crossed."}) + "\n"
        for n in range(4000)
    )
    damaged = bytearray(gzip.compress(rows.encode()))
    for at in (len(damaged) // 2, len(damaged) // 2 + 37):
        damaged[at] ^= 0xFF
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(bytes(damaged))
    errors = [item for item in read_all(path) if isinstance(item, ReadError)]
    assert len(errors) <= 20
    assert "the rest is not read" in errors[-1].reason or "corrupt gzip" in errors[-1].reason


def test_a_fifo_in_a_directory_is_skipped_with_a_line(tmp_path, brief, caplog):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(brief, folder / "a.txt")
    os.mkfifo(folder / "b.txt")
    assert summary(read_all(folder)) == [(str(folder / "a.txt"), "doc")]
    assert read_module.input_files([str(folder)]) == [str(folder / "a.txt")]
    assert [r.getMessage() for r in caplog.records] == [
        f"skipping {folder / 'b.txt'}: not a regular file (a FIFO)"
    ] * 2


def test_an_unreadable_directory_is_one_error(tmp_path, brief, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if str(path) == str(folder):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(read_module.os, "scandir", scandir)
    assert summary(read_all(folder, brief)) == [
        (str(folder), "cannot list the directory: permission denied"),
        (str(brief), "doc"),
    ]


def test_a_linked_directory_is_not_followed_by_ingest_nor_by_extract(tmp_path, brief):
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(brief, folder / "a.txt")
    (folder / "mirror").symlink_to(folder, target_is_directory=True)
    (folder / "zz_mirror.txt").symlink_to(folder, target_is_directory=True)
    assert read_module.input_files([str(folder)]) == [str(folder / "a.txt")]
    assert summary(read_all(folder)) == [(str(folder / "a.txt"), "doc")]


def _bomb_member(head: bytes, filler: bytes, megabytes: int, tail: bytes = b"") -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [compressor.compress(head)]
    block = filler * (1024 * 1024 // len(filler))
    out += [compressor.compress(block) for _ in range(megabytes)]
    out += [compressor.compress(tail), compressor.flush()]
    return b"".join(out)


WARC_HEAD = (
    b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\n"
    b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
)


def test_a_one_line_gzip_bomb_in_a_warc_header_is_refused_in_bounded_memory(tmp_path, brief):
    http = b"HTTP/1.1 200 OK\r\nX-Padding: "
    bomb = _bomb_member(WARC_HEAD % (10**12) + http, b"a", 200)
    path = tmp_path / "header.warc.gz"
    path.write_bytes(bomb)
    assert summary(read_all(path, brief)) == [
        (
            str(path),
            "not a WARC file, or damaged before its first HTML record: a header line over 64 KB (gzip bomb?)",
        ),
        (str(brief), "doc"),
    ]


def test_a_gzip_bomb_in_a_warc_record_ends_the_file_at_a_bounded_cost(tmp_path, brief):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>"
    megabytes = 12
    bomb = _bomb_member(WARC_HEAD % (len(http) + megabytes * 1024 * 1024) + http, b" ", megabytes)
    path = tmp_path / "payload.warc.gz"
    path.write_bytes(bomb)
    items = read_all(path, brief, settings=replace(Settings(), max_decompressed_mb=1))
    assert summary(items) == [
        (
            str(path),
            "not a WARC file, or damaged before its first HTML record: a record over 4 times the 1 MB limit "
            "(setting max_decompressed_mb; gzip bomb?); the rest of the file is not read",
        ),
        (str(brief), "doc"),
    ]


def test_a_warc_record_without_a_target_uri_is_one_line(tmp_path):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>Hi</body></html>"
    record = (WARC_HEAD.replace(b"WARC-Target-URI: https://bomb.example/\r\n", b"") % len(http)) + http
    path = tmp_path / "nouri.warc"
    path.write_bytes(record + b"\r\n\r\n")
    ((source, reason),) = summary(read_all(path))
    assert source == str(path) and reason.endswith("a record's headers are incomplete")
