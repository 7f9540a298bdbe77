"""Function words by language (data/stopwords.yaml), for the cleaner's language guess."""

from __future__ import annotations

from functools import lru_cache

from eventwire.knowledge.files import data_file, read_yaml


@lru_cache(maxsize=1)
def load_stopwords() -> dict[str, frozenset[str]]:
    """ISO 639-1 code -> the language's function words, read once."""
    table = read_yaml(data_file("stopwords.yaml"))
    return {language: frozenset(words.split()) for language, words in table.items()}
