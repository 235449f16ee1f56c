"""The browser harness 浏览器测试工具: a real ``wagekit serve`` and Debian's Chromium.

Shared by the browser tests (through the fixtures of ``conftest.py``) and by
``benchmarks/bench_apps.py``, so both start, wait for and stop the server the same way, launch
the same browser and agree on when an app has rendered. A *workbook* 工作簿 is one running
``wagekit serve --no-browser`` on a free port with its own SQLite store (``WAGEKIT_DB``) in a
work folder; an app 应用 is one of its notebooks, rendered by Voila at ``/voila/render/``.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "APPS",
    "APP_TIMEOUT",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "PAGE_OPTIONS",
    "Workbook",
    "launch_chromium",
    "open_app",
    "start_workbook",
    "wait_until_idle",
]

CHROMIUM = os.environ.get("WAGEKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# What a Chinese inspection office's screen looks like: the apps are laid out for it.
PAGE_OPTIONS = {
    "viewport": {"width": 1280, "height": 900},
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
}
# ms: Voila streams the page while a kernel runs the notebook, and a cold kernel loading the
# sample on a busy 2-core machine takes minutes
APP_TIMEOUT = 180_000
# notebook -> selectors that must all be visible for its app to have rendered completely
APPS = {
    "00_home": [".wk-home", ".wk-campaign-name", ".wagekit-load-summary"],
    "01_publicity": [".wk-publicity", ".wagekit-chart img", ".wk-table-township table"],
    "02_self_inspection": [
        ".wk-self-inspection",
        ".wagekit-chart img",
        ".wk-table-coverage table",
        ".wk-table-projects table",
    ],
    "03_enforcement": [".wk-enforcement-app", ".wk-table-priority table"],
    "04_summary": [".wk-dashboard-app", ".wk-kpi-projects", ".wagekit-chart img"],
    "05_training": [".wk-training", ".wk-training-title"],
    "06_rhythm": [".wk-rhythm", ".wk-daily-table table", ".wk-daily-card-townships"],
}


@dataclass
class Workbook:
    """A running ``wagekit serve``: its port, process, environment, campaign, store and log."""

    port: int
    process: subprocess.Popen
    env: dict[str, str]
    campaign: Path
    store_path: Path
    log_path: Path
    started_in: float = 0.0
    base_url: str = "/"
    token: str = ""

    def url(self, notebook: str = "00_home.ipynb") -> str:
        """Address of a notebook app (with the token of ``wagekit serve --share``)."""
        query = f"?token={self.token}" if self.token else ""
        return f"http://localhost:{self.port}{self.base_url}voila/render/{notebook}{query}"

    def kernel_running(self, kernel_id: str) -> bool:
        """Whether the server still runs this kernel (Voila answers ``/api/kernels/<id>``)."""
        url = f"http://localhost:{self.port}{self.base_url}api/kernels/{kernel_id}"
        request = urllib.request.Request(url)
        if self.token:
            request.add_header("Authorization", f"token {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=30):
                return True
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return False
            raise

    def kernel_processes(self) -> list:
        """The server's kernel processes (``psutil.Process``), pre-heated ones included.

        A kernel is either started the plain way (``python -m ipykernel_launcher``) or forked
        from the kernel template (``python -m wagekit.forked_kernels``): then it is one of the
        template's children, the template itself is not a kernel.
        """
        import psutil

        server = psutil.Process(self.process.pid)
        templates = {
            child.pid
            for child in server.children()
            if "wagekit.forked_kernels" in " ".join(_cmdline(child))
        }
        return [
            child
            for child in server.children(recursive=True)
            if "ipykernel" in " ".join(_cmdline(child)) or _parent_pid(child) in templates
        ]

    @property
    def log(self) -> str:
        """What the server wrote so far (stdout and stderr)."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(workbook: Workbook, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if workbook.process.poll() is not None:
            raise RuntimeError(f"wagekit serve exited early:\n{workbook.log}")
        try:
            url = f"http://localhost:{workbook.port}{workbook.base_url}"
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # any HTTP answer means the server is listening
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"wagekit serve did not answer within {timeout:.0f} s:\n{workbook.log}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def start_workbook(
    campaign: Path | str,
    workdir: Path | str,
    *,
    timeout: float = 120.0,
    base_url: str = "/",
    args: Sequence[str] = (),
    **env: str,
) -> Iterator[Workbook]:
    """Serve ``campaign`` until the block ends; yield the :class:`Workbook` once it answers.

    The server runs in ``workdir``, where its store (``store.sqlite``) and its log
    (``serve.log``) are written; ``env`` adds to or overrides the environment (for example
    ``WAGEKIT_AS_OF`` or ``WAGEKIT_NOTEBOOKS``); ``base_url`` is ``wagekit serve --base-url``
    and ``args`` more options (``--share``: the workbook's token is read from the address the
    server prints).
    Starting fails with the server's log when it exits or does not answer within ``timeout``
    seconds (a busy 2-core machine is slow); on leaving the block the server is terminated, and
    killed if it does not stop.
    """
    workdir = Path(workdir)
    port = _free_port()
    store_path = workdir / "store.sqlite"
    full_env = {
        **os.environ,
        "WAGEKIT_DB": f"sqlite:///{store_path}",
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    log_path = workdir / "serve.log"
    # `wagekit serve` through its own module: the same register/run as the `wagekit` command,
    # without importing the other sub-commands.
    command = [
        sys.executable,
        "-m",
        "wagekit.commands.serve",
        str(campaign),
        f"--port={port}",
        f"--base-url={base_url}",
        "--no-browser",
        *args,
    ]
    began = time.monotonic()
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, cwd=workdir, env=full_env, stdout=log, stderr=subprocess.STDOUT
        )
    workbook = Workbook(
        port, process, full_env, Path(campaign), store_path, log_path, base_url=base_url
    )
    try:
        _wait_until_up(workbook, timeout)
        workbook.started_in = time.monotonic() - began
        if token := re.search(r"\?token=([\w-]+)", workbook.log):
            workbook.token = token[1]
        yield workbook
    finally:
        _stop(process)


