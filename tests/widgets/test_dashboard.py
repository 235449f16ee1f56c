import asyncio
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from wagekit.widgets.apps.dashboard import KPI_CARDS, DashboardApp, kpi_values
from wagekit.widgets.components.kpi import format_number

from wagekit.cli import main
from wagekit.load import load
from wagekit.recorded import recorded_campaign
from wagekit.store import Store
from wagekit.summary import summarize

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "demo"
DAY = dt.date(2024, 1, 15)


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    return "sqlite:///" + str(tmp_path_factory.mktemp("store") / "s.sqlite")


@pytest.fixture(scope="module")
def store(url):
    with Store.open(url) as opened:
        yield opened


@pytest.fixture(scope="module")
def shared_app(campaign, store):
    # Building the app draws every chart: once per module. Tests that write to the store
    # compare with figures computed from the store as it is then, so their order is free.
    return DashboardApp(campaign, store=store, as_of=DAY)


@pytest.fixture
def app(shared_app):
    shared_app.model.filter.reset()
    shared_app.w_as_of.value = DAY
    shared_app.w_tables.selected_index = 0
    return shared_app


def tab(app, table):
    """Select the tab holding ``table`` (its table is filled then) and return the table."""
    app.w_tables.selected_index = list(app.w_tables.children).index(table)
    return table


def cards(app):
    return {key: (card.figure, card.rate) for key, card in app.kpis.items()}


def as_shown(values):
    """Card figures as a meeting reads them: amounts in 万元, two decimals."""
    return {
        key: (round(figure / 10_000, 2) if KPI_CARDS[key][1] == "万元" and figure else figure, rate)
        for key, (figure, rate) in values.items()
    }


def test_kpi_cards_equal_summarize_with_the_store_merged(app, campaign, store):
    """Each card shows the summary figure (and rate) computed with the store's records."""
    store.add(
        campaign,
        "case_actions",
        {
            "case_id": campaign.get("cases")["case_id"].iloc[-1],
            "status": "已结案",
            "action_date": "2024-01-12",
        },
        by="王五",
    )
    app.w_refresh.click()
    expected = summarize(recorded_campaign(campaign, store), as_of=DAY)
    assert cards(app) == as_shown(kpi_values(expected))
    card = app.kpis["cases-received"]
    assert format_number(expected["cases"]["received"]) in card.value
    assert app.w_alert.kind == ""


