"""The workspace store 工作区: where what inspectors do is kept, attributed and never silently lost.

A *workspace* is one database, named by a SQLAlchemy URL: ``--db URL``, else the environment
variable ``WAGEKIT_DB``, else a SQLite file ``workspace.sqlite`` in the workspace folder
(``$WAGEKIT_HOME``, else the user's data folder, e.g. ``~/.local/share/wagekit``) — never in
a campaign folder, which wagekit only reads. A *write* 写入 (adding, changing or deleting one
record) is one transaction holding the record and its audit rows; a change names the *version*
版本 the editor saw and is refused with :class:`StaleVersionError` when the record has moved on
since. The read side returns DataFrames with the ledgers' dtypes (text "str", dates
datetime64[ns], money float64 yuan) so that the summary and the apps merge them with the
ledgers directly.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy import delete as sql_delete
from sqlalchemy.engine import make_url

from wagekit.paths import workspace_dir
from wagekit.schema import CLOSED_CASE_STATUSES
from wagekit.store import migrate
from wagekit.store.errors import (
    InvalidValueError,
    RecordNotFoundError,
    StaleVersionError,
    StoreError,
)
from wagekit.store.fields import FIELDS, audit_text, clean_record
from wagekit.store.models import RECORD_TABLES, AuditEntry, Campaign

__all__ = [
    "CampaignKey",
    "Store",
    "campaign_key",
    "workspace_dir",
    "default_url",
    "resolve_url",
    "display_url",
]

_CAMPAIGNS = Campaign.__table__
_AUDIT = AuditEntry.__table__
_SQLITE_BUSY_SECONDS = 30


@dataclass(frozen=True)
class CampaignKey:
    """What names a campaign in the store: its name and region from campaign.toml."""

    name: str
    region: str

    def __str__(self) -> str:
        return f"{self.region}·{self.name}"


def campaign_key(campaign: Any) -> CampaignKey:
    """Key a campaign given as a CampaignKey, a loaded Campaign, a CampaignConfig or a pair."""
    if isinstance(campaign, CampaignKey):
        return campaign
    config = getattr(campaign, "config", campaign)
    if hasattr(config, "name") and hasattr(config, "region"):
        return CampaignKey(config.name, config.region)
    name, region = campaign
    return CampaignKey(name, region)


def default_url() -> str:
    """The URL of the default workspace, a SQLite file in :func:`workspace_dir`."""
    return f"sqlite:///{workspace_dir() / 'workspace.sqlite'}"


def resolve_url(db: str | None = None) -> str:
    """The workspace a command uses: ``db`` (``--db``), else ``$WAGEKIT_DB``, else the default."""
    url = db or os.environ.get("WAGEKIT_DB") or default_url()
    # "postgresql://" would pick psycopg2, which wagekit does not install; psycopg 3 is the driver.
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            url = "postgresql+psycopg://" + url[len(plain) :]
    return url


def display_url(url: str) -> str:
    """The URL as it may be printed: the password hidden, a SQLite file as its path."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return str(Path(parsed.database).resolve())
    return parsed.render_as_string(hide_password=True)


def _display_zone() -> dt.tzinfo | None:
    try:
        return ZoneInfo(os.environ.get("WAGEKIT_TZ", "Asia/Shanghai"))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _local(moment: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) moment in the offices' time zone, naive, for display."""
    return moment.replace(tzinfo=dt.UTC).astimezone(_display_zone()).replace(tzinfo=None)


