"""Case tracker 案件跟踪: every case with its deadline, days left and 两清零 class; record actions.

The table lists the cases received by the day of the figures, as the assessment sees them (the
store's actions applied): status 办理状态, deadline 办结期限, days left 剩余天数, 两清零 class and
date, amount recovered. Clicking a case's row (or picking it in the list below) fills the
action form with where it stands; saving records a case action 案件办理记录 (status, date,
total recovered so far) in the store. When someone else recorded an action on the same case
after it was picked, the save is refused with the store's
:class:`~wagekit.store.StaleVersionError` message (who changed it, when) — the inspector
refreshes and decides again rather than overwriting a colleague's work unseen. Below the form,
the recorder's own case actions 我的登记 can be corrected or withdrawn.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from wagekit.ids import mask_id_numbers_in_text
from wagekit.schema import CASE_STATUSES
from wagekit.store import StaleVersionError
from wagekit.store.ledger import check_case_action, record_checked
from wagekit.store.records import parse_amount
from wagekit.tables import CASE_LEDGER_HEADERS, case_ledger

from .errors import Alert, shows_errors
from .forms import recorder_field
from .my_entries import MyEntries
from .reveal import Reveal
from .table import DataTable

__all__ = ["CaseTracker", "TRACKER_COLUMNS"]

TRACKER_COLUMNS = (
    "case_id",
    "respondent",
    "project_id",
    "township",
    "received_date",
    "status",
    "deadline",
    "days_left",
    "working_days_left",
    "overdue",
    "two_zero_class",
    "two_zero_deadline",
    "amount_involved",
    "amount_recovered",
)


def _left_text(row: pd.Series) -> str:
    """Time left before the deadline as an inspector says it; overdue in working days."""
    left, working = row.get("days_left"), row.get("working_days_left")
    if row.get("closed"):
        return ""
    if pd.notna(working) and working < 0:
        return f"（超期 {-int(working)} 个工作日）"
    if pd.notna(left):
        return f"（剩余 {int(left)} 天）"
    return ""


class CaseTracker(widgets.VBox):
    """The cases table and the action form; ``show(assessment, cases=None)`` fills them.

    ``store`` and ``campaign`` are set by the app (or passed in); ``saved`` counts saved
    actions so the app can re-assess; ``case_id`` is the case picked. ``w_mine`` lists the
    recorder's case actions (the app fills it with ``w_mine.show``).
    """

    saved = traitlets.Int(0, help="Number of case actions saved, corrected or withdrawn here.")
    case_id = traitlets.Unicode(None, allow_none=True, help="The case picked, or None.")

    def __init__(
        self,
        *,
        store: Any = None,
        campaign: Any = None,
        as_of: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        self.as_of = as_of or dt.date.today()
        self.store = store
        self.campaign = campaign
        self.ledger = pd.DataFrame()
        self._seen_action: int | None = None
        wide = {"description_width": "80px"}
        self.w_table = DataTable(
            labels=CASE_LEDGER_HEADERS, columns=TRACKER_COLUMNS, page_size=15, row_key="case_id"
        )
        self.w_table.add_class("wk-table-cases")
        self.w_case = widgets.Dropdown(
            description="选择案件",
            options=[("（请选择）", "")],
            style=wide,
            layout={"width": "420px"},
        )
        self.w_current = widgets.HTML()
        self.w_status = widgets.Dropdown(description="办理状态", options=CASE_STATUSES, style=wide)
        self.w_date = widgets.DatePicker(description="办理日期", value=self.as_of, style=wide)
        self.w_recovered = widgets.Text(
            description="累计追回（元）",
            placeholder="不填则不变",
            style={"description_width": "100px"},
        )
        self.w_by = recorder_field(style=wide)
        self.w_note = widgets.Text(description="备注", style=wide, layout={"width": "520px"})
        self.w_save = widgets.Button(description="登记办理", icon="save", button_style="primary")
        self.w_save.add_class("wk-case-save")
        self.w_alert = Alert()
        # A click on a row scrolls down to the action form it filled.
        self.w_reveal_form = Reveal()
        self.w_mine = MyEntries(
            "case_actions",
            store=store,
            ledgers=lambda: self.campaign,
            fixed=("case_id",),
            fields=("status", "action_date", "amount_recovered", "note"),
        )
        super().__init__(
            [
                self.w_table,
                self.w_reveal_form,
                widgets.HTML("<b>登记案件办理</b>"),
                self.w_case,
                self.w_current,
                widgets.HBox([self.w_status, self.w_date]),
                self.w_recovered,
                self.w_by,
                self.w_note,
                self.w_save,
                self.w_alert,
                self.w_mine,
            ],
            **kwargs,
        )
        self.add_class("wk-case-tracker")
        self.w_mine.observe(self._on_mine_changed, names="saved")
        self.w_case.observe(self._on_case_change, names="value")
        self.w_table.observe(self._on_row, names="selected")
        self.w_save.on_click(self._on_save)

    def _on_mine_changed(self, _change: dict) -> None:
        self.saved += 1

    def show(self, assessment: Any, cases: pd.DataFrame | None = None) -> None:
        """Show the cases of ``assessment`` (or the rows ``cases`` of its case ledger)."""
        ledger = case_ledger(assessment) if cases is None else cases
        # Open cases first, those whose deadline comes soonest at the top.
        self.ledger = ledger.sort_values(
            ["closed", "deadline"], kind="stable", na_position="last"
        ).reset_index(drop=True)
        self.w_table.data = self.ledger
        keep = self.w_case.value
        options = [("（请选择）", "")] + [
            (mask_id_numbers_in_text(f"{row.case_id}　{row.respondent}　{row.status}"), row.case_id)
            for row in self.ledger[["case_id", "respondent", "status"]].itertuples()
        ]
        self.w_case.options = options
        self.w_case.value = keep if keep in set(self.ledger["case_id"]) else ""
        # What is on screen now is what the inspector has seen: remember its latest action.
        self._remember()
        self._describe()

    def _latest_action(self, case_id: str) -> pd.Series | None:
        history = self.store.records(self.campaign, "case_actions")
        mine = history[history["case_id"] == case_id]
        return None if mine.empty else mine.sort_values("id").iloc[-1]

    @shows_errors("w_alert", busy=None)
    def _on_row(self, change: dict) -> None:
        if change["new"]:
            self.w_case.value = change["new"]
            self.w_reveal_form.reveal()

    @shows_errors("w_alert", busy=None)
    def _on_case_change(self, change: dict) -> None:
        self.case_id = change["new"] or None
        self.w_table.selected = self.case_id
        self._remember()
        self._describe()

    def _remember(self) -> None:
        self._seen_action = None
        if self.case_id and self.store is not None and self.campaign is not None:
            latest = self._latest_action(self.case_id)
            self._seen_action = None if latest is None else int(latest["id"])

    def _describe(self) -> None:
        if not self.case_id or self.ledger.empty:
            self.w_current.value = ""
            return
        row = self.ledger[self.ledger["case_id"] == self.case_id].iloc[0]
        if row["status"] in CASE_STATUSES:
            self.w_status.value = row["status"]
        recovered = row["amount_recovered"]
        self.w_recovered.value = "" if pd.isna(recovered) else f"{recovered:.2f}"
        deadline = row["deadline"]
        self.w_current.value = (
            f"<div class='wk-case-current'>当前状态：{row['status']}；办结期限："
            f"{'' if pd.isna(deadline) else f'{deadline:%Y-%m-%d}'}"
            f"{_left_text(row)}；"
            f"两清零：{row['two_zero_class']}</div>"
        )

    @shows_errors("w_alert", button="w_save", busy="正在保存……")
    def _on_save(self, _button: widgets.Button) -> str:
        if self.store is None or self.campaign is None:
            raise RuntimeError("尚未读取专项行动台账或打开工作区，无法保存")
        if not self.case_id:
            raise ValueError("请先选择案件")
        if self.w_date.value is None:
            raise ValueError("请填写办理日期")
        if not self.w_by.value.strip():
            raise ValueError("请填写登记人姓名")
        text = self.w_recovered.value.strip()
        recovered = parse_amount(text, "追回金额") if text else None
        check_case_action(
            self.campaign, self.case_id, date=self.w_date.value, amount_recovered=recovered
        )
        latest = self._latest_action(self.case_id)
        if latest is not None and int(latest["id"]) != self._seen_action:
            raise StaleVersionError(latest["updated_by"], latest["updated_at"])
        record = record_checked(
            self.store,
            self.campaign,
            "case_actions",
            {
                "case_id": self.case_id,
                "status": self.w_status.value,
                "action_date": self.w_date.value,
                "amount_recovered": recovered,
                "note": self.w_note.value.strip() or None,
            },
            by=self.w_by.value.strip(),
        )
        self._seen_action = int(record["id"])
        self.saved += 1
        return f"已登记：案件 {self.case_id} {self.w_status.value}（{self.w_date.value}）"
