import matplotlib
import pytest
from matplotlib import font_manager
from wagekit.widgets import ChartPanel

from wagekit import fonts


def test_cjk_font_registered_first_in_sans_serif(cjk_font):
    """A CJK font found on the machine is first in font.sans-serif, minus sign plain."""
    status = cjk_font
    assert status.family in fonts.CJK_FONT_FAMILIES
    assert matplotlib.rcParams["font.sans-serif"][0] == status.family
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_chart_with_chinese_labels_writes_nothing_to_stderr(capsys, cjk_font):
    """Drawing Chinese labels emits no glyph warnings on stderr, and the chart is drawn."""
    panel = ChartPanel("各乡镇宣传数量")
    panel.plot(lambda ax: ax.bar(["城关镇", "东坝乡"], [3, 5]))
    assert capsys.readouterr().err == ""
    assert bytes(panel.w_image.value).startswith(b"\x89PNG")


def test_without_cjk_font_panel_shows_message_not_chart(monkeypatch):
    """With no CJK font the panel shows one Chinese message instead of a chart of boxes."""
    monkeypatch.setattr(
        "wagekit.widgets.components.chart.register_cjk_font",
        lambda: fonts.FontStatus(None, None, fonts.NO_CJK_FONT_MESSAGE),
    )
    panel = ChartPanel("图")
    panel.plot(lambda ax: ax.bar(["城关镇"], [1]))
    assert bytes(panel.w_image.value) == b""
    assert "未找到中文字体" in panel.w_message.value
    assert panel.w_message.layout.display is None


def test_reported_font_file_is_the_regular_face(monkeypatch, cjk_font):
    """The file reported is the regular face charts draw with, though a bold face is listed last.

    Which of a family's faces a font cache lists last depends on the order the files were found;
    the path must not.
    """
    status = cjk_font
    regular = {
        f.fname
        for f in font_manager.fontManager.ttflist
        if f.name == status.family and f.weight == 400 and f.style == "normal"
    }
    bold = {
        f.fname
        for f in font_manager.fontManager.ttflist
        if f.name == status.family and f.weight == 700
    }
    if not (regular and bold):
        pytest.skip("no CJK family with both a regular and a bold face on this machine")
    monkeypatch.setattr(
        font_manager.fontManager,
        "ttflist",
        sorted(font_manager.fontManager.ttflist, key=lambda f: f.fname in bold),
    )
    fonts.register_cjk_font.cache_clear()
    try:
        with matplotlib.rc_context():
            status = fonts.register_cjk_font()
            drawn = font_manager.findfont(font_manager.FontProperties(family=status.family))
    finally:
        fonts.register_cjk_font.cache_clear()
    assert status.path in regular
    assert status.path == drawn
