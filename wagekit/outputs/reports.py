"""Reports 报告: the final summary, the weekly report and the daily 零报告 roll-up, as Word files.

Every figure is read from the summary of the day (CONTRACT section 3) or from the tables the
dashboard shows (:mod:`wagekit.tables`), never counted again here, so a report equals ``wagekit
summary --json``. Amounts, rates and days are written by :mod:`wagekit.outputs.formats`.

- The *final report* 工作总结 has the five parts of the offices' own summaries: 基本情况 (the
  subjects, arrears and tiers), 主要做法 (publicity, self-inspection, inspections and orders),
  工作成效 (cases closed and recovered, 两清零, the systems, 销号 since the baseline), 存在问题
  (drafted from the figures: the weakest system, overdue cases, the serious tier, lapsed 两清零
  deadlines, the most frequent findings, underfunded labour costs, unreturned forms, cases at the
  criminal standard) and 下一步打算 (one line per problem, marked for the office to revise).
- The *weekly report* 周报 is the weekly 调度会's paper: this week against the last, 两清零
  progress and the days left, the serious-risk subjects one by one with their open cases and
  orders, 销号 since the baseline and the lagging townships.
- The *daily report* 零报告日报 rolls up the township reports of one day: who reported (and
  when), who has not, incidents and new clues.

What only the office can write (its name, the measures it took, its judgements) is a fill-in
mark 【请填写：…】, highlighted; a sentence wagekit drafts from the figures for the office to
revise ends with 【请核改】. Charts are drawn with a Chinese font (:mod:`wagekit.fonts`) and
embedded as pictures; without such a font the report says so instead of printing boxes.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from wagekit.assessment import Assessment
from wagekit.checklist import CHECKLIST_LABELS
from wagekit.daily import STATUS_LABELS, daily_rollup
from wagekit.labels import TIER_LABELS
from wagekit.outputs import DOCX, OutputError, OutputFile
from wagekit.outputs.formats import UNKNOWN, chinese_date, count, percent, wan_yuan, yuan
from wagekit.outputs.word import (
    add_heading,
    add_paragraph,
    add_picture,
    add_table,
    add_title,
    document_bytes,
    fill_in,
    new_document,
)
from wagekit.schema import SYSTEM_LABELS, SYSTEMS
from wagekit.store.records import ORDER_KINDS
from wagekit.tables import cases_by_week, ranking, serious_subjects
from wagekit.weekly import LAGGING_HEADERS, lagging_townships, serious_with_decisions
from wagekit.year_on_year import YEAR_ON_YEAR_HEADERS, previous_summary, year_on_year

__all__ = ["REPORT_KINDS", "REVISE", "problems", "report_file"]

REPORT_KINDS = ("final", "weekly", "daily")
REVISE = "【请核改】"


# ------------------------------------------------------------------------------------- charts


def _chart(draw: Callable[[Any], None], size: tuple[float, float] = (7.0, 3.2)) -> bytes | None:
    """A chart as PNG bytes, or None when no Chinese font is available."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from wagekit.fonts import register_cjk_font

    if not register_cjk_font().ok:
        return None
    figure = Figure(figsize=size, dpi=150)
    FigureCanvasAgg(figure)
    draw(figure.add_subplot())
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _systems_chart(summary: Mapping[str, Any]) -> bytes | None:
    systems = summary["projects"]["systems"]
    labels = [SYSTEM_LABELS[s] for s in SYSTEMS]
    rates = [(systems[s]["rate"] or 0) * 100 for s in SYSTEMS]

    def draw(ax: Any) -> None:
        bars = ax.barh(labels, rates, color="#3b7dd8")
        ax.bar_label(bars, labels=[percent(r / 100) for r in rates], padding=2, fontsize=8)
        ax.set_xlim(0, 115)
        ax.invert_yaxis()
        ax.set_xlabel("覆盖率（%）")
        ax.set_title("七项制度落实情况")

    return _chart(draw)


def _trend_chart(assessment: Assessment, weeks: int | None = None) -> bytes | None:
    table = cases_by_week(assessment)
    if table.empty:
        return None
    if weeks:
        table = table.tail(weeks)

    def draw(ax: Any) -> None:
        days = table["week"].dt.strftime("%m-%d")
        ax.plot(days, table["received"], marker="o", markersize=3, label="受理")
        ax.plot(days, table["closed"], marker="s", markersize=3, label="办结")
        ax.set_ylabel("案件数（起）")
        ax.set_xlabel("周（周一）")
        ax.legend(loc="upper left")
        ax.grid(alpha=0.3)
        ax.tick_params(axis="x", labelrotation=45, labelsize=7)
        ax.set_title("案件受理与办结（按周）")

    return _chart(draw)


