from payroll_frames import ID_A, ID_B, ID_C, pay_row, payroll, workers

from wagekit.checks import minimum_wage as mw


def test_full_month_wage_exactly_at_the_minimum_is_not_below():
    """days_worked = 21.75 and wage_due = minimum: not below the minimum wage."""
    frame = payroll([pay_row(days=21.75, due=1900.0), pay_row(ID_C, "P2", days=21.75, due=1899.0)])
    out = mw.below_minimum_wage(
        frame,
        workers(
            [
                (ID_A, "张三", "P1", None, "月薪", 1900.0, "2023-01-01", None),
                (ID_C, "王五", "P2", None, "月薪", 1899.0, "2023-01-01", None),
            ]
        ),
        minimum_wage_monthly=1900,
    )
    assert out["id_number"].tolist() == [ID_C]
    assert out["reason"].tolist() == ["full_month"]


def test_partial_month_below_the_minimum_is_not_judged():
    """Fewer than 21.75 days: a low monthly wage is not a minimum-wage finding."""
    frame = payroll([pay_row(days=21.5, due=1000.0)])
    out = mw.below_minimum_wage(
        frame,
        workers([(ID_A, "张三", "P1", None, "月薪", 1000.0, "2023-01-01", None)]),
        minimum_wage_monthly=1900,
    )
    assert out.empty


def test_daily_rate_below_minimum_over_21_75_is_below():
    """日薪 rate below minimum / 21.75 is below, even for a few days; exactly equal is not."""
    minimum = 2175.0  # 100 a day
    roster = workers(
        [
            (ID_A, "张三", "P1", None, "日薪", 99.0, "2023-01-01", None),
            (ID_B, "李四", "P1", None, "日薪", 100.0, "2023-01-01", None),
        ]
    )
    frame = payroll([pay_row(ID_A, days=3), pay_row(ID_B, days=3)])
    out = mw.below_minimum_wage(frame, roster, minimum_wage_monthly=minimum)
    assert out["id_number"].tolist() == [ID_A]
    assert out["reason"].tolist() == ["daily_rate"]
