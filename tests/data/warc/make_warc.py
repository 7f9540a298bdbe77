"""Build tests/data/warc/pages.warc.gz from the HTML pages in tests/data/html.

A small crawl in the shape real ones have: a warcinfo record, a request before each
response, four HTML responses (one in windows-1252 with the charset only in its meta
tag), an image response, a redirect and a metadata record; reading it should yield
the four pages in order. Record IDs and dates are fixed so the output is the same on
every run: `python tests/data/warc/make_warc.py`.
"""

from __future__ import annotations

import hashlib
import io
import logging
import uuid
from pathlib import Path

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).parent
HTML = HERE.parent / "html"
OUTPUT = HERE / "pages.warc.gz"
DATE = "2025-02-08T10:00:00Z"

# (URL, file in tests/data/html, HTTP Content-Type)
PAGES = [
    (
        "https://www.gulfledger.example/world/2024/03/12/doha-ceasefire-talks-resume",
        "doha_talks.html",
        "text/html; charset=utf-8",
    ),
    (
        "https://costawire.example/news/2023/11/04/valparaiso-port-march.html",
        "valparaiso_port_cp1252.html",
        "text/html",
    ),
    (
        "https://northerndispatch.example/world/2022/06/18/korem-convoy",
        "aid_convoy.html",
        "text/html; charset=UTF-8",
    ),
    (
        "https://meridianpost.example/world/leaders-back-border-commission-20250207",
        "summit_statement.html",
        None,
    ),
]
# A 1x1 PNG: the crawl also fetched the page's image, which is not an article.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"


def warc_headers(url: str, kind: str) -> dict[str, str]:
    return {"WARC-Record-ID": record_id(f"{kind}:{url}"), "WARC-Date": DATE}


def write_request(writer: WARCWriter, url: str) -> None:
    path = "/" + url.split("/", 3)[3]
    host = url.split("/")[2]
    http = StatusAndHeaders(
        f"GET {path} HTTP/1.1", [("Host", host), ("User-Agent", "eventwire-test")], is_http_request=True
    )
    writer.write_record(
        writer.create_warc_record(
            url, "request", http_headers=http, warc_headers_dict=warc_headers(url, "request")
        )
    )


def write_response(
    writer: WARCWriter, url: str, body: bytes, content_type: str | None, status: str = "200 OK"
) -> None:
    headers = [("Content-Length", str(len(body)))]
    if content_type:
        headers.insert(0, ("Content-Type", content_type))
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict=warc_headers(url, "response"),
    )
    writer.write_record(record)


def write_metadata(writer: WARCWriter, url: str) -> None:
    text = f"outlinks: {url}/related\nfetch-time-ms: 412\n".encode()
    writer.write_record(
        writer.create_warc_record(
            url,
            "metadata",
            payload=io.BytesIO(text),
            warc_content_type="application/warc-fields",
            warc_headers_dict=warc_headers(url, "metadata"),
        )
    )


def build(output: Path = OUTPUT) -> None:
    with output.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        info = {"software": "eventwire tests/data/warc/make_warc.py", "format": "WARC File Format 1.1"}
        writer.write_record(_warcinfo(writer, output.name, info))
        for index, (url, name, content_type) in enumerate(PAGES):
            write_request(writer, url)
            write_response(writer, url, (HTML / name).read_bytes(), content_type)
            if index == 0:
                write_metadata(writer, url)
                image = "https://www.gulfledger.example/images/2024/03/doha-talks.png"
                write_request(writer, image)
                write_response(writer, image, PNG, "image/png")
            if index == 1:
                moved = "https://costawire.example/news/latest"
                write_response(
                    writer, moved, b"<html><body>Moved</body></html>", "text/html", "301 Moved Permanently"
                )


def _warcinfo(writer: WARCWriter, filename: str, info: dict[str, str]) -> ArcWarcRecord:
    record = writer.create_warcinfo_record(filename, info)
    record.rec_headers.replace_header("WARC-Record-ID", record_id(f"warcinfo:{filename}"))
    record.rec_headers.replace_header("WARC-Date", DATE)
    return record


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build()
    digest = hashlib.sha256(OUTPUT.read_bytes()).hexdigest()[:16]
    logging.info("wrote %s (%d bytes, sha256 %s)", OUTPUT, OUTPUT.stat().st_size, digest)
