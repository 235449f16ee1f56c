"""The loader on files that used to crash it or lose rows: far cells, many sheets, odd CSV."""

import json

import openpyxl
import pytest
from openpyxl.styles import Font

from wagekit.load import load, load_table
from wagekit.workbook import MAX_CELLS

TOML = 'name = "测试行动"\nregion = "测试县"\nstart = 2023-11-01\n'
HEADER = ["日期", "属地", "开展单位", "活动类型", "数量"]
ROWS = [
    ["2023-11-01", "城关镇", "人社局", "现场咨询", 3],
    ["2023-11-02", "东湖镇", "人社局", "现场咨询", 4],
]
CSV_HEADER = ",".join(HEADER) + "\n"


def _book(path, sheets, hidden=()):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def test_far_value_refused_naming_sheet_and_range(tmp_path):
    """One value at XFD1048576 is refused before reading, naming the sheet and the range."""
    path = tmp_path / "publicity.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "宣传"
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    sheet["XFD1048576"] = "x"
    book.save(path)
    result = load_table(path, "publicity")
    assert not result.usable and result.report.unreadable
    reason = result.errors["reason"].iloc[0]
    assert "“宣传”" in reason and "A1:XFD1048576" in reason and "上限" in reason


def test_far_formatted_empty_cell_is_not_a_value(tmp_path):
    """A cell with formatting and no value far away does not count in the used range."""
    path = tmp_path / "publicity.xlsx"
    book = openpyxl.Workbook()
    for row in [HEADER, *ROWS]:
        book.active.append(row)
    book.active["XFD1048576"].font = Font(bold=True)
    book.save(path)
    assert load_table(path, "publicity").report.loaded == 2


def test_xls_far_value_refused(tmp_path):
    """An .xls whose used range passes the cap is refused too (65,536 × 256 cells)."""
    xlwt = pytest.importorskip("xlwt")
    assert 65_536 * 256 > MAX_CELLS
    book = xlwt.Workbook()
    sheet = book.add_sheet("宣传")
    for i, text in enumerate(HEADER):
        sheet.write(0, i, text)
    sheet.write(65_535, 255, "x")
    book.save(str(tmp_path / "publicity.xls"))
    result = load_table(tmp_path / "publicity.xls", "publicity")
    assert "A1:IV65536" in result.errors["reason"].iloc[0]


def test_every_visible_sheet_with_the_header_is_read(tmp_path):
    """A ledger split over two month sheets loads both; errors name their sheet."""
    path = _book(
        tmp_path / "publicity.xlsx",
        {
            "11月": [HEADER, *ROWS],
            "12月": [HEADER, ["2023-12-01", "城关镇", "人社局", "现场咨询", "三场"]],
        },
    )
    result = load_table(path, "publicity")
    assert (result.report.rows, result.report.loaded, result.report.rejected) == (3, 2, 1)
    error = result.errors.iloc[0]
    assert (error["sheet"], error["row"]) == ("12月", 2)


def test_hidden_sheet_noted_and_skipped(tmp_path):
    """A hidden old sheet placed first is not read, and the notes say so."""
    old = [HEADER, ["2022-11-01", "城关镇", "人社局", "现场咨询", 9]]
    path = _book(
        tmp_path / "publicity.xlsx", {"旧表": old, "本期": [HEADER, *ROWS]}, hidden=("旧表",)
    )
    result = load_table(path, "publicity")
    assert result.report.loaded == 2
    assert result.frame["quantity"].tolist() == [3, 4]
    assert any("隐藏" in n and "旧表" in n for n in result.notes)


def test_sheet_without_header_noted(tmp_path):
    """An instructions sheet next to the ledger is named in a note, not read as rows."""
    path = _book(
        tmp_path / "publicity.xlsx", {"说明": [["本表由乡镇填写"]], "台账": [HEADER, *ROWS]}
    )
    result = load_table(path, "publicity")
    assert result.report.loaded == 2
    assert any("“说明”" in n for n in result.notes)


def test_sheets_that_cannot_be_told_apart_are_an_error(tmp_path):
    """Two sheets, neither with the ledger's header and equally close: an error, not a guess."""
    path = _book(
        tmp_path / "publicity.xlsx",
        {
            "甲": [["日期", "备注"], ["2023-11-01", "x"]],
            "乙": [["日期", "说明"], ["2023-11-02", "y"]],
        },
    )
    result = load_table(path, "publicity")
    assert result.report.unreadable
    assert "无法确定" in result.errors["reason"].iloc[0]


def test_total_and_example_rows_skipped_with_a_note(tmp_path):
    """合计 and 示例 rows are read but not loaded; rows read = loaded + rejected + skipped."""
    rows = [
        HEADER,
        ["示例", "城关镇", "人社局", "现场咨询", 1],
        *ROWS,
        ["合计", None, None, None, 7],
    ]
    path = _book(tmp_path / "publicity.xlsx", {"台账": rows})
    report = load_table(path, "publicity").report
    assert (report.rows, report.loaded, report.rejected, report.skipped) == (2, 2, 0, 2)
    assert any("第5行是合计" in n for n in report.notes)
    assert any("第2行是填写示例" in n for n in report.notes)


