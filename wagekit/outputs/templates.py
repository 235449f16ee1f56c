"""Fill-in templates 填报模板: one blank workbook per ledger, hard to fill in wrong.

A township clerk or a company fills these in and sends them back; what comes back loads. Each
*template* is named by its table's Chinese name (``在建工程项目台账.xlsx`` …, CONTRACT section 1)
and holds a sheet of that name whose first row is the header exactly as the schema declares it
(:mod:`wagekit.schema`, never retyped here), then one *example row* 示例行 whose first cell reads
``示例`` (the loader skips it), then empty rows with *input checks* 数据验证: a drop-down list on
every enumerated and yes/no column (是/否), a date between 2000 and 2099 on date and month
columns, a number of at least 0 on money and count columns (and within the rule's bounds, as
出勤天数 0–31), 18 characters on ID numbers and credit codes; text columns are formatted as text,
so a project number 001 or an ID number keeps its digits. A second sheet, *填写说明*, says for
every column whether it is required, what it accepts and gives an example. The lists live on a
hidden sheet *选项*, so a list longer than Excel's 255-character limit still works.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation

from wagekit.outputs import XLSX, OutputFile
from wagekit.outputs.cells import write_cell
from wagekit.schema import TABLE_ORDER, TABLES, Column, Table

__all__ = ["EXAMPLE_MARK", "TEMPLATE_ROWS", "template_file", "template_files"]

EXAMPLE_MARK = "示例"
TEMPLATE_ROWS = 2000  # rows with input checks below the example row
_FIRST_DAY, _LAST_DAY = dt.date(2000, 1, 1), dt.date(2099, 12, 31)

_KIND_TEXT = {
    "text": "文字",
    "id_number": "18位身份证号（最后一位可为X）",
    "uscc": "18位统一社会信用代码",
    "money": "金额，单位：元（可写3.2万、1,234.50）",
    "date": "日期，如2023-11-20",
    "month": "月份，如2023-11",
    "bool": "从下拉列表选择：是/否",
    "count": "整数，不小于0",
    "number": "数字",
    "enum": "从下拉列表选择",
}
_EXAMPLES_BY_KIND = {
    "text": "",
    "id_number": "110101********1234",
    "uscc": "91330100********3K",
    "money": 50000,
    "date": dt.date(2023, 11, 20),
    "month": dt.date(2023, 11, 1),
    "bool": "是",
    "count": 10,
    "number": 22,
}
# Examples of text columns, by header: what a clerk recognises at a glance.
_EXAMPLES_BY_HEADER = {
    "项目名称": "示例县第一中学教学楼建设项目",
    "属地": "城关镇",
    "行业主管部门": "县住房和城乡建设局",
    "施工总承包单位": "示例建设集团有限公司",
    "合同金额": 12_500_000,
    "单位名称": "示例食品加工有限公司",
    "职工人数": 120,
    "农民工人数": 80,
    "签订劳动合同人数": 80,
    "工伤保险参保人数": 80,
    "欠薪金额": 0,
    "欠薪人数": 0,
    "姓名": "张三",
    "项目编号": "XM2023-001",
    "班组": "木工班",
    "工资标准": 260,
    "出勤天数": 22,
    "应发工资": 5720,
    "实发工资": 5720,
    "被投诉单位": "示例劳务有限公司",
    "涉及人数": 12,
    "涉及金额": 86000,
    "追回金额": 86000,
    "主办监察员": "李四",
    "开展单位": "县人力资源和社会保障局",
    "数量": 500,
    "参与人次": 300,
    "项目编号或统一社会信用代码": "XM2023-001",
    "自报欠薪金额": 0,
    "自报欠薪人数": 0,
    "联系人": "王五",
    "联系电话": "0571-12345678",
}
_NUMBER_FORMATS = {
    "date": "yyyy-mm-dd",
    "month": "yyyy-mm",
    "money": "#,##0.00",
    "count": "0",
    "number": "0.##",
}

_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FONT = Font(name="宋体", size=11, bold=True)
_REQUIRED_FONT = Font(name="宋体", size=11, bold=True, color="C00000")
_EXAMPLE_FONT = Font(name="宋体", size=10, italic=True, color="808080")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _choices(column: Column) -> tuple[str, ...]:
    if column.kind == "bool":
        return ("是", "否")
    return column.choices


def _rule_text(column: Column) -> str:
    text = _KIND_TEXT[column.kind]
    if column.kind == "enum":
        text += "：" + "/".join(column.choices)
    if column.low is not None or column.high is not None:
        text += f"，范围{column.low:g}～{column.high:g}"
    if column.unique:
        text += "，不得重复"
    if column.true_words:
        text += f"（{'、'.join(column.true_words)}视为是）"
    return text


def _example(table: Table, column: Column, first: bool) -> object:
    if first:
        return EXAMPLE_MARK
    if column.kind == "enum":
        return column.default or column.choices[0]
    if column.header in _EXAMPLES_BY_HEADER:
        return _EXAMPLES_BY_HEADER[column.header]
    return _EXAMPLES_BY_KIND.get(column.kind, "")


def _validation(column: Column, lists: dict[str, str]) -> DataValidation | None:
    """The input check of a column, with its Chinese prompt and error message."""
    name = column.header
    if column.kind in ("enum", "bool"):
        check = DataValidation(type="list", formula1=lists[column.name], allow_blank=True)
        check.error = f"“{name}”只能从下拉列表中选择：{'/'.join(_choices(column))}"
    elif column.kind in ("date", "month"):
        check = DataValidation(
            type="date",
            operator="between",
            formula1=str(int(to_excel(_FIRST_DAY))),
            formula2=str(int(to_excel(_LAST_DAY))),
            allow_blank=True,
        )
        check.error = f"“{name}”须为2000年至2099年之间的日期，如2023-11-20"
    elif column.kind in ("money", "count", "number"):
        kind = "whole" if column.kind == "count" else "decimal"
        low = 0 if column.low is None else column.low
        if column.high is None:
            check = DataValidation(
                type=kind, operator="greaterThanOrEqual", formula1=f"{low:g}", allow_blank=True
            )
            check.error = f"“{name}”须为不小于{low:g}的{'整数' if kind == 'whole' else '数字'}"
        else:
            check = DataValidation(
                type=kind,
                operator="between",
                formula1=f"{low:g}",
                formula2=f"{column.high:g}",
                allow_blank=True,
            )
            check.error = f"“{name}”须为{low:g}到{column.high:g}之间的数字"
    elif column.kind in ("id_number", "uscc"):
        check = DataValidation(type="textLength", operator="equal", formula1="18", allow_blank=True)
        check.error = f"“{name}”须为18位"
    else:
        return None
    check.errorTitle = "填写有误"
    check.showErrorMessage = True
    check.prompt = _rule_text(column) + ("（必填）" if column.required else "")
    check.promptTitle = name[:32]
    check.showInputMessage = True
    return check


def _instructions(book: Workbook, table: Table) -> None:
    sheet = book.create_sheet("填写说明")
    lines = [
        f"《{table.title}》填写说明",
        "1. 请在第一个工作表中从第3行起逐行填写，一行一条记录；不要修改、删除或调换表头。",
        f"2. 第2行为{EXAMPLE_MARK}行（第一格写有“{EXAMPLE_MARK}”），导入时自动跳过，可保留或删除。",
        "3. 表头为红色的列必须填写；有下拉箭头的列请从列表中选择。",
        "4. 金额单位为元；日期写作2023-11-20；是/否列也可写有/无、√/×。",
        "5. 身份证号、统一社会信用代码、编号等请按文本填写，勿转为数字。",
    ]
    for row, line in enumerate(lines, start=1):
        cell = sheet.cell(row, 1, line)
        cell.font = Font(name="黑体", size=14) if row == 1 else Font(name="宋体", size=11)
    top = len(lines) + 2
    for index, header in enumerate(("列名", "是否必填", "填写要求", "示例"), start=1):
        cell = sheet.cell(top, index, header)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
    for offset, column in enumerate(table.columns, start=1):
        example = _example(table, column, first=False)
        if isinstance(example, dt.date):
            example = example.strftime("%Y-%m" if column.kind == "month" else "%Y-%m-%d")
        values = (column.header, "必填" if column.required else "选填", _rule_text(column))
        for index, value in enumerate((*values, example), start=1):
            cell = write_cell(sheet.cell(top + offset, index), value)
            cell.border = _BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for letter, width in zip("ABCD", (24, 10, 52, 30), strict=True):
        sheet.column_dimensions[letter].width = width


def template_file(table: Table | str) -> OutputFile:
    """The fill-in workbook of one table (see the module): ``<中文表名>.xlsx``."""
    table = TABLES[table] if isinstance(table, str) else table
    book = Workbook()
    sheet = book.active
    sheet.title = table.title
    options = book.create_sheet("选项")
    lists: dict[str, str] = {}
    listed = 0
    for column in table.columns:
        choices = _choices(column)
        if not choices:
            continue
        listed += 1
        letter = get_column_letter(listed)
        for row, choice in enumerate(choices, start=1):
            options.cell(row, listed, choice)
        lists[column.name] = f"'选项'!${letter}$1:${letter}${len(choices)}"
    options.sheet_state = "hidden"
    last = TEMPLATE_ROWS + 2
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(1, index, column.header)
        header.font = _REQUIRED_FONT if column.required else _HEADER_FONT
        header.fill, header.border = _HEADER_FILL, _BORDER
        header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        example = write_cell(sheet.cell(2, index), _example(table, column, index == 1))
        example.font = _EXAMPLE_FONT
        number_format = _NUMBER_FORMATS.get(column.kind, "@")
        example.number_format = number_format
        # A column style formats every empty row the clerk will fill, at no cost per row.
        sheet.column_dimensions[letter].number_format = number_format
        check = _validation(column, lists)
        if check is not None:
            check.add(f"{letter}3:{letter}{last}")
            sheet.add_data_validation(check)
        sheet.column_dimensions[letter].width = max(12, min(30, 2.2 * len(column.header) + 4))
    sheet.row_dimensions[1].height = 30
    sheet.freeze_panes = "A2"
    _instructions(book, table)
    buffer = io.BytesIO()
    book.save(buffer)
    return OutputFile(f"{table.title}.xlsx", buffer.getvalue(), XLSX)


def template_files() -> list[OutputFile]:
    """Every table's template, in the order of CONTRACT section 1."""
    return [template_file(name) for name in TABLE_ORDER]
