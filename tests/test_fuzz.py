"""Fuzzing the readers and the cleaner: whatever bytes come in, no exception escapes,
every failure is a one-line `ReadError`, no NUL reaches a document, and every offset of
a cleaned article stays inside its body.

The inputs are mixed from fragments of what eventwire reads (news lines, HTML, JSON
Lines records, WARC and HTTP headers, gzip magic) and from arbitrary bytes, so the
search reaches the readers' branches quickly. The budget is fixed (`FUZZ_EXAMPLES`
examples per test, derandomised), so `make test` takes the same few seconds each run.
"""

from __future__ import annotations

import gzip
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.clean import clean_document
from eventwire.errors import ReadError
from eventwire.read import read_inputs, read_text
from eventwire.records import Article, Document

FUZZ_EXAMPLES = 150
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FRAGMENTS = [
    b"BUSIA (Wire) \xe2\x80\x94 Kenyan and Ugandan customs officers reopened the crossing on Monday.\n",
    b"\n\n",
    b"Foreign Minister Amina Odhiambo said talks would resume in Kampala next week.",
    b"Share this article\n",
    b"<html><head><title>Border reopens</title><meta charset='latin-1'></head><body>",
    b"<p>The crossing at Malaba</p>",
    b"<script>var x = '<p>';</script>",
    b"</div></body></html>",
    b'{"id": "w1", "text": "Talks resumed.", "published": "Mon, 01 Jan 2025 10:00:00 GMT"}\n',
    b'{"id": [1], "text": 5, "published": null}\n',
    b'{"id": 7, "html": "<p>Busia</p>", "title": "\\u202eeviL", "byline": ["A", 3]}\n',
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n",
    b"\x1f\x8b\x08\x00",
    b"\x00",
    b"\xff\xfe",
    b"\xc3\x28\xa0\xa1",
    b"\x1b]8;;http://x.example\x07link\x1b]8;;\x07",
    b"\xef\xbb\xbf",
    b"14.04.2025 | 11:32\n",
    b"(AP) \xe2\x80\x94 ",
]

raw_inputs = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=64)), max_size=24).map(
    b"".join
)
NAMES = ["in.txt", "in.html", "in.jsonl", "in.warc", "in.txt.gz", "in.jsonl.gz", "in.warc.gz", "in.bin"]


def assert_well_formed(items: list[Document | ReadError]) -> None:
    for item in items:
        if isinstance(item, ReadError):
            assert item.reason and "\n" not in item.reason
            continue
        assert isinstance(item, Document) and "\x00" not in item.text
        for article in clean_document(item):
            assert_offsets_inside(article)


def assert_offsets_inside(article: Article) -> None:
    assert "\x00" not in article.body
    for paragraph in article.paragraphs:
        assert 0 <= paragraph.start <= paragraph.end <= len(article.body)
        assert article.body[paragraph.start : paragraph.end] == paragraph.text
    for entry in article.entries:
        assert 0 <= entry.paragraph < len(article.paragraphs)


@FUZZ
@given(data=raw_inputs, name=st.sampled_from(NAMES), gzipped=st.booleans())
def test_no_file_of_any_bytes_and_name_makes_a_reader_or_the_cleaner_raise(
    data: bytes, name: str, gzipped: bool
):
    payload = gzip.compress(data) if gzipped else data
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(payload)
        assert_well_formed(list(read_inputs([str(path)])))


@FUZZ
@given(data=raw_inputs)
def test_no_bytes_on_standard_input_make_a_reader_or_the_cleaner_raise(data: bytes):
    assert_well_formed(list(read_inputs(["-"], stdin=io.BytesIO(data))))


@FUZZ
@given(text=st.text(max_size=400))
def test_no_text_given_from_python_makes_the_cleaner_raise(text: str):
    assert_well_formed([read_text(text)])
