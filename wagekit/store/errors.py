"""Errors of the workspace store 工作区; every message is plain Chinese for the user.

A *refused write* 拒绝写入 changes nothing: the transaction that would have made it is rolled
back, so the record and its audit rows stay exactly as they were.
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "StoreError",
    "InvalidValueError",
    "UnknownIdError",
    "RecordNotFoundError",
    "StaleVersionError",
    "StoreNotEmptyError",
    "DuplicateRecordError",
]


class StoreError(ValueError):
    """A write or read the store refused; ``str(error)`` is the Chinese message."""


class InvalidValueError(StoreError):
    """An impossible value: unknown status or kind, a date that does not exist or is disordered."""


class DuplicateRecordError(InvalidValueError):
    """The same record entered again within a minute (a second click, a form sent twice)."""


class UnknownIdError(StoreError):
    """A case or subject id that the campaign's ledgers do not know."""


class RecordNotFoundError(StoreError):
    """The record asked for does not exist (or was deleted)."""


class StoreNotEmptyError(StoreError):
    """``load`` was asked to fill a store that already holds records."""


class StaleVersionError(StoreError):
    """An edit was made from a stale version: someone else changed the record in between.

    ``changed_by`` and ``changed_at`` (local time) say who made the change the editor did not see.
    """

    def __init__(self, changed_by: str, changed_at: dt.datetime, *, deleted: bool = False) -> None:
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.deleted = deleted
        verb = "删除" if deleted else "修改"
        super().__init__(
            f"该记录已被 {changed_by} 于 {changed_at:%Y-%m-%d %H:%M} {verb}，请刷新后再试"
        )
