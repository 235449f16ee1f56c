"""Payroll 工资发放: wages due, arrears, minimum wage, cash payments, roster gaps, warnings.

A *worker-month* 人月 is one row of the payroll ledger 工资发放记录: a worker 农民工 (by ID number
身份证号) on a project 项目 in a *month* 工资月份 (the first day of the month). Its *wage due*
应发工资 is the ledger's figure or, when that cell is empty, the roster's *wage rate* 工资标准
times the days worked 出勤天数 (日薪, daily wage) or the monthly rate times
min(days, 21.75) / 21.75 (月薪; 21.75 is the legal number of paid days in a month, 月计薪天数).
*Arrears* 欠薪 of a worker-month are max(wage due − wage paid 实发工资, 0); a worker-month *up to*
a day is one whose month starts on or before it. Wages of month M are *due by* 应发放期限 the last
day of month M+1; paid *on time* means a pay date 发放日期 on or before it (an empty pay date
means not paid). The *roster* 花名册 lists each worker's project, team 班组 and dates on site
(进场/退场); a payroll row whose worker is not on that project's roster, or a rostered worker
on site in a month the project has payroll for but without a payroll row, is a *real-name gap*
实名制缺口. *Early warnings* 预警 colour a project-month red 红色 or yellow 黄色 (CONTRACT
section 3). The *criminal amount standard* 拒不支付劳动报酬罪数额较大标准 is reached by one
worker owed for three or more months adding up to ``criminal_amount_per_worker``, or by ten
or more workers owed ``criminal_amount_total`` in all.

Every function is vectorised: ID numbers and project ids are turned into integer codes once, and
the one join over the whole payroll (payroll rows to roster rows) runs in DuckDB, which hashes
tens of millions of strings several times faster than pandas.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from wagekit.checks._text import month_label as _month_label
from wagekit.checks._text import yuan as _yuan
from wagekit.config import Rules
from wagekit.findings import empty_findings, make_findings
from wagekit.ids import mask_id_number

__all__ = [
    "DAYS_PER_MONTH",
    "payroll_with_due",
    "worker_month_arrears",
    "arrears_by_worker",
    "arrears_by_team",
    "arrears_by_project",
    "months_unpaid_in_a_row",
    "below_minimum_wage",
    "cash_or_via_foreman",
    "roster_gaps",
    "payroll_warnings",
    "warning_counts",
    "criminal_threshold",
    "arrears_findings",
    "unpaid_run_findings",
    "below_minimum_wage_findings",
    "cash_or_via_foreman_findings",
    "roster_gap_findings",
    "warning_findings",
    "criminal_threshold_findings",
    "payroll_findings",
]

DAYS_PER_MONTH = 21.75
"""月计薪天数: paid days in a month (劳社部发〔2008〕3号)."""

_RULES = Rules()
_CENT = 0.005  # amounts are compared to the cent: a rounding difference is not arrears
_EPOCH_MONTH = np.datetime64("1970-01", "M")


# ---------------------------------------------------------------------------------------------
# Helpers: codes, joins, dates and Chinese text
# ---------------------------------------------------------------------------------------------


def _timestamp(day: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day).normalize()


def _month_numbers(month: pd.Series) -> np.ndarray:
    """Months since 1970-01 as int64 (a missing month gives a very negative number)."""
    values = month.to_numpy(dtype="datetime64[ns]").astype("datetime64[M]")
    return values.astype(np.int64)


def _months_to_timestamps(numbers: np.ndarray) -> np.ndarray:
    return (numbers.astype("datetime64[M]")).astype("datetime64[ns]")


def _due_by(month: pd.Series) -> pd.Series:
    """Last day of the month after ``month``."""
    months = month.to_numpy(dtype="datetime64[ns]").astype("datetime64[M]")
    last = (months + 2).astype("datetime64[D]") - np.timedelta64(1, "D")
    return pd.Series(last.astype("datetime64[ns]"), index=month.index, name="due_by")


def _as_arrow_strings(values: pd.Series) -> pa.Array:
    return pa.array(values.astype("str"))


def _positions(keys: pd.Series, universe: pd.Series) -> np.ndarray:
    """Position in ``universe`` of each key (first occurrence), -1 where absent.

    A hash join in DuckDB: for ten million ID numbers it is several times faster than
    ``Index.get_indexer`` on pandas strings.
    """
    out = np.full(len(keys), -1, dtype=np.int64)
    if len(keys) == 0 or len(universe) == 0:
        return out
    left = pa.table({"k": _as_arrow_strings(keys), "i": np.arange(len(keys), dtype=np.int64)})
    right = pa.table(
        {"k": _as_arrow_strings(universe), "j": np.arange(len(universe), dtype=np.int64)}
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


def _take(values: pd.Series, positions: np.ndarray, index: pd.Index) -> pd.Series:
    """``values`` at ``positions`` (-1 gives a missing value), on ``index``."""
    taken = pd.api.extensions.take(values.array, positions, allow_fill=True)
    return pd.Series(taken, index=index, name=values.name)


def _codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a key column (missing values get their own code) and the uniques."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes.astype(np.int64), pd.Index(uniques)


def _who(name: pd.Series, id_number: pd.Series) -> pd.Series:
    """Name a worker as inspectors do: ``张三（110101********1234）``."""
    masked = mask_id_number(id_number).fillna("身份证号缺失").astype("str")
    return name.fillna("花名册外人员").astype("str") + "（" + masked + "）"


def _empty_like(columns: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})


# ---------------------------------------------------------------------------------------------
# Wages due and arrears
# ---------------------------------------------------------------------------------------------


def _worker_positions(payroll: pd.DataFrame, workers: pd.DataFrame | None) -> np.ndarray:
    if workers is None:
        return np.full(len(payroll), -1, dtype=np.int64)
    return _positions(payroll["id_number"], workers["id_number"])


def _computed_due(days: np.ndarray, basis: pd.Series, rate: np.ndarray) -> np.ndarray:
    daily = (basis == "日薪").to_numpy(dtype=bool, na_value=False)
    monthly = (basis == "月薪").to_numpy(dtype=bool, na_value=False)
    return np.where(
        daily,
        rate * days,
        np.where(monthly, rate * np.minimum(days, DAYS_PER_MONTH) / DAYS_PER_MONTH, np.nan),
    )


def _due(
    payroll: pd.DataFrame, workers: pd.DataFrame | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Compute the wage due of every row.

    Returns the wages due, which cells were empty, and the roster position of every row when
    the join had to cover most rows anyway (else ``None``), so callers can reuse it.
    """
    due = payroll["wage_due"].to_numpy(dtype="float64", na_value=np.nan)
    missing = np.isnan(due)
    everyone = None
    if missing.any() and workers is not None and len(workers):
        if missing.mean() > 0.5:
            everyone = _positions(payroll["id_number"], workers["id_number"])
            pos = everyone[missing]
        else:
            pos = _positions(payroll["id_number"].loc[missing], workers["id_number"])
        basis = pd.Series(pd.api.extensions.take(workers["wage_basis"].array, pos, allow_fill=True))
        rate = pd.api.extensions.take(
            workers["wage_rate"].to_numpy(dtype="float64"), pos, allow_fill=True
        )
        days = payroll["days_worked"].to_numpy(dtype="float64", na_value=np.nan)[missing]
        due = due.copy()
        due[missing] = _computed_due(days, basis, rate)
    return due, missing, everyone


