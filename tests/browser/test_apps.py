"""The six workbook apps in a real browser, served by ``wagekit serve`` on a copy of the sample.

One server for the module (starting it and pre-heating its kernels is slow), with its own
SQLite store (``WAGEKIT_DB``) and a fixed day (``WAGEKIT_AS_OF``) so the apps show the same
figures as ``wagekit summary --as-of`` against that store. Screenshots of every app go to
artifacts/screenshots/.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from harness import APP_TIMEOUT, APPS, Workbook, open_app, start_workbook
from wagekit.widgets.apps.dashboard import KPI_CARDS
from wagekit.widgets.components.kpi import format_number

from wagekit.load import load_table
from wagekit.schema import CLOSED_CASE_STATUSES

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2023-12-20"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """``wagekit serve`` on a copy of the sample (the repository's copy may be regenerated)."""
    root = tmp_path_factory.mktemp("apps")
    campaign = root / "demo"
    shutil.copytree(REPO / "sample_data" / "demo", campaign)
    with start_workbook(campaign, root, WAGEKIT_AS_OF=AS_OF) as book:
        yield book


def full_screenshot(page, screenshot, name: str) -> Path:
    """Screenshot the whole app: Voila scrolls inside a container, so grow the window first."""
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('body, body *')].map(e => e.scrollHeight))"
    )
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12_000)})
    try:
        return screenshot(page, name)
    finally:
        page.set_viewport_size(size)


def assert_clean(page) -> None:
    """No error box, no stderr or stray text output, no failed cell, nothing from the internet."""
    assert page.locator(".wagekit-alert-error").count() == 0, page.locator(
        ".wagekit-alert-error"
    ).first.inner_text()
    assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
    assert "There was an error when executing cell" not in page.content()
    # A notebook's last expression leaking as text (a stray ``True``) rather than a widget.
    stray = page.locator('.jp-OutputArea-output[data-mime-type="text/plain"]')
    assert stray.count() == 0, stray.first.inner_text()
    assert page.external_requests == []


def wagekit(workbook: Workbook, *args: str) -> subprocess.CompletedProcess:
    """Run the wagekit command against the server's store and day."""
    return subprocess.run(
        [sys.executable, "-m", "wagekit.cli", *args],
        env=workbook.env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )


def kpi_text(page, key: str) -> str:
    """The figure a dashboard KPI card shows, without its unit."""
    unit = KPI_CARDS[key][1]
    text = page.locator(f".wk-kpi-{key} .wagekit-kpi-value").inner_text().strip()
    return text.removesuffix(unit).strip()


@pytest.mark.parametrize("notebook", list(APPS))
def test_app_renders_without_errors_or_internet(workbook, page, screenshot, notebook):
    """Each app renders its Chinese page with no error and no request leaving localhost."""
    seconds = open_app(page, workbook, notebook)
    print(f"{notebook}: first render {seconds:.1f} s")
    full_screenshot(page, screenshot, f"app_{notebook}")
    assert_clean(page)


def test_home_links_every_app_and_names_the_phase(workbook, page):
    """The home page names the phase of the fixed day and links to the six apps."""
    open_app(page, workbook, "00_home")
    assert "执法检查与处置" in page.locator(".wk-phase").inner_text()
    links = page.locator(".wk-app-links a")
    assert links.count() == 6
    links.first.click()
    page.wait_for_selector(".wk-publicity", state="visible", timeout=APP_TIMEOUT)
    assert page.url.endswith("/voila/render/01_publicity.ipynb")


def test_township_changes_self_inspection_tables(workbook, page, screenshot):
    """Choosing a township in 02_self_inspection narrows the coverage and project tables."""
    open_app(page, workbook, "02_self_inspection")
    coverage = page.locator(".wk-table-coverage table")
    before_rows = coverage.locator("tr").count()
    select = page.locator(".wagekit-filterbar .widget-dropdown").filter(has_text="属地")
    select = select.locator("select")
    township = select.locator("option").nth(1).inner_text()
    select.select_option(label=township)
    page.wait_for_function(
        "n => document.querySelectorAll('.wk-table-coverage table tr').length !== n",
        arg=before_rows,
        timeout=30_000,
    )
    # The project table follows: every row shown is in the township chosen (column 属地).
    page.wait_for_function(
        """t => {
            const rows = [...document.querySelectorAll('.wk-table-projects table tbody tr')];
            return rows.length > 0 && rows.every(r => r.cells[2].innerText.trim() === t);
        }""",
        arg=township,
        timeout=30_000,
    )
    rows = coverage.locator("tr")
    assert rows.count() == 2  # header + the township chosen
    assert township in rows.nth(1).inner_text()
    full_screenshot(page, screenshot, "app_02_self_inspection_township")
    assert_clean(page)


