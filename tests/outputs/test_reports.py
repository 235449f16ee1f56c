"""Reports: A4, Chinese fonts, the five parts, and every figure written as the summary has it."""

import io
import re

import docx
import pandas as pd
import pytest
from conftest import DAY, xml_texts
from docx.shared import Cm

from wagekit.outputs.formats import count, percent, wan_yuan, yuan
from wagekit.outputs.reports import report_file


def _text(file) -> str:
    document = docx.Document(io.BytesIO(file.data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture(scope="module")
def reports(assessment, summary):
    return {k: report_file(k, assessment, summary) for k in ("final", "weekly", "daily")}


def test_reports_are_on_a4_with_a_chinese_body_font(reports):
    """Every report is A4 and sets the East Asian font of its body text (仿宋)."""
    for file in reports.values():
        document = docx.Document(io.BytesIO(file.data))
        section = document.sections[0]
        assert abs(section.page_width - Cm(21.0)) < Cm(0.01)
        assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
        assert 'w:eastAsia="仿宋"' in xml_texts(file.data)


def test_final_report_has_the_five_parts_and_the_summary_figures(reports, summary):
    """The five parts, with the summary's cases, amounts and rates as people write them."""
    text = _text(reports["final"])
    parts = ["一、基本情况", "二、主要做法", "三、工作成效", "四、存在问题", "五、下一步打算"]
    assert [text.index(p) for p in parts] == sorted(text.index(p) for p in parts)
    cases = summary["cases"]
    assert f"受理欠薪线索{cases['received']}起，办结{cases['closed']}起" in text
    assert f"办结率{percent(cases['closure_rate'])}" in text
    assert f"追回工资{wan_yuan(cases['amount_recovered'])}" in text
    assert f"欠薪金额{wan_yuan(summary['arrears']['amount'])}" in text
    assert f"超期未办结案件{cases['overdue_open']}起" in text
    assert "【请填写：" in text and "限期整改指令书1份、纳入黑名单事先告知书1份" in text
    # Signed by the office of campaign.toml [office], not left to fill in.
    assert "示例县人力资源和社会保障局" in text and "请填写：单位名称" not in text
    assert not re.search(r"\d\.\d{5,}", text), "a float artefact was printed"


def test_final_report_embeds_charts(reports):
    """The systems chart and the weekly trend are pictures inside the document."""
    document = docx.Document(io.BytesIO(reports["final"].data))
    assert len(document.inline_shapes) == 2


def test_weekly_report_compares_weeks_and_goes_through_the_serious_subjects(reports, summary):
    """This week against the last, 两清零 days left, each serious project with its orders."""
    text = _text(reports["weekly"])
    week = summary["week"]
    assert f"本周受理欠薪线索{week['received']}起（上周{week['previous']['received']}起）" in text
    assert f"追回工资{yuan(week['amount_recovered'])}" in text
    left = summary["cases"]["two_zero"]["others_days_left"]
    assert f"还有{left}天" in text
    assert text.count("调度意见：【请填写") == summary["risk"]["serious"]
    assert "限期整改指令书（期限2024-01-20，待履行）" in text
    assert "已销号一般欠薪" in text


def test_daily_report_rolls_up_who_reported(reports, summary):
    """Who reported, who has not, and the incidents of the day."""
    daily = summary["daily_reports"]
    text = _text(reports["daily"])
    assert f"应报属地{daily['townships']}个，已报{daily['reported']}个" in text
    assert f"当日报告突发事件{daily['incidents']}起" in text
    assert daily["missing"][0] in text and "群体讨薪1起" in text
    assert DAY.isoformat() in reports["daily"].name


def test_amounts_are_written_without_float_artefacts():
    """Totals in 万元 with two decimals, a case in 元 with separators, never 1039761.8800000001."""
    assert wan_yuan(4_729_016.91) == "472.90万元"
    assert yuan(57_460) == "57,460元" and yuan(1_039_761.8800000001) == "1,039,761.88元"
    assert percent(1) == "100%" and percent(0.95238) == "95.2%"
    assert count(None, "个") == "—"


def test_no_output_holds_a_full_id_number(assessment, summary, reports):
    """Ledgers, reports and templates scanned for any 18-character ID number with a valid check."""
    import pandas as pd

    from wagekit.ids import valid_id_number
    from wagekit.outputs.ledgers import ledger_files
    from wagekit.outputs.templates import template_files

    files = [*ledger_files(assessment), *reports.values(), *template_files()]
    text = "".join(xml_texts(f.data) for f in files)
    candidates = pd.Series(re.findall(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])", text))
    assert not valid_id_number(candidates).any() if len(candidates) else True


def _numbered(text: str) -> list[str]:
    """The subject ids of the weekly report's serious-risk paragraphs (1. 名称（类型，编号，…）)."""
    return re.findall(r"^\d+\. [^（\n]+（[^，]+，([^，]+)，", text, flags=re.MULTILINE)


def test_weekly_report_goes_through_the_serious_subjects_the_app_shows(reports, assessment):
    """The report's serious-risk projects and lagging townships are the 06_rhythm tables' rows."""
    from wagekit.weekly import lagging_townships, serious_with_decisions

    document = docx.Document(io.BytesIO(reports["weekly"].data))
    text = "\n".join(p.text for p in document.paragraphs)
    text = text[text.index("三、严重欠薪项目逐个调度") : text.index("四、销号情况")]
    app_rows = serious_with_decisions(assessment)
    assert len(app_rows) > 1
    assert _numbered(text) == app_rows["subject_id"].tolist()
    lagging = document.tables[-1]
    assert [c.text for c in lagging.rows[0].cells][0] == "属地"
    shown = [r.cells[0].text for r in lagging.rows[1:]]
    assert shown == lagging_townships(assessment)["township"].tolist()


def test_weekly_report_quotes_what_was_decided_on_a_serious_subject(recorded):
    """A note recorded on an order to a serious subject is the report's latest decision."""
    import dataclasses

    from wagekit.assessment import assess
    from wagekit.recorded import recorded_campaign
    from wagekit.summary import figures

    orders = recorded.records.orders.copy()
    orders["note"] = orders["note"].astype("object")
    orders.loc[orders.index[0], "note"] = "总包单位承诺1月25日前付清"
    orders.loc[orders.index[0], "created_at"] = pd.Timestamp("2024-01-05 10:00")
    records = dataclasses.replace(recorded.records, orders=orders)
    a = assess(recorded_campaign(recorded, records), as_of=DAY)
    text = _text(report_file("weekly", a, figures(a)))
    assert "限期整改指令书：总包单位承诺1月25日前付清。调度意见：【请填写" in text


def test_a_correction_after_four_pm_does_not_make_a_daily_report_late(recorded):
    """Late means first recorded after 16:00 (as 06_rhythm counts it), not last corrected."""
    import dataclasses

    from wagekit.assessment import assess
    from wagekit.recorded import recorded_campaign
    from wagekit.summary import figures

    reports = recorded.records.daily_reports.copy()
    first = reports.index[0]
    day = pd.Timestamp(DAY)
    reports.loc[first, "created_at"] = day + pd.Timedelta(hours=15, minutes=30)
    reports.loc[first, "updated_at"] = day + pd.Timedelta(hours=17, minutes=5)
    township = reports.loc[first, "township"]

    def line(records) -> list[str]:
        a = assess(recorded_campaign(recorded, records), as_of=DAY)
        table = docx.Document(io.BytesIO(report_file("daily", a, figures(a)).data)).tables[0]
        return next([c.text for c in r.cells] for r in table.rows if r.cells[0].text == township)

    on_time = line(dataclasses.replace(recorded.records, daily_reports=reports))
    assert on_time[4] == "15:30"
    reports.loc[first, "created_at"] = day + pd.Timedelta(hours=16, minutes=20)
    late = line(dataclasses.replace(recorded.records, daily_reports=reports))
    assert late[4] == "16:20（16时后）"
