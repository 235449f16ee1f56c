"""Downloads 下载: a file made in the kernel, received in the user's browser with one click.

A :class:`DownloadButton` makes its file when pressed (a callable returning
:class:`wagekit.outputs.OutputFile`) and the browser then saves it at once: no second click, no
path on the server typed or shown. Two things reach the page. The *download link* 下载链接 holds
the file's bytes itself, ``<a download="名称.xlsx" href="data:…;base64,…">``, and stays on screen
so the user can save the same file again. The *save instruction* 保存指令 is a few lines of
JavaScript, shown through an ``Output`` widget (Voila renders ``application/javascript`` output
from the kernel, as JupyterLab does), that finds the link of this press by its *token* 令牌,
turns its bytes into a ``blob:`` address (a ``data:`` address is refused by Chromium above 2 MB)
and clicks it. Each press has a new token and the instruction marks its link as saved, so a
page drawn again never downloads twice. Nothing needs a server route or the internet, so it
works behind ``wagekit serve --base-url`` and a reverse proxy. Making the file is a callback with
:func:`~wagekit.widgets.components.errors.shows_errors`, so a failure shows in Chinese.
"""

from __future__ import annotations

import base64
import html
import json
import secrets
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import traitlets
from IPython.display import Javascript

from wagekit.outputs import OutputFile

from .errors import Alert, shows_errors

__all__ = ["DownloadButton", "download_link", "save_script"]

# Run by the browser with ``element`` (the output's node, inside the DownloadButton). The node
# may not be on the page yet, and the link may arrive after it: look again until both are there.
_SAVE = """
(function (node, token) {
  var began = Date.now();
  (function save() {
    var box = node.closest('.wk-download');
    var link = box && box.querySelector('a.wk-download-link[data-wk-token="' + token + '"]');
    if (!link) {
      if (Date.now() - began < 30000) { setTimeout(save, 100); }
      return;
    }
    if (link.dataset.wkSaved) { return; }
    link.dataset.wkSaved = '1';
    fetch(link.href).then(function (answer) { return answer.blob(); }).then(function (blob) {
      var address = URL.createObjectURL(blob);
      var anchor = document.createElement('a');
      anchor.href = address;
      anchor.download = link.getAttribute('download');
      anchor.style.display = 'none';
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(function () { URL.revokeObjectURL(address); }, 60000);
    });
  })();
})(element, %s);
"""


def _size(data: bytes) -> str:
    if len(data) < 1024 * 1024:
        return f"{max(1, round(len(data) / 1024))} KB"
    return f"{len(data) / 1024 / 1024:.1f} MB"


def download_link(file: OutputFile, token: str = "") -> str:
    """An HTML link that saves ``file`` in the browser: the bytes travel inside the link.

    ``token`` names the press that made the file, for :func:`save_script`.
    """
    payload = base64.b64encode(file.data).decode("ascii")
    name = html.escape(file.name, quote=True)
    return (
        f"<a class='wk-download-link' download=\"{name}\" "
        f'data-wk-token="{html.escape(token, quote=True)}" '
        f"href='data:{file.media_type};base64,{payload}' "
        "style='display:inline-block;padding:4px 10px;border:1px solid #2e6da4;"
        "border-radius:4px;background:#eaf2fb;color:#1f4e79;text-decoration:none'>"
        f"⬇ {html.escape(file.name)}（{_size(file.data)}）：如未自动保存，请点此保存</a>"
    )


def save_script(token: str) -> Javascript:
    """The save instruction: click, once, the download link made by the press ``token``."""
    return Javascript(_SAVE % json.dumps(token))


class DownloadButton(widgets.VBox):
    """A button that makes a file and has the browser save it; the link stays for saving again.

    ``make()`` returns the :class:`~wagekit.outputs.OutputFile` (called on every press, so the
    file shows what the app shows at that moment). ``file`` is the last file made, ``token``
    the token of its press.
    """

    file = traitlets.Any(None, help="The last OutputFile made, or None.")
    token = traitlets.Unicode("", help="Token of the press that made the last file.")

    def __init__(
        self, description: str, make: Callable[[], OutputFile], *, key: str = "", **kwargs: Any
    ) -> None:
        self.make = make
        self.w_button = widgets.Button(
            description=description, icon="download", layout={"width": "220px"}
        )
        self.w_button.add_class("wk-download-button")
        self.w_link = widgets.HTML()
        self.w_save = widgets.Output(layout={"display": "none"})
        self.w_alert = Alert()
        super().__init__(
            [widgets.HBox([self.w_button, self.w_link]), self.w_save, self.w_alert], **kwargs
        )
        self.add_class("wk-download")
        if key:
            self.add_class(f"wk-download-{key}")
        self.w_button.on_click(self._on_click)

    @shows_errors("w_alert", button="w_button", busy="正在生成文件，请稍候……")
    def _on_click(self, _button: widgets.Button) -> None:
        self.w_link.value = ""
        self.w_save.outputs = ()
        self.file = self.make()
        self.token = secrets.token_hex(8)
        self.w_link.value = download_link(self.file, self.token)
        self.w_save.append_display_data(save_script(self.token))