def _local_series(moments: pd.Series) -> pd.Series:
    """:func:`_local` over a whole column of stored moments."""
    zone = _display_zone()
    utc = pd.to_datetime(moments).astype("datetime64[ns]").dt.tz_localize("UTC")
    local = (
        utc.dt.tz_convert(zone)
        if zone is not None
        else utc.dt.tz_convert(dt.datetime.now().astimezone().tzinfo)
    )
    return local.dt.tz_localize(None).astype("datetime64[ns]")


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _who(by: str) -> str:
    if not isinstance(by, str) or not by.strip():
        raise InvalidValueError("请填写操作人（--by 姓名）")
    if len(by) > 100 or "\x00" in by:
        raise InvalidValueError("操作人姓名过长或含有无法保存的字符")
    return by


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        # Owner only: notes in the workspace may name workers and carry their ID numbers. SQLite
        # gives its -wal and -shm files the database file's permissions.
        database = Path(parsed.database).expanduser()
        database.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not database.exists():
            database.touch(mode=0o600, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": _SQLITE_BUSY_SECONDS})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # wagekit emits BEGIN itself (below), so that writers take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # A deferred transaction that reads and then writes fails at once ("database is locked")
        # when another process wrote in between; BEGIN IMMEDIATE waits for the lock instead.
        write = connection.get_execution_options().get("wagekit_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _frame(rows: list, columns: Mapping[str, str]) -> pd.DataFrame:
    """A DataFrame with the ledgers' dtypes from database rows (dates become datetime64[ns])."""
    # Plain tuples: pandas probes Row objects attribute by attribute, which is slow.
    frame = pd.DataFrame([tuple(row) for row in rows], columns=list(columns))
    for name, kind in columns.items():
        if kind == "date":
            frame[name] = pd.to_datetime(frame[name]).astype("datetime64[ns]")
        elif kind == "str":
            frame[name] = frame[name].astype("str").where(frame[name].notna())
        else:
            frame[name] = frame[name].astype(kind)
    return frame


_META = {"id": "int64", "version": "int64", "updated_by": "str", "updated_at": "date"}
_READ_COLUMNS: dict[str, dict[str, str]] = {
    "inspections": {
        "subject_id": "str",
        "visit_date": "date",
        "inspectors": "object",
        "note": "str",
    },
    "findings": {
        "subject_id": "str",
        "code": "str",
        "severity": "str",
        "note": "str",
        "evidence": "object",
        "inspection_id": "Int64",
    },
    "orders": {
        "subject_id": "str",
        "kind": "str",
        "issued": "date",
        "deadline": "date",
        "status": "str",
        "fulfilled_date": "date",
        "note": "str",
    },
    "case_actions": {
        "case_id": "str",
        "status": "str",
        "action_date": "date",
        "amount_recovered": "float64",
        "note": "str",
    },
    "publicity_events": {
        "date": "date",
        "township": "str",
        "unit": "str",
        "activity": "str",
        "quantity": "Int64",
        "participants": "Int64",
    },
    "self_inspection_receipts": {
        "subject_id": "str",
        "submitted_date": "date",
        "reported_arrears_amount": "float64",
        "reported_arrears_workers": "Int64",
        "rectified": "boolean",
        "note": "str",
    },
}
_AUDIT_COLUMNS = {
    "id": "int64",
    "at": "date",
    "by": "str",
    "action": "str",
    "table_name": "str",
    "record_id": "int64",
    "field": "str",
    "old_value": "str",
    "new_value": "str",
}


class Store:
    """One workspace database. Open it with :meth:`Store.open`; close it (or use ``with``)."""

    def __init__(self, engine: Engine, *, clock: Callable[[], dt.datetime] = _utc_now) -> None:
        self.engine = engine
        self._writer = engine.execution_options(wagekit_write=True)
        self._clock = clock

    @classmethod
    def open(cls, url: str | None = None, *, clock: Callable[[], dt.datetime] = _utc_now) -> Store:
        """Open the workspace at ``url`` (see :func:`resolve_url`), upgraded to the newest tables.

        ``clock`` returns the current moment (an aware datetime); tests pass a fixed one.
        """
        engine = _engine(resolve_url(url))
        try:
            migrate.upgrade(engine)
        except Exception:
            engine.dispose()
            raise
        return cls(engine, clock=clock)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=False)

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql`` (or another SQLAlchemy dialect name)."""
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- writes

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._writer.begin() as connection:
            yield connection

    def _now(self) -> dt.datetime:
        moment = self._clock()
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        return moment

    def _campaign_id(self, connection: Connection, key: CampaignKey) -> int | None:
        return connection.execute(
            select(_CAMPAIGNS.c.id).where(
                _CAMPAIGNS.c.name == key.name, _CAMPAIGNS.c.region == key.region
            )
        ).scalar_one_or_none()

    def _ensure_campaign(
        self, connection: Connection, key: CampaignKey, by: str, now: dt.datetime
    ) -> int:
        values = {
            "name": key.name,
            "region": key.region,
            "version": 1,
            "created_by": by,
            "created_at": now,
            "updated_by": by,
            "updated_at": now,
        }
        if connection.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            # Two inspectors starting the same campaign at once: the second waits, then finds it.
            new_id = connection.execute(
                pg_insert(_CAMPAIGNS)
                .values(values)
                .on_conflict_do_nothing(index_elements=["name", "region"])
                .returning(_CAMPAIGNS.c.id)
            ).scalar_one_or_none()
        else:
            # SQLite writers hold the database lock (BEGIN IMMEDIATE), so look-then-insert is safe.
            if (found := self._campaign_id(connection, key)) is not None:
                return found
            new_id = connection.execute(insert(_CAMPAIGNS).values(values)).inserted_primary_key[0]
        if new_id is None:
            found = self._campaign_id(connection, key)
            assert found is not None
            return found
        self._audit(
            connection,
            new_id,
            now,
            by,
            "insert",
            "campaigns",
            new_id,
            {"name": (None, key.name), "region": (None, key.region)},
        )
        return new_id

    @staticmethod
    def _audit(
        connection: Connection,
        campaign_id: int | None,
        now: dt.datetime,
        by: str,
        action: str,
        table: str,
        record_id: int,
        changes: Mapping[str, tuple[object, object]],
    ) -> None:
        rows = [
            {
                "campaign_id": campaign_id,
                "at": now,
                "by": by,
                "action": action,
                "table_name": table,
                "record_id": record_id,
                "field": name,
                "old_value": audit_text(old),
                "new_value": audit_text(new),
            }
            for name, (old, new) in changes.items()
        ]
        if rows:
            connection.execute(insert(_AUDIT), rows)

    def add(self, campaign: Any, table: str, values: Mapping[str, object], *, by: str) -> dict:
        """Add a record to ``table`` of a campaign (created on first use); return it as stored.

        ``values`` holds the fields of :data:`wagekit.store.fields.FIELDS` [table]. The record
        starts at version 1; one audit row is written per field given.
        """
        key = campaign_key(campaign)
        by = _who(by)
        record = clean_record(table, values)
        now = self._now()
        target = RECORD_TABLES[table]
        with self._write() as connection:
            campaign_id = self._ensure_campaign(connection, key, by, now)
            row = {
                **record,
                "campaign_id": campaign_id,
                "version": 1,
                "created_by": by,
                "created_at": now,
                "updated_by": by,
                "updated_at": now,
            }
            if table == "findings" and record["inspection_id"] is not None:
                self._check_inspection(connection, campaign_id, record["inspection_id"])
            record_id = connection.execute(insert(target).values(row)).inserted_primary_key[0]
            self._audit(
                connection,
                campaign_id,
                now,
                by,
                "insert",
                table,
                record_id,
                {n: (None, v) for n, v in record.items() if v is not None},
            )
        return {**row, "id": record_id}

    def add_many(
        self, campaign: Any, table: str, rows: list[Mapping[str, object]], *, by: str
    ) -> list[int]:
        """Add several records to ``table`` in one transaction (all or none); return their ids.

        For imports and the apps' batch entry: each record is checked as :meth:`add` checks it,
        and each gets its own audit rows.
        """
        key = campaign_key(campaign)
        by = _who(by)
        records = [clean_record(table, values) for values in rows]
        if not records:
            return []
        now = self._now()
        target = RECORD_TABLES[table]
        with self._write() as connection:
            campaign_id = self._ensure_campaign(connection, key, by, now)
            if table == "findings":
                for record in records:
                    if record["inspection_id"] is not None:
                        self._check_inspection(connection, campaign_id, record["inspection_id"])
            stamp = {
                "campaign_id": campaign_id,
                "version": 1,
                "created_by": by,
                "created_at": now,
                "updated_by": by,
                "updated_at": now,
            }
            ids = (
                connection.execute(
                    insert(target).returning(target.c.id, sort_by_parameter_order=True),
                    [{**record, **stamp} for record in records],
                )
                .scalars()
                .all()
            )
            audit = [
                {
                    "campaign_id": campaign_id,
                    "at": now,
                    "by": by,
                    "action": "insert",
                    "table_name": table,
                    "record_id": record_id,
                    "field": name,
                    "old_value": None,
                    "new_value": audit_text(value),
                }
                for record_id, record in zip(ids, records, strict=True)
                for name, value in record.items()
                if value is not None
            ]
            connection.execute(insert(_AUDIT), audit)
        return list(ids)

    @staticmethod
    def _check_inspection(connection: Connection, campaign_id: int, inspection_id: int) -> None:
        inspections = RECORD_TABLES["inspections"]
        found = connection.execute(
            select(inspections.c.id).where(
                inspections.c.id == inspection_id, inspections.c.campaign_id == campaign_id
            )
        ).first()
        if found is None:
            raise RecordNotFoundError(f"检查记录 {inspection_id} 不存在")

    def _current(self, connection: Connection, table: str, record_id: int, version: int) -> dict:
        """The record as it is now, locked for the write; refuse when ``version`` is stale."""
        target = RECORD_TABLES[table]
        current = (
            connection.execute(select(target).where(target.c.id == record_id).with_for_update())
            .mappings()
            .first()
        )
        if current is None:
            deleted = connection.execute(
                select(_AUDIT.c.by, _AUDIT.c.at)
                .where(
                    _AUDIT.c.table_name == table,
                    _AUDIT.c.record_id == record_id,
                    _AUDIT.c.action == "delete",
                )
                .order_by(_AUDIT.c.id.desc())
                .limit(1)
            ).first()
            if deleted is not None:
                raise StaleVersionError(deleted.by, _local(deleted.at), deleted=True)
            raise RecordNotFoundError(f"记录 {record_id} 不存在")
        if current["version"] != version:
            raise StaleVersionError(current["updated_by"], _local(current["updated_at"]))
        return dict(current)

    def update(
        self,
        table: str,
        record_id: int,
        *,
        version: int,
        changes: Mapping[str, object],
        by: str,
    ) -> dict:
        """Change fields of a record the editor saw at ``version``; return the record as stored.

        Refused with :class:`StaleVersionError` when someone changed the record since. Fields
        whose value does not change are not written; when nothing changes, nothing is written.
        """
        by = _who(by)
        if table not in RECORD_TABLES:
            raise InvalidValueError(f"没有名为“{table}”的记录类型")
        target = RECORD_TABLES[table]
        now = self._now()
        with self._write() as connection:
            current = self._current(connection, table, record_id, version)
            editable = {name: current[name] for name in FIELDS[table]}
            record = clean_record(table, {**editable, **changes})
            diff = {n: (editable[n], v) for n, v in record.items() if v != editable[n]}
            if not diff:
                return current
            if table == "findings" and "inspection_id" in diff and record["inspection_id"]:
                self._check_inspection(connection, current["campaign_id"], record["inspection_id"])
            new = {n: v for n, (_, v) in diff.items()}
            result = connection.execute(
                update(target)
                .where(target.c.id == record_id, target.c.version == version)
                .values(**new, version=version + 1, updated_by=by, updated_at=now)
            )
            if result.rowcount != 1:  # pragma: no cover - the row lock above prevents it
                raise StoreError("记录已被他人同时修改，请刷新后再试")
            self._audit(
                connection, current["campaign_id"], now, by, "update", table, record_id, diff
            )
        return {**current, **new, "version": version + 1, "updated_by": by, "updated_at": now}

    def delete(self, table: str, record_id: int, *, version: int, by: str) -> None:
        """Delete a record the editor saw at ``version``; its audit rows keep what it held."""
        by = _who(by)
        if table not in RECORD_TABLES:
            raise InvalidValueError(f"没有名为“{table}”的记录类型")
        target = RECORD_TABLES[table]
        now = self._now()
        with self._write() as connection:
            current = self._current(connection, table, record_id, version)
            connection.execute(sql_delete(target).where(target.c.id == record_id))
            self._audit(
                connection,
                current["campaign_id"],
                now,
                by,
                "delete",
                table,
                record_id,
                {n: (current[n], None) for n in FIELDS[table] if current[n] is not None},
            )

    def get(self, table: str, record_id: int) -> dict:
        """One record as stored (with id, version, who created and last changed it)."""
        target = RECORD_TABLES[table]
        with self.engine.connect() as connection:
            row = connection.execute(select(target).where(target.c.id == record_id)).mappings()
            found = row.first()
        if found is None:
            raise RecordNotFoundError(f"记录 {record_id} 不存在")
        return dict(found)

    # ------------------------------------------------- the inspectors' actions

    def record_inspection(
        self,
        campaign: Any,
        *,
        subject_id: str,
        visit_date: object,
        inspectors: list[str] | str,
        by: str,
        note: str | None = None,
    ) -> dict:
        """Record a site visit 检查 of a project or employer."""
        return self.add(
            campaign,
            "inspections",
            {
                "subject_id": subject_id,
                "visit_date": visit_date,
                "inspectors": inspectors,
                "note": note,
            },
            by=by,
        )

    def record_finding(
        self,
        campaign: Any,
        *,
        subject_id: str,
        code: str,
        severity: str,
        by: str,
        note: str | None = None,
        evidence: list[str] | None = None,
        inspection_id: int | None = None,
    ) -> dict:
        """Record a problem 问题 found on a subject, with the names of its evidence files."""
        return self.add(
            campaign,
            "findings",
            {
                "subject_id": subject_id,
                "code": code,
                "severity": severity,
                "note": note,
                "evidence": evidence or [],
                "inspection_id": inspection_id,
            },
            by=by,
        )

    def issue_order(
        self,
        campaign: Any,
        *,
        subject_id: str,
        kind: str,
        issued: object,
        by: str,
        deadline: object = None,
        status: str = "待履行",
        fulfilled_date: object = None,
        note: str | None = None,
    ) -> dict:
        """Record an order 文书 issued to a subject (one of :data:`ORDER_KINDS`)."""
        return self.add(
            campaign,
            "orders",
            {
                "subject_id": subject_id,
                "kind": kind,
                "issued": issued,
                "deadline": deadline,
                "status": status,
                "fulfilled_date": fulfilled_date,
                "note": note,
            },
            by=by,
        )

    def record_case_action(
        self,
        campaign: Any,
        *,
        case_id: str,
        status: str,
        date: object,
        by: str,
        amount_recovered: object = None,
        note: str | None = None,
    ) -> dict:
        """Move a complaint case 案件 to ``status`` on ``date`` (amount: total recovered so far)."""
        return self.add(
            campaign,
            "case_actions",
            {
                "case_id": case_id,
                "status": status,
                "action_date": date,
                "amount_recovered": amount_recovered,
                "note": note,
            },
            by=by,
        )

    def log_publicity_event(
        self,
        campaign: Any,
        *,
        date: object,
        township: str,
        unit: str,
        activity: str,
        quantity: int,
        by: str,
        participants: int | None = None,
    ) -> dict:
        """Log a publicity activity 宣传活动 (the columns of the publicity ledger)."""
        return self.add(
            campaign,
            "publicity_events",
            {
                "date": date,
                "township": township,
                "unit": unit,
                "activity": activity,
                "quantity": quantity,
                "participants": participants,
            },
            by=by,
        )

    def record_self_inspection(
        self,
        campaign: Any,
        *,
        subject_id: str,
        submitted_date: object,
        reported_arrears_amount: object,
        reported_arrears_workers: int,
        by: str,
        rectified: bool | None = None,
        note: str | None = None,
    ) -> dict:
        """Record a self-inspection receipt 自查回执 (the columns of the self-inspection table)."""
        return self.add(
            campaign,
            "self_inspection_receipts",
            {
                "subject_id": subject_id,
                "submitted_date": submitted_date,
                "reported_arrears_amount": reported_arrears_amount,
                "reported_arrears_workers": reported_arrears_workers,
                "rectified": rectified,
                "note": note,
            },
            by=by,
        )

    # ----------------------------------------------------------------- reads

    def campaigns(self) -> pd.DataFrame:
        """The campaigns the store holds: id, name, region, created_at (local time)."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(
                    _CAMPAIGNS.c.id, _CAMPAIGNS.c.name, _CAMPAIGNS.c.region, _CAMPAIGNS.c.created_at
                ).order_by(_CAMPAIGNS.c.id)
            ).all()
        frame = _frame(rows, {"id": "int64", "name": "str", "region": "str", "created_at": "date"})
        frame["created_at"] = _local_series(frame["created_at"])
        return frame

    def records(self, campaign: Any, table: str) -> pd.DataFrame:
        """Return every record of ``table`` for a campaign, oldest first, with id and version."""
        if table not in RECORD_TABLES:
            raise InvalidValueError(f"没有名为“{table}”的记录类型")
        target = RECORD_TABLES[table]
        columns = {**_READ_COLUMNS[table], **_META}
        key = campaign_key(campaign)
        with self.engine.connect() as connection:
            campaign_id = self._campaign_id(connection, key)
            rows = (
                []
                if campaign_id is None
                else connection.execute(
                    select(*(target.c[c] for c in columns))
                    .where(target.c.campaign_id == campaign_id)
                    .order_by(target.c.id)
                ).all()
            )
        frame = _frame(rows, columns)
        frame["updated_at"] = _local_series(frame["updated_at"])
        return frame

    def inspections(self, campaign: Any) -> pd.DataFrame:
        """Return site visits: subject_id, visit_date, inspectors (list), note, id, version."""
        return self.records(campaign, "inspections")

    def findings(self, campaign: Any) -> pd.DataFrame:
        """Return problems: subject_id, code, severity, note, evidence (list), inspection_id."""
        return self.records(campaign, "findings")

    def orders(self, campaign: Any) -> pd.DataFrame:
        """Return orders: subject_id, kind, issued, deadline, status, fulfilled_date, note, id."""
        return self.records(campaign, "orders")

    def publicity_events(self, campaign: Any) -> pd.DataFrame:
        """Publicity activities logged in the app, with the publicity ledger's columns."""
        return self.records(campaign, "publicity_events")

    def self_inspection_receipts(self, campaign: Any) -> pd.DataFrame:
        """Return self-inspection receipts, with the self-inspection table's columns."""
        return self.records(campaign, "self_inspection_receipts")

    def case_action_history(self, campaign: Any) -> pd.DataFrame:
        """Return every case action: case_id, status, action_date, amount_recovered, note, id."""
        return self.records(campaign, "case_actions")

    def case_actions(self, campaign: Any) -> pd.DataFrame:
        """Where each case stands by its actions: one row per case_id, the latest action winning.

        Columns: case_id, status (of the latest action by date, then by entry), closed_date (the
        first day of the final run of closed statuses 已结案/已移送; NaT when the case is open),
        amount_recovered (the latest amount given; NaN when none was), action_date (of the
        latest action), updated_by.
        """
        history = self.case_action_history(campaign).sort_values(
            ["action_date", "id"], kind="stable"
        )
        by_case = history.groupby("case_id", sort=False)
        closed = history["status"].isin(CLOSED_CASE_STATUSES)
        was_closed = closed.groupby(history["case_id"]).shift(fill_value=False).astype(bool)
        run_start = history["action_date"].where(closed & ~was_closed)
        history = history.assign(run_start=run_start.groupby(history["case_id"]).ffill())
        latest = history.groupby("case_id", sort=True).tail(1).set_index("case_id")
        result = pd.DataFrame(
            {
                "status": latest["status"],
                "closed_date": latest["run_start"].where(
                    latest["status"].isin(CLOSED_CASE_STATUSES)
                ),
                "amount_recovered": by_case["amount_recovered"].last(),
                "action_date": latest["action_date"],
                "updated_by": latest["updated_by"],
            },
            index=latest.index,
        )
        result.index.name = "case_id"
        frame = result.sort_index().reset_index()
        frame["case_id"] = frame["case_id"].astype("str")
        frame["closed_date"] = frame["closed_date"].astype("datetime64[ns]")
        frame["amount_recovered"] = frame["amount_recovered"].astype("float64")
        return frame

    def audit(self, campaign: Any | None = None) -> pd.DataFrame:
        """Return the audit trail, oldest first.

        Columns: id, at (local time), by, action, table_name, record_id, field, old_value,
        new_value.

        With a campaign, only its rows; without, every row of the store.
        """
        query = select(*(_AUDIT.c[c] for c in _AUDIT_COLUMNS)).order_by(_AUDIT.c.id)
        with self.engine.connect() as connection:
            if campaign is not None:
                campaign_id = self._campaign_id(connection, campaign_key(campaign))
                query = query.where(_AUDIT.c.campaign_id == campaign_id)
            rows = connection.execute(query).all()
        frame = _frame(rows, _AUDIT_COLUMNS)
        frame["at"] = _local_series(frame["at"])
        return frame

    def record_reveal(self, campaign: Any, what: str, *, by: str) -> None:
        """Write to the audit trail that ``by`` was shown full ID numbers of a campaign.

        One audit row: action ``reveal``, the campaign's record, field ``unmasked`` and, as the
        new value, ``what`` was shown (the command line, say). Written before anything is shown.
        """
        by = _who(by)
        now = self._now()
        with self._write() as connection:
            campaign_id = self._ensure_campaign(connection, campaign_key(campaign), by, now)
            changes = {"unmasked": (None, what)}
            self._audit(
                connection, campaign_id, now, by, "reveal", "campaigns", campaign_id, changes
            )

    def count(self, table: str) -> int:
        """How many rows ``table`` (a record table, ``campaigns`` or ``audit``) holds."""
        target = {"campaigns": _CAMPAIGNS, "audit": _AUDIT, **RECORD_TABLES}[table]
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(target)).scalar_one()
