"""The rhythm app in a real browser: a township records its 零报告, the supervisor sees it.

A server of its own that serves the home page and 06_rhythm alone (fewer kernels to
pre-heat), on a copy of the sample with its own store and a fixed day, so the page and
``wagekit summary --json`` count the same records.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from harness import open_app, start_workbook

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2024-01-10"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    root = tmp_path_factory.mktemp("rhythm")
    campaign, notebooks = root / "demo", root / "notebooks"
    shutil.copytree(REPO / "sample_data" / "demo", campaign)
    notebooks.mkdir()
    for name in ("00_home.ipynb", "06_rhythm.ipynb"):  # serve opens on the home page
        shutil.copy(REPO / "notebooks" / name, notebooks)
    with start_workbook(
        campaign, root, WAGEKIT_AS_OF=AS_OF, WAGEKIT_NOTEBOOKS=str(notebooks)
    ) as book:
        yield book


def _summary(workbook) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "wagekit.cli",
            "summary",
            str(workbook.campaign),
            "--json",
            "--as-of",
            AS_OF,
        ],
        env=workbook.env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout)


def _card(page, key: str) -> str:
    return page.locator(f".wk-daily-card-{key} .wagekit-kpi-value").inner_text().strip()


def test_zero_report_recorded_and_seen_by_the_supervisor(workbook, page, screenshot):
    """A township's 零报告 in one click: stored, counted, and gone from the missing list."""
    open_app(page, workbook, "06_rhythm")
    select = page.locator(".wk-daily-township select")
    township = select.locator("option").first.inner_text()
    select.select_option(label=township)
    page.locator(".wk-by input").fill("乡镇报送员")
    page.locator(".wk-daily-zero").click()
    page.locator(".wk-rhythm .wagekit-alert-success").first.wait_for(
        state="visible", timeout=120_000
    )
    page.wait_for_function(
        "t => !document.querySelector('.wk-daily-missing').innerText.includes(t)",
        arg=township,
        timeout=30_000,
    )
    screenshot(page, "app_06_rhythm_zero_report")
    daily = _summary(workbook)["daily_reports"]
    assert daily["reported"] == daily["zero"] == 1 and township not in daily["missing"]
    assert _card(page, "reported").startswith("1")
    assert _card(page, "missing").startswith(str(len(daily["missing"])))
    row = page.locator(".wk-daily-table tr").filter(has_text=township)
    assert "零报告" in row.inner_text() and "乡镇报送员" in row.inner_text()
    assert page.locator(".wagekit-alert-error").count() == 0
