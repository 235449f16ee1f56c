"""The two official ledgers: layout, figures equal to the summary, read back with no rejection."""

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from conftest import save_to, xml_texts

from wagekit.assessment import assess
from wagekit.load import load, load_table
from wagekit.outputs.ledgers import case_ledger_file, ledger_files, project_ledger_file

ID = "110101199003071233"


@pytest.fixture(scope="module")
def files(assessment):
    return {f.name: f for f in ledger_files(assessment)}


def test_both_ledgers_are_written_with_the_official_names(files):
    """One workbook per ledger, each with one sheet of the same name."""
    assert set(files) == {"在建工程项目工资支付检查台账.xlsx", "欠薪处置台账.xlsx"}
    for name, file in files.items():
        book = openpyxl.load_workbook(io.BytesIO(file.data))
        assert book.sheetnames == [name.removesuffix(".xlsx")]


def test_title_unit_row_header_and_print_set_up(files, tmp_path):
    """Title with region and campaign, 填报单位 and day, merged two-row header, A4 landscape."""
    path = save_to(tmp_path, files["在建工程项目工资支付检查台账.xlsx"])
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "示例县2023年度根治欠薪冬季专项行动在建工程项目工资支付检查台账"
    assert sheet["A2"].value.startswith("填报单位：示例县")
    assert any(c.value == "统计截至：2024年1月15日" for c in sheet[2])
    assert "制度落实情况" in [c.value for c in sheet[3]]
    assert "实名制管理" in [c.value for c in sheet[4]]
    assert "合同金额（万元）" in [c.value for c in sheet[3]]
    assert any(str(r).startswith("J3:") for r in sheet.merged_cells.ranges)  # a group over row 4
    assert sheet.freeze_panes == "D5"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.print_title_rows == "$3:$4"
    assert sheet.column_dimensions["C"].width > 20


def test_total_rows_equal_the_summary(files, tmp_path, summary):
    """The 合计 row of the case ledger holds the summary's cases, workers and amounts."""
    sheet = openpyxl.load_workbook(save_to(tmp_path, files["欠薪处置台账.xlsx"])).active
    total = [c.value for c in sheet[sheet.max_row]]
    header = [c.value or "" for c in sheet[4]]
    upper = [c.value or "" for c in sheet[3]]
    assert total[0] == "合计" and total[2] == f"共{summary['cases']['received']}起"
    recovered = total[upper.index("追回金额（元）")]
    assert recovered == pytest.approx(summary["cases"]["amount_recovered"], abs=0.01)
    involved = total[header.index("金额（元）")]
    assert involved == pytest.approx(summary["cases"]["amount_involved"], abs=0.01)
    assert total[header.index("人数")] == summary["cases"]["workers_involved"]
    assert sheet.max_row - 5 == summary["cases"]["received"]


@pytest.mark.parametrize(
    ("name", "table"),
    [("在建工程项目工资支付检查台账.xlsx", "projects"), ("欠薪处置台账.xlsx", "cases")],
)
def test_a_ledger_loads_back_with_no_rejected_row(files, tmp_path, summary, name, table):
    """Read back through the loader: every data row loads, the 合计 row is skipped with a note."""
    loaded = load_table(save_to(tmp_path, files[name]), table)
    assert loaded.report.rejected == 0, loaded.errors.head().to_string()
    expected = summary["projects"]["total"] if table == "projects" else summary["cases"]["received"]
    assert loaded.report.loaded == expected


def test_round_trip_keeps_the_figures(demo_campaign, files, tmp_path):
    """Both ledgers read back as a campaign keep the systems and the contract values."""
    folder = tmp_path / "again"
    folder.mkdir()
    (folder / "campaign.toml").write_bytes((demo_campaign.folder / "campaign.toml").read_bytes())
    (folder / "projects.xlsx").write_bytes(files["在建工程项目工资支付检查台账.xlsx"].data)
    (folder / "cases.xlsx").write_bytes(files["欠薪处置台账.xlsx"].data)
    again = load(folder)
    assert sum(t.rejected for t in again.report.tables.values()) == 0
    original = demo_campaign.get("projects").set_index("project_id")
    read = again.get("projects").set_index("project_id")
    assert (read["wage_account"] == original["wage_account"]).all()
    assert (read["contract_value"] - original["contract_value"]).abs().max() < 0.01


def _tiny(tmp_path, respondent: str):
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "campaign.toml").write_text(
        'name = "测试行动"\nregion = "测试县"\nstart = 2023-11-01\nend = 2024-02-09\n',
        encoding="utf-8",
    )
    pd.DataFrame(
        {
            "case_id": ["C1"],
            "source": ["国家平台"],
            "received_date": ["2023-11-06"],
            "respondent": [respondent],
            "workers_involved": [5],
            "amount_involved": [57460],
            "status": ["核查中"],
        }
    ).to_csv(folder / "cases.csv", index=False)
    return assess(load(folder), as_of=dt.date(2023, 12, 1))


def test_a_hostile_cell_comes_out_inert(tmp_path):
    """A respondent written as a formula is a text cell showing the same characters."""
    hostile = '=HYPERLINK("http://evil.example","点我")'
    file = case_ledger_file(_tiny(tmp_path, hostile))
    sheet = openpyxl.load_workbook(save_to(tmp_path, file)).active
    cell = next(c for c in sheet[5] if c.value == hostile)
    assert cell.data_type == "s" and cell.quotePrefix
    assert "<f>" not in xml_texts(file.data)


def test_id_numbers_are_masked_unless_unmasked(tmp_path):
    """A full ID number never leaves in a ledger, unless the unmasked file is asked for."""
    assessment = _tiny(tmp_path, f"包工头张三（{ID}）")
    assert ID not in xml_texts(case_ledger_file(assessment).data)
    assert "110101********1233" in xml_texts(case_ledger_file(assessment).data)
    assert ID in xml_texts(case_ledger_file(assessment, masked=False).data)


def test_project_ledger_counts_the_orders_recorded(assessment):
    """The project with two orders in the workspace shows 2 in 执法文书（份）."""
    sheet = openpyxl.load_workbook(io.BytesIO(project_ledger_file(assessment).data)).active
    upper, lower = [c.value for c in sheet[3]], [c.value for c in sheet[4]]
    column = lower.index("执法文书（份）")
    ids = upper.index("项目编号")
    row = next(r for r in sheet.iter_rows(min_row=5) if r[ids].value == "XM2023-0114")
    assert row[column].value == 2
