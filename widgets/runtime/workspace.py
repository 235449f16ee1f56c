"""The campaign as recorded in an app 应用中的活动实况: the ledgers merged with the store.

An app assesses :func:`wagekit.recorded.recorded_campaign` of the campaign it shows and the
store it writes to, exactly as ``wagekit summary`` does, so every card shows what ``wagekit
summary --json --as-of DAY`` prints with the same store.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wagekit.assessment import Assessment, assess
from wagekit.recorded import recorded_campaign

__all__ = ["assess_with_store"]


def assess_with_store(campaign: Any, as_of: dt.date, store: Any) -> Assessment:
    """Assess the campaign on ``as_of`` merged with everything ``store`` recorded for it."""
    return assess(recorded_campaign(campaign, store), as_of=as_of)
