"""Assessment 研判: every check of a campaign, run once on one day, and the findings behind it.

An *assessment* is everything the checks computed for a campaign *as of* 截至 one day: arrears
欠薪, risk tiers 风险等级, system coverage 制度落实, case deadlines 办理期限, early warnings 预警,
the criminal-amount standard 拒不支付劳动报酬罪数额标准, lapsed orders 逾期未履行文书 and the
self-inspection forms 自查. It is computed from the campaign as recorded
(:class:`wagekit.recorded.Recorded`: the ledgers merged with the workspace store), so the
figures of :mod:`wagekit.summary`, the findings of :func:`assessment_findings`, every export and
every app count the same rows. *Notices* 提示 say what the reader must know to trust the
figures: an unofficial holiday calendar, rows rejected on loading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from wagekit.checks.cases import campaign_case_status, case_findings
from wagekit.checks.criminal_threshold import criminal_threshold_findings
from wagekit.checks.early_warnings import (
    warning_findings,
    worst_warning,
)
from wagekit.checks.labor_cost import labor_cost_findings
from wagekit.checks.minimum_wage import below_minimum_wage_findings
from wagekit.checks.orders import lapsed_orders
from wagekit.checks.pay_methods import cash_or_via_foreman_findings
from wagekit.checks.publicity import (
    expected_townships,
    expected_units,
    publicity_gaps,
)
from wagekit.checks.roster_gaps import roster_gap_findings, roster_gaps
from wagekit.checks.self_inspection import (
    mismatched_self_inspections,
    missing_self_inspections,
    self_inspection_status,
)
from wagekit.checks.systems import systems_findings
from wagekit.checks.unpaid_runs import months_unpaid_in_a_row, unpaid_run_findings
from wagekit.checks.wage_due import arrears_findings
from wagekit.config import CampaignConfig
from wagekit.findings import FINDING_COLUMNS, empty_findings, make_findings
from wagekit.labels import SUBJECT_KIND_LABELS, TIER_LABELS
from wagekit.ledger_checks import ledger_checks
from wagekit.recorded import Recorded, recorded_campaign
from wagekit.risk import inspection_priority, open_cases_by_subject, risk_tiers

__all__ = ["Assessment", "assess", "assessment_findings", "risk_findings"]


@dataclass
class Assessment:
    """Everything the checks computed for a campaign on one day.

    A frame is ``None`` when the table it needs is absent from the campaign. ``recorded`` is
    the campaign as recorded that was assessed (its store records in ``recorded.records``).
    """

    recorded: Recorded
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
        """Return a table as assessed (payroll up to as_of, store records merged)."""
        return self.tables.get(name)

    @property
    def records(self) -> Any:
        """The store records of the campaign (:class:`wagekit.recorded.StoreRecords`)."""
        return self.recorded.records

    def inspection_priority(self) -> pd.DataFrame | None:
        """Rank subjects for inspection on this day (:func:`wagekit.risk.inspection_priority`)."""
        return None if self.risk is None else inspection_priority(self.risk)


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


def assess(campaign: Recorded | Any, *, as_of: dt.date) -> Assessment:
    """Run every check of a campaign as recorded as of a day.

    ``campaign`` is a :class:`wagekit.recorded.Recorded` (the ledgers merged with the store);
    a campaign just loaded (:func:`wagekit.load.load`) is assessed on its ledgers alone. The
    checks of the payroll, workers, projects and employers come from
    :func:`wagekit.ledger_checks.ledger_checks` (run once per loaded campaign and day); the
    checks of what the store changes run here.
    """
    recorded = campaign if isinstance(campaign, Recorded) else recorded_campaign(campaign)
    config: CampaignConfig = recorded.config
    rules = config.rules
    tables = dict(recorded.tables)
    found = ledger_checks(recorded.campaign, tables, rules, as_of=as_of)
    if found.payroll is not None:
        tables["payroll"] = found.payroll
    cases = tables.get("cases")
    has_subjects = tables.get("projects") is not None or tables.get("employers") is not None
    subjects = found.subjects
    notices = _load_notices(recorded)
    arrears, systems, labor = found.arrears, found.systems, found.labor_cost

    status = None
    if cases is not None:
        status = campaign_case_status(cases, config, as_of=as_of)
        notices += sorted(set(status["calendar_warning"]) - {""})

    risk = None
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
            warnings=worst_warning(found.warnings),
            open_cases=open_cases,
            labor_shortfall=shortfall,
            serious_arrears_amount=rules.serious_arrears_amount,
            serious_arrears_workers=rules.serious_arrears_workers,
        )

    lapsed = lapsed_orders(recorded.records.orders, as_of) if recorded.records.from_store else None

    si_status = None
    if tables.get("self_inspections") is not None and has_subjects:
        si_status = self_inspection_status(
            tables["self_inspections"], subjects, arrears, as_of=as_of
        )

    return Assessment(
        recorded=recorded,
        config=config,
        as_of=as_of,
        tables=tables,
        subjects=subjects,
        arrears=arrears,
        risk=risk,
        systems=systems,
        labor_cost=labor,
        worker_month_arrears=found.worker_month_arrears,
        below_minimum_wage=found.below_minimum_wage,
        cash_or_via_foreman=found.cash_or_via_foreman,
        warnings=found.warnings,
        criminal=found.criminal,
        lapsed_orders=lapsed,
        case_status=status,
        self_inspection=si_status,
        notices=notices,
    )


def risk_findings(risk: pd.DataFrame) -> pd.DataFrame:
    """One finding per project or employer with arrears: its tier and the reasons."""
    owed = risk[risk["tier"] != "none"].reset_index(drop=True)
    if owed.empty:
        return empty_findings()
    kind = owed["subject_kind"].map(SUBJECT_KIND_LABELS)
    tier = owed["tier"].map(TIER_LABELS)
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
    if a.case_status is not None:
        parts.append(case_findings(a.case_status))
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


def summary_findings(campaign: Recorded | Any, *, as_of: dt.date) -> pd.DataFrame:
    """All findings behind the summary of the same day, one table with the fixed columns."""
    return assessment_findings(assess(campaign, as_of=as_of))
