"""No full ID number on any app's page, with ID numbers planted in every note the store holds.

A copy of the sample is served with a store whose inspection, finding, order, case action,
self-inspection and daily-report notes name a worker by ID number and bank card. Every app is
opened (in 03_enforcement the planted project and order are picked, so that the project card
and the order being edited show their notes), and the page's whole text — hidden tabs, option
labels, input values and attributes included — must hold no 18-character ID number and no card
number, while the masked form of the planted number is on screen.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from harness import APP_TIMEOUT, APPS, open_app, start_workbook

from wagekit.config import read_config
from wagekit.load import load_table
from wagekit.store import Store, campaign_key

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2023-12-20"
SUBJECT = "XM2023-0001"
ID = "110101199003071233"
MASKED = "110101********1233"
CARD = "6222020200001234567"
NOTE = f"工人张三（身份证{ID}，工资卡 {CARD}）反映欠薪"
# An ID number anywhere in a text, whether its check digit is right or not.
FULL_ID = re.compile(r"(?<!\d)\d{17}[\dXx]")
# Every text node on its own (one table cell, one label): joining the whole document's text
# would glue a phone number to the next cell's digits into an 18-digit run no reader sees.
PAGE_TEXT = """() => [
    ...(() => {
        const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
        const texts = [];
        while (walker.nextNode()) texts.push(walker.currentNode.nodeValue);
        return texts;
    })(),
    ...[...document.querySelectorAll('input, textarea, select')].map(e => e.value),
    ...[...document.querySelectorAll('*')].flatMap(
        e => [...e.attributes].map(a => a.value)),
].join('\\n')"""


def _plant(store_path: Path, campaign: Path) -> None:
    """Write notes carrying ``ID`` and ``CARD`` to every record table that has a note."""
    key = campaign_key(read_config(campaign / "campaign.toml"))
    case_id = str(load_table(next(campaign.glob("cases.*")), "cases").frame["case_id"].iloc[0])
    with Store.open(f"sqlite:///{store_path}") as store:
        visit = store.add(
            key,
            "inspections",
            {
                "subject_id": SUBJECT,
                "visit_date": "2023-12-02",
                "inspectors": ["张伟"],
                "note": NOTE,
            },
            by="浏览器测试",
        )
        records = {
            "findings": {
                "inspection_id": visit["id"],
                "subject_id": SUBJECT,
                "code": "real_name",
                "severity": "warning",
                "note": NOTE,
            },
            "orders": {
                "subject_id": SUBJECT,
                "kind": "限期整改指令书",
                "issued": "2023-12-03",
                "deadline": "2023-12-13",
                "note": NOTE,
            },
            "case_actions": {
                "case_id": case_id,
                "status": "核查中",
                "action_date": "2023-12-04",
                "note": NOTE,
            },
            "self_inspection_receipts": {
                "subject_id": SUBJECT,
                "submitted_date": "2023-12-05",
                "reported_arrears_amount": 0,
                "reported_arrears_workers": 0,
                "note": NOTE,
            },
            "daily_reports": {"township": "太平镇", "date": AS_OF, "note": NOTE},
        }
        for table, values in records.items():
            store.add(key, table, values, by="浏览器测试")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """``wagekit serve`` on a copy of the sample, its store holding the planted notes."""
    root = tmp_path_factory.mktemp("no_ids")
    campaign = root / "demo"
    shutil.copytree(REPO / "sample_data" / "demo", campaign)
    _plant(root / "store.sqlite", campaign)
    with start_workbook(campaign, root, WAGEKIT_AS_OF=AS_OF) as book:
        yield book


def _pick(page, container: str, text: str) -> None:
    """Choose, in the first drop-down of ``container`` offering it, the option naming ``text``.

    A searchable picker (a Combobox: a text box with a datalist) gets the option's text typed.
    """
    boxes = page.locator(f"{container} input[list]")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        option = box.evaluate(
            "(b, t) => [...(b.list ? b.list.options : [])].map(o => o.value)"
            ".find(v => v.includes(t)) || null",
            text,
        )
        if option is not None:
            box.fill(option)
            box.press("Enter")
            return
    selects = page.locator(f"{container} select")
    for i in range(selects.count()):
        select = selects.nth(i)
        index = select.evaluate("(s, t) => [...s.options].findIndex(o => o.text.includes(t))", text)
        if index >= 0:
            select.select_option(index=index)
            return
    raise AssertionError(f"no option naming {text} in {container}")


def _show_planted_records(page) -> None:
    """In 03_enforcement: the planted project's card, then the planted order in the edit form."""
    _pick(page, ".wk-subject-picker", SUBJECT)
    page.locator(".wk-table-project-inspections").wait_for(state="visible", timeout=APP_TIMEOUT)
    page.get_by_role("tab", name="文书履行").click()
    _pick(page, ".wk-order-list", "限期整改指令书")
    page.locator(".wk-order-current").wait_for(state="visible", timeout=60_000)


@pytest.mark.parametrize("notebook", list(APPS))
def test_no_full_id_number_on_any_app(workbook, page, notebook):
    """The page's whole text holds no full ID or card number; the planted one shows masked."""
    open_app(page, workbook, notebook)
    if notebook == "03_enforcement":
        _show_planted_records(page)
    text = page.evaluate(PAGE_TEXT)
    assert FULL_ID.findall(text) == []
    assert ID not in text and CARD not in text
    if notebook == "03_enforcement":
        assert MASKED in text
