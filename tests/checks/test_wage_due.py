import numpy as np
import pandas as pd
import pytest
from payroll_frames import ID_A, ID_B, ID_C, ROSTER, pay_row, payroll

from wagekit.checks import wage_due as wd
from wagekit.findings import FINDING_COLUMNS

AS_OF = "2024-01-15"


def test_monthly_wage_due_for_exactly_21_75_days_is_the_full_rate():
    """月薪 with exactly 21.75 days worked is due the whole monthly rate."""
    out = wd.payroll_with_due(payroll([pay_row(days=21.75)]), ROSTER)
    assert out["wage_due"].tolist() == [8700.0]
    assert out["due_computed"].tolist() == [True]


def test_monthly_wage_due_is_capped_at_21_75_days():
    """月薪: days beyond 21.75 do not raise the wage due above the monthly rate."""
    out = wd.payroll_with_due(payroll([pay_row(days=26)]), ROSTER)
    assert out["wage_due"].tolist() == [8700.0]


def test_monthly_wage_due_is_prorated_below_21_75_days():
    """月薪: rate × days / 21.75 for a partial month."""
    out = wd.payroll_with_due(payroll([pay_row(days=10)]), ROSTER)
    assert out["wage_due"].iloc[0] == pytest.approx(8700 * 10 / 21.75)


def test_daily_wage_due_is_rate_times_days():
    """日薪: rate × days worked."""
    out = wd.payroll_with_due(payroll([pay_row(ID_B, days=26)]), ROSTER)
    assert out["wage_due"].tolist() == [300.0 * 26]


def test_given_wage_due_is_kept():
    """A wage due written in the ledger is used as is, not recomputed."""
    out = wd.payroll_with_due(payroll([pay_row(due=5000.0)]), ROSTER)
    assert out["wage_due"].tolist() == [5000.0]
    assert out["due_computed"].tolist() == [False]


def test_wage_due_stays_unknown_for_a_worker_not_on_the_roster():
    """Without 应发工资 and without a roster row the wage due is unknown, not 0."""
    out = wd.payroll_with_due(payroll([pay_row("110101199909099999")]), ROSTER)
    assert np.isnan(out["wage_due"].iloc[0]) and np.isnan(out["arrears"].iloc[0])


def test_arrears_are_due_minus_paid_and_never_negative():
    """arrears = max(wage_due − wage_paid, 0)."""
    out = wd.payroll_with_due(
        payroll([pay_row(due=1000.0, paid=400.0), pay_row(due=1000.0, paid=1200.0)]), ROSTER
    )
    assert out["arrears"].tolist() == [600.0, 0.0]


def test_due_by_is_the_last_day_of_the_next_month():
    """Wages of January 2024 are due by 29 February 2024 (a leap year)."""
    out = wd.payroll_with_due(payroll([pay_row(month="2024-01-01")]), ROSTER)
    assert out["due_by"].tolist() == [pd.Timestamp("2024-02-29")]


def test_worker_month_arrears_leaves_out_months_after_as_of():
    """A month starting after as_of is not counted; the month containing as_of is."""
    frame = payroll(
        [pay_row(month="2024-01-01", due=100.0), pay_row(month="2024-02-01", due=100.0)]
    )
    out = wd.worker_month_arrears(frame, ROSTER, as_of=AS_OF)
    assert out["month"].tolist() == [pd.Timestamp("2024-01-01")]


def test_worker_month_arrears_leaves_out_months_paid_in_full():
    """wage_paid = wage_due is not arrears."""
    frame = payroll([pay_row(due=100.0, paid=100.0), pay_row(ID_B, due=100.0, paid=99.0)])
    out = wd.worker_month_arrears(frame, ROSTER, as_of=AS_OF)
    assert out["id_number"].tolist() == [ID_B]
    assert out["name"].tolist() == ["李四"] and out["team"].tolist() == ["钢筋班"]


def test_worker_month_arrears_compute_the_wage_due_like_payroll_with_due():
    """Empty 应发工资: arrears use rate × min(days, 21.75) / 21.75 (月薪) and rate × days (日薪),
    the same figures payroll_with_due gives."""
    frame = payroll(
        [
            pay_row(ID_A, days=26, paid=700.0),
            pay_row(ID_B, days=10, paid=0.0),
            pay_row("110101199909099999", days=10, paid=0.0),
        ]
    )
    out = wd.worker_month_arrears(frame, ROSTER, as_of=AS_OF)
    full = wd.payroll_with_due(frame, ROSTER)
    assert out["wage_due"].tolist() == [8700.0, 3000.0]
    assert out["arrears"].tolist() == full["arrears"].iloc[:2].tolist() == [8000.0, 3000.0]


def test_arrears_finding_names_the_worker_month_and_amounts_with_id_masked():
    """The message reads like an inspector's note and hides the ID number's middle."""
    frame = payroll([pay_row(due=8400.0, paid=0.0)])
    out = wd.arrears_findings(wd.worker_month_arrears(frame, ROSTER, as_of=AS_OF))
    assert tuple(out.columns) == FINDING_COLUMNS
    assert out["message"].tolist() == [
        "张三（110101********1237）2023年10月应发8,400元，实发0元，欠薪8,400元"
    ]
    assert out["row"].tolist() == [2]


def test_sql_and_numpy_wage_due_agree_row_by_row():
    """worker_month_arrears (DuckDB) lists exactly the rows payroll_with_due (numpy) puts in
    arrears up to as_of, with the same wage due and arrears: both bases, days above and below
    21.75, given and empty 应发工资, a worker off the roster, paid in full, overpaid, a cent
    short, no wage paid, a month after as_of."""
    rng = np.random.default_rng(7)
    n = 400
    ids = rng.choice([ID_A, ID_B, ID_C, "110101199909099999"], n)
    months = rng.choice(["2023-10-01", "2023-11-01", "2024-01-01", "2024-02-01"], n)
    days = rng.choice([0.0, 3.0, 10.5, 21.75, 26.0], n)
    due = rng.choice([None, None, 1000.0, 2500.5], n)
    paid = rng.choice([0.0, 999.995, 1000.0, 1200.0, 2500.0, np.nan], n)
    frame = payroll(
        [
            pay_row(i, "P1", m, d, w, p)
            for i, m, d, w, p in zip(ids, months, days, due, paid, strict=True)
        ]
    )
    full = wd.payroll_with_due(frame, ROSTER)
    expected = full[(full["arrears"] > 0) & (full["month"] <= pd.Timestamp(AS_OF))]
    out = wd.worker_month_arrears(frame, ROSTER, as_of=AS_OF)
    assert len(expected) > 50
    assert out["source_row"].tolist() == expected["source_row"].tolist()
    assert np.allclose(out["wage_due"], expected["wage_due"])
    assert np.allclose(out["arrears"], expected["arrears"])
