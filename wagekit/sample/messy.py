"""The messy copy 杂乱副本: the sample campaign written the way offices really send it.

Each table goes to its own *file* 文件: a ``.xls`` (Excel 97) or ``.xlsx`` workbook, some with a
title row, or a CSV in GBK, GB18030 or UTF-8 with a BOM; some headers are *aliases* 别名表头
(所属乡镇 for 乡镇/街道 …). Cells vary as in real ledgers: yes/no as 是/有/√/Y and 否/无/×/N
(保函 for a wage deposit), dates in five text forms, Excel serials and date cells, months three
ways, money as numbers, ¥1,234.50, 1234.5元 or 3.2万. The *planted load errors* 预设载入错误
(:mod:`wagekit.sample.load_errors`) are mixed in, each reported with the file, row and column a
user sees, so the messy folder loads into exactly the clean data plus those errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wagekit.sample.draws import pick
from wagekit.sample.load_errors import plan_load_errors
from wagekit.sample.plan import REGION, SampleCampaign
from wagekit.sample.workbooks import write_xls, write_xlsx
from wagekit.schema import TABLE_ORDER, TABLES

__all__ = ["write_messy"]

_YES_WORDS = ("是", "有", "√", "Y")
_NO_WORDS = ("否", "无", "×", "N")
# (file name, header row count before data incl. title, encoding or writer)
_MESSY_FILES = {
    "projects": ("在建工程项目台账.xls", 2),
    "employers": ("employers.xlsx", 1),
    "workers": ("农民工花名册.csv", 1),
    "payroll": ("payroll.xlsx", 1),
    "cases": ("欠薪线索及案件台账.xlsx", 2),
    "publicity": ("宣传活动记录.csv", 1),
    "self_inspections": ("self_inspections.csv", 1),
}
_CSV_ENCODINGS = {"workers": "gbk", "publicity": "gb18030", "self_inspections": "utf-8-sig"}
_MESSY_HEADERS = {
    "township": "所属乡镇",
    "department": "主管部门",
    "investment_type": "项目类型",
    "contract_value": "合同金额（万元）",
    "real_name": "实名制",
    "wage_account": "农民工工资专用账户",
    "general_contractor_pays": "总包代发",
    "bank_payment": "银行代发",
    "notice_board": "维权公示牌",
    "monthly_payment": "按月足额发放",
    "arrears_amount": "欠薪金额（元）",
}
_MESSY_HEADERS_BY_TABLE = {
    "employers": {
        "employer_id": "社会信用代码",
        "name": "企业名称",
        "sector": "所属行业",
        "township": "乡镇街道",
    },
    "workers": {"id_number": "身份证号码"},
    "payroll": {"id_number": "身份证号码", "month": "月份"},
    "cases": {"case_id": "线索编号", "respondent": "被反映单位", "investment_type": "项目类型"},
    "publicity": {"date": "活动日期", "township": "所属乡镇"},
    "self_inspections": {"subject_id": "项目编号/统一社会信用代码"},
}
_EPOCH = np.datetime64("1899-12-30", "D")  # Excel's day zero


def _fmt_number(value: float, decimals: int = 2) -> str:
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")


def _messy_dates(values: pd.Series, rng: np.random.Generator, *, excel: bool) -> pd.Series:
    """Dates written five ways, plus Excel serials and real date cells in spreadsheets."""
    choice = rng.integers(0, 7 if excel else 5, len(values))
    ok = values.notna().to_numpy()
    y, m, d = values.dt.year, values.dt.month, values.dt.day
    forms = [
        values.dt.strftime("%Y-%m-%d"),
        values.dt.strftime("%Y/%m/%d"),
        values.dt.strftime("%Y.%m.%d"),
        y.astype("Int64").astype(str)
        + "年"
        + m.astype("Int64").astype(str)
        + "月"
        + d.astype("Int64").astype(str)
        + "日",
        values.dt.strftime("%Y%m%d"),
    ]
    out = pd.Series([None] * len(values), dtype=object)
    for k, form in enumerate(forms):
        pick = ok & (choice == k)
        out[pick] = form[pick].astype(object).to_numpy()
    serial = ok & (choice == 5)
    out[serial] = [
        int(v)
        for v in ((values[serial].to_numpy().astype("datetime64[D]") - _EPOCH).astype(np.int64))
    ]
    cell = ok & (choice == 6)
    out[cell] = list(values[cell].dt.date)
    return out


def _messy_money(values: pd.Series, rng: np.random.Generator) -> pd.Series:
    """Money as plain numbers, ¥1,234.5, 1234.5元 and 3.2万 (only where exact to the yuan)."""
    choice = rng.integers(0, 4, len(values))
    v = values.to_numpy(dtype=float)
    out = []
    for value, k in zip(v, choice, strict=True):
        if value != value:
            out.append(None)
        elif k == 1:
            out.append(f"¥{value:,.2f}")
        elif k == 2:
            out.append(_fmt_number(value) + "元")
        elif k == 3 and value % 100 == 0:
            out.append(_fmt_number(value / 10_000, 4) + "万")
        else:
            out.append(float(value))
    return pd.Series(out, dtype=object)


def _messy_cells(
    table: str, frame: pd.DataFrame, rng: np.random.Generator, excel: bool
) -> pd.DataFrame:
    """Format a canonical frame the way offices write it (object cells)."""
    out = {}
    for column in TABLES[table].columns:
        values = frame[column.name].reset_index(drop=True)
        if column.kind == "bool":
            yes = values.fillna(False).astype(bool).to_numpy()
            words = np.where(
                yes, pick(rng, _YES_WORDS, len(values)), pick(rng, _NO_WORDS, len(values))
            )
            if column.name == "wage_deposit":
                words = np.where(yes & (rng.random(len(values)) < 0.3), "保函", words)
            cells = pd.Series(words, dtype=object)
            cells[values.isna().to_numpy()] = None
        elif column.kind == "date":
            cells = _messy_dates(values, rng, excel=excel)
        elif column.kind == "month":
            choice = rng.integers(0, 3, len(values))
            cells = pd.Series(
                np.select(
                    [choice == 0, choice == 1],
                    [
                        values.dt.strftime("%Y-%m"),
                        values.dt.year.astype(str) + "年" + values.dt.month.astype(str) + "月",
                    ],
                    values.dt.strftime("%Y/%m/%d"),
                ),
                dtype=object,
            )
        elif column.name == "contract_value":
            cells = pd.Series((values / 10_000).round(4).astype(float), dtype=object)
        elif column.kind == "money" and column.name != "arrears_amount":
            cells = _messy_money(values, rng)
        elif column.kind in ("money", "number"):
            cells = pd.Series(values.astype(float), dtype=object).where(values.notna(), None)
        elif column.kind == "count":
            cells = pd.Series([None if v is pd.NA else int(v) for v in values], dtype=object)
        else:
            cells = pd.Series(values, dtype=object).where(values.notna(), None)
        out[column.name] = cells
    return pd.DataFrame(out)


def write_messy(sample: SampleCampaign, out: Path) -> list[dict[str, Any]]:
    """Write the messy copy; return the planted load errors with the rows a user sees."""
    rng = np.random.default_rng([sample.seed, sample.scale, sample.year, 7])
    specs = plan_load_errors(sample, rng)
    load_errors = []
    for table in TABLE_ORDER:
        frame = sample.tables[table]
        file_name, header_rows = _MESSY_FILES[table]
        excel = not file_name.endswith(".csv")
        cells = _messy_cells(table, frame, rng, excel)
        extras = specs[table]
        if extras:
            extra_frame = pd.DataFrame([row for row, *_ in extras]).reset_index(drop=True)
            for column in extra_frame.columns:
                extra_frame[column] = extra_frame[column].astype(frame[column].dtype)
            extra_cells = _messy_cells(table, extra_frame, rng, excel)
            for j, (_, _, column, raw, _, keep) in enumerate(extras):
                if raw is not keep:
                    extra_cells.loc[j, column] = raw
            positions = np.array(
                [
                    rng.integers(after + 1, len(frame) + 1)
                    if after is not None
                    else rng.integers(0, len(frame) + 1)
                    for _, after, *_ in extras
                ]
            )
            order = np.concatenate(
                [
                    np.arange(len(frame), dtype=float),
                    positions - 0.5 + np.arange(len(extras)) / 1000,
                ]
            )
            combined = pd.concat([cells, extra_cells], ignore_index=True)
            rank = np.argsort(order, kind="stable")
            cells = combined.iloc[rank].reset_index(drop=True)
            where = np.empty(len(order), dtype=np.int64)
            where[rank] = np.arange(len(order))
            for j, (_, _, column, _, rule, _) in enumerate(extras):
                value = cells.loc[where[len(frame) + j], column]
                load_errors.append(
                    {
                        "table": table,
                        "file": file_name,
                        "row": int(where[len(frame) + j]) + header_rows + 1,
                        "column": column,
                        "rule": rule,
                        "value": None if value is None else str(value),
                    }
                )
        headers = [
            {**_MESSY_HEADERS, **_MESSY_HEADERS_BY_TABLE.get(table, {})}.get(c.name, c.header)
            if table == "projects" or c.name in _MESSY_HEADERS_BY_TABLE.get(table, {})
            else c.header
            for c in TABLES[table].columns
        ]
        path = out / file_name
        title = f"{REGION}{TABLES[table].title}" if header_rows == 2 else None
        if file_name.endswith(".csv"):
            cells.columns = headers
            if _CSV_ENCODINGS[table] == "gbk":
                # GBK has no U+00A5; Chinese software writes the full-width ￥ instead.
                cells = cells.map(lambda v: v.replace("¥", "￥") if isinstance(v, str) else v)
            cells.to_csv(path, index=False, encoding=_CSV_ENCODINGS[table], lineterminator="\r\n")
        elif file_name.endswith(".xls"):
            write_xls(path, headers, cells, title)
        else:
            write_xlsx(path, headers, [cells[c].tolist() for c in cells.columns], title=title)
    return load_errors
