"""Orders 执法文书: orders to pay whose deadline lapsed unpaid.

An *order to pay* 限期整改指令书 names a subject 主体 (a project, an employer, a case or a
respondent, by its id) and a *deadline* 履行期限. It *lapsed* 逾期未履行 on a day when it was
issued by then, was not withdrawn 已撤销, was not fulfilled 已履行 on or before that day, and
either its deadline is before that day or the inspector recorded it as 逾期未履行 (with no
deadline, or one not after that day). A subject that meets the criminal amount standard
(:mod:`wagekit.checks.criminal_threshold`) and has a lapsed order is ready for the prior notice
of blacklisting 纳入黑名单事先告知书 (人社部令第45号) and the transfer to the police 移送公安.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

__all__ = ["ORDER_TO_PAY", "lapsed_orders"]

ORDER_TO_PAY = "限期整改指令书"
_ORDER_COLUMNS = {"subject_id", "kind", "issued", "deadline", "status", "fulfilled_date"}


def _day(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series).astype("datetime64[ns]")


def lapsed_orders(orders: pd.DataFrame | None, as_of: dt.date) -> pd.DataFrame:
    """Orders to pay issued by ``as_of`` whose deadline passed without payment by ``as_of``.

    Parameters
    ----------
    orders
        The recorded orders (``subject_id, kind, issued, deadline, status, fulfilled_date``),
        or ``None`` / empty when none were recorded.
    as_of
        The day of the figures.

    Returns
    -------
    DataFrame
        ``subject_id`` (str), ``order_deadline`` (datetime64[ns]: the earliest lapsed deadline
        of the subject), one row per subject with a lapsed order.

    """
    empty = pd.DataFrame(
        {"subject_id": pd.Series(dtype="str"), "order_deadline": pd.Series(dtype="datetime64[ns]")}
    )
    if orders is None or orders.empty or not _ORDER_COLUMNS <= set(orders.columns):
        return empty
    day = pd.Timestamp(as_of)
    deadline = _day(orders["deadline"])
    fulfilled = _day(orders["fulfilled_date"])
    paid = fulfilled.notna() & (fulfilled <= day)
    lapsed = (
        (orders["kind"] == ORDER_TO_PAY)
        & (_day(orders["issued"]) <= day)
        & (orders["status"] != "已撤销")
        & ~paid
        & (
            (deadline < day)
            | ((orders["status"] == "逾期未履行") & (deadline.isna() | (deadline <= day)))
        )
    )
    if not lapsed.any():
        return empty
    return (
        pd.DataFrame(
            {"subject_id": orders["subject_id"].astype("str"), "order_deadline": deadline}
        )[lapsed.to_numpy()]
        .groupby("subject_id", as_index=False)["order_deadline"]
        .min()
    )
