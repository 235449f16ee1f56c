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

import shutil
import threading
import time
from pathlib import Path

import pytest
from harness import APP_TIMEOUT, APPS, PAGE_OPTIONS, start_workbook, wait_until_idle

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
# Seconds a page's kernel is stopped: longer than the page's wait for its kernel's first reply
# (3 s) and the widget manager's former limit for the widgets' states (4 s) together.
STALL_S = 10


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


def test_a_page_whose_kernel_answers_late_waits_for_all_widget_states(browser, workbook):
    """A kernel too busy to answer within 4 s, as in a meeting's first minute: the page waits for
    the one reply holding every widget's state, and never asks for each widget's state one by
    one (hundreds of requests more, when the machine is already too busy)."""
    context = browser.new_context(**PAGE_OPTIONS)
    page = context.new_page()
    sent: list[bytes] = []
    states_arrived: list[float] = []
    opened = threading.Event()

    def on_received(frame: bytes | str) -> None:
        if b'"update_states"' in _frame_bytes(frame):
            states_arrived.append(time.monotonic())

    def on_socket(socket) -> None:
        if "/channels" in socket.url:
            socket.on("framesent", lambda frame: sent.append(_frame_bytes(frame)))
            socket.on("framereceived", on_received)
            opened.set()

    page.on("websocket", on_socket)
    try:
        page.goto(workbook.url("00_home.ipynb"), wait_until="commit")
        deadline = time.monotonic() + APP_TIMEOUT / 1000
        while not opened.is_set() and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        assert opened.is_set(), "the page never connected to its kernel"
        kernels = workbook.kernel_processes()
        stopped = time.monotonic()
        for kernel in kernels:
            kernel.suspend()
        try:
            page.wait_for_timeout(STALL_S * 1000)
        finally:
            for kernel in kernels:
                kernel.resume()
        for selector in APPS["00_home"]:
            page.locator(selector).first.wait_for(state="visible", timeout=APP_TIMEOUT)
    finally:
        context.close()
    # The widgets' states came after the kernel was stopped: the page did wait through it.
    assert states_arrived and states_arrived[0] > stopped
    assert sum(b'"request_states"' in frame for frame in sent) == 1
    one_by_one = sum(b'"request_state"' in frame for frame in sent)
    assert one_by_one == 0, f"{one_by_one} widgets' states asked for one by one"
