"""Subjects 检查对象 of the sample: employers 用人单位 and construction projects 在建工程项目.

An employer belongs to a *sector* 行业 (``SECTORS``, drawn with fixed shares); a construction
firm whose name says 劳务 is a labour subcontractor 劳务分包, the others can be *general
contractors* 总承包单位, a few of which win many projects. A few employers outside construction
*owe wages found by screening* 摸排发现欠薪: their ledger has arrears 欠薪 but no payroll. A
project has a competent *department* 行业主管部门 (``DEPARTMENTS``), an *investment type* 投资类型
drawn by department, a contract value 合同金额 (万元 in the ledger), a start date 开工日期 and
status 在建/停工/完工, the first six *systems* 制度 (实名制 … 维权信息公示牌) and its *labour cost*
人工费 due and paid. Its arrears and its 按月足额支付 answer come from the payroll
(:mod:`wagekit.sample.projects_ledger`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wagekit.sample.draws import pick, str_series, uniform_dates
from wagekit.sample.names import PLACES, credit_codes, unique_names
from wagekit.sample.plan import TOWNSHIP_WEIGHTS, TOWNSHIPS, Plan
from wagekit.schema import INVESTMENT_TYPES, SECTORS, SYSTEMS

__all__ = [
    "DEPARTMENTS",
    "Employers",
    "Projects",
    "draw_employers",
    "draw_projects",
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


@dataclass
class Employers:
    """The employers: their ledger 用人单位台账 and the arrays the later steps draw from."""

    frame: pd.DataFrame
    sector: np.ndarray  # index into SECTORS, sorted
    name: np.ndarray
    id: np.ndarray
    owing: np.ndarray  # employers owing wages from screening (摸排), no payroll


@dataclass
class Projects:
    """The projects as drawn, one element per project; their ledger comes after the payroll."""

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

    Their arrears and 按月足额支付 come later, from the payroll
    (:mod:`wagekit.sample.projects_ledger`).
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
