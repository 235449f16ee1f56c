"""Summary 统计汇总: every figure of a campaign on one day (../CONTRACT.md section 3).

The *summary* 汇总 is the JSON object of the contract: counts 个数 (integers), amounts 金额
(yuan), rates 比率 (0–1, rounded to 4 places), computed *as of* 截至 a day so that the same
folder always gives the same figures. A figure whose table is absent is ``null``, never 0. It
counts an :class:`~wagekit.assessment.Assessment` of the campaign as recorded (the ledgers
merged with the workspace store), so each figure can be looked up finding by finding
(:func:`wagekit.assessment.summary_findings`) and equals what every app and file shows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from wagekit.assessment import Assessment, assess
from wagekit.baseline import cleared_subjects
from wagekit.calendar import two_zero_deadlines
from wagekit.checks.early_warnings import warning_counts
from wagekit.checks.publicity import expected_townships
from wagekit.recorded import Recorded
from wagekit.risk import TIERS
from wagekit.schema import CLOSED_CASE_STATUSES, INVESTMENT_TYPES, PUBLICITY_ACTIVITIES, SYSTEMS

__all__ = ["figures", "summarize"]


def _int(value: Any) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return int(value)


def _yuan(value: Any) -> float | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return round(float(value), 2)


def _rate(part: Any, whole: Any) -> float | None:
    """``part / whole`` rounded to 4 places; null when either is unknown or the whole is 0."""
    if part is None or whole is None or whole == 0:
        return None
    return round(float(part) / float(whole), 4)


def _count_true(values: pd.Series) -> int:
    return int(values.astype("boolean").fillna(False).astype(bool).sum())


def _projects_section(a: Assessment) -> dict:
    projects = a.get("projects")
    if projects is None:
        return {
            "total": None,
            "by_investment_type": {t: None for t in INVESTMENT_TYPES},
            "systems": {s: {"count": None, "rate": None} for s in SYSTEMS},
            "all_systems": {"count": None, "rate": None},
            "labor_cost": {"underfunded": None, "rate": None, "shortfall": None},
        }
    total = len(projects)
    by_type = projects["investment_type"].value_counts()
    systems = {}
    for system in SYSTEMS:
        count = _count_true(a.systems[system])
        systems[system] = {"count": count, "rate": _rate(count, total)}
    all_count = _count_true(a.systems["all_systems"])
    if a.labor_cost is None:
        labor = {"underfunded": None, "rate": None, "shortfall": None}
    else:
        underfunded = len(a.labor_cost)
        labor = {
            "underfunded": underfunded,
            "rate": _rate(underfunded, total),
            "shortfall": _yuan(a.labor_cost["shortfall"].sum()),
        }
    return {
        "total": total,
        "by_investment_type": {t: int(by_type.get(t, 0)) for t in INVESTMENT_TYPES},
        "systems": systems,
        "all_systems": {"count": all_count, "rate": _rate(all_count, total)},
        "labor_cost": labor,
    }


def _employers_section(a: Assessment) -> dict:
    employers = a.get("employers")
    if employers is None:
        return {
            "total": None,
            "employees": None,
            "migrant_workers": None,
            "contracts_signed": None,
            "contract_rate": None,
        }
    migrant = _int(employers["migrant_workers"].sum())
    signed = _int(employers["contracts_signed"].sum())
    return {
        "total": len(employers),
        "employees": _int(employers["employees"].sum()),
        "migrant_workers": migrant,
        "contracts_signed": signed,
        "contract_rate": _rate(signed, migrant),
    }


def _arrears_section(a: Assessment) -> dict:
    if a.arrears is None:
        return {"projects": None, "workers": None, "amount": None}
    owed = a.arrears[(a.arrears["amount"] > 0) | (a.arrears["workers"].fillna(0) > 0)]
    projects = None
    if a.get("projects") is not None:
        projects = int((owed["subject_kind"] == "project").sum())
    return {
        "projects": projects,
        "workers": _int(owed["workers"].fillna(0).sum()),
        "amount": _yuan(owed["amount"].sum()),
    }


def _tier_counts(tiers: pd.Series) -> dict:
    counted = tiers.value_counts()
    counts = {t: int(counted.get(t, 0)) for t in TIERS}
    return {**counts, "no_arrears_rate": _rate(counts["none"], len(tiers))}


def _risk_section(a: Assessment) -> dict:
    if a.risk is None:
        return {
            "none": None,
            "general": None,
            "serious": None,
            "no_arrears_rate": None,
            "baseline": None,
            "cleared": None,
        }
    baseline = a.records.baseline
    recorded, cleared = None, None
    if not baseline.empty:
        recorded = {
            "as_of": baseline["baseline_date"].max().date().isoformat(),
            **_tier_counts(baseline["tier"]),
        }
        tiers = cleared_subjects(a)["baseline_tier"]
        cleared = {tier: int((tiers == tier).sum()) for tier in ("general", "serious")}
    return {**_tier_counts(a.risk["tier"]), "baseline": recorded, "cleared": cleared}


def _payroll_section(a: Assessment) -> dict:
    payroll = a.get("payroll")
    if payroll is None:
        return {
            "workers": None,
            "worker_months": None,
            "unpaid_worker_months": None,
            "below_minimum_wage": None,
            "cash_or_via_foreman": None,
        }
    return {
        "workers": int(payroll["id_number"].nunique()),
        "worker_months": len(payroll),
        "unpaid_worker_months": len(a.worker_month_arrears),
        "below_minimum_wage": len(a.below_minimum_wage),
        "cash_or_via_foreman": len(a.cash_or_via_foreman),
    }


def _two_zero(a: Assessment, status: pd.DataFrame | None) -> dict:
    deadlines = two_zero_deadlines(a.config)
    counts: dict[str, int | None] = {"government_open": None, "others_open": None}
    if status is not None:
        open_ = ~status["closed"]
        for klass in ("government", "others"):
            counts[f"{klass}_open"] = int((open_ & (status["two_zero_class"] == klass)).sum())
    return {
        **counts,
        **{f"{k}_deadline": day.isoformat() for k, day in deadlines.items()},
        **{f"{k}_days_left": (day - a.as_of).days for k, day in deadlines.items()},
    }


def _cases_section(a: Assessment) -> dict:
    status = a.case_status
    if status is None:
        return {
            "received": None,
            "open": None,
            "closed": None,
            "closure_rate": None,
            "workers_involved": None,
            "amount_involved": None,
            "amount_recovered": None,
            "overdue": None,
            "overdue_open": None,
            "closed_late": None,
            "transferred_police": None,
            "blacklisted": None,
            "two_zero": _two_zero(a, None),
        }
    cases = a.get("cases")
    received_ids = status["case_id"]
    received = cases[cases["case_id"].isin(received_ids)]
    closed = int(status["closed"].sum())
    open_ = ~status["closed"]
    return {
        "received": len(status),
        "open": int(open_.sum()),
        "closed": closed,
        "closure_rate": _rate(closed, len(status)),
        "workers_involved": _int(status["workers_involved"].fillna(0).sum()),
        "amount_involved": _yuan(status["amount_involved"].sum()),
        "amount_recovered": _yuan(status["amount_recovered"].sum()),
        "overdue": int(status["overdue"].sum()),
        "overdue_open": int((status["overdue"] & open_).sum()),
        "closed_late": int((status["overdue"] & status["closed"]).sum()),
        "transferred_police": _count_true(received["transferred_police"]),
        "blacklisted": _count_true(received["blacklisted"]),
        "two_zero": _two_zero(a, status),
    }


def _week_counts(cases: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> dict:
    received = cases["received_date"].between(first, last)
    closed = cases["status"].isin(CLOSED_CASE_STATUSES) & cases["closed_date"].between(first, last)
    return {
        "received": int(received.sum()),
        "closed": int(closed.sum()),
        "amount_recovered": _yuan(cases.loc[closed, "amount_recovered"].fillna(0).sum()),
    }


def _week_section(a: Assessment) -> dict:
    """The seven days ending on as_of, and the seven before (CONTRACT section 3, ``week``)."""
    last = pd.Timestamp(a.as_of)
    first = last - pd.Timedelta(days=6)
    window = {"from": first.date().isoformat(), "to": last.date().isoformat()}
    cases = a.get("cases")
    if cases is None:
        empty = {"received": None, "closed": None, "amount_recovered": None}
        return {**window, **empty, "previous": dict(empty)}
    week = pd.Timedelta(days=7)
    return {
        **window,
        **_week_counts(cases, first, last),
        "previous": _week_counts(cases, first - week, last - week),
    }


def _daily_section(a: Assessment) -> dict | None:
    """The daily 零报告 of as_of (``daily_reports``); None when none was ever recorded."""
    reports = a.records.daily_reports
    if reports.empty:
        return None
    townships = set(expected_townships(a.get("projects"), a.get("employers")))
    today = reports[reports["date"] == pd.Timestamp(a.as_of)]
    today = today[today["township"].isin(townships)]
    reported = set(today["township"])
    nothing = (today["incidents"].fillna(0) == 0) & (today["new_cases"].fillna(0) == 0)
    return {
        "date": a.as_of.isoformat(),
        "townships": len(townships),
        "reported": len(reported),
        "zero": int(nothing.sum()),
        "incidents": int(today["incidents"].fillna(0).sum()),
        "missing": sorted(townships - reported),
    }


def _publicity_section(a: Assessment) -> dict:
    publicity = a.get("publicity")
    if publicity is None:
        return {"events": None, "by_activity": None, "participants": None}
    done = publicity[publicity["date"] <= pd.Timestamp(a.as_of)]
    quantity = done["quantity"].fillna(0).groupby(done["activity"]).sum()
    participants = done["participants"].fillna(0).groupby(done["activity"]).sum()
    others = sorted(set(quantity.index) - set(PUBLICITY_ACTIVITIES))
    activities = [*PUBLICITY_ACTIVITIES, *others]
    return {
        "events": len(done),
        "by_activity": {
            name: {
                "quantity": int(quantity.get(name, 0)),
                "participants": int(participants.get(name, 0)),
            }
            for name in activities
        },
        "participants": int(done["participants"].fillna(0).sum()),
    }


def _self_inspection_section(a: Assessment) -> dict:
    has_subjects = a.get("projects") is not None or a.get("employers") is not None
    expected = len(a.subjects) if has_subjects else None
    if a.self_inspection is None:
        return {"expected": expected, "submitted": None, "missing": None, "mismatched": None}
    submitted = int(a.self_inspection["submitted"].sum())
    return {
        "expected": expected,
        "submitted": submitted,
        "missing": expected - submitted,
        "mismatched": int(a.self_inspection["mismatched"].sum()),
    }


def _warnings_section(a: Assessment) -> dict:
    if a.warnings is None:
        return {"red": None, "yellow": None}
    return warning_counts(a.warnings)


def _escalation_section(a: Assessment) -> dict:
    if a.criminal is None:
        return {"criminal_threshold_met": None, "order_ignored": None}
    ignored = None
    if a.lapsed_orders is not None:
        ignored = int(a.criminal["subject_id"].isin(a.lapsed_orders["subject_id"]).sum())
    return {"criminal_threshold_met": len(a.criminal), "order_ignored": ignored}


def figures(a: Assessment) -> dict:
    """Count the summary object of ../CONTRACT.md section 3 from an assessment."""
    config = a.config
    return {
        "campaign": {
            "name": config.name,
            "as_of": a.as_of.isoformat(),
            "phase": config.phase_on(a.as_of),
        },
        "projects": _projects_section(a),
        "employers": _employers_section(a),
        "arrears": _arrears_section(a),
        "risk": _risk_section(a),
        "payroll": _payroll_section(a),
        "cases": _cases_section(a),
        "publicity": _publicity_section(a),
        "self_inspection": _self_inspection_section(a),
        "warnings": _warnings_section(a),
        "escalation": _escalation_section(a),
        "week": _week_section(a),
        "daily_reports": _daily_section(a),
        "notices": list(a.notices),
    }


def summarize(campaign: Recorded | Any, *, as_of: dt.date) -> dict:
    """Every figure of ../CONTRACT.md section 3 for a campaign as recorded, as of a day.

    Parameters
    ----------
    campaign
        The campaign as recorded (:func:`wagekit.recorded.read_campaign`); a campaign just
        loaded (:func:`wagekit.load.load`) is counted on its ledgers alone.
    as_of
        The day of the figures; later payroll months, cases, forms and events are left out.

    Returns
    -------
    dict
        The contract's keys, plus ``notices``: a list of Chinese warnings about the figures.

    """
    return figures(assess(campaign, as_of=as_of))
