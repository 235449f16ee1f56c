"""The ground truth 标准答案 ``planted.json``: each planted problem kind, its rule, its subjects.

A *problem kind* 问题类别 (``missing_system``, ``arrears``, ``risk``, ``warnings``, ``cases`` …)
states the rule it was planted by (``definition``) and lists the *subjects* 对象 breaking it:
projects 项目, employers 用人单位, workers 农民工, payroll rows 工资记录 or cases 案件. Most lists
are computed from the generated tables by the definitions of ../CONTRACT.md section 3, so tests
compare what wagekit finds with what was planted; the rest (the bad contractors, the
below-minimum workers, the real-name gaps …) are the sets the steps planted.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from wagekit.config import Rules
from wagekit.schema import CLOSED_CASE_STATUSES, GOVERNMENT_INVESTMENT_TYPES, SYSTEMS

__all__ = ["ground_truth"]


def _as_list(values: Any) -> list:
    return sorted(pd.unique(pd.Series(values, dtype="object")).tolist())


def ground_truth(
    tables: dict[str, pd.DataFrame],
    *,
    case_kind: np.ndarray,
    case_late_close: np.ndarray,
    rules: Rules,
    as_of: np.datetime64,
    year: int,
    seed: int,
    scale: int,
    **sets: np.ndarray,
) -> dict[str, Any]:
    """``planted.json``: each planted problem kind with its definition and its subjects.

    ``case_kind`` and ``case_late_close`` are what :func:`wagekit.sample.cases.cases_ledger`
    returns beside the cases; ``sets`` are the subjects the steps planted.
    """
    projects, employers, workers, payroll, cases = (
        tables[t] for t in ("projects", "employers", "workers", "payroll", "cases")
    )
    as_of_ts = pd.Timestamp(str(as_of))
    kinds: dict[str, Any] = {}

    kinds["missing_system"] = {
        "definition": "projects whose ledger says 否 for a system (实名制管理 … 维权信息公示牌; "
        "按月足额支付 under monthly_payment_no); 社会投资 projects lack them most",
        "projects": {
            s: _as_list(projects.loc[~projects[s].astype(bool), "project_id"]) for s in SYSTEMS[:6]
        },
        "monthly_payment_no": _as_list(
            projects.loc[projects["monthly_payment"].eq(False).fillna(False), "project_id"]
        ),
    }
    owed = payroll["wage_due"] - payroll["wage_paid"]
    rows = payroll[owed > 0].assign(owed=owed[owed > 0])
    by_proj = rows.groupby("project_id").agg(
        amount=("owed", "sum"), workers=("id_number", "nunique")
    )
    contractor = projects.set_index("project_id")["contractor"]
    kinds["arrears"] = {
        "definition": "projects whose payroll shows wage_due > wage_paid in a month up to as_of; "
        "concentrated in the contractors listed",
        "projects": sorted(by_proj.index.tolist()),
        "contractors": sorted(sets["bad_contractors"].tolist()),
        "contractors_of_arrears_projects": _as_list(contractor[by_proj.index]),
        "workers": _as_list(rows["id_number"]),
        "worker_months": int(len(rows)),
        "amount": round(float(rows["owed"].sum()), 2),
    }
    emp_owing = employers[employers["arrears_amount"] > 0]
    kinds["employer_arrears"] = {
        "definition": "employers (not construction) whose ledger arrears_amount > 0 "
        "(screening 摸排, no payroll)",
        "employers": sorted(sets["owing_employers"].tolist()),
        "amount": float(emp_owing["arrears_amount"].sum()),
        "workers": int(emp_owing["arrears_workers"].sum()),
    }
    subjects = pd.concat(
        [
            by_proj.assign(kind="project"),
            emp_owing.set_index("employer_id")[["arrears_amount", "arrears_workers"]]
            .rename(columns={"arrears_amount": "amount", "arrears_workers": "workers"})
            .assign(kind="employer"),
        ]
    )
    serious = (subjects["amount"] >= rules.serious_arrears_amount) | (
        subjects["workers"].astype(float) >= rules.serious_arrears_workers
    )
    kinds["risk"] = {
        "definition": "serious: arrears ≥ serious_arrears_amount yuan or ≥ "
        "serious_arrears_workers workers; general: other arrears; none: the rest "
        "(projects from payroll, employers from the ledger)",
        "serious": sorted(subjects.index[serious].tolist()),
        "general": sorted(subjects.index[~serious].tolist()),
    }
    per_worker = rows.groupby(["project_id", "id_number"]).agg(
        months=("owed", "size"), amount=("owed", "sum")
    )
    one_worker = per_worker[
        (per_worker["months"] >= 3) & (per_worker["amount"] >= rules.criminal_amount_per_worker)
    ]
    many = by_proj[(by_proj["workers"] >= 10) & (by_proj["amount"] >= rules.criminal_amount_total)]
    emp_many = emp_owing[
        (emp_owing["arrears_workers"] >= 10)
        & (emp_owing["arrears_amount"] >= rules.criminal_amount_total)
    ]
    kinds["criminal_threshold_met"] = {
        "definition": "one worker owed for 3+ months adding up to criminal_amount_per_worker, "
        "or 10+ workers owed criminal_amount_total in all",
        "projects": sorted(set(one_worker.index.get_level_values(0)) | set(many.index)),
        "employers": _as_list(emp_many["employer_id"]),
    }

    pay_months = payroll[["id_number", "project_id", "month", "days_worked", "wage_due"]]
    basis = workers.set_index("id_number")
    w_basis = basis["wage_basis"].reindex(pay_months["id_number"]).to_numpy()
    w_rate = basis["wage_rate"].reindex(pay_months["id_number"]).to_numpy()
    minimum = rules.minimum_wage_monthly
    below = ((pay_months["days_worked"] >= 21.75) & (pay_months["wage_due"] < minimum)) | (
        (w_basis == "日薪") & (w_rate < minimum / 21.75)
    )
    low_rows = pay_months[below.to_numpy()]
    kinds["below_minimum_wage"] = {
        "definition": "worker-months with days_worked ≥ 21.75 and wage_due < minimum_wage_monthly, "
        "or rows of 日薪 workers whose rate < minimum_wage_monthly / 21.75",
        "workers": sorted(sets["low_workers"].tolist()),
        "worker_months": int(len(low_rows)),
        "rows": [
            [i, p, m]
            for i, p, m in zip(
                low_rows["id_number"],
                low_rows["project_id"],
                low_rows["month"].dt.strftime("%Y-%m"),
                strict=True,
            )
        ],
    }
    cash = payroll[payroll["pay_method"].isin(["现金", "班组长代领"])]
    kinds["cash_or_via_foreman"] = {
        "definition": "payroll rows paid 现金 or 班组长代领 instead of 银行代发",
        "projects": sorted(sets["cash_proj"].tolist()),
        "workers": _as_list(cash["id_number"]),
        "worker_months": int(len(cash)),
    }
    roster = workers.set_index("id_number")["project_id"]
    off = payroll[
        payroll["project_id"].to_numpy() != roster.reindex(payroll["id_number"]).to_numpy()
    ]
    kinds["payroll_not_on_roster"] = {
        "definition": "payroll rows whose worker is on another project's roster (实名制 gap)",
        "workers": sorted(sets["off_roster"].tolist()),
        "rows": [
            [i, p, m]
            for i, p, m in zip(
                off["id_number"], off["project_id"], off["month"].dt.strftime("%Y-%m"), strict=True
            )
        ],
    }
    kinds["roster_without_payroll"] = {
        "definition": "workers on a roster with no payroll row at all (实名制 gap)",
        "workers": sorted(sets["no_payroll"].tolist()),
    }
    kinds["late_pay"] = {
        "definition": "projects paying a month in full but after the end of the following month "
        "(not arrears, but a red warning)",
        "projects": sorted(sets["late_proj"].tolist()),
    }
    red, yellow = _warnings(payroll, as_of_ts)
    kinds["warnings"] = {
        "definition": "red: a worker attending in month M with no payment by the end of M+1 "
        "(judged on as_of), or >10% of a month's attendees with no pay record; "
        "yellow: fewer paid than attended, not red",
        "red": red,
        "yellow": yellow,
        "planted_yellow": sorted(sets["yellow_proj"].tolist()),
    }
    under = projects["labor_cost_paid"] < projects["labor_cost_due"]
    kinds["labor_cost_underfunded"] = {
        "definition": "projects with labor_cost_paid < labor_cost_due",
        "projects": _as_list(projects.loc[under, "project_id"]),
        "shortfall": round(
            float((projects["labor_cost_due"] - projects["labor_cost_paid"])[under].sum()), 2
        ),
    }
    late_set = set(sets["late_proj"].tolist()) | set(by_proj.index)
    says_yes = projects["monthly_payment"].fillna(False).astype(bool)
    kinds["monthly_payment_contradicted"] = {
        "definition": "ledger says 是 for 按月足额支付 but payroll shows arrears or pay after the "
        "end of the following month",
        "projects": _as_list(
            projects.loc[says_yes & projects["project_id"].isin(late_set), "project_id"]
        ),
    }

    counted = cases["received_date"] <= as_of_ts
    closed = cases["status"].isin(CLOSED_CASE_STATUSES) & ~(cases["closed_date"] > as_of_ts)
    open_ = counted & ~closed
    gov = cases["investment_type"].isin(GOVERNMENT_INVESTMENT_TYPES)
    kinds["cases"] = {
        "definition": "as of as_of: open = not 已结案/已移送 or closed after as_of; overdue = open "
        "and received 75+ days before as_of, or closed 75+ days after receipt "
        "(every other case is clearly within 30 working days)",
        "overdue": _as_list(cases.loc[np.isin(case_kind, [3, 4]), "case_id"]),
        "overdue_open": _as_list(cases.loc[case_kind == 3, "case_id"]),
        "overdue_closed_late": _as_list(cases.loc[case_kind == 4, "case_id"]),
        "received_after_as_of": _as_list(cases.loc[~counted, "case_id"]),
        "closed_after_as_of": _as_list(cases.loc[case_late_close, "case_id"]),
        "open": _as_list(cases.loc[open_, "case_id"]),
        "government_open": _as_list(cases.loc[open_ & gov, "case_id"]),
        "others_open": _as_list(cases.loc[open_ & ~gov, "case_id"]),
    }
    kinds["townships_without_publicity"] = {
        "definition": "townships with no publicity event",
        "townships": sorted(sets["silent"].tolist()),
    }
    kinds["self_inspection_missing"] = {
        "definition": "projects and employers with no self-inspection form (the contractors "
        "behind the concentrated arrears never send one)",
        "subjects": sorted(sets["missing_forms"].tolist()),
    }
    kinds["self_inspection_under_reported"] = {
        "definition": "submitted forms whose reported arrears (amount or workers) are below what "
        "payroll (projects) or the ledger (employers) shows",
        "subjects": sorted(sets["under"].tolist()),
    }
    return {
        "seed": seed,
        "scale": scale,
        "campaign_year": year,
        "as_of": str(as_of),
        "rules": {
            k: getattr(rules, k)
            for k in (
                "minimum_wage_monthly",
                "case_deadline_working_days",
                "serious_arrears_amount",
                "serious_arrears_workers",
                "criminal_amount_per_worker",
                "criminal_amount_total",
            )
        },
        "sizes": {name: int(len(frame)) for name, frame in tables.items()},
        "problems": kinds,
    }


def _warnings(payroll: pd.DataFrame, as_of: pd.Timestamp) -> tuple[list[str], list[str]]:
    """Red and yellow projects by the definitions of ../CONTRACT.md section 3."""
    att = payroll[payroll["days_worked"] > 0]
    deadline = att["month"] + pd.offsets.MonthBegin(2) - pd.Timedelta(days=1)
    judged = deadline < as_of
    no_record = att["pay_date"].isna() | (att["wage_paid"] <= 0)
    late = judged & (no_record | (att["pay_date"] > deadline))
    share = no_record.groupby([att["project_id"], att["month"]]).mean()
    red = set(att.loc[late, "project_id"]) | set(share[share > 0.10].index.get_level_values(0))
    yellow = set(share[share > 0].index.get_level_values(0)) - red
    return sorted(red), sorted(yellow)
