"""Every file the apps produce, received by a real browser as a download and opened.

``wagekit serve`` on a copy of the sample, with a store holding an order to pay and a daily
report, and a fixed day (``WAGEKIT_AS_OF``). In 04_summary one click on each button of the
export panel (下载上报材料) must make the browser save the file — Playwright's download event —
and each file, opened with openpyxl, python-docx or zipfile, holds the figures of
``wagekit summary --json`` for the same day and store. In 03_enforcement the order list prints
the order as a numbered document. A second server under ``--base-url /gzqx/`` (behind a
reverse proxy) delivers a ledger too. No request leaves localhost, and no file holds a full ID
number. Only the apps tested are served (copies of the repository's notebooks), so the server
pre-heats no kernel for the others.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from harness import Workbook, open_app, start_workbook

from wagekit.load import load_table
from wagekit.outputs.formats import wan_yuan
from wagekit.schema import TABLE_ORDER, TABLES

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2024-01-15"
PROJECT = "XM2023-0114"  # the sample's largest serious-tier project
APPS_SERVED = ("00_home", "03_enforcement", "04_summary")
# ms: the longest report is drawn with charts by a kernel on a busy 2-core machine
DOWNLOAD_TIMEOUT = 180_000
FULL_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
KEYS = ("project-ledger", "case-ledger", "final", "weekly", "daily", "templates")


def _served_copy(root: Path, notebooks: tuple[str, ...]) -> tuple[Path, Path]:
    """A copy of the sample campaign and a folder with copies of the apps served."""
    campaign = root / "demo"
    shutil.copytree(REPO / "sample_data" / "demo", campaign)
    folder = root / "notebooks"
    folder.mkdir()
    for name in notebooks:
        shutil.copy(REPO / "notebooks" / f"{name}.ipynb", folder)
    return campaign, folder


def wagekit(workbook: Workbook, *args: str) -> subprocess.CompletedProcess:
    """Run the wagekit command against the server's store."""
    return subprocess.run(
        [sys.executable, "-m", "wagekit.cli", *args],
        env=workbook.env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """The server, its store holding an order to pay and a township's daily report."""
    root = tmp_path_factory.mktemp("downloads")
    campaign, notebooks = _served_copy(root, APPS_SERVED)
    with start_workbook(
        campaign, root, WAGEKIT_AS_OF=AS_OF, WAGEKIT_NOTEBOOKS=str(notebooks)
    ) as book:
        folder = str(campaign)
        order = "--kind 限期整改指令书 --issued 2024-01-05 --deadline 2024-01-20 --by 浏览器测试"
        wagekit(book, "order", folder, PROJECT, *order.split())
        township = load_table(next(campaign.glob("projects.*")), "projects").frame["township"]
        report = f"--township {township.iloc[0]} --date {AS_OF} --incidents 1 --by 浏览器测试"
        wagekit(book, "daily", folder, *report.split())
        yield book


@pytest.fixture(scope="module")
def summary(workbook) -> dict:
    done = wagekit(workbook, "summary", str(workbook.campaign), "--as-of", AS_OF, "--json")
    return json.loads(done.stdout)


def receive(page, scope: str, folder: Path, target: str = ".wk-download-button") -> Path:
    """Click ``target`` inside ``scope`` once; the browser's download, saved into ``folder``."""
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT) as info:
        page.locator(f"{scope} {target}").click()
    download = info.value
    assert download.failure() is None, download.failure()
    path = folder / download.suggested_filename
    download.save_as(path)
    return path


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def xml_text(path: Path) -> str:
    """Every XML part of an .xlsx, .docx or .zip of them, as one text."""
    parts = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith((".xlsx", ".docx")):
                nested = path.with_name(f"nested-{Path(name).name}")
                nested.write_bytes(data)
                parts.append(xml_text(nested))
            elif name.endswith((".xml", ".rels")):
                parts.append(data.decode("utf-8"))
    return "\n".join(parts)


def ledger_total(path: Path) -> tuple[list, list, list, int]:
    """The 合计 row of a ledger, its two header rows, and how many data rows it has."""
    sheet = openpyxl.load_workbook(path).active
    total = [c.value for c in sheet[sheet.max_row]]
    upper = [c.value or "" for c in sheet[3]]
    header = [c.value or "" for c in sheet[4]]
    # title, 填报单位 and day, two header rows, then the data, then 合计
    return total, upper, header, sheet.max_row - 5


