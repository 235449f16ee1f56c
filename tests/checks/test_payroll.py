import numpy as np
import pandas as pd
import pytest
from payroll_frames import ID_A, ID_B, ID_C, ROSTER, payroll, workers

from wagekit.checks import payroll as pr
from wagekit.findings import FINDING_COLUMNS

AS_OF = "2024-01-15"


def _one(
    id_number=ID_A,
    project="P1",
    month="2023-10-01",
    days=21.75,
    due=None,
    paid=0.0,
    pay_date=None,
    method="银行代发",
):
    return (id_number, project, month, days, due, paid, pay_date, method)


# --- wage due --------------------------------------------------------------------------------


def test_monthly_wage_due_for_exactly_21_75_days_is_the_full_rate():
    """月薪 with exactly 21.75 days worked is due the whole monthly rate."""
    out = pr.payroll_with_due(payroll([_one(days=21.75)]), ROSTER)
    assert out["wage_due"].tolist() == [8700.0]
    assert out["due_computed"].tolist() == [True]


def test_monthly_wage_due_is_capped_at_21_75_days():
    """月薪: days beyond 21.75 do not raise the wage due above the monthly rate."""
    out = pr.payroll_with_due(payroll([_one(days=26)]), ROSTER)
    assert out["wage_due"].tolist() == [8700.0]


def test_monthly_wage_due_is_prorated_below_21_75_days():
    """月薪: rate × days / 21.75 for a partial month."""
    out = pr.payroll_with_due(payroll([_one(days=10)]), ROSTER)
    assert out["wage_due"].iloc[0] == pytest.approx(8700 * 10 / 21.75)


def test_daily_wage_due_is_rate_times_days():
    """日薪: rate × days worked."""
    out = pr.payroll_with_due(payroll([_one(ID_B, days=26)]), ROSTER)
    assert out["wage_due"].tolist() == [300.0 * 26]


def test_given_wage_due_is_kept():
    """A wage due written in the ledger is used as is, not recomputed."""
    out = pr.payroll_with_due(payroll([_one(due=5000.0)]), ROSTER)
    assert out["wage_due"].tolist() == [5000.0]
    assert out["due_computed"].tolist() == [False]


def test_wage_due_stays_unknown_for_a_worker_not_on_the_roster():
    """Without 应发工资 and without a roster row the wage due is unknown, not 0."""
    out = pr.payroll_with_due(payroll([_one("110101199909099999")]), ROSTER)
    assert np.isnan(out["wage_due"].iloc[0]) and np.isnan(out["arrears"].iloc[0])


def test_arrears_are_due_minus_paid_and_never_negative():
    """arrears = max(wage_due − wage_paid, 0)."""
    out = pr.payroll_with_due(
        payroll([_one(due=1000.0, paid=400.0), _one(due=1000.0, paid=1200.0)]), ROSTER
    )
    assert out["arrears"].tolist() == [600.0, 0.0]


def test_due_by_is_the_last_day_of_the_next_month():
    """Wages of January 2024 are due by 29 February 2024 (a leap year)."""
    out = pr.payroll_with_due(payroll([_one(month="2024-01-01")]), ROSTER)
    assert out["due_by"].tolist() == [pd.Timestamp("2024-02-29")]


# --- arrears ---------------------------------------------------------------------------------


def test_worker_month_arrears_leaves_out_months_after_as_of():
    """A month starting after as_of is not counted; the month containing as_of is."""
    frame = payroll([_one(month="2024-01-01", due=100.0), _one(month="2024-02-01", due=100.0)])
    out = pr.worker_month_arrears(frame, ROSTER, as_of=AS_OF)
    assert out["month"].tolist() == [pd.Timestamp("2024-01-01")]


def test_worker_month_arrears_leaves_out_months_paid_in_full():
    """wage_paid = wage_due is not arrears."""
    frame = payroll([_one(due=100.0, paid=100.0), _one(ID_B, due=100.0, paid=99.0)])
    out = pr.worker_month_arrears(frame, ROSTER, as_of=AS_OF)
    assert out["id_number"].tolist() == [ID_B]
    assert out["name"].tolist() == ["李四"] and out["team"].tolist() == ["钢筋班"]


def test_arrears_by_project_counts_amount_workers_and_months():
    """Per project: total arrears, distinct workers owed and distinct months."""
    frame = payroll(
        [
            _one(ID_A, month="2023-10-01", due=1000.0, paid=0.0),
            _one(ID_A, month="2023-11-01", due=1000.0, paid=500.0),
            _one(ID_B, month="2023-11-01", due=300.0, paid=0.0),
            _one(ID_C, "P2", month="2023-11-01", due=300.0, paid=300.0),
        ]
    )
    out = pr.arrears_by_project(frame, ROSTER, as_of=AS_OF)
    assert out[["project_id", "amount", "workers", "months", "worker_months"]].to_dict(
        "records"
    ) == [{"project_id": "P1", "amount": 1800.0, "workers": 2, "months": 2, "worker_months": 3}]


