"""The sample campaign generator: determinism, sizes, valid identifiers, planted ground truth
consistent with the generated tables, and the messy copy's encodings and planted load errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from wagekit.cli import main
from wagekit.config import read_config
from wagekit.ids import valid_id_number, valid_uscc
from wagekit.sample import files as sample_files
from wagekit.sample import generate, write_campaign, write_sample
from wagekit.schema import GOVERNMENT_INVESTMENT_TYPES, SYSTEMS, TABLE_ORDER, TABLES

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "sample_data" / "demo"
MESSY = ROOT / "sample_data" / "demo-messy"


@pytest.fixture(scope="module")
def sample():
    return generate()


@pytest.fixture(scope="module")
def problems(sample):
    return sample.planted["problems"]


@pytest.fixture(scope="module")
def as_of(sample):
    return pd.Timestamp(sample.planted["as_of"])


def _owed(payroll: pd.DataFrame) -> pd.DataFrame:
    return payroll[payroll["wage_due"] > payroll["wage_paid"]]


# ---------------------------------------------------------------------------- determinism
def test_same_seed_same_tables(sample):
    """Generating twice with the same seed gives identical tables and ground truth."""
    again = generate()
    for name in TABLE_ORDER:
        assert_frame_equal(sample.tables[name], again.tables[name])
    assert json.dumps(sample.planted, ensure_ascii=False) == json.dumps(
        again.planted, ensure_ascii=False
    )


def test_other_seed_other_data(sample):
    """A different seed gives different workers."""
    other = generate(seed=7)
    assert not sample.tables["workers"]["id_number"].equals(other.tables["workers"]["id_number"])


def test_same_seed_same_csv_bytes(tmp_path):
    """Two runs with the same seed write byte-identical files."""
    first, second = tmp_path / "a", tmp_path / "b"
    write_sample(first, fmt="csv", seed=3)
    write_sample(second, fmt="csv", seed=3)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_xlsx_writer_is_deterministic(tmp_path):
    """The .xlsx writer puts no clock time into the file."""
    small = generate(seed=5)
    small.tables["payroll"] = small.tables["payroll"].head(50)
    write_campaign(small, tmp_path / "a")
    write_campaign(small, tmp_path / "b")
    for name in ("projects.xlsx", "payroll.xlsx", "cases.xlsx"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_committed_demo_is_current(sample):
    """sample_data/demo holds what the generator makes today (its ground truth is the same)."""
    committed = json.loads((DEMO / "planted.json").read_text(encoding="utf-8"))
    assert committed["problems"] == json.loads(json.dumps(sample.planted["problems"]))
    assert committed["sizes"] == sample.planted["sizes"]


# ----------------------------------------------------------------------------------- sizes
def test_default_sizes(sample):
    """Scale 1: 300 projects, 400 employers, 10,000 workers, ~100k payroll rows, 500 cases."""
    sizes = {name: len(frame) for name, frame in sample.tables.items()}
    assert (sizes["projects"], sizes["employers"], sizes["workers"]) == (300, 400, 10_000)
    assert (sizes["cases"], sizes["publicity"]) == (500, 800)
    assert 95_000 <= sizes["payroll"] <= 120_000
    assert 0.8 * 700 <= sizes["self_inspections"] < 700


def test_sizes_scale_with_scale(sample):
    """--scale multiplies every table."""
    double = generate(scale=2)
    for name in ("projects", "employers", "workers", "cases", "publicity"):
        assert len(double.tables[name]) == 2 * len(sample.tables[name])
    ratio = len(double.tables["payroll"]) / len(sample.tables["payroll"])
    assert 1.9 < ratio < 2.1


def test_year_shifts_the_campaign(tmp_path):
    """--year moves the campaign and its payroll window."""
    shifted = generate(year=2025)
    (tmp_path / "campaign.toml").write_text(shifted.config_toml, encoding="utf-8")
    config = read_config(tmp_path / "campaign.toml")
    assert config.start.isoformat() == "2025-11-01"
    assert config.name == "2025年度根治欠薪冬季专项行动"
    months = shifted.tables["payroll"]["month"]
    assert months.min() == pd.Timestamp("2024-12-01")
    assert months.max() == pd.Timestamp("2025-11-01")


def test_default_config_is_contract_example(tmp_path, sample):
    """The default campaign.toml is the example of CONTRACT section 2."""
    (tmp_path / "campaign.toml").write_text(sample.config_toml, encoding="utf-8")
    config = read_config(tmp_path / "campaign.toml")
    assert config.region == "示例县"
    assert config.end.isoformat() == "2024-02-09"
    assert {k: (a.isoformat(), b.isoformat()) for k, (a, b) in config.phases.items()} == {
        "publicity": ("2023-11-01", "2023-11-30"),
        "self_inspection": ("2023-11-01", "2023-11-30"),
        "enforcement": ("2023-12-01", "2024-02-09"),
        "summary": ("2024-02-10", "2024-02-29"),
    }


# ---------------------------------------------------------------------- valid and linked
def test_id_numbers_valid_unique_and_born_1965_2004(sample):
    """Every worker has a valid, unique ID number with a birth date in 1965–2004."""
    ids = sample.tables["workers"]["id_number"]
    assert valid_id_number(ids).all()
    assert ids.is_unique
    birth = pd.to_datetime(ids.str[6:14], format="%Y%m%d")
    assert birth.min() >= pd.Timestamp("1965-01-01")
    assert birth.max() <= pd.Timestamp("2004-12-31")


def test_credit_codes_valid_and_unique(sample):
    """Every employer has a valid, unique unified social credit code."""
    codes = sample.tables["employers"]["employer_id"]
    assert valid_uscc(codes).all()
    assert codes.is_unique


def test_every_sector_and_investment_type_present(sample):
    """Employers span the sectors; projects span the four investment types, mostly 社会投资."""
    assert set(sample.tables["employers"]["sector"]) == set(
        TABLES["employers"].column("sector").choices
    )
    counts = sample.tables["projects"]["investment_type"].value_counts()
    assert len(counts) == 4
    assert counts.idxmax() == "社会投资"
    assert counts["政府和社会资本合作"] < counts["政府投资"]


def test_contractors_are_employers(sample):
    """Each project's general contractor is a construction employer of the ledger."""
    employers = sample.tables["employers"]
    construction = set(employers.loc[employers["sector"] == "工程建设", "name"])
    assert set(sample.tables["projects"]["contractor"]) <= construction


