"""The tables of a campaign folder, declared once: columns, Chinese headers, kinds and rules.

A *table* 台账 is one ledger file of the campaign folder (../CONTRACT.md section 1). Each column
has a canonical English name, the Chinese header offices write (header 表头) with its aliases, a
*kind* that says how a cell is parsed (text, money 金额, date 日期, month 月份, yes/no 是否, count
人数/数量, number), and whether it is required (必填). Rules that involve several columns or
tables (ranges, uniqueness, references) are declared here too; :mod:`wagekit.load` reads this
declaration and nothing else, so adding a header alias or a rule is a one-line change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Column",
    "CompareRule",
    "Reference",
    "Table",
    "TABLES",
    "TABLE_ORDER",
    "INVESTMENT_TYPES",
    "GOVERNMENT_INVESTMENT_TYPES",
    "SYSTEMS",
    "SYSTEM_LABELS",
    "SECTORS",
    "CASE_SOURCES",
    "CASE_STATUSES",
    "CLOSED_CASE_STATUSES",
    "PROJECT_STATUSES",
    "WAGE_BASES",
    "PAY_METHODS",
    "PUBLICITY_ACTIVITIES",
]

Kind = Literal[
    "text", "id_number", "uscc", "money", "date", "month", "bool", "count", "number", "enum"
]

INVESTMENT_TYPES = ("政府投资", "国有企业", "政府和社会资本合作", "社会投资")
GOVERNMENT_INVESTMENT_TYPES = ("政府投资", "国有企业", "政府和社会资本合作")
SECTORS = ("工程建设", "加工制造", "餐饮", "快递物流", "商贸", "教育培训", "医疗养老", "其他")
CASE_SOURCES = ("国家平台", "12345热线", "来信来访", "检查发现", "其他")
CASE_STATUSES = ("受理", "核查中", "已立案", "已结案", "已移送")
CLOSED_CASE_STATUSES = ("已结案", "已移送")
PROJECT_STATUSES = ("在建", "停工", "完工")
WAGE_BASES = ("日薪", "月薪")
PAY_METHODS = ("银行代发", "现金", "班组长代领")
PUBLICITY_ACTIVITIES = (
    "发放宣传资料",
    "现场咨询",
    "现场培训",
    "线上培训",
    "张贴海报",
    "悬挂标语",
    "宣传展板",
    "电子屏",
    "宣传片",
    "宣传短信",
    "广播电视",
    "微信推送",
    "微博",
    "其他",
)

# The seven systems 制度 a construction project must have, in the order reports list them.
SYSTEMS = (
    "real_name",
    "wage_account",
    "general_contractor_pays",
    "bank_payment",
    "wage_deposit",
    "notice_board",
    "monthly_payment",
)
SYSTEM_LABELS = {
    "real_name": "实名制管理",
    "wage_account": "工资专用账户",
    "general_contractor_pays": "总包代发工资",
    "bank_payment": "银行代发工资",
    "wage_deposit": "工资保证金",
    "notice_board": "维权信息公示牌",
    "monthly_payment": "按月足额支付",
}


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``header`` is the Chinese header of the official template; ``aliases`` are other headers
    offices use for it. ``choices`` lists the allowed values of an ``enum``; ``true_words``
    adds words that read as yes for a ``bool`` column (保函 for a wage deposit). ``low`` and
    ``high`` bound a number or count.
    """

    name: str
    header: str
    kind: Kind
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    true_words: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    unique: bool = False
    default: str | None = None


@dataclass(frozen=True)
class CompareRule:
    """``left <op> right`` must hold on every row where both sides are given."""

    left: str
    op: Literal["<=", ">="]
    right: str
    reason: str


@dataclass(frozen=True)
class Reference:
    """Values of ``column`` must be keys of one of the ``targets`` tables."""

    column: str
    targets: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Table:
    """A ledger of the campaign folder."""

    name: str
    title: str
    columns: tuple[Column, ...]
    key: str | None = None
    compare: tuple[CompareRule, ...] = ()
    references: tuple[Reference, ...] = ()
    file_names: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def stems(self) -> tuple[str, ...]:
        """File names (without extension) this table may be given as."""
        return (self.name, self.title, *self.file_names)


def _yes_no(name: str, header: str, required: bool = True, **kw) -> Column:
    return Column(name, header, "bool", required=required, **kw)


