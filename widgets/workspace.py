"""The store merged into the figures 工作区并入统计, as ``wagekit summary`` merges it.

The campaign's orders 执法文书 and case actions 案件办理记录 recorded in the store go into
:func:`wagekit.summary.assess`, so an app's KPI card shows what ``wagekit summary --json
--as-of DAY`` prints with the same store.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from wagekit.summary import Assessment, assess

__all__ = ["assess_with_store"]


def assess_with_store(
    campaign: Any, as_of: dt.date, store: Any, *, orders: pd.DataFrame | None = None
) -> Assessment:
    """Assess the campaign on ``as_of`` with the store's orders and case actions merged.

    ``orders`` are the campaign's orders when the caller has already read them from ``store``
    (the dashboard shows them in its project ledger too); else they are read here.
    """
    if store is None:
        return assess(campaign, as_of=as_of)
    return assess(
        campaign,
        as_of=as_of,
        orders=store.orders(campaign) if orders is None else orders,
        case_actions=store.case_actions(campaign),
    )
