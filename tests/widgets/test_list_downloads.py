"""The lists people act on, downloaded where they are acted on: press the button, open the file.

Home: the rejected rows per township (the load report); 02_self_inspection: the missing forms;
03_enforcement: the overdue cases. Each file holds as many rows as the summary counts.
"""

import base64
import datetime as dt
import io
import re

import openpyxl
from wagekit.widgets.apps.enforcement import EnforcementApp
from wagekit.widgets.apps.home import HomeApp
from wagekit.widgets.apps.self_inspection import SelfInspectionApp

DAY = dt.date(2024, 1, 15)


def _pressed(button) -> tuple[str, openpyxl.Workbook]:
    """Press a DownloadButton; the file name and the workbook the browser would save."""
    button.w_button.click()
    assert button.w_alert.message == "", button.w_alert.message
    link = button.w_link.value
    name = re.search(r'download="([^"]+)"', link).group(1)
    data = base64.b64decode(re.search(r"base64,([^']*)'", link).group(1))
    return name, openpyxl.load_workbook(io.BytesIO(data))


def _data_rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(min_row=4, values_only=True))


def test_home_downloads_the_rejected_rows_per_township(messy_campaign, store):
    """Every error of the load report is on one township's sheet, or on 属地不明."""
    app = HomeApp(messy_campaign, store=store, as_of=DAY)
    name, book = _pressed(app.w_returned)
    assert name == "台账退回修改清单.xlsx"
    assert book.sheetnames[0] == "汇总" and len(book.sheetnames) > 2
    listed = sum(len(_data_rows(book[s])) for s in book.sheetnames[1:])
    assert listed == len(messy_campaign.report.errors)


def test_self_inspection_downloads_the_missing_forms(campaign, store):
    """The list holds the summary's self_inspection.missing subjects."""
    app = SelfInspectionApp(campaign, store=store, as_of=DAY)
    name, book = _pressed(app.w_missing_list)
    assert name == f"未提交自查表清单_{DAY.isoformat()}.xlsx"
    missing = app.model.summary["self_inspection"]["missing"]
    assert len(_data_rows(book["未提交自查表清单"])) == missing > 0


def test_enforcement_downloads_the_overdue_cases_open_apart_from_closed_late(campaign, store):
    """超期未办结 has overdue_open cases and 超期办结 closed_late ones."""
    app = EnforcementApp(campaign, store=store, as_of=DAY)
    name, book = _pressed(app.w_overdue_list)
    assert name == f"超期案件清单_{DAY.isoformat()}.xlsx"
    cases = app.model.summary["cases"]
    assert len(_data_rows(book["超期未办结"])) == cases["overdue_open"] > 0
    assert len(_data_rows(book["超期办结"])) == cases["closed_late"] > 0
