import pandas as pd
from payroll_frames import ID_A, ROSTER, pay_row, payroll, workers

from wagekit.checks import early_warnings as ew


def _crew(n):
    ids = [f"1101011990010{i:04d}X" for i in range(n)]
    roster = workers(
        [(i, f"工人{k}", "P1", None, "日薪", 300.0, "2023-10-01", None) for k, i in enumerate(ids)]
    )
    return ids, roster


ROSTER_A = ROSTER.loc[ROSTER["id_number"] == ID_A]


def _warning_colour(rows, as_of, roster=ROSTER_A):
    out = ew.payroll_warnings(payroll(rows), roster, as_of=as_of)
    return out.set_index(["project_id", "month"])["colour"]


def test_paid_on_the_last_day_of_the_next_month_is_not_red():
    """October wages paid on 30 November are on time: green."""
    colour = _warning_colour([pay_row(due=100.0, paid=100.0, pay_date="2023-11-30")], "2023-12-05")
    assert colour.tolist() == ["green"]


def test_paid_the_day_after_the_next_month_is_red():
    """October wages paid on 1 December, judged on 5 December: red."""
    colour = _warning_colour([pay_row(due=100.0, paid=100.0, pay_date="2023-12-01")], "2023-12-05")
    assert colour.tolist() == ["red"]


def test_unpaid_before_the_deadline_is_yellow():
    """October wages of 1 of 10 workers unpaid on 20 November (deadline 30 November): yellow."""
    ids, roster = _crew(10)
    rows = [pay_row(i, due=100.0, paid=100.0, pay_date="2023-11-10") for i in ids[:9]]
    colour = _warning_colour([*rows, pay_row(ids[9], due=100.0)], "2023-11-20", roster)
    assert colour.tolist() == ["yellow"]


def test_unpaid_on_the_deadline_day_itself_is_not_yet_red():
    """Judged on 30 November, October's deadline has not passed: yellow, not red."""
    ids, roster = _crew(10)
    rows = [pay_row(i, due=100.0, paid=100.0, pay_date="2023-11-10") for i in ids[:9]]
    colour = _warning_colour([*rows, pay_row(ids[9], due=100.0)], "2023-11-30", roster)
    assert colour.tolist() == ["yellow"]


def test_month_not_over_is_not_judged():
    """November is not judged on 20 November."""
    out = ew.payroll_warnings(payroll([pay_row(month="2023-11-01")]), ROSTER, as_of="2023-11-20")
    assert out.empty


def test_exactly_ten_percent_without_pay_record_is_not_red():
    """1 of 10 attending workers with no payment recorded: 10% is not more than 10% (yellow)."""
    ids, roster = _crew(10)
    rows = [pay_row(i, due=100.0, paid=100.0, pay_date="2023-11-10") for i in ids[:9]]
    assert _warning_colour([*rows, pay_row(ids[9], due=100.0)], "2023-11-20", roster).tolist() == [
        "yellow"
    ]


def test_more_than_ten_percent_without_pay_record_is_red():
    """2 of 10 attending workers with no payment recorded, before any deadline: red."""
    ids, roster = _crew(10)
    rows = [pay_row(i, due=100.0, paid=100.0, pay_date="2023-11-10") for i in ids[:8]]
    unpaid = [pay_row(i, due=100.0) for i in ids[8:]]
    assert _warning_colour(rows + unpaid, "2023-11-20", roster).tolist() == ["red"]


def test_rostered_worker_without_payroll_row_is_not_an_attendance():
    """Attendance is only known from the payroll: a roster gap alone colours nothing."""
    ids, roster = _crew(10)
    rows = [pay_row(i, due=100.0, paid=100.0, pay_date="2023-11-10") for i in ids[:5]]
    assert _warning_colour(rows, "2023-11-20", roster).tolist() == ["green"]


def test_warning_counts_count_a_project_once_at_its_worst_colour():
    """P1 red in October and yellow in November counts as one red project."""
    warnings = pd.DataFrame(
        {
            "project_id": pd.Series(["P1", "P1", "P2", "P3"], dtype="str"),
            "colour": pd.Series(["red", "yellow", "yellow", "green"], dtype="str"),
        }
    )
    assert ew.warning_counts(warnings) == {"red": 1, "yellow": 1}
