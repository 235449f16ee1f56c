import datetime as dt
import json
from pathlib import Path

import pytest
from wagekit.widgets.apps.training import TrainingApp

from wagekit.summary import summarize

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
DAY = dt.date(2023, 12, 20)


@pytest.fixture
def app(campaign):
    return TrainingApp(campaign, messy_folder=SAMPLES / "demo-messy", as_of=DAY)


def _go_to(app, key):
    while app.step.exercise is None or app.step.exercise.key != key:
        app.w_next.click()


def test_walk_moves_step_by_step(app):
    """下一步/上一步 move through the steps; the ends disable the buttons."""
    assert app.model.step == 0 and app.w_prev.disabled
    app.w_next.click()
    assert app.model.step == 1 and "第 2 /" in app.w_progress.value
    for _ in app.steps:
        app.w_next.click()
    assert app.model.step == len(app.steps) - 1 and app.w_next.disabled


def test_right_answer_is_praised(app, campaign):
    """The number of projects without a wage account (from wagekit summary) is judged right."""
    projects = summarize(campaign, as_of=DAY)["projects"]
    _go_to(app, "wage_account")
    app.w_answer.value = str(projects["total"] - projects["systems"]["wage_account"]["count"])
    app.w_check.click()
    assert app.model.correct == {"wage_account": True}
    assert "回答正确" in app.w_feedback.value


def test_wrong_answer_gets_a_hint(app, campaign):
    """A wrong count is judged wrong, with a hint in Chinese."""
    _go_to(app, "projects")
    app.w_answer.value = str(len(campaign.get("projects")) + 1)
    app.w_check.click()
    assert app.model.correct == {"projects": False}
    assert "回答不正确" in app.w_feedback.value


def test_messy_ledger_row_is_the_planted_impossible_date(app):
    """The impossible-date exercise accepts the roster row the sample generator planted."""
    planted = json.loads((SAMPLES / "demo-messy" / "planted.json").read_text(encoding="utf-8"))
    (row,) = [
        error["row"]
        for error in planted["load_errors"]
        if error["table"] == "workers" and error["rule"] == "impossible_date"
    ]
    _go_to(app, "impossible_date")
    app.w_answer.value = f"第{row}行"
    app.w_check.click()
    assert app.model.correct == {"impossible_date": True}


def test_silent_townships_answer_accepts_any_order(app):
    """Names may be given in any order, separated by 、 or commas."""
    _go_to(app, "silent_townships")
    names = sorted(app.answer("silent_townships"))
    app.w_answer.value = "，".join(reversed(names))
    app.w_check.click()
    assert app.model.correct == {"silent_townships": True}


def test_overdue_exercise_asks_for_open_overdue_cases_only(app, campaign):
    """超期未办结 is the summary's overdue_open; the total with closed-late cases is wrong."""
    cases = summarize(campaign, as_of=DAY)["cases"]
    assert cases["closed_late"] > 0  # otherwise the two answers could not be told apart
    _go_to(app, "overdue_cases")
    app.w_answer.value = str(cases["overdue"])
    app.w_check.click()
    assert app.model.correct == {"overdue_cases": False}
    app.w_answer.value = str(cases["overdue_open"])
    app.w_check.click()
    assert app.model.correct == {"overdue_cases": True}
    app.w_reveal.click()
    assert f"{cases['overdue_open']} 件" in app.w_feedback.value
    assert app.w_alert.kind == ""


def test_every_step_has_its_exercise(app):
    """No step promises an exercise without one."""
    assert all(step.exercise is not None for step in app.steps)
