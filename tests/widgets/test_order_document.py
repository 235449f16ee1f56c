"""OrderList's 打印文书: the picked order as a numbered document, downloaded, without a browser."""

import base64
import io
import re

import docx
import pytest
from wagekit.widgets.components.order_list import OrderList

PROJECT = "XM2023-0114"


@pytest.fixture
def order(store, campaign) -> dict:
    return store.add(
        campaign,
        "orders",
        {
            "subject_id": PROJECT,
            "kind": "限期整改指令书",
            "issued": "2024-01-05",
            "deadline": "2024-01-20",
        },
        by="李四",
    )


@pytest.fixture
def listing(store, campaign, order):
    """The list on the sample campaign, the order picked, the operator's name filled in."""
    widget = OrderList(store=store, campaign=campaign)
    widget.refresh()
    widget.w_order.value = order["id"]
    widget.w_by.value = "张三"
    return widget


def _downloaded_text(listing) -> str:
    link = listing.w_print.w_link.value
    payload = re.search(r"href='data:[^;]+;base64,([^']*)'", link).group(1)
    document = docx.Document(io.BytesIO(base64.b64decode(payload)))
    return "\n".join(p.text for p in document.paragraphs)


def _numbered(store, campaign) -> int:
    audit = store.audit(campaign)
    return int((audit["field"] == "number").sum())


def test_printing_numbers_the_order_once_and_downloads_its_document(listing, store, campaign):
    """The first print gives 〔2024〕第1号 (audited as the 登记人); a reprint keeps it."""
    listing.w_print.w_button.click()
    assert listing.w_print.w_alert.message == ""
    text = _downloaded_text(listing)
    assert "劳动保障监察限期整改指令书" in text and "〔2024〕第1号" in text
    assert "2024年1月20日" in text
    assert listing.w_print.file.name.endswith(".docx")
    stored = store.records(campaign, "orders").iloc[0]
    assert stored["number"] == "〔2024〕第1号"
    audit = store.audit(campaign)
    assert audit.loc[audit["field"] == "number", "by"].tolist() == ["张三"]
    assert "〔2024〕第1号" in listing.w_table.w_html.value
    assert "〔2024〕第1号" in listing.w_current.value
    listing.w_print.w_button.click()
    assert "〔2024〕第1号" in _downloaded_text(listing)
    assert _numbered(store, campaign) == 1


def test_after_printing_the_form_still_saves(listing, store, campaign):
    """Numbering is a new version of the order, yet the form's next save is not refused."""
    listing.w_print.w_button.click()
    listing.w_status.value = "已履行"
    listing.w_fulfilled.value = listing.orders.iloc[0]["deadline"].date()
    listing.w_save.click()
    assert "已保存" in listing.w_alert.message, listing.w_alert.message
    assert store.records(campaign, "orders").iloc[0]["status"] == "已履行"


def test_a_colleagues_change_before_printing_still_makes_the_save_stale(listing, store, order):
    """Printing does not hide a change made elsewhere: the form's save is refused as stale."""
    store.update("orders", order["id"], version=1, changes={"note": "已约谈"}, by="王五")
    listing.w_print.w_button.click()
    listing.w_status.value = "已撤销"
    listing.w_save.click()
    assert "请刷新后再试" in listing.w_alert.message
    assert listing.saved == 0
    assert store.get("orders", order["id"])["status"] == "待履行"


def test_printing_without_a_recorder_is_refused_and_numbers_nothing(listing, store, campaign):
    """The number is audited under a name: with none typed, nothing is printed or numbered."""
    listing.w_by.value = ""
    listing.w_print.w_button.click()
    assert "请填写登记人姓名" in listing.w_print.w_alert.message
    assert listing.w_print.w_link.value == ""
    assert _numbered(store, campaign) == 0


def test_printing_with_no_order_picked_says_so(listing):
    """Nothing picked: a Chinese message, no file."""
    listing.w_order.value = 0
    listing.w_print.w_button.click()
    assert "请先选择执法文书" in listing.w_print.w_alert.message
    assert listing.w_print.file is None
