"""A meeting 调度会: twenty people open the workbook within the same minute.

One real ``wagekit serve`` (pre-heated kernels, the sample campaign, a temporary SQLite store,
the day fixed) and one headless Chromium with a browser context per *session* 会话 (one person).
The sessions start spread over ``--spread`` seconds; each opens three apps one after another
and closes each page (as a tab is closed: its unload runs) before opening the next:

- 04_summary, the dashboard: looked at;
- 02_self_inspection: a township chosen in the filter bar, until the table shows it;
- 03_enforcement: one checklist saved with a failed item, under the session's own name, which
  records one inspection and one finding.

The order of the three turns with the session, so the apps are not all opened at once; with
``--same-order`` everyone opens them in the same order, the dashboard first, as when a meeting
starts on the dashboard.

Checked (exit 1 when broken): every session's inspection and finding are stored exactly once,
and no page was an error page (the server-full page, a refused request, an error box, a failed
cell). Reported against the goals of issue 13: total memory of the server and its kernels at
its peak (sum of proportional set sizes, PSS, so shared pages count once), kernels left 60 s
after the last page closed beyond the pre-heated ones, and the 95th percentile of first
render (from opening the page to the app's last part on screen).

The browsers run on the same machine as the server here, which an office's do not: on 2 cores
Chromium's own work (about 2 s of CPU to draw one app page, measured alone) makes every figure
pessimistic. ``--browser-nice 19`` runs them at the lowest priority, so that the server and its
kernels take the cores first, as they would on a machine of their own; the browsers still
share what is left and their drawing still counts in the render times.

With ``--no-browser`` each session is a client that does what a page does with the server and
draws nothing (``tests/browser/page_client.py``): it loads the page, asks the page's kernel for
every widget's state, then asks for the kernel's shutdown. The render time is then the server's
part alone (until the last widget state arrived), as on a machine where the browsers are the
visitors' own; the township filter and the recorded finding are left out (they need a browser).
``--browsers N`` mixes the two: N sessions, spread over the start times, in Chromium and the
others page clients, so the server carries the whole meeting while the renders measured are
those N browsers' — the nearest this one machine comes to a meeting whose browsers are
elsewhere (the N browsers' own drawing still shares the server's cores).

With ``--server URL`` nothing is started here: the sessions' browsers open the apps of a
workbook served on another machine, as in an office where the browsers are the clerks' own
PCs. Start it there on a copy of the sample with the benchmark's day, for instance
``WAGEKIT_AS_OF=2023-12-20 wagekit serve --share --no-browser /tmp/demo`` (a fresh copy of
``sample_data/demo`` and a fresh store, ``WAGEKIT_DB``), and give the address it prints, token
included (any app's address, or the server's root). Only the browsers' side is measured then
(render times, error pages, the browsers' CPU); the server's memory, its kernels and the records
stored are read on its own machine (``wagekit audit``).

    .venv/bin/python benchmarks/bench_meeting.py [--sessions 20] [--spread 60] [--linger 60]
                                                [--browser-nice 0] [--no-browser] [--browsers N]
                                                [--same-order] [--server URL]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
from harness import (  # noqa: E402
    APPS,
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGE_OPTIONS,
    start_workbook,
    wait_until_idle,
)
from page_client import PageClient  # noqa: E402

AS_OF = "2023-12-20"
TIMEOUT = 300_000  # ms: a page that has not rendered after five minutes counts as failed
ROUND = ["04_summary", "02_self_inspection", "03_enforcement"]
GOALS = {"memory_gib": 6.0, "kernels_left": 0, "p95_s": 5.0}
KEEP = ""  # a folder for the pages that failed (--keep)
BROWSER_NICE = 0  # the browsers' scheduling priority (--browser-nice)
BROWSERS: int | None = None  # sessions in Chromium, the rest page clients (None: all)
SAME_ORDER = False  # every session opens the apps in the same order (--same-order)
ERROR_TEXTS = ("工作簿已满", "拒绝访问", "There was an error when executing cell")


@dataclass
class RemoteWorkbook:
    """A workbook served on another machine (``--server``): only its apps' addresses."""

    # As ``wagekit serve --share`` prints it (an app's address with the token), or the
    # server's root: http://host:port/prefix/?token=...
    address: str

    def url(self, notebook: str) -> str:
        """Address of a notebook app, with the server's token when it has one."""
        parts = urllib.parse.urlsplit(self.address)
        base = parts.path.split("voila/render/")[0]
        base = base if base.endswith("/") else base + "/"
        path = f"{base}voila/render/{notebook}"
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.95: the 95th)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


