"""Browser test harness: a real ``wagekit serve`` and Debian's Chromium driven by Playwright.

Fixtures
--------
``serve_workbook(campaign, notebooks=None)``
    Start ``wagekit serve --no-browser`` on a free port against ``campaign`` with a temporary
    store (``WAGEKIT_DB``), wait until it answers, return a :class:`Workbook` (its ``url(...)``
    of a notebook, its log). Servers are stopped at the end of the test.
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
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("WAGEKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
SERVER_START_TIMEOUT = 60.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
            # One xdist worker runs every browser test: two Voila servers with six pre-heated
            # kernels each would fight over the two cores and time out.
            item.add_marker(pytest.mark.xdist_group("browser"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Workbook:
    """A running ``wagekit serve``."""

    port: int
    process: subprocess.Popen
    log_path: Path
    started_in: float = 0.0
    env: dict[str, str] = field(default_factory=dict)

    def url(self, notebook: str = "00_home.ipynb") -> str:
        """Address of a notebook app."""
        return f"http://localhost:{self.port}/voila/render/{notebook}"

    @property
    def log(self) -> str:
        """What the server wrote so far (stdout and stderr)."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _wait_until_up(workbook: Workbook, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if workbook.process.poll() is not None:
            raise RuntimeError(f"wagekit serve exited early:\n{workbook.log}")
        try:
            with urllib.request.urlopen(f"http://localhost:{workbook.port}/", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # any HTTP answer means the server is listening
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"wagekit serve did not answer within {timeout:.0f} s:\n{workbook.log}")


@pytest.fixture
def serve_workbook(tmp_path: Path) -> Iterator[Callable[..., Workbook]]:
    started: list[Workbook] = []

    def start(campaign: Path | str, notebooks: Path | str | None = None, **env: str) -> Workbook:
        port = _free_port()
        workspace = tmp_path / f"workspace-{port}"
        workspace.mkdir()
        full_env = {
            **os.environ,
            "WAGEKIT_DB": f"sqlite:///{workspace / 'store.sqlite'}",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        if notebooks is not None:
            full_env["WAGEKIT_NOTEBOOKS"] = str(notebooks)
        log_path = workspace / "serve.log"
        # `wagekit serve` through its own module: the same register/run as the `wagekit`
        # command, without importing the other sub-commands.
        command = [
            sys.executable,
            "-m",
            "wagekit.commands.serve",
            str(campaign),
            f"--port={port}",
            "--no-browser",
        ]
        began = time.monotonic()
        with log_path.open("w", encoding="utf-8") as log:
            process = subprocess.Popen(
                command, cwd=workspace, env=full_env, stdout=log, stderr=subprocess.STDOUT
            )
        workbook = Workbook(port, process, log_path, env=full_env)
        started.append(workbook)
        _wait_until_up(workbook, SERVER_START_TIMEOUT)
        workbook.started_in = time.monotonic() - began
        return workbook

    yield start
    for workbook in started:
        workbook.process.terminate()
        try:
            workbook.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            workbook.process.kill()
            workbook.process.wait()


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
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
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
