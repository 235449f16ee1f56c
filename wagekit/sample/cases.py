"""Complaint clues and cases 欠薪线索及案件 of the sample, deadlines clear-cut around ``as_of``.

A case comes from a *source* 线索来源, names a *respondent* 被反映单位 (a project's contractor or
an employer, those owing wages far more often) and is *open* 未办结 (受理, 核查中, 已立案) or
*closed* 已办结 (已结案, or 已移送 transferred to the police 移送公安). Its *kind* 类别 decides its
dates: closed on time, recent and open, recent and closed, planted *overdue* 超期 and open,
overdue and closed late, or received after ``as_of``. The kinds and the cases closed after
``as_of`` are the ground truth 标准答案 of the case figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wagekit.sample.draws import date_series, pick, str_series
from wagekit.sample.plan import Plan
from wagekit.schema import CASE_SOURCES, CASE_STATUSES, CLOSED_CASE_STATUSES

__all__ = ["cases_ledger"]

_HANDLERS = ("张伟", "李强", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "周敏", "吴军", "孙丽")
# Open statuses in the ledger's order: 受理, 核查中, 已立案.
_OPEN_CASE_STATUSES = tuple(s for s in CASE_STATUSES if s not in CLOSED_CASE_STATUSES)


def cases_ledger(
    plan: Plan,
    projects: pd.DataFrame,
    employers: pd.DataFrame,
    arrears_proj: np.ndarray,
    owing: np.ndarray,
    inv_type: np.ndarray,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Complaint clues and cases 欠薪线索及案件 with clear-cut deadlines relative to ``as_of``.

    Every case is either closed within 28 calendar days of receipt or received within the 28
    days before ``as_of`` (never overdue: 30 working days span at least 30 calendar days), or
    planted overdue: open and received 75+ days before ``as_of``, or closed 75+ days after
    receipt (30 working days never span 75 calendar days, whatever the holidays).

    Returns the ledger, each case's kind (0 to 5, as numbered below) and whether each was
    closed after ``as_of``, both in the ledger's order.
    """
    rng, n, year, as_of = plan.rng, plan.n_case, plan.year, plan.as_of
    n_proj = len(projects)
    on_project = rng.random(n) < 0.6
    weights = np.ones(n_proj)
    weights[arrears_proj] = 25.0
    proj = rng.choice(n_proj, size=n, p=weights / weights.sum())
    emp_weights = np.ones(len(employers))
    emp_weights[owing] = 20.0
    emp = rng.choice(len(employers), size=n, p=emp_weights / emp_weights.sum())
    respondent = np.where(
        on_project,
        projects["contractor"].to_numpy(dtype=object)[proj],
        employers["name"].to_numpy(dtype=object)[emp],
    )
    first_day = np.datetime64(f"{year}-01-03", "D")
    kind = rng.choice(6, size=n, p=np.array([62, 18, 9, 5, 4, 2]) / 100)
    # 0 old & closed on time, 1 recent & open, 2 recent & closed, 3 overdue open,
    # 4 overdue closed late, 5 received after as_of
    span_old = (as_of - 75 - first_day).astype(int)
    received = np.select(
        [kind == 0, np.isin(kind, [1, 2]), kind == 3, kind == 4],
        [
            first_day + rng.integers(0, (as_of - 28 - first_day).astype(int), n),
            as_of - rng.integers(0, 28, n),
            first_day + rng.integers(0, span_old, n),
            first_day + rng.integers(0, span_old - 20, n),
        ],
        as_of + rng.integers(1, 11, n),
    ).astype("datetime64[D]")
    closed_after = np.where(kind == 4, rng.integers(75, 95, n), rng.integers(3, 29, n))
    closed = received + closed_after.astype("timedelta64[D]")
    closed = np.where(kind == 2, np.minimum(closed, as_of), closed)
    # a few recent cases closed after as_of: open as of as_of, not overdue
    late_close = (kind == 2) & (rng.random(n) < 0.08)
    closed = np.where(late_close, received + np.timedelta64(28, "D"), closed)
    late_close &= closed > as_of
    is_closed = np.isin(kind, [0, 2, 4])
    transferred = is_closed & (rng.random(n) < 0.08)
    status = np.where(
        is_closed,
        np.where(transferred, "已移送", "已结案"),
        pick(rng, _OPEN_CASE_STATUSES, n, np.array([30, 45, 25.0])),
    ).astype(object)
    status[kind == 5] = "受理"
    workers_involved = np.maximum(1, np.round(np.exp(rng.normal(1.5, 0.9, n)))).astype(np.int64)
    amount = np.round(workers_involved * rng.uniform(2000, 15000, n), -1)
    recovered = np.where(
        is_closed,
        np.where(rng.random(n) < 0.85, amount, np.round(amount * rng.uniform(0.3, 1, n), -1)),
        np.where(rng.random(n) < 0.3, np.round(amount * rng.uniform(0, 0.5, n), -1), np.nan),
    )
    filed = (status == "已立案") | (is_closed & (rng.random(n) < 0.4)) | transferred
    filed_date = np.where(
        filed,
        received + np.minimum(rng.integers(1, 5, n), closed_after - 1).astype("timedelta64[D]"),
        np.datetime64("NaT"),
    )
    filed_date = np.where(filed & (kind == 5), np.datetime64("NaT"), filed_date)
    order = np.argsort(received, kind="stable")
    width = max(4, len(str(n)))
    case_id = np.char.add(f"QX{year}-", np.char.zfill(np.arange(1, n + 1).astype(str), width))
    frame = pd.DataFrame(
        {
            "case_id": str_series(case_id.astype(object)),
            "source": str_series(
                pick(rng, CASE_SOURCES, n, np.array([35, 30, 15, 15, 5.0]))[order]
            ),
            "received_date": date_series(received[order]),
            "project_id": str_series(
                np.where(on_project, projects["project_id"].to_numpy(dtype=object)[proj], None)[
                    order
                ]
            ),
            "respondent": str_series(respondent[order]),
            "investment_type": str_series(np.where(on_project, inv_type[proj], None)[order]),
            "workers_involved": pd.array(workers_involved[order], dtype="Int64"),
            "amount_involved": amount[order],
            "amount_recovered": recovered[order],
            "status": str_series(status[order]),
            "filed_date": date_series(filed_date[order]),
            "closed_date": date_series(np.where(is_closed, closed, np.datetime64("NaT"))[order]),
            "transferred_police": pd.array(transferred[order], dtype="boolean"),
            "blacklisted": pd.array(
                (transferred | (is_closed & (amount > 80_000)))[order], dtype="boolean"
            ),
            "handler": str_series(pick(rng, _HANDLERS, n)[order]),
        }
    )
    return frame, kind[order], late_close[order]
