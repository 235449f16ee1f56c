"""ID numbers inside free text (notes, labels, echoed lines) are masked on every component."""

import datetime as dt

import pandas as pd
import pytest
from wagekit.widgets.components.load_report import LoadReportView
from wagekit.widgets.components.order_list import OrderList
from wagekit.widgets.components.table import DataTable

from wagekit.store import CampaignKey, Store

KEY = CampaignKey("2023年度根治欠薪冬季专项行动", "示例县")
ID = "110101199003071233"
MASKED = "110101********1233"
NOW = dt.datetime(2023, 12, 1, 2, 32, tzinfo=dt.UTC)


def test_table_masks_ids_in_any_text_cell_unless_revealed():
    """A note column holding an ID shows it masked; the reveal shows it whole."""
    table = DataTable(pd.DataFrame({"note": [f"代领人{ID}", "无"]}), labels={"note": "备注"})
    assert f"代领人{MASKED}" in table.w_html.value and ID not in table.w_html.value
    table.reveal_ids = True
    assert f"代领人{ID}" in table.w_html.value


def test_load_report_masks_echoed_lines_and_notes_unless_revealed():
    """A rejected line quoted in the report is masked until the reveal box is ticked."""
    errors = pd.DataFrame(
        {
            "table": ["workers", "workers"],
            "file": ["workers.csv"] * 2,
            "row": [3, 4],
            "column": ["id_number", None],
            "value": ["11010119900307123", f"{ID},张三,多余"],
            "reason": ["身份证号应为18位", "这一行的列数与表头不一致"],
        }
    )
    view = LoadReportView(errors)
    assert ID not in view.w_table.w_html.value and f"{MASKED},张三" in view.w_table.w_html.value
    view.w_reveal.value = True
    assert f"{ID},张三" in view.w_table.w_html.value


@pytest.fixture
def store(tmp_path):
    with Store.open("sqlite:///" + str(tmp_path / "s.sqlite"), clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture
def listing(store):
    """An order whose note names a worker by ID number, picked in the order list."""
    values = {
        "subject_id": "XM2023-0114",
        "kind": "限期整改指令书",
        "issued": "2023-12-01",
        "note": f"工人{ID}已签收",
    }
    order = store.add(KEY, "orders", values, by="李四")
    widget = OrderList(store=store, campaign=KEY)
    widget.refresh()
    widget.w_order.value = order["id"]
    widget.w_by.value = "张三"
    return widget


def test_order_list_shows_the_note_masked(listing):
    """The table and the edit field show the note with the ID masked."""
    assert ID not in listing.w_table.w_html.value
    assert listing.w_note.value == f"工人{MASKED}已签收"


def test_saving_with_the_masked_note_untouched_keeps_the_stored_note(listing, store):
    """Changing only the status does not overwrite the stored note with its masked form."""
    listing.w_status.value = "逾期未履行"
    listing.w_save.click()
    stored = store.records(KEY, "orders").iloc[0]
    assert (stored["status"], stored["note"]) == ("逾期未履行", f"工人{ID}已签收")


def test_a_note_retyped_is_saved_as_typed(listing, store):
    """An edited note is saved as the inspector typed it."""
    listing.w_note.value = "已履行完毕"
    listing.w_save.click()
    assert store.records(KEY, "orders").iloc[0]["note"] == "已履行完毕"
