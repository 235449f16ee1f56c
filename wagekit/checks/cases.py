"""Complaint cases 欠薪线索及案件: deadlines, overdue cases, 两清零, groups and escalation.

A *case* 案件 (or clue 线索) counts from its received date 受理日期; cases received after the day
of the figures (``as_of``) are left out. A case is *closed* 已办结 as of that day when its status
is 已结案 or 已移送 and its closed date 结案日期, when given, is not after it; every other case is
*open* 未办结. Its *deadline* 办结期限 is the ``deadline_working_days``-th working day after
receipt, the day of receipt not counted (当年新发生的欠薪案件30个工作日内办结). A case is
*overdue* 超期 when it was closed after its deadline, or is still open on a day after its
deadline — a case closed on its deadline is not overdue. Its *两清零 class* is ``government``
for cases on 政府投资 / 国有企业 / 政府和社会资本合作 projects and ``others`` for the rest; each
class has its clearing date (:func:`wagekit.calendar.two_zero_deadlines`). Cases on the same
project or against the same respondent 被投诉单位 form a *group* 案件组 an inspector handles
together. *Escalation* 升级处置: an open case whose unpaid arrears reach the criminal amount
standard of 拒不支付劳动报酬罪 (刑法第276条之一) and whose order to pay 限期整改指令书 has lapsed
unpaid is ready for the prior notice of blacklisting 纳入黑名单事先告知书 (人社部令第45号) and the
transfer to the police 移送公安. Every date computed in a year the official calendar does not
know carries the calendar's warning (``calendar_warning``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from wagekit.calendar import WorkCalendar, spring_festival
from wagekit.config import Rules
from wagekit.findings import empty_findings, make_findings
from wagekit.schema import CLOSED_CASE_STATUSES, GOVERNMENT_INVESTMENT_TYPES

__all__ = [
    "CASE_STATUS_COLUMNS",
    "CASE_GROUP_COLUMNS",
    "ESCALATION_COLUMNS",
    "ORDER_TO_PAY",
    "case_escalation",
    "case_findings",
    "case_groups",
    "case_status",
    "cases_due_soon",
    "grouped_cases",
    "overdue_cases",
    "two_zero_missed_cases",
]

_RULES = Rules()
ORDER_TO_PAY = "限期整改指令书"
# Criminal standard: "10 or more workers owed criminal_amount_total in all" (../CONTRACT.md).
CRIMINAL_MIN_WORKERS = 10

CASE_STATUS_COLUMNS = (
    "case_id",
    "row",
    "project_id",
    "respondent",
    "investment_type",
    "status",
    "received_date",
    "deadline",
    "closed",
    "closed_date",
    "overdue",
    "working_days_left",
    "days_left",
    "two_zero_class",
    "two_zero_deadline",
    "two_zero_missed",
    "workers_involved",
    "amount_involved",
    "amount_recovered",
    "calendar_warning",
)
CASE_GROUP_COLUMNS = (
    "case_id",
    "row",
    "project_id",
    "respondent",
    "group_id",
    "group_size",
    "group_workers_involved",
    "group_amount_involved",
)
ESCALATION_COLUMNS = (
    "case_id",
    "row",
    "project_id",
    "respondent",
    "workers_involved",
    "amount_involved",
    "arrears",
    "arrears_per_worker",
    "criminal_threshold_met",
    "order_deadline",
    "order_ignored",
    "ready_for_transfer",
    "transferred_police",
    "blacklisted",
)
_TWO_ZERO_LABELS = {"government": "政府投资类项目", "others": "其他"}


def _day(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series).astype("datetime64[ns]")


def _text(series: pd.Series) -> pd.Series:
    return series.astype("str")


def _date_text(series: pd.Series) -> pd.Series:
    return series.dt.strftime("%Y-%m-%d").fillna("").astype("str")


def _received(cases: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Keep the cases received on or before ``as_of``."""
    return cases[_day(cases["received_date"]) <= pd.Timestamp(as_of)]


def _closed_as_of(cases: pd.DataFrame, as_of: dt.date) -> pd.Series:
    closed_date = _day(cases["closed_date"])
    return (
        cases["status"].isin(CLOSED_CASE_STATUSES)
        & (closed_date.isna() | (closed_date <= pd.Timestamp(as_of)))
    ).astype(bool)


