"""Run every bench in bench/ and write its figures to bench/RESULTS.md.

Each bench times eventwire against a baseline measured in the same process (bare
trafilatura, the bare spaCy pipeline, a bare Python start) and prints the ratio; `make
bench` runs them all.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
# (script, extra arguments); the WARC memory bench writes a few hundred MB in a temp dir.
BENCHES = [
    ("bench_clean_html.py", []),
    ("bench_warc_memory.py", []),
    ("bench_entities.py", []),
    ("bench_places.py", []),
    ("bench_gazetteer.py", []),
    ("bench_events.py", []),
    ("bench_type_model.py", []),
    ("bench_store.py", []),
    ("bench_startup.py", []),
]


def main() -> int:
    failed = []
    for script, arguments in BENCHES:
        path = HERE / script
        if not path.is_file():
            continue
        print(f"== {script}", flush=True)
        if subprocess.run([sys.executable, str(path), "--write", *arguments], check=False).returncode:
            failed.append(script)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
