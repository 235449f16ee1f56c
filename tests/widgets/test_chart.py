import asyncio

from matplotlib.figure import Figure
from wagekit.widgets.chart import ChartPanel, after_this_message, figure_png


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_after_this_message_calls_at_once_without_an_event_loop():
    """In tests and scripts (no kernel loop) the callback runs before the call returns."""
    calls = []
    after_this_message(lambda: calls.append("drawn"))
    assert calls == ["drawn"]


def test_after_this_message_waits_for_the_code_running_now():
    """In a kernel's event loop the callback runs after the current code, before what's next."""
    calls = []

    async def handle_message():
        after_this_message(lambda: calls.append("chart"))
        calls.append("tables")
        await asyncio.sleep(0)
        calls.append("next message")

    asyncio.run(handle_message())
    assert calls == ["tables", "chart", "next message"]


def test_a_panel_chart_is_the_panel_size():
    """A panel's chart is laid out to fill its figure size, labels included: 6.4 x 3.2 in."""
    panel = ChartPanel("图", figsize=(6.4, 3.2))
    panel.plot(lambda ax: ax.barh(["农民工实名制管理", "工资专用账户"], [55.0, 80.0]))
    if panel.font.ok:
        assert _png_size(bytes(panel.w_image.value)) == (640, 320)
        assert panel.w_image.layout.width == "640px"


def test_a_figure_without_layout_is_cropped_to_what_it_holds():
    """A figure built elsewhere, without a layout engine, is saved cropped to its contents."""
    figure = Figure(figsize=(6.4, 3.2), dpi=100)
    figure.add_subplot().plot([0, 1], [0, 1])
    width, height = _png_size(figure_png(figure))
    assert width < 640 and height < 320
