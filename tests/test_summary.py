import datetime as dt
import json
import math
from dataclasses import replace

import pandas as pd
import pytest

import wagekit.cache
import wagekit.load
from wagekit.assessment import assess, summary_findings
from wagekit.cli import main
from wagekit.findings import FINDING_COLUMNS
from wagekit.load import load
from wagekit.recorded import StoreRecords, apply_case_actions, recorded_campaign
from wagekit.summary import summarize
from wagekit.summary_text import format_summary

AS_OF = dt.date(2023, 12, 20)
W1, W2, W3 = "110101199003071233", "110101198511124560", "320582199201017894"
E1, E2 = "91330100MA2H00001P", "91330100MA2H00002T"

TOML = """name = "2023年度根治欠薪冬季专项行动"
region = "测试县"
start = 2023-11-01
end = 2024-02-09

[phases]
publicity = [2023-11-01, 2023-11-30]
self_inspection = [2023-11-01, 2023-11-30]
enforcement = [2023-12-01, 2024-02-09]
summary = [2024-02-10, 2024-02-29]
"""

YES, NO = "是", "否"
SYSTEM_COLUMNS = (
    "real_name",
    "wage_account",
    "general_contractor_pays",
    "bank_payment",
    "wage_deposit",
    "notice_board",
    "monthly_payment",
)

# P1 政府投资: payroll shows W2 owed 1,000 yuan for October (general).
# P2 社会投资: no payroll; the ledger says 20,000 yuan owed to exactly 20 workers (serious);
#    lacks real-name management; labour cost paid 60,000 of 100,000.
# P3 国有企业: nothing owed.
# E1 owes exactly 100,000 yuan to 12 workers (serious, and the criminal standard: 10+ workers
#    owed 30,000+); E2 owes nothing.
TABLES = {
    "projects": pd.DataFrame(
        {
            "project_id": ["P1", "P2", "P3"],
            "name": ["一号楼", "二号楼", "三号桥"],
            "township": ["甲镇", "乙镇", "乙镇"],
            "department": ["住建局", "住建局", "交通运输局"],
            "investment_type": ["政府投资", "社会投资", "国有企业"],
            "contractor": ["甲建公司", "乙建公司", "丙建公司"],
            "contract_value": [1_000_000, 2_000_000, 3_000_000],
            "start_date": ["2023-03-01", "2023-04-01", "2023-05-01"],
            **{s: [YES, NO if s == "real_name" else YES, YES] for s in SYSTEM_COLUMNS},
            "labor_cost_due": [None, 100_000, None],
            "labor_cost_paid": [None, 60_000, None],
            "arrears_amount": [None, 20_000, None],
            "arrears_workers": [None, 20, None],
        }
    ),
    "employers": pd.DataFrame(
        {
            "employer_id": [E1, E2],
            "name": ["某制衣厂", "某餐馆"],
            "sector": ["加工制造", "餐饮"],
            "township": ["甲镇", "丙镇"],
            "employees": [100, 20],
            "migrant_workers": [60, 15],
            "contracts_signed": [50, 15],
            "arrears_amount": [100_000, 0],
            "arrears_workers": [12, 0],
        }
    ),
    "workers": pd.DataFrame(
        {
            "id_number": [W1, W2, W3],
            "name": ["张三", "李四", "王五"],
            "project_id": ["P1", "P1", "P2"],
            "contract_signed": [YES, YES, NO],
            "wage_basis": ["日薪", "日薪", "月薪"],
            "wage_rate": [300, 300, 3000],
            "start_date": ["2023-09-01", "2023-09-01", "2023-09-01"],
        }
    ),
    "payroll": pd.DataFrame(
        {
            "id_number": [W1, W2, W1, W1],
            "project_id": ["P1", "P1", "P1", "P1"],
            "month": ["2023-10", "2023-10", "2023-11", "2024-01"],
            "days_worked": [20, 20, 20, 20],
            "wage_due": [6000, 6000, 6000, 6000],
            "wage_paid": [6000, 5000, 6000, 0],
            "pay_date": ["2023-11-10", "2023-11-10", "2023-12-10", None],
            "pay_method": ["银行代发", "现金", "银行代发", None],
        }
    ),
    "cases": pd.DataFrame(
        {
            "case_id": ["C1", "C2", "C3"],
            "source": ["国家平台", "12345热线", "来信来访"],
            "received_date": ["2023-11-01", "2023-11-06", "2024-01-05"],
            "project_id": ["P1", "P2", "P2"],
            "respondent": ["甲建公司", "乙建公司", "乙建公司"],
            "workers_involved": [3, 5, 2],
            "amount_involved": [30_000, 50_000, 8_000],
            "amount_recovered": [30_000, None, None],
            "status": ["已结案", "核查中", "受理"],
            "closed_date": ["2023-11-20", None, None],
            "transferred_police": [NO, YES, NO],
            "blacklisted": [NO, NO, NO],
        }
    ),
    "publicity": pd.DataFrame(
        {
            "date": ["2023-11-06", "2023-11-07", "2024-01-10"],
            "township": ["甲镇", "甲镇", "乙镇"],
            "unit": ["住建局", "人社局", "住建局"],
            "activity": ["发放宣传资料", "现场咨询", "发放宣传资料"],
            "quantity": [500, 2, 300],
            "participants": [None, 40, 25],
        }
    ),
    "self_inspections": pd.DataFrame(
        {
            "subject_id": ["P1", E1],
            "submitted_date": ["2023-11-15", "2023-11-16"],
            "reported_arrears_amount": [1000, 0],
            "reported_arrears_workers": [1, 0],
        }
    ),
}

