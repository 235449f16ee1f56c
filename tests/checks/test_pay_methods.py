from payroll_frames import ID_B, ID_C, ROSTER, pay_row, payroll

from wagekit.checks import pay_methods as pm


def test_cash_and_foreman_payments_are_listed_bank_payments_are_not():
    """pay_method 现金 or 班组长代领 is a finding; 银行代发 and empty are not."""
    frame = payroll(
        [
            pay_row(method="现金"),
            pay_row(ID_B, method="班组长代领"),
            pay_row(ID_C, "P2", method="银行代发"),
            pay_row(ID_C, "P2", month="2023-11-01", method=None),
        ]
    )
    out = pm.cash_or_via_foreman(frame, ROSTER)
    assert out["pay_method"].tolist() == ["现金", "班组长代领"]
    assert out["name"].tolist() == ["张三", "李四"]


def test_cash_finding_says_how_the_wage_was_paid_with_the_id_number_masked():
    """现金 reads 以现金发放, with the worker's ID number masked."""
    out = pm.cash_or_via_foreman_findings(
        pm.cash_or_via_foreman(payroll([pay_row(paid=8400.0, method="现金")]), ROSTER)
    )
    assert out["message"].tolist() == [
        "张三（110101********1237）2023年10月工资8,400元以现金发放，未通过银行代发"
    ]
