"""How figures are written in the files that go out 数字的写法: one module, so every file agrees.

Totals are written in ten-thousands of yuan 万元 with two decimals (``472.90万元``), as offices
write them in reports; an amount of one case or one subject in yuan 元 with thousands
separators (``57,460元``, cents only when there are any: ``1,234.50元``). Every amount is rounded
to the cent first, so a sum of floats never prints as ``1039761.8800000001``. Rates are
percentages with one decimal (``95.2%``, ``100%``); days are written ``2024年1月20日``. A figure
that is unknown (its table absent, CONTRACT section 3 ``null``) is written ``—``, never 0.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

__all__ = [
    "UNKNOWN",
    "chinese_date",
    "count",
    "percent",
    "wan_yuan",
    "yuan",
]

UNKNOWN = "—"


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _cents(amount: Any) -> Decimal:
    """The amount rounded half up to the cent, as a decimal (no binary fractions left)."""
    return Decimal(str(float(amount))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def yuan(amount: Any, *, unit: str = "元") -> str:
    """An amount in yuan: ``57,460元``; ``1,234.50元`` when it has cents; ``—`` when unknown."""
    if _missing(amount):
        return UNKNOWN
    cents = _cents(amount)
    if cents == cents.to_integral_value():
        return f"{int(cents):,}{unit}"
    return f"{cents:,.2f}{unit}"


def wan_yuan(amount: Any, *, unit: str = "万元") -> str:
    """An amount in ten-thousands of yuan with two decimals: ``472.90万元``."""
    if _missing(amount):
        return UNKNOWN
    wan = (_cents(amount) / Decimal(10_000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{wan:,.2f}{unit}"


def percent(rate: Any) -> str:
    """A rate between 0 and 1 as a percentage with one decimal: ``95.2%`` (``100%``, not 100.0)."""
    if _missing(rate):
        return UNKNOWN
    value = (Decimal(str(float(rate))) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{value}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def count(value: Any, unit: str = "") -> str:
    """A count with its unit: ``29个``; ``—`` when unknown."""
    if _missing(value):
        return UNKNOWN
    return f"{int(value)}{unit}"


def chinese_date(day: Any) -> str:
    """A day as written in official documents: ``2024年1月20日`` (``—`` when unknown)."""
    if _missing(day):
        return UNKNOWN
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    if isinstance(day, pd.Timestamp | dt.datetime):
        day = day.date()
    return f"{day.year}年{day.month}月{day.day}日"
