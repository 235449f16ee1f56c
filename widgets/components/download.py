"""Downloads 下载: a file made in the kernel, received in the user's browser.

A :class:`DownloadButton` makes its file when pressed (a callable returning
:class:`wagekit.outputs.OutputFile`) and then shows a *download link* 下载链接 that holds the
file's bytes itself: an ``<a download="名称.xlsx" href="data:…;base64,…">``. Clicking it saves the
file on the computer in front of the browser, wherever the kernel runs. The link needs no
server route, so it works behind ``wagekit serve --base-url`` and a reverse proxy, with no
internet and no extension; no path on the server is typed or shown. Making the file is a
callback with :func:`~wagekit.widgets.components.errors.shows_errors`, so a failure shows
in Chinese.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import traitlets

from wagekit.outputs import OutputFile

from .errors import Alert, shows_errors

__all__ = ["DownloadButton", "download_link"]


def _size(data: bytes) -> str:
    if len(data) < 1024 * 1024:
        return f"{max(1, round(len(data) / 1024))} KB"
    return f"{len(data) / 1024 / 1024:.1f} MB"


def download_link(file: OutputFile) -> str:
    """An HTML link that saves ``file`` in the browser: the bytes travel inside the link."""
    payload = base64.b64encode(file.data).decode("ascii")
    name = html.escape(file.name, quote=True)
    return (
        f"<a class='wk-download-link' download=\"{name}\" "
        f"href='data:{file.media_type};base64,{payload}' "
        "style='display:inline-block;padding:4px 10px;border:1px solid #2e6da4;"
        "border-radius:4px;background:#eaf2fb;color:#1f4e79;text-decoration:none'>"
        f"⬇ 点击保存：{html.escape(file.name)}（{_size(file.data)}）</a>"
    )


class DownloadButton(widgets.VBox):
    """A button that makes a file, then a link that saves it in the browser.

    ``make()`` returns the :class:`~wagekit.outputs.OutputFile` (called on every press, so the
    file shows what the app shows at that moment). ``file`` is the last file made.
    """

    file = traitlets.Any(None, help="The last OutputFile made, or None.")

    def __init__(
        self, description: str, make: Callable[[], OutputFile], *, key: str = "", **kwargs: Any
    ) -> None:
        self.make = make
        self.w_button = widgets.Button(
            description=description, icon="download", layout={"width": "220px"}
        )
        self.w_button.add_class("wk-download-button")
        self.w_link = widgets.HTML()
        self.w_alert = Alert()
        super().__init__([widgets.HBox([self.w_button, self.w_link]), self.w_alert], **kwargs)
        self.add_class("wk-download")
        if key:
            self.add_class(f"wk-download-{key}")
        self.w_button.on_click(self._on_click)

    @shows_errors("w_alert", button="w_button", busy="正在生成文件，请稍候……")
    def _on_click(self, _button: widgets.Button) -> None:
        self.w_link.value = ""
        self.file = self.make()
        self.w_link.value = download_link(self.file)
