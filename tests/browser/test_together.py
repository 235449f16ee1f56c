"""Every app opened at the same moment, as when a meeting starts: all of them render.

Five or six people opening different apps together used to leave two or three pages blank
below their title for good: Voila's notebook client waits only four seconds after a cell's
reply for the cell's output, and an app's output (hundreds of widget messages) arrived later
than that while every pre-heated kernel built its app at once and the pools refilled. The
output was dropped, the page never showed the app. ``wagekit/voila/voila.json`` now gives the
output time to arrive (``VoilaExecutor.iopub_timeout``). Once the page is there, its widget
manager asks the kernel for every widget's state and gave up after four seconds as well,
leaving "Loading widget..." for good; the workbook serves a copy that waits two minutes.
"""

from __future__ import annotations

import shutil
import time
import urllib.request
from pathlib import Path

import pytest
from harness import APP_TIMEOUT, APPS, PAGE_OPTIONS, start_workbook, wait_until_idle

from wagekit.voila.server import WIDGET_MANAGER

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"


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


def test_pages_load_the_widget_manager_that_waits_for_widget_states(workbook):
    """The widget manager pages load waits two minutes for the widgets' state, not four seconds."""
    from voila.utils import get_voila_labextensions_path

    installed = next(
        Path(path) / WIDGET_MANAGER
        for path in get_voila_labextensions_path()
        if (Path(path) / WIDGET_MANAGER).is_dir()
    )
    base = f"http://localhost:{workbook.port}/voila/labextensions/{WIDGET_MANAGER}/static/"
    served = [
        urllib.request.urlopen(base + chunk.name, timeout=60).read().decode("utf-8")
        for chunk in (installed / "static").glob("*.js")
    ]
    limits = [text for text in served if "Control comm did not respond in time" in text]
    assert len(limits) == 1 and '"Control comm did not respond in time")),120000)' in limits[0]
