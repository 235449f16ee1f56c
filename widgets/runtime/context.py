"""App context 应用环境: the day of the figures and the workspace store an app works with.

Every app computes its figures *as of* 截至 one day: the day given to the app, else
``$WAGEKIT_AS_OF`` (``YYYY-MM-DD``; tests and training sessions fix the day with it so the apps
show the same figures as ``wagekit summary --as-of``), else today. The *workspace store* 工作区
is the one given to the app, else the one ``$WAGEKIT_DB`` names (or the default SQLite file),
opened only when the app first writes or reads inspectors' records.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from ..components.campaign import CampaignPicker

__all__ = [
    "AS_OF_ENV",
    "app_as_of",
    "app_picker",
    "app_store",
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


def app_picker(
    campaign: Any = None, folder: str | Path | None = None, **kwargs: Any
) -> CampaignPicker:
    """Build a campaign picker holding ``campaign`` (already loaded), else loading ``folder``.

    With ``campaign`` the picker does not load anything: it shows that campaign's load report and
    holds it in its ``campaign`` trait, so apps built in tests skip the slow load.
    """
    if campaign is None:
        return CampaignPicker(folder, **kwargs)
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
    after the first one reads the ledgers back in a fraction of a second. It also imports the
    store's modules (SQLAlchemy and Alembic, about a second), so that after the request the app
    only opens the store.
    """
    import wagekit.store  # noqa: F401  (imported ahead; opened after the request)
    from wagekit.cache import load_cached
    from wagekit.load import CampaignError
    from wagekit.paths import default_campaign_folder

    folder = Path(folder) if folder else default_campaign_folder()
    try:
        # Taken before reading, so that a file changed while it was read counts as changed.
        seen = _fingerprint(folder)
        campaign = load_cached(folder)
    except (CampaignError, OSError, ValueError):
        return None
    _PRELOADED[_folder_key(campaign.folder)] = seen
    return campaign


# Campaign folder -> the fingerprint of its files when preload_campaign read it.
_PRELOADED: dict[str, tuple] = {}


def _folder_key(folder: str | Path) -> str:
    return str(Path(folder).resolve())


def _fingerprint(folder: Path) -> tuple:
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
    try:
        if _PRELOADED.get(_folder_key(folder)) == _fingerprint(folder):
            return campaign
    except OSError:
        pass
    return preload_campaign(folder)
