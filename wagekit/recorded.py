"""The campaign as recorded 活动实况: the ledgers merged with everything in the workspace store.

This is wagekit's one read model. The *ledgers* 台账 are what the campaign folder holds; the
*store records* 工作区记录 are what the office recorded since (case actions 案件办理, orders
执法文书, publicity events 宣传活动, self-inspection forms received 自查回执, inspections 检查
with each checklist item's result and their findings 问题, daily reports 每日零报告 and the
baseline 风险底数).
:func:`recorded_campaign` joins them once, as CONTRACT section 3 says ("everything recorded in
the workspace store counts in every figure, exactly as if it were a row of the ledgers"):

- a case action sets its case's status, closing day and amount recovered;
- a publicity event is one more row of the publicity ledger;
- a self-inspection form replaces the ledger's row of the same subject (the latest form wins);

and keeps every store record beside the tables for the figures that are the store's alone
(orders, inspections, daily reports, the baseline). The summary, the findings, every export,
the command line and every app read a :class:`Recorded`, so none of them merges anything.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from wagekit.schema import CLOSED_CASE_STATUSES

__all__ = [
    "Recorded",
    "StoreRecords",
    "apply_case_actions",
    "case_positions",
    "read_campaign",
    "recorded_campaign",
    "store_in_use",
]

# The store's record tables a campaign reads, by the name a Recorded gives them.
_STORE_TABLES = {
    "orders": "orders",
    "case_actions": "case_actions",
    "inspections": "inspections",
    "checklist_results": "checklist_results",
    "findings": "findings",
    "publicity_events": "publicity_events",
    "self_inspection_receipts": "self_inspection_receipts",
    "daily_reports": "daily_reports",
    "baseline": "baseline_tiers",
}
STORE_SOURCE, LEDGER_SOURCE = "工作区登记", "台账"


@dataclass(frozen=True)
class StoreRecords:
    """Every store record of one campaign, one DataFrame per kind (empty, never None).

    Columns are the fields of :data:`wagekit.store.records.RECORDS` plus ``id, version,
    updated_by, created_at, updated_at`` (moments in local time); ``case_actions`` is the whole
    history, oldest first.
    ``from_store`` is False when no store was in use: a figure only the store can give (orders
    ignored) is then unknown, not 0.
    """

    orders: pd.DataFrame
    case_actions: pd.DataFrame
    inspections: pd.DataFrame
    checklist_results: pd.DataFrame
    findings: pd.DataFrame
    publicity_events: pd.DataFrame
    self_inspection_receipts: pd.DataFrame
    daily_reports: pd.DataFrame
    baseline: pd.DataFrame
    from_store: bool = True

    @classmethod
    def none(cls) -> StoreRecords:
        """No store: every kind empty."""
        from wagekit.store.records import empty_records

        kinds = {name: empty_records(table) for name, table in _STORE_TABLES.items()}
        return cls(**kinds, from_store=False)

    @classmethod
    def read(cls, store: Any, campaign: Any) -> StoreRecords:
        """Read every record of ``campaign`` from ``store`` (a :class:`wagekit.store.Store`)."""
        frames = store.records_of(campaign, _STORE_TABLES.values())
        return cls(**{name: frames[table] for name, table in _STORE_TABLES.items()})


def case_positions(history: pd.DataFrame) -> pd.DataFrame:
    """Where each case stands by its store actions: one row per case, the latest action winning.

    Parameters
    ----------
    history
        Case actions (``case_id, status, action_date, amount_recovered, id, updated_by``).

    Returns
    -------
    pandas.DataFrame
        ``case_id``; ``status`` of the latest action (by date, then by entry); ``closed_date``,
        the first day of the final run of closed statuses 已结案/已移送 (NaT when open);
        ``amount_recovered``, the latest amount given (NaN when none was); ``action_date`` of
        the latest action; ``updated_by``.

    """
    history = history.sort_values(["action_date", "id"], kind="stable")
    by_case = history.groupby("case_id", sort=False)
    closed = history["status"].isin(CLOSED_CASE_STATUSES)
    was_closed = closed.groupby(history["case_id"]).shift(fill_value=False).astype(bool)
    run_start = history["action_date"].where(closed & ~was_closed)
    history = history.assign(run_start=run_start.groupby(history["case_id"]).ffill())
    latest = history.groupby("case_id", sort=True).tail(1).set_index("case_id")
    result = pd.DataFrame(
        {
            "status": latest["status"],
            "closed_date": latest["run_start"].where(latest["status"].isin(CLOSED_CASE_STATUSES)),
            "amount_recovered": by_case["amount_recovered"].last(),
            "action_date": latest["action_date"],
            "updated_by": latest["updated_by"],
        },
        index=latest.index,
    )
    result.index.name = "case_id"
    frame = result.sort_index().reset_index()
    frame["case_id"] = frame["case_id"].astype("str")
    frame["closed_date"] = frame["closed_date"].astype("datetime64[ns]")
    frame["action_date"] = frame["action_date"].astype("datetime64[ns]")
    frame["amount_recovered"] = frame["amount_recovered"].astype("float64")
    return frame


def apply_case_actions(cases: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """Apply where the store says each case stands (:func:`case_positions`) to the cases ledger.

    For a case it names, the store's status replaces the ledger's; its closed date replaces the
    ledger's (and is cleared when the store reopened the case); its recovered amount replaces
    the ledger's when given. Cases the store does not know, and store rows for unknown cases,
    change nothing.
    """
    if positions.empty:
        return cases
    actions = positions.drop_duplicates("case_id", keep="last").set_index("case_id")
    ids = cases["case_id"]
    known = ids.isin(actions.index).to_numpy(dtype=bool)
    if not known.any():
        return cases
    merged = cases.copy()
    status = ids.map(actions["status"])
    merged["status"] = merged["status"].where(~known, status).astype(cases["status"].dtype)
    closed_now = status.isin(CLOSED_CASE_STATUSES).to_numpy(dtype=bool)
    store_closed = pd.to_datetime(ids.map(actions["closed_date"])).astype("datetime64[ns]")
    closed_date = merged["closed_date"].astype("datetime64[ns]")
    # A closing action keeps the ledger's date when the store gave none; reopening clears it.
    closed_date = closed_date.where(~(known & closed_now), store_closed.fillna(closed_date))
    closed_date = closed_date.where(~(known & ~closed_now), pd.NaT)
    merged["closed_date"] = closed_date.astype(cases["closed_date"].dtype)
    recovered = ids.map(actions["amount_recovered"]).astype("float64")
    merged["amount_recovered"] = (
        merged["amount_recovered"]
        .astype("float64")
        .where(~(known & recovered.notna().to_numpy(dtype=bool)), recovered)
    )
    return merged


def _as_ledger_rows(
    rows: pd.DataFrame, ledger: pd.DataFrame | None, columns: list[str]
) -> pd.DataFrame:
    """Store rows with the ledger's columns and dtypes, marked as recorded in the store."""
    frame = rows.loc[:, columns].copy()
    if ledger is not None:
        for column in columns:
            frame[column] = frame[column].astype(ledger[column].dtype)
    frame["source_row"] = pd.array([pd.NA] * len(frame), dtype="Int64")
    frame["source"] = STORE_SOURCE
    return frame


