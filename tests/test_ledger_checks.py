"""The checks of the ledgers alone, run once per loaded campaign and day, held to the plain path."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from wagekit import ledger_checks as module
from wagekit.assessment import assess
from wagekit.ledger_checks import LedgerChecks, compute_ledger_checks, ledger_checks

AS_OF = dt.date(2023, 12, 20)


def _same(kept: LedgerChecks, plain: LedgerChecks) -> None:
    for field in dataclasses.fields(LedgerChecks):
        a, b = getattr(kept, field.name), getattr(plain, field.name)
        assert (a is None) == (b is None), field.name
        if a is not None:
            pd.testing.assert_frame_equal(a, b, obj=field.name)


@pytest.fixture
def counted(monkeypatch):
    """Counts the runs of the plain path, starting with nothing kept."""
    runs = []
    monkeypatch.setattr(module, "_KEPT", {})

    def counting(*args, **kwargs):
        runs.append(kwargs["as_of"])
        return compute_ledger_checks(*args, **kwargs)

    monkeypatch.setattr(module, "compute_ledger_checks", counting)
    return runs


def test_kept_checks_are_the_plain_checks(demo_campaign):
    """What is kept with the campaign is what the checks find when run afresh, every time."""
    c = demo_campaign
    plain = compute_ledger_checks(c.tables, c.config.rules, as_of=AS_OF)
    assert plain.worker_month_arrears is not None and not plain.worker_month_arrears.empty
    _same(ledger_checks(c, c.tables, c.config.rules, as_of=AS_OF), plain)
    _same(ledger_checks(c, c.tables, c.config.rules, as_of=AS_OF), plain)


def test_checks_run_once_per_campaign_and_day(demo_campaign, counted):
    """Two assessments of one campaign on one day run the ledgers' checks once; another day
    runs them again."""
    c = demo_campaign
    other_day = dt.date(2023, 11, 30)
    assess(c, as_of=AS_OF)
    assess(c, as_of=AS_OF)
    assert counted == [AS_OF]
    later = assess(c, as_of=other_day)
    assert counted == [AS_OF, other_day]
    assert later.get("payroll")["month"].max() <= pd.Timestamp(other_day)


def test_a_caller_changing_its_frames_changes_nothing_for_the_next(demo_campaign):
    """Each caller gets frames of its own: one app page editing a frame in place cannot change
    the figures of the next."""
    c = demo_campaign
    first = ledger_checks(c, c.tables, c.config.rules, as_of=AS_OF)
    before = first.arrears.copy()
    first.arrears["arrears_amount"] = 0.0
    again = ledger_checks(c, c.tables, c.config.rules, as_of=AS_OF)
    pd.testing.assert_frame_equal(again.arrears, before)


def test_ledgers_that_are_not_the_campaigns_own_are_checked_afresh(demo_campaign, counted):
    """Tables other than the loaded campaign's own (a payroll cut down, say) are never answered
    from what was kept: the checks run on them, every time."""
    c = demo_campaign
    ledger_checks(c, c.tables, c.config.rules, as_of=AS_OF)
    tables = {**c.tables, "payroll": c.tables["payroll"].iloc[:100]}
    cut = ledger_checks(c, tables, c.config.rules, as_of=AS_OF)
    ledger_checks(c, tables, c.config.rules, as_of=AS_OF)
    assert counted == [AS_OF, AS_OF, AS_OF]
    assert len(cut.payroll) <= 100


def test_an_entry_goes_with_its_campaign(demo_campaign, counted):
    """Nothing is kept for a campaign no longer held anywhere (a ledger corrected and read
    again leaves the old campaign behind)."""
    c = dataclasses.replace(demo_campaign)
    ledger_checks(c, c.tables, c.config.rules, as_of=AS_OF)
    assert len(module._KEPT) == 1
    del c
    assert module._KEPT == {}


def test_other_rules_are_checked_afresh(demo_campaign):
    """A higher minimum wage finds more payroll rows below it, not the kept answer."""
    c = demo_campaign
    kept = ledger_checks(c, c.tables, c.config.rules, as_of=AS_OF)
    higher = dataclasses.replace(
        c.config.rules, minimum_wage_monthly=c.config.rules.minimum_wage_monthly * 3
    )
    found = ledger_checks(c, c.tables, higher, as_of=AS_OF)
    assert len(found.below_minimum_wage) > len(kept.below_minimum_wage)