def test_kpi_cards_equal_the_summary_command(app, campaign, store, url, capsys):
    """The cards show what `wagekit summary --json` prints for the same day and store."""
    store.add(
        campaign,
        "orders",
        {
            "subject_id": campaign.get("projects")["project_id"].iloc[0],
            "kind": "限期整改指令书",
            "issued": "2024-01-02",
            "deadline": "2024-01-08",
        },
        by="张伟",
    )
    app.w_refresh.click()
    capsys.readouterr()
    assert main(["summary", str(SAMPLE), "--as-of", DAY.isoformat(), "--json", "--db", url]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert cards(app) == as_shown(kpi_values(printed))


def test_closing_a_case_moves_the_closed_cases_card(app, campaign, store):
    """A case closed in the store counts as closed once the dashboard is refreshed."""
    before = app.kpis["cases-closed"].figure
    cases = tab(app, app.w_cases).data
    open_case = cases.loc[~cases["closed"].astype(bool), "case_id"].iloc[0]
    store.add(
        campaign,
        "case_actions",
        {"case_id": open_case, "status": "已结案", "action_date": "2024-01-10"},
        by="李娜",
    )
    app.w_refresh.click()
    assert app.kpis["cases-closed"].figure == before + 1
    assert f"{before + 1:,}" in app.kpis["cases-closed"].value
    assert app.w_cases.data.set_index("case_id").loc[open_case, "closed"]


def test_cards_have_stable_css_classes(app):
    """Browser tests find each card by wk-kpi-<key>, tables by wk-table-…."""
    for key in KPI_CARDS:
        assert f"wk-kpi-{key}" in app.kpis[key]._dom_classes
    assert "wk-table-township-ranking" in app.w_township._dom_classes
    assert "wk-table-cases" in app.w_cases._dom_classes


def test_township_filter_narrows_the_tables_not_the_cards(app):
    """Choosing a township filters ledgers and rankings; the KPI cards stay campaign-wide."""
    before = cards(app)
    every = len(tab(app, app.w_projects).data)
    app.model.filter.township = "洛河镇"
    assert set(app.w_projects.data["township"]) == {"洛河镇"}
    assert "洛河镇" in app.w_projects.w_html.value
    assert set(tab(app, app.w_cases).data["township"]) == {"洛河镇"}
    assert tab(app, app.w_township).data["township"].tolist() == ["洛河镇"]
    assert cards(app) == before
    app.model.filter.reset()
    assert len(tab(app, app.w_projects).data) == every


def test_charts_and_two_zero_progress_are_drawn(app):
    """The weekly trend and the coverage chart are images; 两清零 shows both classes."""
    assert app.w_trend.w_image.value[:4] == b"\x89PNG"
    assert app.w_systems.w_image.value[:4] == b"\x89PNG"
    government = app.kpis["two-zero-government"].figure
    assert (
        "政府投资类项目" in app.w_two_zero.value
        and f"未结 <span class='wk-two-zero-open'>{government}</span>" in app.w_two_zero.value
    )


def test_export_panel_offers_the_ledger_as_a_download(app):
    """The ledger is made in memory and offered as a link carrying the file: no server path."""
    button = app.w_export.buttons["project-ledger"]
    button.w_button.click()
    assert button.w_alert.kind != "error", button.w_alert.message
    assert button.file.name == "在建工程项目工资支付检查台账.xlsx"
    assert "download=" in button.w_link.value and "data:application/vnd" in button.w_link.value
    assert str(SAMPLE) not in button.w_link.value


def test_a_new_day_recomputes_the_cards(app, campaign, store):
    """Changing 统计截至 re-assesses: the cards equal the summary of the new day."""
    app.w_as_of.value = dt.date(2023, 12, 1)
    expected = summarize(recorded_campaign(campaign, store), as_of=dt.date(2023, 12, 1))
    assert cards(app) == as_shown(kpi_values(expected))


def test_a_campaign_without_projects_or_cases_shows_dashes(store):
    """Figures whose table is absent are shown as — (null), never 0; charts say why."""
    tiny = load(SAMPLE.parents[1] / "tests" / "browser" / "fixtures" / "campaign")
    app = DashboardApp(tiny, store=store, as_of=DAY)
    assert app.w_alert.kind == ""
    assert {card.figure for card in app.kpis.values()} == {None}
    assert "—" in app.kpis["cases-closed"].value
    assert "没有案件台账" in app.w_trend.w_message.value


class CountingStore:
    """A store that counts how often each kind of record is read."""

    def __init__(self, store):
        self.store = store
        self.reads = Counter()

    def records(self, campaign, table):
        self.reads[table] += 1
        return self.store.records(campaign, table)

    def records_of(self, campaign, tables):
        tables = list(tables)
        self.reads.update(tables)
        return self.store.records_of(campaign, tables)

    def __getattr__(self, name):
        return getattr(self.store, name)


def test_a_tab_is_computed_when_first_selected_and_the_store_read_once(campaign, store, tmp_path):
    """The page opens with the first ranking only; other tabs are filled when selected.

    The store is read once, with the figures: the project ledger and the export show the
    records the figures were assessed with and read nothing more.
    """
    counting = CountingStore(store)
    app = DashboardApp(campaign, store=counting, as_of=DAY)
    assert app.w_alert.kind == ""
    assert not app.w_township.data.empty
    assert app.w_projects.data.empty and app.w_cases.data.empty
    reads = Counter(counting.reads)
    assert set(reads.values()) == {1}
    app.w_tables.selected_index = 2
    assert app.w_projects.data["project_id"].tolist() == (
        campaign.get("projects")["project_id"].tolist()
    )
    app.w_tables.selected_index = 0
    app.w_tables.selected_index = 2
    app.w_export.buttons["project-ledger"].w_button.click()
    assert app.w_export.buttons["project-ledger"].file is not None
    assert counting.reads == reads


def test_a_tab_selected_after_a_filter_change_shows_the_filter(app):
    """Tabs not on screen when the filter changes are filtered once they are selected."""
    app.model.filter.township = "洛河镇"
    assert set(tab(app, app.w_cases).data["township"]) == {"洛河镇"}
    app.model.filter.reset()
    assert set(tab(app, app.w_projects).data["township"]) == set(
        app.model.campaign.get("projects")["township"]
    )


def test_in_a_kernel_the_charts_are_drawn_right_after_the_page(campaign, store):
    """Built in a kernel's event loop, cards and first ranking are set at once, charts next."""

    async def open_page():
        app = DashboardApp(campaign, store=store, as_of=DAY)
        shown = (app.kpis["projects"].figure, len(app.w_township.data), app.w_trend.figure)
        while app.w_systems.figure is None:
            await asyncio.sleep(0.01)
        return app, shown

    app, (projects, townships, trend) = asyncio.run(asyncio.wait_for(open_page(), 60))
    assert projects == len(campaign.get("projects")) and townships > 0 and trend is None
    assert bytes(app.w_trend.w_image.value).startswith(b"\x89PNG")
    assert bytes(app.w_systems.w_image.value).startswith(b"\x89PNG")
    assert app.w_alert.kind == ""


def test_a_click_on_a_project_row_opens_its_card(app):
    """Clicking a row of the project ledger shows that project's card below the tables."""
    table = tab(app, app.w_projects)
    row = table.view().iloc[1]
    table.w_html._handle_custom_msg({"row": 1}, [])
    assert app.w_detail.layout.display is None
    assert app.w_card.project_id == row["project_id"]
    assert row["name"] in app.w_card.w_html.value and "制度落实情况" in app.w_card.w_html.value
    assert app.w_case_detail.value == ""


def test_a_click_brings_the_card_into_view_and_a_refresh_does_not(app):
    """A click asks the page to scroll to what it opened; redrawing it after a refresh does not
    move a page the user has scrolled elsewhere."""
    table = tab(app, app.w_projects)
    asked = app.w_reveal_detail.requests
    table.w_html._handle_custom_msg({"row": 2}, [])
    assert app.w_reveal_detail.requests == asked + 1
    app.refresh()
    assert app.w_card.project_id == table.view().iloc[2]["project_id"]
    assert app.w_reveal_detail.requests == asked + 1


def test_a_click_on_a_case_row_opens_the_case_and_its_project(app):
    """Clicking a case shows its details (deadline, 两清零) and the card of its project."""
    table = tab(app, app.w_cases)
    with_project = table.view()["case_id"].isin(
        table.data.loc[table.data["project_id"].notna(), "case_id"]
    )
    row_number = int(with_project.to_numpy().nonzero()[0][0])
    case = table.view().iloc[row_number]
    table.w_html._handle_custom_msg({"row": row_number}, [])
    details = app.w_case_detail.value
    assert (
        f"案件 {case['case_id']}" in details and "办结期限" in details and "两清零类别" in details
    )
    project = table.data.set_index("case_id").loc[case["case_id"], "project_id"]
    assert app.w_card.project_id == project
    assert app.w_projects.selected is None
    assert app.w_alert.kind == ""


def test_catching_up_with_an_order_keeps_the_charts_it_does_not_move(app, campaign, store):
    """An order recorded elsewhere reaches the figures on the next visit; the case trend and
    the systems chart, which it does not change, are not drawn again."""
    app.refresh()
    trend, systems = app.w_trend.figure, app.w_systems.figure
    store.add(
        campaign,
        "orders",
        {"subject_id": "XM2023-0003", "kind": "约谈询问笔录", "issued": "2024-01-10"},
        by="图表测试",
    )
    assert app.model.changed_since_read()
    app.catch_up()
    assert not app.model.changed_since_read()
    assert app.w_trend.figure is trend and app.w_systems.figure is systems
