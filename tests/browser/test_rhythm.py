"""The rhythm app in a real browser: a township records its 零报告, the supervisor sees it;
the weekly 调度 (this week against the last), the 两清零 countdown, the escalation ladder, the
risk baseline (风险底数) and the township scores (属地评分), each figure checked against
``wagekit summary --json`` or the store.

A server of its own that serves the home page and 06_rhythm alone (fewer kernels to
pre-heat), on a copy of the sample with its own store and a fixed day, so the page and
``wagekit summary --json`` count the same records.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from harness import open_app, start_workbook
from playwright.sync_api import expect
from wagekit.widgets.components.kpi import format_number

from wagekit.escalation import next_kind
from wagekit.labels import TIER_LABELS, TWO_ZERO_LABELS
from wagekit.store import Store

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2024-01-10"
WAIT = 120_000  # ms: the whole suite may be running beside these tests on two cores
RED = "rgb(201, 48, 44)"


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


def _tab(page, title: str) -> None:
    page.get_by_role("tab", name=title).click()


def test_weekly_meeting_shows_this_week_against_the_last(workbook, page, screenshot):
    """The 周调度 cards and their 较上周 deltas are the summary's ``week``."""
    week = _summary(workbook)["week"]
    open_app(page, workbook, "06_rhythm")
    _tab(page, "周调度")
    heading = page.get_by_text(f"本周（{week['from']} 至 {week['to']}）与上周对比")
    heading.wait_for(state="visible", timeout=WAIT)
    screenshot(page, "app_06_rhythm_weekly")
    for key in ("received", "closed", "amount_recovered"):
        now, before = week[key], week["previous"][key]
        card = page.locator(f".wk-week-{key}")
        assert card.locator(".wagekit-kpi-value").inner_text().startswith(format_number(now))
        arrow = "▲" if now > before else "▼" if now < before else "—"
        delta = card.locator(".wagekit-kpi-delta").inner_text()
        assert delta.startswith("较上周") and f"{arrow} {format_number(abs(now - before))}" in delta
    assert page.locator(".wk-serious-table table").first.is_visible()
    assert page.locator(".wagekit-alert-error").count() == 0


def test_two_zero_countdown_turns_red_once_a_deadline_passed_with_cases_open(
    workbook, page, screenshot
):
    """Days left to each 两清零 deadline; the government one has passed with cases open: red."""
    cases = _summary(workbook)["cases"]
    two_zero = cases["two_zero"]
    # The sample's day lies after the government deadline (31 December) with cases open.
    assert two_zero["government_days_left"] < 0 and two_zero["government_open"] > 0
    open_app(page, workbook, "06_rhythm")
    _tab(page, "两清零倒计时")
    page.locator(".wk-two-zero").first.wait_for(state="visible", timeout=WAIT)
    screenshot(page, "app_06_rhythm_countdown")
    for klass, label in TWO_ZERO_LABELS.items():
        left, still_open = two_zero[f"{klass}_days_left"], two_zero[f"{klass}_open"]
        box = page.locator(".wk-two-zero").filter(has_text=label)
        text = box.inner_text()
        assert f"时限 {two_zero[f'{klass}_deadline']}" in text
        assert (f"已过期 {-left} 天" if left < 0 else f"剩余 {left} 天") in text
        assert f"未办结：{still_open} 起" in text
        missed = left < 0 and still_open > 0
        assert ("wk-missed" in box.get_attribute("class")) is missed
        border = box.evaluate("e => getComputedStyle(e).borderTopColor")
        assert (border == RED) is missed
    for key in ("overdue_open", "closed_late"):
        value = page.locator(f".wk-{key.replace('_', '-')} .wagekit-kpi-value").inner_text()
        assert value.startswith(format_number(cases[key]))
    assert page.locator(".wagekit-alert-error").count() == 0


