"""Real-name gaps 实名制缺口 between the roster and the payroll.

The *roster* 花名册 lists each worker's project, team 班组 and dates on site (进场日期 to 退场日期;
open-ended when 退场日期 is empty). A *real-name gap* 实名制缺口 goes one of two ways: a payroll
row whose worker is not on that project's roster (*not on roster* 花名册外发放), or a rostered
worker on site in a month for which the project has payroll rows, without a payroll row of their
own (*no payroll* 在场无工资记录). Months the project has no payroll for at all are not judged:
the ledger may simply not have reached them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wagekit.checks._frames import codes as _codes
from wagekit.checks._frames import empty_like as _empty_like
from wagekit.checks._frames import month_numbers as _month_numbers
from wagekit.checks._frames import months_to_timestamps as _months_to_timestamps
from wagekit.checks._frames import take as _take
from wagekit.checks._frames import worker_positions as _worker_positions
from wagekit.checks._text import month_label as _month_label
from wagekit.checks._text import who as _who
from wagekit.findings import empty_findings, make_findings
from wagekit.ids import mask_id_number

__all__ = ["roster_gap_findings", "roster_gaps"]

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
