"""Progress 进度条 for long work (loading a large ledger, exporting).

A :class:`ProgressBar` stays hidden until work starts, shows a bar with a Chinese caption while
it runs and hides itself when done. Updates are sent to the browser as they happen, so a
callback that advances it in a loop shows real progress in Voila.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import ipywidgets as widgets

__all__ = ["ProgressBar"]

T = TypeVar("T")


class ProgressBar(widgets.VBox):
    """A caption and a bar; ``start``, ``advance``, ``finish`` or ``iterate`` over work."""

    def __init__(self, **kwargs: Any) -> None:
        self.w_bar = widgets.IntProgress(value=0, min=0, max=1, bar_style="info")
        self.w_caption = widgets.HTML("")
        super().__init__([self.w_caption, self.w_bar], **kwargs)
        self.layout.display = "none"

    @property
    def visible(self) -> bool:
        """True while work is in progress."""
        return self.layout.display != "none"

    def start(self, total: int | None = None, caption: str = "正在处理……") -> None:
        """Show the bar; ``total=None`` shows a full striped bar (length unknown)."""
        self.w_bar.max = max(int(total or 1), 1)
        self.w_bar.value = self.w_bar.max if total is None else 0
        self.w_bar.bar_style = "info"
        self.w_caption.value = caption
        self.layout.display = None

    def advance(self, step: int = 1, caption: str | None = None) -> None:
        """Move the bar ``step`` units forward, optionally with a new caption."""
        self.w_bar.value = min(self.w_bar.value + step, self.w_bar.max)
        if caption is not None:
            self.w_caption.value = caption

    def finish(self) -> None:
        """Hide the bar."""
        self.w_bar.value = self.w_bar.max
        self.layout.display = "none"

    def iterate(
        self, items: Iterable[T], total: int | None = None, caption: str = "正在处理……"
    ) -> Iterator[T]:
        """Yield ``items``, advancing the bar for each and hiding it at the end."""
        if total is None and hasattr(items, "__len__"):
            total = len(items)  # type: ignore[arg-type]
        self.start(total, caption)
        try:
            for done, item in enumerate(items, start=1):
                yield item
                self.advance(caption=f"{caption}（{done}/{total}）" if total else None)
        finally:
            self.finish()