def test_payroll_references_known_workers_and_projects(sample):
    """Payroll rows name known workers and projects."""
    payroll = sample.tables["payroll"]
    assert payroll["id_number"].isin(sample.tables["workers"]["id_number"]).all()
    assert payroll["project_id"].isin(sample.tables["projects"]["project_id"]).all()


def test_payroll_respects_start_and_end_dates(sample):
    """A worker is paid only for months between entry and exit, at most once a month."""
    workers = sample.tables["workers"].set_index("id_number")
    payroll = sample.tables["payroll"]
    start = workers["start_date"].reindex(payroll["id_number"]).to_numpy()
    end = workers["end_date"].reindex(payroll["id_number"]).to_numpy()
    month_end = (payroll["month"] + pd.offsets.MonthEnd(0)).to_numpy()
    assert (month_end >= start).all()
    assert (pd.isna(end) | (payroll["month"].to_numpy() <= end)).all()
    assert not payroll.duplicated(["id_number", "month"]).any()


def test_wage_due_follows_contract_formula(sample):
    """wage_due = rate × days (日薪) or rate × min(days, 21.75) / 21.75 (月薪)."""
    workers = sample.tables["workers"].set_index("id_number")
    payroll = sample.tables["payroll"]
    rate = workers["wage_rate"].reindex(payroll["id_number"]).to_numpy()
    daily = (workers["wage_basis"].reindex(payroll["id_number"]) == "日薪").to_numpy()
    days = payroll["days_worked"].to_numpy()
    expected = np.where(daily, rate * days, rate * np.minimum(days, 21.75) / 21.75)
    np.testing.assert_allclose(payroll["wage_due"].to_numpy(), expected, atol=0.006)


# ---------------------------------------------------------------------- planted problems
def test_arrears_projects_are_exactly_those_with_unpaid_wages(sample, problems):
    """The planted arrears projects are the projects whose payroll shows due > paid."""
    owed = _owed(sample.tables["payroll"])
    assert sorted(owed["project_id"].unique()) == problems["arrears"]["projects"]
    assert problems["arrears"]["amount"] == pytest.approx(
        (owed["wage_due"] - owed["wage_paid"]).sum(), abs=0.01
    )


