import asyncio

import pandas as pd
from matplotlib.figure import Figure
from wagekit.widgets.components.chart import ChartPanel, LaterCharts, chart_key, figure_png
from wagekit.widgets.components.errors import Alert


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_later_charts_are_drawn_at_once_without_an_event_loop():
    """In tests and scripts (no kernel loop) the charts are drawn before draw() returns."""
    calls = []
    LaterCharts(Alert()).draw(lambda: calls.append("trend"), lambda: calls.append("systems"))
    assert calls == ["trend", "systems"]


async def _until(condition):
    while not condition():
        await asyncio.sleep(0.001)


def test_later_charts_wait_for_the_code_running_now():
    """In a kernel's event loop the charts are drawn after the callback that asked for them."""
    calls = []

    async def handle_message():
        LaterCharts(Alert()).draw(lambda: calls.append("chart"))
        calls.append("tables")
        await _until(lambda: "chart" in calls)

    asyncio.run(asyncio.wait_for(handle_message(), 30))
    assert calls == ["tables", "chart"]


def test_a_newer_selection_drops_the_charts_of_the_older_one():
    """A filter chosen while charts are drawn: its tables come next, the older charts are
    left undrawn and the newer ones are drawn in full."""
    calls = []
    charts = LaterCharts(Alert())

    async def choose_twice():
        charts.draw(lambda: calls.append("A1"), lambda: calls.append("A2"))
        calls.append("tables A")
        await _until(lambda: "A1" in calls)
        charts.draw(lambda: calls.append("B1"), lambda: calls.append("B2"))
        calls.append("tables B")
        await _until(lambda: "B2" in calls)

    asyncio.run(asyncio.wait_for(choose_twice(), 30))
    assert calls == ["tables A", "A1", "tables B", "B1", "B2"]


def test_a_chart_that_fails_shows_its_error_and_the_next_is_drawn(capsys):
    """A failing chart puts its error in the app's alert (not on stderr); the others draw."""
    alert = Alert()
    calls = []

    def broken():
        raise ValueError("没有数据")

    LaterCharts(alert).draw(broken, lambda: calls.append("drawn"))
    assert alert.kind == "error" and "没有数据" in alert.message
    assert calls == ["drawn"]
    assert capsys.readouterr().err == ""


def test_a_chart_drawn_later_leaves_the_alert_alone():
    """An error a callback showed after asking for charts stays on screen once they are drawn."""
    alert = Alert()
    calls = []

    async def callback_then_failure():
        LaterCharts(alert).draw(lambda: calls.append("drawn"))
        alert.show_error(RuntimeError("筛选失败"))
        await _until(lambda: "drawn" in calls)

    asyncio.run(asyncio.wait_for(callback_then_failure(), 30))
    assert alert.kind == "error" and "筛选失败" in alert.message


def test_a_panel_chart_is_the_panel_size(cjk_font):
    """A panel's chart is laid out to fill its figure size, labels included: 6.4 x 3.2 in."""
    panel = ChartPanel("图", figsize=(6.4, 3.2))
    panel.plot(lambda ax: ax.barh(["农民工实名制管理", "工资专用账户"], [55.0, 80.0]))
    assert _png_size(bytes(panel.w_image.value)) == (640, 320)
    assert panel.w_image.layout.width == "640px"


def test_a_figure_without_layout_is_cropped_to_what_it_holds():
    """A figure built elsewhere, without a layout engine, is saved cropped to its contents."""
    figure = Figure(figsize=(6.4, 3.2), dpi=100)
    figure.add_subplot().plot([0, 1], [0, 1])
    width, height = _png_size(figure_png(figure))
    assert width < 640 and height < 320


def test_large_figures_show_as_plain_numbers_not_exponents():
    """A million SMS reads 1000000 on the axis: no 1e6 beside it, no offset."""
    panel = ChartPanel("宣传短信")
    panel.plot(lambda ax: ax.barh(["宣传短信", "张贴海报"], [1_000_000, 300]))
    axis = panel.figure.axes[0].xaxis
    assert axis.get_offset_text().get_text() == ""
    assert "1000000" in [tick.get_text() for tick in axis.get_ticklabels()]


def _bars(frame: pd.DataFrame, calls: list):
    def draw(ax):
        calls.append(len(frame))
        ax.barh(frame["system"], frame["rate"])

    return draw


def test_a_chart_of_the_same_figures_is_not_drawn_again(cjk_font):
    """Plotting what the panel shows already keeps its image (the same picture a new draw
    makes); other figures, or the same after a message, are drawn."""
    frame = pd.DataFrame({"system": ["实名制", "专用账户"], "rate": [55.0, 80.0]})
    panel, calls = ChartPanel("图"), []
    panel.plot(_bars(frame, calls), data=frame)
    shown = bytes(panel.w_image.value)
    panel.plot(_bars(frame.copy(), calls), data=frame.copy())
    assert calls == [2] and bytes(panel.w_image.value) == shown
    fresh = ChartPanel("图")
    fresh.plot(_bars(frame, []))
    assert bytes(fresh.w_image.value) == shown
    changed = frame.assign(rate=[56.0, 80.0])
    panel.plot(_bars(changed, calls), data=changed)
    assert calls == [2, 2] and bytes(panel.w_image.value) != shown
    panel.show_message("所选范围内没有项目。")
    panel.plot(_bars(changed, calls), data=changed)
    assert calls == [2, 2, 2] and panel.w_image.layout.display is None
    panel.plot(_bars(changed, calls))  # told nothing: always drawn
    assert calls == [2, 2, 2, 2]


def test_chart_keys_tell_every_difference_a_chart_would_show():
    """Equal frames give equal keys; a cell, a column name, a type or the order differ."""
    frame = pd.DataFrame({"week": ["第1周", "第2周"], "events": [3, 5]})
    assert chart_key(frame) == chart_key(frame.copy())
    assert chart_key((frame, 2)) == chart_key((frame.copy(), 2))
    for other in (
        frame.assign(events=[3, 6]),
        frame.rename(columns={"events": "cases"}),
        frame.astype({"events": "float64"}),
        frame.iloc[::-1],
        frame.iloc[::-1].reset_index(drop=True),
    ):
        assert chart_key(other) != chart_key(frame)
    assert chart_key((frame, 2)) != chart_key((frame, 3))
