"""Rows that are not records 非记录行: blank rows, total rows (合计/小计) and example rows (示例).

Terms. A *blank row* 空行 has nothing in any cell (spaces count as nothing); it is not a row at
all. A *marked row* 标记行 is labelled so in its first filled cell: a *total row* 合计行 (合计,
小计, 总计, 共计: an official ledger's 合计 row, a township's 小计) or a template's *example
row* 示例行 (示例, 【示例】, 示例：...). Labels are compared folded
(:func:`wagekit.parse.header_key`: NFKC, blanks removed), so 合 计 and 合计： are recognised. A
marked row is read, then *skipped* 跳过: neither loaded nor rejected, and named in a note.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pyarrow_lib
import pyarrow.compute as pc

from wagekit import parse

__all__ = ["blank_rows", "marked_notes", "marked_rows"]


def blank_rows(data: pd.DataFrame) -> np.ndarray:
    """Rows with nothing in any cell (spaces count as nothing)."""
    blank = np.ones(len(data), dtype=bool)
    # Typed columns first: one without gaps settles it without stripping any text.
    texts = [p for p in data.columns if _is_text(data[p])]
    for position in [p for p in data.columns if p not in texts] + texts:
        column = data[position]
        empty = column.isna().to_numpy().copy()
        if _is_text(column):
            empty |= (column.astype("string").str.strip() == "").fillna(True).to_numpy()
        blank &= empty
        if not blank.any():
            break
    return blank


def _is_text(column: pd.Series) -> bool:
    return column.dtype == object or pd.api.types.is_string_dtype(column.dtype)


# A row labelled in its first filled cell as a total (合计 row of an official ledger, 小计 per
# township) or as a template's example (示例): not a record. Matched after NFKC folding and
# with blanks removed, so "合 计", "合计：" and "（示例）" are all recognised.
_TOTAL_RE = re.compile(r"^(?:合计|小计|总计|共计)(?:[:(].*)?$")
_EXAMPLE_RE = re.compile(r"^[(\[【]?示例[)\]】]?(?:[:].*)?$")
_MARK_CHARACTERS = "计例"
_ARROW_TEXT = pd.StringDtype("pyarrow")


def marked_rows(data: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose first filled cell marks them a total row, and rows marked as an example.

    Decided column by column: only rows whose earlier cells are all empty look further, and
    only cells holding 计 or 例 are read as text, found by Arrow's substring search (a payroll's
    first column settles ten million rows at once).
    """
    totals = np.zeros(len(data), dtype=bool)
    examples = np.zeros(len(data), dtype=bool)
    undecided = np.ones(len(data), dtype=bool)
    for position in data.columns:
        if not undecided.any():
            break
        column = data[position]
        if not _is_text(column):
            undecided &= column.isna().to_numpy()
            continue
        if not isinstance(column.dtype, pd.StringDtype):
            column = column.astype(_ARROW_TEXT)
        arrow = column.array.__arrow_array__()
        empty = pc.fill_null(pc.equal(arrow, ""), True).to_numpy(zero_copy_only=False)
        hint = _holding_marks(arrow) & undecided
        if hint.any():
            where = np.flatnonzero(hint)
            keys = [parse.header_key(v) for v in column.iloc[where]]
            totals[where] = [bool(_TOTAL_RE.match(k)) for k in keys]
            examples[where] = [bool(_EXAMPLE_RE.match(k)) for k in keys]
        undecided &= empty
    return totals, examples


def _holding_marks(arrow: pyarrow_lib.ChunkedArray) -> np.ndarray:
    """Cells whose UTF-8 bytes hold 计 or 例, read from the Arrow buffers with numpy.

    Arrow's substring search decodes every cell for a non-ASCII needle; the three bytes of each
    character are found in the data buffer instead and mapped to cells by their offsets.
    """
    found = []
    for chunk in arrow.chunks:
        hit = np.zeros(len(chunk), dtype=bool)
        found.append(hit)
        if len(chunk) == 0 or chunk.buffers()[2] is None:
            continue
        width = np.int64 if pyarrow_lib.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(chunk.buffers()[1], dtype=width)[
            chunk.offset : chunk.offset + len(chunk) + 1
        ]
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
        for needle in (c.encode() for c in _MARK_CHARACTERS):
            lead = np.flatnonzero(data[: max(len(data) - 2, 0)] == needle[0])
            at = lead[(data[lead + 1] == needle[1]) & (data[lead + 2] == needle[2])]
            if len(at):
                hit[np.searchsorted(offsets - offsets[0], at, side="right") - 1] = True
        if chunk.null_count:
            hit &= chunk.is_valid().to_numpy(zero_copy_only=False)
    return np.concatenate(found) if found else np.zeros(0, dtype=bool)


def _row_list(rows: np.ndarray) -> str:
    shown = "、".join(str(int(r)) for r in rows[:20])
    return shown + (f"等{len(rows)}行" if len(rows) > 20 else "")


def marked_notes(
    where: str, rows: np.ndarray, totals: np.ndarray, examples: np.ndarray
) -> list[str]:
    """The notes naming the rows skipped at ``where``: one for totals, one for examples, if any."""
    return [
        f"{where}：第{_row_list(rows[mask])}行是{what}，未作为记录导入"
        for mask, what in ((totals, "合计（小计）行"), (examples, "填写示例行"))
        if mask.any()
    ]
