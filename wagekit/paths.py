"""Where things are: the bundled sample campaign 示例台账 and the workbook notebooks 工作簿.

A campaign folder is chosen, in order, by the user (an argument or the picker), by the
environment variable ``WAGEKIT_CAMPAIGN`` (how ``wagekit serve`` hands the campaign to every
notebook kernel), or else is the sample shipped with the repository, ``sample_data/demo``. The
notebooks folder is ``WAGEKIT_NOTEBOOKS`` or the repository's ``notebooks/``. The workspace
folder 工作区文件夹 (the default store and the load cache) is ``WAGEKIT_HOME`` or the user's data
folder. The *root* 可打开的范围 is the one tree the apps' folder pickers may open:
``WAGEKIT_ROOT``, which ``wagekit serve`` sets to the campaign it serves unless the office set a
wider one; without it (a notebook opened in Jupyter, whose user has the whole disk anyway) any
folder may be opened.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = [
    "CAMPAIGN_ENV",
    "NOTEBOOKS_ENV",
    "ROOT_ENV",
    "confine_to_root",
    "inside_root",
    "picker_root",
    "repo_root",
    "sample_campaign_folder",
    "default_campaign_folder",
    "notebooks_folder",
    "workspace_dir",
]

CAMPAIGN_ENV = "WAGEKIT_CAMPAIGN"
NOTEBOOKS_ENV = "WAGEKIT_NOTEBOOKS"
ROOT_ENV = "WAGEKIT_ROOT"


def repo_root() -> Path:
    """The folder holding the ``wagekit`` package (the repository in an editable install)."""
    return Path(__file__).resolve().parent.parent


def sample_campaign_folder() -> Path:
    """The bundled sample campaign, ``sample_data/demo``."""
    return repo_root() / "sample_data" / "demo"


def default_campaign_folder() -> Path:
    """``$WAGEKIT_CAMPAIGN`` when set, else the bundled sample campaign."""
    chosen = os.environ.get(CAMPAIGN_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else sample_campaign_folder()


def notebooks_folder() -> Path:
    """``$WAGEKIT_NOTEBOOKS`` when set, else the repository's ``notebooks/`` folder."""
    chosen = os.environ.get(NOTEBOOKS_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else repo_root() / "notebooks"


def workspace_dir() -> Path:
    """The folder of the default workspace: ``$WAGEKIT_HOME``, else the user's data folder."""
    if home := os.environ.get("WAGEKIT_HOME"):
        return Path(home).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "wagekit"


def picker_root() -> Path | None:
    """``$WAGEKIT_ROOT`` with its links resolved, or None when it is not set."""
    chosen = os.environ.get(ROOT_ENV, "").strip()
    return Path(chosen).expanduser().resolve() if chosen else None


def inside_root(folder: Path | str) -> bool:
    """Whether ``folder``, its links followed, is the root or under it (True without a root)."""
    root = picker_root()
    return root is None or Path(folder).expanduser().resolve().is_relative_to(root)


def confine_to_root(folder: Path | str) -> Path:
    """``folder`` with its links resolved, or PermissionError when it lies outside the root.

    A folder is inside when it is the root or under it once every symbolic link is followed,
    so neither ``..`` nor a link leads out. The message says, in Chinese, which folder was
    refused and which tree may be opened.
    """
    if not inside_root(folder):
        raise PermissionError(
            f"不能打开文件夹 {folder}：工作簿只能打开 {picker_root()} 之内的文件夹。"
        )
    return Path(folder).expanduser().resolve()
