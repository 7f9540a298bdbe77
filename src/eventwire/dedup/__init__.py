"""The dedup stage: the same article, and the same event, told more than once.

- `eventwire.dedup.articles`: exact and near-duplicate articles within a run (content
  hashes, MinHash), which marks a reprint `duplicate_of` the article it copies;
- `eventwire.dedup.events`: across a store, stories (an original and its reprints) and
  the reports of one real-world event merged into one event.
"""

from eventwire.dedup.articles import NearDuplicateIndex, content_hash, minhash_signature

__all__ = ["NearDuplicateIndex", "content_hash", "minhash_signature"]
