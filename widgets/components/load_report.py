"""Load report 读取情况: which rows of the ledgers could not be read, and why.

Shows, per table, how many rows were read 读取, loaded 成功 and rejected 未通过, and how many were
skipped 跳过 (合计/小计 and 示例 rows: read, but not records); every rejected row with its file, its
sheet 工作表 (when the workbook has several), its row number as the user sees it in Excel, the
column, the value and the reason in plain Chinese, so the office can fix its ledger; and the
loader's *notes* 读取说明, per table — hidden sheets not read, sheets without the header, rows
skipped, the encoding read — which are not errors but say why a row or sheet was left out.
Values of ID-number columns, and ID numbers inside a note, are masked like everywhere else.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import pandas as pd

from wagekit.ids import mask_id_number, mask_id_numbers_in_text
from wagekit.outputs.lists import REJECTED_HEADERS
from wagekit.schema import TABLES

from .table import DataTable, column_labels

__all__ = ["LoadReportView", "REPORT_LABELS"]

REPORT_LABELS = REJECTED_HEADERS  # one set of headers for the screen and the returned-rows list

_COLUMNS = tuple(REPORT_LABELS)


def _errors_frame(report: Any) -> pd.DataFrame:
    if report is None:
        return pd.DataFrame(columns=list(_COLUMNS))
    frame = report if isinstance(report, pd.DataFrame) else report.errors
    missing = [c for c in _COLUMNS if c not in frame.columns]
    return frame.assign(**{c: pd.NA for c in missing})[list(_COLUMNS)]


def _readable(errors: pd.DataFrame) -> pd.DataFrame:
    """Chinese table titles and column headers in place of the canonical English names."""
    titles = {name: table.title for name, table in TABLES.items()}
    headers = pd.Series(errors["column"], dtype="object").copy()
    for name in errors["table"].dropna().unique():
        labels = column_labels(str(name))
        rows = errors["table"] == name
        headers[rows] = errors.loc[rows, "column"].map(lambda c, lb=labels: lb.get(c, c))
    is_id = pd.Series(errors["column"], dtype="object") == "id_number"
    values = pd.Series(errors["value"], dtype="object").astype("string")
    return errors.assign(
        table=errors["table"].map(lambda t: titles.get(t, t)),
        column=headers,
        row=pd.array(errors["row"], dtype="Int64"),
        value=values.where(~is_id, mask_id_number(values)),
        id_value=values,
    )


def _title(table: str) -> str:
    return TABLES[table].title if table in TABLES else table


def _counts_html(tables: Mapping[str, Any]) -> str:
    """Per table: file, rows read, loaded, rejected and skipped (合计/示例)."""
    if not tables:
        return ""
    rows = "".join(
        f"<tr><td>{html.escape(_title(t))}</td><td>{html.escape(str(r.file))}</td>"
        f"<td>{r.rows:,}</td><td>{r.loaded:,}</td><td>{r.rejected:,}</td>"
        f"<td>{r.skipped:,}</td></tr>"
        for t, r in tables.items()
    )
    return (
        "<table class='wagekit-datatable wagekit-load-counts'><tr><th>台账</th>"
        "<th>文件</th><th>读取行数</th><th>成功</th><th>未通过</th>"
        "<th>跳过（合计/示例行）</th></tr>"
        f"{rows}</table>"
    )


def _note(text: str) -> str:
    return html.escape(mask_id_numbers_in_text(str(text)))


def _notes_html(tables: Mapping[str, Any], notes: list[str]) -> str:
    """The loader's notes, under the table they concern; the folder's own notes last."""
    items = [
        f"<li><b>{html.escape(_title(t))}</b>：{_note(n)}</li>"
        for t, r in tables.items()
        for n in r.notes
    ]
    of_tables = {n for r in tables.values() for n in r.notes}
    items += [f"<li>{_note(n)}</li>" for n in notes if n not in of_tables]
    if not items:
        return ""
    return (
        "<div class='wagekit-load-notes'><b>读取说明</b>"
        "<span style='color:#555'>（不是错误：未读取的工作表、跳过的合计/示例行等，供核对）</span>"
        f"<ul>{''.join(items)}</ul></div>"
    )


class LoadReportView(widgets.VBox):
    """A summary line, a per-table count and a paged table of rejected rows."""

    def __init__(self, report: Any = None, *, page_size: int = 15, **kwargs: Any) -> None:
        self.w_summary = widgets.HTML()
        self.w_counts = widgets.HTML()
        self.w_reveal = widgets.Checkbox(description="显示完整身份证号", indent=False)
        self.w_table = DataTable(labels=REPORT_LABELS, columns=list(_COLUMNS), page_size=page_size)
        super().__init__([self.w_summary, self.w_counts, self.w_table], **kwargs)
        self.add_class("wagekit-load-report")
        self.w_reveal.observe(lambda _c: self._show_values(), names="value")
        self._full = pd.DataFrame(columns=list(_COLUMNS))
        self.show(report)

    @property
    def errors(self) -> pd.DataFrame:
        """The rejected rows shown (Chinese table and column names, ID values masked)."""
        return self.w_table.data

    def show(self, report: Any) -> None:
        """Show a :class:`wagekit.load.LoadReport` or a DataFrame of its ``errors`` columns."""
        errors = _errors_frame(report)
        if errors["sheet"].isna().all():
            errors = errors.drop(columns=["sheet"])  # CSV and one-sheet workbooks
        self._full = _readable(errors) if len(errors) else errors.assign(id_value=[])
        tables = getattr(report, "tables", {}) or {}
        self.w_counts.value = _counts_html(tables)
        skipped = sum(t.skipped for t in tables.values())
        if len(errors) == 0:
            text = "所有台账均已成功读取。"
            style = "color:#155724"
        else:
            files = errors["file"].nunique()
            text = (
                f"有 {len(errors):,} 处问题未能读取（涉及 {files} 个文件），"
                "请按下表修改台账后重新读取。"
            )
            style = "color:#721c24"
        if skipped:
            text += f"另有 {skipped:,} 行合计、小计或示例行不是记录，已跳过（见下方说明）。"
        self.w_summary.value = (
            f"<p class='wagekit-load-summary' style='{style}'>{html.escape(text)}</p>"
            + _notes_html(tables, list(getattr(report, "notes", []) or []))
        )
        has_ids = bool((errors["column"] == "id_number").any()) if len(errors) else False
        children = [self.w_summary, self.w_counts]
        if len(errors):
            children += [self.w_reveal] if has_ids else []
            children.append(self.w_table)
        self.children = children
        self._show_values()

    def _show_values(self) -> None:
        frame = self._full
        if self.w_reveal.value and len(frame):
            frame = frame.assign(value=frame["id_value"])
        self.w_table.reveal_ids = self.w_reveal.value
        self.w_table.data = frame.drop(columns=["id_value"], errors="ignore")
