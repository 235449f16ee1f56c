"""Problem list 问题清单 and 销号: the findings the inspectors recorded, each to be rectified.

A *problem* 问题 is a finding recorded in the workspace store (a checklist item that failed on
a site visit, or a finding recorded alone): its subject, what was found, the *unit
responsible* 责任单位, the *deadline* 整改期限 and the day it was *rectified* 整改完成日期.
Recording that day is *销号* (crossing the problem off). On the day of the figures a problem is
*rectified* 已销号 when its rectified date is not after that day, *overdue* 逾期未整改 when it is
not rectified and its deadline is before that day, else *open* 整改中. A problem is *found* 发现
on the day of its site visit, or on the day it was recorded when it has none; problems found
after the day of the figures are left out.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from wagekit.assessment import Assessment
from wagekit.checklist import CHECKLIST_LABELS
from wagekit.labels import SEVERITY_LABELS

__all__ = [
    "PROBLEM_HEADERS",
    "PROBLEM_STATUS_LABELS",
    "problem_counts",
    "problem_list",
    "rectification",
]

PROBLEM_STATUS_LABELS = {"overdue": "逾期未整改", "open": "整改中", "rectified": "已销号"}
"""A problem's status on the day → label, in the order the list shows them."""

PROBLEM_HEADERS = {
    "id": "记录编号",
    "subject_id": "对象编号",
    "name": "对象名称",
    "township": "属地",
    "problem": "问题",
    "severity": "严重程度",
    "note": "说明",
    "owner": "责任单位",
    "found": "发现日期",
    "deadline": "整改期限",
    "rectified_date": "整改完成日期",
    "status": "状态",
    "days_overdue": "逾期天数",
}


def problem_list(a: Assessment) -> pd.DataFrame:
    """Every problem found by the day of the figures, with its status that day.

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`PROBLEM_HEADERS` plus ``version`` (to record 销号 on the record as
        read): ``problem`` is the checklist item's label (the code when it is not one),
        ``severity`` in Chinese, ``status`` a key of :data:`PROBLEM_STATUS_LABELS`,
        ``days_overdue`` calendar days past the deadline (Int64, missing unless overdue).
        Overdue first, then open, then rectified; earliest deadline first within each.

    """
    findings = a.records.findings
    inspections = a.records.inspections
    visits = dict(zip(inspections["id"], inspections["visit_date"], strict=True))
    found = pd.to_datetime(findings["inspection_id"].astype("object").map(visits))
    found = found.astype("datetime64[ns]").fillna(findings["created_at"].dt.normalize())
    day = pd.Timestamp(a.as_of)
    findings = findings[(found <= day).to_numpy(dtype=bool)]
    found = found[findings.index]
    rectified = findings["rectified_date"].notna() & (findings["rectified_date"] <= day)
    overdue = ~rectified & (findings["deadline"] < day)
    status = pd.Series("open", index=findings.index, dtype="str")
    status[overdue] = "overdue"
    status[rectified] = "rectified"
    subjects = (
        a.risk.set_index("subject_id")[["name", "township"]]
        if a.risk is not None
        else pd.DataFrame({"name": [], "township": []}, dtype="str")
    ).reindex(findings["subject_id"])
    frame = pd.DataFrame(
        {
            "id": findings["id"].to_numpy(),
            "version": findings["version"].to_numpy(),
            "subject_id": findings["subject_id"].to_numpy(),
            "name": subjects["name"].fillna("").to_numpy(),
            "township": subjects["township"].fillna("").to_numpy(),
            "problem": findings["code"].map(CHECKLIST_LABELS).fillna(findings["code"]).to_numpy(),
            "severity": findings["severity"].map(SEVERITY_LABELS).to_numpy(),
            "note": findings["note"].fillna("").to_numpy(),
            "owner": findings["owner"].fillna("").to_numpy(),
            "found": found.to_numpy(),
            "deadline": findings["deadline"].to_numpy(),
            "rectified_date": findings["rectified_date"].where(rectified).to_numpy(),
            "status": status.to_numpy(),
            "days_overdue": (day - findings["deadline"])
            .dt.days.astype("Int64")
            .where(overdue)
            .to_numpy(),
        }
    )
    rank = frame["status"].map({s: i for i, s in enumerate(PROBLEM_STATUS_LABELS)})
    return (
        frame.assign(_rank=rank)
        .sort_values(["_rank", "deadline", "id"], kind="stable", na_position="last")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def problem_counts(a: Assessment) -> dict[str, int]:
    """How many problems are overdue, open and rectified on the day, and their total."""
    status = problem_list(a)["status"]
    counts = {s: int((status == s).sum()) for s in PROBLEM_STATUS_LABELS}
    return {**counts, "total": len(status)}


def rectification(problem: pd.Series | dict, day: dt.date) -> dict[str, object]:
    """The change that records 销号 of a problem on ``day`` (for the store's update).

    Raises ``ValueError`` (in Chinese) when the day is before the problem was found.
    """
    found = pd.Timestamp(problem["found"]).date()
    if day < found:
        raise ValueError(f"整改完成日期 {day} 早于发现问题的日期 {found}，请核对")
    return {"rectified_date": day}
