import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from wagekit.widgets.apps.enforcement import EnforcementApp

from wagekit.load import load
from wagekit.schema import GOVERNMENT_INVESTMENT_TYPES

# A campaign with publicity only, the one the browser tests serve.
TINY = Path(__file__).resolve().parents[1] / "browser" / "fixtures" / "campaign"
DAY = dt.date(2024, 1, 15)


@pytest.fixture(scope="module")
def shared_app(campaign, module_store):
    # One app per module (building it assesses the sample); tests that write compare the
    # store before and after, so they do not depend on each other's records.
    return EnforcementApp(campaign, store=module_store, as_of=DAY)


@pytest.fixture
def app(shared_app):
    shared_app.model.filter.reset()
    shared_app.w_subject.value = ""
    shared_app.select(None)
    return shared_app


def test_opens_without_error_and_lists_government_projects_first(app):
    """Every 政府投资/国有企业/PPP project comes before any other subject, with a reason."""
    ranked = app.w_priority.data
    full = ranked["investment_type"].isin(GOVERNMENT_INVESTMENT_TYPES) & ranked[
        "subject_id"
    ].str.startswith("XM")
    assert app.w_alert.kind == ""
    assert full.iloc[: int(full.sum())].all() and not full.iloc[int(full.sum()) :].any()
    assert ranked.loc[full, "reason"].str.contains("全数检查").all()
    assert "全数检查" in app.w_priority.w_html.value


def test_township_filter_narrows_the_list_and_the_cases(app):
    """Choosing a township keeps only its subjects and its projects' cases."""
    app.model.filter.township = "洛河镇"
    assert set(app.w_priority.data["township"]) == {"洛河镇"}
    assert set(app.w_cases.ledger["township"]) == {"洛河镇"}
    assert len(app.w_subject.options) == len(app.w_priority.data)


def test_picking_a_project_fills_the_card_and_the_forms(app):
    """Selecting a subject shows its card and puts its id into both forms."""
    row = app.w_priority.data.iloc[0]
    project = row["subject_id"]
    app.w_subject.value = f"{row['rank']}. {project}　{row['name']}"  # as typed and picked
    assert app.model.selected_project == project
    assert project in app.w_card.w_html.value and "制度落实情况" in app.w_card.w_html.value
    assert app.w_inspection.w_subject.value == project == app.w_order.w_subject.value


def test_recording_a_failed_item_puts_a_finding_in_the_store_and_on_the_card(
    app, campaign, module_store
):
    """The checklist saved from the app writes the finding and the card lists it."""
    project = app.w_priority.data["subject_id"].iloc[1]
    app.select(project)
    form = app.w_inspection
    form.w_by.value = "张伟"
    form.w_inspectors.value = "张伟"
    for toggle in form.items.values():
        toggle.value = "合格"
    form.items["inspection.notice_board"].value = "不合格"
    form.w_save.click()
    findings = module_store.records(campaign, "findings")
    assert findings.loc[findings["subject_id"] == project, "code"].tolist() == [
        "inspection.notice_board"
    ]
    assert "设置维权信息公示牌" in app.w_card.w_html.value


def test_order_form_issues_an_order_with_its_deadline(app, campaign, module_store):
    """The order form records kind, issued date and deadline for the picked project."""
    project = app.w_priority.data["subject_id"].iloc[2]
    app.select(project)
    order = app.w_order
    order.w_by.value = "张伟"
    order.w_issued.value = dt.date(2024, 1, 5)
    order.w_deadline.value = dt.date(2024, 1, 12)
    order.w_save.click()
    orders = module_store.records(campaign, "orders")
    mine = orders[orders["subject_id"] == project]
    assert order.w_alert.kind == "success"
    assert mine["kind"].tolist() == ["限期整改指令书"]
    assert mine["deadline"].iloc[0] == pd.Timestamp("2024-01-12")
    assert "限期整改指令书" in app.w_card.w_html.value
    # Listed at once under the form among the recorder's own orders (我的登记).
    assert project in set(order.w_mine.mine()["subject_id"])


