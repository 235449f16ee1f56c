"""The criminal amount standard 拒不支付劳动报酬罪“数额较大”标准 (刑法第276条之一).

A project or employer *meets the criminal amount standard* 达到数额较大标准 when one worker is
owed wages in three or more months adding up to ``criminal_amount_per_worker`` (*per worker*
个人标准), or when ten or more workers are owed ``criminal_amount_total`` in all (*total* 总额
标准); each province picks both amounts within the ranges of the judicial interpretation
(``[rules]``). A project with payroll rows is judged from its worker-months in arrears
(:mod:`wagekit.checks.wage_due`); a project without payroll, and every employer, only from the
arrears its ledger reports (欠薪金额, 欠薪人数), so only by the total. Subjects that meet it are
the ones an office orders to pay 责令限期支付 and prepares to transfer to the police 移送公安.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from wagekit.checks._frames import CENT as _CENT
from wagekit.checks._frames import empty_like as _empty_like
from wagekit.checks._text import yuan as _yuan
from wagekit.checks.arrears import arrears_by_project, arrears_by_worker
from wagekit.checks.wage_due import worker_month_arrears
from wagekit.config import Rules
from wagekit.findings import empty_findings, make_findings
from wagekit.labels import SUBJECT_KIND_LABELS

__all__ = ["CRIMINAL_MIN_WORKERS", "criminal_threshold", "criminal_threshold_findings"]

_RULES = Rules()
CRIMINAL_MIN_WORKERS = 10
"""Workers owed in all for the total standard (10人以上)."""

_CRIMINAL_COLUMNS = {
    "subject_id": "str",
    "subject_kind": "str",
    "source": "str",
    "amount": "float64",
    "workers": "Int64",
    "workers_3_months": "Int64",
    "rule": "str",
}


def criminal_threshold(
    payroll: pd.DataFrame | None = None,
    workers: pd.DataFrame | None = None,
    *,
    projects: pd.DataFrame | None = None,
    employers: pd.DataFrame | None = None,
    as_of: dt.date | str | pd.Timestamp,
    criminal_amount_per_worker: float = _RULES.criminal_amount_per_worker,
    criminal_amount_total: float = _RULES.criminal_amount_total,
    arrears: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Projects and employers whose arrears reach the criminal amount standard 数额较大.

    From the payroll (projects with payroll rows): ``per_worker`` when one worker is owed in
    three or more months adding up to ``criminal_amount_per_worker`` or more; ``total`` when
    ten or more workers are owed ``criminal_amount_total`` or more in all. From the ledger
    (projects without payroll, and employers: ``arrears_amount``, ``arrears_workers``) only
    ``total`` can be judged. Both rules met gives ``both``.

    Returns
    -------
    DataFrame
        ``subject_id, subject_kind`` (``project`` / ``employer``), ``source`` (``payroll`` /
        ``ledger``), ``amount``, ``workers`` (workers owed), ``workers_3_months`` (workers owed
        in 3+ months adding up to the per-worker amount; missing for ledger figures), ``rule``.

    """
    frames = []
    with_payroll: set = set()
    if payroll is not None and not payroll.empty:
        with_payroll = set(payroll["project_id"].dropna().unique())
        if arrears is None:
            arrears = worker_month_arrears(payroll, workers, as_of=as_of)
        if not arrears.empty:
            per_worker = arrears_by_worker(None, None, as_of=as_of, arrears=arrears)
            per_project = arrears_by_project(None, None, as_of=as_of, arrears=arrears)
            big = per_worker.loc[
                (per_worker["months"] >= 3)
                & (per_worker["amount"] >= criminal_amount_per_worker - _CENT)
            ]
            heavy = big.groupby("project_id").size()
            per_project["workers_3_months"] = heavy.reindex(
                per_project["project_id"], fill_value=0
            ).to_numpy()
            frames.append(
                per_project.assign(subject_kind="project", source="payroll").rename(
                    columns={"project_id": "subject_id"}
                )
            )
    ledgers = []
    if projects is not None:
        ledgers.append(
            projects.loc[~projects["project_id"].isin(with_payroll)].assign(
                subject_id=lambda f: f["project_id"], subject_kind="project"
            )
        )
    if employers is not None:
        ledgers.append(
            employers.assign(subject_id=lambda f: f["employer_id"], subject_kind="employer")
        )
    for ledger in ledgers:
        frames.append(
            pd.DataFrame(
                {
                    "subject_id": ledger["subject_id"],
                    "subject_kind": ledger["subject_kind"],
                    "source": "ledger",
                    "amount": ledger["arrears_amount"].astype("float64").fillna(0.0),
                    "workers": ledger["arrears_workers"].astype("Int64"),
                    "workers_3_months": pd.NA,
                }
            )
        )
    if not frames:
        return _empty_like(_CRIMINAL_COLUMNS)
    subjects = pd.concat(
        [
            f[list(_CRIMINAL_COLUMNS)[:-1]].astype(dict(list(_CRIMINAL_COLUMNS.items())[:-1]))
            for f in frames
        ],
        ignore_index=True,
    )
    per_worker_rule = (subjects["workers_3_months"] > 0).fillna(False)
    total_rule = (
        (subjects["workers"] >= CRIMINAL_MIN_WORKERS)
        & (subjects["amount"] >= criminal_amount_total - _CENT)
    ).fillna(False)
    subjects["rule"] = np.where(
        per_worker_rule & total_rule, "both", np.where(per_worker_rule, "per_worker", "total")
    )
    out = subjects.loc[(per_worker_rule | total_rule).to_numpy(dtype=bool)]
    return out.astype(_CRIMINAL_COLUMNS).reset_index(drop=True)


def criminal_threshold_findings(subjects: pd.DataFrame) -> pd.DataFrame:
    """One finding per subject reaching the criminal standard (:func:`criminal_threshold`)."""
    if subjects.empty:
        return empty_findings()
    kind = subjects["subject_kind"].map(SUBJECT_KIND_LABELS)
    workers = subjects["workers"].astype("Int64").astype("str").fillna("未知")
    per_worker = np.where(
        subjects["workers_3_months"].fillna(0) > 0,
        "，其中"
        + subjects["workers_3_months"].astype("Int64").astype("str").fillna("0")
        + "人欠薪3个月以上且达到个人数额标准",
        "",
    )
    message = (
        kind
        + subjects["subject_id"].astype("str")
        + "拖欠"
        + workers
        + "名劳动者工资共"
        + _yuan(subjects["amount"])
        + "元"
        + per_worker
        + "，达到拒不支付劳动报酬罪“数额较大”标准，应责令限期支付并做好移送公安准备"
    )
    table = np.where(
        subjects["source"] == "payroll",
        "payroll",
        np.where(subjects["subject_kind"] == "project", "projects", "employers"),
    )
    return make_findings(
        "payroll.criminal_threshold",
        "payroll",
        subjects["subject_id"],
        message,
        severity="serious",
        column="arrears_amount",
        value=subjects["amount"].round(2),
    ).assign(table=pd.array(table, dtype="string"))