def test_township_scores_say_high_is_good_with_rank_one_first(workbook, page, screenshot):
    """The scores table says 得分 high is good; rank 1 (the best, highest total) comes first."""
    open_app(page, workbook, "06_rhythm")
    _tab(page, "属地评分")
    table = page.locator(".wk-scores-table table")
    table.wait_for(state="visible", timeout=WAIT)
    screenshot(page, "app_06_rhythm_scores")
    assert "得分越高越好，名次1为最好" in page.locator(".wk-scores-text").inner_text()
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert headers[0] == "名次（1为最好）" and "越高越好" in headers[-1]
    rows = [
        [c.strip() for c in row.locator("td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]
    assert len(rows) > 1
    ranks = [int(row[0]) for row in rows]
    totals = [float(row[-1].replace(",", "")) for row in rows]
    assert ranks[0] == 1 and ranks == sorted(ranks)
    assert totals == sorted(totals, reverse=True)
    assert page.locator(".wagekit-alert-error").count() == 0


def _campaign_key(workbook) -> tuple[str, str]:
    config = tomllib.loads((workbook.campaign / "campaign.toml").read_text(encoding="utf-8"))
    return config["name"], config["region"]


def test_escalation_records_the_next_order_in_one_click(workbook, page, screenshot):
    """One click records the next order of the ladder; the list moves the subject a step on."""
    open_app(page, workbook, "06_rhythm")
    _tab(page, "升级处置")
    select = page.locator(".wk-escalation-subject select")
    select.locator("option").first.wait_for(state="attached", timeout=WAIT)
    # An option reads "<编号> <名称> → 下一步：<文书>" (the widget's spaces are no-break spaces).
    label = select.locator("option:checked").inner_text()
    subject, kind = re.split(r"\s", label)[0], label.split("下一步：")[1].strip()
    page.locator(".wk-by input").fill("治欠办")
    page.locator(".wk-escalation-record").click()
    page.locator(".wk-rhythm .wagekit-alert-success").first.wait_for(state="visible", timeout=WAIT)
    with Store.open(workbook.env["WAGEKIT_DB"]) as store:
        orders = store.records(_campaign_key(workbook), "orders")
    ours = orders[(orders["subject_id"] == subject) & (orders["kind"] == kind)]
    assert len(ours) == 1 and ours.iloc[0]["issued"].strftime("%Y-%m-%d") == AS_OF
    after = next_kind(kind)
    row = page.locator(".wk-escalation-table tbody tr").filter(
        has=page.locator("td", has_text=re.compile(f"^{re.escape(subject)}$"))
    )
    expect(row).to_have_count(1, timeout=WAIT)
    option = select.locator("option").filter(has_text=re.compile(f"^{re.escape(subject)}\\s"))
    if after is None:
        expect(option).to_have_count(0, timeout=WAIT)
    else:
        expect(row).to_contain_text(after, timeout=WAIT)
        expect(option).to_contain_text(f"下一步：{after}", timeout=WAIT)
    screenshot(page, "app_06_rhythm_escalation")
    assert page.locator(".wagekit-alert-error").count() == 0


def test_baseline_recorded_from_the_app_is_the_summary_baseline(workbook, page, screenshot):
    """登记风险底数 in one click: ``wagekit summary --json`` risk.baseline is what is shown."""
    open_app(page, workbook, "06_rhythm")
    _tab(page, "底数与销号")
    page.locator(".wk-by input").fill("治欠办")
    page.locator(".wk-baseline-record").click()
    page.locator(".wk-rhythm .wagekit-alert-success").first.wait_for(state="visible", timeout=WAIT)
    text = page.locator(".wk-baseline-text")
    expect(text).to_contain_text(f"风险底数（{AS_OF}）", timeout=WAIT)
    screenshot(page, "app_06_rhythm_baseline")
    risk = _summary(workbook)["risk"]
    baseline = risk["baseline"]
    assert baseline is not None and str(baseline["as_of"]) == AS_OF
    shown = text.inner_text()
    for tier, label in TIER_LABELS.items():
        # Recorded on the figures' day, the baseline is the tiers of that day.
        assert baseline[tier] == risk[tier]
        assert f"{label}{baseline[tier]}个" in shown
    assert f"无欠薪比例{baseline['no_arrears_rate']:.1%}" in shown
    assert page.locator(".wagekit-alert-error").count() == 0
