"""Kill -9 trials: an ingest (or a reprocess) killed at a random moment, then run again,
must leave every row of every table equal to an uninterrupted run, timestamps aside.

    .venv/bin/python tools/kill_trials.py [--trials N] [--files N] [--seed N]

Writes wire stories with near-copies (so `duplicate_of`, stories and merged events all
matter) into a temporary folder, ingests them once uninterrupted, then for each trial
starts `eventwire ingest` in a child process, kills it with SIGKILL at a random moment
after its first committed batch, runs the same command again and compares every table.
The reprocess trials do the same with `ingest --reprocess` over the clean store. Prints
one line per trial and the totals; the exit status is 1 if any trial differs.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventwire.store import StoreError, open_store

TIMESTAMPS = {"ingested_at", "seen_at", "applied_at"}
CITIES = ["Nairobi", "Kampala", "Tbilisi", "Yerevan", "Amman", "Tunis", "Dhaka", "Manila", "Bogota", "Baku"]
ACTIONS = [
    "agreed to resume talks on",
    "rejected a proposal for",
    "called for an inquiry into",
    "signed a deal on",
]
TOPICS = ["grain exports", "a border crossing", "fuel subsidies", "a prisoner exchange", "the electoral law"]
CLI = [sys.executable, "-c", "from eventwire.cli import main; main()"]


def write_inputs(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        pick = random.Random(n).choice
        city = CITIES[n % len(CITIES)]
        body = (
            f"{city.upper()} (Reuters) - The government of {city} {pick(ACTIONS)} {pick(TOPICS)} on Monday, "
            f"officials said, after {n + 3} hours of talks with a delegation from the United Nations.\n\n"
            f"Foreign Minister Amara Okello{n} said the agreement would be signed "
            f"within {n % 9 + 2} weeks.\n\n"
            f"Opposition lawmakers said they would vote against it in parliament on day {n}.\n"
        )
        (folder / f"story_{n:03d}.txt").write_text(
            f"{city} talks: {pick(TOPICS)}\n\n{body}", encoding="utf-8"
        )
        if n % 4 == 1:
            copy = f"Reprint: what the ministers decided\n\n{body}\nThe story was first filed by Reuters.\n"
            (folder / f"z_reprint_{n:03d}.txt").write_text(copy, encoding="utf-8")


def every_row(db: Path) -> dict[str, list[tuple]]:
    with open_store(db, read_only=True) as con:
        tables = [
            row[0] for row in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()
        ]
        found = {}
        for table in tables:
            columns = con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position",
                [table],
            ).fetchall()
            names = ", ".join(f'"{name}"' for (name,) in columns if name not in TIMESTAMPS)
            found[table] = con.execute(f"SELECT {names} FROM {table} ORDER BY ALL").fetchall()
    return found


def stored_articles(db: Path) -> int:
    try:
        with open_store(db, read_only=True, wait=0.05) as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except StoreError:
        return 0


def killed_then_rerun(command: list[str], db: Path, delay: float) -> int:
    """Run, kill with SIGKILL `delay` s after the first committed article, run again;
    return the articles stored at the kill."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while stored_articles(db) == 0 and child.poll() is None:
        time.sleep(0.05)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    at_kill = stored_articles(db)
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return at_kill


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--files", type=int, default=24)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    chance = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="kill_trials_"))
    inputs = work / "wire"
    write_inputs(inputs, args.files)
    clean = work / "clean.duckdb"
    ingest = ["ingest", str(inputs), "--batch-size", "2", "--db"]
    subprocess.run([*CLI, *ingest, str(clean)], check=False, stderr=subprocess.DEVNULL)
    expected = every_row(clean)
    failures = 0
    for kind in ("ingest", "reprocess"):
        for trial in range(args.trials):
            db = work / f"{kind}_{trial}.duckdb"
            command = [*CLI, *ingest, str(db)]
            if kind == "reprocess":
                shutil.copy(clean, db)
                command = [*CLI, "ingest", "--reprocess", "--batch-size", "2", "--db", str(db)]
            # A reprocess finds rows stored from the start: its kill waits past the model's loading.
            delay = chance.uniform(0.0, 4.0) if kind == "ingest" else chance.uniform(6.0, 14.0)
            at_kill = killed_then_rerun(command, db, delay)
            differing = sorted(table for table, rows in every_row(db).items() if rows != expected.get(table))
            failures += bool(differing)
            said = ", ".join(differing) or "nothing"
            print(f"{kind} trial {trial + 1}: {at_kill} articles at the kill; differs in: {said}")
    shutil.rmtree(work)
    print(f"{failures} of {2 * args.trials} trials differ from the uninterrupted run")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