def _combined(ledger: pd.DataFrame | None, logged: pd.DataFrame) -> pd.DataFrame:
    parts = []
    if ledger is not None:
        parts.append(
            ledger.assign(source_row=ledger["source_row"].astype("Int64"), source=LEDGER_SOURCE)
        )
    parts.append(logged)
    merged = pd.concat(parts, ignore_index=True) if len(parts) > 1 else logged
    merged["source"] = merged["source"].astype("str")
    return merged.reset_index(drop=True)


def _merge_publicity(ledger: pd.DataFrame | None, events: pd.DataFrame) -> pd.DataFrame | None:
    if events.empty:
        return ledger
    from wagekit.schema import PUBLICITY

    columns = [c.name for c in PUBLICITY.columns]
    return _combined(ledger, _as_ledger_rows(events, ledger, columns))


def _merge_self_inspections(
    ledger: pd.DataFrame | None, forms: pd.DataFrame
) -> pd.DataFrame | None:
    if forms.empty:
        return ledger
    from wagekit.schema import SELF_INSPECTIONS

    columns = [c.name for c in SELF_INSPECTIONS.columns]
    latest = forms.sort_values(["submitted_date", "id"], kind="stable").drop_duplicates(
        "subject_id", keep="last"
    )
    if ledger is not None:
        ledger = ledger[~ledger["subject_id"].isin(latest["subject_id"])]
    return _combined(ledger, _as_ledger_rows(latest, ledger, columns))


