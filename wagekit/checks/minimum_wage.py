"""Minimum wage 最低工资标准: worker-months paid below the local minimum.

The *minimum wage* 最低工资标准 is ``minimum_wage_monthly`` yuan a month (``[rules]``); its
*daily equivalent* 折算日工资 is that amount / 21.75 (月计薪天数). A worker-month is *below the
minimum* 低于最低工资标准 when the worker worked a *full month* 满勤 (days worked ≥ 21.75) and
the wage due (:mod:`wagekit.checks.wage_due`) is below the monthly minimum, or when the worker
is paid by the day (日薪) at a rate below the daily equivalent. A wage exactly at the minimum,
to the cent, is not below.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from wagekit.checks._frames import CENT as _CENT
from wagekit.checks._frames import empty_like as _empty_like
from wagekit.checks._frames import take as _take
from wagekit.checks._frames import timestamp as _timestamp
from wagekit.checks._frames import worker_positions as _worker_positions
from wagekit.checks._text import month_label as _month_label
from wagekit.checks._text import who as _who
from wagekit.checks._text import yuan as _yuan
from wagekit.checks.wage_due import DAYS_PER_MONTH, payroll_with_due
from wagekit.config import Rules
from wagekit.findings import empty_findings, make_findings

__all__ = ["below_minimum_wage", "below_minimum_wage_findings"]

_RULES = Rules()


def below_minimum_wage(
    payroll: pd.DataFrame | None,
    workers: pd.DataFrame | None,
    *,
    minimum_wage_monthly: float = _RULES.minimum_wage_monthly,
    as_of: dt.date | str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Worker-months paid below the minimum wage 低于最低工资标准.

    A worker-month is below when the worker worked a full month (days_worked ≥ 21.75) and the
    wage due is below ``minimum_wage_monthly``, or when the worker is paid by the day (日薪)
    at a rate below ``minimum_wage_monthly`` / 21.75. A wage exactly at the minimum is not
    below. With ``as_of``, months after it are left out.

    Returns
    -------
    DataFrame
        ``id_number, name, project_id, month, days_worked, wage_basis, wage_rate, wage_due,
        minimum`` (the monthly minimum, or the daily minimum for 日薪 rates), ``reason``
        (``full_month`` or ``daily_rate``), ``source_row``.

    """
    columns = {
        "id_number": "str",
        "name": "str",
        "project_id": "str",
        "month": "datetime64[ns]",
        "days_worked": "float64",
        "wage_basis": "str",
        "wage_rate": "float64",
        "wage_due": "float64",
        "minimum": "float64",
        "reason": "str",
        "source_row": "int64",
    }
    if payroll is None or payroll.empty:
        return _empty_like(columns)
    rows = payroll if as_of is None else payroll.loc[payroll["month"] <= _timestamp(as_of)]
    full = payroll_with_due(rows, workers)
    pos = _worker_positions(full, workers)
    index = full.index
    if workers is not None:
        basis = _take(workers["wage_basis"], pos, index)
        rate = _take(workers["wage_rate"].astype("float64"), pos, index)
        name = _take(workers["name"], pos, index)
    else:
        basis = pd.Series(np.nan, index=index, dtype="str")
        rate = pd.Series(np.nan, index=index, dtype="float64")
        name = basis
    daily_minimum = minimum_wage_monthly / DAYS_PER_MONTH
    days = full["days_worked"].to_numpy(dtype="float64", na_value=np.nan)
    full_month = (days >= DAYS_PER_MONTH) & (
        full["wage_due"].to_numpy() < minimum_wage_monthly - _CENT
    )
    daily = (basis == "日薪").to_numpy(dtype=bool, na_value=False) & (
        rate.to_numpy() < daily_minimum - _CENT / DAYS_PER_MONTH
    )
    hit = full_month | daily
    out = pd.DataFrame(
        {
            "id_number": full["id_number"],
            "name": name,
            "project_id": full["project_id"],
            "month": full["month"],
            "days_worked": days,
            "wage_basis": basis,
            "wage_rate": rate,
            "wage_due": full["wage_due"],
            "minimum": np.where(full_month, minimum_wage_monthly, daily_minimum),
            "reason": np.where(full_month, "full_month", "daily_rate"),
            "source_row": full["source_row"],
        }
    ).loc[hit]
    return out.astype(columns).reset_index(drop=True)


def below_minimum_wage_findings(below: pd.DataFrame) -> pd.DataFrame:
    """One finding per worker-month below the minimum wage (a :func:`below_minimum_wage` frame)."""
    if below.empty:
        return empty_findings()
    who = _who(below["name"], below["id_number"]) + _month_label(below["month"])
    days = below["days_worked"].round(2).astype("str").str.removesuffix(".0")
    full = (
        who
        + "出勤"
        + days
        + "天，应发"
        + _yuan(below["wage_due"])
        + "元，低于最低工资标准"
        + _yuan(below["minimum"])
        + "元/月"
    )
    daily = (
        who
        + "日薪"
        + _yuan(below["wage_rate"])
        + "元，低于最低工资标准折算的日工资"
        + _yuan(below["minimum"])
        + "元"
    )
    is_full = below["reason"] == "full_month"
    return make_findings(
        "payroll.minimum_wage",
        "payroll",
        below["project_id"],
        pd.Series(np.where(is_full, full, daily), index=below.index),
        severity="serious",
        row=below["source_row"],
        column="wage_due",
        value=pd.Series(
            np.where(is_full, below["wage_due"], below["wage_rate"]), index=below.index
        ).round(2),
    )
