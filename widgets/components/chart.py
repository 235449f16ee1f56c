"""Chart panels 图表: a matplotlib figure rendered as a PNG image widget, with Chinese labels.

Figures are built with ``matplotlib.figure.Figure`` directly, not pyplot: no GUI backend, no
figure left open per redraw, and nothing printed into the notebook's output (where Voila would
show it once more, or as a red box). The CJK font is registered before drawing
(:func:`wagekit.fonts.register_cjk_font`); without one the panel shows the Chinese message
instead of a chart full of empty boxes, and matplotlib's glyph warnings never reach stderr.

Drawing a chart takes longer than anything else an app does when a filter changes, so apps
draw them through :class:`LaterCharts`: in a kernel the page, or the tables a filter changed,
reach the browser first and the charts follow. An app built before anyone opens it draws them
at once instead (:func:`charts_at_once`): nobody waits for the page yet, and the kernel waits
for its visitor right after, its event loop stopped.

A panel told what its chart shows (``plot(draw, data=...)``) draws it again only when that
changed: an app catching up with a store written elsewhere, or refreshed, keeps the charts
whose figures did not move (:func:`chart_key`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import io
import logging
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import ipywidgets as widgets
import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from wagekit.fonts import register_cjk_font

from .errors import Alert

__all__ = ["ChartPanel", "LaterCharts", "chart_key", "charts_at_once", "figure_png"]

# Seconds before the first of the charts drawn later. A township chosen meanwhile (stepping
# through the list with the arrow keys, say) is taken first and those charts are dropped, so
# quick choices each get their tables at once and only the last its charts; short enough that
# to the eye the chart follows its table at once.
_PAUSE = 0.15
# Seconds between two charts: enough for the kernel to take a message that came in meanwhile.
_BETWEEN = 0.005
# Depth of charts_at_once() blocks entered: while above 0, LaterCharts draw at once.
_at_once = 0


@contextlib.contextmanager
def charts_at_once() -> Iterator[None]:
    """Within the block, every :class:`LaterCharts` draws its charts at once, in order."""
    global _at_once
    _at_once += 1
    try:
        yield
    finally:
        _at_once -= 1


class LaterCharts:
    """An app's charts, drawn once the kernel has handled the message it is handling now.

    In a kernel (Voila, Jupyter) a cell or a widget callback runs in the kernel's event loop,
    and each widget change is sent to the browser as soon as it is made. ``draw(*steps)`` calls
    the steps (one chart each) shortly after the cell or callback, one at a time, letting the
    kernel take a message that came in meanwhile before each; what is left of an earlier
    ``draw`` is dropped then, as it would draw a selection no longer chosen. Without a running
    event loop (tests, scripts), or within :func:`charts_at_once`, the steps are called at
    once. A step that fails shows its error in ``alert``, in Chinese; otherwise the alert is
    left as the app's callbacks left it.
    """

    def __init__(self, alert: Alert) -> None:
        self.alert = alert
        self._latest = 0
        self._running: set[asyncio.Task] = set()  # the loop holds tasks by weak reference only

    def draw(self, *steps: Callable[[], Any]) -> None:
        """Call ``steps`` in order after the current message, dropping any earlier ones left."""
        self._latest += 1
        try:
            loop = None if _at_once else asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            for step in steps:
                self._call(step)
            return
        task = loop.create_task(self._run(self._latest, steps))
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def _run(self, batch: int, steps: tuple[Callable[[], Any], ...]) -> None:
        pause = _PAUSE
        for step in steps:
            await asyncio.sleep(pause)
            pause = _BETWEEN
            if batch != self._latest:
                return
            self._call(step)

    def _call(self, step: Callable[[], Any]) -> None:
        try:
            step()
        except Exception as error:  # noqa: BLE001 - on screen, as shows_errors does
            self.alert.show_error(error)


def figure_png(figure: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes, with matplotlib's warnings and font log kept off stderr.

    A figure with a layout engine (the panel's are constrained) already fits its labels into
    the canvas and is saved as it is: cropping it to a tight box would measure every artist
    once more, a sixth of the time of a draw. Other figures are cropped to what they hold.
    """
    crop = "tight" if figure.get_layout_engine() is None else None
    buffer = io.BytesIO()
    font_log = logging.getLogger("matplotlib.font_manager")
    level = font_log.level
    font_log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            figure.savefig(buffer, format="png", dpi=dpi, bbox_inches=crop)
    finally:
        font_log.setLevel(level)
    return buffer.getvalue()


