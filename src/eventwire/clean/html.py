"""HTML pages -> main text and metadata, before the text cleaner sees them.

trafilatura finds the main text (comments excluded) and htmldate the publication
date; one lxml parse of the page also serves the title, byline, canonical URL and
photo captions, which trafilatura either leaves out or mixes into the text. Hostile
or truncated markup never raises: what can be found is returned, possibly no text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import htmldate
import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from eventwire.knowledge.furniture import load_furniture_rules
from eventwire.records import Caption

log = logging.getLogger(__name__)

# Only dates the page marks up (meta, JSON-LD, <time>, URL): htmldate's extensive
# search also reads free text and turns a footer's "© 2019" into 2019-01-01.
DATE_PARAMS = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}

# Separators between a headline and a site or section name in <title>.
TITLE_SUFFIX = re.compile(r"^(?P<headline>.*\S)\s+[|\-–—·»]\s+(?P<suffix>[^|\-–—·»]+)$")
MAX_SUFFIX_WORDS = 5
TITLE_PARTS = re.compile(r"\s+[|\-–—·»]\s+")

# Class tokens of elements that hold a photo caption when a site does not use <figcaption>.
CAPTION_CLASS = re.compile(r"(?:^|[-_])caption(?:$|[-_]+text$)")
CAPTION_XPATH = "//figcaption | //*[contains(@class, 'caption')]"
CREDIT_CLASS = re.compile(r"credit|copyright|photographer|source", re.IGNORECASE)
# 'byline', 'article-byline', 'author-name'; not 'comment-author', whose name is a reader's.
BYLINE_CLASS = re.compile(r"^(?!.*comment)(?:.*[-_])?(?:byline|author)(?:$|[-_])", re.IGNORECASE)
BYLINE_XPATH = "//*[contains(@class, 'byline') or contains(@class, 'author')]"

VISIBLE_TEXT = ".//text()[not(ancestor::script) and not(ancestor::style)]"
NON_WORD = re.compile(r"[\W_]+")
DATE_ONLY = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?$"
)


@dataclass(frozen=True)
class PageText:
    """What an HTML page says, found before the text cleaner runs.

    `text` is the main text, paragraphs separated by one blank line; navigation,
    related links, comments, footers, cookie banners and headings are left out, and so
    are photo captions, which are in `captions` with their credit apart.
    """

    text: str
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    captions: tuple[Caption, ...] = ()
    url: str | None = None
    publisher: str | None = None


def page_text(html: str, url: str | None = None) -> PageText:
    """Find the main text, title, date, byline, captions and URL of an HTML page."""
    tree = _parse(html)
    if tree is None:
        return PageText(text="", url=url)
    extracted = _extract(tree, url)
    captions = tuple(_unique(_captions(tree)))
    paragraphs = _paragraphs(extracted.body) if extracted is not None else []
    title = _title(tree) or _clean(getattr(extracted, "title", None))
    return PageText(
        text="\n\n".join(_without_captions(paragraphs, captions)),
        title=title,
        publisher=_site_name(tree, title),
        published=extracted.date if extracted is not None else _find_date(tree),
        byline=_byline(tree, getattr(extracted, "author", None)),
        captions=captions,
        url=_canonical_url(tree) or url,
    )


def _parse(html: str) -> HtmlElement | None:
    try:
        return trafilatura.load_html(html)
    except (ValueError, etree.LxmlError) as exc:
        log.warning("cannot parse HTML: %s", exc)
        return None


def _extract(tree: HtmlElement, url: str | None) -> trafilatura.settings.Document | None:
    # trafilatura and lxml raise many exception types on hostile markup; a page
    # that cannot be read gives no text rather than stopping the batch.
    try:
        return trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, date_extraction_params=DATE_PARAMS
        )
    except Exception as exc:
        log.warning("trafilatura failed on %s: %s: %s", url or "a page", type(exc).__name__, exc)
        return None


def _find_date(tree: HtmlElement) -> str | None:
    """The date when trafilatura found too little text to return its metadata."""
    try:
        return htmldate.find_date(tree, **DATE_PARAMS)
    except Exception as exc:  # htmldate, like trafilatura, may fail in many ways on broken pages
        log.warning("htmldate failed: %s: %s", type(exc).__name__, exc)
        return None


def _clean(text: str | None) -> str | None:
    """White space collapsed; None for nothing."""
    if not text:
        return None
    return " ".join(text.split()) or None


def _text_of(element: HtmlElement) -> str:
    """The visible text of an element, white space collapsed."""
    return " ".join("".join(element.xpath(VISIBLE_TEXT)).split())


def _paragraphs(body: etree._Element | None) -> list[str]:
    """Body paragraphs from trafilatura's output tree, headings left out."""
    if body is None:
        return []
    paragraphs = []
    for element in body:
        if element.tag == "head":
            continue
        if element.tag == "list":
            blocks: Iterable[etree._Element] = element.iterfind("item")
        elif element.tag == "table":
            blocks = element.iterfind("row")
        else:
            blocks = (element,)
        paragraphs += [text for text in map(_block_text, blocks) if text and not DATE_ONLY.match(text)]
    return paragraphs


