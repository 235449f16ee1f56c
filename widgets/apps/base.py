"""The app base 应用基础: what every app of the workbook shares, written once.

Every app shows one *assessment* 研判 of the campaign picked — :func:`wagekit.assessment.assess`
of the campaign as recorded (:func:`wagekit.recorded.recorded_campaign`: the ledgers merged
with the workspace store) on the day of the figures 统计截至日期 — and the *summary* 汇总 of it
(:func:`wagekit.summary.figures`), so every figure on screen is the one ``wagekit summary
--json`` prints with the same store and day. No app merges store rows or counts a figure.

:class:`AppModel` holds that state (campaign, day, store, assessment, summary, filter 筛选).
:class:`App` builds the controls the apps share (campaign picker, day, refresh button, alert,
filter bar) and answers them, each callback showing its errors on screen: a campaign picked,
the day changed, refresh, the filter changed. An app says what they redraw in two methods,
``refresh`` and ``show_filtered``. A campaign loaded in any app's picker becomes the one every
app opens (:func:`~wagekit.widgets.runtime.context.remember_folder`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from wagekit.assessment import assess
from wagekit.recorded import recorded_campaign
from wagekit.summary import figures

from ..components.errors import Alert, shows_errors
from ..components.filters import FilterBar, FilterModel
from ..components.forms import remembered_recorder
from ..runtime.context import app_as_of, app_picker, remember_folder

__all__ = ["App", "AppModel"]


class AppModel(traitlets.HasTraits):
    """Campaign, day, store and filter; ``refresh()`` re-assesses from campaign and store.

    ``store`` None means the ledgers alone (the training app's sample); an app that records
    passes the workspace store.
    """

    campaign = traitlets.Any(None, help="The loaded campaign, or None.")
    as_of = traitlets.Instance(dt.date, help="Day of the figures 统计截至日期.")
    store = traitlets.Any(None, help="The workspace store merged with the ledgers, or None.")
    assessment = traitlets.Any(None, help="wagekit.assessment.Assessment of campaign on as_of.")
    summary = traitlets.Dict(allow_none=True, default_value=None, help="CONTRACT section 3.")
    filter = traitlets.Instance(FilterModel, args=(), help="Township/department/type filter.")
    revision = traitlets.Any(None, help="The store's revision the assessment was read at.")

    @traitlets.default("as_of")
    def _default_as_of(self) -> dt.date:
        return app_as_of()

    @property
    def recorded(self) -> Any:
        """The campaign as recorded that was assessed (:class:`wagekit.recorded.Recorded`)."""
        return None if self.assessment is None else self.assessment.recorded

    def refresh(self) -> None:
        """Read the store again, assess the campaign on ``as_of`` and summarise it."""
        with self.hold_trait_notifications():
            if self.campaign is None:
                self.assessment = None
                self.summary = None
                return
            # Taken before reading, so that a write made while reading counts as a change.
            self.revision = None if self.store is None else self.store.revision()
            recorded = recorded_campaign(self.campaign, self.store)
            self.assessment = assess(recorded, as_of=self.as_of)
            self.summary = figures(self.assessment)

    def changed_since_read(self) -> bool:
        """Whether what the assessment read changed since: here the store, written since."""
        return self.store is not None and self.store.revision() != self.revision

    def figure(self, *path: str) -> Any:
        """One figure of the summary by its keys (None when unknown or not yet computed)."""
        value: Any = self.summary
        for key in path:
            value = None if value is None else value.get(key)
        return value


class App(widgets.VBox):
    """Base of the six apps, following an :class:`AppModel` (held in ``self.model``).

    A subclass sets ``self.model``, calls :meth:`_build_header` for the shared controls, lays
    out its page with ``super().__init__``, then calls :meth:`_start`. ``filter_keys`` names
    the filters its bar offers; ``filter_dates`` adds the date range.
    """

    model: AppModel
    filter_keys: tuple[str, ...] = ("township", "department", "investment_type")
    filter_dates: bool = False

    def _build_header(
        self,
        campaign: Any,
        folder: str | Path | None,
        *,
        refresh: str = "刷新",
        picker_title: str = "专项行动与台账读取情况",
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
        self.w_refresh.add_class("wk-refresh")
        # The recorder's name as this browser remembers it, for every form of the page.
        self.w_memory = remembered_recorder()
        return [
            widgets.Accordion([self.w_picker], titles=(picker_title,), selected_index=None),
            widgets.HBox([self.w_as_of, self.w_refresh, self.w_memory]),
            self.w_alert,
        ]

    def _start(self) -> None:
        """Answer the shared controls and the filter; show the campaign the picker holds."""
        self.w_picker.observe(self._on_picked, names="campaign")
        self.w_as_of.observe(self._on_as_of, names="value")
        self.w_refresh.on_click(self._on_refresh)
        self.model.filter.observe(self._on_filter, names=traitlets.All)
        self._show_campaign(self.w_picker.campaign)

    # ------------------------------------------------------------------ what an app does

    def filter_choices(self, campaign: Any) -> dict[str, Iterable[Any]]:
        """The values each filter offers: those of the projects and employers ledgers."""
        choices = FilterBar.choices_from(campaign.get("projects"), campaign.get("employers"))
        return {k: v for k, v in choices.items() if k in self.filter_keys}

    def set_campaign(self, campaign: Any) -> None:
        """Show ``campaign``: new filter choices, a fresh assessment, every view redrawn."""
        self.model.filter.reset()
        self.model.campaign = campaign
        if self.filter_keys or self.filter_dates:
            bar = FilterBar(
                self.model.filter, self.filter_choices(campaign), dates=self.filter_dates
            )
            bar.add_class("wk-filter-bar")
            self.w_filters.children = [bar]
        self.refresh()

    def refresh(self) -> None:
        """Re-read the store, re-assess and redraw what depends on the assessment."""
        self.model.refresh()
        self.show_filtered()

    def show_filtered(self) -> None:
        """Redraw the views the filter narrows."""

    def filtered(self, frame: pd.DataFrame | None, **kwargs: Any) -> pd.DataFrame | None:
        """The rows of ``frame`` the filter keeps (None stays None)."""
        return None if frame is None else self.model.filter.apply(frame, **kwargs)

    # ------------------------------------------------------------------ callbacks

    @shows_errors("w_alert", busy="正在计算……")
    def _show_campaign(self, campaign: Any) -> None:
        if campaign is not None:
            self.set_campaign(campaign)

    @shows_errors("w_alert", busy="正在计算……")
    def _on_picked(self, change: dict) -> None:
        if change["new"] is None:
            return
        # Loaded by hand in this app's picker: every app opens this campaign from now on.
        if self.w_picker.folder:
            remember_folder(self.w_picker.folder)
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

    @shows_errors("w_alert", busy="正在计算……")
    def catch_up(self) -> None:
        """Read again what changed since the app was built (the store written); else nothing.

        A pre-heated kernel builds its app before anyone opens it
        (:func:`~wagekit.widgets.runtime.ahead.build_ahead`) and may wait hours for a visitor.
        """
        if self.model.campaign is not None and self.model.changed_since_read():
            self.refresh()

    @shows_errors("w_alert", busy=None)
    def _on_filter(self, _change: dict) -> None:
        self.show_filtered()
