"""Publicity 集中宣传: how much was done, where, when, and who did nothing.

An *event* 活动 is one row of the publicity ledger (宣传活动记录); its *quantity* 数量 counts
leaflets, sessions, posters or messages (份, 场次, 块, 条) and *participants* 参与人次 the people
reached. Counts are grouped by *activity* 活动类型, *township* 属地 and ISO *week* 周 (written
``2023-W47``, the week an event's date falls in, Monday first). A township 属地 or a *unit*
开展单位 (a competent department 行业主管部门 is expected to run publicity in its field) with no
event up to the day of the figures is a finding: the office must follow it up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pandas as pd

from wagekit.findings import empty_findings, make_findings

__all__ = [
    "ACTIVITY_UNITS",
    "PUBLICITY_GROUPS",
    "expected_townships",
    "expected_units",
    "iso_week",
    "publicity_counts",
    "publicity_gaps",
    "units_without_activity",
    "townships_without_activity",
]

# Groupings a caller may ask for; ``week`` is derived from ``date``.
PUBLICITY_GROUPS = ("activity", "township", "unit", "week")

# The unit each activity type's quantity 数量 is counted in, as reports write it (次 otherwise):
# quantities of different types are not comparable (a million SMS against 300 posters).
ACTIVITY_UNITS = {
    "发放宣传资料": "份",
    "现场咨询": "场次",
    "现场培训": "场次",
    "线上培训": "场次",
    "张贴海报": "张",
    "悬挂标语": "条",
    "宣传展板": "块",
    "电子屏": "块",
    "宣传片": "次",
    "宣传短信": "条",
    "广播电视": "次",
    "微信推送": "条",
    "微博": "条",
}


def iso_week(dates: pd.Series) -> pd.Series:
    """Return the ISO week of each date as ``YYYY-Www`` (``2023-W47``); missing stays missing."""
    iso = dates.dt.isocalendar()
    week = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    return week.astype("str")


def _up_to(publicity: pd.DataFrame, as_of: dt.date | None) -> pd.DataFrame:
    if as_of is None:
        return publicity
    return publicity[publicity["date"] <= pd.Timestamp(as_of)]


def publicity_counts(
    publicity: pd.DataFrame,
    by: str | Sequence[str] = "activity",
    *,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """Events, quantity and participants per group.

    Parameters
    ----------
    publicity
        The publicity ledger (columns ``date, township, unit, activity, quantity,
        participants``).
    by
        One or several of :data:`PUBLICITY_GROUPS`.
    as_of
        When given, events dated after it are left out (they have not happened yet).

    Returns
    -------
    DataFrame
        The group columns, then ``events``, ``quantity`` and ``participants`` (int64; a missing
        participants cell counts as 0), sorted by the groups.

    """
    keys = [by] if isinstance(by, str) else list(by)
    unknown = [k for k in keys if k not in PUBLICITY_GROUPS]
    if unknown:
        raise ValueError(f"unknown publicity grouping: {unknown}")
    rows = _up_to(publicity, as_of)
    frame = pd.DataFrame(
        {
            "activity": rows["activity"],
            "township": rows["township"],
            "unit": rows["unit"],
            "week": iso_week(rows["date"]),
            "quantity": rows["quantity"].fillna(0).astype("int64"),
            "participants": rows["participants"].fillna(0).astype("int64"),
        }
    )
    counts = (
        frame.groupby(keys, sort=True, dropna=False)
        .agg(
            events=("quantity", "size"),
            quantity=("quantity", "sum"),
            participants=("participants", "sum"),
        )
        .reset_index()
    )
    return counts.astype({"events": "int64", "quantity": "int64", "participants": "int64"})


def expected_townships(*tables: pd.DataFrame | None) -> list[str]:
    """Every township named in the given tables (projects, employers …), sorted, no blanks."""
    columns = [t["township"] for t in tables if t is not None and "township" in t]
    if not columns:
        return []
    names = pd.concat(columns, ignore_index=True)
    names = names.dropna().astype("str").str.strip()
    return sorted(set(names[names != ""]))


def _without_activity(
    publicity: pd.DataFrame,
    column: str,
    expected: Iterable[str],
    *,
    as_of: dt.date | None,
    check: str,
    label: str,
) -> pd.DataFrame:
    expected = pd.Series(sorted(set(expected)), dtype="str")
    if expected.empty:
        return empty_findings()
    done = _up_to(publicity, as_of)[column].dropna().astype("str").str.strip()
    silent = expected[~expected.isin(done)].reset_index(drop=True)
    if silent.empty:
        return empty_findings()
    until = f"截至{as_of:%Y年%m月%d日}" if as_of is not None else ""
    message = label + silent + until + "未开展任何宣传活动"
    return make_findings(
        check, "publicity", silent, message, severity="warning", column=column, value=silent
    )


def townships_without_activity(
    publicity: pd.DataFrame, townships: Iterable[str], *, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Report each expected township 属地 with no publicity event (up to ``as_of``)."""
    return _without_activity(
        publicity,
        "township",
        townships,
        as_of=as_of,
        check="publicity.township_silent",
        label="属地",
    )


def units_without_activity(
    publicity: pd.DataFrame, units: Iterable[str], *, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Report each expected unit or department 开展单位 with no publicity event."""
    return _without_activity(
        publicity,
        "unit",
        units,
        as_of=as_of,
        check="publicity.unit_silent",
        label="单位",
    )


def publicity_gaps(
    publicity: pd.DataFrame,
    *,
    projects: pd.DataFrame | None = None,
    employers: pd.DataFrame | None = None,
    townships: Iterable[str] | None = None,
    units: Iterable[str] | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """All publicity findings: silent townships and silent units.

    The expected townships are ``townships`` when given, else every township of the projects
    and employers ledgers; the expected units are ``units`` when given, else the competent
    departments 行业主管部门 of the projects ledger.
    """
    if townships is None:
        townships = expected_townships(projects, employers)
    if units is None:
        units = expected_units(projects)
    return pd.concat(
        [
            townships_without_activity(publicity, townships, as_of=as_of),
            units_without_activity(publicity, units, as_of=as_of),
        ],
        ignore_index=True,
    )


def expected_units(projects: pd.DataFrame | None) -> list[str]:
    """List the competent departments 行业主管部门 of the projects ledger."""
    if projects is None or "department" not in projects:
        return []
    names = projects["department"].dropna().astype("str").str.strip()
    return sorted(set(names[names != ""]))
