import numpy as np
import pandas as pd
from payroll_frames import ID_A, ID_B, ID_C, ROSTER, pay_row, payroll

from wagekit.checks import arrears as ar
from wagekit.checks.arrears import arrears_by_subject

AS_OF = "2024-01-15"


def _projects(ids, amount, workers):
    return pd.DataFrame(
        {
            "project_id": pd.Series(ids, dtype="str"),
            "arrears_amount": pd.Series(amount, dtype="float64"),
            "arrears_workers": pd.Series(workers, dtype="Int64"),
        }
    )


EMPLOYERS = pd.DataFrame(
    {
        "employer_id": pd.Series(["91330100MA00000001", "91330100MA00000002"], dtype="str"),
        "arrears_amount": pd.Series([5000.0, np.nan]),
        "arrears_workers": pd.Series([2, pd.NA], dtype="Int64"),
    }
)


def test_project_with_payroll_is_judged_from_its_payroll_not_its_ledger():
    """P1 has payroll rows: its ledger 欠薪金额 is ignored."""
    pay = payroll(
        [
            (ID_A, "P1", "2023-10-01", 20, 1000.0, 400.0, None, "银行代发"),
            (ID_B, "P1", "2023-10-01", 20, 500.0, 0.0, None, "银行代发"),
        ]
    )
    out = arrears_by_subject(_projects(["P1"], [99999.0], [9]), None, pay, ROSTER, as_of=AS_OF)
    assert out.to_dict("records") == [
        {
            "subject_id": "P1",
            "subject_kind": "project",
            "amount": 1100.0,
            "workers": 2,
            "source": "payroll",
        }
    ]


def test_project_without_payroll_rows_is_judged_from_its_ledger():
    """P2 has no payroll rows while P1 does: P2's ledger arrears count."""
    pay = payroll([(ID_A, "P1", "2023-10-01", 20, 1000.0, 1000.0, "2023-11-05", "银行代发")])
    out = arrears_by_subject(
        _projects(["P1", "P2"], [0.0, 3000.0], [0, 3]), None, pay, ROSTER, as_of=AS_OF
    )
    assert out[["subject_id", "amount", "workers", "source"]].to_dict("records") == [
        {"subject_id": "P1", "amount": 0.0, "workers": 0, "source": "payroll"},
        {"subject_id": "P2", "amount": 3000.0, "workers": 3, "source": "ledger"},
    ]


def test_payroll_months_after_as_of_do_not_count():
    """Arrears of a month starting after as_of are not yet counted."""
    pay = payroll([(ID_A, "P1", "2024-02-01", 20, 1000.0, 0.0, None, "银行代发")])
    out = arrears_by_subject(_projects(["P1"], [np.nan], [pd.NA]), None, pay, ROSTER, as_of=AS_OF)
    assert out[["amount", "workers"]].iloc[0].tolist() == [0.0, 0]


def test_every_subject_is_listed_with_zero_when_nothing_is_owed():
    """Employers come from their ledger; an empty 欠薪金额 is 0 owed to 0 workers."""
    out = arrears_by_subject(None, EMPLOYERS, as_of=AS_OF)
    assert out.to_dict("records") == [
        {
            "subject_id": "91330100MA00000001",
            "subject_kind": "employer",
            "amount": 5000.0,
            "workers": 2,
            "source": "ledger",
        },
        {
            "subject_id": "91330100MA00000002",
            "subject_kind": "employer",
            "amount": 0.0,
            "workers": 0,
            "source": "ledger",
        },
    ]


def test_ledger_amount_without_head_count_keeps_workers_unknown():
    """欠薪金额 given but 欠薪人数 empty: workers is missing, not 0."""
    out = arrears_by_subject(_projects(["P1"], [3000.0], [pd.NA]), None, as_of=AS_OF)
    assert out["workers"].isna().tolist() == [True]


def test_result_columns_and_dtypes():
    """Columns subject_id, subject_kind, amount (float64), workers (Int64), source."""
    out = arrears_by_subject(_projects(["P1"], [1.0], [1]), EMPLOYERS, as_of=AS_OF)
    assert out.dtypes.astype(str).to_dict() == {
        "subject_id": "str",
        "subject_kind": "str",
        "amount": "float64",
        "workers": "Int64",
        "source": "str",
    }


def test_arrears_by_project_counts_amount_workers_and_months():
    """Per project: total arrears, distinct workers owed and distinct months."""
    frame = payroll(
        [
            pay_row(ID_A, month="2023-10-01", due=1000.0, paid=0.0),
            pay_row(ID_A, month="2023-11-01", due=1000.0, paid=500.0),
            pay_row(ID_B, month="2023-11-01", due=300.0, paid=0.0),
            pay_row(ID_C, "P2", month="2023-11-01", due=300.0, paid=300.0),
        ]
    )
    out = ar.arrears_by_project(frame, ROSTER, as_of=AS_OF)
    assert out[["project_id", "amount", "workers", "months", "worker_months"]].to_dict(
        "records"
    ) == [{"project_id": "P1", "amount": 1800.0, "workers": 2, "months": 2, "worker_months": 3}]


def test_arrears_by_worker_sums_a_workers_months():
    """Per worker and project: amount and number of months owed."""
    frame = payroll(
        [
            pay_row(month="2023-10-01", due=1000.0),
            pay_row(month="2023-11-01", due=800.0, paid=300.0),
        ]
    )
    out = ar.arrears_by_worker(frame, ROSTER, as_of=AS_OF)
    assert out[["id_number", "name", "amount", "months"]].to_dict("records") == [
        {"id_number": ID_A, "name": "张三", "amount": 1500.0, "months": 2}
    ]
