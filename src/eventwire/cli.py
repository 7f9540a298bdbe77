"""The `eventwire` command line: thin wrappers over the pipeline's functions."""

from __future__ import annotations

import contextlib
import csv
import datetime
import fnmatch
import json
import logging
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer
import typer.core
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from eventwire import __version__
from eventwire.errors import EventwireError, ReadError, printable
from eventwire.export import ExportError, check_writable, count_events, csv_cells, event_rows, write_csv_rows
from eventwire.export import export as export_data
from eventwire.knowledge.codes import CodeError, cameo_codes, country_code, event_type_filter, lookup
from eventwire.knowledge.files import data_file
from eventwire.render import render_text
from eventwire.report import build_report, counted, plain, render_markdown, write_html
from eventwire.store import (
    ACTOR_COLUMNS,
    DEFAULT_DB,
    QUOTE_COLUMNS,
    BatchResult,
    EventQuery,
    find_events,
    find_quotes,
    open_store,
    report_details,
    resolve_event_id,
    top_actors,
)
from eventwire.store.schema import DEFAULT_BATCH_SIZE

# The pipeline (spaCy, datasketch, trafilatura), the readers of raw input, their progress
# bars and the scorer load inside the commands that read text (extract, demo, eval,
# ingest): `--help` and the commands that query the database start without them.
if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from eventwire.evaluate import Counts, EvalReport
    from eventwire.store import IngestSummary

app = typer.Typer(
    epilog="\b\nExamples:\n  eventwire demo\n  eventwire ingest news/ --exclude 'COVERAGE-*'\n"
    "  eventwire events --type ASSAULT --country Syria\n  eventwire report --html report.html\n"
    "`eventwire COMMAND -h` tells more.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True, highlight=False)
log = logging.getLogger("eventwire")

# An argument with a metavar of its own shows only that in --help, not also Typer's
# type label ('PATH <list[str]>').
typer.core.TyperArgument.display_type_rich = lambda self, ctx: (  # type: ignore[method-assign]
    None if self.metavar else typer.core.TyperArgument.display_type(self, ctx)
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print eventwire's version and exit.", callback=_show_version, is_eager=True
        ),
    ] = False,
) -> None:
    """eventwire turns raw news (text dumps, HTML pages, WARC crawls, JSON Lines) into clean
    articles and political event data with evidence."""


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
        "'last week' in articles that give no date of their own (a JSON Lines record's "
        "'published', a sidecar NAME.meta.json, the page's date, a date line or dated "
        "dateline); not for an article that mentions dates more than a year after it (a "
        "later article glued into a dump).",
        metavar="YYYY-MM-DD",
    ),
]
IncludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--include",
        help="Read only the files of the directories whose name or path matches this glob "
        "('*.html', '2025-*'); may be given again.",
        metavar="GLOB",
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        help="Leave out the files whose name or path matches this glob ('COVERAGE-*.md', "
        "'*/drafts/*'); may be given again.",
        metavar="GLOB",
    ),
]
PublishedFromNameOption = Annotated[
    bool,
    typer.Option(
        "--published-from-name",
        help="Take a date in a file's name (2024-12-03-lebanon.txt, 20241203_lebanon.txt, "
        "lebanon_2024-12-03.html) as the date of its articles that have no other and no "
        "--published.",
    ),
]


OutputFileOption = Annotated[
    Path | None,
    typer.Option("-o", "--output", "--out", help="Write here (default: standard output).", metavar="FILE"),
]


def _check_output(path: Path) -> None:
    """One line on standard error and exit status 2 when `path` cannot be written."""
    try:
        check_writable(path)
    except ExportError as exc:
        err.print(f"error: {printable(exc)}", markup=False, soft_wrap=True)
        raise typer.Exit(2) from exc


@contextlib.contextmanager
def _output_stream(path: Path | None) -> Iterator[IO[str]]:
    """Standard output, or the file `path` (-o/--output), checked first: a path that cannot
    be written is one line (`_check_output`)."""
    if path is None:
        yield sys.stdout
        return
    _check_output(path)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle


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


def _matches(path: str, globs: list[str]) -> bool:
    return any(fnmatch.fnmatch(Path(path).name, glob) or fnmatch.fnmatch(path, glob) for glob in globs)


def selected_inputs(paths: list[str], include: list[str] | None, exclude: list[str] | None) -> list[str]:
    """The inputs with directories expanded as `read_inputs` walks them, keeping the files
    that match an --include glob (all, with none) and no --exclude glob; '-' stays."""
    if not include and not exclude:
        return paths
    from eventwire.read import input_files

    return [
        path
        for path in input_files(paths)
        if path == "-" or ((not include or _matches(path, include)) and not _matches(path, exclude or []))
    ]


def sample_path() -> Path:
    """The bundled sample: two glued articles from a scraped news site."""
    return Path(str(data_file("sample", SAMPLE_NAME)))


