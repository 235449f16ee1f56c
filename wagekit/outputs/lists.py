"""Lists to act on 待办清单: the workbooks someone takes and works through, one row a task.

- The *returned rows* 退回修改清单: every rejected row of the load report (file, sheet, row,
  column, value, reason), one sheet per township 属地 so each sheet goes back to the clerk who
  keeps that township's ledgers, and a first sheet 汇总 counting them. A row's township is the
  属地 cell of the rejected row itself (projects, employers, publicity ledgers, read again from
  the file as the clerk typed it) or, for a row naming a project or employer (workers,
  payroll, cases, self-inspection forms), that subject's township in the loaded ledgers. A row
  whose township cannot be read — the 属地 cell itself is wrong or empty, the subject is
  unknown, or the whole file or column was refused — goes to the sheet 属地不明.
- The *missing forms* 未提交自查表清单: the projects and employers that have not returned a
  self-inspection form by the day of the figures (the summary's ``self_inspection.missing``),
  with 联系人 and 联系电话 when the ledgers carry them: whom to call.
- The *overdue cases* 超期案件清单: open cases past their deadline 超期未办结 (the summary's
  ``overdue_open``) on one sheet, cases closed after it 超期办结 (``closed_late``) on another;
  a leader chases the first, reviews the second.

Every cell goes through :func:`wagekit.outputs.cells.write_cell` (ID numbers and bank accounts
masked unless ``masked`` is false; nothing a spreadsheet would run). Each sheet carries a title,
the region and the day, a frozen header with filters, and prints on A4 landscape.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from wagekit.assessment import Assessment
from wagekit.ids import IDENTIFIER_COLUMNS
from wagekit.labels import SUBJECT_KIND_LABELS
from wagekit.outputs import XLSX, OutputFile
from wagekit.outputs.cells import write_cell
from wagekit.outputs.formats import chinese_date
from wagekit.schema import TABLES
from wagekit.tables import case_ledger

__all__ = [
    "MISSING_FORMS",
    "MISSING_FORM_HEADERS",
    "OVERDUE_CASES",
    "OVERDUE_HEADERS",
    "REJECTED_HEADERS",
    "REJECTED_ROWS",
    "UNKNOWN_TOWNSHIP",
    "list_files",
    "missing_forms",
    "missing_forms_file",
    "overdue_cases",
    "overdue_cases_file",
    "rejected_rows",
    "rejected_rows_file",
]

REJECTED_ROWS = "台账退回修改清单"
MISSING_FORMS = "未提交自查表清单"
OVERDUE_CASES = "超期案件清单"
UNKNOWN_TOWNSHIP = "属地不明"

REJECTED_HEADERS = {
    "table": "台账",
    "file": "文件",
    "sheet": "工作表",
    "row": "行号",
    "column": "列",
    "value": "内容",
    "reason": "原因",
}
MISSING_FORM_HEADERS = {
    "subject_id": "项目编号或统一社会信用代码",
    "kind": "类别",
    "name": "名称",
    "township": "属地",
    "department": "行业主管部门",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
}
OVERDUE_HEADERS = {
    "case_id": "案件编号",
    "received_date": "受理日期",
    "deadline": "办结期限",
    "late": "超期",
    "township": "属地",
    "respondent": "被投诉单位",
    "project_id": "项目编号",
    "workers_involved": "涉及人数",
    "amount_involved": "涉及金额（元）",
    "status": "办理状态",
    "closed_date": "结案日期",
    "handler": "主办监察员",
}

# Ledgers whose rows name their township, and those whose rows name a project or employer.
_TOWNSHIP_TABLES = ("projects", "employers", "publicity")
_SUBJECT_COLUMN = {
    "workers": "project_id",
    "payroll": "project_id",
    "cases": "project_id",
    "self_inspections": "subject_id",
}
_WIDTHS = {"text": 14, "long": 30, "date": 12, "number": 10}
_TITLE = Font(name="黑体", size=14)
_BOLD = Font(name="宋体", size=10, bold=True)
_FILL = PatternFill("solid", fgColor="D9D9D9")
_WRAP = Alignment(vertical="center", wrap_text=True)


# ------------------------------------------------------------------------------ the workbook


def _sheet_name(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, no brackets, colons, slashes …), unique."""
    base = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'")[:31] or "未命名"
    chosen, number = base, 2
    while chosen in taken:
        suffix = f"({number})"
        chosen, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(chosen)
    return chosen