class Usage:
    """Samples every second: the PSS of the server and all its processes (the peak is kept),
    and the CPU seconds of the server's processes and of the browsers' (each process's last
    reading: kernels end during the meeting and nobody collects their times)."""

    def __init__(self, pid: int | None) -> None:
        import psutil

        # No pid: the server runs on another machine (--server), only the browsers are here.
        self.server = psutil.Process(pid) if pid else None
        self.peak = 0
        self._cpu: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def cpu_seconds(self, part: str) -> float:
        """CPU seconds of ``part``: ``server`` (Voila, the kernel template, kernels) or
        ``browsers``."""
        return sum(seconds for owner, seconds in self._cpu.values() if owner == part)

    def _sample(self) -> int:
        import psutil

        total = 0
        server = [self.server, *self.server.children(recursive=True)] if self.server else []
        serving = {process.pid for process in server}
        browsers = [
            process
            for process in psutil.Process().children(recursive=True)
            if process.pid not in serving
        ]
        for part, processes in (("server", server), ("browsers", browsers)):
            for process in processes:
                try:
                    if part == "server":
                        total += process.memory_full_info().pss
                    times = process.cpu_times()
                    self._cpu[process.pid] = (part, times.user + times.system)
                except psutil.Error:
                    continue
        return total

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self.peak = max(self.peak, self._sample())

    def __enter__(self) -> Usage:
        self._sample()
        self._start = dict(self._cpu)
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()
        # CPU spent before the meeting (pre-heating) is not the meeting's.
        for pid, (part, seconds) in self._start.items():
            if pid in self._cpu:
                self._cpu[pid] = (part, self._cpu[pid][1] - seconds)


def _order(session: int) -> list[str]:
    """The apps a session opens, in turn: the round started at a different app per session,
    or the same order for all (``--same-order``: everyone opens the dashboard first)."""
    if SAME_ORDER:
        return list(ROUND)
    return ROUND[session % 3 :] + ROUND[: session % 3]


async def _render(page, workbook, notebook: str) -> float:
    began = time.monotonic()
    response = await page.goto(workbook.url(f"{notebook}.ipynb"), wait_until="commit")
    if response is not None and response.status >= 400:
        raise RuntimeError(f"{notebook}: HTTP {response.status}")
    for selector in APPS[notebook]:
        await page.locator(selector).first.wait_for(state="visible", timeout=TIMEOUT)
    return time.monotonic() - began


async def _filter_township(page, session: int) -> None:
    select = page.locator(".wagekit-filterbar .widget-dropdown").filter(has_text="属地")
    select = select.locator("select")
    options = await select.locator("option").all_inner_texts()
    township = options[1 + session % (len(options) - 1)]
    await select.select_option(label=township)
    await page.wait_for_function(
        """t => {
            const rows = [...document.querySelectorAll('.wk-table-coverage table tbody tr')];
            return rows.length > 0 && rows.every(r => r.cells[0].innerText.trim() === t);
        }""",
        arg=township,
        timeout=TIMEOUT,
    )


async def _record_finding(page, session: int, name: str) -> None:
    # One project per session: the store refuses the same inspection twice within a minute.
    project = f"XM2023-{session + 1:04d}"
    await page.get_by_role("tab", name="现场检查").click()
    form = page.locator(".wk-inspection-form")
    await form.locator("input[placeholder='项目编号或统一社会信用代码']").fill(project)
    await form.get_by_role("textbox", name="检查人员").fill("张伟")
    await form.get_by_role("textbox", name="登记人").fill(name)
    toggles = form.locator(".wk-checklist-item")
    await toggles.first.get_by_role("button", name="不合格").click()
    for index in range(1, await toggles.count()):
        await toggles.nth(index).get_by_role("button", name="合格", exact=True).click()
    await form.locator(".wk-inspection-save").click()
    outcome = form.locator(".wagekit-alert-success, .wagekit-alert-error").first
    await outcome.wait_for(state="visible", timeout=TIMEOUT)
    if "success" not in (await outcome.get_attribute("class") or ""):
        raise RuntimeError(f"03_enforcement: {await outcome.inner_text()}")


async def _check_clean(page, notebook: str) -> None:
    content = await page.content()
    for text in ERROR_TEXTS:
        if text in content:
            raise RuntimeError(f"{notebook}: error page ({text})")
    if await page.locator(".wagekit-alert-error").count():
        message = await page.locator(".wagekit-alert-error").first.inner_text()
        raise RuntimeError(f"{notebook}: {message}")


