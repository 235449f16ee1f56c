"""Finding one's way in the apps, on a laptop screen: titles, language, width, clicking rows.

One ``wagekit serve`` for the module on a copy of the sample, with a fixed day. The page is
1366×768, the most common office laptop screen: no app may make it scroll sideways. Every app
has a Chinese title and ``<html lang="zh-CN">`` (a screen reader and the browser's fonts follow
it). A click on a row of a table opens the project or case (an anywidget module, which must
load in Voila with no internet: the page fixture refuses every request leaving the machine),
and brings what it opened onto the screen: below a table of fifteen rows it would lie under
the screen's bottom edge, and the click would seem to do nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from harness import APPS, open_app, start_workbook, wait_until_idle
from playwright.sync_api import expect

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2023-12-20"
LAPTOP = {"width": 1366, "height": 768}
TITLES = {
    "00_home": "首页",
    "01_publicity": "集中宣传",
    "02_self_inspection": "自查自纠",
    "03_enforcement": "执法检查与处置",
    "04_summary": "专项行动总结看板",
    "05_training": "业务培训",
    "06_rhythm": "调度与考核",
}

# The right edge of the element reaching furthest right, and which element it is: a table
# scrolling inside its own box would leave the page's width alone and still be cut off.
WIDEST = """() => {
    let widest = {right: 0, what: ''};
    for (const e of document.querySelectorAll('body *')) {
        const box = e.getBoundingClientRect();
        if (box.width > 0 && box.right > widest.right) {
            widest = {right: box.right, what: e.tagName + '.' + e.className};
        }
    }
    return widest;
}"""


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    root = tmp_path_factory.mktemp("navigation")
    campaign = root / "demo"
    shutil.copytree(REPO / "sample_data" / "demo", campaign)
    with start_workbook(campaign, root, WAGEKIT_AS_OF=AS_OF) as book:
        # Seven apps are opened one after another: let the seven kernels finish pre-heating
        # first, so the first app does not wait behind the other six on a 2-core machine.
        wait_until_idle(book)
        yield book


@pytest.fixture
def laptop(page):
    page.set_viewport_size(LAPTOP)
    return page


def test_every_app_has_its_chinese_title_and_language(workbook, page):
    """The tab of each app says which app it is, in Chinese, and the page is marked zh-CN."""
    for notebook, name in TITLES.items():
        open_app(page, workbook, notebook)
        assert page.evaluate("document.title") == f"{name} · 根治欠薪工作簿", notebook
        assert page.evaluate("document.documentElement.lang") == "zh-CN", notebook
    assert page.external_requests == []


@pytest.mark.parametrize("notebook", list(APPS))
def test_no_app_scrolls_sideways_on_a_laptop(workbook, laptop, screenshot, notebook):
    """At 1366×768 the page is no wider than the screen, nor is anything on it."""
    open_app(laptop, workbook, notebook)
    screenshot(laptop, f"laptop_{notebook}")
    assert laptop.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    widest = laptop.evaluate(WIDEST)
    assert widest["right"] <= LAPTOP["width"], widest["what"]
    assert laptop.external_requests == []


def test_a_click_on_the_inspection_list_opens_the_project(workbook, laptop, screenshot):
    """Clicking a row of 检查清单 opens the project's card and fills the inspection form."""
    open_app(laptop, workbook, "03_enforcement")
    row = laptop.locator(".wk-table-priority tbody tr").nth(2)
    subject, name = (row.locator("td").nth(i).inner_text().strip() for i in (1, 2))
    row.click()
    card = laptop.locator(".wk-project-card .wk-project-name")
    card.wait_for(state="visible", timeout=30_000)
    assert card.inner_text().strip() == name
    expect(card).to_be_in_viewport(timeout=10_000)
    laptop.wait_for_function(
        "() => document.querySelector('.wk-table-priority tr.wk-row-selected') !== null"
    )
    laptop.get_by_role("tab", name="现场检查").click()
    subject_field = laptop.locator(".wk-inspection-form input").first
    assert subject_field.input_value() == subject
    # The case tab lists the project's cases only, and a click picks one for the action form.
    laptop.get_by_role("tab", name="案件跟踪").click()
    cases = laptop.locator(".wk-case-tracker .wk-table-cases tbody tr")
    if cases.count():
        case_id = cases.first.locator("td").first.inner_text().strip()
        cases.first.click()
        current = laptop.locator(".wk-case-current")
        current.wait_for(state="visible", timeout=30_000)
        expect(current).to_be_in_viewport(timeout=10_000)
        picked = (
            laptop.locator(".wk-case-tracker .widget-dropdown")
            .filter(has_text="选择案件")
            .locator("select")
        )
        assert picked.input_value().startswith(case_id)
    screenshot(laptop, "navigation_enforcement_click")
    assert laptop.console_errors == [] and laptop.external_requests == []


def test_a_click_on_the_dashboard_ledgers_opens_a_project_and_a_case(workbook, laptop, screenshot):
    """In 04_summary a project row opens its card, a case row its details."""
    open_app(laptop, workbook, "04_summary")
    laptop.get_by_role("tab", name="项目台账").click()
    row = laptop.locator(".wk-table-projects tbody tr").first
    row.wait_for(state="visible", timeout=30_000)
    name = row.locator("td").nth(1).inner_text().strip()
    row.click()
    card = laptop.locator(".wk-dashboard-app .wk-project-card .wk-project-name")
    card.wait_for(state="visible", timeout=30_000)
    assert card.inner_text().strip() == name
    expect(card).to_be_in_viewport(timeout=10_000)
    laptop.get_by_role("tab", name="案件台账").click()
    case = laptop.locator(".wk-table-cases tbody tr").first
    case.wait_for(state="visible", timeout=30_000)
    case_id = case.locator("td").first.inner_text().strip()
    case.click()
    title = laptop.locator(".wk-case-title")
    title.wait_for(state="visible", timeout=30_000)
    assert case_id in title.inner_text()
    expect(title).to_be_in_viewport(timeout=10_000)
    screenshot(laptop, "navigation_dashboard_click")
    assert laptop.console_errors == [] and laptop.external_requests == []


def test_the_recorders_name_is_remembered_by_the_browser(workbook, page):
    """A name typed as 登记人 in one app fills every 登记人 of the next app the browser opens."""
    open_app(page, workbook, "03_enforcement")
    page.get_by_role("tab", name="执法文书").click()
    first = page.locator(".wk-order-form .wk-recorder input")
    first.fill("浏览器记住的名字")
    first.press("Tab")
    # The kernel echoes the name back to the page's memory, which keeps it for the browser.
    page.wait_for_function(
        "() => window.localStorage.getItem('wagekit.recorder') === '浏览器记住的名字'",
        timeout=60_000,
    )
    other = page.context.new_page()
    open_app(other, workbook, "06_rhythm")
    names = other.locator(".wk-recorder input")
    names.first.wait_for(state="attached", timeout=120_000)
    other.wait_for_function(
        "() => [...document.querySelectorAll('.wk-recorder input')]"
        ".every(i => i.value === '浏览器记住的名字')",
        timeout=60_000,
    )
    assert names.count() >= 1
