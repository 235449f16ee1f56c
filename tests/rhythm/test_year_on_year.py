import datetime as dt

import pandas as pd
from rhythm_frames import TOML, load_tiny, write_campaign

from wagekit.config import read_config
from wagekit.year_on_year import comparable_day, previous_summary, year_on_year


def test_change_and_rate_of_change():
    """120 cases against 100 is +20, +20%; a rate changes in points, with no rate of change."""
    now = {"cases": {"received": 120, "closure_rate": 0.9}, "arrears": {"amount": None}}
    before = {"cases": {"received": 100, "closure_rate": 0.8}, "arrears": {"amount": 5000.0}}
    table = year_on_year(now, before).set_index("key")
    assert table.loc["cases.received", ["change", "change_rate"]].tolist() == [20, 0.2]
    assert table.loc["cases.closure_rate", "change"] == 0.1
    assert pd.isna(table.loc["cases.closure_rate", "change_rate"])
    assert pd.isna(table.loc["arrears.amount", "change"])  # this year's figure unknown


def test_previous_figure_zero_has_no_rate_of_change():
    """From 0 to 3 cases transferred: +3, and no percentage."""
    table = year_on_year({"cases": {"transferred_police": 3}}, {"cases": {"transferred_police": 0}})
    row = table.set_index("key").loc["cases.transferred_police"]
    assert row["change"] == 3 and pd.isna(row["change_rate"])


def test_previous_campaign_read_on_the_comparable_day(tmp_path):
    """previous = "../去年" is summarised as many days after its start as today is after ours."""
    write_campaign(
        tmp_path / "去年",
        TOML.replace("2023-11-01", "2022-11-01").replace("2024-02-09", "2023-01-21"),
    )
    load_tiny(tmp_path / "今年", TOML + 'previous = "../去年"\n')
    config = read_config(tmp_path / "今年" / "campaign.toml")
    day = dt.date(2024, 1, 10)
    assert comparable_day(config, read_config(tmp_path / "去年" / "campaign.toml"), day) == dt.date(
        2023, 1, 10
    )
    before = previous_summary(config, day)
    assert before["campaign"]["as_of"] == "2023-01-10"
    assert before["cases"]["received"] == 0  # its ledgers are this year's: no case received yet


def test_no_previous_campaign_named(tmp_path):
    """Without `previous` there is nothing to compare with."""
    config = read_config(write_campaign(tmp_path / "c") / "campaign.toml")
    assert previous_summary(config, dt.date(2024, 1, 10)) is None
