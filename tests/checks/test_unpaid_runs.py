from payroll_frames import ROSTER, pay_row, payroll

from wagekit.checks import unpaid_runs as ur

AS_OF = "2024-01-15"


def test_months_unpaid_in_a_row_is_broken_by_a_paid_month():
    """Oct and Nov unpaid, Dec paid, Jan unpaid: longest run 2, current run 1."""
    frame = payroll(
        [
            pay_row(month="2023-10-01", due=100.0),
            pay_row(month="2023-11-01", due=100.0),
            pay_row(month="2023-12-01", due=100.0, paid=100.0),
            pay_row(month="2024-01-01", due=100.0),
        ]
    )
    out = ur.months_unpaid_in_a_row(frame, ROSTER, as_of=AS_OF)
    assert out[["longest_run", "current_run"]].to_dict("records") == [
        {"longest_run": 2, "current_run": 1}
    ]


def test_current_run_is_zero_when_the_latest_month_is_paid():
    """A run that ended before the worker's latest payroll month is not current."""
    frame = payroll(
        [pay_row(month="2023-10-01", due=100.0), pay_row(month="2023-11-01", due=100.0, paid=100.0)]
    )
    out = ur.months_unpaid_in_a_row(frame, ROSTER, as_of=AS_OF)
    assert out[["longest_run", "current_run"]].iloc[0].tolist() == [1, 0]
