"""Publicity events 宣传活动 and self-inspection forms 自查情况表 of the sample.

A *publicity event* is an activity 活动形式 of ``PUBLICITY_ACTIVITIES`` held on a day by a
*unit* 组织单位 in a township, with its *quantity* 数量 and, for gatherings, its *participants*
参与人数; 70% fall in the publicity phase 集中宣传阶段 and two *silent townships* 未开展宣传的乡镇
hold none. A *self-inspection form* is a subject's own report 自查 of its arrears: most projects
and employers submit one; many that owe *under-report* 少报 (nothing, or 40% of the amount);
the contractors behind the concentrated arrears send none.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wagekit.sample.draws import date_series, pick, str_series, uniform_dates
from wagekit.sample.plan import TOWNSHIPS, Plan
from wagekit.sample.problems import PlantedProjects
from wagekit.sample.subjects import Employers, Projects
from wagekit.schema import PUBLICITY_ACTIVITIES

__all__ = ["publicity_ledger", "self_inspection_forms"]

_PUBLICITY_UNITS = (
    "县人社局",
    "县劳动保障监察大队",
    "县住建局",
    "县总工会",
    "县司法局",
    "县交通运输局",
    "䶮溪村委会",  # a character outside GBK: the GB18030 export must really be GB18030
)
_ACTIVITY_SHARES = np.array([22, 12, 6, 4, 10, 8, 6, 5, 2, 6, 3, 10, 3, 3], dtype=float)
_ACTIVITY_QUANTITY = np.array(
    [
        [100, 2000],
        [1, 5],
        [1, 3],
        [1, 3],
        [10, 200],
        [2, 30],
        [1, 20],
        [1, 10],
        [1, 5],
        [1000, 50000],
        [1, 10],
        [1, 5],
        [1, 5],
        [1, 10],
    ]
)
_ACTIVITY_PARTICIPANTS = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0], dtype=bool)


def publicity_ledger(plan: Plan) -> tuple[pd.DataFrame, np.ndarray]:
    """Publicity events 宣传活动, 70% in the publicity phase; two townships hold none.

    Returns the ledger and the indices (into TOWNSHIPS) of the silent townships.
    """
    rng, n_pub, year, as_of = plan.rng, plan.n_pub, plan.year, plan.as_of
    silent = rng.choice(len(TOWNSHIPS), size=2, replace=False)
    active = np.setdiff1d(np.arange(len(TOWNSHIPS)), silent)
    act = rng.choice(
        len(PUBLICITY_ACTIVITIES), size=n_pub, p=_ACTIVITY_SHARES / _ACTIVITY_SHARES.sum()
    )
    in_phase = rng.random(n_pub) < 0.7
    pub_date = np.where(
        in_phase,
        uniform_dates(rng, f"{year}-11-01", f"{year}-11-30", n_pub),
        uniform_dates(rng, f"{year}-12-01", str(as_of), n_pub),
    )
    qty = rng.integers(_ACTIVITY_QUANTITY[act, 0], _ACTIVITY_QUANTITY[act, 1] + 1)
    participants = np.where(_ACTIVITY_PARTICIPANTS[act], rng.integers(15, 300, n_pub), -1)
    pub_township = np.asarray(TOWNSHIPS, dtype=object)[active[rng.integers(0, active.size, n_pub)]]
    unit = np.where(
        rng.random(n_pub) < 0.45,
        np.char.add(pub_township.astype(str), "人民政府"),
        pick(rng, _PUBLICITY_UNITS, n_pub, np.array([30, 25, 15, 10, 8, 8, 4.0])),
    )
    order = np.argsort(pub_date, kind="stable")
    publicity = pd.DataFrame(
        {
            "date": date_series(pub_date[order]),
            "township": str_series(pub_township[order]),
            "unit": str_series(unit[order].astype(object)),
            "activity": str_series(np.asarray(PUBLICITY_ACTIVITIES, dtype=object)[act[order]]),
            "quantity": pd.array(qty[order], dtype="Int64"),
            "participants": pd.array(
                np.where(participants[order] < 0, None, participants[order]), dtype="Int64"
            ),
        }
    )
    return publicity, silent


def self_inspection_forms(
    plan: Plan,
    employers: Employers,
    projects: Projects,
    chosen: PlantedProjects,
    arrears_amount: np.ndarray,
    arrears_workers: np.ndarray,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, np.ndarray]:
    """Self-inspection forms 自查情况表: most subjects submit; many that owe under-report.

    Returns the ledger, every subject's id (projects then employers), whether each submitted,
    and whether each under-reported.
    """
    rng, n_proj, year, as_of = plan.rng, plan.n_proj, plan.year, plan.as_of
    subj_id = np.concatenate([projects.id.astype(object), employers.id])
    subj_amount = np.concatenate([arrears_amount, employers.frame["arrears_amount"].to_numpy()])
    subj_workers = np.concatenate(
        [arrears_workers, employers.frame["arrears_workers"].to_numpy(dtype=np.int64)]
    )
    n_subj = subj_id.size
    submits = rng.random(n_subj) < 0.88
    # Contractors behind the concentrated arrears do not send their own employer form, so an
    # employer form never has to be compared with project arrears.
    submits[n_proj + chosen.bad_contractors] = False
    owing_subject = subj_amount > 0
    under = owing_subject & (rng.random(n_subj) < 0.6)
    submits[owing_subject] = True
    rep_amount = np.where(
        under, np.where(rng.random(n_subj) < 0.5, 0.0, np.round(subj_amount * 0.4, -2)), subj_amount
    )
    rep_workers = np.where(
        under & (rep_amount == 0),
        0,
        np.where(under, np.maximum(subj_workers // 2, 1), subj_workers),
    )
    late_form = rng.random(n_subj) < 0.1
    submitted = np.where(
        late_form,
        uniform_dates(rng, f"{year}-12-01", str(as_of), n_subj),
        uniform_dates(rng, f"{year}-11-01", f"{year}-11-30", n_subj),
    )
    rectified = np.where(rep_amount > 0, rng.random(n_subj) < 0.5, False)
    sel = np.flatnonzero(submits)
    sel = sel[np.argsort(submitted[sel], kind="stable")]
    frame = pd.DataFrame(
        {
            "subject_id": str_series(subj_id[sel]),
            "submitted_date": date_series(submitted[sel]),
            "reported_arrears_amount": rep_amount[sel].astype(float),
            "reported_arrears_workers": pd.array(rep_workers[sel], dtype="Int64"),
            "rectified": pd.array(
                np.where(rep_amount[sel] > 0, rectified[sel], None), dtype="boolean"
            ),
        }
    )
    return frame, subj_id, submits, under
