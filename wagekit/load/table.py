"""One table 台账 from one file: read, every cell parsed, the rules checked, each row kept or not.

Terms. The *parts* 数据块 a file reader gives (one per sheet read) become *pieces* 片段 once their
headers are mapped onto the table's columns; a part without a required column is rejected whole
(``missing_column``). Every column of every piece is parsed by its kind: a cell that cannot be
read is a *cell error* 单元格错误; the typed rules then run on what parsed, and a cell already
reported is not reported again. A row with any error is *rejected* 拒收, every other row
*loaded* 导入, with ``source_row``, its row number. An error shows the value *as typed* 原样, not
as parsed. Rows read = loaded + rejected, and *skipped* 跳过 rows are read but not records (see
:mod:`wagekit.load.marks`). A table's *keys* 编号 are every key value read, of rejected rows
too, for the references of the tables loaded after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from wagekit import parse
from wagekit.load.files import read_file
from wagekit.load.headers import header_lookup, header_mapping
from wagekit.load.kinds import empty_table, final_dtype, nullable, parse_column
from wagekit.load.marks import blank_rows, marked_notes, marked_rows
from wagekit.load.raw import FileError
from wagekit.load.report import TableReport, empty_errors, error_frame
from wagekit.load.rules import broken_rules
from wagekit.schema import TABLES, Column, Table

__all__ = ["TableLoad", "load_table"]


@dataclass
class TableLoad:
    """One table read: loaded rows, errors, counts, notes, and every key value read."""

    frame: pd.DataFrame
    errors: pd.DataFrame
    report: TableReport
    notes: list[str]
    keys: pd.Index | None = None
    usable: bool = True


@dataclass
class _Piece:
    """One part of a file that maps onto the table: its rows, and where each column is."""

    data: pd.DataFrame
    rows: np.ndarray
    mapping: dict[str, tuple[int, float]]
    sheet: str | None


def _where(file: str, sheet: str | None) -> str:
    return f"{file}（工作表“{sheet}”）" if sheet else file


def load_table(
    path: Path, table: Table | str, keys: dict[str, pd.Index] | None = None
) -> TableLoad:
    """Read, parse and validate one ledger file.

    The loaded rows have canonical columns, typed, plus ``source_row``; errors have
    :data:`ERROR_COLUMNS` (``sheet`` names the sheet when a workbook has several). ``keys``
    holds the key values already read from other tables, for reference rules (a reference to a
    table that was not given is not checked). Rows read = loaded + rejected + skipped: a total
    row (合计/小计) or a template's example row (示例) is skipped with a note.
    """
    table = TABLES[table] if isinstance(table, str) else table
    keys = keys or {}
    path = Path(path)
    report = TableReport(table.name, path.name)
    notes = report.notes
    try:
        parts, read_notes = read_file(path, table)
    except FileError as exc:
        report.unreadable = True
        error = error_frame(
            table.name, path.name, [None], [None], [None], [str(exc)], ["unreadable_file"]
        )
        return TableLoad(empty_table(table), error, report, notes, usable=False)
    notes.extend(read_notes)
    report.encoding, report.header_rows = parts[0].encoding, parts[0].header_rows
    if report.encoding and report.encoding != "utf-8":
        notes.append(f"{path.name}：按{report.encoding.upper()}编码读取")

    lookup = header_lookup(table)
    pieces: list[_Piece] = []
    frames: list[pd.DataFrame] = []  # table-level and unreadable-line errors
    for part in parts:
        where = _where(path.name, part.sheet)
        mapping = header_mapping(part.headers, table, lookup, where, notes)
        # Rows with nothing in them are not rows.
        blank = blank_rows(part.data)
        data, rows = (
            (part.data[~blank], part.rows[~blank]) if blank.any() else (part.data, part.rows)
        )
        totals, examples = marked_rows(data)
        marked = totals | examples
        if marked.any():
            notes.extend(marked_notes(where, rows, totals, examples))
            report.skipped += int(marked.sum())
            data, rows = data[~marked], rows[~marked]
        if part.bad_lines:
            count = len(part.bad_lines)
            frames.append(
                error_frame(
                    table.name,
                    path.name,
                    [n for n, _, _ in part.bad_lines],
                    [None] * count,
                    [t[:200] for _, t, _ in part.bad_lines],
                    [r for _, _, r in part.bad_lines],
                    ["bad_line"] * count,
                    [part.sheet] * count,
                )
            )
            report.rows += count
            report.rejected += count
        report.rows += len(data)
        missing = [c for c in table.columns if c.required and c.name not in mapping]
        if missing:
            found = "、".join(h for h in part.headers if h) or "（无）"
            frames.append(
                error_frame(
                    table.name,
                    path.name,
                    [None] * len(missing),
                    [c.name for c in missing],
                    [None] * len(missing),
                    [f"缺少必填列“{c.header}”；表中找到的表头：{found}" for c in missing],
                    ["missing_column"] * len(missing),
                    [part.sheet] * len(missing),
                )
            )
            report.rejected += len(data)
            continue
        pieces.append(_Piece(data.reset_index(drop=True), rows, mapping, part.sheet))
    if not pieces:
        errors = pd.concat(frames, ignore_index=True) if frames else empty_errors()
        return TableLoad(empty_table(table), errors, report, notes, usable=False)

    # Parse every column of every piece; collect cell errors (positions over all pieces).
    starts = np.cumsum([0] + [len(p.data) for p in pieces])
    rows = pieces[0].rows if len(pieces) == 1 else np.concatenate([p.rows for p in pieces])
    sheets = None
    if any(p.sheet for p in pieces):
        sheets = np.concatenate([np.full(len(p.data), p.sheet, dtype=object) for p in pieces])
    typed = {}
    errors = []
    for col in table.columns:
        values = []
        for piece, start in zip(pieces, starts, strict=False):
            if col.name not in piece.mapping:
                values.append(pd.Series(index=piece.data.index, dtype=nullable(col)))
                continue
            position, unit = piece.mapping[col.name]
            raw_col = piece.data[position]
            parsed = parse_column(raw_col, col, unit)
            values.append(parsed.values)
            if parsed.bad.any():
                bad = parsed.bad.to_numpy()
                errors.append(
                    pd.DataFrame(
                        {
                            "pos": np.flatnonzero(bad) + start,
                            "column": col.name,
                            "value": _cell_display(raw_col[bad]).to_numpy(),
                            "rule": parsed.rule[bad].to_numpy(),
                            "reason": parsed.reason[bad].to_numpy(),
                        }
                    )
                )
        typed[col.name] = values[0] if len(values) == 1 else _stack(values, col)
    # copy=False keeps one block per column: stacking same-typed columns into one block would
    # copy them all.
    index = pd.RangeIndex(int(starts[-1]))
    frame = pd.DataFrame(typed, index=index, copy=False)
    if "status" in frame and table.column("status").default:
        frame["status"] = frame["status"].fillna(table.column("status").default)

    # Typed rules; a cell that failed to parse is reported once, not again as missing.
    rule_errors = broken_rules(frame, table, keys, rows)
    if len(rule_errors):
        # Show the cell as the clerk typed it, not as it was parsed.
        shown = np.empty(len(rule_errors), dtype=object)
        columns = rule_errors["column"].to_numpy()
        positions = rule_errors["pos"].to_numpy(dtype=np.int64)
        for name in np.unique(columns):
            at = columns == name
            shown[at] = _displayed(pieces, name)[positions[at]]
        rule_errors["value"] = pd.Series(shown, index=rule_errors.index).replace("", None)
    if errors and len(rule_errors):
        parsed_cells = pd.concat(errors)[["pos", "column"]]
        seen = pd.MultiIndex.from_frame(parsed_cells)
        rule_errors = rule_errors[
            ~pd.MultiIndex.from_frame(rule_errors[["pos", "column"]]).isin(seen)
        ]
    errors.append(rule_errors)
    cell_errors = (
        pd.concat([e for e in errors if len(e)]) if any(len(e) for e in errors) else rule_errors
    )
    cell_errors = cell_errors.sort_values(["pos"], kind="stable")
    positions = cell_errors["pos"].to_numpy(dtype=np.int64)
    out = error_frame(
        table.name,
        path.name,
        rows[positions],
        cell_errors["column"].to_numpy(),
        cell_errors["value"].to_numpy(),
        cell_errors["reason"].to_numpy(),
        cell_errors["rule"].to_numpy(),
        None if sheets is None else sheets[positions],
    )
    if frames:
        out = pd.concat([*frames, out], ignore_index=True)
    rejected = np.zeros(len(frame), dtype=bool)
    rejected[positions] = True
    kept = ~rejected
    loaded, rows_kept = (frame[kept], rows[kept]) if rejected.any() else (frame, rows)
    loaded = loaded.copy(deep=False)
    for col in table.columns:
        if loaded[col.name].dtype != final_dtype(col):
            loaded[col.name] = loaded[col.name].astype(final_dtype(col))
    loaded["source_row"] = pd.Series(rows_kept, index=loaded.index, copy=False)
    report.rejected += int(rejected.sum())
    report.loaded = len(loaded)
    # A row rejected for another cell still names a real subject: references to it hold.
    keys_read = pd.Index(frame[table.key].dropna().unique()) if table.key else None
    return TableLoad(
        loaded.reset_index(drop=True), out.reset_index(drop=True), report, notes, keys_read
    )


def _stack(values: list[pd.Series], col: Column) -> pd.Series:
    """One column from the pieces' typed columns, in the type the column's parser gives."""
    dtypes = {str(v.dtype) for v in values if len(v)}
    target = dtypes.pop() if len(dtypes) == 1 else nullable(col)
    return pd.concat([v.astype(target) for v in values], ignore_index=True)


def _displayed(pieces: list[_Piece], name: str) -> np.ndarray:
    """A column's cells as the clerk typed them, over all pieces ("" where a piece lacks it)."""
    shown = []
    for piece in pieces:
        if name in piece.mapping:
            shown.append(_cell_display(piece.data[piece.mapping[name][0]]).to_numpy())
        else:
            shown.append(np.full(len(piece.data), "", dtype=object))
    return shown[0] if len(shown) == 1 else np.concatenate(shown)


def _cell_display(raw: pd.Series) -> pd.Series:
    return parse.clean_text(raw).fillna("").astype(str)
