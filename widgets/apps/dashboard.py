"""Summary dashboard 总结看板: the meeting view of a campaign on one day.

:class:`DashboardModel` holds the campaign, the day of the figures, the store, the assessment
and the summary of that day (the store's orders and case actions merged, as ``wagekit summary``
merges them) and the filter. :class:`DashboardApp` shows KPI cards 指标卡 (each with a stable
CSS class ``wk-kpi-<key>``), the weekly trend of cases received and closed 案件受理办结趋势,
两清零 progress, rankings of townships and departments 属地/部门排名, the coverage of the seven
systems 七项制度覆盖率, the project and case ledgers filtered by the filter bar, and the export
panel. KPI cards always show the whole campaign, so they equal ``wagekit summary --json``; the
filter bar narrows the tables. A click on a row of the project ledger opens that project's card
项目详情 below the tables; a click on a case opens the case's details 案件详情 and the card of
its project. The page is sent as soon as the cards and the first ranking are
ready: the tables sit in tabs and only the tab on screen is computed (the others when first
selected after a refresh or a filter change), and the charts are drawn right after
(:class:`~wagekit.widgets.components.chart.LaterCharts`). When ``campaign.toml`` names the
previous campaign's folder (``previous``), the cards of the main figures show 同比, the change
against the previous campaign on the comparable day 上年同期, as
:func:`wagekit.year_on_year.year_on_year` computes it.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from wagekit.assessment import Assessment
from wagekit.config import ConfigError
from wagekit.ids import mask_id_numbers_in_text
from wagekit.labels import TWO_ZERO_LABELS
from wagekit.load import CampaignError
from wagekit.tables import (
    CASE_LEDGER_HEADERS,
    PROJECT_LEDGER_HEADERS,
    RANKING_HEADERS,
    case_ledger,
    cases_by_week,
    project_ledger,
    ranking,
    systems_table,
    two_zero_progress,
)
from wagekit.year_on_year import previous_summary, year_on_year

from ..components.chart import ChartPanel, LaterCharts
from ..components.errors import shows_errors
from ..components.export_panel import ExportPanel
from ..components.kpi import KpiCard, format_number
from ..components.project_card import ProjectCard
from ..components.reveal import Reveal
from ..components.table import DataTable
from ..runtime.context import app_as_of, app_store, folder_fingerprint
from .base import App, AppModel

__all__ = ["DashboardApp", "DashboardModel", "KPI_CARDS", "in_wan", "kpi_values"]

# key (CSS class wk-kpi-<key>) -> (label, unit, path of the figure, path of the rate, rate label)
KPI_CARDS: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...] | None, str]] = {
    "projects": ("在建项目", "个", ("projects", "total"), None, ""),
    "arrears-projects": ("欠薪项目", "个", ("arrears", "projects"), None, ""),
    "arrears-amount": ("欠薪金额", "万元", ("arrears", "amount"), None, ""),
    "arrears-workers": ("欠薪人数", "人", ("arrears", "workers"), None, ""),
    "no-arrears": ("无欠薪主体", "个", ("risk", "none"), ("risk", "no_arrears_rate"), "无欠薪比例"),
    "cases-received": ("受理线索", "起", ("cases", "received"), None, ""),
    "cases-closed": ("办结案件", "起", ("cases", "closed"), ("cases", "closure_rate"), "办结率"),
    "cases-open": ("未办结案件", "起", ("cases", "open"), None, ""),
    # Open and closed-late apart: a leader reads 超期 as still open.
    "cases-overdue-open": ("超期未办结", "起", ("cases", "overdue_open"), None, ""),
    "cases-closed-late": ("超期办结", "起", ("cases", "closed_late"), None, ""),
    "two-zero-government": (
        f"两清零·{TWO_ZERO_LABELS['government']}未结",
        "起",
        ("cases", "two_zero", "government_open"),
        None,
        "",
    ),
    "two-zero-others": (
        f"两清零·{TWO_ZERO_LABELS['others']}未结",
        "起",
        ("cases", "two_zero", "others_open"),
        None,
        "",
    ),
    "warnings-red": ("红色预警项目", "个", ("warnings", "red"), None, ""),
    "warnings-yellow": ("黄色预警项目", "个", ("warnings", "yellow"), None, ""),
    "amount-recovered": ("追回金额", "万元", ("cases", "amount_recovered"), None, ""),
}

_PROJECT_COLUMNS = (
    "project_id",
    "name",
    "township",
    "department",
    "investment_type",
    "all_systems",
    "missing_systems",
    "arrears_amount",
    "tier",
    "warning",
    "open_cases",
    "inspections",
    "findings",
)
_CASE_COLUMNS = (
    "case_id",
    "township",
    "respondent",
    "received_date",
    "status",
    "deadline",
    "days_left",
    "two_zero_class",
    "amount_involved",
    "amount_recovered",
)


# Rankings show rates in percent (62.5 rather than 0.625), still numbers so they sort.
_PERCENT_COLUMNS = ("all_systems_rate", "closure_rate")
_RANKING_LABELS = {
    **RANKING_HEADERS,
    **{c: f"{RANKING_HEADERS[c]}（%）" for c in _PERCENT_COLUMNS},
}


def _in_percent(table: pd.DataFrame) -> pd.DataFrame:
    return table.assign(
        **{c: (table[c] * 100).round(1) for c in _PERCENT_COLUMNS if c in table.columns}
    )


def _dig(summary: dict, path: tuple[str, ...]) -> Any:
    value: Any = summary
    for key in path:
        value = None if value is None else value.get(key)
    return value


def _cell_text(value: Any) -> str:
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | dt.date):
        return f"{value:%Y-%m-%d}"
    return format_number(value.item() if hasattr(value, "item") else value)


def case_details(case: pd.Series) -> str:
    """One case of the case ledger as a card: every column under its Chinese header, masked."""
    facts = "".join(
        f"<tr><th>{html.escape(header)}</th><td>{html.escape(_cell_text(case[column]))}</td></tr>"
        for column, header in CASE_LEDGER_HEADERS.items()
        if column in case.index
    )
    return mask_id_numbers_in_text(
        f"<h4 class='wk-case-title'>案件 {html.escape(str(case['case_id']))}</h4>"
        f"<table class='wagekit-datatable wk-case-details'>{facts}</table>"
    )


def in_wan(value: Any) -> Any:
    """An amount in yuan as a meeting reads it: 万元, two decimals (None stays None)."""
    return None if value is None else round(float(value) / 10_000, 2)


def kpi_values(summary: dict) -> dict[str, tuple[Any, float | None]]:
    """For each KPI card key, ``(figure, rate)`` read from a summary (CONTRACT section 3)."""
    return {
        key: (_dig(summary, figure), _dig(summary, rate) if rate else None)
        for key, (_label, _unit, figure, rate, _caption) in KPI_CARDS.items()
    }


class DashboardModel(AppModel):
    """State of the summary notebook: assessment, summary, filter, and the previous campaign.

    ``previous`` is the previous campaign's summary on the comparable day, when
    ``campaign.toml`` names one.
    """

    previous = traitlets.Dict(
        allow_none=True, default_value=None, help="The previous campaign's summary 上年同期."
    )
    previous_problem = traitlets.Unicode("", help="Why the previous campaign could not be read.")
    previous_seen = traitlets.Any(None, help="The previous folder's files when it was read.")

    def refresh(self) -> None:
        """Assess as every app does, then read the previous campaign named, if any."""
        super().refresh()
        self.previous, self.previous_problem, self.previous_seen = None, "", None
        if self.assessment is None:
            return
        # Taken before reading, so that a file changed while it was read counts as changed.
        self.previous_seen = self._previous_files()
        try:
            self.previous = previous_summary(self.assessment.config, self.as_of, store=self.store)
        except (CampaignError, ConfigError, OSError) as error:
            self.previous_problem = f"campaign.toml 中 previous 指定的上一次行动无法读取（{error}）"

    def _previous_files(self) -> tuple | None:
        folder = None if self.assessment is None else self.assessment.config.previous
        if folder is None:
            return None
        try:
            return folder_fingerprint(Path(folder))
        except (CampaignError, OSError):
            return None

    def changed_since_read(self) -> bool:
        """Whether the store was written or a file of the previous campaign changed since."""
        return super().changed_since_read() or self._previous_files() != self.previous_seen

    def change(self) -> dict[str, tuple[float | None, float | None]]:
        """``(change, rate of change)`` 同比 of each main figure by its dotted path ({} without)."""
        if self.previous is None or self.summary is None:
            return {}
        table = year_on_year(self.summary, self.previous)
        return {
            row.key: (
                None if pd.isna(row.change) else float(row.change),
                None if pd.isna(row.change_rate) else float(row.change_rate),
            )
            for row in table.itertuples()
        }

    def store_records(self) -> dict[str, pd.DataFrame | None]:
        """The store's inspections, findings and orders the figures were assessed with."""
        if self.assessment is None:
            return {"inspections": None, "findings": None, "orders": None}
        records = self.assessment.records
        return {
            "inspections": records.inspections,
            "findings": records.findings,
            "orders": records.orders,
        }