def undated_line(count: int) -> str | None:
    """The summary's line about articles without a reference date; None when all had one."""
    if not count:
        return None
    hint = "(give --published or --published-from-name)"
    if count == 1:
        return f"1 article had no date; its relative dates are unresolved {hint}"
    return f"{count} articles had no date; their relative dates are unresolved {hint}"


def _run_extract(
    paths: list[str],
    published: str | None,
    output: OutputFormat,
    published_from_name: bool = False,
    out: IO[str] | None = None,
) -> int:
    """Print the records of the articles read from `paths` to `out` (standard output)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from eventwire.pipeline import article_record, process_news
    from eventwire.read import read_inputs

    out = out or sys.stdout
    failures = undated = 0
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
        task = progress.add_task("findings", total=None)
        documents = read_inputs(paths, stdin=stdin)
        for item in process_news(documents, published=published, published_from_name=published_from_name):
            if isinstance(item, ReadError):
                failures += 1
                progress.console.print(f"error: {printable(item)}", markup=False, soft_wrap=True)
                continue
            article, findings = item
            undated += article.published is None
            progress.update(task, advance=1, description=_short(article.source))
            if output is OutputFormat.jsonl:
                out.write(json.dumps(article_record(article, findings), ensure_ascii=False) + "\n")
            else:
                out.write(render_text(article, findings) + "\n")
    out.flush()
    if line := undated_line(undated):
        err.print(line, markup=False, soft_wrap=True)
    return 1 if failures else 0


def _short(source: str, width: int = 40) -> str:
    source = printable(source)
    return source if len(source) <= width else "…" + source[-(width - 1) :]


class PrintableFormatter(logging.Formatter):
    """Log lines as one printable line each (see `printable`): warnings name files and records."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


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
    published_from_name: PublishedFromNameOption = False,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    output: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            help="jsonl: one JSON object per article in the output contract (for tools); "
            "text: a readable rendering (for people).",
            metavar="jsonl|text",
        ),
    ] = OutputFormat.jsonl,
    out: OutputFileOption = None,
) -> None:
    """Read raw news and print one record per article found in it.

    An input that cannot be read is reported on standard error in one line and the
    rest of the batch goes on; the exit status is then 1. When some articles give no
    date anywhere, standard error says how many.

    \b
    Examples:
      eventwire extract dump.txt --published 2018-09-04 > articles.jsonl
      eventwire extract pages/ --include '*.html' -o articles.jsonl
      eventwire extract pages/ --include '*.html' --format text
      curl -s https://example.org/story | eventwire extract -
    """
    inputs, reference = selected_inputs(paths, include, exclude), _check_date(published)
    with _output_stream(out) as stream:
        status = _run_extract(inputs, reference, output, published_from_name, out=stream)
    raise typer.Exit(status)


@app.command()
def demo() -> None:
    """Run eventwire on the bundled sample (two glued articles) and show what it read.

    \b
    Examples:
      eventwire demo
      eventwire demo 2>/dev/null | less
    """
    path = sample_path()
    opening = f"eventwire demo: findings the bundled sample {path.name} (published {SAMPLE_PUBLISHED})\n"
    err.print(opening, soft_wrap=True)
    raise typer.Exit(_run_extract([str(path)], SAMPLE_PUBLISHED, OutputFormat.text))


@app.command()
def info() -> None:
    """Show eventwire's version, the settings in force and where they came from, and check
    that the spaCy model loads and that every stage finds what it reads
    (`nlp.analyze_pipes()`).

    \b
    Examples:
      eventwire info
      EVENTWIRE_SPACY_MODEL=en_core_web_md eventwire info
    """
    from dataclasses import asdict

    from eventwire.config import config_file_candidates, load_settings
    from eventwire.nlp import load_pipeline

    typer.echo(f"eventwire {__version__}")
    settings = load_settings()
    found = next((path for path in config_file_candidates() if path.is_file()), None)
    typer.echo(f"config file: {found or 'none (defaults and EVENTWIRE_* variables)'}")
    for name, value in asdict(settings).items():
        typer.echo(f"{name}: {value}")
    nlp = load_pipeline(settings.spacy_model)
    typer.echo(
        f"spaCy pipeline: {nlp.meta.get('name')} {nlp.meta.get('version')} ({', '.join(nlp.pipe_names)})"
    )
    problems = {name: found for name, found in nlp.analyze_pipes()["problems"].items() if found}
    for name, missing in problems.items():
        typer.echo(f"problem: {name} reads {', '.join(missing)}, which no component before it writes")
    if not problems:
        typer.echo("pipeline check: every component finds what it reads")


def _eval_console(out: IO[str] | None = None) -> Console:
    """Standard output (or `out`) for the eval table; a pipe, a file or a CI log gets room
    for the table instead of Rich's 80 columns."""
    console = Console(file=out, highlight=False)
    return console if console.is_terminal else Console(file=out, highlight=False, width=180)


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


PAGE_COLUMNS = (
    ("headlines\nright", "headlines_right", "headlines_gold"),
    ("publisher\nright", "publishers_right", "publishers_gold"),
    ("article\ndate", "article_dates_right", "article_dates_gold"),
    ("live-blog\nentries", "entries_right", "entries_gold"),
    ("dated from\ntext", "dated_from_text", "dated_gold"),
)


