"""Generate realistic synthetic news pages (and WARC crawls of them) for the benches.

Every page has what a real news site wraps around a story: a cookie banner, a nav
menu, breadcrumbs, a headline, a byline, a date in <time> and <meta>, a figure with a
captioned and credited photo, 8 to 15 wire-style paragraphs, a 'Related stories' list,
a newsletter box, reader comments and a footer. The sentences are assembled from the
word lists below (written for this file; no real article is copied), so the same seed
gives the same pages.

    python bench/make_corpus.py --pages 300 --out bench/out/pages
    python bench/make_corpus.py --pages 2000 --warc bench/out/crawl.warc.gz

`publish` (and `write_results_section`) is shared by the benches: each owns one `## ` section of
bench/RESULTS.md and rewrites only that one.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import html
import io
import logging
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.clean import clean_document
from eventwire.cli import sample_path
from eventwire.errors import ReadError
from eventwire.read import read_inputs
from eventwire.records import Article

log = logging.getLogger("make_corpus")

REPO = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).parent / "RESULTS.md"
RESULTS_HEADER = (
    "# Bench results\n\n"
    "Written by the scripts in bench/ (`--write`); each script owns one section and rewrites only it.\n"
    "Figures are from one run on the machine named in the section; compare ratios, not absolute speeds.\n"
)

SITES = [
    ("The Harbour Chronicle", "harbourchronicle.example"),
    ("Meridian Post", "meridianpost.example"),
    ("Northern Dispatch", "northerndispatch.example"),
    ("The Gulf Ledger", "gulfledger.example"),
    ("Continental Wire", "continentalwire.example"),
    ("Daily Observer Online", "dailyobserver.example"),
]
SECTIONS = ["World", "Politics", "Middle East", "Africa", "Europe", "Asia", "Americas", "Security"]
PLACES = [
    ("ANKARA", "Ankara", "Turkey"),
    ("BEIRUT", "Beirut", "Lebanon"),
    ("NAIROBI", "Nairobi", "Kenya"),
    ("KYIV", "Kyiv", "Ukraine"),
    ("BAGHDAD", "Baghdad", "Iraq"),
    ("ADDIS ABABA", "Addis Ababa", "Ethiopia"),
    ("TBILISI", "Tbilisi", "Georgia"),
    ("DHAKA", "Dhaka", "Bangladesh"),
    ("BOGOTA", "Bogota", "Colombia"),
    ("TUNIS", "Tunis", "Tunisia"),
    ("ISLAMABAD", "Islamabad", "Pakistan"),
    ("AMMAN", "Amman", "Jordan"),
    ("KHARTOUM", "Khartoum", "Sudan"),
    ("YEREVAN", "Yerevan", "Armenia"),
    ("MANILA", "Manila", "the Philippines"),
]
AGENCIES = ["Reuters", "AFP", "AP", "Wire"]
FIRST_NAMES = [
    "Amira", "Daniel", "Tomas", "Grace", "Karim", "Elena", "Arman", "Lena", "Hector", "Ines", "Omar",
    "Nadia", "Samuel", "Ruth", "Yusuf", "Mariam", "Pavel", "Aisha", "Jonas", "Leila", "Farid", "Sofia",
]  # fmt: skip
LAST_NAMES = [
    "Haddad", "Okafor", "Lindqvist", "Achieng", "Nassar", "Popescu", "Sadykov", "Weiss", "Valdes",
    "Carcamo", "Rahimi", "Tadesse", "Okello", "Demir", "Khalil", "Novak", "Mensah", "Bakr", "Ortiz",
]  # fmt: skip
TITLES = [
    "Foreign Minister", "Defence Minister", "Interior Minister", "Prime Minister", "President",
    "government spokesman", "army spokesman", "opposition leader", "Finance Minister", "UN envoy",
]  # fmt: skip
GROUPS = [
    "the government", "the opposition alliance", "the army", "rebel commanders", "the ruling party",
    "the electoral commission", "the central bank", "the regional administration", "the parliament",
    "the United Nations", "the European Union", "the African Union", "aid agencies", "the trade unions",
]  # fmt: skip
ACTIONS = [
    "agreed to resume talks on", "rejected a proposal for", "called for an inquiry into",
    "announced new measures on", "warned against any delay in", "signed an agreement on",
    "accused officials of blocking", "pledged funds for", "voted to extend", "demanded guarantees on",
    "threatened to walk out of talks on", "welcomed progress on", "postponed a decision on",
]  # fmt: skip
OBJECTS = [
    "a ceasefire along the northern border", "the release of detainees", "fuel subsidies",
    "the budget for next year", "a new electoral law", "aid deliveries to the besieged town",
    "the return of displaced families", "customs checks at the main crossing", "a prisoner exchange",
    "the withdrawal of troops from the valley", "the reconstruction of the port",
    "a referendum on the constitution", "wages in the public sector", "the water-sharing treaty",
]  # fmt: skip
WHEN = [
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "at the weekend",
    "late on Sunday", "earlier this week", "after a meeting in the capital",
]  # fmt: skip
FOLLOW_UPS = [
    "The talks are expected to continue next week, officials said.",
    "No date has been set for the next round.",
    "Diplomats said the two sides remained far apart on the main issues.",
    "The ministry did not respond to a request for comment.",
    "Residents said the streets of the capital were calm by evening.",
    "The decision must still be approved by parliament.",
    "Aid workers warned that supplies in the area would run out within weeks.",
    "It was not possible to verify the figures independently.",
]  # fmt: skip
QUOTES = [
    "We have no intention of giving up what we agreed in writing",
    "This is a first step, not the last one",
    "The people in the camps cannot wait another winter",
    "Nobody expects the question to be settled in one afternoon",
    "We will judge them by what they do, not by what they sign",
]  # fmt: skip
COMMENTS = [
    "Every round ends the same way.", "Good reporting, thank you.", "Who pays for all this in the end?",
    "I will believe it when I see it.", "Why is nobody asking about the south?", "Finally some progress.",
]  # fmt: skip
RELATED = [
    "Aid trucks wait for days at border crossing", "Envoy begins regional tour to revive talks",
    "Families of detainees rally outside parliament", "Parliament passes revised media law",
    "Drought pushes grain prices to two-year high", "Election commission sets date for runoff vote",
]  # fmt: skip


def capitalised(text: str) -> str:
    """First letter upper case, the rest as written ('the European Union ...')."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Page:
    """One generated page and what a reader of it should find."""

    url: str
    html: str
    title: str
    published: str


