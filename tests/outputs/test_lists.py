"""Lists to act on: returned rows per township, missing self-inspection forms, overdue cases."""

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from conftest import xml_texts

from wagekit.assessment import assess
from wagekit.cli import main
from wagekit.load import load
from wagekit.outputs.lists import (
    UNKNOWN_TOWNSHIP,
    missing_forms_file,
    overdue_cases,
    overdue_cases_file,
    rejected_rows_file,
)
from wagekit.schema import TABLES
from wagekit.summary import figures
from wagekit.tables import case_ledger

TOML = 'name = "测试行动"\nregion = "测试县"\nstart = 2023-11-01\nend = 2024-02-09\n'
ID = "11010119900307002X"  # a valid ID number: must never leave wagekit whole
SYSTEMS = (
    "实名制管理",
    "工资专用账户",
    "总包代发工资",
    "银行代发工资",
    "工资保证金",
    "维权信息公示牌",
)
PROJECTS = pd.DataFrame(
    {
        "项目编号": ["P1", "P2", "P3"],
        "项目名称": ["一号楼", "二号楼", "三号楼"],
        "属地": ["甲镇", "乙镇", "乙镇"],
        "行业主管部门": ["住建局"] * 3,
        "投资类型": ["政府投资", "社会投资", "社会投资"],
        "施工总承包单位": ["甲建", "乙建", "丙建"],
        "合同金额": ["1000000", "2000000", "abc"],
        "开工日期": ["2023-03-01"] * 3,
        **{
            c.header: ["是"] * 3
            for c in TABLES["projects"].columns
            if c.kind == "bool" and c.required
        },
        "联系人": ["张三", "李四", None],
        "联系电话": ["0571-1234567", "13800000000", None],
    }
)
WORKERS = pd.DataFrame(
    {
        "身份证号": [ID, "110101199003070038"],
        "姓名": ["王五", "赵六"],
        "项目编号": ["P1", "P9"],
        "签订劳动合同": ["是", "是"],
        "计薪方式": ["=计件", "日薪"],
        "工资标准": [300, 300],
        "进场日期": ["2023-11-01", "2023-11-01"],
    }
)
PUBLICITY_HEADER = ["日期", "属地", "开展单位", "活动类型", "数量"]
SELF_INSPECTIONS = pd.DataFrame(
    {
        "项目编号或统一社会信用代码": ["P1"],
        "提交日期": ["2023-11-20"],
        "自报欠薪金额": [0],
        "自报欠薪人数": [0],
    }
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """P3 has a bad amount (乙镇); 11月 row 2 (甲镇) and 12月 row 2 (乙镇) of the publicity book
    are bad on the same row number; a publicity row has no 属地; a worker of P1 (甲镇) is paid
    "=计件" (a formula, if a spreadsheet ran it) and a worker names the unknown P9."""
    folder = tmp_path_factory.mktemp("tiny")
    (folder / "campaign.toml").write_text(TOML, encoding="utf-8")
    PROJECTS.to_csv(folder / "projects.csv", index=False)
    WORKERS.to_csv(folder / "workers.csv", index=False)
    SELF_INSPECTIONS.to_csv(folder / "self_inspections.csv", index=False)
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets = {
        "11月": [["2023-11-01", "甲镇", "人社局", "现场咨询", "两场"]],
        "12月": [
            ["2023-12-01", "乙镇", "人社局", "现场咨询", "三场"],
            ["2023-12-02", None, "人社局", "现场咨询", 2],
            ["2023-12-03", "乙镇", "人社局", "现场咨询", 5],
        ],
    }
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in [PUBLICITY_HEADER, *rows]:
            sheet.append(row)
    book.save(folder / "publicity.xlsx")
    return load(folder)


def _sheets(file) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(file.data))
    return {
        name: list(book[name].iter_rows(min_row=4, values_only=True)) for name in book.sheetnames
    }


def _book(file):
    return openpyxl.load_workbook(io.BytesIO(file.data))


def test_rejected_rows_go_back_to_the_township_of_the_row(tiny):
    """Each rejected row is on its township's sheet; sheet and row keep two same-numbered rows
    of two month sheets apart; a subject's township is used for a worker row."""
    sheets = _sheets(rejected_rows_file(tiny))
    assert list(sheets) == ["汇总", "乙镇", "甲镇", UNKNOWN_TOWNSHIP]
    header = _book(rejected_rows_file(tiny))["甲镇"][3]
    assert [c.value for c in header] == ["台账", "文件", "工作表", "行号", "列", "内容", "原因"]
    jia = {(r[0], r[2], r[3], r[4]) for r in sheets["甲镇"]}
    assert jia == {("宣传活动记录", "11月", 2, "数量"), ("农民工花名册", None, 2, "计薪方式")}
    yi = {(r[0], r[2], r[3], r[4]) for r in sheets["乙镇"]}
    assert yi == {("宣传活动记录", "12月", 2, "数量"), ("在建工程项目台账", None, 4, "合同金额")}
    unknown = {(r[0], r[3], r[4]) for r in sheets[UNKNOWN_TOWNSHIP]}
    assert unknown == {("宣传活动记录", 3, "属地"), ("农民工花名册", 3, "项目编号")}
    summary = {r[0]: r[1] for r in sheets["汇总"]}
    assert summary == {"甲镇": 2, "乙镇": 2, UNKNOWN_TOWNSHIP: 2}
    assert sum(summary.values()) == len(tiny.report.errors)


