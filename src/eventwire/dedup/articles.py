"""Exact and near-duplicate articles: content hashes and MinHash signatures.

Wire stories are reprinted by many sites with a changed headline, a dropped paragraph
or a site's own furniture. Within one run, an article whose body hashes the same as an
earlier one, or whose MinHash estimate of Jaccard similarity over word 5-grams
reaches the threshold, is marked `duplicate_of` that earlier article.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.records import Article

# datasketch (and the scipy it loads) is imported where a signature is made: the store's
# readers and the CLI's query commands import this module and never make one.
if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERMUTATIONS = 128
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")


def normalised_words(text: str) -> list[str]:
    """Words of a text, case-folded, accents and quote-mark variants ignored."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(folded)


def content_hash(text: str) -> str:
    """A hash of the words of a text: equal for texts differing only in spacing or case."""
    return hashlib.sha256(" ".join(normalised_words(text)).encode("utf-8")).hexdigest()


def minhash_signature(text: str) -> MinHash:
    from datasketch import MinHash

    words = normalised_words(text)
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    signature = MinHash(num_perm=NUM_PERMUTATIONS)
    signature.update_batch([s.encode("utf-8") for s in shingles])
    return signature


class NearDuplicateIndex:
    """Remembers the articles of a run and marks each new one against them."""

    def __init__(self, threshold: float = 0.8) -> None:
        from datasketch import MinHashLSH

        # LSH only proposes candidates; its banding cannot go above ~0.9, the exact
        # estimate below decides.
        self._lsh = MinHashLSH(threshold=min(threshold, 0.9), num_perm=NUM_PERMUTATIONS)
        self._threshold = threshold
        self._by_hash: dict[str, str] = {}
        self._signatures: dict[str, MinHash] = {}

    def mark(self, article: Article) -> Article:
        """Return the article with `content_hash`, `minhash` and `duplicate_of` set."""
        digest = content_hash(article.body)
        signature = minhash_signature(article.body)
        original = self._by_hash.get(digest) or self._closest(signature)
        if original is None:
            self._add(article.id, digest, signature)
        return replace(
            article,
            content_hash=digest,
            minhash=tuple(int(v) for v in signature.hashvalues),
            duplicate_of=original,
        )

    def remember(self, article_id: str, digest: str, minhash: Sequence[int]) -> None:
        """Take in an original stored by an earlier run (its hash and signature), so that
        a run that goes on from a store marks what one run over everything would."""
        if digest in self._by_hash or article_id in self._signatures:
            return
        from datasketch import MinHash

        template = MinHash(num_perm=NUM_PERMUTATIONS)  # the scheme `minhash_signature` uses
        signature = MinHash(num_perm=NUM_PERMUTATIONS, hashvalues=list(minhash), scheme=template.scheme)
        self._add(article_id, digest, signature)

    def _add(self, article_id: str, digest: str, signature: MinHash) -> None:
        self._by_hash[digest] = article_id
        if article_id not in self._signatures:  # two documents may share a source and its ids
            self._lsh.insert(article_id, signature)
            self._signatures[article_id] = signature

    def _closest(self, signature: MinHash) -> str | None:
        candidates = [(signature.jaccard(self._signatures[key]), key) for key in self._lsh.query(signature)]
        candidates = [(score, key) for score, key in candidates if score >= self._threshold]
        return max(candidates)[1] if candidates else None
