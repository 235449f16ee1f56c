"""The recording commands of CONTRACT section 5: each record counts in ``wagekit summary``."""

import json

import pytest

from wagekit import cli
from wagekit.store import CampaignKey, Store

KEY = CampaignKey("2023年度根治欠薪冬季专项行动", "示例县")
CAMPAIGN_TOML = """name = "2023年度根治欠薪冬季专项行动"
region = "示例县"
start = 2023-11-01
end = 2024-02-09
"""
PROJECTS = (
    "项目编号,项目名称,属地,行业主管部门,投资类型,施工总承包单位,合同金额,开工日期,实名制管理,"
    "工资专用账户,总包代发工资,银行代发工资,工资保证金,维权信息公示牌,欠薪金额,欠薪人数\n"
    "P001,城南小学,城关镇,教育局,政府投资,甲建设公司,1000000,2023-03-01,是,是,是,是,是,是,5000,2\n"
    "P002,北山道路,北山乡,交通局,社会投资,乙建设公司,800000,2023-04-01,是,是,是,是,是,是,0,0\n"
)
PUBLICITY = "日期,属地,开展单位,活动类型,数量\n2023-11-05,城关镇,人社局,发放宣传资料,200\n"
SELF_INSPECTIONS = (
    "项目编号或统一社会信用代码,提交日期,自报欠薪金额,自报欠薪人数\nP001,2023-11-20,0,0\n"
)
DAY = "2023-12-20"


@pytest.fixture
def campaign(tmp_path):
    folder = tmp_path / "campaign"
    folder.mkdir()
    (folder / "campaign.toml").write_text(CAMPAIGN_TOML, encoding="utf-8")
    (folder / "projects.csv").write_text(PROJECTS, encoding="utf-8")
    (folder / "publicity.csv").write_text(PUBLICITY, encoding="utf-8")
    (folder / "self_inspections.csv").write_text(SELF_INSPECTIONS, encoding="utf-8")
    return folder


def run(capsys, *argv):
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def summary(capsys, campaign, db, day=DAY):
    code, out, err = run(capsys, "summary", campaign, "--as-of", day, "--json", "--db", db)
    assert code == 0, err
    return json.loads(out)


def test_publicity_event_counts_in_the_summary(campaign, store_url, capsys):
    """A logged event adds one event and its quantity to its activity, as a ledger row would."""
    before = summary(capsys, campaign, store_url)["publicity"]
    code, out, _ = run(
        capsys,
        "publicity",
        campaign,
        "--date",
        "2023年12月1日",
        "--township",
        "北山乡",
        "--unit",
        "北山乡政府",
        "--activity",
        "现场咨询",
        "--quantity",
        "3场",
        "--participants",
        "120",
        "--by",
        "王五",
        "--db",
        store_url,
    )
    assert code == 0 and "已登记" in out and "北山乡" in out
    after = summary(capsys, campaign, store_url)["publicity"]
    assert after["events"] == before["events"] + 1
    assert after["by_activity"]["现场咨询"] == {"quantity": 3, "participants": 120}
    assert after["participants"] == before["participants"] + 120


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (("--township", "南海镇"), "属地“南海镇”不在台账所列属地中"),
        (("--date", "2023年2月30日"), "日期不存在：2023年2月30日"),
        (("--quantity", "许多"), "数量"),
        (("--activity", "座谈"), "活动类型只能是"),
    ],
)
def test_publicity_refusals_write_nothing(campaign, sqlite_url, capsys, change, reason):
    """A forged township, an impossible date or an unknown activity: exit 1, nothing stored."""
    values = {
        "--date": "2023-12-01",
        "--township": "北山乡",
        "--unit": "北山乡政府",
        "--activity": "现场咨询",
        "--quantity": "3",
    }
    values[change[0]] = change[1]
    argv = [item for pair in values.items() for item in pair]
    code, _, err = run(capsys, "publicity", campaign, *argv, "--by", "王五", "--db", sqlite_url)
    assert code == 1 and reason in err
    with Store.open(sqlite_url) as store:
        assert store.count("publicity_events") == 0


