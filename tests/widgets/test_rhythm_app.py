"""The rhythm app: every figure on screen is the summary's for the same store and day."""

import datetime as dt

import pytest
from wagekit.widgets.apps.rhythm import TAB_TITLES, RhythmApp

from wagekit.assessment import assess
from wagekit.checklist import CHECKLIST
from wagekit.escalation import escalation_list
from wagekit.recorded import recorded_campaign
from wagekit.summary import figures

DAY = dt.date(2024, 1, 10)


@pytest.fixture
def app(campaign, store):
    return RhythmApp(campaign, store=store, as_of=DAY, by="测试员")


def _summary(campaign, store):
    """What `wagekit summary --json --as-of DAY` prints with this store."""
    return figures(assess(recorded_campaign(campaign, store), as_of=DAY))


def test_tabs_follow_the_campaign_rhythm(app):
    """Six tabs, in the order of the day, and no error on opening."""
    assert app.w_tabs.titles == TAB_TITLES
    assert app.w_alert.kind == ""


def test_zero_report_in_one_click_is_seen_by_the_supervisor(app, campaign, store):
    """A township's 零报告 is stored, and the day's cards are the summary's daily_reports."""
    township = app.w_daily_township.options[0]
    app.w_daily_township.value = township
    app.w_daily_zero.click()
    assert app.w_daily_alert.kind == "success", app.w_daily_alert.message
    daily = _summary(campaign, store)["daily_reports"]
    cards = {key: card.figure for key, card in app.w_daily_cards.items()}
    assert cards == {
        "townships": daily["townships"],
        "reported": daily["reported"],
        "zero": daily["zero"],
        "incidents": daily["incidents"],
        "missing": len(daily["missing"]),
    }
    assert daily["reported"] == 1 and township not in app.w_daily_missing.value
    assert all(name in app.w_daily_missing.value for name in daily["missing"])
    row = app.w_daily_table.data.set_index("township").loc[township]
    assert row["status"] == "零报告" and row["reported_by"] == "测试员"


def test_report_with_incidents_counts_them(app, campaign, store):
    """A report of 2 incidents is no 零报告, and the incidents card shows 2."""
    app.w_daily_township.value = app.w_daily_township.options[1]
    app.w_daily_incidents.value = 2
    app.w_daily_new_cases.value = 1
    app.w_daily_report.click()
    daily = _summary(campaign, store)["daily_reports"]
    assert app.w_daily_cards["incidents"].figure == daily["incidents"] == 2
    assert app.w_daily_cards["zero"].figure == daily["zero"] == 0
    assert app.w_daily_incidents.value == 0  # the form is cleared after saving


def test_report_without_a_name_is_refused_on_screen(app, store, campaign):
    """No 登记人: a Chinese message, nothing stored."""
    app.w_daily_township.value = app.w_daily_township.options[0]
    app.w_by.value = ""
    app.w_daily_zero.click()
    assert app.w_daily_alert.kind == "error" and "登记人" in app.w_daily_alert.message
    assert store.records(campaign, "daily_reports").empty


def test_week_cards_are_the_summary_week(app, campaign, store):
    """This week's cards, and their change against last week, are the summary's week."""
    week = _summary(campaign, store)["week"]
    for key, card in app.w_week_cards.items():
        assert card.figure == week[key]
        assert card.delta == pytest.approx(week[key] - week["previous"][key])
    table = app.w_week_table.data.set_index("figure")
    assert table.loc["受理线索（起）", "last_week"] == week["previous"]["received"]
    assert len(app.w_serious_table.data) == _summary(campaign, store)["risk"]["serious"]


def test_weekly_report_downloads(app):
    """The weekly report is offered as a Word file in the browser."""
    app.w_weekly_download.w_button.click()
    assert app.w_weekly_download.file.name == f"周报_{DAY}.docx"
    assert "wk-download-link" in app.w_weekly_download.w_link.value


def test_countdown_is_red_once_a_deadline_passed_with_cases_open(app, campaign, store):
    """On 10 January the government deadline (31 December) is 10 days past with cases open."""
    two_zero = _summary(campaign, store)["cases"]["two_zero"]
    assert two_zero["government_days_left"] == -10 and two_zero["government_open"] > 0
    shown = app.w_countdown.value
    assert "已过期 10 天" in shown and "wk-missed" in shown
    assert f"未办结：{two_zero['government_open']} 起" in shown
    assert f"剩余 {two_zero['others_days_left']} 天" in shown


