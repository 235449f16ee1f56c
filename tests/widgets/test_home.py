import dataclasses
import datetime as dt

import pandas as pd
from wagekit.widgets.apps.home import APP_LINKS, HomeApp

from wagekit.config import PHASE_LABELS, Office


def test_status_names_campaign_and_phase_of_the_day(campaign, store):
    """The page names the campaign and the phase the day of the figures falls in."""
    day = dt.date(2023, 12, 15)
    app = HomeApp(campaign, store=store, as_of=day)
    phase = campaign.config.phase_on(day)
    assert app.model.phase == phase
    assert campaign.config.name in app.w_status.value
    assert PHASE_LABELS[phase] in app.w_status.value
    assert "2023年12月15日" in app.w_status.value


def test_as_of_comes_from_environment(monkeypatch, campaign, store):
    """WAGEKIT_AS_OF fixes the day when the app is given none."""
    monkeypatch.setenv("WAGEKIT_AS_OF", "2024-02-20")
    app = HomeApp(campaign, store=store)
    assert app.model.as_of == dt.date(2024, 2, 20)
    assert app.model.phase == "summary"


def test_links_to_every_phase_app(campaign, store):
    """Each phase app is linked relative to the home page."""
    app = HomeApp(campaign, store=store, as_of=dt.date(2023, 11, 5))
    for notebook, title, _text in APP_LINKS:
        assert f"href='./{notebook}'" in app.w_links.value
        assert title in app.w_links.value


def test_rejected_rows_listed_with_file_row_column_reason(campaign, store):
    """The load report shows a rejected row's file, row, column and reason."""
    errors = pd.DataFrame(
        {
            "table": ["workers"],
            "file": ["农民工花名册.csv"],
            "row": [8176],
            "column": ["start_date"],
            "value": ["2023年2月30日"],
            "reason": ["日期不存在：2023年2月30日"],
            "rule": ["impossible_date"],
        }
    )
    app = HomeApp(campaign, store=store, as_of=dt.date(2023, 11, 5))
    app.w_picker.w_report.show(errors)
    shown = app.w_picker.w_report.w_table.w_html.value
    for text in ("农民工花名册.csv", "8,176", "进场日期", "日期不存在：2023年2月30日"):
        assert text in shown


def test_bad_folder_shows_error_and_no_phase(tmp_path, store):
    """A folder that is no campaign leaves the page without a campaign and says why."""
    app = HomeApp(folder=tmp_path, store=store, as_of=dt.date(2023, 11, 5))
    assert app.model.campaign is None and app.model.phase == ""
    assert app.w_picker.w_alert.kind == "error"
    assert "尚未读取" in app.w_status.value


def test_headline_and_next_steps_are_the_summary_figures(campaign, store):
    """Days to 两清零, open overdue cases apart from closed late, and what to do next."""
    from wagekit.summary import summarize

    day = dt.date(2023, 12, 20)
    app = HomeApp(campaign, store=store, as_of=day)
    cases = summarize(campaign, as_of=day)["cases"]
    shown = app.w_status.value
    assert f"超期未办结案件 <b>{cases['overdue_open']}</b> 起" in shown
    assert f"超期办结 {cases['closed_late']} 起" in shown
    left = cases["two_zero"]["government_days_left"]
    assert f"<b>{abs(left)}</b> 天" in shown
    assert f"{cases['overdue_open']} 起案件超期未办结" in app.w_next.value
    assert "href='./03_enforcement.ipynb'" in app.w_next.value


def test_the_office_that_signs_the_documents_is_shown_or_said_to_be_missing(campaign, store):
    """The sample's [office] is named with its 文号 prefix; a campaign without one is told
    where to declare it."""
    app = HomeApp(campaign, store=store, as_of=dt.date(2023, 12, 15))
    assert "文书落款：<b>示例县人力资源和社会保障局</b>" in app.w_phases.value
    assert "示人社监〔年份〕第N号" in app.w_phases.value
    silent = dataclasses.replace(
        campaign, config=dataclasses.replace(campaign.config, office=Office())
    )
    app = HomeApp(silent, store=store, as_of=dt.date(2023, 12, 15))
    assert "文书落款：<b>未设置</b>" in app.w_phases.value and "[office]" in app.w_phases.value