@dataclass
class Recorded:
    """A campaign as recorded: its ledgers merged with the store, and the store's records.

    ``tables`` holds the ledgers as every figure counts them (case actions applied, store
    publicity events and self-inspection forms added); ``ledgers`` holds them as read from the
    folder; ``records`` every store record of the campaign.
    """

    campaign: Any
    records: StoreRecords
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def config(self) -> Any:
        """The campaign's declaration (campaign.toml)."""
        return self.campaign.config

    @property
    def folder(self) -> Path:
        """The campaign folder."""
        return Path(self.campaign.folder)

    @property
    def report(self) -> Any:
        """The load report of the ledgers (rows rejected, files unreadable)."""
        return getattr(self.campaign, "report", None)

    @property
    def ledgers(self) -> dict[str, pd.DataFrame]:
        """The ledgers as the folder holds them, before the store is merged."""
        return dict(self.campaign.tables)

    def get(self, name: str) -> pd.DataFrame | None:
        """A table as every figure counts it, or None when the campaign has none."""
        return self.tables.get(name)


def recorded_campaign(campaign: Any, store: Any = None) -> Recorded:
    """Merge a loaded campaign (:func:`wagekit.load.load`) with what ``store`` holds for it.

    ``store`` is a :class:`wagekit.store.Store`, a :class:`StoreRecords` already read, or None
    (the ledgers alone). A :class:`Recorded` given as ``campaign`` is merged afresh from its
    ledgers.
    """
    if isinstance(campaign, Recorded):
        campaign = campaign.campaign
    if store is None:
        records = StoreRecords.none()
    elif isinstance(store, StoreRecords):
        records = store
    else:
        records = StoreRecords.read(store, campaign)
    tables = dict(campaign.tables)
    if tables.get("cases") is not None and not records.case_actions.empty:
        tables["cases"] = apply_case_actions(tables["cases"], case_positions(records.case_actions))
    publicity = _merge_publicity(tables.get("publicity"), records.publicity_events)
    if publicity is not None:
        tables["publicity"] = publicity
    forms = _merge_self_inspections(
        tables.get("self_inspections"), records.self_inspection_receipts
    )
    if forms is not None:
        tables["self_inspections"] = forms
    return Recorded(campaign=campaign, records=records, tables=tables)


def store_in_use(db: str | None = None) -> bool:
    """Whether a workspace store is in use.

    It is when ``db`` or ``$WAGEKIT_DB`` names one, or when the default SQLite file exists
    (reading figures never creates it).
    """
    from wagekit.store import display_url, resolve_url

    if db or os.environ.get("WAGEKIT_DB"):
        return True
    return Path(display_url(resolve_url(None))).is_file()


def read_campaign(folder: str | Path, *, db: str | None = None, store: Any = None) -> Recorded:
    """Read a campaign folder (through the load cache) and merge the store in use with it.

    ``store`` (an open :class:`wagekit.store.Store`) wins over ``db``; without either, the
    store is the one :func:`store_in_use` finds, or none.
    """
    from wagekit.cache import load_cached

    campaign = load_cached(folder)
    if store is not None:
        return recorded_campaign(campaign, store)
    if not store_in_use(db):
        return recorded_campaign(campaign, None)
    from wagekit.store import Store, resolve_url

    with Store.open(resolve_url(db)) as opened:
        return recorded_campaign(campaign, opened)