def _arrears(due: np.ndarray, wage_paid: pd.Series) -> np.ndarray:
    paid = np.nan_to_num(wage_paid.to_numpy(dtype="float64", na_value=np.nan), nan=0.0)
    arrears = due - paid
    arrears[~(arrears >= _CENT)] = 0.0
    arrears[np.isnan(due)] = np.nan
    return arrears


def payroll_with_due(payroll: pd.DataFrame, workers: pd.DataFrame | None) -> pd.DataFrame:
    """Fill in the wages due and add arrears and the payment deadline of every payroll row.

    Parameters
    ----------
    payroll
        The payroll ledger (``id_number, project_id, month, days_worked, wage_due, wage_paid,
        pay_date, pay_method, source_row``).
    workers
        The roster (``id_number, wage_basis, wage_rate`` are used); may be ``None``, in which
        case empty wage-due cells stay empty.

    Returns
    -------
    DataFrame
        The payroll's columns, with ``wage_due`` filled where it was empty (日薪: rate × days;
        月薪: rate × min(days, 21.75) / 21.75; still NaN when the worker is not on the roster),
        plus ``due_computed`` (bool: the wage due was computed from the roster),
        ``arrears`` (float64: max(wage_due − wage_paid, 0), an empty wage_paid counting as 0;
        NaN when the wage due is unknown) and ``due_by`` (datetime64[ns]: the last day of month
        M+1). Same index as ``payroll``.

    """
    due, missing, _ = _due(payroll, workers)
    arrears = _arrears(due, payroll["wage_paid"])
    return payroll.assign(
        wage_due=due,
        due_computed=missing & ~np.isnan(due),
        arrears=arrears,
        due_by=_due_by(payroll["month"]),
    )


_ARREARS_COLUMNS = {
    "id_number": "str",
    "name": "str",
    "project_id": "str",
    "team": "str",
    "month": "datetime64[ns]",
    "days_worked": "float64",
    "wage_due": "float64",
    "wage_paid": "float64",
    "arrears": "float64",
    "pay_date": "datetime64[ns]",
    "due_by": "datetime64[ns]",
    "source_row": "int64",
}


_ARREARS_SQL = f"""
WITH roster AS (
    SELECT r.id_number, r.wage_basis, r.wage_rate, r.j
    FROM rhs r JOIN (SELECT id_number, min(j) AS j FROM rhs GROUP BY id_number) f USING (j)
),
rows AS (
    SELECT l.i, roster.j,
           coalesce(l.wage_due,
                    CASE roster.wage_basis
                        WHEN '日薪' THEN roster.wage_rate * l.days_worked
                        WHEN '月薪' THEN roster.wage_rate * least(l.days_worked, {DAYS_PER_MONTH})
                                         / {DAYS_PER_MONTH}
                    END) AS due,
           coalesce(l.wage_paid, 0) AS paid
    FROM lhs l LEFT JOIN roster USING (id_number)
    WHERE l.month <= $as_of
)
SELECT i, coalesce(j, -1) AS j, due, due - paid AS arrears
FROM rows
WHERE due - paid >= {_CENT}
ORDER BY i
"""


