"""Pay methods 发放方式: wages not paid through a bank.

The *pay method* 发放方式 of a payroll row is 银行代发 (paid by the bank into the worker's own
account, as the 保障农民工工资支付条例 requires), 现金 (*cash*) or 班组长代领 (*collected by the
team leader* on the workers' behalf). The last two leave no trace that the worker was paid and
are listed one row at a time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wagekit.checks._frames import empty_like as _empty_like
from wagekit.checks._frames import positions as _positions
from wagekit.checks._frames import take as _take
from wagekit.checks._text import month_label as _month_label
from wagekit.checks._text import who as _who
from wagekit.checks._text import yuan as _yuan
from wagekit.findings import empty_findings, make_findings

__all__ = ["CASH_METHODS", "cash_or_via_foreman", "cash_or_via_foreman_findings"]

CASH_METHODS = ("现金", "班组长代领")


def cash_or_via_foreman(
    payroll: pd.DataFrame | None, workers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Wages paid in cash 现金 or collected by the team leader 班组长代领, not through a bank.

    Returns
    -------
    DataFrame
        ``id_number, name`` (from the roster when given), ``project_id, month, pay_method,
        wage_paid, source_row``, one row per such payroll row.

    """
    columns = {
        "id_number": "str",
        "name": "str",
        "project_id": "str",
        "month": "datetime64[ns]",
        "pay_method": "str",
        "wage_paid": "float64",
        "source_row": "int64",
    }
    if payroll is None or payroll.empty:
        return _empty_like(columns)
    rows = payroll.loc[payroll["pay_method"].isin(CASH_METHODS).to_numpy(dtype=bool)]
    if workers is not None and len(rows):
        name = _take(
            workers["name"], _positions(rows["id_number"], workers["id_number"]), rows.index
        )
    else:
        name = pd.Series(np.nan, index=rows.index, dtype="str")
    out = rows[["id_number", "project_id", "month", "pay_method", "wage_paid", "source_row"]]
    out = out.assign(name=name)[list(columns)]
    return out.astype(columns).reset_index(drop=True)


def cash_or_via_foreman_findings(rows: pd.DataFrame) -> pd.DataFrame:
    """One finding per wage paid in cash or collected by a team leader (not bank-paid)."""
    if rows.empty:
        return empty_findings()
    how = np.where(rows["pay_method"] == "现金", "以现金发放", "由班组长代领")
    message = (
        _who(rows["name"], rows["id_number"])
        + _month_label(rows["month"])
        + "工资"
        + _yuan(rows["wage_paid"].fillna(0.0))
        + "元"
        + how
        + "，未通过银行代发"
    )
    return make_findings(
        "payroll.cash_or_via_foreman",
        "payroll",
        rows["project_id"],
        message,
        severity="warning",
        row=rows["source_row"],
        column="pay_method",
        value=rows["pay_method"],
    )
