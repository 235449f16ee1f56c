"""Remembered in the browser 浏览器记忆: the recorder's name kept for the browser, not the page.

Each Voila page runs in a kernel of its own, and the kernel knows nothing of the browser that
opened it. :class:`BrowserMemory` is a small widget without a face whose browser side keeps
the recorder's name 登记人 in the browser's ``localStorage``: typed once, it is filled in on
every app the same browser opens afterwards, and a colleague at another computer does not
inherit it. Nothing leaves the browser: the name travels only between the page and its kernel.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

__all__ = ["STORAGE_KEY", "BrowserMemory"]

# The key under which the browser keeps the name (one per browser profile and server address).
STORAGE_KEY = "wagekit.recorder"

_ESM = """
function render({ model, el }) {
  const key = model.get("storage_key");
  el.style.display = "none";
  let stored = null;
  try { stored = window.localStorage.getItem(key); } catch (e) { stored = null; }
  if (stored && !model.get("name")) {
    model.set("name", stored);
    model.save_changes();
  }
  const keep = () => {
    const name = model.get("name");
    try {
      if (name) window.localStorage.setItem(key, name);
    } catch (e) { /* storage refused (private mode): the page still works */ }
  };
  model.on("change:name", keep);
  keep();
  return () => model.off("change:name", keep);
}
export default { render };
"""


class BrowserMemory(anywidget.AnyWidget):
    """The recorder's name as the browser remembers it (``name``, synced both ways)."""

    _esm = _ESM
    name = traitlets.Unicode("", help="The recorder's name 登记人 kept by the browser.").tag(
        sync=True
    )
    storage_key = traitlets.Unicode(STORAGE_KEY, help="Key in localStorage.").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("wk-browser-memory")