def test_summary_app_downloads_every_file_with_the_summarys_figures(
    workbook, summary, page, tmp_path
):
    """One click per button saves the file; each opens and says what the summary says."""
    open_app(page, workbook, "04_summary")
    files = {key: receive(page, f".wk-download-{key}", tmp_path) for key in KEYS}
    assert {key: path.name for key, path in files.items()} == {
        "project-ledger": "在建工程项目工资支付检查台账.xlsx",
        "case-ledger": "欠薪处置台账.xlsx",
        "final": f"工作总结_{AS_OF}.docx",
        "weekly": f"周报_{AS_OF}.docx",
        "daily": f"零报告日报_{AS_OF}.docx",
        "templates": "填报模板.zip",
    }

    total, _upper, _header, rows = ledger_total(files["project-ledger"])
    assert total[0] == "合计" and rows == summary["projects"]["total"]

    cases = summary["cases"]
    total, upper, header, rows = ledger_total(files["case-ledger"])
    assert total[0] == "合计" and total[2] == f"共{cases['received']}起"
    assert rows == cases["received"]
    assert total[upper.index("追回金额（元）")] == pytest.approx(
        cases["amount_recovered"], abs=0.01
    )
    assert total[header.index("人数")] == cases["workers_involved"]

    final = docx_text(files["final"])
    assert f"受理欠薪线索{cases['received']}起，办结{cases['closed']}起" in final
    assert f"欠薪金额{wan_yuan(summary['arrears']['amount'])}" in final
    week = summary["week"]
    weekly = docx_text(files["weekly"])
    assert f"本周受理欠薪线索{week['received']}起（上周{week['previous']['received']}起）" in weekly
    daily = summary["daily_reports"]
    assert daily["reported"] == 1
    text = docx_text(files["daily"])
    assert f"应报属地{daily['townships']}个，已报{daily['reported']}个" in text
    assert f"当日报告突发事件{daily['incidents']}起" in text

    with zipfile.ZipFile(files["templates"]) as archive:
        assert archive.namelist() == [f"{TABLES[t].title}.xlsx" for t in TABLE_ORDER]
        for name in TABLE_ORDER:
            book = openpyxl.load_workbook(io.BytesIO(archive.read(f"{TABLES[name].title}.xlsx")))
            headers = [c.value for c in book[TABLES[name].title][1]]
            assert headers == [c.header for c in TABLES[name].columns]

    for path in files.values():
        assert not FULL_ID.search(xml_text(path)), path.name
    assert page.external_requests == []


def test_the_link_left_on_screen_saves_the_same_file_again(workbook, page, tmp_path):
    """After the click the link stays; clicking it saves the same bytes (no second generation)."""
    open_app(page, workbook, "04_summary")
    first = receive(page, ".wk-download-case-ledger", tmp_path / "first")
    again = receive(page, ".wk-download-case-ledger", tmp_path / "again", "a.wk-download-link")
    assert again.read_bytes() == first.read_bytes()
    assert page.external_requests == []


def test_order_list_prints_the_order_numbered(workbook, page, tmp_path):
    """In 03_enforcement 打印文书 saves the order as a .docx with the 文号 now stored with it."""
    open_app(page, workbook, "03_enforcement")
    page.get_by_role("tab", name="文书履行").click()
    listing = page.locator(".wk-order-list")
    picker = listing.locator(".widget-dropdown").filter(has_text="选择文书").locator("select")
    picker.locator("option", has_text=PROJECT).first.wait_for(state="attached", timeout=60_000)
    label = picker.locator("option", has_text=PROJECT).first.inner_text()
    picker.select_option(label=label)
    listing.locator(".widget-text").filter(has_text="登记人").locator("input").fill("浏览器测试")
    path = receive(page, ".wk-download-order-document", tmp_path)
    order_id = int(label.split("·")[0])
    with sqlite3.connect(workbook.store_path) as db:
        number = db.execute("select number from orders where id = ?", (order_id,)).fetchone()[0]
    assert number == "〔2024〕第1号"
    text = docx_text(path)
    assert "劳动保障监察限期整改指令书" in text and number in text and "2024年1月20日" in text
    assert path.name == f"限期整改指令书{number}_{PROJECT}.docx"
    listing.locator(".wk-order-current").filter(has_text=number).wait_for(timeout=30_000)
    assert not FULL_ID.search(xml_text(path))
    assert page.external_requests == []


def test_download_behind_a_reverse_proxy_prefix(serve_workbook, page, tmp_path):
    """Served under /gzqx/: the ledger still arrives, and every request stays under /gzqx/."""
    campaign, notebooks = _served_copy(tmp_path, ("00_home", "04_summary"))
    book = serve_workbook(
        campaign, base_url="/gzqx/", WAGEKIT_AS_OF=AS_OF, WAGEKIT_NOTEBOOKS=str(notebooks)
    )
    outside = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if f"localhost:{book.port}/gzqx/" not in r.url
            and not r.url.startswith(("data:", "blob:"))
            else None
        ),
    )
    open_app(page, book, "04_summary")
    summary = json.loads(wagekit(book, "summary", str(campaign), "--as-of", AS_OF, "--json").stdout)
    path = receive(page, ".wk-download-case-ledger", tmp_path)
    total, _upper, _header, rows = ledger_total(path)
    assert (
        total[2] == f"共{summary['cases']['received']}起" and rows == summary["cases"]["received"]
    )
    assert outside == []
    assert page.external_requests == []
