import datetime as dt

import pandas as pd

from wagekit.checks import publicity
from wagekit.findings import FINDING_COLUMNS


def _ledger(rows):
    """A publicity ledger from (date, township, unit, activity, quantity, participants)."""
    date, township, unit, activity, quantity, participants = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "date": pd.to_datetime(list(date)),
            "township": pd.Series(township, dtype="str"),
            "unit": pd.Series(unit, dtype="str"),
            "activity": pd.Series(activity, dtype="str"),
            "quantity": pd.Series(quantity, dtype="Int64"),
            "participants": pd.Series(participants, dtype="Int64"),
            "source_row": pd.Series(range(2, 2 + len(rows)), dtype="int64"),
        }
    )


LEDGER = _ledger(
    [
        ("2023-11-20", "甲镇", "住建局", "发放宣传资料", 100, None),
        ("2023-11-21", "甲镇", "人社局", "现场咨询", 2, 30),
        ("2023-11-28", "乙镇", "住建局", "发放宣传资料", 50, 10),
    ]
)


def test_counts_by_activity_sum_events_quantity_participants():
    """Each activity counts its events and sums quantity and participants (missing = 0)."""
    counts = publicity.publicity_counts(LEDGER, "activity").set_index("activity")
    figures = ["events", "quantity", "participants"]
    assert counts.loc["发放宣传资料", figures].tolist() == [2, 150, 10]
    assert counts.loc["现场咨询", figures].tolist() == [1, 2, 30]


def test_counts_are_integers():
    """Counts are plain int64, never float or object."""
    counts = publicity.publicity_counts(LEDGER, "township")
    assert {str(counts[c].dtype) for c in ("events", "quantity", "participants")} == {"int64"}


def test_week_is_iso_week_monday_first():
    """Monday 2023-11-20 and Tuesday 2023-11-21 share ISO week 47; 2023-11-28 is week 48."""
    counts = publicity.publicity_counts(LEDGER, "week")
    assert counts.set_index("week")["events"].to_dict() == {"2023-W47": 2, "2023-W48": 1}


def test_iso_week_year_is_iso_year():
    """1 January 2027 (a Friday) belongs to ISO week 53 of 2026."""
    assert publicity.iso_week(pd.Series(pd.to_datetime(["2027-01-01"]))).tolist() == ["2026-W53"]


def test_counts_leave_out_events_after_as_of():
    """An event dated after as_of has not happened yet and is not counted."""
    counts = publicity.publicity_counts(LEDGER, "township", as_of=dt.date(2023, 11, 27))
    assert counts["township"].tolist() == ["甲镇"]


def test_counts_by_several_groups():
    """Grouping by township and activity gives one row per pair present."""
    counts = publicity.publicity_counts(LEDGER, ["township", "activity"])
    assert len(counts) == 3


def test_township_without_activity_is_a_finding():
    """A township of the projects ledger with no publicity event is reported by name."""
    projects = pd.DataFrame(
        {
            "township": pd.Series(["甲镇", "丙镇"], dtype="str"),
            "department": pd.Series(["住建局"] * 2, dtype="str"),
        }
    )
    found = publicity.publicity_gaps(LEDGER, projects=projects)
    assert found["subject_id"].tolist() == ["丙镇"]
    assert found["check"].tolist() == ["publicity.township_silent"]
    assert "丙镇" in found["message"].iloc[0]


def test_township_active_only_after_as_of_is_silent():
    """乙镇's only event is after as_of, so on as_of it has done nothing yet."""
    found = publicity.townships_without_activity(
        LEDGER, ["甲镇", "乙镇"], as_of=dt.date(2023, 11, 27)
    )
    assert found["subject_id"].tolist() == ["乙镇"]


def test_department_without_activity_is_a_finding():
    """A competent department of the projects ledger that ran no event is reported."""
    projects = pd.DataFrame(
        {
            "township": pd.Series(["甲镇"] * 2, dtype="str"),
            "department": pd.Series(["住建局", "交通运输局"], dtype="str"),
        }
    )
    found = publicity.publicity_gaps(LEDGER, projects=projects)
    assert found.loc[found["check"] == "publicity.unit_silent", "subject_id"].tolist() == [
        "交通运输局"
    ]


def test_explicit_townships_override_ledgers():
    """Townships given explicitly (e.g. from configuration) are the expected ones."""
    found = publicity.publicity_gaps(LEDGER, townships=["甲镇", "乙镇", "丁乡"], units=[])
    assert found["subject_id"].tolist() == ["丁乡"]


def test_no_gap_gives_empty_findings_with_fixed_columns():
    """When every township and unit did something, the findings frame is empty but shaped."""
    found = publicity.publicity_gaps(LEDGER, townships=["甲镇"], units=["住建局"])
    assert found.empty
    assert tuple(found.columns) == FINDING_COLUMNS