class StoryWriter:
    """Wire-style sentences and whole pages from the word lists, deterministic per seed."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def name(self) -> str:
        return f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"

    def sentence(self) -> str:
        pick = self.random.choice
        kind = self.random.randrange(4)
        if kind == 0:
            text = f"{pick(TITLES)} {self.name()} said {pick(WHEN)} that {pick(GROUPS)} had {pick(ACTIONS)}"
            return capitalised(f"{text} {pick(OBJECTS)}.")
        if kind == 1:
            return capitalised(
                f"{pick(GROUPS)} {pick(ACTIONS)} {pick(OBJECTS)} {pick(WHEN)}, according to a statement."
            )
        if kind == 2:
            return f"“{pick(QUOTES)},” {pick(TITLES)} {self.name()} told reporters {pick(WHEN)}."
        count = self.random.randrange(12, 4000)
        follow_up = pick(FOLLOW_UPS)
        return f"At least {count:,} people were affected, {pick(GROUPS)} said. {follow_up}"

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randrange(1, 4)))

    def page(self, number: int, thumbnail_bytes: int = 0) -> Page:
        pick = self.random.choice
        site, host = pick(SITES)
        dateline, city, country = pick(PLACES)
        day = dt.date(2018, 1, 1) + dt.timedelta(days=self.random.randrange(2600))
        headline = capitalised(f"{pick(GROUPS)} {pick(ACTIONS)} {pick(OBJECTS)}")
        slug = re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-")[:60]
        url = f"https://www.{host}/{pick(SECTIONS).lower().replace(' ', '-')}/{day:%Y/%m/%d}/{slug}-{number}"
        paragraphs = [f"{dateline} ({pick(AGENCIES)}) — {self.paragraph()}"]
        paragraphs += [self.paragraph() for _ in range(self.random.randrange(7, 14))]
        paragraphs.append(pick(FOLLOW_UPS))
        caption = f"People gather in central {city}, {country}, on {day:%B} {day.day}, {day.year}."
        credit = pick(["Reuters", "AFP", "AP Photo/" + self.name(), "REUTERS/" + self.name(), "Getty Images"])
        fields = {
            "site": site,
            "host": host,
            "url": url,
            "headline": headline,
            "section": pick(SECTIONS),
            "byline": self.name(),
            "iso": day.isoformat(),
            "human": f"{day:%B} {day.day}, {day.year}",
            "caption": caption,
            "credit": credit,
            "thumbnail": self._thumbnail(thumbnail_bytes),
            "body": self._body(paragraphs),
            "related": "".join(f'<li><a href="/{number}/{i}">{pick(RELATED)}</a></li>' for i in range(4)),
            "comments": "".join(self._comment() for _ in range(self.random.randrange(1, 6))),
        }
        return Page(url=url, html=PAGE_TEMPLATE.format(**fields), title=headline, published=day.isoformat())

    def _comment(self) -> str:
        reader = f"{self.random.choice(FIRST_NAMES)}{self.random.randrange(99)}"
        return (
            f'<div class="comment"><p class="comment-author">{reader}</p>'
            f'<p class="comment-text">{self.random.choice(COMMENTS)}</p></div>'
        )

    def _body(self, paragraphs: list[str]) -> str:
        blocks = [f"<p>{html.escape(text, quote=False)}</p>" for text in paragraphs]
        blocks.insert(min(3, len(blocks)), NEWSLETTER)
        return "\n".join(blocks)

    def _thumbnail(self, size: int) -> str:
        """An inline preview image: real pages carry such base64 blobs, and they do not compress."""
        if size <= 0:
            return ""
        data = base64.b64encode(self.random.randbytes(size)).decode("ascii")
        return f'<img class="preview" alt="" src="data:image/jpeg;base64,{data}">'


NEWSLETTER = (
    '<div class="newsletter-signup"><h4>Get the Morning Briefing</h4><p>Sign up for our free daily '
    "newsletter and get the top stories in your inbox.</p><form><input type=email><button>Subscribe"
    "</button></form></div>"
)
PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{headline} | {site}</title>
<meta property="og:title" content="{headline}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{iso}T08:30:00Z">
<meta name="author" content="{byline}">
<link rel="canonical" href="{url}">
</head>
<body>
<div class="cookie-banner"><p>We use cookies to improve your experience and to show relevant advertising.</p>
<button>Accept all cookies</button></div>
<header><a class="logo" href="/">{site}</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li>
<li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main>
<ol class="breadcrumbs"><li><a href="/">Home</a></li><li><a href="/section">{section}</a></li></ol>
<article>
<h1>{headline}</h1>
<div class="meta"><span class="byline">By {byline}</span>
<time datetime="{iso}T08:30:00Z">{human}</time></div>
<figure><img src="/images/{iso}.jpg" alt="">{thumbnail}<figcaption>{caption} ({credit})</figcaption></figure>
<div class="story-body">
{body}
</div>
<aside class="related-stories"><h3>Related stories</h3><ul>{related}</ul></aside>
</article>
<section id="comments" class="comments"><h2>Comments</h2>{comments}</section>
</main>
<footer><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li></ul>
<p>© {site}. All rights reserved.</p></footer>
</body>
</html>
"""


