"""Apps built ahead of their visit (wagekit.widgets.runtime.ahead), as a pre-heated kernel does.

The notebook builds its app before Voila hands the kernel a visitor, in the kernel's running
event loop, then calls ``on_visit`` once someone opens it. What changed meanwhile must show:
records saved, a new day, a corrected ledger; and nothing is recomputed when nothing changed.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from wagekit.widgets.apps.dashboard import DashboardApp
from wagekit.widgets.apps.home import HomeApp
from wagekit.widgets.runtime.ahead import build_ahead, on_visit

from wagekit.recorded import recorded_campaign
from wagekit.summary import summarize

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "browser" / "fixtures" / "campaign"
NEW_ROW = "2023-11-20,城关镇,县人社局,现场咨询,2,40\n"


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("ahead") / "demo"
    shutil.copytree(REPO / "sample_data" / "demo", copy)
    return copy


@pytest.fixture
def served(monkeypatch, tmp_path):
    """Serve a folder as ``wagekit serve`` does for its kernels: campaign, store, day."""

    def serve(folder: Path, as_of: str = "2023-12-15") -> str:
        url = f"sqlite:///{tmp_path / 'workspace.sqlite'}"
        monkeypatch.setenv("WAGEKIT_CAMPAIGN", str(folder))
        monkeypatch.setenv("WAGEKIT_DB", url)
        monkeypatch.setenv("WAGEKIT_AS_OF", as_of)
        return url

    return serve


async def _built_in_a_kernel_loop(app_class):
    # Cells run inside the kernel's event loop, where charts are normally drawn later.
    return build_ahead(app_class)


def test_an_app_built_ahead_is_complete_and_catches_up_on_its_visit(served, demo_copy):
    """Charts drawn before the visit; records saved meanwhile show on the visit."""
    served(demo_copy)
    app = asyncio.run(_built_in_a_kernel_loop(DashboardApp))
    assert app.w_trend.w_image.value and app.w_systems.w_image.value
    assessed = app.model.assessment

    assert on_visit(app) is app
    assert app.model.assessment is assessed, "nothing changed: nothing computed again"

    cases = app.model.assessment.get("cases")
    closed_before = app.kpis["cases-closed"].figure
    open_case = cases.loc[cases["closed_date"].isna(), "case_id"].iloc[0]
    store = app.model.store
    store.add(
        app.model.campaign,
        "case_actions",
        {"case_id": open_case, "status": "已结案", "action_date": "2023-12-14"},
        by="李娜",
    )
    assert on_visit(app) is app
    assert app.kpis["cases-closed"].figure == closed_before + 1
    expected = summarize(recorded_campaign(app.model.campaign, store), as_of=app.model.as_of)
    assert app.kpis["cases-closed"].figure == expected["cases"]["closed"]

    assert app.w_alert.kind == ""


def test_a_new_day_gives_the_visitor_an_app_of_that_day(served, tmp_path, monkeypatch):
    """Past midnight the figures and the forms' dates are the new day's, as in an app opened now."""
    from wagekit.widgets.apps.enforcement import EnforcementApp

    folder = tmp_path / "campaign"
    shutil.copytree(FIXTURE, folder)
    served(folder, as_of="2023-12-01")
    app = build_ahead(EnforcementApp)
    monkeypatch.setenv("WAGEKIT_AS_OF", "2023-12-02")
    shown = on_visit(app)
    assert shown is not app
    assert str(shown.model.as_of) == "2023-12-02" and str(shown.w_as_of.value) == "2023-12-02"
    assert shown.model.summary["campaign"]["as_of"] == "2023-12-02"
    assert str(shown.w_inspection.w_date.value) == "2023-12-02"


def test_a_ledger_corrected_while_waiting_gives_the_visitor_a_new_app(served, tmp_path):
    """A row added to a ledger overnight: the morning's visitor gets an app built on it."""
    folder = tmp_path / "campaign"
    shutil.copytree(FIXTURE, folder)
    served(folder, as_of="2023-12-01")
    app = build_ahead(HomeApp)
    rows = len(app.model.campaign.get("publicity"))
    with (folder / "publicity.csv").open("a", encoding="utf-8") as ledger:
        ledger.write(NEW_ROW)
    shown = on_visit(app)
    assert shown is not app and isinstance(shown, HomeApp)
    assert len(shown.model.campaign.get("publicity")) == rows + 1
