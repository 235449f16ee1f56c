"""Self-inspection app 自查自纠: who reported, who did not, whose report disagrees; systems.

The app follows a :class:`SelfInspectionModel`: the campaign, the day of the figures, the
filter (township 属地, competent department 行业主管部门, investment type 投资类型) and the project
drilled into. Everything shown comes from one assessment of the campaign on that day
(:func:`wagekit.summary.assess`), so the counts agree with ``wagekit summary``: the
self-inspection status of every subject (submitted 已提交 / missing 未提交 / mismatched 自报不符,
:func:`wagekit.checks.self_inspection.self_inspection_status`) and the seven systems 七项制度 of
every project with their coverage by group (:func:`wagekit.checks.systems.systems_coverage`).
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

from wagekit.checks.systems import systems_coverage
from wagekit.labels import SUBJECT_KIND_LABELS
from wagekit.schema import SYSTEM_LABELS, SYSTEMS
from wagekit.store.ledger import record_checked
from wagekit.subjects import with_contacts

from ..components.chart import ChartPanel, LaterCharts
from ..components.download import DownloadButton
from ..components.errors import Alert, shows_errors
from ..components.forms import recorder_field
from ..components.kpi import KpiCard
from ..components.my_entries import MyEntries
from ..components.table import DataTable
from ..runtime.context import app_as_of, app_store
from .base import App, AppModel

__all__ = ["SelfInspectionApp", "SelfInspectionModel", "STATUS_VIEWS", "COVERAGE_VIEWS"]

# What the status table lists: view -> caption.
STATUS_VIEWS = {"missing": "未提交", "mismatched": "自报不符", "submitted": "已提交", "all": "全部"}
# Coverage grouping: group column -> caption.
COVERAGE_VIEWS = {"township": "按属地", "department": "按主管部门", "investment_type": "按投资类型"}

_STATUS_LABELS = {
    "subject_id": "项目编号或统一社会信用代码",
    "kind": "类别",
    "name": "名称",
    "township": "属地",
    "department": "主管部门",
    "submitted_date": "提交日期",
    "row": "自查表行号",
    "reported_amount": "自报欠薪金额",
    "reported_workers": "自报欠薪人数",
    "computed_amount": "核算欠薪金额",
    "computed_workers": "核算欠薪人数",
    "state": "状态",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
}
_STATUS_COLUMNS = list(_STATUS_LABELS)
_GROUP_LABELS = {
    "township": "属地",
    "department": "主管部门",
    "investment_type": "投资类型",
    "projects": "项目数",
    **{f"{s}_rate": f"{SYSTEM_LABELS[s]}" for s in SYSTEMS},
    "all_systems_rate": "七项全部落实",
}
_PROJECT_LABELS = {
    "project_id": "项目编号",
    "name": "项目名称",
    "township": "属地",
    "department": "主管部门",
    "investment_type": "投资类型",
    **{s: SYSTEM_LABELS[s] for s in SYSTEMS},
    "all_systems": "七项全部落实",
}


class SelfInspectionModel(AppModel):
    """State of the self-inspection app: the base's assessment, the filter, the project drilled."""

    project_id = traitlets.Unicode(None, allow_none=True, help="Project drilled into, or None.")

    def status(self) -> pd.DataFrame:
        """Self-inspection status of the subjects matching the filter, with their groups.

        ``contact_person`` and ``contact_phone`` (联系人, 联系电话) come with each subject when
        its ledger has them: whom to call about a missing or disagreeing form.
        """
        a = self.assessment
        if a is None or a.self_inspection is None:
            return pd.DataFrame(columns=[*_STATUS_COLUMNS, "submitted", "mismatched"])
        groups = a.subjects[["subject_id", "township", "department", "investment_type"]]
        frame = a.self_inspection.merge(groups, on="subject_id", how="left")
        frame = with_contacts(frame, a.get("projects"), a.get("employers"))
        return self.filter.apply(frame).reset_index(drop=True)

    def systems(self) -> pd.DataFrame:
        """Return the seven systems of the projects matching the filter."""
        a = self.assessment
        if a is None or a.systems is None:
            return pd.DataFrame(columns=list(_PROJECT_LABELS))
        return self.filter.apply(a.systems).reset_index(drop=True)


