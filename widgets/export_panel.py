"""Export panel 导出: write the official ledgers and the draft report into a folder the user names.

A folder field, a button and a progress bar around :func:`wagekit.export.export_campaign`. The
panel asks its ``source`` for what to export (the assessment, the summary, the campaign folder
and the store's records) at the moment the button is pressed, so it always exports what the
dashboard shows. ID numbers are masked unless the user ticks the box. A folder inside the
campaign folder is refused (wagekit never writes there).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from wagekit.export import docx_available, export_campaign

from .errors import Alert, shows_errors
from .progress import ProgressBar

__all__ = ["ExportPanel", "default_export_folder"]


def default_export_folder() -> Path:
    """Where exports go unless the user names another folder: ~/wagekit导出."""
    return Path.home() / "wagekit导出"


class ExportPanel(widgets.VBox):
    """Folder, format, ID reveal, export button, progress and the files written.

    ``source()`` returns the keyword arguments of :func:`wagekit.export.export_campaign`
    other than the folder (``assessment``, ``summary``, ``campaign_folder``, ``inspections`` …).
    ``result`` is the last :class:`~wagekit.export.ExportResult`.
    """

    result = traitlets.Any(None, help="The last ExportResult, or None.")

    def __init__(
        self,
        source: Callable[[], dict[str, Any]] | None = None,
        *,
        folder: str | Path | None = None,
        **kwargs: Any,
    ) -> None:
        self.source = source
        wide = {"description_width": "80px"}
        self.w_folder = widgets.Text(
            value=str(folder or default_export_folder()),
            description="导出到",
            placeholder="导出文件夹的完整路径（不能在台账文件夹内）",
            style=wide,
            layout={"width": "560px"},
        )
        formats = [("Word文档（.docx）", "docx")] if docx_available() else []
        formats.append(("Markdown文本（.md）", "md"))
        self.w_format = widgets.Dropdown(description="报告格式", options=formats, style=wide)
        self.w_reveal = widgets.Checkbox(
            description="导出完整身份证号（默认隐藏中间8位）", value=False, indent=False
        )
        self.w_export = widgets.Button(
            description="导出台账和报告", icon="download", button_style="primary"
        )
        self.w_export.add_class("wk-export-button")
        self.w_progress = ProgressBar()
        self.w_alert = Alert()
        self.w_files = widgets.HTML()
        super().__init__(
            [
                widgets.HTML("<b>导出台账和总结报告草稿</b>"),
                self.w_folder,
                self.w_format,
                self.w_reveal,
                self.w_export,
                self.w_progress,
                self.w_alert,
                self.w_files,
            ],
            **kwargs,
        )
        self.add_class("wk-export")
        self.w_export.on_click(self._on_export)

    @shows_errors("w_alert", button="w_export", busy="正在导出，请稍候……")
    def _on_export(self, _button: widgets.Button) -> str:
        if self.source is None:
            raise RuntimeError("尚未读取专项行动台账，无法导出")
        what = self.source()
        self.w_progress.start(4, "正在导出……")

        def progress(step: str, done: int, total: int) -> None:
            self.w_progress.w_bar.max = total
            self.w_progress.w_bar.value = done
            self.w_progress.w_caption.value = f"{step}（{done}/{total}）"

        try:
            self.result = export_campaign(
                folder=self.w_folder.value.strip(),
                mask_ids=not self.w_reveal.value,
                report_format=self.w_format.value,
                progress=progress,
                **what,
            )
        finally:
            self.w_progress.finish()
        items = "".join(
            f"<li class='wk-export-file'>{html.escape(str(p))}</li>" for p in self.result.paths
        )
        self.w_files.value = f"<ul>{items}</ul>"
        return f"已导出 {len(self.result.paths)} 个文件到 {self.result.ledgers.parent}"
