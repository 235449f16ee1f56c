"""Tiny literal roster and payroll frames with the dtypes a loaded campaign holds."""

import numpy as np
import pandas as pd

ID_A = "110101199001011237"
ID_B = "110101199002022345"
ID_C = "110101199003033456"


def workers(rows):
    """A roster from (id_number, name, project_id, team, wage_basis, wage_rate, start, end)."""
    ids, names, projects, teams, basis, rate, start, end = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "id_number": pd.Series(ids, dtype="str"),
            "name": pd.Series(names, dtype="str"),
            "project_id": pd.Series(projects, dtype="str"),
            "team": pd.Series(teams, dtype="str"),
            "contract_signed": pd.Series([True] * len(ids), dtype=bool),
            "wage_basis": pd.Series(basis, dtype="str"),
            "wage_rate": pd.Series(rate, dtype="float64"),
            "start_date": pd.to_datetime(pd.Series(start)).astype("datetime64[ns]"),
            "end_date": pd.to_datetime(pd.Series(end)).astype("datetime64[ns]"),
            "source_row": pd.Series(range(2, len(ids) + 2), dtype="int64"),
        }
    )


def payroll(rows):
    """A payroll from (id_number, project_id, month, days, due, paid, pay_date, method)."""
    ids, projects, months, days, due, paid, pay_date, method = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "id_number": pd.Series(ids, dtype="str"),
            "project_id": pd.Series(projects, dtype="str"),
            "month": pd.to_datetime(pd.Series(months)).astype("datetime64[ns]"),
            "days_worked": pd.Series(days, dtype="float64"),
            "wage_due": pd.Series([np.nan if d is None else d for d in due], dtype="float64"),
            "wage_paid": pd.Series(paid, dtype="float64"),
            "pay_date": pd.to_datetime(pd.Series(pay_date)).astype("datetime64[ns]"),
            "pay_method": pd.Series(method, dtype="str"),
            "source_row": pd.Series(range(2, len(ids) + 2), dtype="int64"),
        }
    )


def pay_row(
    id_number=ID_A,
    project="P1",
    month="2023-10-01",
    days=21.75,
    due=None,
    paid=0.0,
    pay_date=None,
    method="银行代发",
):
    """One payroll row for :func:`payroll`; every value has a plain default."""
    return (id_number, project, month, days, due, paid, pay_date, method)


ROSTER = workers(
    [
        (ID_A, "张三", "P1", "木工班", "月薪", 8700.0, "2023-09-01", None),
        (ID_B, "李四", "P1", "钢筋班", "日薪", 300.0, "2023-09-01", None),
        (ID_C, "王五", "P2", "木工班", "日薪", 200.0, "2023-09-01", None),
    ]
)
