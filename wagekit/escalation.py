"""Escalation 升级处置: the subjects to act on, and the next order on the ladder for each.

The *ladder* 处置阶梯 is the order kinds in :data:`wagekit.store.records.ORDER_KINDS`: an
interview record 约谈询问笔录, then an order to rectify and pay by a deadline 限期整改指令书,
then the prior notice of blacklisting 纳入黑名单事先告知书, then the transfer to the police
移送公安. A subject is *on the list* 待处置 when it meets the criminal amount standard
(:mod:`wagekit.checks.criminal_threshold`, ``Assessment.criminal``) or when one of its orders is
*overdue* 逾期未履行: issued by the day of the figures, neither fulfilled by then nor withdrawn,
and its deadline passed (or recorded as 逾期未履行). Its *step* 已到环节 is the highest kind of
order it has received (withdrawn orders not counted); its *next step* 下一步 is the kind
after that one (the first, 约谈询问笔录, when it has none; nothing after 移送公安).
*Order ignored* 指令书逾期未履行 is the summary's ``escalation.order_ignored``: a subject at the
criminal standard whose order to pay lapsed (:func:`wagekit.checks.orders.lapsed_orders`) — the
one ready for the blacklist notice and the police.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from wagekit.assessment import Assessment
from wagekit.labels import SUBJECT_KIND_LABELS as _KIND_LABELS
from wagekit.store.records import ORDER_KINDS

__all__ = [
    "ESCALATION_HEADERS",
    "TERM_DAYS",
    "escalation_list",
    "next_kind",
    "next_order",
    "overdue_orders",
]

TERM_DAYS = {"限期整改指令书": 7, "纳入黑名单事先告知书": 5}
"""Days given to comply with an order of each kind, when the office gives no deadline.

An order to pay gives a week to pay; the prior notice of blacklisting gives the subject five
days to state its case (陈述申辩). The other kinds have no deadline.
"""

ESCALATION_HEADERS = {
    "subject_id": "编号",
    "subject_kind": "类型",
    "name": "名称",
    "township": "属地",
    "arrears_amount": "欠薪金额（元）",
    "arrears_workers": "欠薪人数",
    "criminal": "达到拒不支付劳动报酬罪数额标准",
    "overdue_orders": "逾期未履行文书",
    "order_ignored": "指令书逾期未履行",
    "step": "已到环节",
    "next_kind": "下一步",
}

SUBJECT_KIND_LABELS = {**_KIND_LABELS, "case": "案件"}


def _day(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series).astype("datetime64[ns]")


def overdue_orders(orders: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Orders of any kind issued by ``as_of`` and overdue on it (unfulfilled, not withdrawn).

    Returns the rows of ``orders`` that are overdue, in their order.
    """
    day = pd.Timestamp(as_of)
    deadline = _day(orders["deadline"])
    fulfilled = _day(orders["fulfilled_date"])
    paid = fulfilled.notna() & (fulfilled <= day)
    overdue = (
        (_day(orders["issued"]) <= day)
        & (orders["status"] != "已撤销")
        & ~paid
        & ((deadline < day) | ((orders["status"] == "逾期未履行") & ~(deadline > day)))
    )
    return orders[overdue.to_numpy(dtype=bool)]


def next_kind(step: str | None) -> str | None:
    """The order kind after ``step`` on the ladder; the first without one; None after the last."""
    if step is None or step == "":
        return ORDER_KINDS[0]
    position = ORDER_KINDS.index(step)
    return ORDER_KINDS[position + 1] if position + 1 < len(ORDER_KINDS) else None


def _steps(orders: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """The highest kind of order each subject received by ``as_of`` (withdrawn not counted)."""
    given = orders[(_day(orders["issued"]) <= pd.Timestamp(as_of)) & (orders["status"] != "已撤销")]
    rank = given["kind"].map({k: i for i, k in enumerate(ORDER_KINDS)})
    top = rank.groupby(given["subject_id"]).max()
    return top.map(dict(enumerate(ORDER_KINDS))).astype("str")


_SUBJECT_COLUMNS = ["subject_kind", "name", "township", "arrears_amount", "arrears_workers"]


def _subjects(a: Assessment) -> pd.DataFrame:
    """Projects and employers by id, and cases by id (named by their respondent and project)."""
    parts = []
    if a.risk is not None:
        parts.append(a.risk.set_index("subject_id")[_SUBJECT_COLUMNS])
    status = a.case_status
    if status is not None:
        projects = a.get("projects")
        township = (
            status["project_id"].map(projects.set_index("project_id")["township"])
            if projects is not None
            else pd.Series(pd.NA, index=status.index)
        )
        parts.append(
            pd.DataFrame(
                {
                    "subject_kind": "case",
                    "name": ("案件" + status["case_id"] + "（" + status["respondent"] + "）"),
                    "township": township,
                    "arrears_amount": status["amount_involved"].where(~status["closed"]),
                    "arrears_workers": status["workers_involved"].where(~status["closed"]),
                }
            ).set_axis(status["case_id"].astype("str"))
        )
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in _SUBJECT_COLUMNS})
    frame = pd.concat(parts)
    return frame[~frame.index.duplicated()]


