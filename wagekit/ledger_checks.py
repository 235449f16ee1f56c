"""The checks of the ledgers alone 台账研判: what no store record changes, computed once per day.

Most of an assessment's work reads only four ledgers — projects, employers, workers and the
payroll — and the campaign's rules: arrears by worker and month, wages below the minimum, cash
or foreman pay, early warnings, arrears by subject, the criminal-amount standard, the seven
systems, labour-cost shortfalls. The workspace store changes none of those ledgers (it records
case actions, publicity, self-inspection forms, inspections, orders), so the result holds for
as long as the campaign loaded is the same. :func:`ledger_checks` keeps it with the loaded
campaign, for each day and set of rules: every app page of a served workbook is a copy of one
process that assessed the campaign once (:mod:`wagekit.forked_kernels`), and an app refreshed
after a recording reassesses only what the store changes.

Each caller gets its own copy of every frame found (the payroll, a ledger, is shared as the
assessment always shared it), so no caller can change what the next one reads.
:func:`compute_ledger_checks` is the plain path, which a test holds the kept one to.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from wagekit.checks.arrears import arrears_by_subject
from wagekit.checks.criminal_threshold import criminal_threshold
from wagekit.checks.early_warnings import payroll_warnings
from wagekit.checks.labor_cost import labor_cost_shortfall
from wagekit.checks.minimum_wage import below_minimum_wage
from wagekit.checks.pay_methods import cash_or_via_foreman
from wagekit.checks.systems import project_systems
from wagekit.checks.wage_due import worker_month_arrears
from wagekit.subjects import campaign_subjects

__all__ = ["LEDGERS", "LedgerChecks", "compute_ledger_checks", "ledger_checks"]

# The ledgers these checks read; the store merges into none of them.
LEDGERS = ("projects", "employers", "workers", "payroll")


@dataclass(frozen=True)
class LedgerChecks:
    """What the checks of the ledgers alone found on one day (None: the ledger is absent)."""

    payroll: pd.DataFrame | None  # the payroll up to the day
    subjects: pd.DataFrame
    worker_month_arrears: pd.DataFrame | None
    below_minimum_wage: pd.DataFrame | None
    cash_or_via_foreman: pd.DataFrame | None
    warnings: pd.DataFrame | None
    arrears: pd.DataFrame | None
    criminal: pd.DataFrame | None
    systems: pd.DataFrame | None
    labor_cost: pd.DataFrame | None

    def copy(self) -> LedgerChecks:
        """The same findings in frames of their own (the payroll, a ledger, is shared as is)."""
        return LedgerChecks(
            **{
                f.name: frame if f.name == "payroll" or frame is None else frame.copy()
                for f in fields(self)
                for frame in [getattr(self, f.name)]
            }
        )


def _rules_key(rules: Any) -> tuple:
    return (
        rules.minimum_wage_monthly,
        rules.criminal_amount_per_worker,
        rules.criminal_amount_total,
    )


def compute_ledger_checks(
    tables: dict[str, pd.DataFrame], rules: Any, *, as_of: dt.date
) -> LedgerChecks:
    """Run the checks of the ledgers alone on ``tables`` as of ``as_of`` (the plain path)."""
    projects, employers = tables.get("projects"), tables.get("employers")
    workers, payroll = tables.get("workers"), tables.get("payroll")
    if payroll is not None:
        later = (payroll["month"] > pd.Timestamp(as_of)).to_numpy(dtype=bool)
        if later.any():  # copying a province's payroll costs memory; only when needed
            payroll = payroll[~later]
    has_subjects = projects is not None or employers is not None

    month_arrears = below = cash = warnings = None
    if payroll is not None:
        month_arrears = worker_month_arrears(payroll, workers, as_of=as_of)
        below = below_minimum_wage(
            payroll, workers, as_of=as_of, minimum_wage_monthly=rules.minimum_wage_monthly
        )
        cash = cash_or_via_foreman(payroll, workers)
        warnings = payroll_warnings(payroll, workers, as_of=as_of)

    arrears = criminal = None
    if has_subjects:
        arrears = arrears_by_subject(
            projects, employers, payroll, workers, as_of=as_of, arrears=month_arrears
        )
        criminal = criminal_threshold(
            payroll,
            workers,
            projects=projects,
            employers=employers,
            as_of=as_of,
            criminal_amount_per_worker=rules.criminal_amount_per_worker,
            criminal_amount_total=rules.criminal_amount_total,
            arrears=month_arrears,
        )

    systems = labor = None
    if projects is not None:
        systems = project_systems(projects, payroll, workers, as_of=as_of)
        if projects["labor_cost_due"].notna().any():
            labor = labor_cost_shortfall(projects)

    return LedgerChecks(
        payroll=payroll,
        subjects=campaign_subjects(projects, employers),
        worker_month_arrears=month_arrears,
        below_minimum_wage=below,
        cash_or_via_foreman=cash,
        warnings=warnings,
        arrears=arrears,
        criminal=criminal,
        systems=systems,
        labor_cost=labor,
    )


# id of a loaded campaign -> a weak reference to it, and its checks by (day, rules). A campaign
# read again is another object, so a corrected ledger is never answered from here; an entry
# goes when its campaign does. (A loaded campaign, a dataclass, cannot be a dictionary key.)
_DAYS_KEPT = 4
_KEPT: dict[int, tuple[weakref.ref, dict[tuple, LedgerChecks]]] = {}


def _kept_for(campaign: Any) -> dict[tuple, LedgerChecks] | None:
    key = id(campaign)
    entry = _KEPT.get(key)
    if entry is not None and entry[0]() is campaign:
        return entry[1]
    try:
        reference = weakref.ref(campaign, lambda _gone: _KEPT.pop(key, None))
    except TypeError:  # a campaign that cannot be weakly referred to
        return None
    _KEPT[key] = (reference, {})
    return _KEPT[key][1]


def ledger_checks(
    campaign: Any, tables: dict[str, pd.DataFrame], rules: Any, *, as_of: dt.date
) -> LedgerChecks:
    """The checks of the ledgers alone, computed once per loaded ``campaign``, day and rules.

    ``tables`` are the tables to assess (the campaign's own, with the store merged into others);
    when one of :data:`LEDGERS` is not the campaign's own frame the checks run afresh.
    """
    ledgers = getattr(campaign, "tables", None) or {}
    kept = None
    if all(tables.get(name) is ledgers.get(name) for name in LEDGERS):
        kept = _kept_for(campaign)
    if kept is None:
        return compute_ledger_checks(tables, rules, as_of=as_of)
    key = (as_of, _rules_key(rules))
    if key not in kept:
        while len(kept) >= _DAYS_KEPT:  # an app browsing back through the days
            del kept[next(iter(kept))]
        kept[key] = compute_ledger_checks(tables, rules, as_of=as_of)
    return kept[key].copy()
