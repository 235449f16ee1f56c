"""Baseline 风险底数 and clearance 销号: the tiers counted at the start, cleared one by one.

At the start of a campaign an office counts its *baseline* 底数: every project and employer
with its risk tier 风险等级 (无欠薪 none / 一般 general / 严重 serious) on that day, recorded in
the workspace store by ``wagekit baseline`` or the app. A subject is *cleared* 销号 when its
baseline tier was general or serious and its tier today is none. Recording the baseline again
replaces it.
"""

from __future__ import annotations

import pandas as pd

from wagekit.assessment import Assessment

__all__ = ["CLEARED_COLUMNS", "baseline_records", "cleared_subjects", "tiers_by_township"]

CLEARED_COLUMNS = ("subject_id", "subject_kind", "name", "township", "baseline_tier", "tier")


def baseline_records(a: Assessment) -> list[dict[str, object]]:
    """Every subject's tier in an assessment, as the store's baseline records of that day."""
    if a.risk is None:
        return []
    risk = a.risk
    day = a.as_of
    return [
        {
            "baseline_date": day,
            "subject_id": row.subject_id,
            "subject_kind": row.subject_kind,
            "tier": row.tier,
            "arrears_amount": None if pd.isna(row.arrears_amount) else float(row.arrears_amount),
            "arrears_workers": None if pd.isna(row.arrears_workers) else int(row.arrears_workers),
        }
        for row in risk.itertuples(index=False)
    ]


def cleared_subjects(a: Assessment) -> pd.DataFrame:
    """Subjects whose baseline tier was general or serious and whose tier now is none (销号).

    Returns
    -------
    pandas.DataFrame
        :data:`CLEARED_COLUMNS`, one row per subject cleared, serious first, then by id;
        empty when no baseline was recorded or no subject was assessed.

    """
    baseline = a.records.baseline
    empty = pd.DataFrame({c: pd.Series(dtype="str") for c in CLEARED_COLUMNS})
    if baseline.empty or a.risk is None:
        return empty
    now = a.risk.set_index("subject_id")
    owed = baseline[baseline["tier"].isin(("general", "serious"))]
    tier_now = owed["subject_id"].map(now["tier"])
    cleared = owed[tier_now == "none"]
    frame = pd.DataFrame(
        {
            "subject_id": cleared["subject_id"],
            "subject_kind": cleared["subject_kind"],
            "name": cleared["subject_id"].map(now["name"]),
            "township": cleared["subject_id"].map(now["township"]),
            "baseline_tier": cleared["tier"],
            "tier": "none",
        }
    ).astype("str")
    order = frame["baseline_tier"].map({"serious": 0, "general": 1})
    return frame.assign(_order=order).sort_values(["_order", "subject_id"]).drop(columns="_order")


def tiers_by_township(a: Assessment) -> pd.DataFrame:
    """Per township: subjects of each tier at the baseline and now, and those cleared (销号).

    Returns
    -------
    pandas.DataFrame
        ``township``; ``baseline_none``, ``baseline_general``, ``baseline_serious`` (counted
        as recorded; a subject no longer in the ledgers counts under 台账中已无);
        ``none``, ``general``, ``serious`` on the day; ``cleared`` (:func:`cleared_subjects`).
        One row per township, in Unicode order; empty when no subject was assessed.

    """
    tiers = ("none", "general", "serious")
    columns = ["township", *(f"baseline_{t}" for t in tiers), *tiers, "cleared"]
    if a.risk is None:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    where = a.risk.set_index("subject_id")["township"]
    baseline = a.records.baseline
    at_start = baseline["subject_id"].map(where).fillna("台账中已无")
    then = pd.crosstab(at_start, baseline["tier"]).reindex(columns=list(tiers), fill_value=0)
    now = pd.crosstab(a.risk["township"], a.risk["tier"]).reindex(columns=list(tiers), fill_value=0)
    cleared = cleared_subjects(a)["township"].value_counts()
    frame = pd.concat([then.add_prefix("baseline_"), now], axis=1)
    frame["cleared"] = cleared.reindex(frame.index)
    frame = frame.fillna(0).astype("int64").sort_index()
    frame.index.name = "township"
    return frame.reset_index()[columns]
