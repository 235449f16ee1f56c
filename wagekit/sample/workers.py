"""Workers 农民工 of the sample: each project's roster 花名册 and a year of payroll 工资发放记录.

A worker on a *roster* has a *team* 班组, a *wage basis* 计薪方式 (月薪 monthly or 日薪 daily)
and *rate* 工资标准, the day they came on site 进场日期 and, for those gone by 30 November, the
day they left 退场日期; a few are planted *below the minimum wage* 低于最低工资标准. A *payroll
row* is one *worker-month* 人月 on site within the plan's window: days worked 出勤天数, wage due
应发工资 (a monthly wage prorated over 21.75 days), wage paid 实发工资, pay date 发放日期 and
pay method 发放方式. As drawn here every wage is paid in full through the bank 银行代发 early in
the next month; :mod:`wagekit.sample.problems` then plants the defects.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wagekit.sample.draws import date_series, str_series, uniform_dates
from wagekit.sample.names import id_numbers, person_names
from wagekit.sample.plan import Plan
from wagekit.sample.subjects import Projects
from wagekit.schema import PAY_METHODS

__all__ = [
    "PayrollRows",
    "Roster",
    "draw_payroll_rows",
    "draw_roster",
    "payroll_ledger",
    "workers_ledger",
]

_TEAMS = ("钢筋班组", "木工班组", "泥工班组", "架子工班组", "水电班组", "杂工班组", "管理人员")
_TEAM_DAILY = np.array(
    [[260, 380], [260, 400], [220, 340], [240, 360], [250, 380], [140, 220], [0, 0]]
)
_PAY_METHODS = np.array(PAY_METHODS, dtype=object)


@dataclass
class Roster:
    """The workers of every roster, one element per worker."""

    per_project: np.ndarray  # workers per project
    project: np.ndarray  # project index of each worker
    id: np.ndarray
    name: np.ndarray
    team: np.ndarray
    monthly: np.ndarray  # 月薪 (else 日薪)
    rate: np.ndarray
    start: np.ndarray
    end: np.ndarray
    leaves: np.ndarray  # left the site by 30 November
    contract_signed: np.ndarray
    low_monthly: np.ndarray  # 月薪 workers planted below the minimum wage
    low_workers: np.ndarray  # every worker planted below the minimum wage


@dataclass
class PayrollRows:
    """The payroll being built, one element per row (worker-month).

    ``n_months`` and ``last`` (index of the worker's last month in the window) are per worker.
    """

    worker: np.ndarray
    project: np.ndarray
    m_idx: np.ndarray  # index into the plan's window
    month: np.ndarray
    days: np.ndarray
    due: np.ndarray
    paid: np.ndarray
    pay_date: np.ndarray
    method: np.ndarray  # index into _PAY_METHODS
    n_months: np.ndarray
    last: np.ndarray

    def keep(self, rows: np.ndarray) -> None:
        """Keep only the rows where ``rows`` holds."""
        for name in ("worker", "project", "m_idx", "month", "days", "due", "paid", "pay_date"):
            setattr(self, name, getattr(self, name)[rows])
        self.method = self.method[rows]


def draw_roster(plan: Plan, projects: Projects) -> Roster:
    """Workers 农民工 on each project's roster, with a few planted below the minimum wage."""
    rng, n_proj, n_work, year = plan.rng, plan.n_proj, plan.n_work, plan.year
    size = np.maximum(5, np.round(projects.value_wan**0.45)).astype(np.int64)
    share = size / size.sum()
    per_project = 5 + rng.multinomial(n_work - 5 * n_proj, share)
    w_proj = np.repeat(np.arange(n_proj), per_project)
    w_id = id_numbers(rng, n_work, male_share=0.86)
    w_name = person_names(rng, n_work)
    team = rng.choice(len(_TEAMS), size=n_work, p=np.array([18, 16, 16, 12, 12, 18, 8.0]) / 100)
    monthly = (team == 6) | (rng.random(n_work) < 0.05)
    lo, hi = _TEAM_DAILY[team, 0], _TEAM_DAILY[team, 1]
    daily_rate = np.where(hi > 0, rng.integers(np.maximum(lo, 1), np.maximum(hi, 2)), 300)
    monthly_rate = np.round(rng.uniform(4000, 9000, n_work), -2)
    rate = np.where(monthly, monthly_rate, daily_rate).astype(float)
    w_start = projects.start[w_proj] + np.minimum(
        rng.exponential(25, n_work).astype(np.int64), 500
    ).astype("timedelta64[D]")
    last_day = plan.last_day
    w_start = np.minimum(w_start, last_day - np.timedelta64(20, "D"))
    leaves = rng.random(n_work) < 0.12
    w_end = w_start + rng.integers(150, 500, n_work).astype("timedelta64[D]")
    completion = uniform_dates(rng, f"{year}-07-01", f"{year}-10-31", n_proj)
    done = (projects.status == "完工")[w_proj]
    w_end = np.where(done, np.minimum(w_end, completion[w_proj]), w_end)
    # Nobody on the roster left before the payroll window opened: a worker without any payroll
    # row is always a planted 实名制 gap.
    w_end = np.maximum(
        w_end,
        plan.window[0].astype("datetime64[D]")
        + rng.integers(15, 90, n_work).astype("timedelta64[D]"),
    )
    leaves = (leaves | done) & (w_end <= last_day)
    w_end = np.where(leaves, np.maximum(w_end, w_start), np.datetime64("NaT"))
    contract_signed = rng.random(n_work) < 0.93

    # Below-minimum wages: a few 月薪 workers paid under the minimum monthly wage and a few 日薪
    # workers under minimum / 21.75 per day.
    minimum = plan.rules.minimum_wage_monthly
    n_low = max(2, round(0.004 * n_work))
    low_monthly = rng.choice(np.flatnonzero(monthly), size=n_low, replace=False)
    rate[low_monthly] = np.round(rng.uniform(1400, minimum - 100, n_low), -1)
    low_daily = rng.choice(np.flatnonzero(~monthly), size=n_low, replace=False)
    rate[low_daily] = rng.integers(60, int(minimum / 21.75) - 5, n_low)
    return Roster(
        per_project,
        w_proj,
        w_id,
        w_name,
        team,
        monthly,
        rate,
        w_start,
        w_end,
        leaves,
        contract_signed,
        low_monthly,
        np.concatenate([low_monthly, low_daily]),
    )


def draw_payroll_rows(plan: Plan, roster: Roster) -> PayrollRows:
    """One row per worker and month on site within the window, every wage paid on time."""
    rng, window = plan.rng, plan.window
    w_start_m = roster.start.astype("datetime64[M]")
    w_end_m = np.where(roster.leaves, roster.end, plan.last_day).astype("datetime64[M]")
    first = np.maximum((w_start_m - window[0]).astype(np.int64), 0)
    last = np.minimum((w_end_m - window[0]).astype(np.int64), 11)
    n_months = np.maximum(last - first + 1, 0)
    p_worker = np.repeat(np.arange(plan.n_work), n_months)
    offsets = np.arange(p_worker.size) - np.repeat(np.cumsum(n_months) - n_months, n_months)
    m_idx = first[p_worker] + offsets
    month = window[m_idx]
    month_days = ((month + 1).astype("datetime64[D]") - month.astype("datetime64[D]")).astype(
        np.int64
    )
    full_days = rng.integers(20, 29, p_worker.size)
    m_first = month.astype("datetime64[D]")
    m_last = m_first + month_days - 1
    active_from = np.maximum(m_first, roster.start[p_worker])
    active_to = np.where(roster.leaves[p_worker], np.minimum(m_last, roster.end[p_worker]), m_last)
    fraction = ((active_to - active_from).astype(np.int64) + 1) / month_days
    days = np.clip(np.round(full_days * fraction), 1, month_days).astype(float)
    is_low_monthly = np.isin(p_worker, roster.low_monthly) & (fraction == 1)
    days = np.where(is_low_monthly, np.maximum(days, 22), days)
    p_rate = roster.rate[p_worker]
    p_monthly = roster.monthly[p_worker]
    due = np.round(np.where(p_monthly, p_rate * np.minimum(days, 21.75) / 21.75, p_rate * days), 2)
    pay_date = (month + 1).astype("datetime64[D]") + rng.integers(4, 15, p_worker.size).astype(
        "timedelta64[D]"
    )
    return PayrollRows(
        worker=p_worker,
        project=roster.project[p_worker].copy(),
        m_idx=m_idx,
        month=month,
        days=days,
        due=due,
        paid=due.copy(),
        pay_date=pay_date,
        method=np.zeros(p_worker.size, dtype=np.int8),
        n_months=n_months,
        last=last,
    )


def payroll_ledger(rows: PayrollRows, roster: Roster, projects: Projects) -> pd.DataFrame:
    """The payroll ledger 工资发放记录 from the rows."""
    return pd.DataFrame(
        {
            "id_number": pd.Series(str_series(roster.id).array.take(rows.worker)),
            "project_id": pd.Series(
                str_series(projects.id.astype(object)).array.take(rows.project)
            ),
            "month": pd.Series(rows.month.astype("datetime64[ns]")),
            "days_worked": rows.days,
            "wage_due": rows.due,
            "wage_paid": rows.paid,
            "pay_date": pd.Series(rows.pay_date.astype("datetime64[ns]")),
            "pay_method": pd.Series(
                pd.Categorical.from_codes(rows.method, categories=list(_PAY_METHODS))
            ).astype("str"),
        }
    )


def workers_ledger(roster: Roster, projects: Projects) -> pd.DataFrame:
    """The roster 农民工花名册."""
    return pd.DataFrame(
        {
            "id_number": str_series(roster.id),
            "name": str_series(roster.name),
            "project_id": pd.Series(
                str_series(projects.id.astype(object)).array.take(roster.project)
            ),
            "team": str_series(np.asarray(_TEAMS, dtype=object)[roster.team]),
            "contract_signed": roster.contract_signed,
            "wage_basis": str_series(np.where(roster.monthly, "月薪", "日薪").astype(object)),
            "wage_rate": roster.rate,
            "start_date": date_series(roster.start),
            "end_date": date_series(roster.end),
        }
    )
