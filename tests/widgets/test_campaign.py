from pathlib import Path
from types import SimpleNamespace

import pandas as pd
from wagekit.widgets import CampaignPicker

CAMPAIGN = Path(__file__).resolve().parents[1] / "browser" / "fixtures" / "campaign"


def test_default_folder_comes_from_environment(monkeypatch):
    """WAGEKIT_CAMPAIGN (set by wagekit serve) is the folder the picker opens on."""
    monkeypatch.setenv("WAGEKIT_CAMPAIGN", str(CAMPAIGN))
    picker = CampaignPicker(autoload=False)
    assert picker.w_path.value == str(CAMPAIGN)


def test_loading_sets_campaign_and_shows_report():
    """Clicking 读取台账 loads the folder into the campaign trait and lists rejected rows."""
    picker = CampaignPicker(CAMPAIGN, autoload=False)
    picker.w_load.click()
    assert picker.campaign is not None and picker.folder == str(CAMPAIGN)
    assert "浏览器测试专项行动" in picker.w_title.value
    assert "数量不是有效的整数" in picker.w_report.w_table.w_html.value


def test_folder_without_campaign_toml_shows_error_on_screen(tmp_path):
    """A folder that is no campaign gives a Chinese error, and no campaign."""
    picker = CampaignPicker(tmp_path)
    assert picker.campaign is None
    assert picker.w_alert.kind == "error" and "campaign.toml" in picker.w_alert.message


def test_loader_failure_is_shown_not_raised():
    """An exception from the loader lands in the alert and the button works again."""

    def broken(_folder, _progress):
        raise OSError("文件被其他程序占用")

    picker = CampaignPicker(CAMPAIGN, loader=broken)
    assert "文件被其他程序占用" in picker.w_alert.message
    assert not picker.w_load.disabled and not picker.w_progress.visible


def test_loader_progress_is_reported():
    """The loader's progress callback moves the bar while loading."""
    seen = []

    def loader(_folder, progress):
        progress("publicity", 1, 2)
        seen.append(picker.w_progress.w_caption.value)
        return SimpleNamespace(report=pd.DataFrame(), config=SimpleNamespace(name="甲", region=""))

    picker = CampaignPicker(CAMPAIGN, loader=loader, autoload=False)
    picker.w_load.click()
    assert seen == ["正在读取 publicity（1/2）"]
