"""Workbooks 工作簿: the sheets 工作表 of an Excel file, each read only after its size is known.

Terms. A *sheet* is one tab of a workbook: a *worksheet* holds cells (a chart sheet does not);
it is *visible* or *hidden* 隐藏 (Excel's "hidden" and "very hidden" alike). Its *used range*
已用区域 is the rectangle from A1 to the last row and the last column holding a value; cells
that carry formatting and no value do not count (python-calamine skips them too). A used range
of more than :data:`MAX_CELLS` cells is refused before it is read, with the sheet and the range
named: python-calamine builds a dense grid of the whole range, so one stray value at XFD1048576
asks for seventeen billion cells (hundreds of GiB) and aborts the process natively.

How the used range is known before reading. ``.xlsx``/``.xlsm``: every cell of the sheet's XML
part carries its reference (``r="XFD1048576"``); the part is decompressed once, in chunks, and
the references are read with numpy (no Python loop per cell). A reference counts whether or not
its cell holds a value, so the bound can only be too large; when it passes the cap, the cells
holding a value are read exactly before refusing. Cells written without a reference extend
their row by one each, which the bound counts. ``.xls``: the format holds at most 65,536 rows
by 256 columns, which python-calamine reads into memory when the file is opened (bounded, a few
hundred MiB); the cap is checked on the sheet's range before its cells become Python values.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import python_calamine

__all__ = ["MAX_CELLS", "SheetInfo", "Workbook", "WorkbookError", "column_letters"]

# About a county payroll of a million rows by ten columns. Python-calamine holds 32 bytes per
# cell of the range, and the grid handed to Python a pointer per cell more.
MAX_CELLS = 10_000_000
_CHUNK = 32 << 20
# Bytes kept from one chunk for the next: longer than any reference (`r="XFD1048576"`).
_OVERLAP = 32
_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
# A cell holding a value: its reference, then an optional formula, then <v> or <is>.
_VALUE_CELL = re.compile(
    rb"<" + _PREFIX + rb"c\b[^>]*?\sr=\"([A-Z]{1,3})(\d{1,7})\"[^>]*>\s*"
    rb"(?:<"
    + _PREFIX
    + rb"f\b[^>]*/>\s*|<"
    + _PREFIX
    + rb"f\b[^>]*>[^<]*</"
    + _PREFIX
    + rb"f>\s*)?<"
    + _PREFIX
    + rb"(?:v|is)[\s/>]"
)
_OFFICE_RELATIONSHIP = "officeDocument"
_ROOT_PREFIX = re.compile(rb"<([A-Za-z_][\w.-]*):worksheet\b")


class WorkbookError(Exception):
    """A workbook or one of its sheets cannot be read; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class SheetInfo:
    """One sheet of a workbook, before its cells are read."""

    index: int
    name: str
    visible: bool
    worksheet: bool