def _status_rows(status: pd.DataFrame, view: str) -> pd.DataFrame:
    """Select the status rows of one view, with a Chinese state column."""
    if view == "missing":
        status = status[~status["submitted"].astype(bool)]
    elif view == "mismatched":
        status = status[status["mismatched"].astype(bool)]
    elif view == "submitted":
        status = status[status["submitted"].astype(bool)]
    submitted = status["submitted"].astype(bool)
    mismatched = status["mismatched"].astype(bool)
    state = pd.Series("已提交", index=status.index, dtype="str")
    state = state.where(submitted, "未提交").where(~mismatched, "自报不符")
    rows = status.assign(kind=status["subject_kind"].map(SUBJECT_KIND_LABELS), state=state)
    return rows[[c for c in _STATUS_COLUMNS if c in rows.columns]].reset_index(drop=True)


def _mark(value: Any) -> str:
    return (
        "<span style='color:#155724'>✔ 已落实</span>"
        if bool(value)
        else ("<span style='color:#c9302c;font-weight:600'>✘ 未落实</span>")
    )


class SelfInspectionApp(App):
    """Self-inspection forms, the seven systems by project and group, and one project's card.

    A missing form or a form that disagrees with the ledgers goes onto the enforcement list in
    one click: a finding 检查发现问题 (``self_inspection.missing`` or
    ``self_inspection.mismatch``) recorded in the store, which the enforcement app's project
    card and every finding count show.

    Parameters
    ----------
    campaign
        An already loaded campaign (tests); by default the picker loads the chosen folder.
    folder
        Folder to open (default: the campaign chosen for every app).
    as_of
        The day of the figures (default: ``$WAGEKIT_AS_OF`` or today).
    store
        The workspace store (forms received, findings recorded).

    """

    def __init__(
        self,
        campaign: Any = None,
        *,
        folder: str | Path | None = None,
        as_of: dt.date | str | None = None,
        store: Any = None,
        **kwargs: Any,
    ) -> None:
        self.model = SelfInspectionModel(store=app_store(store), as_of=app_as_of(as_of))
        header = self._build_header(campaign, folder)
        self.w_cards = {
            "expected": KpiCard("应自查主体", unit="个"),
            "submitted": KpiCard("已提交", unit="个", rate_label="提交率"),
            "missing": KpiCard("未提交", unit="个"),
            "mismatched": KpiCard("自报不符", unit="个"),
            "all_systems": KpiCard("七项制度全部落实", unit="个项目", rate_label="落实率"),
        }
        for key, card in self.w_cards.items():
            card.add_class(f"wk-kpi-{key.replace('_', '-')}")
        self.w_status_view = widgets.ToggleButtons(
            options=[(v, k) for k, v in STATUS_VIEWS.items()], value="missing"
        )
        self.w_table_status = DataTable(labels=_STATUS_LABELS, page_size=15)
        self.w_table_status.add_class("wk-table-status")
        # Every subject without a form, with whom to call: the list someone works through.
        self.w_missing_list = DownloadButton(
            "下载未提交自查表清单", self._missing_forms, key="missing-forms"
        )
        self.w_hand_over = widgets.Combobox(
            description="对象",
            placeholder="输入编号或名称查找",
            ensure_option=True,
            layout={"width": "520px"},
            style={"description_width": "48px"},
        )
        self.w_hand_over.add_class("wk-hand-over-subject")
        self.w_by = recorder_field(style={"description_width": "48px"})
        self.w_enlist = widgets.Button(
            description="列入执法检查清单", icon="gavel", button_style="warning"
        )
        self.w_enlist.add_class("wk-enlist")
        self.w_enlist_alert = Alert()
        self._build_receipt_form()
        self.w_coverage_by = widgets.ToggleButtons(
            options=[(v, k) for k, v in COVERAGE_VIEWS.items()], value="township"
        )
        self.w_table_coverage = DataTable(labels=_GROUP_LABELS, page_size=20)
        self.w_table_coverage.add_class("wk-table-coverage")
        self.w_table_projects = DataTable(labels=_PROJECT_LABELS, page_size=15)
        self.w_table_projects.add_class("wk-table-projects")
        self.w_chart = ChartPanel("七项制度落实率", figsize=(6.4, 3.4))
        self._charts = LaterCharts(self.w_alert)
        self.w_project = widgets.Combobox(
            description="项目",
            placeholder="输入项目编号或名称查找",
            ensure_option=True,
            layout={"width": "520px"},
            style={"description_width": "48px"},
        )
        self.w_project.add_class("wk-project-picker")
        self._project_ids: dict[str, str] = {}
        self._subject_ids: dict[str, str] = {}
        self.w_card = widgets.HTML()
        self.w_card.add_class("wk-project-card")
        super().__init__(
            [
                *header,
                widgets.HBox(list(self.w_cards.values()), layout={"flex_flow": "row wrap"}),
                self.w_filters,
                widgets.HTML("<h3>自查表提交情况</h3>"),
                self.w_status_view,
                self.w_table_status,
                self.w_missing_list,
                widgets.HTML(
                    "<b>未提交或自报不符的，可一键列入执法检查清单</b>"
                    "（登记为检查发现问题，执法检查与处置应用中可见）"
                ),
                widgets.HBox([self.w_hand_over, self.w_by, self.w_enlist]),
                self.w_enlist_alert,
                self.w_receipt,
                widgets.HTML("<h3>七项制度落实情况</h3>"),
                self.w_chart,
                self.w_coverage_by,
                self.w_table_coverage,
                widgets.HTML("<h3>各项目制度落实明细</h3>"),
                self.w_table_projects,
                widgets.HTML("<h3>查看单个项目</h3>"),
                self.w_project,
                self.w_card,
            ],
            **kwargs,
        )
        self.add_class("wk-self-inspection")
        self.w_status_view.observe(self._on_status_view_change, names="value")
        self.w_coverage_by.observe(self._on_coverage_by_change, names="value")
        self.w_project.observe(self._on_project_pick, names="value")
        self.w_enlist.on_click(self._on_enlist)
        self.model.observe(self._on_project_change, names="project_id")
        self._start()

    def _missing_forms(self) -> Any:
        from wagekit.outputs.lists import missing_forms_file

        if self.model.assessment is None:
            raise ValueError("尚未读取专项行动台账，无法生成未提交自查表清单")
        return missing_forms_file(self.model.assessment)

    def _build_receipt_form(self) -> None:
        wide = {"description_width": "96px"}
        self.w_receipt_subject = widgets.Combobox(
            description="自查主体",
            placeholder="输入编号或名称查找",
            ensure_option=True,
            layout={"width": "520px"},
            style=wide,
        )
        self.w_receipt_date = widgets.DatePicker(
            description="提交日期", value=self.model.as_of, style=wide
        )
        self.w_receipt_amount = widgets.Text(
            description="自报欠薪金额", placeholder="元，无欠薪填 0", style=wide
        )
        self.w_receipt_workers = widgets.BoundedIntText(
            description="自报欠薪人数", value=0, min=0, max=1_000_000, style=wide
        )
        self.w_receipt_save = widgets.Button(
            description="登记自查表", icon="save", button_style="primary"
        )
        self.w_receipt_save.add_class("wk-receipt-save")
        self.w_receipt_alert = Alert()
        self.w_receipt_save.on_click(self._on_receipt)
        # The recorder's own receipts, to correct or withdraw (audited).
        self.w_mine = MyEntries(
            "self_inspection_receipts",
            store=self.model.store,
            ledgers=lambda: self.model.campaign,
            fixed=("subject_id",),
            fields=(
                "submitted_date",
                "reported_arrears_amount",
                "reported_arrears_workers",
                "rectified",
                "note",
            ),
        )
        self.w_mine.observe(self._on_receipt_changed, names="saved")
        self.w_receipt = widgets.VBox(
            [
                widgets.HTML("<h3>登记收到的自查表</h3>"),
                self.w_receipt_subject,
                widgets.HBox([self.w_receipt_date, self.w_receipt_amount]),
                widgets.HBox([self.w_receipt_workers, self.w_receipt_save]),
                self.w_receipt_alert,
                self.w_mine,
            ]
        )
        self.w_receipt.add_class("wk-receipt-form")

    # ------------------------------------------------------------------ state -> view

    def set_campaign(self, campaign: Any) -> None:
        """Show ``campaign`` with no project drilled into."""
        self.model.project_id = None
        super().set_campaign(campaign)

    def refresh(self) -> None:
        """Re-assess; the cards from the summary, then the filtered views."""
        self.model.refresh()
        self._show_cards()
        if self.model.assessment is not None:
            self.w_mine.show(self.model.assessment.records.self_inspection_receipts)
        self.show_filtered()

    def show_filtered(self) -> None:
        """Status, coverage, projects and the pickers for the subjects the filter keeps."""
        status = self.model.status()
        systems = self.model.systems()
        self._show_status(status)
        self._show_coverage(systems)
        self.w_table_projects.data = systems[[c for c in _PROJECT_LABELS if c in systems]]
        self._project_ids = {
            f"{p} {n}": p for p, n in zip(systems["project_id"], systems["name"], strict=True)
        }
        self.w_project.options = list(self._project_ids)
        flagged = status[~status["submitted"].astype(bool) | status["mismatched"].astype(bool)]
        self._subject_ids = {
            f"{i} {n}（{'自报不符' if m else '未提交'}）": i
            for i, n, m in zip(
                flagged["subject_id"],
                flagged["name"],
                flagged["mismatched"].astype(bool),
                strict=True,
            )
        }
        self.w_hand_over.options = list(self._subject_ids)
        self._all_subjects = {
            f"{i} {n}": i for i, n in zip(status["subject_id"], status["name"], strict=True)
        }
        self.w_receipt_subject.options = list(self._all_subjects)
        if self.model.project_id not in set(systems["project_id"]):
            self.model.project_id = None
            self.w_project.value = ""
        self._charts.draw(functools.partial(self._draw, systems))

    # --------------------------------------------------------------- callbacks

    @shows_errors("w_alert", busy=None)
    def _on_status_view_change(self, _change: Any = None) -> None:
        self._show_status(self.model.status())

    @shows_errors("w_alert", busy=None)
    def _on_coverage_by_change(self, _change: Any = None) -> None:
        self._show_coverage(self.model.systems())

    @shows_errors("w_alert", busy=None)
    def _on_project_pick(self, change: dict) -> None:
        picked = self._project_ids.get(change["new"])
        if picked or not change["new"]:
            self.model.project_id = picked

    @shows_errors("w_alert", busy=None)
    def _on_project_change(self, _change: Any = None) -> None:
        self.w_card.value = self._project_card(self.model.project_id)

    @shows_errors("w_enlist_alert", button="w_enlist", busy="正在登记……")
    def _on_enlist(self, _button: widgets.Button) -> str:
        subject = self._subject_ids.get(self.w_hand_over.value)
        if subject is None:
            raise ValueError("请从列表中选择未提交或自报不符的对象")
        by = self.w_by.value.strip()
        if not by:
            raise ValueError("请填写登记人姓名")
        row = self.model.assessment.self_inspection.set_index("subject_id").loc[subject]
        if bool(row["mismatched"]):
            code = "self_inspection.mismatch"
            note = (
                f"自查自报欠薪 {row['reported_amount']:,.2f} 元 / {row['reported_workers']} 人，"
                f"台账核算 {row['computed_amount']:,.2f} 元 / {row['computed_workers']} 人，"
                "自报不符，列入执法检查"
            )
        else:
            code = "self_inspection.missing"
            note = "未按期提交自查表，列入执法检查"
        record_checked(
            self.model.store,
            self.model.campaign,
            "findings",
            {"subject_id": subject, "code": code, "severity": "serious", "note": note},
            by=by,
        )
        self.w_hand_over.value = ""
        self.refresh()
        return f"已将 {subject} 列入执法检查清单：{note}"

    @shows_errors("w_alert", busy="正在更新……")
    def _on_receipt_changed(self, _change: dict) -> None:
        self.refresh()

    @shows_errors("w_receipt_alert", button="w_receipt_save", busy="正在登记……")
    def _on_receipt(self, _button: widgets.Button) -> str:
        subject = self._all_subjects.get(self.w_receipt_subject.value)
        if subject is None:
            raise ValueError("请从列表中选择自查主体")
        by = self.w_by.value.strip()
        if not by:
            raise ValueError("请填写登记人姓名")
        # The store reads the amount as the ledger's loader does (3.2万, 1,234.5 …).
        record_checked(
            self.model.store,
            self.model.campaign,
            "self_inspection_receipts",
            {
                "subject_id": subject,
                "submitted_date": self.w_receipt_date.value,
                "reported_arrears_amount": self.w_receipt_amount.value.strip(),
                "reported_arrears_workers": int(self.w_receipt_workers.value),
            },
            by=by,
        )
        self.w_receipt_subject.value = self.w_receipt_amount.value = ""
        self.w_receipt_workers.value = 0
        self.w_receipt_date.value = self.model.as_of
        self.refresh()
        return f"已登记 {subject} 的自查表"

    # ----------------------------------------------------------------- views

    def _show_cards(self) -> None:
        figure = self.model.figure
        expected = figure("self_inspection", "expected")
        submitted = figure("self_inspection", "submitted")
        rate = None if not expected or submitted is None else submitted / expected
        self.w_cards["expected"].set(expected)
        self.w_cards["submitted"].set(submitted, rate=rate)
        self.w_cards["missing"].set(figure("self_inspection", "missing"))
        self.w_cards["mismatched"].set(figure("self_inspection", "mismatched"))
        self.w_cards["all_systems"].set(
            figure("projects", "all_systems", "count"),
            rate=figure("projects", "all_systems", "rate"),
        )

    def _show_status(self, status: pd.DataFrame) -> None:
        self.w_table_status.data = _status_rows(status, self.w_status_view.value)

    def _show_coverage(self, systems: pd.DataFrame) -> None:
        by = self.w_coverage_by.value
        if systems.empty:
            self.w_table_coverage.data = pd.DataFrame()
            return
        coverage = systems_coverage(systems, by=by)
        rates = [f"{s}_rate" for s in (*SYSTEMS, "all_systems")]
        shown = coverage[[by, "projects", *rates]].copy()
        for column in rates:
            shown[column] = (shown[column] * 100).round(1).astype(str) + "%"
        self.w_table_coverage.data = shown

    def _draw(self, systems: pd.DataFrame) -> None:
        if systems.empty:
            self.w_chart.show_message("所选范围内没有项目。")
            return
        overall = systems_coverage(systems, by=None)
        labels = [SYSTEM_LABELS[s] for s in SYSTEMS]
        rates = [float(overall[f"{s}_rate"].iloc[0]) * 100 for s in SYSTEMS]

        def draw(ax: Any) -> None:
            bars = ax.barh(labels[::-1], rates[::-1], color="#4a7bb7")
            ax.bar_label(bars, labels=[f"{r:.1f}%" for r in rates[::-1]], padding=3, fontsize=8)
            ax.set_xlim(0, 110)
            ax.set_xlabel(f"落实率（%），共 {len(systems)} 个项目")

        self.w_chart.plot(draw, data=(rates, len(systems)))

    def _project_card(self, project_id: str | None) -> str:
        a = self.model.assessment
        if project_id is None or a is None or a.systems is None:
            return ""
        row = a.systems[a.systems["project_id"] == project_id]
        if row.empty:
            return f"<p>找不到项目 {html.escape(project_id)}。</p>"
        p = row.iloc[0]
        systems = "".join(
            f"<tr><td>{html.escape(SYSTEM_LABELS[s])}</td><td>{_mark(p[s])}</td></tr>"
            for s in SYSTEMS
        )
        status_html = "<p>没有自查表台账。</p>"
        if a.self_inspection is not None:
            s = a.self_inspection[a.self_inspection["subject_id"] == project_id].iloc[0]
            if not bool(s["submitted"]):
                status_html = "<p style='color:#c9302c'>自查表：未提交</p>"
            else:
                verdict = "自报与核算不符" if bool(s["mismatched"]) else "自报与核算一致"
                status_html = (
                    f"<p>自查表：{s['submitted_date']:%Y-%m-%d} 提交（第 {s['row']} 行），"
                    f"自报欠薪 {s['reported_amount']:,.2f} 元 / {s['reported_workers']} 人，"
                    f"核算欠薪 {s['computed_amount']:,.2f} 元 / {s['computed_workers']} 人——"
                    f"<b>{verdict}</b></p>"
                )
        return (
            "<div style='border:1px solid #ddd;border-radius:6px;padding:8px 14px'>"
            f"<h4>{html.escape(str(p['name']))}（{html.escape(project_id)}）</h4>"
            f"<p>属地：{html.escape(str(p['township']))}　主管部门："
            f"{html.escape(str(p['department']))}　投资类型："
            f"{html.escape(str(p['investment_type']))}</p>"
            f"<table class='wagekit-datatable'>{systems}</table>{status_html}</div>"
        )