def _per_case_two_zero(received: pd.Series) -> tuple[pd.Series, pd.Series]:
    """两清零 dates derived from each case's own receipt (no campaign given).

    Government: 31 December of the year received; others: eve of the next Spring Festival.
    Loops over the handful of years present, never over rows.
    """
    years = received.dt.year
    present = sorted({int(y) for y in years.dropna().unique()})
    festival = {y: pd.Timestamp(spring_festival(y)) for y in present + [y + 1 for y in present]}
    this_year = years.map({y: festival[y] for y in present}).astype("datetime64[ns]")
    next_year = years.map({y: festival[y + 1] for y in present}).astype("datetime64[ns]")
    eve = this_year.where(this_year > received, next_year) - pd.Timedelta(days=1)
    government = pd.to_datetime(years.astype("Int64").astype("string") + "-12-31")
    return government.astype("datetime64[ns]"), eve.astype("datetime64[ns]")


def case_status(
    cases: pd.DataFrame,
    calendar: WorkCalendar,
    *,
    as_of: dt.date,
    deadline_working_days: int = _RULES.case_deadline_working_days,
    two_zero: Mapping[str, dt.date] | None = None,
) -> pd.DataFrame:
    """One row per case received on or before ``as_of``: deadline, closure, 两清零, days left.

    Parameters
    ----------
    cases
        The cases ledger.
    calendar
        The campaign's working calendar (:meth:`WorkCalendar.from_config`).
    as_of
        The day of the figures; later cases are left out, later closures do not count yet.
    deadline_working_days
        Working days from receipt to the deadline (``[rules] case_deadline_working_days``).
    two_zero
        The campaign's 两清零 dates, ``{"government": date, "others": date}``
        (:func:`wagekit.calendar.two_zero_deadlines`). Without it each case gets the dates of a
        campaign starting on its receipt: 31 December of that year, and the eve of the next
        Spring Festival.

    Returns
    -------
    DataFrame
        :data:`CASE_STATUS_COLUMNS`: ``row`` (Int64) is the case's row in the ledger;
        ``deadline``, ``two_zero_deadline`` are datetime64[ns]; ``closed``, ``overdue``,
        ``two_zero_missed`` bool; ``working_days_left`` and ``days_left`` (Int64, ``<NA>`` for
        closed cases) count working / calendar days from ``as_of`` to the deadline (0 on the
        deadline itself, negative once past); ``two_zero_class`` is ``government`` or
        ``others``; ``calendar_warning`` is the unofficial-calendar message or ``""``.

    """
    day = pd.Timestamp(as_of)
    frame = _received(cases, as_of)
    received = _day(frame["received_date"])
    closed_date = _day(frame["closed_date"])
    closed = _closed_as_of(frame, as_of)
    deadline = calendar.add_working_days(received, deadline_working_days)

    overdue = (closed & (closed_date > deadline)) | (~closed & (deadline < day))
    wd_left = calendar.working_days_between(pd.Series(day, index=frame.index), deadline)
    days_left = ((deadline - day).dt.days).astype("Int64")

    klass = pd.Series(
        np.where(
            frame["investment_type"].isin(GOVERNMENT_INVESTMENT_TYPES), "government", "others"
        ),
        index=frame.index,
        dtype="str",
    )
    if two_zero is None:
        government, others = _per_case_two_zero(received)
    else:
        government = pd.Series(pd.Timestamp(two_zero["government"]), index=frame.index)
        others = pd.Series(pd.Timestamp(two_zero["others"]), index=frame.index)
    two_zero_deadline = government.where(klass == "government", others).astype("datetime64[ns]")
    two_zero_missed = (closed & (closed_date > two_zero_deadline)) | (
        ~closed & (two_zero_deadline < day)
    )

    # The deadline depends on every day from receipt to it; "days left" on the days up to as_of.
    span_end = deadline.where(closed | (deadline >= day), day)
    status = pd.DataFrame(
        {
            "case_id": _text(frame["case_id"]),
            "row": (frame["source_row"] if "source_row" in frame else pd.NA),
            "project_id": _text(frame["project_id"]),
            "respondent": _text(frame["respondent"]),
            "investment_type": _text(frame["investment_type"]),
            "status": _text(frame["status"]),
            "received_date": received,
            "deadline": deadline,
            "closed": closed,
            "closed_date": closed_date,
            "overdue": overdue.astype(bool),
            "working_days_left": wd_left.where(~closed, pd.NA),
            "days_left": days_left.where(~closed, pd.NA),
            "two_zero_class": klass,
            "two_zero_deadline": two_zero_deadline,
            "two_zero_missed": two_zero_missed.astype(bool),
            "workers_involved": frame["workers_involved"].astype("Int64"),
            "amount_involved": frame["amount_involved"].astype("float64"),
            "amount_recovered": frame["amount_recovered"].astype("float64"),
            "calendar_warning": calendar.span_warnings(received, span_end),
        },
        index=frame.index,
    )
    status["row"] = status["row"].astype("Int64")
    return status.reset_index(drop=True)[list(CASE_STATUS_COLUMNS)]