SHAPE = {
    "campaign": {"name", "as_of", "phase"},
    "projects": {"total", "by_investment_type", "systems", "all_systems", "labor_cost"},
    "employers": {"total", "employees", "migrant_workers", "contracts_signed", "contract_rate"},
    "arrears": {"projects", "workers", "amount"},
    "risk": {"none", "general", "serious", "no_arrears_rate", "baseline", "cleared"},
    "payroll": {
        "workers",
        "worker_months",
        "unpaid_worker_months",
        "below_minimum_wage",
        "cash_or_via_foreman",
    },
    "cases": {
        "received",
        "open",
        "closed",
        "closure_rate",
        "workers_involved",
        "amount_involved",
        "amount_recovered",
        "overdue",
        "overdue_open",
        "closed_late",
        "transferred_police",
        "blacklisted",
        "two_zero",
    },
    "publicity": {"events", "by_activity", "participants"},
    "self_inspection": {"expected", "submitted", "missing", "mismatched"},
    "warnings": {"red", "yellow"},
    "escalation": {"criminal_threshold_met", "order_ignored"},
    "week": {"from", "to", "received", "closed", "amount_recovered", "previous"},
}


def write_folder(path, tables=TABLES, toml=TOML):
    path.mkdir(parents=True, exist_ok=True)
    (path / "campaign.toml").write_text(toml, encoding="utf-8")
    for name, frame in tables.items():
        frame.to_csv(path / f"{name}.csv", index=False)
    return path


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    folder = write_folder(tmp_path_factory.mktemp("campaign"))
    loaded = load(folder)
    assert loaded.report.errors.empty, loaded.report.errors.to_string()
    return loaded


@pytest.fixture(scope="module")
def summary(campaign):
    return summarize(campaign, as_of=AS_OF)


def _leaves(tree, path=()):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _leaves(value, (*path, key))
    else:
        yield path, tree


def test_summary_has_every_contract_key(summary):
    """Every section and key of CONTRACT section 3 is present (notices is an extension)."""
    assert set(summary) == set(SHAPE) | {"daily_reports", "notices"}
    assert summary["daily_reports"] is None  # no daily report was ever recorded
    for section, keys in SHAPE.items():
        assert set(summary[section]) == keys, section


def test_nested_keys(summary):
    """Investment types, the seven systems and the two-zero classes are all keyed."""
    assert set(summary["projects"]["by_investment_type"]) == {
        "政府投资",
        "国有企业",
        "政府和社会资本合作",
        "社会投资",
    }
    assert set(summary["projects"]["systems"]) == set(SYSTEM_COLUMNS)
    assert set(summary["cases"]["two_zero"]) == {
        "government_open",
        "others_open",
        "government_deadline",
        "others_deadline",
        "government_days_left",
        "others_days_left",
    }


def test_summary_is_json(summary):
    """The summary survives a JSON round trip unchanged (no numpy scalars, no NaN)."""
    assert json.loads(json.dumps(summary, allow_nan=False)) == summary


