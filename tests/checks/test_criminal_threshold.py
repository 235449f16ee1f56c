import pandas as pd
import pytest
from payroll_frames import ROSTER, pay_row, payroll, workers

from wagekit.checks import criminal_threshold as ct

AS_OF = "2024-01-15"


def _crew(n):
    ids = [f"1101011990010{i:04d}X" for i in range(n)]
    roster = workers(
        [(i, f"工人{k}", "P1", None, "日薪", 300.0, "2023-10-01", None) for k, i in enumerate(ids)]
    )
    return ids, roster


def test_one_worker_owed_three_months_reaching_the_amount_meets_the_standard():
    """One worker owed in 3 months adding up to exactly the per-worker amount: met."""
    frame = payroll(
        [
            pay_row(month=m, due=2000.0, paid=0.0 if m != "2023-12-01" else 1000.0)
            for m in ("2023-10-01", "2023-11-01", "2023-12-01")
        ]
    )
    out = ct.criminal_threshold(frame, ROSTER, as_of=AS_OF, criminal_amount_per_worker=5000)
    assert out[["subject_id", "rule", "workers_3_months"]].to_dict("records") == [
        {"subject_id": "P1", "rule": "per_worker", "workers_3_months": 1}
    ]


def test_one_worker_owed_two_months_does_not_meet_the_standard():
    """Two months owed, however much, is not the per-worker standard."""
    frame = payroll([pay_row(month=m, due=9000.0) for m in ("2023-10-01", "2023-11-01")])
    assert ct.criminal_threshold(frame, ROSTER, as_of=AS_OF).empty


def test_ten_workers_owed_the_total_meet_the_standard_nine_do_not():
    """10 workers owed 30,000 in all: met; 9 workers owed as much: not met."""
    ids, roster = _crew(10)
    ten = payroll([pay_row(i, due=3000.0) for i in ids])
    nine = payroll([pay_row(i, due=30000.0 / 9) for i in ids[:9]])
    met = ct.criminal_threshold(ten, roster, as_of=AS_OF, criminal_amount_total=30000)
    assert met["rule"].tolist() == ["total"]
    assert ct.criminal_threshold(nine, roster, as_of=AS_OF, criminal_amount_total=30000).empty


def test_employer_ledger_arrears_meet_the_total_standard():
    """An employer's ledger (12 workers, 40,000) meets the total standard."""
    employers = pd.DataFrame(
        {
            "employer_id": pd.Series(["91330100MA00000001", "91330100MA00000002"], dtype="str"),
            "arrears_amount": pd.Series([40000.0, 40000.0]),
            "arrears_workers": pd.Series([12, 3], dtype="Int64"),
        }
    )
    out = ct.criminal_threshold(employers=employers, as_of=AS_OF)
    assert out[["subject_id", "subject_kind", "source"]].to_dict("records") == [
        {"subject_id": "91330100MA00000001", "subject_kind": "employer", "source": "ledger"}
    ]


@pytest.mark.parametrize(("amount", "met"), [(30_000.0, True), (29_999.99, False)])
def test_total_standard_is_reached_at_exactly_the_amount(amount, met):
    """10 workers owed exactly criminal_amount_total meet it; one cent less does not."""
    employers = pd.DataFrame(
        {
            "employer_id": pd.Series(["91330100MA00000001"], dtype="str"),
            "arrears_amount": pd.Series([amount]),
            "arrears_workers": pd.Series([10], dtype="Int64"),
        }
    )
    out = ct.criminal_threshold(employers=employers, as_of=AS_OF, criminal_amount_total=30000)
    assert len(out) == (1 if met else 0)
