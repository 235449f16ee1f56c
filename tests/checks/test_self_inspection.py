import datetime as dt

import pandas as pd

from wagekit.checks import self_inspection as si
from wagekit.checks.arrears import arrears_by_subject
from wagekit.findings import FINDING_COLUMNS
from wagekit.subjects import campaign_subjects

PROJECTS = pd.DataFrame(
    {
        "project_id": pd.Series(["P1", "P2"], dtype="str"),
        "name": pd.Series(["一号楼", "二号楼"], dtype="str"),
        "township": pd.Series(["甲镇", "乙镇"], dtype="str"),
        "department": pd.Series(["住建局", "住建局"], dtype="str"),
        "investment_type": pd.Series(["政府投资", "社会投资"], dtype="str"),
        "source_row": pd.Series([2, 3], dtype="int64"),
    }
)
EMPLOYERS = pd.DataFrame(
    {
        "employer_id": pd.Series(["91330100MA00000001"], dtype="str"),
        "name": pd.Series(["某制衣厂"], dtype="str"),
        "township": pd.Series(["甲镇"], dtype="str"),
        "source_row": pd.Series([2], dtype="int64"),
    }
)
SUBJECTS = campaign_subjects(PROJECTS, EMPLOYERS)
NO_ARREARS = pd.DataFrame(
    {
        "subject_id": pd.Series([], dtype="str"),
        "amount": pd.Series([], dtype="float64"),
        "workers": pd.Series([], dtype="Int64"),
    }
)


def _forms(rows):
    """A self-inspection ledger from (subject_id, submitted_date, amount, workers)."""
    subject, date, amount, workers = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "subject_id": pd.Series(subject, dtype="str"),
            "submitted_date": pd.to_datetime(list(date)),
            "reported_arrears_amount": pd.Series(amount, dtype="float64"),
            "reported_arrears_workers": pd.Series(workers, dtype="Int64"),
            "rectified": pd.Series([pd.NA] * len(rows), dtype="boolean"),
            "source_row": pd.Series(range(2, 2 + len(rows)), dtype="int64"),
        }
    )


def _arrears(rows):
    subject, amount, workers = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "subject_id": pd.Series(subject, dtype="str"),
            "amount": pd.Series(amount, dtype="float64"),
            "workers": pd.Series(workers, dtype="Int64"),
        }
    )


def test_expected_is_every_project_and_employer():
    """Every project and every employer is expected to hand in a form."""
    assert SUBJECTS["subject_id"].tolist() == ["P1", "P2", "91330100MA00000001"]
    assert SUBJECTS["subject_kind"].tolist() == ["project", "project", "employer"]


def test_subject_without_form_is_missing():
    """A subject no form names is missing, and the finding names it."""
    status = si.self_inspection_status(_forms([("P1", "2023-11-10", 0, 0)]), SUBJECTS, NO_ARREARS)
    found = si.missing_self_inspections(status)
    assert found["subject_id"].tolist() == ["P2", "91330100MA00000001"]
    assert "二号楼" in found["message"].iloc[0]


def test_form_after_as_of_is_not_yet_submitted():
    """A form dated after as_of does not count as submitted on as_of."""
    status = si.self_inspection_status(
        _forms([("P1", "2023-11-20", 0, 0)]), SUBJECTS, NO_ARREARS, as_of=dt.date(2023, 11, 19)
    )
    assert not status.set_index("subject_id").loc["P1", "submitted"]


def test_agreeing_report_is_not_mismatched():
    """A report equal to the computed arrears (amount and workers) agrees."""
    status = si.self_inspection_status(
        _forms([("P1", "2023-11-10", 12000, 3)]), SUBJECTS, _arrears([("P1", 12000, 3)])
    )
    assert not status["mismatched"].any()


