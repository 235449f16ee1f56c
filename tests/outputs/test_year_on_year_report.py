"""The final report's 同比: the main figures against the previous campaign named in campaign.toml.

Two sample campaigns are generated (2022 and 2023, other seeds, so their figures differ); the
2023 one names the 2022 folder by a relative path, as an office writes it.
"""

import datetime as dt
import shutil

import docx
import pytest

from wagekit.assessment import assess
from wagekit.cli import main
from wagekit.load import load
from wagekit.outputs.formats import count, percent, wan_yuan
from wagekit.sample import write_sample
from wagekit.summary import figures

pytestmark = pytest.mark.slow  # two sample campaigns generated and read

DAY = dt.date(2024, 1, 15)
COMPARABLE = dt.date(2023, 1, 15)  # as many days after 2022-11-01 as DAY is after 2023-11-01
PREVIOUS = "2022冬季行动"


def _name_previous(folder, previous: str) -> None:
    """Put ``previous = …`` first in campaign.toml (below a [section] it would belong to it)."""
    toml = folder / "campaign.toml"
    lines = [x for x in toml.read_text("utf-8").splitlines() if not x.startswith("previous =")]
    toml.write_text("\n".join([f'previous = "{previous}"', *lines, ""]), encoding="utf-8")


@pytest.fixture(scope="module")
def campaigns(tmp_path_factory):
    root = tmp_path_factory.mktemp("campaigns")
    write_sample(root / PREVIOUS, seed=7, year=2022)
    write_sample(root / "2023冬季行动", year=2023)
    _name_previous(root / "2023冬季行动", f"../{PREVIOUS}")
    return root


def _final(campaign, out, capsys) -> docx.Document:
    code = main(["report", str(campaign), str(out), "--kind", "final", "--as-of", DAY.isoformat()])
    paths = capsys.readouterr().out.splitlines()
    assert code == 0, paths
    return docx.Document(paths[0])


def _year_on_year_table(document) -> dict[str, list[str]]:
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[:3] == ["指标", "本期", "上年同期"]:
            return {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    raise AssertionError("the final report has no 同比 table")


def test_final_report_compares_the_main_figures_with_the_previous_campaign(
    campaigns, tmp_path, capsys
):
    """本期 is this campaign's summary, 上年同期 the previous one's on the comparable day."""
    document = _final(campaigns / "2023冬季行动", tmp_path, capsys)
    table = _year_on_year_table(document)
    now = figures(assess(load(campaigns / "2023冬季行动"), as_of=DAY))
    before = figures(assess(load(campaigns / PREVIOUS), as_of=COMPARABLE))
    owed = (now["arrears"]["amount"], before["arrears"]["amount"])
    assert owed[0] != owed[1], "the two samples should differ"
    sign = "+" if owed[0] > owed[1] else "−"
    assert table["欠薪金额（万元）"][:3] == [
        wan_yuan(owed[0], unit=""),
        wan_yuan(owed[1], unit=""),
        sign + wan_yuan(abs(owed[0] - owed[1]), unit=""),
    ]
    assert table["受理欠薪线索（起）"][:2] == [
        count(now["cases"]["received"]),
        count(before["cases"]["received"]),
    ]
    assert table["案件办结率"][:2] == [
        percent(now["cases"]["closure_rate"]),
        percent(before["cases"]["closure_rate"]),
    ]
    assert table["案件办结率"][2].endswith("个百分点") or table["案件办结率"][2] == "持平"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "（五）同比情况" in text and "统计截至2023年1月15日" in text


def test_a_previous_folder_that_cannot_be_read_is_said_in_the_report(campaigns, tmp_path, capsys):
    """A wrong `previous` path is named in the report, not dropped without a word."""
    folder = campaigns / "误填"
    shutil.copytree(campaigns / "2023冬季行动", folder)
    _name_previous(folder, "../不存在的文件夹")
    text = "\n".join(p.text for p in _final(folder, tmp_path, capsys).paragraphs)
    assert "上一次行动无法读取" in text and "不存在的文件夹" in text and "未列同比" in text


def test_without_previous_the_final_report_has_no_year_on_year(campaigns, tmp_path, capsys):
    """No `previous` in campaign.toml: no 同比 part."""
    text = "\n".join(p.text for p in _final(campaigns / PREVIOUS, tmp_path, capsys).paragraphs)
    assert "同比" not in text
