"""DownloadButton and ExportPanel without a browser: the file, its link and the save instruction."""

import base64
import io
import re
import zipfile

from wagekit.widgets.components.download import DownloadButton
from wagekit.widgets.components.export_panel import ExportPanel

from wagekit.outputs import OutputFile
from wagekit.schema import TABLE_ORDER, TABLES

FILE = OutputFile("欠薪处置台账.xlsx", b"PK\x03\x04 ledger bytes", "application/zip")


def _href_bytes(link_html: str) -> bytes:
    payload = re.search(r"href='data:[^;]+;base64,([^']*)'", link_html).group(1)
    return base64.b64decode(payload)


def _scripts(button: DownloadButton) -> list[str]:
    return [o["data"]["application/javascript"] for o in button.w_save.outputs]


def test_one_press_makes_the_file_its_link_and_one_save_instruction():
    """The link carries the bytes under the Chinese name; the script saves that press's link."""
    button = DownloadButton("欠薪处置台账", lambda: FILE, key="case-ledger")
    button.w_button.click()
    link = button.w_link.value
    assert 'download="欠薪处置台账.xlsx"' in link
    assert _href_bytes(link) == FILE.data
    assert f'data-wk-token="{button.token}"' in link
    [script] = _scripts(button)
    assert f'"{button.token}"' in script and ".click()" in script
    assert "wk-download-case-ledger" in button._dom_classes
    assert button.w_alert.message == ""


def test_a_second_press_replaces_the_instruction_with_one_for_the_new_file():
    """Pressing again makes the file again under a new token; the old instruction is gone."""
    made = iter([FILE, OutputFile("欠薪处置台账.xlsx", b"second", "application/zip")])
    button = DownloadButton("欠薪处置台账", lambda: next(made))
    button.w_button.click()
    first = button.token
    button.w_button.click()
    assert button.token != first
    assert _href_bytes(button.w_link.value) == b"second"
    [script] = _scripts(button)
    assert f'"{button.token}"' in script and first not in script


def test_a_file_that_cannot_be_made_shows_why_in_chinese_and_saves_nothing():
    """The error appears under the button; no link and no instruction are left behind."""
    button = DownloadButton("欠薪处置台账", lambda: FILE)
    button.w_button.click()

    def fail() -> OutputFile:
        raise RuntimeError("活动文件夹中没有欠薪线索及案件台账，无法生成欠薪处置台账")

    button.make = fail
    button.w_button.click()
    assert "没有欠薪线索及案件台账" in button.w_alert.message
    assert button.w_link.value == "" and _scripts(button) == []
    assert not button.w_button.disabled


def test_a_name_with_quotes_cannot_break_out_of_the_link():
    """A file name is text in the link, never markup."""
    button = DownloadButton("x", lambda: OutputFile('a"><b>.docx', b"x", "application/zip"))
    button.w_button.click()
    assert "<b>" not in button.w_link.value
    assert 'download="a&quot;&gt;&lt;b&gt;.docx"' in button.w_link.value


def test_export_panel_templates_arrive_as_one_zip_of_seven_workbooks():
    """空白填报模板 is a .zip holding one workbook per table, named by its Chinese name."""
    panel = ExportPanel()
    button = panel.buttons["templates"]
    button.w_button.click()
    assert button.file.name == "填报模板.zip"
    names = zipfile.ZipFile(io.BytesIO(_href_bytes(button.w_link.value))).namelist()
    assert names == [f"{TABLES[t].title}.xlsx" for t in TABLE_ORDER]


def test_export_panel_before_a_campaign_is_read_says_so():
    """A ledger asked for before the dashboard has a campaign is refused in Chinese."""
    panel = ExportPanel()
    button = panel.buttons["project-ledger"]
    button.w_button.click()
    assert "尚未读取专项行动台账" in button.w_alert.message
    assert button.w_link.value == ""