def test_rejected_rows_are_safe_to_send(tiny):
    """A value typed as a formula comes out inert, and no full ID number leaves."""
    file = rejected_rows_file(tiny)
    cell = next(
        c for row in _book(file)["甲镇"].iter_rows(min_row=4) for c in row if c.value == "=计件"
    )
    assert cell.data_type == "s" and cell.quotePrefix
    assert ID not in xml_texts(file.data)


def test_every_error_of_the_messy_sample_is_listed_once(messy_campaign):
    """The township sheets and 属地不明 together hold exactly the load report's errors."""
    sheets = _sheets(rejected_rows_file(messy_campaign))
    listed = sum(len(rows) for name, rows in sheets.items() if name != "汇总")
    assert listed == len(messy_campaign.report.errors) > 0
    assert len(sheets) > 3


def test_missing_forms_name_whom_to_call(tiny):
    """P2 sent no form (P3 was rejected, so it is not expected): listed with whom to call."""
    a = assess(tiny, as_of=dt.date(2024, 1, 15))
    file = missing_forms_file(a)
    rows = _sheets(file)["未提交自查表清单"]
    header = [c.value for c in _book(file)["未提交自查表清单"][3]]
    assert header[-2:] == ["联系人", "联系电话"]
    assert len(rows) == figures(a)["self_inspection"]["missing"] == 1
    assert rows[0][0] == "P2" and rows[0][-2:] == ("李四", "13800000000")


def test_missing_forms_equal_the_summary(assessment, summary):
    """On the sample the list holds the summary's missing subjects, each with a contact."""
    rows = _sheets(missing_forms_file(assessment))["未提交自查表清单"]
    assert len(rows) == summary["self_inspection"]["missing"] > 0
    assert all(row[-2] and row[-1] for row in rows)


def test_missing_forms_without_contact_columns_leave_them_out(tmp_path):
    """Ledgers without 联系人/联系电话: no empty contact columns in the list."""
    (tmp_path / "campaign.toml").write_text(TOML, encoding="utf-8")
    PROJECTS.drop(columns=["联系人", "联系电话"]).to_csv(tmp_path / "projects.csv", index=False)
    SELF_INSPECTIONS.to_csv(tmp_path / "self_inspections.csv", index=False)
    file = missing_forms_file(assess(load(tmp_path), as_of=dt.date(2024, 1, 15)))
    header = [c.value for c in _book(file)["未提交自查表清单"][3]]
    assert header == ["项目编号或统一社会信用代码", "类别", "名称", "属地", "行业主管部门"]


def test_overdue_cases_keep_open_apart_from_closed_late(assessment, summary):
    """超期未办结 holds overdue_open cases, 超期办结 closed_late ones, as the case ledger says."""
    file = overdue_cases_file(assessment)
    sheets = _sheets(file)
    cases = summary["cases"]
    assert len(sheets["超期未办结"]) == cases["overdue_open"] > 0
    assert len(sheets["超期办结"]) == cases["closed_late"] > 0
    ledger = case_ledger(assessment)
    late_open = ledger[ledger["overdue"] & ~ledger["closed"]]
    assert {r[0] for r in sheets["超期未办结"]} == set(late_open["case_id"])
    still_open, _late = overdue_cases(assessment)
    assert still_open["late"].str.fullmatch(r"超期\d+个工作日").all()


def test_export_with_lists_writes_them_next_to_the_ledgers(tmp_path, capsys, demo_campaign):
    """`wagekit export --lists` adds the missing forms and overdue cases (the sample loads
    clean, so there is no returned-rows list)."""
    code = main(
        ["export", str(demo_campaign.folder), str(tmp_path), "--as-of", "2024-01-15", "--lists"]
    )
    names = sorted(p.rsplit("/", 1)[1] for p in capsys.readouterr().out.splitlines())
    assert code == 0 and names == [
        "在建工程项目工资支付检查台账.xlsx",
        "未提交自查表清单_2024-01-15.xlsx",
        "欠薪处置台账.xlsx",
        "超期案件清单_2024-01-15.xlsx",
    ]
