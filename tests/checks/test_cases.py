import datetime as dt

import pandas as pd
import pytest

from wagekit.calendar import WorkCalendar, two_zero_deadlines
from wagekit.checks import cases as c
from wagekit.config import CampaignConfig, Rules
from wagekit.findings import FINDING_COLUMNS

CALENDAR = WorkCalendar()
AS_OF = dt.date(2024, 1, 5)
# A 2023 winter campaign: government cases by 2023-12-31, others by 2024-02-09.
TWO_ZERO = two_zero_deadlines(dt.date(2023, 11, 1))

_DEFAULTS = {
    "case_id": "C1",
    "source": "国家平台",
    "received_date": "2023-09-28",
    "project_id": None,
    "respondent": "甲建筑有限公司",
    "investment_type": "社会投资",
    "workers_involved": 1,
    "amount_involved": 1000.0,
    "amount_recovered": None,
    "status": "受理",
    "filed_date": None,
    "closed_date": None,
    "transferred_police": None,
    "blacklisted": None,
    "handler": None,
}


def _cases(*rows: dict) -> pd.DataFrame:
    """A cases ledger as the loader gives it; each row overrides _DEFAULTS."""
    full = [_DEFAULTS | {"case_id": f"C{i + 1}"} | row for i, row in enumerate(rows)]
    column = {k: [r[k] for r in full] for k in _DEFAULTS}
    frame = pd.DataFrame(
        {
            **{
                k: pd.Series(column[k], dtype="str")
                for k in (
                    "case_id",
                    "source",
                    "project_id",
                    "respondent",
                    "investment_type",
                    "status",
                    "handler",
                )
            },
            **{
                k: pd.to_datetime(pd.Series(column[k])).astype("datetime64[ns]")
                for k in ("received_date", "filed_date", "closed_date")
            },
            "workers_involved": pd.Series(column["workers_involved"], dtype="Int64"),
            "amount_involved": pd.Series(column["amount_involved"], dtype="float64"),
            "amount_recovered": pd.Series(column["amount_recovered"], dtype="float64"),
            "transferred_police": pd.Series(column["transferred_police"], dtype="boolean"),
            "blacklisted": pd.Series(column["blacklisted"], dtype="boolean"),
            "source_row": pd.Series(range(2, len(full) + 2), dtype="int64"),
        }
    )
    return frame


def _status(cases: pd.DataFrame, as_of: dt.date = AS_OF, **kwargs) -> pd.DataFrame:
    return c.case_status(cases, CALENDAR, as_of=as_of, two_zero=TWO_ZERO, **kwargs)


# -- deadlines and closure ---------------------------------------------------------------------


def test_deadline_follows_the_national_day_holiday():
    """Received 2023-09-28: the 30th working day after, counting the 调休 Saturday Oct 7 and
    Sunday Oct 8 and skipping Sep 29 – Oct 6, is 2023-11-15 (see tests/test_calendar.py)."""
    status = _status(_cases({}))
    assert status["deadline"].tolist() == [pd.Timestamp("2023-11-15")]


def test_deadline_working_days_is_a_rule():
    """With 1 working day, a case received Thu 2023-09-28 is due on Sat 2023-10-07 (调休)."""
    status = _status(_cases({}), deadline_working_days=1)
    assert status["deadline"].tolist() == [pd.Timestamp("2023-10-07")]


def test_case_closed_on_its_deadline_is_not_overdue():
    """Closed 2023-11-15, its deadline day: not overdue."""
    status = _status(_cases({"status": "已结案", "closed_date": "2023-11-15"}))
    assert status["overdue"].tolist() == [False]


def test_case_closed_one_day_after_its_deadline_is_overdue():
    """Closed 2023-11-16, the day after its deadline: overdue."""
    status = _status(_cases({"status": "已结案", "closed_date": "2023-11-16"}))
    assert status["overdue"].tolist() == [True]


def test_open_case_on_its_deadline_day_is_not_overdue_yet():
    """Open on 2023-11-15, its deadline: not overdue, 0 working days left."""
    status = _status(_cases({}), as_of=dt.date(2023, 11, 15))
    assert status["overdue"].tolist() == [False]
    assert status["working_days_left"].tolist() == [0]


def test_open_case_after_its_deadline_is_overdue():
    """Open on 2023-11-16, the day after its deadline: overdue, −1 working day left."""
    status = _status(_cases({}), as_of=dt.date(2023, 11, 16))
    assert status["overdue"].tolist() == [True]
    assert status["working_days_left"].tolist() == [-1]


def test_days_left_counts_working_and_calendar_days_to_the_deadline():
    """On Fri 2023-11-10, a deadline of Wed 2023-11-15 is 3 working days (13, 14, 15) and 5
    calendar days away."""
    status = _status(_cases({}), as_of=dt.date(2023, 11, 10))
    assert status[["working_days_left", "days_left"]].iloc[0].tolist() == [3, 5]


