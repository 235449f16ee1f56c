"""Publicity app 集中宣传: activity counts by township, type and week, and the publicity log.

The app follows a :class:`PublicityModel`: the campaign, the day of the figures, the filter
(township 属地 and date range) and the *events* 宣传活动 counted — the publicity ledger's rows
plus the activities logged in the workspace store from this app. Counts come from
:func:`wagekit.checks.publicity.publicity_counts`; townships without any activity 未开展宣传的属地
from :func:`wagekit.checks.publicity.townships_without_activity` (every township of the projects
and employers ledgers is expected to run publicity). The log form writes a new activity to the
store with :meth:`wagekit.store.Store.log_publicity_event`; it is counted at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from wagekit.checks.publicity import (
    ACTIVITY_UNITS,
    expected_townships,
    publicity_counts,
    townships_without_activity,
)
from wagekit.schema import PUBLICITY_ACTIVITIES

from ..components.chart import ChartPanel, LaterCharts
from ..components.errors import Alert, shows_errors
from ..components.filters import FilterBar, FilterModel
from ..components.kpi import KpiCard
from ..components.table import DataTable
from ..runtime.context import app_as_of, app_picker, app_store

__all__ = ["PublicityApp", "PublicityModel", "PUBLICITY_COLUMNS"]

PUBLICITY_COLUMNS = ("date", "township", "unit", "activity", "quantity", "participants")
_COUNT_LABELS = {
    "township": "属地",
    "activity": "活动类型",
    "week": "周次",
    "events": "活动次数",
    "quantity": "数量",
    "participants": "参与人次",
    "silent": "未开展宣传",
}
_SILENT_COLOR = "#d9534f"
_BAR_COLOR = "#4a7bb7"


class PublicityModel(FilterModel):
    """State of the publicity app: the filter, the campaign and the events counted."""

    campaign = traitlets.Any(None, help="The loaded campaign, or None before loading.")
    as_of = traitlets.Instance(dt.date, help="The day of the figures (截至日期).")
    events = traitlets.Instance(
        pd.DataFrame, args=(), help="Ledger rows plus events logged in the store (all dates)."
    )
    logged = traitlets.Int(0, help="How many of the events were logged in the store.")

    def expected_townships(self) -> list[str]:
        """Townships expected to run publicity: those of the projects and employers ledgers."""
        if self.campaign is None:
            return []
        return expected_townships(self.campaign.get("projects"), self.campaign.get("employers"))

    def selected_events(self) -> pd.DataFrame:
        """Return the events matching the filter (township, date range)."""
        return self.apply(self.events, date_column="date")


def _events_frame(ledger: pd.DataFrame | None, logged: pd.DataFrame | None) -> pd.DataFrame:
    """Join the ledger's rows and the logged ones, on the publicity columns."""
    parts = [
        frame.loc[:, list(PUBLICITY_COLUMNS)].assign(
            source="台账" if frame is ledger else "本系统登记"
        )
        for frame in (ledger, logged)
        if frame is not None and len(frame)
    ]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in (*PUBLICITY_COLUMNS, "source")})
    events = pd.concat(parts, ignore_index=True)
    events["date"] = pd.to_datetime(events["date"]).astype("datetime64[ns]")
    for column in ("quantity", "participants"):
        events[column] = events[column].astype("Int64")
    return events


