"""Filters 筛选: one traitlets model per notebook holding what the user selected.

:class:`FilterModel` is the state every table and chart of a notebook follows: township 属地,
department 行业主管部门, investment type 投资类型, sector 行业 and a date range. ``None`` means
"all". :class:`FilterBar` is its view: dropdowns and date pickers linked to the model both ways.
``FilterModel.apply(frame)`` keeps the rows matching the selection on the columns the frame
has, so the same model filters projects, cases and employers alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd
import traitlets

__all__ = ["FilterModel", "FilterBar", "FILTER_FIELDS", "ALL"]

# Filter trait -> (column it matches, Chinese caption).
FILTER_FIELDS: dict[str, tuple[str, str]] = {
    "township": ("township", "属地"),
    "department": ("department", "主管部门"),
    "investment_type": ("investment_type", "投资类型"),
    "sector": ("sector", "行业"),
}

# What a dropdown holds for "no filter": traitlets.link needs a value both sides accept.
ALL = ""


class FilterModel(traitlets.HasTraits):
    """What the user selected; ``None`` in any trait means no filter on it."""

    township = traitlets.Unicode(None, allow_none=True, help="Township 属地, or None for all.")
    department = traitlets.Unicode(
        None, allow_none=True, help="Supervising department 行业主管部门, or None for all."
    )
    investment_type = traitlets.Unicode(
        None, allow_none=True, help="Investment type 投资类型 (政府投资 …), or None for all."
    )
    sector = traitlets.Unicode(None, allow_none=True, help="Employer sector 行业, or None.")
    start = traitlets.Instance(
        dt.date, allow_none=True, help="First day of the date range (inclusive), or None."
    )
    end = traitlets.Instance(
        dt.date, allow_none=True, help="Last day of the date range (inclusive), or None."
    )

    @property
    def selection(self) -> dict[str, Any]:
        """The traits that are set, by name."""
        names = (*FILTER_FIELDS, "start", "end")
        return {n: getattr(self, n) for n in names if getattr(self, n) is not None}

    def reset(self) -> None:
        """Clear every filter."""
        with self.hold_trait_notifications():
            for name in (*FILTER_FIELDS, "start", "end"):
                setattr(self, name, None)

    def mask(self, frame: pd.DataFrame, *, date_column: str | None = None) -> pd.Series:
        """Rows of ``frame`` matching the selection (filters on absent columns are ignored).

        The date range applies to ``date_column`` when given; rows without a date are kept
        only when no range is set.
        """
        keep = pd.Series(np.ones(len(frame), dtype=bool), index=frame.index)
        for name, (column, _caption) in FILTER_FIELDS.items():
            wanted = getattr(self, name)
            if wanted is not None and column in frame.columns:
                keep &= (frame[column] == wanted).fillna(False).astype(bool)
        if date_column is not None and date_column in frame.columns:
            dates = pd.to_datetime(frame[date_column])
            if self.start is not None:
                keep &= (dates >= pd.Timestamp(self.start)).fillna(False).astype(bool)
            if self.end is not None:
                keep &= (
                    (dates < pd.Timestamp(self.end) + pd.Timedelta(days=1))
                    .fillna(False)
                    .astype(bool)
                )
        return keep

    def apply(self, frame: pd.DataFrame, *, date_column: str | None = None) -> pd.DataFrame:
        """The rows of ``frame`` matching the selection."""
        return frame[self.mask(frame, date_column=date_column)]


def _choices(values: Iterable[Any]) -> list[str]:
    series = pd.Series(list(values), dtype="object").dropna().astype(str)
    return sorted(series[series.str.strip() != ""].unique().tolist())


class FilterBar(widgets.HBox):
    """Dropdowns and date pickers bound to a :class:`FilterModel`.

    Parameters
    ----------
    model
        The notebook's filter model.
    choices
        For each filter shown (``township``, ``department``, ``investment_type``, ``sector``)
        the values offered; filters not given are not shown. Use :meth:`choices_from` to
        collect them from DataFrames.
    dates
        Show the date range pickers.

    """

    def __init__(
        self,
        model: FilterModel,
        choices: Mapping[str, Iterable[Any]],
        *,
        dates: bool = True,
        **kwargs: Any,
    ) -> None:
        self.model = model
        self.dropdowns: dict[str, widgets.Dropdown] = {}
        children: list[widgets.Widget] = []
        for name, (_column, caption) in FILTER_FIELDS.items():
            if name not in choices:
                continue
            dropdown = widgets.Dropdown(
                description=caption,
                options=[("全部", ALL), *[(v, v) for v in _choices(choices[name])]],
                value=ALL,
                layout={"width": "220px"},
                style={"description_width": "64px"},
            )
            traitlets.link(
                (model, name),
                (dropdown, "value"),
                transform=(lambda v: ALL if v is None else v, lambda v: None if v == ALL else v),
            )
            self.dropdowns[name] = dropdown
            children.append(dropdown)
        narrow = {"description_width": "64px"}
        self.w_start = widgets.DatePicker(description="起始日期", style=narrow)
        self.w_end = widgets.DatePicker(description="截止日期", style=narrow)
        if dates:
            traitlets.link((model, "start"), (self.w_start, "value"))
            traitlets.link((model, "end"), (self.w_end, "value"))
            children += [self.w_start, self.w_end]
        self.w_reset = widgets.Button(description="清除筛选", icon="times")
        self.w_reset.on_click(lambda _b: model.reset())
        children.append(self.w_reset)
        super().__init__(children, layout={"flex_flow": "row wrap"}, **kwargs)
        self.add_class("wagekit-filterbar")

    @staticmethod
    def choices_from(*frames: pd.DataFrame | None) -> dict[str, list[str]]:
        """Values offered per filter: the distinct values of the matching columns of frames."""
        found: dict[str, list[str]] = {}
        for name, (column, _caption) in FILTER_FIELDS.items():
            values = [f[column] for f in frames if f is not None and column in f.columns]
            if values:
                found[name] = _choices(pd.concat(values, ignore_index=True))
        return found