def _block_text(element: etree._Element) -> str:
    if element.tag == "row":
        return " | ".join(filter(None, (_text_of(cell) for cell in element)))
    return _text_of(element)


def _without_captions(paragraphs: list[str], captions: tuple[Caption, ...]) -> Iterator[str]:
    """Paragraphs that are not a caption (trafilatura keeps those inside tables, for one)."""
    caption_keys = {_comparison_key(caption.text) for caption in captions}
    caption_keys |= {_comparison_key(f"{caption.text} {caption.credit}") for caption in captions}
    return (paragraph for paragraph in paragraphs if _comparison_key(paragraph) not in caption_keys)


def _comparison_key(text: str) -> str:
    """Letters and digits only: 'Monday. (Reuters)' and 'Monday. Reuters' compare equal."""
    return NON_WORD.sub("", text).casefold()


def _meta(tree: HtmlElement, *names: str) -> str | None:
    """The first non-empty <meta> content among `names` (property= or name=)."""
    for name in names:
        for content in tree.xpath("//meta[@property=$n or @name=$n]/@content", n=name):
            if content.strip():
                return " ".join(content.split())
    return None


def _title(tree: HtmlElement) -> str | None:
    """The headline: `og:title` (without a site name it carries), else the article's
    `<h1>`, else `<title>` without the site's name after it."""
    og_title = _meta(tree, "og:title")
    if og_title:
        return _strip_site_name(og_title, _meta(tree, "og:site_name"))
    heading = _main_heading(tree)
    if heading:
        return heading
    title = _clean(tree.findtext(".//title"))
    return _strip_site_suffix(title) if title else None


def _main_heading(tree: HtmlElement) -> str | None:
    """The text of the article's `<h1>` (inside `<article>` or `<main>` if one is there)."""
    for path in ("//article//h1", "//main//h1", "//h1"):
        headings = [_clean("".join(h.itertext())) for h in tree.xpath(path)]
        headings = [h for h in headings if h and len(h.split()) >= 3]
        if headings:
            return headings[0]
    return None


def _site_name(tree: HtmlElement, headline: str | None) -> str | None:
    """Who published the page: `og:site_name` or `application-name`, else the part of
    `<title>` beside the headline ('Andes Report - Headline', 'Headline | Dakar Horizon')."""
    named = _meta(tree, "og:site_name", "application-name")
    if named:
        return named
    title = _clean(tree.findtext(".//title"))
    if not title or not headline:
        return None
    parts = [part.strip() for part in TITLE_PARTS.split(title)]
    if len(parts) != 2:
        return None
    others = [part for part in parts if part.casefold() != headline.casefold()]
    shorter, longer = sorted(others, key=lambda part: len(part.split()))[0], max(parts, key=len)
    if len(shorter.split()) <= MAX_SUFFIX_WORDS and len(longer.split()) > len(shorter.split()) + 1:
        return shorter
    return None