def _kernel_message(frame: str | bytes) -> str:
    """One kernel socket frame in a few words: its channel, message type, comm method, size.

    Frames are JSON (the legacy protocol) or ``v1.kernel.websocket.jupyter.org`` binary: a
    count of offsets, the offsets, then channel, header, parent header, metadata, content.
    """
    try:
        if isinstance(frame, str):
            message = json.loads(frame)
            channel, header, content = message["channel"], message["header"], message["content"]
        else:
            count = int.from_bytes(frame[:8], "little")
            offsets = [
                int.from_bytes(frame[8 * i : 8 * i + 8], "little") for i in range(1, 1 + count)
            ]
            parts = [frame[a:b] for a, b in itertools.pairwise(offsets)]
            channel = parts[0].decode()
            header, content = json.loads(parts[1]), json.loads(parts[4])
    except (ValueError, KeyError, IndexError, UnicodeDecodeError):
        return f"{len(frame)} bytes"
    words = [channel, header.get("msg_type", "?")]
    if "execution_state" in content:
        words.append(content["execution_state"])
    if isinstance(content.get("data"), dict) and "method" in content["data"]:
        words.append(content["data"]["method"])
    if "comm_id" in content:
        words.append(content["comm_id"][:8])
    return f"{' '.join(words)} ({len(frame)} bytes)"


def _journal(page) -> list[str]:
    """What a page's console said and its kernel socket carried, for a page that failed."""
    began = time.monotonic()
    journal: list[str] = []

    def note(text: str) -> None:
        journal.append(f"{time.monotonic() - began:7.2f}s {text}")

    def on_socket(socket) -> None:
        note(f"socket opened {socket.url}")
        socket.on("framesent", lambda frame: note(f"sent {_kernel_message(frame)}"))
        socket.on("framereceived", lambda frame: note(f"received {_kernel_message(frame)}"))
        socket.on("close", lambda _socket: note("socket closed"))

    page.on("console", lambda message: note(f"console {message.type}: {message.text}"))
    page.on("websocket", on_socket)
    return journal


async def _session(browser, workbook, session: int, delay: float, results: dict) -> None:
    await asyncio.sleep(delay)
    name = f"会议测试{session:02d}"
    order = _order(session)
    context = await browser.new_context(**PAGE_OPTIONS)
    try:
        for notebook in order:
            page = await context.new_page()
            journal = _journal(page) if KEEP else []
            try:
                results["renders"].append(await _render(page, workbook, notebook))
                if notebook == "02_self_inspection":
                    await _filter_township(page, session)
                elif notebook == "03_enforcement":
                    await _record_finding(page, session, name)
                await _check_clean(page, notebook)
            except Exception as error:  # noqa: BLE001 (every failure is reported, none hidden)
                results["errors"].append(f"session {session} {type(error).__name__}: {error}")
                if KEEP:
                    await page.screenshot(path=f"{KEEP}/session{session}-{notebook}.png")
                    Path(f"{KEEP}/session{session}-{notebook}.html").write_text(
                        await page.content(), encoding="utf-8"
                    )
                    Path(f"{KEEP}/session{session}-{notebook}.journal.txt").write_text(
                        "\n".join(journal), encoding="utf-8"
                    )
            finally:
                await page.close(run_before_unload=True)
        # The unload's shutdown request leaves in the background: give it time to go out.
        await asyncio.sleep(2)
    finally:
        await context.close()


async def _client_session(workbook, session: int, delay: float, results: dict) -> None:
    """A session without a browser: the same apps in the same order, opened by a page client."""
    await asyncio.sleep(delay)
    client = PageClient(workbook)
    for notebook in _order(session):
        try:
            visit = await client.open(notebook, timeout=TIMEOUT / 1000)
            results["client_renders"].append(visit.states_s)
            for text in ERROR_TEXTS:
                if text in visit.html:
                    raise RuntimeError(f"{notebook}: error page ({text})")
            await client.close(visit)
        except Exception as error:  # noqa: BLE001 (every failure is reported, none hidden)
            results["errors"].append(f"session {session} {type(error).__name__}: {error}")


def _lower_browser_priority(nice: int) -> None:
    """Give Chromium's processes the priority ``nice``; the pages' processes they start later
    are forked from them and inherit it."""
    import psutil

    if not nice:
        return
    for process in psutil.Process().children(recursive=True):
        try:
            if "chrom" in process.name() or "headless" in process.name():
                process.nice(nice)
        except psutil.Error:
            continue


