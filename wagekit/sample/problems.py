"""Planted payroll problems 预设工资问题: which projects get which defect, and the defects.

The *problem projects* 问题项目 are disjoint sets of unfinished projects: *arrears* 欠薪 (most
projects of a few *bad contractors* 问题总包单位, wages left unpaid from October or earlier),
*yellow* 黄色预警 (one November attendee unpaid), *late pay* 延迟发放 (a month of June to
September paid in full after the end of the next month) and *cash* 现金发放 (a team or two paid
in cash 现金 or through the team leader 班组长代领); the rest are *clean* 无问题. Among the clean
workers of clean projects go the *real-name gaps* 实名制缺口, both ways: paid on another
project's payroll 不在花名册, or on a roster without any payroll row 无工资记录.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wagekit.sample.plan import Plan
from wagekit.sample.subjects import Employers, Projects
from wagekit.sample.workers import PayrollRows, Roster

__all__ = [
    "PlantedProjects",
    "choose_problem_projects",
    "plant_arrears",
    "plant_cash_pay",
    "plant_late_pay",
    "plant_roster_gaps",
]


@dataclass
class PlantedProjects:
    """Disjoint sets of project indices, each given one payroll problem."""

    bad_contractors: np.ndarray  # employer indices of the contractors behind the arrears
    arrears: np.ndarray
    yellow: np.ndarray
    late: np.ndarray
    cash: np.ndarray
    clean: np.ndarray


def choose_problem_projects(
    plan: Plan, employers: Employers, projects: Projects, roster: Roster
) -> PlantedProjects:
    """Choose the projects of each payroll problem; the rest stay clean.

    Arrears are concentrated in a few contractors: most of their unfinished projects.
    """
    rng, n_proj, scale = plan.rng, plan.n_proj, plan.scale
    general, contractor_of, status = projects.general, projects.contractor_of, projects.status
    counts = np.bincount(contractor_of, minlength=plan.n_emp)
    ranked = np.argsort(-counts[general], kind="stable")
    bad_contractors = general[ranked[4 : 4 + max(3, round(4 * scale**0.5))]]
    candidates = np.flatnonzero(np.isin(contractor_of, bad_contractors) & (status != "完工"))
    arrears_proj = rng.permutation(candidates)[: max(3, round(0.05 * n_proj))]
    arrears_proj.sort()
    used = set(arrears_proj.tolist())
    free = np.array([p for p in range(n_proj) if p not in used and status[p] != "完工"])
    big = free[roster.per_project[free] >= 20]
    yellow_proj = rng.choice(big, size=max(2, round(4 * scale)), replace=False)
    used |= set(yellow_proj.tolist())
    free = np.array([p for p in free if p not in used])
    late_proj = rng.choice(free, size=max(2, round(5 * scale)), replace=False)
    used |= set(late_proj.tolist())
    free = np.array([p for p in free if p not in used])
    social = np.where(projects.inv[free] == 3, 3.0, 1.0)
    cash_proj = rng.choice(
        free, size=max(2, round(8 * scale)), replace=False, p=social / social.sum()
    )
    used |= set(cash_proj.tolist())
    clean_proj = np.array([p for p in free if p not in used])
    return PlantedProjects(
        bad_contractors, arrears_proj, yellow_proj, late_proj, cash_proj, clean_proj
    )


def plant_arrears(plan: Plan, roster: Roster, rows: PayrollRows, chosen: PlantedProjects) -> None:
    """Leave wages unpaid on the arrears projects, and one November attendee per yellow project.

    Arrears start in October or earlier: half are small (a few workers, October–November), half
    large (most workers, two to four months), so every arrears project is a red warning.
    """
    rng, n_proj = plan.rng, plan.n_proj
    small = rng.random(n_proj) < 0.5
    stop_from = np.where(small, 10, 10 - rng.integers(1, 4, n_proj))
    unpaid_share = np.where(small, rng.uniform(0.05, 0.2, n_proj), rng.uniform(0.5, 0.95, n_proj))
    worker_unpaid = rng.random(plan.n_work) < unpaid_share[roster.project]
    p_proj = rows.project
    unpaid = (
        np.isin(p_proj, chosen.arrears)
        & (rows.m_idx >= stop_from[p_proj])
        & worker_unpaid[rows.worker]
    )
    row_ids = np.flatnonzero((rows.m_idx == 11) & np.isin(p_proj, chosen.yellow))
    yellow_rows = pd.Series(row_ids).groupby(p_proj[row_ids]).first().to_numpy()
    unpaid[yellow_rows] = True
    rows.paid[unpaid] = 0.0
    rows.pay_date[unpaid] = np.datetime64("NaT")


def plant_late_pay(plan: Plan, rows: PayrollRows, chosen: PlantedProjects) -> None:
    """Pay one or two months of June–September in full, but after the end of month M+1."""
    rng = plan.rng
    late_month = rng.integers(6, 9, plan.n_proj)
    p_proj, m_idx = rows.project, rows.m_idx
    late = np.isin(p_proj, chosen.late) & (
        (m_idx == late_month[p_proj]) | (m_idx == late_month[p_proj] + 1)
    )
    rows.pay_date[late] = (rows.month[late] + 2).astype("datetime64[D]") + rng.integers(
        9, 20, int(late.sum())
    ).astype("timedelta64[D]")


def plant_cash_pay(plan: Plan, roster: Roster, rows: PayrollRows, chosen: PlantedProjects) -> None:
    """Pay one or two teams of the cash projects in cash 现金 or through the team leader."""
    rng = plan.rng
    cash_team = rng.integers(0, 6, plan.n_proj)
    p_proj, team = rows.project, roster.team[rows.worker]
    cash = np.isin(p_proj, chosen.cash) & (
        (team == cash_team[p_proj]) | (team == (cash_team[p_proj] + 2) % 6)
    )
    rows.method[cash] = np.where(rng.random(int(cash.sum())) < 0.5, 1, 2)


def plant_roster_gaps(
    plan: Plan, roster: Roster, rows: PayrollRows, chosen: PlantedProjects
) -> tuple[np.ndarray, np.ndarray]:
    """Plant 实名制 gaps among clean workers of clean projects, both ways.

    Returns the workers paid, in their last month, on a project whose roster does not list them
    (``off_roster``) and the rostered workers left out of the payroll (``no_payroll``).
    """
    rng, n_work, clean = plan.rng, plan.n_work, chosen.clean
    clean_worker = np.isin(roster.project, clean) & ~np.isin(np.arange(n_work), roster.low_workers)
    gap_pool = rng.permutation(np.flatnonzero(clean_worker & (rows.n_months >= 3)))
    n_gap = max(2, round(0.003 * n_work))
    off_roster = np.sort(gap_pool[:n_gap])
    no_payroll = np.sort(gap_pool[n_gap : n_gap + 3 * n_gap])
    target = clean[rng.integers(0, clean.size, n_work)]
    target = np.where(
        target == roster.project,
        clean[(np.searchsorted(clean, target) + 1) % clean.size],
        target,
    )
    moved = np.isin(rows.worker, off_roster) & (rows.m_idx == rows.last[rows.worker])
    rows.project[moved] = target[rows.worker[moved]]
    rows.keep(~np.isin(rows.worker, no_payroll))
    return off_roster, no_payroll