def test_rates_are_fractions_rounded_to_four_places(summary):
    """Every rate lies in [0, 1] with at most 4 decimals."""
    rates = [v for p, v in _leaves(summary) if p[-1].endswith("rate") and v is not None]
    assert rates
    for rate in rates:
        assert 0 <= rate <= 1 and round(rate, 4) == rate


def test_counts_are_integers(summary):
    """Counts are Python ints, never floats or bools (order_ignored is null without orders)."""
    counts = [
        v
        for p, v in _leaves(summary)
        if p[0] not in ("campaign", "notices")
        and not p[-1].endswith("rate")
        and not p[-1].startswith("amount")
        and p[-1] not in ("shortfall", "order_ignored", "from", "to")
        and not p[-1].endswith("_deadline")
        and not (p[0] == "risk" and p[-1] in ("baseline", "cleared"))
        and p[0] != "daily_reports"
    ]
    assert counts and all(type(v) is int for v in counts)


def test_phase_follows_config(summary, campaign):
    """20 December lies in the enforcement phase; a day before the campaign is 'before'."""
    assert summary["campaign"] == {
        "name": "2023年度根治欠薪冬季专项行动",
        "as_of": "2023-12-20",
        "phase": "enforcement",
    }
    assert summarize(campaign, as_of=dt.date(2023, 10, 1))["campaign"]["phase"] == "before"


def test_projects_by_investment_type(summary):
    """Projects are counted per investment type, absent types as 0."""
    assert summary["projects"]["total"] == 3
    assert summary["projects"]["by_investment_type"] == {
        "政府投资": 1,
        "国有企业": 1,
        "政府和社会资本合作": 0,
        "社会投资": 1,
    }


def test_system_rate_rounded(summary):
    """Two projects of three with real-name management: count 2, rate 0.6667."""
    assert summary["projects"]["systems"]["real_name"] == {"count": 2, "rate": 0.6667}


def test_labor_cost_underfunded(summary):
    """P2 got 60,000 of 100,000 yuan labour cost: one project short by 40,000 yuan."""
    assert summary["projects"]["labor_cost"] == {
        "underfunded": 1,
        "rate": 0.3333,
        "shortfall": 40_000.0,
    }


def test_employers_contract_rate(summary):
    """Contracts signed over migrant workers: 65 / 75."""
    employers = summary["employers"]
    assert (employers["migrant_workers"], employers["contracts_signed"]) == (75, 65)
    assert employers["contract_rate"] == round(65 / 75, 4)


def test_arrears_sum_projects_and_employers(summary):
    """P1 (1,000 from payroll), P2 (20,000 from the ledger) and E1 (100,000) are owed."""
    assert summary["arrears"] == {"projects": 2, "workers": 33, "amount": 121_000.0}


def test_exact_thresholds_are_serious(summary):
    """E1 at exactly 100,000 yuan and P2 at exactly 20 workers are serious; P1 general."""
    assert summary["risk"] == {
        "none": 2,
        "general": 1,
        "serious": 2,
        "no_arrears_rate": 0.4,
        "baseline": None,
        "cleared": None,
    }


def test_payroll_leaves_out_months_after_as_of(summary):
    """The January 2024 row is after as_of: 3 worker-months of 2 workers, 1 unpaid, 1 cash."""
    assert summary["payroll"] == {
        "workers": 2,
        "worker_months": 3,
        "unpaid_worker_months": 1,
        "below_minimum_wage": 0,
        "cash_or_via_foreman": 1,
    }


def test_cases_received_after_as_of_are_left_out(summary):
    """C3 was received in 2024: two cases, one closed, closure rate 0.5."""
    cases = summary["cases"]
    assert (cases["received"], cases["closed"], cases["open"], cases["closure_rate"]) == (
        2,
        1,
        1,
        0.5,
    )
    assert (cases["workers_involved"], cases["amount_involved"]) == (8, 80_000.0)
    assert cases["amount_recovered"] == 30_000.0


def test_two_zero_classes(summary):
    """The open case C2 is on a 社会投资 project: counted among the others."""
    assert summary["cases"]["two_zero"] == {
        "government_open": 0,
        "others_open": 1,
        "government_deadline": "2023-12-31",
        "others_deadline": "2024-02-09",
        "government_days_left": 11,
        "others_days_left": 51,
    }


