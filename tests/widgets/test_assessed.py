import datetime as dt

import pytest
from wagekit.widgets.apps.dashboard import DashboardApp
from wagekit.widgets.apps.enforcement import EnforcementApp

DAY = dt.date(2024, 1, 15)


@pytest.fixture(scope="module", params=[DashboardApp, EnforcementApp])
def built_app(request, campaign, module_store):
    # Both apps read the one store; no test here writes to it.
    return request.param(campaign, store=module_store, as_of=DAY)


@pytest.fixture
def app(built_app):
    """The module's app, put back on DAY after each test, even one that failed half-way."""
    yield built_app
    built_app.w_as_of.value = DAY
    assert built_app.model.as_of == DAY


def test_an_empty_day_is_refused_on_screen(app):
    """Clearing 统计截至 shows the reason in the alert and keeps the last assessment."""
    assessment = app.model.assessment
    app.w_as_of.value = None
    assert app.w_alert.kind == "error" and "请填写统计截至日期" in app.w_alert.message
    assert app.model.assessment is assessment and app.model.as_of == DAY
    app.w_as_of.value = DAY
    assert app.w_alert.kind == ""


def test_a_new_day_reassesses(app):
    """Choosing another day assesses the campaign on that day."""
    app.w_as_of.value = dt.date(2023, 12, 1)
    assert app.model.assessment.as_of == dt.date(2023, 12, 1)


def test_refresh_reassesses_and_gives_the_button_back(app):
    """刷新 re-reads the store: a new assessment, the button enabled again, no message left."""
    assessment = app.model.assessment
    app.w_refresh.click()
    assert app.model.assessment is not assessment
    assert not app.w_refresh.disabled and app.w_refresh.icon == "refresh"
    assert app.w_alert.kind == ""


def test_the_filter_bar_offers_the_campaigns_townships(app, campaign):
    """The filter bar lists every township of the projects ledger, after 全部."""
    dropdown = app.w_filters.children[0].dropdowns["township"]
    assert [v for _label, v in dropdown.options][1:] == sorted(
        campaign.get("projects")["township"].unique()
    )
