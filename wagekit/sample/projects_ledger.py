"""The projects ledger 在建工程项目台账 of the sample, filled in once the payroll is drawn.

A project's *arrears* 欠薪 (amount and workers owed) are what its payroll rows leave unpaid,
and its *按月足额支付* answer follows them: half the projects with arrears answer 否, the others
claim 是 — the contradiction the systems check finds. The rest of a row comes from the project
as :mod:`wagekit.sample.subjects` drew it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wagekit.sample.draws import date_series, str_series
from wagekit.sample.plan import Plan
from wagekit.sample.problems import PlantedProjects
from wagekit.sample.subjects import DEPARTMENTS, Employers, Projects
from wagekit.sample.workers import PayrollRows
from wagekit.schema import SYSTEMS

__all__ = ["projects_ledger"]


def projects_ledger(
    plan: Plan,
    employers: Employers,
    projects: Projects,
    payroll: pd.DataFrame,
    rows: PayrollRows,
    chosen: PlantedProjects,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The projects ledger 在建工程项目台账, its arrears filled in from the payroll.

    Half the arrears projects answer 否 to 按月足额支付; the others claim 是 (the contradiction
    the systems check finds). Returns the frame and each project's arrears amount and workers
    owed.
    """
    n_proj = plan.n_proj
    owed = payroll["wage_due"] - payroll["wage_paid"]
    owing_rows = owed > 0
    by_proj = pd.DataFrame(
        {
            "p": rows.project[owing_rows.to_numpy()],
            "w": rows.worker[owing_rows.to_numpy()],
            "owed": owed[owing_rows].to_numpy(),
        }
    )
    proj_arrears = by_proj.groupby("p")["owed"].sum().round(2)
    proj_arrears_workers = by_proj.groupby("p")["w"].nunique()
    arrears_amount = np.zeros(n_proj)
    arrears_amount[proj_arrears.index.to_numpy()] = proj_arrears.to_numpy()
    arrears_workers = np.zeros(n_proj, dtype=np.int64)
    arrears_workers[proj_arrears_workers.index.to_numpy()] = proj_arrears_workers.to_numpy()

    monthly_payment = np.ones(n_proj, dtype=bool)
    honest = plan.rng.random(n_proj) < 0.5
    monthly_payment[chosen.arrears] = ~honest[chosen.arrears]
    contractor = pd.Series(employers.name).to_numpy()[projects.contractor_of]
    frame = pd.DataFrame(
        {
            "project_id": str_series(projects.id.astype(object)),
            "name": str_series(projects.name),
            "township": str_series(projects.township),
            "department": str_series(np.asarray(DEPARTMENTS, dtype=object)[projects.dept]),
            "investment_type": str_series(projects.inv_type),
            "contractor": pd.Series(contractor, dtype="str"),
            "contract_value": projects.contract_value,
            "start_date": date_series(projects.start),
            "status": str_series(projects.status),
            **{s: projects.systems[s] for s in SYSTEMS[:6]},
            "monthly_payment": pd.array(monthly_payment, dtype="boolean"),
            "payment_guarantee": pd.array(projects.guarantee, dtype="boolean"),
            "labor_cost_due": projects.labor_due,
            "labor_cost_paid": projects.labor_paid,
            "arrears_amount": arrears_amount,
            "arrears_workers": pd.array(arrears_workers, dtype="Int64"),
        }
    )
    return frame, arrears_amount, arrears_workers