def generate_pages(count: int, seed: int = 7, thumbnail_bytes: int = 0) -> Iterator[Page]:
    """`count` pages, one at a time (a generator: a big crawl never sits in memory)."""
    writer = StoryWriter(seed)
    for number in range(1, count + 1):
        yield writer.page(number, thumbnail_bytes)


def write_warc(pages: Iterator[Page], path: Path, max_bytes: int | None = None) -> int:
    """Write pages as request/response pairs into a WARC.gz, streaming; stop past `max_bytes`.

    Returns the number of pages written.
    """
    written = 0
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for page in pages:
            body = page.html.encode("utf-8")
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                page.url, "response", payload=io.BytesIO(body), http_headers=http
            )
            writer.write_record(record)
            written += 1
            if max_bytes is not None and stream.tell() >= max_bytes:
                break
    return written


def write_results_section(title: str, body: str, results: Path = RESULTS) -> None:
    """Replace (or add) the `## title` section of bench/RESULTS.md, keeping the others."""
    text = results.read_text(encoding="utf-8") if results.exists() else RESULTS_HEADER
    section = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    results.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def publish(title: str, report: str, write: bool) -> None:
    """Log a bench's report and, with `write`, put it in its section of bench/RESULTS.md."""
    log.info("%s", report)
    if write:
        write_results_section(title, report)
        log.info("updated the %r section of %s", title, RESULTS)


def gold_articles(published: str | None = "2018-09-04") -> list[Article]:
    """The cleaned articles of the gold set's inputs and the bundled sample (the seed),
    the text the component benches parse."""
    paths = sorted(str(p) for p in (REPO / "tests" / "gold").rglob("*") if p.suffix in (".txt", ".html"))
    paths.append(str(sample_path()))
    articles: list[Article] = []
    for item in read_inputs(paths):
        if not isinstance(item, ReadError):
            articles.extend(clean_document(item, published=published))
    return articles


def repeated(articles: list[Article], count: int) -> list[Article]:
    """`count` articles, cycling through `articles`."""
    return [articles[i % len(articles)] for i in range(count)]


def run_component_bench(
    doc: str, section: str, measure: Callable[[int, int], str], default_articles: int
) -> None:
    """The command line the component benches share: --articles, --rounds, --write;
    `measure(articles, rounds)` returns the section's report."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument(
        "--articles",
        type=int,
        default=default_articles,
        help=f"article bodies per round (default {default_articles})",
    )
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds, the best counts (default 3)")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    publish(section, measure(args.articles, args.rounds), args.write)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="how many pages (default 300)")
    parser.add_argument("--seed", type=int, default=7, help="random seed: same seed, same pages")
    parser.add_argument("--out", type=Path, help="write one .html file per page into this folder")
    parser.add_argument("--warc", type=Path, help="write the pages into this WARC.gz")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for number, page in enumerate(generate_pages(args.pages, args.seed), start=1):
            (args.out / f"page_{number:05d}.html").write_text(page.html, encoding="utf-8")
        log.info("wrote %d pages into %s", args.pages, args.out)
    if args.warc:
        written = write_warc(generate_pages(args.pages, args.seed), args.warc)
        log.info("wrote %d pages into %s (%.1f MB)", written, args.warc, args.warc.stat().st_size / 1e6)
    if not (args.out or args.warc):
        parser.error("say where to write: --out FOLDER and/or --warc FILE")


if __name__ == "__main__":
    main()
