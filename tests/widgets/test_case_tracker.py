import datetime as dt

import pandas as pd
import pytest
from wagekit.widgets.components.case_tracker import CaseTracker

from wagekit.assessment import assess
from wagekit.recorded import case_positions

DAY = dt.date(2024, 1, 15)


@pytest.fixture(scope="module")
def assessment(campaign):
    return assess(campaign, as_of=DAY)


@pytest.fixture
def tracker(campaign, assessment, store):
    tracker = CaseTracker(store=store, campaign=campaign)
    tracker.show(assessment)
    tracker.w_by.value = "李娜"
    return tracker


def open_case(tracker):
    return tracker.ledger.loc[~tracker.ledger["closed"].astype(bool)].iloc[0]


def test_table_lists_every_received_case_open_ones_first(tracker, assessment):
    """All cases received by the day are listed; open cases come before closed ones."""
    assert len(tracker.ledger) == len(assessment.case_status)
    closed = tracker.ledger["closed"].astype(bool).tolist()
    assert closed == sorted(closed)
    html = tracker.w_table.w_html.value
    assert "剩余天数" in html and "两清零类别" in html and tracker.ledger["case_id"].iloc[0] in html


def test_picking_a_case_shows_where_it_stands(tracker):
    """Choosing a case fills the status and says its deadline and 两清零 class."""
    case = open_case(tracker)
    tracker.w_case.value = case["case_id"]
    assert tracker.w_status.value == case["status"]
    assert f"{case['deadline']:%Y-%m-%d}" in tracker.w_current.value
    assert case["two_zero_class"] in tracker.w_current.value


def test_saving_records_a_case_action(tracker, campaign, store):
    """登记办理 writes status, date and recovered amount to the store's case actions."""
    case = open_case(tracker)
    tracker.w_case.value = case["case_id"]
    tracker.w_status.value = "已结案"
    tracker.w_date.value = dt.date(2024, 1, 10)
    tracker.w_recovered.value = "1000"
    tracker.w_save.click()
    assert tracker.w_alert.kind == "success", tracker.w_alert.message
    actions = case_positions(store.records(campaign, "case_actions")).set_index("case_id")
    assert actions.loc[case["case_id"], "status"] == "已结案"
    assert actions.loc[case["case_id"], "closed_date"] == pd.Timestamp("2024-01-10")
    assert actions.loc[case["case_id"], "amount_recovered"] == 1000.0
    assert tracker.saved == 1


def test_stale_edit_shows_the_stores_message_and_writes_nothing(tracker, campaign, store):
    """When a colleague acted on the case after it was picked, the save is refused."""
    case_id = open_case(tracker)["case_id"]
    tracker.w_case.value = case_id
    store.add(
        campaign,
        "case_actions",
        {"case_id": case_id, "status": "核查中", "action_date": "2024-01-09"},
        by="王五",
    )
    tracker.w_status.value = "已结案"
    tracker.w_save.click()
    assert tracker.w_alert.kind == "error"
    assert (
        "该记录已被 王五" in tracker.w_alert.message and "请刷新后再试" in tracker.w_alert.message
    )
    assert store.count("case_actions") == 1


def test_after_refreshing_the_save_goes_through(tracker, campaign, store, assessment):
    """Showing the cases again (刷新) takes in the colleague's action; saving then works."""
    case_id = open_case(tracker)["case_id"]
    tracker.w_case.value = case_id
    store.add(
        campaign,
        "case_actions",
        {"case_id": case_id, "status": "核查中", "action_date": "2024-01-09"},
        by="王五",
    )
    tracker.show(assessment)
    tracker.w_save.click()
    assert tracker.w_alert.kind == "success" and store.count("case_actions") == 2


def test_recovering_more_than_involved_is_refused(tracker, store):
    """A recovered amount above the amount involved is refused with the ledger check's reason."""
    case = open_case(tracker)
    tracker.w_case.value = case["case_id"]
    tracker.w_recovered.value = str(case["amount_involved"] + 1)
    tracker.w_save.click()
    assert tracker.w_alert.kind == "error" and "大于该案件的涉及金额" in tracker.w_alert.message
    assert store.count("case_actions") == 0


def test_saving_without_a_case_says_so(tracker, store):
    """Nothing picked: the tracker asks for a case and writes nothing."""
    tracker.w_save.click()
    assert "请先选择案件" in tracker.w_alert.message and store.count("case_actions") == 0


def test_a_click_on_a_case_row_picks_it(tracker):
    """Clicking a row of the cases table picks that case for the action form."""
    row = tracker.w_table.view().iloc[2]
    tracker.w_table.w_html._handle_custom_msg({"row": 2}, [])
    assert tracker.case_id == row["case_id"] == tracker.w_case.value
    assert "当前状态" in tracker.w_current.value
    tracker.w_case.value = tracker.w_table.view().iloc[4]["case_id"]
    assert tracker.w_table.w_html.selected_row == 4
