"""Load a campaign folder 活动文件夹: ledger files → a :class:`Campaign` and a :class:`LoadReport`.

Terms. A *file* is one ledger of the folder (``projects.xlsx`` or ``在建工程项目台账.csv``...);
a workbook's *sheets* 工作表 holding the table's header are all read, hidden ones named in a
note and left out. A *header* 表头 is one or two rows (two when cells are merged, as in official
templates) and may sit below a title row; a *row* is numbered as the user sees it in Excel or a
text editor, header and title rows counted. A row is *loaded* when every cell could be read and
every rule of :mod:`wagekit.schema` holds, else *rejected* with one error per broken rule, each
naming the file (and sheet), row, column, value and the rule in plain Chinese; a total row
(合计/小计) or a template's example row (示例) is *skipped* with a note. For every table, rows
read = loaded + rejected + skipped. A table whose required column is missing is rejected whole;
a file that cannot be read at all (not a spreadsheet, empty, password-protected, truncated, a
sheet past the cell cap of :mod:`wagekit.workbook`, a link leaving the folder) makes the folder
unusable (exit code 2 of ``wagekit validate``), never a traceback.

Reading: Excel (.xlsx, .xlsm, .xls) through python-calamine, each sheet's size known first;
CSV through pyarrow, in UTF-8 (with or without BOM), UTF-16, GBK or GB18030, detected from the
bytes, or line by line when a quote spans line ends (so a stray quote costs one row); Parquet
through pyarrow. The typed rules (required values, unique keys, cross-column comparisons,
references between tables) are a pandera schema built from the declaration in
:mod:`wagekit.schema`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wagekit import parse
from wagekit.config import ConfigError, read_config
from wagekit.load.files import SUFFIXES, read_file
from wagekit.load.headers import (
    header_lookup,
    header_mapping,
)
from wagekit.load.kinds import empty_table, final_dtype, nullable, parse_column
from wagekit.load.marks import blank_rows, marked_notes, marked_rows
from wagekit.load.raw import FileError
from wagekit.load.report import (
    ERROR_COLUMNS,
    Campaign,
    CampaignError,
    LoadReport,
    TableReport,
    empty_errors,
    error_frame,
)
from wagekit.load.rules import broken_rules
from wagekit.schema import TABLE_ORDER, TABLES, Column, Table

if TYPE_CHECKING:
    pass

__all__ = [
    "Campaign",
    "CampaignError",
    "ERROR_COLUMNS",
    "LoadReport",
    "TableReport",
    "load",
    "load_table",
    "TableLoad",
    "find_table_files",
    "inside_folder",
]


# --------------------------------------------------------------------------------------------
# Finding the files


def _stem_key(path: Path) -> str:
    return parse.header_key(path.stem).lower()


def find_table_files(folder: Path) -> dict[str, list[Path]]:
    """The files of each table in a folder, by English or Chinese name (several = ambiguous)."""
    found: dict[str, list[Path]] = {}
    candidates = [
        p
        for p in sorted(Path(folder).iterdir())
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", "."))
    ]
    for name in TABLE_ORDER:
        stems = {parse.header_key(s).lower() for s in TABLES[name].stems}
        matches = [p for p in candidates if _stem_key(p) in stems]
        if matches:
            found[name] = matches
    return found


# --------------------------------------------------------------------------------------------
# Reading a file into a grid of raw cells


# --------------------------------------------------------------------------------------------
# Parsing and validating one table


def _cell_display(raw: pd.Series) -> pd.Series:
    return parse.clean_text(raw).fillna("").astype(str)


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


# --------------------------------------------------------------------------------------------
# The folder


def load(folder: Path | str, progress: Callable[[str, int, int], None] | None = None) -> Campaign:
    """Load a campaign folder (CONTRACT section 1).

    Raises :class:`CampaignError` when the folder or its campaign.toml cannot be used; every
    problem with a ledger goes to the returned campaign's :class:`LoadReport`. ``progress`` is
    called with (table name, tables done, tables in all) as loading goes on.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CampaignError(f"找不到活动文件夹：{folder}")
    if not inside_folder(folder, folder / "campaign.toml"):
        raise CampaignError(_OUTSIDE.format(name="campaign.toml"))
    try:
        config = read_config(folder / "campaign.toml")
    except ConfigError as exc:
        raise CampaignError(str(exc)) from exc
    files = find_table_files(folder)
    report = LoadReport()
    tables: dict[str, pd.DataFrame] = {}
    keys: dict[str, pd.Index] = {}
    all_errors = []
    for done, name in enumerate(TABLE_ORDER):
        if progress:
            progress(name, done, len(TABLE_ORDER))
        if name not in files:
            continue
        paths = files[name]
        if len(paths) > 1:
            listed = "、".join(p.name for p in paths)
            report.tables[name] = TableReport(name, paths[0].name)
            all_errors.append(
                error_frame(
                    name,
                    paths[0].name,
                    [None],
                    [None],
                    [listed],
                    [f"{TABLES[name].title}有多个文件：{listed}，请只保留一个"],
                    ["ambiguous_file"],
                )
            )
            continue
        if not inside_folder(folder, paths[0]):
            # Read nothing of it: a link may point at anything the server can read.
            report.tables[name] = TableReport(name, paths[0].name, unreadable=True)
            all_errors.append(
                error_frame(
                    name,
                    paths[0].name,
                    [None],
                    [None],
                    [None],
                    [_OUTSIDE.format(name=paths[0].name)],
                    ["outside_folder"],
                )
            )
            continue
        result = load_table(paths[0], TABLES[name], keys)
        report.tables[name] = result.report
        report.notes.extend(result.notes)
        all_errors.append(result.errors)
        if not result.usable:
            continue
        tables[name] = result.frame
        if result.keys is not None:
            keys[name] = result.keys
    if progress:
        progress("", len(TABLE_ORDER), len(TABLE_ORDER))
    if all_errors:
        report.errors = pd.concat(all_errors, ignore_index=True)
    if "cases" in tables and "projects" in tables:
        tables["cases"] = _case_investment_types(tables["cases"], tables["projects"])
    return Campaign(folder=folder, config=config, tables=tables, report=report)


_OUTSIDE = (
    "{name} 是指向活动文件夹以外的链接（快捷方式），为安全起见未读取；"
    "请把文件本身复制到活动文件夹中"
)


def inside_folder(folder: Path, path: Path) -> bool:
    """Whether a file of the folder, links followed, is still inside the folder."""
    try:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError):
        return False


def _case_investment_types(cases: pd.DataFrame, projects: pd.DataFrame) -> pd.DataFrame:
    """A case on a known project takes the project's investment type."""
    by_project = projects.set_index("project_id")["investment_type"]
    from_project = cases["project_id"].map(by_project)
    cases = cases.copy()
    cases["investment_type"] = from_project.fillna(cases["investment_type"]).astype("str")
    return cases