def test_overdue_open_and_closed_late_shown_apart(app, campaign, store):
    """超期未办结 and 超期办结 are two cards, each the summary's figure."""
    cases = _summary(campaign, store)["cases"]
    assert app.w_overdue_cards["overdue_open"].figure == cases["overdue_open"]
    assert app.w_overdue_cards["closed_late"].figure == cases["closed_late"]


def test_escalation_next_order_recorded_in_one_click(app, campaign, store):
    """The first subject's next order is recorded; its step moves up the ladder."""
    escalation = _summary(campaign, store)["escalation"]
    table = app.w_esc_table.data
    assert table["criminal"].sum() == escalation["criminal_threshold_met"]
    assert app.w_esc_cards["order_ignored"].figure == escalation["order_ignored"]
    subject = app.w_esc_subject.value
    app.w_esc_record.click()
    assert app.w_esc_alert.kind == "success", app.w_esc_alert.message
    orders = store.records(campaign, "orders")
    assert orders["subject_id"].tolist() == [subject]
    assert orders["kind"].tolist() == ["约谈询问笔录"]
    row = app.w_esc_table.data.set_index("subject_id").loc[subject]
    assert (row["step"], row["next_kind"]) == ("约谈询问笔录", "限期整改指令书")


def test_ignored_order_reaches_the_summary_and_the_screen(app, campaign, store):
    """An order to pay past its deadline makes the subject ignored on screen and in summary."""
    subject = escalation_list(app.model.assessment)["subject_id"].iloc[0]
    store.add(
        campaign,
        "orders",
        {
            "subject_id": subject,
            "kind": "限期整改指令书",
            "issued": dt.date(2023, 12, 20),
            "deadline": dt.date(2024, 1, 5),
        },
        by="测试员",
    )
    app.w_refresh.click()
    escalation = _summary(campaign, store)["escalation"]
    assert escalation["order_ignored"] >= 1
    assert app.w_esc_cards["order_ignored"].figure == escalation["order_ignored"]
    row = app.w_esc_table.data.set_index("subject_id").loc[subject]
    assert row["order_ignored"] and row["next_kind"] == "纳入黑名单事先告知书"


def test_baseline_recorded_from_the_app(app, campaign, store):
    """The baseline button records every subject's tier; the text is the summary's risk."""
    app.w_base_record.click()
    assert app.w_base_alert.kind == "success", app.w_base_alert.message
    risk = _summary(campaign, store)["risk"]
    assert risk["baseline"]["as_of"] == DAY.isoformat()
    assert f"严重欠薪{risk['baseline']['serious']}个" in app.w_base_text.value
    table = app.w_base_table.data
    assert table["baseline_general"].sum() == risk["baseline"]["general"]
    assert table["serious"].sum() == risk["serious"]
    assert table["cleared"].sum() == sum(risk["cleared"].values())


def test_problem_crossed_off_with_rectified_date(app, campaign, store):
    """销号 sets the finding's rectified date; the problem moves to 已销号."""
    results = {item.code: "未检查" for item in CHECKLIST}
    results["inspection.real_name"] = "不合格"
    store.record_inspection(
        campaign,
        {"subject_id": "XM2023-0114", "visit_date": dt.date(2024, 1, 3), "inspectors": ["张三"]},
        results=results,
        findings=[
            {
                "subject_id": "XM2023-0114",
                "code": "inspection.real_name",
                "severity": "warning",
                "owner": "总包单位",
                "deadline": dt.date(2024, 1, 5),
            }
        ],
        by="测试员",
    )
    app.w_refresh.click()
    assert app.w_problem_cards["overdue"].figure == 1
    app.w_problem.value = app.w_problem.options[0][1]
    app.w_rectify.click()
    assert app.w_problem_alert.kind == "success", app.w_problem_alert.message
    assert store.records(campaign, "findings")["rectified_date"].iloc[0] == dt.datetime(2024, 1, 10)
    assert app.w_problem_cards["rectified"].figure == 1
    assert app.w_problem_cards["overdue"].figure == 0


def test_scores_say_high_is_good(app):
    """The score table names its direction: rank 1 is the best, the total highest first."""
    table = app.w_scores_table.data
    assert "名次（1为最好）" in table.columns and "总分（满分100，越高越好）" in table.columns
    totals = table["总分（满分100，越高越好）"]
    assert totals.is_monotonic_decreasing and table["名次（1为最好）"].iloc[0] == 1
    assert "得分越高越好" in app.w_scores_text.value
