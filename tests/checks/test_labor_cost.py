import numpy as np
import pandas as pd

from wagekit.checks import labor_cost as lc
from wagekit.findings import FINDING_COLUMNS


def _projects(due, paid):
    n = len(due)
    return pd.DataFrame(
        {
            "project_id": pd.Series([f"P{i + 1}" for i in range(n)], dtype="str"),
            "name": pd.Series([f"{i + 1}号楼" for i in range(n)], dtype="str"),
            "township": pd.Series(["甲镇"] * n, dtype="str"),
            "department": pd.Series(["住建局"] * n, dtype="str"),
            "investment_type": pd.Series(["政府投资"] * n, dtype="str"),
            "labor_cost_due": pd.Series(due, dtype="float64"),
            "labor_cost_paid": pd.Series(paid, dtype="float64"),
            "source_row": pd.Series(range(2, n + 2), dtype="int64"),
        }
    )


def test_paid_below_due_is_a_shortfall():
    """已拨付 < 应拨付: underfunded by the difference."""
    out = lc.labor_cost_shortfall(_projects([1_000_000.0], [600_000.0]))
    assert out[["project_id", "shortfall", "paid_share"]].to_dict("records") == [
        {"project_id": "P1", "shortfall": 400_000.0, "paid_share": 0.6}
    ]


def test_paid_exactly_due_is_not_a_shortfall():
    """已拨付 = 应拨付 is fully funded."""
    assert lc.labor_cost_shortfall(_projects([1_000_000.0], [1_000_000.0])).empty


def test_missing_figures_are_not_judged():
    """A project with 应拨付 or 已拨付 empty is not counted as underfunded."""
    assert lc.labor_cost_shortfall(_projects([np.nan, 100.0], [50.0, np.nan])).empty


def test_largest_shortfall_comes_first():
    """Projects are ranked by shortfall, largest first."""
    out = lc.labor_cost_shortfall(_projects([100.0, 1000.0], [0.0, 0.0]))
    assert out["project_id"].tolist() == ["P2", "P1"]


def test_finding_states_due_paid_and_shortfall():
    """The message gives both figures and the shortfall in yuan."""
    out = lc.labor_cost_findings(lc.labor_cost_shortfall(_projects([1_250_000.0], [1_000_000.0])))
    assert tuple(out.columns) == FINDING_COLUMNS
    assert out["message"].tolist() == [
        "项目P1（1号楼）应拨付人工费1,250,000元，已拨付1,000,000元，拨付不足250,000元"
    ]