def test_arrears_concentrated_in_few_contractors(sample, problems):
    """Apart from the one-worker yellow cases, arrears sit with a few named contractors."""
    projects = sample.tables["projects"].set_index("project_id")
    big = sorted(set(problems["arrears"]["projects"]) - set(problems["warnings"]["planted_yellow"]))
    contractors = projects.loc[big, "contractor"]
    assert set(contractors) <= set(problems["arrears"]["contractors"])
    assert len(problems["arrears"]["contractors"]) <= 6 < len(big)


def test_planted_below_minimum_rows_are_below_minimum(sample, problems):
    """Each planted row breaks the minimum wage; no other row does."""
    minimum = sample.planted["rules"]["minimum_wage_monthly"]
    workers = sample.tables["workers"].set_index("id_number")
    payroll = sample.tables["payroll"]
    daily_rate_low = (workers["wage_basis"] == "日薪") & (workers["wage_rate"] < minimum / 21.75)
    below = ((payroll["days_worked"] >= 21.75) & (payroll["wage_due"] < minimum)) | (
        daily_rate_low.reindex(payroll["id_number"]).to_numpy()
    )
    found = (
        payroll.loc[below, ["id_number", "project_id"]]
        .assign(month=payroll.loc[below, "month"].dt.strftime("%Y-%m"))
        .to_numpy()
        .tolist()
    )
    assert sorted(found) == sorted(problems["below_minimum_wage"]["rows"])
    assert set(payroll.loc[below, "id_number"]) <= set(problems["below_minimum_wage"]["workers"])
    assert problems["below_minimum_wage"]["worker_months"] > 0


def test_cash_and_foreman_pay_only_on_planted_projects(sample, problems):
    """Rows paid 现金 or 班组长代领 all belong to the planted projects."""
    payroll = sample.tables["payroll"]
    cash = payroll[payroll["pay_method"] != "银行代发"]
    assert set(cash["project_id"]) == set(problems["cash_or_via_foreman"]["projects"])
    assert len(cash) == problems["cash_or_via_foreman"]["worker_months"]


def test_real_name_gaps_match_the_tables(sample, problems):
    """Off-roster payroll rows and roster workers without payroll are exactly the planted ones."""
    workers = sample.tables["workers"]
    payroll = sample.tables["payroll"]
    roster = workers.set_index("id_number")["project_id"]
    off = payroll[
        payroll["project_id"].to_numpy() != roster.reindex(payroll["id_number"]).to_numpy()
    ]
    assert sorted(off["id_number"].unique()) == problems["payroll_not_on_roster"]["workers"]
    unpaid_roster = sorted(set(workers["id_number"]) - set(payroll["id_number"]))
    assert unpaid_roster == problems["roster_without_payroll"]["workers"]


def test_late_pay_projects_pay_after_the_following_month(sample, problems):
    """Each late-pay project has a fully paid month paid after the end of the next month."""
    payroll = sample.tables["payroll"]
    deadline = payroll["month"] + pd.offsets.MonthBegin(2) - pd.Timedelta(days=1)
    late = payroll[(payroll["pay_date"] > deadline) & (payroll["wage_paid"] >= payroll["wage_due"])]
    assert set(problems["late_pay"]["projects"]) <= set(late["project_id"])
    assert set(problems["late_pay"]["projects"]) <= set(problems["warnings"]["red"])
    assert not set(problems["late_pay"]["projects"]) & set(problems["arrears"]["projects"])


def test_pay_dates_never_after_as_of(sample, as_of):
    """No payment is dated after as_of, so 'paid' means paid as of as_of."""
    assert (sample.tables["payroll"]["pay_date"].dropna() <= as_of).all()


def test_yellow_warnings_are_the_planted_ones(problems):
    """The yellow projects are exactly those planted with one unpaid November attendee."""
    assert problems["warnings"]["yellow"] == problems["warnings"]["planted_yellow"]
    assert not set(problems["warnings"]["yellow"]) & set(problems["warnings"]["red"])