def eval_page_table(report: EvalReport) -> Table:
    """How the pages were read: headlines; where the gold gives them, publishers, the
    article's date and source, live-blog entry times and days; and the reference date
    found again from the text alone, as a run without `--published` reads it."""
    table = Table(title="pages", title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 0, 0, 1))
    table.add_column("gold file", overflow="fold", min_width=12)
    for header, _, _ in PAGE_COLUMNS:
        table.add_column(header, justify="right", no_wrap=True)

    def cells(counts: Counts) -> list[str]:
        return [
            f"{getattr(counts, right)}/{getattr(counts, gold)}" if getattr(counts, gold) else "-"
            for _, right, gold in PAGE_COLUMNS
        ]

    for file in report.files:
        table.add_row(file.name, *cells(file.counts()))
    table.add_section()
    table.add_row("micro-average", *cells(report.counts()), style="bold")
    return table


def eval_type_table(report: EvalReport) -> Table:
    """Event precision and recall per PLOVER type, over all gold files."""
    table = Table(title="events by type", title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 0, 0, 1))
    for header in ("type", "gold\nreq.", "found", "recall", "output", "right", "precision", "F1"):
        table.add_column(header, justify="left" if header == "type" else "right", no_wrap=True)
    for row in report.by_type():
        precision, recall, f1 = row.figures()
        table.add_row(
            row.type,
            str(row.required),
            str(row.required_hit),
            f"{recall:.2f}" if row.required else "-",
            str(row.counted),
            str(row.matched),
            f"{precision:.2f}" if row.counted else "-",
            f"{f1:.2f}" if row.required and row.counted else "-",
        )
    return table


def eval_confusion_table(report: EvalReport) -> Table:
    """Gold type (rows) against the type eventwire gave in the same sentence (columns):
    `wrong actors` is the right type between other actors, `none` a gold event with
    nothing found, `not in gold` an output event that matched no gold event."""
    from eventwire.evaluate import WRONG_ACTORS

    cells = report.confusion()
    gold_types = sorted({g for g, _ in cells if g})
    output_types = sorted({o for _, o in cells if o and o != WRONG_ACTORS})
    table = Table(
        title="event types: gold (rows) against output (columns)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 0, 0, 1),
    )
    table.add_column("gold \\ output", no_wrap=True)
    columns = [*output_types, WRONG_ACTORS, None]
    for kind in columns:
        table.add_column(kind or "none", justify="right", no_wrap=True)
    for gold in [*gold_types, None]:
        counts = [cells.get((gold, output), 0) for output in columns]
        table.add_row(gold or "not in gold", *(str(c) if c else "." for c in counts))
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
    out: OutputFileOption = None,
) -> None:
    """Score eventwire against hand-made gold findings of raw news.

    Each gold file's input is extracted with the gold's reference date and scored by
    the rules of gold/FORMAT.md: articles found (segmentation), body checks, people with
    country and role, quotes with speaker, events (precision, recall, F1, forbidden),
    places and dates. Figures are micro-averaged over all articles of all files. Then
    how the pages were read (headlines, publishers, the article's own date, live-blog
    entries, and the date found from the text with none given); events per PLOVER
    type (precision, recall) and a confusion table of gold type against the type
    eventwire gave in the same sentence.

    \b
    Examples:
      eventwire eval tests/gold/tuned
      eventwire eval tests/gold/tuned --floors tests/gold/tuned/floors.json
      eventwire eval seed/000_e0df5a808a47a71b.expected.json --json
      eventwire eval tests/gold/tuned --json -o tuned-scores.json
    """
    from eventwire.evaluate import check_floors, evaluate, load_floors, save_floors

    if out:
        _check_output(out)
    report = evaluate(gold)
    with _output_stream(out) as stream:
        _print_eval(report, as_json, stream)
    if write_floors:
        save_floors(report, write_floors)
        err.print(f"wrote floors to {write_floors}", markup=False, soft_wrap=True)
    failures = check_floors(report, load_floors(floors)) if floors else []
    for failure in failures:
        err.print(failure, markup=False, soft_wrap=True)
    raise typer.Exit(1 if failures else 0)


