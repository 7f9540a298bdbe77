"""Page-furniture rules loaded from `data/furniture.yaml`: what to drop, where captions
end and their credits begin, and what a wire dateline looks like."""

from __future__ import annotations

import re
from functools import lru_cache

from eventwire.knowledge.files import data_file, read_yaml
from eventwire.records import Caption

_CREDIT_TAIL = 160
# No pattern of drop_lines matches a longer line; longer ones are not tried.
_LONGEST_FURNITURE = 600
# Every credit shape has one of these; a text without any is not a caption (fast path).
_CREDIT_HINT = re.compile(r"photo|image|picture|credit|courtesy|getty|source|via |/|\(", re.IGNORECASE)
_CAPTION_TEXT_END = re.compile(r"[\s|·•:,–—-]+$")
# 'MOSCOW (AP) —', 'ANKARA/BEIRUT (Reuters) -', 'NEW DELHI:', 'Kyiv, Ukraine (AP) —', and
# a rights group's '(Tunis, February 12, 2025) –'
_CAPS_PLACE = r"[A-Z][A-Z'’.\-]*(?:\s+[A-Z][A-Z'’.\-]*)*"
_ANY_PLACE = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*"
_DATE_AFTER = (
    r"(?:,\s*(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s*\d{4})?))?"
)


def _written_as_a_name(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    return not words or sum(w[0].isupper() for w in words) / len(words) >= 0.75


def _one_pattern(patterns: list[str], flags: int) -> re.Pattern[str]:
    """One regular expression matching where any of the patterns matches (much faster
    than trying each in turn on every line)."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), flags)


class FurnitureRules:
    def __init__(self, table: dict) -> None:
        flags = re.IGNORECASE
        self._drop = _one_pattern(table["drop_lines"], flags)
        self._list_headers = _one_pattern(table["list_headers"], flags)
        self._trailers = _one_pattern(table["trailers"], flags)
        self._publishers = _one_pattern(table["publishers"], flags)
        self._page_heads = _one_pattern(table["page_heads"], flags)
        self._whole_governments = _one_pattern(table["whole_governments"], flags)
        self._section_headings = _one_pattern(table["section_headings"], flags)
        self._trailer_blocks = _one_pattern(table["trailer_blocks"], flags)
        self._sign_offs = _one_pattern(table["sign_offs"], flags)
        agencies = "|".join(re.escape(a) for a in sorted(table["agencies"], key=len, reverse=True))
        self._agency_names = re.compile(rf"\b(?:{agencies})\b")
        credits = [pattern.replace("{agencies}", agencies) for pattern in table["credits"]]
        self._credits = [
            re.compile(r"(?:^|(?<=[\s.|,;:–—-]))" + wrapped)
            for pattern in credits
            for wrapped in (pattern, r"\((?:" + pattern.removesuffix("$") + r")\)$")
        ]
        agency = rf"\((?P<agency>{agencies})\)"
        # Under a place in capitals, any name in parentheses is the agency: '(Sahel Wire Service)'.
        any_agency = r"\((?P<any_agency>[A-Z][\w.&'’ -]{1,40})\)"
        region = r"(?:,\s*[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*)?"
        place = rf"(?P<place>{_CAPS_PLACE}(?:\s*/\s*{_CAPS_PLACE})*{region})"
        self._datelines = [
            re.compile(rf"^{place}{_DATE_AFTER}\s*(?:{agency}|{any_agency})?\s*[—–-]{{1,2}}\s+\S"),
            re.compile(rf"^{place}{_DATE_AFTER}\s*:\s+\S"),
            re.compile(
                rf"^(?P<place>{_ANY_PLACE}(?:\s*/\s*{_ANY_PLACE})*{region}){_DATE_AFTER}\s*{agency}\s*[—–:-]"
            ),
            re.compile(rf"^\((?P<place>{_ANY_PLACE}{region}){_DATE_AFTER}\)\s*[—–-]{{1,2}}\s+\S"),
        ]

    def is_furniture(self, text: str) -> bool:
        return len(text) <= _LONGEST_FURNITURE and self._drop.match(text) is not None

    def is_list_header(self, text: str) -> bool:
        return self._list_headers.match(text) is not None

    def is_trailer(self, text: str) -> bool:
        return self._trailers.match(text) is not None

    def is_publisher(self, text: str) -> bool:
        """A publisher's name: a `publishers` pattern, written as a name (its longer words
        capitalised: 'Ministry of Foreign Affairs', not 'The Ministry of Territorial
        Administration dissolves 53 parties')."""
        return self._publishers.match(text) is not None and _written_as_a_name(text)

    def names_more_of_the_publisher(self, line: str, publisher: str | None) -> bool:
        """Whether a publisher's line says who published better than `publisher` (none
        yet, or a whole government above a ministry's line)."""
        if not self.is_publisher(line):
            return False
        if publisher is None:
            return True
        return (
            self._whole_governments.match(publisher) is not None
            and self._whole_governments.match(line) is None
        )

    def is_masthead(self, text: str) -> bool:
        """A line of a page's head that is not the story's: a publisher or a page-head line."""
        return self.is_publisher(text) or self._page_heads.match(text) is not None

    def opens_trailer_block(self, text: str) -> bool:
        return len(text) <= _LONGEST_FURNITURE and self._trailer_blocks.match(text) is not None

    def is_sign_off(self, text: str) -> bool:
        return self._sign_offs.search(text) is not None

    def is_section_heading(self, text: str) -> bool:
        return self._section_headings.match(text) is not None

    def split_caption(self, text: str) -> Caption | None:
        """A caption with its credit split off, if the text ends with a photo credit."""
        # Credits are short and end the text: search only its tail.
        tail_start = max(0, len(text) - _CREDIT_TAIL)
        tail = text[tail_start:]
        if _CREDIT_HINT.search(tail) is None:
            return None
        for pattern in self._credits:
            match = pattern.search(tail)
            if match is None:
                continue
            caption_text = _CAPTION_TEXT_END.sub("", text[: tail_start + match.start()]).strip()
            if caption_text and caption_text[-1] in ".!?" or len(caption_text.split()) >= 3:
                return Caption(text=caption_text, credit=match.group("credit").strip())
            if not caption_text:
                return Caption(text="", credit=match.group("credit").strip())
        return None

    def strip_agencies(self, text: str) -> str:
        """The text with news agency names taken out ('AP | Updated: ...' -> ' | Updated: ...')."""
        return self._agency_names.sub(" ", text)

    def dateline(self, text: str) -> str | None:
        """The place of a wire dateline at the head of a paragraph, as written."""
        match = self._dateline_match(text)
        return match.group("place").strip() if match else None

    def dateline_date(self, text: str) -> str | None:
        """The date of a wire dateline at the head of a paragraph, as written ('14 November
        2024' in 'ALMATY, 14 November 2024 –', 'Sept 17' in 'PORT SUDAN, Sept 17 (Reuters) -')."""
        match = self._dateline_match(text)
        return match.group("date") if match else None

    def _dateline_match(self, text: str) -> re.Match[str] | None:
        for pattern in self._datelines:
            match = pattern.match(text)
            if match and len(match.group("place")) <= 60:
                return match
        return None


@lru_cache(maxsize=1)
def load_furniture_rules() -> FurnitureRules:
    """The page-furniture rules of data/furniture.yaml, read once."""
    return FurnitureRules(read_yaml(data_file("furniture.yaml")))
