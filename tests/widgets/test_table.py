import pandas as pd
from wagekit.widgets import DataTable

WORKERS = pd.DataFrame(
    {
        "id_number": ["11010119900307001X", "110101199003070028", "110101199003070036"],
        "name": ["张三", "李四", "王五"],
        "wage_rate": [300.0, None, 250.0],
        "source_row": [2, 3, 4],
    }
)


def test_id_numbers_are_masked_by_default():
    """ID numbers show only region and last four characters unless revealed."""
    table = DataTable(WORKERS, table="workers")
    assert "110101********001X" in table.w_html.value
    assert "11010119900307001X" not in table.w_html.value


def test_revealing_shows_full_id_numbers():
    """An explicit reveal shows the full ID number."""
    table = DataTable(WORKERS, table="workers", allow_reveal=True)
    table.w_reveal.value = True
    assert "11010119900307001X" in table.w_html.value


def test_columns_named_id_number_are_masked_without_a_table():
    """A frame not named after a table still has its id_number column masked."""
    table = DataTable(WORKERS[["id_number"]])
    assert table.view()["id_number"].tolist()[0] == "110101********001X"


def test_headers_are_chinese_and_source_row_hidden():
    """A named table shows the schema's Chinese headers and hides source_row."""
    html = DataTable(WORKERS, table="workers").w_html.value
    assert "<th>身份证号</th>" in html and "<th>姓名</th>" in html
    assert "source_row" not in html


def test_explicit_labels_override_schema():
    """A label mapping renames the column in the header."""
    html = DataTable(WORKERS, table="workers", labels={"name": "工人姓名"}).w_html.value
    assert "<th>工人姓名</th>" in html


def test_paging_moves_through_rows():
    """Next shows the following page; the last page disables next."""
    table = DataTable(WORKERS, page_size=2)
    assert table.view()["name"].tolist() == ["张三", "李四"]
    table.w_next.click()
    assert table.view()["name"].tolist() == ["王五"]
    assert table.w_next.disabled and not table.w_prev.disabled
    assert "第 2 / 2 页" in table.w_pages.value


def test_sorting_descending_puts_missing_last_and_resets_page():
    """Sorting orders the whole frame, missing values last, from the first page."""
    table = DataTable(WORKERS, page_size=2)
    table.w_next.click()
    table.w_sort.value = "wage_rate"
    table.w_order.value = False
    assert table.page == 0
    table.page_size = 3
    assert table.view()["name"].tolist() == ["张三", "王五", "李四"]


def test_empty_frame_says_so():
    """No rows shows a sentence instead of an empty table."""
    assert "没有符合条件的记录" in DataTable(WORKERS.iloc[0:0]).w_html.value


def click(table: DataTable, row: int) -> None:
    """What the browser sends when the row numbered ``row`` of the page on screen is clicked."""
    table.w_html._handle_custom_msg({"row": row}, [])


def test_a_click_on_a_row_selects_its_key_on_the_page_shown():
    """The key is the one of the row clicked as sorted and paged on screen, shown or not."""
    table = DataTable(WORKERS, table="workers", columns=["name"], page_size=2, row_key="id_number")
    table.w_sort.value = "name"
    table.w_order.value = False  # 王五, 李四 | 张三
    click(table, 1)
    assert table.selected == "110101199003070028"  # 李四
    table.w_next.click()
    click(table, 0)
    assert table.selected == "11010119900307001X"  # 张三


def test_the_selected_row_is_highlighted_and_a_click_beyond_the_page_ignored():
    """The row holding the selected key is marked; a row number not on the page changes nothing."""
    table = DataTable(WORKERS, row_key="name")
    table.selected = "王五"
    assert table.w_html.selected_row == 2
    click(table, 7)
    assert table.selected == "王五"
    table.data = WORKERS.iloc[:2]
    assert table.w_html.selected_row == -1


def test_clickable_rows_keep_ids_masked():
    """Cells of a clickable table are masked as in any table (the key stays in the kernel)."""
    table = DataTable(WORKERS, table="workers", row_key="id_number")
    assert "11010119900307001X" not in table.w_html.value
    assert "data-row='0'" in table.w_html.value


def test_long_text_wraps_and_numbers_do_not():
    """Text cells may wrap; numbers and dates stay on one line, so wide tables fit the screen."""
    html = DataTable(WORKERS).w_html.value
    assert "<td class='wk-nowrap'>300</td>" in html and "<td>张三</td>" in html