def _picture(document: Any, png: bytes | None, para: Callable[..., Any]) -> None:
    if png is None:
        para(
            "（未找到中文字体，图表未生成；安装 fonts-noto-cjk 或 fonts-wqy-microhei 后重新生成。）"
        )
    else:
        add_picture(document, png)


# ---------------------------------------------------------------------------------- sentences


def _upto(frame: pd.DataFrame, column: str, as_of: Any) -> pd.DataFrame:
    if frame.empty:
        return frame
    return frame[pd.to_datetime(frame[column]) <= pd.Timestamp(as_of)]


def _orders_text(assessment: Assessment) -> str:
    orders = _upto(assessment.records.orders, "issued", assessment.as_of)
    if orders.empty:
        return "工作区中尚未登记执法文书"
    counts = orders["kind"].value_counts()
    parts = [f"{kind}{counts[kind]}份" for kind in ORDER_KINDS if kind in counts]
    return "登记" + "、".join(parts)


def _weakest_system(summary: Mapping[str, Any]) -> tuple[str, dict] | None:
    systems = summary["projects"]["systems"]
    rated = [(s, v) for s, v in systems.items() if v["rate"] is not None]
    if not rated:
        return None
    system, value = min(rated, key=lambda item: item[1]["rate"])
    return (SYSTEM_LABELS[system], value) if value["rate"] < 1 else None


def problems(assessment: Assessment, summary: Mapping[str, Any]) -> list[str]:
    """The problems a report names, drafted from the figures, most pressing first.

    Each is one sentence of facts (no judgement): the serious tier, the 两清零 deadlines passed
    or near with cases open, overdue cases, the weakest system, the most frequent findings
    recorded on site, underfunded labour costs, unreturned or mismatched self-inspection forms
    and subjects at the criminal amount standard.
    """
    found: list[str] = []
    risk, cases = summary["risk"], summary["cases"]
    if risk["serious"]:
        serious = serious_subjects(assessment, assessment.records.orders)
        names = "、".join(serious["name"].head(3))
        more = "等" if len(serious) > 3 else ""
        owed = wan_yuan(serious["arrears_amount"].sum())
        found.append(
            f"严重欠薪项目和用人单位仍有{risk['serious']}个（{names}{more}），合计欠薪{owed}。"
        )
    two_zero = cases["two_zero"]
    for klass, label in (("government", "政府投资类项目"), ("others", "其他项目")):
        still, left = two_zero.get(f"{klass}_open"), two_zero.get(f"{klass}_days_left")
        if not still or left is None:
            continue
        deadline = chinese_date(two_zero[f"{klass}_deadline"])
        if left < 0:
            found.append(f"{label}两清零时限（{deadline}）已过{-left}天，仍有{still}起案件未办结。")
        elif left <= 30:
            found.append(
                f"距{label}两清零时限（{deadline}）仅剩{left}天，仍有{still}起案件未办结。"
            )
    if cases["overdue_open"]:
        late = f"，另有{cases['closed_late']}起超期办结" if cases["closed_late"] else ""
        found.append(f"超期未办结案件{cases['overdue_open']}起{late}。")
    weakest = _weakest_system(summary)
    if weakest:
        label, value = weakest
        total = summary["projects"]["total"]
        found.append(
            f"七项制度中{label}落实率最低，为{percent(value['rate'])}，"
            f"{total - value['count']}个项目未落实。"
        )
    findings = assessment.records.findings
    if not findings.empty:
        top = findings["code"].value_counts().head(3)
        named = "、".join(f"{CHECKLIST_LABELS.get(c, c)}不合格{n}处" for c, n in top.items())
        found.append(f"现场检查发现问题较多的是：{named}。")
    labor = summary["projects"]["labor_cost"]
    if labor["underfunded"]:
        found.append(
            f"人工费未拨付或拨付不足的项目{labor['underfunded']}个，"
            f"占{percent(labor['rate'])}，差额{wan_yuan(labor['shortfall'])}。"
        )
    si = summary["self_inspection"]
    if si["missing"] or si["mismatched"]:
        found.append(
            f"自查自纠应提交{si['expected']}个，未提交{si['missing'] or 0}个，"
            f"自报欠薪与核算不符{si['mismatched'] or 0}个。"
        )
    escalation = summary["escalation"]
    if escalation["criminal_threshold_met"]:
        ignored = escalation["order_ignored"]
        lapsed = f"，其中限期整改指令书逾期未履行{ignored}个" if ignored else ""
        found.append(
            f"欠薪达到拒不支付劳动报酬罪数额标准的项目和用人单位"
            f"{escalation['criminal_threshold_met']}个{lapsed}。"
        )
    return found