def _width(values: pd.Series) -> float:
    if pd.api.types.is_datetime64_any_dtype(values):
        return _WIDTHS["date"]
    if pd.api.types.is_numeric_dtype(values):
        return _WIDTHS["number"]
    longest = values.astype("string").str.len().fillna(0).max() if len(values) else 0
    return _WIDTHS["long"] if longest > 16 else _WIDTHS["text"]


def _write_sheet(
    sheet: Worksheet,
    title: str,
    subtitle: str,
    headers: Mapping[str, str],
    rows: pd.DataFrame,
    masked: bool,
) -> None:
    """Title, region and day, a header with filters, the rows as safe cells, A4 landscape."""
    columns = [c for c in headers if c in rows.columns]
    write_cell(sheet.cell(1, 1), title).font = _TITLE
    write_cell(sheet.cell(2, 1), subtitle)
    for index, column in enumerate(columns, start=1):
        cell = write_cell(sheet.cell(3, index), headers[column])
        cell.font, cell.fill, cell.alignment = _BOLD, _FILL, _WRAP
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _width(rows[column])
    for number, record in enumerate(rows[columns].itertuples(index=False), start=4):
        for index, (column, value) in enumerate(zip(columns, record, strict=True), start=1):
            cell = write_cell(
                sheet.cell(number, index), value, mask=masked and column not in IDENTIFIER_COLUMNS
            )
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = _WRAP
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A3:{last}{max(3, 3 + len(rows))}"
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _workbook(sheets: list[tuple[str, str, str, Mapping[str, str], pd.DataFrame]], masked: bool):
    """Bytes of a workbook of ``(sheet name, title, subtitle, headers, rows)`` sheets."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for name, title, subtitle, headers, rows in sheets:
        sheet = book.create_sheet(_sheet_name(name, taken))
        _write_sheet(sheet, title, subtitle, headers, rows, masked)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _subtitle(region: str, as_of: Any, count: int, unit: str) -> str:
    return f"{region}　统计截至：{chinese_date(as_of)}　共{count}{unit}"


# ---------------------------------------------------------------------------- returned rows


def _raw_cells(path: Path, table: str, column: str) -> pd.DataFrame:
    """The cell of ``column`` in every data row of a ledger file, as typed: sheet, row, value.

    Read by the loader's own readers and header matching, so a row number and a sheet are the
    ones the load report gives. A file or column that cannot be read gives no rows.
    """
    from wagekit.load.files import read_file
    from wagekit.load.headers import header_lookup, header_mapping
    from wagekit.load.raw import FileError

    spec = TABLES[table]
    try:
        parts, _notes = read_file(path, spec)
    except (FileError, OSError):
        return pd.DataFrame({"sheet": [], "row": [], "cell": []})
    found = []
    for part in parts:
        mapping = header_mapping(part.headers, spec, header_lookup(spec), path.name, [])
        if column not in mapping:
            continue
        cells = part.data[mapping[column][0]].astype("string").str.strip()
        found.append(
            pd.DataFrame(
                {"sheet": part.sheet, "row": part.rows.astype("int64"), "cell": cells.to_numpy()}
            )
        )
    return (
        pd.concat(found, ignore_index=True)
        if found
        else pd.DataFrame({"sheet": [], "row": [], "cell": []})
    )


def _subject_townships(campaign: Any) -> pd.Series:
    """Township of every project and employer loaded, by its number."""
    parts = [
        frame.set_index(key)["township"]
        for name, key in (("projects", "project_id"), ("employers", "employer_id"))
        if (frame := campaign.tables.get(name)) is not None
    ]
    return pd.concat(parts) if parts else pd.Series(dtype="object")


def rejected_rows(campaign: Any) -> pd.DataFrame:
    """Every error of a loaded campaign's load report with the township it goes back to.

    ``campaign`` is a loaded campaign (:func:`wagekit.load.load`) or a campaign as recorded.

    Returns
    -------
    pandas.DataFrame
        One row per error, columns of :data:`REJECTED_HEADERS` (table title and column header in
        Chinese) plus ``township`` (:data:`UNKNOWN_TOWNSHIP` when it cannot be read).

    """
    campaign = getattr(campaign, "campaign", campaign)  # a Recorded holds the loaded campaign
    errors = campaign.report.errors.reset_index(drop=True)
    township = pd.Series(pd.NA, index=errors.index, dtype="object")
    by_subject = _subject_townships(campaign)
    for (table, file), group in errors[errors["row"].notna()].groupby(["table", "file"]):
        if table in _TOWNSHIP_TABLES:
            column = "township"
        elif table in _SUBJECT_COLUMN:
            column = _SUBJECT_COLUMN[table]
        else:
            continue
        cells = _raw_cells(Path(campaign.folder) / file, table, column)
        keys = pd.MultiIndex.from_arrays([cells["sheet"].fillna(""), cells["row"]])
        at = pd.Series(cells["cell"].to_numpy(), index=keys)
        at = at[~at.index.duplicated()]
        wanted = pd.MultiIndex.from_arrays(
            [group["sheet"].fillna("").to_numpy(), group["row"].astype("int64").to_numpy()]
        )
        found = pd.Series(at.reindex(wanted).to_numpy(), index=group.index)
        if column != "township":
            found = found.map(by_subject)
        township.loc[group.index] = found
    # A township cell that is itself in error is not a township to send anything to.
    wrong_cell = errors["table"].isin(_TOWNSHIP_TABLES) & (errors["column"] == "township")
    township = township.where(~wrong_cell).replace("", pd.NA)
    titles = {name: spec.title for name, spec in TABLES.items()}
    headers = {(t, c.name): c.header for t, spec in TABLES.items() for c in spec.columns}
    pairs = zip(errors["table"], errors["column"], strict=True)
    columns = [headers.get(key, key[1]) for key in pairs]
    return errors.assign(
        table=errors["table"].map(lambda t: titles.get(t, t)),
        column=pd.Series(columns, index=errors.index, dtype="object"),
        row=pd.array(errors["row"], dtype="Int64"),
        township=township.fillna(UNKNOWN_TOWNSHIP).astype("str"),
    )[[*REJECTED_HEADERS, "township"]]


def rejected_rows_file(campaign: Any, *, masked: bool = True) -> OutputFile:
    """台账退回修改清单.xlsx: a 汇总 sheet, then one sheet per township, 属地不明 last."""
    campaign = getattr(campaign, "campaign", campaign)
    rows = rejected_rows(campaign)
    if rows["sheet"].isna().all():
        rows = rows.drop(columns=["sheet"])  # CSV files and one-sheet workbooks
    region = campaign.config.region
    read_on = f"{region}　读取日期：{chinese_date(dt.date.today())}"
    townships = sorted(t for t in rows["township"].unique() if t != UNKNOWN_TOWNSHIP)
    if (rows["township"] == UNKNOWN_TOWNSHIP).any():
        townships.append(UNKNOWN_TOWNSHIP)
    summary = pd.DataFrame(
        {
            "township": townships,
            "errors": [int((rows["township"] == t).sum()) for t in townships],
            "files": [
                "、".join(sorted(rows.loc[rows["township"] == t, "file"].unique()))
                for t in townships
            ],
        }
    )
    sheets = [
        (
            "汇总",
            f"{region}{REJECTED_ROWS}",
            f"{read_on}　共{len(rows)}处问题，"
            f"涉及{len(townships)}个属地；请将各属地的工作表发给该属地的填报人，改正后重新报送",
            {"township": "属地", "errors": "问题数", "files": "涉及文件"},
            summary,
        )
    ]
    for township in townships:
        mine = rows[rows["township"] == township]
        sheets.append(
            (
                township,
                f"{township}{REJECTED_ROWS}",
                f"{read_on}　共{len(mine)}处问题（行号为Excel中看到的行号，内容为原样）",
                REJECTED_HEADERS,
                mine,
            )
        )
    return OutputFile(f"{REJECTED_ROWS}.xlsx", _workbook(sheets, masked), XLSX)


# ---------------------------------------------------------------------------- missing forms


def _contacts(a: Assessment) -> pd.DataFrame:
    """联系人 and 联系电话 by subject number; empty cells where a ledger has no such column."""
    found = []
    for name, key in (("projects", "project_id"), ("employers", "employer_id")):
        ledger = a.get(name)
        if ledger is not None:
            present = ledger.reindex(columns=[key, "contact_person", "contact_phone"])
            found.append(
                present.set_axis(["subject_id", "contact_person", "contact_phone"], axis=1)
            )
    if not found:
        return pd.DataFrame(columns=["subject_id", "contact_person", "contact_phone"])
    return pd.concat(found, ignore_index=True).drop_duplicates("subject_id")


def missing_forms(a: Assessment) -> pd.DataFrame:
    """The projects and employers without a self-inspection form by the day of the figures.

    Columns of :data:`MISSING_FORM_HEADERS`; as many rows as the summary's
    ``self_inspection.missing`` (none when the campaign has no self-inspection ledger).
    """
    status = a.self_inspection
    if status is None:
        return pd.DataFrame(columns=list(MISSING_FORM_HEADERS))
    missing = status.loc[~status["submitted"].astype(bool), ["subject_id", "subject_kind", "name"]]
    where = a.subjects[["subject_id", "township", "department"]]
    frame = missing.merge(where, on="subject_id", how="left").merge(
        _contacts(a), on="subject_id", how="left"
    )
    frame = frame.assign(kind=frame["subject_kind"].map(SUBJECT_KIND_LABELS))
    return frame.sort_values(["township", "subject_id"], kind="stable")[
        list(MISSING_FORM_HEADERS)
    ].reset_index(drop=True)


def missing_forms_file(a: Assessment, *, masked: bool = True) -> OutputFile:
    """未提交自查表清单.xlsx: one sheet of every subject whose form is missing, by township."""
    rows = missing_forms(a)
    if not rows["contact_person"].notna().any() and not rows["contact_phone"].notna().any():
        rows = rows.drop(columns=["contact_person", "contact_phone"])  # ledgers without contacts
    config = a.config
    sheet = (
        MISSING_FORMS,
        f"{config.region}{MISSING_FORMS}",
        _subtitle(config.region, a.as_of, len(rows), "个未提交"),
        MISSING_FORM_HEADERS,
        rows,
    )
    return OutputFile(
        f"{MISSING_FORMS}_{a.as_of.isoformat()}.xlsx", _workbook([sheet], masked), XLSX
    )


# ---------------------------------------------------------------------------- overdue cases


def overdue_cases(a: Assessment) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The open cases past their deadline 超期未办结 and the cases closed late 超期办结.

    Both have the columns of :data:`OVERDUE_HEADERS`; ``late`` says by how much (``超期 N 个
    工作日`` for an open case, from the case ledger's working days left). Their lengths are the
    summary's ``cases.overdue_open`` and ``cases.closed_late``; open cases longest overdue first.
    """
    ledger = case_ledger(a)
    if ledger.empty:
        empty = pd.DataFrame(columns=list(OVERDUE_HEADERS))
        return empty, empty
    overdue = ledger["overdue"].astype(bool)
    closed = ledger["closed"].astype(bool)
    still_open = ledger[overdue & ~closed].sort_values(["deadline", "case_id"], kind="stable")
    days = -pd.to_numeric(still_open["working_days_left"]).astype("Int64")
    still_open = still_open.assign(late="超期" + days.astype("string") + "个工作日")
    late = ledger[overdue & closed].sort_values(["closed_date", "case_id"], kind="stable")
    late = late.assign(late="超期办结")
    return (
        still_open[list(OVERDUE_HEADERS)].reset_index(drop=True),
        late[list(OVERDUE_HEADERS)].reset_index(drop=True),
    )


