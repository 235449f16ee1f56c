"""Year on year 同比: the main figures against the previous campaign at the same point.

When ``campaign.toml`` names the folder of the previous campaign (``previous =
"../2022冬季行动"``), its figures are read at the *comparable day* 同期: as many days after
its start as the day of the figures is after this campaign's start. The *main figures* 主要指标
(:data:`MAIN_FIGURES`) of the two summaries are set side by side with the *change* 增减 (this
minus previous) and the *rate of change* 同比增减幅度 (change / previous, missing when the
previous figure is 0 or unknown). A rate is compared in percentage points, so its rate of
change is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from wagekit.config import CampaignConfig

__all__ = [
    "MAIN_FIGURES",
    "YEAR_ON_YEAR_HEADERS",
    "comparable_day",
    "previous_summary",
    "year_on_year",
]

MAIN_FIGURES: dict[tuple[str, ...], str] = {
    ("projects", "total"): "在建项目（个）",
    ("arrears", "amount"): "欠薪金额（元）",
    ("arrears", "workers"): "欠薪人数（人）",
    ("risk", "no_arrears_rate"): "无欠薪比例",
    ("cases", "received"): "受理欠薪线索（起）",
    ("cases", "closed"): "办结案件（起）",
    ("cases", "closure_rate"): "案件办结率",
    ("cases", "amount_recovered"): "追回工资（元）",
    ("cases", "overdue_open"): "超期未办结（起）",
    ("cases", "transferred_police"): "移送公安（起）",
    ("publicity", "events"): "宣传活动（次）",
}
"""The figures compared, by their path in the summary, with their Chinese label."""

_RATES = {("risk", "no_arrears_rate"), ("cases", "closure_rate")}

YEAR_ON_YEAR_HEADERS = {
    "figure": "指标",
    "current": "本期",
    "previous": "上年同期",
    "change": "增减",
    "change_rate": "同比增减幅度",
}


def _at(summary: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = summary
    for key in path:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def year_on_year(current: Mapping[str, Any], previous: Mapping[str, Any]) -> pd.DataFrame:
    """Compare the main figures of two summaries (this campaign's and the previous one's).

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`YEAR_ON_YEAR_HEADERS` plus ``key`` (the figure's path, dotted), one
        row per figure of :data:`MAIN_FIGURES`; ``change`` missing when either figure is
        unknown; ``change_rate`` rounded to 4 places, missing for rates and when the previous
        figure is 0 or unknown.

    """
    rows = []
    for path, label in MAIN_FIGURES.items():
        now, before = _at(current, path), _at(previous, path)
        change = None if now is None or before is None else round(now - before, 4)
        relative = None
        if change is not None and before and path not in _RATES:
            relative = round(change / before, 4)
        rows.append(
            {
                "key": ".".join(path),
                "figure": label,
                "current": now,
                "previous": before,
                "change": change,
                "change_rate": relative,
            }
        )
    return pd.DataFrame(rows)


def comparable_day(config: CampaignConfig, previous: CampaignConfig, as_of: dt.date) -> dt.date:
    """The day of the previous campaign as far from its start as ``as_of`` is from ours."""
    return previous.start + (as_of - config.start)


def previous_summary(
    config: CampaignConfig, as_of: dt.date, *, store: Any = None
) -> dict[str, Any] | None:
    """The previous campaign's summary on the comparable day, or None when none is named.

    The previous folder is read as any campaign is (:func:`wagekit.recorded.read_campaign`),
    with ``store`` (an open :class:`wagekit.store.Store`) when given. A named folder that
    cannot be read raises the loader's Chinese error.
    """
    if config.previous is None:
        return None
    from wagekit.recorded import read_campaign
    from wagekit.summary import summarize

    recorded = read_campaign(config.previous, store=store)
    return summarize(recorded, as_of=comparable_day(config, recorded.config, as_of))
