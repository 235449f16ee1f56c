import pandas as pd

from wagekit.subjects import with_contacts

PROJECTS = pd.DataFrame(
    {
        "project_id": ["P1", "P2"],
        "contact_person": ["张三", None],
        "contact_phone": ["0571-8888 1234", None],
    }
)
EMPLOYERS = pd.DataFrame({"employer_id": ["E1"], "name": ["某公司"]})


def test_contacts_come_from_the_ledger_of_each_subject():
    """A project gets its 联系人 and 联系电话; one without, or an employer, gets a blank."""
    frame = pd.DataFrame({"subject_id": ["E1", "P1", "P2"], "n": [1, 2, 3]}, index=[7, 8, 9])
    shown = with_contacts(frame, PROJECTS, EMPLOYERS)
    assert shown["contact_person"].tolist()[1] == "张三"
    assert shown["contact_phone"].tolist()[1] == "0571-8888 1234"
    assert shown["contact_person"].isna().tolist() == [True, False, True]
    assert shown.index.tolist() == [7, 8, 9] and shown["n"].tolist() == [1, 2, 3]


def test_ledgers_without_contacts_leave_the_frame_as_it_is():
    """No contact column in any ledger: no empty column is added."""
    frame = pd.DataFrame({"subject_id": ["E1"]})
    assert with_contacts(frame, PROJECTS[["project_id"]], EMPLOYERS).columns.tolist() == [
        "subject_id"
    ]
    assert with_contacts(frame, None, None) is frame
