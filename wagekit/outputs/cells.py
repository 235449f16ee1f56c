"""Safe cells 安全单元格: what every file wagekit sends out does to a value before writing it.

*Masking* 脱敏: every ID number 身份证号 and bank account 银行账号 inside any text keeps its
first 6 and last 4 characters (``110101********1234``), by the one mask of wagekit,
:func:`wagekit.ids.mask_id_numbers_in_text`. Identifier columns (a case, project or employer
number, :data:`wagekit.ids.IDENTIFIER_COLUMNS`) are never masked: they name things, not people.
An *inert* 不可执行 cell is one a
spreadsheet shows as the characters written and never runs: text starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is stored as a text cell with Excel's quote prefix (the
``'`` a clerk would type), so it shows the same characters and cannot become a formula, even
when someone edits the cell later. Control characters a workbook cannot hold are written as
U+FFFD, so nothing vanishes silently.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import pandas as pd
from openpyxl.cell.cell import Cell

from wagekit.ids import mask_id_numbers_in_text

__all__ = [
    "FORMULA_PREFIXES",
    "is_formula_like",
    "mask_text",
    "write_cell",
]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 (and so .xlsx and .docx) cannot hold; tab, line feed and CR are allowed.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def mask_text(text: str) -> str:
    """Mask the ID numbers and bank accounts inside one text (:mod:`wagekit.ids`)."""
    return mask_id_numbers_in_text(text)


def is_formula_like(text: str) -> bool:
    """Tell whether a spreadsheet could run this text as a formula (or a DDE command)."""
    return text.startswith(FORMULA_PREFIXES)


def _plain(value: Any) -> Any:
    """A value as openpyxl writes it: missing → empty, numpy and pandas types → Python."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        return value.item()
    return value


def write_cell(cell: Cell, value: Any, *, mask: bool = True) -> Cell:
    """Write a value into a worksheet cell so that it is safe to send.

    Text is masked (unless ``mask`` is false), stripped of characters a workbook cannot hold,
    and written as an inert text cell when it starts like a formula. Dates keep being dates,
    numbers numbers.
    """
    value = _plain(value)
    if isinstance(value, str):
        text = _ILLEGAL.sub("\ufffd", mask_text(value) if mask else value)
        cell.value = text
        if is_formula_like(text):
            # openpyxl stores "=…" as a formula; a text cell with the quote prefix is inert.
            cell.data_type = "s"
            cell.quotePrefix = True
        return cell
    if isinstance(value, dt.datetime | dt.date | int | float | bool) or value is None:
        cell.value = value
        return cell
    return write_cell(cell, str(value), mask=mask)
