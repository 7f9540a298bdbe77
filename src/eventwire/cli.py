"""The `eventwire` command line: thin wrappers over the pipeline's functions."""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from eventwire.errors import EventwireError, ReadError
from eventwire.pipeline import article_record, clean_documents
from eventwire.read import read_inputs
from eventwire.records import Article

app = typer.Typer(
    help="eventwire turns raw news (text dumps, HTML pages, WARC crawls, JSON Lines) into "
    "clean articles and political event data with evidence.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False)
log = logging.getLogger("eventwire")

SAMPLE_NAME = "asharq_al_awsat_idlib_turkiye.txt"
SAMPLE_PUBLISHED = "2018-09-04"


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    text = "text"


PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Reference date (YYYY-MM-DD) of the input, used to resolve 'next Friday' or "
        "'last week'. Overrides dates found in the pages, except for an article that "
        "mentions dates more than a year after it (a later article glued into a dump).",
        metavar="YYYY-MM-DD",
    ),
]


def _check_date(value: str | None) -> str | None:
    import datetime

    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint="--published")


def sample_path() -> Path:
    """The bundled sample: two glued articles from a scraped news site."""
    return Path(str(resources.files("eventwire") / "data" / "sample" / SAMPLE_NAME))


def render_text(article: Article) -> str:
    """A readable rendering of one article for the terminal."""
    lines = [f"# {article.title or '(no headline)'}"]
    facts = [
        ("source", article.source),
        ("published", article.published),
        ("dateline", article.dateline),
        ("byline", article.byline),
        ("duplicate of", article.duplicate_of),
    ]
    lines += [f"{name}: {value}" for name, value in facts if value]
    for caption in article.captions:
        lines.append(f"caption: {caption.text}" + (f" [{caption.credit}]" if caption.credit else ""))
    lines.append(f"{len(article.paragraphs)} paragraphs")
    lines.append("")
    lines += [paragraph.text + "\n" for paragraph in article.paragraphs]
    return "\n".join(lines)


def _run_extract(paths: list[str], published: str | None, output: OutputFormat) -> int:
    failures = 0
    stdin = sys.stdin.buffer if "-" in paths else None
    for item in clean_documents(read_inputs(paths, stdin=stdin), published=published):
        if isinstance(item, ReadError):
            failures += 1
            err.print(f"error: {item}", markup=False)
            continue
        if output is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(article_record(item), ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(render_text(item) + "\n")
    sys.stdout.flush()
    return 1 if failures else 0


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or directories to read (.txt, .md, .html, .warc, .warc.gz, .jsonl, "
            "and their .gz); directories are read recursively; '-' reads standard input.",
            metavar="PATH...",
        ),
    ],
    published: PublishedOption = None,
    output: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            help="jsonl: one JSON object per article in the output contract (for tools); "
            "text: a readable rendering (for people).",
        ),
    ] = OutputFormat.jsonl,
) -> None:
    """Read raw news and print one record per article found in it.

    An input that cannot be read is reported on standard error in one line and the
    rest of the batch goes on; the exit status is then 1.
    """
    raise typer.Exit(_run_extract(paths, _check_date(published), output))


@app.command()
def demo() -> None:
    """Run eventwire on the bundled sample (two glued articles) and show what it read."""
    path = sample_path()
    err.print(f"eventwire demo: reading the bundled sample {path.name} (published {SAMPLE_PUBLISHED})\n")
    raise typer.Exit(_run_extract([str(path)], SAMPLE_PUBLISHED, OutputFormat.text))


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        app()
    except EventwireError as exc:
        err.print(f"error: {exc}", markup=False)
        raise SystemExit(2) from exc
