"""The `eventwire` command line: thin wrappers over the pipeline's functions."""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire.errors import EventwireError, ReadError
from eventwire.evaluate import Counts, EvalReport, check_floors, evaluate, load_floors, save_floors
from eventwire.pipeline import article_record, read_news
from eventwire.read import read_inputs
from eventwire.render import render_text

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


class OutputFormat(StrEnum):
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
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not a date in the form YYYY-MM-DD", param_hint="--published"
        ) from exc


def sample_path() -> Path:
    """The bundled sample: two glued articles from a scraped news site."""
    return Path(str(resources.files("eventwire") / "data" / "sample" / SAMPLE_NAME))


def _run_extract(paths: list[str], published: str | None, output: OutputFormat) -> int:
    failures = 0
    stdin = sys.stdin.buffer if "-" in paths else None
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("reading", total=None)
        for item in read_news(read_inputs(paths, stdin=stdin), published=published):
            if isinstance(item, ReadError):
                failures += 1
                progress.console.print(f"error: {item}", markup=False, soft_wrap=True)
                continue
            article, reading = item
            progress.update(task, advance=1, description=_short(article.source))
            if output is OutputFormat.jsonl:
                sys.stdout.write(json.dumps(article_record(article, reading), ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(render_text(article, reading) + "\n")
    sys.stdout.flush()
    return 1 if failures else 0


def _short(source: str, width: int = 40) -> str:
    return source if len(source) <= width else "…" + source[-(width - 1) :]


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or directories to read (.txt, .md, .html, .warc, .warc.gz, .jsonl, "
            "and their .gz); directories are read recursively; '-' reads standard input.",
            metavar="PATH",
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


@app.command()
def info() -> None:
    """Show the settings in force, where they came from, and check the spaCy model loads."""
    from dataclasses import asdict

    from eventwire.config import config_file_candidates, load_settings
    from eventwire.nlp import load_pipeline

    settings = load_settings()
    found = next((path for path in config_file_candidates() if path.is_file()), None)
    typer.echo(f"config file: {found or 'none (defaults and EVENTWIRE_* variables)'}")
    for name, value in asdict(settings).items():
        typer.echo(f"{name}: {value}")
    nlp = load_pipeline(settings.spacy_model)
    typer.echo(
        f"spaCy pipeline: {nlp.meta.get('name')} {nlp.meta.get('version')} ({', '.join(nlp.pipe_names)})"
    )


def _eval_console() -> Console:
    """Standard output for the eval table; a pipe or CI log gets room for the table
    instead of Rich's 80 columns."""
    console = Console(highlight=False)
    return console if console.is_terminal else Console(highlight=False, width=180)


def _eval_row(label: str, counts: Counts, figures: dict[str, float]) -> list[str]:
    c = counts
    events = " ".join(f"{figures[name]:.2f}" for name in ("events_precision", "events_recall", "events_f1"))
    return [
        label,
        f"{c.segmentation_matched}/{c.segmentation_max}",
        f"{c.body_passed}/{c.body_total}",
        f"{c.people_found}/{c.people_gold}",
        f"{c.people_country}/{c.people_found}",
        f"{c.people_role}/{c.people_found}",
        f"{c.quotes_required_found}/{c.quotes_required}",
        f"{c.speaker_right}/{c.quotes_found}",
        events,
        str(c.forbidden_events),
        f"{c.places_found}/{c.places_required}",
        f"{c.dates_found}/{c.dates_gold}",
    ]


EVAL_HEADERS = (
    "articles\nmatched",
    "body\nchecks",
    "people\nfound",
    "people\ncountry",
    "people\nrole",
    "quotes\nreq.",
    "speaker\nright",
    "events\nP    R    F1",
    "events\nforbid.",
    "places\nreq.",
    "dates\nfound",
)


def eval_table(report: EvalReport) -> Table:
    """One row per gold file, then the micro-average over all their articles."""
    title = f"eventwire eval: {report.name}"
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 0, 0, 1))
    # The file name gives way on a narrow terminal; the figures never do.
    table.add_column("gold file", overflow="fold", min_width=12)
    for header in EVAL_HEADERS:
        table.add_column(header, justify="right", no_wrap=True)
    for file in report.files:
        table.add_row(*_eval_row(file.name, file.counts(), file.figures()))
    table.add_section()
    table.add_row(*_eval_row("micro-average", report.counts(), report.figures()), style="bold")
    return table


@app.command("eval")
def eval_gold(
    gold: Annotated[
        list[Path],
        typer.Argument(
            help="Gold files (NAME.expected.json, with the raw input it names beside it) or "
            "directories, whose *.expected.json files are all scored.",
            metavar="GOLD...",
            exists=True,
        ),
    ],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print JSON instead of the table: per gold file its figures, the counts behind "
            "them and the reference scorer's report; then the micro-averaged figures and counts.",
        ),
    ] = False,
    floors: Annotated[
        Path | None,
        typer.Option(
            "--floors",
            help="JSON file of floors for the micro-averaged figures, e.g. "
            '{"segmentation": 1.0, "events_f1": 0.4, "forbidden_events": 0} '
            "(forbidden_events is a maximum). Each figure beyond its floor is printed on "
            "standard error and the exit status is 1.",
            metavar="FILE",
        ),
    ] = None,
    write_floors: Annotated[
        Path | None,
        typer.Option(
            "--write-floors",
            help="Write this run's micro-averaged figures (rounded down) to FILE as floors, "
            "to raise the floors deliberately after an improvement.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Score eventwire against hand-made gold readings of raw news.

    Each gold file's input is extracted with the gold's reference date and scored by
    the rules of gold/FORMAT.md: articles found (segmentation), body checks, people with
    country and role, quotes with speaker, events (precision, recall, F1, forbidden),
    places and dates. Figures are micro-averaged over all articles of all files.
    """
    report = evaluate(gold)
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        _eval_console().print(eval_table(report))
    if write_floors:
        save_floors(report, write_floors)
        err.print(f"wrote floors to {write_floors}", markup=False, soft_wrap=True)
    failures = check_floors(report, load_floors(floors)) if floors else []
    for failure in failures:
        err.print(failure, markup=False, soft_wrap=True)
    raise typer.Exit(1 if failures else 0)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        app()
    except EventwireError as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        raise SystemExit(2) from exc
