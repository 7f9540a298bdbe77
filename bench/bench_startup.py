"""Bench: how long the `eventwire` command takes to start, against a bare Python start.

Wall time of fresh processes of `eventwire --help`, `eventwire events --help` and
`eventwire events --db SMALL.duckdb` (a store of 20 generated wire articles ingested by
`eventwire.store.ingest`, bench/make_articles.py), best of `--runs` after one warm-up run
each; the baseline, in the same run, is the bare interpreter (`python -c pass`) of the
same environment. Each command is also checked for whether spaCy ended up loaded (a
fresh `python -c` that imports the CLI and runs the command as typer's test runner does).

With `--against SRC` (the `src` folder of another checkout, e.g. one made with `git
worktree add ../before HEAD~1`), the same commands are timed with that code first on
PYTHONPATH too, for a before/after table.

    python bench/bench_startup.py [--runs 10] [--against SRC [--label NAME]] [--write]

`--write` updates the "Start-up" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_articles import write_jsonl
from make_corpus import publish

SECTION = "Start-up"
ARTICLES = 20
# Runs the CLI on the arguments given and prints whether spaCy is loaded after it.
SPACY_PROBE = (
    "import sys, eventwire.cli; from typer.testing import CliRunner; "
    "CliRunner().invoke(eventwire.cli.app, sys.argv[1:]); print('spacy' in sys.modules)"
)

log = logging.getLogger("bench_startup")


def eventwire_command() -> str:
    """The `eventwire` script of this environment (beside its python), else the one on PATH."""
    beside = Path(sys.executable).parent / "eventwire"
    found = str(beside) if beside.is_file() else shutil.which("eventwire")
    if found is None:
        raise SystemExit("no `eventwire` command: install eventwire (`pip install -e .`) first")
    return found


def best_wall(command: list[str], runs: int, env: dict[str, str]) -> float:
    """The shortest wall time of `runs` fresh runs of `command`, after one warm-up run
    (which also compiles what has no .pyc yet)."""
    subprocess.run(command, check=True, capture_output=True, env=env)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - started)
    return min(times)


def loads_spacy(arguments: list[str], env: dict[str, str]) -> bool:
    command = [sys.executable, "-c", SPACY_PROBE, *arguments]
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    return done.stdout.strip() == "True"


def small_store(folder: Path) -> Path:
    from eventwire.store import ingest

    db = folder / "small.duckdb"
    ingest([str(write_jsonl(folder / "small.jsonl", ARTICLES))], db)
    return db


def environment(src: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(src.resolve()), *filter(None, [env.get("PYTHONPATH")])])
    return env


def measure(commands: dict[str, list[str]], runs: int, src: Path | None) -> dict[str, tuple[float, bool]]:
    """(best wall seconds, spaCy loaded) of each command, with `src` first on PYTHONPATH."""
    env = environment(src)
    script = eventwire_command()
    return {
        name: (best_wall([script, *arguments], runs, env), loads_spacy(arguments, env))
        for name, arguments in commands.items()
    }


def report(
    bare: float,
    measured: dict[str, tuple[float, bool]],
    runs: int,
    against: tuple[str, dict[str, tuple[float, bool]]] | None,
) -> str:
    label, before = against or ("", {})
    lines = [
        f"Wall time of a fresh process, best of {runs} after a warm-up run, against a bare "
        f"`python -c pass` of the same environment in the same run; `events` on a store of {ARTICLES} "
        f"generated wire articles. Python {platform.python_version()} on {platform.machine()} with "
        f"{os.cpu_count()} CPUs.",
        "",
        "| command |"
        + (f" {label} s | {label} loads spaCy |" if before else "")
        + " s | × bare python | loads spaCy |",
        "|---|" + ("---:|---|" if before else "") + "---:|---:|---|",
        "| `python -c pass` (baseline) |" + (" | |" if before else "") + f" {bare:.3f} | 1 | no |",
    ]
    for name, (seconds, spacy) in measured.items():
        then = f" {before[name][0]:.2f} | {_yes(before[name][1])} |" if before else ""
        lines.append(f"| `{name}` |{then} {seconds:.2f} | {seconds / bare:.0f} | {_yes(spacy)} |")
    if before:
        faster = (f"`{name}` {before[name][0] / seconds:.1f}×" for name, (seconds, _) in measured.items())
        lines += ["", f"Against {label}: " + ", ".join(faster) + " faster."]
    return "\n".join(lines)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each command, the best counts")
    parser.add_argument("--against", type=Path, help="the src folder of another checkout to time too")
    parser.add_argument("--label", default="before", help="its name in the table (default: before)")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as scratch:
        log.info("ingesting %d generated articles into a small store...", ARTICLES)
        db = small_store(Path(scratch))
        commands = {
            "eventwire --help": ["--help"],
            "eventwire events --help": ["events", "--help"],
            "eventwire events --db SMALL.duckdb": ["events", "--db", str(db)],
        }
        bare = best_wall([sys.executable, "-c", "pass"], args.runs, environment(None))
        before = (args.label, measure(commands, args.runs, args.against)) if args.against else None
        measured = measure(commands, args.runs, None)
    publish(SECTION, report(bare, measured, args.runs, before), args.write)


if __name__ == "__main__":
    main()
