"""Early warnings 预警: the colour of every project and month of payroll (CONTRACT section 3).

A month is *judged* 研判 once it is over. Its *attending* 出勤 workers are those with days worked
> 0 on the project's payroll that month. An attending worker has *no pay record* 无工资发放记录
when no payroll row of the month shows a payment, is *paid* 已发放 with a payment dated on or
before the day of the figures, and is *late* 逾期 when not paid by the end of month M+1 although
that day has passed. *Red* 红色预警: any late worker, or more than 10% of the attending workers
without a pay record; *yellow* 黄色预警: fewer workers paid than attended, without reaching
red; *green* 绿色 otherwise. A project's *worst colour* 最高预警等级 is the worst of its months
(red over yellow over green): the one colour the figures, the risk tiers and the apps show.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from wagekit.checks._frames import codes as _codes
from wagekit.checks._frames import due_by as _due_by
from wagekit.checks._frames import empty_like as _empty_like
from wagekit.checks._frames import month_numbers as _month_numbers
from wagekit.checks._frames import months_to_timestamps as _months_to_timestamps
from wagekit.checks._frames import timestamp as _timestamp
from wagekit.checks._frames import worker_positions as _worker_positions
from wagekit.checks._text import month_label as _month_label
from wagekit.findings import empty_findings, make_findings
from wagekit.labels import WARNING_LABELS

__all__ = [
    "WARNING_RANK",
    "payroll_warnings",
    "warning_counts",
    "warning_findings",
    "worst_warning",
]

WARNING_RANK = {"green": 0, "yellow": 1, "red": 2}
"""Colours from best to worst: a project counts once, at the worst colour of its months."""

_WARNING_COLUMNS = {
    "project_id": "str",
    "month": "datetime64[ns]",
    "attended": "int64",
    "paid": "int64",
    "late": "int64",
    "no_record": "int64",
    "colour": "str",
}


def payroll_warnings(
    payroll: pd.DataFrame | None,
    workers: pd.DataFrame | None,
    *,
    as_of: dt.date | str | pd.Timestamp,
    no_record_share: float = 0.10,
) -> pd.DataFrame:
    """Early-warning colour 预警等级 of every project and month (CONTRACT section 3).

    A month is judged once it is over (its last day is before ``as_of``). Its *attending*
    workers are those with days_worked > 0 on the project's payroll that month: attendance is
    only known from the payroll (rostered workers without a payroll row are a real-name gap,
    :func:`roster_gaps`, not an attendance). An attending worker has *no pay record* when no
    payroll row of the month shows a payment (wage_paid > 0 with a pay date). A worker is
    *paid* with a payroll row whose pay date is on or before ``as_of`` and wage_paid > 0, and
    *late* when they attended and were not paid by the end of month M+1 although that day is
    before ``as_of`` (paid on that very day is on time).

    Red 红色: any late worker, or more than ``no_record_share`` of the attending workers with no
    pay record (exactly 10% is not red). Yellow 黄色: fewer workers paid than attended, without
    reaching red. Green 绿色 otherwise.

    Returns
    -------
    DataFrame
        One row per project and judged month: ``project_id, month, attended, paid, late,
        no_record`` (int64 worker counts) and ``colour`` (``red`` / ``yellow`` / ``green``).

    """
    if payroll is None or payroll.empty:
        return _empty_like(_WARNING_COLUMNS)
    as_of = _timestamp(as_of)
    as_of_month = int(np.datetime64(as_of, "M").astype(np.int64))
    pay_month = _month_numbers(payroll["month"])
    judged = pay_month < as_of_month
    pos = _worker_positions(payroll, workers)
    rows = payroll.loc[judged]
    month = pay_month[judged]
    pos_rows = pos[judged]
    if len(rows) == 0:
        return _empty_like(_WARNING_COLUMNS)
    # a worker code: the roster position, or a code after the roster for unknown ID numbers
    n_roster = 0 if workers is None else len(workers)
    worker = pos_rows.copy()
    unknown = worker < 0
    if unknown.any():
        worker[unknown] = n_roster + _codes(rows["id_number"].loc[unknown])[0]
    due_by = _due_by(rows["month"]).to_numpy()
    pay_date = rows["pay_date"].to_numpy(dtype="datetime64[ns]")
    given = rows["wage_paid"].to_numpy(dtype="float64", na_value=0.0) > 0
    attended = rows["days_worked"].to_numpy(dtype="float64", na_value=0.0) > 0
    paid = given & (pay_date <= np.datetime64(as_of, "ns"))
    late = attended & (due_by < np.datetime64(as_of, "ns")) & ~(given & (pay_date <= due_by))
    no_record = attended & ~(given & ~np.isnat(pay_date))

    per_worker = (
        pd.DataFrame(
            {
                "project_id": rows["project_id"].to_numpy(),
                "m": month,
                "w": worker,
                "attended": attended,
                "paid": paid,
                "late": late,
                "no_record": no_record,
            }
        )
        .groupby(["project_id", "m", "w"], sort=False)
        .max()
    )
    per_month = per_worker.groupby(level=["project_id", "m"], sort=False).sum()
    red = (per_month["late"] > 0) | (
        per_month["no_record"] > no_record_share * per_month["attended"] + 1e-9
    )
    yellow = ~red & (per_month["paid"] < per_month["attended"])
    per_month["colour"] = np.where(red, "red", np.where(yellow, "yellow", "green"))
    out = per_month.reset_index()
    out["month"] = _months_to_timestamps(out["m"].to_numpy(dtype=np.int64))
    out = out[list(_WARNING_COLUMNS)].astype(_WARNING_COLUMNS)
    return out.sort_values(["project_id", "month"]).reset_index(drop=True)


def worst_warning(warnings: pd.DataFrame | None) -> pd.Series | None:
    """The worst colour of every project with a red or yellow month.

    ``warnings`` is a :func:`payroll_warnings` frame (or ``None``). Returns a Series of
    ``red`` / ``yellow`` indexed by project_id (projects that stayed green are absent), or
    ``None`` when there is no warning frame or it is empty.
    """
    if warnings is None or warnings.empty:
        return None
    rank = warnings["colour"].map(WARNING_RANK).astype("int64")
    worst = rank.groupby(warnings["project_id"]).max()
    colours = {r: c for c, r in WARNING_RANK.items()}
    return worst[worst > 0].map(colours)


def warning_counts(warnings: pd.DataFrame) -> dict[str, int]:
    """Projects per colour, each project counted once at its worst colour.

    ``warnings`` is a :func:`payroll_warnings` frame. Returns ``{"red": n, "yellow": n}``.
    """
    worst = worst_warning(warnings)
    if worst is None:
        return {"red": 0, "yellow": 0}
    return {"red": int((worst == "red").sum()), "yellow": int((worst == "yellow").sum())}


def warning_findings(warnings: pd.DataFrame) -> pd.DataFrame:
    """One finding per red or yellow project-month (a :func:`payroll_warnings` frame)."""
    rows = warnings.loc[warnings["colour"] != "green"]
    if rows.empty:
        return empty_findings()
    red = rows["colour"] == "red"
    message = (
        "项目"
        + rows["project_id"].astype("str")
        + " "
        + _month_label(rows["month"])
        + rows["colour"].map(WARNING_LABELS)
        + "：出勤"
        + rows["attended"].astype("str")
        + "人，已发放工资"
        + rows["paid"].astype("str")
        + "人"
        + pd.Series(
            np.where(
                rows["late"] > 0, "，" + rows["late"].astype("str") + "人超过次月底仍未发放", ""
            ),
            index=rows.index,
        )
        + pd.Series(
            np.where(
                rows["no_record"] > 0,
                "，" + rows["no_record"].astype("str") + "人在场但无工资发放记录",
                "",
            ),
            index=rows.index,
        )
    )
    return make_findings(
        "payroll.warning",
        "payroll",
        rows["project_id"],
        message,
        severity=pd.Series(np.where(red, "serious", "warning"), index=rows.index),
        column="month",
        value=rows["colour"],
    )
