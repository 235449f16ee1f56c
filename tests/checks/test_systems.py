import pandas as pd
from payroll_frames import ID_A, ROSTER, payroll

from wagekit.checks import systems as sy
from wagekit.findings import FINDING_COLUMNS
from wagekit.schema import SYSTEMS

AS_OF = "2024-01-15"


def _projects(rows):
    """Projects from (project_id, township, investment_type, systems dict)."""
    ids, townships, kinds, flags = zip(*rows, strict=True)
    frame = pd.DataFrame(
        {
            "project_id": pd.Series(ids, dtype="str"),
            "name": pd.Series([f"{i}工程" for i in ids], dtype="str"),
            "township": pd.Series(townships, dtype="str"),
            "department": pd.Series(["住建局"] * len(ids), dtype="str"),
            "investment_type": pd.Series(kinds, dtype="str"),
        }
    )
    for system in SYSTEMS:
        values = [f.get(system, True) for f in flags]
        frame[system] = pd.Series(values, dtype="boolean" if system == "monthly_payment" else bool)
    frame["source_row"] = pd.Series(range(2, len(ids) + 2), dtype="int64")
    return frame


def _pay(month, paid, pay_date):
    return payroll([(ID_A, "P1", month, 21.75, 1000.0, paid, pay_date, "银行代发")])


def test_all_systems_needs_all_seven():
    """A project missing one system does not have all systems."""
    projects = _projects(
        [("P1", "甲镇", "政府投资", {}), ("P2", "甲镇", "社会投资", {"notice_board": False})]
    )
    out = sy.project_systems(projects, as_of=AS_OF)
    assert out["all_systems"].tolist() == [True, False]


def test_missing_ledger_monthly_payment_counts_as_not_in_place():
    """An empty 按月足额支付 cell (no payroll) is not a system in place."""
    projects = _projects([("P1", "甲镇", "政府投资", {"monthly_payment": pd.NA})])
    out = sy.project_systems(projects, as_of=AS_OF)
    assert out["monthly_payment"].tolist() == [False]


def test_monthly_payment_derived_from_payroll_paid_on_the_deadline_is_kept():
    """October paid in full on 30 November (the deadline): monthly payment holds."""
    projects = _projects([("P1", "甲镇", "政府投资", {"monthly_payment": False})])
    out = sy.project_systems(
        projects, _pay("2023-10-01", 1000.0, "2023-11-30"), ROSTER, as_of=AS_OF
    )
    assert out[["monthly_payment", "monthly_payment_source"]].iloc[0].tolist() == [True, "payroll"]


def test_monthly_payment_fails_when_paid_after_the_deadline():
    """October paid on 1 December: not paid on time."""
    projects = _projects([("P1", "甲镇", "政府投资", {})])
    out = sy.project_systems(
        projects, _pay("2023-10-01", 1000.0, "2023-12-01"), ROSTER, as_of=AS_OF
    )
    assert out["monthly_payment"].tolist() == [False]


def test_monthly_payment_fails_when_paid_short():
    """October paid 900 of 1,000 on time: not paid in full."""
    projects = _projects([("P1", "甲镇", "政府投资", {})])
    out = sy.project_systems(projects, _pay("2023-10-01", 900.0, "2023-11-10"), ROSTER, as_of=AS_OF)
    assert out["monthly_payment"].tolist() == [False]


def test_month_whose_deadline_has_not_passed_cannot_fail():
    """December unpaid on 15 January (deadline 31 January) does not break monthly payment."""
    projects = _projects([("P1", "甲镇", "政府投资", {})])
    out = sy.project_systems(projects, _pay("2023-12-01", 0.0, None), ROSTER, as_of=AS_OF)
    assert out["monthly_payment"].tolist() == [True]


def test_ledger_yes_contradicted_by_payroll_is_a_serious_finding():
    """Ledger 按月足额支付 是, payroll shows October unpaid: a serious finding."""
    projects = _projects([("P1", "甲镇", "政府投资", {"monthly_payment": True})])
    frame = sy.project_systems(projects, _pay("2023-10-01", 0.0, None), ROSTER, as_of=AS_OF)
    out = sy.contradicted_monthly_payment_findings(frame)
    assert tuple(out.columns) == FINDING_COLUMNS
    assert out[["subject_id", "severity", "column"]].to_dict("records") == [
        {"subject_id": "P1", "severity": "serious", "column": "monthly_payment"}
    ]


def test_missing_system_findings_name_the_system_in_chinese():
    """One finding per missing system, naming it as the offices do."""
    projects = _projects([("P1", "甲镇", "政府投资", {"wage_deposit": False})])
    out = sy.missing_system_findings(sy.project_systems(projects, as_of=AS_OF))
    assert out["message"].tolist() == ["项目P1（P1工程）未落实工资保证金制度"]
    assert out["row"].tolist() == [2]


def test_coverage_counts_and_rates_per_township():
    """甲镇: 2 projects, 1 with a notice board (0.5); 乙镇: 1 of 1."""
    projects = _projects(
        [
            ("P1", "甲镇", "政府投资", {}),
            ("P2", "甲镇", "社会投资", {"notice_board": False}),
            ("P3", "乙镇", "社会投资", {}),
        ]
    )
    out = sy.systems_coverage(sy.project_systems(projects, as_of=AS_OF), by="township")
    out = out.set_index("township").loc[["甲镇", "乙镇"]].reset_index()
    assert out[
        ["township", "projects", "notice_board_count", "notice_board_rate", "all_systems_rate"]
    ].to_dict("records") == [
        {
            "township": "甲镇",
            "projects": 2,
            "notice_board_count": 1,
            "notice_board_rate": 0.5,
            "all_systems_rate": 0.5,
        },
        {
            "township": "乙镇",
            "projects": 1,
            "notice_board_count": 1,
            "notice_board_rate": 1.0,
            "all_systems_rate": 1.0,
        },
    ]


def test_coverage_by_none_is_one_row_over_all_projects():
    """by=None gives one total row, rates rounded to 4 places."""
    projects = _projects(
        [
            ("P1", "甲镇", "政府投资", {}),
            ("P2", "甲镇", "社会投资", {}),
            ("P3", "乙镇", "社会投资", {"real_name": False}),
        ]
    )
    out = sy.systems_coverage(sy.project_systems(projects, as_of=AS_OF), by=None)
    assert out[["projects", "real_name_count", "real_name_rate"]].iloc[0].tolist() == [3, 2, 0.6667]