def escalation_list(a: Assessment) -> pd.DataFrame:
    """The subjects to act on, with what they owe, why they are listed and the next step.

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`ESCALATION_HEADERS`, one row per subject: ``subject_kind`` in Chinese
        (项目, 用人单位, 案件 for an order addressed to a case, empty for an unknown id);
        ``criminal`` and ``order_ignored`` bool; ``overdue_orders`` the overdue orders as text
        (kind and deadline); ``step`` and ``next_kind`` as :func:`next_kind` (empty when none).
        Subjects whose order to pay was ignored first, then the other subjects at the criminal
        standard, then the rest; largest arrears first within each.

    """
    orders = a.records.orders
    overdue = overdue_orders(orders, a.as_of)
    criminal = a.criminal if a.criminal is not None else pd.DataFrame({"subject_id": []})
    ids = pd.Index(
        list(dict.fromkeys([*criminal["subject_id"], *overdue["subject_id"]])),
        dtype="str",
        name="subject_id",
    )
    known = _subjects(a).reindex(ids)
    lapsed = a.lapsed_orders
    ignored_ids = set(lapsed["subject_id"]) if lapsed is not None else set()
    deadline = _day(overdue["deadline"]).dt.strftime("%Y-%m-%d").fillna("未定")
    overdue_text = (
        (overdue["kind"] + "（期限" + deadline + "）")
        .groupby(overdue["subject_id"])
        .agg("；".join)
        .reindex(ids)
        .fillna("")
    )
    steps = _steps(orders, a.as_of).reindex(ids)
    in_criminal = ids.isin(criminal["subject_id"])
    frame = pd.DataFrame(
        {
            "subject_id": ids,
            "subject_kind": known["subject_kind"].map(SUBJECT_KIND_LABELS).fillna("").to_numpy(),
            "name": known["name"].fillna("").to_numpy(),
            "township": known["township"].fillna("").to_numpy(),
            "arrears_amount": known["arrears_amount"].astype("float64").to_numpy(),
            "arrears_workers": known["arrears_workers"].astype("Int64").to_numpy(),
            "criminal": in_criminal,
            "overdue_orders": overdue_text.to_numpy(),
            "order_ignored": in_criminal & ids.isin(list(ignored_ids)),
            "step": steps.fillna("").to_numpy(),
            "next_kind": [next_kind(s) or "" for s in steps.fillna("")],
        }
    )
    group = (~frame["order_ignored"]).astype(int) + (~frame["criminal"]).astype(int)
    order = frame.assign(_group=group, _amount=frame["arrears_amount"].fillna(0)).sort_values(
        ["_group", "_amount", "subject_id"], ascending=[True, False, True], kind="stable"
    )
    return order.drop(columns=["_group", "_amount"]).reset_index(drop=True)


def next_order(
    row: pd.Series | dict,
    *,
    issued: dt.date,
    deadline: dt.date | None = None,
    note: str | None = None,
) -> dict[str, object]:
    """The store record of the next order for a row of :func:`escalation_list`.

    The deadline, when not given, is ``issued`` plus :data:`TERM_DAYS` of the kind (none for
    the kinds without a term); the note says why the subject was listed unless given. Raises
    ``ValueError`` (in Chinese) when the subject has no next step.
    """
    kind = row["next_kind"]
    if not kind:
        raise ValueError(f"{row['subject_id']}已移送公安，处置阶梯上没有下一步")
    if deadline is None and kind in TERM_DAYS:
        deadline = issued + dt.timedelta(days=TERM_DAYS[kind])
    if note is None:
        reasons = []
        if row["criminal"]:
            reasons.append("欠薪达到拒不支付劳动报酬罪数额标准")
        if row["overdue_orders"]:
            reasons.append("逾期未履行：" + row["overdue_orders"])
        note = "；".join(reasons)
    return {
        "subject_id": row["subject_id"],
        "kind": kind,
        "issued": issued,
        "deadline": deadline,
        "status": "待履行",
        "note": note,
    }
