"""Home 首页: choose the campaign, see what could not be read, and open each phase's app.

The home app holds a :class:`HomeModel` (the campaign loaded and the day of the figures), a
campaign picker with its load report (rejected rows with file, row, column and reason), the
campaign's name, region and *phase* 阶段 on that day, its phases with their dates, and links to
the app of every phase (``./01_publicity.ipynb`` …), which Voila serves next to this one.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from wagekit.config import PHASE_LABELS

from ..components.errors import Alert, shows_errors
from ..runtime.context import app_as_of, app_picker

__all__ = ["APP_LINKS", "HomeApp", "HomeModel"]

# Notebook, title, what it is for: the apps the home page links to, in campaign order.
APP_LINKS: tuple[tuple[str, str, str], ...] = (
    ("01_publicity.ipynb", "集中宣传", "各属地、各类型、每周的宣传活动统计，登记新的宣传活动"),
    ("02_self_inspection.ipynb", "自查自纠", "自查表提交情况、自报不符，七项制度落实情况"),
    ("03_enforcement.ipynb", "执法检查与处置", "检查清单、现场检查、执法文书、案件办理与两清零"),
    ("04_summary.ipynb", "总结", "联席会议看板：指标卡、趋势、排名、导出台账和总结报告"),
    ("05_training.ipynb", "业务培训", "用示例县的数据一步步学习，并做练习题"),
)


class HomeModel(traitlets.HasTraits):
    """State of the home app."""

    campaign = traitlets.Any(None, help="The loaded campaign, or None before loading.")
    as_of = traitlets.Instance(dt.date, help="The day of the figures (截至日期).")
    phase = traitlets.Unicode("", help="Phase of the campaign on as_of (publicity … after).")


def _phase_rows(config: Any, as_of: dt.date) -> str:
    current = config.phase_on(as_of)
    rows = []
    for name, (first, last) in config.phases.items():
        mark = " style='background:#e8f4ff;font-weight:600'" if name == current else ""
        rows.append(
            f"<tr{mark}><td>{html.escape(PHASE_LABELS.get(name, name))}</td>"
            f"<td>{first:%Y-%m-%d}</td><td>{last:%Y-%m-%d}</td></tr>"
        )
    return (
        "<table class='wagekit-datatable wk-phases'><tr><th>阶段</th><th>开始</th><th>结束</th>"
        "</tr>" + "".join(rows) + "</table>"
    )


class HomeApp(widgets.VBox):
    """The home page of the workbook.

    Parameters
    ----------
    campaign
        An already loaded campaign (tests); by default the picker loads ``folder``.
    folder
        Folder to open (default: ``$WAGEKIT_CAMPAIGN`` or the bundled sample).
    as_of
        The day of the figures (default: ``$WAGEKIT_AS_OF`` or today).

    """

    def __init__(
        self,
        campaign: Any = None,
        *,
        folder: str | Path | None = None,
        as_of: dt.date | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.model = HomeModel(as_of=app_as_of(as_of))
        self.w_alert = Alert()
        self.w_status = widgets.HTML()
        self.w_links = widgets.HTML(self._links_html())
        self.w_picker = app_picker(campaign, folder)
        super().__init__(
            [
                self.w_status,
                self.w_links,
                widgets.HTML("<h3>台账读取情况</h3>"),
                self.w_picker,
                self.w_alert,
            ],
            **kwargs,
        )
        self.add_class("wk-home")
        self.w_picker.observe(self._on_campaign_change, names="campaign")
        self.model.observe(self._on_model_change, names=["campaign", "as_of"])
        self._on_campaign_change({"new": self.w_picker.campaign})
        self._on_model_change()

    @staticmethod
    def _links_html() -> str:
        items = "".join(
            f"<li><a class='wk-app-link' href='./{name}' target='_self'>{html.escape(title)}</a>"
            f"<span style='color:#555;margin-left:8px'>{html.escape(text)}</span></li>"
            for name, title, text in APP_LINKS
        )
        return f"<h3>各阶段应用</h3><ul class='wk-app-links' style='line-height:1.9'>{items}</ul>"

    @shows_errors("w_alert", busy=None)
    def _on_campaign_change(self, change: dict) -> None:
        self.model.campaign = change["new"]

    @shows_errors("w_alert", busy=None)
    def _on_model_change(self, _change: Any = None) -> None:
        campaign = self.model.campaign
        if campaign is None:
            self.model.phase = ""
            self.w_status.value = "<p class='wk-home-status'>尚未读取专项行动台账。</p>"
            return
        config = campaign.config
        as_of = self.model.as_of
        self.model.phase = config.phase_on(as_of)
        label = PHASE_LABELS.get(self.model.phase, self.model.phase)
        self.w_status.value = (
            "<div class='wk-home-status'>"
            f"<h3 class='wk-campaign-name'>{html.escape(config.name)}"
            f"<small style='margin-left:8px;color:#666'>{html.escape(config.region)}</small></h3>"
            f"<p>截至 <b>{as_of:%Y年%m月%d日}</b>，所处阶段：<b class='wk-phase'>"
            f"{html.escape(label)}</b></p>"
            f"{_phase_rows(config, as_of)}</div>"
        )
