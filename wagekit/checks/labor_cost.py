"""Labour cost 人工费: the share of the project price set aside for wages and its funding.

The *labour cost due* 应拨付人工费 is what the employer (建设单位) must transfer into the wage
account for a period; the *labour cost paid* 已拨付人工费 is what it did. A project is
*underfunded* 人工费拨付不足 when paid < due, by the *shortfall* 差额 due − paid. A project with
either figure missing is not judged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wagekit.checks._text import yuan as _yuan
from wagekit.findings import empty_findings, make_findings

__all__ = ["labor_cost_shortfall", "labor_cost_findings"]

_CENT = 0.005


def labor_cost_shortfall(projects: pd.DataFrame) -> pd.DataFrame:
    """Projects whose labour cost paid is below the labour cost due.

    Returns
    -------
    DataFrame
        ``project_id, name, township, department, investment_type, labor_cost_due,
        labor_cost_paid, shortfall`` (due − paid, yuan), ``paid_share`` (paid / due, 4
        places) and ``source_row``; largest shortfall first.

    """
    due = projects["labor_cost_due"].astype("float64")
    paid = projects["labor_cost_paid"].astype("float64")
    short = (paid < due - _CENT).to_numpy(dtype=bool)
    rows = projects.loc[short]
    out = pd.DataFrame(
        {
            "project_id": rows["project_id"],
            "name": rows["name"],
            "township": rows["township"],
            "department": rows["department"],
            "investment_type": rows["investment_type"],
            "labor_cost_due": due[short],
            "labor_cost_paid": paid[short],
            "shortfall": (due - paid)[short],
            "paid_share": np.round(
                np.divide(
                    paid[short],
                    due[short],
                    out=np.zeros(short.sum()),
                    where=due[short].to_numpy() > 0,
                ),
                4,
            ),
            "source_row": rows["source_row"].astype("int64"),
        }
    )
    return out.sort_values("shortfall", ascending=False, kind="stable").reset_index(drop=True)


def labor_cost_findings(shortfall: pd.DataFrame) -> pd.DataFrame:
    """One finding per underfunded project (a :func:`labor_cost_shortfall` frame)."""
    if shortfall.empty:
        return empty_findings()
    message = (
        "项目"
        + shortfall["project_id"].astype("str")
        + "（"
        + shortfall["name"].astype("str")
        + "）应拨付人工费"
        + _yuan(shortfall["labor_cost_due"])
        + "元，已拨付"
        + _yuan(shortfall["labor_cost_paid"])
        + "元，拨付不足"
        + _yuan(shortfall["shortfall"])
        + "元"
    )
    return make_findings(
        "labor_cost.shortfall",
        "projects",
        shortfall["project_id"],
        message,
        severity="warning",
        row=shortfall["source_row"],
        column="labor_cost_paid",
        value=shortfall["shortfall"].round(2),
    )
