"""Order form 执法文书登记: record an order issued to a project or employer, with its deadline.

The kinds are the store's :data:`wagekit.store.ORDER_KINDS` (约谈询问笔录, 限期整改指令书,
纳入黑名单事先告知书, 移送公安). An order to pay whose deadline passes unpaid feeds the
escalation figures of the summary. The subject must be in the ledgers; the store checks dates.
Below the form, the recorder's own orders 我的登记 can be corrected or withdrawn.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets
import traitlets

from wagekit.store import ORDER_KINDS
from wagekit.store.ledger import record_checked

from .errors import Alert, shows_errors
from .forms import checked_subject_and_recorder, recorder_field
from .my_entries import MyEntries

__all__ = ["OrderForm"]


class OrderForm(widgets.VBox):
    """Kind, subject, issued date, deadline; ``w_save`` records the order in the store.

    ``w_mine`` lists the recorder's orders (the app fills it with ``w_mine.show``).
    """

    saved = traitlets.Int(0, help="Number of orders saved, corrected or withdrawn here.")

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
        wide = {"description_width": "80px"}
        self.w_subject = widgets.Text(
            description="对象编号", placeholder="项目编号或统一社会信用代码", style=wide
        )
        self.w_kind = widgets.Dropdown(
            description="文书类型", options=ORDER_KINDS, value="限期整改指令书", style=wide
        )
        self.w_issued = widgets.DatePicker(description="下达日期", value=self.as_of, style=wide)
        self.w_deadline = widgets.DatePicker(description="履行期限", style=wide)
        self.w_by = recorder_field(style=wide)
        self.w_note = widgets.Text(description="备注", style=wide, layout={"width": "520px"})
        self.w_save = widgets.Button(description="登记文书", icon="save", button_style="primary")
        self.w_save.add_class("wk-order-save")
        self.w_alert = Alert()
        self.w_mine = MyEntries(
            "orders",
            store=store,
            ledgers=lambda: self.campaign,
            fixed=("subject_id",),
            fields=("kind", "issued", "deadline", "note"),
        )
        # The form proper (wk-order-form), then 我的登记 with fields of its own.
        self.w_form = widgets.VBox(
            [
                self.w_subject,
                self.w_kind,
                self.w_issued,
                self.w_deadline,
                self.w_by,
                self.w_note,
                self.w_save,
                self.w_alert,
            ]
        )
        self.w_form.add_class("wk-order-form")
        super().__init__([self.w_form, self.w_mine], **kwargs)
        self.w_save.on_click(self._on_save)
        self.w_mine.observe(self._on_mine_changed, names="saved")

    def _on_mine_changed(self, _change: dict) -> None:
        self.saved += 1

    @shows_errors("w_alert", button="w_save", busy="正在保存……")
    def _on_save(self, _button: widgets.Button) -> str:
        subject, by = checked_subject_and_recorder(
            self.store, self.campaign, subject=self.w_subject, date=self.w_issued, by=self.w_by
        )
        record_checked(
            self.store,
            self.campaign,
            "orders",
            {
                "subject_id": subject,
                "kind": self.w_kind.value,
                "issued": self.w_issued.value,
                "deadline": self.w_deadline.value,
                "note": self.w_note.value.strip() or None,
            },
            by=by,
        )
        self.saved += 1
        deadline = f"，履行期限 {self.w_deadline.value}" if self.w_deadline.value else ""
        kind = self.w_kind.value
        # Ready for the next order: the subject and note cleared, the day of the figures.
        self.w_subject.value = self.w_note.value = ""
        self.w_issued.value, self.w_deadline.value = self.as_of, None
        return f"已登记：向 {subject} 下达{kind}{deadline}"
