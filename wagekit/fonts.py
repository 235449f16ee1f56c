"""CJK fonts 中文字体 for matplotlib charts.

matplotlib ships only Latin fonts (DejaVu Sans); a chart with Chinese labels draws each missing
glyph as an empty box ("tofu" 豆腐块) and warns once per glyph. :func:`register_cjk_font` finds a
CJK font the machine already has (Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei,
SimHei, PingFang SC, Source Han Sans …), registers it with matplotlib's font manager, even when
it was installed after matplotlib built its font cache, and puts it first in
``font.sans-serif``. When there is none it says so once, in Chinese, and the caller shows that
message instead of drawing a chart.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CJK_FONT_FAMILIES",
    "NO_CJK_FONT_MESSAGE",
    "FontStatus",
    "register_cjk_font",
]

# In order of preference: the Simplified Chinese faces first, then the common Windows and macOS
# fonts, then the Traditional/Japanese faces of the same collections (they still cover the
# characters of ledgers, with slightly different glyph shapes).
CJK_FONT_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "STHeiti",
    "Hiragino Sans GB",
    "Noto Sans SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Source Han Sans",
    "Arial Unicode MS",
)

# File names of those fonts, for machines whose font cache predates their installation.
_FONT_FILE_PATTERN = re.compile(
    r"(notosanscjk|notosanssc|sourcehansans|wqy-microhei|wqy-zenhei|msyh|simhei|pingfang|"
    r"stheiti|hiragino ?sans ?gb|arial ?unicode)",
    re.IGNORECASE,
)

NO_CJK_FONT_MESSAGE = (
    "未找到中文字体，图表无法显示中文。请安装中文字体后重新打开本页面："
    "Debian/Ubuntu 执行 sudo apt-get install fonts-wqy-microhei（或 fonts-noto-cjk）；"
    "Windows 与 macOS 自带微软雅黑、黑体或苹方，一般无需安装。"
)


@dataclass(frozen=True)
class FontStatus:
    """The outcome of looking for a CJK font.

    ``family`` is the registered family name (``None`` when none was found), ``path`` the font
    file charts draw its ordinary (regular) text from, and ``message`` the Chinese sentence to
    show the user when none was found (empty when a font was found).
    """

    family: str | None
    path: str | None
    message: str

    @property
    def ok(self) -> bool:
        """True when charts can draw Chinese text."""
        return self.family is not None


def _known_family(font_manager) -> tuple[str, str] | None:
    """The first known CJK family matplotlib has, and the file it draws ordinary text with.

    A family often comes in several files (NotoSansCJK-Regular.ttc, NotoSansCJK-Bold.ttc); the
    path is the one matplotlib's own font matching picks for the default weight and style, not
    whichever face its font list happens to hold last.
    """
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FONT_FAMILIES:
        if family in names:
            properties = font_manager.FontProperties(family=family)
            # matplotlib ≥ 3.11 returns a str subclass that also names the face in a .ttc.
            return family, str(font_manager.findfont(properties, fallback_to_default=False))
    return None


def _add_font_files(font_manager) -> None:
    extra = [d for d in os.environ.get("WAGEKIT_FONT_DIRS", "").split(os.pathsep) if d]
    paths = font_manager.findSystemFonts(fontpaths=extra or None)
    if extra:
        paths += font_manager.findSystemFonts()
    known = {f.fname for f in font_manager.fontManager.ttflist}
    for path in paths:
        if path not in known and _FONT_FILE_PATTERN.search(Path(path).name):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue  # an unreadable font file is not ours to report


@functools.cache
def register_cjk_font() -> FontStatus:
    """Find a CJK font, register it with matplotlib and make it the default sans-serif font.

    The search runs once per process (the result is cached). Fonts in the directories of the
    environment variable ``WAGEKIT_FONT_DIRS`` (``os.pathsep``-separated) are considered too.
    Sets ``font.family`` to sans-serif, puts the font first in ``font.sans-serif`` (matplotlib
    falls back glyph by glyph along that list) and ``axes.unicode_minus`` to False, since CJK
    fonts often lack the Unicode minus sign.
    """
    import matplotlib
    from matplotlib import font_manager

    # matplotlib reports a missing family through logging; the search below must stay silent.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    found = _known_family(font_manager)
    if found is None:
        _add_font_files(font_manager)
        found = _known_family(font_manager)
    if found is None:
        return FontStatus(None, None, NO_CJK_FONT_MESSAGE)
    family, path = found
    current = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, *current]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return FontStatus(family, path, "")
