"""Publicity app 集中宣传: activity counts by township, type and week, and the publicity log.

The app shows the *events* 宣传活动 of the campaign as recorded: the publicity ledger's rows and
the events logged in the workspace store, merged by :func:`wagekit.recorded.recorded_campaign`
(its ``source`` column says 台账 or 工作区登记). The cards are the summary's figures (the
whole campaign, as ``wagekit summary`` counts them), each activity's quantity in its own unit
(份, 场次, 条 …: a million text messages and 300 posters do not add up); the filter (township
属地, date range) narrows the tables and charts, grouped by
:func:`wagekit.checks.publicity.publicity_counts`. Townships without any activity
未开展宣传的属地 are those of :func:`wagekit.checks.publicity.townships_without_activity`. The log
form records a new event in the store; the figures count it at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from wagekit.checks.publicity import (
    ACTIVITY_UNITS,
    expected_townships,
    iso_week,
    publicity_counts,
    townships_without_activity,
)
from wagekit.schema import PUBLICITY_ACTIVITIES
from wagekit.store.ledger import record_checked

from ..components.chart import ChartPanel, LaterCharts
from ..components.errors import Alert, shows_errors
from ..components.kpi import KpiCard
from ..components.my_entries import MyEntries
from ..components.table import DataTable
from ..runtime.context import app_as_of, app_store
from .base import App, AppModel

__all__ = ["PublicityApp", "PUBLICITY_COLUMNS"]

PUBLICITY_COLUMNS = ("date", "township", "unit", "activity", "quantity", "participants", "source")
_COUNT_LABELS = {
    "township": "属地",
    "activity": "活动类型",
    "week": "周次",
    "events": "活动次数",
    "quantity": "数量",
    "unit_name": "单位",
    "participants": "参与人次",
    "silent": "未开展宣传",
    "date": "日期",
    "unit": "开展单位",
    "source": "来源",
}
_SILENT_COLOR = "#d9534f"
_BAR_COLOR = "#4a7bb7"


def all_weeks(by_week: pd.DataFrame) -> pd.DataFrame:
    """Weekly counts with every week between the first and the last, empty weeks as zero."""
    if by_week.empty:
        return by_week
    first = dt.date.fromisocalendar(*map(int, by_week["week"].min().split("-W")), 1)
    last = dt.date.fromisocalendar(*map(int, by_week["week"].max().split("-W")), 1)
    weeks = iso_week(pd.Series(pd.date_range(first, last, freq="7D")))
    filled = by_week.set_index("week").reindex(weeks, fill_value=0)
    filled.index.name = "week"
    return filled.reset_index()


class PublicityApp(App):
    """Counts, charts and tables of publicity, silent townships, the log form, my entries.

    Parameters
    ----------
    campaign
        An already loaded campaign (tests); by default the picker loads the chosen folder.
    store
        The workspace store (default: ``$WAGEKIT_DB`` or the default file).
    folder
        Folder to open (default: the campaign chosen for every app).
    as_of
        The day of the figures (default: ``$WAGEKIT_AS_OF`` or today).
    by
        Who logs activities (登记人) by default; every form of the page shares the name.

    """

    filter_keys = ("township",)
    filter_dates = True

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
        self.w_cards: dict[str, KpiCard] = {
            "events": KpiCard("宣传活动", unit="次"),
            "participants": KpiCard("参与人次", unit="人次"),
            "silent": KpiCard("未开展宣传的属地", unit="个"),
        }
        for key, card in self.w_cards.items():
            card.add_class(f"wk-kpi-{key}")
        self.w_quantities = widgets.HTML()
        self.w_quantities.add_class("wk-publicity-quantities")
        self.w_silent = widgets.HTML()
        self.w_chart_township = ChartPanel("各属地宣传活动次数", figsize=(6.4, 4.2))
        self.w_chart_activity = ChartPanel("各类宣传活动次数与数量", figsize=(6.4, 4.2))
        self.w_chart_week = ChartPanel("每周宣传活动次数", figsize=(9.0, 3.0))
        self._charts = LaterCharts(self.w_alert)
        self.w_table_township = DataTable(labels=_COUNT_LABELS, page_size=15)
        self.w_table_township.add_class("wk-table-township")
        self.w_table_activity = DataTable(labels=_COUNT_LABELS, page_size=15)
        self.w_table_activity.add_class("wk-table-activity")
        self.w_table_week = DataTable(labels=_COUNT_LABELS, page_size=15)
        self.w_table_week.add_class("wk-table-week")
        self.w_table_events = DataTable(
            labels=_COUNT_LABELS, columns=PUBLICITY_COLUMNS, page_size=15
        )
        self.w_table_events.add_class("wk-table-events")
        self._build_form(by)
        self.w_mine = MyEntries(
            "publicity_events",
            store=self.model.store,
            ledgers=lambda: self.model.campaign,
            fields=("date", "township", "unit", "activity", "quantity", "participants"),
        )
        tables = widgets.Tab(
            [self.w_table_township, self.w_table_activity, self.w_table_week, self.w_table_events],
            titles=("按属地", "按活动类型", "按周", "活动明细"),
        )
        super().__init__(
            [
                *header,
                widgets.HTML(
                    "<p style='color:#555'>指标卡为全部活动的数字（与上报材料一致）；"
                    "筛选只影响下方的图表和表格。</p>"
                ),
                widgets.HBox(list(self.w_cards.values()), layout={"flex_flow": "row wrap"}),
                self.w_quantities,
                self.w_silent,
                self.w_filters,
                widgets.HBox(
                    [self.w_chart_township, self.w_chart_activity],
                    layout={"flex_flow": "row wrap"},
                ),
                self.w_chart_week,
                tables,
                self.w_form,
                self.w_mine,
            ],
            **kwargs,
        )
        self.add_class("wk-publicity")
        self.w_mine.observe(self._on_saved, names="saved")
        self._start()

    # ------------------------------------------------------------------ layout

    def _build_form(self, by: str) -> None:
        from ..components.forms import RECORDER, recorder_field

        wide = {"description_width": "72px"}
        self.w_date = widgets.DatePicker(description="日期", value=self.model.as_of, style=wide)
        self.w_township = widgets.Combobox(
            description="属地", placeholder="选择或输入属地", style=wide, ensure_option=False
        )
        self.w_unit = widgets.Text(description="开展单位", placeholder="如：县人社局", style=wide)
        self.w_activity = widgets.Dropdown(
            description="活动类型", options=list(PUBLICITY_ACTIVITIES), style=wide
        )
        self.w_quantity = widgets.BoundedIntText(
            description="数量", value=1, min=0, max=10_000_000, style=wide
        )
        self.w_participants = widgets.BoundedIntText(
            description="参与人次", value=0, min=0, max=10_000_000, style=wide
        )
        if by:
            RECORDER.name = by
        self.w_by = recorder_field(style=wide)
        self.w_log = widgets.Button(description="登记活动", icon="plus", button_style="primary")
        self.w_log.add_class("wk-publicity-save")
        self.w_form_alert = Alert()
        self.w_log.on_click(self._on_log_click)
        # A message about a field goes once the field is changed.
        for field in (self.w_date, self.w_township, self.w_unit, self.w_quantity):
            field.observe(lambda _c: self.w_form_alert.clear(), names="value")
        self.w_form = widgets.VBox(
            [
                widgets.HTML(
                    "<h3>登记宣传活动</h3><p>登记后立即计入上面的统计（保存在工作区）。</p>"
                ),
                widgets.HBox([self.w_date, self.w_township, self.w_unit]),
                widgets.HBox([self.w_activity, self.w_quantity, self.w_participants]),
                widgets.HBox([self.w_by, self.w_log]),
                self.w_form_alert,
            ]
        )
        self.w_form.add_class("wk-publicity-form")

    def _clear_form(self) -> None:
        """Leave the form ready for the next event: the day of the figures, nothing else."""
        self.w_date.value = self.model.as_of
        self.w_township.value = ""
        self.w_unit.value = ""
        self.w_quantity.value = 1
        self.w_participants.value = 0

    # ------------------------------------------------------------------ state -> view

    def filter_choices(self, campaign: Any) -> dict[str, Any]:
        """Townships: those expected to run publicity and those of the publicity ledger."""
        expected = expected_townships(campaign.get("projects"), campaign.get("employers"))
        ledger = campaign.get("publicity")
        named = [] if ledger is None else ledger["township"].dropna().astype(str).tolist()
        townships = sorted(set(expected) | set(named))
        self.w_township.options = townships
        return {"township": townships}

    def events(self) -> pd.DataFrame:
        """Every event of the campaign as recorded (ledger and store), with its source."""
        a = self.model.assessment
        publicity = None if a is None else a.get("publicity")
        if publicity is None:
            return pd.DataFrame({c: pd.Series(dtype="object") for c in PUBLICITY_COLUMNS})
        if "source" not in publicity.columns:
            publicity = publicity.assign(source="台账")
        return publicity

    def expected_townships(self) -> list[str]:
        """Townships expected to run publicity: those of the projects and employers ledgers."""
        a = self.model.assessment
        if a is None:
            return []
        return expected_townships(a.get("projects"), a.get("employers"))

    def refresh(self) -> None:
        """Re-assess; the cards from the summary, then the filtered views."""
        self.model.refresh()
        if self.model.assessment is None:
            return
        self._show_cards()
        self.w_mine.show(self.model.assessment.records.publicity_events)
        self.show_filtered()

    def _silent(self, events: pd.DataFrame, expected: list[str]) -> list[str]:
        found = townships_without_activity(events, expected, as_of=self.model.as_of)
        return found["subject_id"].tolist()

    def _show_cards(self) -> None:
        figure = self.model.figure
        self.w_cards["events"].set(figure("publicity", "events"))
        self.w_cards["participants"].set(figure("publicity", "participants"))
        silent = self._silent(self.events(), self.expected_townships())
        self.w_cards["silent"].set(len(silent))
        by_activity = figure("publicity", "by_activity") or {}
        cells = "".join(
            f"<span class='wk-quantity' style='display:inline-block;margin:2px 14px 2px 0'>"
            f"{html.escape(name)} <b>{counts['quantity']:,}</b> "
            f"{html.escape(ACTIVITY_UNITS.get(name, '次'))}</span>"
            for name, counts in by_activity.items()
            if counts["quantity"]
        )
        self.w_quantities.value = (
            f"<div><b>各类宣传数量</b>：{cells or '暂无'}</div>" if by_activity else ""
        )

    def show_filtered(self) -> None:
        """Tables and charts of the events the filter keeps."""
        if self.model.assessment is None:
            return
        as_of = self.model.as_of
        events = self.filtered(self.events(), date_column="date")
        by_township = publicity_counts(events, "township", as_of=as_of)
        by_activity = publicity_counts(events, "activity", as_of=as_of)
        by_activity["unit_name"] = by_activity["activity"].map(ACTIVITY_UNITS).fillna("次")
        by_week = all_weeks(publicity_counts(events, "week", as_of=as_of))
        expected = self.expected_townships()
        township = self.model.filter.township
        if township is not None:
            expected = [t for t in expected if t == township]
        silent = self._silent(events, expected)
        self._show_silent(silent)
        township_rows = self._township_rows(by_township, silent)
        self.w_table_township.data = township_rows
        self.w_table_activity.data = by_activity[
            ["activity", "events", "quantity", "unit_name", "participants"]
        ]
        self.w_table_week.data = by_week
        self.w_table_events.data = events.sort_values("date", ascending=False, kind="stable")
        self._charts.draw(
            functools.partial(self._draw_townships, township_rows),
            functools.partial(self._draw_activities, by_activity),
            functools.partial(self._draw_weeks, by_week),
        )

    def _show_silent(self, silent: list[str]) -> None:
        day = f"{self.model.as_of:%Y年%m月%d日}"
        if not silent:
            self.w_silent.value = (
                f"<p class='wk-silent-none' style='color:#155724'>截至{day}，"
                "所选范围内每个属地都开展了宣传活动。</p>"
            )
            return
        names = "、".join(
            f"<span class='wk-silent-township' style='color:{_SILENT_COLOR};font-weight:600'>"
            f"{html.escape(t)}</span>"
            for t in silent
        )
        self.w_silent.value = (
            "<div class='wk-silent' style='background:#fdecea;border:1px solid #f5c6cb;"
            f"border-radius:4px;padding:6px 12px'>截至{day}，以下 {len(silent)} 个属地尚未开展任何"
            f"宣传活动，请督促落实：{names}</div>"
        )

    @staticmethod
    def _township_rows(by_township: pd.DataFrame, silent: list[str]) -> pd.DataFrame:
        zeros = pd.DataFrame(
            {
                "township": pd.Series(silent, dtype="str"),
                "events": 0,
                "quantity": 0,
                "participants": 0,
            }
        )
        rows = pd.concat([by_township, zeros], ignore_index=True)
        rows["silent"] = rows["township"].isin(silent).map({True: "是", False: ""})
        rows = rows.drop(columns="quantity")  # quantities of different units do not add up
        return rows.sort_values(["events", "township"], kind="stable").reset_index(drop=True)

    def _draw_townships(self, townships: pd.DataFrame) -> None:
        if townships.empty:
            self.w_chart_township.show_message("所选范围内没有宣传活动。")
            return
        colors = [_SILENT_COLOR if s else _BAR_COLOR for s in townships["silent"]]

        def draw(ax: Any) -> None:
            ax.barh(townships["township"], townships["events"], color=colors)
            for label, color in zip(ax.get_yticklabels(), colors, strict=True):
                label.set_color(color if color == _SILENT_COLOR else "black")
            ax.set_xlabel("活动次数（红色：未开展宣传）")

        self.w_chart_township.plot(draw, data=townships)

    def _draw_activities(self, activities: pd.DataFrame) -> None:
        if activities.empty:
            self.w_chart_activity.show_message("所选范围内没有宣传活动。")
            return
        # Bars count activities (次), which compare across types; each bar is labelled with
        # its quantity in the type's own unit (a million SMS and 300 posters share no axis).
        ordered = activities.sort_values(["events", "activity"], kind="stable")
        labels = [
            f"{quantity:,}{unit}"
            for quantity, unit in zip(ordered["quantity"], ordered["unit_name"], strict=True)
        ]

        def draw(ax: Any) -> None:
            bars = ax.barh(ordered["activity"], ordered["events"], color=_BAR_COLOR)
            ax.bar_label(bars, labels=labels, padding=3, fontsize=8)
            ax.margins(x=0.25)
            ax.set_xlabel("活动次数（标注：数量）")

        self.w_chart_activity.plot(draw, data=(ordered, labels))

    def _draw_weeks(self, weeks: pd.DataFrame) -> None:
        if weeks.empty:
            self.w_chart_week.show_message("所选范围内没有宣传活动。")
            return

        def draw(ax: Any) -> None:
            ax.bar(weeks["week"], weeks["events"], color=_BAR_COLOR)
            ax.set_ylabel("活动次数")
            ax.tick_params(axis="x", labelrotation=45, labelsize=8)

        self.w_chart_week.plot(draw, data=weeks)

    # ------------------------------------------------------------------ callbacks

    @shows_errors("w_alert", busy="正在更新……")
    def _on_saved(self, _change: dict) -> None:
        self.refresh()

    @shows_errors("w_form_alert", button="w_log", busy="正在登记……")
    def _on_log_click(self, _button: widgets.Button) -> str:
        campaign = self.model.campaign
        if campaign is None:
            raise ValueError("请先读取专项行动台账。")
        by = self.w_by.value.strip()
        if not by:
            raise ValueError("请填写登记人。")
        day, township = self.w_date.value, self.w_township.value.strip()
        activity, quantity = self.w_activity.value, int(self.w_quantity.value)
        # The store checks each field as the ledger's loader does and refuses, in Chinese, a
        # missing 属地 or date and the same event entered twice within a minute.
        record_checked(
            self.model.store,
            campaign,
            "publicity_events",
            {
                "date": day,
                "township": township,
                "unit": self.w_unit.value.strip(),
                "activity": activity,
                "quantity": quantity,
                "participants": int(self.w_participants.value),
            },
            by=by,
        )
        self.refresh()
        self._clear_form()
        later = day > self.model.as_of
        note = (
            f"（活动日期晚于统计截至日期{self.model.as_of:%Y-%m-%d}，到期后计入）" if later else ""
        )
        unit = ACTIVITY_UNITS.get(activity, "次")
        return f"已登记：{township} {activity} {quantity:,}{unit}。{note}"
