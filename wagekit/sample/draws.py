"""Drawing helpers 抽样工具 the generator's steps share, each working on whole arrays.

A *draw* 抽取 takes values from the plan's generator: :func:`pick` chooses among *choices* 候选值
with optional *weights* 权重, :func:`uniform_dates` draws days uniformly between two dates.
:func:`date_series` and :func:`str_series` turn arrays into ledger columns 台账列 with the dtypes
of a loaded campaign: ``datetime64[ns]`` dates 日期 (NaT kept) and pandas strings 文本.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["date_series", "pick", "str_series", "uniform_dates"]


def date_series(values: np.ndarray) -> pd.Series:
    """datetime64[D] array → datetime64[ns] Series (NaT kept)."""
    return pd.Series(values.astype("datetime64[ns]"))


def pick(
    rng: np.random.Generator,
    choices: tuple[str, ...] | np.ndarray,
    size: int,
    p: np.ndarray | None = None,
) -> np.ndarray:
    """Draw ``size`` of ``choices``, weighted by ``p`` (relative weights) when given."""
    idx = rng.choice(len(choices), size=size, p=None if p is None else p / p.sum())
    return np.asarray(choices, dtype=object)[idx]


def uniform_dates(rng: np.random.Generator, first: str, last: str, size: int) -> np.ndarray:
    """Draw ``size`` days uniformly from ``first`` to ``last``, both included."""
    lo, hi = np.datetime64(first, "D"), np.datetime64(last, "D")
    return lo + rng.integers(0, (hi - lo).astype(int) + 1, size=size).astype("timedelta64[D]")


def str_series(values: Any) -> pd.Series:
    """``values`` as a column of pandas' ``str`` dtype, as a loaded ledger has it."""
    return pd.Series(values, dtype="str")
