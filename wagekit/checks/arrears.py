"""Arrears grouped 欠薪汇总: per project, per worker, and per subject.

The worker-months in arrears 欠薪人月 (:mod:`wagekit.checks.wage_due`) are summed per *group*:
a project 项目 (项目欠薪), a worker on a project 个人欠薪 (a worker owed on two projects has two
rows), or a *subject* 主体 — a project (by 项目编号) or an employer 用人单位 (by 统一社会信用代码).
A group's *amount* 金额 is the sum of its arrears, its *workers* 人数 the distinct workers owed,
its *months* 月数 the distinct months with arrears. A project with payroll rows is judged from its
payroll; a project without payroll rows, and every employer, from the arrears its ledger reports
(欠薪金额, 欠薪人数, usually from the screening 摸排). Every subject is listed, with amount 0 when
nothing is owed, so that risk tiers (:mod:`wagekit.risk`) can be computed for all of them.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from wagekit.checks._frames import codes as _codes
from wagekit.checks._frames import empty_like as _empty_like
from wagekit.checks._frames import month_numbers as _month_numbers
from wagekit.checks._frames import months_to_timestamps as _months_to_timestamps
from wagekit.checks.wage_due import worker_month_arrears

__all__ = ["arrears_by_project", "arrears_by_subject", "arrears_by_worker"]

_COLUMNS = {
    "subject_id": "str",
    "subject_kind": "str",
    "amount": "float64",
    "workers": "Int64",
    "source": "str",
}


def _arrears_frame(arrears, payroll, workers, as_of) -> pd.DataFrame:
    if arrears is None:
        arrears = worker_month_arrears(payroll, workers, as_of=as_of)
    return arrears


def _group_arrears(arrears: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Amount, distinct workers, distinct months and worker-months per group (int codes)."""
    codes = []
    uniques = []
    for key in keys:
        c, u = _codes(arrears[key])
        codes.append(c)
        uniques.append(u)
    sizes = [len(u) for u in uniques]
    group = np.zeros(len(arrears), dtype=np.int64)
    for c, size in zip(codes, sizes, strict=True):
        group = group * size + c
    group_codes, group_uniques = pd.factorize(group)
    n = len(group_uniques)
    amount = np.bincount(group_codes, weights=arrears["arrears"].to_numpy(), minlength=n)
    worker_codes, _ = _codes(arrears["id_number"])
    month_numbers = _month_numbers(arrears["month"])
    month_codes, _ = pd.factorize(month_numbers)

    def distinct(other: np.ndarray) -> np.ndarray:
        pairs = np.unique(group_codes.astype(np.int64) * (other.max() + 1) + other)
        return np.bincount(pairs // (other.max() + 1), minlength=n)

    out = {}
    remaining = np.asarray(group_uniques, dtype=np.int64)
    decoded = []
    for size in reversed(sizes):
        decoded.append(remaining % size)
        remaining = remaining // size
    for key, u, c in zip(keys, uniques, reversed(decoded), strict=True):
        out[key] = pd.Series(u.take(c)).astype("str")
    out["amount"] = amount
    out["workers"] = distinct(worker_codes.astype(np.int64))
    out["months"] = distinct(month_codes.astype(np.int64))
    out["worker_months"] = np.bincount(group_codes, minlength=n)
    frame = pd.DataFrame(out)
    first = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first, group_codes, month_numbers)
    last = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(last, group_codes, month_numbers)
    frame["first_month"] = _months_to_timestamps(first)
    frame["last_month"] = _months_to_timestamps(last)
    frame = frame.astype({"workers": "int64", "months": "int64", "worker_months": "int64"})
    return frame.sort_values(["amount", *keys], ascending=[False] + [True] * len(keys)).reset_index(
        drop=True
    )


_GROUP_COLUMNS = {
    "amount": "float64",
    "workers": "int64",
    "months": "int64",
    "worker_months": "int64",
    "first_month": "datetime64[ns]",
    "last_month": "datetime64[ns]",
}


