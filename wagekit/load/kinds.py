"""Column kinds 列类型: which parser reads a column's cells, and the type the column loads as.

Terms. Every column declared in :mod:`wagekit.schema` has a *kind* 类型: text 文本, enum 选项,
id_number 身份证号, uscc 统一社会信用代码, money 金额, date 日期, month 月份, bool 是否, count
人数/次数 or number 数值. The kind names the *cell parser* 单元格解析 of :mod:`wagekit.parse` that
reads its raw cells (money scaled by the *unit* 单位 its header declares) and the column's *final
type* 导入类型 once loaded; a *nullable* 可空 type also holds the gaps of a column some part of a
file lacks (``boolean`` for an optional bool). The *empty table* 空表 of a table that could not
be loaded has every column in its final type, and ``source_row``.
"""

from __future__ import annotations

import pandas as pd

from wagekit import parse
from wagekit.schema import Column, Table

__all__ = ["empty_table", "final_dtype", "nullable", "parse_column"]


def parse_column(raw: pd.Series, col: Column, unit: float) -> parse.Parsed:
    """A column's raw cells parsed by its kind; ``unit`` multiplies money (10,000 for 万元)."""
    label = col.header
    match col.kind:
        case "text":
            return parse.parse_text(raw)
        case "enum":
            return parse.parse_enum(raw, col.choices, label)
        case "id_number":
            return parse.parse_id_number(raw, label)
        case "uscc":
            return parse.parse_uscc(raw, label)
        case "money":
            return parse.parse_money(raw, label, unit)
        case "date":
            return parse.parse_distinct(raw, lambda cells: parse.parse_date(cells, label))
        case "month":
            return parse.parse_distinct(raw, lambda cells: parse.parse_month(cells, label))
        case "bool":
            return parse.parse_bool(raw, label, col.true_words)
        case "count":
            return parse.parse_count(raw, label)
        case "number":
            return parse.parse_number(raw, label, col.low, col.high)
    raise ValueError(f"unknown kind {col.kind}")


def final_dtype(col: Column) -> str:
    """The type a column of this kind has once loaded."""
    return {
        "text": "str",
        "enum": "str",
        "id_number": "str",
        "uscc": "str",
        "money": "float64",
        "number": "float64",
        "count": "Int64",
        "date": "datetime64[ns]",
        "month": "datetime64[ns]",
        "bool": "bool" if col.required else "boolean",
    }[col.kind]


def nullable(col: Column) -> str:
    """The final type, or its nullable form where it has none (``boolean`` for ``bool``)."""
    dtype = final_dtype(col)
    return "boolean" if dtype == "bool" else dtype


def empty_table(table: Table) -> pd.DataFrame:
    """No rows, with every column of the table in its final type, and ``source_row``."""
    frame = pd.DataFrame({c.name: pd.Series(dtype=final_dtype(c)) for c in table.columns})
    frame["source_row"] = pd.Series(dtype="int64")
    return frame
