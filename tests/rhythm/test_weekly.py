import datetime as dt

from rhythm_frames import assessed

from wagekit.summary import figures
from wagekit.weekly import lagging_townships, serious_with_decisions, week_against_last

DAY = dt.date(2024, 1, 10)


def test_week_table_is_the_summary_week(tiny):
    """This week and last week are the summary's week figures, with the change."""
    a = assessed(tiny, DAY)
    week, table = figures(a)["week"], week_against_last(figures(a)).set_index("figure")
    assert table.loc["受理线索（起）", "this_week"] == week["received"] == 1  # C3, 5 January
    assert table.loc["受理线索（起）", "last_week"] == week["previous"]["received"] == 0
    assert table.loc["受理线索（起）", "change"] == 1


def test_serious_subject_carries_the_latest_decision(tiny):
    """P2's latest note (an order recorded on 8 January) is what was decided."""
    a = assessed(
        tiny,
        DAY,
        orders=[
            {
                "subject_id": "P2",
                "kind": "约谈询问笔录",
                "issued": "2024-01-02",
                "status": "待履行",
                "note": "约谈总包",
                "created_at": "2024-01-02 10:00",
            },
            {
                "subject_id": "P2",
                "kind": "限期整改指令书",
                "issued": "2024-01-08",
                "status": "待履行",
                "note": "限1月15日前付清",
                "created_at": "2024-01-08 10:00",
            },
            {
                "subject_id": "P2",
                "kind": "移送公安",
                "issued": "2024-01-11",
                "status": "待履行",
                "note": "明天的事",
                "created_at": "2024-01-11 10:00",
            },
        ],
    )
    table = serious_with_decisions(a)
    assert table["subject_id"].tolist() == ["P2"]
    assert table.loc[0, "decided"] == "01月08日 限期整改指令书：限1月15日前付清"
    assert table.loc[0, "open_case_ids"] == "C2、C3"


def test_lagging_townships_have_open_cases_most_first(tiny):
    """乙镇 has two open cases; 甲镇 closed its one and is not lagging."""
    table = lagging_townships(assessed(tiny, DAY))
    assert table["township"].tolist() == ["乙镇"]
    assert table.loc[0, "cases_open"] == 2 and table.loc[0, "overdue"] == 1
