"""Excel workbooks 工作簿 (.xlsx, .xlsm, .xls): the sheets that hold a table, as raw parts.

Terms. A workbook is opened through :class:`wagekit.workbook.Workbook` (python-calamine), which
knows each sheet's *used range* 已用区域 before reading it and refuses one past its cell cap. A
*sheet* 工作表 *holds* a table when its header row names at least half of the table's required
columns (a payroll split over month sheets is read whole); *hidden* 隐藏 sheets and sheets that
are not worksheets (charts) are named in a note and not read. A *merged cell* 合并单元格 in the
data area (属地 written once over several projects) applies to every row it spans. A file whose
first bytes do not match its extension (a password-protected .xlsx is an OLE container, a CSV
renamed .xlsx is no zip) is refused with the fix in Chinese.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from wagekit.load.headers import cell_text, find_header, header_strength
from wagekit.load.raw import OLE_MAGIC, ZIP_MAGIC, FileError, RawPart
from wagekit.schema import Table
from wagekit.workbook import Workbook, WorkbookError

__all__ = ["read_excel"]


def read_excel(path: Path, table: Table, lookup: dict[str, str]) -> tuple[list[RawPart], list[str]]:
    """Every visible sheet of a workbook that holds the table's header, and notes on the rest.

    A sheet holds the header when its header row names at least half of the table's required
    columns (a payroll split over month sheets is read whole). Hidden sheets are named in a note
    and not read. When no sheet holds the header, the one sheet naming most of its columns is
    read (its missing columns are then reported); several sheets that cannot be told apart are
    an error rather than a guess.
    """
    with path.open("rb") as handle:
        head = handle.read(8)
    suffix = path.suffix.lower()
    if not head:
        raise FileError("文件是空的（0字节），请重新导出")
    if suffix in (".xlsx", ".xlsm") and head.startswith(OLE_MAGIC):
        raise FileError("文件设置了打开密码，请在Excel中取消密码、另存后再导入")
    if suffix in (".xlsx", ".xlsm") and not head.startswith(ZIP_MAGIC):
        raise FileError("不是Excel表格文件（内容不是.xlsx格式），请用Excel打开后另存为.xlsx")
    if suffix == ".xls" and not head.startswith(OLE_MAGIC):
        raise FileError("不是Excel表格文件（内容不是.xls格式），请用Excel打开后另存为.xlsx")
    notes: list[str] = []
    try:
        book = Workbook(path)
        hidden = [s.name for s in book.sheets if not s.visible]
        if hidden:
            notes.append(
                f"{path.name}：隐藏的工作表{'、'.join(f'“{n}”' for n in hidden)}未读取"
                "（如需导入，请在Excel中取消隐藏）"
            )
        others = [s.name for s in book.sheets if s.visible and not s.worksheet]
        if others:
            notes.append(f"{path.name}：{'、'.join(f'“{n}”' for n in others)}不是数据表，未读取")
        sheets = [s for s in book.sheets if s.visible and s.worksheet]
        if not sheets:
            raise FileError("工作簿中没有可见的工作表" + ("（只有隐藏的工作表）" if hidden else ""))
        grids = {s.name: book.read(s) for s in sheets}
    except WorkbookError as exc:
        raise FileError(str(exc)) from exc
    required = sum(c.required for c in table.columns)
    strength = {name: header_strength(grid, table, lookup) for name, (grid, _) in grids.items()}
    filled = [s.name for s in sheets if _has_content(grids[s.name][0])]
    holding = [n for n in filled if strength[n] >= max(1, -(-required // 2))]
    if not holding:
        if not filled:
            raise FileError("表格中没有任何内容")
        best = max(strength[n] for n in filled)
        candidates = [n for n in filled if strength[n] == best]
        if len(candidates) > 1:
            listed = "、".join(f"“{n}”" for n in candidates)
            raise FileError(
                f"无法确定哪个工作表是{table.title}：工作表{listed}都没有完整的表头，"
                "请删除多余的工作表，或把表头改为标准表头"
            )
        holding = candidates
    skipped = [n for n in filled if n not in holding]
    if skipped:
        notes.append(
            f"{path.name}：工作表{'、'.join(f'“{n}”' for n in skipped)}中没有{table.title}的表头，"
            "未读取"
        )
    # Errors name the sheet whenever the workbook has more than one to look at.
    named = len(book.sheets) > 1
    parts = []
    for name in holding:
        grid, merged = grids[name]
        parts.append(_grid_part([list(r) for r in grid], merged, lookup, name if named else None))
    return parts, notes


def _grid_part(
    grid: list[list[object]], merged, lookup: dict[str, str], sheet: str | None
) -> RawPart:
    """The data rows of one sheet below its header."""
    start, count, headers = find_header(grid, lookup)
    first_data = start + count
    _fill_merged(grid, merged, first_data)
    body = grid[first_data:]
    width = len(headers)
    data = pd.DataFrame([r[:width] + [""] * (width - len(r)) for r in body], dtype=object)
    if data.empty:
        data = pd.DataFrame(columns=range(width), dtype=object)
    rows = np.arange(first_data + 1, first_data + 1 + len(body), dtype=np.int64)
    return RawPart(data, rows, headers, count, sheet=sheet)


def _fill_merged(grid: list[list[object]], merged: list, first_data: int) -> None:
    """A merged cell in the data area (属地 over several projects) applies to every row it spans."""
    for (r0, c0), (r1, c1) in merged or []:
        if r1 < first_data:
            continue
        value = grid[r0][c0] if r0 < len(grid) and c0 < len(grid[r0]) else ""
        for r in range(max(r0, first_data), min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, len(grid[r]) - 1) + 1):
                if (r, c) != (r0, c0):
                    grid[r][c] = value


def _has_content(grid: list[list[object]]) -> bool:
    return any(cell_text(c) for row in grid for c in row)
