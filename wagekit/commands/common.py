"""What every command shares 命令公用部分: arguments, the campaign, the workspace, exit codes.

A command reads a *campaign* 专项行动 folder (through the load cache, :func:`load_campaign`) and
a *workspace* 工作区, the store named by ``--db URL``, else ``$WAGEKIT_DB``, else the default
SQLite file (:func:`open_store`, which says on stderr where it is and refuses one inside the
campaign folder, which wagekit only reads). The campaign *as recorded* 记录后的活动 is its
ledgers merged with the workspace in use (:func:`recorded_with_workspace`). An input that cannot
be used at all raises :class:`UnusableInput` (exit 2); a request the store refuses is exit 1
(:func:`guard`). ``--unmasked`` shows full ID numbers and bank accounts and is written to the
audit trail under ``--by``, else the login name (:func:`login_name`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from wagekit import terminal
from wagekit.recorded import Recorded, recorded_campaign, store_in_use
from wagekit.store import (
    CampaignKey,
    RecordNotFoundError,
    Store,
    StoreError,
    display_url,
    resolve_url,
)

__all__ = [
    "UnusableInput",
    "add_db_argument",
    "add_unmasked_arguments",
    "date_argument",
    "guard",
    "load_campaign",
    "login_name",
    "open_store",
    "order_of_campaign",
    "recorded_with_workspace",
]


class UnusableInput(Exception):
    """The campaign folder or the workspace cannot be used (exit 2)."""


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--db URL`` to a command's parser."""
    parser.add_argument(
        "--db",
        metavar="URL",
        help="工作区数据库（SQLAlchemy URL，如 postgresql://用户@主机/库）；"
        "默认取环境变量 WAGEKIT_DB，否则为用户数据目录下的 workspace.sqlite",
    )


def add_unmasked_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--unmasked`` and the ``--by`` its audit row names."""
    parser.add_argument(
        "--unmasked",
        action="store_true",
        help="显示完整的身份证号和银行账号（默认隐藏中间各位）；此次查看记入操作记录",
    )
    parser.add_argument(
        "--by", metavar="NAME", help="使用 --unmasked 时记入操作记录的姓名（默认为系统登录名）"
    )


def date_argument(text: str) -> dt.date:
    """An argparse ``type`` for a day written YYYY-MM-DD (``--as-of``)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，实际为：{text}") from exc


def open_store(db: str | None, campaign_folder: str | Path | None = None) -> Store:
    """Open the workspace a command names, say where it is; refuse one in the campaign folder."""
    url = resolve_url(db)
    where = display_url(url)
    if campaign_folder is not None and url.startswith("sqlite"):
        folder = Path(campaign_folder).resolve()
        if Path(where) == folder or folder in Path(where).parents:
            raise UnusableInput(
                f"工作区文件 {where} 位于活动文件夹内；wagekit 不向活动文件夹写入，请换一个位置"
            )
    print(f"工作区：{where}", file=sys.stderr)
    try:
        return Store.open(url)
    except (SQLAlchemyError, OSError) as error:
        raise UnusableInput(f"无法打开工作区 {where}：{error}") from error


def recorded_with_workspace(db: str | None, campaign: Any) -> Recorded:
    """The campaign as recorded: merged with the workspace in use, or its ledgers alone.

    A workspace is in use when ``--db`` or ``$WAGEKIT_DB`` names one, or when the default
    SQLite file exists (reading figures never creates it). Raises :class:`UnusableInput` when
    the named workspace cannot be opened.
    """
    if not store_in_use(db):
        return recorded_campaign(campaign, None)
    with open_store(db, campaign.folder) as store:
        return recorded_campaign(campaign, store)


def load_campaign(folder: str):
    """The campaign, through the load cache: an inspector records case after case."""
    from wagekit.cache import load_cached
    from wagekit.load import CampaignError

    try:
        return load_cached(folder)
    except CampaignError as error:
        raise UnusableInput(str(error)) from error


def guard(function: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn refusals into exit 1 and unusable inputs into exit 2, with the message on stderr."""

    def run(args: argparse.Namespace) -> int:
        try:
            return function(args)
        except StoreError as error:
            print(terminal.shown(f"未写入：{error}"), file=sys.stderr)
            return 1
        except UnusableInput as error:
            print(terminal.shown(str(error)), file=sys.stderr)
            return 2

    return run


def login_name() -> str:
    """Who runs the command, for the audit trail when no ``--by`` is given."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor the user database
        return "（系统用户未知）"


def order_of_campaign(store: Store, key: CampaignKey, order_id: int) -> pd.Series:
    """The campaign's order ``order_id`` as listed; refused when it is not one of its orders."""
    orders = store.records(key, "orders")
    found = orders[orders["id"] == order_id]
    if not found.empty:
        return found.iloc[0]
    try:
        store.get("orders", order_id)
        reason = "属于另一个专项行动"
    except RecordNotFoundError:
        reason = "工作区中没有这条记录"
    raise RecordNotFoundError(
        f"记录 {order_id} 不是“{key}”的执法文书（{reason}）；运行 wagekit orders 查看本活动的文书"
    )
