"""Systems 制度落实: the seven wage-payment systems of every construction project.

The *systems* are real-name management 实名制管理, the wage account 农民工工资专用账户, wages
paid by the general contractor 总包代发, wages paid through the bank 银行代发, the wage deposit
工资保证金 (a bank guarantee 保函 counts), the rights notice board 维权信息公示牌 and full monthly
payment 按月足额支付 (schema.SYSTEMS). The ledger says 是/否 for each; *monthly payment* is
*derived* from the payroll whenever the project has payroll rows: every worker-month up to the day
of the figures whose payment deadline (the end of month M+1) is already past was paid in full by
that deadline. *Coverage* 覆盖率 is the share of projects of a group (township 属地, competent
department 行业主管部门 or investment type 投资类型) that have a system.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from wagekit.checks.wage_due import payroll_with_due
from wagekit.findings import empty_findings, make_findings
from wagekit.schema import SYSTEM_LABELS, SYSTEMS

__all__ = [
    "COVERAGE_GROUPS",
    "monthly_payment_from_payroll",
    "project_systems",
    "systems_coverage",
    "missing_system_findings",
    "contradicted_monthly_payment_findings",
    "systems_findings",
]

COVERAGE_GROUPS = ("township", "department", "investment_type")
_CENT = 0.005


def monthly_payment_from_payroll(
    payroll: pd.DataFrame,
    workers: pd.DataFrame | None,
    *,
    as_of: dt.date | str | pd.Timestamp,
) -> pd.Series:
    """Tell, per project with payroll rows, whether wages were paid in full and on time.

    A worker-month whose month starts on or before ``as_of`` and whose deadline (the last day
    of month M+1) is before ``as_of`` fails when wage_paid < wage_due, or when a wage was due
    and its pay date is empty or after the deadline (paid on the deadline is on time). A month
    whose deadline has not passed cannot fail yet; a worker-month whose wage due is unknown
    (worker not on the roster and no 应发工资) is not judged.

    Returns
    -------
    Series
        bool, indexed by ``project_id`` (every project with payroll rows), named
        ``monthly_payment``.

    """
    full = payroll_with_due(payroll, workers)
    as_of = pd.Timestamp(as_of).normalize()
    due = full["wage_due"].to_numpy()
    paid = full["wage_paid"].to_numpy(dtype="float64", na_value=0.0)
    pay_date = full["pay_date"].to_numpy(dtype="datetime64[ns]")
    due_by = full["due_by"].to_numpy()
    in_full = paid >= due - _CENT
    on_time = (due <= _CENT) | (pay_date <= due_by)
    judged = (full["month"] <= as_of).to_numpy() & (due_by < np.datetime64(as_of, "ns"))
    failed = judged & ~np.isnan(due) & ~(in_full & on_time)
    ok = ~pd.Series(failed, index=full.index).groupby(full["project_id"], sort=True).any()
    return ok.rename("monthly_payment").rename_axis("project_id")


_PROJECT_COLUMNS = ("project_id", "name", "township", "department", "investment_type")


def project_systems(
    projects: pd.DataFrame,
    payroll: pd.DataFrame | None = None,
    workers: pd.DataFrame | None = None,
    *,
    as_of: dt.date | str | pd.Timestamp,
) -> pd.DataFrame:
    """List the seven systems of every project, monthly payment derived from the payroll.

    Returns
    -------
    DataFrame
        One row per project, in ledger order: ``project_id, name, township, department,
        investment_type``, one bool column per system of :data:`wagekit.schema.SYSTEMS`
        (a missing ledger cell counts as not in place), ``monthly_payment_ledger`` ("boolean":
        what the ledger says), ``monthly_payment_source`` (``payroll`` / ``ledger``),
        ``all_systems`` (bool: all seven in place) and ``source_row``.

    """
    out = projects[list(_PROJECT_COLUMNS)].copy()
    for system in SYSTEMS:
        out[system] = projects[system].astype("boolean").fillna(False).astype(bool)
    ledger = projects["monthly_payment"].astype("boolean")
    out["monthly_payment_ledger"] = ledger
    out["monthly_payment_source"] = "ledger"
    if payroll is not None and not payroll.empty:
        derived = monthly_payment_from_payroll(payroll, workers, as_of=as_of)
        known = projects["project_id"].isin(derived.index).to_numpy(dtype=bool)
        values = derived.reindex(projects["project_id"]).to_numpy(dtype=object)
        out["monthly_payment"] = np.where(known, values, out["monthly_payment"]).astype(bool)
        out["monthly_payment_source"] = np.where(known, "payroll", "ledger")
    out["monthly_payment_source"] = out["monthly_payment_source"].astype("str")
    out["all_systems"] = out[list(SYSTEMS)].all(axis=1)
    out["source_row"] = projects["source_row"].astype("int64")
    return out.reset_index(drop=True)


def systems_coverage(project_systems: pd.DataFrame, by: str | None = "township") -> pd.DataFrame:
    """Projects with each system, and the rate, per group (a :func:`project_systems` frame).

    ``by`` is one of :data:`COVERAGE_GROUPS`, or ``None`` for one row over all projects.

    Returns
    -------
    DataFrame
        The group column (absent when ``by`` is None), ``projects`` (int64), then for each
        system and for ``all_systems``: ``<system>_count`` (int64) and ``<system>_rate``
        (float64 in 0–1, rounded to 4 places; 0 for an empty group). Sorted by the group.

    """
    if by is not None and by not in COVERAGE_GROUPS:
        raise ValueError(f"unknown coverage grouping: {by!r}")
    columns = [*SYSTEMS, "all_systems"]
    flags = project_systems[columns].astype("int64")
    if by is None:
        counts = flags.sum().to_frame().T
        counts.insert(0, "projects", len(project_systems))
    else:
        grouped = flags.groupby(project_systems[by], sort=True, dropna=False)
        counts = grouped.sum()
        counts.insert(0, "projects", grouped.size())
        counts = counts.reset_index()
    out = counts[[by]] if by is not None else pd.DataFrame(index=counts.index)
    out = out.assign(projects=counts["projects"].astype("int64"))
    total = out["projects"].to_numpy(dtype="float64")
    for column in columns:
        count = counts[column].to_numpy(dtype=np.int64)
        out[f"{column}_count"] = count
        out[f"{column}_rate"] = np.round(
            np.divide(count, total, out=np.zeros(len(count)), where=total > 0), 4
        )
    return out.reset_index(drop=True)


def missing_system_findings(project_systems: pd.DataFrame) -> pd.DataFrame:
    """One finding per project and system not in place.

    ``项目XM001（名称）未落实工资保证金制度``.
    """
    parts = []
    for system in SYSTEMS:
        rows = project_systems.loc[~project_systems[system]]
        if rows.empty:
            continue
        if system == "monthly_payment":
            reason = np.where(
                rows["monthly_payment_source"] == "payroll",
                "（据工资发放记录，存在未按月足额发放的月份）",
                "",
            )
        else:
            reason = ""
        message = (
            "项目"
            + rows["project_id"].astype("str")
            + "（"
            + rows["name"].astype("str")
            + "）未落实"
            + SYSTEM_LABELS[system]
            + "制度"
            + reason
        )
        parts.append(
            make_findings(
                "systems.missing",
                "projects",
                rows["project_id"],
                message,
                severity="warning",
                row=rows["source_row"],
                column=system,
                value=pd.Series("否", index=rows.index),
            )
        )
    return pd.concat(parts, ignore_index=True) if parts else empty_findings()


def contradicted_monthly_payment_findings(project_systems: pd.DataFrame) -> pd.DataFrame:
    """Find projects whose ledger says 按月足额支付 是 against their payroll.

    The payroll shows a month not paid in full and on time.
    """
    ledger_yes = project_systems["monthly_payment_ledger"].fillna(False).to_numpy(dtype=bool)
    rows = project_systems.loc[
        ledger_yes
        & (project_systems["monthly_payment_source"] == "payroll").to_numpy()
        & ~project_systems["monthly_payment"].to_numpy(dtype=bool)
    ]
    if rows.empty:
        return empty_findings()
    message = (
        "项目"
        + rows["project_id"].astype("str")
        + "（"
        + rows["name"].astype("str")
        + "）台账填报“按月足额支付：是”，但工资发放记录显示存在未按月足额发放的月份"
    )
    return make_findings(
        "systems.contradicted",
        "projects",
        rows["project_id"],
        message,
        severity="serious",
        row=rows["source_row"],
        column="monthly_payment",
        value=pd.Series("是", index=rows.index),
    )


def systems_findings(project_systems: pd.DataFrame) -> pd.DataFrame:
    """Both systems findings of a :func:`project_systems` frame."""
    parts = [
        missing_system_findings(project_systems),
        contradicted_monthly_payment_findings(project_systems),
    ]
    return pd.concat([p for p in parts if not p.empty] or [empty_findings()], ignore_index=True)