def test_arrears_by_team_groups_by_the_roster_team():
    """Arrears are split by the team 班组 of the roster."""
    frame = payroll([_one(ID_A, due=1000.0), _one(ID_B, due=300.0)])
    out = pr.arrears_by_team(frame, ROSTER, as_of=AS_OF).sort_values("team")
    assert out[["team", "amount", "workers"]].to_dict("records") == [
        {"team": "木工班", "amount": 1000.0, "workers": 1},
        {"team": "钢筋班", "amount": 300.0, "workers": 1},
    ]


def test_arrears_by_worker_sums_a_workers_months():
    """Per worker and project: amount and number of months owed."""
    frame = payroll(
        [_one(month="2023-10-01", due=1000.0), _one(month="2023-11-01", due=800.0, paid=300.0)]
    )
    out = pr.arrears_by_worker(frame, ROSTER, as_of=AS_OF)
    assert out[["id_number", "name", "amount", "months"]].to_dict("records") == [
        {"id_number": ID_A, "name": "张三", "amount": 1500.0, "months": 2}
    ]


def test_months_unpaid_in_a_row_is_broken_by_a_paid_month():
    """Oct and Nov unpaid, Dec paid, Jan unpaid: longest run 2, current run 1."""
    frame = payroll(
        [
            _one(month="2023-10-01", due=100.0),
            _one(month="2023-11-01", due=100.0),
            _one(month="2023-12-01", due=100.0, paid=100.0),
            _one(month="2024-01-01", due=100.0),
        ]
    )
    out = pr.months_unpaid_in_a_row(frame, ROSTER, as_of=AS_OF)
    assert out[["longest_run", "current_run"]].to_dict("records") == [
        {"longest_run": 2, "current_run": 1}
    ]


def test_current_run_is_zero_when_the_latest_month_is_paid():
    """A run that ended before the worker's latest payroll month is not current."""
    frame = payroll(
        [_one(month="2023-10-01", due=100.0), _one(month="2023-11-01", due=100.0, paid=100.0)]
    )
    out = pr.months_unpaid_in_a_row(frame, ROSTER, as_of=AS_OF)
    assert out[["longest_run", "current_run"]].iloc[0].tolist() == [1, 0]


# --- minimum wage, cash ----------------------------------------------------------------------


def test_full_month_wage_exactly_at_the_minimum_is_not_below():
    """days_worked = 21.75 and wage_due = minimum: not below the minimum wage."""
    frame = payroll([_one(days=21.75, due=1900.0), _one(ID_C, "P2", days=21.75, due=1899.0)])
    out = pr.below_minimum_wage(
        frame,
        workers(
            [
                (ID_A, "张三", "P1", None, "月薪", 1900.0, "2023-01-01", None),
                (ID_C, "王五", "P2", None, "月薪", 1899.0, "2023-01-01", None),
            ]
        ),
        minimum_wage_monthly=1900,
    )
    assert out["id_number"].tolist() == [ID_C]
    assert out["reason"].tolist() == ["full_month"]


def test_partial_month_below_the_minimum_is_not_judged():
    """Fewer than 21.75 days: a low monthly wage is not a minimum-wage finding."""
    frame = payroll([_one(days=21.5, due=1000.0)])
    out = pr.below_minimum_wage(
        frame,
        workers([(ID_A, "张三", "P1", None, "月薪", 1000.0, "2023-01-01", None)]),
        minimum_wage_monthly=1900,
    )
    assert out.empty


def test_daily_rate_below_minimum_over_21_75_is_below():
    """日薪 rate below minimum / 21.75 is below, even for a few days; exactly equal is not."""
    minimum = 2175.0  # 100 a day
    roster = workers(
        [
            (ID_A, "张三", "P1", None, "日薪", 99.0, "2023-01-01", None),
            (ID_B, "李四", "P1", None, "日薪", 100.0, "2023-01-01", None),
        ]
    )
    frame = payroll([_one(ID_A, days=3), _one(ID_B, days=3)])
    out = pr.below_minimum_wage(frame, roster, minimum_wage_monthly=minimum)
    assert out["id_number"].tolist() == [ID_A]
    assert out["reason"].tolist() == ["daily_rate"]


def test_cash_and_foreman_payments_are_listed_bank_payments_are_not():
    """pay_method 现金 or 班组长代领 is a finding; 银行代发 and empty are not."""
    frame = payroll(
        [
            _one(method="现金"),
            _one(ID_B, method="班组长代领"),
            _one(ID_C, "P2", method="银行代发"),
            _one(ID_C, "P2", month="2023-11-01", method=None),
        ]
    )
    out = pr.cash_or_via_foreman(frame, ROSTER)
    assert out["pay_method"].tolist() == ["现金", "班组长代领"]
    assert out["name"].tolist() == ["张三", "李四"]