def test_finding_recorded_in_enforcement_lands_in_store(workbook, page, screenshot):
    """Saving a checklist with a failed item in 03_enforcement writes an inspection and finding."""
    open_app(page, workbook, "03_enforcement")
    page.get_by_role("tab", name="现场检查").click()
    form = page.locator(".wk-inspection-form")
    form.locator("input[placeholder='项目编号或统一社会信用代码']").fill("XM2023-0001")
    form.locator(".widget-text").filter(has_text="检查人员").locator("input").fill("张伟、李娜")
    form.locator(".widget-text").filter(has_text="登记人").locator("input").fill("浏览器测试")
    toggles = form.locator(".widget-toggle-buttons")
    toggles.first.get_by_role("button", name="不合格").click()
    for index in range(1, toggles.count()):
        toggles.nth(index).get_by_role("button", name="合格", exact=True).click()
    form.locator(".wk-inspection-save").click()
    outcome = form.locator(".wagekit-alert-success, .wagekit-alert-error").first
    try:
        outcome.wait_for(state="visible", timeout=60_000)
    finally:
        full_screenshot(page, screenshot, "app_03_enforcement_finding")
    assert "success" in outcome.get_attribute("class"), outcome.inner_text()
    assert_clean(page)
    with sqlite3.connect(workbook.store_path) as db:
        inspections = db.execute(
            "select count(*) from inspections where subject_id = 'XM2023-0001'"
        ).fetchone()[0]
        findings = db.execute(
            "select count(*) from findings where subject_id = 'XM2023-0001'"
        ).fetchone()[0]
    assert inspections == 1 and findings >= 1


def test_training_exercise_is_checked(workbook, page, screenshot):
    """05_training judges a wrong answer wrong and the revealed answer right, in Chinese."""
    open_app(page, workbook, "05_training")
    page.get_by_role("button", name="下一步").click()
    page.locator(".wk-training-question").wait_for(state="visible", timeout=30_000)
    answer = page.locator(".wk-training-exercise input")
    answer.fill("-1")
    page.get_by_role("button", name="检查答案").click()
    page.locator(".wk-training-wrong").wait_for(state="visible", timeout=30_000)
    page.get_by_role("button", name="显示答案").click()
    shown = page.locator(".wk-training-answer").inner_text()
    right = "".join(ch for ch in shown if ch.isdigit())
    answer.fill(right)
    page.get_by_role("button", name="检查答案").click()
    page.locator(".wk-training-right").wait_for(state="visible", timeout=30_000)
    full_screenshot(page, screenshot, "app_05_training_exercise")
    assert_clean(page)


def _open_case(campaign: Path) -> str:
    cases = load_table(next(campaign.glob("cases.*")), "cases").frame
    received = cases["received_date"] <= AS_OF
    still_open = ~cases["status"].isin(CLOSED_CASE_STATUSES)
    return str(cases.loc[received & still_open, "case_id"].iloc[0])


def test_closing_a_case_moves_the_dashboard_card(workbook, page, screenshot):
    """A case closed with ``wagekit case`` on the same store adds one to 办结案件 in 04_summary."""
    open_app(page, workbook, "04_summary")
    before = int(kpi_text(page, "cases-closed").replace(",", ""))
    case_id = _open_case(workbook.campaign)
    wagekit(
        workbook,
        "case",
        str(workbook.campaign),
        case_id,
        "--status",
        "已结案",
        "--date",
        AS_OF,
        "--by",
        "浏览器测试",
    )
    open_app(page, workbook, "04_summary")
    after = int(kpi_text(page, "cases-closed").replace(",", ""))
    full_screenshot(page, screenshot, "app_04_summary_after_close")
    assert after == before + 1


def test_dashboard_cards_equal_wagekit_summary(workbook, page):
    """Every KPI card shows the figure of ``wagekit summary --json`` with the same store and day."""
    done = wagekit(workbook, "summary", str(workbook.campaign), "--as-of", AS_OF, "--json")
    summary = json.loads(done.stdout)
    open_app(page, workbook, "04_summary")
    for key, (_label, unit, path, _rate, _caption) in KPI_CARDS.items():
        value = summary
        for part in path:
            value = None if value is None else value.get(part)
        if unit == "万元" and value is not None:  # meetings read amounts in 万元
            value = round(value / 10_000, 2)
        assert kpi_text(page, key) == format_number(value), key
