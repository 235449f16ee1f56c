"""Complaint cases 欠薪线索及案件: deadlines, overdue cases, 两清零 and groups.

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
together. Every date computed in a year the official calendar does not know carries the
calendar's warning (``calendar_warning``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import numpy as np
import pandas as pd

from wagekit.calendar import WorkCalendar, spring_festival, two_zero_deadlines
from wagekit.config import CampaignConfig, Rules
from wagekit.findings import empty_findings, make_findings
from wagekit.labels import TWO_ZERO_LABELS
from wagekit.schema import CLOSED_CASE_STATUSES, GOVERNMENT_INVESTMENT_TYPES

__all__ = [
    "CASE_STATUS_COLUMNS",
    "CASE_GROUP_COLUMNS",
    "campaign_case_status",
    "case_findings",
    "case_groups",
    "case_status",
    "cases_due_soon",
    "grouped_cases",
    "overdue_cases",
    "two_zero_missed_cases",
]

_RULES = Rules()

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


def campaign_case_status(
    cases: pd.DataFrame, config: CampaignConfig, *, as_of: dt.date
) -> pd.DataFrame:
    """:func:`case_status` with the campaign's calendar, deadline rule and 两清零 dates.

    The calendar is the official one plus the campaign's ``[calendar]`` declarations, the
    deadline ``[rules] case_deadline_working_days``, the 两清零 dates those of
    :func:`wagekit.calendar.two_zero_deadlines`: every figure, screen and file that shows a
    case's deadline gets it from here.
    """
    return case_status(
        cases,
        WorkCalendar.from_config(config),
        as_of=as_of,
        deadline_working_days=config.rules.case_deadline_working_days,
        two_zero=two_zero_deadlines(config),
    )


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
    label = missed["two_zero_class"].map(TWO_ZERO_LABELS).astype("str")
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


def case_findings(status: pd.DataFrame, *, due_soon_working_days: int = 5) -> pd.DataFrame:
    """All case findings: overdue, due soon, past 两清零, and groups of open cases.

    ``status`` is the output of :func:`case_status` (or :func:`campaign_case_status`).
    """
    open_cases = status.loc[~status["closed"]].rename(columns={"row": "source_row"})
    return pd.concat(
        [
            overdue_cases(status),
            cases_due_soon(status, within_working_days=due_soon_working_days),
            two_zero_missed_cases(status),
            grouped_cases(case_groups(open_cases)),
        ],
        ignore_index=True,
    )