def _with_warning(message: pd.Series, warning: pd.Series) -> pd.Series:
    return message.where(warning == "", message + "（" + warning + "）").astype("str")


def _case_label(status: pd.DataFrame) -> pd.Series:
    return (
        "案件" + status["case_id"] + "（被投诉单位：" + status["respondent"].fillna("未填") + "）"
    )


def overdue_cases(status: pd.DataFrame) -> pd.DataFrame:
    """Serious findings for cases past their deadline: closed late, or open after it.

    ``status`` is the output of :func:`case_status`.
    """
    late = status[status["overdue"]].reset_index(drop=True)
    if late.empty:
        return empty_findings()
    deadline = _date_text(late["deadline"])
    open_message = (
        _case_label(late)
        + "办结期限"
        + deadline
        + "已过，仍未办结，已超期"
        + (-late["working_days_left"]).astype("string").fillna("").astype("str")
        + "个工作日"
    )
    closed_message = (
        _case_label(late) + "于" + _date_text(late["closed_date"]) + "结案，晚于办结期限" + deadline
    )
    message = _with_warning(
        closed_message.where(late["closed"], open_message), late["calendar_warning"]
    )
    column = pd.Series(np.where(late["closed"], "closed_date", "status"), index=late.index)
    value = late["closed_date"].dt.strftime("%Y-%m-%d").where(late["closed"], late["status"])
    findings = make_findings(
        "case_overdue",
        "cases",
        late["case_id"],
        message,
        severity="serious",
        row=late["row"],
        value=value,
    )
    findings["column"] = column.astype("string")
    return findings


def cases_due_soon(status: pd.DataFrame, *, within_working_days: int = 5) -> pd.DataFrame:
    """Warnings for open cases whose deadline is at most ``within_working_days`` away."""
    left = status["working_days_left"]
    soon = status[~status["closed"] & (left >= 0) & (left <= within_working_days)].reset_index(
        drop=True
    )
    if soon.empty:
        return empty_findings()
    remaining = soon["working_days_left"].astype("string").astype("str")
    message = _case_label(soon) + "办结期限" + _date_text(soon["deadline"])
    message = message + pd.Series(
        np.where(
            soon["working_days_left"] == 0,
            "即今日到期，尚未办结",
            "，还剩" + remaining + "个工作日",
        ),
        index=soon.index,
    )
    return make_findings(
        "case_due_soon",
        "cases",
        soon["case_id"],
        _with_warning(message, soon["calendar_warning"]),
        severity="warning",
        row=soon["row"],
        column="received_date",
        value=_date_text(soon["received_date"]),
    )


def two_zero_missed_cases(status: pd.DataFrame) -> pd.DataFrame:
    """Serious findings for cases past their 两清零 date: closed after it, or still open."""
    missed = status[status["two_zero_missed"]].reset_index(drop=True)
    if missed.empty:
        return empty_findings()
    label = missed["two_zero_class"].map(_TWO_ZERO_LABELS).astype("str")
    when = _date_text(missed["two_zero_deadline"])
    open_message = _case_label(missed) + "属" + label + "案件，两清零期限" + when + "已过，仍未办结"
    closed_message = (
        _case_label(missed)
        + "属"
        + label
        + "案件，于"
        + _date_text(missed["closed_date"])
        + "结案，晚于两清零期限"
        + when
    )
    return make_findings(
        "case_two_zero",
        "cases",
        missed["case_id"],
        closed_message.where(missed["closed"], open_message).astype("str"),
        severity="serious",
        row=missed["row"],
        column="investment_type",
        value=missed["investment_type"],
    )


def _normalise_name(names: pd.Series) -> pd.Series:
    """Fold the spellings one respondent gets in a ledger: blanks, full-width brackets."""
    return (
        names.astype("str")
        .str.replace(r"\s+", "", regex=True)
        .str.replace("（", "(", regex=False)
        .str.replace("）", ")", regex=False)
        .replace("", pd.NA)
    )


