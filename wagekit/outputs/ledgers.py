"""The official ledgers 台账 as offices print them and send them up.

``在建工程项目工资支付检查台账.xlsx`` (one row per project) and ``欠薪处置台账.xlsx`` (one row per
case received by the day of the figures), each one sheet of the same name, laid out as the
paper forms: a *title row* 标题 (region, campaign and ledger), a row naming the *reporting unit*
填报单位 and the day of the figures 统计截至, a two-row *header* 表头 whose upper cells group
columns (制度落实情况 over the seven systems), the data rows, then one *total row* 合计. Money
columns name their unit in the header (``（元）``, ``（万元）``); the header repeats on every
printed page, the title and header stay in view while scrolling (frozen panes), and the page is
A4 landscape, one page wide, with 填报人/审核人 and page numbers in the footer. The headers are
the loader's own (CONTRACT section 1, or an upper cell joined with a lower one: 欠薪 over
金额（元）reads as 欠薪金额（元）), so a ledger read back through :func:`wagekit.load.load_table`
loads every data row. The rows are :func:`wagekit.tables.project_ledger` and
:func:`wagekit.tables.case_ledger`, the tables the dashboard shows.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from wagekit.assessment import Assessment
from wagekit.ids import IDENTIFIER_COLUMNS
from wagekit.outputs import XLSX, OutputFile
from wagekit.outputs.cells import write_cell
from wagekit.outputs.formats import chinese_date
from wagekit.schema import SYSTEM_LABELS, SYSTEMS
from wagekit.tables import case_ledger, project_ledger

__all__ = [
    "CASE_LEDGER",
    "PROJECT_LEDGER",
    "LedgerColumn",
    "case_ledger_file",
    "ledger_files",
    "project_ledger_file",
]

PROJECT_LEDGER = "在建工程项目工资支付检查台账"
CASE_LEDGER = "欠薪处置台账"

# How a column's cells are written and totalled.
_NUMBER_FORMATS = {
    "yuan": "#,##0.00",
    "wan": "#,##0.00",
    "count": "0",
    "date": "yyyy-mm-dd",
}


@dataclass(frozen=True)
class LedgerColumn:
    """A printed column: the table's column, its header (upper cell and, in a group, lower).

    ``kind`` is text, yuan, wan (written in 万元), count, date or yesno; ``total`` says what the
    合计 row holds: ``sum``, ``yes`` (how many 是) or nothing.
    """

    key: str
    upper: str
    lower: str | None = None
    width: float = 10
    kind: str = "text"
    total: str | None = None


def _group(upper: str, *columns: tuple[str, str, float, str, str | None]) -> list[LedgerColumn]:
    """Columns under one upper header cell: (key, lower header, width, kind, total) each."""
    return [
        LedgerColumn(key, upper, lower, w, kind, total) for key, lower, w, kind, total in columns
    ]


PROJECT_COLUMNS: tuple[LedgerColumn, ...] = (
    LedgerColumn("project_id", "项目编号", width=14),
    LedgerColumn("name", "项目名称", width=28),
    LedgerColumn("township", "属地", width=10),
    LedgerColumn("department", "行业主管部门", width=13),
    LedgerColumn("investment_type", "投资类型", width=11),
    LedgerColumn("contractor", "施工总承包单位", width=24),
    LedgerColumn("contract_value", "合同金额（万元）", width=12, kind="wan", total="sum"),
    LedgerColumn("start_date", "开工日期", width=11, kind="date"),
    LedgerColumn("status", "项目状态", width=7),
    *_group("制度落实情况", *((s, SYSTEM_LABELS[s], 8, "yesno", "yes") for s in SYSTEMS)),
    *_group(
        "欠薪",
        ("arrears_amount", "金额（元）", 12, "yuan", "sum"),
        ("arrears_workers", "人数", 7, "count", "sum"),
    ),
    LedgerColumn("tier", "风险等级", width=9),
    LedgerColumn("warning", "预警", width=6),
    LedgerColumn("open_cases", "未办结案件（起）", width=9, kind="count", total="sum"),
    *_group(
        "检查处置情况",
        ("inspections", "现场检查（次）", 8, "count", "sum"),
        ("last_visit", "最近检查日期", 11, "date", None),
        ("findings", "发现问题（个）", 8, "count", "sum"),
        ("finding_labels", "问题描述", 26, "text", None),
        ("orders", "执法文书（份）", 8, "count", "sum"),
    ),
)

CASE_COLUMNS: tuple[LedgerColumn, ...] = (
    LedgerColumn("case_id", "案件编号", width=15),
    LedgerColumn("source", "线索来源", width=10),
    LedgerColumn("received_date", "受理日期", width=11, kind="date"),
    LedgerColumn("township", "属地", width=9),
    LedgerColumn("department", "行业主管部门", width=12),
    LedgerColumn("project_id", "项目编号", width=13),
    LedgerColumn("respondent", "被投诉单位", width=24),
    LedgerColumn("investment_type", "投资类型", width=11),
    *_group(
        "涉及",
        ("workers_involved", "人数", 7, "count", "sum"),
        ("amount_involved", "金额（元）", 12, "yuan", "sum"),
    ),
    *_group(
        "办理情况",
        ("status", "办理状态", 8, "text", None),
        ("filed_date", "立案日期", 11, "date", None),
        ("closed_date", "结案日期", 11, "date", None),
        ("deadline", "办结期限", 11, "date", None),
        ("overdue", "是否超期", 7, "yesno", "yes"),
    ),
    *_group(
        "两清零",
        ("two_zero_class", "类别", 12, "text", None),
        ("two_zero_deadline", "时限", 11, "date", None),
    ),
    LedgerColumn("amount_recovered", "追回金额（元）", width=12, kind="yuan", total="sum"),
    LedgerColumn("transferred_police", "移送公安", width=7, kind="yesno", total="yes"),
    LedgerColumn("blacklisted", "列入黑名单", width=7, kind="yesno", total="yes"),
    LedgerColumn("handler", "主办监察员", width=10),
)

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY = Font(name="宋体", size=10)
_BOLD = Font(name="宋体", size=10, bold=True)
_TITLE = Font(name="黑体", size=16)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")


def _cell_value(column: LedgerColumn, value: Any) -> Any:
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return None
    if column.kind == "yesno":
        return "是" if bool(value) else "否"
    if column.kind == "wan":
        return round(float(value) / 10_000, 6)
    if column.kind == "yuan":
        return round(float(value), 2)
    if column.kind == "count":
        return int(value)
    if column.kind == "date":
        return pd.Timestamp(value).to_pydatetime()
    return value


def _total(column: LedgerColumn, values: pd.Series) -> Any:
    if column.total == "sum":
        return _cell_value(column, pd.to_numeric(values, errors="coerce").sum())
    if column.total == "yes":
        return int(values.astype("boolean").fillna(False).astype(bool).sum())
    return None


def _header(sheet: Worksheet, columns: tuple[LedgerColumn, ...], top: int) -> None:
    """Write the two header rows from ``top``: groups merged across, single cells down."""
    sheet.cell(top, 1, "序号")
    sheet.merge_cells(start_row=top, start_column=1, end_row=top + 1, end_column=1)
    index = 2
    while index - 2 < len(columns):
        column = columns[index - 2]
        if column.lower is None:
            sheet.cell(top, index, column.upper)
            sheet.merge_cells(start_row=top, start_column=index, end_row=top + 1, end_column=index)
            index += 1
            continue
        span = columns[index - 2 :]
        width = next(
            (i for i, c in enumerate(span) if c.upper != column.upper or c.lower is None),
            len(span),
        )
        sheet.cell(top, index, column.upper)
        if width > 1:
            sheet.merge_cells(
                start_row=top, start_column=index, end_row=top, end_column=index + width - 1
            )
        for offset, member in enumerate(span[:width]):
            sheet.cell(top + 1, index + offset, member.lower)
        index += width
    for row in sheet.iter_rows(min_row=top, max_row=top + 1, max_col=len(columns) + 1):
        for cell in row:
            cell.font, cell.alignment, cell.border, cell.fill = (
                _BOLD,
                _CENTER,
                _BORDER,
                _HEADER_FILL,
            )


def _page_setup(sheet: Worksheet, header_top: int, freeze: str) -> None:
    sheet.freeze_panes = freeze
    sheet.print_title_rows = f"{header_top}:{header_top + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.left.text = "填报人：　　　　　　审核人：　　　　　　联系电话："
    sheet.oddFooter.right.text = "第 &P 页，共 &N 页"


def write_ledger(
    title: str,
    *,
    region: str,
    campaign: str,
    as_of: Any,
    columns: tuple[LedgerColumn, ...],
    rows: pd.DataFrame,
    count_label: Callable[[int], str],
    freeze: str,
    masked: bool = True,
) -> bytes:
    """One ledger workbook as bytes: title, 填报单位 row, header, rows, 合计 (see the module).

    ``count_label(n)`` is what the 合计 row says in the second column (``共12个项目``);
    ``masked`` masks ID numbers and bank accounts in every text cell but identifiers.
    """
    book = Workbook()
    sheet = book.active
    sheet.title = title
    width = len(columns) + 1
    write_cell(sheet.cell(1, 1), f"{region}{campaign}{title}")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(1, 1).font, sheet.cell(1, 1).alignment = _TITLE, _CENTER
    sheet.row_dimensions[1].height = 32
    half = max(2, width // 2)
    write_cell(sheet.cell(2, 1), f"填报单位：{region}（盖章）")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=half)
    write_cell(sheet.cell(2, half + 1), f"统计截至：{chinese_date(as_of)}")
    sheet.merge_cells(start_row=2, start_column=half + 1, end_row=2, end_column=width)
    sheet.cell(2, 1).font = sheet.cell(2, half + 1).font = _BODY
    sheet.cell(2, 1).alignment = _LEFT
    sheet.cell(2, half + 1).alignment = _RIGHT
    _header(sheet, columns, 3)
    first = 5
    for offset, record in enumerate(rows.itertuples(index=False)):
        values = record._asdict()
        row = first + offset
        write_cell(sheet.cell(row, 1), offset + 1).alignment = _CENTER
        for index, column in enumerate(columns, start=2):
            cell = sheet.cell(row, index)
            value = _cell_value(column, values.get(column.key))
            write_cell(cell, value, mask=masked and column.key not in IDENTIFIER_COLUMNS)
            cell.number_format = _NUMBER_FORMATS.get(column.kind, "@")
            cell.alignment = _LEFT if column.kind == "text" and column.width > 12 else _CENTER
    total_row = first + len(rows)
    sheet.cell(total_row, 1, "合计")
    sheet.cell(total_row, 2, "合计")
    sheet.merge_cells(start_row=total_row, start_column=1, end_row=total_row, end_column=2)
    sheet.cell(total_row, 3, count_label(len(rows)))
    for index, column in enumerate(columns, start=2):
        if index <= 3:
            continue
        total = _total(column, rows[column.key]) if column.key in rows else None
        cell = sheet.cell(total_row, index)
        write_cell(cell, total)
        cell.number_format = _NUMBER_FORMATS.get(column.kind, "0")
    for row in sheet.iter_rows(min_row=first, max_row=total_row, max_col=width):
        for cell in row:
            cell.border = _BORDER
            cell.font = _BOLD if cell.row == total_row else _BODY
            if cell.row == total_row:
                cell.alignment = _CENTER
    sheet.column_dimensions["A"].width = 6
    for index, column in enumerate(columns, start=2):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    _page_setup(sheet, 3, freeze)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def project_ledger_file(assessment: Assessment, *, masked: bool = True) -> OutputFile:
    """在建工程项目工资支付检查台账.xlsx: the ledgers' projects and the store's records of them."""
    records = assessment.records
    rows = project_ledger(
        assessment,
        inspections=records.inspections,
        findings=records.findings,
        orders=records.orders,
    )
    config = assessment.config
    data = write_ledger(
        PROJECT_LEDGER,
        region=config.region,
        campaign=config.name,
        as_of=assessment.as_of,
        columns=PROJECT_COLUMNS,
        rows=rows,
        count_label=lambda n: f"共{n}个项目",
        freeze="D5",
        masked=masked,
    )
    return OutputFile(f"{PROJECT_LEDGER}.xlsx", data, XLSX)


def case_ledger_file(assessment: Assessment, *, masked: bool = True) -> OutputFile:
    """欠薪处置台账.xlsx of an assessment: one row per case received by the day."""
    config = assessment.config
    data = write_ledger(
        CASE_LEDGER,
        region=config.region,
        campaign=config.name,
        as_of=assessment.as_of,
        columns=CASE_COLUMNS,
        rows=case_ledger(assessment),
        count_label=lambda n: f"共{n}起",
        freeze="C5",
        masked=masked,
    )
    return OutputFile(f"{CASE_LEDGER}.xlsx", data, XLSX)


def ledger_files(assessment: Assessment, *, masked: bool = True) -> list[OutputFile]:
    """Both ledgers; each only when the campaign has the ledger it is made from."""
    files = []
    if assessment.get("projects") is not None:
        files.append(project_ledger_file(assessment, masked=masked))
    if assessment.case_status is not None:
        files.append(case_ledger_file(assessment, masked=masked))
    return files