def _print_eval(report: EvalReport, as_json: bool, out: IO[str]) -> None:
    """The scores as JSON or as eval's tables."""
    if as_json:
        out.write(json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n")
        return
    console = _eval_console(out)
    console.print(eval_table(report))
    console.print(eval_page_table(report))
    if report.outcomes():
        console.print(eval_type_table(report))
        console.print(eval_confusion_table(report))


# ---------------------------------------------------------------------------- store, report, export
# The database commands: `ingest` writes; `events`, `actors`, `quotes`, `report` and
# `export` read, waiting while an ingest commits a batch (see eventwire.store).

DbOption = Annotated[
    Path,
    typer.Option("--db", help="The eventwire database, a DuckDB file.", metavar="FILE"),
]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="Only events on or after this day.", metavar="YYYY-MM-DD")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Only events on or before this day.", metavar="YYYY-MM-DD")
]
CountryOption = Annotated[
    str | None,
    typer.Option(
        "--country",
        help="Only events that took place in this country, by name or ISO 3166-1 alpha-3 code "
        "(Syria, SYR); events with no known place count for the countries of their actors.",
        metavar="COUNTRY",
    ),
]
LimitOption = Annotated[
    int, typer.Option("--limit", help="At most this many rows (0: all).", min=0, metavar="N")
]
TypeOption = Annotated[
    str | None,
    typer.Option(
        "--type",
        help="A PLOVER event type (ASSAULT) or the start of a CAMEO code (19, 190); "
        "`eventwire codes` lists them.",
        metavar="TYPE",
    ),
]
ActorOption = Annotated[
    str | None,
    typer.Option(
        "--actor",
        help="An actor on either side: a country code (TUR), a country and type (TURGOV) or "
        "part of a name (Fidan).",
        metavar="ACTOR",
    ),
]
NearOption = Annotated[
    str | None,
    typer.Option("--near", help="Only events within KM kilometres of a point.", metavar="LAT,LON,KM"),
]
TextOption = Annotated[
    str | None,
    typer.Option("--text", help="Only events whose evidence contains this word or phrase.", metavar="WORDS"),
]


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[
    TableFormat,
    typer.Option("--format", help="table: for people; csv or json: for tools."),
]


def _day(value: str | None, option: str) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not a date in the form YYYY-MM-DD", param_hint=option
        ) from exc


def _near(value: str | None) -> tuple[float, float, float] | None:
    if value is None:
        return None
    try:
        lat, lon, km = (float(part) for part in value.split(","))
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is not LAT,LON,KM (e.g. 36.2,37.1,50)", param_hint="--near"
        ) from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise typer.BadParameter(
            f"{value!r}: latitude, longitude or distance out of range", param_hint="--near"
        )
    return lat, lon, km


class _IngestBar:
    """The ingest's progress on a Rich bar: inputs done of the total (so an ETA), articles
    and events stored with their rates; a read error is one line above the bar."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None
        self.started_at = time.monotonic()
        self.articles = self.events = 0

    def started(self, total: int | None, unit: str) -> None:
        self.task = self.progress.add_task(unit, total=total, stored="")

    def advanced(self, units: int) -> None:
        if self.task is not None:
            self.progress.advance(self.task, units)

    def stored(self, result: BatchResult) -> None:
        self.articles += result.articles
        self.events += result.events
        seconds = max(time.monotonic() - self.started_at, 1e-6)
        text = (
            f"{self.articles} articles ({self.articles / seconds:.1f}/s), "
            f"{self.events} events ({self.events / seconds:.1f}/s)"
        )
        if self.task is not None:
            self.progress.update(self.task, stored=text)

    def failed(self, error: ReadError) -> None:
        self.progress.console.print(f"error: {printable(error)}", markup=False, soft_wrap=True)


def _ingest_summary(summary: IngestSummary) -> list[str]:
    totals = summary.totals
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    lines = [
        f"stored {counted(summary.documents, 'document')} ({summary.documents_skipped:,} already stored), "
        f"{counted(summary.articles, 'article')}, {counted(summary.events, 'event report')} in "
        f"{summary.seconds:.1f} s ({rate:.1f} articles/s)"
    ]
    if summary.reprints or summary.duplicates:
        lines.append(
            f"{counted(summary.reprints, 'exact reprint')} of stored articles counted as sources, "
            f"{counted(summary.duplicates, 'copy', 'copies')} from the same source skipped"
        )
    total = totals.get
    held = [
        counted(total("documents", 0), "document"),
        f"{counted(total('articles', 0), 'article')} in {counted(total('stories', 0), 'story', 'stories')}",
        f"{counted(total('events', 0), 'event')} from {counted(total('event_reports', 0), 'report')}",
        counted(total("quotes", 0), "quote"),
    ]
    lines.append(f"{summary.db} holds {', '.join(held)}")
    if line := undated_line(summary.undated):
        lines.append(line)
    if summary.errors:
        lines.append(f"{counted(len(summary.errors), 'input')} could not be read (see the lines above)")
    return lines


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or directories to read (as for extract); '-' reads standard input. "
            "May be left out with --reprocess.",
            metavar="PATH...",
        ),
    ] = None,
    db: DbOption = Path(DEFAULT_DB),
    published: PublishedOption = None,
    published_from_name: PublishedFromNameOption = False,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    reprocess: Annotated[
        bool,
        typer.Option(
            "--reprocess",
            help="First re-run the current pipeline over the raw text of every stored document "
            "and replace the articles, findings and events derived from it.",
        ),
    ] = False,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size",
            help="Commit after about this many articles (whole documents).",
            min=1,
            metavar="N",
        ),
    ] = DEFAULT_BATCH_SIZE,
) -> None:
    """Run the pipeline over raw news into the database, committing batch by batch.

    Documents already stored are skipped, so the same command can be run again after an
    interruption: it stores nothing twice and loses nothing. An article already stored
    from another source counts as one more source of it. An input that cannot be read
    is one line on standard error and the rest goes on; the exit status is then 1.
    Other commands can read the database while this runs.

    \b
    Examples:
      eventwire ingest news/ --db news.duckdb
      eventwire ingest tests/gold/tuned --exclude 'COVERAGE-*' --published-from-name
      eventwire ingest crawl.warc.gz --include '*.html'
      eventwire ingest --reprocess --db news.duckdb
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from eventwire.store import ingest as store_ingest

    paths = selected_inputs(paths or [], include, exclude)
    if not paths and not reprocess:
        raise typer.BadParameter("give the files or directories to read, or --reprocess", param_hint="PATH")
    stdin = sys.stdin.buffer if "-" in paths else None
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[stored]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, disable=not err.is_terminal) as progress:
        summary = store_ingest(
            paths,
            db,
            published=_check_date(published),
            published_from_name=published_from_name,
            reprocess=reprocess,
            batch_size=batch_size,
            progress=_IngestBar(progress),
            stdin=stdin,
        )
    for line in _ingest_summary(summary):
        err.print(line, markup=False, soft_wrap=True)
    raise typer.Exit(1 if summary.errors else 0)


