"""My entries 我的登记: the records one recorder entered, to correct 更正 or withdraw 撤回.

Lists the records of one kind (:data:`wagekit.store.records.RECORDS`) whose last editor is the
recorder of this page (:data:`~wagekit.widgets.components.forms.RECORDER`). Picking one fills
a field per correctable field; *correct* saves the changes with
:func:`wagekit.store.ledger.update_checked` (the record as corrected passes the ledgers' checks
as a new one would: a case action's day and amount against its case, an event's township),
*withdraw* deletes the record with
:meth:`wagekit.store.Store.delete` (an inspection with its checklist results and findings).
Fields that say what the record is about (the subject 检查对象, the case 案件) are listed but
not corrected here: a record about the wrong subject is withdrawn and entered again, so the
form's check that the subject is in the ledgers is never bypassed. Both name the version on
screen, so a record changed by someone else since is refused with who changed it and when,
and both are written to the audit trail with the old values. ``saved`` counts the changes
so the app re-assesses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from wagekit.ids import mask_id_numbers_in_text
from wagekit.store.ledger import update_checked
from wagekit.store.records import RECORDS

from .errors import Alert, shows_errors
from .forms import RECORDER
from .table import DataTable

__all__ = ["MyEntries"]

_NONE = 0  # the "nothing picked" entry; record ids start at 1


def _text(value: Any) -> str:
    """A stored value as typed in a field: dates as YYYY-MM-DD, lists with 、."""
    if value is None or value is pd.NaT or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp | dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class MyEntries(widgets.VBox):
    """The page recorder's records of ``table``; ``show(records)`` lists them.

    ``records`` is the kind's frame of :class:`wagekit.recorded.StoreRecords` (id, version,
    updated_by, updated_at and the declared fields); ``fields`` the fields offered for
    correction (default: every declared field but references); ``fixed`` fields listed before
    them but not offered for correction. ``ledgers`` returns the campaign shown, whose ledgers
    check a correction; it is called at each correction (the app may have changed campaign).
    """

    saved = traitlets.Int(0, help="Number of corrections and withdrawals saved.")

    def __init__(
        self,
        table: str,
        *,
        store: Any = None,
        ledgers: Callable[[], Any] = lambda: None,
        fields: tuple[str, ...] | None = None,
        fixed: tuple[str, ...] = (),
        **kwargs: Any,
    ) -> None:
        self.table = table
        self.store = store
        self.ledgers = ledgers
        self.kind = RECORDS[table]
        self.fields = fields or tuple(n for n, f in self.kind.fields.items() if f.kind != "ref")
        self.fixed = fixed
        # What a withdrawal takes along (Store.delete): the kinds whose ref names this one.
        self.belonging = [
            kind.label
            for kind in RECORDS.values()
            if any(f.kind == "ref" and f.ref == table for f in kind.fields.values())
        ]
        self.records = pd.DataFrame()
        labels = {n: f.label for n, f in self.kind.fields.items()}
        labels |= {"id": "记录编号", "version": "版本", "updated_at": "登记时间"}
        self.w_table = DataTable(
            labels=labels,
            columns=["id", *self.fixed, *self.fields, "updated_at"],
            page_size=10,
            empty_text="您还没有登记过这类记录（按登记人姓名查找）。",
        )
        self.w_table.add_class("wk-my-entries-table")
        self.w_pick = widgets.Dropdown(
            description="选择记录",
            options=[("（请选择）", _NONE)],
            style={"description_width": "72px"},
            layout={"width": "520px"},
        )
        wide = {"description_width": "96px"}
        self.w_fields = {
            name: widgets.Text(description=self.kind.fields[name].label, style=wide)
            for name in self.fields
        }
        self.w_correct = widgets.Button(description="保存更正", icon="save")
        self.w_correct.add_class("wk-entry-correct")
        self.w_withdraw = widgets.Button(description="撤回", icon="undo", button_style="danger")
        self.w_withdraw.add_class("wk-entry-withdraw")
        self.w_alert = Alert()
        self.w_edit = widgets.VBox(
            [*self.w_fields.values(), widgets.HBox([self.w_correct, self.w_withdraw])]
        )
        self.w_edit.layout.display = "none"
        super().__init__(
            [
                widgets.HTML(f"<b>我登记的{self.kind.label}（可更正或撤回，均留痕）</b>"),
                self.w_table,
                self.w_pick,
                self.w_edit,
                self.w_alert,
            ],
            **kwargs,
        )
        self.add_class("wk-my-entries")
        self.w_pick.observe(self._on_pick, names="value")
        self.w_correct.on_click(self._on_correct)
        self.w_withdraw.on_click(self._on_withdraw)
        RECORDER.observe(self._on_recorder, names="name")

    def show(self, records: pd.DataFrame | None) -> None:
        """List the page recorder's records among ``records`` (all of this kind)."""
        self.records = pd.DataFrame() if records is None else records
        self._list()

    def mine(self) -> pd.DataFrame:
        """The records whose last editor is the page's recorder, newest first."""
        name = RECORDER.name.strip()
        if not name or self.records.empty:
            return self.records.iloc[0:0]
        own = self.records[self.records["updated_by"] == name]
        return own.sort_values("id", ascending=False).reset_index(drop=True)

    def _list(self) -> None:
        own = self.mine()
        # Names (检查人员) as typed, 张伟、李娜, not as a Python list.
        names = [n for n, f in self.kind.fields.items() if f.kind == "names" and n in own]
        self.w_table.data = own.assign(**{n: own[n].map(_text) for n in names})
        keep = self.w_pick.value
        self.w_pick.options = [("（请选择）", _NONE)] + [
            (
                mask_id_numbers_in_text(
                    f"{r['id']} · "
                    + " · ".join(_text(r[n]) for n in (*self.fixed, *self.fields)[:3])
                ),
                int(r["id"]),
            )
            for _, r in own.iterrows()
        ]
        self.w_pick.value = keep if keep in set(own["id"]) else _NONE
        self._fill()

    def _picked(self) -> pd.Series | None:
        found = self.records[self.records["id"] == self.w_pick.value] if self.w_pick.value else []
        return None if len(found) == 0 else found.iloc[0]

    def _fill(self) -> None:
        row = self._picked()
        self.w_edit.layout.display = "none" if row is None else None
        if row is not None:
            for name, field in self.w_fields.items():
                field.value = _text(row[name])

    def _by(self) -> str:
        by = RECORDER.name.strip()
        if not by:
            raise ValueError("请填写登记人姓名")
        return by

    @shows_errors("w_alert", busy=None)
    def _on_recorder(self, _change: dict) -> None:
        self._list()

    @shows_errors("w_alert", busy=None)
    def _on_pick(self, _change: dict) -> None:
        self._fill()

    @shows_errors("w_alert", button="w_correct", busy="正在保存……")
    def _on_correct(self, _button: widgets.Button) -> str:
        row = self._picked()
        if row is None:
            raise ValueError("请先选择要更正的记录")
        changes = {
            name: field.value.strip() or None
            for name, field in self.w_fields.items()
            if field.value.strip() != _text(row[name])
        }
        if not changes:
            return "没有改动，未写入"
        if "inspectors" in changes and changes["inspectors"]:
            changes["inspectors"] = [
                n for n in str(changes["inspectors"]).replace("，", "、").split("、") if n.strip()
            ]
        campaign = self.ledgers()
        if campaign is None:
            raise ValueError("尚未读取活动台账，无法核对更正内容")
        record = update_checked(self.store, campaign, self.table, row, changes, by=self._by())
        self.saved += 1
        return f"已更正记录 {record['id']}（版本 {record['version']}）"

    @shows_errors("w_alert", button="w_withdraw", busy="正在撤回……")
    def _on_withdraw(self, _button: widgets.Button) -> str:
        row = self._picked()
        if row is None:
            raise ValueError("请先选择要撤回的记录")
        self.store.delete(self.table, int(row["id"]), version=int(row["version"]), by=self._by())
        self.saved += 1
        along = f"，其{'和'.join(self.belonging)}一并撤回" if self.belonging else ""
        return f"已撤回记录 {int(row['id'])}{along}（原内容保存在操作记录中）"
