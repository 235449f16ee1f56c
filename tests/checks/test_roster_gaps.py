import pandas as pd
from payroll_frames import ID_A, ID_B, ID_C, ROSTER, pay_row, payroll, workers

from wagekit.checks import roster_gaps as rg


def test_payroll_row_of_a_worker_rostered_on_another_project_is_a_gap():
    """A worker on P2's roster paid on P1's payroll is not on P1's roster."""
    frame = payroll([pay_row(ID_A, "P1"), pay_row(ID_C, "P1")])
    roster = ROSTER.loc[ROSTER["id_number"] != ID_B]
    out = rg.roster_gaps(frame, roster)
    gap = out.loc[out["gap"] == "not_on_roster"]
    assert gap[["id_number", "project_id", "table"]].to_dict("records") == [
        {"id_number": ID_C, "project_id": "P1", "table": "payroll"}
    ]


def test_rostered_worker_on_site_without_payroll_row_is_a_gap():
    """Rostered on P1 from September, P1 has payroll for Oct and Nov, the worker only for
    Oct: November is a gap; September (no payroll for P1 at all) is not."""
    roster = ROSTER.loc[ROSTER["project_id"] == "P1"]
    frame = payroll(
        [
            pay_row(ID_A, month="2023-10-01"),
            pay_row(ID_A, month="2023-11-01"),
            pay_row(ID_B, month="2023-10-01"),
        ]
    )
    out = rg.roster_gaps(frame, roster)
    assert out[["gap", "id_number", "month"]].to_dict("records") == [
        {"gap": "no_payroll", "id_number": ID_B, "month": pd.Timestamp("2023-11-01")}
    ]


def test_worker_who_left_is_not_a_gap_after_leaving():
    """A worker whose 退场日期 is in October is not expected on November's payroll."""
    roster = workers(
        [
            (ID_A, "张三", "P1", None, "月薪", 8700.0, "2023-09-01", None),
            (ID_B, "李四", "P1", None, "日薪", 300.0, "2023-09-01", "2023-10-20"),
        ]
    )
    frame = payroll(
        [
            pay_row(ID_A, month="2023-10-01"),
            pay_row(ID_A, month="2023-11-01"),
            pay_row(ID_B, month="2023-10-01"),
        ]
    )
    assert rg.roster_gaps(frame, roster).empty


def test_roster_gap_finding_names_the_worker_with_the_id_number_masked():
    """The finding says which worker and months, and never shows a full ID number."""
    roster = ROSTER.loc[ROSTER["project_id"] == "P1"]
    frame = payroll([pay_row(ID_A, month="2023-10-01"), pay_row(ID_B, month="2023-10-01")])
    frame = pd.concat([frame, payroll([pay_row(ID_A, month="2023-11-01")])], ignore_index=True)
    out = rg.roster_gap_findings(rg.roster_gaps(frame, roster))
    assert out["message"].tolist() == [
        "李四（110101********2345）在项目P1花名册内且在场，2023年11月无工资发放记录"
    ]
    assert out["value"].tolist() == ["110101********2345"]