def browser_sessions(sessions: int, browsers: int | None) -> list[int]:
    """The sessions that run in Chromium (``browsers`` of them, spread over the start times;
    None: all); the others are page clients."""
    if browsers is None or browsers >= sessions:
        return list(range(sessions))
    return sorted({round(i * sessions / browsers) for i in range(browsers)})


async def _meeting(workbook, sessions: int, spread: float) -> dict:
    from playwright.async_api import async_playwright

    results: dict = {"renders": [], "client_renders": [], "errors": []}
    delays = [spread * i / max(sessions - 1, 1) for i in range(sessions)]
    in_browser = set(browser_sessions(sessions, BROWSERS))
    clients = [
        _client_session(workbook, i, delay, results)
        for i, delay in enumerate(delays)
        if i not in in_browser
    ]
    if not in_browser:
        await asyncio.gather(*clients)
        return results
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        _lower_browser_priority(BROWSER_NICE)
        try:
            await asyncio.gather(
                *clients,
                *(
                    _session(browser, workbook, i, delay, results)
                    for i, delay in enumerate(delays)
                    if i in in_browser
                ),
            )
        finally:
            await browser.close()
    return results


def _stored_once(store: Path, sessions: list[int]) -> list[str]:
    """Sessions whose inspection or finding is missing or stored more than once."""
    problems = []
    with sqlite3.connect(store) as db:
        for table in ("inspections", "findings"):
            counts = dict(
                db.execute(f"select created_by, count(*) from {table} group by created_by")
            )
            for session in sessions:
                name = f"会议测试{session:02d}"
                if counts.get(name, 0) != 1:
                    problems.append(f"{table}: {name} stored {counts.get(name, 0)} times")
    return problems


def bench_remote(address: str, sessions: int, spread: float) -> tuple[dict, list[str]]:
    """The meeting's browsers against a workbook served elsewhere (``--server``)."""
    began = time.monotonic()
    with Usage(None) as usage:
        results = asyncio.run(_meeting(RemoteWorkbook(address), sessions, spread))
    figures = {
        "meeting_s": time.monotonic() - began,
        "browsers_cpu_s": usage.cpu_seconds("browsers"),
        **_render_figures(results),
    }
    return figures, list(results["errors"])


def _render_figures(results: dict) -> dict:
    """Pages, p95 and median of the first renders: the browsers' pages when there were any
    (what a clerk sees), else the page clients'; in a mixed meeting the clients' as well."""

    def figures(renders: list[float], prefix: str = "") -> dict:
        return {
            f"{prefix}pages": len(renders),
            f"{prefix}p95_s": percentile(renders, 0.95) if renders else math.nan,
            f"{prefix}median_s": percentile(renders, 0.5) if renders else math.nan,
        }

    browsers, clients = results["renders"], results["client_renders"]
    if browsers and clients:
        return figures(browsers) | figures(clients, "client_")
    return figures(browsers or clients)


