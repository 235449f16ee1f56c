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

import datetime as dt
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wagekit.calendar import default_campaign_end
from wagekit.config import Rules
from wagekit.ids import id_number_check_char, uscc_check_char
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
    TABLE_ORDER,
    TABLES,
)

__all__ = [
    "DEFAULT_SEED",
    "FORMATS",
    "SampleCampaign",
    "generate",
    "write_campaign",
    "write_sample",
    "XLSX_MAX_ROWS",
]

DEFAULT_SEED = 20231101
FORMATS = ("xlsx", "csv", "parquet")
XLSX_MAX_ROWS = 1_048_576 - 3

REGION = "示例县"
REGION_CODE = "511623"
TOWNSHIPS = (
    "城东街道",
    "城西街道",
    "盈浦街道",
    "曲溪街道",
    "洛河镇",
    "中营镇",
    "太平镇",
    "双港镇",
    "隆丰镇",
    "连河镇",
    "和城镇",
    "路坪镇",
)
_TOWNSHIP_WEIGHTS = np.array([14, 12, 11, 9, 9, 8, 7, 7, 6, 6, 6, 5], dtype=float)
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
_PLACES = (
    "金凤路",
    "滨河",
    "北区",
    "南湖",
    "新城",
    "东山",
    "文昌路",
    "人民路",
    "迎宾大道",
    "花园",
    "西街",
    "工业园",
    "火车站",
    "青龙",
    "白鹤",
    "凤凰",
    "望江",
    "长安路",
    "龙泉",
    "桂花",
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
_SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
)
_GIVEN = tuple(
    "伟强军勇磊洋杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国志文海东红英兵春生"
    "福荣庆德成贵富祥安全有才发胜根忠军峰云霞芳丽娟秀兰凤玲"
)
# Real-looking county codes 行政区划代码 of the provinces migrant workers come from.
_AREA_CODES = (
    REGION_CODE,
    REGION_CODE,
    REGION_CODE,
    "511621",
    "511622",
    "511681",
    "510722",
    "511321",
    "511921",
    "500233",
    "500236",
    "500237",
    "412726",
    "411522",
    "411526",
    "341221",
    "342221",
    "341623",
    "522425",
    "522126",
    "430524",
    "431121",
    "421127",
    "360730",
    "450821",
    "532128",
    "622424",
    "371321",
    "410526",
    "420222",
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
_EPOCH = np.datetime64("1899-12-30", "D")  # Excel's day zero


@dataclass
class SampleCampaign:
    """A generated campaign: ``campaign.toml`` text, canonical tables and the ground truth.

    ``tables`` hold the canonical English columns with the dtypes of a loaded campaign (no
    ``source_row``); ``planted`` is what ``planted.json`` holds.
    """

    config_toml: str
    tables: dict[str, pd.DataFrame]
    planted: dict[str, Any]
    seed: int
    scale: int
    year: int
    load_errors: list[dict[str, Any]] = field(default_factory=list)


# ----------------------------------------------------------------------------------- helpers
def _days(values: np.ndarray) -> pd.Series:
    """datetime64[D] array → datetime64[ns] Series (NaT kept)."""
    return pd.Series(values.astype("datetime64[ns]"))


def _pick(
    rng: np.random.Generator,
    choices: tuple[str, ...] | np.ndarray,
    size: int,
    p: np.ndarray | None = None,
) -> np.ndarray:
    idx = rng.choice(len(choices), size=size, p=None if p is None else p / p.sum())
    return np.asarray(choices, dtype=object)[idx]


def _uniform_dates(rng: np.random.Generator, first: str, last: str, size: int) -> np.ndarray:
    lo, hi = np.datetime64(first, "D"), np.datetime64(last, "D")
    return lo + rng.integers(0, (hi - lo).astype(int) + 1, size=size).astype("timedelta64[D]")


def _person_names(rng: np.random.Generator, size: int) -> np.ndarray:
    surname = _pick(rng, _SURNAMES, size).astype(str)
    first = _pick(rng, _GIVEN, size).astype(str)
    second = _pick(rng, _GIVEN, size).astype(str)
    two = rng.random(size) < 0.7
    return np.where(
        two, np.char.add(np.char.add(surname, first), second), np.char.add(surname, first)
    ).astype(object)


def _unique_names(rng: np.random.Generator, bases: np.ndarray) -> np.ndarray:
    """Make names unique by putting a township's short name in front of repeats."""
    names = pd.Series(bases.astype(str))
    for _ in range(50):
        dup = names.duplicated().to_numpy()
        if not dup.any():
            break
        prefix = _pick(rng, tuple(t[:2] for t in TOWNSHIPS) + _PLACES, int(dup.sum())).astype(str)
        names[dup] = np.char.add(prefix, names[dup].to_numpy(dtype=str))
    return names.to_numpy(dtype=object)


def _gb11714_check(body: np.ndarray) -> np.ndarray:
    """Check character of 8-character organisation codes (GB 11714): digits and A=10 … Z=35."""
    codes = body.astype("<U8").view(np.uint32).reshape(-1, 8).astype(np.int64)
    values = np.where(codes >= ord("A"), codes - ord("A") + 10, codes - ord("0"))
    c9 = 11 - (values @ np.array([3, 7, 9, 10, 5, 8, 4, 2])) % 11
    return np.where(c9 == 10, "X", np.where(c9 == 11, "0", c9.astype(str)))


def _credit_codes(rng: np.random.Generator, size: int, individual: np.ndarray) -> np.ndarray:
    """Draw unique unified social credit codes 统一社会信用代码 with valid check characters."""
    alphabet = np.array(list("0123456789ABCDEFGHJKLMNPQRTUWXY"))
    out = pd.Series(np.zeros(size, dtype=object))
    todo = np.ones(size, dtype=bool)
    while todo.any():
        n = int(todo.sum())
        chars = alphabet[rng.integers(0, 31, size=(n, 6))]
        body = np.char.add("MA", np.array(["".join(r) for r in chars.tolist()]))
        org = np.char.add(body, _gb11714_check(body))
        head = np.where(individual[todo], "92", "91")
        first17 = np.char.add(np.char.add(head, REGION_CODE), org)
        out[todo] = pd.Series(first17).str.cat(uscc_check_char(pd.Series(first17))).to_numpy()
        todo = out.duplicated().to_numpy()
    return out.to_numpy(dtype=object)


def _id_numbers(rng: np.random.Generator, size: int, male_share: float) -> np.ndarray:
    """Draw unique resident ID numbers 身份证号: real-looking area, birth 1965–2004, check digit."""
    out = pd.Series(np.full(size, "", dtype=object))
    todo = np.ones(size, dtype=bool)
    while todo.any():
        n = int(todo.sum())
        area = _pick(rng, _AREA_CODES, n).astype(str)
        birth = _uniform_dates(rng, "1965-01-01", "2004-12-31", n)
        ymd = pd.Series(birth).dt.strftime("%Y%m%d").to_numpy(dtype=str)
        male = rng.random(n) < male_share
        seq = rng.integers(0, 50, size=n) * 2 + 1 - (~male)  # odd sequence digit = male
        seq = rng.integers(0, 10, size=n) * 100 + seq
        first17 = np.char.add(np.char.add(area, ymd), np.char.zfill(seq.astype(str), 3))
        out[todo] = pd.Series(first17).str.cat(id_number_check_char(pd.Series(first17))).to_numpy()
        taken = out.duplicated(keep="first").to_numpy()
        todo = taken
    return out.to_numpy(dtype=object)


def _str(values: Any) -> pd.Series:
    return pd.Series(values, dtype="str")


def _as_list(values: Any) -> list:
    return sorted(pd.unique(pd.Series(values, dtype="object")).tolist())


# --------------------------------------------------------------------------------- generate
@dataclass
class _Plan:
    """What every step of :func:`generate` shares: one generator, the sizes and the key days.

    The steps draw from ``rng`` one after another, in the order :func:`generate` calls them;
    that order is part of the output (the same seed gives the same files).
    """

    rng: np.random.Generator
    rules: Rules
    year: int
    scale: int
    as_of: np.datetime64
    window: np.ndarray  # the twelve payroll months, December of the year before to November
    last_day: np.datetime64  # the last day a roster covers: 30 November
    n_proj: int
    n_emp: int
    n_work: int
    n_case: int
    n_pub: int


@dataclass
class _Employers:
    frame: pd.DataFrame
    sector: np.ndarray  # index into SECTORS, sorted
    name: np.ndarray
    id: np.ndarray
    owing: np.ndarray  # employers owing wages from screening (摸排), no payroll


@dataclass
class _Projects:
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
class _Roster:
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
class _PayrollRows:
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
class _PlantedProjects:
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
    plan = _Plan(
        rng=np.random.default_rng([seed, scale, year]),
        rules=Rules(),
        year=year,
        scale=scale,
        as_of=np.datetime64(f"{year}-12-20", "D"),
        window=np.arange(np.datetime64(f"{year - 1}-12", "M"), np.datetime64(f"{year}-12", "M")),
        last_day=np.datetime64(f"{year}-11-30", "D"),
        n_proj=300 * scale,
        n_emp=400 * scale,
        n_work=10_000 * scale,
        n_case=500 * scale,
        n_pub=800 * scale,
    )
    planted: dict[str, Any] = {}
    employers = _employers(plan)
    projects = _project_plan(plan, employers)
    roster = _roster(plan, projects)
    rows = _payroll_rows(plan, roster)
    chosen = _planted_projects(plan, employers, projects, roster)
    _plant_arrears(plan, roster, rows, chosen)
    _plant_late_pay(plan, rows, chosen)
    _plant_cash_pay(plan, roster, rows, chosen)
    off_roster, no_payroll = _plant_roster_gaps(plan, roster, rows, chosen)
    payroll = _payroll_frame(rows, roster, projects)
    workers = _workers_frame(roster, projects)
    project_frame, arrears_amount, arrears_workers = _projects_frame(
        plan, employers, projects, payroll, rows, chosen
    )
    cases = _cases(
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
    publicity, silent = _publicity(plan)
    self_inspections, subjects, submits, under = _self_inspections(
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
    planted = _ground_truth(
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
    start = dt.date(year, 11, 1)
    config = _config_toml(year, start, default_campaign_end(start), plan.rules)
    return SampleCampaign(config, tables, planted, seed, scale, year)


def _employers(plan: _Plan) -> _Employers:
    """Employers 用人单位 by sector, a few outside construction owing wages found by screening."""
    rng, n_emp = plan.rng, plan.n_emp
    sector_idx = rng.choice(len(SECTORS), size=n_emp, p=_SECTOR_SHARES / _SECTOR_SHARES.sum())
    sector_idx.sort(kind="stable")
    suffix = np.empty(n_emp, dtype=object)
    for s, options in enumerate(_SECTOR_SUFFIXES):
        mask = sector_idx == s
        suffix[mask] = _pick(rng, options, int(mask.sum()))
    firm = _pick(rng, _FIRM_WORDS, n_emp)
    emp_name = _unique_names(rng, (firm + suffix).astype(str))
    emp_id = _credit_codes(rng, n_emp, np.isin(sector_idx, [2, 4]) & (rng.random(n_emp) < 0.3))
    employees = np.maximum(3, np.round(np.exp(rng.normal(3.6, 0.9, n_emp)))).astype(np.int64)
    migrant = np.floor(employees * rng.uniform(0.3, 0.95, n_emp)).astype(np.int64)
    contracts = np.floor(migrant * rng.uniform(0.7, 1.0, n_emp)).astype(np.int64)
    insured = np.floor(employees * rng.uniform(0.6, 1.0, n_emp)).astype(np.int64)
    employers = pd.DataFrame(
        {
            "employer_id": _str(emp_id),
            "name": _str(emp_name),
            "sector": _str(np.asarray(SECTORS, dtype=object)[sector_idx]),
            "township": _str(_pick(rng, TOWNSHIPS, n_emp, _TOWNSHIP_WEIGHTS)),
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
    return _Employers(employers, sector_idx, emp_name, emp_id, owing)


def _project_plan(plan: _Plan, employers: _Employers) -> _Projects:
    """Projects 在建项目: contractor, department, investment type, dates, systems, labour cost.

    Their arrears and 按月足额支付 come later, from the payroll (:func:`_projects_frame`).
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
    township = _pick(rng, TOWNSHIPS, n_proj, _TOWNSHIP_WEIGHTS)
    kind = np.empty(n_proj, dtype=object)
    for d, options in enumerate(_PROJECT_KINDS):
        mask = dept == d
        kind[mask] = _pick(rng, options, int(mask.sum()))
    place = _pick(rng, _PLACES, n_proj)
    proj_name = (township + place + kind).astype(object)
    width = max(4, len(str(n_proj)))
    proj_id = np.char.add(f"XM{year}-", np.char.zfill(np.arange(1, n_proj + 1).astype(str), width))
    value_wan = np.round(np.exp(rng.normal(7.6, 1.1, n_proj)), 2)  # 万元, ~2,000万 median
    value_wan = np.clip(value_wan, 80, 200_000)
    contract_value = np.round(value_wan * 10_000, 0)
    before = rng.random(n_proj) < 0.88
    p_start = np.where(
        before,
        _uniform_dates(rng, f"{year - 2}-03-01", f"{year - 1}-11-30", n_proj),
        _uniform_dates(rng, f"{year - 1}-12-01", f"{year}-09-30", n_proj),
    )
    status = _pick(rng, ("在建", "停工", "完工"), n_proj, np.array([90, 4, 6.0]))
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
    return _Projects(
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


def _roster(plan: _Plan, projects: _Projects) -> _Roster:
    """Workers 农民工 on each project's roster, with a few planted below the minimum wage."""
    rng, n_proj, n_work, year = plan.rng, plan.n_proj, plan.n_work, plan.year
    size = np.maximum(5, np.round(projects.value_wan**0.45)).astype(np.int64)
    share = size / size.sum()
    per_project = 5 + rng.multinomial(n_work - 5 * n_proj, share)
    w_proj = np.repeat(np.arange(n_proj), per_project)
    w_id = _id_numbers(rng, n_work, male_share=0.86)
    w_name = _person_names(rng, n_work)
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
    completion = _uniform_dates(rng, f"{year}-07-01", f"{year}-10-31", n_proj)
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
    return _Roster(
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


def _payroll_rows(plan: _Plan, roster: _Roster) -> _PayrollRows:
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
    return _PayrollRows(
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


def _planted_projects(
    plan: _Plan, employers: _Employers, projects: _Projects, roster: _Roster
) -> _PlantedProjects:
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
    return _PlantedProjects(
        bad_contractors, arrears_proj, yellow_proj, late_proj, cash_proj, clean_proj
    )


def _plant_arrears(
    plan: _Plan, roster: _Roster, rows: _PayrollRows, chosen: _PlantedProjects
) -> None:
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


def _plant_late_pay(plan: _Plan, rows: _PayrollRows, chosen: _PlantedProjects) -> None:
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


def _plant_cash_pay(
    plan: _Plan, roster: _Roster, rows: _PayrollRows, chosen: _PlantedProjects
) -> None:
    """Pay one or two teams of the cash projects in cash 现金 or through the team leader."""
    rng = plan.rng
    cash_team = rng.integers(0, 6, plan.n_proj)
    p_proj, team = rows.project, roster.team[rows.worker]
    cash = np.isin(p_proj, chosen.cash) & (
        (team == cash_team[p_proj]) | (team == (cash_team[p_proj] + 2) % 6)
    )
    rows.method[cash] = np.where(rng.random(int(cash.sum())) < 0.5, 1, 2)


def _plant_roster_gaps(
    plan: _Plan, roster: _Roster, rows: _PayrollRows, chosen: _PlantedProjects
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


def _payroll_frame(rows: _PayrollRows, roster: _Roster, projects: _Projects) -> pd.DataFrame:
    """The payroll ledger 工资发放记录 from the rows."""
    return pd.DataFrame(
        {
            "id_number": pd.Series(_str(roster.id).array.take(rows.worker)),
            "project_id": pd.Series(_str(projects.id.astype(object)).array.take(rows.project)),
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


def _workers_frame(roster: _Roster, projects: _Projects) -> pd.DataFrame:
    """The roster 农民工花名册."""
    return pd.DataFrame(
        {
            "id_number": _str(roster.id),
            "name": _str(roster.name),
            "project_id": pd.Series(_str(projects.id.astype(object)).array.take(roster.project)),
            "team": _str(np.asarray(_TEAMS, dtype=object)[roster.team]),
            "contract_signed": roster.contract_signed,
            "wage_basis": _str(np.where(roster.monthly, "月薪", "日薪").astype(object)),
            "wage_rate": roster.rate,
            "start_date": _days(roster.start),
            "end_date": _days(roster.end),
        }
    )


def _projects_frame(
    plan: _Plan,
    employers: _Employers,
    projects: _Projects,
    payroll: pd.DataFrame,
    rows: _PayrollRows,
    chosen: _PlantedProjects,
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
            "project_id": _str(projects.id.astype(object)),
            "name": _str(projects.name),
            "township": _str(projects.township),
            "department": _str(np.asarray(DEPARTMENTS, dtype=object)[projects.dept]),
            "investment_type": _str(projects.inv_type),
            "contractor": pd.Series(contractor, dtype="str"),
            "contract_value": projects.contract_value,
            "start_date": _days(projects.start),
            "status": _str(projects.status),
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


def _publicity(plan: _Plan) -> tuple[pd.DataFrame, np.ndarray]:
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
        _uniform_dates(rng, f"{year}-11-01", f"{year}-11-30", n_pub),
        _uniform_dates(rng, f"{year}-12-01", str(as_of), n_pub),
    )
    qty = rng.integers(_ACTIVITY_QUANTITY[act, 0], _ACTIVITY_QUANTITY[act, 1] + 1)
    participants = np.where(_ACTIVITY_PARTICIPANTS[act], rng.integers(15, 300, n_pub), -1)
    pub_township = np.asarray(TOWNSHIPS, dtype=object)[active[rng.integers(0, active.size, n_pub)]]
    unit = np.where(
        rng.random(n_pub) < 0.45,
        np.char.add(pub_township.astype(str), "人民政府"),
        _pick(rng, _PUBLICITY_UNITS, n_pub, np.array([30, 25, 15, 10, 8, 8, 4.0])),
    )
    order = np.argsort(pub_date, kind="stable")
    publicity = pd.DataFrame(
        {
            "date": _days(pub_date[order]),
            "township": _str(pub_township[order]),
            "unit": _str(unit[order].astype(object)),
            "activity": _str(np.asarray(PUBLICITY_ACTIVITIES, dtype=object)[act[order]]),
            "quantity": pd.array(qty[order], dtype="Int64"),
            "participants": pd.array(
                np.where(participants[order] < 0, None, participants[order]), dtype="Int64"
            ),
        }
    )
    return publicity, silent


def _self_inspections(
    plan: _Plan,
    employers: _Employers,
    projects: _Projects,
    chosen: _PlantedProjects,
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
        _uniform_dates(rng, f"{year}-12-01", str(as_of), n_subj),
        _uniform_dates(rng, f"{year}-11-01", f"{year}-11-30", n_subj),
    )
    rectified = np.where(rep_amount > 0, rng.random(n_subj) < 0.5, False)
    sel = np.flatnonzero(submits)
    sel = sel[np.argsort(submitted[sel], kind="stable")]
    frame = pd.DataFrame(
        {
            "subject_id": _str(subj_id[sel]),
            "submitted_date": _days(submitted[sel]),
            "reported_arrears_amount": rep_amount[sel].astype(float),
            "reported_arrears_workers": pd.array(rep_workers[sel], dtype="Int64"),
            "rectified": pd.array(
                np.where(rep_amount[sel] > 0, rectified[sel], None), dtype="boolean"
            ),
        }
    )
    return frame, subj_id, submits, under


def _cases(
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
        _pick(rng, _OPEN_CASE_STATUSES, n, np.array([30, 45, 25.0])),
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
            "case_id": _str(case_id.astype(object)),
            "source": _str(_pick(rng, CASE_SOURCES, n, np.array([35, 30, 15, 15, 5.0]))[order]),
            "received_date": _days(received[order]),
            "project_id": _str(
                np.where(on_project, projects["project_id"].to_numpy(dtype=object)[proj], None)[
                    order
                ]
            ),
            "respondent": _str(respondent[order]),
            "investment_type": _str(np.where(on_project, inv_type[proj], None)[order]),
            "workers_involved": pd.array(workers_involved[order], dtype="Int64"),
            "amount_involved": amount[order],
            "amount_recovered": recovered[order],
            "status": _str(status[order]),
            "filed_date": _days(filed_date[order]),
            "closed_date": _days(np.where(is_closed, closed, np.datetime64("NaT"))[order]),
            "transferred_police": pd.array(transferred[order], dtype="boolean"),
            "blacklisted": pd.array(
                (transferred | (is_closed & (amount > 80_000)))[order], dtype="boolean"
            ),
            "handler": _str(_pick(rng, _HANDLERS, n)[order]),
        }
    )
    planted["_case_kind"] = kind[order]
    planted["_case_late_close"] = late_close[order]
    return frame


def _ground_truth(
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


def _config_toml(year: int, start: dt.date, end: dt.date, rules: Rules) -> str:
    summary_first = end + dt.timedelta(days=1)
    return (
        f'name = "{year}年度根治欠薪冬季专项行动"\n'
        f'region = "{REGION}"\n'
        f"start = {start.isoformat()}\n"
        f"end = {end.isoformat()}\n\n"
        "[phases]\n"
        f"publicity = [{start}, {dt.date(year, 11, 30)}]\n"
        f"self_inspection = [{start}, {dt.date(year, 11, 30)}]\n"
        f"enforcement = [{dt.date(year, 12, 1)}, {end}]\n"
        f"summary = [{summary_first}, {summary_first + dt.timedelta(days=19)}]\n\n"
        "[rules]\n"
        f"minimum_wage_monthly = {rules.minimum_wage_monthly:g}\n"
        f"case_deadline_working_days = {rules.case_deadline_working_days}\n"
        f"serious_arrears_amount = {rules.serious_arrears_amount:g}\n"
        f"serious_arrears_workers = {rules.serious_arrears_workers}\n"
        f"wage_deposit_rate = {rules.wage_deposit_rate:g}\n"
        f"criminal_amount_per_worker = {rules.criminal_amount_per_worker:g}\n"
        f"criminal_amount_total = {rules.criminal_amount_total:g}\n"
    )


# ---------------------------------------------------------------------------------- writing
_FIXED_TIME = (2023, 11, 1, 0, 0, 0)
_SYSTEM_HEADER = "制度落实情况"


def _plain_cells(table: str, frame: pd.DataFrame) -> dict[str, list]:
    """Cell values of the official layout: 是/否, dates, 万元 contract values, months."""
    cells: dict[str, list] = {}
    for column in TABLES[table].columns:
        values = frame[column.name]
        if column.kind == "bool":
            out = pd.Series(np.where(values.fillna(False).astype(bool), "是", "否"), dtype=object)
            out[values.isna().to_numpy()] = None
        elif column.kind == "date":
            out = pd.Series(values.dt.date, dtype=object).where(values.notna(), None)
        elif column.kind == "month":
            out = values.dt.strftime("%Y-%m").astype(object)
        elif column.kind in ("money", "number"):
            if column.name == "contract_value":
                values = (values / 10_000).round(4)
            out = values.astype(object).where(values.notna(), None)
        elif column.kind == "count":
            out = values.astype(object).where(values.notna(), None)
            out = out.map(lambda v: None if v is None or v is pd.NA else int(v))
        else:
            out = values.astype(object).where(values.notna(), None)
        cells[column.name] = out.tolist()
    return cells


_PKG = "http://schemas.openxmlformats.org/package/2006"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_MIME}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_MIME}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_MIME}.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{_SML}" xmlns:r="{_DOC}">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_DOC}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    # style 0: general; 1: date yyyy-mm-dd; 2: bold centred header
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<styleSheet xmlns="{_SML}">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="宋体"/></font>'
        '<font><b/><sz val="11"/><name val="宋体"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
        'applyAlignment="1">'
        '<alignment horizontal="center" vertical="center" wrapText="1"/></xf></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: pd.Series) -> pd.Series:
    return (
        text.str.replace("&", "&amp;", regex=False)
        .str.replace("<", "&lt;", regex=False)
        .str.replace(">", "&gt;", regex=False)
    )


def _cells_xml(values: pd.Series, refs: pd.Series) -> pd.Series:
    """XML of one column's cells: numbers, dates (as serials in yyyy-mm-dd style), strings."""
    values = pd.Series(values, dtype=object).reset_index(drop=True)
    kind = values.map(
        lambda v: (
            "n"
            if v is None or v is pd.NA or (isinstance(v, float) and v != v)
            else "d"
            if isinstance(v, dt.date)
            else "v"
            if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
            else "s"
        )
    )
    out = pd.Series("", index=values.index, dtype=object)
    num = kind == "v"
    if num.any():
        out[num] = (
            '<c r="'
            + refs[num]
            + '"><v>'
            + values[num]
            .map(repr)
            .str.replace("np.float64(", "", regex=False)
            .str.replace(")", "", regex=False)
            + "</v></c>"
        )
    date = kind == "d"
    if date.any():
        serial = values[date].map(lambda d: d.toordinal()) - dt.date(1899, 12, 30).toordinal()
        out[date] = '<c r="' + refs[date] + '" s="1"><v>' + serial.astype(str) + "</v></c>"
    text = kind == "s"
    if text.any():
        out[text] = (
            '<c r="'
            + refs[text]
            + '" t="inlineStr"><is><t>'
            + _escape(values[text].astype(str))
            + "</t></is></c>"
        )
    return out


def _write_xlsx(
    path: Path,
    headers: list[str],
    columns: list[list],
    *,
    title: str | None = None,
    two_row: list[tuple[str, str]] | None = None,
) -> None:
    """Write a one-sheet .xlsx: optional merged title row, then one or two header rows.

    ``two_row`` gives (upper, lower) per column: a column whose cells are equal is merged
    vertically, a run of columns sharing an upper cell is merged horizontally. The XML is built
    column by column with pandas string operations (openpyxl writes ~10,000 cells a second;
    a year of payroll has a million), with fixed zip timestamps so equal data gives equal bytes.
    """
    n = len(headers)
    letters = [_column_letter(j) for j in range(n)]
    header_rows: list[list[tuple[int, str, bool]]] = []  # (column, text) per header row
    merges: list[str] = []
    if title:
        header_rows.append([(0, title)])
        merges.append(f"A1:{letters[-1]}1")
    if two_row:
        r = len(header_rows) + 1
        upper, lower = [], []
        j = 0
        while j < n:
            top, bottom = two_row[j]
            if top == bottom:
                upper.append((j, top))
                merges.append(f"{letters[j]}{r}:{letters[j]}{r + 1}")
                j += 1
                continue
            k = j
            while k + 1 < n and two_row[k + 1][0] == top and two_row[k + 1][1] != top:
                k += 1
            upper.append((j, top))
            if k > j:
                merges.append(f"{letters[j]}{r}:{letters[k]}{r}")
            lower.extend((c, two_row[c][1]) for c in range(j, k + 1))
            j = k + 1
        header_rows += [upper, lower]
    else:
        header_rows.append(list(enumerate(headers)))
    lines = []
    for i, cells in enumerate(header_rows, start=1):
        row = "".join(
            f'<c r="{letters[j]}{i}" s="2" t="inlineStr"><is><t>{text}</t></is></c>'
            for j, text in cells
        )
        lines.append(f'<row r="{i}">{row}</row>')
    first = len(header_rows) + 1
    m = len(columns[0]) if columns else 0
    row_numbers = pd.Series(np.arange(first, first + m).astype(str), dtype=object)
    body = pd.Series("", index=range(m), dtype=object)
    for j, column in enumerate(columns):
        body = body + _cells_xml(pd.Series(column, dtype=object), letters[j] + row_numbers)
    rows = '<row r="' + row_numbers + '">' + body + "</row>"
    merge_xml = (
        f'<mergeCells count="{len(merges)}">'
        + "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
        + "</mergeCells>"
        if merges
        else ""
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_SML}">'
        "<sheetData>"
        + "".join(lines)
        + "\n".join(rows.tolist())
        + "</sheetData>"
        + merge_xml
        + "</worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in [*_XLSX_PARTS.items(), ("xl/worksheets/sheet1.xml", sheet)]:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


def _arrow_table(table: str, frame: pd.DataFrame, *, chinese: bool):
    """Convert a frame to pyarrow: typed for Parquet, 是/否 and Chinese headers for CSV."""
    import pyarrow as pa

    arrays, names = [], []
    for column in TABLES[table].columns:
        values = frame[column.name]
        if column.kind == "bool":
            if chinese:
                words = pd.Series(
                    np.where(values.fillna(False).astype(bool), "是", "否"), dtype="str"
                ).where(values.notna().to_numpy())
                array = pa.array(words, type=pa.string(), from_pandas=True)
            else:
                array = pa.array(values.astype("boolean"), type=pa.bool_(), from_pandas=True)
        elif column.kind == "date":
            array = pa.array(
                values.to_numpy().astype("datetime64[D]"), type=pa.date32(), from_pandas=True
            )
        elif column.kind == "month":
            if chinese:
                codes, uniques = pd.factorize(values)  # 12 months: format once, not per row
                labels = pa.array(pd.DatetimeIndex(uniques).strftime("%Y-%m").tolist())
                array = labels.take(pa.array(codes.astype(np.int32)))
            else:
                array = pa.array(values.to_numpy().astype("datetime64[D]"), type=pa.date32())
        elif column.kind == "count":
            array = pa.array(values, type=pa.int64(), from_pandas=True)
        elif column.kind in ("money", "number"):
            array = pa.array(values.to_numpy(dtype=float), type=pa.float64(), from_pandas=True)
        else:
            array = pa.array(values, type=pa.string(), from_pandas=True)
        arrays.append(array)
        names.append(column.header if chinese else column.name)
    return pa.Table.from_arrays(arrays, names=names)


def _write_clean(sample: SampleCampaign, out: Path, fmt: str) -> None:
    for table in TABLE_ORDER:
        frame = sample.tables[table]
        spec = TABLES[table]
        if fmt == "csv":
            import pyarrow.csv as pacsv

            pacsv.write_csv(_arrow_table(table, frame, chinese=True), out / f"{table}.csv")
            continue
        if fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(_arrow_table(table, frame, chinese=False), out / f"{table}.parquet")
            continue
        cells = _plain_cells(table, frame)
        headers = [c.header for c in spec.columns]
        columns = [cells[c.name] for c in spec.columns]
        two_row = title = None
        if table == "projects":
            title = f"{REGION}{spec.title}"
            two_row = [
                (_SYSTEM_HEADER, c.header)
                if c.name in SYSTEMS
                else ("合同金额", "（万元）")
                if c.name == "contract_value"
                else (c.header, c.header)
                for c in spec.columns
            ]
        elif table == "cases":
            title = f"{REGION}{spec.title}"
        _write_xlsx(out / f"{table}.xlsx", headers, columns, title=title, two_row=two_row)


def write_campaign(
    sample: SampleCampaign, out: Path | str, *, fmt: str = "xlsx", messy: bool = False
) -> Path:
    """Write ``sample`` as a campaign folder at ``out`` with ``planted.json``; return the folder.

    ``fmt`` is ``xlsx`` (the official layout), ``csv`` (UTF-8, Chinese headers) or ``parquet``
    (canonical names, typed columns). ``messy`` writes the offices' mixture instead (see the
    module docstring) and adds ``load_errors`` to ``planted.json``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    out = Path(out)
    if fmt == "xlsx" and len(sample.tables["payroll"]) > XLSX_MAX_ROWS:
        raise ValueError("工资发放记录超过 Excel 的行数上限，请改用 --format csv 或 parquet")
    out.mkdir(parents=True, exist_ok=True)
    (out / "campaign.toml").write_text(sample.config_toml, encoding="utf-8")
    planted = dict(sample.planted)
    if messy:
        planted["load_errors"] = _write_messy(sample, out)
        planted["load_errors_note"] = (
            "each load error is an extra row breaking exactly one rule in one cell; without "
            "them the messy folder holds exactly the clean data"
        )
    else:
        _write_clean(sample, out, fmt)
    planted["format"] = "messy" if messy else fmt
    (out / "planted.json").write_text(
        json.dumps(planted, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return out


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


# ------------------------------------------------------------------------------- messy copy
_YES_WORDS = ("是", "有", "√", "Y")
_NO_WORDS = ("否", "无", "×", "N")
# (file name, header row count before data incl. title, encoding or writer)
_MESSY_FILES = {
    "projects": ("在建工程项目台账.xls", 2),
    "employers": ("employers.xlsx", 1),
    "workers": ("农民工花名册.csv", 1),
    "payroll": ("payroll.xlsx", 1),
    "cases": ("欠薪线索及案件台账.xlsx", 2),
    "publicity": ("宣传活动记录.csv", 1),
    "self_inspections": ("self_inspections.csv", 1),
}
_CSV_ENCODINGS = {"workers": "gbk", "publicity": "gb18030", "self_inspections": "utf-8-sig"}
_MESSY_HEADERS = {
    "township": "所属乡镇",
    "department": "主管部门",
    "investment_type": "项目类型",
    "contract_value": "合同金额（万元）",
    "real_name": "实名制",
    "wage_account": "农民工工资专用账户",
    "general_contractor_pays": "总包代发",
    "bank_payment": "银行代发",
    "notice_board": "维权公示牌",
    "monthly_payment": "按月足额发放",
    "arrears_amount": "欠薪金额（元）",
}
_MESSY_HEADERS_BY_TABLE = {
    "employers": {
        "employer_id": "社会信用代码",
        "name": "企业名称",
        "sector": "所属行业",
        "township": "乡镇街道",
    },
    "workers": {"id_number": "身份证号码"},
    "payroll": {"id_number": "身份证号码", "month": "月份"},
    "cases": {"case_id": "线索编号", "respondent": "被反映单位", "investment_type": "项目类型"},
    "publicity": {"date": "活动日期", "township": "所属乡镇"},
    "self_inspections": {"subject_id": "项目编号/统一社会信用代码"},
}


def _fmt_number(value: float, decimals: int = 2) -> str:
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")


def _messy_dates(values: pd.Series, rng: np.random.Generator, *, excel: bool) -> pd.Series:
    """Dates written five ways, plus Excel serials and real date cells in spreadsheets."""
    choice = rng.integers(0, 7 if excel else 5, len(values))
    ok = values.notna().to_numpy()
    y, m, d = values.dt.year, values.dt.month, values.dt.day
    forms = [
        values.dt.strftime("%Y-%m-%d"),
        values.dt.strftime("%Y/%m/%d"),
        values.dt.strftime("%Y.%m.%d"),
        y.astype("Int64").astype(str)
        + "年"
        + m.astype("Int64").astype(str)
        + "月"
        + d.astype("Int64").astype(str)
        + "日",
        values.dt.strftime("%Y%m%d"),
    ]
    out = pd.Series([None] * len(values), dtype=object)
    for k, form in enumerate(forms):
        pick = ok & (choice == k)
        out[pick] = form[pick].astype(object).to_numpy()
    serial = ok & (choice == 5)
    out[serial] = [
        int(v)
        for v in ((values[serial].to_numpy().astype("datetime64[D]") - _EPOCH).astype(np.int64))
    ]
    cell = ok & (choice == 6)
    out[cell] = list(values[cell].dt.date)
    return out


def _messy_money(values: pd.Series, rng: np.random.Generator) -> pd.Series:
    """Money as plain numbers, ¥1,234.5, 1234.5元 and 3.2万 (only where exact to the yuan)."""
    choice = rng.integers(0, 4, len(values))
    v = values.to_numpy(dtype=float)
    out = []
    for value, k in zip(v, choice, strict=True):
        if value != value:
            out.append(None)
        elif k == 1:
            out.append(f"¥{value:,.2f}")
        elif k == 2:
            out.append(_fmt_number(value) + "元")
        elif k == 3 and value % 100 == 0:
            out.append(_fmt_number(value / 10_000, 4) + "万")
        else:
            out.append(float(value))
    return pd.Series(out, dtype=object)


def _messy_cells(
    table: str, frame: pd.DataFrame, rng: np.random.Generator, excel: bool
) -> pd.DataFrame:
    """Format a canonical frame the way offices write it (object cells)."""
    out = {}
    for column in TABLES[table].columns:
        values = frame[column.name].reset_index(drop=True)
        if column.kind == "bool":
            yes = values.fillna(False).astype(bool).to_numpy()
            words = np.where(
                yes, _pick(rng, _YES_WORDS, len(values)), _pick(rng, _NO_WORDS, len(values))
            )
            if column.name == "wage_deposit":
                words = np.where(yes & (rng.random(len(values)) < 0.3), "保函", words)
            cells = pd.Series(words, dtype=object)
            cells[values.isna().to_numpy()] = None
        elif column.kind == "date":
            cells = _messy_dates(values, rng, excel=excel)
        elif column.kind == "month":
            choice = rng.integers(0, 3, len(values))
            cells = pd.Series(
                np.select(
                    [choice == 0, choice == 1],
                    [
                        values.dt.strftime("%Y-%m"),
                        values.dt.year.astype(str) + "年" + values.dt.month.astype(str) + "月",
                    ],
                    values.dt.strftime("%Y/%m/%d"),
                ),
                dtype=object,
            )
        elif column.name == "contract_value":
            cells = pd.Series((values / 10_000).round(4).astype(float), dtype=object)
        elif column.kind == "money" and column.name != "arrears_amount":
            cells = _messy_money(values, rng)
        elif column.kind in ("money", "number"):
            cells = pd.Series(values.astype(float), dtype=object).where(values.notna(), None)
        elif column.kind == "count":
            cells = pd.Series([None if v is pd.NA else int(v) for v in values], dtype=object)
        else:
            cells = pd.Series(values, dtype=object).where(values.notna(), None)
        out[column.name] = cells
    return pd.DataFrame(out)


def _bad_check(ids: np.ndarray, alphabet: str) -> np.ndarray:
    """Replace the check character with another valid-looking one."""
    return np.array(
        [i[:17] + alphabet[(alphabet.index(i[17]) + 1) % len(alphabet)] for i in ids], dtype=object
    )


def _error_rows(sample: SampleCampaign, rng: np.random.Generator) -> dict[str, list]:
    """Plan the load errors per table: (donor row, position, column, raw cell, rule)."""
    t = sample.tables
    year = sample.year
    keep = object()
    fresh_emp = _credit_codes(rng, 8, np.zeros(8, dtype=bool))
    fresh_emp = fresh_emp[~np.isin(fresh_emp, t["employers"]["employer_id"].to_numpy())]
    fresh_ids = _id_numbers(rng, 12, male_share=0.9)
    fresh_ids = fresh_ids[~np.isin(fresh_ids, t["workers"]["id_number"].to_numpy())]
    counter = iter(range(1, 100))

    def donor(table: str, mask: pd.Series | None = None) -> tuple[int, pd.Series]:
        frame = t[table]
        choices = np.flatnonzero(mask.to_numpy()) if mask is not None else np.arange(len(frame))
        i = int(rng.choice(choices))
        return i, frame.iloc[i].copy()

    def new_project(row: pd.Series) -> pd.Series:
        row["project_id"] = f"XM{year}-9{next(counter):03d}"
        return row

    def new_case(row: pd.Series) -> pd.Series:
        row["case_id"] = f"QX{year}-9{next(counter):03d}"
        return row

    spec: dict[str, list] = {name: [] for name in TABLE_ORDER}
    # projects
    for column, raw, rule in (
        ("name", None, "missing_value"),
        ("investment_type", "民营投资", "enum"),
        ("contract_value", "待定", "bad_money"),
        ("real_name", "部分落实", "bad_bool"),
    ):
        _, row = donor("projects")
        spec["projects"].append((new_project(row), None, column, raw, rule))
    i, row = donor("projects")
    spec["projects"].append((row, i, "project_id", keep, "duplicate_key"))
    # employers
    codes = iter(fresh_emp.tolist())
    _, row = donor("employers")
    row["employer_id"] = _bad_check(np.array([next(codes)]), "0123456789ABCDEFGHJKLMNPQRTUWXY")[0]
    spec["employers"].append((row, None, "employer_id", keep, "uscc"))
    _, row = donor("employers", t["employers"]["employees"] > 5)
    row["employer_id"] = next(codes)
    row["migrant_workers"] = int(row["employees"]) + 5
    spec["employers"].append((row, None, "migrant_workers", keep, "compare"))
    _, row = donor("employers", t["employers"]["migrant_workers"] > 3)
    row["employer_id"] = next(codes)
    row["contracts_signed"] = int(row["migrant_workers"]) + 3
    spec["employers"].append((row, None, "contracts_signed", keep, "compare"))
    for column, raw, rule in (("employees", "若干", "bad_count"), ("sector", "种植业", "enum")):
        _, row = donor("employers")
        row["employer_id"] = next(codes)
        spec["employers"].append((row, None, column, raw, rule))
    # workers
    ids = iter(fresh_ids.tolist())
    _, row = donor("workers")
    row["id_number"] = _bad_check(np.array([next(ids)]), "0123456789X")[0]
    spec["workers"].append((row, None, "id_number", keep, "id_number"))
    for column, raw, rule in (
        ("start_date", "去年三月", "bad_date"),
        ("start_date", f"{year}年2月30日", "impossible_date"),
        ("project_id", f"XM{year}-8888", "reference"),
        ("wage_basis", "计件", "enum"),
    ):
        _, row = donor("workers")
        row["id_number"] = next(ids)
        spec["workers"].append((row, None, column, raw, rule))
    _, row = donor("workers")
    row["id_number"] = next(ids)
    row["end_date"] = row["start_date"] - pd.Timedelta(days=10)
    spec["workers"].append((row, None, "end_date", keep, "compare"))
    # payroll
    for column, raw, rule in (
        ("month", "上个月", "bad_month"),
        ("days_worked", 35, "range"),
        ("days_worked", "全勤", "bad_number"),
    ):
        _, row = donor("payroll", t["payroll"]["pay_method"] == "银行代发")
        spec["payroll"].append((row, None, column, raw, rule))
    _, row = donor("payroll", t["payroll"]["pay_method"] == "银行代发")
    row["id_number"] = next(ids)
    spec["payroll"].append((row, None, "id_number", keep, "reference"))
    # cases
    closed = t["cases"]["status"].isin(CLOSED_CASE_STATUSES)
    _, row = donor("cases", closed)
    row = new_case(row)
    row["amount_recovered"] = row["amount_involved"] + 1000
    spec["cases"].append((row, None, "amount_recovered", keep, "compare"))
    _, row = donor("cases", closed)
    row = new_case(row)
    row["closed_date"] = row["received_date"] - pd.Timedelta(days=5)
    row["filed_date"] = pd.NaT
    spec["cases"].append((row, None, "closed_date", keep, "compare"))
    _, row = donor("cases")
    spec["cases"].append((new_case(row), None, "respondent", None, "missing_value"))
    i, row = donor("cases")
    spec["cases"].append((row, i, "case_id", keep, "duplicate_key"))
    # publicity
    for column, raw, rule in (("quantity", -5, "range"), ("activity", "文艺演出", "enum")):
        _, row = donor("publicity")
        spec["publicity"].append((row, None, column, raw, rule))
    # self-inspections
    for column, raw, rule in (
        ("subject_id", f"XM{year}-7777", "reference"),
        ("reported_arrears_amount", "不详", "bad_money"),
    ):
        _, row = donor("self_inspections")
        spec["self_inspections"].append((row, None, column, raw, rule))
    return {name: [(*item, keep) for item in items] for name, items in spec.items()}


def _write_messy(sample: SampleCampaign, out: Path) -> list[dict[str, Any]]:
    """Write the messy copy; return the planted load errors with the rows a user sees."""
    rng = np.random.default_rng([sample.seed, sample.scale, sample.year, 7])
    specs = _error_rows(sample, rng)
    load_errors = []
    for table in TABLE_ORDER:
        frame = sample.tables[table]
        file_name, header_rows = _MESSY_FILES[table]
        excel = not file_name.endswith(".csv")
        cells = _messy_cells(table, frame, rng, excel)
        extras = specs[table]
        if extras:
            extra_frame = pd.DataFrame([row for row, *_ in extras]).reset_index(drop=True)
            for column in extra_frame.columns:
                extra_frame[column] = extra_frame[column].astype(frame[column].dtype)
            extra_cells = _messy_cells(table, extra_frame, rng, excel)
            for j, (_, _, column, raw, _, keep) in enumerate(extras):
                if raw is not keep:
                    extra_cells.loc[j, column] = raw
            positions = np.array(
                [
                    rng.integers(after + 1, len(frame) + 1)
                    if after is not None
                    else rng.integers(0, len(frame) + 1)
                    for _, after, *_ in extras
                ]
            )
            order = np.concatenate(
                [
                    np.arange(len(frame), dtype=float),
                    positions - 0.5 + np.arange(len(extras)) / 1000,
                ]
            )
            combined = pd.concat([cells, extra_cells], ignore_index=True)
            rank = np.argsort(order, kind="stable")
            cells = combined.iloc[rank].reset_index(drop=True)
            where = np.empty(len(order), dtype=np.int64)
            where[rank] = np.arange(len(order))
            for j, (_, _, column, _, rule, _) in enumerate(extras):
                value = cells.loc[where[len(frame) + j], column]
                load_errors.append(
                    {
                        "table": table,
                        "file": file_name,
                        "row": int(where[len(frame) + j]) + header_rows + 1,
                        "column": column,
                        "rule": rule,
                        "value": None if value is None else str(value),
                    }
                )
        headers = [
            {**_MESSY_HEADERS, **_MESSY_HEADERS_BY_TABLE.get(table, {})}.get(c.name, c.header)
            if table == "projects" or c.name in _MESSY_HEADERS_BY_TABLE.get(table, {})
            else c.header
            for c in TABLES[table].columns
        ]
        path = out / file_name
        title = f"{REGION}{TABLES[table].title}" if header_rows == 2 else None
        if file_name.endswith(".csv"):
            cells.columns = headers
            if _CSV_ENCODINGS[table] == "gbk":
                # GBK has no U+00A5; Chinese software writes the full-width ￥ instead.
                cells = cells.map(lambda v: v.replace("¥", "￥") if isinstance(v, str) else v)
            cells.to_csv(path, index=False, encoding=_CSV_ENCODINGS[table], lineterminator="\r\n")
        elif file_name.endswith(".xls"):
            _write_xls(path, headers, cells, title)
        else:
            _write_xlsx(path, headers, [cells[c].tolist() for c in cells.columns], title=title)
    return load_errors


def _write_xls(path: Path, headers: list[str], cells: pd.DataFrame, title: str | None) -> None:
    """Write an Excel 97 .xls (xlwt): optional merged title row, one header row."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    row = 0
    if title:
        sheet.write_merge(0, 0, 0, len(headers) - 1, title)
        row = 1
    for j, header in enumerate(headers):
        sheet.write(row, j, header)
    for i, values in enumerate(cells.itertuples(index=False), start=row + 1):
        for j, value in enumerate(values):
            if value is None or (isinstance(value, float) and value != value):
                continue
            if isinstance(value, dt.date):
                value = (value - dt.date(1899, 12, 30)).days
            sheet.write(i, j, value)
    book.save(str(path))
