"""Arrears per subject 欠薪主体: how much each project and employer owes, and to how many.

A *subject* 主体 is a project 项目 (by 项目编号) or an employer 用人单位 (by 统一社会信用代码).
A project with payroll rows is judged from its payroll: its arrears are the sum over its
worker-months up to the day of the figures of max(wage due − wage paid, 0), owed to the distinct
workers concerned (:mod:`wagekit.checks.payroll`). A project without payroll rows, and every
employer, is judged from the arrears its ledger reports (欠薪金额, 欠薪人数, usually from the
screening 摸排). Every subject is listed, with amount 0 when nothing is owed, so that risk tiers
(:mod:`wagekit.risk`) can be computed for all of them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from wagekit.checks.payroll import arrears_by_project

__all__ = ["arrears_by_subject"]

_COLUMNS = {
    "subject_id": "str",
    "subject_kind": "str",
    "amount": "float64",
    "workers": "Int64",
    "source": "str",
}


def arrears_by_subject(
    projects: pd.DataFrame | None,
    employers: pd.DataFrame | None,
    payroll: pd.DataFrame | None = None,
    workers: pd.DataFrame | None = None,
    *,
    as_of: dt.date | str | pd.Timestamp,
    arrears: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Arrears of every project and employer.

    ``arrears`` may pass an already computed
    :func:`wagekit.checks.payroll.worker_month_arrears` frame. Payroll rows of projects that
    are not in ``projects`` are ignored.

    Returns
    -------
    DataFrame
        One row per project (ledger order) then per employer: ``subject_id``,
        ``subject_kind`` (``project`` / ``employer``), ``amount`` (float64 yuan, 0 when none;
        an empty ledger cell counts as 0), ``workers`` ("Int64" workers owed; 0 when nothing
        is owed, missing when the ledger gives an amount without a head count), ``source``
        (``payroll`` / ``ledger``).

    """
    frames = []
    if projects is not None:
        ledger_amount = projects["arrears_amount"].astype("float64").fillna(0.0)
        ledger_workers = projects["arrears_workers"].astype("Int64")
        frame = pd.DataFrame(
            {
                "subject_id": projects["project_id"],
                "subject_kind": "project",
                "amount": ledger_amount,
                "workers": ledger_workers.mask(ledger_amount <= 0, 0),
                "source": "ledger",
            }
        )
        if payroll is not None and not payroll.empty:
            with_payroll = projects["project_id"].isin(payroll["project_id"].unique())
            owed = arrears_by_project(payroll, workers, as_of=as_of, arrears=arrears)
            owed = owed.set_index("project_id")
            ids = projects["project_id"].loc[with_payroll]
            frame.loc[with_payroll, "amount"] = (
                owed["amount"].reindex(ids, fill_value=0.0).to_numpy()
            )
            frame.loc[with_payroll, "workers"] = (
                owed["workers"].reindex(ids, fill_value=0).to_numpy()
            )
            frame.loc[with_payroll, "source"] = "payroll"
        frames.append(frame)
    if employers is not None:
        amount = employers["arrears_amount"].astype("float64").fillna(0.0)
        frames.append(
            pd.DataFrame(
                {
                    "subject_id": employers["employer_id"],
                    "subject_kind": "employer",
                    "amount": amount,
                    "workers": employers["arrears_workers"].astype("Int64").mask(amount <= 0, 0),
                    "source": "ledger",
                }
            )
        )
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _COLUMNS.items()})
    out = pd.concat([f.astype(_COLUMNS) for f in frames], ignore_index=True)
    return out.astype(_COLUMNS)
