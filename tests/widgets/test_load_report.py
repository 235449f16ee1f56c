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
    for text in ("workers.xlsx", "<td>3</td>", "合同金额", "金额无法识别", "在建工程项目台账"):
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