def chart_key(data: Any) -> Any:
    """A value equal for equal chart inputs, compared instead of the charts drawn from them.

    Frames and series by their columns, types, index and cells (one hash), tuples and lists
    item by item, anything else as it is.
    """
    if isinstance(data, pd.DataFrame | pd.Series):
        frame = data.to_frame() if isinstance(data, pd.Series) else data
        cells = pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes()
        shape = (tuple(map(str, frame.columns)), tuple(map(str, frame.dtypes)))
        return ("frame", shape, hashlib.blake2b(cells, digest_size=16).hexdigest())
    if isinstance(data, tuple | list):
        return tuple(chart_key(item) for item in data)
    return data


# Axis tick labels in plain numbers: no scientific notation below 10^15, no offset ("+2.023e3").
PLAIN_NUMBERS = {"axes.formatter.limits": (-9, 15), "axes.formatter.useoffset": False}


class ChartPanel(widgets.VBox):
    """A titled panel holding one chart.

    ``plot(draw)`` makes a new figure, calls ``draw(ax)`` (or ``draw(fig)`` with
    ``whole_figure=True``) and shows it; ``show_figure(fig)`` shows a figure built elsewhere.
    ``figure`` is the last figure drawn and ``w_image.value`` its PNG.
    """

    def __init__(
        self,
        title: str = "",
        *,
        figsize: tuple[float, float] = (6.4, 3.6),
        dpi: int = 100,
        **kwargs: Any,
    ) -> None:
        self.figsize = figsize
        self.dpi = dpi
        self.figure: Figure | None = None
        self._shown_key: Any = None  # chart_key of what the image shows, None: unknown
        self.w_title = widgets.HTML(f"<b>{html.escape(title)}</b>" if title else "")
        self.w_image = widgets.Image(format="png", layout={"max_width": "100%"})
        self.w_message = widgets.HTML()
        self.w_message.layout.display = "none"
        super().__init__([self.w_title, self.w_message, self.w_image], **kwargs)
        self.add_class("wagekit-chart")
        self.font = register_cjk_font()
        if not self.font.ok:
            self._say(self.font.message)

    def _say(self, message: str) -> None:
        self._shown_key = None  # the image is hidden: the next chart must be drawn and shown
        self.w_message.value = (
            "<div class='wagekit-chart-message' style='color:#856404;background:#fff3cd;"
            f"padding:6px 10px;border-radius:4px'>{html.escape(message)}</div>"
        )
        self.w_message.layout.display = None
        self.w_image.layout.display = "none"

    def new_figure(self) -> Figure:
        """A blank figure of this panel's size."""
        return Figure(figsize=self.figsize, dpi=self.dpi, layout="constrained")

    def plot(
        self, draw: Callable[[Any], Any], *, whole_figure: bool = False, data: Any = None
    ) -> Figure:
        """Draw a new chart: ``draw(ax)`` on one axes, or ``draw(fig)`` when whole_figure.

        ``data`` is everything ``draw`` shows (frames, numbers, labels): when it equals what
        the panel shows already, the chart is not drawn again. Axes show whole numbers as they
        are (1000000, not 1e6 beside the axis): a clerk reads the figure, not an exponent.
        """
        key = None if data is None else chart_key(data)
        if self._shows(key):
            return self.figure
        with matplotlib.rc_context(PLAIN_NUMBERS):
            figure = self.new_figure()
            draw(figure if whole_figure else figure.add_subplot())
        self.show_figure(figure)
        self._shown_key = key
        return figure

    def _shows(self, key: Any) -> bool:
        """Whether the image on screen is the chart of ``key`` already."""
        return key is not None and self.figure is not None and key == self._shown_key

    def show_figure(self, figure: Figure) -> None:
        """Render ``figure`` into the panel (or the no-font message when there is no CJK font)."""
        self.figure = figure
        self._shown_key = None
        if not self.font.ok:
            return
        png = figure_png(figure, self.dpi)
        self.w_image.value = png
        # Show the image at its own pixel width (PNG header: width at bytes 16-20), shrinking
        # on narrow screens; stretched to the page it would blur.
        self.w_image.layout.width = f"{int.from_bytes(png[16:20], 'big')}px"
        self.w_message.layout.display = "none"
        self.w_image.layout.display = None

    def show_message(self, message: str) -> None:
        """Show a message in place of the chart (no data for this selection, say)."""
        self._say(message)
