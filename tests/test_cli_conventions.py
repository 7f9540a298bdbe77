"""The conventions of the command line: -h and --version, an Examples block and readable
metavars in every --help, shell completion, --include/--exclude globs, plurals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire import __version__
from eventwire.cli import app, selected_inputs

runner = CliRunner()
COMMANDS = "extract demo info eval ingest events actors quotes report export show codes".split()
WIRE = (
    "Kenya deploys police to Haiti\n\n"
    "NAIROBI (Reuters) - Kenya sent a second contingent of 200 police officers to Haiti on Monday, "
    "the interior ministry said.\n\n"
    "The officers join a multinational mission backed by the United Nations."
)
COVERAGE_NOTE = (
    "# Coverage notes, part a\n\n"
    "Files a01 to a09 were written for the sudden-onset cases; a05 has the protest crackdown.\n"
)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_short_help_examples_and_readable_metavars(command: str):
    result = runner.invoke(app, [command, "-h"])
    assert result.exit_code == 0, result.output
    assert re.search(r"\n  Examples:\n(    (eventwire|EVENTWIRE_|curl).*\n)+", result.stdout), result.stdout
    assert "<list[" not in result.stdout and "<int range>" not in result.stdout


def test_version_is_printed_and_completion_offered():
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"eventwire {__version__}\n")
    assert "--install-completion" in runner.invoke(app, ["-h"]).stdout


def test_every_command_that_writes_a_file_takes_o_and_output_and_out():
    help_text = runner.invoke(app, ["export", "-h"]).stdout
    assert "-o, --output, --out FILE" in help_text


def _news_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "kenya_police_haiti.txt").write_text(WIRE, encoding="utf-8")
    (folder / "COVERAGE-a.md").write_text(COVERAGE_NOTE, encoding="utf-8")
    return folder


def test_include_and_exclude_choose_the_files_of_a_directory(tmp_path: Path):
    folder = _news_folder(tmp_path)
    story, notes = str(folder / "kenya_police_haiti.txt"), str(folder / "COVERAGE-a.md")
    assert selected_inputs([str(folder)], None, None) == [str(folder)]
    assert selected_inputs([str(folder)], None, ["COVERAGE-*"]) == [story]
    assert selected_inputs([str(folder)], ["*.md"], None) == [notes]
    assert selected_inputs([str(folder), "-"], ["*/gold/*"], ["*.md"]) == [story, "-"]


def test_extract_leaves_out_the_excluded_notes(tmp_path: Path):
    folder = _news_folder(tmp_path)
    result = runner.invoke(
        app, ["extract", str(folder), "--exclude", "COVERAGE-*.md", "--published", "2024-05-06"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["title"] for record in records] == ["Kenya deploys police to Haiti"]


def test_the_ingest_summary_counts_in_the_right_number(tmp_path: Path):
    folder = _news_folder(tmp_path)
    db = tmp_path / "one.duckdb"
    result = runner.invoke(
        app, ["ingest", str(folder), "--exclude", "COVERAGE-*", "--db", str(db), "--published", "2024-05-06"]
    )
    assert result.exit_code == 0, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith("stored 1 document (0 already stored), 1 article, ")
    assert f"{db} holds 1 document, 1 article in 1 story, " in result.stderr