def _cell(value: object, width: int | None = None) -> Text:
    """A table cell from stored (scraped) text: control characters dropped, no markup."""
    text = plain(value)
    if width and len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return Text(text)


def _output_console(out: IO[str] | None = None) -> Console:
    """Standard output (or `out`) for a table; a pipe or a file gets 200 columns."""
    console = Console(file=out, highlight=False)
    return console if console.is_terminal else Console(file=out, highlight=False, width=200)


def _write_json(rows: list[dict], out: IO[str]) -> None:
    out.write(json.dumps(rows, ensure_ascii=False, default=str, indent=1) + "\n")


def _print_rows(
    rows: list[dict],
    output: TableFormat,
    table: Callable[[list[dict]], Table],
    columns: Sequence[str],
    out: IO[str],
    raw: bool = False,
) -> None:
    """Rows as JSON, CSV (its header `columns` also when no row) or a table, to `out`. A
    CSV cell of scraped text has its control and bidi characters dropped unless `raw`
    (`csv_cells`): a terminal or a spreadsheet would act on them."""
    if output is TableFormat.json:
        _write_json(rows, out)
    elif output is TableFormat.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(csv_cells(row.values(), raw=raw) for row in rows)
    else:
        _output_console(out).print(table(rows))


RawOption = Annotated[
    bool,
    typer.Option(
        "--raw", help="Keep control and bidi characters of scraped text in CSV cells (dropped by default)."
    ),
]


def _events_title(shown: int, total: int) -> str:
    return f"{shown:,} of {counted(total, 'event')}" if shown < total else counted(total, "event")


def _events_table(rows: list[dict], total: int) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=_events_title(len(rows), total), title_justify="left")
    for header, justify in (
        ("id", "left"), ("date", "left"), ("event", "left"), ("source → target", "left"),
        ("where", "left"), ("sources", "right"), ("evidence", "left"),
    ):  # fmt: skip
        table.add_column(header, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for row in rows:
        kind = row["type"] + (f" / {plain(row['mode'])}" if row["mode"] else "")
        actors = f"{plain(row['source_label']) or '—'} → {plain(row['target_label']) or '—'}"
        where = ", ".join(plain(part) for part in (row["place_name"], row["place_country"]) if part)
        table.add_row(
            row["id"],
            str(row["date"] or "—"),
            kind,
            _cell(actors),
            _cell(where),
            str(row["sources"]),
            _cell(row["evidence"], 140),
        )
    return table


def _country(value: str | None) -> str | None:
    """The ISO code of `--country`, given by name or code."""
    try:
        return country_code(value) if value else None
    except CodeError as exc:
        raise typer.BadParameter(str(exc), param_hint="--country") from exc


def _period(since: str | None, until: str | None) -> tuple[datetime.date | None, datetime.date | None]:
    first, last = _day(since, "--since"), _day(until, "--until")
    if first and last and first > last:
        raise typer.BadParameter(f"--since {first} is after --until {last}", param_hint="--since")
    return first, last


def _event_query(
    event_type: str | None,
    actor: str | None,
    country: str | None,
    since: str | None,
    until: str | None,
    near: str | None,
    text: str | None,
    limit: int | None,
) -> EventQuery:
    """The filters as typed, checked: a type or CAMEO code eventwire knows, a country by
    name or code, a period that does not end before it starts."""
    first, last = _period(since, until)
    try:
        kind = event_type_filter(event_type) if event_type else None
    except CodeError as exc:
        raise typer.BadParameter(str(exc), param_hint="--type") from exc
    return EventQuery(
        type=kind.type if kind else None,
        cameo=kind.cameo if kind else None,
        actor=actor,
        country=_country(country),
        since=first,
        until=last,
        near=_near(near),
        text=text,
        limit=limit or None,
    )


EventsLimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        help="At most this many events (default: 50 in the table; csv and json are complete; 0: all).",
        min=0,
        metavar="N",
    ),
]


