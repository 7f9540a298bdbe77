"""Where the bundled vocabulary lives and how it is read: every loader of the knowledge
layer opens its file through `data_file` and parses YAML through `read_yaml`."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_file(*parts: str) -> Traversable:
    """A file under the package's `data/` folder: `data_file("events", "modality.yaml")`."""
    return resources.files("eventwire").joinpath("data", *parts)


def chosen_or_bundled(path: str | None, *parts: str) -> Traversable | Path:
    """A user's replacement file when a component's config names one, else the bundled one."""
    return Path(path) if path else data_file(*parts)


def parse_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)


def read_yaml(source: Traversable | Path) -> Any:
    return parse_yaml(source.read_text(encoding="utf-8"))
