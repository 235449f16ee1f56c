"""Widgets 组件 of the wagekit workbook: ipywidgets components that render wagekit results.

Three subpackages, read at a glance:

- ``apps/`` — the six apps 应用 a notebook shows, one module each, on the shared app base
  (``apps/base.py``);
- ``components/`` — reusable pieces 组件 the apps are built from (tables, cards, charts, filters,
  forms, pickers, downloads, alerts);
- ``runtime/`` — the Voila plumbing 运行环境: waiting for the visitor, which campaign, day and
  store a kernel serves, and the campaign as recorded.

Components hold no business rule: they call wagekit, render what it returns and pass what the
user entered on. Every callback goes through :func:`shows_errors` so that failures show on
screen (Voila swallows them otherwise), and nothing is written to stderr.
"""

from wagekit.fonts import FontStatus, register_cjk_font

from .components.campaign import CampaignPicker
from .components.chart import ChartPanel, figure_png
from .components.errors import Alert, shows_errors
from .components.filters import FilterBar, FilterModel
from .components.kpi import KpiCard, format_number
from .components.load_report import LoadReportView
from .components.progress import ProgressBar
from .components.table import DataTable, column_labels, id_number_columns

__all__ = [
    "Alert",
    "CampaignPicker",
    "ChartPanel",
    "DataTable",
    "FilterBar",
    "FilterModel",
    "FontStatus",
    "KpiCard",
    "LoadReportView",
    "ProgressBar",
    "column_labels",
    "figure_png",
    "format_number",
    "id_number_columns",
    "register_cjk_font",
    "shows_errors",
]