def column_letters(number: int) -> str:
    """Excel's letters of a 1-based column number (1 → A, 16384 → XFD)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _refused(sheet: str, rows: int, columns: int) -> WorkbookError:
    return WorkbookError(
        f"工作表“{sheet}”的已用区域 A1:{column_letters(columns)}{rows}（{rows:,}行×{columns:,}列）"
        f"超过{MAX_CELLS // 10_000:,}万个单元格的上限，未读取；通常是表格远处有多余的内容，"
        "请在Excel中按Ctrl+End找到最后一个单元格，删除多余的行和列后另存"
    )


class Workbook:
    """An Excel workbook opened for reading sheet by sheet (``.xlsx``, ``.xlsm``, ``.xls``)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._book = python_calamine.CalamineWorkbook.from_path(str(self.path))
            metadata = self._book.sheets_metadata
        except python_calamine.PasswordError as exc:
            raise WorkbookError("文件设置了打开密码，请在Excel中取消密码、另存后再导入") from exc
        except (python_calamine.CalamineError, zipfile.BadZipFile, OSError, ValueError) as exc:
            raise WorkbookError(_broken(exc)) from exc
        self.sheets = [
            SheetInfo(
                index=i,
                name=m.name,
                visible=m.visible == python_calamine.SheetVisibleEnum.Visible,
                worksheet=m.typ == python_calamine.SheetTypeEnum.WorkSheet,
            )
            for i, m in enumerate(metadata)
        ]
        self._parts: dict[str, str] | None = None

    def read(self, sheet: SheetInfo) -> tuple[list[list[object]], list | None]:
        """The cells of a sheet from A1 (rows of Python values) and its merged ranges.

        Raises :class:`WorkbookError` when the sheet's used range passes :data:`MAX_CELLS`.
        """
        if self.path.suffix.lower() in (".xlsx", ".xlsm"):
            rows, columns = self._xlsx_extent(sheet.name)
            if rows * columns > MAX_CELLS:
                raise _refused(sheet.name, rows, columns)
        try:
            cells = self._book.get_sheet_by_index(sheet.index)
            end = cells.end
            if end is not None and (end[0] + 1) * (end[1] + 1) > MAX_CELLS:
                raise _refused(sheet.name, end[0] + 1, end[1] + 1)
            grid = cells.to_python(skip_empty_area=False)
        except python_calamine.PasswordError as exc:
            raise WorkbookError("文件设置了打开密码，请在Excel中取消密码、另存后再导入") from exc
        except (python_calamine.CalamineError, zipfile.BadZipFile, OSError, ValueError) as exc:
            raise WorkbookError(_broken(exc)) from exc
        try:
            merged = cells.merged_cell_ranges
        except (AttributeError, python_calamine.CalamineError):
            merged = None
        return grid, merged

    # ----------------------------------------------------------------------------------------
    # The used range of an .xlsx sheet, from its XML

    def _xlsx_extent(self, name: str) -> tuple[int, int]:
        """Rows and columns from A1 that the sheet's cells can reach (never fewer)."""
        try:
            with zipfile.ZipFile(self.path) as archive:
                part = self._sheet_parts(archive).get(name)
                if part is None:
                    raise WorkbookError(f"工作表“{name}”在文件中找不到，文件可能已损坏，请重新导出")
                rows, columns, unreferenced = _reference_extent(archive, part)
                if rows * columns > MAX_CELLS and not unreferenced:
                    # The bound counts formatted empty cells too: count only cells with values.
                    rows, columns = _value_extent(archive, part)
                return rows, columns
        except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError, EOFError) as exc:
            raise WorkbookError(_broken(exc)) from exc

    def _sheet_parts(self, archive: zipfile.ZipFile) -> dict[str, str]:
        """Each sheet's name and the path of its XML part inside the archive."""
        if self._parts is not None:
            return self._parts
        workbook = "xl/workbook.xml"
        if "_rels/.rels" in archive.namelist():
            for rel in _relationships(archive, "_rels/.rels", ""):
                if rel[0].endswith(_OFFICE_RELATIONSHIP):
                    workbook = rel[2]
        folder = posixpath.dirname(workbook)
        rels_path = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
        targets = {rid: target for _, rid, target in _relationships(archive, rels_path, folder)}
        parts = {}
        for element in ElementTree.fromstring(archive.read(workbook)).iter():
            if _local(element.tag) != "sheet":
                continue
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id" and "}" in k), "")
            if rid in targets:
                parts[element.attrib.get("name", "")] = targets[rid]
        self._parts = parts
        return parts


def _broken(exc: BaseException) -> str:
    detail = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
    if "password" in detail.lower() or "encrypt" in detail.lower():
        return "文件设置了打开密码，请在Excel中取消密码、另存后再导入"
    return f"文件已损坏或不完整，无法读取（{detail}），请重新导出"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _relationships(archive: zipfile.ZipFile, path: str, folder: str) -> list[tuple[str, str, str]]:
    """(type, id, target part) of a relationships part; targets resolved to archive paths."""
    out = []
    for element in ElementTree.fromstring(archive.read(path)).iter():
        if _local(element.tag) != "Relationship":
            continue
        target = element.attrib.get("Target", "")
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target))
        out.append((element.attrib.get("Type", ""), element.attrib.get("Id", ""), resolved))
    return out