def _tiers_text(risk: Mapping[str, Any]) -> str:
    return (
        f"{TIER_LABELS['serious']}{count(risk['serious'], '个')}、"
        f"{TIER_LABELS['general']}{count(risk['general'], '个')}、"
        f"{TIER_LABELS['none']}{count(risk['none'], '个')}，"
        f"无欠薪比例{percent(risk['no_arrears_rate'])}"
    )


def _cleared_text(risk: Mapping[str, Any]) -> str | None:
    baseline, cleared = risk.get("baseline"), risk.get("cleared")
    if not baseline:
        return None
    return (
        f"以{chinese_date(baseline['as_of'])}登记的风险底数为基准，底数中一般欠薪"
        f"{baseline['general']}个、严重欠薪{baseline['serious']}个，已销号一般欠薪"
        f"{cleared['general']}个、严重欠薪{cleared['serious']}个；目前一般欠薪{risk['general']}个、"
        f"严重欠薪{risk['serious']}个，无欠薪比例由{percent(baseline['no_arrears_rate'])}"
        f"变为{percent(risk['no_arrears_rate'])}。"
    )


def _two_zero_text(two_zero: Mapping[str, Any]) -> str:
    parts = []
    for klass, label in (("government", "政府投资类项目"), ("others", "其他项目")):
        left = two_zero.get(f"{klass}_days_left")
        deadline = chinese_date(two_zero.get(f"{klass}_deadline"))
        still = two_zero.get(f"{klass}_open")
        when = (
            f"距时限（{deadline}）还有{left}天"
            if left is not None and left >= 0
            else f"时限（{deadline}）已过{-left}天"
            if left is not None
            else f"时限{deadline}"
        )
        parts.append(f"{label}未结{count(still, '起')}，{when}")
    return "；".join(parts) + "。"


# ------------------------------------------------------------------------------ year on year


@dataclass(frozen=True)
class Previous:
    """The previous campaign named in campaign.toml, as the final report compares with it.

    ``summary`` is its summary on the comparable day 同期; when the folder could not be read it
    is None and ``problem`` says why, in Chinese.
    """

    summary: Mapping[str, Any] | None
    problem: str = ""


def _previous(assessment: Assessment, store: Any) -> Previous | None:
    """The previous campaign's figures, or None when campaign.toml names none."""
    from wagekit.config import ConfigError
    from wagekit.load import CampaignError

    try:
        before = previous_summary(assessment.config, assessment.as_of, store=store)
    except (CampaignError, ConfigError, OSError) as error:
        return Previous(None, f"campaign.toml 中 previous 指定的上一次行动无法读取（{error}）")
    return None if before is None else Previous(before)


def _signed(change: Any, shown: Callable[[Any], str]) -> str:
    if change is None or pd.isna(change):
        return UNKNOWN
    sign = "+" if change > 0 else ("−" if change < 0 else "")
    return sign + shown(abs(change)) if change else "持平"


def _points(rate: Any) -> str:
    return percent(rate).removesuffix("%") + "个百分点"


def _year_on_year_rows(current: Mapping[str, Any], before: Mapping[str, Any]) -> list[tuple]:
    """The 同比 table's rows: amounts in 万元, rates in % and their change in 个百分点."""
    rows = []
    for row in year_on_year(current, before).itertuples(index=False):
        label, shown, moved = row.figure, count, count
        if label.endswith("（元）"):
            label = label.removesuffix("（元）") + "（万元）"
            shown = moved = functools.partial(wan_yuan, unit="")
        elif row.key.endswith("_rate"):
            shown, moved = percent, _points
        relative = _signed(row.change_rate, percent)
        rows.append(
            (label, shown(row.current), shown(row.previous), _signed(row.change, moved), relative)
        )
    return rows


