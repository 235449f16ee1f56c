"""The tables the dashboard and the files share (wagekit.tables), on a tiny literal campaign."""

import datetime as dt

import pandas as pd
import pytest

from wagekit.assessment import assess
from wagekit.ids import mask_id_numbers_in_text
from wagekit.load import load
from wagekit.summary import figures
from wagekit.tables import (
    CASE_LEDGER_HEADERS,
    case_ledger,
    cases_by_week,
    project_ledger,
    ranking,
    serious_subjects,
    to_chinese,
    two_zero_progress,
)

AS_OF = dt.date(2023, 12, 20)
ID = "110101199003071233"
TOML = """name = "导出测试专项行动"
region = "测试县"
start = 2023-11-01
end = 2024-02-09
"""
SYSTEMS = (
    "real_name",
    "wage_account",
    "general_contractor_pays",
    "bank_payment",
    "wage_deposit",
    "notice_board",
    "monthly_payment",
)
# P1 政府投资 in 甲镇, every system; P2 社会投资 in 乙镇, no wage account, 20,000 yuan owed.
# C1 (P1) closed in November; C2 and C3 (P2) open; C2's respondent is a person named with an ID.
TABLES = {
    "projects": pd.DataFrame(
        {
            "project_id": ["P1", "P2"],
            "name": ["一号楼", "二号楼"],
            "township": ["甲镇", "乙镇"],
            "department": ["住建局", "交通运输局"],
            "investment_type": ["政府投资", "社会投资"],
            "contractor": ["甲建公司", "乙建公司"],
            "contract_value": [1_000_000, 2_000_000],
            "start_date": ["2023-03-01", "2023-04-01"],
            **{s: ["是", "否" if s == "wage_account" else "是"] for s in SYSTEMS},
            "arrears_amount": [None, 20_000],
            "arrears_workers": [None, 4],
        }
    ),
    "cases": pd.DataFrame(
        {
            "case_id": ["C1", "C2", "C3"],
            "source": ["国家平台", "12345热线", "来信来访"],
            "received_date": ["2023-11-01", "2023-11-06", "2023-12-04"],
            "project_id": ["P1", "P2", "P2"],
            "respondent": ["甲建公司", f"包工头张三（{ID}）", "乙建公司"],
            "workers_involved": [3, 5, 2],
            "amount_involved": [30_000, 50_000, 8_000],
            "amount_recovered": [30_000, None, None],
            "status": ["已结案", "核查中", "受理"],
            "closed_date": ["2023-11-20", None, None],
        }
    ),
}


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    folder = tmp_path_factory.mktemp("campaign")
    (folder / "campaign.toml").write_text(TOML, encoding="utf-8")
    for name, frame in TABLES.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    loaded = load(folder)
    assert loaded.report.errors.empty, loaded.report.errors.to_string()
    return loaded


@pytest.fixture(scope="module")
def assessment(campaign):
    return assess(campaign, as_of=AS_OF)


@pytest.fixture(scope="module")
def summary(assessment):
    return figures(assessment)


def test_project_ledger_has_one_row_per_project_with_systems_and_arrears(assessment):
    """The project ledger lists each project with its systems, arrears and risk tier."""
    ledger = project_ledger(assessment).set_index("project_id")
    assert list(ledger.index) == ["P1", "P2"]
    assert bool(ledger.loc["P1", "wage_account"]) and not bool(ledger.loc["P2", "wage_account"])
    assert ledger.loc["P2", "arrears_amount"] == 20_000
    assert ledger.loc["P2", "tier"] == "一般欠薪" and ledger.loc["P1", "tier"] == "无欠薪"


def test_project_ledger_counts_store_records_per_project(assessment):
    """Inspections, findings (by checklist label) and orders recorded in the store are counted."""
    inspections = pd.DataFrame(
        {"subject_id": ["P2", "P2"], "visit_date": pd.to_datetime(["2023-12-01", "2023-12-08"])}
    )
    findings = pd.DataFrame(
        {"subject_id": ["P2", "P2"], "code": ["inspection.wage_account", "other.code"]}
    )
    ledger = project_ledger(assessment, inspections=inspections, findings=findings)
    p2 = ledger.set_index("project_id").loc["P2"]
    assert p2["inspections"] == 2 and p2["last_visit"] == pd.Timestamp("2023-12-08")
    assert p2["findings"] == 2 and p2["finding_labels"] == "开设农民工工资专用账户；other.code"
    assert p2["orders"] == 0


