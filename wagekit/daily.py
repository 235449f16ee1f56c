"""Daily reports 每日零报告: who reported on a day, who has not, and who reports on time.

From 1 January to the Spring Festival every township 属地 reports to the county office each
day by 16:00 (*the deadline* 报送时限, :data:`REPORT_DEADLINE`, local time): the day's
*incidents* 突发事件 (group wage claims, blocked roads …) and *new cases* 新增欠薪线索, or a
*zero report* 零报告 when nothing happened. A report is *late* 迟报 when it was first recorded
after 16:00 of its day (the record's ``created_at``, local time; a correction recorded later
does not make an on-time report late). A township is *missing* 未报 on a day when it has no
report for that day. The townships expected to report are those named in the projects and
employers ledgers (:func:`wagekit.checks.publicity.expected_townships`), as the summary's
``daily_reports`` counts them; a report of any other township is not counted.

*Punctuality* 按时报送率 of a township over a period is the share of the period's days with a
report recorded by the deadline; the period runs from the first day any daily report was
recorded for the campaign to the day of the figures, unless given.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from wagekit.assessment import Assessment
from wagekit.checks.publicity import expected_townships

__all__ = [
    "DAILY_HEADERS",
    "PUNCTUALITY_HEADERS",
    "REPORT_DEADLINE",
    "STATUS_LABELS",
    "daily_period",
    "daily_rollup",
    "daily_punctuality",
]

REPORT_DEADLINE = dt.time(16, 0)
"""Reports are due by 16:00 local time of their day."""

STATUS_LABELS = {"zero": "零报告", "incidents": "有情况", "missing": "未报"}
"""A township's report of the day → label."""

DAILY_HEADERS = {
    "township": "属地",
    "status": "报告情况",
    "incidents": "突发事件（起）",
    "new_cases": "新增线索（条）",
    "reported_at": "报送时间",
    "late": "16时后报送",
    "reported_by": "报送人",
    "note": "情况说明",
}
PUNCTUALITY_HEADERS = {
    "township": "属地",
    "days": "应报天数",
    "reported": "已报天数",
    "on_time": "按时报送天数",
    "late": "迟报天数",
    "missing": "未报天数",
    "punctuality": "按时报送率",
}


def _townships(a: Assessment) -> list[str]:
    return expected_townships(a.get("projects"), a.get("employers"))


def _reports(a: Assessment) -> pd.DataFrame:
    """The daily reports of the expected townships, one per township and day (the latest)."""
    reports = a.records.daily_reports
    reports = reports[reports["township"].isin(_townships(a))]
    return reports.sort_values("id", kind="stable").drop_duplicates(
        ["township", "date"], keep="last"
    )


def _late(reports: pd.DataFrame) -> pd.Series:
    due = pd.to_datetime(reports["date"]) + pd.Timedelta(
        hours=REPORT_DEADLINE.hour, minutes=REPORT_DEADLINE.minute
    )
    return (pd.to_datetime(reports["created_at"]) > due).astype("bool")


def daily_rollup(a: Assessment, day: dt.date | None = None) -> pd.DataFrame:
    """Every expected township's report of ``day`` (default: the day of the figures).

    Returns
    -------
    pandas.DataFrame
        One row per township in Unicode order, columns of :data:`DAILY_HEADERS`: ``status``
        (``zero`` / ``incidents`` / ``missing``), ``incidents`` and ``new_cases`` (Int64,
        missing when not reported), ``reported_at`` (when first recorded, local time), ``late``
        (bool, recorded after 16:00 of the day), ``reported_by``, ``note``.

    """
    day = a.as_of if day is None else day
    reports = _reports(a)
    today = reports[reports["date"] == pd.Timestamp(day)].set_index("township")
    frame = pd.DataFrame({"township": pd.Series(_townships(a), dtype="str")})
    found = today.reindex(frame["township"])
    incidents = found["incidents"].astype("Int64").fillna(0).where(found["id"].notna())
    new_cases = found["new_cases"].astype("Int64").fillna(0).where(found["id"].notna())
    reported = found["id"].notna().to_numpy(dtype=bool)
    nothing = ((incidents == 0) & (new_cases == 0)).fillna(False).to_numpy(dtype=bool)
    status = pd.Series("missing", index=frame.index, dtype="str")
    status[reported & nothing] = "zero"
    status[reported & ~nothing] = "incidents"
    return frame.assign(
        status=status,
        incidents=incidents.astype("Int64").to_numpy(),
        new_cases=new_cases.astype("Int64").to_numpy(),
        reported_at=found["created_at"].astype("datetime64[ns]").to_numpy(),
        late=_late(found).to_numpy(dtype=bool),
        reported_by=found["updated_by"].astype("object").to_numpy(),
        note=found["note"].astype("object").to_numpy(),
    )


def daily_period(a: Assessment) -> tuple[dt.date, dt.date] | None:
    """The days daily reports are due: from the first report recorded to the day of figures.

    ``None`` when no daily report was recorded by that day.
    """
    reports = a.records.daily_reports
    days = reports.loc[reports["date"] <= pd.Timestamp(a.as_of), "date"]
    if days.empty:
        return None
    return days.min().date(), a.as_of


def daily_punctuality(
    a: Assessment, first: dt.date | None = None, last: dt.date | None = None
) -> pd.DataFrame:
    """How each expected township reported over the days ``first`` to ``last`` (both included).

    Without ``first`` and ``last`` the period is :func:`daily_period`; with no report ever
    recorded the table has no days and every rate is missing.

    Returns
    -------
    pandas.DataFrame
        One row per township in Unicode order, columns of :data:`PUNCTUALITY_HEADERS`:
        ``days`` in the period, ``reported`` (days with a report), ``on_time`` (by 16:00),
        ``late``, ``missing`` (int64); ``punctuality`` = on_time / days, rounded to 4 places
        (NaN when the period is empty).

    """
    if first is None or last is None:
        period = daily_period(a)
        first, last = period if period is not None else (a.as_of, a.as_of - dt.timedelta(1))
    days = max((last - first).days + 1, 0)
    reports = _reports(a)
    within = reports[reports["date"].between(pd.Timestamp(first), pd.Timestamp(last))]
    late = _late(within)
    townships = pd.Index(_townships(a), dtype="str", name="township")
    reported = within.groupby("township").size().reindex(townships, fill_value=0)
    n_late = late.groupby(within["township"]).sum().reindex(townships, fill_value=0)
    frame = pd.DataFrame(
        {
            "days": days,
            "reported": reported.astype("int64"),
            "on_time": (reported - n_late).astype("int64"),
            "late": n_late.astype("int64"),
            "missing": (days - reported).astype("int64"),
        },
        index=townships,
    )
    rate = frame["on_time"] / days if days else float("nan")
    frame["punctuality"] = pd.Series(rate, index=townships, dtype="float64").round(4)
    return frame.reset_index()
