import datetime as dt

from rhythm_frames import assessed

from wagekit.daily import daily_punctuality, daily_rollup
from wagekit.summary import figures

DAY = dt.date(2024, 1, 10)


def _report(township, date="2024-01-10", at="2024-01-10 15:00", **counts):
    return {"township": township, "date": date, "created_at": at, **counts}


def test_rollup_lists_every_township_with_its_report_or_missing(tiny):
    """A township without a report of the day is missing; one with nothing to report is zero."""
    a = assessed(
        tiny, DAY, daily_reports=[_report("甲镇"), _report("乙镇", incidents=2, new_cases=1)]
    )
    table = daily_rollup(a).set_index("township")
    assert table["status"].to_dict() == {"丙镇": "missing", "乙镇": "incidents", "甲镇": "zero"}
    assert table.loc["乙镇", "incidents"] == 2 and table.loc["乙镇", "new_cases"] == 1


def test_report_recorded_after_four_pm_is_late(tiny):
    """A report first recorded after 16:00 of its day is late; 16:00 itself is on time."""
    a = assessed(
        tiny,
        DAY,
        daily_reports=[
            _report("甲镇", at="2024-01-10 16:00"),
            _report("乙镇", at="2024-01-10 16:01"),
        ],
    )
    late = daily_rollup(a).set_index("township")["late"]
    assert late.to_dict() == {"丙镇": False, "乙镇": True, "甲镇": False}


def test_rollup_agrees_with_summary_daily_reports(tiny):
    """Reported, zero, incidents and missing are the summary's daily_reports of the same day."""
    a = assessed(
        tiny,
        DAY,
        daily_reports=[
            _report("甲镇"),
            _report("乙镇", incidents=3),
            _report("丙镇", date="2024-01-09", at="2024-01-09 10:00"),
            _report("外省某镇"),
        ],
    )
    table, daily = daily_rollup(a), figures(a)["daily_reports"]
    assert (table["status"] != "missing").sum() == daily["reported"] == 2
    assert (table["status"] == "zero").sum() == daily["zero"] == 1
    assert table["incidents"].sum() == daily["incidents"] == 3
    assert list(table.loc[table["status"] == "missing", "township"]) == daily["missing"]


def test_punctuality_counts_on_time_late_and_missing_days(tiny):
    """Over two days: 甲镇 on time both days, 乙镇 late once and missing once, 丙镇 never."""
    a = assessed(
        tiny,
        DAY,
        daily_reports=[
            _report("甲镇", date="2024-01-09", at="2024-01-09 09:00"),
            _report("甲镇"),
            _report("乙镇", at="2024-01-10 18:00"),
        ],
    )
    table = daily_punctuality(a).set_index("township")
    assert table.loc["甲镇", ["days", "on_time", "late", "missing"]].tolist() == [2, 2, 0, 0]
    assert table.loc["乙镇", ["on_time", "late", "missing"]].tolist() == [0, 1, 1]
    assert table["punctuality"].to_dict() == {"丙镇": 0.0, "乙镇": 0.0, "甲镇": 1.0}


def test_punctuality_unknown_without_any_report(tiny):
    """With no daily report ever recorded, punctuality is unknown, not zero."""
    table = daily_punctuality(assessed(tiny, DAY))
    assert table["days"].eq(0).all() and table["punctuality"].isna().all()