def test_case_ledger_gives_deadline_days_left_and_two_zero_class(assessment):
    """Each received case has its deadline, days left when open, 两清零 class and township."""
    ledger = case_ledger(assessment).set_index("case_id")
    assert list(ledger.columns) == [c for c in CASE_LEDGER_HEADERS if c != "case_id"]
    assert ledger.loc["C1", "two_zero_class"] == "政府投资类项目"
    assert ledger.loc["C2", "two_zero_class"] == "其他项目"
    assert ledger.loc["C2", "township"] == "乙镇"
    expected = (ledger.loc["C3", "deadline"] - pd.Timestamp(AS_OF)).days
    assert ledger.loc["C3", "days_left"] == expected
    assert pd.isna(ledger.loc["C1", "days_left"])


def test_id_numbers_in_text_are_masked():
    """An 18-character ID number inside a text cell keeps only its first 6 and last 4 characters."""
    masked = mask_id_numbers_in_text(pd.Series([f"张三（{ID}）", "甲建公司", None]))
    assert masked.iloc[0] == "张三（110101********1233）"
    assert masked.iloc[1] == "甲建公司" and pd.isna(masked.iloc[2])


def test_to_chinese_masks_unless_told_and_writes_yes_no(assessment):
    """Chinese headers, 是/否 for yes/no columns, ID numbers masked by default only."""
    ledger = case_ledger(assessment)
    shown = to_chinese(ledger, CASE_LEDGER_HEADERS)
    assert "被投诉单位" in shown.columns and set(shown["是否办结"]) == {"是", "否"}
    assert ID not in shown.to_string()
    assert ID in to_chinese(ledger, CASE_LEDGER_HEADERS, mask_ids=False).to_string()


def test_ranking_puts_most_open_cases_first(assessment):
    """Townships are ranked by open cases: 乙镇 (two open) before 甲镇 (none)."""
    table = ranking(assessment, "township")
    assert list(table["township"]) == ["乙镇", "甲镇"]
    first = table.iloc[0]
    assert (first["cases_received"], first["cases_open"], first["closure_rate"]) == (2, 2, 0.0)
    assert table.iloc[1]["closure_rate"] == 1.0


def test_cases_by_week_counts_received_and_closed_with_empty_weeks(assessment):
    """Weeks run Monday to Sunday, from the first case to the last, empty weeks included."""
    weeks = cases_by_week(assessment).set_index("week")
    assert weeks.index[0] == pd.Timestamp("2023-10-30")  # the Monday before 1 November
    assert weeks.loc["2023-11-20", "closed"] == 1 and weeks.loc["2023-11-20", "received"] == 0
    assert weeks["received"].sum() == 3 and len(weeks) == 6


def test_two_zero_progress_per_class(assessment):
    """Government-class cases (C1) are all closed; the others (C2, C3) are both open."""
    progress = two_zero_progress(assessment).set_index("class")
    assert progress.loc["政府投资类项目", ["cases", "closed", "open"]].tolist() == [1, 1, 0]
    assert progress.loc["其他项目", ["cases", "closed", "open"]].tolist() == [2, 0, 2]
    assert progress.loc["政府投资类项目", "deadline"] == pd.Timestamp("2023-12-31")


def test_to_chinese_leaves_identifier_columns_unmasked():
    """A case number of 16 digits names a case, not a person: it is not masked like an account."""
    frame = pd.DataFrame({"case_id": ["2023112000012345"], "respondent": ["6222020200001234567"]})
    shown = to_chinese(frame, {"case_id": "案件编号", "respondent": "被投诉单位"})
    assert shown.loc[0, "案件编号"] == "2023112000012345"
    assert shown.loc[0, "被投诉单位"] == "622202*********4567"


def test_serious_subjects_lists_open_cases_and_orders(assessment):
    """A serious-tier project is listed with its open cases and the orders recorded against it."""
    risk = assessment.risk.copy()
    risk.loc[risk["subject_id"] == "P2", "tier"] = "serious"
    serious_view = type(assessment)(**{**assessment.__dict__, "risk": risk})
    orders = pd.DataFrame(
        {
            "subject_id": ["P2"],
            "kind": ["限期整改指令书"],
            "deadline": pd.to_datetime(["2024-01-20"]),
            "status": ["待履行"],
        }
    )
    table = serious_subjects(serious_view, orders)
    assert table["subject_id"].tolist() == ["P2"]
    assert table.loc[0, "open_case_ids"] == "C2、C3"
    assert table.loc[0, "orders"] == "限期整改指令书（期限2024-01-20，待履行）"
