import datetime as dt

import pandas as pd
import pytest
from wagekit.widgets.components.project_card import ProjectCard

from wagekit.assessment import assess
from wagekit.load import load

SYSTEMS = (
    "real_name",
    "wage_account",
    "general_contractor_pays",
    "bank_payment",
    "wage_deposit",
    "notice_board",
    "monthly_payment",
)
TABLES = {
    "projects": pd.DataFrame(
        {
            "project_id": ["P1"],
            "name": ["一号楼"],
            "township": ["甲镇"],
            "department": ["住建局"],
            "investment_type": ["政府投资"],
            "contractor": ["甲建公司"],
            "contract_value": [1_000_000],
            "start_date": ["2023-03-01"],
            **{s: ["否" if s == "wage_account" else "是"] for s in SYSTEMS},
            "arrears_amount": [20_000],
            "arrears_workers": [4],
        }
    ),
    "cases": pd.DataFrame(
        {
            "case_id": ["C1"],
            "source": ["国家平台"],
            "received_date": ["2023-12-01"],
            "project_id": ["P1"],
            "respondent": ["甲建公司"],
            "workers_involved": [4],
            "amount_involved": [20_000],
            "status": ["核查中"],
        }
    ),
}


@pytest.fixture(scope="module")
def assessment(tmp_path_factory):
    folder = tmp_path_factory.mktemp("campaign")
    (folder / "campaign.toml").write_text(
        'name = "卡片测试"\nregion = "测试县"\nstart = 2023-11-01\nend = 2024-02-09\n',
        encoding="utf-8",
    )
    for name, frame in TABLES.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return assess(load(folder), as_of=dt.date(2023, 12, 20))


def test_card_shows_systems_arrears_and_cases(assessment):
    """The card marks the missing wage account, states the arrears and lists the open case."""
    card = ProjectCard()
    card.show(assessment, "P1")
    page = card.w_html.value
    assert "wk-system-wage_account wk-missing" in page and "wk-system-real_name wk-ok" in page
    assert "20,000" in page and "一般欠薪" in page
    assert "C1" in page and "政府投资类项目" in page


def test_card_lists_what_the_store_recorded(assessment):
    """Inspections, findings (by checklist label) and orders of the project are listed."""
    card = ProjectCard()
    card.show(
        assessment,
        "P1",
        inspections=pd.DataFrame(
            {
                "subject_id": ["P1"],
                "visit_date": [pd.Timestamp("2023-12-05")],
                "inspectors": [["张伟", "李娜"]],
                "note": [None],
            }
        ),
        findings=pd.DataFrame(
            {
                "subject_id": ["P1", "P9"],
                "code": ["inspection.child_labour", "x"],
                "severity": ["serious", "info"],
                "note": [None, None],
                "updated_by": ["张伟"] * 2,
            }
        ),
        orders=pd.DataFrame(
            {
                "subject_id": ["P1"],
                "kind": ["限期整改指令书"],
                "issued": [pd.Timestamp("2023-12-06")],
                "deadline": [pd.Timestamp("2023-12-13")],
                "status": ["待履行"],
            }
        ),
    )
    page = card.w_html.value
    assert "2023-12-05" in page and "张伟、李娜" in page
    assert "未使用童工" in page and "严重" in page
    assert "限期整改指令书" in page and "2023-12-13" in page


def test_unknown_subject_says_so(assessment):
    """An id in no ledger gives a plain message instead of an empty card."""
    card = ProjectCard()
    card.show(assessment, "P404")
    assert "没有编号为 P404" in card.w_html.value