def test_publicity_events_up_to_as_of(summary):
    """The January event is not counted; missing participants count as 0."""
    publicity = summary["publicity"]
    assert (publicity["events"], publicity["participants"]) == (2, 40)
    assert publicity["by_activity"]["发放宣传资料"] == {"quantity": 500, "participants": 0}
    assert publicity["by_activity"]["微博"] == {"quantity": 0, "participants": 0}


def test_self_inspection_figures(summary):
    """5 subjects, 2 forms; E1 reported no arrears although it owes 100,000: mismatched."""
    assert summary["self_inspection"] == {
        "expected": 5,
        "submitted": 2,
        "missing": 3,
        "mismatched": 1,
    }


def test_order_ignored_is_null_without_orders(summary):
    """Without orders from the store, order_ignored is unknown (null), not 0."""
    assert summary["escalation"]["order_ignored"] is None


def test_criminal_threshold_counts_subjects(summary):
    """Only E1 (12 workers owed 100,000 yuan) meets the criminal amount standard."""
    assert summary["escalation"]["criminal_threshold_met"] == 1


def test_absent_table_gives_null_not_zero(tmp_path):
    """A folder without cases, payroll or publicity gives null for those figures."""
    tables = {k: v for k, v in TABLES.items() if k in ("projects", "employers")}
    result = summarize(load(write_folder(tmp_path, tables)), as_of=AS_OF)
    assert result["cases"]["received"] is None
    two_zero = result["cases"]["two_zero"]
    assert (two_zero["government_open"], two_zero["others_open"]) == (None, None)
    assert result["payroll"]["worker_months"] is None
    assert result["publicity"] == {"events": None, "by_activity": None, "participants": None}
    assert result["warnings"] == {"red": None, "yellow": None}
    assert result["self_inspection"]["submitted"] is None
    assert result["projects"]["total"] == 3


def test_no_projects_gives_null_project_figures(tmp_path):
    """Without the projects ledger every project figure is null, employers still count."""
    tables = {"employers": TABLES["employers"]}
    result = summarize(load(write_folder(tmp_path, tables)), as_of=AS_OF)
    assert result["projects"]["total"] is None
    assert result["projects"]["systems"]["real_name"] == {"count": None, "rate": None}
    assert result["arrears"]["projects"] is None
    assert result["arrears"]["amount"] == 100_000.0


def _store_rows(table: str, **values) -> pd.DataFrame:
    """One store record of ``table`` as the store reads it back (id 1, version 1)."""
    frame = getattr(StoreRecords.none(), table).copy()
    row = {"id": 1, "version": 1, "updated_by": "张三", **values}
    return pd.concat([frame, pd.DataFrame([row])], ignore_index=True).astype(frame.dtypes)


def test_case_closed_in_store_is_closed(campaign):
    """A case action closing C2 on 2023-12-01 makes it closed in the summary."""
    history = _store_rows(
        "case_actions",
        case_id="C2",
        status="已结案",
        action_date=pd.Timestamp("2023-12-01"),
        amount_recovered=50_000.0,
    )
    recorded = recorded_campaign(campaign, replace(StoreRecords.none(), case_actions=history))
    cases = summarize(recorded, as_of=AS_OF)["cases"]
    assert (cases["closed"], cases["open"], cases["amount_recovered"]) == (2, 0, 80_000.0)


def test_lapsed_order_on_criminal_subject_is_ignored(campaign):
    """E1 meets the criminal standard and its order to pay lapsed on 2023-12-10 unpaid."""
    orders = _store_rows(
        "orders",
        subject_id=E1,
        kind="限期整改指令书",
        issued=pd.Timestamp("2023-12-01"),
        deadline=pd.Timestamp("2023-12-10"),
        status="待履行",
    )
    records = replace(StoreRecords.none(), orders=orders, from_store=True)
    recorded = recorded_campaign(campaign, records)
    escalation = summarize(recorded, as_of=AS_OF)["escalation"]
    assert escalation["order_ignored"] == 1