def _arrears_rows(
    payroll: pd.DataFrame, workers: pd.DataFrame | None, *, as_of: pd.Timestamp
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Find the worker-months in arrears up to ``as_of`` in one DuckDB query.

    The same rule as :func:`payroll_with_due`, written in SQL so that the wage-due join, the
    filter and the arrears run in one pass without materialising a full-length result: at
    province scale this is what keeps the check as fast as a hand-written query. Returns the
    payroll positions, wages due, arrears and roster positions (-1: not on the roster) of the
    rows in arrears, in payroll order.
    """
    if workers is None:
        workers = pd.DataFrame(
            {
                "id_number": pd.Series(dtype="str"),
                "wage_basis": pd.Series(dtype="str"),
                "wage_rate": pd.Series(dtype="float64"),
            }
        )
    left = pa.table(
        {
            "i": np.arange(len(payroll), dtype=np.int64),
            "id_number": _as_arrow_strings(payroll["id_number"]),
            "month": pa.array(payroll["month"].to_numpy(dtype="datetime64[ns]")),
            "days_worked": pa.array(
                payroll["days_worked"].to_numpy(dtype="float64", na_value=np.nan),
                from_pandas=True,
            ),
            "wage_due": pa.array(
                payroll["wage_due"].to_numpy(dtype="float64", na_value=np.nan), from_pandas=True
            ),
            "wage_paid": pa.array(
                payroll["wage_paid"].to_numpy(dtype="float64", na_value=np.nan),
                from_pandas=True,
            ),
        }
    )
    right = pa.table(
        {
            "j": np.arange(len(workers), dtype=np.int64),
            "id_number": _as_arrow_strings(workers["id_number"]),
            "wage_basis": _as_arrow_strings(workers["wage_basis"]),
            "wage_rate": pa.array(
                workers["wage_rate"].to_numpy(dtype="float64", na_value=np.nan), from_pandas=True
            ),
        }
    )
    con = duckdb.connect()
    try:
        con.register("lhs", left)
        con.register("rhs", right)
        found = con.execute(_ARREARS_SQL, {"as_of": as_of.to_pydatetime()}).fetchnumpy()
    finally:
        con.close()
    return tuple(np.asarray(found[c]) for c in ("i", "due", "arrears", "j"))


def worker_month_arrears(
    payroll: pd.DataFrame,
    workers: pd.DataFrame | None,
    *,
    as_of: dt.date | str | pd.Timestamp,
) -> pd.DataFrame:
    """Worker-months up to ``as_of`` whose wage paid is below the wage due 欠薪人月.

    Returns
    -------
    DataFrame
        One row per payroll row in arrears, in payroll order: ``id_number, name, team``
        (``name`` and ``team`` from the roster, missing when the worker is not on it),
        ``project_id, month, days_worked, wage_due, wage_paid, arrears, pay_date, due_by,
        source_row``.

    """
    if payroll is None or payroll.empty:
        return _empty_like(_ARREARS_COLUMNS)
    found, due, arrears, pos = _arrears_rows(payroll, workers, as_of=_timestamp(as_of))
    rows = payroll.iloc[found]
    if workers is not None and len(rows):
        name = _take(workers["name"], pos, rows.index)
        team = _take(workers["team"], pos, rows.index)
    else:
        name = pd.Series(np.nan, index=rows.index, dtype="str")
        team = name
    rows = rows.assign(wage_due=due, arrears=arrears, due_by=_due_by(rows["month"]))
    out = pd.DataFrame(
        {
            "id_number": rows["id_number"],
            "name": name,
            "project_id": rows["project_id"],
            "team": team,
            "month": rows["month"],
            "days_worked": rows["days_worked"].astype("float64"),
            "wage_due": rows["wage_due"],
            "wage_paid": rows["wage_paid"].astype("float64"),
            "arrears": rows["arrears"],
            "pay_date": rows["pay_date"],
            "due_by": rows["due_by"],
            "source_row": rows["source_row"].astype("int64"),
        }
    )
    return out.astype({"name": "str", "team": "str"}).reset_index(drop=True)


def _arrears_frame(arrears, payroll, workers, as_of) -> pd.DataFrame:
    if arrears is None:
        arrears = worker_month_arrears(payroll, workers, as_of=as_of)
    return arrears


def _group_arrears(arrears: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Amount, distinct workers, distinct months and worker-months per group (int codes)."""
    codes = []
    uniques = []
    for key in keys:
        c, u = _codes(arrears[key])
        codes.append(c)
        uniques.append(u)
    sizes = [len(u) for u in uniques]
    group = np.zeros(len(arrears), dtype=np.int64)
    for c, size in zip(codes, sizes, strict=True):
        group = group * size + c
    group_codes, group_uniques = pd.factorize(group)
    n = len(group_uniques)
    amount = np.bincount(group_codes, weights=arrears["arrears"].to_numpy(), minlength=n)
    worker_codes, _ = _codes(arrears["id_number"])
    month_numbers = _month_numbers(arrears["month"])
    month_codes, _ = pd.factorize(month_numbers)

    def distinct(other: np.ndarray) -> np.ndarray:
        pairs = np.unique(group_codes.astype(np.int64) * (other.max() + 1) + other)
        return np.bincount(pairs // (other.max() + 1), minlength=n)

    out = {}
    remaining = np.asarray(group_uniques, dtype=np.int64)
    decoded = []
    for size in reversed(sizes):
        decoded.append(remaining % size)
        remaining = remaining // size
    for key, u, c in zip(keys, uniques, reversed(decoded), strict=True):
        out[key] = pd.Series(u.take(c)).astype("str")
    out["amount"] = amount
    out["workers"] = distinct(worker_codes.astype(np.int64))
    out["months"] = distinct(month_codes.astype(np.int64))
    out["worker_months"] = np.bincount(group_codes, minlength=n)
    frame = pd.DataFrame(out)
    first = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first, group_codes, month_numbers)
    last = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(last, group_codes, month_numbers)
    frame["first_month"] = _months_to_timestamps(first)
    frame["last_month"] = _months_to_timestamps(last)
    frame = frame.astype({"workers": "int64", "months": "int64", "worker_months": "int64"})
    return frame.sort_values(["amount", *keys], ascending=[False] + [True] * len(keys)).reset_index(
        drop=True
    )


_GROUP_COLUMNS = {
    "amount": "float64",
    "workers": "int64",
    "months": "int64",
    "worker_months": "int64",
    "first_month": "datetime64[ns]",
    "last_month": "datetime64[ns]",
}


def arrears_by_project(
    payroll: pd.DataFrame | None,
    workers: pd.DataFrame | None,
    *,
    as_of: dt.date | str | pd.Timestamp,
    arrears: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Arrears per project 项目欠薪, from the payroll up to ``as_of``.

    ``arrears`` may pass an already computed :func:`worker_month_arrears` frame.

    Returns
    -------
    DataFrame
        One row per project with arrears, largest amount first: ``project_id, amount`` (yuan),
        ``workers`` (distinct workers owed), ``months`` (distinct months with arrears),
        ``worker_months``, ``first_month, last_month``.

    """
    arrears = _arrears_frame(arrears, payroll, workers, as_of)
    if arrears.empty:
        return _empty_like({"project_id": "str", **_GROUP_COLUMNS})
    return _group_arrears(arrears, ["project_id"])


def arrears_by_team(
    payroll: pd.DataFrame | None,
    workers: pd.DataFrame | None,
    *,
    as_of: dt.date | str | pd.Timestamp,
    arrears: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Arrears per project and team 班组 (the team of the roster; missing when not given).

    Returns
    -------
    DataFrame
        ``project_id, team, amount, workers, months, worker_months, first_month, last_month``.

    """
    arrears = _arrears_frame(arrears, payroll, workers, as_of)
    if arrears.empty:
        return _empty_like({"project_id": "str", "team": "str", **_GROUP_COLUMNS})
    return _group_arrears(arrears, ["project_id", "team"])


def arrears_by_worker(
    payroll: pd.DataFrame | None,
    workers: pd.DataFrame | None,
    *,
    as_of: dt.date | str | pd.Timestamp,
    arrears: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Arrears per worker and project 个人欠薪 (a worker owed on two projects has two rows).

    Returns
    -------
    DataFrame
        ``project_id, id_number, name, team, amount, months, first_month, last_month``
        (``months``: distinct months with arrears), largest amount first.

    """
    arrears = _arrears_frame(arrears, payroll, workers, as_of)
    columns = {
        "project_id": "str",
        "id_number": "str",
        "name": "str",
        "team": "str",
        "amount": "float64",
        "months": "int64",
        "first_month": "datetime64[ns]",
        "last_month": "datetime64[ns]",
    }
    if arrears.empty:
        return _empty_like(columns)
    grouped = _group_arrears(arrears, ["project_id", "id_number"])
    who = arrears.drop_duplicates(["project_id", "id_number"])[
        ["project_id", "id_number", "name", "team"]
    ]
    out = grouped.merge(who, on=["project_id", "id_number"], how="left", sort=False)
    return out[list(columns)].astype(columns)


def months_unpaid_in_a_row(
    payroll: pd.DataFrame | None,
    workers: pd.DataFrame | None,
    *,
    as_of: dt.date | str | pd.Timestamp,
) -> pd.DataFrame:
    """Measure runs of consecutive months with arrears 连续欠薪月数, per worker and project.

    A run is broken by a month without arrears or without a payroll row. The *current* run is
    the one that ends at the worker's latest payroll month on the project up to ``as_of``
    (0 when that month has no arrears).

    Returns
    -------
    DataFrame
        One row per worker and project with any arrears: ``project_id, id_number, name,
        longest_run, current_run`` (int64, months), ``last_month`` (latest payroll month),
        ``amount`` (all arrears up to ``as_of``), longest run first.

    """
    columns = {
        "project_id": "str",
        "id_number": "str",
        "name": "str",
        "longest_run": "int64",
        "current_run": "int64",
        "last_month": "datetime64[ns]",
        "amount": "float64",
    }
    arrears = worker_month_arrears(payroll, workers, as_of=as_of)
    if arrears.empty:
        return _empty_like(columns)
    # distinct arrears months per worker and project, sorted
    pair_codes, _ = pd.factorize(
        pd.MultiIndex.from_arrays([arrears["project_id"], arrears["id_number"]])
    )
    month = _month_numbers(arrears["month"])
    order = np.lexsort((month, pair_codes))
    pairs, month = pair_codes[order], month[order]
    keep = np.ones(len(pairs), dtype=bool)
    keep[1:] = (pairs[1:] != pairs[:-1]) | (month[1:] != month[:-1])
    pairs, month = pairs[keep], month[keep]
    new_run = np.ones(len(pairs), dtype=bool)
    new_run[1:] = (pairs[1:] != pairs[:-1]) | (month[1:] != month[:-1] + 1)
    run_id = np.cumsum(new_run) - 1
    run_length = np.bincount(run_id)
    run_pair = pairs[new_run]
    run_last = np.zeros(len(run_length), dtype=np.int64)
    run_last[run_id] = month  # the last write wins: months are sorted
    n = int(pair_codes.max()) + 1
    longest = np.zeros(n, dtype=np.int64)
    np.maximum.at(longest, run_pair, run_length)

    # each pair's latest payroll month up to as_of (any row, with or without arrears)
    up_to = payroll.loc[(payroll["month"] <= _timestamp(as_of)).to_numpy()]
    latest = (
        pd.DataFrame(
            {
                "project_id": up_to["project_id"],
                "id_number": up_to["id_number"],
                "m": _month_numbers(up_to["month"]),
            }
        )
        .groupby(["project_id", "id_number"], sort=False, observed=True)["m"]
        .max()
    )
    first_rows = arrears.iloc[order[keep][new_run]].drop_duplicates(["project_id", "id_number"])
    pair_index = pd.MultiIndex.from_arrays([first_rows["project_id"], first_rows["id_number"]])
    first_pair = pair_codes[order[keep][new_run]]
    first_pair = first_pair[np.unique(first_pair, return_index=True)[1]]
    last_month = latest.reindex(pair_index).to_numpy(dtype=np.int64)
    current = np.zeros(n, dtype=np.int64)
    ends_now = run_last == last_month[np.searchsorted(first_pair, run_pair)]
    current[run_pair[ends_now]] = run_length[ends_now]
    amount = np.bincount(pair_codes, weights=arrears["arrears"].to_numpy(), minlength=n)
    out = pd.DataFrame(
        {
            "project_id": first_rows["project_id"].to_numpy(),
            "id_number": first_rows["id_number"].to_numpy(),
            "name": first_rows["name"].to_numpy(),
            "longest_run": longest[first_pair],
            "current_run": current[first_pair],
            "last_month": _months_to_timestamps(last_month),
            "amount": amount[first_pair],
        }
    )
    return (
        out.astype(columns)
        .sort_values(["longest_run", "amount"], ascending=False)
        .reset_index(drop=True)
    )


# ---------------------------------------------------------------------------------------------
# Minimum wage, payment method, real-name gaps
# ---------------------------------------------------------------------------------------------


def below_minimum_wage(
    payroll: pd.DataFrame | None,
    workers: pd.DataFrame | None,
    *,
    minimum_wage_monthly: float = _RULES.minimum_wage_monthly,
    as_of: dt.date | str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Worker-months paid below the minimum wage 低于最低工资标准.

    A worker-month is below when the worker worked a full month (days_worked ≥ 21.75) and the
    wage due is below ``minimum_wage_monthly``, or when the worker is paid by the day (日薪)
    at a rate below ``minimum_wage_monthly`` / 21.75. A wage exactly at the minimum is not
    below. With ``as_of``, months after it are left out.

    Returns
    -------
    DataFrame
        ``id_number, name, project_id, month, days_worked, wage_basis, wage_rate, wage_due,
        minimum`` (the monthly minimum, or the daily minimum for 日薪 rates), ``reason``
        (``full_month`` or ``daily_rate``), ``source_row``.

    """
    columns = {
        "id_number": "str",
        "name": "str",
        "project_id": "str",
        "month": "datetime64[ns]",
        "days_worked": "float64",
        "wage_basis": "str",
        "wage_rate": "float64",
        "wage_due": "float64",
        "minimum": "float64",
        "reason": "str",
        "source_row": "int64",
    }
    if payroll is None or payroll.empty:
        return _empty_like(columns)
    rows = payroll if as_of is None else payroll.loc[payroll["month"] <= _timestamp(as_of)]
    full = payroll_with_due(rows, workers)
    pos = _worker_positions(full, workers)
    index = full.index
    if workers is not None:
        basis = _take(workers["wage_basis"], pos, index)
        rate = _take(workers["wage_rate"].astype("float64"), pos, index)
        name = _take(workers["name"], pos, index)
    else:
        basis = pd.Series(np.nan, index=index, dtype="str")
        rate = pd.Series(np.nan, index=index, dtype="float64")
        name = basis
    daily_minimum = minimum_wage_monthly / DAYS_PER_MONTH
    days = full["days_worked"].to_numpy(dtype="float64", na_value=np.nan)
    full_month = (days >= DAYS_PER_MONTH) & (
        full["wage_due"].to_numpy() < minimum_wage_monthly - _CENT
    )
    daily = (basis == "日薪").to_numpy(dtype=bool, na_value=False) & (
        rate.to_numpy() < daily_minimum - _CENT / DAYS_PER_MONTH
    )
    hit = full_month | daily
    out = pd.DataFrame(
        {
            "id_number": full["id_number"],
            "name": name,
            "project_id": full["project_id"],
            "month": full["month"],
            "days_worked": days,
            "wage_basis": basis,
            "wage_rate": rate,
            "wage_due": full["wage_due"],
            "minimum": np.where(full_month, minimum_wage_monthly, daily_minimum),
            "reason": np.where(full_month, "full_month", "daily_rate"),
            "source_row": full["source_row"],
        }
    ).loc[hit]
    return out.astype(columns).reset_index(drop=True)


CASH_METHODS = ("现金", "班组长代领")


def cash_or_via_foreman(
    payroll: pd.DataFrame | None, workers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Wages paid in cash 现金 or collected by the team leader 班组长代领, not through a bank.

    Returns
    -------
    DataFrame
        ``id_number, name`` (from the roster when given), ``project_id, month, pay_method,
        wage_paid, source_row``, one row per such payroll row.

    """
    columns = {
        "id_number": "str",
        "name": "str",
        "project_id": "str",
        "month": "datetime64[ns]",
        "pay_method": "str",
        "wage_paid": "float64",
        "source_row": "int64",
    }
    if payroll is None or payroll.empty:
        return _empty_like(columns)
    rows = payroll.loc[payroll["pay_method"].isin(CASH_METHODS).to_numpy(dtype=bool)]
    if workers is not None and len(rows):
        name = _take(
            workers["name"], _positions(rows["id_number"], workers["id_number"]), rows.index
        )
    else:
        name = pd.Series(np.nan, index=rows.index, dtype="str")
    out = rows[["id_number", "project_id", "month", "pay_method", "wage_paid", "source_row"]]
    out = out.assign(name=name)[list(columns)]
    return out.astype(columns).reset_index(drop=True)


_GAP_COLUMNS = {
    "gap": "str",
    "id_number": "str",
    "name": "str",
    "project_id": "str",
    "month": "datetime64[ns]",
    "table": "str",
    "source_row": "int64",
}


def _roster_months(
    workers: pd.DataFrame, project_months: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """(roster row, month number) for every month a rostered worker was on site.

    Only months the worker's project has payroll for (``project_months``: project_id, m).
    """
    first = workers["start_date"].to_numpy(dtype="datetime64[ns]").astype("datetime64[M]")
    end = workers["end_date"].to_numpy(dtype="datetime64[ns]")
    span = project_months.groupby("project_id", sort=False)["m"].agg(["min", "max"])
    lo = span["min"].reindex(workers["project_id"]).to_numpy(dtype="float64", na_value=np.nan)
    hi = span["max"].reindex(workers["project_id"]).to_numpy(dtype="float64", na_value=np.nan)
    start = first.astype(np.int64).astype("float64")
    start[np.isnat(first)] = np.nan
    stop = end.astype("datetime64[M]").astype(np.int64).astype("float64")
    stop[np.isnat(end)] = np.inf
    a = np.maximum(start, lo)
    b = np.minimum(stop, hi)
    valid = ~np.isnan(a) & ~np.isnan(b) & (b >= a)
    count = np.where(valid, np.nan_to_num(b - a + 1), 0).astype(np.int64)
    row = np.repeat(np.arange(len(workers), dtype=np.int64), count)
    offset = np.arange(count.sum(), dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
    month = np.repeat(np.where(valid, a, 0).astype(np.int64), count) + offset
    return row, month


def _rostered_without_payroll(
    payroll: pd.DataFrame, workers: pd.DataFrame, pos: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Find rostered worker-months without a payroll row: (roster row, month number).

    Only months the project has payroll for; ``pos`` is each payroll row's roster position.
    """
    project_codes, projects = _codes(
        pd.concat([payroll["project_id"], workers["project_id"]], ignore_index=True)
    )
    pay_project = project_codes[: len(payroll)]
    roster_project_code = project_codes[len(payroll) :]
    pay_month = _month_numbers(payroll["month"])
    month_base = int(pay_month.min())
    month_span = int(pay_month.max()) - month_base + 1
    project_months = pd.DataFrame(
        {"project_id": payroll["project_id"].to_numpy(), "m": pay_month}
    ).drop_duplicates()
    roster_row, roster_month = _roster_months(workers, project_months)
    p_code = roster_project_code[roster_row]

    def key_of(p: np.ndarray, m: np.ndarray) -> np.ndarray:
        return (p * month_span + (m - month_base)).astype(np.int64)

    has_payroll_month = np.isin(
        key_of(p_code, roster_month), np.unique(key_of(pay_project, pay_month))
    )
    roster_row, roster_month, p_code = (
        roster_row[has_payroll_month],
        roster_month[has_payroll_month],
        p_code[has_payroll_month],
    )
    n_projects = len(projects)
    on_payroll = np.unique(
        (pos[pos >= 0] * n_projects + pay_project[pos >= 0]) * month_span
        + (pay_month[pos >= 0] - month_base)
    )
    wanted = (roster_row * n_projects + p_code) * month_span + (roster_month - month_base)
    missing = ~np.isin(wanted, on_payroll)
    return roster_row[missing], roster_month[missing]


def roster_gaps(payroll: pd.DataFrame | None, workers: pd.DataFrame | None) -> pd.DataFrame:
    """Real-name gaps 实名制缺口, both directions.

    ``not_on_roster``: a payroll row whose worker is not on the roster of that project
    (absent from the roster, or rostered on another project). ``no_payroll``: a rostered worker
    on site in a month (from the month of 进场日期 to the month of 退场日期, open-ended when
    empty) for which the project has payroll rows, without a payroll row of their own.

    Returns
    -------
    DataFrame
        ``gap`` (``not_on_roster`` / ``no_payroll``), ``id_number, name, project_id, month,
        table`` (``payroll`` or ``workers``: where ``source_row`` points), ``source_row``.

    """
    if payroll is None or payroll.empty or workers is None:
        return _empty_like(_GAP_COLUMNS)
    pos = _worker_positions(payroll, workers)
    roster_project = _take(workers["project_id"], pos, payroll.index)
    off = (pos < 0) | (roster_project != payroll["project_id"]).to_numpy(dtype=bool, na_value=True)
    rows = payroll.loc[off]
    not_on = pd.DataFrame(
        {
            "gap": "not_on_roster",
            "id_number": rows["id_number"],
            "name": _take(workers["name"], pos[off], rows.index),
            "project_id": rows["project_id"],
            "month": rows["month"],
            "table": "payroll",
            "source_row": rows["source_row"],
        }
    )

    roster_row, roster_month = _rostered_without_payroll(payroll, workers, pos)
    roster = workers.iloc[roster_row]
    no_pay = pd.DataFrame(
        {
            "gap": "no_payroll",
            "id_number": roster["id_number"].to_numpy(),
            "name": roster["name"].to_numpy(),
            "project_id": roster["project_id"].to_numpy(),
            "month": _months_to_timestamps(roster_month),
            "table": "workers",
            "source_row": roster["source_row"].to_numpy(),
        }
    )
    out = pd.concat([not_on.astype(_GAP_COLUMNS), no_pay.astype(_GAP_COLUMNS)], ignore_index=True)
    return out.astype(_GAP_COLUMNS)


# ---------------------------------------------------------------------------------------------
# Early warnings and the criminal amount standard
# ---------------------------------------------------------------------------------------------

_WARNING_COLUMNS = {
    "project_id": "str",
    "month": "datetime64[ns]",
    "attended": "int64",
    "paid": "int64",
    "late": "int64",
    "no_record": "int64",
    "colour": "str",
}


def payroll_warnings(
    payroll: pd.DataFrame | None,
    workers: pd.DataFrame | None,
    *,
    as_of: dt.date | str | pd.Timestamp,
    no_record_share: float = 0.10,
) -> pd.DataFrame:
    """Early-warning colour 预警等级 of every project and month (CONTRACT section 3).

    A month is judged once it is over (its last day is before ``as_of``). Its *attending*
    workers are those with days_worked > 0 on the project's payroll that month: attendance is
    only known from the payroll (rostered workers without a payroll row are a real-name gap,
    :func:`roster_gaps`, not an attendance). An attending worker has *no pay record* when no
    payroll row of the month shows a payment (wage_paid > 0 with a pay date). A worker is
    *paid* with a payroll row whose pay date is on or before ``as_of`` and wage_paid > 0, and
    *late* when they attended and were not paid by the end of month M+1 although that day is
    before ``as_of`` (paid on that very day is on time).

    Red 红色: any late worker, or more than ``no_record_share`` of the attending workers with no
    pay record (exactly 10% is not red). Yellow 黄色: fewer workers paid than attended, without
    reaching red. Green 绿色 otherwise.

    Returns
    -------
    DataFrame
        One row per project and judged month: ``project_id, month, attended, paid, late,
        no_record`` (int64 worker counts) and ``colour`` (``red`` / ``yellow`` / ``green``).

    """
    if payroll is None or payroll.empty:
        return _empty_like(_WARNING_COLUMNS)
    as_of = _timestamp(as_of)
    as_of_month = int(np.datetime64(as_of, "M").astype(np.int64))
    pay_month = _month_numbers(payroll["month"])
    judged = pay_month < as_of_month
    pos = _worker_positions(payroll, workers)
    rows = payroll.loc[judged]
    month = pay_month[judged]
    pos_rows = pos[judged]
    if len(rows) == 0:
        return _empty_like(_WARNING_COLUMNS)
    # a worker code: the roster position, or a code after the roster for unknown ID numbers
    n_roster = 0 if workers is None else len(workers)
    worker = pos_rows.copy()
    unknown = worker < 0
    if unknown.any():
        worker[unknown] = n_roster + _codes(rows["id_number"].loc[unknown])[0]
    due_by = _due_by(rows["month"]).to_numpy()
    pay_date = rows["pay_date"].to_numpy(dtype="datetime64[ns]")
    given = rows["wage_paid"].to_numpy(dtype="float64", na_value=0.0) > 0
    attended = rows["days_worked"].to_numpy(dtype="float64", na_value=0.0) > 0
    paid = given & (pay_date <= np.datetime64(as_of, "ns"))
    late = attended & (due_by < np.datetime64(as_of, "ns")) & ~(given & (pay_date <= due_by))
    no_record = attended & ~(given & ~np.isnat(pay_date))

    per_worker = (
        pd.DataFrame(
            {
                "project_id": rows["project_id"].to_numpy(),
                "m": month,
                "w": worker,
                "attended": attended,
                "paid": paid,
                "late": late,
                "no_record": no_record,
            }
        )
        .groupby(["project_id", "m", "w"], sort=False)
        .max()
    )
    per_month = per_worker.groupby(level=["project_id", "m"], sort=False).sum()
    red = (per_month["late"] > 0) | (
        per_month["no_record"] > no_record_share * per_month["attended"] + 1e-9
    )
    yellow = ~red & (per_month["paid"] < per_month["attended"])
    per_month["colour"] = np.where(red, "red", np.where(yellow, "yellow", "green"))
    out = per_month.reset_index()
    out["month"] = _months_to_timestamps(out["m"].to_numpy(dtype=np.int64))
    out = out[list(_WARNING_COLUMNS)].astype(_WARNING_COLUMNS)
    return out.sort_values(["project_id", "month"]).reset_index(drop=True)


def warning_counts(warnings: pd.DataFrame) -> dict[str, int]:
    """Projects per colour, each project counted once at its worst colour.

    ``warnings`` is a :func:`payroll_warnings` frame. Returns ``{"red": n, "yellow": n}``.
    """
    rank = warnings["colour"].map({"green": 0, "yellow": 1, "red": 2}).astype("int64")
    worst = rank.groupby(warnings["project_id"]).max()
    return {"red": int((worst == 2).sum()), "yellow": int((worst == 1).sum())}


_CRIMINAL_COLUMNS = {
    "subject_id": "str",
    "subject_kind": "str",
    "source": "str",
    "amount": "float64",
    "workers": "Int64",
    "workers_3_months": "Int64",
    "rule": "str",
}


def criminal_threshold(
    payroll: pd.DataFrame | None = None,
    workers: pd.DataFrame | None = None,
    *,
    projects: pd.DataFrame | None = None,
    employers: pd.DataFrame | None = None,
    as_of: dt.date | str | pd.Timestamp,
    criminal_amount_per_worker: float = _RULES.criminal_amount_per_worker,
    criminal_amount_total: float = _RULES.criminal_amount_total,
    arrears: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Projects and employers whose arrears reach the criminal amount standard 数额较大.

    From the payroll (projects with payroll rows): ``per_worker`` when one worker is owed in
    three or more months adding up to ``criminal_amount_per_worker`` or more; ``total`` when
    ten or more workers are owed ``criminal_amount_total`` or more in all. From the ledger
    (projects without payroll, and employers: ``arrears_amount``, ``arrears_workers``) only
    ``total`` can be judged. Both rules met gives ``both``.

    Returns
    -------
    DataFrame
        ``subject_id, subject_kind`` (``project`` / ``employer``), ``source`` (``payroll`` /
        ``ledger``), ``amount``, ``workers`` (workers owed), ``workers_3_months`` (workers owed
        in 3+ months adding up to the per-worker amount; missing for ledger figures), ``rule``.

    """
    frames = []
    with_payroll: set = set()
    if payroll is not None and not payroll.empty:
        with_payroll = set(payroll["project_id"].dropna().unique())
        arrears = _arrears_frame(arrears, payroll, workers, as_of)
        if not arrears.empty:
            per_worker = arrears_by_worker(None, None, as_of=as_of, arrears=arrears)
            per_project = arrears_by_project(None, None, as_of=as_of, arrears=arrears)
            big = per_worker.loc[
                (per_worker["months"] >= 3)
                & (per_worker["amount"] >= criminal_amount_per_worker - _CENT)
            ]
            heavy = big.groupby("project_id").size()
            per_project["workers_3_months"] = heavy.reindex(
                per_project["project_id"], fill_value=0
            ).to_numpy()
            frames.append(
                per_project.assign(subject_kind="project", source="payroll").rename(
                    columns={"project_id": "subject_id"}
                )
            )
    ledgers = []
    if projects is not None:
        ledgers.append(
            projects.loc[~projects["project_id"].isin(with_payroll)].assign(
                subject_id=lambda f: f["project_id"], subject_kind="project"
            )
        )
    if employers is not None:
        ledgers.append(
            employers.assign(subject_id=lambda f: f["employer_id"], subject_kind="employer")
        )
    for ledger in ledgers:
        frames.append(
            pd.DataFrame(
                {
                    "subject_id": ledger["subject_id"],
                    "subject_kind": ledger["subject_kind"],
                    "source": "ledger",
                    "amount": ledger["arrears_amount"].astype("float64").fillna(0.0),
                    "workers": ledger["arrears_workers"].astype("Int64"),
                    "workers_3_months": pd.NA,
                }
            )
        )
    if not frames:
        return _empty_like(_CRIMINAL_COLUMNS)
    subjects = pd.concat(
        [
            f[list(_CRIMINAL_COLUMNS)[:-1]].astype(dict(list(_CRIMINAL_COLUMNS.items())[:-1]))
            for f in frames
        ],
        ignore_index=True,
    )
    per_worker_rule = (subjects["workers_3_months"] > 0).fillna(False)
    total_rule = (
        (subjects["workers"] >= 10) & (subjects["amount"] >= criminal_amount_total - _CENT)
    ).fillna(False)
    subjects["rule"] = np.where(
        per_worker_rule & total_rule, "both", np.where(per_worker_rule, "per_worker", "total")
    )
    out = subjects.loc[(per_worker_rule | total_rule).to_numpy(dtype=bool)]
    return out.astype(_CRIMINAL_COLUMNS).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------------------------


def arrears_findings(arrears: pd.DataFrame) -> pd.DataFrame:
    """One finding per worker-month in arrears (a :func:`worker_month_arrears` frame).

    ``张三（110101********1234）2023年10月应发8,400元，实发0元，欠薪8,400元`` (severity
    ``warning``; runs of unpaid months and the criminal standard have their own findings).
    """
    if arrears.empty:
        return empty_findings()
    message = (
        _who(arrears["name"], arrears["id_number"])
        + _month_label(arrears["month"])
        + "应发"
        + _yuan(arrears["wage_due"])
        + "元，实发"
        + _yuan(arrears["wage_paid"].fillna(0.0))
        + "元，欠薪"
        + _yuan(arrears["arrears"])
        + "元"
    )
    return make_findings(
        "payroll.arrears",
        "payroll",
        arrears["project_id"],
        message,
        severity="warning",
        row=arrears["source_row"],
        column="wage_paid",
        value=arrears["arrears"].round(2),
    )


def unpaid_run_findings(runs: pd.DataFrame, *, min_months: int = 2) -> pd.DataFrame:
    """Workers whose current run of unpaid months is ``min_months`` or longer.

    ``runs`` is a :func:`months_unpaid_in_a_row` frame; 3 months or more is ``serious``.
    """
    rows = runs.loc[runs["current_run"] >= min_months]
    if rows.empty:
        return empty_findings()
    message = (
        _who(rows["name"], rows["id_number"])
        + "在项目"
        + rows["project_id"].astype("str")
        + "已连续"
        + rows["current_run"].astype("str")
        + "个月欠薪（至"
        + _month_label(rows["last_month"])
        + "），累计欠薪"
        + _yuan(rows["amount"])
        + "元"
    )
    return make_findings(
        "payroll.unpaid_run",
        "payroll",
        rows["project_id"],
        message,
        severity=pd.Series(
            np.where(rows["current_run"] >= 3, "serious", "warning"), index=rows.index
        ),
        column="month",
        value=rows["current_run"],
    )


def below_minimum_wage_findings(below: pd.DataFrame) -> pd.DataFrame:
    """One finding per worker-month below the minimum wage (a :func:`below_minimum_wage` frame)."""
    if below.empty:
        return empty_findings()
    who = _who(below["name"], below["id_number"]) + _month_label(below["month"])
    days = below["days_worked"].round(2).astype("str").str.removesuffix(".0")
    full = (
        who
        + "出勤"
        + days
        + "天，应发"
        + _yuan(below["wage_due"])
        + "元，低于最低工资标准"
        + _yuan(below["minimum"])
        + "元/月"
    )
    daily = (
        who
        + "日薪"
        + _yuan(below["wage_rate"])
        + "元，低于最低工资标准折算的日工资"
        + _yuan(below["minimum"])
        + "元"
    )
    is_full = below["reason"] == "full_month"
    return make_findings(
        "payroll.minimum_wage",
        "payroll",
        below["project_id"],
        pd.Series(np.where(is_full, full, daily), index=below.index),
        severity="serious",
        row=below["source_row"],
        column="wage_due",
        value=pd.Series(
            np.where(is_full, below["wage_due"], below["wage_rate"]), index=below.index
        ).round(2),
    )


def cash_or_via_foreman_findings(rows: pd.DataFrame) -> pd.DataFrame:
    """One finding per wage paid in cash or collected by a team leader (not bank-paid)."""
    if rows.empty:
        return empty_findings()
    how = np.where(rows["pay_method"] == "现金", "以现金发放", "由班组长代领")
    message = (
        _who(rows["name"], rows["id_number"])
        + _month_label(rows["month"])
        + "工资"
        + _yuan(rows["wage_paid"].fillna(0.0))
        + "元"
        + how
        + "，未通过银行代发"
    )
    return make_findings(
        "payroll.cash_or_via_foreman",
        "payroll",
        rows["project_id"],
        message,
        severity="warning",
        row=rows["source_row"],
        column="pay_method",
        value=rows["pay_method"],
    )


def roster_gap_findings(gaps: pd.DataFrame) -> pd.DataFrame:
    """One finding per worker, project and direction of a real-name gap (:func:`roster_gaps`)."""
    if gaps.empty:
        return empty_findings()
    grouped = (
        gaps.sort_values("month", kind="stable")
        .groupby(["gap", "project_id", "id_number"], sort=True, dropna=False)
        .agg(
            name=("name", "first"),
            first=("month", "min"),
            months=("month", "size"),
            table=("table", "first"),
            source_row=("source_row", "first"),
        )
        .reset_index()
    )
    who = _who(grouped["name"], grouped["id_number"])
    span = _month_label(grouped["first"]) + np.where(
        grouped["months"] > 1, "起共" + grouped["months"].astype("str") + "个月", ""
    )
    not_on = (
        who
        + "出现在项目"
        + grouped["project_id"].astype("str")
        + "的工资发放记录中，但不在该项目花名册内（"
        + span
        + "）"
    )
    no_pay = (
        who
        + "在项目"
        + grouped["project_id"].astype("str")
        + "花名册内且在场，"
        + span
        + "无工资发放记录"
    )
    is_not_on = grouped["gap"] == "not_on_roster"
    return make_findings(
        "payroll.roster_gap",
        "payroll",
        grouped["project_id"],
        pd.Series(np.where(is_not_on, not_on, no_pay), index=grouped.index),
        severity="warning",
        row=grouped["source_row"],
        column="id_number",
        value=mask_id_number(grouped["id_number"]),
    ).assign(table=grouped["table"].astype("string").to_numpy())


def warning_findings(warnings: pd.DataFrame) -> pd.DataFrame:
    """One finding per red or yellow project-month (a :func:`payroll_warnings` frame)."""
    rows = warnings.loc[warnings["colour"] != "green"]
    if rows.empty:
        return empty_findings()
    red = rows["colour"] == "red"
    message = (
        "项目"
        + rows["project_id"].astype("str")
        + " "
        + _month_label(rows["month"])
        + pd.Series(np.where(red, "红色预警", "黄色预警"), index=rows.index)
        + "：出勤"
        + rows["attended"].astype("str")
        + "人，已发放工资"
        + rows["paid"].astype("str")
        + "人"
        + pd.Series(
            np.where(
                rows["late"] > 0, "，" + rows["late"].astype("str") + "人超过次月底仍未发放", ""
            ),
            index=rows.index,
        )
        + pd.Series(
            np.where(
                rows["no_record"] > 0,
                "，" + rows["no_record"].astype("str") + "人在场但无工资发放记录",
                "",
            ),
            index=rows.index,
        )
    )
    return make_findings(
        "payroll.warning",
        "payroll",
        rows["project_id"],
        message,
        severity=pd.Series(np.where(red, "serious", "warning"), index=rows.index),
        column="month",
        value=rows["colour"],
    )


def criminal_threshold_findings(subjects: pd.DataFrame) -> pd.DataFrame:
    """One finding per subject reaching the criminal standard (:func:`criminal_threshold`)."""
    if subjects.empty:
        return empty_findings()
    kind = np.where(subjects["subject_kind"] == "project", "项目", "用人单位")
    workers = subjects["workers"].astype("Int64").astype("str").fillna("未知")
    per_worker = np.where(
        subjects["workers_3_months"].fillna(0) > 0,
        "，其中"
        + subjects["workers_3_months"].astype("Int64").astype("str").fillna("0")
        + "人欠薪3个月以上且达到个人数额标准",
        "",
    )
    message = (
        kind
        + subjects["subject_id"].astype("str")
        + "拖欠"
        + workers
        + "名劳动者工资共"
        + _yuan(subjects["amount"])
        + "元"
        + per_worker
        + "，达到拒不支付劳动报酬罪“数额较大”标准，应责令限期支付并做好移送公安准备"
    )
    table = np.where(
        subjects["source"] == "payroll",
        "payroll",
        np.where(subjects["subject_kind"] == "project", "projects", "employers"),
    )
    return make_findings(
        "payroll.criminal_threshold",
        "payroll",
        subjects["subject_id"],
        message,
        severity="serious",
        column="arrears_amount",
        value=subjects["amount"].round(2),
    ).assign(table=pd.array(table, dtype="string"))


def payroll_findings(
    payroll: pd.DataFrame | None,
    workers: pd.DataFrame | None,
    *,
    as_of: dt.date | str | pd.Timestamp,
    projects: pd.DataFrame | None = None,
    employers: pd.DataFrame | None = None,
    rules: Rules = _RULES,
) -> pd.DataFrame:
    """Every payroll finding at once, with the thresholds of ``rules``."""
    if payroll is None or payroll.empty:
        return empty_findings()
    arrears = worker_month_arrears(payroll, workers, as_of=as_of)
    parts = [
        arrears_findings(arrears),
        unpaid_run_findings(months_unpaid_in_a_row(payroll, workers, as_of=as_of)),
        below_minimum_wage_findings(
            below_minimum_wage(
                payroll, workers, as_of=as_of, minimum_wage_monthly=rules.minimum_wage_monthly
            )
        ),
        cash_or_via_foreman_findings(cash_or_via_foreman(payroll, workers)),
        roster_gap_findings(roster_gaps(payroll, workers)),
        warning_findings(payroll_warnings(payroll, workers, as_of=as_of)),
        criminal_threshold_findings(
            criminal_threshold(
                payroll,
                workers,
                projects=projects,
                employers=employers,
                as_of=as_of,
                criminal_amount_per_worker=rules.criminal_amount_per_worker,
                criminal_amount_total=rules.criminal_amount_total,
                arrears=arrears,
            )
        ),
    ]
    return pd.concat([p for p in parts if not p.empty] or [empty_findings()], ignore_index=True)