def test_unterminated_quote_costs_one_row(tmp_path):
    """A stray quote is one rejected row; the lines after it are read."""
    lines = [
        "2023-11-01,城关镇,人社局,现场咨询,3",
        '2023-11-02,城关镇,"人社局,现场咨询,4',
        "2023-11-03,城关镇,人社局,现场咨询,5",
        '2023-11-04,城关镇,"人社局",现场咨询,6',
    ]
    (tmp_path / "p.csv").write_text(CSV_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    result = load_table(tmp_path / "p.csv", "publicity")
    assert result.frame["source_row"].tolist() == [2, 4, 5]
    assert result.errors["row"].tolist() == [3]
    assert "引号没有配对" in result.errors["reason"].iloc[0]


def test_line_breaks_inside_quotes_keep_one_record(tmp_path):
    """A bare CR or LF inside a quoted value is part of the value; rows count from its line."""
    lines = [
        '2023-11-01,城关镇,"人社局\r二队",现场咨询,3',
        '2023-11-02,城关镇,"人社局\n三队",现场咨询,4',
        "2023-11-03,城关镇,人社局,现场咨询,5",
    ]
    (tmp_path / "p.csv").write_bytes((CSV_HEADER + "\n".join(lines) + "\n").encode())
    result = load_table(tmp_path / "p.csv", "publicity")
    assert result.frame["unit"].tolist() == ["人社局\r二队", "人社局\n三队", "人社局"]
    assert result.frame["source_row"].tolist() == [2, 4, 6]
    assert result.report.rejected == 0


def test_utf16_csv_is_read(tmp_path):
    """A CSV saved as UTF-16 (Excel's Unicode text) is read, with a note."""
    text = CSV_HEADER + "2023-11-01,城关镇,人社局,现场咨询,3\n"
    (tmp_path / "p.csv").write_bytes(text.encode("utf-16"))
    result = load_table(tmp_path / "p.csv", "publicity")
    assert result.report.loaded == 1
    assert any("UTF-16" in n for n in result.notes)


def test_nul_byte_rejects_its_line_only(tmp_path):
    """One NUL byte rejects the line it is on, named; the file is not called binary."""
    lines = ["2023-11-01,城关镇,人社局,现场咨询,3", "2023-11-02,城\x00关镇,人社局,现场咨询,4"]
    (tmp_path / "p.csv").write_bytes((CSV_HEADER + "\n".join(lines) + "\n").encode())
    result = load_table(tmp_path / "p.csv", "publicity")
    assert (result.report.loaded, result.report.rejected) == (1, 1)
    assert result.errors["row"].tolist() == [3]
    assert "空字符" in result.errors["reason"].iloc[0]


def test_doubled_bom_header_matches(tmp_path):
    """Two byte-order marks before the header do not hide its first column."""
    data = (
        b"\xef\xbb\xbf\xef\xbb\xbf"
        + (CSV_HEADER + "2023-11-01,城关镇,人社局,现场咨询,3\n").encode()
    )
    (tmp_path / "p.csv").write_bytes(data)
    assert load_table(tmp_path / "p.csv", "publicity").report.loaded == 1


def test_link_leaving_the_folder_is_refused_unread(tmp_path):
    """A ledger that links outside the campaign folder is refused without echoing its content."""
    secret = tmp_path / "secret.csv"
    secret.write_text("机密内容,不应显示\n", encoding="utf-8")
    folder = tmp_path / "campaign"
    folder.mkdir()
    (folder / "campaign.toml").write_text(TOML, encoding="utf-8")
    (folder / "publicity.csv").symlink_to(secret)
    report = load(folder).report
    assert report.exit_code == 2
    text = json.dumps(report.to_dict(), ensure_ascii=False)
    assert "活动文件夹以外" in text and "机密内容" not in text


def test_json_counts_skipped_rows_and_notes(tmp_path):
    """validate's JSON keeps rows = loaded + rejected and adds skipped and notes per table."""
    folder = tmp_path
    (folder / "campaign.toml").write_text(TOML, encoding="utf-8")
    lines = ["2023-11-01,城关镇,人社局,现场咨询,3", "合计,,,,3"]
    (folder / "publicity.csv").write_text(CSV_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    table = load(folder).report.to_dict()["tables"]["publicity"]
    assert (table["rows"], table["loaded"], table["rejected"], table["skipped"]) == (1, 1, 0, 1)
    assert any("合计" in n for n in table["notes"])


def test_large_csv_with_blank_ragged_and_quoted_lines(tmp_path):
    """Past a megabyte, blank lines, a ragged line and quoted values keep their row numbers."""
    good = "2023-11-01,城关镇,人社局,现场咨询,3"
    lines = [good] * 40_000 + [
        "",
        '2023-11-02,城关镇,"人社局,二队",现场咨询,4',
        "2023-11-03,x",
        good,
    ]
    (tmp_path / "p.csv").write_text(CSV_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    result = load_table(tmp_path / "p.csv", "publicity")
    assert (result.report.loaded, result.report.rejected) == (40_002, 1)
    assert result.errors["row"].tolist() == [40_004]
    assert result.frame["source_row"].iloc[-2:].tolist() == [40_003, 40_005]
    assert result.frame["unit"].iloc[-2] == "人社局,二队"
