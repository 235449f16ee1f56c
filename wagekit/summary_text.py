"""The summary as Chinese text 中文汇总, in the style of the offices' reports (amounts in 万元)."""

from __future__ import annotations

import datetime as dt

from wagekit.checks.publicity import ACTIVITY_UNITS
from wagekit.config import PHASE_LABELS
from wagekit.labels import TIER_LABELS, TWO_ZERO_LABELS
from wagekit.schema import SYSTEM_LABELS

__all__ = ["format_summary"]

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
        f"{TIER_LABELS['serious']}{risk['serious']}个、{TIER_LABELS['general']}{risk['general']}个、"
        f"{TIER_LABELS['none']}{risk['none']}个，"
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
            f"两清零：{TWO_ZERO_LABELS['government']}未结{c['two_zero']['government_open']}起，"
            f"{TWO_ZERO_LABELS['others']}未结{c['two_zero']['others_open']}起。"
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
    rate = si["submitted"] / si["expected"] if si["expected"] else None
    return [
        f"七、自查自纠：应提交{si['expected']}个，已提交{si['submitted']}个，"
        f"提交率{_pct(rate)}，未提交{si['missing']}个，"
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