def test_labor_cost_underfunded_matches(sample, problems):
    """Underfunded projects are those with labor_cost_paid < labor_cost_due."""
    projects = sample.tables["projects"]
    under = projects[projects["labor_cost_paid"] < projects["labor_cost_due"]]
    assert sorted(under["project_id"]) == problems["labor_cost_underfunded"]["projects"]
    assert 0 < len(under) < len(projects) / 2


def test_missing_systems_more_often_in_social_investment(sample, problems):
    """社会投资 projects lack a system more often than government-type projects."""
    projects = sample.tables["projects"]
    lacking = ~projects[list(SYSTEMS[:6])].all(axis=1)
    social = projects["investment_type"] == "社会投资"
    assert lacking[social].mean() > lacking[~social].mean()
    listed = set().union(*map(set, problems["missing_system"]["projects"].values()))
    assert listed == set(projects.loc[lacking, "project_id"])


def test_monthly_payment_contradicted_says_yes(sample, problems):
    """Contradicted projects say 是 for 按月足额支付 yet have arrears or late pay."""
    projects = sample.tables["projects"].set_index("project_id")
    contradicted = problems["monthly_payment_contradicted"]["projects"]
    assert contradicted
    assert projects.loc[contradicted, "monthly_payment"].all()
    assert set(contradicted) <= (
        set(problems["arrears"]["projects"]) | set(problems["late_pay"]["projects"])
    )


def test_overdue_cases_are_clear_cut(sample, problems, as_of):
    """Overdue cases are 75+ days late; every other case is within 28 calendar days."""
    cases = sample.tables["cases"].set_index("case_id")
    closed = cases["status"].isin(["已结案", "已移送"])
    took = (cases["closed_date"] - cases["received_date"]).dt.days
    waited = (as_of - cases["received_date"]).dt.days
    overdue = set(problems["cases"]["overdue"])
    is_overdue = cases.index.isin(list(overdue))
    assert ((~closed & (waited >= 75)) | (closed & (took >= 75)))[is_overdue].all()
    others = cases[~is_overdue]
    assert (
        (others["status"].isin(["已结案", "已移送"]) & (took[~is_overdue] <= 28))
        | (waited[~is_overdue] <= 28)
    ).all()


def test_open_cases_split_by_two_zero_class(sample, problems, as_of):
    """Open cases as of as_of split into government and other projects."""
    cases = sample.tables["cases"].set_index("case_id")
    listed = problems["cases"]
    assert sorted(listed["government_open"] + listed["others_open"]) == listed["open"]
    gov = cases.loc[listed["government_open"], "investment_type"]
    assert gov.isin(GOVERNMENT_INVESTMENT_TYPES).all()
    assert (cases.loc[listed["received_after_as_of"], "received_date"] > as_of).all()
    assert not set(listed["received_after_as_of"]) & set(listed["open"])


def test_townships_without_publicity(sample, problems):
    """Two townships have no publicity event; every other township has some."""
    from wagekit.sample import TOWNSHIPS

    silent = set(problems["townships_without_publicity"]["townships"])
    assert len(silent) == 2
    assert set(sample.tables["publicity"]["township"]) == set(TOWNSHIPS) - silent


def test_self_inspections_under_report_and_missing(sample, problems):
    """Under-reported forms report less than the payroll/ledger arrears; the rest match."""
    owed = _owed(sample.tables["payroll"])
    amount = (owed["wage_due"] - owed["wage_paid"]).groupby(owed["project_id"]).sum()
    employers = sample.tables["employers"].set_index("employer_id")["arrears_amount"]
    actual = pd.concat([amount, employers[employers > 0]])
    forms = sample.tables["self_inspections"].set_index("subject_id")
    truth = actual.reindex(forms.index).fillna(0)
    under = forms.index.isin(problems["self_inspection_under_reported"]["subjects"])
    assert (forms["reported_arrears_amount"][under] < truth[under]).all()
    np.testing.assert_allclose(forms["reported_arrears_amount"][~under], truth[~under], atol=0.01)
    subjects = set(sample.tables["projects"]["project_id"]) | set(employers.index)
    assert sorted(subjects - set(forms.index)) == problems["self_inspection_missing"]["subjects"]