@app.command()
def events(
    event_type: TypeOption = None,
    actor: ActorOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    near: NearOption = None,
    text: TextOption = None,
    limit: EventsLimitOption = None,
    output: FormatOption = TableFormat.table,
    out: OutputFileOption = None,
    raw: RawOption = False,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """List events, latest first: id, date, type and mode, who did it to whom, where, how
    many sources report it and the sentence that says so. Each event is counted once
    however many articles report it; `eventwire show ID` tells one in full.

    The table shows the latest 50 (its title says of how many); csv and json give every
    matching event, each actor whole (json), unless --limit says otherwise.

    \b
    Examples:
      eventwire events --type ASSAULT --country Syria --since 2025-03-01
      eventwire events --type 19 --near 36.2,37.1,50
      eventwire events --actor TURGOV --format csv > turkey.csv
      eventwire events --country Sudan --format json -o sudan.json
    """
    if limit is None:
        limit = 50 if output is TableFormat.table else 0
    query = _event_query(event_type, actor, country, since, until, near, text, limit)
    with open_store(db, read_only=True) as con, _output_stream(out) as stream:
        if output is TableFormat.table:
            rows = find_events(con, query)
            total = count_events(con, query) if query.limit else len(rows)
            _output_console(stream).print(_events_table(rows, total))
        elif output is TableFormat.csv:
            write_csv_rows(event_rows(con, query, latest_first=True), stream, raw=raw)
        else:
            _write_json(list(event_rows(con, query, latest_first=True)), stream)


def _actors_table(rows: list[dict]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title="actors by number of events", title_justify="left")
    for header in ("actor", "country", "type", "events", "as source", "as target", "named"):
        table.add_column(header, justify="right" if header.startswith(("events", "as ")) else "left")
    for row in rows:
        others = [name for name in row["names"] if name != row["name"]]
        table.add_row(
            _cell(row["name"], 60),
            row["country"] or "—",
            row["actor_type"] or "—",
            str(row["events"]),
            str(row["as_source"]),
            str(row["as_target"]),
            _cell(", ".join(others), 60),
        )
    return table


@app.command()
def actors(
    limit: LimitOption = 50,
    output: FormatOption = TableFormat.table,
    out: OutputFileOption = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """List the actors by the number of events they took part in, as source or as target.

    One actor is counted under one identity however the news names it: a country's
    name, alias or capital stands for its government ('WASHINGTON', 'U.S.', 'the White
    House' are United States, USA GOV); an organisation of the knowledge base is its
    canonical name. `named` lists the other names it was found under.

    \b
    Examples:
      eventwire actors --limit 20
      eventwire actors --format csv -o actors.csv
    """
    with open_store(db, read_only=True) as con:
        rows = top_actors(con, limit or None)
    with _output_stream(out) as stream:
        _print_rows(rows, output, _actors_table, ACTOR_COLUMNS, stream)


def _quotes_table(rows: list[dict]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=f"{len(rows)} quotes", title_justify="left")
    for header in ("date", "speaker", "quote", "articles", "first reported by"):
        table.add_column(header, justify="right" if header == "articles" else "left", overflow="fold")
    for row in rows:
        cited = f"{plain(row['article_title']) or '(no headline)'} ({plain(row['article_source'])})"
        table.add_row(
            str(row["published"] or "—"),
            _cell(row["speaker"]),
            _cell(row["text"], 200),
            str(row["sources"]),
            _cell(cited, 80),
        )
    return table


@app.command()
def quotes(
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Only this speaker (part of the name).")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50,
    output: FormatOption = TableFormat.table,
    out: OutputFileOption = None,
    db: DbOption = Path(DEFAULT_DB),
    raw: RawOption = False,
) -> None:
    """List who said what, latest first, each quote once with the number of articles
    carrying it and the first of them.

    \b
    Examples:
      eventwire quotes --speaker Fidan
      eventwire quotes --since 2025-03-01 --format csv -o quotes.csv
    """
    with open_store(db, read_only=True) as con:
        rows = find_quotes(
            con, speaker, since=_day(since, "--since"), until=_day(until, "--until"), limit=limit or None
        )
    with _output_stream(out) as stream:
        _print_rows(rows, output, _quotes_table, QUOTE_COLUMNS, stream, raw=raw)


@app.command()
def report(
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html", help="Write the report as one self-contained HTML file instead.", metavar="FILE"
        ),
    ] = None,
    markdown_too: Annotated[
        bool,
        typer.Option(
            "--markdown", help="With --html (or -o FILE.html), print the Markdown to standard output too."
        ),
    ] = False,
    top: Annotated[int, typer.Option("--top", help="Rows in each ranked section.", min=1, metavar="N")] = 10,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            "--out",
            help="Write the report to FILE: FILE.html (or .htm) the HTML page, any other name "
            "(FILE.md) the Markdown.",
            metavar="FILE",
        ),
    ] = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Write a situation report: headline figures, events by type and by actor pair, a
    timeline, the key events and the most quoted people, each line citing its article.

    Markdown goes to standard output (rendered when it is a terminal), or to the file
    -o FILE.md; -o FILE.html (or --html FILE) writes an HTML page with a map and a
    timeline chart that opens offline instead (with --markdown, both).

    \b
    Examples:
      eventwire report --country Syria --since 2025-03-01 -o syria.md
      eventwire report -o report.html
      eventwire report --html report.html -o report.md
      eventwire report --html report.html --markdown | pandoc -o report.docx
    """
    html_path, markdown_path = _report_paths(out, html)
    for path in (html_path, markdown_path):
        if path:
            _check_output(path)
    first, last = _period(since, until)
    built = build_report(db, since=first, until=last, country=_country(country), top=top)
    if markdown_path:
        with _output_stream(markdown_path) as stream:
            stream.write(render_markdown(built))
        err.print(f"wrote {markdown_path}", markup=False, soft_wrap=True)
    elif html_path is None or markdown_too:
        _print_markdown(render_markdown(built))
    if html_path:
        write_html(built, html_path)
        err.print(f"wrote {html_path}", markup=False, soft_wrap=True)


HTML_SUFFIXES = (".html", ".htm")


def _report_paths(out: Path | None, html: Path | None) -> tuple[Path | None, Path | None]:
    """The report's (HTML file, Markdown file): -o FILE.html is the HTML page as --html
    FILE is, -o with any other name the Markdown."""
    if out is None or out.suffix.lower() not in HTML_SUFFIXES:
        return html, out
    if html and html != out:
        raise typer.BadParameter(
            f"two HTML files ({out} and {html}): give one, with -o or --html", param_hint="--output"
        )
    return out, None


def _print_markdown(markdown: str) -> None:
    """The Markdown to standard output, rendered when it is a terminal."""
    if sys.stdout.isatty():
        from rich.markdown import Markdown

        _output_console().print(Markdown(markdown))
    else:
        sys.stdout.write(markdown)


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    geojson = "geojson"


@app.command("export")
def export_store(
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="jsonl: one article a line in the output contract; csv: one event a row "
            "(ICEWS/POLECAT column order, each side's actors as parallel lists); parquet: the "
            "same rows, each actor a struct; geojson: the events with a place, as points.",
        ),
    ] = ExportFormat.jsonl,
    out: OutputFileOption = None,
    event_type: TypeOption = None,
    actor: ActorOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    near: NearOption = None,
    text: TextOption = None,
    raw: RawOption = False,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Export the database for other tools: the events that match the filters of
    `eventwire events` (csv, parquet, geojson), or the articles that report them (jsonl;
    with no filter, every article).

    \b
    Examples:
      eventwire export --format csv -o events.csv
      eventwire export --format csv --raw -o events-as-scraped.csv
      eventwire export --format parquet -o syria.parquet --country Syria --since 2025-01-01
      eventwire export --format geojson --type ASSAULT -o assaults.geojson
      eventwire export > articles.jsonl
      eventwire export --country Sudan --since 2025-01-01 > sudan-articles.jsonl
    """
    if output_format is ExportFormat.parquet and out is None:
        raise typer.BadParameter("parquet is a binary format: say where to write it", param_hint="--output")
    query = _event_query(event_type, actor, country, since, until, near, text, limit=None)
    try:
        count = export_data(output_format.value, out, db, query=query, raw=raw)
    except ExportError as exc:
        err.print(f"error: {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    noun = "article" if output_format is ExportFormat.jsonl else "event"
    err.print(
        f"exported {counted(count, noun)}" + (f" to {out}" if out else ""), markup=False, soft_wrap=True
    )


def _highlighted(paragraph: str, start: int, end: int) -> Text:
    """A paragraph with its evidence sentence marked: bold on a terminal, »…« in a pipe."""
    before, evidence, after = paragraph[:start], paragraph[start:end], paragraph[end:]
    text = Text(plain(before) + (" " if before[-1:].isspace() else ""))
    text.append(f"»{plain(evidence)}«", style="bold reverse")
    text.append((" " if after[:1].isspace() else "") + plain(after))
    return text


def _rule(value: object, rule: object) -> str:
    return f"{plain(value) or '—'}" + (f"  (rule: {plain(rule)})" if rule else "")


def _actor_lines(side: str, actors: list[dict]) -> list[str]:
    if not actors:
        return [f"{side}: —"]
    lines = [f"{side}:"]
    for actor in actors:
        codes = " ".join(plain(actor[key]) for key in ("country", "sector") if actor[key])
        entity = f" [{plain(actor['entity_id'])}]" if actor["entity_id"] else ""
        lines.append(f"  {plain(actor['name'])}" + (f" ({codes})" if codes else "") + entity)
    return lines


@app.command()
def show(
    event_id: Annotated[
        str,
        typer.Argument(
            help="An event's id (from `eventwire events`), or its first characters.", metavar="EVENT_ID"
        ),
    ],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Show one event in full: its type, actors, place and date with the rule that chose
    each, then every report of it: the article, its source and date, and the evidence
    sentence marked in its paragraph.

    \b
    Examples:
      eventwire show evbecb1329ea78ad
      eventwire show evbecb
    """
    with open_store(db, read_only=True) as con:
        try:
            event_id = resolve_event_id(con, event_id)
        except LookupError as exc:
            raise typer.BadParameter(str(exc), param_hint="EVENT_ID") from exc
        (event,) = event_rows(con, EventQuery(event_id=event_id, limit=None))
        reports = report_details(con, event_id)
    console = _output_console()
    console.print(Text(_event_heading(event), style="bold"))
    for line in _event_lines(event, len(reports)):
        console.print(Text(line))
    for n, report in enumerate(reports, start=1):
        console.print()
        console.print(Text(f"report {n}: {plain(report['title']) or '(no headline)'}", style="bold"))
        for line in _report_lines(report):
            console.print(Text(line))
        console.print(_highlighted(report["paragraph"], report["start"], report["end"]))


def _event_heading(event: dict) -> str:
    """'ev… ASSAULT / drone (material conflict), CAMEO 195 Employ aerial weapons'."""
    mode = f" / {event['mode']}" if event["mode"] else ""
    cameo = "no CAMEO code"
    if event["cameo"]:
        about = cameo_codes().get(event["cameo"])
        cameo = f"CAMEO {event['cameo']}" + (f" {about.about}" if about else "")
    return f"{event['event_id']}  {event['event_type']}{mode} ({event['quad']}), {cameo}"


def _event_lines(event: dict, reports: int) -> list[str]:
    lines = _actor_lines("source", event["source_actors"]) + _actor_lines("target", event["target_actors"])
    place = ", ".join(plain(part) for part in (event["place"], event["place_country"]) if part)
    if event["place_precision"]:
        place += f" [{event['place_precision']}]"
    said = f", from '{plain(event['date_text'])}'" if event["date_text"] else ""
    return [
        *lines,
        f"where: {_rule(place, event['place_rule'])}",
        f"when: {_rule(event['date'], event['date_rule'])}{said}",
        f"confidence {event['confidence']:.2f}, {counted(event['sources'], 'source')}, "
        f"{counted(reports, 'report')}",
    ]


def _report_lines(report: dict) -> list[str]:
    source = f"source: {plain(report['source'])}" + (f"  {plain(report['url'])}" if report["url"] else "")
    published = "published: unknown"
    if report["published"]:
        origin = f" (from the {plain(report['date_source'])})" if report["date_source"] else ""
        published = f"published {report['published']}{origin}"
    said = f", from '{plain(report['when_text'])}'" if report["when_text"] else ""
    return [
        source,
        published,
        f"where: {_rule(report['place'], report['place_rule'])}",
        f"when: {_rule(report['date'], report['date_rule'])}{said}",
    ]


@app.command()
def codes(
    query: Annotated[
        str | None,
        typer.Argument(
            help="A PLOVER type (ASSAULT), a mode (drone), a CAMEO code or its start (19, 190) "
            "or words of a description (air strike); none: the 16 types.",
            metavar="QUERY",
        ),
    ] = None,
) -> None:
    """Look up the codes events are coded in: PLOVER types with their quad, modes and
    CAMEO roots, and CAMEO codes with the PLOVER type, mode and context they map to.

    \b
    Examples:
      eventwire codes
      eventwire codes ASSAULT
      eventwire codes drone
      eventwire codes 19
      eventwire codes "sanctions"
    """
    types, cameo = lookup(query)
    if not types and not cameo:
        err.print(f"no PLOVER type, mode or CAMEO code matches {query!r}", markup=False, soft_wrap=True)
        raise typer.Exit(1)
    console = _output_console()
    if types:
        table = Table(box=box.SIMPLE_HEAD, title="PLOVER event types", title_justify="left")
        for header in ("type", "quad", "modes", "CAMEO", "what it covers"):
            table.add_column(header, overflow="fold")
        for kind in types:
            table.add_row(
                kind.name, kind.quad, ", ".join(kind.modes) or "—", ", ".join(kind.cameo), kind.about
            )
        console.print(table)
    if cameo:
        table = Table(box=box.SIMPLE_HEAD, title="CAMEO codes", title_justify="left")
        for header in ("CAMEO", "PLOVER type", "mode", "context", "description"):
            table.add_column(header, overflow="fold")
        for code in cameo:
            table.add_row(code.code, code.type or "—", code.mode or "—", code.context or "—", code.about)
        console.print(table)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setFormatter(PrintableFormatter("%(levelname)s: %(message)s"))
    # trafilatura's own 'discarding data: None' names no file; the page's line does.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        app()
    except EventwireError as exc:
        err.print(f"error: {printable(exc)}", markup=False, soft_wrap=True)
        raise SystemExit(2) from exc
