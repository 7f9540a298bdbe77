"""What several test files need: where the seed and ../shared are, skips for what only
../shared holds, scripts imported from their path, and texts turned into articles and
parsed Docs the way a run turns them. Fixtures are in conftest.py.

eventwire's stages are imported inside the helpers, so that a stage that does not import
fails the tests that use it, not the collection of every file that imports this one.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

    from eventwire.records import Article

# The seed dump, bundled with the package as its sample (the same bytes as
# ../shared/seed/000_e0df5a808a47a71b.txt): tests that only read the text run anywhere.
SAMPLE = Path(str(resources.files("eventwire") / "data" / "sample" / "asharq_al_awsat_idlib_turkiye.txt"))


def _shared_folder() -> Path:
    """The shared folder sits beside the checkout (or, in some copies, inside it)."""
    checkout = Path(__file__).resolve().parents[1]
    beside, inside = checkout.parent / "shared", checkout / "shared"
    return next((folder for folder in (beside, inside) if folder.is_dir()), beside)


SHARED = _shared_folder()
SEED_GOLD = SHARED / "seed" / "000_e0df5a808a47a71b.expected.json"


def skip_unless_found(path: Path) -> pytest.MarkDecorator:
    """Skip the test where `path` (a file or folder of ../shared) is not there."""
    return pytest.mark.skipif(not path.exists(), reason=f"not found: {path}")


def found_or_skip(path: Path) -> Path:
    """`path`, or a skip of the running test where it is not there."""
    if not path.exists():
        pytest.skip(f"not found: {path}")
    return path


def load_gold_or_skip(path: Path) -> dict[str, Any]:
    """The gold file at `path`, or a skip of the running test where it is not there."""
    return json.loads(found_or_skip(path).read_text(encoding="utf-8"))


def import_script(path: Path) -> ModuleType:
    """A script outside any package (tools/*.py, ../shared/gold/score.py), imported once.

    It is in sys.modules before it runs: dataclasses look their module up while it loads.
    """
    name = path.stem
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader, path
        sys.modules[name] = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(sys.modules[name])
        except BaseException:
            del sys.modules[name]
            raise
    return sys.modules[name]


def clean_text(text: str, source: str = "test.txt") -> tuple[Article, ...]:
    """The clean articles of one raw text, read from a file named `source`."""
    from eventwire import clean_document
    from eventwire.records import Document

    return tuple(clean_document(Document(source=source, text=text)))


def text_doc(
    nlp: Language,
    text: str,
    *,
    published: str | None = None,
    dateline: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
) -> Doc:
    """`text` as the unparsed Doc of an article's body with this context, as a run makes it."""
    from eventwire.nlp import article_doc
    from eventwire.records import Article

    article = Article(
        id="test",
        source="test.txt",
        title=title,
        body=text,
        paragraphs=(),
        published=published,
        dateline=dateline,
        publisher=publisher,
    )
    return article_doc(nlp, article)


def parsed(
    nlp: Language,
    text: str,
    *,
    published: str | None = None,
    dateline: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
) -> Doc:
    """`text` through the whole of `nlp` as the body of an article with this context."""
    return nlp(text_doc(nlp, text, published=published, dateline=dateline, title=title, publisher=publisher))


def bare_spacy_with(*components: str) -> Language:
    """A fresh spaCy pipeline of the configured model with only these eventwire
    components added, in this order: a stage without the stages after it."""
    import spacy

    from eventwire.config import load_settings
    from eventwire.extensions import register_extensions

    register_extensions()
    nlp = spacy.load(load_settings().spacy_model)
    for component in components:
        nlp.add_pipe(component)
    return nlp


def trigger(doc: Doc, word: str) -> Token:
    """The first token that reads `word`: the trigger a test asks about."""
    return next(token for token in doc if token.text == word)
