"""The command line starts light: importing it, `--help` and the commands that query the
database load neither spaCy nor the near-duplicate index's datasketch (and its scipy)
nor the HTML reader's trafilatura; only the commands that read text do. Each check runs
in a fresh interpreter, since this test process has loaded them all already."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("spacy", "datasketch", "scipy", "trafilatura")
# Imports the CLI, notes the heavy modules loaded, runs one command as typer's test runner
# does, notes them again; prints both with the command's exit code and standard output.
PROBE = """
import json, sys
heavy = json.loads(sys.argv[1])
import eventwire.cli
from typer.testing import CliRunner

after_import = [name for name in heavy if name in sys.modules]
result = CliRunner().invoke(eventwire.cli.app, json.loads(sys.argv[2]))
after_command = [name for name in heavy if name in sys.modules]
print(json.dumps({
    "after_import": after_import, "after_command": after_command,
    "exit_code": result.exit_code, "stdout": result.stdout,
}))
"""


def _probe(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(HEAVY), json.dumps(list(args))],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_events_on_a_store_loads_no_text_reader(wire_db: Path):
    probe = _probe("events", "--db", str(wire_db))
    assert probe["after_import"] == []
    assert probe["after_command"] == []
    assert probe["exit_code"] == 0
    assert probe["stdout"].split()[:2] == ["6", "events"]
    assert "evbea5fd6ca6668c" in probe["stdout"]


QUERIES = [
    ("--help",), ("events", "--help"), ("actors",), ("quotes",),
    ("show", "evbea5fd6ca6668c"), ("codes", "19"),
]  # fmt: skip


@pytest.mark.parametrize("command", QUERIES)
def test_help_and_the_query_commands_load_no_text_reader(wire_db: Path, command: tuple[str, ...]):
    database = () if "--help" in command or command[0] == "codes" else ("--db", str(wire_db))
    probe = _probe(*command, *database)
    assert probe["exit_code"] == 0, probe["stdout"]
    assert probe["after_command"] == []


def test_extract_is_what_loads_spacy(tmp_path: Path):
    """The other side: a command that reads text loads the pipeline when it runs."""
    story = tmp_path / "kenya.txt"
    story.write_text(
        "Kenya deploys police to Haiti\n\nNAIROBI (Reuters) - Kenya sent a second contingent of 200 "
        "police officers to Haiti on Monday, the interior ministry said.\n",
        encoding="utf-8",
    )
    probe = _probe("extract", str(story), "--published", "2025-03-10")
    assert probe["after_import"] == []
    assert probe["exit_code"] == 0
    assert "spacy" in probe["after_command"]
    assert json.loads(probe["stdout"].splitlines()[0])["title"] == "Kenya deploys police to Haiti"
