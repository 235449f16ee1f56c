import asyncio
import datetime as dt

import pytest
from wagekit.widgets.apps.publicity import PublicityApp, all_weeks

from wagekit.checks.publicity import (
    expected_townships,
    publicity_counts,
    townships_without_activity,
)
from wagekit.summary import summarize

DAY = dt.date(2023, 12, 15)


@pytest.fixture
def app(campaign, store):
    return PublicityApp(campaign, store=store, as_of=DAY, by="测试员")


def _silent(campaign):
    expected = expected_townships(campaign.get("projects"), campaign.get("employers"))
    return townships_without_activity(campaign.get("publicity"), expected, as_of=DAY)["subject_id"]


def test_cards_are_the_summary_figures_with_each_unit_apart(app, campaign):
    """Events and participants are the summary's; each quantity is shown in its own unit."""
    publicity = summarize(campaign, as_of=DAY)["publicity"]
    assert app.w_cards["events"].figure == publicity["events"]
    assert app.w_cards["participants"].figure == publicity["participants"]
    leaflets = publicity["by_activity"]["发放宣传资料"]["quantity"]
    sms = publicity["by_activity"]["宣传短信"]["quantity"]
    assert f"发放宣传资料 <b>{leaflets:,}</b> 份" in app.w_quantities.value
    assert f"宣传短信 <b>{sms:,}</b> 条" in app.w_quantities.value
    assert "份/场/条" not in app.w_quantities.value
    assert app.w_alert.kind == ""


def test_silent_townships_are_highlighted(app, campaign):
    """Every township with no activity is named in the red box and flagged in the table."""
    silent = _silent(campaign)
    assert len(silent) > 0
    assert app.w_cards["silent"].figure == len(silent)
    for township in silent:
        assert township in app.w_silent.value
    table = app.w_table_township.data
    assert set(table.loc[table["silent"] == "是", "township"]) == set(silent)


def test_township_filter_narrows_the_tables(app, campaign):
    """Choosing a township in the filter bar leaves only that township's counts."""
    township = campaign.get("publicity")["township"].dropna().iloc[0]
    bar = app.w_filters.children[0]
    bar.dropdowns["township"].value = township
    assert app.model.filter.township == township
    assert app.w_table_township.data["township"].tolist() == [township]
    rows = campaign.get("publicity")
    expected = publicity_counts(rows[rows["township"] == township], "activity", as_of=DAY)
    assert app.w_table_activity.data["events"].sum() == expected["events"].sum()


def test_logged_event_is_stored_and_counted(app, campaign, store):
    """The log form writes the activity to the store, and the counts include it at once."""
    township = _silent(campaign).iloc[0]
    before = app.w_cards["events"].figure
    app.w_date.value = DAY
    app.w_township.value = township
    app.w_unit.value = "县人社局"
    app.w_activity.value = "现场咨询"
    app.w_quantity.value = 3
    app.w_participants.value = 40
    app.w_log.click()
    logged = store.records(campaign, "publicity_events")
    assert len(logged) == 1 and logged["township"].iloc[0] == township
    assert logged["updated_by"].iloc[0] == "测试员"
    assert app.w_cards["events"].figure == before + 1
    assert township not in set(app.w_table_township.data.query("silent == '是'")["township"])
    assert app.w_form_alert.kind == "success"


def test_log_without_township_is_refused_on_screen(app, campaign, store):
    """A form without a township shows an error and writes nothing."""
    app.w_township.value = ""
    app.w_log.click()
    assert app.w_form_alert.kind == "error" and "请填写属地" in app.w_form_alert.message
    assert "技术细节" not in app.w_form_alert.value  # a refusal, not a traceback
    assert store.records(campaign, "publicity_events").empty


def test_form_clears_after_saving_and_refuses_the_same_event_twice(app, campaign, store):
    """After saving the form is empty again; the same event sent twice is refused, in Chinese."""

    def fill():
        app.w_township.value = _silent(campaign).iloc[0]
        app.w_unit.value = "县人社局"
        app.w_activity.value = "现场咨询"
        app.w_quantity.value = 2

    fill()
    app.w_log.click()
    assert app.w_form_alert.kind == "success"
    assert app.w_township.value == "" and app.w_unit.value == "" and app.w_date.value == DAY
    fill()
    app.w_log.click()
    assert app.w_form_alert.kind == "error" and "一分钟内已登记过" in app.w_form_alert.message
    assert len(store.records(campaign, "publicity_events")) == 1


def test_own_entries_can_be_corrected_and_withdrawn(app, campaign, store):
    """The recorder's events are listed; a correction and a withdrawal move the figures."""
    app.w_township.value = _silent(campaign).iloc[0]
    app.w_unit.value = "县人社局"
    app.w_log.click()
    mine = app.w_mine
    assert len(mine.w_table.data) == 1
    before = app.w_cards["events"].figure
    mine.w_pick.value = int(mine.w_table.data["id"].iloc[0])
    mine.w_fields["quantity"].value = "5"
    mine.w_correct.click()
    assert mine.w_alert.kind == "success", mine.w_alert.message
    assert store.records(campaign, "publicity_events")["quantity"].tolist() == [5]
    mine.w_pick.value = int(mine.w_table.data["id"].iloc[0])
    mine.w_withdraw.click()
    assert store.records(campaign, "publicity_events").empty
    assert app.w_cards["events"].figure == before - 1
    actions = set(store.audit(campaign)["action"])
    assert {"insert", "update", "delete"} <= actions


