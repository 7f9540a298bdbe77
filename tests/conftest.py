"""Fixtures several test files use; plain helpers are in helpers.py.

eventwire's stages are imported inside the fixtures, so that a stage that does not import
fails the tests that use it, not the collection of every test file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The whole pipeline, spaCy and eventwire's components, as `extract` runs it."""
    from eventwire.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture
def wire_db(tmp_path: Path) -> Path:
    """A store holding the hand-made wire articles of store_records.py."""
    from eventwire.store import store_findings
    from store_records import wire_pairs

    db = tmp_path / "wire.duckdb"
    store_findings(wire_pairs(), db)
    return db
