"""Workspace 工作区 glue for the apps: the store they write to, the day they show, one assessment.

The apps merge the store into the figures exactly as ``wagekit summary`` does: the campaign's
orders 执法文书 and case actions 案件办理记录 go into :func:`wagekit.summary.assess`, so a KPI
card shows what ``wagekit summary --json --as-of DAY`` prints with the same store. The day of
the figures 统计截至日期 defaults to ``$WAGEKIT_AS_OF`` (YYYY-MM-DD) when set, else today — as
the command defaults to today.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from wagekit.store import Store
from wagekit.summary import Assessment, assess

__all__ = ["AS_OF_ENV", "assess_with_store", "default_as_of", "open_store"]

AS_OF_ENV = "WAGEKIT_AS_OF"


def default_as_of() -> dt.date:
    """``$WAGEKIT_AS_OF`` when set (YYYY-MM-DD), else today."""
    chosen = os.environ.get(AS_OF_ENV, "").strip()
    if chosen:
        try:
            return dt.date.fromisoformat(chosen)
        except ValueError as error:
            raise ValueError(f"环境变量 {AS_OF_ENV} 应为 YYYY-MM-DD 格式的日期：{chosen}") from error
    return dt.date.today()


def open_store(store: Store | None = None) -> Store:
    """The store given, else the workspace of ``$WAGEKIT_DB`` or the default SQLite file."""
    return store if store is not None else Store.open()


def assess_with_store(campaign: Any, as_of: dt.date, store: Store | None) -> Assessment:
    """The campaign assessed on ``as_of`` with the store's orders and case actions merged."""
    if store is None:
        return assess(campaign, as_of=as_of)
    return assess(
        campaign,
        as_of=as_of,
        orders=store.orders(campaign),
        case_actions=store.case_actions(campaign),
    )
