import datetime as dt

import pandas as pd
import pytest

from wagekit.checks.orders import lapsed_orders

AS_OF = dt.date(2024, 1, 5)


def _orders(*rows: tuple) -> pd.DataFrame:
    """Orders from (subject_id, deadline, fulfilled_date, status, kind), issued 2023-12-01."""
    subject, deadline, fulfilled, status, kind = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "subject_id": pd.Series(subject, dtype="str"),
            "kind": pd.Series(kind, dtype="str"),
            "issued": pd.to_datetime(["2023-12-01"] * len(rows)),
            "deadline": pd.to_datetime(list(deadline)),
            "status": pd.Series(status, dtype="str"),
            "fulfilled_date": pd.to_datetime(list(fulfilled)),
        }
    )


@pytest.mark.parametrize(
    ("deadline", "fulfilled", "status", "lapsed"),
    [
        ("2024-01-04", None, "待履行", True),  # deadline passed yesterday, unpaid
        ("2024-01-05", None, "待履行", False),  # deadline is today: not lapsed yet
        ("2024-01-04", "2024-01-03", "已履行", False),  # paid in time
        ("2024-01-04", "2024-01-08", "已履行", True),  # paid only after as_of
        ("2024-01-04", None, "已撤销", False),  # withdrawn
        (None, None, "逾期未履行", True),  # recorded as lapsed by the inspector
    ],
)
def test_order_to_pay_lapsed_unpaid(deadline, fulfilled, status, lapsed):
    """An order to pay whose deadline is before as_of and is unpaid on as_of has lapsed."""
    orders = _orders(("P1", deadline, fulfilled, status, "限期整改指令书"))
    assert lapsed_orders(orders, AS_OF)["subject_id"].tolist() == (["P1"] if lapsed else [])


def test_only_orders_to_pay_lapse():
    """An interview record 约谈询问笔录 past its date is not an order to pay."""
    orders = _orders(("P1", "2023-12-10", None, "待履行", "约谈询问笔录"))
    assert lapsed_orders(orders, AS_OF).empty


def test_a_subject_keeps_its_earliest_lapsed_deadline():
    """Two lapsed orders on one subject: one row, the earlier deadline."""
    orders = _orders(
        ("P1", "2023-12-20", None, "待履行", "限期整改指令书"),
        ("P1", "2023-12-10", None, "待履行", "限期整改指令书"),
    )
    out = lapsed_orders(orders, AS_OF)
    assert out.to_dict("records") == [
        {"subject_id": "P1", "order_deadline": pd.Timestamp("2023-12-10")}
    ]


def test_no_orders_recorded_gives_the_documented_columns():
    """With no orders (None or a frame without columns) the result is empty, same columns."""
    for orders in (None, pd.DataFrame()):
        assert list(lapsed_orders(orders, AS_OF).columns) == ["subject_id", "order_deadline"]
