"""Each kind of record an app writes reaches the figures: the summary of the read model and the
cards on screen change by the same amount as the record, recorded through the app's own form."""

from __future__ import annotations

import datetime as dt

from wagekit.widgets.apps.dashboard import DashboardApp
from wagekit.widgets.apps.enforcement import EnforcementApp
from wagekit.widgets.apps.publicity import PublicityApp
from wagekit.widgets.apps.self_inspection import SelfInspectionApp

from wagekit.recorded import recorded_campaign
from wagekit.summary import summarize

DAY = dt.date(2023, 12, 20)


def _summary(campaign, store):
    return summarize(recorded_campaign(campaign, store), as_of=DAY)


def test_publicity_event_logged_in_the_app(campaign, store):
    """One event logged: summary events +1 and the app's card +1."""
    before = _summary(campaign, store)["publicity"]["events"]
    app = PublicityApp(campaign, store=store, as_of=DAY, by="测试员")
    app.w_township.value = app.w_township.options[0]
    app.w_unit.value = "县人社局"
    app.w_log.click()
    assert app.w_form_alert.kind == "success", app.w_form_alert.message
    after = _summary(campaign, store)["publicity"]["events"]
    assert after == before + 1
    assert app.w_cards["events"].figure == after


def test_self_inspection_form_received_in_the_app(campaign, store):
    """A missing subject's form received: summary submitted +1, missing -1, cards alike."""
    before = _summary(campaign, store)["self_inspection"]
    app = SelfInspectionApp(campaign, store=store, as_of=DAY)
    status = app.model.assessment.self_inspection
    subject = status.loc[~status["submitted"].astype(bool), "subject_id"].iloc[0]
    app.w_receipt_subject.value = next(k for k, v in app._all_subjects.items() if v == subject)
    app.w_receipt_amount.value = "0"
    app.w_by.value = "测试员"
    app.w_receipt_save.click()
    assert app.w_receipt_alert.kind == "success", app.w_receipt_alert.message
    after = _summary(campaign, store)["self_inspection"]
    assert after["submitted"] == before["submitted"] + 1
    assert after["missing"] == before["missing"] - 1
    assert app.w_cards["submitted"].figure == after["submitted"]
    assert app.w_cards["missing"].figure == after["missing"]


def test_inspection_with_a_finding_saved_in_the_app(campaign, store):
    """A visit with one failed item: the project ledger of the dashboard counts both."""
    app = EnforcementApp(campaign, store=store, as_of=DAY)
    project = app.w_priority.data["subject_id"].iloc[0]
    app.select(project)
    form = app.w_inspection
    form.w_by.value = "测试员"
    form.w_inspectors.value = "张伟"
    for toggle in form.items.values():
        toggle.value = "合格"
    form.items["inspection.wage_account"].value = "不合格"
    form.w_save.click()
    assert form.w_alert.kind == "success", form.w_alert.message
    records = recorded_campaign(campaign, store).records
    assert (records.findings["subject_id"] == project).sum() == 1
    dashboard = DashboardApp(campaign, store=store, as_of=DAY)
    dashboard.w_tables.selected_index = 2  # 项目台账
    row = dashboard.w_projects.data.set_index("project_id").loc[project]
    assert (row["inspections"], row["findings"]) == (1, 1)


def test_order_issued_in_the_app(campaign, store):
    """An order to pay past its deadline to a subject at the criminal standard: escalation +1."""
    before = _summary(campaign, store)["escalation"]["order_ignored"]
    app = EnforcementApp(campaign, store=store, as_of=DAY)
    subject = app.model.assessment.criminal["subject_id"].iloc[0]
    app.select(subject)
    order = app.w_order
    order.w_by.value = "测试员"
    order.w_issued.value = DAY - dt.timedelta(days=20)
    order.w_deadline.value = DAY - dt.timedelta(days=5)
    order.w_save.click()
    assert order.w_alert.kind == "success", order.w_alert.message
    after = _summary(campaign, store)["escalation"]["order_ignored"]
    assert after == (before or 0) + 1
    assert app.model.summary["escalation"]["order_ignored"] == after


def test_case_action_recorded_in_the_app(campaign, store):
    """A case closed in the tracker: summary closed +1 and the dashboard card shows it."""
    before = _summary(campaign, store)["cases"]["closed"]
    app = EnforcementApp(campaign, store=store, as_of=DAY)
    tracker = app.w_cases
    case_id = tracker.ledger.loc[~tracker.ledger["closed"].astype(bool), "case_id"].iloc[0]
    tracker.w_case.value = case_id
    tracker.w_status.value = "已结案"
    tracker.w_by.value = "测试员"
    tracker.w_save.click()
    assert tracker.w_alert.kind == "success", tracker.w_alert.message
    after = _summary(campaign, store)["cases"]["closed"]
    assert after == before + 1
    assert DashboardApp(campaign, store=store, as_of=DAY).kpis["cases-closed"].figure == after
