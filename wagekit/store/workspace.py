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
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
from sqlalchemy import (
    Connection,
    Engine,
    String,
    create_engine,
    event,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy import delete as sql_delete
from sqlalchemy.engine import make_url

from wagekit.paths import workspace_dir
from wagekit.store import migrate
from wagekit.store.errors import (
    DuplicateRecordError,
    InvalidValueError,
    RecordNotFoundError,
    StaleVersionError,
    StoreError,
)
from wagekit.store.models import RECORD_TABLES, AuditEntry, Campaign
from wagekit.store.records import (
    RECORDS,
    audit_text,
    clean_record,
    clean_records,
    empty_records,
)

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


def _selected(engine: Engine, column: Any, kind: str) -> Any:
    """A column to select: on SQLite, a date or moment as the ISO text the file holds.

    SQLAlchemy would turn each stored text into a ``date`` or ``datetime`` object, one row at a
    time, for :func:`_frame` to parse them again; the text is parsed once per column there.
    PostgreSQL's driver hands over date objects whatever the column is selected as.
    """
    if kind == "date" and engine.dialect.name == "sqlite":
        return type_coerce(column, String).label(column.name)
    return column


def _frame(rows: list, columns: Mapping[str, str]) -> pd.DataFrame:
    """A DataFrame with the ledgers' dtypes from database rows (dates become datetime64[ns]).

    Built column by column: each column's values are typed in one step, never cell by cell.
    """
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    data = {}
    for (name, kind), column in zip(columns.items(), values, strict=True):
        if kind == "date":
            # ISO text (SQLite) or date and datetime objects (PostgreSQL), None for no value.
            moments = pd.to_datetime(pd.Series(column, dtype=object), format="ISO8601")
            data[name] = moments.astype("datetime64[ns]")
        else:
            # "str": None stays missing (NaN), not the text "None"; "object": lists of names.
            data[name] = pd.Series(column, dtype=kind)
    return pd.DataFrame(data, columns=list(columns))


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


# Two equal records entered within this time are one entry sent twice (Store.add refuses it).
DUPLICATE_WINDOW = dt.timedelta(minutes=1)


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
            [(new_id, {"name": (None, key.name), "region": (None, key.region)})],
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
        changes: Iterable[tuple[int, Mapping[str, tuple[object, object]]]],
    ) -> None:
        """Write one audit row per field of each ``(record_id, {field: (old, new)})``."""
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
            for record_id, fields in changes
            for name, (old, new) in fields.items()
        ]
        if rows:
            connection.execute(insert(_AUDIT), rows)

    def _insert(
        self,
        connection: Connection,
        campaign_id: int,
        table: str,
        records: list[dict[str, object]],
        by: str,
        now: dt.datetime,
    ) -> list[int]:
        """Insert checked records of ``table`` at version 1, with one audit row per field given."""
        if not records:
            return []
        if table in ("findings", "checklist_results"):
            for record in records:
                if record["inspection_id"] is not None:
                    self._check_inspection(connection, campaign_id, record["inspection_id"])
        target = RECORD_TABLES[table]
        stamp = {
            "campaign_id": campaign_id,
            "version": 1,
            "created_by": by,
            "created_at": now,
            "updated_by": by,
            "updated_at": now,
        }
        ids = list(
            connection.execute(
                insert(target).returning(target.c.id, sort_by_parameter_order=True),
                [{**record, **stamp} for record in records],
            )
            .scalars()
            .all()
        )
        inserted = (
            (record_id, {n: (None, v) for n, v in record.items() if v is not None})
            for record_id, record in zip(ids, records, strict=True)
        )
        self._audit(connection, campaign_id, now, by, "insert", table, inserted)
        return ids

    def add(self, campaign: Any, table: str, values: Mapping[str, object], *, by: str) -> dict:
        """Add a record to ``table`` of a campaign (created on first use); return it as stored.

        ``values`` holds the fields :data:`wagekit.store.records.RECORDS` declares for
        ``table``. The record starts at version 1; one audit row is written per field given.
        """
        key = campaign_key(campaign)
        by = _who(by)
        record = clean_record(table, values)
        now = self._now()
        with self._write() as connection:
            campaign_id = self._ensure_campaign(connection, key, by, now)
            self._refuse_duplicate(connection, campaign_id, table, record, now)
            (record_id,) = self._insert(connection, campaign_id, table, [record], by, now)
        return {
            **record,
            "campaign_id": campaign_id,
            "id": record_id,
            "version": 1,
            "created_by": by,
            "created_at": now,
            "updated_by": by,
            "updated_at": now,
        }

    def add_many(
        self, campaign: Any, table: str, rows: list[Mapping[str, object]], *, by: str
    ) -> list[int]:
        """Add several records to ``table`` in one transaction (all or none); return their ids.

        For imports and the apps' batch entry: each record is checked as :meth:`add` checks it,
        and each gets its own audit rows.
        """
        key = campaign_key(campaign)
        by = _who(by)
        records = clean_records(table, rows)
        if not records:
            return []
        now = self._now()
        with self._write() as connection:
            campaign_id = self._ensure_campaign(connection, key, by, now)
            return self._insert(connection, campaign_id, table, records, by, now)

    def record_inspection(
        self,
        campaign: Any,
        inspection: Mapping[str, object],
        *,
        results: Mapping[str, str],
        findings: list[Mapping[str, object]] = (),  # type: ignore[assignment]
        by: str,
    ) -> int:
        """Record a site visit with every checklist item's result and its findings, all or none.

        ``results`` maps every item code of :data:`wagekit.checklist.CHECKLIST` to 合格, 不合格
        or 未检查; an item left out is refused, so no item is saved unanswered. ``findings``
        are the problems found on that visit (their ``inspection_id`` is set here). Returns the
        inspection's id.
        """
        from wagekit.checklist import CHECKLIST

        missing = [item.label for item in CHECKLIST if not results.get(item.code)]
        if missing:
            raise InvalidValueError(f"以下检查项尚未填写检查结果：{'、'.join(missing)}")
        key = campaign_key(campaign)
        by = _who(by)
        visit = clean_record("inspections", inspection)
        checked = clean_records(
            "checklist_results",
            [
                {"inspection_id": 0, "item": item.code, "result": results[item.code]}
                for item in CHECKLIST
            ],
        )
        problems = clean_records(
            "findings",
            [{**f, "subject_id": visit["subject_id"], "inspection_id": None} for f in findings],
        )
        now = self._now()
        with self._write() as connection:
            campaign_id = self._ensure_campaign(connection, key, by, now)
            self._refuse_duplicate(connection, campaign_id, "inspections", visit, now)
            (visit_id,) = self._insert(connection, campaign_id, "inspections", [visit], by, now)
            for record in (*checked, *problems):
                record["inspection_id"] = visit_id
            self._insert(connection, campaign_id, "checklist_results", checked, by, now)
            self._insert(connection, campaign_id, "findings", problems, by, now)
        return visit_id

    def put(
        self,
        campaign: Any,
        table: str,
        values: Mapping[str, object],
        *,
        key: tuple[str, ...],
        by: str,
    ) -> dict:
        """Add a record, or replace the one with the same ``key`` fields (audited as a change).

        A daily report is put by township and date: a second report of the same township and
        day replaces the first, and the audit trail keeps both.
        """
        record = clean_record(table, values)
        target = RECORD_TABLES[table]
        campaign_ref = campaign_key(campaign)
        with self.engine.connect() as connection:
            campaign_id = self._campaign_id(connection, campaign_ref)
            found = (
                None
                if campaign_id is None
                else connection.execute(
                    select(target.c.id, target.c.version).where(
                        target.c.campaign_id == campaign_id,
                        *(target.c[name] == record[name] for name in key),
                    )
                ).first()
            )
        if found is None:
            return self.add(campaign, table, record, by=by)
        return self.update(table, found.id, version=found.version, changes=record, by=by)

    def replace_all(
        self, campaign: Any, table: str, rows: list[Mapping[str, object]], *, by: str
    ) -> list[int]:
        """Replace every record of ``table`` of a campaign by ``rows``, in one transaction.

        A baseline recorded again replaces the previous one; the audit trail keeps what each
        deleted record held.
        """
        key = campaign_key(campaign)
        by = _who(by)
        records = clean_records(table, rows)
        target = RECORD_TABLES[table]
        now = self._now()
        fields = RECORDS[table].fields
        with self._write() as connection:
            campaign_id = self._ensure_campaign(connection, key, by, now)
            old = connection.execute(
                select(target).where(target.c.campaign_id == campaign_id)
            ).mappings()
            deleted = (
                (row["id"], {n: (row[n], None) for n in fields if row[n] is not None})
                for row in old
            )
            self._audit(connection, campaign_id, now, by, "delete", table, deleted)
            connection.execute(sql_delete(target).where(target.c.campaign_id == campaign_id))
            return self._insert(connection, campaign_id, table, records, by, now)

    def _refuse_duplicate(
        self,
        connection: Connection,
        campaign_id: int,
        table: str,
        record: Mapping[str, object],
        now: dt.datetime,
    ) -> None:
        """Refuse a record equal, field for field, to one of ``table`` created in the last minute.

        One entry is one click: the same event, visit, order or form entered again within
        :data:`DUPLICATE_WINDOW` is a second click or a form sent twice, not a second event.
        """
        target = RECORD_TABLES[table]
        recent = connection.execute(
            select(target).where(
                target.c.campaign_id == campaign_id,
                target.c.created_at >= now - DUPLICATE_WINDOW,
            )
        ).mappings()
        for row in recent:
            if all(row[name] == value for name, value in record.items()):
                raise DuplicateRecordError(
                    f"一分钟内已登记过完全相同的{RECORDS[table].label}（记录编号 {row['id']}，"
                    f"登记人 {row['created_by']}），未重复保存。如确有第二条，请核对后稍后再登记。"
                )

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
            editable = {name: current[name] for name in RECORDS[table].fields}
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
                connection, current["campaign_id"], now, by, "update", table, [(record_id, diff)]
            )
        return {**current, **new, "version": version + 1, "updated_by": by, "updated_at": now}

    def delete(self, table: str, record_id: int, *, version: int, by: str) -> None:
        """Delete a record the editor saw at ``version``; its audit rows keep what it held.

        The records that belong to it go with it, in the same transaction and audited alike:
        an inspection withdrawn takes its checklist results and its findings (every record
        kind whose ``ref`` field names ``table``).
        """
        by = _who(by)
        if table not in RECORD_TABLES:
            raise InvalidValueError(f"没有名为“{table}”的记录类型")
        target = RECORD_TABLES[table]
        now = self._now()
        children = [
            (kind.table, name)
            for kind in RECORDS.values()
            for name, spec in kind.fields.items()
            if spec.kind == "ref" and spec.ref == table
        ]
        with self._write() as connection:
            current = self._current(connection, table, record_id, version)
            for child_table, field_name in children:
                child = RECORD_TABLES[child_table]
                belongs = child.c[field_name] == record_id
                rows = connection.execute(select(child).where(belongs)).mappings().all()
                fields = RECORDS[child_table].fields
                gone = [
                    (row["id"], {n: (row[n], None) for n in fields if row[n] is not None})
                    for row in rows
                ]
                self._audit(
                    connection, current["campaign_id"], now, by, "delete", child_table, gone
                )
                connection.execute(sql_delete(child).where(belongs))
            held = [n for n in RECORDS[table].fields if current[n] is not None]
            connection.execute(sql_delete(target).where(target.c.id == record_id))
            self._audit(
                connection,
                current["campaign_id"],
                now,
                by,
                "delete",
                table,
                [(record_id, {n: (current[n], None) for n in held})],
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
        return self.records_of(campaign, [table])[table]

    def records_of(self, campaign: Any, tables: Iterable[str]) -> dict[str, pd.DataFrame]:
        """Every record of each of ``tables`` for a campaign, as :meth:`records` reads one.

        All are read in one transaction, so they agree with one another (no inspection without
        the checklist results written with it); PostgreSQL is asked for a repeatable read.
        """
        tables = list(tables)
        for table in tables:
            if table not in RECORD_TABLES:
                raise InvalidValueError(f"没有名为“{table}”的记录类型")
        frames = {}
        with self.engine.connect() as connection:
            if self.engine.dialect.name == "postgresql":
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
            campaign_id = self._campaign_id(connection, campaign_key(campaign))
            for table in tables:
                frames[table] = self._read_records(connection, campaign_id, table)
        return frames

    def _read_records(
        self, connection: Connection, campaign_id: int | None, table: str
    ) -> pd.DataFrame:
        target = RECORD_TABLES[table]
        columns = RECORDS[table].read_dtypes()
        rows = (
            []
            if campaign_id is None
            else connection.execute(
                select(*(_selected(self.engine, target.c[c], k) for c, k in columns.items()))
                .where(target.c.campaign_id == campaign_id)
                .order_by(target.c.id)
            ).all()
        )
        if not rows:
            return empty_records(table)
        frame = _frame(rows, columns)
        frame["created_at"] = _local_series(frame["created_at"])
        frame["updated_at"] = _local_series(frame["updated_at"])
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
                connection, campaign_id, now, by, "reveal", "campaigns", [(campaign_id, changes)]
            )

    def revision(self) -> tuple[int, int]:
        """A mark that moves whenever the store is written: the audit trail's length and last id.

        Every write adds audit rows (records added, corrected, deleted, IDs revealed) and none
        removes any, so what was read at one revision is what the store holds for as long as
        the revision stays the same. The length catches a write that commits after a later one
        (PostgreSQL hands out ids before commit, so the last id alone could miss it).
        """
        query = select(func.count(), func.max(_AUDIT.c.id)).select_from(_AUDIT)
        with self.engine.connect() as connection:
            length, last = connection.execute(query).one()
        return int(length), int(last or 0)

    def count(self, table: str) -> int:
        """How many rows ``table`` (a record table, ``campaigns`` or ``audit``) holds."""
        target = {"campaigns": _CAMPAIGNS, "audit": _AUDIT, **RECORD_TABLES}[table]
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(target)).scalar_one()