def test_case_received_after_as_of_is_left_out():
    """A case received the day after as_of does not appear."""
    status = _status(_cases({"case_id": "A"}, {"case_id": "B", "received_date": "2024-01-06"}))
    assert status["case_id"].tolist() == ["A"]


def test_case_closed_after_as_of_is_still_open():
    """已结案 with a closed date after as_of counts as open on as_of."""
    status = _status(_cases({"status": "已结案", "closed_date": "2024-01-08"}))
    assert status["closed"].tolist() == [False]


def test_closed_status_without_closed_date_is_closed():
    """已移送 with no closed date is closed (CONTRACT: 'when given')."""
    status = _status(_cases({"status": "已移送"}))
    assert status["closed"].tolist() == [True]


def test_closed_date_with_an_open_status_stays_open():
    """A closed date alone does not close a case whose status is still 核查中."""
    status = _status(_cases({"status": "核查中", "closed_date": "2023-10-10"}))
    assert status["closed"].tolist() == [False]


def test_status_has_the_documented_columns_and_ledger_rows():
    """case_status returns CASE_STATUS_COLUMNS, with the ledger row of each case."""
    status = _status(_cases({}, {}))
    assert tuple(status.columns) == c.CASE_STATUS_COLUMNS
    assert status["row"].tolist() == [2, 3]


# -- 两清零 ------------------------------------------------------------------------------------


def test_two_zero_class_follows_the_investment_type():
    """政府投资, 国有企业 and 政府和社会资本合作 are 'government'; 社会投资 and unknown 'others'."""
    types = ["政府投资", "国有企业", "政府和社会资本合作", "社会投资", None]
    status = _status(_cases(*({"investment_type": t} for t in types)))
    assert status["two_zero_class"].tolist() == [
        "government",
        "government",
        "government",
        "others",
        "others",
    ]


def test_two_zero_deadline_per_class():
    """Government cases of the 2023 campaign clear by 2023-12-31, others by 2024-02-09."""
    status = _status(_cases({"investment_type": "政府投资"}, {"investment_type": "社会投资"}))
    assert status["two_zero_deadline"].tolist() == [
        pd.Timestamp("2023-12-31"),
        pd.Timestamp("2024-02-09"),
    ]


def test_two_zero_deadline_without_a_campaign_follows_receipt():
    """Without campaign dates, a case received 2024-03-01 clears by 2024-12-31 (government) or
    the eve of the 2025 Spring Festival, 2025-01-28 (others)."""
    cases = _cases(
        {"investment_type": "政府投资", "received_date": "2024-03-01"},
        {"investment_type": "社会投资", "received_date": "2024-03-01"},
    )
    status = c.case_status(cases, CALENDAR, as_of=dt.date(2024, 3, 1))
    assert status["two_zero_deadline"].tolist() == [
        pd.Timestamp("2024-12-31"),
        pd.Timestamp("2025-01-28"),
    ]


def test_open_government_case_after_31_december_missed_two_zero():
    """On 2024-01-05 an open government case missed 两清零; an open 'others' case has not."""
    status = _status(_cases({"investment_type": "国有企业"}, {"investment_type": "社会投资"}))
    assert status["two_zero_missed"].tolist() == [True, False]


# -- calendar warnings -------------------------------------------------------------------------


def test_case_in_an_unknown_year_carries_the_calendar_warning():
    """A case received in 2099 (no notice published, nothing declared) is computed on weekends
    only and says so."""
    cases = _cases({"received_date": "2099-02-05"})
    status = c.case_status(cases, CALENDAR, as_of=dt.date(2099, 2, 6))
    assert status["calendar_warning"].tolist() == [
        "2099年节假日安排尚未发布，且campaign.toml未在[calendar]中声明，按仅周末休息计算"
    ]


def test_case_in_a_declared_year_has_no_warning():
    """With 2099 declared in [calendar], the same case has no warning."""
    cases = _cases({"received_date": "2099-02-05"})
    calendar = WorkCalendar(holidays=[dt.date(2099, 2, 6)])
    status = c.case_status(cases, calendar, as_of=dt.date(2099, 2, 6))
    assert status["calendar_warning"].tolist() == [""]


def test_case_in_an_official_year_has_no_warning():
    """A 2023 case (published calendar) has no warning."""
    assert _status(_cases({}))["calendar_warning"].tolist() == [""]


# -- findings ----------------------------------------------------------------------------------


def test_overdue_findings_are_serious_and_name_the_ledger_row():
    """An open overdue case and a case closed late each give a serious finding on their row."""
    cases = _cases(
        {"case_id": "OPEN"},
        {"case_id": "LATE", "status": "已结案", "closed_date": "2023-11-16"},
        {"case_id": "OK", "status": "已结案", "closed_date": "2023-11-15"},
    )
    findings = c.overdue_cases(_status(cases))
    assert tuple(findings.columns) == FINDING_COLUMNS
    assert findings[["subject_id", "row", "severity"]].values.tolist() == [
        ["OPEN", 2, "serious"],
        ["LATE", 3, "serious"],
    ]