def test_a_correction_to_an_unknown_township_is_refused(app, campaign, store):
    """我的登记 is no way round the ledgers: an event moved to a township no ledger names is
    refused as a new one would be, and the stored event keeps its township."""
    township = _silent(campaign).iloc[0]
    app.w_township.value = township
    app.w_unit.value = "县人社局"
    app.w_log.click()
    mine = app.w_mine
    mine.w_pick.value = int(mine.w_table.data["id"].iloc[0])
    mine.w_fields["township"].value = "不存在镇"
    mine.w_correct.click()
    assert mine.w_alert.kind == "error" and "不在台账所列属地中" in mine.w_alert.message
    stored = store.records(campaign, "publicity_events")
    assert stored["township"].tolist() == [township] and stored["version"].tolist() == [1]


def test_nothing_written_to_stderr(campaign, store, capfd):
    """Building the app and drawing its charts writes nothing to stderr (Voila's red boxes)."""
    PublicityApp(campaign, store=store, as_of=DAY, by="测试员")
    assert capfd.readouterr().err == ""


def test_the_charts_follow_the_township_filter(app, campaign):
    """After choosing a township the township chart has its one bar and the others its counts."""
    township = campaign.get("publicity")["township"].dropna().iloc[0]
    app.w_filters.children[0].dropdowns["township"].value = township
    labels = app.w_chart_township.figure.axes[0].get_yticklabels()
    assert [label.get_text() for label in labels] == [township]
    rows = campaign.get("publicity")
    counts = all_weeks(publicity_counts(rows[rows["township"] == township], "week", as_of=DAY))
    bars = app.w_chart_week.figure.axes[0].patches
    assert [int(bar.get_height()) for bar in bars] == counts["events"].tolist()


def test_the_tables_are_sent_before_the_charts_are_drawn(app, campaign):
    """A filter change updates the tables first: the browser shows them while charts draw."""
    sent = []
    app.w_table_township.w_html.observe(lambda _c: sent.append("table"), names="value")
    for panel in (app.w_chart_township, app.w_chart_activity, app.w_chart_week):
        panel.w_image.observe(lambda _c: sent.append("chart"), names="value")
    township = campaign.get("publicity")["township"].dropna().iloc[0]
    app.w_filters.children[0].dropdowns["township"].value = township
    assert sent[0] == "table" and sent.count("chart") == 3


def test_in_a_kernel_the_charts_end_on_the_last_township_chosen(app, campaign):
    """Two townships chosen in quick succession: the charts show the second, all three."""
    first, second = campaign.get("publicity")["township"].dropna().unique()[:2]
    dropdown = app.w_filters.children[0].dropdowns["township"]
    week = app.w_chart_week

    async def choose_twice():
        drawn = week.figure
        dropdown.value = first
        dropdown.value = second
        assert app.w_table_township.data["township"].tolist() == [second]
        while week.figure is drawn:
            await asyncio.sleep(0.01)

    asyncio.run(asyncio.wait_for(choose_twice(), 60))
    labels = app.w_chart_township.figure.axes[0].get_yticklabels()
    assert [label.get_text() for label in labels] == [second]
    rows = campaign.get("publicity")
    counts = all_weeks(publicity_counts(rows[rows["township"] == second], "week", as_of=DAY))
    assert [int(bar.get_height()) for bar in week.figure.axes[0].patches] == (
        counts["events"].tolist()
    )
    assert app.w_alert.kind == ""


def test_activity_chart_counts_events_and_labels_quantity_in_its_unit(app, campaign):
    """Bars compare activities by count; each carries its quantity in its own unit (条, 份…)."""
    counts = publicity_counts(campaign.get("publicity"), "activity", as_of=DAY)
    ax = app.w_chart_activity.figure.axes[0]
    shown = {
        label.get_text(): int(bar.get_width())
        for label, bar in zip(ax.get_yticklabels(), ax.patches, strict=True)
    }
    assert shown == dict(zip(counts["activity"], counts["events"], strict=True))
    sms = counts.set_index("activity").loc["宣传短信", "quantity"]
    assert f"{sms:,}条" in [text.get_text() for text in ax.texts]


def test_weekly_counts_show_empty_weeks_as_zero():
    """A week without any event is a zero bar between its neighbours, not skipped."""
    import pandas as pd

    weeks = pd.DataFrame({"week": ["2023-W51", "2024-W03"], "events": [2, 1]})
    filled = all_weeks(weeks)
    assert filled["week"].tolist() == ["2023-W51", "2023-W52", "2024-W01", "2024-W02", "2024-W03"]
    assert filled["events"].tolist() == [2, 0, 0, 0, 1]