def _chunks(archive: zipfile.ZipFile, part: str):
    """The decompressed part in chunks, each starting with the last bytes of the one before.

    Yields (chunk, first, last): positions ``first``..``last`` of a chunk are its own; the
    bytes around them are context only, so nothing is counted twice.
    """
    carry, first = b"", 0
    with archive.open(part) as stream:
        block = stream.read(_CHUNK)
        while block:
            following = stream.read(_CHUNK)
            chunk = carry + block
            last = len(chunk) - _OVERLAP if following else len(chunk)
            yield chunk, first, last
            carry, first = chunk[last - _OVERLAP :], _OVERLAP
            block = following


_UPPER_A, _UPPER_Z, _ZERO, _NINE = 65, 90, 48, 57


def _reference_extent(archive: zipfile.ZipFile, part: str) -> tuple[int, int, int]:
    """Rows and columns the sheet's references reach (an upper bound); cells without one."""
    max_row = max_column = 0
    row_tags = cell_tags = references = 0
    tags = None
    for chunk, first, last in _chunks(archive, part):
        if tags is None:
            # The element names as this file spells them, with its namespace prefix if any.
            prefix = _ROOT_PREFIX.search(chunk, 0, 4096)
            spelled = b"<" + (prefix.group(1) + b":" if prefix else b"")
            tags = (spelled + b"c", spelled + b"row")
        for name, ends in ((tags[0], (b" ", b">")), (tags[1], (b" ", b">"))):
            found = sum(chunk.count(name + end, first, last) for end in ends)
            if name == tags[0]:
                cell_tags += found
            else:
                row_tags += found
        padded = chunk if last < len(chunk) else chunk + b"\0" * 16
        data = np.frombuffer(padded, dtype=np.uint8)
        # `r="` after a blank: the reference attribute of a cell or a row.
        equals = np.flatnonzero(data[first:last] == 0x3D) + first
        equals = equals[equals >= 2]
        at = equals[(data[equals - 1] == 0x72) & (data[equals + 1] == 0x22)]
        before = data[at - 2]
        at = at[(before == 0x20) | (before == 0x09) | (before == 0x0A) | (before == 0x0D)]
        start = at + 2
        column = np.zeros(len(start), dtype=np.int64)
        letters = np.zeros(len(start), dtype=np.int64)
        going = np.ones(len(start), dtype=bool)
        for k in range(3):
            byte = data[start + k]
            upper = going & (byte >= _UPPER_A) & (byte <= _UPPER_Z)
            column = np.where(upper, column * 26 + (byte.astype(np.int64) - 64), column)
            letters += upper
            going = upper
        row = np.zeros(len(start), dtype=np.int64)
        going = np.ones(len(start), dtype=bool)
        for k in range(8):
            byte = data[start + letters + k]
            digit = going & (byte >= _ZERO) & (byte <= _NINE)
            row = np.where(digit, row * 10 + (byte.astype(np.int64) - 48), row)
            going = digit
        if len(start):
            max_row = max(max_row, int(row.max()))
            max_column = max(max_column, int(column.max()))
        references += int((letters > 0).sum())
    unreferenced = max(cell_tags - references, 0)
    # A cell without a reference follows the one before it in its row, on the row after the
    # last one when its row has no reference either.
    return max(max_row, row_tags, 1), max(max_column + unreferenced, 1), unreferenced


def _value_extent(archive: zipfile.ZipFile, part: str) -> tuple[int, int]:
    """Rows and columns from A1 to the last cell holding a value (exact, slower)."""
    last_row, letters = 1, {b"A"}
    carry = b""
    with archive.open(part) as stream:
        while block := stream.read(_CHUNK):
            chunk = carry + block
            # Whole cells only: up to the last cell's end tag; the rest waits for the next block.
            end = max(chunk.rfind(b"</c>") + 4, chunk.rfind(b":c>") + 3, 0)
            found = _VALUE_CELL.findall(chunk, 0, end)
            letters.update(column for column, _ in found)
            last_row = max(last_row, *(int(row) for _, row in found))
            carry = chunk[end:]
    widest = max(letters, key=lambda text: (len(text), text))
    column = 0
    for letter in widest:
        column = column * 26 + letter - 64
    return last_row, column
