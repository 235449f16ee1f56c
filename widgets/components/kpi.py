"""KPI cards 指标卡: one figure of the campaign, large, with its unit, rate and change.

A card shows "—" for a figure whose table is absent (``None`` in ``wagekit summary``), never 0.
"""

from __future__ import annotations

import html
import math
from numbers import Integral, Real
from typing import Any

import ipywidgets as widgets
import traitlets

__all__ = ["KpiCard", "format_number"]


def format_number(value: Any, decimals: int = 2) -> str:
    """Format a figure for display: thousands separators, "—" for missing."""
    if value is None or (isinstance(value, Real) and math.isnan(float(value))):
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Integral):
        return f"{int(value):,}"
    if isinstance(value, Real):
        number = float(value)
        return f"{number:,.0f}" if number.is_integer() else f"{number:,.{decimals}f}"
    return str(value)


class KpiCard(widgets.HTML):
    """A card with a label, a large value, its unit, an optional rate and change.

    ``rate`` is a share between 0 and 1 shown as a percentage after ``rate_label``; ``delta`` is
    the change since the previous period, shown with its sign after ``delta_label``, and
    ``delta_rate`` that change as a share of the previous figure (同比增减幅度). Setting any of
    them re-renders the card (``card.value`` is its HTML).
    """

    label = traitlets.Unicode("", help="What the figure counts, in Chinese (受理案件).")
    figure = traitlets.Any(None, help="The figure itself; None shows a dash (no data).")
    unit = traitlets.Unicode("", help="Unit shown after the figure (件, 个, 元, 人).")
    rate = traitlets.Float(None, allow_none=True, help="A share between 0 and 1, or None.")
    rate_label = traitlets.Unicode("占比", help="Caption of the rate (覆盖率, 办结率).")
    delta = traitlets.Float(None, allow_none=True, help="Change since last period, or None.")
    delta_label = traitlets.Unicode("较上期", help="Caption of the change (较上周).")
    delta_rate = traitlets.Float(
        None, allow_none=True, help="The change over the previous figure, or None."
    )

    def __init__(
        self,
        label: str = "",
        value: Any = None,
        unit: str = "",
        rate: float | None = None,
        delta: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.add_class("wagekit-kpi")
        # A card is as wide as its text, so several sit side by side in an HBox.
        self.layout.width = "fit-content"
        self.observe(
            self._render,
            names=[
                "label",
                "figure",
                "unit",
                "rate",
                "rate_label",
                "delta",
                "delta_label",
                "delta_rate",
            ],
        )
        with self.hold_trait_notifications():
            self.label, self.figure, self.unit = label, value, unit
            self.rate, self.delta = rate, delta
        self._render()

    def set(self, value: Any, rate: float | None = None, delta: float | None = None) -> None:
        """Update figure, rate and change in one render."""
        with self.hold_trait_notifications():
            self.figure, self.rate, self.delta = value, rate, delta

    def _render(self, _change: Any = None) -> None:
        parts = [
            f"<div class='wagekit-kpi-label' style='font-size:13px;color:#555'>"
            f"{html.escape(self.label)}</div>",
            f"<div class='wagekit-kpi-value' style='font-size:28px;font-weight:600'>"
            f"{html.escape(format_number(self.figure))}"
            f"<span style='font-size:14px;font-weight:400;margin-left:4px'>"
            f"{html.escape(self.unit) if self.figure is not None else ''}</span></div>",
        ]
        if self.rate is not None:
            parts.append(
                f"<div class='wagekit-kpi-rate' style='font-size:13px'>"
                f"{html.escape(self.rate_label)} {self.rate:.1%}</div>"
            )
        if self.delta is not None:
            # Whether a rise is good depends on the figure, so the arrow carries no colour.
            arrow = "▲" if self.delta > 0 else "▼" if self.delta < 0 else "—"
            share = "" if self.delta_rate is None else f"（{self.delta_rate:+.1%}）"
            parts.append(
                f"<div class='wagekit-kpi-delta' style='font-size:13px;color:#555'>"
                f"{html.escape(self.delta_label)} {arrow} {format_number(abs(self.delta))}"
                f"{share}</div>"
            )
        self.value = (
            "<div style='border:1px solid #ddd;border-radius:6px;padding:10px 14px;"
            "min-width:140px;background:#fff'>" + "".join(parts) + "</div>"
        )
