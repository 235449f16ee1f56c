"""Home 首页: where the campaign stands, what to do next, and a link to every app.

The home app shows the summary of the campaign on the day of the figures (the base's
assessment of the campaign as recorded): its *phase* 阶段, the days left to each 两清零
deadline, today's *零报告* (townships reported and not yet reported, ``daily_reports``), the
open cases past their deadline 超期未办结 apart from those closed late 超期办结, and *next
steps* 下一步: what the figures ask for, each with a link to the app where it is done. Below,
the campaign picker with its load report (rejected rows with file, row, column and reason) and
the campaign's phases with their dates. The campaign loaded here is the one every app opens.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from wagekit.config import PHASE_LABELS
from wagekit.labels import TWO_ZERO_LABELS

from ..components.download import DownloadButton
from ..runtime.context import app_as_of, app_store
from .base import App, AppModel

__all__ = ["APP_LINKS", "HomeApp", "HomeModel", "next_steps"]

# Notebook, title, what it is for: the apps the home page links to, in campaign order.
APP_LINKS: tuple[tuple[str, str, str], ...] = (
    ("01_publicity.ipynb", "集中宣传", "各属地、各类型、每周的宣传活动统计，登记新的宣传活动"),
    ("02_self_inspection.ipynb", "自查自纠", "自查表提交情况、自报不符，七项制度落实情况"),
    ("03_enforcement.ipynb", "执法检查与处置", "检查清单、现场检查、执法文书、案件办理与两清零"),
    ("04_summary.ipynb", "总结", "联席会议看板：指标卡、趋势、排名、导出台账和总结报告"),
    ("05_training.ipynb", "业务培训", "用示例县的数据一步步学习，并做练习题"),
    ("06_rhythm.ipynb", "调度与考核", "每日零报告、周调度、两清零倒计时、升级处置、销号、属地评分"),
)


class HomeModel(AppModel):
    """State of the home app: the base's summary and the phase of the day."""

    phase = traitlets.Unicode("", help="Phase of the campaign on as_of (publicity … after).")


def next_steps(summary: dict) -> list[tuple[str, str]]:
    """What the figures ask for, most urgent first: ``(text, notebook)`` pairs."""
    steps: list[tuple[str, str]] = []
    cases = summary["cases"]
    two_zero = cases["two_zero"]
    for klass in ("government", "others"):
        left, still_open = two_zero.get(f"{klass}_days_left"), two_zero.get(f"{klass}_open")
        if left is not None and left < 0 and still_open:
            steps.append(
                (
                    f"{TWO_ZERO_LABELS[klass]}两清零时限已过 {-left} 天，仍有 {still_open} 起未结，"
                    "请逐案督办",
                    "03_enforcement.ipynb",
                )
            )
    daily = summary.get("daily_reports")
    if daily and daily["missing"]:
        steps.append(
            (
                f"今日还有 {len(daily['missing'])} 个属地未报送零报告："
                + "、".join(daily["missing"][:8])
                + ("等" if len(daily["missing"]) > 8 else ""),
                "06_rhythm.ipynb",
            )
        )
    if cases["overdue_open"]:
        steps.append((f"{cases['overdue_open']} 起案件超期未办结，请督办", "03_enforcement.ipynb"))
    escalation = summary["escalation"]
    if escalation["order_ignored"]:
        steps.append(
            (
                f"{escalation['order_ignored']} 个对象逾期未履行限期整改指令书且达到拒不支付"
                "劳动报酬罪数额标准，可启动黑名单事先告知和移送公安",
                "03_enforcement.ipynb",
            )
        )
    si = summary["self_inspection"]
    if si["missing"]:
        steps.append((f"{si['missing']} 个主体未提交自查表，请催报", "02_self_inspection.ipynb"))
    if si["mismatched"]:
        steps.append(
            (
                f"{si['mismatched']} 个主体自报与台账核算不符，可列入执法检查清单",
                "02_self_inspection.ipynb",
            )
        )
    if summary["risk"]["serious"]:
        steps.append(
            (f"{summary['risk']['serious']} 个严重风险对象，安排现场检查", "03_enforcement.ipynb")
        )
    return steps


def _phase_rows(config: Any, as_of: dt.date) -> str:
    current = config.phase_on(as_of)
    rows = []
    for name, (first, last) in config.phases.items():
        mark = " style='background:#e8f4ff;font-weight:600'" if name == current else ""
        rows.append(
            f"<tr{mark}><td>{html.escape(PHASE_LABELS.get(name, name))}</td>"
            f"<td>{first:%Y-%m-%d}</td><td>{last:%Y-%m-%d}</td></tr>"
        )
    return (
        "<table class='wagekit-datatable wk-phases'><tr><th>阶段</th><th>开始</th><th>结束</th>"
        "</tr>" + "".join(rows) + "</table>"
    )


def _office_line(office: Any) -> str:
    """Who the documents are issued by, as campaign.toml ``[office]`` declares it."""
    if not office.name:
        return (
            "<p class='wk-office'>文书落款：<b>未设置</b>（在 campaign.toml 的 [office] 中填写"
            "发文机关名称、文号前缀、联系人和电话，打印的文书即自动填入；未填写的留待手写）</p>"
        )
    parts = [f"文书落款：<b>{html.escape(office.name)}</b>"]
    if office.number_prefix:
        parts.append(f"文号：{html.escape(office.number_prefix)}〔年份〕第N号")
    if office.contact or office.phone:
        parts.append(f"联系人：{html.escape(f'{office.contact} {office.phone}'.strip())}")
    if office.police:
        parts.append(f"移送：{html.escape(office.police)}")
    return "<p class='wk-office'>" + "　·　".join(parts) + "</p>"


