import asyncio
import datetime as dt

import pytest
from wagekit.widgets.apps.self_inspection import SelfInspectionApp

from wagekit.schema import SYSTEM_LABELS
from wagekit.summary import figures

DAY = dt.date(2023, 12, 15)


@pytest.fixture(scope="module")
def shared_app(campaign):
    return SelfInspectionApp(campaign, as_of=DAY)


@pytest.fixture
def app(shared_app):
    shared_app.model.filter.reset()
    shared_app.w_status_view.value = "missing"
    shared_app.w_coverage_by.value = "township"
    return shared_app


def test_cards_match_the_summary(app):
    """Expected, submitted, missing and mismatched equal wagekit summary's figures."""
    section = figures(app.model.assessment)["self_inspection"]
    for key in ("expected", "submitted", "missing", "mismatched"):
        assert app.w_cards[key].figure == section[key]
    assert app.w_alert.kind == ""


def test_missing_view_lists_missing_subjects(app):
    """The default view lists exactly the subjects without a form."""
    status = app.model.assessment.self_inspection
    missing = set(status.loc[~status["submitted"], "subject_id"])
    assert set(app.w_table_status.data["subject_id"]) == missing
    app.w_status_view.value = "mismatched"
    assert set(app.w_table_status.data["subject_id"]) == set(
        status.loc[status["mismatched"], "subject_id"]
    )


def test_township_filter_changes_tables(app):
    """Choosing a township keeps only its subjects, projects and coverage row."""
    before = app.w_table_coverage.w_html.value
    township = app.model.assessment.systems["township"].iloc[0]
    app.w_filters.children[0].dropdowns["township"].value = township
    assert app.w_table_coverage.data["township"].tolist() == [township]
    assert set(app.w_table_projects.data["township"]) == {township}
    subjects = app.model.assessment.subjects.set_index("subject_id")["township"]
    assert set(subjects[app.w_table_status.data["subject_id"]]) <= {township}
    assert app.w_table_coverage.w_html.value != before


def test_coverage_by_department(app):
    """The coverage table can be grouped by competent department."""
    app.w_coverage_by.value = "department"
    departments = set(app.model.assessment.systems["department"])
    assert set(app.w_table_coverage.data["department"]) == departments


def test_drill_into_one_project(app):
    """Picking a project shows its card with the seven systems."""
    project = app.model.assessment.systems.iloc[0]
    assert len(app.w_project.options) == len(app.model.assessment.systems)  # searchable
    app.w_project.value = f"{project['project_id']} {project['name']}"
    assert app.model.project_id == project["project_id"]
    assert project["name"] in app.w_card.value
    for label in SYSTEM_LABELS.values():
        assert label in app.w_card.value


def test_tables_have_stable_classes(app):
    """Browser tests find the tables by their classes."""
    assert "wk-table-coverage" in app.w_table_coverage._dom_classes
    assert "wk-table-status" in app.w_table_status._dom_classes


def test_nothing_written_to_stderr(campaign, capfd):
    """Building the app and drawing its chart writes nothing to stderr (Voila's red boxes)."""
    SelfInspectionApp(campaign, as_of=DAY)
    assert capfd.readouterr().err == ""


def test_the_chart_follows_the_township_filter(app):
    """After choosing a township the chart shows the coverage of its projects only."""
    township = app.model.assessment.systems["township"].iloc[0]
    projects = int((app.model.assessment.systems["township"] == township).sum())
    before = bytes(app.w_chart.w_image.value)
    app.w_filters.children[0].dropdowns["township"].value = township
    assert f"共 {projects} 个项目" in app.w_chart.figure.axes[0].get_xlabel()
    assert bytes(app.w_chart.w_image.value) != before


def test_the_tables_are_sent_before_the_chart_is_drawn(app):
    """A filter change updates the tables first: the browser shows them while the chart draws."""
    sent = []
    app.w_table_coverage.w_html.observe(lambda _c: sent.append("coverage"), names="value")
    app.w_table_projects.w_html.observe(lambda _c: sent.append("projects"), names="value")
    app.w_chart.w_image.observe(lambda _c: sent.append("chart"), names="value")
    township = app.model.assessment.systems["township"].iloc[-1]
    app.w_filters.children[0].dropdowns["township"].value = township
    assert sent == ["coverage", "projects", "chart"]


def test_in_a_kernel_the_chart_is_drawn_right_after_the_page(campaign):
    """Built in a kernel's event loop, the app shows its tables at once and the chart next."""

    async def open_page():
        app = SelfInspectionApp(campaign, as_of=DAY)
        shown = (len(app.w_table_coverage.data) > 0, app.w_chart.figure is None)
        while app.w_chart.figure is None:
            await asyncio.sleep(0.01)
        return app, shown

    app, shown = asyncio.run(asyncio.wait_for(open_page(), 60))
    assert shown == (True, True)
    assert bytes(app.w_chart.w_image.value).startswith(b"\x89PNG")
    assert app.w_alert.kind == ""


def test_a_mismatch_goes_to_the_enforcement_list_in_one_click(campaign, store):
    """列入执法检查清单 records a finding in the store; the enforcement card shows it."""
    from wagekit.widgets.apps.enforcement import EnforcementApp

    app = SelfInspectionApp(campaign, store=store, as_of=DAY)
    status = app.model.assessment.self_inspection
    subject = status.loc[status["mismatched"].astype(bool), "subject_id"].iloc[0]
    label = next(k for k, v in app._subject_ids.items() if v == subject)
    app.w_hand_over.value = label
    app.w_by.value = "测试员"
    app.w_enlist.click()
    assert app.w_enlist_alert.kind == "success", app.w_enlist_alert.message
    found = store.records(campaign, "findings")
    assert found[["subject_id", "code"]].values.tolist() == [[subject, "self_inspection.mismatch"]]
    enforcement = EnforcementApp(campaign, store=store, as_of=DAY)
    enforcement.select(subject)
    assert "自查自报与台账核算不符" in enforcement.w_card.w_html.value