# --- real-name gaps --------------------------------------------------------------------------


def test_payroll_row_of_a_worker_rostered_on_another_project_is_a_gap():
    """A worker on P2's roster paid on P1's payroll is not on P1's roster."""
    frame = payroll([_one(ID_A, "P1"), _one(ID_C, "P1")])
    roster = ROSTER.loc[ROSTER["id_number"] != ID_B]
    out = pr.roster_gaps(frame, roster)
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
            _one(ID_A, month="2023-10-01"),
            _one(ID_A, month="2023-11-01"),
            _one(ID_B, month="2023-10-01"),
        ]
    )
    out = pr.roster_gaps(frame, roster)
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
            _one(ID_A, month="2023-10-01"),
            _one(ID_A, month="2023-11-01"),
            _one(ID_B, month="2023-10-01"),
        ]
    )
    assert pr.roster_gaps(frame, roster).empty


# --- early warnings --------------------------------------------------------------------------


ROSTER_A = ROSTER.loc[ROSTER["id_number"] == ID_A]


def _warning_colour(rows, as_of, roster=ROSTER_A):
    out = pr.payroll_warnings(payroll(rows), roster, as_of=as_of)
    return out.set_index(["project_id", "month"])["colour"]


def test_paid_on_the_last_day_of_the_next_month_is_not_red():
    """October wages paid on 30 November are on time: green."""
    colour = _warning_colour([_one(due=100.0, paid=100.0, pay_date="2023-11-30")], "2023-12-05")
    assert colour.tolist() == ["green"]


def test_paid_the_day_after_the_next_month_is_red():
    """October wages paid on 1 December, judged on 5 December: red."""
    colour = _warning_colour([_one(due=100.0, paid=100.0, pay_date="2023-12-01")], "2023-12-05")
    assert colour.tolist() == ["red"]


def test_unpaid_before_the_deadline_is_yellow():
    """October wages of 1 of 10 workers unpaid on 20 November (deadline 30 November): yellow."""
    ids, roster = _crew(10)
    rows = [_one(i, due=100.0, paid=100.0, pay_date="2023-11-10") for i in ids[:9]]
    colour = _warning_colour([*rows, _one(ids[9], due=100.0)], "2023-11-20", roster)
    assert colour.tolist() == ["yellow"]


def test_unpaid_on_the_deadline_day_itself_is_not_yet_red():
    """Judged on 30 November, October's deadline has not passed: yellow, not red."""
    ids, roster = _crew(10)
    rows = [_one(i, due=100.0, paid=100.0, pay_date="2023-11-10") for i in ids[:9]]
    colour = _warning_colour([*rows, _one(ids[9], due=100.0)], "2023-11-30", roster)
    assert colour.tolist() == ["yellow"]


def test_month_not_over_is_not_judged():
    """November is not judged on 20 November."""
    out = pr.payroll_warnings(payroll([_one(month="2023-11-01")]), ROSTER, as_of="2023-11-20")
    assert out.empty


def _crew(n):
    ids = [f"1101011990010{i:04d}X" for i in range(n)]
    roster = workers(
        [(i, f"工人{k}", "P1", None, "日薪", 300.0, "2023-10-01", None) for k, i in enumerate(ids)]
    )
    return ids, roster


def test_exactly_ten_percent_without_pay_record_is_not_red():
    """1 of 10 attending workers with no payment recorded: 10% is not more than 10% (yellow)."""
    ids, roster = _crew(10)
    rows = [_one(i, due=100.0, paid=100.0, pay_date="2023-11-10") for i in ids[:9]]
    assert _warning_colour([*rows, _one(ids[9], due=100.0)], "2023-11-20", roster).tolist() == [
        "yellow"
    ]


def test_more_than_ten_percent_without_pay_record_is_red():
    """2 of 10 attending workers with no payment recorded, before any deadline: red."""
    ids, roster = _crew(10)
    rows = [_one(i, due=100.0, paid=100.0, pay_date="2023-11-10") for i in ids[:8]]
    unpaid = [_one(i, due=100.0) for i in ids[8:]]
    assert _warning_colour(rows + unpaid, "2023-11-20", roster).tolist() == ["red"]


def test_rostered_worker_without_payroll_row_is_not_an_attendance():
    """Attendance is only known from the payroll: a roster gap alone colours nothing."""
    ids, roster = _crew(10)
    rows = [_one(i, due=100.0, paid=100.0, pay_date="2023-11-10") for i in ids[:5]]
    assert _warning_colour(rows, "2023-11-20", roster).tolist() == ["green"]


