"""Screenshots of the HTML report at desktop and phone width, to look at a change of the
report as a reader sees it: `python tools/report_screenshots.py --db news.duckdb`.

Needs Debian's `chromium` (`apt-get install chromium`); writes report.html and
report-desktop.png, report-phone.png (the top of the page, 1280 and 390 px wide) to --out.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

from eventwire.report import build_report, write_html

WIDTHS = {"desktop": (1280, 2400), "phone": (390, 2400)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--country", help="ISO 3166-1 alpha-3 code of the report's country")
    parser.add_argument("--out", type=Path, default=Path("."))
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("no chromium on PATH: apt-get install chromium")
    args.out.mkdir(parents=True, exist_ok=True)
    page = write_html(build_report(args.db, country=args.country), args.out / "report.html")
    for name, (width, height) in WIDTHS.items():
        shot = args.out / f"report-{name}.png"
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--hide-scrollbars", f"--window-size={width},{height}",
             f"--screenshot={shot}", page.resolve().as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        print(f"wrote {shot}")


if __name__ == "__main__":
    main()
