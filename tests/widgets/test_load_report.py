import pandas as pd
from wagekit.widgets import LoadReportView

ERRORS = pd.DataFrame(
    {
        "table": ["workers", "projects"],
        "file": ["workers.xlsx", "projects.csv"],
        "row": [3, 5],
        "column": ["id_number", "contract_value"],
        "value": ["110101199003070029", "abc"],
        "reason": ["身份证号校验位错误", "金额无法识别"],
    }
)


def test_rejected_rows_show_file_row_column_and_reason_in_chinese():
    """Each rejected row shows its file, Excel row, Chinese column header and reason."""
    html = LoadReportView(ERRORS).w_table.w_html.value
    for text in ("workers.xlsx", ">3</td>", "合同金额", "金额无法识别", "在建工程项目台账"):
        assert text in html


def test_id_number_values_are_masked_until_revealed():
    """A rejected ID number is masked; the reveal checkbox shows it in full."""
    view = LoadReportView(ERRORS)
    assert "110101********0029" in view.w_table.w_html.value
    view.w_reveal.value = True
    assert "110101199003070029" in view.w_table.w_html.value


def test_clean_load_says_everything_was_read():
    """No rejected rows: one success sentence and no table."""
    view = LoadReportView(ERRORS.iloc[0:0])
    assert "所有台账均已成功读取" in view.w_summary.value
    assert view.w_table not in view.children


def test_skipped_rows_notes_and_sheets_are_shown_in_chinese(tmp_path):
    """合计/示例 rows skipped, a hidden sheet not read and the sheet of each error are on screen."""
    import openpyxl

    from wagekit.load import load

    (tmp_path / "campaign.toml").write_text(
        'name = "测试行动"\nregion = "测试县"\nstart = 2023-11-01\n', encoding="utf-8"
    )
    header = ["日期", "属地", "开展单位", "活动类型", "数量"]
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets = {
        "旧表": [header, ["2022-11-01", "城关镇", "人社局", "现场咨询", 9]],
        "11月": [header, ["示例", "城关镇", "人社局", "现场咨询", 1]]
        + [["2023-11-01", "城关镇", "人社局", "现场咨询", 3], ["合计", None, None, None, 3]],
        "12月": [header, ["2023-12-01", "东湖镇", "人社局", "现场咨询", "三场"]],
    }
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book["旧表"].sheet_state = "hidden"
    book.save(tmp_path / "publicity.xlsx")
    view = LoadReportView(load(tmp_path).report)
    counts = view.w_counts.value
    assert "跳过（合计/示例行）" in counts and "<td>2</td></tr>" in counts
    summary = view.w_summary.value
    assert "另有 2 行合计、小计或示例行不是记录，已跳过" in summary
    assert "读取说明" in summary and "旧表" in summary and "隐藏" in summary
    assert "合计" in summary.split("读取说明")[1] and "示例" in summary.split("读取说明")[1]
    table = view.w_table.w_html.value
    assert "工作表" in table and "12月" in table


def test_sheet_column_left_out_when_no_error_names_a_sheet():
    """CSV files and one-sheet workbooks: no empty 工作表 column."""
    assert "工作表" not in LoadReportView(ERRORS).w_table.w_html.value
