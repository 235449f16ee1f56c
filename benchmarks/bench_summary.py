"""The whole campaign summary after loading: ``summarize`` and ``summary_findings``.

Loads a campaign folder once (not timed), then times, in the same run, the summary of
CONTRACT section 3 (every check it needs) and the full findings table behind it. The default
is the bundled sample ``sample_data/demo`` as of the day its ground truth uses; ``--scale N``
generates a sample N times larger as Parquet in a temporary folder instead (scale 100 is
about a million workers and twelve million payroll rows).

    .venv/bin/python benchmarks/bench_summary.py [--folder DIR] [--scale N] [--as-of DATE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

from measure import HEADER, measure, row

from wagekit.assessment import summary_findings
from wagekit.load import load
from wagekit.summary import summarize

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = ROOT / "sample_data" / "demo"
GOAL_SECONDS = 2.0


def _as_of(folder: Path, given: str | None) -> dt.date:
    if given:
        return dt.date.fromisoformat(given)
    planted = folder / "planted.json"
    if planted.is_file():
        return dt.date.fromisoformat(json.loads(planted.read_text("utf-8"))["as_of"])
    return dt.date.today()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--scale", type=int, default=None)
    parser.add_argument("--as-of", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    scratch = None
    folder = args.folder or DEFAULT_FOLDER
    label = folder.name
    if args.scale:
        from wagekit.sample import write_sample

        scratch = tempfile.TemporaryDirectory(prefix="wagekit-bench-")
        folder = Path(scratch.name) / f"scale{args.scale}"
        write_sample(folder, scale=args.scale, fmt="parquet")
        label = f"sample scale {args.scale} (Parquet)"
    if not (folder / "campaign.toml").is_file():
        print(f"no campaign folder at {folder}", file=sys.stderr)
        return 1
    as_of = _as_of(folder, args.as_of)

    start = time.perf_counter()
    campaign = load(folder)
    load_seconds = time.perf_counter() - start
    rows = sum(len(t) for t in campaign.tables.values())
    payroll = campaign.get("payroll")

    summary_s, summary_mib, summary = measure(
        lambda: summarize(campaign, as_of=as_of), repeat=args.repeat
    )
    findings_s, findings_mib, findings = measure(
        lambda: summary_findings(campaign, as_of=as_of), repeat=args.repeat
    )
    print(f"## Summary: {label}, as of {as_of}\n")
    print(
        f"{rows:,} rows loaded in {load_seconds:.1f} s (not timed below; payroll "
        f"{0 if payroll is None else len(payroll):,} rows). Best of {args.repeat}. "
        f"Goal for the default sample: summary under {GOAL_SECONDS:.0f} s after loading.\n"
    )
    print(HEADER)
    print(row("summarize (CONTRACT section 3)", summary_s, summary_mib))
    print(row("summary_findings (every finding)", findings_s, findings_mib, summary_s))
    print(
        f"\n{len(findings):,} findings; risk serious {summary['risk']['serious']}, "
        f"cases received {summary['cases']['received']}."
    )
    if scratch is not None:
        scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
