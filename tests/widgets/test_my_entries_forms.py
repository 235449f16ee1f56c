"""我的登记 under every form: the recorder's own inspections, orders, case actions and
self-inspection receipts, corrected or withdrawn, versioned and audited."""

import datetime as dt

import pytest
from wagekit.widgets.apps.self_inspection import SelfInspectionApp
from wagekit.widgets.components.case_tracker import CaseTracker
from wagekit.widgets.components.forms import RECORDER
from wagekit.widgets.components.inspection_form import InspectionForm
from wagekit.widgets.components.order_form import OrderForm

from wagekit.assessment import assess

DAY = dt.date(2024, 1, 15)


@pytest.fixture(autouse=True)
def recorder():
    RECORDER.name = "李娜"
    yield
    RECORDER.name = ""


def pick_mine(mine, store, campaign, table):
    """List the recorder's records as the app does after a save, and pick the newest."""
    mine.show(store.records(campaign, table))
    mine.w_pick.value = mine.w_pick.options[1][1]


def audit_of(store, campaign, table):
    audit = store.audit(campaign)
    return audit[audit["table_name"] == table]


def test_an_inspection_withdrawn_takes_its_results_and_findings(campaign, store):
    """Withdrawing one's inspection removes it, its checklist results and findings, audited."""
    form = InspectionForm(store=store, campaign=campaign, as_of=DAY)
    form.w_subject.value = campaign.get("projects")["project_id"].iloc[0]
    form.w_inspectors.value = "张伟、李娜"
    for toggle in form.items.values():
        toggle.value = "合格"
    form.items["inspection.wage_account"].value = "不合格"
    form.w_save.click()
    assert form.w_alert.kind == "success"
    saved = form.saved
    pick_mine(form.w_mine, store, campaign, "inspections")
    assert form.w_subject.value in form.w_mine.w_table.w_html.value
    assert "<td>张伟、李娜</td>" in form.w_mine.w_table.w_html.value
    form.w_mine.w_withdraw.click()
    assert form.w_mine.w_alert.kind == "success", form.w_mine.w_alert.message
    assert "检查项结果和检查发现问题一并撤回" in form.w_mine.w_alert.message
    for table in ("inspections", "checklist_results", "findings"):
        assert store.records(campaign, table).empty, table
        assert "delete" in set(audit_of(store, campaign, table)["action"]), table
    assert form.saved == saved + 1  # the app re-assesses


def test_an_order_corrected_gets_a_new_version_and_an_audit_row(campaign, store):
    """Correcting one's order's deadline stores version 2 and the old deadline in the audit."""
    form = OrderForm(store=store, campaign=campaign, as_of=DAY)
    form.w_subject.value = campaign.get("projects")["project_id"].iloc[0]
    form.w_deadline.value = dt.date(2024, 1, 25)
    form.w_save.click()
    assert form.w_alert.kind == "success"
    pick_mine(form.w_mine, store, campaign, "orders")
    assert "subject_id" not in form.w_mine.w_fields  # the subject is withdrawn, not edited
    form.w_mine.w_fields["deadline"].value = "2024-01-31"
    form.w_mine.w_correct.click()
    assert form.w_mine.w_alert.kind == "success", form.w_mine.w_alert.message
    order = store.records(campaign, "orders").iloc[0]
    assert order["version"] == 2 and order["deadline"] == dt.datetime(2024, 1, 31)
    changed = audit_of(store, campaign, "orders")
    changed = changed[(changed["action"] == "update") & (changed["field"] == "deadline")]
    assert changed["old_value"].iloc[0].startswith("2024-01-25")


def test_a_case_action_withdrawn_leaves_the_case_as_before(campaign, store):
    """Withdrawing one's case action removes it; the case tracker's app is told to refresh."""
    assessment = assess(campaign, as_of=DAY)
    tracker = CaseTracker(store=store, campaign=campaign, as_of=DAY)
    tracker.show(assessment)
    tracker.w_case.value = tracker.ledger.loc[~tracker.ledger["closed"], "case_id"].iloc[0]
    tracker.w_status.value = "已结案"
    tracker.w_save.click()
    assert tracker.w_alert.kind == "success"
    pick_mine(tracker.w_mine, store, campaign, "case_actions")
    assert tracker.w_mine.w_fields["status"].value == "已结案"
    tracker.w_mine.w_withdraw.click()
    assert tracker.w_mine.w_alert.kind == "success"
    assert store.records(campaign, "case_actions").empty
    assert tracker.saved == 2


def test_a_case_action_corrected_past_what_its_case_allows_is_refused(campaign, store):
    """A correction passes the ledger's checks as a new case action would: recovering more
    than the case involves is refused and the stored action is left as it was."""
    assessment = assess(campaign, as_of=DAY)
    tracker = CaseTracker(store=store, campaign=campaign, as_of=DAY)
    tracker.show(assessment)
    open_cases = tracker.ledger.loc[~tracker.ledger["closed"]]
    case = open_cases.loc[open_cases["amount_involved"].notna()].iloc[0]
    tracker.w_case.value = case["case_id"]
    tracker.w_status.value = "核查中"
    tracker.w_save.click()
    assert tracker.w_alert.kind == "success", tracker.w_alert.message
    pick_mine(tracker.w_mine, store, campaign, "case_actions")
    tracker.w_mine.w_fields["amount_recovered"].value = str(int(case["amount_involved"]) + 1000)
    tracker.w_mine.w_correct.click()
    assert tracker.w_mine.w_alert.kind == "error"
    assert "大于该案件的涉及金额" in tracker.w_mine.w_alert.message
    stored = store.records(campaign, "case_actions")
    assert stored["version"].tolist() == [1] and stored["amount_recovered"].isna().all()


def test_a_self_inspection_receipt_is_corrected_and_the_figures_follow(campaign, store):
    """Correcting one's receipt's amount reaches the app's table of forms at once."""
    app = SelfInspectionApp(campaign, store=store, as_of=DAY)
    status = app.model.status()
    subject = status.loc[~status["submitted"].astype(bool), "subject_id"].iloc[0]
    app.w_receipt_subject.value = next(k for k, v in app._all_subjects.items() if v == subject)
    app.w_receipt_amount.value = "0"
    app.w_receipt_save.click()
    assert app.w_receipt_alert.kind == "success", app.w_receipt_alert.message
    mine = app.w_mine
    assert mine.mine()["subject_id"].tolist() == [subject]
    mine.w_pick.value = mine.w_pick.options[1][1]
    mine.w_fields["reported_arrears_amount"].value = "3.2万"
    mine.w_correct.click()
    assert mine.w_alert.kind == "success", mine.w_alert.message
    row = app.model.status().set_index("subject_id").loc[subject]
    assert row["reported_amount"] == 32_000
    assert mine.mine()["version"].tolist() == [2]
