"""App context 应用环境: the day of the figures and the workspace store an app works with.

Every app computes its figures *as of* 截至 one day: the day given to the app, else
``$WAGEKIT_AS_OF`` (``YYYY-MM-DD``; tests and training sessions fix the day with it so the apps
show the same figures as ``wagekit summary --as-of``), else today. The *workspace store* 工作区
is the one given to the app, else the one ``$WAGEKIT_DB`` names (or the default SQLite file),
opened only when the app first writes or reads inspectors' records.

The *campaign folder* 活动文件夹 is chosen once for every app: when someone loads another
folder in any app's picker, the choice is written to a small file in the workspace folder
(``chosen-campaign.json``, beside the default store), and every app opened afterwards starts
on it. A file, not a kernel variable, because each Voila page runs in a kernel of its own;
the choice is tied to the folder ``wagekit serve`` was started on (``$WAGEKIT_CAMPAIGN``), so
serving another campaign starts on that one again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from ..components.campaign import CampaignPicker

__all__ = [
    "AS_OF_ENV",
    "app_as_of",
    "app_picker",
    "app_store",
    "chosen_folder",
    "folder_fingerprint",
    "remember_folder",
    "fresh_campaign",
    "preload_campaign",
]

AS_OF_ENV = "WAGEKIT_AS_OF"


def app_as_of(as_of: dt.date | str | None = None) -> dt.date:
    """Return the day of the figures: ``as_of``, else ``$WAGEKIT_AS_OF``, else today."""
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    text = (as_of or os.environ.get(AS_OF_ENV, "")).strip()
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"统计截至日期应写成 YYYY-MM-DD，实际为：{text}") from error


def app_store(store: Any = None) -> Any:
    """Return the store given, else open the one ``$WAGEKIT_DB`` names (or the default)."""
    if store is not None:
        return store
    from wagekit.store import Store

    return Store.open()


_CHOSEN_FILE = "chosen-campaign.json"


def _chosen_path() -> Path:
    from wagekit.paths import workspace_dir

    return workspace_dir() / _CHOSEN_FILE


def _served() -> str:
    from wagekit.paths import CAMPAIGN_ENV

    return os.environ.get(CAMPAIGN_ENV, "").strip()


def _saved_choice() -> Path | None:
    """The folder last chosen in a picker, while it still counts (see :func:`chosen_folder`)."""
    try:
        saved = json.loads(_chosen_path().read_text(encoding="utf-8"))
        folder = Path(saved["folder"])
        if saved.get("served", "") == _served() and (folder / "campaign.toml").is_file():
            return folder
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def chosen_folder() -> Path:
    """The campaign folder every app starts on: the one last chosen in a picker, else default.

    A choice counts only while it is still a folder and the apps serve what they served when
    it was made; otherwise it is :func:`wagekit.paths.default_campaign_folder`.
    """
    from wagekit.paths import default_campaign_folder

    return _saved_choice() or default_campaign_folder()


def remember_folder(folder: str | Path) -> None:
    """Make ``folder`` the campaign every app opens from now on (no-op when it already is)."""
    folder = Path(folder).resolve()
    if chosen_folder().resolve() == folder:
        return
    path = _chosen_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = json.dumps({"folder": str(folder), "served": _served()}, ensure_ascii=False)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def app_picker(
    campaign: Any = None, folder: str | Path | None = None, **kwargs: Any
) -> CampaignPicker:
    """Build a campaign picker holding ``campaign`` (already loaded), else loading ``folder``.

    Without either it loads :func:`chosen_folder`.

    With ``campaign`` the picker does not load anything: it shows that campaign's load report and
    holds it in its ``campaign`` trait, so apps built in tests skip the slow load.
    """
    if campaign is None:
        return CampaignPicker(folder or chosen_folder(), **kwargs)
    start = folder or getattr(campaign, "folder", None)
    picker = CampaignPicker(start, autoload=False, **kwargs)
    picker.w_report.show(getattr(campaign, "report", None))
    with picker.hold_trait_notifications():
        picker.folder = str(Path(start).resolve()) if start else ""
        picker.campaign = campaign
    return picker


def preload_campaign(folder: str | Path | None = None) -> Any:
    """Load the starting campaign ahead of the first visitor, or None when it cannot be loaded.

    A notebook calls this before :func:`wagekit.widgets.runtime.request.wait_for_request`, so that
    Voila's pre-heated kernel has read the ledgers before anyone opens the app. On failure it
    returns None and the app's campaign picker loads the folder again, showing the reason on
    screen. Loading goes through the load cache (:mod:`wagekit.cache`), so a kernel started
    after the first one reads the ledgers back in a fraction of a second. A process that already
    read the folder, unchanged since, returns what it read: a kernel forked from the workbook's
    template (:mod:`wagekit.forked_kernels`) shares the template's copy instead of reading its
    own. It also imports the store's modules (SQLAlchemy and Alembic, about a second), so that
    after the request the app only opens the store.
    """
    import wagekit.store  # noqa: F401  (imported ahead; opened after the request)
    from wagekit.cache import load_cached
    from wagekit.load import CampaignError

    folder = Path(folder) if folder else chosen_folder()
    try:
        # Taken before reading, so that a file changed while it was read counts as changed.
        seen = folder_fingerprint(folder)
        read = _PRELOADED.get(_folder_key(folder))
        if read is not None and read[0] == seen:
            return read[1]
        campaign = load_cached(folder)
    except (CampaignError, OSError, ValueError):
        return None
    _PRELOADED[_folder_key(campaign.folder)] = (seen, campaign)
    return campaign


# Campaign folder -> the fingerprint of its files when preload_campaign read it, and what it read.
_PRELOADED: dict[str, tuple[tuple, Any]] = {}


def _folder_key(folder: str | Path) -> str:
    return str(Path(folder).resolve())


def folder_fingerprint(folder: Path) -> tuple:
    """Names, sizes and modification times of the campaign's files: cheap at any scale.

    The files are those the load cache keys on (:func:`wagekit.cache.campaign_files`).
    """
    from wagekit.cache import campaign_files

    stats = ((path.name, path.stat()) for path in campaign_files(folder))
    return tuple((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats)


def fresh_campaign(campaign: Any) -> Any:
    """The campaign :func:`preload_campaign` read, or read again if its folder changed since.

    A pre-heated kernel may wait hours for its visitor (overnight, over a weekend) while a
    clerk corrects a ledger. The notebook calls this after ``wait_for_request()``: when no
    file of the folder was touched it returns the same campaign at once; otherwise it reads
    the folder again (through the load cache, which reads the ledgers only if their bytes
    changed), or returns None when the folder can no longer be read, so that the app's
    campaign picker shows why.
    """
    if campaign is None:
        return None
    folder = Path(campaign.folder)
    chosen = _saved_choice()
    if chosen is not None and _folder_key(chosen) != _folder_key(folder):
        # Another app's picker chose another campaign while this kernel waited.
        return preload_campaign(chosen)
    try:
        read = _PRELOADED.get(_folder_key(folder))
        if read is not None and read[0] == folder_fingerprint(folder):
            return campaign
    except OSError:
        pass
    return preload_campaign(folder)
