"""The campaign folder 活动文件夹: each table's file found, and every table loaded in order.

Terms. A table's *file* 台账文件 is found by its name without extension, English or Chinese
(``projects.xlsx``, ``在建工程项目台账.csv``), folded as headers are, with an extension of
:data:`wagekit.load.files.SUFFIXES`; Office's lock files (``~$``) and hidden files are not
ledgers. Two files for one table are *ambiguous* 多个文件 and neither is read. A file that is a
*link leaving the folder* 指向文件夹以外的链接 is refused unread: a link may point at anything the
server can read. Tables load in :data:`wagekit.schema.TABLE_ORDER`, each after the tables its
references name, whose *keys* 编号 it is checked against. A case on a known project takes the
project's investment type.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from wagekit import parse
from wagekit.config import ConfigError, read_config
from wagekit.load.files import SUFFIXES
from wagekit.load.report import Campaign, CampaignError, LoadReport, TableReport, error_frame
from wagekit.load.table import load_table
from wagekit.schema import TABLE_ORDER, TABLES

__all__ = ["find_table_files", "inside_folder", "load"]


def _stem_key(path: Path) -> str:
    return parse.header_key(path.stem).lower()


def find_table_files(folder: Path) -> dict[str, list[Path]]:
    """The files of each table in a folder, by English or Chinese name (several = ambiguous)."""
    found: dict[str, list[Path]] = {}
    candidates = [
        p
        for p in sorted(Path(folder).iterdir())
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", "."))
    ]
    for name in TABLE_ORDER:
        stems = {parse.header_key(s).lower() for s in TABLES[name].stems}
        matches = [p for p in candidates if _stem_key(p) in stems]
        if matches:
            found[name] = matches
    return found


def load(folder: Path | str, progress: Callable[[str, int, int], None] | None = None) -> Campaign:
    """Load a campaign folder (CONTRACT section 1).

    Raises :class:`CampaignError` when the folder or its campaign.toml cannot be used; every
    problem with a ledger goes to the returned campaign's :class:`LoadReport`. ``progress`` is
    called with (table name, tables done, tables in all) as loading goes on.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CampaignError(f"找不到活动文件夹：{folder}")
    if not inside_folder(folder, folder / "campaign.toml"):
        raise CampaignError(_OUTSIDE.format(name="campaign.toml"))
    try:
        config = read_config(folder / "campaign.toml")
    except ConfigError as exc:
        raise CampaignError(str(exc)) from exc
    files = find_table_files(folder)
    report = LoadReport()
    tables: dict[str, pd.DataFrame] = {}
    keys: dict[str, pd.Index] = {}
    all_errors = []
    for done, name in enumerate(TABLE_ORDER):
        if progress:
            progress(name, done, len(TABLE_ORDER))
        if name not in files:
            continue
        paths = files[name]
        if len(paths) > 1:
            listed = "、".join(p.name for p in paths)
            report.tables[name] = TableReport(name, paths[0].name)
            all_errors.append(
                error_frame(
                    name,
                    paths[0].name,
                    [None],
                    [None],
                    [listed],
                    [f"{TABLES[name].title}有多个文件：{listed}，请只保留一个"],
                    ["ambiguous_file"],
                )
            )
            continue
        if not inside_folder(folder, paths[0]):
            # Read nothing of it: a link may point at anything the server can read.
            report.tables[name] = TableReport(name, paths[0].name, unreadable=True)
            all_errors.append(
                error_frame(
                    name,
                    paths[0].name,
                    [None],
                    [None],
                    [None],
                    [_OUTSIDE.format(name=paths[0].name)],
                    ["outside_folder"],
                )
            )
            continue
        result = load_table(paths[0], TABLES[name], keys)
        report.tables[name] = result.report
        report.notes.extend(result.notes)
        all_errors.append(result.errors)
        if not result.usable:
            continue
        tables[name] = result.frame
        if result.keys is not None:
            keys[name] = result.keys
    if progress:
        progress("", len(TABLE_ORDER), len(TABLE_ORDER))
    if all_errors:
        report.errors = pd.concat(all_errors, ignore_index=True)
    if "cases" in tables and "projects" in tables:
        tables["cases"] = _case_investment_types(tables["cases"], tables["projects"])
    return Campaign(folder=folder, config=config, tables=tables, report=report)


_OUTSIDE = (
    "{name} 是指向活动文件夹以外的链接（快捷方式），为安全起见未读取；"
    "请把文件本身复制到活动文件夹中"
)


def inside_folder(folder: Path, path: Path) -> bool:
    """Whether a file of the folder, links followed, is still inside the folder."""
    try:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError):
        return False


def _case_investment_types(cases: pd.DataFrame, projects: pd.DataFrame) -> pd.DataFrame:
    """A case on a known project takes the project's investment type."""
    by_project = projects.set_index("project_id")["investment_type"]
    from_project = cases["project_id"].map(by_project)
    cases = cases.copy()
    cases["investment_type"] = from_project.fillna(cases["investment_type"]).astype("str")
    return cases
