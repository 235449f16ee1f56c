"""OrderList: the campaign's orders from the store, and saving how one ended, without a browser."""

import datetime as dt

import pytest
from wagekit.widgets.components.order_list import OrderList

from wagekit.store import CampaignKey, Store

KEY = CampaignKey("2023年度根治欠薪冬季专项行动", "示例县")
# 2023-12-01 02:32 UTC is 10:32 in the offices' time zone (Asia/Shanghai).
NOW = dt.datetime(2023, 12, 1, 2, 32, tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path):
    with Store.open("sqlite:///" + str(tmp_path / "s.sqlite"), clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture
def order(store) -> dict:
    return store.add(
        KEY,
        "orders",
        {
            "subject_id": "XM2023-0114",
            "kind": "限期整改指令书",
            "issued": "2023-12-01",
            "deadline": "2023-12-10",
        },
        by="李四",
    )


@pytest.fixture
def listing(store, order):
    """The list on the campaign, the order picked, the operator's name filled in."""
    widget = OrderList(store=store, campaign=KEY)
    widget.refresh()
    widget.w_order.value = order["id"]
    widget.w_by.value = "张三"
    return widget


def test_lists_the_campaigns_orders(listing, order):
    """The table shows the order with its version and status; the picker names it."""
    html = listing.w_table.w_html.value
    assert "XM2023-0114" in html and "待履行" in html and "版本" in html
    assert (f"{order['id']} · XM2023-0114 · 限期整改指令书 · 待履行", order["id"]) in (
        listing.w_order.options
    )
    assert "wk-order-list" in listing._dom_classes


def test_picking_an_order_fills_the_form(listing):
    """Status, fulfilled date and a line on where the order stands, version included."""
    assert listing.w_status.value == "待履行"
    assert listing.w_fulfilled.value is None and listing.w_fulfilled.disabled
    assert "履行期限 2023-12-10" in listing.w_current.value
    assert "版本 1" in listing.w_current.value


def test_saving_fulfilled_changes_the_store_and_the_table(listing, store, order):
    """保存 writes status and date as 张三, shows the new status and counts the save."""
    listing.w_status.value = "已履行"
    assert not listing.w_fulfilled.disabled
    listing.w_fulfilled.value = dt.date(2023, 12, 8)
    listing.w_note.value = "已足额支付"
    listing.w_save.click()
    assert listing.w_alert.kind == "success", listing.w_alert.message
    stored = store.get("orders", order["id"])
    assert (stored["status"], stored["fulfilled_date"], stored["note"], stored["version"]) == (
        "已履行",
        dt.date(2023, 12, 8),
        "已足额支付",
        2,
    )
    assert stored["updated_by"] == "张三"
    assert "已履行" in listing.w_table.w_html.value and "2023-12-08" in listing.w_table.w_html.value
    assert "版本 2" in listing.w_current.value
    assert listing.saved == 1


def test_stale_save_is_refused_with_the_stores_message(listing, store, order):
    """A colleague changed the order after it was shown: refused on screen, nothing written."""
    store.update("orders", order["id"], version=1, changes={"status": "逾期未履行"}, by="王五")
    listing.w_status.value = "已撤销"
    listing.w_save.click()
    assert listing.w_alert.kind == "error"
    assert "该记录已被 王五 于 2023-12-01 10:32 修改，请刷新后再试" in listing.w_alert.message
    stored = store.get("orders", order["id"])
    assert (stored["status"], stored["version"]) == ("逾期未履行", 2)
    assert listing.saved == 0


def test_after_refreshing_the_save_goes_through(listing, store, order):
    """刷新 shows the colleague's change; saving from there is accepted."""
    store.update("orders", order["id"], version=1, changes={"status": "逾期未履行"}, by="王五")
    listing.w_refresh.click()
    assert listing.w_status.value == "逾期未履行" and "版本 2" in listing.w_current.value
    listing.w_status.value = "已撤销"
    listing.w_save.click()
    assert listing.w_alert.kind == "success", listing.w_alert.message
    assert store.get("orders", order["id"])["status"] == "已撤销"


def test_fulfilled_without_a_date_shows_the_stores_reason(listing, store, order):
    """已履行 with no fulfilled date: the store's Chinese reason on screen, nothing written."""
    listing.w_status.value = "已履行"
    listing.w_save.click()
    assert listing.w_alert.kind == "error" and "请填写履行日期" in listing.w_alert.message
    assert store.get("orders", order["id"])["version"] == 1


def test_saving_needs_an_order_and_an_operator(listing, store, order):
    """No operator name, or no order picked: said so, nothing written."""
    listing.w_by.value = " "
    listing.w_save.click()
    assert "请填写登记人姓名" in listing.w_alert.message
    listing.w_by.value = "张三"
    listing.w_order.value = 0
    listing.w_save.click()
    assert "请先选择执法文书" in listing.w_alert.message
    assert store.get("orders", order["id"])["version"] == 1


def test_unchanged_values_write_nothing(listing, store, order):
    """Saving the order as shown writes no new version and says so."""
    listing.w_save.click()
    assert listing.w_alert.kind == "info" and "没有改动" in listing.w_alert.message
    assert store.get("orders", order["id"])["version"] == 1 and listing.saved == 0


def test_without_store_shows_an_empty_list():
    """Before the app has a store and a campaign, the list is empty and saving says why."""
    widget = OrderList()
    widget.refresh()
    assert "还没有" in widget.w_table.w_html.value
    widget.w_save.click()
    assert widget.w_alert.kind == "error" and "无法保存" in widget.w_alert.message


def test_nothing_goes_to_stderr(listing, store, order, capsys):
    """A refused save is on screen only (Voila would show stderr as a red box)."""
    store.update("orders", order["id"], version=1, changes={"status": "逾期未履行"}, by="王五")
    listing.w_status.value = "已撤销"
    listing.w_save.click()
    assert capsys.readouterr().err == ""