def case_groups(cases: pd.DataFrame) -> pd.DataFrame:
    """Group cases that share a project or a respondent (transitively), one row per case.

    Two cases are in the same group when they name the same ``project_id`` or the same
    ``respondent`` (blanks and full-width brackets ignored), or are linked through a chain of
    such cases. Pass the open cases (``status[~status["closed"]]``) to get the work an
    inspector should do together.

    Returns
    -------
    DataFrame
        :data:`CASE_GROUP_COLUMNS`, in the input order; ``group_id`` is ``G001``, ``G002``, …
        numbered by each group's first case; ``group_size`` (int64) counts its cases, and the
        ``group_*`` sums are over its cases.

    """
    frame = cases.reset_index(drop=True)
    n = len(frame)
    label = np.arange(n, dtype=np.int64)
    keys = [
        pd.factorize(frame["project_id"].astype("str").str.strip().replace("", pd.NA))[0],
        pd.factorize(_normalise_name(frame["respondent"]))[0],
    ]
    # Label propagation: each case takes the smallest label among the cases sharing a key with
    # it, until nothing changes (as many rounds as the longest chain of links, a handful).
    while True:
        before = label.copy()
        for codes in keys:
            linked = codes >= 0
            if not linked.any():
                continue
            smallest = np.full(codes.max() + 1, n, dtype=np.int64)
            np.minimum.at(smallest, codes[linked], label[linked])
            label[linked] = smallest[codes[linked]]
        label = label[label]
        if np.array_equal(label, before):
            break
    rank = pd.Series(label).rank(method="dense").astype(np.int64)
    width = max(3, len(str(int(rank.max())) if n else "0"))
    group_id = ("G" + rank.astype("str").str.zfill(width)).astype("str")
    by_group = pd.DataFrame(
        {
            "group_id": group_id,
            "workers": frame["workers_involved"].astype("Int64"),
            "amount": frame["amount_involved"].astype("float64"),
        }
    ).groupby("group_id")
    result = pd.DataFrame(
        {
            "case_id": _text(frame["case_id"]),
            "row": (frame["source_row"] if "source_row" in frame else pd.NA),
            "project_id": _text(frame["project_id"]),
            "respondent": _text(frame["respondent"]),
            "group_id": group_id,
            "group_size": by_group["amount"].transform("size").astype(np.int64),
            "group_workers_involved": by_group["workers"].transform("sum").astype("Int64"),
            "group_amount_involved": by_group["amount"].transform("sum").astype("float64"),
        }
    )
    result["row"] = result["row"].astype("Int64")
    return result[list(CASE_GROUP_COLUMNS)]


def grouped_cases(groups: pd.DataFrame) -> pd.DataFrame:
    """Info findings for cases in a group of two or more, to be handled together."""
    shared = groups[groups["group_size"] > 1].reset_index(drop=True)
    if shared.empty:
        return empty_findings()
    amount = (
        shared["group_amount_involved"]
        .round(2)
        .astype("string")
        .str.replace(r"\.0$", "", regex=True)
        .astype("str")
    )
    message = (
        "案件"
        + shared["case_id"]
        + "与同一项目或同一被投诉单位的其他案件同属案件组"
        + shared["group_id"]
        + "（共"
        + shared["group_size"].astype("str")
        + "起，涉及金额"
        + amount
        + "元），建议合并办理"
    )
    return make_findings(
        "case_group",
        "cases",
        shared["case_id"],
        message,
        severity="info",
        row=shared["row"],
        column="respondent",
        value=shared["respondent"],
    )


def _lapsed_orders(orders: pd.DataFrame | None, as_of: dt.date) -> pd.DataFrame:
    """Orders to pay issued by ``as_of`` whose deadline passed without payment by ``as_of``.

    Returns ``subject_id, order_deadline`` (the earliest lapsed deadline per subject).
    """
    empty = pd.DataFrame(
        {"subject_id": pd.Series(dtype="str"), "order_deadline": pd.Series(dtype="datetime64[ns]")}
    )
    needed = {"subject_id", "kind", "issued", "deadline", "status", "fulfilled_date"}
    if orders is None or orders.empty or not needed <= set(orders.columns):
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
        pd.DataFrame({"subject_id": _text(orders["subject_id"]), "order_deadline": deadline})[
            lapsed.to_numpy()
        ]
        .groupby("subject_id", as_index=False)["order_deadline"]
        .min()
    )


