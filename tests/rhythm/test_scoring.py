import datetime as dt

import pytest
from rhythm_frames import TOML, assessed, load_tiny

from wagekit.scoring import full_score, score_headers, township_scores

DAY = dt.date(2024, 1, 10)


def _report(township, at="2024-01-10 09:00"):
    return {"township": township, "date": "2024-01-10", "created_at": at}


def test_best_township_ranks_first_with_its_parts(tiny):
    """甲镇 closed its case, owes nothing, returned its form, reported on time: rank 1."""
    a = assessed(tiny, DAY, daily_reports=[_report("甲镇"), _report("乙镇", "2024-01-10 17:00")])
    table = township_scores(a).set_index("township")
    assert table.loc["甲镇", "rank"] == 1 and table.loc["甲镇", "total"] == 100.0
    # 乙镇: 0 of 2 cases closed, 1 of 2 open overdue, 1 of 2 subjects without arrears,
    # one form of two returned, late on the one day, no publicity.
    rates = ["closure_rate", "overdue_open", "two_zero", "self_inspection_return"]
    assert table.loc["乙镇", rates].tolist() == [0, 0.5, 0.5, 0.5]
    assert table.loc["乙镇", "closure_rate_points"] == 0.0
    assert table.loc["乙镇", "overdue_open_points"] == 10.0
    assert table.loc["乙镇", "total"] == 0 + 10 + 10 + 5 + 0 + 0
    assert table["rank"].is_monotonic_increasing


def test_township_without_cases_gets_full_case_marks(tiny):
    """丙镇 has no case: nothing left open, full points for both case measures."""
    table = township_scores(assessed(tiny, DAY)).set_index("township")
    assert table.loc["丙镇", ["closure_rate", "overdue_open"]].tolist() == [1.0, 1.0]


def test_measure_not_counted_is_left_out_and_total_rescaled(tiny):
    """No daily report yet: punctuality scores nobody; totals rescale to the full 100."""
    table = township_scores(assessed(tiny, DAY)).set_index("township")
    assert table["daily_punctuality_points"].isna().all()
    assert table.loc["甲镇", "total"] == 100.0


def test_weights_come_from_campaign_toml(tmp_path):
    """[scoring] weights change the points and the full score the headers name."""
    toml = TOML + "\n[scoring]\nclosure_rate = 50\n"
    a = assessed(load_tiny(tmp_path / "weighted", toml), DAY)
    table = township_scores(a).set_index("township")
    assert table.loc["甲镇", "closure_rate_points"] == 50.0
    assert full_score(a.config.scoring) == 120
    assert score_headers(a.config.scoring)["total"] == "总分（满分120，越高越好）"


@pytest.mark.parametrize("column", ["closure_rate", "two_zero", "self_inspection_return"])
def test_rates_are_between_zero_and_one(tiny, column):
    """Every measure is a rate: high = good, never above 1."""
    rates = township_scores(assessed(tiny, DAY))[column]
    assert rates.between(0, 1).all()
