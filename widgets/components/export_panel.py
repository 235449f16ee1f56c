"""Export panel 下载上报材料: the ledgers, reports and templates as browser downloads.

One :class:`~wagekit.widgets.components.download.DownloadButton` per file an office sends
up, each saved in the browser with one click: the two official ledgers
(:mod:`wagekit.outputs.ledgers`), the final, weekly and daily reports
(:mod:`wagekit.outputs.reports`) and the fill-in templates (one .zip of the seven workbooks,
:mod:`wagekit.outputs.templates`). The panel asks its ``source`` for the assessment and the
summary at the moment a button is pressed, so every file shows what the dashboard shows, figure
for figure. Nothing is written on the server and no path is asked for or shown; ID numbers and
bank accounts are always masked here (the command line's ``--unmasked`` is for the office's
own tools, and is audited).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from wagekit.outputs import OutputFile

from .download import DownloadButton

__all__ = ["ExportPanel", "templates_zip"]

ZIP = "application/zip"


def templates_zip() -> OutputFile:
    """The seven fill-in templates in one .zip (填报模板.zip), file names in UTF-8."""
    from wagekit.outputs.templates import template_files

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in template_files():
            archive.writestr(file.name, file.data)
    return OutputFile("填报模板.zip", buffer.getvalue(), ZIP)


class ExportPanel(widgets.VBox):
    """Download buttons for the ledgers, the three reports and the templates.

    ``source()`` returns a mapping with the dashboard's ``assessment`` and ``summary`` (other
    keys are ignored). ``buttons`` maps a key (``project-ledger``, ``case-ledger``, ``final``,
    ``weekly``, ``daily``, ``templates``) to its button.
    """

    def __init__(self, source: Callable[[], dict[str, Any]] | None = None, **kwargs: Any) -> None:
        self.source = source
        self.buttons: dict[str, DownloadButton] = {
            "project-ledger": DownloadButton(
                "在建工程项目工资支付检查台账", self._project_ledger, key="project-ledger"
            ),
            "case-ledger": DownloadButton("欠薪处置台账", self._case_ledger, key="case-ledger"),
            "final": DownloadButton("工作总结（Word）", self._report("final"), key="final"),
            "weekly": DownloadButton("周报（Word）", self._report("weekly"), key="weekly"),
            "daily": DownloadButton("零报告日报（Word）", self._report("daily"), key="daily"),
            "templates": DownloadButton("空白填报模板", templates_zip, key="templates"),
        }
        super().__init__(
            [
                widgets.HTML(
                    "<b>下载上报材料</b>"
                    "<div style='color:#555;font-size:12px'>按当前统计截至日期生成；"
                    "身份证号、银行账号已隐藏中间各位。点按钮即生成并保存到本机的下载文件夹。</div>"
                ),
                *self.buttons.values(),
            ],
            **kwargs,
        )
        self.add_class("wk-export")

    def _figures(self) -> dict[str, Any]:
        if self.source is None:
            raise RuntimeError("尚未读取专项行动台账，无法生成文件")
        return self.source()

    def _project_ledger(self) -> OutputFile:
        from wagekit.outputs.ledgers import project_ledger_file

        return project_ledger_file(self._figures()["assessment"])

    def _case_ledger(self) -> OutputFile:
        from wagekit.outputs.ledgers import case_ledger_file

        assessment = self._figures()["assessment"]
        if assessment.case_status is None:
            raise RuntimeError("活动文件夹中没有欠薪线索及案件台账，无法生成欠薪处置台账")
        return case_ledger_file(assessment)

    def _report(self, kind: str) -> Callable[[], OutputFile]:
        def make() -> OutputFile:
            from wagekit.outputs.reports import report_file

            figures = self._figures()
            return report_file(kind, figures["assessment"], figures["summary"])

        return make