def wait_until_idle(workbook: Workbook, *, timeout: float = 300.0, window: float = 2.0) -> float:
    """Wait until the server and its kernels have finished pre-heating; return the seconds.

    Pre-heated kernels 预热内核 have run their notebook up to ``wait_for_request()`` when the
    server and every kernel together use less than a tenth of a core over ``window`` seconds.
    Nothing in the log says so, but the processes' CPU time does.
    """
    import psutil

    began = time.monotonic()
    server = psutil.Process(workbook.process.pid)
    while time.monotonic() - began < timeout:
        processes = [server, *server.children(recursive=True)]
        before = _cpu_seconds(processes)
        time.sleep(window)
        same = {p.pid for p in processes} == {server.pid} | {
            p.pid for p in server.children(recursive=True)
        }
        if same and _cpu_seconds(processes) - before < 0.1 * window:
            return time.monotonic() - began
    raise RuntimeError(f"the workbook was still busy after {timeout:.0f} s:\n{workbook.log}")


def _parent_pid(process) -> int | None:
    import psutil

    try:
        return process.ppid()
    except psutil.Error:
        return None


def _cmdline(process) -> list[str]:
    import psutil

    try:
        return process.cmdline()
    except psutil.Error:
        return []


def _cpu_seconds(processes) -> float:
    import psutil

    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue  # a kernel that ended meanwhile
        total += times.user + times.system
    return total


def launch_chromium(playwright):
    """Chromium (``CHROMIUM``) headless, through a started Playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def open_app(page, workbook: Workbook, notebook: str, *, timeout: float = APP_TIMEOUT) -> float:
    """Open an app and wait until it has rendered (every selector of :data:`APPS`); seconds."""
    began = time.monotonic()
    page.goto(workbook.url(f"{notebook}.ipynb"), wait_until="commit", timeout=timeout)
    for selector in APPS[notebook]:
        page.locator(selector).first.wait_for(state="visible", timeout=timeout)
    return time.monotonic() - began