class PublicityApp(widgets.VBox):
    """Counts, charts and tables of publicity, silent townships, and the log form.

    Parameters
    ----------
    campaign
        An already loaded campaign (tests); by default the picker loads ``folder``.
    store
        The workspace store (default: ``$WAGEKIT_DB`` or the default file, opened on first use).
    folder
        Folder to open (default: ``$WAGEKIT_CAMPAIGN`` or the bundled sample).
    as_of
        The day of the figures (default: ``$WAGEKIT_AS_OF`` or today).
    by
        Who logs activities (登记人) by default; the form lets the user change it.

    """

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
        self._store = store
        self.model = PublicityModel(as_of=app_as_of(as_of))
        self.w_alert = Alert()
        self.w_picker = app_picker(campaign, folder)
        self.w_filters = widgets.Box()
        self.w_cards = {
            "events": KpiCard("宣传活动", unit="次"),
            "quantity": KpiCard("宣传数量", unit="份/场/条"),
            "participants": KpiCard("参与人次", unit="人次"),
            "silent": KpiCard("未开展宣传的属地", unit="个"),
        }
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
        self._build_form(by)
        tables = widgets.Tab(
            [self.w_table_township, self.w_table_activity, self.w_table_week],
            titles=("按属地", "按活动类型", "按周"),
        )
        super().__init__(
            [
                widgets.Accordion(
                    [self.w_picker], titles=("专项行动与台账读取情况",), selected_index=None
                ),
                self.w_alert,
                self.w_filters,
                widgets.HBox(list(self.w_cards.values()), layout={"flex_flow": "row wrap"}),
                self.w_silent,
                widgets.HBox(
                    [self.w_chart_township, self.w_chart_activity],
                    layout={"flex_flow": "row wrap"},
                ),
                self.w_chart_week,
                tables,
                self.w_form,
            ],
            **kwargs,
        )
        self.add_class("wk-publicity")
        self.w_picker.observe(self._on_campaign_change, names="campaign")
        self.model.observe(
            self._on_selection_change, names=["township", "start", "end", "events", "as_of"]
        )
        self._on_campaign_change({"new": self.w_picker.campaign})

    @property
    def store(self) -> Any:
        """The workspace store, opened on first use."""
        self._store = app_store(self._store)
        return self._store

    # ------------------------------------------------------------------ layout

    def _build_form(self, by: str) -> None:
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
        self.w_by = widgets.Text(description="登记人", value=by, placeholder="您的姓名", style=wide)
        self.w_log = widgets.Button(description="登记活动", icon="plus", button_style="primary")
        self.w_form_alert = Alert()
        self.w_log.on_click(self._on_log_click)
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

    # --------------------------------------------------------------- callbacks

    @shows_errors("w_alert", busy="正在统计宣传活动……")
    def _on_campaign_change(self, change: dict) -> None:
        campaign = change["new"]
        with self.model.hold_trait_notifications():
            self.model.reset()
            self.model.campaign = campaign
            self._reload_events()
        townships = sorted(
            set(self.model.expected_townships())
            | set(self.model.events["township"].dropna().astype(str))
        )
        self.w_filters.children = [
            FilterBar(self.model, {"township": townships}),
        ]
        self.w_township.options = townships

    def _reload_events(self) -> None:
        campaign = self.model.campaign
        if campaign is None:
            self.model.events = _events_frame(None, None)
            self.model.logged = 0
            return
        logged = self.store.records(campaign, "publicity_events")
        self.model.events = _events_frame(campaign.get("publicity"), logged)
        self.model.logged = len(logged)

    @shows_errors("w_alert", busy=None)
    def _on_selection_change(self, _change: Any = None) -> None:
        model = self.model
        if model.campaign is None:
            return
        events = model.selected_events()
        as_of = model.as_of
        by_township = publicity_counts(events, "township", as_of=as_of)
        by_activity = publicity_counts(events, "activity", as_of=as_of)
        by_week = publicity_counts(events, "week", as_of=as_of)
        expected = model.expected_townships()
        if model.township is not None:
            expected = [t for t in expected if t == model.township]
        silent = townships_without_activity(events, expected, as_of=as_of)["subject_id"].tolist()
        self._show_cards(by_activity, silent)
        self._show_silent(silent)
        township_rows = self._township_rows(by_township, silent)
        self.w_table_township.data = township_rows
        self.w_table_activity.data = by_activity
        self.w_table_week.data = by_week
        self._charts.draw(
            functools.partial(self._draw_townships, township_rows),
            functools.partial(self._draw_activities, by_activity),
            functools.partial(self._draw_weeks, by_week),
        )

    def _show_cards(self, by_activity: pd.DataFrame, silent: list[str]) -> None:
        self.w_cards["events"].set(int(by_activity["events"].sum()))
        self.w_cards["quantity"].set(int(by_activity["quantity"].sum()))
        self.w_cards["participants"].set(int(by_activity["participants"].sum()))
        self.w_cards["silent"].set(len(silent))

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

        self.w_chart_township.plot(draw)

    def _draw_activities(self, activities: pd.DataFrame) -> None:
        if activities.empty:
            self.w_chart_activity.show_message("所选范围内没有宣传活动。")
            return
        # Bars count activities (次), which compare across types; each bar is labelled with
        # its quantity in the type's own unit (a million SMS and 300 posters share no axis).
        ordered = activities.sort_values(["events", "activity"], kind="stable")
        labels = [
            f"{quantity:,}{ACTIVITY_UNITS.get(activity, '次')}"
            for activity, quantity in zip(ordered["activity"], ordered["quantity"], strict=True)
        ]

        def draw(ax: Any) -> None:
            bars = ax.barh(ordered["activity"], ordered["events"], color=_BAR_COLOR)
            ax.bar_label(bars, labels=labels, padding=3, fontsize=8)
            ax.margins(x=0.25)
            ax.set_xlabel("活动次数（标注：数量）")

        self.w_chart_activity.plot(draw)

    def _draw_weeks(self, weeks: pd.DataFrame) -> None:
        if weeks.empty:
            self.w_chart_week.show_message("所选范围内没有宣传活动。")
            return

        def draw(ax: Any) -> None:
            ax.bar(weeks["week"], weeks["events"], color=_BAR_COLOR)
            ax.set_ylabel("活动次数")
            ax.tick_params(axis="x", labelrotation=45, labelsize=8)

        self.w_chart_week.plot(draw)

    @shows_errors("w_form_alert", button="w_log", busy="正在登记……")
    def _on_log_click(self, _button: widgets.Button) -> str:
        campaign = self.model.campaign
        if campaign is None:
            raise ValueError("请先读取专项行动台账。")
        if self.w_date.value is None:
            raise ValueError("请填写活动日期。")
        township = self.w_township.value.strip()
        if not township:
            raise ValueError("请填写属地。")
        if not self.w_by.value.strip():
            raise ValueError("请填写登记人。")
        self.store.add(
            campaign,
            "publicity_events",
            {
                "date": self.w_date.value,
                "township": township,
                "unit": self.w_unit.value.strip(),
                "activity": self.w_activity.value,
                "quantity": int(self.w_quantity.value),
                "participants": int(self.w_participants.value),
            },
            by=self.w_by.value.strip(),
        )
        self._reload_events()
        later = self.w_date.value > self.model.as_of
        note = (
            f"（活动日期晚于统计截至日期{self.model.as_of:%Y-%m-%d}，到期后计入）" if later else ""
        )
        return f"已登记：{township} {self.w_activity.value} {self.w_quantity.value}。{note}"