@pytest.mark.parametrize(
    ("as_of", "expected"), [(dt.date(2023, 11, 8), ["C1"]), (dt.date(2023, 11, 7), [])]
)
def test_due_soon_within_five_working_days(as_of, expected):
    """Deadline Wed 2023-11-15: on Wed 11-08 it is 5 working days away (warning), on Tue 11-07
    6 (no finding)."""
    findings = c.cases_due_soon(_status(_cases({}), as_of=as_of))
    assert findings["subject_id"].tolist() == expected


def test_two_zero_findings_for_cases_past_their_date():
    """Only the government case open after 2023-12-31 is past its 两清零 date on 2024-01-05."""
    cases = _cases(
        {"case_id": "G", "investment_type": "政府投资", "received_date": "2023-12-20"},
        {"case_id": "O", "investment_type": "社会投资", "received_date": "2023-12-20"},
    )
    findings = c.two_zero_missed_cases(_status(cases))
    assert findings[["subject_id", "severity"]].values.tolist() == [["G", "serious"]]


def test_case_findings_pass_on_a_clean_ledger():
    """A case closed in time, well before 两清零, gives no findings."""
    cases = _cases({"status": "已结案", "closed_date": "2023-10-20"})
    findings = c.case_findings(_status(cases))
    assert findings.empty
    assert tuple(findings.columns) == FINDING_COLUMNS


def test_case_findings_group_the_open_cases_only():
    """Two open cases on P1 are one group to handle together; a closed third one is not in it."""
    cases = _cases(
        {"case_id": "A", "project_id": "P1", "received_date": "2023-12-20"},
        {"case_id": "B", "project_id": "P1", "received_date": "2023-12-21"},
        {"case_id": "C", "project_id": "P1", "status": "已结案", "closed_date": "2023-10-20"},
    )
    findings = c.case_findings(_status(cases))
    grouped = findings[findings["check"] == "case_group"]
    assert grouped["subject_id"].tolist() == ["A", "B"]
    assert grouped["row"].tolist() == [2, 3]
    assert grouped["message"].str.contains("共2起").all()


def test_campaign_case_status_uses_the_campaigns_rules_and_two_zero_dates():
    """The campaign's deadline rule (10 working days) and its 两清零 dates are applied."""
    config = CampaignConfig(
        name="测试",
        region="示例县",
        start=dt.date(2023, 11, 1),
        end=None,
        rules=Rules(case_deadline_working_days=10),
    )
    status = c.campaign_case_status(_cases({"received_date": "2023-11-01"}), config, as_of=AS_OF)
    assert status["deadline"].tolist() == [pd.Timestamp("2023-11-15")]
    assert status["two_zero_deadline"].tolist() == [pd.Timestamp(TWO_ZERO["others"])]


# -- groups ------------------------------------------------------------------------------------


def test_cases_on_the_same_project_are_grouped():
    """Two cases on P1 share a group; a case elsewhere is alone."""
    groups = c.case_groups(
        _cases(
            {"project_id": "P1", "respondent": "甲"},
            {"project_id": "P1", "respondent": "乙"},
            {"project_id": "P2", "respondent": "丙"},
        )
    )
    assert groups["group_id"].tolist() == ["G001", "G001", "G002"]
    assert groups["group_size"].tolist() == [2, 2, 1]


def test_cases_against_the_same_respondent_are_grouped_despite_spelling():
    """'某建筑（集团）有限公司' and '某建筑(集团)有限公司 ' are one respondent."""
    groups = c.case_groups(
        _cases({"respondent": "某建筑（集团）有限公司"}, {"respondent": "某建筑(集团)有限公司 "})
    )
    assert groups["group_id"].nunique() == 1


def test_groups_are_transitive_and_sum_amounts():
    """A–B share a project, B–C a respondent: one group of 3 with the amounts summed."""
    groups = c.case_groups(
        _cases(
            {"project_id": "P1", "respondent": "甲", "amount_involved": 100.0},
            {"project_id": "P1", "respondent": "乙", "amount_involved": 200.0},
            {"project_id": None, "respondent": "乙", "amount_involved": 300.0},
        )
    )
    assert groups["group_size"].tolist() == [3, 3, 3]
    assert groups["group_amount_involved"].tolist() == [600.0, 600.0, 600.0]


def test_missing_project_does_not_link_cases():
    """Two cases without a project and with different respondents are not grouped."""
    groups = c.case_groups(_cases({"respondent": "甲"}, {"respondent": "乙"}))
    assert groups["group_size"].tolist() == [1, 1]
