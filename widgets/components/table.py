"""Tables 表格: a sortable, paged HTML table of a DataFrame, with ID numbers masked.

Columns are shown with their Chinese headers (from :mod:`wagekit.schema` when the table is
named, or from an explicit mapping). ID-number columns 身份证号 are masked
(110101********1234) unless the inspector explicitly reveals them, and so are ID numbers and
bank accounts written inside any other cell (a note, a name). Sorting is stable and puts
missing values last; the page is cut after sorting. The rendered table is ``w_html.value``.

A table given a *row key* 行键 (``row_key="subject_id"``) has clickable rows
(:class:`~wagekit.widgets.components.row_clicks.RowClicks`): clicking a row sets ``selected``
to that row's key, which the app observes to open the project or case, and the row of the
``selected`` key is highlighted. Text cells wrap and numbers and dates do not, so a wide table
fits a 1366-pixel screen instead of making the page scroll sideways.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from wagekit.ids import mask_id_number, mask_id_numbers_in_text
from wagekit.schema import TABLES

from .row_clicks import RowClicks

__all__ = ["DataTable", "column_labels", "id_number_columns"]

_EXTRA_LABELS = {"source_row": "行号"}


def column_labels(table: str) -> dict[str, str]:
    """Chinese headers of a table's columns, from the schema (``{}`` for an unknown table)."""
    if table not in TABLES:
        return {}
    return {**{c.name: c.header for c in TABLES[table].columns}, **_EXTRA_LABELS}


def id_number_columns(frame: pd.DataFrame, table: str | None = None) -> tuple[str, ...]:
    """Columns of ``frame`` holding ID numbers: of kind id_number in the schema, or so named."""
    declared = set()
    if table in TABLES:
        declared = {c.name for c in TABLES[table].columns if c.kind == "id_number"}
    return tuple(
        c
        for c in frame.columns
        if c in declared or str(c) == "id_number" or str(c).endswith("_id_number")
    )


def _keeps_on_one_line(values: pd.Series) -> bool:
    """Whether a column's cells stay on one line: dates, numbers and yes/no do not wrap."""
    return bool(
        pd.api.types.is_datetime64_any_dtype(values)
        or pd.api.types.is_bool_dtype(values)
        or pd.api.types.is_numeric_dtype(values)
    )


def _display_column(values: pd.Series) -> pd.Series:
    """Text of one column as shown: dates as YYYY-MM-DD, numbers with separators, blanks."""
    if pd.api.types.is_datetime64_any_dtype(values):
        text = values.dt.strftime("%Y-%m-%d")
    elif pd.api.types.is_bool_dtype(values):
        text = values.map({True: "是", False: "否"})
    elif pd.api.types.is_integer_dtype(values):
        text = values.map(lambda v: f"{int(v):,}", na_action="ignore")
    elif pd.api.types.is_float_dtype(values):
        text = values.map(
            lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}", na_action="ignore"
        )
    else:
        text = values.astype("string")
    return text.astype("string").fillna("")


