"""Kernels end with their pages, and a full server says so in Chinese.

Each app page runs in a kernel of its own (200-230 MiB with the sample). Closing the page must
shut that kernel down: Voila's page script asks for it when the page unloads, with the _xsrf
cookie the workbook's page handler sets. ``--max-kernels`` caps the pages open at once.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from harness import PAGE_OPTIONS, wait_until_idle

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RENDERED = "#fixture-title"
KERNEL_ID = "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"


def open_fixture(page, url: str) -> str:
    """Open the fixture app, wait until its widgets show; the id of the page's kernel."""
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_selector(RENDERED, state="visible", timeout=120_000)
    return page.evaluate(KERNEL_ID)


def wait_until_gone(workbook, kernel: str, seconds: float) -> float:
    """Seconds until the server no longer runs ``kernel`` (or ``seconds`` if it still does)."""
    began = time.monotonic()
    while workbook.kernel_running(kernel) and time.monotonic() - began < seconds:
        time.sleep(0.5)
    return time.monotonic() - began


def test_closing_a_page_shuts_its_kernel_down(serve_workbook, browser):
    """A closed page leaves no kernel behind: within a minute the server no longer runs it."""
    workbook = serve_workbook(FIXTURES / "campaign", notebooks=FIXTURES)
    wait_until_idle(workbook)
    pre_heated = {process.pid for process in workbook.kernel_processes()}
    context = browser.new_context(**PAGE_OPTIONS)
    page = context.new_page()
    kernel = open_fixture(page, workbook.url())
    assert workbook.kernel_running(kernel)
    assert any(cookie["name"] == "_xsrf" for cookie in context.cookies())

    page.close(run_before_unload=True)
    seconds = wait_until_gone(workbook, kernel, 60)
    context.close()
    print(f"kernel gone {seconds:.1f} s after the page closed")
    assert not workbook.kernel_running(kernel)
    assert "'_xsrf' argument missing" not in workbook.log

    # The page took the pre-heated kernel; its process (a copy of the kernel template) ended.
    def left() -> set[int]:
        return pre_heated & {process.pid for process in workbook.kernel_processes()}

    began = time.monotonic()
    while left() and time.monotonic() - began < 30:
        time.sleep(0.5)
    assert not left()


def test_full_server_shows_a_chinese_page_until_a_page_closes(serve_workbook, browser):
    """With --max-kernels 1, a second page is told in Chinese to wait; once the first closes,
    it opens."""
    workbook = serve_workbook(FIXTURES / "campaign", notebooks=FIXTURES, args=["--max-kernels=1"])
    first_context = browser.new_context(**PAGE_OPTIONS)
    first = first_context.new_page()
    kernel = open_fixture(first, workbook.url())

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(workbook.url(), timeout=60)
    assert refused.value.code == 503
    assert "工作簿已满" in refused.value.read().decode("utf-8")

    first.close(run_before_unload=True)
    wait_until_gone(workbook, kernel, 60)
    first_context.close()
    second_context = browser.new_context(**PAGE_OPTIONS)
    second = second_context.new_page()
    assert open_fixture(second, workbook.url()) != kernel
    second_context.close()


def test_apps_render_again_after_the_kernel_template_dies(serve_workbook, page):
    """The template killed (out of memory, say): it is started again, and the kernels that were
    pre-heated, which died with it and came back without their app, are replaced."""
    import psutil

    workbook = serve_workbook(FIXTURES / "campaign", notebooks=FIXTURES)
    wait_until_idle(workbook)
    server = psutil.Process(workbook.process.pid)

    def templates() -> list[psutil.Process]:
        return [p for p in server.children() if "wagekit.forked_kernels" in " ".join(p.cmdline())]

    (template,) = templates()
    template.kill()
    deadline = time.monotonic() + 120
    while "已换用新的预热内核" not in workbook.log and time.monotonic() < deadline:
        time.sleep(0.5)
    wait_until_idle(workbook)
    assert "内核模板进程已退出" in workbook.log
    assert templates(), "a new template runs"
    open_fixture(page, workbook.url())
    assert "NameError" not in page.content()
