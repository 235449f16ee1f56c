"""Widgets 组件 of the wagekit workbook: ipywidgets components that render wagekit results.

Components hold no business rule: they call wagekit, render what it returns and pass what the
user entered on. Every callback goes through :func:`shows_errors` so that failures show on
screen (Voila swallows them otherwise), and nothing is written to stderr.
"""

from wagekit.fonts import FontStatus, register_cjk_font

from .campaign import CampaignPicker
from .chart import ChartPanel, figure_png
from .errors import Alert, shows_errors
from .filters import FilterBar, FilterModel
from .kpi import KpiCard, format_number
from .load_report import LoadReportView
from .progress import ProgressBar
from .table import DataTable, column_labels, id_number_columns

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
