"""The dashboard's 同比: with ``previous`` in campaign.toml, the main cards show the change
against the previous campaign on the comparable day, as wagekit.year_on_year computes it.

Two sample campaigns are generated (2022 with another seed, so its figures differ, and 2023
naming the 2022 folder by a relative path, as an office writes it).
"""

import datetime as dt
import shutil

import pandas as pd
import pytest
from wagekit.widgets.apps.dashboard import KPI_CARDS, DashboardApp
from wagekit.widgets.components.kpi import format_number

from wagekit.load import load
from wagekit.sample import write_sample
from wagekit.year_on_year import previous_summary, year_on_year

DAY = dt.date(2024, 1, 15)


@pytest.fixture(scope="module")
def campaigns(tmp_path_factory):
    root = tmp_path_factory.mktemp("campaigns")
    write_sample(root / "2022冬季行动", seed=7, year=2022)
    write_sample(root / "2023冬季行动", year=2023)
    toml = root / "2023冬季行动" / "campaign.toml"
    toml.write_text('previous = "../2022冬季行动"\n' + toml.read_text("utf-8"), encoding="utf-8")
    return root


def test_main_cards_show_the_change_against_the_previous_campaign(campaigns, store):
    """Each main card carries 同比: the change and its rate from wagekit.year_on_year."""
    campaign = load(campaigns / "2023冬季行动")
    app = DashboardApp(campaign, store=store, as_of=DAY)
    assert app.w_alert.kind == ""
    before = previous_summary(campaign.config, DAY, store=store)
    table = year_on_year(app.model.summary, before).set_index("key")
    compared = 0
    for key, (_label, unit, path, _rate, _caption) in KPI_CARDS.items():
        card = app.kpis[key].value
        if ".".join(path) not in table.index:
            assert "同比" not in card, key  # a figure the comparison does not cover
            continue
        row = table.loc[".".join(path)]
        change = row["change"] / 10_000 if unit == "万元" else row["change"]
        arrow = "▲" if change > 0 else "▼" if change < 0 else "—"
        assert f"同比 {arrow} {format_number(abs(round(change, 2)))}" in card, key
        if not pd.isna(row["change_rate"]):
            assert f"{row['change_rate']:+.1%}" in card, key
        compared += row["change"] != 0
    assert compared >= 3  # another seed: the comparison says something


def test_without_previous_no_card_shows_year_on_year(campaigns, store):
    """The 2022 campaign names no previous one: no card says 同比."""
    app = DashboardApp(load(campaigns / "2022冬季行动"), store=store, as_of=dt.date(2023, 1, 15))
    assert app.model.previous is None
    assert not any("同比" in card.value for card in app.kpis.values())


def test_a_previous_folder_that_cannot_be_read_is_said_not_hidden(campaigns, store, tmp_path):
    """previous naming a missing folder: a Chinese notice, the cards without 同比, no error."""
    campaign = load(campaigns / "2023冬季行动")
    moved = campaigns / "2022冬季行动"
    hidden = moved.rename(tmp_path / "elsewhere")
    try:
        app = DashboardApp(campaign, store=store, as_of=DAY)
    finally:
        hidden.rename(moved)
    assert app.w_alert.kind == ""
    assert "previous 指定的上一次行动无法读取" in app.w_notices.value
    assert "未显示同比" in app.w_notices.value
    assert not any("同比" in card.value for card in app.kpis.values())


def test_a_previous_campaign_changed_while_waiting_is_read_again(campaigns, store, tmp_path):
    """A pre-heated dashboard catches up (wagekit.widgets.runtime.ahead) when a ledger of the
    previous campaign changed while it waited, and reads nothing again when none did."""
    root = tmp_path / "campaigns"
    shutil.copytree(campaigns, root)
    campaign = load(root / "2023冬季行动")
    app = DashboardApp(campaign, store=store, as_of=DAY)
    before = app.model.previous
    assert before is not None and not app.model.changed_since_read()
    # The previous campaign's publicity ledger replaced (a clerk's late correction).
    shutil.copy(root / "2023冬季行动" / "publicity.xlsx", root / "2022冬季行动" / "publicity.xlsx")
    assert app.model.changed_since_read()
    app.catch_up()
    assert app.model.previous["publicity"] != before["publicity"]
    assert app.model.previous == previous_summary(campaign.config, DAY, store=store)
    assert not app.model.changed_since_read()
