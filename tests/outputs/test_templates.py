"""Fill-in templates: headers from the schema, input checks, and a filled template that loads."""

import datetime as dt
import io

import openpyxl
import pandas as pd

from wagekit.load import load
from wagekit.outputs.templates import template_file, template_files
from wagekit.sample import generate
from wagekit.schema import TABLE_ORDER, TABLES


def test_one_template_per_table_named_and_headed_as_the_schema():
    """Seven workbooks named by the Chinese table names; row 1 is the schema's headers exactly."""
    files = template_files()
    assert [f.name for f in files] == [f"{TABLES[t].title}.xlsx" for t in TABLE_ORDER]
    for name, file in zip(TABLE_ORDER, files, strict=True):
        book = openpyxl.load_workbook(io.BytesIO(file.data))
        sheet = book[TABLES[name].title]
        assert [c.value for c in sheet[1]] == [c.header for c in TABLES[name].columns]
        assert sheet["A2"].value == "示例"
        assert "填写说明" in book.sheetnames


def test_enumerated_yes_no_date_and_number_columns_have_input_checks():
    """投资类型 and 实名制管理 are drop-downs; 开工日期 a date; 合同金额 a number ≥ 0."""
    sheet = openpyxl.load_workbook(io.BytesIO(template_file("projects").data))["在建工程项目台账"]
    headers = [c.value for c in sheet[1]]
    checks = {}
    for check in sheet.data_validations.dataValidation:
        for cells in check.sqref.ranges:
            checks[headers[cells.min_col - 1]] = check
    assert checks["投资类型"].type == "list" and checks["实名制管理"].type == "list"
    assert checks["开工日期"].type == "date" and checks["合同金额"].type == "decimal"
    assert "只能从下拉列表中选择" in checks["投资类型"].error
    assert "项目名称" not in checks


def _cells(column, values: pd.Series) -> list:
    if column.kind == "bool":
        return [None if pd.isna(v) else ("是" if v else "否") for v in values]
    if column.kind in ("date", "month"):
        return [None if pd.isna(v) else v.to_pydatetime() for v in values]
    return [None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in values]


def test_templates_filled_with_the_samples_rows_load_with_no_error(tmp_path):
    """Rows of a generated campaign typed below the example rows load with zero rejected rows."""
    sample = generate(scale=1, seed=7)
    tables = sample.tables
    projects = tables["projects"].head(15)
    ids = projects["project_id"]
    workers = tables["workers"][tables["workers"]["project_id"].isin(ids)].head(60)
    payroll = tables["payroll"]
    subset = {
        "projects": projects,
        "employers": tables["employers"].head(15),
        "workers": workers,
        "payroll": payroll[
            payroll["id_number"].isin(workers["id_number"]) & payroll["project_id"].isin(ids)
        ],
        "cases": tables["cases"].head(40),
        "publicity": tables["publicity"].head(40),
        "self_inspections": tables["self_inspections"][
            tables["self_inspections"]["subject_id"].isin(
                set(projects["project_id"]) | set(tables["employers"].head(15)["employer_id"])
            )
        ],
    }
    (tmp_path / "campaign.toml").write_text(sample.config_toml, encoding="utf-8")
    for name, frame in subset.items():
        book = openpyxl.load_workbook(io.BytesIO(template_file(name).data))
        sheet = book[TABLES[name].title]
        columns = TABLES[name].columns
        # An optional column the sample does not generate (联系人, 联系电话) is left blank.
        blank = pd.Series([None] * len(frame), index=frame.index, dtype="object")
        values = [_cells(c, frame[c.name] if c.name in frame else blank) for c in columns]
        for offset, row in enumerate(zip(*values, strict=True)):
            for index, value in enumerate(row, start=1):
                sheet.cell(3 + offset, index, value)
        book.save(tmp_path / f"{TABLES[name].title}.xlsx")
    loaded = load(tmp_path)
    errors = loaded.report.errors
    assert errors.empty, errors.head(10).to_string()
    assert len(loaded.get("payroll")) == len(subset["payroll"])
    assert loaded.get("projects")["start_date"].min() > pd.Timestamp(dt.date(2000, 1, 1))


def test_templates_holding_only_their_example_row_load_nothing_and_reject_nothing(tmp_path):
    """A template sent back unfilled is no error: its 示例 row is skipped with a note."""
    (tmp_path / "campaign.toml").write_text(generate(scale=1, seed=7).config_toml, encoding="utf-8")
    for file in template_files():
        (tmp_path / file.name).write_bytes(file.data)
    loaded = load(tmp_path)
    assert loaded.report.errors.empty, loaded.report.errors.head(10).to_string()
    for name in TABLE_ORDER:
        table = loaded.report.tables[name]
        assert (table.rows, table.loaded, table.rejected, table.skipped) == (0, 0, 0, 1), name
        assert f"（工作表“{TABLES[name].title}”）：第2行是填写示例行，未作为记录导入" in "\n".join(
            table.notes
        )
        assert loaded.get(name).empty