def _contact(person_alias: str) -> tuple[Column, Column]:
    """The optional contact of a project or employer: whom to call when they must be chased."""
    return (
        Column("contact_person", "联系人", "text", aliases=(person_alias,)),
        Column("contact_phone", "联系电话", "text"),
    )


PROJECTS = Table(
    name="projects",
    title="在建工程项目台账",
    key="project_id",
    file_names=("工程项目台账", "在建项目台账"),
    columns=(
        Column("project_id", "项目编号", "text", required=True, unique=True),
        Column("name", "项目名称", "text", required=True),
        Column("township", "属地", "text", required=True, aliases=("所属乡镇", "乡镇街道")),
        Column("department", "行业主管部门", "text", required=True, aliases=("主管部门",)),
        Column(
            "investment_type",
            "投资类型",
            "enum",
            required=True,
            aliases=("项目类型",),
            choices=INVESTMENT_TYPES,
        ),
        Column("contractor", "施工总承包单位", "text", required=True, aliases=("总承包单位",)),
        Column("contract_value", "合同金额", "money", required=True),
        Column("start_date", "开工日期", "date", required=True),
        Column("status", "项目状态", "enum", choices=PROJECT_STATUSES, default="在建"),
        _yes_no("real_name", "实名制管理", aliases=("实名制",)),
        _yes_no("wage_account", "工资专用账户", aliases=("农民工工资专用账户",)),
        _yes_no("general_contractor_pays", "总包代发工资", aliases=("总包代发",)),
        _yes_no("bank_payment", "银行代发工资", aliases=("银行代发",)),
        _yes_no("wage_deposit", "工资保证金", true_words=("保函",)),
        _yes_no("notice_board", "维权信息公示牌", aliases=("维权公示牌",)),
        _yes_no("monthly_payment", "按月足额支付", required=False, aliases=("按月足额发放",)),
        _yes_no("payment_guarantee", "工程款支付担保", required=False),
        Column("labor_cost_due", "应拨付人工费", "money"),
        Column("labor_cost_paid", "已拨付人工费", "money"),
        Column("arrears_amount", "欠薪金额", "money"),
        Column("arrears_workers", "欠薪人数", "count"),
        *_contact(person_alias="项目负责人"),
    ),
)

EMPLOYERS = Table(
    name="employers",
    title="用人单位台账",
    key="employer_id",
    columns=(
        Column(
            "employer_id",
            "统一社会信用代码",
            "uscc",
            required=True,
            unique=True,
            aliases=("信用代码", "社会信用代码"),
        ),
        Column("name", "单位名称", "text", required=True, aliases=("用人单位", "企业名称")),
        Column("sector", "行业", "enum", required=True, choices=SECTORS, aliases=("所属行业",)),
        Column("township", "属地", "text", required=True, aliases=("所属乡镇", "乡镇街道")),
        Column("employees", "职工人数", "count", required=True),
        Column("migrant_workers", "农民工人数", "count", required=True),
        Column("contracts_signed", "签订劳动合同人数", "count", required=True),
        Column("work_injury_insured", "工伤保险参保人数", "count"),
        Column("arrears_amount", "欠薪金额", "money"),
        Column("arrears_workers", "欠薪人数", "count"),
        *_contact(person_alias="负责人"),
    ),
    compare=(
        CompareRule("migrant_workers", "<=", "employees", "农民工人数不能多于职工人数"),
        CompareRule(
            "contracts_signed", "<=", "migrant_workers", "签订劳动合同人数不能多于农民工人数"
        ),
    ),
)

WORKERS = Table(
    name="workers",
    title="农民工花名册",
    key="id_number",
    file_names=("花名册",),
    columns=(
        Column(
            "id_number",
            "身份证号",
            "id_number",
            required=True,
            unique=True,
            aliases=("身份证号码", "公民身份号码"),
        ),
        Column("name", "姓名", "text", required=True),
        Column("project_id", "项目编号", "text", required=True),
        Column("team", "班组", "text"),
        _yes_no("contract_signed", "签订劳动合同"),
        Column("wage_basis", "计薪方式", "enum", required=True, choices=WAGE_BASES),
        Column("wage_rate", "工资标准", "money", required=True),
        Column("start_date", "进场日期", "date", required=True),
        Column("end_date", "退场日期", "date"),
    ),
    compare=(CompareRule("end_date", ">=", "start_date", "退场日期不能早于进场日期"),),
    references=(Reference("project_id", ("projects",), "在建工程项目台账中没有该项目编号"),),
)