def test_unofficial_year_gives_a_notice(tmp_path):
    """A case received in 2027 (not yet published) makes the summary carry the warning."""
    toml = TOML.replace("start = 2023-11-01", "start = 2026-11-01").replace(
        "end = 2024-02-09", "end = 2027-02-05"
    )
    cases = TABLES["cases"].assign(
        received_date=["2027-01-04", "2027-01-05", "2027-01-06"],
        closed_date=["2027-01-20", None, None],
    )
    folder = write_folder(tmp_path, {"projects": TABLES["projects"], "cases": cases}, toml)
    result = summarize(load(folder), as_of=dt.date(2027, 1, 10))
    assert any("2027年" in notice for notice in result["notices"])


def test_official_years_give_no_notice(summary):
    """2023 is in the official calendar: no notice."""
    assert summary["notices"] == []


def test_format_summary_reads_like_a_report(summary):
    """The text gives counts with rates and amounts in 万元."""
    text = format_summary(summary)
    assert "在建项目3个" in text
    assert "受理线索2起，办结1起，办结率50%" in text
    assert "金额12.1万元" in text


def test_format_summary_marks_absent_tables(tmp_path):
    """An absent ledger is named as not given, never reported as zero."""
    text = format_summary(
        summarize(load(write_folder(tmp_path, {"projects": TABLES["projects"]})), as_of=AS_OF)
    )
    assert "未提供欠薪线索及案件台账" in text


def test_findings_have_fixed_columns(campaign):
    """summary_findings returns one table with the findings columns."""
    found = summary_findings(campaign, as_of=AS_OF)
    assert tuple(found.columns) == FINDING_COLUMNS and len(found)


def test_every_serious_subject_has_a_finding(campaign, summary):
    """Each serious subject counted in risk.serious is one risk.serious finding."""
    found = summary_findings(campaign, as_of=AS_OF)
    serious = found[found["check"] == "risk.serious"]
    assert sorted(serious["subject_id"]) == sorted(["P2", E1])
    assert len(serious) == summary["risk"]["serious"]


def test_missing_forms_are_findings(campaign, summary):
    """Each missing self-inspection form is a finding naming the subject."""
    found = summary_findings(campaign, as_of=AS_OF)
    missing = found[found["check"] == "self_inspection.missing"]
    assert sorted(missing["subject_id"]) == sorted(["P2", "P3", E2])
    assert len(missing) == summary["self_inspection"]["missing"]


def _cases(status, closed_date):
    return pd.DataFrame(
        {
            "case_id": pd.Series(["C1", "C2"], dtype="str"),
            "status": pd.Series(status, dtype="str"),
            "closed_date": pd.to_datetime(closed_date),
            "amount_recovered": pd.Series([None, 100.0], dtype="float64"),
        }
    )


def test_apply_case_actions_closes_a_case():
    """The store's closing status and date replace the ledger's."""
    actions = pd.DataFrame(
        {
            "case_id": ["C1"],
            "status": ["已结案"],
            "closed_date": pd.to_datetime(["2023-12-01"]),
            "amount_recovered": [math.nan],
        }
    )
    merged = apply_case_actions(_cases(["受理", "受理"], [None, None]), actions)
    assert merged["status"].tolist() == ["已结案", "受理"]
    assert merged["closed_date"].iloc[0] == pd.Timestamp("2023-12-01")


def test_apply_case_actions_reopening_clears_closed_date():
    """A case the store moved back to 核查中 has no closed date any more."""
    actions = pd.DataFrame(
        {
            "case_id": ["C1"],
            "status": ["核查中"],
            "closed_date": pd.to_datetime([None]),
            "amount_recovered": [math.nan],
        }
    )
    merged = apply_case_actions(_cases(["已结案", "受理"], ["2023-11-20", None]), actions)
    assert merged["status"].iloc[0] == "核查中" and pd.isna(merged["closed_date"].iloc[0])


def test_apply_case_actions_recovered_amount_only_when_given():
    """A recovered amount from the store replaces the ledger's; a blank one keeps it."""
    actions = pd.DataFrame(
        {
            "case_id": ["C1", "C2"],
            "status": ["受理", "受理"],
            "closed_date": pd.to_datetime([None, None]),
            "amount_recovered": [500.0, math.nan],
        }
    )
    merged = apply_case_actions(_cases(["受理", "受理"], [None, None]), actions)
    assert merged["amount_recovered"].tolist() == [500.0, 100.0]