def test_warning_counts_count_a_project_once_at_its_worst_colour():
    """P1 red in October and yellow in November counts as one red project."""
    warnings = pd.DataFrame(
        {
            "project_id": pd.Series(["P1", "P1", "P2", "P3"], dtype="str"),
            "colour": pd.Series(["red", "yellow", "yellow", "green"], dtype="str"),
        }
    )
    assert pr.warning_counts(warnings) == {"red": 1, "yellow": 1}


# --- criminal amount standard ----------------------------------------------------------------


def test_one_worker_owed_three_months_reaching_the_amount_meets_the_standard():
    """One worker owed in 3 months adding up to exactly the per-worker amount: met."""
    frame = payroll(
        [
            _one(month=m, due=2000.0, paid=0.0 if m != "2023-12-01" else 1000.0)
            for m in ("2023-10-01", "2023-11-01", "2023-12-01")
        ]
    )
    out = pr.criminal_threshold(frame, ROSTER, as_of=AS_OF, criminal_amount_per_worker=5000)
    assert out[["subject_id", "rule", "workers_3_months"]].to_dict("records") == [
        {"subject_id": "P1", "rule": "per_worker", "workers_3_months": 1}
    ]


def test_one_worker_owed_two_months_does_not_meet_the_standard():
    """Two months owed, however much, is not the per-worker standard."""
    frame = payroll([_one(month=m, due=9000.0) for m in ("2023-10-01", "2023-11-01")])
    assert pr.criminal_threshold(frame, ROSTER, as_of=AS_OF).empty


def test_ten_workers_owed_the_total_meet_the_standard_nine_do_not():
    """10 workers owed 30,000 in all: met; 9 workers owed as much: not met."""
    ids, roster = _crew(10)
    ten = payroll([_one(i, due=3000.0) for i in ids])
    nine = payroll([_one(i, due=30000.0 / 9) for i in ids[:9]])
    met = pr.criminal_threshold(ten, roster, as_of=AS_OF, criminal_amount_total=30000)
    assert met["rule"].tolist() == ["total"]
    assert pr.criminal_threshold(nine, roster, as_of=AS_OF, criminal_amount_total=30000).empty


def test_employer_ledger_arrears_meet_the_total_standard():
    """An employer's ledger (12 workers, 40,000) meets the total standard."""
    employers = pd.DataFrame(
        {
            "employer_id": pd.Series(["91330100MA00000001", "91330100MA00000002"], dtype="str"),
            "arrears_amount": pd.Series([40000.0, 40000.0]),
            "arrears_workers": pd.Series([12, 3], dtype="Int64"),
        }
    )
    out = pr.criminal_threshold(employers=employers, as_of=AS_OF)
    assert out[["subject_id", "subject_kind", "source"]].to_dict("records") == [
        {"subject_id": "91330100MA00000001", "subject_kind": "employer", "source": "ledger"}
    ]


# --- findings --------------------------------------------------------------------------------


def test_arrears_finding_names_the_worker_month_and_amounts_with_id_masked():
    """The message reads like an inspector's note and hides the ID number's middle."""
    frame = payroll([_one(due=8400.0, paid=0.0)])
    out = pr.arrears_findings(pr.worker_month_arrears(frame, ROSTER, as_of=AS_OF))
    assert tuple(out.columns) == FINDING_COLUMNS
    assert out["message"].tolist() == [
        "张三（110101********1237）2023年10月应发8,400元，实发0元，欠薪8,400元"
    ]
    assert out["row"].tolist() == [2]


def test_payroll_findings_have_the_fixed_columns_and_no_full_id_number():
    """All payroll findings together: fixed columns, no ID number in clear."""
    frame = payroll([_one(due=8400.0, method="现金"), _one(ID_C, "P1", due=100.0)])
    out = pr.payroll_findings(frame, ROSTER, as_of=AS_OF)
    assert tuple(out.columns) == FINDING_COLUMNS
    assert set(out["check"]) >= {
        "payroll.arrears",
        "payroll.cash_or_via_foreman",
        "payroll.roster_gap",
        "payroll.warning",
    }
    assert not out["message"].str.contains(ID_A).any()


def test_worker_month_arrears_compute_the_wage_due_like_payroll_with_due():
    """Empty 应发工资: arrears use rate × min(days, 21.75) / 21.75 (月薪) and rate × days (日薪),
    the same figures payroll_with_due gives."""
    frame = payroll(
        [
            _one(ID_A, days=26, paid=700.0),
            _one(ID_B, days=10, paid=0.0),
            _one("110101199909099999", days=10, paid=0.0),
        ]
    )
    out = pr.worker_month_arrears(frame, ROSTER, as_of=AS_OF)
    full = pr.payroll_with_due(frame, ROSTER)
    assert out["wage_due"].tolist() == [8700.0, 3000.0]
    assert out["arrears"].tolist() == full["arrears"].iloc[:2].tolist() == [8000.0, 3000.0]
