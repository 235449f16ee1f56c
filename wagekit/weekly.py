"""The weekly 调度会 tables 周调度: this week against the last, serious risks, lagging townships.

Every week the office holds a *调度会* (progress meeting): it compares *this week* 本周 (the
seven days ending on the day of the figures) with *last week* 上周 (the seven before), as the
summary's ``week`` counts them; goes through the *serious-risk subjects* 严重欠薪项目 one by one
(:func:`wagekit.tables.serious_subjects`) with what was *decided* 调度意见 — the latest note
recorded on one of the subject's orders or findings; and names the *lagging townships* 进度滞后
属地: those with cases still open, most open first (:func:`wagekit.tables.ranking`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from wagekit.assessment import Assessment
from wagekit.tables import RANKING_HEADERS, SERIOUS_HEADERS, ranking, serious_subjects

__all__ = [
    "LAGGING_HEADERS",
    "SERIOUS_DECIDED_HEADERS",
    "WEEK_HEADERS",
    "lagging_townships",
    "serious_with_decisions",
    "week_against_last",
]

WEEK_HEADERS = {"figure": "指标", "this_week": "本周", "last_week": "上周", "change": "增减"}
SERIOUS_DECIDED_HEADERS = {**SERIOUS_HEADERS, "decided": "调度意见（最近登记）"}
LAGGING_HEADERS = {
    k: v
    for k, v in RANKING_HEADERS.items()
    if k in ("township", "cases_received", "cases_open", "overdue", "closure_rate")
}

_WEEK_FIGURES = {
    "received": "受理线索（起）",
    "closed": "办结案件（起）",
    "amount_recovered": "追回工资（元）",
}


def week_against_last(summary: Mapping[str, Any]) -> pd.DataFrame:
    """Compare this week's cases received, closed and recovered with last week's (a summary).

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`WEEK_HEADERS`, one row per figure of the summary's ``week``;
        ``change`` = this week − last week (missing when the cases ledger is absent).

    """
    week = summary["week"]
    rows = []
    for key, label in _WEEK_FIGURES.items():
        now, before = week[key], week["previous"][key]
        change = None if now is None or before is None else now - before
        rows.append({"figure": label, "this_week": now, "last_week": before, "change": change})
    return pd.DataFrame(rows)


def _decisions(a: Assessment) -> pd.Series:
    """The latest note recorded on each subject's orders or findings, with its day and kind."""
    orders, findings = a.records.orders, a.records.findings
    parts = [
        pd.DataFrame(
            {
                "subject_id": frame["subject_id"],
                "at": frame["created_at"],
                "text": frame["created_at"].dt.strftime("%m月%d日 ") + what + "：" + frame["note"],
            }
        )
        for frame, what in ((orders, orders["kind"]), (findings, "检查发现问题"))
        if not frame.empty
    ]
    if not parts:
        return pd.Series(dtype="str")
    notes = pd.concat(parts, ignore_index=True).dropna(subset=["text"])
    notes = notes[notes["at"] < pd.Timestamp(a.as_of) + pd.Timedelta(days=1)]
    latest = notes.sort_values("at", kind="stable").drop_duplicates("subject_id", keep="last")
    return latest.set_index("subject_id")["text"]


def serious_with_decisions(a: Assessment) -> pd.DataFrame:
    """The serious-risk subjects, largest arrears first, with the latest decision recorded.

    Columns of :data:`SERIOUS_DECIDED_HEADERS`: those of
    :func:`wagekit.tables.serious_subjects` and ``decided`` (empty when nothing was noted).
    """
    table = serious_subjects(a, a.records.orders)
    decided = table["subject_id"].map(_decisions(a)).astype("object").fillna("")
    return table.assign(decided=decided.astype("str").to_numpy())


def lagging_townships(a: Assessment, top: int = 5) -> pd.DataFrame:
    """The ``top`` townships with the most open cases (then overdue), those with none left out.

    Columns of :data:`LAGGING_HEADERS`.
    """
    table = ranking(a, "township")
    if "cases_open" not in table:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in LAGGING_HEADERS})
    return table[table["cases_open"] > 0].head(top)[list(LAGGING_HEADERS)].reset_index(drop=True)