class DataTable(widgets.VBox):
    """A paged table with a sort control, page buttons and optional ID reveal.

    Parameters
    ----------
    data
        The DataFrame to show (any columns; its index is not shown).
    table
        Name of a wagekit table (``"workers"``); gives Chinese headers and the ID columns.
    labels
        Chinese header per column, overriding the schema's.
    columns
        Columns to show, in order (default: all but ``source_row`` when ``table`` is given).
    page_size
        Rows per page.
    allow_reveal
        Show a checkbox that reveals full ID numbers (off by default: masked everywhere).
    row_key
        Column naming each row (``"subject_id"``, ``"case_id"``): rows become clickable and a
        click sets ``selected`` to the row's value in that column (shown or not).

    """

    data = traitlets.Instance(pd.DataFrame, args=(), help="The rows to show, unsorted, unpaged.")
    page = traitlets.Int(0, help="Current page, counted from 0.")
    page_size = traitlets.Int(20, help="Rows per page.")
    sort_by = traitlets.Unicode(None, allow_none=True, help="Column sorted on, or None.")
    ascending = traitlets.Bool(True, help="Sort order: True for ascending.")
    reveal_ids = traitlets.Bool(False, help="Show full ID numbers instead of masked ones.")
    selected = traitlets.Unicode(
        None, allow_none=True, help="Row key of the row clicked (with row_key), or None."
    )

    def __init__(
        self,
        data: pd.DataFrame | None = None,
        *,
        table: str | None = None,
        labels: Mapping[str, str] | None = None,
        columns: Sequence[str] | None = None,
        page_size: int = 20,
        allow_reveal: bool = False,
        empty_text: str = "没有符合条件的记录。",
        row_key: str | None = None,
        **kwargs: Any,
    ) -> None:
        self._table = table
        self._row_key = row_key
        self._page_keys: list[str] = []
        self._labels = {**column_labels(table or ""), **dict(labels or {})}
        self._columns = list(columns) if columns is not None else None
        self._empty_text = empty_text
        self.w_sort = widgets.Dropdown(description="排序", layout={"width": "220px"})
        self.w_order = widgets.ToggleButtons(
            options=[("升序", True), ("降序", False)],
            value=True,
            style={"button_width": "56px"},
        )
        self.w_prev = widgets.Button(description="上一页", layout={"width": "72px"})
        self.w_next = widgets.Button(description="下一页", layout={"width": "72px"})
        self.w_pages = widgets.HTML()
        self.w_reveal = widgets.Checkbox(description="显示完整身份证号", indent=False)
        self.w_html: widgets.HTML | RowClicks = widgets.HTML() if row_key is None else RowClicks()
        if isinstance(self.w_html, RowClicks):
            self.w_html.on_row(self._on_row)
        controls = [self.w_sort, self.w_order, self.w_prev, self.w_pages, self.w_next]
        if allow_reveal:
            controls.append(self.w_reveal)
        super().__init__(
            [widgets.HBox(controls, layout={"flex_flow": "row wrap"}), self.w_html], **kwargs
        )
        self.add_class("wagekit-table")
        widgets.link((self.w_order, "value"), (self, "ascending"))
        widgets.link((self.w_reveal, "value"), (self, "reveal_ids"))
        self.w_sort.observe(self._on_sort_change, names="value")
        self.w_prev.on_click(lambda _b: self._turn(-1))
        self.w_next.on_click(lambda _b: self._turn(+1))
        self.page_size = page_size
        self.data = data if data is not None else pd.DataFrame()
        self.observe(
            self._render, names=["page", "page_size", "sort_by", "ascending", "reveal_ids"]
        )
        self.observe(self._show_selected, names="selected")
        self.observe(self._on_data_change, names="data")
        self._on_data_change()

    @property
    def shown_columns(self) -> list[str]:
        """The columns displayed, in order."""
        if self._columns is not None:
            return [c for c in self._columns if c in self.data.columns]
        hidden = {"source_row"} if self._table else set()
        return [c for c in self.data.columns if c not in hidden]

    @property
    def page_count(self) -> int:
        """Number of pages (at least 1)."""
        return max(1, -(-len(self.data) // max(self.page_size, 1)))

    def label(self, column: str) -> str:
        """The Chinese header of ``column`` (the column name when none is known)."""
        return self._labels.get(column, str(column))

    def _page_rows(self) -> pd.DataFrame:
        """The rows of the current page, sorted, every column kept."""
        frame = self.data
        if self.sort_by is not None and self.sort_by in self.shown_columns:
            frame = frame.sort_values(
                self.sort_by, ascending=self.ascending, kind="stable", na_position="last"
            )
        start = self.page * self.page_size
        return frame.iloc[start : start + self.page_size]

    def view(self) -> pd.DataFrame:
        """The rows of the current page, sorted, with ID numbers masked unless revealed."""
        frame = self._page_rows()[self.shown_columns]
        if not self.reveal_ids:
            frame = frame.copy()
            for column in id_number_columns(frame, self._table):
                frame[column] = mask_id_number(frame[column])
        return frame

    def _on_data_change(self, _change: Any = None) -> None:
        # "" stands for the original order: a Dropdown shows a None value as a blank box.
        options = [("（原顺序）", "")] + [(self.label(c), c) for c in self.shown_columns]
        keep = self.sort_by if self.sort_by in self.shown_columns else None
        with self.hold_trait_notifications():
            self.w_sort.options = options
            self.w_sort.value = keep or ""
            self.sort_by = keep
            self.page = 0
        self._render()

    def _on_sort_change(self, change: dict) -> None:
        with self.hold_trait_notifications():
            self.sort_by = change["new"] or None
            self.page = 0

    def _turn(self, step: int) -> None:
        self.page = min(max(self.page + step, 0), self.page_count - 1)

    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self._page_keys):
            self.selected = self._page_keys[row]

    def _show_selected(self, _change: Any = None) -> None:
        if isinstance(self.w_html, RowClicks):
            keys = self._page_keys
            self.w_html.selected_row = keys.index(self.selected) if self.selected in keys else -1

    def _render(self, _change: Any = None) -> None:
        self.w_prev.disabled = self.page <= 0
        self.w_next.disabled = self.page >= self.page_count - 1
        total = len(self.data)
        self.w_pages.value = f"第 {self.page + 1} / {self.page_count} 页，共 {total:,} 条"
        if total == 0:
            self._page_keys = []
            self._show_selected()
            self.w_html.value = f"<p class='wagekit-empty'>{html.escape(self._empty_text)}</p>"
            return
        if self._row_key is not None:
            self._page_keys = self._page_rows()[self._row_key].astype("string").tolist()
        frame = self.view()
        one_line = {self.label(c) for c in frame.columns if _keeps_on_one_line(frame[c])}
        shown = pd.DataFrame(
            {self.label(c): _display_column(frame[c]) for c in frame.columns},
            index=frame.index,
        )
        if not self.reveal_ids:
            shown = shown.apply(mask_id_numbers_in_text)
        self._show_selected()
        self.w_html.value = _html_table(shown, one_line) + _TABLE_CSS


def _html_table(shown: pd.DataFrame, one_line: set[str]) -> str:
    """The table's HTML: escaped text, rows numbered ``data-row`` from 0 for the clicks."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    cells = [
        (" class='wk-nowrap'" if c in one_line else "", shown[c].tolist()) for c in shown.columns
    ]
    body = "".join(
        f"<tr data-row='{row}'>"
        + "".join(f"<td{css}>{html.escape(values[row])}</td>" for css, values in cells)
        + "</tr>"
        for row in range(len(shown))
    )
    return (
        "<div class='wagekit-datatable-wrap'><table class='wagekit-datatable'>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


# Text cells wrap (a long name or reason would make the page scroll sideways); the wrapper
# scrolls a table that still cannot fit, so the page itself never does.
_TABLE_CSS = (
    "<style>.wagekit-datatable{border-collapse:collapse;font-size:13px}"
    ".wagekit-datatable th,.wagekit-datatable td{border:1px solid #ddd;padding:3px 8px;"
    "text-align:left;vertical-align:top}.wagekit-datatable th{background:#f3f3f3;"
    "white-space:nowrap}.wagekit-datatable td{max-width:22em;overflow-wrap:anywhere}"
    ".wagekit-datatable td.wk-nowrap{white-space:nowrap}"
    ".wagekit-datatable-wrap{max-width:100%;overflow-x:auto}</style>"
)
