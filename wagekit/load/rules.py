"""Typed rules 校验规则: what a table's parsed rows must hold, checked by one pandera schema.

Terms. Once every cell is parsed, the rules declared in :mod:`wagekit.schema` become a pandera
schema per table: a *required* 必填 value is present; a *unique* 唯一 key appears once (later rows
with it are duplicates naming the first); a *comparison* 比较 between two columns holds (退场日期
not before 进场日期); a *reference* 引用 names a key read from another table (a payroll row's ID
number is in the worker roster). Each failure is one error with the row's position, the column,
the value, a stable rule code (``missing_value``, ``duplicate_key``, ``reference``, ``compare``)
and the Chinese reason. A reference's *membership test* 是否存在 runs in Arrow's hash kernel, in
slices over the CPU threads when enough rows are *probed* 查找 to pay for each thread's own hash
set of the known keys.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pyarrow_lib
import pyarrow.compute as pc

from wagekit.schema import Table

if TYPE_CHECKING:
    import pandera.pandas as pa

__all__ = ["broken_rules"]


def broken_rules(
    typed: pd.DataFrame, table: Table, keys: dict[str, pd.Index], rows: np.ndarray
) -> pd.DataFrame:
    """The typed rules a table's rows break: one row per failure.

    Columns ``pos`` (position in ``typed``), ``column``, ``value``, ``rule``, ``reason``; ``rows``
    are the row numbers the user sees, named in a duplicate's reason.
    """
    from pandera.errors import SchemaErrors

    schema = _rule_schema(table, keys)
    try:
        # In place: the schema coerces nothing, and a copy of ten million rows costs a second.
        schema.validate(typed, lazy=True, inplace=True)
        return pd.DataFrame(columns=["pos", "column", "value", "rule", "reason"])
    except SchemaErrors as exc:
        cases = exc.failure_cases
    cases = cases[cases["index"].notna()].copy()
    cases["pos"] = cases["index"].astype("int64")
    check = cases["check"].astype(str)
    out = []
    missing = cases[check == "not_nullable"]
    if len(missing):
        labels = missing["column"].map(lambda c: table.column(c).header)
        out.append(
            missing.assign(rule="missing_value", value=None, reason="必填项“" + labels + "”为空")
        )
    dupes = cases[check == "field_uniqueness"]
    if len(dupes):
        col = table.key or dupes["column"].iloc[0]
        first = (
            pd.Series(rows, index=typed.index)
            .groupby(typed[col].to_numpy(), sort=False)
            .transform("first")
        )
        label = table.column(col).header
        out.append(
            dupes.assign(
                rule="duplicate_key",
                value=dupes["failure_case"].astype(str),
                reason=label
                + "重复（与第"
                + first.iloc[dupes["pos"]].astype("Int64").astype(str).to_numpy()
                + "行相同）",
            )
        )
    refs = cases[check.str.startswith("reference|")]
    if len(refs):
        out.append(
            refs.assign(
                rule="reference",
                value=refs["failure_case"].astype(str),
                reason=refs["check"].str.split("|", n=1).str[1],
            )
        )
    compares = cases[check.str.startswith("compare|")]
    if len(compares):
        parts = compares["check"].str.split("|", n=2)
        compares = compares.assign(left=parts.str[1], reason=parts.str[2])
        compares = compares[compares["column"] == compares["left"]]
        out.append(compares.assign(rule="compare", value=compares["failure_case"].astype(str)))
    if not out:
        return pd.DataFrame(columns=["pos", "column", "value", "rule", "reason"])
    return pd.concat(out)[["pos", "column", "value", "rule", "reason"]]


def _rule_schema(table: Table, keys: dict[str, pd.Index]) -> pa.DataFrameSchema:
    """The typed rules of a table as a pandera schema (failures carry ``rule|reason``)."""
    # Imported here, not with the module: an app kernel whose campaign comes from the load
    # cache never validates, and pandera's import (pydantic with it) is 0.4 s of its start-up.
    import pandera.pandas as pa

    columns = {}
    for col in table.columns:
        checks = []
        for ref in table.references:
            if ref.column == col.name and all(t in keys for t in ref.targets):
                known = keys[ref.targets[0]]
                for t in ref.targets[1:]:
                    known = known.union(keys[t])
                checks.append(pa.Check(_known_in(known), error=f"reference|{ref.reason}"))
        columns[col.name] = pa.Column(
            nullable=not col.required,
            unique=col.unique,
            report_duplicates="exclude_first",
            checks=checks,
            required=False,
        )
    wide = [
        pa.Check(
            _comparison(rule.left, rule.op, rule.right),
            error=f"compare|{rule.left}|{rule.reason}",
        )
        for rule in table.compare
    ]
    return pa.DataFrameSchema(columns, checks=wide)


def _known_in(known: pd.Index) -> Callable[[pd.Series], pd.Series]:
    """A vectorised membership test in Arrow's hash kernel (ten million IDs in a second)."""
    value_set = pyarrow_lib.array(known.astype("str").array)

    def holds(values: pd.Series) -> pd.Series:
        arrow = (
            pyarrow_lib.array(
                values.astype("str").to_numpy(dtype=object, na_value=None), pyarrow_lib.string()
            )
            if not isinstance(values.dtype, pd.StringDtype)
            else pyarrow_lib.array(values.array)
        )
        found = _is_in(arrow, value_set)
        return pd.Series(found | values.isna().to_numpy(), index=values.index, copy=False)

    return holds


# Rows each thread of a membership test probes at least: every thread builds its own hash set of
# the known values, which is worth it only against many more rows than the set holds.
_PROBE_ROWS = 1_000_000


def _is_in(
    values: pyarrow_lib.Array | pyarrow_lib.ChunkedArray,
    value_set: pyarrow_lib.Array,
    *,
    threads: int | None = None,
    min_rows: int | None = None,
) -> np.ndarray:
    """``pc.is_in`` as a numpy mask, over slices of ``values`` on Arrow's CPU threads.

    One ``is_in`` call runs on one core; ten million ID numbers against a million workers take
    0.31 s that way, 0.21 s on two cores (each slice pays 0.09 s to hash the million workers).
    """
    threads = threads or pyarrow_lib.cpu_count()
    parts = min(threads, len(values) // max(min_rows or _PROBE_ROWS, len(value_set), 1))
    if parts < 2:
        return pc.is_in(values, value_set=value_set).to_numpy(zero_copy_only=False)
    step = -(-len(values) // parts)
    with ThreadPoolExecutor(parts) as pool:
        found = pool.map(
            lambda start: pc.is_in(values.slice(start, step), value_set=value_set),
            range(0, len(values), step),
        )
        return np.concatenate([f.to_numpy(zero_copy_only=False) for f in found])


def _comparison(left: str, op: str, right: str) -> Callable[[pd.DataFrame], pd.Series]:
    def holds(frame: pd.DataFrame) -> pd.Series:
        a, b = frame[left], frame[right]
        broken = (a > b) if op == "<=" else (a < b)
        return ~broken.fillna(False).astype(bool)

    return holds
