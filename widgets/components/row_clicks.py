"""Clickable rows 可点击的行: a rendered HTML table whose rows answer a click or the Enter key.

:class:`RowClicks` shows an HTML table exactly as :class:`ipywidgets.HTML` shows its ``value``
(so the text on screen is real text a browser test can read and a screen reader can speak),
and sends the number of the row clicked, counted from 0 within the table's ``<tbody>``, to the
kernel. Its owner (:class:`~wagekit.widgets.components.table.DataTable`) turns that number
into the key of the row (a project id, a case id). The row whose number is ``selected_row``
is highlighted.

It is an `anywidget <https://anywidget.dev>`_ widget: the browser side is the small ES module
below, sent to the page with the widget's state, so nothing is fetched from the internet and
no JupyterLab extension of our own has to be built. ipydatagrid was tried first and dropped:
its cells are drawn on a canvas (a browser test cannot read them) and its selection callback
does not reach the kernel under Voila 0.5 (voila issue #1384).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

__all__ = ["RowClicks"]

_ESM = """
function render({ model, el }) {
  el.classList.add("wk-row-clicks");
  const rows = () => [...el.querySelectorAll("tbody tr[data-row]")];
  const draw = () => {
    el.innerHTML = model.get("value");
    const chosen = model.get("selected_row");
    for (const tr of rows()) {
      tr.tabIndex = 0;
      tr.title = "点击打开";
      tr.classList.toggle("wk-row-selected", Number(tr.dataset.row) === chosen);
    }
  };
  const pick = (event) => {
    const tr = event.target.closest("tbody tr[data-row]");
    if (!tr || !el.contains(tr)) return;
    if (event.type === "keydown" && event.key !== "Enter") return;
    model.send({ row: Number(tr.dataset.row) });
  };
  el.addEventListener("click", pick);
  el.addEventListener("keydown", pick);
  model.on("change:value", draw);
  model.on("change:selected_row", draw);
  draw();
  return () => {
    model.off("change:value", draw);
    model.off("change:selected_row", draw);
  };
}
export default { render };
"""

_CSS = """
.wk-row-clicks tbody tr[data-row] { cursor: pointer; }
.wk-row-clicks tbody tr[data-row]:hover { background: #eef4fc; }
.wk-row-clicks tbody tr[data-row]:focus { outline: 2px solid #3b7dd8; outline-offset: -2px; }
.wk-row-clicks tbody tr.wk-row-selected { background: #d6e6fa; font-weight: bold; }
"""


class RowClicks(anywidget.AnyWidget):
    """An HTML table (``value``) whose ``<tr data-row="N">`` rows can be clicked.

    ``on_row(callback)`` registers ``callback(row_number)``, called with the ``data-row`` of
    the row the user clicked (or reached with Tab and opened with Enter).
    """

    _esm = _ESM
    _css = _CSS
    value = traitlets.Unicode("", help="The table's HTML, as ipywidgets.HTML's value.").tag(
        sync=True
    )
    selected_row = traitlets.Int(-1, help="data-row of the highlighted row; -1 for none.").tag(
        sync=True
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._row_callbacks: list[Callable[[int], None]] = []
        self.on_msg(self._on_message)

    def on_row(self, callback: Callable[[int], None]) -> None:
        """Call ``callback(row_number)`` whenever a row is clicked."""
        self._row_callbacks.append(callback)

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        row = content.get("row") if isinstance(content, dict) else None
        if not isinstance(row, int) or isinstance(row, bool):
            return  # not a row click: nothing this widget sends
        for callback in self._row_callbacks:
            callback(row)
