"""Frames 表结构 shared by the payroll checks: integer codes, the roster join, months.

A *key* 键 is an ID number 身份证号 or a project id 项目编号; a *position* 位置 is the row
number a key has in another table (-1 when it is absent there), found with one hash join in
DuckDB, which hashes tens of millions of strings several times faster than pandas. A *month
number* 月序号 counts months since 1970-01. A payroll row's wages are *due by* 应发放期限 the
last day of the month after its month. Amounts are compared to the *cent* 分: a difference
below half a cent is a rounding difference, not arrears.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = [
    "CENT",
    "as_arrow_strings",
    "codes",
    "due_by",
    "empty_like",
    "month_numbers",
    "months_to_timestamps",
    "positions",
    "take",
    "timestamp",
    "worker_positions",
]

CENT = 0.005


def timestamp(day: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day).normalize()


def month_numbers(month: pd.Series) -> np.ndarray:
    """Months since 1970-01 as int64 (a missing month gives a very negative number)."""
    values = month.to_numpy(dtype="datetime64[ns]").astype("datetime64[M]")
    return values.astype(np.int64)


def months_to_timestamps(numbers: np.ndarray) -> np.ndarray:
    return (numbers.astype("datetime64[M]")).astype("datetime64[ns]")


def due_by(month: pd.Series) -> pd.Series:
    """Last day of the month after ``month``."""
    months = month.to_numpy(dtype="datetime64[ns]").astype("datetime64[M]")
    last = (months + 2).astype("datetime64[D]") - np.timedelta64(1, "D")
    return pd.Series(last.astype("datetime64[ns]"), index=month.index, name="due_by")


def as_arrow_strings(values: pd.Series) -> pa.Array:
    return pa.array(values.astype("str"))


def positions(keys: pd.Series, universe: pd.Series) -> np.ndarray:
    """Position in ``universe`` of each key (first occurrence), -1 where absent.

    A hash join in DuckDB: for ten million ID numbers it is several times faster than
    ``Index.get_indexer`` on pandas strings.
    """
    out = np.full(len(keys), -1, dtype=np.int64)
    if len(keys) == 0 or len(universe) == 0:
        return out
    left = pa.table({"k": as_arrow_strings(keys), "i": np.arange(len(keys), dtype=np.int64)})
    right = pa.table(
        {"k": as_arrow_strings(universe), "j": np.arange(len(universe), dtype=np.int64)}
    )
    con = duckdb.connect()
    try:
        con.register("lhs", left)
        con.register("rhs", right)
        found = con.execute(
            "SELECT lhs.i, r.j FROM lhs JOIN (SELECT k, min(j) AS j FROM rhs GROUP BY k) r "
            "USING (k)"
        ).fetchnumpy()
    finally:
        con.close()
    out[np.asarray(found["i"], dtype=np.int64)] = np.asarray(found["j"], dtype=np.int64)
    return out


def take(values: pd.Series, positions: np.ndarray, index: pd.Index) -> pd.Series:
    """``values`` at ``positions`` (-1 gives a missing value), on ``index``."""
    taken = pd.api.extensions.take(values.array, positions, allow_fill=True)
    return pd.Series(taken, index=index, name=values.name)


def codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a key column (missing values get their own code) and the uniques."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes.astype(np.int64), pd.Index(uniques)


def empty_like(columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})


def worker_positions(payroll: pd.DataFrame, workers: pd.DataFrame | None) -> np.ndarray:
    if workers is None:
        return np.full(len(payroll), -1, dtype=np.int64)
    return positions(payroll["id_number"], workers["id_number"])