def test_apply_case_actions_ignores_unknown_cases():
    """A store row for a case the ledger does not have changes nothing."""
    cases = _cases(["受理", "受理"], [None, None])
    actions = pd.DataFrame(
        {
            "case_id": ["C9"],
            "status": ["已结案"],
            "closed_date": pd.to_datetime(["2023-12-01"]),
            "amount_recovered": [1.0],
        }
    )
    pd.testing.assert_frame_equal(apply_case_actions(cases, actions), cases)


def test_command_prints_json(tmp_path, capsys):
    """wagekit summary --json prints the summary and exits 0."""
    folder = write_folder(tmp_path)
    assert main(["summary", str(folder), "--as-of", "2023-12-20", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["cases"]["received"] == 2


def test_command_notes_rejected_rows(tmp_path, capsys):
    """Rejected rows do not stop the summary; stderr says how many were left out."""
    bad = TABLES["publicity"].copy()
    bad.loc[len(bad)] = ["2023-11-08", "甲镇", "住建局", "不存在的活动", 1, 1]
    tables = {**TABLES, "publicity": bad}
    assert main(["summary", str(write_folder(tmp_path, tables)), "--as-of", "2023-12-20"]) == 0
    captured = capsys.readouterr()
    assert "1行记录未能导入" in captured.err
    assert "在建项目3个" in captured.out


def test_command_unusable_folder_exits_2(tmp_path, capsys):
    """A folder without campaign.toml: exit 2 and a Chinese message."""
    assert main(["summary", str(tmp_path)]) == 2
    assert "无法使用该文件夹" in capsys.readouterr().err


def _summary_json(folder, capsys) -> dict:
    capsys.readouterr()
    assert main(["summary", str(folder), "--as-of", "2023-12-20", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _refuse_reading_ledgers(monkeypatch):
    """Make reading the ledgers fail, so a campaign can only come from the load cache."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the ledgers were read again")

    monkeypatch.setattr(wagekit.load, "load", refuse)
    monkeypatch.setattr(wagekit.cache, "load", refuse)


def test_command_reads_the_ledgers_once(tmp_path, capsys, monkeypatch):
    """A second summary of an unchanged folder prints the same JSON from the load cache."""
    monkeypatch.setenv("WAGEKIT_HOME", str(tmp_path / "home"))
    folder = write_folder(tmp_path / "campaign")
    first = _summary_json(folder, capsys)
    assert len(list((tmp_path / "home" / "cache").glob("*-*"))) == 1
    _refuse_reading_ledgers(monkeypatch)
    assert _summary_json(folder, capsys) == first


def test_command_reads_a_changed_ledger_again(tmp_path, capsys, monkeypatch):
    """A case added to the ledger after a summary counts in the next one."""
    monkeypatch.setenv("WAGEKIT_HOME", str(tmp_path / "home"))
    folder = write_folder(tmp_path / "campaign")
    assert _summary_json(folder, capsys)["cases"]["received"] == 2
    received = (
        TABLES["cases"]
        .iloc[[0]]
        .assign(case_id="C4", received_date="2023-12-01", status="受理", closed_date=None)
    )
    cases = pd.concat([TABLES["cases"], received], ignore_index=True)
    write_folder(tmp_path / "campaign", {**TABLES, "cases": cases})
    assert _summary_json(folder, capsys)["cases"]["received"] == 3


def test_validate_reads_the_ledgers_despite_the_cache(tmp_path, capsys, monkeypatch):
    """Checking the files is validate's job: it reads them even when a summary cached them."""
    monkeypatch.setenv("WAGEKIT_HOME", str(tmp_path / "home"))
    folder = write_folder(tmp_path / "campaign")
    _summary_json(folder, capsys)

    def refuse(*_args, **_kwargs):
        raise AssertionError("validate used the load cache")

    monkeypatch.setattr(wagekit.cache, "load_cached", refuse)
    monkeypatch.setattr(wagekit.cache, "_read_entry", refuse)
    assert main(["validate", str(folder)]) == 0


def test_assessment_gives_the_inspection_list(campaign):
    """The day's inspection list starts with the government and SOE projects (全数检查)."""
    listed = assess(campaign, as_of=AS_OF).inspection_priority()
    assert listed["subject_id"].tolist()[:2] == ["P1", "P3"]
    assert listed["full_inspection"].tolist() == [True, True, False, False, False]
