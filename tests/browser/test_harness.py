"""The browser harness itself: a tiny real notebook served by ``wagekit serve``.

The fixture notebook (tests/browser/fixtures/00_home.ipynb) loads a one-table campaign with
the campaign picker and shows a KPI card, a chart with Chinese labels, a table and a button
whose callback fails on purpose.
"""

from __future__ import annotations

import time
from pathlib import Path

from harness import wait_until_idle

FIXTURES = Path(__file__).resolve().parent / "fixtures"

RENDERED = "#fixture-title"


def open_app(page, url: str) -> float:
    """Open an app and wait until its widgets are on screen; return the seconds it took."""
    began = time.monotonic()
    # Voila streams the page while the kernel runs the notebook: a cold kernel on a busy
    # machine takes tens of seconds, hence the generous timeouts.
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_selector(RENDERED, state="visible", timeout=120_000)
    page.wait_for_selector(".wagekit-chart img", state="visible", timeout=30_000)
    return time.monotonic() - began


def test_app_renders_chinese_without_errors_or_internet(serve_workbook, page, screenshot):
    """The app shows its Chinese text and chart, no error box, and asks nothing of the internet."""
    workbook = serve_workbook(FIXTURES / "campaign", notebooks=FIXTURES)
    seconds = open_app(page, workbook.url())
    print(f"first render {seconds:.2f} s (server up in {workbook.started_in:.2f} s)")
    screenshot(page, "harness_home")

    assert page.locator(RENDERED).inner_text() == "根治欠薪工作簿组件测试"
    assert "浏览器测试专项行动" in page.locator(".wagekit-campaign-title").inner_text()
    assert "数量不是有效的整数" in page.locator(".wagekit-load-report").inner_text()
    assert page.locator(".wagekit-kpi").inner_text().split()[0] == "宣传活动"
    assert page.locator(".wagekit-chart img").evaluate("img => img.naturalWidth") > 100
    stderr_boxes = page.locator('[data-mime-type="application/vnd.jupyter.stderr"]')
    assert stderr_boxes.count() == 0
    assert page.locator(".wagekit-alert-error").count() == 0
    assert "There was an error when executing cell" not in page.content()
    assert page.external_requests == []


def test_callback_error_shows_on_the_page(serve_workbook, page, screenshot):
    """An exception in a button callback appears in a Chinese alert, not nowhere."""
    workbook = serve_workbook(FIXTURES / "campaign", notebooks=FIXTURES)
    open_app(page, workbook.url())
    page.get_by_role("button", name="演示出错").click()
    alert = page.locator(".wagekit-alert-error")
    alert.wait_for(state="visible", timeout=10_000)
    screenshot(page, "harness_callback_error")
    assert "操作未完成：这是一个演示错误：台账缺少属地" in alert.inner_text()
    assert page.external_requests == []


def test_pre_heated_kernel_is_handed_its_visit(serve_workbook, page):
    """The pre-heated kernel waited for the visitor: it knows the page it was opened for."""
    workbook = serve_workbook(FIXTURES / "campaign", notebooks=FIXTURES)
    # A page opened while the server still pre-heats gets a kernel of its own.
    wait_until_idle(workbook)
    open_app(page, workbook.url())
    assert page.locator("#fixture-request").inner_text() == "/voila/render/00_home.ipynb"
    assert "Using pre-heated kernel" in workbook.log


def test_served_under_a_prefix_for_a_reverse_proxy(serve_workbook, page):
    """`wagekit serve --base-url /gzqx/`: the app, its assets and its sockets live under /gzqx/."""
    workbook = serve_workbook(FIXTURES / "campaign", notebooks=FIXTURES, base_url="/gzqx/")
    outside = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if f"localhost:{workbook.port}/gzqx/" not in r.url and not r.url.startswith("data:")
            else None
        ),
    )
    open_app(page, workbook.url())
    assert page.locator("#fixture-request").inner_text() == "/gzqx/voila/render/00_home.ipynb"
    assert outside == []
    assert page.locator(".wagekit-alert-error").count() == 0


def test_loading_screen_counts_the_seconds_and_stands_still(serve_workbook, page):
    """While a slow app loads, its page says how long it has waited and repaints nothing else.

    Voila's spinner and shimmering skeleton animated every frame: twenty waiting pages at a
    meeting then kept a core busy on their own. The workbook's screen has no animation at all.
    """
    workbook = serve_workbook(FIXTURES / "campaign", notebooks=FIXTURES, FIXTURE_SLOW_SECONDS="8")
    page.goto(workbook.url(), wait_until="commit", timeout=120_000)
    waited = page.locator("#loading_waited")
    page.wait_for_function(
        "() => /已等待 \\d+ 秒/.test(document.getElementById('loading_waited')?.textContent)",
        timeout=60_000,
    )
    assert page.locator("#loading_text").inner_text().startswith("正在")  # 正在准备页面：第 3 步…
    assert page.evaluate("document.getAnimations().length") == 0
    first = int(waited.inner_text().split()[1])
    page.wait_for_timeout(2_100)
    if waited.count():  # the app may have come in the meantime
        assert int(waited.inner_text().split()[1]) >= first + 2
    page.wait_for_selector(RENDERED, state="visible", timeout=120_000)
    assert page.locator("#loading").count() == 0