def _strip_site_suffix(title: str) -> str:
    """'Headline - World | Site' -> 'Headline': short trailing names go, twice at most."""
    for _ in range(2):
        match = TITLE_SUFFIX.match(title)
        if not match or len(match["suffix"].split()) > MAX_SUFFIX_WORDS:
            break
        if len(match["suffix"]) >= len(match["headline"]):
            break
        title = match["headline"]
    return title


def _strip_site_name(title: str, site_name: str | None) -> str:
    """'Headline | Site' -> 'Headline' when the page names its site (some og:titles carry it)."""
    match = TITLE_SUFFIX.match(title)
    if site_name and match and match["suffix"].strip().casefold() == site_name.casefold():
        return match["headline"]
    return title


def _canonical_url(tree: HtmlElement) -> str | None:
    for href in tree.xpath("//link[@rel='canonical']/@href"):
        if href.strip():
            return href.strip()
    return _meta(tree, "og:url")


def _byline(tree: HtmlElement, extracted_author: str | None) -> str | None:
    candidates = (
        _meta(tree, "author", "article:author", "byl", "dc.creator", "sailthru.author"),
        extracted_author,
        _byline_element(tree),
    )
    for candidate in candidates:
        byline = _strip_by(candidate)
        # article:author is often a profile URL, not a name.
        if byline and "://" not in byline:
            return byline
    return None


def _byline_element(tree: HtmlElement) -> str | None:
    for element in tree.xpath(BYLINE_XPATH):
        if any(BYLINE_CLASS.search(token) for token in _classes(element)):
            text = _text_of(element)
            if text:
                return text
    return None


def _strip_by(byline: str | None) -> str | None:
    byline = _clean(byline)
    if byline is None:
        return None
    return re.sub(r"^by\s+", "", byline, flags=re.IGNORECASE) or None


def _classes(element: HtmlElement) -> list[str]:
    return (element.get("class") or "").split()


def _is_caption_element(element: HtmlElement) -> bool:
    if element.tag == "figcaption":
        return True
    return any(CAPTION_CLASS.search(token) for token in _classes(element))


def _captions(tree: HtmlElement) -> Iterator[Caption]:
    """Photo captions in page order; a caption inside another caption counts once."""
    for element in tree.xpath(CAPTION_XPATH):
        if not _is_caption_element(element):
            continue
        if any(_is_caption_element(ancestor) for ancestor in element.iterancestors()):
            continue
        caption = _caption(element)
        if caption is not None:
            yield caption


def _caption(element: HtmlElement) -> Caption | None:
    """The caption of one element; its credit from a credit element, else from its last words."""
    credit_parts = [
        _text_of(child)
        for child in element.iterdescendants()
        if isinstance(child.tag, str) and (child.tag in ("cite", "small") or _has_credit_class(child))
    ]
    text = _text_without(element, credit_parts)
    if not text:
        return None
    if credit_parts:
        return Caption(text=text, credit=" ".join(credit_parts))
    caption = load_furniture_rules().split_caption(text) or Caption(text=text)
    # A caption that is only a credit ('Getty Images') says nothing about the photo.
    return caption if caption.text else None


def _has_credit_class(element: HtmlElement) -> bool:
    return any(CREDIT_CLASS.search(token) for token in _classes(element))


def _text_without(element: HtmlElement, parts: list[str]) -> str:
    text = _text_of(element)
    for part in parts:
        text = text.replace(part, " ")
    return " ".join(text.split())


def _unique(captions: Iterable[Caption]) -> Iterator[Caption]:
    seen: set[Caption] = set()
    for caption in captions:
        if caption not in seen:
            seen.add(caption)
            yield caption
