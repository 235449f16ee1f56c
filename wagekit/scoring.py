"""Township scores 属地考核得分: each township's measures of the day, weighted into points.

Offices score their townships 属地 (and the 防欠责任人 who answer for them) on how the campaign
goes there. A *measure* 考核指标 is a rate between 0 and 1, high = good; its *points* 得分 are
the measure times its *weight* 权重 from ``campaign.toml`` ``[scoring]``
(:class:`wagekit.config.Scoring`, 100 points in all by default). The measures of a township:

- ``closure_rate`` 案件办结率: cases closed / cases received, over the cases of its projects;
- ``overdue_open`` 无超期未办结: 1 − open overdue cases (超期未办结) / cases received;
- ``two_zero`` 两清零进度: the share of its projects and employers without arrears (无欠薪比例,
  the figure the 两清零 goal is counted by);
- ``self_inspection_return`` 自查表回收率: subjects that returned their form / all its subjects;
- ``daily_punctuality`` 零报告按时率: days with a report by 16:00 / days due
  (:func:`wagekit.daily.daily_punctuality`);
- ``publicity`` 宣传活动: its publicity events by the day / the most events any township held.

A township with no case gets full marks for the two case measures (nothing was left open). A
measure that cannot be counted for the campaign at all (no cases ledger, no daily report yet,
no self-inspection ledger, no publicity) scores no township: its points are left out and the
*total* 总分 is rescaled to the weights that could be counted, so totals stay comparable and
out of the same full score. The *rank* 名次 puts the highest total first (rank 1 = best).
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pandas as pd

from wagekit.assessment import Assessment
from wagekit.checks.publicity import expected_townships
from wagekit.config import Scoring
from wagekit.daily import daily_punctuality

__all__ = ["MEASURE_LABELS", "full_score", "score_headers", "township_scores"]

MEASURE_LABELS = {
    "closure_rate": "案件办结率",
    "overdue_open": "无超期未办结",
    "two_zero": "两清零进度（无欠薪比例）",
    "self_inspection_return": "自查表回收率",
    "daily_punctuality": "零报告按时率",
    "publicity": "宣传活动",
}


def full_score(scoring: Scoring) -> float:
    """The full score: the sum of the weights."""
    return float(sum(getattr(scoring, f.name) for f in fields(Scoring)))


def score_headers(scoring: Scoring) -> dict[str, str]:
    """Chinese headers of :func:`township_scores`' columns, each measure with its weight."""
    headers = {"rank": "名次（1为最好）", "township": "属地"}
    for name, label in MEASURE_LABELS.items():
        headers[name] = label
        headers[f"{name}_points"] = f"{label}得分（满分{getattr(scoring, name):g}）"
    headers["total"] = f"总分（满分{full_score(scoring):g}，越高越好）"
    return headers


def _share(part: pd.Series, whole: pd.Series) -> pd.Series:
    return (part / whole.where(whole > 0)).astype("float64")


def _case_measures(a: Assessment, townships: pd.Index) -> dict[str, pd.Series]:
    status, projects = a.case_status, a.get("projects")
    if status is None or projects is None:
        return {}
    township = status["project_id"].map(projects.set_index("project_id")["township"])
    received = status.groupby(township).size().reindex(townships, fill_value=0)
    closed = status["closed"].groupby(township).sum().reindex(townships, fill_value=0)
    late = (status["overdue"] & ~status["closed"]).groupby(township).sum()
    late = late.reindex(townships, fill_value=0)
    return {
        "closure_rate": _share(closed, received).fillna(1.0),
        "overdue_open": (1 - _share(late, received)).fillna(1.0),
    }


def _subject_measures(a: Assessment, townships: pd.Index) -> dict[str, pd.Series]:
    measures = {}
    if a.risk is not None:
        clear = (a.risk["tier"] == "none").groupby(a.risk["township"]).mean()
        measures["two_zero"] = clear.reindex(townships).astype("float64")
    if a.self_inspection is not None:
        where = a.subjects.set_index("subject_id")["township"]
        township = a.self_inspection["subject_id"].map(where)
        returned = a.self_inspection["submitted"].groupby(township).mean()
        measures["self_inspection_return"] = returned.reindex(townships).astype("float64")
    return measures


def _activity_measures(a: Assessment, townships: pd.Index) -> dict[str, pd.Series]:
    measures = {}
    punctuality = daily_punctuality(a).set_index("township")["punctuality"]
    if punctuality.notna().any():
        measures["daily_punctuality"] = punctuality.reindex(townships)
    publicity = a.get("publicity")
    if publicity is not None:
        done = publicity[publicity["date"] <= pd.Timestamp(a.as_of)]
        events = done.groupby("township").size().reindex(townships, fill_value=0)
        if events.max() > 0:
            measures["publicity"] = (events / events.max()).astype("float64")
    return measures


def township_scores(a: Assessment) -> pd.DataFrame:
    """Score every township named in the projects and employers ledgers.

    Returns
    -------
    pandas.DataFrame
        ``rank``, ``township``, then for each measure of :data:`MEASURE_LABELS` its rate
        (``closure_rate`` …, rounded to 4 places) and its points (``closure_rate_points`` …,
        rounded to 1 place; NaN when the measure cannot be counted), and ``total`` (rounded to
        1 place). Highest total first; rank 1 is the best township; ties share a rank.

    """
    scoring: Scoring = a.config.scoring
    townships = pd.Index(
        expected_townships(a.get("projects"), a.get("employers")), dtype="str", name="township"
    )
    measures = {
        **_case_measures(a, townships),
        **_subject_measures(a, townships),
        **_activity_measures(a, townships),
    }
    frame = pd.DataFrame(index=townships)
    counted = 0.0
    points_total = pd.Series(0.0, index=townships)
    for name in MEASURE_LABELS:
        weight = float(getattr(scoring, name))
        rate = measures.get(name, pd.Series(np.nan, index=townships, dtype="float64"))
        points = rate * weight
        frame[name] = rate.round(4)
        frame[f"{name}_points"] = points.round(1)
        if name in measures:
            counted += weight
            points_total = points_total + points.fillna(0)
    full = full_score(scoring)
    total = points_total * (full / counted) if counted else pd.Series(np.nan, index=townships)
    frame["total"] = total.round(1)
    frame = frame.reset_index().sort_values(
        ["total", "township"], ascending=[False, True], kind="stable", na_position="last"
    )
    frame.insert(0, "rank", frame["total"].rank(method="min", ascending=False).astype("Int64"))
    return frame.reset_index(drop=True)
