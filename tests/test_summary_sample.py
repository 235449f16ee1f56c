"""The bundled sample's summary against the problems its generator planted (planted.json)."""

import datetime as dt
import json

import pytest

from wagekit.assessment import assess, summary_findings
from wagekit.paths import sample_campaign_folder
from wagekit.summary import figures

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def planted():
    return json.loads((sample_campaign_folder() / "planted.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def campaign(demo_campaign):
    return demo_campaign


@pytest.fixture(scope="module")
def assessment(campaign, planted):
    return assess(campaign, as_of=dt.date.fromisoformat(planted["as_of"]))


@pytest.fixture(scope="module")
def summary(assessment):
    return figures(assessment)


def _ids(frame, mask=None):
    return set(frame["subject_id"] if mask is None else frame.loc[mask, "subject_id"])


def test_arrears_are_the_planted_ones(summary, planted):
    """Projects, workers and amount owed: payroll arrears plus employers' ledger arrears."""
    projects, employers = planted["problems"]["arrears"], planted["problems"]["employer_arrears"]
    assert summary["arrears"]["projects"] == len(projects["projects"])
    assert summary["arrears"]["workers"] == len(projects["workers"]) + employers["workers"]
    assert summary["arrears"]["amount"] == pytest.approx(
        projects["amount"] + employers["amount"], abs=0.01
    )


def test_risk_tiers_are_the_planted_ones(assessment, summary, planted):
    """The serious and general subjects are exactly the planted ones."""
    risk, tiers = planted["problems"]["risk"], assessment.risk
    assert _ids(tiers, tiers["tier"] == "serious") == set(risk["serious"])
    assert _ids(tiers, tiers["tier"] == "general") == set(risk["general"])
    assert summary["risk"]["serious"] == len(risk["serious"])


def test_criminal_threshold_is_the_planted_one(assessment, planted):
    """Projects and employers reaching the criminal standard are the planted ones."""
    met = planted["problems"]["criminal_threshold_met"]
    assert _ids(assessment.criminal) == set(met["projects"]) | set(met["employers"])


def test_payroll_problems_are_the_planted_ones(summary, planted):
    """Below-minimum and cash/foreman worker-months, unpaid worker-months."""
    problems = planted["problems"]
    below = problems["below_minimum_wage"]["worker_months"]
    assert summary["payroll"]["below_minimum_wage"] == below
    assert (
        summary["payroll"]["cash_or_via_foreman"]
        == (problems["cash_or_via_foreman"]["worker_months"])
    )
    assert summary["payroll"]["unpaid_worker_months"] == problems["arrears"]["worker_months"]


def test_labor_cost_is_the_planted_one(assessment, summary, planted):
    """Underfunded projects and the total shortfall."""
    labor = planted["problems"]["labor_cost_underfunded"]
    assert set(assessment.labor_cost["project_id"]) == set(labor["projects"])
    assert summary["projects"]["labor_cost"]["shortfall"] == pytest.approx(labor["shortfall"])


def test_cases_are_the_planted_ones(assessment, planted):
    """Open, overdue and 两清零 cases are the planted ones."""
    cases, status = planted["problems"]["cases"], assessment.case_status
    open_ = ~status["closed"]
    assert set(status.loc[open_, "case_id"]) == set(cases["open"])
    assert set(status.loc[status["overdue"], "case_id"]) == set(cases["overdue"])
    government = open_ & (status["two_zero_class"] == "government")
    assert set(status.loc[government, "case_id"]) == set(cases["government_open"])
    assert not set(status["case_id"]) & set(cases["received_after_as_of"])


def test_self_inspection_is_the_planted_one(assessment, planted):
    """Missing forms and under-reported (mismatched) forms are the planted subjects."""
    problems, status = planted["problems"], assessment.self_inspection
    missing = set(problems["self_inspection_missing"]["subjects"])
    assert _ids(status, ~status["submitted"]) == missing
    assert _ids(status, status["mismatched"]) == set(
        problems["self_inspection_under_reported"]["subjects"]
    )


def test_silent_townships_are_the_planted_ones(campaign, planted):
    """Each township planted without publicity is a finding."""
    found = summary_findings(campaign, as_of=dt.date.fromisoformat(planted["as_of"]))
    silent = found[found["check"] == "publicity.township_silent"]
    assert set(silent["subject_id"]) == set(
        planted["problems"]["townships_without_publicity"]["townships"]
    )


def test_warnings_are_the_planted_ones(summary, planted):
    """Red and yellow projects match the planted warnings."""
    warnings = planted["problems"]["warnings"]
    assert summary["warnings"] == {"red": len(warnings["red"]), "yellow": len(warnings["yellow"])}
