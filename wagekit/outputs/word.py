"""Word files 公文版式: A4 pages and Chinese fonts for the reports and orders.

A document starts from :func:`new_document`: A4 paper with the margins of Chinese official
documents (GB/T 9704: 3.7 cm top, 3.5 bottom, 2.8 left, 2.6 right), body text in 仿宋 三号 (16 pt)
with a two-character first-line indent, headings in 黑体 (level 1) and 楷体 (level 2), the title
in 宋体 二号 bold, tables in 宋体 五号. Word picks a font for Chinese characters from the
*East Asian* slot of a run (``w:eastAsia``), which python-docx does not set: every style and run
here sets it, or Word would fall back to a Latin font. A *fill-in mark* 待填写 is text the office
alone can write (a name, a phone number, a judgement): it is printed as ``【请填写：…】`` and
highlighted, so it is seen and never mistaken for a figure wagekit computed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from wagekit.outputs.cells import mask_text

__all__ = [
    "BODY_FONT",
    "FILL_IN",
    "add_fill_in",
    "add_heading",
    "add_paragraph",
    "add_picture",
    "add_table",
    "add_title",
    "document_bytes",
    "fill_in",
    "new_document",
]

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
TITLE_FONT = "宋体"
TABLE_FONT = "宋体"
FILL_IN = "【请填写：{}】"


def fill_in(what: str) -> str:
    """The fill-in mark of something only the office can write: 【请填写：…】."""
    return FILL_IN.format(what)


def _east_asian(run_or_style, name: str) -> None:
    """Set a run's or style's font for Latin and Chinese characters alike."""
    run_or_style.font.name = name
    properties = run_or_style.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def new_document() -> Document:
    """An empty document on A4 with the fonts and margins of the module."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    _east_asian(normal, BODY_FONT)
    normal.font.size = Pt(16)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    for name, font, size in (("Heading 1", HEADING_FONT, 16), ("Heading 2", SUBHEADING_FONT, 16)):
        style = document.styles[name]
        _east_asian(style, font)
        style.font.size = Pt(size)
        style.font.bold = name == "Heading 2"
        style.font.color.rgb = None
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(6)
    return document


def _add_runs(paragraph: Paragraph, text: str, masked: bool = True) -> list[Run]:
    """Add text, with every fill-in mark in it highlighted; ID numbers masked unless told."""
    runs = []
    rest = mask_text(text) if masked else text
    while rest:
        start = rest.find("【请填写")
        if start < 0:
            runs.append(paragraph.add_run(rest))
            break
        end = rest.find("】", start)
        end = len(rest) if end < 0 else end + 1
        if start:
            runs.append(paragraph.add_run(rest[:start]))
        mark = paragraph.add_run(rest[start:end])
        mark.font.highlight_color = WD_COLOR_INDEX.YELLOW
        runs.append(mark)
        rest = rest[end:]
    return runs


def add_paragraph(
    document: Document,
    text: str = "",
    *,
    indent: bool = True,
    bold: bool = False,
    align: str | None = None,
    size: float | None = None,
    masked: bool = True,
) -> Paragraph:
    """A body paragraph (first line indented two characters unless ``indent`` is false).

    ID numbers and bank accounts in the text are masked unless ``masked`` is false.
    """
    paragraph = document.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    if align:
        paragraph.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
        }[align]
    for run in _add_runs(paragraph, text, masked):
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    return paragraph


def add_fill_in(document: Document, what: str) -> Paragraph:
    """A paragraph holding only a fill-in mark."""
    return add_paragraph(document, fill_in(what))


def add_title(document: Document, text: str, *, size: float = 22) -> Paragraph:
    """The document's title: 宋体 二号 bold, centred."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(12)
    run = paragraph.add_run(mask_text(text))
    _east_asian(run, TITLE_FONT)
    run.font.size, run.bold = Pt(size), True
    return paragraph


def add_heading(document: Document, text: str, level: int = 1) -> Paragraph:
    """A heading: 黑体 (一、…) at level 1, 楷体 bold ((一)…) at level 2."""
    paragraph = document.add_heading(level=level)
    paragraph.paragraph_format.first_line_indent = Pt(32)
    run = paragraph.add_run(text)
    _east_asian(run, HEADING_FONT if level == 1 else SUBHEADING_FONT)
    return paragraph


def add_table(
    document: Document,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[float] | None = None,
    masked: bool = True,
) -> None:
    """A bordered table in 宋体 五号 (10.5 pt), header row bold and repeated on every page.

    ID numbers and bank accounts in the cells are masked unless ``masked`` is false.
    """
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER

    def put(cell, value: object, bold: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        text = "" if value is None else str(value)
        for run in _add_runs(paragraph, text, masked):
            _east_asian(run, TABLE_FONT)
            run.font.size = Pt(10.5)
            run.bold = bold or None
        paragraph.paragraph_format.line_spacing = 1.0

    for cell, text in zip(table.rows[0].cells, header, strict=True):
        put(cell, text, bold=True)
    header_row = table.rows[0]._tr.get_or_add_trPr()
    header_row.append(header_row.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            put(cell, value)
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)


def document_bytes(document: Document) -> bytes:
    """The document as the bytes of a .docx file."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_picture(document: Document, png: bytes, *, width_cm: float = 15.0) -> None:
    """A chart (PNG bytes) centred on its own line, ``width_cm`` wide."""
    document.add_picture(io.BytesIO(png), width=Cm(width_cm))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