def test_issued_order_can_be_marked_fulfilled_in_the_orders_tab(app, campaign, module_store):
    """An order issued in the form appears in 文书履行; marking it fulfilled re-assesses."""
    project = app.w_priority.data["subject_id"].iloc[3]
    app.select(project)
    app.w_order.w_by.value = "张伟"
    app.w_order.w_issued.value = dt.date(2024, 1, 2)
    app.w_order.w_deadline.value = dt.date(2024, 1, 9)
    app.w_order.w_save.click()
    orders = app.w_orders
    issued = orders.orders[orders.orders["subject_id"] == project]
    assert len(issued) == 1 and issued["status"].iloc[0] == "待履行"
    orders.w_order.value = int(issued["id"].iloc[0])
    orders.w_status.value = "已履行"
    orders.w_fulfilled.value = dt.date(2024, 1, 8)
    orders.w_by.value = "李娜"
    orders.w_save.click()
    assert orders.w_alert.kind == "success", orders.w_alert.message
    stored = module_store.records(campaign, "orders").set_index("id").loc[int(issued["id"].iloc[0])]
    assert stored["status"] == "已履行"
    assert stored["fulfilled_date"] == pd.Timestamp("2024-01-08")
    assert "已履行" in orders.w_table.w_html.value
    card = app.w_card.w_html.value  # the project card shows how the order ended
    assert "已履行" in card.split("执法文书")[-1]


def test_order_deadline_before_issue_is_refused(app, module_store):
    """A deadline before the issue date is refused with the store's Chinese message."""
    before = module_store.count("orders")
    order = app.w_order
    order.w_subject.value = app.w_priority.data["subject_id"].iloc[0]
    order.w_by.value = "张伟"
    order.w_issued.value = dt.date(2024, 1, 5)
    order.w_deadline.value = dt.date(2024, 1, 1)
    order.w_save.click()
    assert order.w_alert.kind == "error" and "早于下达日期" in order.w_alert.message
    assert module_store.count("orders") == before


def test_closing_a_case_updates_the_assessment(app):
    """A case closed in the tracker is closed in the app's assessment at once."""
    tracker = app.w_cases
    case_id = tracker.ledger.loc[~tracker.ledger["closed"].astype(bool), "case_id"].iloc[0]
    tracker.w_case.value = case_id
    tracker.w_status.value = "已结案"
    tracker.w_date.value = dt.date(2024, 1, 10)
    tracker.w_by.value = "李娜"
    tracker.w_save.click()
    status = app.model.assessment.case_status.set_index("case_id")
    assert bool(status.loc[case_id, "closed"])
    shown = tracker.ledger.set_index("case_id")  # the row on screen says 已结案
    assert shown.loc[case_id, "status"] == "已结案"
    assert app.model.summary["cases"]["closed"] == int(status["closed"].sum())


def test_case_tab_lists_only_the_picked_projects_cases(app):
    """With a project picked, the 案件跟踪 tab lists its cases, not all of them."""
    ledger = app.w_cases.ledger
    project = ledger["project_id"].dropna().iloc[0]
    app.select(project)
    assert set(app.w_cases.ledger["project_id"]) == {project}
    assert len(app.w_cases.ledger) < len(ledger)


def test_a_campaign_without_projects_or_cases_opens_empty(store):
    """A campaign holding only publicity opens with an empty list and tracker, no error."""
    tiny = load(TINY)
    app = EnforcementApp(tiny, store=store, as_of=DAY)
    assert app.w_alert.kind == ""
    assert app.w_priority.data.empty and app.w_cases.ledger.empty
    assert "没有符合条件的记录" in app.w_cases.w_table.w_html.value


def test_a_click_on_a_row_of_the_list_opens_the_project(app):
    """Clicking a row of the inspection list opens its card and fills both forms."""
    app.w_tabs.selected_index = 2
    row = app.w_priority.view().iloc[3]
    app.w_priority.w_html._handle_custom_msg({"row": 3}, [])
    project = row["subject_id"]
    assert app.model.selected_project == project
    assert row["name"] in app.w_card.w_html.value
    assert app.w_tabs.selected_index == 0
    assert app.w_inspection.w_subject.value == project == app.w_order.w_subject.value
    assert app.w_subject.value.endswith(row["name"])
    assert app.w_priority.w_html.selected_row == 3