def _year_on_year_section(
    document: Any,
    s: Mapping[str, Any],
    previous: Previous,
    para: Callable[..., Any],
    masked: bool,
) -> None:
    before = previous.summary
    if before is None:
        para(f"（五）同比情况。{previous.problem}，本报告未列同比。")
        return
    para(
        f"（五）同比情况。与上一次行动（{before['campaign']['name']}）同期"
        f"（统计截至{chinese_date(before['campaign']['as_of'])}）相比，主要指标如下："
    )
    add_table(
        document,
        tuple(YEAR_ON_YEAR_HEADERS.values()),
        _year_on_year_rows(s, before),
        widths=(4.6, 2.8, 2.8, 3.2, 2.6),
        masked=masked,
    )


# ------------------------------------------------------------------------------------ reports


def _final(
    document: Any,
    assessment: Assessment,
    s: Mapping[str, Any],
    masked: bool,
    previous: Previous | None = None,
) -> None:
    para = functools.partial(add_paragraph, document, masked=masked)
    config = assessment.config
    p, e, arrears, risk, c = s["projects"], s["employers"], s["arrears"], s["risk"], s["cases"]
    add_title(document, f"{config.region}{config.name}工作总结")
    para(f"（统计截至{chinese_date(assessment.as_of)}）", indent=False, align="center")
    para(
        f"根据{fill_in('上级部署文件名称及文号')}要求，{config.region}于{chinese_date(config.start)}"
        f"起开展{config.name}。现将工作开展情况总结如下："
    )
    add_heading(document, "一、基本情况")
    if p["total"] is not None:
        by_type = "、".join(f"{t}{n}个" for t, n in p["by_investment_type"].items() if n)
        para(f"{config.region}纳入台账的在建工程项目{p['total']}个，其中{by_type}。")
    if e["total"] is not None:
        para(
            f"排查用人单位{e['total']}家，涉及职工{count(e['employees'], '人')}，其中农民工"
            f"{count(e['migrant_workers'], '人')}，签订劳动合同"
            f"{count(e['contracts_signed'], '人')}，"
            f"签订率{percent(e['contract_rate'])}。"
        )
    if arrears["amount"] is not None:
        projects = f"存在欠薪的项目{arrears['projects']}个，" if arrears["projects"] else ""
        para(
            f"经排查，{projects}涉及农民工{count(arrears['workers'], '人')}，欠薪金额"
            f"{wan_yuan(arrears['amount'])}；按风险分级，{_tiers_text(risk)}。"
        )
    add_heading(document, "二、主要做法")
    pub = s["publicity"]
    if pub["events"] is not None:
        done = "、".join(
            f"{name}{v['quantity']}"
            for name, v in (pub["by_activity"] or {}).items()
            if v["quantity"]
        )
        para(
            f"（一）集中宣传。开展宣传活动{pub['events']}次，参与"
            f"{count(pub['participants'], '人次')}" + (f"，其中{done}" if done else "") + "。"
        )
    si = s["self_inspection"]
    if si["submitted"] is not None:
        para(
            f"（二）自查自纠。应提交自查情况表{si['expected']}个，已提交{si['submitted']}个，"
            f"未提交{si['missing']}个，自报与核算不符{si['mismatched']}个。"
        )
    inspections = _upto(assessment.records.inspections, "visit_date", assessment.as_of)
    visited = inspections["subject_id"].nunique() if not inspections.empty else 0
    para(
        f"（三）执法检查。现场检查{len(inspections)}次、覆盖{visited}个项目和用人单位；"
        f"{_orders_text(assessment)}；移送公安{count(c['transferred_police'], '起')}，"
        f"列入黑名单{count(c['blacklisted'], '起')}。"
    )
    para(f"（四）{fill_in('组织领导、部门联动、长效机制等其他做法')}")
    add_heading(document, "三、工作成效")
    if c["received"] is not None:
        para(
            f"（一）案件办理。受理欠薪线索{c['received']}起，办结{c['closed']}起，办结率"
            f"{percent(c['closure_rate'])}；涉及农民工{count(c['workers_involved'], '人')}、金额"
            f"{wan_yuan(c['amount_involved'])}，为农民工追回工资{wan_yuan(c['amount_recovered'])}。"
        )
        para(f"（二）两清零。{_two_zero_text(c['two_zero'])}")
        _picture(document, _trend_chart(assessment), para)
    if p["total"] is not None:
        systems = "，".join(
            f"{SYSTEM_LABELS[k]}{v['count']}个（{percent(v['rate'])}）"
            for k, v in p["systems"].items()
        )
        para(
            f"（三）制度落实。{systems}；七项制度全部落实{p['all_systems']['count']}个，"
            f"占{percent(p['all_systems']['rate'])}。"
        )
        _picture(document, _systems_chart(s), para)
    cleared = _cleared_text(risk)
    para(f"（四）销号管理。{cleared or '尚未登记风险底数（wagekit baseline），无法统计销号。'}")
    if previous is not None:
        _year_on_year_section(document, s, previous, para, masked)
    add_heading(document, "四、存在问题")
    found = problems(assessment, s)
    for number, text in enumerate(found, start=1):
        para(f"{number}. {text}")
    para(f"{len(found) + 1}. {fill_in('其他问题及原因分析')}")
    add_heading(document, "五、下一步打算")
    para("以下条目根据上述问题生成，请结合实际核改：", indent=True)
    for number, text in enumerate(found, start=1):
        para(f"（{number}）针对“{text.rstrip('。')}”，{fill_in('措施、责任单位和完成时限')}。")
    para(f"（{len(found) + 1}）{fill_in('其他工作安排')}")
    _tables_appendix(document, assessment, masked)
    para()
    para(config.office.name or fill_in("单位名称"), indent=False, align="right")
    para(chinese_date(assessment.as_of), indent=False, align="right")