def test_report_of_no_arrears_against_computed_arrears_is_mismatched():
    """Reporting no arrears where the ledgers show 12,000 yuan for 3 workers is a mismatch."""
    status = si.self_inspection_status(
        _forms([("P1", "2023-11-10", 0, 0)]), SUBJECTS, _arrears([("P1", 12000, 3)])
    )
    found = si.mismatched_self_inspections(status)
    assert found["subject_id"].tolist() == ["P1"]
    assert found["row"].tolist() == [2]


def test_mismatch_message_names_both_figures():
    """The finding says what was reported and what was computed."""
    status = si.self_inspection_status(
        _forms([("P1", "2023-11-10", 500, 1)]), SUBJECTS, _arrears([("P1", 12000, 3)])
    )
    message = si.mismatched_self_inspections(status)["message"].iloc[0]
    assert "500元、1人" in message and "12000元、3人" in message


def test_worker_count_alone_can_mismatch():
    """Same amount but a different number of workers is a mismatch."""
    status = si.self_inspection_status(
        _forms([("P1", "2023-11-10", 12000, 2)]), SUBJECTS, _arrears([("P1", 12000, 3)])
    )
    assert status.set_index("subject_id").loc["P1", "mismatched"]


def test_amount_within_tolerance_agrees():
    """A difference within amount_tolerance yuan is not a mismatch."""
    status = si.self_inspection_status(
        _forms([("P1", "2023-11-10", 12000.4, 3)]),
        SUBJECTS,
        _arrears([("P1", 12000, 3)]),
        amount_tolerance=0.5,
    )
    assert not status["mismatched"].any()


def test_latest_form_counts():
    """When a subject handed in two forms, the later one is compared."""
    forms = _forms([("P1", "2023-11-20", 12000, 3), ("P1", "2023-11-10", 0, 0)])
    status = si.self_inspection_status(forms, SUBJECTS, _arrears([("P1", 12000, 3)]))
    assert not status["mismatched"].any()
    assert status.set_index("subject_id").loc["P1", "row"] == 2


def test_missing_subject_is_never_mismatched():
    """A subject that handed in nothing is missing, not mismatched."""
    status = si.self_inspection_status(
        _forms([("P1", "2023-11-10", 0, 0)]), SUBJECTS, _arrears([("P2", 5000, 1)])
    )
    assert not status.set_index("subject_id").loc["P2", "mismatched"]


def test_findings_have_fixed_columns_when_empty():
    """No missing and no mismatched form gives empty findings with the fixed columns."""
    forms = _forms(
        [
            ("P1", "2023-11-10", 0, 0),
            ("P2", "2023-11-10", 0, 0),
            ("91330100MA00000001", "2023-11-10", 0, 0),
        ]
    )
    status = si.self_inspection_status(forms, SUBJECTS, NO_ARREARS)
    for found in (si.missing_self_inspections(status), si.mismatched_self_inspections(status)):
        assert found.empty and tuple(found.columns) == FINDING_COLUMNS


def test_findings_compare_with_arrears_computed_from_ledgers():
    """Without payroll, a project's computed arrears are its ledger's 欠薪金额 and 欠薪人数."""
    projects = PROJECTS.assign(
        arrears_amount=pd.Series([8000.0, None], dtype="float64"),
        arrears_workers=pd.Series([2, None], dtype="Int64"),
    )
    employers = EMPLOYERS.assign(
        arrears_amount=pd.Series([None], dtype="float64"),
        arrears_workers=pd.Series([None], dtype="Int64"),
    )
    forms = _forms(
        [
            ("P1", "2023-11-10", 0, 0),
            ("P2", "2023-11-10", 0, 0),
            ("91330100MA00000001", "2023-11-10", 0, 0),
        ]
    )
    arrears = arrears_by_subject(projects, employers, as_of=dt.date(2023, 11, 30))
    subjects = campaign_subjects(projects, employers)
    status = si.self_inspection_status(forms, subjects, arrears, as_of=dt.date(2023, 11, 30))
    found = si.mismatched_self_inspections(status)
    assert found["check"].tolist() == ["self_inspection.mismatch"]
    assert found["subject_id"].tolist() == ["P1"]
