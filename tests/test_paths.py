"""The root 可打开的范围: the one tree the apps' folder pickers may open (``WAGEKIT_ROOT``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from wagekit.widgets import CampaignPicker

from wagekit.paths import ROOT_ENV, confine_to_root, inside_root

CAMPAIGN = Path(__file__).resolve().parent / "browser" / "fixtures" / "campaign"


def test_without_a_root_any_folder_may_be_opened(monkeypatch, tmp_path):
    """Outside `wagekit serve` (Jupyter, tests) nothing is confined."""
    monkeypatch.delenv(ROOT_ENV, raising=False)
    assert inside_root(tmp_path) and confine_to_root(tmp_path) == tmp_path.resolve()


def test_folder_under_the_root_may_be_opened(monkeypatch, tmp_path):
    """The root itself and every folder under it are inside."""
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert inside_root(tmp_path) and inside_root(tmp_path / "a" / "b")


@pytest.mark.parametrize("way_out", ["..", "a/../..", "link"])
def test_no_way_leads_out_of_the_root(monkeypatch, tmp_path, way_out):
    """Neither .. nor a symbolic link leaves the root: refused with a Chinese message."""
    root = tmp_path / "root"
    (root / "a").mkdir(parents=True)
    (root / "link").symlink_to(tmp_path)
    monkeypatch.setenv(ROOT_ENV, str(root))
    with pytest.raises(PermissionError, match=f"只能打开 {root} 之内"):
        confine_to_root(root / way_out)


def test_picker_refuses_a_folder_outside_the_root_on_screen(monkeypatch, tmp_path):
    """A folder typed into the picker outside WAGEKIT_ROOT is refused, and none is loaded."""
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    picker = CampaignPicker(CAMPAIGN)
    assert picker.campaign is None
    assert picker.w_alert.kind == "error" and "只能打开" in picker.w_alert.message


def test_picker_lists_only_campaigns_inside_the_root(monkeypatch, tmp_path):
    """The campaigns beside the one served are offered only when they lie inside the root."""
    for name in ("served", "other"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "campaign.toml").write_text("", encoding="utf-8")
    monkeypatch.setenv(ROOT_ENV, str(tmp_path / "served"))
    confined = CampaignPicker(tmp_path / "served", autoload=False)
    assert [value for _, value in confined.w_known.options][1:] == [str(tmp_path / "served")]
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    wider = CampaignPicker(tmp_path / "served", autoload=False)
    assert len(wider.w_known.options) == 3
