"""Apps in headless Chromium: first complete render of each app, and filter change to table.

A real ``wagekit serve`` (Voila, pre-heated kernels) on the sample campaign, with a temporary
store and the day fixed (``WAGEKIT_AS_OF``), driven by Playwright with Debian's Chromium.

1. First render: from ``page.goto`` to the app's last part on screen (its tables, charts or
   KPI cards), once the server has had ``--settle`` seconds to pre-heat a kernel per app — what
   a visitor sees on a running office server. The very first visit after start (kernels still
   reading the ledgers) is reported too.
2. Filter: from choosing a township in the filter bar to the table showing it — the coverage
   table of 02_self_inspection and the township table of 01_publicity; median over
   ``--changes`` townships.

Goals (issue 5): first render under 5 s, filter under 0.5 s on the default sample.

    .venv/bin/python benchmarks/bench_apps.py [--scale 1] [--settle 90] [--changes 3] [--apps ...]

``--scale 10`` generates a ten-times campaign first (``wagekit sample OUT --scale 10``).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The browser tests' harness: the same server, browser and "rendered" as the tests.
sys.path.insert(0, str(REPO / "tests" / "browser"))
from harness import APPS, PAGE_OPTIONS, launch_chromium, open_app, start_workbook  # noqa: E402

AS_OF = "2023-12-20"
TIMEOUT = 300_000

# notebook -> (table whose rows follow the township filter, index of its 属地 column)
FILTERS = {
    "01_publicity": (".wk-table-township", 0),
    "02_self_inspection": (".wk-table-coverage", 0),
}
SAME_TOWNSHIP = """([table, column, t]) => {
    const rows = [...document.querySelectorAll(table + ' table tbody tr')];
    return rows.length > 0 && rows.every(r => r.cells[column].innerText.trim() === t);
}"""


def _filter_times(page, notebook: str, changes: int) -> list[float]:
    table, column = FILTERS[notebook]
    select = page.locator(".wagekit-filterbar .widget-dropdown").filter(has_text="属地")
    select = select.locator("select")
    options = select.locator("option").all_inner_texts()[1 : changes + 1]
    times = []
    for township in options:
        began = time.monotonic()
        select.select_option(label=township)
        page.wait_for_function(SAME_TOWNSHIP, arg=[table, column, township], timeout=60_000)
        times.append(time.monotonic() - began)
    return times


def bench(
    campaign: Path, settle: float, changes: int, apps: list[str]
) -> list[tuple[str, str, str, str]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        start_workbook(campaign, tmp, WAGEKIT_AS_OF=AS_OF) as workbook,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        try:
            page = browser.new_context(**PAGE_OPTIONS).new_page()
            cold = open_app(page, workbook, "00_home", timeout=TIMEOUT)
            time.sleep(settle)
            for notebook in apps:
                first = open_app(page, workbook, notebook, timeout=TIMEOUT)
                filtered = "—"
                if notebook in FILTERS:
                    times = _filter_times(page, notebook, changes)
                    filtered = f"{statistics.median(times):.2f}"
                rows.append((notebook, f"{first:.2f}", filtered, ""))
            rows.insert(0, ("00_home (first visit after start)", f"{cold:.2f}", "—", ""))
        finally:
            browser.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="1: the bundled sample")
    parser.add_argument("--settle", type=float, default=90.0, help="seconds to pre-heat")
    parser.add_argument("--changes", type=int, default=3, help="townships chosen per app")
    parser.add_argument(
        "--apps", nargs="+", default=list(APPS), choices=list(APPS), help="apps, in this order"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        campaign = Path(tmp) / "campaign"
        if args.scale == 1:
            shutil.copytree(REPO / "sample_data" / "demo", campaign)
        else:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "wagekit.cli",
                    "sample",
                    str(campaign),
                    "--scale",
                    str(args.scale),
                    "--format",
                    "csv",
                ],
                check=True,
                capture_output=True,
            )
        rows = bench(campaign, args.settle, args.changes, args.apps)
    print(f"## Apps in headless Chromium (scale {args.scale}, as of {AS_OF})\n")
    print("| app | first complete render (s) | township filter → table (s, median) |")
    print("|---|---:|---:|")
    for name, first, filtered, _ in rows:
        print(f"| {name} | {first} | {filtered} |")
    print("\nGoals: first render < 5 s, filter < 0.5 s on the default sample.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