class DashboardApp(App):
    """The 04_summary app (arguments as :class:`~wagekit.widgets.apps.enforcement.EnforcementApp`).

    ``w_tables`` is the tab of the rankings and ledgers; a tab's table is computed when it is
    on screen (:meth:`show_filtered`).
    """

    def __init__(
        self,
        campaign: Any = None,
        *,
        store: Any = None,
        folder: str | Path | None = None,
        as_of: dt.date | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.model = DashboardModel(store=app_store(store), as_of=app_as_of(as_of))
        header = self._build_header(campaign, folder, refresh="刷新数据")
        self.w_notices = widgets.HTML()
        self.kpis: dict[str, KpiCard] = {}
        for key, (label, unit, _figure, rate, caption) in KPI_CARDS.items():
            card = KpiCard(label, None, unit)
            if rate:
                card.rate_label = caption
            card.add_class(f"wk-kpi-{key}")
            self.kpis[key] = card
        self.w_trend = ChartPanel("案件受理与办结（按周）", figsize=(7.2, 3.2))
        self.w_trend.add_class("wk-chart-trend")
        self.w_systems = ChartPanel("七项制度覆盖率", figsize=(6.4, 3.2))
        self.w_systems.add_class("wk-chart-systems")
        self._charts = LaterCharts(self.w_alert)
        self.w_two_zero = widgets.HTML()
        self.w_two_zero.add_class("wk-two-zero")
        self.w_township = DataTable(labels=_RANKING_LABELS, page_size=15)
        self.w_township.add_class("wk-table-township-ranking")
        self.w_department = DataTable(labels=_RANKING_LABELS, page_size=15)
        self.w_department.add_class("wk-table-department-ranking")
        self.w_projects = DataTable(
            labels=PROJECT_LEDGER_HEADERS,
            columns=_PROJECT_COLUMNS,
            page_size=15,
            row_key="project_id",
        )
        self.w_projects.add_class("wk-table-projects")
        self.w_cases = DataTable(
            labels=CASE_LEDGER_HEADERS, columns=_CASE_COLUMNS, page_size=15, row_key="case_id"
        )
        self.w_cases.add_class("wk-table-cases")
        # What a click on a row of the ledgers opens: a case's details, a project's card.
        self.w_case_detail = widgets.HTML()
        self.w_case_detail.add_class("wk-case-detail")
        self.w_card = ProjectCard()
        self.w_detail = widgets.VBox([self.w_case_detail, self.w_card])
        self.w_detail.layout.display = "none"
        self.w_reveal_detail = Reveal()
        self.w_export = ExportPanel(self._export_source)
        # Each tab's table and what it shows of an assessment.
        self._tabs: list[tuple[DataTable, Callable[[Assessment], pd.DataFrame]]] = [
            (self.w_township, lambda a: _in_percent(ranking(a, "township"))),
            (self.w_department, lambda a: _in_percent(ranking(a, "department"))),
            (self.w_projects, lambda a: project_ledger(a, **self.model.store_records())),
            (self.w_cases, case_ledger),
        ]
        self._frames: dict[int, pd.DataFrame] = {}  # tab -> its table of this assessment
        self._stale: set[int] = set()  # tabs not showing this assessment and filter
        self.w_tables = widgets.Tab(
            children=[table for table, _source in self._tabs],
            titles=("属地排名", "部门排名", "项目台账", "案件台账"),
        )
        wrap = {"flex_flow": "row wrap"}
        super().__init__(
            [
                *header,
                self.w_notices,
                widgets.HBox(list(self.kpis.values()), layout=wrap),
                widgets.HBox([self.w_trend, self.w_systems], layout=wrap),
                self.w_two_zero,
                self.w_filters,
                self.w_tables,
                self.w_reveal_detail,
                self.w_detail,
                self.w_export,
            ],
            **kwargs,
        )
        self.add_class("wk-dashboard-app")
        self.w_tables.observe(self._on_tab, names="selected_index")
        self.w_projects.observe(self._on_project_row, names="selected")
        self.w_cases.observe(self._on_case_row, names="selected")
        self._start()

    # ------------------------------------------------------------------ state -> view

    def refresh(self) -> None:
        """Re-read the store, re-assess; redraw the cards, the tab on screen, then the charts."""
        self.model.refresh()
        self._frames = {}
        assessment, summary = self.model.assessment, self.model.summary
        if assessment is None:
            return
        change = self.model.change()
        for key, (figure, rate) in kpi_values(summary).items():
            in_wan_yuan = KPI_CARDS[key][1] == "万元"
            delta, delta_rate = change.get(".".join(KPI_CARDS[key][2]), (None, None))
            card = self.kpis[key]
            card.delta_label = "同比"
            card.delta_rate = delta_rate
            card.set(
                in_wan(figure) if in_wan_yuan else figure,
                rate,
                in_wan(delta) if in_wan_yuan else delta,
            )
        notices = list(summary.get("notices") or [])
        if self.model.previous_problem:
            notices.append(self.model.previous_problem + "，未显示同比。")
        self.w_notices.value = "".join(
            f"<div class='wk-notice' style='color:#856404'>提示：{html.escape(n)}</div>"
            for n in notices
        )
        self._show_two_zero(assessment)
        self.show_filtered()
        self._open(self.w_projects.selected, self.w_cases.selected)
        self._charts.draw(
            functools.partial(self._draw_trend, assessment),
            functools.partial(self._draw_systems, summary),
        )

    def show_filtered(self) -> None:
        """Fill the table on screen for the filter; the other tabs when they are selected."""
        self._stale = set(range(len(self._tabs)))
        self._fill(self.w_tables.selected_index)

    def _fill(self, index: int | None) -> None:
        assessment = self.model.assessment
        if index is None or index not in self._stale or assessment is None:
            return
        table, source = self._tabs[index]
        if index not in self._frames:
            self._frames[index] = source(assessment)
        table.data = self.model.filter.apply(self._frames[index])
        self._stale.discard(index)

    def _draw_trend(self, assessment: Any) -> None:
        weeks = cases_by_week(assessment)
        if weeks.empty:
            self.w_trend.show_message("没有案件台账或本期无案件。")
            return

        def draw(ax: Any) -> None:
            ax.plot(weeks["week"], weeks["received"], marker="o", markersize=3, label="受理")
            ax.plot(weeks["week"], weeks["closed"], marker="s", markersize=3, label="办结")
            ax.set_ylabel("案件数（起）")
            ax.legend(loc="upper left")
            ax.grid(alpha=0.3)
            ax.tick_params(axis="x", labelrotation=30)

        self.w_trend.plot(draw, data=weeks)

    def _draw_systems(self, summary: dict) -> None:
        table = systems_table(summary)
        if table.empty:
            self.w_systems.show_message("没有在建工程项目台账。")
            return

        def draw(ax: Any) -> None:
            rates = table["rate"].fillna(0) * 100
            bars = ax.barh(table["system"], rates, color="#3b7dd8")
            ax.bar_label(bars, labels=[f"{r:.1f}%" for r in rates], padding=2, fontsize=8)
            ax.set_xlim(0, 110)
            ax.invert_yaxis()
            ax.set_xlabel("覆盖率（%）")

        self.w_systems.plot(draw, data=table)

    def _show_two_zero(self, assessment: Any) -> None:
        if assessment.case_status is None:
            self.w_two_zero.value = "<p>没有案件台账，无法统计两清零进展。</p>"
            return
        rows = []
        for row in two_zero_progress(assessment).itertuples():
            share = 0.0 if pd.isna(row.rate) else float(row.rate)
            deadline = "" if pd.isna(row.deadline) else f"{row.deadline:%Y-%m-%d}"
            rows.append(
                f"<div class='wk-two-zero-row' style='margin:4px 0'><b>{html.escape(row[1])}</b>"
                f"（清零时限 {deadline}）：已办结 {row.closed} / {row.cases} 起，"
                f"未结 <span class='wk-two-zero-open'>{row.open}</span> 起"
                f"<div style='background:#eee;width:360px;height:10px;border-radius:5px'>"
                f"<div style='background:#28a745;width:{share * 100:.1f}%;height:10px;"
                f"border-radius:5px'></div></div></div>"
            )
        self.w_two_zero.value = "<h4>两清零进展</h4>" + "".join(rows)

    def _export_source(self) -> dict[str, Any]:
        if self.model.assessment is None:
            raise RuntimeError("尚未读取专项行动台账，无法导出")
        return {
            "assessment": self.model.assessment,
            "summary": self.model.summary,
            "campaign_folder": getattr(self.model.campaign, "folder", None),
            **self.model.store_records(),
        }

    def _open(self, project_id: str | None, case_id: str | None) -> None:
        """Show the card of ``project_id``, or the details of ``case_id`` and its project."""
        assessment = self.model.assessment
        self.w_case_detail.value = ""
        if case_id and assessment is not None and assessment.case_status is not None:
            cases = case_ledger(assessment)
            found = cases[cases["case_id"] == case_id]
            if not found.empty:
                case = found.iloc[0]
                self.w_case_detail.value = case_details(case)
                project_id = None if pd.isna(case["project_id"]) else str(case["project_id"])
        if project_id and assessment is not None:
            self.w_card.show(assessment, project_id, **self.model.store_records())
        else:
            self.w_card.show(None, None)
        self.w_card.layout.display = None if project_id else "none"
        shown = bool(project_id or self.w_case_detail.value)
        self.w_detail.layout.display = None if shown else "none"

    # ------------------------------------------------------------------ callbacks

    @shows_errors("w_alert", busy=None)
    def _on_tab(self, change: dict) -> None:
        self._fill(change["new"])

    @shows_errors("w_alert", busy=None)
    def _on_project_row(self, change: dict) -> None:
        if change["new"]:
            self.w_cases.selected = None
            self._open(change["new"], None)
            self.w_reveal_detail.reveal()

    @shows_errors("w_alert", busy=None)
    def _on_case_row(self, change: dict) -> None:
        if change["new"]:
            self.w_projects.selected = None
            self._open(None, change["new"])
            self.w_reveal_detail.reveal()
