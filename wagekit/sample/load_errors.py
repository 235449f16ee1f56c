"""Planted load errors 预设载入错误 of the messy copy: extra rows, each breaking one rule once.

A load error is an extra row copied from a *donor* 样本行 (a real row of the same table), given
a fresh key 新编号 where its table has one, and broken in exactly one *cell* 单元格 against one
*rule* 校验规则 of the loader (``missing_value``, ``enum``, ``bad_money``, ``uscc``,
``id_number``, ``compare``, ``reference``, ``duplicate_key`` …). A *duplicate* 重复键 keeps its
donor's key and is placed after it. Without these rows the messy folder holds exactly the clean
data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wagekit.sample.names import credit_codes, id_numbers
from wagekit.sample.plan import SampleCampaign
from wagekit.schema import CLOSED_CASE_STATUSES, TABLE_ORDER

__all__ = ["plan_load_errors"]


def _bad_check(ids: np.ndarray, alphabet: str) -> np.ndarray:
    """Replace the check character with another valid-looking one."""
    return np.array(
        [i[:17] + alphabet[(alphabet.index(i[17]) + 1) % len(alphabet)] for i in ids], dtype=object
    )


def plan_load_errors(sample: SampleCampaign, rng: np.random.Generator) -> dict[str, list]:
    """Plan the load errors per table: (donor row, position, column, raw cell, rule)."""
    t = sample.tables
    year = sample.year
    keep = object()
    fresh_emp = credit_codes(rng, 8, np.zeros(8, dtype=bool))
    fresh_emp = fresh_emp[~np.isin(fresh_emp, t["employers"]["employer_id"].to_numpy())]
    fresh_ids = id_numbers(rng, 12, male_share=0.9)
    fresh_ids = fresh_ids[~np.isin(fresh_ids, t["workers"]["id_number"].to_numpy())]
    counter = iter(range(1, 100))

    def donor(table: str, mask: pd.Series | None = None) -> tuple[int, pd.Series]:
        frame = t[table]
        choices = np.flatnonzero(mask.to_numpy()) if mask is not None else np.arange(len(frame))
        i = int(rng.choice(choices))
        return i, frame.iloc[i].copy()

    def new_project(row: pd.Series) -> pd.Series:
        row["project_id"] = f"XM{year}-9{next(counter):03d}"
        return row

    def new_case(row: pd.Series) -> pd.Series:
        row["case_id"] = f"QX{year}-9{next(counter):03d}"
        return row

    spec: dict[str, list] = {name: [] for name in TABLE_ORDER}
    # projects
    for column, raw, rule in (
        ("name", None, "missing_value"),
        ("investment_type", "民营投资", "enum"),
        ("contract_value", "待定", "bad_money"),
        ("real_name", "部分落实", "bad_bool"),
    ):
        _, row = donor("projects")
        spec["projects"].append((new_project(row), None, column, raw, rule))
    i, row = donor("projects")
    spec["projects"].append((row, i, "project_id", keep, "duplicate_key"))
    # employers
    codes = iter(fresh_emp.tolist())
    _, row = donor("employers")
    row["employer_id"] = _bad_check(np.array([next(codes)]), "0123456789ABCDEFGHJKLMNPQRTUWXY")[0]
    spec["employers"].append((row, None, "employer_id", keep, "uscc"))
    _, row = donor("employers", t["employers"]["employees"] > 5)
    row["employer_id"] = next(codes)
    row["migrant_workers"] = int(row["employees"]) + 5
    spec["employers"].append((row, None, "migrant_workers", keep, "compare"))
    _, row = donor("employers", t["employers"]["migrant_workers"] > 3)
    row["employer_id"] = next(codes)
    row["contracts_signed"] = int(row["migrant_workers"]) + 3
    spec["employers"].append((row, None, "contracts_signed", keep, "compare"))
    for column, raw, rule in (("employees", "若干", "bad_count"), ("sector", "种植业", "enum")):
        _, row = donor("employers")
        row["employer_id"] = next(codes)
        spec["employers"].append((row, None, column, raw, rule))
    # workers
    ids = iter(fresh_ids.tolist())
    _, row = donor("workers")
    row["id_number"] = _bad_check(np.array([next(ids)]), "0123456789X")[0]
    spec["workers"].append((row, None, "id_number", keep, "id_number"))
    for column, raw, rule in (
        ("start_date", "去年三月", "bad_date"),
        ("start_date", f"{year}年2月30日", "impossible_date"),
        ("project_id", f"XM{year}-8888", "reference"),
        ("wage_basis", "计件", "enum"),
    ):
        _, row = donor("workers")
        row["id_number"] = next(ids)
        spec["workers"].append((row, None, column, raw, rule))
    _, row = donor("workers")
    row["id_number"] = next(ids)
    row["end_date"] = row["start_date"] - pd.Timedelta(days=10)
    spec["workers"].append((row, None, "end_date", keep, "compare"))
    # payroll
    for column, raw, rule in (
        ("month", "上个月", "bad_month"),
        ("days_worked", 35, "range"),
        ("days_worked", "全勤", "bad_number"),
    ):
        _, row = donor("payroll", t["payroll"]["pay_method"] == "银行代发")
        spec["payroll"].append((row, None, column, raw, rule))
    _, row = donor("payroll", t["payroll"]["pay_method"] == "银行代发")
    row["id_number"] = next(ids)
    spec["payroll"].append((row, None, "id_number", keep, "reference"))
    # cases
    closed = t["cases"]["status"].isin(CLOSED_CASE_STATUSES)
    _, row = donor("cases", closed)
    row = new_case(row)
    row["amount_recovered"] = row["amount_involved"] + 1000
    spec["cases"].append((row, None, "amount_recovered", keep, "compare"))
    _, row = donor("cases", closed)
    row = new_case(row)
    row["closed_date"] = row["received_date"] - pd.Timedelta(days=5)
    row["filed_date"] = pd.NaT
    spec["cases"].append((row, None, "closed_date", keep, "compare"))
    _, row = donor("cases")
    spec["cases"].append((new_case(row), None, "respondent", None, "missing_value"))
    i, row = donor("cases")
    spec["cases"].append((row, i, "case_id", keep, "duplicate_key"))
    # publicity
    for column, raw, rule in (("quantity", -5, "range"), ("activity", "文艺演出", "enum")):
        _, row = donor("publicity")
        spec["publicity"].append((row, None, column, raw, rule))
    # self-inspections
    for column, raw, rule in (
        ("subject_id", f"XM{year}-7777", "reference"),
        ("reported_arrears_amount", "不详", "bad_money"),
    ):
        _, row = donor("self_inspections")
        spec["self_inspections"].append((row, None, column, raw, rule))
    return {name: [(*item, keep) for item in items] for name, items in spec.items()}
