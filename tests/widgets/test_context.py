"""The campaign a pre-heated app kernel read, checked again when its visitor arrives."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from wagekit.widgets.runtime.context import fresh_campaign, preload_campaign

FIXTURE = Path(__file__).resolve().parents[1] / "browser" / "fixtures" / "campaign"
NEW_ROW = "2023-11-20,城关镇,县人社局,现场咨询,2,40\n"


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "campaign"
    shutil.copytree(FIXTURE, copy)
    return copy


def _rows(campaign) -> int:
    return len(campaign.get("publicity"))


def test_unchanged_folder_gives_the_same_campaign(folder):
    """Nothing touched while the kernel waited: the campaign read at pre-heat is used as is."""
    campaign = preload_campaign(folder)
    assert fresh_campaign(campaign) is campaign


def test_ledger_corrected_while_waiting_is_read_again(folder):
    """A clerk adds a row overnight: the morning's first visitor sees it."""
    campaign = preload_campaign(folder)
    before = _rows(campaign)
    with (folder / "publicity.csv").open("a", encoding="utf-8") as ledger:
        ledger.write(NEW_ROW)
    fresh = fresh_campaign(campaign)
    assert fresh is not campaign and _rows(fresh) == before + 1
    assert fresh_campaign(fresh) is fresh, "read once, then kept until the next change"


def test_touched_but_unchanged_ledger_gives_equal_figures(folder):
    """A ledger saved again without changes is checked again but gives the same rows."""
    campaign = preload_campaign(folder)
    ledger = folder / "publicity.csv"
    os.utime(ledger, ns=(ledger.stat().st_atime_ns, ledger.stat().st_mtime_ns + 10**9))
    assert _rows(fresh_campaign(campaign)) == _rows(campaign)


def test_folder_gone_while_waiting_gives_none(folder):
    """The folder was moved away: no campaign, so the app's picker says why on screen."""
    campaign = preload_campaign(folder)
    shutil.rmtree(folder)
    assert fresh_campaign(campaign) is None
    assert fresh_campaign(None) is None


def test_a_campaign_chosen_in_one_app_is_the_one_every_app_opens(tmp_path, monkeypatch):
    """Loading a folder in a picker makes it the start of every app, and of waiting kernels."""
    from wagekit.widgets.runtime.context import chosen_folder, remember_folder

    monkeypatch.setenv("WAGEKIT_HOME", str(tmp_path / "home"))
    first, other = tmp_path / "first", tmp_path / "other"
    shutil.copytree(FIXTURE, first)
    shutil.copytree(FIXTURE, other)
    monkeypatch.setenv("WAGEKIT_CAMPAIGN", str(first))
    waiting = preload_campaign()
    assert Path(waiting.folder).resolve() == first.resolve()
    remember_folder(other)
    assert chosen_folder() == other.resolve()
    assert Path(fresh_campaign(waiting).folder).resolve() == other.resolve()
    monkeypatch.setenv("WAGEKIT_CAMPAIGN", str(FIXTURE))  # another folder served: choice lapses
    assert chosen_folder() == FIXTURE
