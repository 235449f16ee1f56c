"""Load cache 读取缓存: a campaign folder read once, reused until one of its files changes.

Reading and checking the ledgers of a county takes seconds (minutes at the largest scale), and
the workbook reads them in every app kernel Voila starts — six at once when the server starts,
one more each time an app is opened. The cache keeps the *result* of :func:`wagekit.load.load`
(every table, the load report) so that a kernel reads it back in a fraction of a second.

An *entry* 缓存条目 is one loaded campaign, stored as Arrow IPC files (one per table and one for
the rejected rows) and a JSON file with the report's counts and notes, in a folder named by its
*key*: a digest of the bytes of every file of the campaign folder, of wagekit's own code and of
the versions of the libraries that read the files. Any change to a ledger, to campaign.toml or
to wagekit makes a new key, so a stale entry is never used: it is read again and replaced.
Entries live in the workspace folder (``$WAGEKIT_HOME/cache``), never in a campaign folder,
which wagekit only reads; they hold what the ledgers hold (ID numbers included) and are
readable by their owner only. ``WAGEKIT_CACHE=off`` turns the cache off. A cache that cannot be
written (disk full, read-only folder) or an entry that cannot be read only costs the time of
reading the ledgers again: loading never fails because of the cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pyarrow as pa
import pyarrow.feather as feather
from filelock import FileLock, Timeout

import wagekit
from wagekit.config import ConfigError, read_config
from wagekit.load import Campaign, CampaignError, LoadReport, TableReport, inside_folder, load
from wagekit.paths import workspace_dir
from wagekit.schema import TABLE_ORDER

__all__ = ["CACHE_ENV", "cache_dir", "cache_key", "campaign_files", "load_cached"]

CACHE_ENV = "WAGEKIT_CACHE"
# Bump when the layout of an entry changes.
_FORMAT = 1
_ERRORS = "_errors"
_META = "meta.json"
# A kernel waits this long for another one reading the same folder before reading it itself.
_LOCK_TIMEOUT_S = 600


def cache_dir() -> Path:
    """The folder of the load cache: ``cache/`` in the workspace folder."""
    return workspace_dir() / "cache"


def _file_digest(path: Path) -> bytes:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()


def _code_digest() -> str:
    """A digest of wagekit's modules that read and check ledgers, and the readers' versions."""
    digest = hashlib.sha256(f"{_FORMAT}|{wagekit.__version__}".encode())
    for library in ("pandas", "pyarrow", "python-calamine", "pandera"):
        digest.update(f"|{library}={metadata.version(library)}".encode())
    package = Path(wagekit.__file__).parent
    # The loader is a package of its own: a change to any of its modules makes a new key.
    for path in sorted([*package.glob("*.py"), *package.glob("load/*.py")]):
        digest.update(path.relative_to(package).as_posix().encode() + _file_digest(path))
    return digest.hexdigest()


def campaign_files(folder: Path | str) -> list[Path]:
    """The files whose content a loaded campaign depends on: every visible file, by name."""
    return [
        path
        for path in sorted(Path(folder).iterdir())
        if path.is_file() and not path.name.startswith(".")
    ]


def cache_key(folder: Path | str) -> str:
    """The key of a campaign folder's entry: its files' names and bytes, and wagekit's code.

    A link leaving the folder counts by its name only: the loader refuses it unread, and so
    does the key.
    """
    digest = hashlib.sha256(_code_digest().encode())
    for path in campaign_files(folder):
        if inside_folder(Path(folder), path):
            digest.update(f"|{path.name}|".encode() + _file_digest(path))
        else:
            digest.update(f"|{path.name}|outside".encode())
    return digest.hexdigest()


def _folder_id(folder: Path) -> str:
    return hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]


def _write_entry(campaign: Campaign, final: Path) -> None:
    """Write an entry next to ``final`` and move it into place in one rename."""
    final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = Path(tempfile.mkdtemp(prefix=".writing-", dir=final.parent))
    try:
        for name, frame in campaign.tables.items():
            feather.write_feather(frame, staging / f"{name}.arrow")
        feather.write_feather(campaign.report.errors, staging / f"{_ERRORS}.arrow")
        meta = {
            "folder": str(campaign.folder.resolve()),
            "tables": list(campaign.tables),
            "reports": {n: dataclasses.asdict(t) for n, t in campaign.report.tables.items()},
            "notes": campaign.report.notes,
        }
        # The meta file last: an entry without it is incomplete and never read.
        (staging / _META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        shutil.rmtree(final, ignore_errors=True)  # a broken entry read before
        os.replace(staging, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _read_entry(entry: Path, folder: Path) -> Campaign:
    meta = json.loads((entry / _META).read_text(encoding="utf-8"))
    tables = {name: feather.read_feather(entry / f"{name}.arrow") for name in meta["tables"]}
    report = LoadReport(
        tables={name: TableReport(**fields) for name, fields in meta["reports"].items()},
        errors=feather.read_feather(entry / f"{_ERRORS}.arrow"),
        notes=list(meta["notes"]),
    )
    try:
        config = read_config(folder / "campaign.toml")
    except ConfigError as exc:
        raise CampaignError(str(exc)) from exc
    return Campaign(folder=folder, config=config, tables=tables, report=report)


def _drop_other_entries(root: Path, folder_id: str, keep: Path) -> None:
    """Remove the folder's older entries: only the newest reading of a folder is kept."""
    for entry in root.glob(f"{folder_id}-*"):
        if entry != keep:
            shutil.rmtree(entry, ignore_errors=True)