def overdue_cases_file(a: Assessment, *, masked: bool = True) -> OutputFile:
    """超期案件清单.xlsx: a sheet 超期未办结 (to chase), then a sheet 超期办结 (to review)."""
    still_open, late = overdue_cases(a)
    region, limit = a.config.region, a.config.rules.case_deadline_working_days
    note = f"　（办结期限为受理后第{limit}个工作日）"
    sheets = [
        (
            "超期未办结",
            f"{region}超期未办结案件清单",
            _subtitle(region, a.as_of, len(still_open), "起") + note,
            OVERDUE_HEADERS,
            still_open.drop(columns=["closed_date"]),
        ),
        (
            "超期办结",
            f"{region}超期办结案件清单",
            _subtitle(region, a.as_of, len(late), "起") + note,
            OVERDUE_HEADERS,
            late.drop(columns=["late"]),
        ),
    ]
    return OutputFile(
        f"{OVERDUE_CASES}_{a.as_of.isoformat()}.xlsx", _workbook(sheets, masked), XLSX
    )


def list_files(a: Assessment, *, masked: bool = True) -> list[OutputFile]:
    """The three lists: returned rows (when any row was rejected), missing forms, overdue cases.

    The missing forms need the projects or employers ledger and the overdue cases the cases
    ledger; a list whose ledger is absent is not made.
    """
    files = []
    if len(a.recorded.report.errors):
        files.append(rejected_rows_file(a.recorded, masked=masked))
    if a.self_inspection is not None:
        files.append(missing_forms_file(a, masked=masked))
    if a.case_status is not None:
        files.append(overdue_cases_file(a, masked=masked))
    return files
