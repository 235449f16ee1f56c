"""Enforcement app 执法检查与处置: the inspection list, a project's card, the forms, the cases.

:class:`EnforcementModel` holds the state the notebook's widgets follow: the campaign, the day
of the figures, the store, the assessment of that day (store merged), the filter and the
subject picked. :class:`EnforcementApp` lays out the campaign picker, the filter bar, the
inspection priority list 检查清单 (every 政府投资 / 国有企业 / 政府和社会资本合作 project first,
then the highest risk, with the reasons), and tabs for the project card 项目详情, the on-site
checklist 现场检查, the order form 执法文书, the orders' fulfilment 文书履行 and the case tracker
案件跟踪. Whatever the forms save goes to the store; the app then re-reads what depends on it
(an order to pay fulfilled or lapsed changes the criminal-transfer figures).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from wagekit.labels import TIER_LABELS
from wagekit.tables import case_ledger

from ..components.case_tracker import CaseTracker
from ..components.download import DownloadButton
from ..components.errors import shows_errors
from ..components.inspection_form import InspectionForm
from ..components.order_form import OrderForm
from ..components.order_list import OrderList
from ..components.project_card import ProjectCard
from ..components.reveal import Reveal
from ..components.table import DataTable
from ..runtime.context import app_as_of, app_store
from .base import App, AppModel

__all__ = ["EnforcementApp", "EnforcementModel", "PRIORITY_LABELS"]

PRIORITY_LABELS = {
    "rank": "顺序",
    "subject_id": "编号",
    "name": "名称",
    "township": "属地",
    "department": "主管部门",
    "investment_type": "投资类型",
    "tier": "风险等级",
    "reason": "列入原因",
}


class EnforcementModel(AppModel):
    """State of the enforcement notebook; ``store`` is also the one the forms write to."""

    selected_project = traitlets.Unicode(None, allow_none=True, help="Subject picked (project id).")

    def priority(self) -> pd.DataFrame:
        """Return the inspection list of the assessment, filtered (empty before loading)."""
        if self.assessment is None:
            return pd.DataFrame(columns=list(PRIORITY_LABELS))
        ranked = self.assessment.inspection_priority()
        if ranked is None:
            return pd.DataFrame(columns=list(PRIORITY_LABELS))
        ranked = ranked.assign(tier=ranked["tier"].map(TIER_LABELS).astype("str"))
        return self.filter.apply(ranked)


class EnforcementApp(App):
    """The 03_enforcement app.

    Parameters
    ----------
    campaign
        A loaded campaign; by default the picker loads ``$WAGEKIT_CAMPAIGN`` or the sample.
    store
        The workspace store; by default ``$WAGEKIT_DB`` or the default SQLite file.
    folder
        Folder the picker starts on when no campaign is given.
    as_of
        Day of the figures; by default ``$WAGEKIT_AS_OF`` or today.

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
        self.model = EnforcementModel(store=app_store(store), as_of=app_as_of(as_of))
        header = self._build_header(campaign, folder, refresh="刷新")
        # A click on a row opens the subject: its card, the forms filled, its cases.
        self.w_priority = DataTable(
            labels=PRIORITY_LABELS, columns=list(PRIORITY_LABELS), row_key="subject_id"
        )
        self.w_priority.add_class("wk-table-priority")
        # Searchable: type part of an id or a name among hundreds of subjects.
        self.w_subject = widgets.Combobox(
            description="选择对象",
            placeholder="输入编号或名称查找",
            ensure_option=True,
            style={"description_width": "64px"},
            layout={"width": "520px"},
        )
        self._subject_ids: dict[str, str] = {}
        # A click in the list scrolls down to what it opened: the picker and the tabs below.
        self.w_reveal_subject = Reveal()
        self.w_subject.add_class("wk-subject-picker")
        self.w_card = ProjectCard()
        store_ = self.model.store
        day = self.model.as_of
        self.w_inspection = InspectionForm(store=store_, as_of=day)
        self.w_order = OrderForm(store=store_, as_of=day)
        self.w_orders = OrderList(store=store_)
        self.w_cases = CaseTracker(store=store_, as_of=day)
        self.w_tabs = widgets.Tab(
            children=[self.w_card, self.w_inspection, self.w_order, self.w_orders, self.w_cases]
        )
        titles = ("项目详情", "现场检查", "执法文书", "文书履行", "案件跟踪")
        # Open cases past their deadline to chase, apart from those closed late.
        self.w_overdue_list = DownloadButton(
            "下载超期案件清单", self._overdue_cases, key="overdue-cases"
        )
        for index, title in enumerate(titles):
            self.w_tabs.set_title(index, title)
        super().__init__(
            [
                *header,
                self.w_filters,
                widgets.HTML(
                    "<h3>检查清单（政府投资、国有企业、PPP项目全数检查，其余按风险排序）</h3>"
                ),
                self.w_priority,
                self.w_reveal_subject,
                self.w_subject,
                self.w_tabs,
                self.w_overdue_list,
            ],
            **kwargs,
        )
        self.add_class("wk-enforcement-app")
        self.w_subject.observe(self._on_subject, names="value")
        self.w_priority.observe(self._on_priority_row, names="selected")
        # Whatever a form records counts in the figures at once (an order to pay fulfilled
        # or lapsed moves the escalation figures, a case action the case figures).
        for form in (self.w_inspection, self.w_order, self.w_cases, self.w_orders):
            form.observe(self._on_saved, names="saved")
        self._start()

    # ------------------------------------------------------------------ state -> view

    def set_campaign(self, campaign: Any) -> None:
        """Show ``campaign``: no subject picked, the forms on it, then as every assessed app."""
        self.model.selected_project = None
        for form in (self.w_inspection, self.w_order, self.w_orders, self.w_cases):
            form.campaign = campaign
        super().set_campaign(campaign)

    def refresh(self) -> None:
        """Re-assess; redraw the inspection list, the cases, the orders and the project card."""
        self.model.refresh()
        self._show_priority()
        self._show_cases()
        self.w_orders.refresh()
        self._show_card()
        self._show_mine()

    def show_filtered(self) -> None:
        """Redraw the inspection list and the cases for the filter."""
        self._show_priority()
        self._show_cases()

    def _show_priority(self) -> None:
        ranked = self.model.priority()
        self.w_priority.data = ranked
        self._subject_ids = {
            f"{r.rank}. {r.subject_id}　{r.name}": r.subject_id
            for r in ranked[["rank", "subject_id", "name"]].itertuples()
        }
        self.w_subject.options = list(self._subject_ids)
        if self.model.selected_project not in set(ranked["subject_id"]):
            self.w_subject.value = ""

    def _overdue_cases(self) -> Any:
        from wagekit.outputs.lists import overdue_cases_file

        if self.model.assessment is None or self.model.assessment.case_status is None:
            raise ValueError("没有欠薪线索及案件台账，无法生成超期案件清单")
        return overdue_cases_file(self.model.assessment)

    def _show_cases(self) -> None:
        assessment = self.model.assessment
        if assessment is None:
            return
        # A campaign without a cases ledger shows an empty tracker, not the last campaign's.
        ledger = self.model.filter.apply(case_ledger(assessment))
        # With a subject picked, its cases only: the case tab belongs to that project.
        subject = self.model.selected_project
        if subject:
            name = assessment.subjects.set_index("subject_id")["name"].get(subject)
            ledger = ledger[(ledger["project_id"] == subject) | (ledger["respondent"] == name)]
        self.w_cases.show(assessment, ledger)

    def _show_mine(self) -> None:
        """The recorder's own inspections, orders and case actions, under their forms."""
        if self.model.assessment is None:
            return
        records = self.model.assessment.records
        self.w_inspection.w_mine.show(records.inspections)
        self.w_order.w_mine.show(records.orders)
        self.w_cases.w_mine.show(records.case_actions)

    def _show_card(self) -> None:
        assessment = self.model.assessment
        selected = self.model.selected_project
        if selected and assessment is not None:
            records = assessment.records
            self.w_card.show(
                assessment,
                selected,
                inspections=records.inspections,
                findings=records.findings,
                orders=records.orders,
            )
        else:
            self.w_card.show(None, None)

    # ------------------------------------------------------------------ callbacks

    @shows_errors("w_alert", busy=None)
    def _on_subject(self, change: dict) -> None:
        subject = self._subject_ids.get(change["new"])
        if subject is None and change["new"]:
            return  # still typing
        self.select(subject)

    @shows_errors("w_alert", busy=None)
    def _on_priority_row(self, change: dict) -> None:
        # A click, not select() marking the subject it opened: open it, show its card.
        if change["new"] and change["new"] != self.model.selected_project:
            self.select(change["new"])
            self.w_tabs.selected_index = 0
            self.w_reveal_subject.reveal()

    def select(self, subject: str | None) -> None:
        """Open ``subject`` (a project id or credit code): its card, forms and cases."""
        self.model.selected_project = subject
        self.w_priority.selected = subject
        if subject:
            self.w_inspection.w_subject.value = subject
            self.w_order.w_subject.value = subject
            picked = [label for label, key in self._subject_ids.items() if key == subject]
            if picked:
                self.w_subject.value = picked[0]
        self._show_card()
        self._show_cases()

    @shows_errors("w_alert", busy="正在更新……")
    def _on_saved(self, _change: dict) -> None:
        self.refresh()
