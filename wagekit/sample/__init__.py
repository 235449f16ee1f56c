"""A synthetic county campaign 示例县专项行动 with planted problems and their ground truth.

The *sample* 示例数据 is a deterministic campaign folder (../CONTRACT.md section 1) for a made-up
county: townships 镇/街道, competent departments 行业主管部门, construction projects 在建工程项目
of the four investment types 投资类型, employers 用人单位, migrant workers 农民工 with a year of
monthly payroll 工资发放记录, complaint clues and cases 欠薪线索及案件, publicity events 宣传活动
and self-inspection forms 自查情况表. A *planted problem* 预设问题 is a defect put into the data
on purpose (a missing system 制度缺失, arrears 欠薪, a below-minimum wage 低于最低工资, cash pay
现金发放, an overdue case 超期案件 …); the *ground truth* 标准答案 ``planted.json`` lists the
subjects of each kind with the definition used, so tests compare what wagekit detects with what
was planted. Time-dependent kinds are stated relative to ``as_of`` and planted clear-cut (far from
any threshold) so they hold whatever the holiday calendar. The *messy copy* 杂乱副本 is the same
data written the way offices really send it (GBK/GB18030 CSV, aliases, 万元, five date formats,
.xls) plus a list of *planted load errors* 预设载入错误: extra rows, each breaking exactly one
rule in one cell, so the messy folder loads into exactly the clean data.

Everything is drawn from one ``numpy.random.Generator`` seeded by ``seed`` and computed on whole
arrays, so the same seed gives byte-identical files and ``scale=100`` (a million workers) runs in
minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wagekit.config import Rules
from wagekit.sample.draws import date_series, pick, str_series, uniform_dates
from wagekit.sample.files import FORMATS, XLSX_MAX_ROWS, write_campaign
from wagekit.sample.names import PLACES, credit_codes, id_numbers, person_names, unique_names
from wagekit.sample.plan import (
    DEFAULT_SEED,
    REGION,
    REGION_CODE,
    TOWNSHIP_WEIGHTS,
    TOWNSHIPS,
    Plan,
    SampleCampaign,
    campaign_plan,
    config_toml,
)
from wagekit.schema import (
    CASE_SOURCES,
    CASE_STATUSES,
    CLOSED_CASE_STATUSES,
    GOVERNMENT_INVESTMENT_TYPES,
    INVESTMENT_TYPES,
    PAY_METHODS,
    PUBLICITY_ACTIVITIES,
    SECTORS,
    SYSTEMS,
)

__all__ = [
    "DEFAULT_SEED",
    "DEPARTMENTS",
    "FORMATS",
    "REGION",
    "REGION_CODE",
    "TOWNSHIPS",
    "SampleCampaign",
    "generate",
    "write_campaign",
    "write_sample",
    "XLSX_MAX_ROWS",
]

DEPARTMENTS = (
    "县住建局",
    "县交通运输局",
    "县水利局",
    "县自然资源局",
    "县教育局",
    "县卫健局",
    "县发改局",
    "县城管局",
)
_DEPARTMENT_WEIGHTS = np.array([40, 14, 10, 8, 8, 6, 7, 7], dtype=float)
# Investment type shares by department: education/health works are public money, industrial
# parks and housing attract social capital.
_TYPE_BY_DEPARTMENT = np.array(
    [
        [0.12, 0.13, 0.05, 0.70],
        [0.45, 0.25, 0.15, 0.15],
        [0.55, 0.20, 0.15, 0.10],
        [0.45, 0.30, 0.05, 0.20],
        [0.85, 0.05, 0.05, 0.05],
        [0.75, 0.10, 0.10, 0.05],
        [0.15, 0.20, 0.05, 0.60],
        [0.55, 0.20, 0.15, 0.10],
    ]
)
_PROJECT_KINDS = (
    ("安置小区建设项目", "商住楼项目", "保障性住房项目", "老旧小区改造工程", "商业综合体项目"),
    ("公路改扩建工程", "大桥建设工程", "农村道路硬化工程"),
    ("河道综合治理工程", "水库除险加固工程", "供水管网改造工程"),
    ("土地整治项目", "高标准农田建设项目", "地质灾害治理工程"),
    ("中学教学楼建设项目", "小学综合楼建设项目", "幼儿园新建工程"),
    ("卫生院改扩建工程", "养老服务中心建设项目", "医院门诊楼建设项目"),
    ("产业园标准化厂房项目", "物流园建设项目", "冷链仓储项目"),
    ("市政道路提升工程", "公园景观改造工程", "污水处理厂提标改造工程"),
)
_FIRM_WORDS = (
    "宏达",
    "鑫源",
    "华建",
    "中天",
    "恒信",
    "金鼎",
    "瑞丰",
    "广厦",
    "永安",
    "建业",
    "天元",
    "盛世",
    "兴隆",
    "华宇",
    "同创",
    "卓越",
    "东方",
    "新华",
    "正通",
    "博远",
    "嘉禾",
    "汇丰",
    "鼎盛",
    "宏图",
    "万达",
    "明珠",
    "长城",
    "泰和",
    "安泰",
    "润泽",
    "锦程",
    "蓝天",
    "晨光",
    "启航",
    "联发",
    "和信",
    "世纪",
    "顺达",
    "祥云",
    "昌盛",
)
_SECTOR_SHARES = np.array([30, 20, 12, 8, 12, 5, 5, 8], dtype=float)
_SECTOR_SUFFIXES = (
    (
        "建设工程有限公司",
        "建筑工程有限公司",
        "路桥工程有限公司",
        "水利水电工程有限公司",
        "市政工程有限公司",
        "劳务有限公司",
    ),
    ("机械制造有限公司", "电子科技有限公司", "服装有限公司", "塑料制品有限公司", "家具有限公司"),
    ("餐饮管理有限公司", "大酒店", "食品有限公司", "酒楼"),
    ("物流有限公司", "快递服务部", "供应链管理有限公司"),
    ("商贸有限公司", "超市有限公司", "百货有限公司"),
    ("教育培训学校", "职业技能培训学校"),
    ("养老服务中心", "康养服务有限公司", "民营医院有限公司"),
    ("物业管理有限公司", "保安服务有限公司", "家政服务有限公司"),
)
_TEAMS = ("钢筋班组", "木工班组", "泥工班组", "架子工班组", "水电班组", "杂工班组", "管理人员")
_TEAM_DAILY = np.array(
    [[260, 380], [260, 400], [220, 340], [240, 360], [250, 380], [140, 220], [0, 0]]
)
_HANDLERS = ("张伟", "李强", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "周敏", "吴军", "孙丽")
_PUBLICITY_UNITS = (
    "县人社局",
    "县劳动保障监察大队",
    "县住建局",
    "县总工会",
    "县司法局",
    "县交通运输局",
    "䶮溪村委会",  # a character outside GBK: the GB18030 export must really be GB18030
)
_ACTIVITY_SHARES = np.array([22, 12, 6, 4, 10, 8, 6, 5, 2, 6, 3, 10, 3, 3], dtype=float)
_ACTIVITY_QUANTITY = np.array(
    [
        [100, 2000],
        [1, 5],
        [1, 3],
        [1, 3],
        [10, 200],
        [2, 30],
        [1, 20],
        [1, 10],
        [1, 5],
        [1000, 50000],
        [1, 10],
        [1, 5],
        [1, 5],
        [1, 10],
    ]
)
_ACTIVITY_PARTICIPANTS = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0], dtype=bool)


def _as_list(values: Any) -> list:
    return sorted(pd.unique(pd.Series(values, dtype="object")).tolist())


@dataclass
class Employers:
    frame: pd.DataFrame
    sector: np.ndarray  # index into SECTORS, sorted
    name: np.ndarray
    id: np.ndarray
    owing: np.ndarray  # employers owing wages from screening (摸排), no payroll


@dataclass
class Projects:
    contractor_of: np.ndarray  # employer index of each project's general contractor
    general: np.ndarray  # employers that can be general contractors
    dept: np.ndarray
    inv: np.ndarray  # index into INVESTMENT_TYPES
    inv_type: np.ndarray
    township: np.ndarray
    name: np.ndarray
    id: np.ndarray
    value_wan: np.ndarray
    contract_value: np.ndarray
    start: np.ndarray
    status: np.ndarray
    systems: dict[str, np.ndarray]  # the first six systems; monthly_payment comes from payroll
    labor_due: np.ndarray
    labor_paid: np.ndarray
    guarantee: np.ndarray


@dataclass
class Roster:
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


@dataclass
class PlantedProjects:
    """Disjoint sets of project indices, each given one payroll problem."""

    bad_contractors: np.ndarray  # employer indices of the contractors behind the arrears
    arrears: np.ndarray
    yellow: np.ndarray
    late: np.ndarray
    cash: np.ndarray
    clean: np.ndarray


_PAY_METHODS = np.array(PAY_METHODS, dtype=object)
# Open statuses in the ledger's order: 受理, 核查中, 已立案.
_OPEN_CASE_STATUSES = tuple(s for s in CASE_STATUSES if s not in CLOSED_CASE_STATUSES)


def generate(*, scale: int = 1, seed: int = DEFAULT_SEED, year: int = 2023) -> SampleCampaign:
    """Generate the sample campaign of ``year`` (start ``year``-11-01) at ``scale``.

    Sizes at scale 1: 300 projects, 400 employers, 10,000 workers with the 12 months of payroll
    up to the campaign's start month (about 100,000 rows), 500 cases, 800 publicity events and
    a self-inspection form from most projects and employers; each count is multiplied by
    ``scale``. The same ``seed``, ``scale`` and ``year`` always give the same data.
    """
    if scale < 1:
        raise ValueError("scale must be a positive integer")
    plan = campaign_plan(scale=scale, seed=seed, year=year)
    planted: dict[str, Any] = {}
    employers = draw_employers(plan)
    projects = draw_projects(plan, employers)
    roster = draw_roster(plan, projects)
    rows = draw_payroll_rows(plan, roster)
    chosen = choose_problem_projects(plan, employers, projects, roster)
    plant_arrears(plan, roster, rows, chosen)
    plant_late_pay(plan, rows, chosen)
    plant_cash_pay(plan, roster, rows, chosen)
    off_roster, no_payroll = plant_roster_gaps(plan, roster, rows, chosen)
    payroll = payroll_ledger(rows, roster, projects)
    workers = workers_ledger(roster, projects)
    project_frame, arrears_amount, arrears_workers = projects_ledger(
        plan, employers, projects, payroll, rows, chosen
    )
    cases = cases_ledger(
        plan.rng,
        plan.n_case,
        year,
        plan.as_of,
        project_frame,
        employers.frame,
        chosen.arrears,
        employers.owing,
        projects.inv_type,
        planted,
    )
    publicity, silent = publicity_ledger(plan)
    self_inspections, subjects, submits, under = self_inspection_forms(
        plan, employers, projects, chosen, arrears_amount, arrears_workers
    )
    tables = {
        "projects": project_frame,
        "employers": employers.frame,
        "workers": workers,
        "payroll": payroll,
        "cases": cases,
        "publicity": publicity,
        "self_inspections": self_inspections,
    }
    planted = ground_truth(
        tables,
        planted,
        rules=plan.rules,
        as_of=plan.as_of,
        year=year,
        seed=seed,
        scale=scale,
        bad_contractors=employers.name[chosen.bad_contractors],
        low_workers=roster.id[roster.low_workers],
        off_roster=roster.id[off_roster],
        no_payroll=roster.id[no_payroll],
        late_proj=projects.id[chosen.late],
        cash_proj=projects.id[chosen.cash],
        yellow_proj=projects.id[chosen.yellow],
        silent=np.asarray(TOWNSHIPS)[silent],
        missing_forms=subjects[~submits],
        under=subjects[under & submits],
        owing_employers=employers.id[employers.owing],
    )
    config = config_toml(year, plan.rules)
    return SampleCampaign(config, tables, planted, seed, scale, year)


def draw_employers(plan: Plan) -> Employers:
    """Employers 用人单位 by sector, a few outside construction owing wages found by screening."""
    rng, n_emp = plan.rng, plan.n_emp
    sector_idx = rng.choice(len(SECTORS), size=n_emp, p=_SECTOR_SHARES / _SECTOR_SHARES.sum())
    sector_idx.sort(kind="stable")
    suffix = np.empty(n_emp, dtype=object)
    for s, options in enumerate(_SECTOR_SUFFIXES):
        mask = sector_idx == s
        suffix[mask] = pick(rng, options, int(mask.sum()))
    firm = pick(rng, _FIRM_WORDS, n_emp)
    emp_name = unique_names(rng, (firm + suffix).astype(str))
    emp_id = credit_codes(rng, n_emp, np.isin(sector_idx, [2, 4]) & (rng.random(n_emp) < 0.3))
    employees = np.maximum(3, np.round(np.exp(rng.normal(3.6, 0.9, n_emp)))).astype(np.int64)
    migrant = np.floor(employees * rng.uniform(0.3, 0.95, n_emp)).astype(np.int64)
    contracts = np.floor(migrant * rng.uniform(0.7, 1.0, n_emp)).astype(np.int64)
    insured = np.floor(employees * rng.uniform(0.6, 1.0, n_emp)).astype(np.int64)
    employers = pd.DataFrame(
        {
            "employer_id": str_series(emp_id),
            "name": str_series(emp_name),
            "sector": str_series(np.asarray(SECTORS, dtype=object)[sector_idx]),
            "township": str_series(pick(rng, TOWNSHIPS, n_emp, TOWNSHIP_WEIGHTS)),
            "employees": pd.array(employees, dtype="Int64"),
            "migrant_workers": pd.array(migrant, dtype="Int64"),
            "contracts_signed": pd.array(contracts, dtype="Int64"),
            "work_injury_insured": pd.array(insured, dtype="Int64"),
            "arrears_amount": 0.0,
            "arrears_workers": pd.array(np.zeros(n_emp, dtype=np.int64), dtype="Int64"),
        }
    )
    non_construction = np.flatnonzero((sector_idx != 0) & (sector_idx != 7))
    owing = rng.choice(non_construction, size=max(2, round(0.03 * n_emp)), replace=False)
    owing.sort()
    owed_workers = np.minimum(migrant[owing], rng.integers(2, 40, owing.size))
    owed_workers = np.maximum(owed_workers, 1)
    employers.loc[owing, "arrears_workers"] = owed_workers
    employers.loc[owing, "arrears_amount"] = (
        owed_workers * rng.integers(20, 80, owing.size) * 100
    ).astype(float)
    return Employers(employers, sector_idx, emp_name, emp_id, owing)


def draw_projects(plan: Plan, employers: Employers) -> Projects:
    """Projects 在建项目: contractor, department, investment type, dates, systems, labour cost.

    Their arrears and 按月足额支付 come later, from the payroll (:func:`projects_ledger`).
    """
    rng, n_proj, year = plan.rng, plan.n_proj, plan.year
    construction = np.flatnonzero(employers.sector == 0)
    general = construction[np.char.find(employers.name[construction].astype(str), "劳务") < 0]
    # A few big contractors win many projects (Zipf-like shares).
    weights = 1.0 / np.arange(1, general.size + 1) ** 0.9
    contractor_of = general[rng.choice(general.size, size=n_proj, p=weights / weights.sum())]
    dept = rng.choice(
        len(DEPARTMENTS), size=n_proj, p=_DEPARTMENT_WEIGHTS / _DEPARTMENT_WEIGHTS.sum()
    )
    u = rng.random(n_proj)
    inv = (u[:, None] > np.cumsum(_TYPE_BY_DEPARTMENT[dept], axis=1)).sum(axis=1)
    inv_type = np.asarray(INVESTMENT_TYPES, dtype=object)[inv]
    township = pick(rng, TOWNSHIPS, n_proj, TOWNSHIP_WEIGHTS)
    kind = np.empty(n_proj, dtype=object)
    for d, options in enumerate(_PROJECT_KINDS):
        mask = dept == d
        kind[mask] = pick(rng, options, int(mask.sum()))
    place = pick(rng, PLACES, n_proj)
    proj_name = (township + place + kind).astype(object)
    width = max(4, len(str(n_proj)))
    proj_id = np.char.add(f"XM{year}-", np.char.zfill(np.arange(1, n_proj + 1).astype(str), width))
    value_wan = np.round(np.exp(rng.normal(7.6, 1.1, n_proj)), 2)  # 万元, ~2,000万 median
    value_wan = np.clip(value_wan, 80, 200_000)
    contract_value = np.round(value_wan * 10_000, 0)
    before = rng.random(n_proj) < 0.88
    p_start = np.where(
        before,
        uniform_dates(rng, f"{year - 2}-03-01", f"{year - 1}-11-30", n_proj),
        uniform_dates(rng, f"{year - 1}-12-01", f"{year}-09-30", n_proj),
    )
    status = pick(rng, ("在建", "停工", "完工"), n_proj, np.array([90, 4, 6.0]))
    status[~before & (status == "完工")] = "在建"
    # Seven systems: 社会投资 projects lack them far more often.
    miss_rate = np.select([inv == 3, inv == 2], [0.13, 0.06], 0.035)
    has = {
        s: rng.random(n_proj) >= miss_rate * (0.5 if s == "real_name" else 1.0) for s in SYSTEMS[:6]
    }
    labor_due = np.round(
        contract_value * rng.uniform(0.15, 0.3, n_proj) * rng.uniform(0.3, 0.9, n_proj), -2
    )
    under_p = np.where(inv == 0, 0.30, np.where(inv == 3, 0.12, 0.18))
    underfunded = rng.random(n_proj) < under_p
    labor_paid = np.where(
        underfunded, np.round(labor_due * rng.uniform(0.2, 0.85, n_proj), -2), labor_due
    )
    guarantee = rng.random(n_proj) < np.where(inv < 3, 0.8, 0.45)
    return Projects(
        contractor_of,
        general,
        dept,
        inv,
        inv_type,
        township,
        proj_name,
        proj_id,
        value_wan,
        contract_value,
        p_start,
        status,
        has,
        labor_due,
        labor_paid,
        guarantee,
    )


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


def publicity_ledger(plan: Plan) -> tuple[pd.DataFrame, np.ndarray]:
    """Publicity events 宣传活动, 70% in the publicity phase; two townships hold none.

    Returns the ledger and the indices (into TOWNSHIPS) of the silent townships.
    """
    rng, n_pub, year, as_of = plan.rng, plan.n_pub, plan.year, plan.as_of
    silent = rng.choice(len(TOWNSHIPS), size=2, replace=False)
    active = np.setdiff1d(np.arange(len(TOWNSHIPS)), silent)
    act = rng.choice(
        len(PUBLICITY_ACTIVITIES), size=n_pub, p=_ACTIVITY_SHARES / _ACTIVITY_SHARES.sum()
    )
    in_phase = rng.random(n_pub) < 0.7
    pub_date = np.where(
        in_phase,
        uniform_dates(rng, f"{year}-11-01", f"{year}-11-30", n_pub),
        uniform_dates(rng, f"{year}-12-01", str(as_of), n_pub),
    )
    qty = rng.integers(_ACTIVITY_QUANTITY[act, 0], _ACTIVITY_QUANTITY[act, 1] + 1)
    participants = np.where(_ACTIVITY_PARTICIPANTS[act], rng.integers(15, 300, n_pub), -1)
    pub_township = np.asarray(TOWNSHIPS, dtype=object)[active[rng.integers(0, active.size, n_pub)]]
    unit = np.where(
        rng.random(n_pub) < 0.45,
        np.char.add(pub_township.astype(str), "人民政府"),
        pick(rng, _PUBLICITY_UNITS, n_pub, np.array([30, 25, 15, 10, 8, 8, 4.0])),
    )
    order = np.argsort(pub_date, kind="stable")
    publicity = pd.DataFrame(
        {
            "date": date_series(pub_date[order]),
            "township": str_series(pub_township[order]),
            "unit": str_series(unit[order].astype(object)),
            "activity": str_series(np.asarray(PUBLICITY_ACTIVITIES, dtype=object)[act[order]]),
            "quantity": pd.array(qty[order], dtype="Int64"),
            "participants": pd.array(
                np.where(participants[order] < 0, None, participants[order]), dtype="Int64"
            ),
        }
    )
    return publicity, silent


def self_inspection_forms(
    plan: Plan,
    employers: Employers,
    projects: Projects,
    chosen: PlantedProjects,
    arrears_amount: np.ndarray,
    arrears_workers: np.ndarray,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, np.ndarray]:
    """Self-inspection forms 自查情况表: most subjects submit; many that owe under-report.

    Returns the ledger, every subject's id (projects then employers), whether each submitted,
    and whether each under-reported.
    """
    rng, n_proj, year, as_of = plan.rng, plan.n_proj, plan.year, plan.as_of
    subj_id = np.concatenate([projects.id.astype(object), employers.id])
    subj_amount = np.concatenate([arrears_amount, employers.frame["arrears_amount"].to_numpy()])
    subj_workers = np.concatenate(
        [arrears_workers, employers.frame["arrears_workers"].to_numpy(dtype=np.int64)]
    )
    n_subj = subj_id.size
    submits = rng.random(n_subj) < 0.88
    # Contractors behind the concentrated arrears do not send their own employer form, so an
    # employer form never has to be compared with project arrears.
    submits[n_proj + chosen.bad_contractors] = False
    owing_subject = subj_amount > 0
    under = owing_subject & (rng.random(n_subj) < 0.6)
    submits[owing_subject] = True
    rep_amount = np.where(
        under, np.where(rng.random(n_subj) < 0.5, 0.0, np.round(subj_amount * 0.4, -2)), subj_amount
    )
    rep_workers = np.where(
        under & (rep_amount == 0),
        0,
        np.where(under, np.maximum(subj_workers // 2, 1), subj_workers),
    )
    late_form = rng.random(n_subj) < 0.1
    submitted = np.where(
        late_form,
        uniform_dates(rng, f"{year}-12-01", str(as_of), n_subj),
        uniform_dates(rng, f"{year}-11-01", f"{year}-11-30", n_subj),
    )
    rectified = np.where(rep_amount > 0, rng.random(n_subj) < 0.5, False)
    sel = np.flatnonzero(submits)
    sel = sel[np.argsort(submitted[sel], kind="stable")]
    frame = pd.DataFrame(
        {
            "subject_id": str_series(subj_id[sel]),
            "submitted_date": date_series(submitted[sel]),
            "reported_arrears_amount": rep_amount[sel].astype(float),
            "reported_arrears_workers": pd.array(rep_workers[sel], dtype="Int64"),
            "rectified": pd.array(
                np.where(rep_amount[sel] > 0, rectified[sel], None), dtype="boolean"
            ),
        }
    )
    return frame, subj_id, submits, under


def cases_ledger(
    rng: np.random.Generator,
    n: int,
    year: int,
    as_of: np.datetime64,
    projects: pd.DataFrame,
    employers: pd.DataFrame,
    arrears_proj: np.ndarray,
    owing: np.ndarray,
    inv_type: np.ndarray,
    planted: dict,
) -> pd.DataFrame:
    """Complaint clues and cases 欠薪线索及案件 with clear-cut deadlines relative to ``as_of``.

    Every case is either closed within 28 calendar days of receipt or received within the 28
    days before ``as_of`` (never overdue: 30 working days span at least 30 calendar days), or
    planted overdue: open and received 75+ days before ``as_of``, or closed 75+ days after
    receipt (30 working days never span 75 calendar days, whatever the holidays).
    """
    n_proj = len(projects)
    on_project = rng.random(n) < 0.6
    weights = np.ones(n_proj)
    weights[arrears_proj] = 25.0
    proj = rng.choice(n_proj, size=n, p=weights / weights.sum())
    emp_weights = np.ones(len(employers))
    emp_weights[owing] = 20.0
    emp = rng.choice(len(employers), size=n, p=emp_weights / emp_weights.sum())
    respondent = np.where(
        on_project,
        projects["contractor"].to_numpy(dtype=object)[proj],
        employers["name"].to_numpy(dtype=object)[emp],
    )
    first_day = np.datetime64(f"{year}-01-03", "D")
    kind = rng.choice(6, size=n, p=np.array([62, 18, 9, 5, 4, 2]) / 100)
    # 0 old & closed on time, 1 recent & open, 2 recent & closed, 3 overdue open,
    # 4 overdue closed late, 5 received after as_of
    span_old = (as_of - 75 - first_day).astype(int)
    received = np.select(
        [kind == 0, np.isin(kind, [1, 2]), kind == 3, kind == 4],
        [
            first_day + rng.integers(0, (as_of - 28 - first_day).astype(int), n),
            as_of - rng.integers(0, 28, n),
            first_day + rng.integers(0, span_old, n),
            first_day + rng.integers(0, span_old - 20, n),
        ],
        as_of + rng.integers(1, 11, n),
    ).astype("datetime64[D]")
    closed_after = np.where(kind == 4, rng.integers(75, 95, n), rng.integers(3, 29, n))
    closed = received + closed_after.astype("timedelta64[D]")
    closed = np.where(kind == 2, np.minimum(closed, as_of), closed)
    # a few recent cases closed after as_of: open as of as_of, not overdue
    late_close = (kind == 2) & (rng.random(n) < 0.08)
    closed = np.where(late_close, received + np.timedelta64(28, "D"), closed)
    late_close &= closed > as_of
    is_closed = np.isin(kind, [0, 2, 4])
    transferred = is_closed & (rng.random(n) < 0.08)
    status = np.where(
        is_closed,
        np.where(transferred, "已移送", "已结案"),
        pick(rng, _OPEN_CASE_STATUSES, n, np.array([30, 45, 25.0])),
    ).astype(object)
    status[kind == 5] = "受理"
    workers_involved = np.maximum(1, np.round(np.exp(rng.normal(1.5, 0.9, n)))).astype(np.int64)
    amount = np.round(workers_involved * rng.uniform(2000, 15000, n), -1)
    recovered = np.where(
        is_closed,
        np.where(rng.random(n) < 0.85, amount, np.round(amount * rng.uniform(0.3, 1, n), -1)),
        np.where(rng.random(n) < 0.3, np.round(amount * rng.uniform(0, 0.5, n), -1), np.nan),
    )
    filed = (status == "已立案") | (is_closed & (rng.random(n) < 0.4)) | transferred
    filed_date = np.where(
        filed,
        received + np.minimum(rng.integers(1, 5, n), closed_after - 1).astype("timedelta64[D]"),
        np.datetime64("NaT"),
    )
    filed_date = np.where(filed & (kind == 5), np.datetime64("NaT"), filed_date)
    order = np.argsort(received, kind="stable")
    width = max(4, len(str(n)))
    case_id = np.char.add(f"QX{year}-", np.char.zfill(np.arange(1, n + 1).astype(str), width))
    frame = pd.DataFrame(
        {
            "case_id": str_series(case_id.astype(object)),
            "source": str_series(
                pick(rng, CASE_SOURCES, n, np.array([35, 30, 15, 15, 5.0]))[order]
            ),
            "received_date": date_series(received[order]),
            "project_id": str_series(
                np.where(on_project, projects["project_id"].to_numpy(dtype=object)[proj], None)[
                    order
                ]
            ),
            "respondent": str_series(respondent[order]),
            "investment_type": str_series(np.where(on_project, inv_type[proj], None)[order]),
            "workers_involved": pd.array(workers_involved[order], dtype="Int64"),
            "amount_involved": amount[order],
            "amount_recovered": recovered[order],
            "status": str_series(status[order]),
            "filed_date": date_series(filed_date[order]),
            "closed_date": date_series(np.where(is_closed, closed, np.datetime64("NaT"))[order]),
            "transferred_police": pd.array(transferred[order], dtype="boolean"),
            "blacklisted": pd.array(
                (transferred | (is_closed & (amount > 80_000)))[order], dtype="boolean"
            ),
            "handler": str_series(pick(rng, _HANDLERS, n)[order]),
        }
    )
    planted["_case_kind"] = kind[order]
    planted["_case_late_close"] = late_close[order]
    return frame


def ground_truth(
    tables: dict[str, pd.DataFrame],
    planted: dict,
    *,
    rules: Rules,
    as_of: np.datetime64,
    year: int,
    seed: int,
    scale: int,
    **sets: np.ndarray,
) -> dict[str, Any]:
    """``planted.json``: each planted problem kind with its definition and its subjects."""
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

    kind = planted.pop("_case_kind")
    late_close = planted.pop("_case_late_close")
    counted = cases["received_date"] <= as_of_ts
    closed = cases["status"].isin(CLOSED_CASE_STATUSES) & ~(cases["closed_date"] > as_of_ts)
    open_ = counted & ~closed
    gov = cases["investment_type"].isin(GOVERNMENT_INVESTMENT_TYPES)
    kinds["cases"] = {
        "definition": "as of as_of: open = not 已结案/已移送 or closed after as_of; overdue = open "
        "and received 75+ days before as_of, or closed 75+ days after receipt "
        "(every other case is clearly within 30 working days)",
        "overdue": _as_list(cases.loc[np.isin(kind, [3, 4]), "case_id"]),
        "overdue_open": _as_list(cases.loc[kind == 3, "case_id"]),
        "overdue_closed_late": _as_list(cases.loc[kind == 4, "case_id"]),
        "received_after_as_of": _as_list(cases.loc[~counted, "case_id"]),
        "closed_after_as_of": _as_list(cases.loc[late_close, "case_id"]),
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


def write_sample(
    out: Path | str,
    *,
    scale: int = 1,
    seed: int = DEFAULT_SEED,
    messy: bool = False,
    fmt: str = "xlsx",
    year: int = 2023,
) -> SampleCampaign:
    """Generate the sample campaign and write it to ``out`` (see :func:`generate`)."""
    sample = generate(scale=scale, seed=seed, year=year)
    write_campaign(sample, out, fmt=fmt, messy=messy)
    return sample