def bench(sessions: int, spread: float, linger: float) -> tuple[dict, list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        campaign = Path(tmp) / "demo"
        shutil.copytree(REPO / "sample_data" / "demo", campaign)
        with start_workbook(campaign, tmp, WAGEKIT_AS_OF=AS_OF) as workbook:
            warm = wait_until_idle(workbook, timeout=600)
            pooled = len(workbook.kernel_processes())
            began = time.monotonic()
            with Usage(workbook.process.pid) as usage:
                results = asyncio.run(_meeting(workbook, sessions, spread))
                closed = time.monotonic()
            time.sleep(linger)
            left = len(workbook.kernel_processes())
            if KEEP:
                shutil.copy(workbook.log_path, Path(KEEP) / "serve.log")
            problems = list(results["errors"])
            problems += _stored_once(workbook.store_path, browser_sessions(sessions, BROWSERS))
            figures = {
                "warm_s": warm,
                "meeting_s": closed - began,
                "memory_gib": usage.peak / 2**30,
                "server_cpu_s": usage.cpu_seconds("server"),
                "browsers_cpu_s": usage.cpu_seconds("browsers"),
                "kernels_pooled": pooled,
                "kernels_left": max(0, left - pooled),
                **_render_figures(results),
            }
    return figures, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="people in the meeting")
    parser.add_argument("--spread", type=float, default=60.0, help="seconds over which they start")
    parser.add_argument(
        "--linger", type=float, default=60.0, help="seconds after the last page closed"
    )
    parser.add_argument(
        "--keep",
        default="",
        help="folder for failed pages (screenshot, HTML, console and kernel socket) and the log",
    )
    parser.add_argument(
        "--browser-nice",
        type=int,
        default=0,
        help="scheduling priority of the browsers (19: lowest, the server's cores first)",
    )
    parser.add_argument(
        "--no-browser",
        action="store_true",
        help="page clients that draw nothing: the server's part of each render alone",
    )
    parser.add_argument(
        "--browsers",
        type=int,
        default=None,
        metavar="N",
        help="only N sessions in Chromium, the others page clients: the server under the whole "
        "meeting, the render a clerk sees measured in N browsers",
    )
    parser.add_argument(
        "--same-order",
        action="store_true",
        help="every session opens the apps in the same order, the dashboard first",
    )
    parser.add_argument(
        "--server",
        default="",
        metavar="URL",
        help="address of a workbook served on another machine, as wagekit serve prints it: "
        "only the browsers run here",
    )
    args = parser.parse_args()
    if args.server and (args.no_browser or args.browsers is not None):
        parser.error("--server runs the browsers only; the page clients measure the server here")
    global KEEP, BROWSER_NICE, BROWSERS, SAME_ORDER
    SAME_ORDER = args.same_order
    KEEP = args.keep
    BROWSER_NICE = args.browser_nice
    BROWSERS = 0 if args.no_browser else args.browsers
    if args.server:
        figures, problems = bench_remote(args.server, args.sessions, args.spread)
    else:
        figures, problems = bench(args.sessions, args.spread, args.linger)
    print(f"## A meeting: {args.sessions} sessions starting within {args.spread:.0f} s\n")
    if args.server:
        print(f"Browsers here, the workbook served elsewhere: {_without_token(args.server)}\n")
    if args.browser_nice:
        print(f"The browsers ran at priority nice {args.browser_nice}.\n")
    if SAME_ORDER:
        print("All in the same order, the dashboard first.\n")
    in_browser = len(browser_sessions(args.sessions, BROWSERS))
    print(f"Each opens {', '.join(ROUND)} in turn (closing each page). ", end="")
    if in_browser:
        print(f"{in_browser} of them in Chromium filter and record. ", end="")
    if in_browser < args.sessions:
        print(
            f"{args.sessions - in_browser} of them are page clients that draw nothing (their "
            "render: until the page's last widget state arrived).",
            end="",
        )
    print("\n")
    print("| figure | measured | goal |")
    print("|---|---:|---:|")
    if args.server:
        _print_renders(figures)
        print(f"| CPU of the browsers and driver here (s) | {figures['browsers_cpu_s']:.0f} | — |")
        checked = "No error page (memory, kernels and records: read them on the server)"
    else:
        print(f"| peak memory, server and kernels (PSS, GiB) | {figures['memory_gib']:.2f} | < 6 |")
        print(
            f"| kernels left {args.linger:.0f} s after the pages closed, beyond the "
            f"{figures['kernels_pooled']} pre-heated | {figures['kernels_left']} | 0 |"
        )
        _print_renders(figures)
        print(f"| pre-heating before the meeting (s) | {figures['warm_s']:.0f} | — |")
        print(
            f"| CPU during the meeting: server and kernels / browsers and driver (s) | "
            f"{figures['server_cpu_s']:.0f} / {figures['browsers_cpu_s']:.0f} | — |"
        )
        checked = "Records stored once and no error page" if in_browser else "No error page"
    print(f"\n{checked}: {'yes' if not problems else 'NO'}")
    for problem in problems:
        print(f"- {problem}")
    return 1 if problems else 0


def _without_token(address: str) -> str:
    """``address`` with its token left out, for the printed report."""
    parts = urllib.parse.urlsplit(address)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _print_renders(figures: dict) -> None:
    print(f"| first render, p95 (s, {figures['pages']} pages) | {figures['p95_s']:.2f} | < 5 |")
    print(f"| first render, median (s) | {figures['median_s']:.2f} | — |")
    if "client_pages" in figures:
        print(
            f"| the page clients' p95 / median (s, {figures['client_pages']} pages) | "
            f"{figures['client_p95_s']:.2f} / {figures['client_median_s']:.2f} | — |"
        )
    print(f"| meeting, first start to last page closed (s) | {figures['meeting_s']:.0f} | — |")


if __name__ == "__main__":
    sys.exit(main())
