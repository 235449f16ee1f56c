"""Loading ledgers: the default sample, and a scale-N payroll as CSV and as Parquet.

Each validated load is reported against a bare parse of the same file measured in the same
run: ``pandas.read_csv(engine="pyarrow")`` for CSV, ``pandas.read_parquet`` for Parquet. Goals
(issue 2): validated loading within 2× of the bare parse, the scale-100 payroll under 8 GiB.

    .venv/bin/python benchmarks/bench_load.py [--scale 100] [--cache benchmarks/.cache]

The scale-N campaign is generated once into the cache folder (a few minutes at scale 100).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from measure import HEADER, measure, row  # noqa: E402

from wagekit.load import find_table_files, load, load_table  # noqa: E402
from wagekit.sample import write_sample  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _campaign(cache: Path, scale: int, fmt: str) -> Path:
    folder = cache / f"scale{scale}-{fmt}"
    if not (folder / "planted.json").exists():
        print(f"generating scale {scale} ({fmt}) into {folder} …", file=sys.stderr)
        write_sample(folder, scale=scale, fmt=fmt)
    return folder


def _keys(folder: Path) -> dict[str, pd.Index]:
    """Worker and project keys for the payroll's reference rules (not timed)."""
    files = find_table_files(folder)
    keys = {}
    for table, key in (("projects", "project_id"), ("workers", "id_number")):
        keys[table] = load_table(files[table][0], table).keys
        assert keys[table] is not None, key
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / ".cache")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    lines = [f"## Loading (bench_load.py, scale {args.scale})", "", HEADER]
    seconds, peak, campaign = measure(lambda: load(ROOT / "sample_data" / "demo"), args.repeat)
    rows = sum(t.rows for t in campaign.report.tables.values())
    lines.append(row(f"load default sample ({rows:,} rows, 7 xlsx, validated)", seconds, peak))

    for fmt in ("csv", "parquet"):
        folder = _campaign(args.cache, args.scale, fmt)
        path = find_table_files(folder)["payroll"][0]
        keys = _keys(folder)
        if fmt == "csv":
            bare = lambda path=path: pd.read_csv(path, engine="pyarrow")  # noqa: E731
            bare_name = "pandas.read_csv(engine='pyarrow')"
        else:
            bare = lambda path=path: pd.read_parquet(path)  # noqa: E731
            bare_name = "pandas.read_parquet"
        base_s, base_peak, frame = measure(bare, args.repeat)
        n = len(frame)
        del frame
        lines.append(row(f"payroll {fmt}: bare {bare_name} ({n:,} rows)", base_s, base_peak))
        seconds, peak, result = measure(
            lambda path=path, keys=keys: load_table(path, "payroll", keys), args.repeat
        )
        assert result.report.rows == n, (result.report.rows, n)
        lines.append(row(f"payroll {fmt}: wagekit load_table, validated", seconds, peak, base_s))
        del result
    print("\n".join(lines))


if __name__ == "__main__":
    main()
