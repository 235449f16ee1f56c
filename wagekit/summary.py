"""Summary 统计汇总: every figure of a campaign on one day, and the findings behind each.

The *summary* 汇总 is the JSON object of ../CONTRACT.md section 3: counts 个数 (integers),
amounts 金额 (yuan), rates 比率 (0–1, rounded to 4 places), computed *as of* 截至 a day so that the
same folder always gives the same figures. A figure whose table is absent is ``null``, never 0.
An *assessment* 研判 is everything the checks computed for that day (arrears, risk tiers, case
deadlines, warnings …); the summary counts it and :func:`summary_findings` lists it, so each
figure can be looked up finding by finding. *Case actions* 案件办理记录 and *orders* 执法文书
recorded in the workspace store override or add to the ledgers: a case closed in the store is
closed here (:func:`apply_case_actions`), and an order to pay whose deadline lapsed feeds the
escalation figures. *Notices* 提示 (an extension of the contract) say what the reader must know
to trust the figures: an unofficial holiday calendar, rows rejected on loading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from wagekit.calendar import WorkCalendar, two_zero_deadlines
from wagekit.checks import cases as case_checks
from wagekit.checks.arrears import arrears_by_subject
from wagekit.checks.criminal_threshold import criminal_threshold, criminal_threshold_findings
from wagekit.checks.early_warnings import payroll_warnings, warning_counts, warning_findings
from wagekit.checks.labor_cost import labor_cost_findings, labor_cost_shortfall
from wagekit.checks.minimum_wage import below_minimum_wage, below_minimum_wage_findings
from wagekit.checks.pay_methods import cash_or_via_foreman, cash_or_via_foreman_findings
from wagekit.checks.publicity import (
    ACTIVITY_UNITS,
    expected_townships,
    expected_units,
    publicity_gaps,
)
from wagekit.checks.roster_gaps import roster_gap_findings, roster_gaps
from wagekit.checks.self_inspection import (
    campaign_subjects,
    mismatched_self_inspections,
    missing_self_inspections,
    self_inspection_status,
)
from wagekit.checks.systems import project_systems, systems_findings
from wagekit.checks.unpaid_runs import months_unpaid_in_a_row, unpaid_run_findings
from wagekit.checks.wage_due import arrears_findings, worker_month_arrears
from wagekit.config import PHASE_LABELS, CampaignConfig
from wagekit.findings import FINDING_COLUMNS, empty_findings, make_findings
from wagekit.risk import inspection_priority, open_cases_by_subject, risk_tiers
from wagekit.schema import (
    CLOSED_CASE_STATUSES,
    INVESTMENT_TYPES,
    PUBLICITY_ACTIVITIES,
    SYSTEM_LABELS,
    SYSTEMS,
)

__all__ = [
    "Assessment",
    "apply_case_actions",
    "assess",
    "assessment_findings",
    "figures",
    "format_summary",
    "risk_findings",
    "summarize",
    "summary_findings",
]


# ---------------------------------------------------------------------------------------------
# Store merge
# ---------------------------------------------------------------------------------------------


def apply_case_actions(cases: pd.DataFrame, case_actions: pd.DataFrame | None) -> pd.DataFrame:
    """Apply what the store recorded about each case to the cases ledger.

    ``case_actions`` has one row per case (``case_id, status, closed_date, amount_recovered``,
    as :meth:`wagekit.store.Workspace.case_actions` gives it). For a case it names, the store's
    status replaces the ledger's; its closed date replaces the ledger's (and is cleared when
    the store reopened the case); its recovered amount replaces the ledger's when given.
    Cases the store does not know, and store rows for unknown cases, change nothing.
    """
    if case_actions is None or case_actions.empty:
        return cases
    actions = case_actions.drop_duplicates("case_id", keep="last").set_index("case_id")
    ids = cases["case_id"]
    known = ids.isin(actions.index).to_numpy(dtype=bool)
    if not known.any():
        return cases
    merged = cases.copy()
    status = ids.map(actions["status"])
    merged["status"] = merged["status"].where(~known, status).astype(cases["status"].dtype)
    closed_now = status.isin(CLOSED_CASE_STATUSES).to_numpy(dtype=bool)
    store_closed = pd.to_datetime(ids.map(actions["closed_date"])).astype("datetime64[ns]")
    closed_date = merged["closed_date"].astype("datetime64[ns]")
    # A closing action keeps the ledger's date when the store gave none; reopening clears it.
    closed_date = closed_date.where(~(known & closed_now), store_closed.fillna(closed_date))
    closed_date = closed_date.where(~(known & ~closed_now), pd.NaT)
    merged["closed_date"] = closed_date.astype(cases["closed_date"].dtype)
    if "amount_recovered" in actions:
        recovered = ids.map(actions["amount_recovered"]).astype("float64")
        merged["amount_recovered"] = (
            merged["amount_recovered"]
            .astype("float64")
            .where(~(known & recovered.notna().to_numpy(dtype=bool)), recovered)
        )
    return merged


# ---------------------------------------------------------------------------------------------
# Assessment: every check, once, on one day
# ---------------------------------------------------------------------------------------------


@dataclass
class Assessment:
    """Everything the checks computed for a campaign on one day.

    A frame is ``None`` when the table it needs is absent from the campaign.
    """

    config: CampaignConfig
    as_of: dt.date
    tables: dict[str, pd.DataFrame]
    subjects: pd.DataFrame
    arrears: pd.DataFrame | None
    risk: pd.DataFrame | None
    systems: pd.DataFrame | None
    labor_cost: pd.DataFrame | None
    worker_month_arrears: pd.DataFrame | None
    below_minimum_wage: pd.DataFrame | None
    cash_or_via_foreman: pd.DataFrame | None
    warnings: pd.DataFrame | None
    criminal: pd.DataFrame | None
    lapsed_orders: pd.DataFrame | None
    case_status: pd.DataFrame | None
    self_inspection: pd.DataFrame | None
    notices: list[str] = field(default_factory=list)

    def get(self, name: str) -> pd.DataFrame | None:
        """Return a table as assessed (payroll up to as_of, store actions applied)."""
        return self.tables.get(name)

    def inspection_priority(self) -> pd.DataFrame | None:
        """Rank subjects for inspection on this day (:func:`wagekit.risk.inspection_priority`)."""
        return None if self.risk is None else inspection_priority(self.risk)


def _tables(campaign: Any) -> dict[str, pd.DataFrame]:
    tables = getattr(campaign, "tables", None)
    return dict(tables) if tables is not None else {}


def _worst_warning(warnings: pd.DataFrame | None) -> pd.Series | None:
    if warnings is None or warnings.empty:
        return None
    rank = warnings["colour"].map({"green": 0, "yellow": 1, "red": 2}).astype("int64")
    worst = rank.groupby(warnings["project_id"]).max()
    return worst[worst > 0].map({1: "yellow", 2: "red"})


def _load_notices(campaign: Any) -> list[str]:
    report = getattr(campaign, "report", None)
    if report is None:
        return []
    rejected = sum(t.rejected for t in report.tables.values())
    unreadable = [t.file for t in report.tables.values() if t.unreadable]
    notices = []
    if rejected:
        notices.append(
            f"台账中有{rejected}行记录未能导入，未计入以上统计（运行 wagekit validate 查看原因）"
        )
    if unreadable:
        notices.append(f"无法读取的文件：{'、'.join(unreadable)}，相关统计为空")
    return notices


def assess(
    campaign: Any,
    *,
    as_of: dt.date,
    orders: pd.DataFrame | None = None,
    case_actions: pd.DataFrame | None = None,
) -> Assessment:
    """Run every check of a loaded campaign (:func:`wagekit.load.load`) as of a day.

    ``orders`` (``subject_id, kind, issued, deadline, status, fulfilled_date``) and
    ``case_actions`` (:func:`apply_case_actions`) come from the workspace store.
    """
    config: CampaignConfig = campaign.config
    rules = config.rules
    tables = _tables(campaign)
    day = pd.Timestamp(as_of)
    projects, employers = tables.get("projects"), tables.get("employers")
    workers = tables.get("workers")
    payroll = tables.get("payroll")
    if payroll is not None:
        later = (payroll["month"] > day).to_numpy(dtype=bool)
        if later.any():  # copying a province's payroll costs memory; only when needed
            payroll = payroll[~later]
            tables["payroll"] = payroll
    if tables.get("cases") is not None:
        tables["cases"] = apply_case_actions(tables["cases"], case_actions)
    cases = tables.get("cases")
    has_subjects = projects is not None or employers is not None
    subjects = campaign_subjects(projects, employers)
    notices = _load_notices(campaign)

    month_arrears = below = cash = warnings = None
    if payroll is not None:
        month_arrears = worker_month_arrears(payroll, workers, as_of=as_of)
        below = below_minimum_wage(
            payroll, workers, as_of=as_of, minimum_wage_monthly=rules.minimum_wage_monthly
        )
        cash = cash_or_via_foreman(payroll, workers)
        warnings = payroll_warnings(payroll, workers, as_of=as_of)

    arrears = risk = criminal = None
    if has_subjects:
        arrears = arrears_by_subject(
            projects, employers, payroll, workers, as_of=as_of, arrears=month_arrears
        )
        criminal = criminal_threshold(
            payroll,
            workers,
            projects=projects,
            employers=employers,
            as_of=as_of,
            criminal_amount_per_worker=rules.criminal_amount_per_worker,
            criminal_amount_total=rules.criminal_amount_total,
            arrears=month_arrears,
        )

    systems = labor = None
    if projects is not None:
        systems = project_systems(projects, payroll, workers, as_of=as_of)
        if projects["labor_cost_due"].notna().any():
            labor = labor_cost_shortfall(projects)

    status = None
    if cases is not None:
        calendar = WorkCalendar.from_config(config)
        status = case_checks.case_status(
            cases,
            calendar,
            as_of=as_of,
            deadline_working_days=rules.case_deadline_working_days,
            two_zero=two_zero_deadlines(config),
        )
        notices += sorted(set(status["calendar_warning"]) - {""})

    if has_subjects:
        open_cases = None
        if status is not None:
            open_cases = open_cases_by_subject(status, subjects, open_mask=~status["closed"])
        shortfall = None
        if labor is not None:
            shortfall = labor.set_index("project_id")["shortfall"]
        risk = risk_tiers(
            subjects,
            arrears,
            systems=systems,
            warnings=_worst_warning(warnings),
            open_cases=open_cases,
            labor_shortfall=shortfall,
            serious_arrears_amount=rules.serious_arrears_amount,
            serious_arrears_workers=rules.serious_arrears_workers,
        )

    lapsed = None
    if orders is not None:
        lapsed = case_checks._lapsed_orders(orders, as_of)

    si_status = None
    if tables.get("self_inspections") is not None and has_subjects:
        si_status = self_inspection_status(
            tables["self_inspections"], subjects, arrears, as_of=as_of
        )

    return Assessment(
        config=config,
        as_of=as_of,
        tables=tables,
        subjects=subjects,
        arrears=arrears,
        risk=risk,
        systems=systems,
        labor_cost=labor,
        worker_month_arrears=month_arrears,
        below_minimum_wage=below,
        cash_or_via_foreman=cash,
        warnings=warnings,
        criminal=criminal,
        lapsed_orders=lapsed,
        case_status=status,
        self_inspection=si_status,
        notices=notices,
    )


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------


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


def _risk_section(a: Assessment) -> dict:
    if a.risk is None:
        return {"none": None, "general": None, "serious": None, "no_arrears_rate": None}
    tiers = a.risk["tier"].value_counts()
    counts = {t: int(tiers.get(t, 0)) for t in ("none", "general", "serious")}
    return {**counts, "no_arrears_rate": _rate(counts["none"], len(a.risk))}


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
            "transferred_police": None,
            "blacklisted": None,
            "two_zero": {"government_open": None, "others_open": None},
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
        "transferred_police": _count_true(received["transferred_police"]),
        "blacklisted": _count_true(received["blacklisted"]),
        "two_zero": {
            "government_open": int((open_ & (status["two_zero_class"] == "government")).sum()),
            "others_open": int((open_ & (status["two_zero_class"] == "others")).sum()),
        },
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
        "notices": list(a.notices),
    }


def summarize(
    campaign: Any,
    *,
    as_of: dt.date,
    orders: pd.DataFrame | None = None,
    case_actions: pd.DataFrame | None = None,
) -> dict:
    """Every figure of ../CONTRACT.md section 3 for a loaded campaign, as of a day.

    Parameters
    ----------
    campaign
        A loaded campaign (:func:`wagekit.load.load`): ``config`` and ``tables``.
    as_of
        The day of the figures; later payroll months, cases, forms and events are left out.
    orders, case_actions
        What the workspace store recorded (see :func:`assess`), or ``None``.

    Returns
    -------
    dict
        The contract's keys, plus ``notices``: a list of Chinese warnings about the figures.

    """
    return figures(assess(campaign, as_of=as_of, orders=orders, case_actions=case_actions))


# ---------------------------------------------------------------------------------------------
# Findings behind the figures
# ---------------------------------------------------------------------------------------------


def risk_findings(risk: pd.DataFrame) -> pd.DataFrame:
    """One finding per project or employer with arrears: its tier and the reasons."""
    owed = risk[risk["tier"] != "none"].reset_index(drop=True)
    if owed.empty:
        return empty_findings()
    kind = owed["subject_kind"].map({"project": "项目", "employer": "用人单位"})
    tier = owed["tier"].map({"general": "一般拖欠", "serious": "重大拖欠"})
    message = kind + owed["name"] + "（" + owed["subject_id"] + "）" + tier + "：" + owed["reasons"]
    found = make_findings(
        "risk",
        "projects",
        owed["subject_id"],
        message,
        severity=owed["tier"].map({"general": "warning", "serious": "serious"}),
        column="arrears_amount",
        value=owed["arrears_amount"].round(2),
    )
    found["check"] = ("risk." + owed["tier"]).astype("string")
    found["table"] = (
        owed["subject_kind"].map({"project": "projects", "employer": "employers"}).astype("string")
    )
    return found


def _escalation_findings(a: Assessment) -> pd.DataFrame:
    if a.criminal is None or a.lapsed_orders is None:
        return empty_findings()
    lapsed = a.lapsed_orders.set_index("subject_id")["order_deadline"]
    hit = a.criminal[a.criminal["subject_id"].isin(lapsed.index)].reset_index(drop=True)
    if hit.empty:
        return empty_findings()
    deadline = hit["subject_id"].map(lapsed).dt.strftime("%Y-%m-%d")
    message = (
        hit["subject_id"]
        + "欠薪达到拒不支付劳动报酬罪数额标准，限期整改指令书期限（"
        + deadline
        + "）已过仍未支付，可启动纳入黑名单事先告知和移送公安程序"
    )
    return make_findings(
        "escalation.order_ignored",
        "orders",
        hit["subject_id"],
        message,
        severity="serious",
    )


def assessment_findings(a: Assessment) -> pd.DataFrame:
    """Every finding of an assessment, concatenated with :data:`FINDING_COLUMNS`."""
    rules = a.config.rules
    parts = []
    payroll = a.get("payroll")
    if payroll is not None:
        workers = a.get("workers")
        parts += [
            arrears_findings(a.worker_month_arrears),
            unpaid_run_findings(months_unpaid_in_a_row(payroll, workers, as_of=a.as_of)),
            below_minimum_wage_findings(a.below_minimum_wage),
            cash_or_via_foreman_findings(a.cash_or_via_foreman),
            roster_gap_findings(roster_gaps(payroll, workers)),
            warning_findings(a.warnings),
        ]
    if a.criminal is not None:
        parts.append(criminal_threshold_findings(a.criminal))
    if a.systems is not None:
        parts.append(systems_findings(a.systems))
    if a.labor_cost is not None:
        parts.append(labor_cost_findings(a.labor_cost))
    if a.risk is not None:
        parts.append(risk_findings(a.risk))
    if a.get("cases") is not None:
        parts.append(
            case_checks.case_findings(
                a.get("cases"),
                WorkCalendar.from_config(a.config),
                as_of=a.as_of,
                deadline_working_days=rules.case_deadline_working_days,
                two_zero=two_zero_deadlines(a.config),
            )
        )
    if a.get("publicity") is not None:
        projects, employers = a.get("projects"), a.get("employers")
        parts.append(
            publicity_gaps(
                a.get("publicity"),
                townships=expected_townships(projects, employers),
                units=expected_units(projects),
                as_of=a.as_of,
            )
        )
    if a.self_inspection is not None:
        parts.append(missing_self_inspections(a.self_inspection, as_of=a.as_of))
        parts.append(mismatched_self_inspections(a.self_inspection))
    parts.append(_escalation_findings(a))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return empty_findings()
    return pd.concat(parts, ignore_index=True)[list(FINDING_COLUMNS)]


def summary_findings(
    campaign: Any,
    *,
    as_of: dt.date,
    orders: pd.DataFrame | None = None,
    case_actions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """All findings behind the summary of the same day, one table with the fixed columns."""
    return assessment_findings(
        assess(campaign, as_of=as_of, orders=orders, case_actions=case_actions)
    )


# ---------------------------------------------------------------------------------------------
# Readable text
# ---------------------------------------------------------------------------------------------

_NOT_GIVEN = "未提供"


def _n(value: int | None, unit: str = "") -> str:
    return "—" if value is None else f"{value}{unit}"


def _pct(rate: float | None) -> str:
    if rate is None:
        return "—"
    return f"{rate * 100:.1f}".rstrip("0").rstrip(".") + "%"


def _wan_text(amount: float | None) -> str:
    if amount is None:
        return "—"
    return f"{amount / 10_000:,.2f}".rstrip("0").rstrip(".") + "万元"


def _projects_text(p: dict) -> list[str]:
    if p["total"] is None:
        return [f"一、在建项目：{_NOT_GIVEN}在建工程项目台账。"]
    by_type = "、".join(f"{t}{n}个" for t, n in p["by_investment_type"].items())
    systems = "；".join(
        f"{SYSTEM_LABELS[s]}{v['count']}个，覆盖率{_pct(v['rate'])}"
        for s, v in p["systems"].items()
    )
    lines = [
        f"一、在建项目{p['total']}个，其中{by_type}。",
        f"    制度落实：{systems}；七项制度全部落实{p['all_systems']['count']}个，"
        f"占{_pct(p['all_systems']['rate'])}。",
    ]
    labor = p["labor_cost"]
    if labor["underfunded"] is None:
        lines.append("    人工费拨付：台账未填写应拨付人工费。")
    else:
        lines.append(
            f"    人工费未拨付或拨付不足的项目{labor['underfunded']}个，占{_pct(labor['rate'])}，"
            f"差额{_wan_text(labor['shortfall'])}。"
        )
    return lines


def _employers_text(e: dict) -> list[str]:
    if e["total"] is None:
        return [f"二、用人单位：{_NOT_GIVEN}用人单位台账。"]
    return [
        f"二、用人单位{e['total']}家，职工{_n(e['employees'], '人')}，其中农民工"
        f"{_n(e['migrant_workers'], '人')}，签订劳动合同{_n(e['contracts_signed'], '人')}，"
        f"签订率{_pct(e['contract_rate'])}。"
    ]


def _arrears_text(s: dict) -> list[str]:
    arrears, risk = s["arrears"], s["risk"]
    if arrears["amount"] is None:
        return [f"三、欠薪情况：{_NOT_GIVEN}项目和用人单位台账。"]
    projects = "" if arrears["projects"] is None else f"存在欠薪的项目{arrears['projects']}个，"
    return [
        f"三、欠薪情况：{projects}涉及农民工{arrears['workers']}人，金额{_wan_text(arrears['amount'])}；"
        f"重大拖欠{risk['serious']}个、一般拖欠{risk['general']}个、无欠薪{risk['none']}个，"
        f"无欠薪比例{_pct(risk['no_arrears_rate'])}。"
    ]


def _payroll_text(s: dict) -> list[str]:
    p, w = s["payroll"], s["warnings"]
    if p["workers"] is None:
        return [f"四、工资发放：{_NOT_GIVEN}工资发放记录。"]
    return [
        f"四、工资发放：记录农民工{p['workers']}人、{p['worker_months']}人月，其中未足额发放"
        f"{p['unpaid_worker_months']}人月，低于最低工资标准{p['below_minimum_wage']}人月，"
        f"现金发放或班组长代领{p['cash_or_via_foreman']}人月；"
        f"红色预警项目{w['red']}个，黄色预警项目{w['yellow']}个。"
    ]


def _cases_text(s: dict) -> list[str]:
    c, e = s["cases"], s["escalation"]
    if c["received"] is None:
        lines = [f"五、案件办理：{_NOT_GIVEN}欠薪线索及案件台账。"]
    else:
        lines = [
            f"五、受理线索{c['received']}起，办结{c['closed']}起，办结率{_pct(c['closure_rate'])}，"
            f"未办结{c['open']}起，其中超期{c['overdue']}起；涉及农民工{c['workers_involved']}人、"
            f"金额{_wan_text(c['amount_involved'])}，追回{_wan_text(c['amount_recovered'])}；"
            f"移送公安{c['transferred_police']}起，列入黑名单{c['blacklisted']}起；"
            f"两清零：政府投资类项目未结{c['two_zero']['government_open']}起，"
            f"其他未结{c['two_zero']['others_open']}起。"
        ]
    if e["criminal_threshold_met"] is not None:
        ignored = (
            ""
            if e["order_ignored"] is None
            else f"，其中限期整改指令书逾期未履行{e['order_ignored']}个"
        )
        lines.append(
            f"    达到拒不支付劳动报酬罪数额标准的项目和用人单位{e['criminal_threshold_met']}个"
            f"{ignored}。"
        )
    return lines


def _publicity_text(p: dict) -> list[str]:
    if p["events"] is None:
        return [f"六、集中宣传：{_NOT_GIVEN}宣传活动记录。"]
    done = "、".join(
        f"{name}{v['quantity']}{ACTIVITY_UNITS.get(name, '次')}"
        for name, v in p["by_activity"].items()
        if v["quantity"]
    )
    return [
        f"六、集中宣传：开展宣传活动{p['events']}次，参与{p['participants']}人次"
        + (f"；其中{done}。" if done else "。")
    ]


def _self_inspection_text(si: dict) -> list[str]:
    if si["expected"] is None:
        return [f"七、自查自纠：{_NOT_GIVEN}项目和用人单位台账。"]
    if si["submitted"] is None:
        return [f"七、自查自纠：应提交{si['expected']}个，{_NOT_GIVEN}自查情况表。"]
    return [
        f"七、自查自纠：应提交{si['expected']}个，已提交{si['submitted']}个，"
        f"提交率{_pct(_rate(si['submitted'], si['expected']))}，未提交{si['missing']}个，"
        f"自报与核算不符{si['mismatched']}个。"
    ]


def format_summary(summary: dict) -> str:
    """Write the summary as Chinese text in the style of the offices' reports (amounts in 万元)."""
    campaign = summary["campaign"]
    phase = PHASE_LABELS.get(campaign["phase"], campaign["phase"])
    day = dt.date.fromisoformat(campaign["as_of"])
    lines = [
        f"{campaign['name']}统计汇总（截至{day.year}年{day.month}月{day.day}日，{phase}阶段）",
        "",
        *_projects_text(summary["projects"]),
        *_employers_text(summary["employers"]),
        *_arrears_text(summary),
        *_payroll_text(summary),
        *_cases_text(summary),
        *_publicity_text(summary["publicity"]),
        *_self_inspection_text(summary["self_inspection"]),
    ]
    notices = summary.get("notices") or []
    if notices:
        lines += ["", "提示：", *(f"- {n}" for n in notices)]
    return "\n".join(lines)