# ------------------------------------------------------------------------------ messy copy
def test_messy_workers_csv_is_gbk():
    """农民工花名册.csv is GBK: not UTF-8, but decodes as GBK."""
    data = (MESSY / "农民工花名册.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.decode("gbk").startswith("身份证号码,")


def test_messy_publicity_csv_needs_gb18030():
    """宣传活动记录.csv is GB18030 with a character GBK cannot hold."""
    data = (MESSY / "宣传活动记录.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("gbk")
    assert "䶮" in data.decode("gb18030")


def test_messy_self_inspections_csv_has_bom():
    """self_inspections.csv is UTF-8 with a byte-order mark."""
    assert (MESSY / "self_inspections.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_messy_projects_is_xls():
    """The project ledger is an Excel 97 .xls (OLE compound file)."""
    assert (MESSY / "在建工程项目台账.xls").read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")


def _sheet_rows(path: Path) -> list[list]:
    if path.suffix == ".csv":
        data = path.read_bytes()
        for encoding in ("utf-8-sig", "gbk", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        return list(csv.reader(io.StringIO(text)))
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def test_messy_load_errors_cover_every_rule_once_per_row():
    """About 25 planted load errors, one per row, covering every load rule."""
    errors = json.loads((MESSY / "planted.json").read_text(encoding="utf-8"))["load_errors"]
    assert 25 <= len(errors) <= 32
    assert {e["rule"] for e in errors} == {
        "missing_value",
        "bad_date",
        "impossible_date",
        "bad_money",
        "bad_count",
        "bad_number",
        "bad_bool",
        "bad_month",
        "enum",
        "range",
        "id_number",
        "uscc",
        "duplicate_key",
        "reference",
        "compare",
    }
    assert len({(e["file"], e["row"]) for e in errors}) == len(errors)


def test_messy_load_errors_point_at_the_right_cells():
    """Each planted error's row, as seen in Excel or an editor, holds the planted value."""
    errors = json.loads((MESSY / "planted.json").read_text(encoding="utf-8"))["load_errors"]
    cache: dict[str, list[list]] = {}
    for error in errors:
        rows = cache.setdefault(error["file"], _sheet_rows(MESSY / error["file"]))
        cells = [str(c) for c in rows[error["row"] - 1]]
        if error["value"] is None:
            assert "" in cells, error
        else:
            assert any(
                error["value"] == c or error["value"] == c.removesuffix(".0") for c in cells
            ), (error, cells)


def test_messy_has_the_same_data_size():
    """The messy copy holds every clean row plus exactly the planted error rows."""
    planted = json.loads((MESSY / "planted.json").read_text(encoding="utf-8"))
    extra = pd.Series([e["table"] for e in planted["load_errors"]]).value_counts()
    files = {e["table"]: e["file"] for e in planted["load_errors"]}
    for table in ("projects", "workers", "publicity"):
        rows = _sheet_rows(MESSY / files[table])
        header_rows = 2 if table == "projects" else 1
        assert len(rows) - header_rows == planted["sizes"][table] + extra[table]


# ------------------------------------------------------------------------------------- CLI
def test_cli_writes_a_csv_campaign(tmp_path):
    """`wagekit sample OUT --format csv` writes campaign.toml, the seven tables, planted.json."""
    assert main(["sample", str(tmp_path / "c"), "--format", "csv", "--seed", "11"]) == 0
    names = {p.name for p in (tmp_path / "c").iterdir()}
    assert names == {"campaign.toml", "planted.json", *(f"{t}.csv" for t in TABLE_ORDER)}


def test_cli_parquet_has_canonical_names(tmp_path):
    """Parquet files carry the canonical English column names."""
    import pyarrow.parquet as pq

    assert main(["sample", str(tmp_path / "p"), "--format", "parquet"]) == 0
    schema = pq.read_schema(tmp_path / "p" / "payroll.parquet")
    assert schema.names == [c.name for c in TABLES["payroll"].columns]


def test_xlsx_refused_beyond_excel_rows(tmp_path, monkeypatch, sample):
    """Writing more payroll rows than Excel holds as .xlsx is refused with advice."""
    monkeypatch.setattr(sample_files, "XLSX_MAX_ROWS", 1000)
    with pytest.raises(ValueError, match="csv"):
        write_campaign(sample, tmp_path / "x")
