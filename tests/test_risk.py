import pandas as pd

from wagekit import risk
from wagekit.subjects import campaign_subjects


def _projects(rows):
    """Projects from (project_id, investment_type)."""
    ids, kinds = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "project_id": pd.Series(ids, dtype="str"),
            "name": pd.Series([f"{i}工程" for i in ids], dtype="str"),
            "township": pd.Series(["甲镇"] * len(ids), dtype="str"),
            "department": pd.Series(["住建局"] * len(ids), dtype="str"),
            "investment_type": pd.Series(kinds, dtype="str"),
            "source_row": pd.Series(range(2, 2 + len(ids)), dtype="int64"),
        }
    )


EMPLOYERS = pd.DataFrame(
    {
        "employer_id": pd.Series(["91330100MA00000001"], dtype="str"),
        "name": pd.Series(["某制衣厂"], dtype="str"),
        "township": pd.Series(["乙镇"], dtype="str"),
        "source_row": pd.Series([2], dtype="int64"),
    }
)
SUBJECTS = campaign_subjects(_projects([("P1", "社会投资"), ("P2", "社会投资")]), EMPLOYERS)


def _arrears(rows):
    ids, amount, workers = zip(*rows, strict=True) if rows else ((), (), ())
    return pd.DataFrame(
        {
            "subject_id": pd.Series(ids, dtype="str"),
            "amount": pd.Series(amount, dtype="float64"),
            "workers": pd.Series(workers, dtype="Int64"),
        }
    )


def _tier(arrears, subject="P1", **kw):
    return risk.risk_tiers(SUBJECTS, arrears, **kw).set_index("subject_id").loc[subject, "tier"]


def test_exactly_serious_amount_is_serious():
    """Arrears of exactly 100,000 yuan reach the serious threshold."""
    assert _tier(_arrears([("P1", 100_000, 1)])) == "serious"


def test_just_below_serious_amount_is_general():
    """99,999.99 yuan owed to fewer than 20 workers is general."""
    assert _tier(_arrears([("P1", 99_999.99, 19)])) == "general"


def test_exactly_serious_workers_is_serious():
    """Arrears owed to exactly 20 workers are serious whatever the amount."""
    assert _tier(_arrears([("P1", 1_000, 20)])) == "serious"


def test_no_arrears_is_none():
    """A subject absent from the arrears frame has tier none and no arrears."""
    row = risk.risk_tiers(SUBJECTS, _arrears([("P1", 500, 1)])).set_index("subject_id").loc["P2"]
    assert (row["tier"], row["arrears_amount"], row["arrears_workers"]) == ("none", 0.0, 0)


def test_employer_gets_a_tier_too():
    """Employers are tiered like projects."""
    assert _tier(_arrears([("91330100MA00000001", 150_000, 2)]), "91330100MA00000001") == "serious"


def test_thresholds_come_from_keywords():
    """A campaign's own serious_arrears_amount moves the boundary."""
    assert _tier(_arrears([("P1", 50_000, 1)]), serious_arrears_amount=50_000) == "serious"


def test_every_subject_has_one_row():
    """The result has one row per project and employer, in the subjects' order."""
    tiers = risk.risk_tiers(SUBJECTS, _arrears([("P2", 1, 1)]))
    assert tiers["subject_id"].tolist() == SUBJECTS["subject_id"].tolist()


def test_reasons_name_the_arrears_and_the_threshold():
    """A serious subject's reasons state its arrears and that they reach the standard."""
    tiers = risk.risk_tiers(SUBJECTS, _arrears([("P1", 120_000, 3)])).set_index("subject_id")
    assert "欠薪12万元、涉及3人" in tiers.loc["P1", "reasons"]
    assert "严重欠薪标准" in tiers.loc["P1", "reasons"]


