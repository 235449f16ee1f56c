"""Header recognition 表头识别: which column of a file is which column of a table.

Terms. A *header* 表头 is one row of column names, or two when upper cells are merged over lower
ones (an official template's 欠薪金额 over 金额 and 人数); it may sit below a title row and is
looked for in the first :data:`HEADER_SCAN_ROWS` rows. A header text is folded
(:func:`wagekit.parse.header_key`) and matched against each column's name, Chinese header and
aliases: the table's *lookup* 表头对照. A *unit suffix* 单位后缀 such as ``（万元）`` is cut off
first and gives the column's *unit* 单位 (10,000 for 万元 and 万, else 1). The *strength* 表头强度
of a grid is how many required columns its best header row names: it tells which sheets of a
workbook hold the table.
"""

from __future__ import annotations

import re

import numpy as np

from wagekit import parse
from wagekit.schema import Table

__all__ = [
    "HEADER_SCAN_ROWS",
    "cell_text",
    "find_header",
    "header_lookup",
    "header_mapping",
    "header_strength",
    "match_header",
    "split_unit",
]


HEADER_SCAN_ROWS = 12
_UNIT_RE = re.compile(r"\((万元|元|万|人|个|天|份|次|场|人次|%)\)$")


def header_lookup(table: Table) -> dict[str, str]:
    """The table's lookup: folded header text → column name, for every name, header and alias."""
    lookup = {}
    for col in table.columns:
        for text in (col.name, col.header, *col.aliases):
            lookup[parse.header_key(text).lower()] = col.name
    return lookup


def split_unit(header: str) -> tuple[str, float]:
    """A normalised header and the multiplier its unit suffix declares (（万元） → 10,000)."""
    key = parse.header_key(header)
    match = _UNIT_RE.search(key)
    if not match:
        return key, 1.0
    return key[: match.start()], 10_000.0 if match.group(1) in ("万元", "万") else 1.0


def match_header(header: str, lookup: dict[str, str]) -> str | None:
    """The column a header names (its unit suffix ignored), or None."""
    key, _ = split_unit(header)
    return lookup.get(key.lower())


def cell_text(value: object) -> str:
    """A cell as header text: stripped, and "" for an empty or NaN cell."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def _is_unit_only(text: str) -> bool:
    return bool(_UNIT_RE.fullmatch(parse.header_key(text)))


def find_header(grid: list[list[object]], lookup: dict[str, str]) -> tuple[int, int, list[str]]:
    """Locate the header in the first rows: (first header row index, header row count, names)."""
    best_row, best_score = 0, -1
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        score = sum(match_header(cell_text(c), lookup) is not None for c in row)
        if score > best_score:
            best_row, best_score = i, score
    upper = [cell_text(c) for c in grid[best_row]] if grid else []
    if best_row + 1 >= len(grid):
        return best_row, 1, upper
    lower_raw = grid[best_row + 1]
    lower = [cell_text(c) for c in lower_raw]
    named = sum(
        bool(t) and (match_header(t, lookup) is not None or _is_unit_only(t)) for t in lower
    )
    looks_like_data = any(
        not isinstance(c, str) and c is not None and cell_text(c) != "" for c in lower_raw
    )
    if named == 0 or looks_like_data:
        return best_row, 1, upper
    # A merged upper cell is written once, in its first column: carry it across the span.
    carried, last = [], ""
    for u in upper:
        last = u or last
        carried.append(last)
    names = []
    for u, spanning, low in zip(upper, carried, lower, strict=False):
        if low and match_header(low, lookup) is not None:
            names.append(low)
        elif low:
            names.append(spanning + low)
        else:
            names.append(u)
    return best_row, 2, names


def header_strength(grid: list[list[object]], table: Table, lookup: dict[str, str]) -> int:
    """How many required columns of the table the best header row of a grid names."""
    required = {c.name for c in table.columns if c.required}
    return max(
        (
            len({match_header(cell_text(c), lookup) for c in row} & required)
            for row in grid[:HEADER_SCAN_ROWS]
        ),
        default=0,
    )


def header_mapping(
    headers: list[str], table: Table, lookup: dict[str, str], where: str, notes: list[str]
) -> dict[str, tuple[int, float]]:
    """Each column of the table found in a part's headers: (position, unit multiplier)."""
    mapping: dict[str, tuple[int, float]] = {}
    ignored = []
    for i, header in enumerate(headers):
        name = match_header(header, lookup)
        if name is None:
            if header:
                ignored.append(header)
        elif name in mapping:
            notes.append(f"{where}：表头“{header}”与前面的列重复，已忽略该列")
        else:
            mapping[name] = (i, split_unit(header)[1])
    if ignored:
        notes.append(f"{where}：以下列不属于{table.title}，未读取：{'、'.join(ignored)}")
    return mapping