def _ranking_rows(assessment: Assessment, top: int) -> list[tuple]:
    table = ranking(assessment, "township").head(top)
    return [
        (
            row.rank,
            row.township,
            count(getattr(row, "projects", None)),
            count(getattr(row, "cases_received", None)),
            count(getattr(row, "cases_open", None)),
            count(getattr(row, "overdue", None)),
            percent(getattr(row, "closure_rate", None)),
            wan_yuan(getattr(row, "arrears_amount", None)),
        )
        for row in table.itertuples(index=False)
    ]


_RANKING_HEADER = ("排名", "属地", "项目数", "受理案件", "未办结", "超期", "办结率", "欠薪金额")


def _tables_appendix(document: Any, assessment: Assessment, masked: bool) -> None:
    rows = _ranking_rows(assessment, top=15)
    if rows:
        add_heading(document, "附表：各属地情况（按未办结案件由多到少排列）", level=2)
        add_table(document, _RANKING_HEADER, rows, masked=masked)


def _week_row(label: str, now: Any, before: Any, money: bool = False) -> tuple:
    if now is None or before is None:
        return (label, UNKNOWN, UNKNOWN, UNKNOWN)
    shown = yuan if money else functools.partial(count, unit="起")
    return (label, shown(now), shown(before), _signed(now - before, shown))


def _weekly(document: Any, assessment: Assessment, s: Mapping[str, Any], masked: bool) -> None:
    para = functools.partial(add_paragraph, document, masked=masked)
    config, week, c, risk = assessment.config, s["week"], s["cases"], s["risk"]
    add_title(document, f"{config.region}根治欠薪工作周报")
    para(
        f"（{chinese_date(week['from'])}至{chinese_date(week['to'])}，第{fill_in('期数')}期）",
        indent=False,
        align="center",
    )
    add_heading(document, "一、本周进展")
    previous = week["previous"]
    if week["received"] is None:
        para("未提供欠薪线索及案件台账，无法统计本周案件。")
    else:
        para(
            f"本周受理欠薪线索{week['received']}起（上周{previous['received']}起），办结"
            f"{week['closed']}起（上周{previous['closed']}起），追回工资"
            f"{yuan(week['amount_recovered'])}（上周{yuan(previous['amount_recovered'])}）。"
            f"累计受理{c['received']}起、办结{c['closed']}起，办结率{percent(c['closure_rate'])}，"
            f"超期未办结{count(c['overdue_open'], '起')}。"
        )
        add_table(
            document,
            ("指标", "本周", "上周", "增减"),
            [
                _week_row("受理线索", week["received"], previous["received"]),
                _week_row("办结案件", week["closed"], previous["closed"]),
                _week_row(
                    "追回工资",
                    week["amount_recovered"],
                    previous["amount_recovered"],
                    money=True,
                ),
            ],
            masked=masked,
        )
        _picture(document, _trend_chart(assessment, weeks=8), para)
    add_heading(document, "二、两清零进度")
    para(_two_zero_text(c["two_zero"]))
    add_heading(document, "三、严重欠薪项目逐个调度")
    serious = serious_with_decisions(assessment)
    if serious.empty:
        para("目前没有严重欠薪的项目和用人单位。")
    for number, row in enumerate(serious.itertuples(index=False), start=1):
        workers = count(row.arrears_workers, "人") if pd.notna(row.arrears_workers) else UNKNOWN
        open_cases = row.open_case_ids or "无"
        orders = row.orders or "尚未下达"
        decided = f"最近登记：{row.decided}。" if row.decided else ""
        para(
            f"{number}. {row.name}（{row.subject_kind}，{row.subject_id}，{row.township}，"
            f"{row.department if isinstance(row.department, str) else '—'}）：欠薪"
            f"{yuan(row.arrears_amount)}、{workers}；未办结案件：{open_cases}；执法文书：{orders}。"
            f"{decided}调度意见：{fill_in('本周调度意见、责任人和时限')}"
        )
    add_heading(document, "四、销号情况")
    para(
        _cleared_text(risk)
        or f"尚未登记风险底数（wagekit baseline），无法统计销号；目前{_tiers_text(risk)}。"
    )
    add_heading(document, "五、进度滞后的属地")
    lagging = lagging_townships(assessment)
    if lagging.empty:
        para("各属地均无未办结案件。")
    else:
        para("按未办结案件、超期案件由多到少，进度滞后的属地如下：")
        rows = [
            (
                row.township,
                count(row.cases_received),
                count(row.cases_open),
                count(row.overdue),
                percent(row.closure_rate),
            )
            for row in lagging.itertuples(index=False)
        ]
        add_table(document, tuple(LAGGING_HEADERS.values()), rows, masked=masked)
    add_heading(document, "六、存在问题和下周安排")
    for number, text in enumerate(problems(assessment, s), start=1):
        para(f"{number}. {text}")
    para(fill_in("下周工作安排"))