class HomeApp(App):
    """The home page of the workbook.

    Parameters
    ----------
    campaign
        An already loaded campaign (tests); by default the picker loads the chosen folder.
    folder
        Folder to open (default: the campaign chosen for every app).
    as_of
        The day of the figures (default: ``$WAGEKIT_AS_OF`` or today).
    store
        The workspace store (default: ``$WAGEKIT_DB`` or the default file).

    """

    filter_keys = ()

    def __init__(
        self,
        campaign: Any = None,
        *,
        folder: str | Path | None = None,
        as_of: dt.date | str | None = None,
        store: Any = None,
        **kwargs: Any,
    ) -> None:
        self.model = HomeModel(store=app_store(store), as_of=app_as_of(as_of))
        header = self._build_header(campaign, folder)
        self.w_status = widgets.HTML("<p class='wk-home-status'>尚未读取专项行动台账。</p>")
        self.w_next = widgets.HTML()
        self.w_next.add_class("wk-next-steps")
        self.w_links = widgets.HTML(self._links_html())
        self.w_phases = widgets.HTML()
        # The rejected rows, one sheet per township, to send back to each township's clerk.
        self.w_returned = DownloadButton(
            "下载退回修改清单（按属地）", self._returned_rows, key="returned-rows"
        )
        picker, day, alert = header
        picker.selected_index = None
        super().__init__(
            [
                day,
                alert,
                self.w_status,
                self.w_next,
                self.w_links,
                self.w_phases,
                widgets.HTML("<h3>台账读取情况</h3>"),
                self.w_returned,
                self.w_picker,
            ],
            **kwargs,
        )
        self.add_class("wk-home")
        self._start()

    def _returned_rows(self) -> Any:
        from wagekit.outputs.lists import rejected_rows_file

        if self.model.campaign is None:
            raise ValueError("尚未读取专项行动台账，无法生成退回修改清单")
        return rejected_rows_file(self.model.campaign)

    @staticmethod
    def _links_html() -> str:
        items = "".join(
            f"<li><a class='wk-app-link' href='./{name}' target='_self'>{html.escape(title)}</a>"
            f"<span style='color:#555;margin-left:8px'>{html.escape(text)}</span></li>"
            for name, title, text in APP_LINKS
        )
        return f"<h3>各阶段应用</h3><ul class='wk-app-links' style='line-height:1.9'>{items}</ul>"

    def refresh(self) -> None:
        """Re-assess and show where the campaign stands and what to do next."""
        self.model.refresh()
        summary = self.model.summary
        if summary is None:
            self.model.phase = ""
            self.w_status.value = "<p class='wk-home-status'>尚未读取专项行动台账。</p>"
            return
        config = self.model.campaign.config
        as_of = self.model.as_of
        self.model.phase = summary["campaign"]["phase"]
        label = PHASE_LABELS.get(self.model.phase, self.model.phase)
        self.w_status.value = (
            "<div class='wk-home-status'>"
            f"<h3 class='wk-campaign-name'>{html.escape(config.name)}"
            f"<small style='margin-left:8px;color:#666'>{html.escape(config.region)}</small></h3>"
            f"<p>截至 <b>{as_of:%Y年%m月%d日}</b>，所处阶段：<b class='wk-phase'>"
            f"{html.escape(label)}</b></p>{self._headline(summary)}</div>"
        )
        self.w_next.value = self._next_html(next_steps(summary))
        self.w_phases.value = (
            "<h3>各阶段时间</h3>" + _phase_rows(config, as_of) + _office_line(config.office)
        )

    @staticmethod
    def _headline(summary: dict) -> str:
        cases = summary["cases"]
        two_zero = cases["two_zero"]
        items = []
        for klass in ("government", "others"):
            left = two_zero.get(f"{klass}_days_left")
            if left is None:
                continue
            deadline = two_zero[f"{klass}_deadline"]
            name = TWO_ZERO_LABELS[klass]
            if left >= 0:
                text = f"距{name}两清零时限（{deadline}）还有 <b>{left}</b> 天"
            else:
                text = (
                    f"<span style='color:#c9302c'>{name}两清零时限（{deadline}）已过 "
                    f"<b>{-left}</b> 天</span>"
                )
            items.append(f"<li class='wk-two-zero-{klass}'>{text}</li>")
        daily = summary.get("daily_reports")
        if daily:
            items.append(
                f"<li class='wk-daily'>今日零报告：已报 <b>{daily['reported']}</b> / "
                f"{daily['townships']} 个属地，未报 <b>{len(daily['missing'])}</b> 个</li>"
            )
        else:
            items.append("<li class='wk-daily'>今日零报告：尚未开始报送</li>")
        if cases["overdue_open"] is not None:
            items.append(
                f"<li class='wk-overdue'>超期未办结案件 <b>{cases['overdue_open']}</b> 起"
                f"（另有超期办结 {cases['closed_late']} 起）</li>"
            )
        return "<ul class='wk-headline' style='line-height:1.8'>" + "".join(items) + "</ul>"

    @staticmethod
    def _next_html(steps: list[tuple[str, str]]) -> str:
        if not steps:
            return "<h3>下一步</h3><p>暂无需要督办的事项。</p>"
        items = "".join(
            f"<li>{html.escape(text)}"
            + (
                f"<a href='./{link}' target='_self' style='margin-left:8px'>去处理 →</a>"
                if link
                else ""
            )
            + "</li>"
            for text, link in steps
        )
        return f"<h3>下一步</h3><ol class='wk-next' style='line-height:1.8'>{items}</ol>"
