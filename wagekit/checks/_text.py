"""Chinese text of findings: amounts (8,400元), months (2023年10月), workers.

A worker is named as inspectors write it, with the ID number masked: 张三（110101********1234）.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wagekit.ids import mask_id_number

__all__ = ["month_label", "who", "yuan"]


def yuan(amount: pd.Series) -> pd.Series:
    """Amounts as Chinese reports write them: ``8,400`` or ``1,234.5`` (vectorised)."""
    value = amount.astype("float64").fillna(0.0).round(2)
    negative = value < 0
    cents_total = np.rint(value.abs().to_numpy() * 100).astype(np.int64)
    whole = cents_total // 100
    cents = cents_total % 100
    text = pd.Series("", index=amount.index, dtype="str")
    for k in range(5, -1, -1):
        unit = 1000**k
        group = pd.Series((whole // unit) % 1000, index=amount.index).astype("str")
        started = whole >= unit * 1000
        shown = (whole >= unit) | (k == 0)
        piece = np.where(started, "," + group.str.zfill(3), group)
        text = text + np.where(shown, piece, "")
    fraction = pd.Series(cents, index=amount.index).astype("str").str.zfill(2).str.rstrip("0")
    text = text + np.where(cents > 0, "." + fraction, "")
    return np.where(negative, "-", "") + text


def month_label(month: pd.Series) -> pd.Series:
    """``2023年10月``."""
    return (
        month.dt.year.astype("Int64").astype("str")
        + "年"
        + month.dt.month.astype("Int64").astype("str")
        + "月"
    )


def who(name: pd.Series, id_number: pd.Series) -> pd.Series:
    """Name a worker as inspectors do: ``张三（110101********1234）``."""
    masked = mask_id_number(id_number).fillna("身份证号缺失").astype("str")
    return name.fillna("花名册外人员").astype("str") + "（" + masked + "）"
