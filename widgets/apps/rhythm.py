"""Rhythm app 调度与考核: the campaign day by day and week by week, from one screen.

Six tabs follow the campaign's rhythm, each a view of the base's assessment and summary (so
every figure is the one ``wagekit summary --json`` prints for the same store and day):

- *每日零报告*: a township's reporter records the day's report, or a 零报告 in one click
  (:mod:`wagekit.daily`); the supervisor sees who reported, who has not by 16:00, incidents.
- *周调度*: this week against the last, the serious-risk subjects one by one with what was
  decided, the lagging townships (:mod:`wagekit.weekly`), and the weekly report to download.
- *两清零倒计时*: days left to each 两清零 deadline, red once one has passed with cases open;
  open overdue cases 超期未办结 apart from those closed late 超期办结.
- *升级处置*: the list to act on and the next order on the ladder, recorded in one click
  (:mod:`wagekit.escalation`).
- *底数与销号*: record the baseline, tiers per township at the baseline and now, subjects
  cleared (:mod:`wagekit.baseline`); the 问题清单 with 销号 (:mod:`wagekit.problems`).
- *属地评分*: the township scores with their parts, rank 1 the best (:mod:`wagekit.scoring`).

Every write goes through the store's one gate (:func:`wagekit.store.ledger.record_checked`)
and is followed by a refresh, so the figures count it at once.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from wagekit.baseline import baseline_records, cleared_subjects, tiers_by_township
from wagekit.daily import DAILY_HEADERS, STATUS_LABELS, daily_rollup
from wagekit.escalation import ESCALATION_HEADERS, TERM_DAYS, escalation_list, next_order
from wagekit.labels import SUBJECT_KIND_LABELS, TIER_LABELS, TWO_ZERO_LABELS
from wagekit.outputs.reports import report_file
from wagekit.problems import PROBLEM_HEADERS, PROBLEM_STATUS_LABELS, problem_list, rectification
from wagekit.scoring import MEASURE_LABELS, score_headers, township_scores
from wagekit.store.ledger import record_checked
from wagekit.subjects import CONTACT_COLUMNS, with_contacts
from wagekit.weekly import (
    LAGGING_HEADERS,
    SERIOUS_DECIDED_HEADERS,
    WEEK_HEADERS,
    lagging_townships,
    serious_with_decisions,
    week_against_last,
)

from ..components.download import DownloadButton
from ..components.errors import Alert, shows_errors
from ..components.forms import recorder_field
from ..components.kpi import KpiCard
from ..components.table import DataTable
from ..runtime.context import app_as_of, app_store
from .base import App, AppModel

__all__ = ["RhythmApp", "TAB_TITLES"]

TAB_TITLES = ("每日零报告", "周调度", "两清零倒计时", "升级处置", "底数与销号", "属地评分")
_RED, _GREEN, _GREY = "#c9302c", "#2e7d32", "#555"
_BASELINE_HEADERS = {
    "township": "属地",
    "baseline_none": "底数·无欠薪",
    "baseline_general": "底数·一般欠薪",
    "baseline_serious": "底数·严重欠薪",
    "none": "现在·无欠薪",
    "general": "现在·一般欠薪",
    "serious": "现在·严重欠薪",
    "cleared": "已销号",
}
_CLEARED_HEADERS = {
    "subject_id": "编号",
    "subject_kind": "类型",
    "name": "名称",
    "township": "属地",
    "baseline_tier": "底数风险等级",
}


def _cards(*cards: KpiCard) -> widgets.HBox:
    return widgets.HBox(list(cards), layout={"flex_flow": "row wrap"})


def _note(text: str) -> widgets.HTML:
    return widgets.HTML(f"<p style='color:{_GREY};margin:4px 0'>{html.escape(text)}</p>")


class RhythmApp(App):
    """The campaign's rhythm: daily reports, weekly meeting, countdown, escalation, 销号, scores.

    Parameters
    ----------
    campaign
        An already loaded campaign (tests); by default the picker loads the chosen folder.
    store
        The workspace store (default: ``$WAGEKIT_DB`` or the default file).
    folder
        Folder to open (default: the campaign chosen for every app).
    as_of
        The day of the figures (default: ``$WAGEKIT_AS_OF`` or today); reports, orders and
        销号 are recorded for this day.
    by
        Who records (登记人) by default.

    """

    filter_keys = ()

    def __init__(
        self,
        campaign: Any = None,
        *,
        store: Any = None,
        folder: str | Path | None = None,
        as_of: dt.date | str | None = None,
        by: str = "",
        **kwargs: Any,
    ) -> None:
        self.model = AppModel(store=app_store(store), as_of=app_as_of(as_of))
        header = self._build_header(campaign, folder)
        # The page's one 登记人, remembered by the browser like every form's.
        self.w_by = recorder_field(style={"description_width": "48px"})
        if by:
            self.w_by.value = by
        self.w_by.add_class("wk-by")
        self.w_tabs = widgets.Tab(
            [
                self._build_daily(),
                self._build_weekly(),
                self._build_countdown(),
                self._build_escalation(),
                self._build_baseline(),
                self._build_scores(),
            ],
            titles=TAB_TITLES,
        )
        super().__init__([*header, self.w_by, self.w_tabs], **kwargs)
        self.add_class("wk-rhythm")
        self._start()

    # ------------------------------------------------------------------ building the tabs

    def _build_daily(self) -> widgets.Widget:
        self.w_daily_township = widgets.Dropdown(description="属地", options=[])
        self.w_daily_township.add_class("wk-daily-township")
        self.w_daily_incidents = widgets.BoundedIntText(
            description="突发事件", min=0, max=10_000, value=0
        )
        self.w_daily_new_cases = widgets.BoundedIntText(
            description="新增线索", min=0, max=10_000, value=0
        )
        self.w_daily_note = widgets.Text(description="情况说明", layout={"width": "420px"})
        self.w_daily_zero = widgets.Button(
            description="今日无情况：报零报告",
            button_style="success",
            icon="check",
            layout={"width": "240px"},
        )
        self.w_daily_zero.add_class("wk-daily-zero")
        self.w_daily_report = widgets.Button(description="报送当日情况", icon="paper-plane")
        self.w_daily_report.add_class("wk-daily-report")
        self.w_daily_alert = Alert()
        self.w_daily_day = widgets.HTML()
        self.w_daily_cards = {
            "townships": KpiCard("应报属地", unit="个"),
            "reported": KpiCard("已报", unit="个"),
            "zero": KpiCard("其中零报告", unit="个"),
            "incidents": KpiCard("突发事件", unit="起"),
            "missing": KpiCard("未报", unit="个"),
        }
        for key, card in self.w_daily_cards.items():
            card.add_class(f"wk-daily-card-{key}")
        self.w_daily_missing = widgets.HTML()
        self.w_daily_missing.add_class("wk-daily-missing")
        self.w_daily_table = DataTable(labels=DAILY_HEADERS, page_size=30)
        self.w_daily_table.add_class("wk-daily-table")
        self.w_daily_zero.on_click(self._on_daily_zero)
        self.w_daily_report.on_click(self._on_daily_report)
        reporter = widgets.VBox(
            [
                widgets.HTML("<h4>属地报送（每日16时前）</h4>"),
                self.w_daily_day,
                self.w_daily_township,
                self.w_daily_zero,
                _note("有突发事件或新增欠薪线索时，填写下面几项后报送："),
                widgets.HBox([self.w_daily_incidents, self.w_daily_new_cases]),
                self.w_daily_note,
                self.w_daily_report,
                self.w_daily_alert,
            ]
        )
        supervisor = widgets.VBox(
            [
                widgets.HTML("<h4>当日汇总（治欠办）</h4>"),
                _cards(*self.w_daily_cards.values()),
                self.w_daily_missing,
                self.w_daily_table,
            ]
        )
        return widgets.VBox([reporter, supervisor])

    def _build_weekly(self) -> widgets.Widget:
        self.w_week_cards = {
            "received": KpiCard("本周受理线索", unit="起"),
            "closed": KpiCard("本周办结案件", unit="起"),
            "amount_recovered": KpiCard("本周追回工资", unit="元"),
        }
        for key, card in self.w_week_cards.items():
            card.delta_label = "较上周"
            card.add_class(f"wk-week-{key}")
        self.w_week_range = widgets.HTML()
        self.w_week_table = DataTable(labels=WEEK_HEADERS, page_size=10)
        self.w_serious_table = DataTable(labels=SERIOUS_DECIDED_HEADERS, page_size=10)
        self.w_serious_table.add_class("wk-serious-table")
        self.w_lagging_table = DataTable(
            labels=LAGGING_HEADERS, page_size=10, empty_text="各属地均无未办结案件。"
        )
        self.w_lagging_table.add_class("wk-lagging-table")
        self.w_weekly_download = DownloadButton(
            "下载周报（Word）", self._weekly_report, key="weekly"
        )
        return widgets.VBox(
            [
                self.w_week_range,
                _cards(*self.w_week_cards.values()),
                self.w_week_table,
                widgets.HTML("<h4>严重欠薪项目逐个调度</h4>"),
                self.w_serious_table,
                widgets.HTML("<h4>进度滞后的属地（未办结案件多的在前）</h4>"),
                self.w_lagging_table,
                self.w_weekly_download,
            ]
        )

    def _build_countdown(self) -> widgets.Widget:
        self.w_countdown = widgets.HTML()
        self.w_countdown.add_class("wk-countdown")
        self.w_overdue_cards = {
            "overdue_open": KpiCard("超期未办结", unit="起"),
            "closed_late": KpiCard("超期办结", unit="起"),
        }
        for key, card in self.w_overdue_cards.items():
            card.add_class(f"wk-{key.replace('_', '-')}")
        return widgets.VBox(
            [
                self.w_countdown,
                _note("超期未办结：仍未办结且已过办结期限；超期办结：已办结但晚于办结期限。"),
                _cards(*self.w_overdue_cards.values()),
            ]
        )

    def _build_escalation(self) -> widgets.Widget:
        self.w_esc_cards = {
            "criminal_threshold_met": KpiCard("达到拒不支付劳动报酬罪数额标准", unit="个"),
            "order_ignored": KpiCard("其中指令书逾期未履行", unit="个"),
        }
        # With whom to call (联系人, 联系电话) when the ledgers carry it.
        self.w_esc_table = DataTable(
            labels=ESCALATION_HEADERS | CONTACT_COLUMNS,
            page_size=15,
            empty_text="目前没有需要升级处置的对象。",
        )
        self.w_esc_table.add_class("wk-escalation-table")
        self.w_esc_subject = widgets.Dropdown(
            description="处置对象", options=[], layout={"width": "560px"}
        )
        self.w_esc_subject.add_class("wk-escalation-subject")
        self.w_esc_deadline = widgets.DatePicker(description="履行期限")
        self.w_esc_record = widgets.Button(
            description="登记下一步文书", button_style="warning", icon="gavel"
        )
        self.w_esc_record.add_class("wk-escalation-record")
        self.w_esc_alert = Alert()
        self.w_esc_subject.observe(self._on_esc_subject, names="value")
        self.w_esc_record.on_click(self._on_esc_record)
        return widgets.VBox(
            [
                _cards(*self.w_esc_cards.values()),
                _note("处置阶梯：约谈询问笔录 → 限期整改指令书 → 纳入黑名单事先告知书 → 移送公安"),
                self.w_esc_table,
                widgets.HBox([self.w_esc_subject, self.w_esc_deadline]),
                self.w_esc_record,
                self.w_esc_alert,
            ]
        )

    def _build_baseline(self) -> widgets.Widget:
        self.w_base_record = widgets.Button(
            description="以统计截至日登记风险底数", icon="flag", layout={"width": "260px"}
        )
        self.w_base_record.add_class("wk-baseline-record")
        self.w_base_alert = Alert()
        self.w_base_text = widgets.HTML()
        self.w_base_text.add_class("wk-baseline-text")
        self.w_base_table = DataTable(labels=_BASELINE_HEADERS, page_size=30)
        self.w_cleared_table = DataTable(
            labels=_CLEARED_HEADERS, page_size=15, empty_text="尚无销号的对象。"
        )
        self.w_problem_cards = {
            key: KpiCard(label, unit="个") for key, label in PROBLEM_STATUS_LABELS.items()
        }
        for key, card in self.w_problem_cards.items():
            card.add_class(f"wk-problems-{key}")
        self.w_problem_table = DataTable(
            labels=PROBLEM_HEADERS, page_size=15, empty_text="尚未登记检查发现的问题。"
        )
        self.w_problem_table.add_class("wk-problem-table")
        self.w_problem = widgets.Dropdown(description="问题", options=[], layout={"width": "560px"})
        self.w_rectified = widgets.DatePicker(description="整改完成")
        self.w_rectify = widgets.Button(description="销号", button_style="success", icon="check")
        self.w_rectify.add_class("wk-rectify")
        self.w_problem_alert = Alert()
        self.w_base_record.on_click(self._on_baseline)
        self.w_rectify.on_click(self._on_rectify)
        return widgets.VBox(
            [
                widgets.HTML("<h4>风险底数与销号</h4>"),
                self.w_base_text,
                widgets.HBox([self.w_base_record]),
                self.w_base_alert,
                self.w_base_table,
                widgets.HTML("<h4>已销号的对象</h4>"),
                self.w_cleared_table,
                widgets.HTML("<h4>问题清单</h4>"),
                _cards(*self.w_problem_cards.values()),
                self.w_problem_table,
                widgets.HBox([self.w_problem, self.w_rectified]),
                self.w_rectify,
                self.w_problem_alert,
            ]
        )

    def _build_scores(self) -> widgets.Widget:
        self.w_scores_text = widgets.HTML()
        self.w_scores_text.add_class("wk-scores-text")
        self.w_scores_table = DataTable(page_size=40)
        self.w_scores_table.add_class("wk-scores-table")
        self.w_measures_table = DataTable(page_size=40)
        self.w_measures_table.add_class("wk-measures-table")
        return widgets.VBox(
            [
                self.w_scores_text,
                self.w_scores_table,
                widgets.HTML("<h4>各项指标（0–1，越高越好）</h4>"),
                self.w_measures_table,
            ]
        )

    # ------------------------------------------------------------------ redrawing

    def refresh(self) -> None:
        """Re-assess, then redraw every tab from the assessment and its summary."""
        self.model.refresh()
        if self.model.assessment is None:
            return
        self._show_daily()
        self._show_weekly()
        self._show_countdown()
        self._show_escalation()
        self._show_baseline()
        self._show_scores()

    def _show_daily(self) -> None:
        a, daily = self.model.assessment, self.model.figure("daily_reports")
        table = daily_rollup(a)
        townships = table["township"].tolist()
        keep = self.w_daily_township.value
        self.w_daily_township.options = townships
        if keep in townships:
            self.w_daily_township.value = keep
        self.w_daily_day.value = f"<b>报告日期：{a.as_of:%Y年%m月%d日}</b>（统计截至日期）"
        for key, card in self.w_daily_cards.items():
            if daily is None:
                card.set(None)
            elif key == "missing":
                card.set(len(daily["missing"]))
            else:
                card.set(daily[key])
        if daily is None:
            self.w_daily_missing.value = "<p>本活动尚未登记任何每日零报告。</p>"
        elif daily["missing"]:
            names = "、".join(html.escape(n) for n in daily["missing"])
            self.w_daily_missing.value = (
                f"<p style='color:{_RED}'><b>未报属地（16时前应报）：</b>{names}</p>"
            )
        else:
            self.w_daily_missing.value = f"<p style='color:{_GREEN}'>各属地均已报送。</p>"
        shown = table.assign(
            status=table["status"].map(STATUS_LABELS),
            reported_at=table["reported_at"].dt.strftime("%H:%M"),
        )
        self.w_daily_table.data = shown

    def _show_weekly(self) -> None:
        a, week = self.model.assessment, self.model.figure("week")
        self.w_week_range.value = f"<h4>本周（{week['from']} 至 {week['to']}）与上周对比</h4>"
        for key, card in self.w_week_cards.items():
            now, before = week[key], week["previous"][key]
            delta = None if now is None or before is None else float(now - before)
            card.set(now, delta=delta)
        self.w_week_table.data = week_against_last(self.model.summary)
        self.w_serious_table.data = serious_with_decisions(a)
        self.w_lagging_table.data = lagging_townships(a)

    def _show_countdown(self) -> None:
        cases = self.model.figure("cases")
        two_zero = cases["two_zero"]
        boxes = []
        for klass, label in TWO_ZERO_LABELS.items():
            left, still_open = two_zero[f"{klass}_days_left"], two_zero[f"{klass}_open"]
            deadline = two_zero[f"{klass}_deadline"]
            missed = left < 0 and bool(still_open)
            color = _RED if missed else (_GREY if left < 0 else _GREEN)
            when = (
                f"已过期 {-left} 天"
                if left < 0
                else ("今天到期" if left == 0 else f"剩余 {left} 天")
            )
            opened = "—" if still_open is None else f"{still_open} 起"
            state = "wk-missed" if missed else "wk-on-track"
            boxes.append(
                f"<div class='wk-two-zero {state}' style='border:2px solid {color};"
                f"border-radius:6px;padding:8px 14px;margin:4px;display:inline-block'>"
                f"<div><b>{html.escape(label)}</b>（时限 {deadline}）</div>"
                f"<div style='font-size:22px;color:{color}'>{when}</div>"
                f"<div>未办结：{opened}</div></div>"
            )
        self.w_countdown.value = "".join(boxes)
        for key, card in self.w_overdue_cards.items():
            card.set(cases[key])

    def _show_escalation(self) -> None:
        escalation = self.model.figure("escalation")
        for key, card in self.w_esc_cards.items():
            card.set(escalation[key])
        table = escalation_list(self.model.assessment)
        self._escalation = table
        a = self.model.assessment
        self.w_esc_table.data = with_contacts(table, a.get("projects"), a.get("employers"))
        options = [
            (f"{r.subject_id} {r.name} → 下一步：{r.next_kind}", r.subject_id)
            for r in table.itertuples(index=False)
            if r.next_kind
        ]
        keep = self.w_esc_subject.value
        self.w_esc_subject.options = options
        ids = [value for _label, value in options]
        self.w_esc_subject.value = keep if keep in ids else (ids[0] if ids else None)
        self._on_esc_subject({"new": self.w_esc_subject.value})

    def _show_baseline(self) -> None:
        a, risk = self.model.assessment, self.model.figure("risk")
        now = "、".join(f"{TIER_LABELS[t]}{risk[t]}个" for t in TIER_LABELS)
        baseline, cleared = risk["baseline"], risk["cleared"]
        if baseline is None:
            text = f"尚未登记风险底数。现在：{now}。"
        else:
            then = "、".join(f"{TIER_LABELS[t]}{baseline[t]}个" for t in TIER_LABELS)
            text = (
                f"风险底数（{baseline['as_of']}）：{then}，无欠薪比例"
                f"{baseline['no_arrears_rate']:.1%}。现在：{now}，无欠薪比例"
                f"{risk['no_arrears_rate']:.1%}。已销号：一般欠薪{cleared['general']}个、"
                f"严重欠薪{cleared['serious']}个。"
            )
        self.w_base_text.value = f"<p>{html.escape(text)}</p>"
        self.w_base_table.data = tiers_by_township(a)
        gone = cleared_subjects(a)
        self.w_cleared_table.data = gone.assign(
            subject_kind=gone["subject_kind"].map(SUBJECT_KIND_LABELS),
            baseline_tier=gone["baseline_tier"].map(TIER_LABELS),
        )
        problems = problem_list(a)
        self._problems = problems
        for key, card in self.w_problem_cards.items():
            card.set(int((problems["status"] == key).sum()))
        self.w_problem_table.data = problems.assign(
            status=problems["status"].map(PROBLEM_STATUS_LABELS)
        )
        still = problems[problems["status"] != "rectified"]
        self.w_problem.options = [
            (f"{r.id} {r.subject_id} {r.problem}（{r.owner or '责任单位未填'}）", int(r.id))
            for r in still.itertuples(index=False)
        ]
        self.w_rectified.value = a.as_of

    def _show_scores(self) -> None:
        a = self.model.assessment
        scoring = a.config.scoring
        headers = score_headers(scoring)
        table = township_scores(a)
        points = ["rank", "township", *(f"{k}_points" for k in MEASURE_LABELS), "total"]
        self.w_scores_table.data = table[points].rename(columns=headers)
        rates = ["township", *MEASURE_LABELS]
        self.w_measures_table.data = table[rates].rename(columns=headers)
        weights = "、".join(
            f"{label}{getattr(scoring, key):g}分" for key, label in MEASURE_LABELS.items()
        )
        self.w_scores_text.value = (
            "<p><b>得分越高越好，名次1为最好。</b>各项得分 = 指标（0–1）× 权重；"
            f"权重（campaign.toml [scoring]）：{html.escape(weights)}。"
            "无法计算的指标（如尚无零报告）不计分，总分按其余权重折算。</p>"
        )

    # ------------------------------------------------------------------ files

    def _weekly_report(self) -> Any:
        return report_file("weekly", self.model.assessment, self.model.summary)

    # ------------------------------------------------------------------ callbacks

    def _by(self) -> str:
        by = self.w_by.value.strip()
        if not by:
            raise ValueError("请填写登记人姓名")
        return by

    def _write(self, table: str, values: dict[str, Any]) -> dict:
        return record_checked(self.model.store, self.model.campaign, table, values, by=self._by())

    def _daily(self, incidents: int, new_cases: int, note: str) -> str:
        township = self.w_daily_township.value
        if not township:
            raise ValueError("请选择属地")
        record = self._write(
            "daily_reports",
            {
                "township": township,
                "date": self.model.as_of,
                "incidents": incidents,
                "new_cases": new_cases,
                "note": note or None,
            },
        )
        self.refresh()
        what = "零报告" if not incidents and not new_cases else "当日情况"
        again = "（已替代当日原报告）" if record["version"] > 1 else ""
        return f"已报送：{township} {self.model.as_of:%m月%d日} {what}{again}"

    @shows_errors("w_daily_alert", button="w_daily_zero", busy="正在报送……")
    def _on_daily_zero(self, _button: widgets.Button) -> str:
        return self._daily(0, 0, self.w_daily_note.value.strip())

    @shows_errors("w_daily_alert", button="w_daily_report", busy="正在报送……")
    def _on_daily_report(self, _button: widgets.Button) -> str:
        message = self._daily(
            self.w_daily_incidents.value,
            self.w_daily_new_cases.value,
            self.w_daily_note.value.strip(),
        )
        self.w_daily_incidents.value = self.w_daily_new_cases.value = 0
        self.w_daily_note.value = ""
        return message

    def _chosen_escalation(self) -> pd.Series:
        chosen = self.w_esc_subject.value
        rows = self._escalation[self._escalation["subject_id"] == chosen]
        if chosen is None or rows.empty:
            raise ValueError("请选择处置对象")
        return rows.iloc[0]

    @shows_errors("w_esc_alert", busy=None)
    def _on_esc_subject(self, change: dict) -> None:
        if change["new"] is None:
            self.w_esc_deadline.value = None
            return
        kind = self._chosen_escalation()["next_kind"]
        days = TERM_DAYS.get(kind)
        self.w_esc_deadline.value = (
            None if days is None else self.model.as_of + dt.timedelta(days=days)
        )

    @shows_errors("w_esc_alert", button="w_esc_record", busy="正在登记……")
    def _on_esc_record(self, _button: widgets.Button) -> str:
        row = self._chosen_escalation()
        record = next_order(row, issued=self.model.as_of, deadline=self.w_esc_deadline.value)
        self._write("orders", record)
        self.refresh()
        return f"已登记：{row['subject_id']} {record['kind']}（下达 {self.model.as_of}）"

    @shows_errors("w_base_alert", button="w_base_record", busy="正在登记风险底数……")
    def _on_baseline(self, _button: widgets.Button) -> str:
        rows = baseline_records(self.model.assessment)
        if not rows:
            raise ValueError("没有项目台账或用人单位台账，无法登记风险底数")
        self.model.store.replace_all(self.model.campaign, "baseline_tiers", rows, by=self._by())
        self.refresh()
        return f"已登记风险底数（{self.model.as_of}）：共{len(rows)}个对象"

    @shows_errors("w_problem_alert", button="w_rectify", busy="正在销号……")
    def _on_rectify(self, _button: widgets.Button) -> str:
        chosen = self.w_problem.value
        rows = self._problems[self._problems["id"] == chosen]
        if chosen is None or rows.empty:
            raise ValueError("请选择要销号的问题")
        if self.w_rectified.value is None:
            raise ValueError("请填写整改完成日期")
        problem = rows.iloc[0]
        changes = rectification(problem, self.w_rectified.value)
        self.model.store.update(
            "findings",
            int(problem["id"]),
            version=int(problem["version"]),
            changes=changes,
            by=self._by(),
        )
        self.refresh()
        return f"已销号：{problem['subject_id']} {problem['problem']}（{self.w_rectified.value}）"
