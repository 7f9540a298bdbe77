"""The text cleaner: one raw text in, the articles it holds out.

Scraped dumps glue articles together and repeat what a page shows twice (headline,
photo caption), with widget residue in between. The cleaner works on *units* (a
paragraph of the dump, or one line of a block of short lines), classifies each
(furniture, caption, byline, date line, text), then walks them in order: a
headline-like unit with the marks of a new article (repeated, or followed by a
caption, byline, date line or dateline, or set off by a separator) starts one.
Words, quote marks and diacritics are never changed; only white space is normalised.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from eventwire.clean.article_dates import (
    choose_published,
    date_line_place,
    date_line_value,
    is_update_stamp,
    report_title_date,
)
from eventwire.clean.language import guess_language
from eventwire.clean.live_blog import live_blog_entries
from eventwire.knowledge.furniture import FurnitureRules, load_furniture_rules
from eventwire.records import Article, Caption, Paragraph

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
# No word, URL or hashtag of news is this long; spaCy's tokenizer takes time quadratic in
# a word's length (160 KB of invalid bytes, decoded as one word, took minutes and gigabytes).
_OVERLONG_WORD = re.compile(r"[^\s]{256,}")
# What the reader put for each invalid byte.
REPLACEMENT = "\ufffd"
_SEPARATOR = re.compile(r"^[-=*_~#•·+\s]{3,}$")
_TERMINAL = (".", "!", "?", ":", ";", ",", "…")
_CLOSING_QUOTES = "\"'”’»"
_TIMESTAMP = re.compile(
    r"^(?:updated:?\s*)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|ET|PT|IST|[A-Z]{3,4}))?$"
    r"|^\d+\s*(?:m|min|mins|minutes?|h|hr|hrs|hours?)\s+ago$",
    re.IGNORECASE,
)
# A key figure of a report: '18,500', 'US$4.2M', '62%', 'US$ 38.5 million'.
_FIGURE = re.compile(
    r"^(?:US\$|\$|€|£)?\s*\d[\d.,]*\s*(?:%|per cent|percent|[mkb]n?|million|billion|thousand)?\+?$",
    re.IGNORECASE,
)
_TAGLINE_DASH = re.compile(r"\s+[–—-]\s+")
_CHROME_SEPARATOR = re.compile(r"\s+[|>»›/]\s+")
_BYLINE = re.compile(
    r"^(?:by|written by|por|par|von)\s+(?P<names>[A-ZÀ-Ý][^!?|]{1,120}?[^.!?|])"
    r"(?:\s*[|,·–—-]\s*\S+@\S+)?$",  # 'By Karla Méndez | kmendez@paper.example'
    re.IGNORECASE,
)
# Contact details: an e-mail address, a telephone number, a web address, 'Tel:'.
_CONTACT = re.compile(
    r"\S+@\S+\.\w+|\+\d[\d\s().-]{6,}\d|\bwww\.\S+|\b(?:tel|phone|telephone|fax|mobile|cell|e-?mail|website|web)\s*[.:]",
    re.IGNORECASE,
)
_SMALL_WORDS = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "off", "on",
    "or", "over", "the", "to", "up", "via", "vs", "with", "amid", "after", "per", "is",
}  # fmt: skip


@dataclass
class Unit:
    text: str
    blank_lines_before: int


@dataclass
class ArticleDraft:
    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    byline: str | None = None
    date_line: str | None = None
    date_line_place: str | None = None  # 'Nairobi' of a release's 'Nairobi, 3 March 2024' line
    updated_date: str | None = None  # an update stamp's: the date only when no date line is there
    publisher: str | None = None
    seen: set[str] = field(default_factory=set)
    # Where the headline was found, and the last line of the page's head above the
    # body (masthead, breadcrumb, section name): a headline above it was part of the head.
    title_index: int | None = None
    page_head_end: int | None = None
    top_line: str | None = None
    first_index: int | None = None  # the first line the article took
    # Live-blog entry times: (index of the paragraph the entry starts at, stamp as printed).
    stamps: list[tuple[int, str]] = field(default_factory=list)
    pending_stamp: str | None = None

    def add_caption(self, caption: Caption) -> None:
        key = normalise_for_comparison(caption.text + " " + (caption.credit or ""))
        if key not in self.seen:
            self.seen.add(key)
            self.captions.append(caption)


def normalise_line(line: str) -> str:
    """Collapse spaces (tabs, non-breaking and other Unicode spaces) and trim; a line
    that is mostly replaced invalid bytes is no text (empty)."""
    if line.count(REPLACEMENT) * 3 > len(line):
        return ""
    return _SPACES.sub(" ", _OVERLONG_WORD.sub("", _INVISIBLE.sub("", line))).strip()


def normalise_for_comparison(text: str) -> str:
    return (
        re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"'))
        .strip(" .|-–—")
        .casefold()
    )


def split_units(text: str, is_standalone=lambda line: False) -> list[Unit]:
    """Paragraphs of the dump: blank-line separated blocks, with hard-wrapped lines joined.

    A line for which `is_standalone` is true (a caption, a widget) is never joined.
    """
    lines = [normalise_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    units: list[Unit] = []
    block: list[str] = []
    blanks = 0
    for line in lines + [""]:
        if line:
            block.append(line)
            continue
        if block:
            parts = _block_parts(block, is_standalone)
            units += [Unit(part, blanks if i == 0 else 0) for i, part in enumerate(parts)]
            block, blanks = [], 0
        blanks += 1
    return units


def _block_parts(block: list[str], is_standalone) -> list[str]:
    """The block's lines, with each run of hard-wrapped prose lines joined into one."""
    parts: list[str] = []
    run: list[str] = []
    for line in block + [None]:
        if line is not None and not is_standalone(line):
            run.append(line)
            continue
        if len(run) > 1 and _is_wrapped(run):
            parts.append(" ".join(run))
        else:
            parts.extend(run)
        run = []
        if line is not None:
            parts.append(line)
    return parts


