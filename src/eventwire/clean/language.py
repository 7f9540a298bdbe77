"""A light language guess from function words (data/stopwords.yaml)."""

from __future__ import annotations

import re
from collections import Counter

from eventwire.knowledge.stopwords import load_stopwords

_WORD = re.compile(r"[^\W\d_]+")
# Share of a text's words that must be function words of a language to name it.
_MIN_SHARE = 0.12


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the language whose function words are most frequent, or None."""
    counts = Counter(w.casefold() for w in _WORD.findall(text[:5000]))
    total = sum(counts.values())
    if not total:
        return None
    shares = {lang: _count_in(counts, table) / total for lang, table in load_stopwords().items()}
    best = max(shares, key=shares.get)
    return best if shares[best] >= _MIN_SHARE else None


def _count_in(counts: Counter[str], table: frozenset[str]) -> int:
    return sum(n for word, n in counts.items() if word in table)
