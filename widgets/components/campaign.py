"""Campaign picker 选择专项行动: choose a campaign folder, load it, see its load report.

Opens on the default campaign (``$WAGEKIT_CAMPAIGN``, which ``wagekit serve`` sets, else the
bundled sample ``sample_data/demo``). The user can type another folder on the server's disk or
pick one of the folders next to it. Loading shows progress and ends either in the ``campaign``
trait (which the notebook observes) or in an error message on screen; rejected rows are listed
in the :class:`~wagekit.widgets.components.load_report.LoadReportView` below.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from wagekit.paths import confine_to_root, default_campaign_folder, inside_root

from .errors import Alert, shows_errors
from .load_report import LoadReportView
from .progress import ProgressBar

__all__ = ["CampaignPicker", "campaign_folders_near"]


def campaign_folders_near(folder: Path) -> list[Path]:
    """Campaign folders (holding a campaign.toml) beside ``folder`` and ``folder`` itself."""
    candidates = {folder}
    parent = folder.parent
    if parent.is_dir():
        candidates |= {p for p in parent.iterdir() if (p / "campaign.toml").is_file()}
    return sorted(p for p in candidates if (p / "campaign.toml").is_file())


def _default_loader(folder: Path, progress: Callable[[str, int, int], None]) -> Any:
    from wagekit.cache import load_cached

    return load_cached(folder, progress=progress)


class CampaignPicker(widgets.VBox):
    """A folder field, a list of nearby campaigns, a load button and the load report.

    Parameters
    ----------
    folder
        Folder to start on (default: ``$WAGEKIT_CAMPAIGN`` or the bundled sample).
    loader
        ``loader(folder, progress)`` returning a campaign; defaults to
        :func:`wagekit.cache.load_cached` (the ledgers, or the load cache when they have not
        changed). ``progress(table, done, total)`` advances the bar.
    autoload
        Load the starting folder at once.

    """

    folder = traitlets.Unicode("", help="The campaign folder chosen (absolute path).")
    campaign = traitlets.Any(None, help="The loaded campaign, or None before loading.")

    def __init__(
        self,
        folder: str | Path | None = None,
        *,
        loader: Callable[..., Any] | None = None,
        autoload: bool = True,
        **kwargs: Any,
    ) -> None:
        start = Path(folder).expanduser() if folder else default_campaign_folder()
        self._loader = loader or _default_loader
        self.w_path = widgets.Text(
            value=str(start),
            description="台账文件夹",
            placeholder="输入活动文件夹的完整路径",
            layout={"width": "560px"},
            style={"description_width": "80px"},
        )
        nearby = campaign_folders_near(start.resolve()) if start.exists() else []
        nearby = [path for path in nearby if inside_root(path)]  # $WAGEKIT_ROOT only
        self.w_known = widgets.Dropdown(
            options=[("（选择已有的活动）", "")] + [(p.name, str(p)) for p in nearby],
            value="",
            description="已有活动",
            layout={"width": "560px"},
            style={"description_width": "80px"},
        )
        self.w_load = widgets.Button(
            description="读取台账", icon="folder-open", button_style="primary"
        )
        self.w_alert = Alert()
        self.w_progress = ProgressBar()
        self.w_title = widgets.HTML()
        self.w_report = LoadReportView()
        super().__init__(
            [
                self.w_path,
                widgets.HBox([self.w_known, self.w_load]),
                self.w_progress,
                self.w_alert,
                self.w_title,
                self.w_report,
            ],
            **kwargs,
        )
        self.add_class("wagekit-campaign-picker")
        self.w_known.observe(self._on_known_change, names="value")
        self.w_load.on_click(self._on_load_click)
        if autoload:
            self._on_load_click(self.w_load)

    def _on_known_change(self, change: dict) -> None:
        if change["new"]:
            self.w_path.value = change["new"]

    @shows_errors("w_alert", button="w_load", busy="正在读取台账，请稍候……")
    def _on_load_click(self, _button: widgets.Button) -> None:
        folder = confine_to_root(Path(self.w_path.value.strip()).expanduser())
        if not str(folder).strip() or not folder.is_dir():
            raise FileNotFoundError(f"找不到文件夹：{folder}，请检查路径是否正确。")
        if not (folder / "campaign.toml").is_file():
            raise FileNotFoundError(f"文件夹 {folder} 中没有 campaign.toml，不是专项行动文件夹。")
        self.w_progress.start(None, "正在读取台账……")

        def progress(table: str, done: int, total: int) -> None:
            self.w_progress.w_bar.max = max(total, 1)
            self.w_progress.w_bar.value = done
            self.w_progress.w_caption.value = f"正在读取 {table}（{done}/{total}）"

        try:
            campaign = self._loader(folder, progress)
        finally:
            self.w_progress.finish()
        self.w_report.show(getattr(campaign, "report", None))
        config = getattr(campaign, "config", None)
        name = getattr(config, "name", "") or folder.name
        region = getattr(config, "region", "")
        self.w_title.value = (
            f"<h3 class='wagekit-campaign-title'>{html.escape(str(name))}"
            f"<small style='margin-left:8px;color:#666'>{html.escape(str(region))}</small></h3>"
        )
        with self.hold_trait_notifications():
            self.folder = str(folder.resolve())
            self.campaign = campaign
