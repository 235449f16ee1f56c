"""Order list 执法文书跟踪: a campaign's orders in the store, and how each one ended.

Every order 执法文书 recorded for the campaign is listed with its status 履行状态 (待履行
pending, 已履行 fulfilled, 逾期未履行 lapsed, 已撤销 withdrawn), its fulfilled date 履行日期
(given exactly when fulfilled) and its *version* 版本, the number of the store's edits it has
been through. Picking an order fills the edit form; saving passes the version on screen to
:meth:`wagekit.store.Store.update`, so an edit made from a stale view — a colleague changed the
order since it was shown — is refused with the store's message (who, when), and the inspector
refreshes 刷新 and decides again. An order to pay 限期整改指令书 marked fulfilled stops counting
as lapsed in the escalation figures, so ``saved`` tells the app to re-assess. 打印文书 downloads
the picked order as a printable document
(:func:`~wagekit.outputs.documents.numbered_order_document`): the first print gives it its
number 文号, written to the store with the 登记人 in the audit trail.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from wagekit.ids import mask_id_numbers_in_text
from wagekit.load import Campaign
from wagekit.outputs import OutputFile
from wagekit.store import ORDER_STATUSES
from wagekit.store.records import ORDER_HEADERS

from .download import DownloadButton
from .errors import Alert, shows_errors
from .forms import recorder_field
from .table import DataTable

__all__ = ["OrderList"]

_NONE = 0  # the "nothing picked" entry of the picker; record ids start at 1
# What the form edits: when one changed since the order was shown, a save from the form is stale.
_EDITED = ("status", "fulfilled_date", "note")


def _day(value: Any) -> str:
    return "" if pd.isna(value) else f"{value:%Y-%m-%d}"


def _same(before: Any, after: Any) -> bool:
    return (pd.isna(before) and pd.isna(after)) or before == after


class OrderList(widgets.VBox):
    """The orders table and the edit form; ``refresh()`` reads the store again.

    ``store`` and ``campaign`` (a loaded campaign, or anything the store keys a campaign by)
    are set by the app or passed in; ``saved`` counts the edits saved, so the app can
    re-assess; ``order_id`` is the order picked.
    """

    saved = traitlets.Int(0, help="Number of order edits saved by this list.")
    order_id = traitlets.Int(None, allow_none=True, help="Record id of the order picked, or None.")

    def __init__(self, *, store: Any = None, campaign: Any = None, **kwargs: Any) -> None:
        self.store = store
        self.campaign = campaign
        self.orders = pd.DataFrame(columns=list(ORDER_HEADERS))
        self._seen_version: int | None = None
        wide = {"description_width": "80px"}
        self.w_table = DataTable(
            labels=ORDER_HEADERS,
            columns=list(ORDER_HEADERS),
            page_size=15,
            empty_text="工作区中还没有本活动的执法文书。",
        )
        self.w_table.add_class("wk-table-orders")
        self.w_refresh = widgets.Button(description="刷新", icon="refresh")
        self.w_order = widgets.Dropdown(
            description="选择文书",
            options=[("（请选择）", _NONE)],
            style=wide,
            layout={"width": "520px"},
        )
        self.w_current = widgets.HTML()
        self.w_status = widgets.Dropdown(description="履行状态", options=ORDER_STATUSES, style=wide)
        self.w_fulfilled = widgets.DatePicker(description="履行日期", disabled=True, style=wide)
        self.w_note = widgets.Text(description="备注", style=wide, layout={"width": "520px"})
        self.w_by = recorder_field(style=wide)
        self.w_save = widgets.Button(description="保存", icon="save", button_style="primary")
        self.w_save.add_class("wk-order-list-save")
        self.w_alert = Alert()
        self.w_print = DownloadButton("打印文书（Word）", self._document, key="order-document")
        super().__init__(
            [
                self.w_table,
                widgets.HTML("<b>更新履行情况</b>"),
                widgets.HBox([self.w_order, self.w_refresh]),
                self.w_current,
                widgets.HBox([self.w_status, self.w_fulfilled]),
                self.w_note,
                self.w_by,
                self.w_save,
                self.w_alert,
                widgets.HTML(
                    "<b>打印文书</b><div style='color:#555;font-size:12px'>首次打印时编文号，"
                    "文号与登记人记入操作记录；身份证号、银行账号已隐藏中间各位。</div>"
                ),
                self.w_print,
            ],
            **kwargs,
        )
        self.add_class("wk-order-list")
        self.w_order.observe(self._on_order_change, names="value")
        self.w_status.observe(self._on_status_change, names="value")
        self.w_refresh.on_click(self._on_refresh)
        self.w_save.on_click(self._on_save)

    def refresh(self) -> None:
        """Read the campaign's orders from the store and show them, keeping the order picked.

        The form then holds the picked order as stored now: its version is the one a save names.
        """
        if self.store is None or self.campaign is None:
            self.orders = pd.DataFrame(columns=list(ORDER_HEADERS))
        else:
            self.orders = self.store.records(self.campaign, "orders")
        self.w_table.data = self.orders
        keep = self.w_order.value
        self.w_order.options = [("（请选择）", _NONE)] + [
            (mask_id_numbers_in_text(f"{r.id} · {r.subject_id} · {r.kind} · {r.status}"), int(r.id))
            for r in self.orders[["id", "subject_id", "kind", "status"]].itertuples()
        ]
        self.w_order.value = keep if keep in set(self.orders["id"]) else _NONE
        self._fill()

    def _picked(self) -> pd.Series | None:
        if not self.order_id:
            return None
        found = self.orders[self.orders["id"] == self.order_id]
        return None if found.empty else found.iloc[0]

    def _fill(self) -> None:
        """Put the picked order in the form and remember the version shown."""
        row = self._picked()
        if row is None:
            self._seen_version = None
            self.w_current.value = ""
            return
        self._seen_version = int(row["version"])
        self._describe(row)
        self.w_status.value = row["status"]
        self._follow_status()
        self.w_fulfilled.value = (
            None if pd.isna(row["fulfilled_date"]) else row["fulfilled_date"].date()
        )
        self.w_note.value = "" if pd.isna(row["note"]) else mask_id_numbers_in_text(row["note"])

    def _describe(self, row: pd.Series) -> None:
        """Say where the order stands: kind, subject, dates, number, status and version."""
        deadline = _day(row["deadline"])
        number = row["number"] if isinstance(row["number"], str) and row["number"] else ""
        self.w_current.value = mask_id_numbers_in_text(
            "<div class='wk-order-current'>"
            + html.escape(
                f"{row['kind']}{f' {number}' if number else ''}（对象 {row['subject_id']}）："
                f"下达 {_day(row['issued'])}"
                f"{f'，履行期限 {deadline}' if deadline else ''}；当前状态：{row['status']}"
                f"（版本 {int(row['version'])}，{row['updated_by']} 于 "
                f"{row['updated_at']:%Y-%m-%d %H:%M} 登记）"
            )
            + "</div>"
        )

    def _note(self, row: pd.Series) -> str | None:
        """The note to save: the stored one when its masked form on screen was left as shown."""
        note = self.w_note.value.strip() or None
        stored = None if pd.isna(row["note"]) else row["note"]
        if stored is not None and note == mask_id_numbers_in_text(stored).strip():
            return stored
        return note

    def _follow_status(self) -> None:
        # Only a fulfilled order has a fulfilled date (the store refuses any other pairing).
        fulfilled = self.w_status.value == "已履行"
        self.w_fulfilled.disabled = not fulfilled
        if not fulfilled:
            self.w_fulfilled.value = None

    def _document(self) -> OutputFile:
        """The picked order as a printable document, numbered (文号) on its first print."""
        from wagekit.outputs.documents import numbered_order_document

        if self.store is None or not isinstance(self.campaign, Campaign):
            raise RuntimeError("尚未读取专项行动台账或打开工作区，无法打印文书")
        row = self._picked()
        if row is None:
            raise ValueError("请先选择执法文书")
        by = self.w_by.value.strip()
        if not by:
            raise ValueError("请填写登记人姓名：首次打印时编文号，记入操作记录")
        file = numbered_order_document(self.store, self.campaign, int(row["id"]), by=by)
        self._show_number(row)
        return file

    def _show_number(self, shown: pd.Series) -> None:
        """Show the number just given, leaving what was typed in the form as it is.

        Numbering made a new version of the order; the form moves to it only when nothing the
        form edits changed meanwhile, so a colleague's change still makes a save stale.
        """
        self.orders = self.store.records(self.campaign, "orders")
        self.w_table.data = self.orders
        now = self._picked()
        if now is not None and all(_same(shown[name], now[name]) for name in _EDITED):
            self._seen_version = int(now["version"])
            self._describe(now)

    @shows_errors("w_alert", busy=None)
    def _on_order_change(self, change: dict) -> None:
        self.order_id = change["new"] or None
        self._fill()

    @shows_errors("w_alert", busy=None)
    def _on_status_change(self, _change: dict) -> None:
        self._follow_status()

    @shows_errors("w_alert", button="w_refresh", busy=None)
    def _on_refresh(self, _button: widgets.Button) -> None:
        self.refresh()

    @shows_errors("w_alert", button="w_save", busy="正在保存……")
    def _on_save(self, _button: widgets.Button) -> str | None:
        if self.store is None or self.campaign is None:
            raise RuntimeError("尚未读取专项行动台账或打开工作区，无法保存")
        row = self._picked()
        if row is None or self._seen_version is None:
            raise ValueError("请先选择执法文书")
        by = self.w_by.value.strip()
        if not by:
            raise ValueError("请填写登记人姓名")
        status = self.w_status.value
        record = self.store.update(
            "orders",
            int(row["id"]),
            version=self._seen_version,
            changes={
                "status": status,
                "fulfilled_date": self.w_fulfilled.value if status == "已履行" else None,
                "note": self._note(row),
            },
            by=by,
        )
        if record["version"] == self._seen_version:
            self.w_alert.show("没有改动，未写入", "info")
            return None
        self.refresh()
        self.saved += 1
        fulfilled = f"（履行日期 {record['fulfilled_date']}）" if record["fulfilled_date"] else ""
        return (
            f"已保存：记录 {record['id']} {record['kind']} → {status}{fulfilled}，"
            f"操作人 {by}，版本 {record['version']}"
        )