def test_reasons_name_missing_systems():
    """Reasons list the systems a project lacks by their Chinese names."""
    systems = pd.DataFrame(
        {
            "project_id": pd.Series(["P1"], dtype="str"),
            "real_name": [False],
            "wage_deposit": [False],
            "notice_board": [True],
        }
    )
    tiers = risk.risk_tiers(SUBJECTS, _arrears([]), systems=systems).set_index("subject_id")
    assert tiers.loc["P1", "missing_systems"] == 2
    assert "缺少实名制管理、工资保证金" in tiers.loc["P1", "reasons"]


def test_unknown_system_is_not_missing():
    """A blank (unknown) monthly_payment is not reported as a missing system."""
    systems = pd.DataFrame(
        {
            "project_id": pd.Series(["P1"], dtype="str"),
            "monthly_payment": pd.array([pd.NA], dtype="boolean"),
        }
    )
    tiers = risk.risk_tiers(SUBJECTS, _arrears([]), systems=systems)
    assert tiers["missing_systems"].sum() == 0


def test_reasons_name_warning_cases_and_labour_cost():
    """Warnings, open cases and labour-cost shortfall all appear among the reasons."""
    tiers = risk.risk_tiers(
        SUBJECTS,
        _arrears([]),
        warnings=pd.Series({"P1": "red"}),
        open_cases=pd.Series({"P1": 2}),
        labor_shortfall=pd.Series({"P1": 32_000.0}),
    ).set_index("subject_id")
    assert tiers.loc["P1", "reasons"] == "红色预警；未结案件2起；人工费拨付不足3.2万元"


def test_subject_without_findings_has_empty_reasons():
    """Nothing found means an empty reasons text, not a missing value."""
    assert risk.risk_tiers(SUBJECTS, _arrears([]))["reasons"].tolist() == ["", "", ""]


def test_open_cases_counted_by_project_and_by_employer_name():
    """Open cases count for their project, and for the employer named as respondent."""
    cases = pd.DataFrame(
        {
            "project_id": pd.Series(["P1", None, "P1"], dtype="str"),
            "respondent": pd.Series(["某建筑公司", "某制衣厂", "某建筑公司"], dtype="str"),
            "status": pd.Series(["受理", "核查中", "已结案"], dtype="str"),
        }
    )
    counts = risk.open_cases_by_subject(cases, SUBJECTS)
    assert counts.to_dict() == {"91330100MA00000001": 1, "P1": 1}


def test_government_projects_come_first_whatever_their_risk():
    """Every 政府投资/国有企业/PPP project precedes a serious social project."""
    subjects = campaign_subjects(
        _projects([("S1", "社会投资"), ("G1", "政府投资"), ("G2", "政府和社会资本合作")]), None
    )
    tiers = risk.risk_tiers(subjects, _arrears([("S1", 500_000, 30)]))
    listed = risk.inspection_priority(tiers)
    assert listed["subject_id"].tolist()[:2] == ["G1", "G2"]
    assert listed["full_inspection"].tolist() == [True, True, False]


def test_rest_ranked_by_tier_then_amount():
    """Among the rest, serious before general, and the larger arrears first."""
    tiers = risk.risk_tiers(
        SUBJECTS, _arrears([("P1", 5_000, 1), ("P2", 8_000, 1), ("91330100MA00000001", 0, 25)])
    )
    listed = risk.inspection_priority(tiers)
    assert listed["subject_id"].tolist() == ["91330100MA00000001", "P2", "P1"]
    assert listed["rank"].tolist() == [1, 2, 3]


def test_priority_reason_explains_full_inspection():
    """A government project's reason says it is on the list because all are inspected."""
    subjects = campaign_subjects(_projects([("G1", "国有企业")]), None)
    listed = risk.inspection_priority(risk.risk_tiers(subjects, _arrears([])))
    assert listed["reason"].iloc[0].startswith("国有企业项目，全数检查")


def test_priority_reason_of_clean_subject():
    """A non-government subject with no finding is marked for random checks only."""
    listed = risk.inspection_priority(risk.risk_tiers(SUBJECTS, _arrears([])))
    assert set(listed["reason"]) == {"未发现问题，可随机抽查"}