def _is_wrapped(block: list[str]) -> bool:
    if len(set(block)) < len(block):
        return False
    inner = block[:-1]
    open_ends = sum(not line.endswith(_TERMINAL + tuple(_CLOSING_QUOTES)) for line in inner)
    lowercase_starts = sum(line[:1].islower() for line in block[1:])
    long_lines = sum(len(line) >= 40 for line in inner)
    return long_lines == len(inner) and (open_ends + lowercase_starts) >= max(1, len(inner) // 2)


def looks_like_headline(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 30 or len(text) > 250:
        return False
    stripped = text.rstrip(_CLOSING_QUOTES + " ")
    if text.endswith(_TERMINAL) or (stripped != text and stripped.endswith(".")):
        return False
    return not _TIMESTAMP.match(text) and not _CONTACT.search(text)


def is_shouting(text: str) -> bool:
    """A short line in capitals and without figures ('REPUBLIC OF KENYA', 'KEY FIGURES';
    not 'US$5M')."""
    return (
        text.upper() == text
        and any(c.isalpha() for c in text)
        and not any(c.isdigit() for c in text)
        and len(text.split()) <= 8
    )


def _is_chrome(text: str) -> bool:
    parts = _CHROME_SEPARATOR.split(text)
    return len(parts) >= 2 and all(0 < len(part.split()) <= 8 for part in parts)


def title_case_share(text: str) -> float:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in _SMALL_WORDS]
    if not words:
        return 0.0
    return sum(w[0].isupper() for w in words) / len(words)


class UnitKinds:
    """Classifies units against the furniture rules."""

    def __init__(self, rules: FurnitureRules) -> None:
        self.rules = rules
        self._captions: dict[str, Caption | None] = {}
        self._date_lines: dict[str, tuple[bool, str | None]] = {}
        self._page_heads: dict[str, bool] = {}
        self._furniture: dict[str, bool] = {}
        self._mastheads: dict[str, bool] = {}

    def is_furniture(self, text: str) -> bool:
        # Asked of each line twice (joining wrapped lines, then splitting articles): kept.
        if text not in self._furniture:
            lone_word = len(text.split()) == 1 and not _TIMESTAMP.match(text) and not self.date_line(text)[0]
            self._furniture[text] = self.rules.is_furniture(text) or lone_word
        return self._furniture[text]

    def is_masthead(self, text: str) -> bool:
        """`FurnitureRules.is_masthead`, kept per line: the splitter asks it of a line
        several times (page-head blocks, headline ranks, the next article's head)."""
        if text not in self._mastheads:
            self._mastheads[text] = self.rules.is_masthead(text)
        return self._mastheads[text]

    def is_standalone(self, line: str) -> bool:
        """A line that is never part of a hard-wrapped paragraph."""
        return (
            self.is_furniture(line)
            or self.caption(line) is not None
            or self.byline(line) is not None
            or bool(_TIMESTAMP.match(line))
            or self.date_line(line)[0]
            or self._is_head_line(line)
        )

    def _is_head_line(self, line: str) -> bool:
        """A page-head line that is never joined to the next, unlike a wrapped line of
        prose that happens to start like one ('Government of Kenya said on ...')."""
        if not self.is_page_head(line):
            return False
        return (
            is_shouting(line)
            or _is_chrome(line)
            or (len(line.split()) <= 12 and title_case_share(line) >= 0.6)
        )

    def is_page_head(self, text: str) -> bool:
        """A line of a page's head rather than of the story: a publisher's name or another
        masthead line (see `publishers` and `page_heads` in furniture.yaml), a short line
        in capitals that is not a report's section heading ('MINISTRY OF INTERIOR',
        'POLITICS'), or a line of short parts set off by ' | ' or ' > ' ('Southern Africa
        Office | Mozambique')."""
        if text not in self._page_heads:
            self._page_heads[text] = (
                self.is_masthead(text)
                or (is_shouting(text) and not self.rules.is_section_heading(text))
                or _is_chrome(text)
            )
        return self._page_heads[text]

    def is_section_heading(self, text: str) -> bool:
        """A report's section heading ('KEY FIGURES', 'OVERVIEW'): in capitals, short."""
        return is_shouting(text) and (self.rules.is_section_heading(text) or len(text.split()) <= 5)

    def date_line(self, text: str) -> tuple[bool, str | None]:
        if text not in self._date_lines:
            self._date_lines[text] = date_line_value(text)
        return self._date_lines[text]

    def caption(self, text: str) -> Caption | None:
        if len(text) > 600:
            return None
        if text not in self._captions:
            self._captions[text] = self.rules.split_caption(text)
        return self._captions[text]

    @staticmethod
    def byline(text: str) -> str | None:
        match = _BYLINE.match(text)
        if match and len(text.split()) <= 14:
            return match.group("names").strip()
        return None


class ArticleSplitter:
    """Walks the units of one text and groups them into article drafts."""

    def __init__(self, units: list[Unit], kinds: UnitKinds, *, title: str | None, single_article: bool):
        self.units = units
        self.kinds = kinds
        self.single_article = single_article
        self.drafts: list[ArticleDraft] = [ArticleDraft(title=title)]
        self.in_link_list = False
        self.in_trailer_block = False
        self.after_figure = False
        self.in_head_block = self._head_blocks()
        self.is_furniture = [kinds.is_furniture(unit.text) for unit in units]
        self.last_body_index = max(
            (
                i
                for i, unit in enumerate(units)
                if not self.is_furniture[i] and not looks_like_headline(unit.text)
            ),
            default=-1,
        )

    def _drop_sign_off(self, draft: ArticleDraft) -> None:
        """A press release's sign-off lines are not its last paragraphs (see `sign_offs`):
        'Press and Public Relations Department' above a 'Tel.: ...' line."""
        while len(draft.paragraphs) >= 2:
            last = draft.paragraphs[-1]
            short_line = len(last.split()) <= 16 and not last.endswith(_TERMINAL)
            if not (short_line and (self.kinds.rules.is_sign_off(last) or _CONTACT.search(last))):
                return
            draft.paragraphs.pop()
            draft.stamps = [stamp for stamp in draft.stamps if stamp[0] < len(draft.paragraphs)]

    def _head_blocks(self) -> list[bool]:
        """For each unit, whether it is in a page head's block: a block of up to five
        short lines without a blank line between, one of which names the publisher or is
        another masthead line ('UNHCR' / 'The UN Refugee Agency'), or that opens the text
        with a line in capitals: its other lines are the publisher's tagline, never the
        headline."""
        flags = [False] * len(self.units)
        start = 0
        for end in range(1, len(self.units) + 1):
            if end < len(self.units) and self.units[end].blank_lines_before == 0:
                continue
            block = [unit.text for unit in self.units[start:end]]
            short = all(len(line.split()) <= 12 and not line.endswith(_TERMINAL) for line in block)
            named = any(self.kinds.is_masthead(line) for line in block)
            on_top = start == 0 and is_shouting(block[0])  # 'NAF RIVER RELIEF NETWORK' atop the page
            if 1 < len(block) <= 5 and short and (named or on_top):
                flags[start:end] = [True] * (end - start)
            start = end
        return flags

    def _opens_next_head(self, index: int, text: str) -> bool:
        """A masthead line after an article's body that heads the next article: a
        headline-like line follows it before any paragraph of text."""
        rules = self.kinds.rules
        is_masthead = self.kinds.is_masthead(text)
        if rules.is_list_header(text) or (self.is_furniture[index] and not is_masthead):
            return False
        if not (is_masthead or (is_shouting(text) and not rules.is_section_heading(text))):
            return False
        for position in range(index + 1, min(index + 7, len(self.units))):
            following = self.units[position].text
            if _SEPARATOR.match(following):
                return False
            if self.is_furniture[position] or self._is_page_head(following, position):
                continue
            if self.kinds.date_line(following)[0] or self.kinds.byline(following) is not None:
                continue
            return looks_like_headline(following)
        return False

    @property
    def current(self) -> ArticleDraft:
        return self.drafts[-1]

    def split(self) -> list[ArticleDraft]:
        for index, unit in enumerate(self.units):
            self._take(index, unit.text)
        for draft in self.drafts:
            self._drop_sign_off(draft)
            if draft.title is not None and self.kinds.is_masthead(draft.title):
                # A publisher's name or a page-head line is never the headline.
                if draft.publisher is None and self.kinds.rules.is_publisher(draft.title):
                    draft.publisher = draft.title
                draft.title = None
            if draft.top_line != draft.title:  # a headline in capitals is not a publisher
                draft.publisher = draft.publisher or draft.top_line
        return [draft for draft in self.drafts if draft.paragraphs or draft.title]

    def _take(self, index: int, text: str) -> None:
        rules = self.kinds.rules
        if _SEPARATOR.match(text):
            return
        if self.current.paragraphs and not self.single_article and self._opens_next_head(index, text):
            self.drafts.append(ArticleDraft())
            self.in_trailer_block = self.in_link_list = False
        if self.current.first_index is None:
            self.current.first_index = index
        if not self.current.paragraphs:
            self._note_page_head(self.current, index, text)
        after_figure, self.after_figure = self.after_figure, bool(_FIGURE.match(text))
        if self.in_trailer_block:
            if not (
                looks_like_headline(text) and self._starts_new_article(index, text, strong_marks_only=True)
            ):
                return
            self.in_trailer_block = False
        if self.current.paragraphs and rules.opens_trailer_block(text):
            self.in_trailer_block = True
            return
        if after_figure and looks_like_headline(text) and len(text.split()) <= 12:
            return  # a key figure's label ('18,500' / 'people displaced since 28 May')
        if rules.is_list_header(text):
            self.in_link_list = True
            return
        if self.in_link_list:
            if self._is_link_list_item(index, text):
                return
            self.in_link_list = False
        if _TIMESTAMP.match(text):
            self.current.pending_stamp = text  # a live-blog entry's time: kept with its entry
            return
        if self.is_furniture[index] or rules.is_trailer(text):
            return
        caption = self.kinds.caption(text)
        if caption is not None:
            self.current.add_caption(caption)
            return
        byline = self.kinds.byline(text)
        if byline is not None:
            self._set_once("byline", byline, index)
            return
        is_date_line, value = self.kinds.date_line(text)
        if is_date_line:
            self._take_date_line(index, text, value)
            return
        if self._is_uncredited_caption(index, text):
            self.current.add_caption(Caption(text=text))
            return
        self._take_text(index, text)

    def _is_uncredited_caption(self, index: int, text: str) -> bool:
        """A line printed twice in a row above an article's body is its photo caption."""
        draft = self.current
        key = normalise_for_comparison(text)
        if draft.paragraphs or (draft.title is not None and key == normalise_for_comparison(draft.title)):
            return False
        if key in draft.seen:
            return True
        following = self._neighbour(index, 1)
        repeated = following is not None and normalise_for_comparison(following) == key
        return repeated and (draft.title is not None or not looks_like_headline(text))

    def _take_date_line(self, index: int, text: str, value: str | None) -> None:
        """The first date line gives the article's date, an update stamp only when no other
        date line does. A date line after an article's body opens the next article when
        that article had one, or when it is set off and a headline with a body follows."""
        draft = self.current
        had_date_line = draft.date_line is not None or draft.updated_date is not None
        if (
            draft.paragraphs
            and not self.single_article
            and (had_date_line or self._heads_next_article(index))
        ):
            self.drafts.append(ArticleDraft(first_index=index))
        name = "updated_date" if is_update_stamp(text) else "date_line"
        if getattr(self.current, name) is None:
            setattr(self.current, name, value)
            if name == "date_line":
                self.current.date_line_place = date_line_place(text)

    def _set_once(self, name: str, value: str | None, index: int) -> None:
        if getattr(self.current, name) is not None and self.current.paragraphs and not self.single_article:
            self.drafts.append(ArticleDraft())
        if getattr(self.current, name) is None:
            setattr(self.current, name, value)

    def _take_text(self, index: int, text: str) -> None:
        draft = self.current
        key = normalise_for_comparison(text)
        if draft.title is not None and key == normalise_for_comparison(draft.title):
            return
        if looks_like_headline(text) and not self._is_subheading(index):
            if not draft.paragraphs and self._has_body_after(index):
                # A second headline-like line under the headline is its standfirst,
                # unless what was taken for the headline was part of the page's head.
                if self._better_headline(draft, index, text):
                    draft.title, draft.title_index = text, index
                return
            if draft.paragraphs and not self.single_article and self._starts_new_article(index, text):
                self.drafts.append(ArticleDraft(title=text, title_index=index, first_index=index))
                self._note_page_head(self.current, index, text)
                return
        if self.kinds.is_section_heading(text):
            return
        if draft.pending_stamp is not None:
            draft.stamps.append((len(draft.paragraphs), draft.pending_stamp))
            draft.pending_stamp = None
        draft.paragraphs.append(text)

    def _head_rank(self, text: str, index: int | None) -> int:
        """How fit a line is to be the headline: 0 a masthead line (furniture.yaml), 1
        another line of the page's head (capitals, ' | ' parts, a publisher's tagline),
        2 any other line."""
        if self.kinds.is_masthead(text):
            return 0
        return 1 if self._is_page_head(text, index) else 2

    def _better_headline(self, draft: ArticleDraft, index: int, text: str) -> bool:
        if draft.title is None:
            return True
        if draft.title_index is None:  # the container's own title
            return self.kinds.is_masthead(draft.title)
        rank, title_rank = self._head_rank(text, index), self._head_rank(draft.title, draft.title_index)
        above_head_end = draft.page_head_end is not None and draft.page_head_end > draft.title_index
        return rank > title_rank or (rank == 2 and above_head_end)

    def _is_page_head(self, text: str, index: int | None = None) -> bool:
        kinds = self.kinds
        if kinds.byline(text) is not None or kinds.date_line(text)[0]:
            return False
        return kinds.is_page_head(text) or (index is not None and self.in_head_block[index])

    def _note_page_head(self, draft: ArticleDraft, index: int, text: str) -> None:
        if not self._is_page_head(text, index):
            return
        draft.page_head_end = index
        rules = self.kinds.rules
        # 'EL CORREO DE LOS LAGOS — El diario de todos': the name before its tagline
        name = _TAGLINE_DASH.split(text, maxsplit=1)[0]
        if rules.names_more_of_the_publisher(text, draft.publisher):
            draft.publisher = text
        elif draft.first_index == index and is_shouting(name) and not self.kinds.is_masthead(name):
            draft.top_line = name  # 'NAVIDI DUSHANBE': the publisher, unless a line names one

    def _is_subheading(self, index: int) -> bool:
        previous = self._neighbour(index, -1)
        return previous is not None and bool(_TIMESTAMP.match(previous))

    def _is_link_list_item(self, index: int, text: str) -> bool:
        if not looks_like_headline(text.lstrip("-•·*> ")):
            return False
        return not self._starts_new_article(index, text, strong_marks_only=True)

    def _heads_next_article(self, index: int) -> bool:
        """A unit set off by blank lines or a separator, under which a headline-like line
        and then a paragraph follow: the head of the next article of a dump."""
        set_off = self._is_set_off(index)
        headline = self._neighbour_index(index, 1)
        if not set_off or headline is None or not looks_like_headline(self.units[headline].text):
            return False
        paragraph = self._neighbour_index(headline, 1)
        return paragraph is not None and not looks_like_headline(self.units[paragraph].text)

    def _is_set_off(self, index: int) -> bool:
        """Two blank lines or a separator line before the unit."""
        return self.units[index].blank_lines_before >= 2 or bool(
            index > 0 and _SEPARATOR.match(self.units[index - 1].text)
        )

    def _has_body_after(self, index: int) -> bool:
        return self.last_body_index > index

    def _neighbour(self, index: int, step: int) -> str | None:
        position = self._neighbour_index(index, step)
        return None if position is None else self.units[position].text

    def _neighbour_index(self, index: int, step: int) -> int | None:
        """The position of the next unit that is not furniture, going `step` at a time."""
        position = index + step
        while 0 <= position < len(self.units):
            if not self.is_furniture[position]:
                return position
            position += step
        return None

    def _starts_new_article(self, index: int, text: str, strong_marks_only: bool = False) -> bool:
        """A headline-like unit after body text opens a new article when it bears a mark:
        it is repeated, or an article's head (caption, byline, date line, dateline)
        follows it; or, unless `strong_marks_only`, it is set off by blank lines or a
        separator, or is a long Title Case line, and a paragraph follows."""
        key = normalise_for_comparison(text)
        following = [unit.text for unit in self.units[index + 1 : index + 9]]
        if any(normalise_for_comparison(other) == key for other in following):
            return True
        after = self._neighbour(index, 1)
        if after is not None and self._is_article_head(after):
            return True
        if strong_marks_only:
            return False
        set_off = self._is_set_off(index)
        strong = title_case_share(text) >= 0.75 and len(text.split()) >= 6
        return (set_off or strong) and after is not None and not looks_like_headline(after)

    def _is_article_head(self, text: str) -> bool:
        return (
            self.kinds.caption(text) is not None
            or self.kinds.byline(text) is not None
            or self.kinds.date_line(text)[0]
            or self.kinds.rules.dateline(text) is not None
        )


def build_article(
    draft: ArticleDraft,
    *,
    source: str,
    index: int,
    document_text: str,
    rules: FurnitureRules,
    published: str | None,
    metadata_published: str | None,
    byline: str | None,
    url: str | None,
    extra_captions: tuple[Caption, ...],
    metadata_source: str = "page",
    file_published: str | None = None,
    publisher: str | None = None,
) -> Article:
    paragraphs, body = layout_paragraphs(draft.paragraphs)
    for caption in extra_captions:
        draft.add_caption(caption)
    lede = paragraphs[0].text if paragraphs else ""
    reference_date, date_source = choose_published(
        body=body,
        captions=[caption.text for caption in draft.captions],
        metadata_published=metadata_published,
        metadata_source=metadata_source,
        date_line=draft.date_line or report_title_date(draft.title),
        dateline_date=rules.dateline_date(lede),
        updated_date=draft.updated_date,
        published=published,
        file_published=file_published,
    )
    return Article(
        id=article_id(source, index, document_text),
        source=source,
        title=draft.title,
        body=body,
        paragraphs=paragraphs,
        captions=tuple(draft.captions),
        # One stamp is an article's time of day, not a live blog.
        entries=live_blog_entries(
            draft.stamps,
            reference_date,
            dated_by_update=draft.date_line is None and reference_date == draft.updated_date,
        )
        if len(draft.stamps) > 1
        else (),
        published=reference_date,
        date_source=date_source,
        dateline=rules.dateline(lede) or draft.date_line_place,
        byline=draft.byline or byline,
        publisher=draft.publisher or publisher,
        url=url,
        language=guess_language(body),
    )


def layout_paragraphs(texts: list[str]) -> tuple[tuple[Paragraph, ...], str]:
    """Join paragraph texts with blank lines and record each one's offsets in the body."""
    paragraphs = []
    offset = 0
    for text in texts:
        paragraphs.append(Paragraph(text=text, start=offset, end=offset + len(text)))
        offset += len(text) + 2
    return tuple(paragraphs), "\n\n".join(texts)


def article_id(source: str, index: int, document_text: str) -> str:
    """The id of the index-th article of a document: unique per document, even for two
    documents that share a source (the same JSON Lines `id` twice, one `url` reprinted)."""
    key = f"{source}\n{index}\n{document_text}".encode("utf-8", "surrogatepass")
    return hashlib.sha1(key).hexdigest()[:16]


def clean_text(
    text: str,
    *,
    source: str,
    title: str | None = None,
    published: str | None = None,
    metadata_published: str | None = None,
    metadata_source: str = "page",
    file_published: str | None = None,
    byline: str | None = None,
    captions: tuple[Caption, ...] = (),
    url: str | None = None,
    publisher: str | None = None,
    single_article: bool = False,
) -> list[Article]:
    """Split a raw text into clean articles.

    `title`, `metadata_published`, `byline`, `captions` and `publisher` (an HTML page's
    site name, for an article whose text names none) are what the container
    (an HTML page, a JSON Lines record) already said; with `single_article` the text
    is one article whatever headlines it seems to hold. `published` is the run's
    reference date and `file_published` the date in the file's name (see
    `choose_published`); `metadata_source` says where `metadata_published` came from
    (`page`: the page or the JSON Lines record; `sidecar`: NAME.meta.json).
    An article with a headline but no body is
    a short input: its headline becomes its body.
    """
    rules = load_furniture_rules()
    kinds = UnitKinds(rules)
    units = split_units(text, kinds.is_standalone)
    title = normalise_line(title) if title else None
    drafts = ArticleSplitter(units, kinds, title=title, single_article=single_article).split()
    articles = []
    for draft in drafts:
        if not draft.paragraphs:
            if draft.title is None or title is not None:
                continue
            draft.paragraphs, draft.title = [draft.title], None
        articles.append(
            build_article(
                draft,
                source=source,
                index=len(articles),
                document_text=text,
                rules=rules,
                published=published,
                metadata_published=metadata_published,
                metadata_source=metadata_source,
                file_published=file_published,
                byline=byline,
                url=url,
                extra_captions=captions,
                publisher=publisher,
            )
        )
    return articles