def _daily_row(row: Any) -> tuple:
    """A township's line of the day (a row of :func:`wagekit.daily.daily_rollup`)."""
    note = row.note if isinstance(row.note, str) else ""
    if row.status == "missing":
        return (row.township, STATUS_LABELS["missing"], "", "", "", note)
    at = f"{row.reported_at:%H:%M}" + ("（16时后）" if row.late else "")
    incidents, new_cases = count(row.incidents, "起"), count(row.new_cases, "条")
    return (row.township, STATUS_LABELS[row.status], incidents, new_cases, at, note)


def _daily(document: Any, assessment: Assessment, s: Mapping[str, Any], masked: bool) -> None:
    para = functools.partial(add_paragraph, document, masked=masked)
    config, daily = assessment.config, s.get("daily_reports")
    add_title(document, f"{config.region}根治欠薪零报告日报")
    para(f"（{chinese_date(assessment.as_of)}，截至16时）", indent=False, align="center")
    if daily is None:
        para("本活动尚未登记任何每日零报告（wagekit daily）。")
        return
    missing = "、".join(daily["missing"]) or "无"
    para(
        f"应报属地{daily['townships']}个，已报{daily['reported']}个，其中零报告{daily['zero']}个；"
        f"未报{len(daily['missing'])}个：{missing}。当日报告突发事件{daily['incidents']}起。"
    )
    rows = [_daily_row(row) for row in daily_rollup(assessment).itertuples(index=False)]
    add_table(
        document,
        ("属地", "报告情况", "突发事件", "新增线索", "报告时间", "情况说明"),
        rows,
        widths=(2.6, 2.0, 1.8, 1.8, 2.2, 5.2),
        masked=masked,
    )
    para(f"处置情况：{fill_in('对突发事件和未报告属地的处置情况')}")


_BUILDERS = {"final": _final, "weekly": _weekly, "daily": _daily}
_NAMES = {"final": "工作总结", "weekly": "周报", "daily": "零报告日报"}


def report_file(
    kind: str,
    assessment: Assessment,
    summary: Mapping[str, Any],
    *,
    masked: bool = True,
    store: Any = None,
) -> OutputFile:
    """The report of ``kind`` (final, weekly or daily) as a .docx on A4.

    ``summary`` is :func:`wagekit.summary.figures` of ``assessment``; ID numbers and bank
    accounts in any text are masked unless ``masked`` is false. When campaign.toml names the
    previous campaign, the final report compares the main figures with it (同比), read with
    ``store`` (an open :class:`wagekit.store.Store`; default: the workspace in use).
    """
    if kind not in _BUILDERS:
        raise OutputError(f"未知的报告类型：{kind}（可选 final、weekly、daily）")
    document = new_document()
    extra = {"previous": _previous(assessment, store)} if kind == "final" else {}
    _BUILDERS[kind](document, assessment, summary, masked, **extra)
    day = assessment.as_of.isoformat()
    return OutputFile(f"{_NAMES[kind]}_{day}.docx", document_bytes(document), DOCX)