def case_escalation(
    cases: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    *,
    as_of: dt.date,
    criminal_amount_total: float = _RULES.criminal_amount_total,
    criminal_amount_per_worker: float = _RULES.criminal_amount_per_worker,
    criminal_min_workers: int = CRIMINAL_MIN_WORKERS,
) -> pd.DataFrame:
    """Open cases reaching the criminal amount standard or with a lapsed order to pay.

    A case's *arrears* is its amount involved less what was recovered. It *meets the criminal
    amount standard* when its arrears reach ``criminal_amount_total`` with at least
    ``criminal_min_workers`` workers, or when the arrears per worker (the ledger has no
    per-worker amounts, so the average) reach ``criminal_amount_per_worker``. Its order is
    *ignored* when an order to pay (``kind`` 限期整改指令书, not withdrawn 已撤销, issued by
    ``as_of``) naming the case, its project or its respondent as ``subject_id`` had a deadline
    before ``as_of`` and no fulfilled date on or before ``as_of`` (or the inspector recorded it
    逾期未履行). *Ready for transfer* = both, and not yet transferred to the police.

    Parameters
    ----------
    cases
        The cases ledger; closed cases (as of ``as_of``) are not escalated.
    orders
        The recorded orders (``subject_id, kind, issued, deadline, status, fulfilled_date``),
        or ``None`` / empty when none were recorded.
    as_of
        The day of the figures.
    criminal_amount_total, criminal_amount_per_worker, criminal_min_workers
        The criminal amount standard (``[rules]``; the province's choice).

    Returns
    -------
    DataFrame
        :data:`ESCALATION_COLUMNS`, one row per open case meeting the standard or with an
        ignored order; ``order_deadline`` is the earliest lapsed deadline (NaT when none).

    """
    frame = _received(cases, as_of)
    frame = frame[~_closed_as_of(frame, as_of)].reset_index(drop=True)
    involved = frame["amount_involved"].astype("float64")
    recovered = frame["amount_recovered"].astype("float64").fillna(0.0)
    arrears = (involved - recovered).clip(lower=0.0)
    workers = frame["workers_involved"].astype("Float64").astype("float64")
    per_worker = (arrears / workers).where(workers > 0)
    met = ((arrears >= criminal_amount_total) & (workers >= criminal_min_workers)) | (
        per_worker >= criminal_amount_per_worker
    )

    lapsed = _lapsed_orders(orders, as_of).set_index("subject_id")["order_deadline"]
    order_deadline = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    lapsed_deadlines = np.append(lapsed.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT"))
    for key in ("case_id", "project_id", "respondent"):
        # get_indexer gives -1 for a subject without a lapsed order: the appended NaT.
        where = lapsed.index.get_indexer(_text(frame[key]))
        found = pd.Series(lapsed_deadlines[where], index=frame.index, dtype="datetime64[ns]")
        order_deadline = order_deadline.where(
            order_deadline.notna() & ~(found < order_deadline), found
        )
    ignored = order_deadline.notna()

    def flag(name: str) -> pd.Series:
        if name not in frame:
            return pd.Series(False, index=frame.index)
        return frame[name].astype("boolean").fillna(False).astype(bool)

    result = pd.DataFrame(
        {
            "case_id": _text(frame["case_id"]),
            "row": (frame["source_row"] if "source_row" in frame else pd.NA),
            "project_id": _text(frame["project_id"]),
            "respondent": _text(frame["respondent"]),
            "workers_involved": frame["workers_involved"].astype("Int64"),
            "amount_involved": involved,
            "arrears": arrears,
            "arrears_per_worker": per_worker,
            "criminal_threshold_met": met.astype(bool),
            "order_deadline": order_deadline,
            "order_ignored": ignored.astype(bool),
            "ready_for_transfer": (met & ignored & ~flag("transferred_police")).astype(bool),
            "transferred_police": flag("transferred_police"),
            "blacklisted": flag("blacklisted"),
        }
    )
    result["row"] = result["row"].astype("Int64")
    keep = result["criminal_threshold_met"] | result["order_ignored"]
    return result[keep].reset_index(drop=True)[list(ESCALATION_COLUMNS)]


def case_findings(
    cases: pd.DataFrame,
    calendar: WorkCalendar,
    *,
    as_of: dt.date,
    deadline_working_days: int = _RULES.case_deadline_working_days,
    due_soon_working_days: int = 5,
    two_zero: Mapping[str, dt.date] | None = None,
) -> pd.DataFrame:
    """All case findings: overdue, due soon, past 两清零, and groups of open cases."""
    status = case_status(
        cases,
        calendar,
        as_of=as_of,
        deadline_working_days=deadline_working_days,
        two_zero=two_zero,
    )
    open_ids = status.loc[~status["closed"], "case_id"]
    open_cases = _received(cases, as_of)
    open_cases = open_cases[_text(open_cases["case_id"]).isin(open_ids)]
    return pd.concat(
        [
            overdue_cases(status),
            cases_due_soon(status, within_working_days=due_soon_working_days),
            two_zero_missed_cases(status),
            grouped_cases(case_groups(open_cases)),
        ],
        ignore_index=True,
    )
