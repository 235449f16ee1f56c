"""Assessed apps 评估类应用: apps showing one assessment of a campaign on one day.

The summary dashboard 总结看板 and the enforcement app 执法检查与处置 both show an *assessment*
评估 — :func:`wagekit.summary.assess` of the campaign picked, on the day of the figures
统计截至日期, with the workspace store's orders and case actions merged — narrowed by a filter
bar 筛选 (township 属地, department 主管部门, investment type 投资类型). :class:`AssessedModel`
holds that state. :class:`AssessedApp` builds the controls the apps share (campaign picker,
day, refresh button, alert, filter bar) and answers them, each callback showing its errors on
screen; an app says what they redraw in two methods, ``refresh`` and ``show_filtered``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from ..components.errors import Alert, shows_errors
from ..components.filters import FilterBar, FilterModel
from ..runtime.context import app_as_of, app_picker
from ..runtime.workspace import assess_with_store

__all__ = ["AssessedApp", "AssessedModel"]


class AssessedModel(traitlets.HasTraits):
    """Campaign, day, store and filter; ``refresh()`` re-assesses from campaign and store."""

    campaign = traitlets.Any(None, help="The loaded campaign, or None.")
    as_of = traitlets.Instance(dt.date, help="Day of the figures 统计截至日期.")
    store = traitlets.Any(None, help="The workspace store whose actions are merged.")
    assessment = traitlets.Any(None, help="wagekit.summary.Assessment of campaign on as_of.")
    filter = traitlets.Instance(FilterModel, args=(), help="Township/department/type filter.")

    @traitlets.default("as_of")
    def _default_as_of(self) -> dt.date:
        return app_as_of()

    def refresh(self) -> None:
        """Assess the campaign on ``as_of`` with the store's orders and case actions."""
        if self.campaign is None:
            self.assessment = None
            return
        self.assessment = assess_with_store(self.campaign, self.as_of, self.store)


class AssessedApp(widgets.VBox):
    """Base of the apps following an :class:`AssessedModel` (held in ``self.model``).

    A subclass sets ``self.model``, calls :meth:`_build_header` for the shared controls, lays
    out its page with ``super().__init__``, then calls :meth:`_start`.
    """

    model: AssessedModel

    def _build_header(
        self, campaign: Any, folder: str | Path | None, *, refresh: str
    ) -> list[widgets.Widget]:
        """Make the picker, the day, the refresh button (captioned ``refresh``), the alert.

        Returns the widgets that start the page: the picker folded away, the day with the
        button, the alert. ``w_filters`` (the filter bar's place) is made too; the app puts
        it where it likes.
        """
        self.w_alert = Alert()
        self.w_filters = widgets.Box()
        self.w_picker = app_picker(campaign, folder)
        self.w_as_of = widgets.DatePicker(
            description="统计截至", value=self.model.as_of, style={"description_width": "64px"}
        )
        self.w_refresh = widgets.Button(description=refresh, icon="refresh")
        return [
            widgets.Accordion(
                [self.w_picker], titles=("专项行动与台账读取情况",), selected_index=None
            ),
            widgets.HBox([self.w_as_of, self.w_refresh]),
            self.w_alert,
        ]

    def _start(self) -> None:
        """Answer the shared controls and the filter; show the campaign the picker holds."""
        self.w_picker.observe(self._on_picked, names="campaign")
        self.w_as_of.observe(self._on_as_of, names="value")
        self.w_refresh.on_click(self._on_refresh)
        self.model.filter.observe(self._on_filter, names=traitlets.All)
        self._on_picked({"new": self.w_picker.campaign})

    # ------------------------------------------------------------------ what an app does

    def set_campaign(self, campaign: Any) -> None:
        """Show ``campaign``: new filter choices, a fresh assessment, every view redrawn."""
        self.model.filter.reset()
        self.model.campaign = campaign
        choices = FilterBar.choices_from(campaign.get("projects"))
        bar = FilterBar(
            self.model.filter,
            {
                k: v
                for k, v in choices.items()
                if k in ("township", "department", "investment_type")
            },
            dates=False,
        )
        bar.add_class("wk-filter-bar")
        self.w_filters.children = [bar]
        self.refresh()

    def refresh(self) -> None:
        """Re-read the store, re-assess and redraw what depends on the assessment."""
        raise NotImplementedError

    def show_filtered(self) -> None:
        """Redraw the views the filter narrows."""
        raise NotImplementedError

    # ------------------------------------------------------------------ callbacks

    @shows_errors("w_alert", busy="正在计算……")
    def _on_picked(self, change: dict) -> None:
        if change["new"] is not None:
            self.set_campaign(change["new"])

    @shows_errors("w_alert", busy="正在计算……")
    def _on_as_of(self, change: dict) -> None:
        if change["new"] is None:
            raise ValueError("请填写统计截至日期")
        self.model.as_of = change["new"]
        self.refresh()

    @shows_errors("w_alert", button="w_refresh", busy="正在刷新……")
    def _on_refresh(self, _button: widgets.Button) -> None:
        self.refresh()

    @shows_errors("w_alert", busy=None)
    def _on_filter(self, _change: dict) -> None:
        self.show_filtered()
