"""Workbook writers 工作簿: one-sheet .xlsx built from strings, and Excel 97 .xls through xlwt.

A *header row* 表头行 is bold and centred; a *title row* 标题行 is merged across the sheet; a
*two-row header* 双层表头 merges the upper cell of a group 分组 across its columns and the two
cells of a lone column vertically. A date 日期 is written as an Excel *serial* 日期序列号 (days
since 1899-12-30) in the yyyy-mm-dd style. Equal data give equal bytes: every zip entry carries
one fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["write_xls", "write_xlsx"]

_FIXED_TIME = (2023, 11, 1, 0, 0, 0)
_PKG = "http://schemas.openxmlformats.org/package/2006"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_MIME}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_MIME}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_MIME}.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{_SML}" xmlns:r="{_DOC}">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_DOC}/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    # style 0: general; 1: date yyyy-mm-dd; 2: bold centred header
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<styleSheet xmlns="{_SML}">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="宋体"/></font>'
        '<font><b/><sz val="11"/><name val="宋体"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
        'applyAlignment="1">'
        '<alignment horizontal="center" vertical="center" wrapText="1"/></xf></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: pd.Series) -> pd.Series:
    return (
        text.str.replace("&", "&amp;", regex=False)
        .str.replace("<", "&lt;", regex=False)
        .str.replace(">", "&gt;", regex=False)
    )


def _cells_xml(values: pd.Series, refs: pd.Series) -> pd.Series:
    """XML of one column's cells: numbers, dates (as serials in yyyy-mm-dd style), strings."""
    values = pd.Series(values, dtype=object).reset_index(drop=True)
    kind = values.map(
        lambda v: (
            "n"
            if v is None or v is pd.NA or (isinstance(v, float) and v != v)
            else "d"
            if isinstance(v, dt.date)
            else "v"
            if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
            else "s"
        )
    )
    out = pd.Series("", index=values.index, dtype=object)
    num = kind == "v"
    if num.any():
        out[num] = (
            '<c r="'
            + refs[num]
            + '"><v>'
            + values[num]
            .map(repr)
            .str.replace("np.float64(", "", regex=False)
            .str.replace(")", "", regex=False)
            + "</v></c>"
        )
    date = kind == "d"
    if date.any():
        serial = values[date].map(lambda d: d.toordinal()) - dt.date(1899, 12, 30).toordinal()
        out[date] = '<c r="' + refs[date] + '" s="1"><v>' + serial.astype(str) + "</v></c>"
    text = kind == "s"
    if text.any():
        out[text] = (
            '<c r="'
            + refs[text]
            + '" t="inlineStr"><is><t>'
            + _escape(values[text].astype(str))
            + "</t></is></c>"
        )
    return out


def write_xlsx(
    path: Path,
    headers: list[str],
    columns: list[list],
    *,
    title: str | None = None,
    two_row: list[tuple[str, str]] | None = None,
) -> None:
    """Write a one-sheet .xlsx: optional merged title row, then one or two header rows.

    ``two_row`` gives (upper, lower) per column: a column whose cells are equal is merged
    vertically, a run of columns sharing an upper cell is merged horizontally. The XML is built
    column by column with pandas string operations (openpyxl writes ~10,000 cells a second;
    a year of payroll has a million), with fixed zip timestamps so equal data gives equal bytes.
    """
    n = len(headers)
    letters = [_column_letter(j) for j in range(n)]
    header_rows: list[list[tuple[int, str, bool]]] = []  # (column, text) per header row
    merges: list[str] = []
    if title:
        header_rows.append([(0, title)])
        merges.append(f"A1:{letters[-1]}1")
    if two_row:
        r = len(header_rows) + 1
        upper, lower = [], []
        j = 0
        while j < n:
            top, bottom = two_row[j]
            if top == bottom:
                upper.append((j, top))
                merges.append(f"{letters[j]}{r}:{letters[j]}{r + 1}")
                j += 1
                continue
            k = j
            while k + 1 < n and two_row[k + 1][0] == top and two_row[k + 1][1] != top:
                k += 1
            upper.append((j, top))
            if k > j:
                merges.append(f"{letters[j]}{r}:{letters[k]}{r}")
            lower.extend((c, two_row[c][1]) for c in range(j, k + 1))
            j = k + 1
        header_rows += [upper, lower]
    else:
        header_rows.append(list(enumerate(headers)))
    lines = []
    for i, cells in enumerate(header_rows, start=1):
        row = "".join(
            f'<c r="{letters[j]}{i}" s="2" t="inlineStr"><is><t>{text}</t></is></c>'
            for j, text in cells
        )
        lines.append(f'<row r="{i}">{row}</row>')
    first = len(header_rows) + 1
    m = len(columns[0]) if columns else 0
    row_numbers = pd.Series(np.arange(first, first + m).astype(str), dtype=object)
    body = pd.Series("", index=range(m), dtype=object)
    for j, column in enumerate(columns):
        body = body + _cells_xml(pd.Series(column, dtype=object), letters[j] + row_numbers)
    rows = '<row r="' + row_numbers + '">' + body + "</row>"
    merge_xml = (
        f'<mergeCells count="{len(merges)}">'
        + "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
        + "</mergeCells>"
        if merges
        else ""
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_SML}">'
        "<sheetData>"
        + "".join(lines)
        + "\n".join(rows.tolist())
        + "</sheetData>"
        + merge_xml
        + "</worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in [*_XLSX_PARTS.items(), ("xl/worksheets/sheet1.xml", sheet)]:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


def write_xls(path: Path, headers: list[str], cells: pd.DataFrame, title: str | None) -> None:
    """Write an Excel 97 .xls (xlwt): optional merged title row, one header row."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    row = 0
    if title:
        sheet.write_merge(0, 0, 0, len(headers) - 1, title)
        row = 1
    for j, header in enumerate(headers):
        sheet.write(row, j, header)
    for i, values in enumerate(cells.itertuples(index=False), start=row + 1):
        for j, value in enumerate(values):
            if value is None or (isinstance(value, float) and value != value):
                continue
            if isinstance(value, dt.date):
                value = (value - dt.date(1899, 12, 30)).days
            sheet.write(i, j, value)
    book.save(str(path))