def arrears_by_project(
    payroll: pd.DataFrame | None,
    workers: pd.DataFrame | None,
    *,
    as_of: dt.date | str | pd.Timestamp,
    arrears: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Arrears per project 项目欠薪, from the payroll up to ``as_of``.

    ``arrears`` may pass an already computed :func:`worker_month_arrears` frame.

    Returns
    -------
    DataFrame
        One row per project with arrears, largest amount first: ``project_id, amount`` (yuan),
        ``workers`` (distinct workers owed), ``months`` (distinct months with arrears),
        ``worker_months``, ``first_month, last_month``.

    """
    arrears = _arrears_frame(arrears, payroll, workers, as_of)
    if arrears.empty:
        return _empty_like({"project_id": "str", **_GROUP_COLUMNS})
    return _group_arrears(arrears, ["project_id"])


def arrears_by_worker(
    payroll: pd.DataFrame | None,
    workers: pd.DataFrame | None,
    *,
    as_of: dt.date | str | pd.Timestamp,
    arrears: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Arrears per worker and project 个人欠薪 (a worker owed on two projects has two rows).

    Returns
    -------
    DataFrame
        ``project_id, id_number, name, team, amount, months, first_month, last_month``
        (``months``: distinct months with arrears), largest amount first.

    """
    arrears = _arrears_frame(arrears, payroll, workers, as_of)
    columns = {
        "project_id": "str",
        "id_number": "str",
        "name": "str",
        "team": "str",
        "amount": "float64",
        "months": "int64",
        "first_month": "datetime64[ns]",
        "last_month": "datetime64[ns]",
    }
    if arrears.empty:
        return _empty_like(columns)
    grouped = _group_arrears(arrears, ["project_id", "id_number"])
    who = arrears.drop_duplicates(["project_id", "id_number"])[
        ["project_id", "id_number", "name", "team"]
    ]
    out = grouped.merge(who, on=["project_id", "id_number"], how="left", sort=False)
    return out[list(columns)].astype(columns)


def arrears_by_subject(
    projects: pd.DataFrame | None,
    employers: pd.DataFrame | None,
    payroll: pd.DataFrame | None = None,
    workers: pd.DataFrame | None = None,
    *,
    as_of: dt.date | str | pd.Timestamp,
    arrears: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Arrears of every project and employer.

    ``arrears`` may pass an already computed
    :func:`wagekit.checks.wage_due.worker_month_arrears` frame. Payroll rows of projects that
    are not in ``projects`` are ignored.

    Returns
    -------
    DataFrame
        One row per project (ledger order) then per employer: ``subject_id``,
        ``subject_kind`` (``project`` / ``employer``), ``amount`` (float64 yuan, 0 when none;
        an empty ledger cell counts as 0), ``workers`` ("Int64" workers owed; 0 when nothing
        is owed, missing when the ledger gives an amount without a head count), ``source``
        (``payroll`` / ``ledger``).

    """
    frames = []
    if projects is not None:
        ledger_amount = projects["arrears_amount"].astype("float64").fillna(0.0)
        ledger_workers = projects["arrears_workers"].astype("Int64")
        frame = pd.DataFrame(
            {
                "subject_id": projects["project_id"],
                "subject_kind": "project",
                "amount": ledger_amount,
                "workers": ledger_workers.mask(ledger_amount <= 0, 0),
                "source": "ledger",
            }
        )
        if payroll is not None and not payroll.empty:
            with_payroll = projects["project_id"].isin(payroll["project_id"].unique())
            owed = arrears_by_project(payroll, workers, as_of=as_of, arrears=arrears)
            owed = owed.set_index("project_id")
            ids = projects["project_id"].loc[with_payroll]
            frame.loc[with_payroll, "amount"] = (
                owed["amount"].reindex(ids, fill_value=0.0).to_numpy()
            )
            frame.loc[with_payroll, "workers"] = (
                owed["workers"].reindex(ids, fill_value=0).to_numpy()
            )
            frame.loc[with_payroll, "source"] = "payroll"
        frames.append(frame)
    if employers is not None:
        amount = employers["arrears_amount"].astype("float64").fillna(0.0)
        frames.append(
            pd.DataFrame(
                {
                    "subject_id": employers["employer_id"],
                    "subject_kind": "employer",
                    "amount": amount,
                    "workers": employers["arrears_workers"].astype("Int64").mask(amount <= 0, 0),
                    "source": "ledger",
                }
            )
        )
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _COLUMNS.items()})
    out = pd.concat([f.astype(_COLUMNS) for f in frames], ignore_index=True)
    return out.astype(_COLUMNS)
