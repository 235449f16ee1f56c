"""Apps built ahead 预先建好: a pre-heated kernel has its app ready before anyone opens it.

Voila pre-heats a kernel per notebook and runs the notebook up to
:func:`~wagekit.widgets.runtime.request.wait_for_request`. What runs before that call is done
before the visit; what runs after, while the visitor waits. Each notebook builds its app
before the call (:func:`build_ahead`: the campaign from the load cache, the store read, the
assessment, every table and chart) and after it only looks for what changed while the kernel
waited (:func:`on_visit`), so a visitor waits for the page to travel, not to be computed.

What an app shows may change while its kernel waits, for hours sometimes: a ledger corrected,
another campaign chosen in another app, midnight, records saved in the store. When the campaign
or the day changed, :func:`on_visit` builds the app afresh: rare, and then exactly what an app
opened now shows (the forms' dates included). Otherwise the app catches up
(:meth:`~wagekit.widgets.apps.base.App.catch_up`: the store is read again if it was written,
and the dashboard's previous campaign 上年同期 if a file of its folder changed; nothing is redone
when nothing changed).
"""

from __future__ import annotations

from typing import TypeVar

from ..apps.base import App
from ..components.chart import charts_at_once
from .context import app_as_of, fresh_campaign, preload_campaign

__all__ = ["build_ahead", "on_visit"]

AppT = TypeVar("AppT", bound=App)


def build_ahead(app_class: type[AppT]) -> AppT:
    """Build ``app_class`` on the starting campaign, charts drawn, before anyone opens it."""
    with charts_at_once():
        return app_class(preload_campaign())


def on_visit(app: AppT) -> AppT:
    """The app to show the visitor who has just opened it: ``app`` caught up, or built afresh."""
    built_on = app.model.campaign
    campaign = fresh_campaign(built_on)
    if campaign is not built_on or app_as_of() != app.model.as_of:
        return type(app)(campaign)
    app.catch_up()
    return app