def test_a_form_refuses_a_date_with_the_loaders_reason(campaign, sqlite_url, capsys):
    """The same impossible date gets the same Chinese reason from validate and from a form."""
    bad = PUBLICITY + "2023年2月30日,城关镇,人社局,发放宣传资料,10\n"
    (campaign / "publicity.csv").write_text(bad, encoding="utf-8")
    code, out, _ = run(capsys, "validate", campaign, "--json")
    ledger_reason = next(e["reason"] for e in json.loads(out)["errors"] if e["column"] == "date")
    (campaign / "publicity.csv").write_text(PUBLICITY, encoding="utf-8")
    argv = ["--township", "城关镇", "--unit", "人社局", "--activity", "张贴海报", "--quantity", "5"]
    code, _, err = run(
        capsys,
        "publicity",
        campaign,
        "--date",
        "2023年2月30日",
        *argv,
        "--by",
        "王五",
        "--db",
        sqlite_url,
    )
    assert code == 1 and ledger_reason in err


def test_self_inspection_form_replaces_the_ledger_row(campaign, store_url, capsys):
    """P001's form in the store replaces its ledger row: it now reports the arrears it has."""
    before = summary(capsys, campaign, store_url)["self_inspection"]
    assert (before["submitted"], before["mismatched"]) == (1, 1)
    code, out, _ = run(
        capsys,
        "self-inspection",
        campaign,
        "P001",
        "--submitted",
        "2023-12-02",
        "--arrears-amount",
        "0.5万",
        "--arrears-workers",
        "2",
        "--by",
        "王五",
        "--db",
        store_url,
    )
    assert code == 0 and "5,000.00 元" in out
    after = summary(capsys, campaign, store_url)["self_inspection"]
    assert (after["submitted"], after["missing"], after["mismatched"]) == (1, 1, 0)


def test_self_inspection_of_an_unknown_subject_is_refused(campaign, sqlite_url, capsys):
    """A subject in no ledger is refused in Chinese; nothing is written."""
    code, _, err = run(
        capsys,
        "self-inspection",
        campaign,
        "P999",
        "--submitted",
        "2023-12-02",
        "--arrears-amount",
        "0",
        "--arrears-workers",
        "0",
        "--by",
        "王五",
        "--db",
        sqlite_url,
    )
    assert code == 1 and "P999" in err


def test_daily_reports_roll_up_and_a_second_report_replaces_the_first(campaign, store_url, capsys):
    """A 零报告 and a report with incidents; the same township's second report replaces it."""
    assert summary(capsys, campaign, store_url)["daily_reports"] is None
    common = ["--date", DAY, "--by", "王五", "--db", store_url]
    assert run(capsys, "daily", campaign, "--township", "城关镇", *common)[0] == 0
    daily = summary(capsys, campaign, store_url)["daily_reports"]
    assert daily == {
        "date": DAY,
        "townships": 2,
        "reported": 1,
        "zero": 1,
        "incidents": 0,
        "missing": ["北山乡"],
    }
    code, out, _ = run(
        capsys, "daily", campaign, "--township", "城关镇", "--incidents", "2", *common
    )
    assert code == 0 and "替代当日原报告" in out
    daily = summary(capsys, campaign, store_url)["daily_reports"]
    assert (daily["reported"], daily["zero"], daily["incidents"]) == (1, 0, 2)
    with Store.open(store_url) as store:
        assert len(store.records(KEY, "daily_reports")) == 1
        trail = store.audit(KEY)
    incidents = trail[trail["field"] == "incidents"]
    assert incidents["new_value"].tolist() == ["0", "2"]


def test_baseline_then_cleared_when_the_arrears_are_paid(campaign, store_url, capsys):
    """P001 owed at the baseline and owes nothing now: one general subject cleared (销号)."""
    code, out, _ = run(
        capsys, "baseline", campaign, "--as-of", "2023-11-15", "--by", "组长", "--db", store_url
    )
    assert code == 0 and "一般欠薪1个" in out
    risk = summary(capsys, campaign, store_url)["risk"]
    assert risk["baseline"] == {
        "as_of": "2023-11-15",
        "none": 1,
        "general": 1,
        "serious": 0,
        "no_arrears_rate": 0.5,
    }
    assert risk["cleared"] == {"general": 0, "serious": 0}
    paid = PROJECTS.replace("是,是,5000,2", "是,是,0,0")
    (campaign / "projects.csv").write_text(paid, encoding="utf-8")
    assert summary(capsys, campaign, store_url)["risk"]["cleared"] == {"general": 1, "serious": 0}
    # Recorded again, the baseline is replaced: now nobody owes, nothing left to clear.
    run(capsys, "baseline", campaign, "--as-of", "2023-12-01", "--by", "组长", "--db", store_url)
    risk = summary(capsys, campaign, store_url)["risk"]
    assert (risk["baseline"]["as_of"], risk["baseline"]["general"]) == ("2023-12-01", 0)
    with Store.open(store_url) as store:
        assert len(store.records(KEY, "baseline_tiers")) == 2