PAYROLL = Table(
    name="payroll",
    title="工资发放记录",
    file_names=("工资支付台账", "工资发放台账"),
    columns=(
        Column("id_number", "身份证号", "text", required=True, aliases=("身份证号码",)),
        Column("project_id", "项目编号", "text", required=True),
        Column("month", "工资月份", "month", required=True, aliases=("月份",)),
        Column("days_worked", "出勤天数", "number", required=True, low=0, high=31),
        Column("wage_due", "应发工资", "money"),
        Column("wage_paid", "实发工资", "money", required=True),
        Column("pay_date", "发放日期", "date"),
        Column("pay_method", "发放方式", "enum", choices=PAY_METHODS),
    ),
    references=(
        Reference("id_number", ("workers",), "身份证号不在农民工花名册中"),
        Reference("project_id", ("projects",), "在建工程项目台账中没有该项目编号"),
    ),
)

CASES = Table(
    name="cases",
    title="欠薪线索及案件台账",
    key="case_id",
    file_names=("案件台账", "欠薪线索台账"),
    columns=(
        Column("case_id", "案件编号", "text", required=True, unique=True, aliases=("线索编号",)),
        Column("source", "线索来源", "enum", required=True, choices=CASE_SOURCES),
        Column("received_date", "受理日期", "date", required=True),
        Column("project_id", "项目编号", "text"),
        Column("respondent", "被投诉单位", "text", required=True, aliases=("被反映单位",)),
        Column(
            "investment_type", "投资类型", "enum", choices=INVESTMENT_TYPES, aliases=("项目类型",)
        ),
        Column("workers_involved", "涉及人数", "count", required=True),
        Column("amount_involved", "涉及金额", "money", required=True),
        Column("amount_recovered", "追回金额", "money"),
        Column("status", "办理状态", "enum", required=True, choices=CASE_STATUSES),
        Column("filed_date", "立案日期", "date"),
        Column("closed_date", "结案日期", "date"),
        _yes_no("transferred_police", "移送公安", required=False),
        _yes_no("blacklisted", "列入黑名单", required=False),
        Column("handler", "主办监察员", "text"),
    ),
    compare=(
        CompareRule("amount_recovered", "<=", "amount_involved", "追回金额不能大于涉及金额"),
        CompareRule("closed_date", ">=", "received_date", "结案日期不能早于受理日期"),
    ),
)

PUBLICITY = Table(
    name="publicity",
    title="宣传活动记录",
    file_names=("宣传活动台账",),
    columns=(
        Column("date", "日期", "date", required=True, aliases=("活动日期",)),
        Column("township", "属地", "text", required=True, aliases=("所属乡镇", "乡镇街道")),
        Column("unit", "开展单位", "text", required=True),
        Column("activity", "活动类型", "enum", required=True, choices=PUBLICITY_ACTIVITIES),
        Column("quantity", "数量", "count", required=True),
        Column("participants", "参与人次", "count"),
    ),
)

SELF_INSPECTIONS = Table(
    name="self_inspections",
    title="自查情况表",
    file_names=("自查自纠情况表",),
    columns=(
        Column(
            "subject_id",
            "项目编号或统一社会信用代码",
            "text",
            required=True,
            aliases=("项目编号/统一社会信用代码", "主体编号"),
        ),
        Column("submitted_date", "提交日期", "date", required=True),
        Column("reported_arrears_amount", "自报欠薪金额", "money", required=True),
        Column("reported_arrears_workers", "自报欠薪人数", "count", required=True),
        _yes_no("rectified", "已整改", required=False),
    ),
    references=(
        Reference(
            "subject_id",
            ("projects", "employers"),
            "项目编号或统一社会信用代码在项目台账和用人单位台账中都不存在",
        ),
    ),
)

TABLE_ORDER = (
    "projects",
    "employers",
    "workers",
    "payroll",
    "cases",
    "publicity",
    "self_inspections",
)
TABLES: dict[str, Table] = {
    t.name: t for t in (PROJECTS, EMPLOYERS, WORKERS, PAYROLL, CASES, PUBLICITY, SELF_INSPECTIONS)
}
