"""Browser test fixtures over the harness (``harness.py``): a real ``wagekit serve`` and Debian's
Chromium driven by Playwright.

Fixtures
--------
``serve_workbook(campaign, notebooks=None, **env)``
    Start ``wagekit serve --no-browser`` on a free port against ``campaign`` with a temporary
    store (``WAGEKIT_DB``), wait until it answers, return a :class:`harness.Workbook` (its
    ``url(...)`` of a notebook, its log). Servers are stopped at the end of the test.
``browser``
    Chromium (``/usr/bin/chromium``, or ``$WAGEKIT_CHROMIUM``) launched headless once per
    session. When it is missing the test is skipped, or fails under ``CI=true``.
``page``
    A fresh page that records every request leaving localhost in ``page.external_requests``
    and every browser console error in ``page.console_errors``.
``screenshot(page, name)``
    Save ``artifacts/screenshots/<name>.png`` and return its path.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlparse

import pytest
from harness import CHROMIUM, PAGE_OPTIONS, Workbook, launch_chromium, start_workbook

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


# tryfirst: before pytest-xdist's own hook, which reads the group; when tests/browser is named
# on the command line this file is loaded before xdist's plugin and would otherwise come after.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
            # One xdist worker runs every browser test: two Voila servers with six pre-heated
            # kernels each would fight over the two cores and time out.
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture
def serve_workbook(tmp_path: Path) -> Iterator[Callable[..., Workbook]]:
    with ExitStack() as servers:

        def start(
            campaign: Path | str,
            notebooks: Path | str | None = None,
            base_url: str = "/",
            **env: str,
        ) -> Workbook:
            workdir = Path(tempfile.mkdtemp(prefix="workspace-", dir=tmp_path))
            if notebooks is not None:
                env["WAGEKIT_NOTEBOOKS"] = str(notebooks)
            return servers.enter_context(
                start_workbook(campaign, workdir, base_url=base_url, **env)
            )

        yield start


@pytest.fixture(scope="session")
def browser():
    in_ci = os.environ.get("CI", "").lower() == "true"
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "playwright (python) is not installed"
    if missing is None and not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        missing = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if missing:
        if in_ci:
            pytest.fail(f"browser tests need a browser under CI: {missing}")
        pytest.skip(missing)
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(**PAGE_OPTIONS)
    page = context.new_page()
    page.external_requests = []
    page.console_errors = []

    def on_request(request) -> None:
        host = urlparse(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host not in LOCAL_HOSTS:
            page.external_requests.append(request.url)

    page.on("request", on_request)
    # Behave like an office with no internet: anything not local fails at once, never hangs.
    context.route(
        lambda url: (
            (urlparse(url).hostname or "") not in LOCAL_HOSTS
            and not url.startswith(("data:", "blob:", "about:"))
        ),
        lambda route: route.abort(),
    )
    page.on(
        "console",
        lambda message: (
            page.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    yield page
    context.close()


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    def save(page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