def _drop_vanished_entries(root: Path) -> None:
    """Remove entries of campaign folders that no longer exist, and writes left half done.

    Entries hold ID numbers; a campaign folder deleted or moved (last winter's, a training
    copy) must not leave its copy behind. A staging folder older than a day is a write that
    crashed. Anything unreadable is left alone: pruning is tidiness, never a reason to fail.
    """
    day_ago = time.time() - 86_400
    for path in root.iterdir():
        try:
            if path.name.startswith(".writing-"):
                if path.stat().st_mtime < day_ago:
                    shutil.rmtree(path, ignore_errors=True)
                continue
            meta = path / _META
            if not meta.is_file():
                continue
            folder = json.loads(meta.read_text(encoding="utf-8"))["folder"]
            if not Path(folder).is_dir():
                # Its empty lock file stays: another process might hold it.
                shutil.rmtree(path, ignore_errors=True)
        except (OSError, ValueError, KeyError, TypeError):
            continue


def load_cached(
    folder: Path | str,
    progress: Callable[[str, int, int], None] | None = None,
    *,
    root: Path | None = None,
) -> Campaign:
    """Load a campaign folder as :func:`wagekit.load.load` does, through the load cache.

    Returns a campaign equal to what ``load(folder)`` returns (same tables, dtypes and report).
    Kernels loading the same folder at the same moment wait for the first one and then read its
    entry. ``root`` is the cache folder (default :func:`cache_dir`).
    """
    folder = Path(folder)
    if os.environ.get(CACHE_ENV, "").strip().lower() in ("off", "0", "no", "false"):
        return load(folder, progress)
    if not folder.is_dir():
        raise CampaignError(f"找不到活动文件夹：{folder}")
    root = root or cache_dir()
    try:
        key = cache_key(folder)
        # The workspace folder too, when the cache is the first to make it: owner only.
        root.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        root.mkdir(exist_ok=True, mode=0o700)
        lock = FileLock(root / f"{_folder_id(folder)}.lock", timeout=_LOCK_TIMEOUT_S)
        lock.acquire()
    except (OSError, Timeout):
        return load(folder, progress)
    try:
        entry = root / f"{_folder_id(folder)}-{key[:32]}"
        if (entry / _META).is_file():
            try:
                campaign = _read_entry(entry, folder)
                if progress:
                    progress("", len(TABLE_ORDER), len(TABLE_ORDER))
                return campaign
            except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
                shutil.rmtree(entry, ignore_errors=True)
        campaign = load(folder, progress)
        try:
            _write_entry(campaign, entry)
            _drop_other_entries(root, _folder_id(folder), entry)
            _drop_vanished_entries(root)
        except (OSError, ValueError, pa.ArrowException):
            pass  # the campaign is loaded; only the next reading will be slow again
        return campaign
    finally:
        lock.release()
