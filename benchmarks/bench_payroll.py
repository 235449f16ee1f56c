"""Payroll arrears aggregation at province scale: wagekit against one DuckDB SQL query.

Builds a synthetic payroll with numpy (about 12 million rows: 1 million workers × 12 months on
10,000 projects; 5% of worker-months paid short), then times, in the same run and over the same
DataFrames, ``wagekit.checks.arrears.arrears_by_project`` (which computes
``worker_month_arrears`` on the way) and the same aggregation written as one DuckDB query.
Two cases: the payroll gives 应发工资 (wage_due), and it does not (wage due computed from the
roster's rate for every row, so every row needs the roster join).

    .venv/bin/python benchmarks/bench_payroll.py [--workers 1000000] [--months 12]

Peak memory is the process's peak resident set size above what it held before the step,
sampled every 10 ms (psutil), so that DuckDB's and Arrow's allocations count too.
"""

from __future__ import annotations

import argparse
import threading
import time

import duckdb
import numpy as np
import pandas as pd
import psutil
import pyarrow as pa

from wagekit.checks.arrears import arrears_by_project

AS_OF = pd.Timestamp("2024-01-15")

SQL = """
SELECT project_id,
       sum(arrears)               AS amount,
       count(DISTINCT id_number)  AS workers,
       count(DISTINCT month)      AS months,
       count(*)                   AS worker_months
FROM (
    SELECT p.project_id, p.id_number, p.month,
           greatest(coalesce(p.wage_due,
                             CASE w.wage_basis
                                 WHEN '日薪' THEN w.wage_rate * p.days_worked
                                 WHEN '月薪' THEN w.wage_rate * least(p.days_worked, 21.75) / 21.75
                             END)
                    - coalesce(p.wage_paid, 0), 0) AS arrears
    FROM payroll p LEFT JOIN workers w USING (id_number)
    WHERE p.month <= $as_of
)
WHERE arrears >= 0.005
GROUP BY project_id
ORDER BY amount DESC, project_id
"""


def synthetic(n_workers: int, n_months: int, n_projects: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    serial = np.char.zfill(np.arange(n_workers).astype(str), 8)
    ids = pa.array(np.char.add("1101011990", serial))
    projects = pa.array(np.char.add("XM", np.char.zfill(np.arange(n_projects).astype(str), 6)))
    worker_project = rng.integers(0, n_projects, n_workers)
    basis = np.where(rng.random(n_workers) < 0.6, "日薪", "月薪")
    rate = np.where(
        basis == "日薪", rng.integers(150, 450, n_workers), rng.integers(4000, 12000, n_workers)
    ).astype("float64")
    workers = pd.DataFrame(
        {
            "id_number": pd.Series(ids, dtype="str"),
            "name": pd.Series(pa.array(np.char.add("工人", serial)), dtype="str"),
            "project_id": pd.Series(projects.take(pa.array(worker_project)), dtype="str"),
            "team": pd.Series(
                np.where(rng.random(n_workers) < 0.5, "木工班", "钢筋班"), dtype="str"
            ),
            "wage_basis": pd.Series(basis, dtype="str"),
            "wage_rate": rate,
        }
    )
    n = n_workers * n_months
    worker = np.repeat(np.arange(n_workers), n_months)
    month_number = np.tile(np.arange(n_months), n_workers) + (2023 - 1970) * 12
    days = rng.integers(0, 27, n).astype("float64")
    due = np.where(
        basis[worker] == "日薪", rate[worker] * days, rate[worker] * np.minimum(days, 21.75) / 21.75
    )
    short = rng.random(n) < 0.05
    paid = np.where(short, np.round(due * rng.random(n), -2), due)
    months = month_number.astype("datetime64[M]").astype("datetime64[ns]")
    pay_date = (months.astype("datetime64[M]") + 1).astype("datetime64[ns]") + np.timedelta64(
        9, "D"
    )
    payroll = pd.DataFrame(
        {
            "id_number": pd.Series(ids.take(pa.array(worker)), dtype="str"),
            "project_id": pd.Series(projects.take(pa.array(worker_project[worker])), dtype="str"),
            "month": months,
            "days_worked": days,
            "wage_due": due,
            "wage_paid": paid,
            "pay_date": pay_date,
            "pay_method": pd.Series(np.full(n, "银行代发"), dtype="str"),
            "source_row": np.arange(2, n + 2, dtype=np.int64),
        }
    )
    return payroll, workers


class PeakRSS:
    """Peak resident memory above the starting point, sampled in a thread."""

    def __enter__(self):
        self._proc = psutil.Process()
        self.start = self._proc.memory_info().rss
        self.peak = self.start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, self._proc.memory_info().rss)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._proc.memory_info().rss)

    @property
    def extra_gib(self) -> float:
        return (self.peak - self.start) / 2**30


def timed(fn):
    with PeakRSS() as mem:
        t0 = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - t0
    return result, seconds, mem.extra_gib


def run_case(label: str, payroll: pd.DataFrame, workers: pd.DataFrame) -> None:
    con = duckdb.connect()
    con.register("payroll", payroll)
    con.register("workers", workers)
    ours, t_ours, m_ours = timed(lambda: arrears_by_project(payroll, workers, as_of=AS_OF))
    theirs, t_duck, m_duck = timed(lambda: con.execute(SQL, {"as_of": AS_OF}).df())
    con.close()
    both = ours.merge(theirs, on="project_id", how="outer", suffixes=("", "_sql"))
    same = (
        len(ours) == len(theirs) == len(both)
        and np.allclose(both["amount"], both["amount_sql"])
        and all((both[c] == both[f"{c}_sql"]).all() for c in ("workers", "months", "worker_months"))
    )
    print(
        f"| {label} | {len(payroll):,} | {t_ours:.2f} s | {m_ours:.2f} GiB | {t_duck:.2f} s "
        f"| {m_duck:.2f} GiB | {t_ours / t_duck:.2f}× | {'yes' if same else 'NO'} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--projects", type=int, default=10_000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    payroll, workers = synthetic(args.workers, args.months, args.projects)
    print(
        f"synthetic payroll: {len(payroll):,} rows, {len(workers):,} workers, "
        f"built in {time.perf_counter() - t0:.1f} s; "
        f"RSS {psutil.Process().memory_info().rss / 2**30:.2f} GiB",
        flush=True,
    )
    print(
        "| case | payroll rows | wagekit | wagekit peak +RSS | DuckDB SQL | DuckDB peak +RSS "
        "| ratio | same result |"
    )
    print("|---|---|---|---|---|---|---|---|")
    run_case("应发工资 given", payroll, workers)
    run_case("应发工资 empty (from roster rate)", payroll.assign(wage_due=np.nan), workers)


if __name__ == "__main__":
    main()
