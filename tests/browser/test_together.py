"""Every app opened at the same moment, as when a meeting starts: all of them render.

Five or six people opening different apps together used to leave two or three pages blank
below their title for good: Voila's notebook client waits only four seconds after a cell's
reply for the cell's output, and an app's output (hundreds of widget messages) arrived later
than that while every pre-heated kernel built its app at once and the pools refilled. The
output was dropped, the page never showed the app. ``wagekit/voila/voila.json`` now gives the
output time to arrive (``VoilaExecutor.iopub_timeout``). Once the page is there, its widget
manager asks the kernel for every widget's state and gave up after four seconds as well,
then asked for each widget's state one by one; the workbook serves copies that wait.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from harness import APP_TIMEOUT, APPS, PAGE_OPTIONS, start_workbook, wait_until_idle

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
# Seconds the widgets' states are held back from a page: past the widget manager's former
# limit (4 s), after which it asked for each widget's state one by one.
LATE_S = 10


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """``wagekit serve`` on a copy of the sample, its pre-heated kernels ready."""
    root = tmp_path_factory.mktemp("together")
    campaign = root / "demo"
    shutil.copytree(REPO / "sample_data" / "demo", campaign)
    with start_workbook(campaign, root, WAGEKIT_AS_OF="2023-12-20") as book:
        wait_until_idle(book)
        yield book


def open_together(browser, workbook, label: str) -> dict[str, float | str]:
    """Open every app at once, each in its own browser context; seconds to render, or why not.

    A page that did not render is kept as ``artifacts/screenshots/together-<label>-<app>``
    (``.png`` and ``.html``), to see where it stopped.
    """
    contexts = [browser.new_context(**PAGE_OPTIONS) for _ in APPS]
    pages = {name: context.new_page() for name, context in zip(APPS, contexts, strict=True)}
    began = time.monotonic()
    try:
        # Navigation only starts each load; the six requests leave within milliseconds.
        for name, page in pages.items():
            page.evaluate("url => { window.location.href = url; }", workbook.url(f"{name}.ipynb"))
        results: dict[str, float | str] = {}
        for name, page in pages.items():
            try:
                for selector in APPS[name]:
                    remaining = max(1.0, APP_TIMEOUT / 1000 - (time.monotonic() - began))
                    page.locator(selector).first.wait_for(state="visible", timeout=remaining * 1000)
                results[name] = time.monotonic() - began
            except Exception as error:  # noqa: BLE001 (the report names every page that failed)
                results[name] = f"not rendered: {type(error).__name__}"
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                kept = SCREENSHOTS / f"together-{label}-{name}"
                page.screenshot(path=f"{kept}.png", full_page=True)
                kept.with_suffix(".html").write_text(page.content(), encoding="utf-8")
        return results
    finally:
        for context in contexts:
            context.close()


def test_every_app_renders_when_all_open_at_once_twice_in_a_row(browser, workbook):
    """One visitor per app, all opening it at the same moment, twice in a row: every app renders."""
    first = open_together(browser, workbook, "first")
    second = open_together(browser, workbook, "second")
    print(f"first round: {first}\nsecond round: {second}")
    failed = {
        f"{round_name} {name}": outcome
        for round_name, results in (("first", first), ("second", second))
        for name, outcome in results.items()
        if isinstance(outcome, str)
    }
    assert failed == {}, workbook.log[-4000:]
    assert "Timeout waiting for IOPub output" not in workbook.log


def _frame_bytes(frame: bytes | str) -> bytes:
    return frame if isinstance(frame, bytes) else frame.encode("utf-8")


def test_a_page_whose_widget_states_come_late_waits_for_them(browser, workbook):
    """The kernel's reply with every widget's state reaching the page 10 s late, as in a
    meeting's first minute: the page waits for it, and never asks for each widget's state one
    by one (hundreds of requests more, when the machine is already too busy)."""
    context = browser.new_context(**PAGE_OPTIONS)
    page = context.new_page()
    sent: list[bytes] = []
    held: list[tuple] = []  # the page's socket and the reply held back

    def relay(socket) -> None:
        server = socket.connect_to_server()

        def to_server(message: bytes | str) -> None:
            sent.append(_frame_bytes(message))
            server.send(message)

        def to_page(message: bytes | str) -> None:
            if not held and b'"update_states"' in _frame_bytes(message):
                held.append((socket, message))
            else:
                socket.send(message)

        socket.on_message(to_server)
        server.on_message(to_page)

    page.route_web_socket(re.compile(r"/api/kernels/[^/]+/channels"), relay)
    try:
        page.goto(workbook.url("00_home.ipynb"), wait_until="commit")
        deadline = time.monotonic() + APP_TIMEOUT / 1000
        while not held and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        assert held, "the kernel never sent the widgets' states"
        page.wait_for_timeout(LATE_S * 1000)
        socket, reply = held[0]
        socket.send(reply)
        for selector in APPS["00_home"]:
            page.locator(selector).first.wait_for(state="visible", timeout=APP_TIMEOUT)
    finally:
        context.close()
    assert sum(b'"request_states"' in frame for frame in sent) == 1
    one_by_one = sum(b'"request_state"' in frame for frame in sent)
    assert one_by_one == 0, f"{one_by_one} widgets' states asked for one by one"
