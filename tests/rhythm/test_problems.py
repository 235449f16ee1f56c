import datetime as dt

import pytest
from rhythm_frames import assessed

from wagekit.problems import problem_counts, problem_list, rectification

DAY = dt.date(2024, 1, 10)


def _finding(code, deadline=None, rectified=None, at="2024-01-02 10:00", **more):
    return {
        "subject_id": "P2",
        "code": code,
        "severity": "warning",
        "owner": "乙建",
        "deadline": deadline,
        "rectified_date": rectified,
        "created_at": at,
        **more,
    }


def test_status_on_the_day_overdue_open_rectified(tiny):
    """Past its deadline and not rectified is overdue; rectified by the day is 已销号."""
    a = assessed(
        tiny,
        DAY,
        findings=[
            _finding("real_name", deadline="2024-01-20"),
            _finding("wage_account", deadline="2024-01-05"),
            _finding("notice_board", deadline="2024-01-05", rectified="2024-01-08"),
        ],
    )
    table = problem_list(a)
    assert table["status"].tolist() == ["overdue", "open", "rectified"]
    assert table.loc[0, "days_overdue"] == 5 and table.loc[0, "owner"] == "乙建"
    assert table.loc[0, "township"] == "乙镇"


def test_rectified_after_the_day_is_still_open_that_day(tiny):
    """销号 recorded for a later day does not count on an earlier day of the figures."""
    a = assessed(tiny, DAY, findings=[_finding("real_name", rectified="2024-01-12")])
    table = problem_list(a)
    assert table["status"].tolist() == ["open"] and table["rectified_date"].isna().all()


def test_problems_found_after_the_day_are_left_out(tiny):
    """A finding recorded after the day of the figures is not on that day's list."""
    a = assessed(tiny, DAY, findings=[_finding("real_name", at="2024-01-11 09:00")])
    assert problem_counts(a) == {"overdue": 0, "open": 0, "rectified": 0, "total": 0}


def test_visit_day_is_the_day_found(tiny):
    """A finding of a site visit was found on the visit's day, not the day it was typed in."""
    a = assessed(
        tiny,
        DAY,
        inspections=[{"subject_id": "P2", "visit_date": "2024-01-03", "inspectors": ["张三"]}],
        findings=[_finding("real_name", inspection_id=1, at="2024-01-12 09:00")],
    )
    assert problem_list(a).loc[0, "found"] == dt.datetime(2024, 1, 3)


def test_rectification_refuses_a_day_before_the_problem_was_found(tiny):
    """销号 is a change of rectified_date, refused in Chinese when before the finding."""
    problem = problem_list(assessed(tiny, DAY, findings=[_finding("real_name")])).iloc[0]
    assert rectification(problem, DAY) == {"rectified_date": DAY}
    with pytest.raises(ValueError, match="早于发现问题的日期"):
        rectification(problem, dt.date(2024, 1, 1))
