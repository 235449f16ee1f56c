"""Runs of unpaid months 连续欠薪月数: how long a worker has gone unpaid on a project.

A *run* 连续欠薪 is a sequence of consecutive months in which a worker is owed wages on one
project (a worker-month in arrears, :mod:`wagekit.checks.wage_due`); it is broken by a month
without arrears or without a payroll row. The *current run* 当前连续欠薪 is the one ending at the
worker's latest payroll month on the project (0 when that month is paid); the *longest run*
最长连续欠薪 is the longest of them. A current run of two months is a warning 一般, of three or
more serious 严重.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from wagekit.checks._frames import empty_like as _empty_like
from wagekit.checks._frames import month_numbers as _month_numbers
from wagekit.checks._frames import months_to_timestamps as _months_to_timestamps
from wagekit.checks._frames import timestamp as _timestamp
from wagekit.checks._text import month_label as _month_label
from wagekit.checks._text import who as _who
from wagekit.checks._text import yuan as _yuan
from wagekit.checks.wage_due import worker_month_arrears
from wagekit.findings import empty_findings, make_findings

__all__ = ["months_unpaid_in_a_row", "unpaid_run_findings"]


def months_unpaid_in_a_row(
    payroll: pd.DataFrame | None,
    workers: pd.DataFrame | None,
    *,
    as_of: dt.date | str | pd.Timestamp,
) -> pd.DataFrame:
    """Measure runs of consecutive months with arrears 连续欠薪月数, per worker and project.

    A run is broken by a month without arrears or without a payroll row. The *current* run is
    the one that ends at the worker's latest payroll month on the project up to ``as_of``
    (0 when that month has no arrears).

    Returns
    -------
    DataFrame
        One row per worker and project with any arrears: ``project_id, id_number, name,
        longest_run, current_run`` (int64, months), ``last_month`` (latest payroll month),
        ``amount`` (all arrears up to ``as_of``), longest run first.

    """
    columns = {
        "project_id": "str",
        "id_number": "str",
        "name": "str",
        "longest_run": "int64",
        "current_run": "int64",
        "last_month": "datetime64[ns]",
        "amount": "float64",
    }
    arrears = worker_month_arrears(payroll, workers, as_of=as_of)
    if arrears.empty:
        return _empty_like(columns)
    # distinct arrears months per worker and project, sorted
    pair_codes, _ = pd.factorize(
        pd.MultiIndex.from_arrays([arrears["project_id"], arrears["id_number"]])
    )
    month = _month_numbers(arrears["month"])
    order = np.lexsort((month, pair_codes))
    pairs, month = pair_codes[order], month[order]
    keep = np.ones(len(pairs), dtype=bool)
    keep[1:] = (pairs[1:] != pairs[:-1]) | (month[1:] != month[:-1])
    pairs, month = pairs[keep], month[keep]
    new_run = np.ones(len(pairs), dtype=bool)
    new_run[1:] = (pairs[1:] != pairs[:-1]) | (month[1:] != month[:-1] + 1)
    run_id = np.cumsum(new_run) - 1
    run_length = np.bincount(run_id)
    run_pair = pairs[new_run]
    run_last = np.zeros(len(run_length), dtype=np.int64)
    run_last[run_id] = month  # the last write wins: months are sorted
    n = int(pair_codes.max()) + 1
    longest = np.zeros(n, dtype=np.int64)
    np.maximum.at(longest, run_pair, run_length)

    # each pair's latest payroll month up to as_of (any row, with or without arrears)
    up_to = payroll.loc[(payroll["month"] <= _timestamp(as_of)).to_numpy()]
    latest = (
        pd.DataFrame(
            {
                "project_id": up_to["project_id"],
                "id_number": up_to["id_number"],
                "m": _month_numbers(up_to["month"]),
            }
        )
        .groupby(["project_id", "id_number"], sort=False, observed=True)["m"]
        .max()
    )
    first_rows = arrears.iloc[order[keep][new_run]].drop_duplicates(["project_id", "id_number"])
    pair_index = pd.MultiIndex.from_arrays([first_rows["project_id"], first_rows["id_number"]])
    first_pair = pair_codes[order[keep][new_run]]
    first_pair = first_pair[np.unique(first_pair, return_index=True)[1]]
    last_month = latest.reindex(pair_index).to_numpy(dtype=np.int64)
    current = np.zeros(n, dtype=np.int64)
    ends_now = run_last == last_month[np.searchsorted(first_pair, run_pair)]
    current[run_pair[ends_now]] = run_length[ends_now]
    amount = np.bincount(pair_codes, weights=arrears["arrears"].to_numpy(), minlength=n)
    out = pd.DataFrame(
        {
            "project_id": first_rows["project_id"].to_numpy(),
            "id_number": first_rows["id_number"].to_numpy(),
            "name": first_rows["name"].to_numpy(),
            "longest_run": longest[first_pair],
            "current_run": current[first_pair],
            "last_month": _months_to_timestamps(last_month),
            "amount": amount[first_pair],
        }
    )
    return (
        out.astype(columns)
        .sort_values(["longest_run", "amount"], ascending=False)
        .reset_index(drop=True)
    )


def unpaid_run_findings(runs: pd.DataFrame, *, min_months: int = 2) -> pd.DataFrame:
    """Workers whose current run of unpaid months is ``min_months`` or longer.

    ``runs`` is a :func:`months_unpaid_in_a_row` frame; 3 months or more is ``serious``.
    """
    rows = runs.loc[runs["current_run"] >= min_months]
    if rows.empty:
        return empty_findings()
    message = (
        _who(rows["name"], rows["id_number"])
        + "在项目"
        + rows["project_id"].astype("str")
        + "已连续"
        + rows["current_run"].astype("str")
        + "个月欠薪（至"
        + _month_label(rows["last_month"])
        + "），累计欠薪"
        + _yuan(rows["amount"])
        + "元"
    )
    return make_findings(
        "payroll.unpaid_run",
        "payroll",
        rows["project_id"],
        message,
        severity=pd.Series(
            np.where(rows["current_run"] >= 3, "serious", "warning"), index=rows.index
        ),
        column="month",
        value=rows["current_run"],
    )
