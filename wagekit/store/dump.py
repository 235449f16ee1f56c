"""A full, lossless copy 备份 of a workspace store, and how to load it into an empty one.

A *dump* is a JSON Lines file: a header line (format, format version, the store's revision),
one line per row of every table (campaigns, the records, the audit trail) with its id and
version, and an end line with the row counts, so that a cut-off file is refused rather than half
loaded. Loading keeps every id, version and timestamp and writes no new audit rows: the copy is
the same workspace, which is how an office moves from its SQLite file to PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import Date, DateTime, Table, func, insert, select, text

from wagekit.store import migrate
from wagekit.store.errors import StoreError, StoreNotEmptyError
from wagekit.store.models import RECORD_TABLES, AuditEntry, Campaign
from wagekit.store.workspace import Store

__all__ = ["DUMP_FORMAT", "DUMP_TABLES", "dump", "load"]

DUMP_FORMAT = "wagekit-store"
_FORMAT_VERSION = 1
_CHUNK = 1000
# Parents before children, so that loading in this order satisfies every foreign key.
DUMP_TABLES: dict[str, Table] = {
    "campaigns": Campaign.__table__,
    **RECORD_TABLES,
    "audit": AuditEntry.__table__,
}


def _encode(table: Table, row: dict) -> dict:
    out = {}
    for name, value in row.items():
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        out[name] = value
    return out


def _decode(table: Table, row: dict) -> dict:
    out = {}
    for name, value in row.items():
        if name not in table.c:
            raise StoreError(f"备份文件中的字段 {table.name}.{name} 在当前版本中不存在")
        kind = table.c[name].type
        if value is not None and isinstance(kind, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, Date):
            value = dt.date.fromisoformat(value)
        out[name] = value
    return out


def dump(store: Store, path: str | Path) -> dict[str, int]:
    """Write every row of the store to ``path`` (JSON Lines, UTF-8); return the rows per table."""
    counts: dict[str, int] = {}
    with (
        store.engine.connect() as connection,
        open(path, "w", encoding="utf-8", newline="\n") as out,
    ):
        header = {
            "format": DUMP_FORMAT,
            "format_version": _FORMAT_VERSION,
            "revision": migrate.current_revision(connection),
        }
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        for name, table in DUMP_TABLES.items():
            counts[name] = 0
            result = (
                connection.execution_options(yield_per=_CHUNK)
                .execute(select(table).order_by(table.c.id))
                .mappings()
            )
            for row in result:
                line = {"table": name, "row": _encode(table, dict(row))}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                counts[name] += 1
        out.write(json.dumps({"end": True, "counts": counts}) + "\n")
    return counts


def _read(path: str | Path) -> tuple[dict, dict[str, list[dict]]]:
    rows: dict[str, list[dict]] = {name: [] for name in DUMP_TABLES}
    header: dict | None = None
    end: dict | None = None
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise StoreError(f"备份文件第 {number} 行不是有效的 JSON：{error.msg}") from error
            if header is None:
                if item.get("format") != DUMP_FORMAT:
                    raise StoreError("这不是 wagekit 工作区备份文件（缺少文件头）")
                header = item
            elif item.get("end"):
                end = item
            elif item.get("table") in DUMP_TABLES:
                table = DUMP_TABLES[item["table"]]
                rows[item["table"]].append(_decode(table, item["row"]))
            else:
                raise StoreError(f"备份文件第 {number} 行的表名“{item.get('table')}”无法识别")
    if header is None or end is None:
        raise StoreError("备份文件不完整（缺少文件头或结尾），可能在复制时被截断")
    actual = {name: len(found) for name, found in rows.items()}
    if end["counts"] != actual:
        raise StoreError(f"备份文件的行数与结尾记录不符：{actual} ≠ {end['counts']}")
    return header, rows


def _highest_id(name: str, rows: dict[str, list[dict]]) -> int:
    """The highest id a table ever gave, deleted records included (their audit rows name them)."""
    ids = [row["id"] for row in rows[name]]
    ids += [row["record_id"] for row in rows["audit"] if row["table_name"] == name]
    return max(ids, default=0)


def _continue_ids(connection, table: Table, highest: int) -> None:
    """Make the next id of ``table`` follow ``highest``, as it did in the dumped store."""
    if highest == 0:
        return
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :highest)"),
            {"table": table.name, "highest": highest},
        )
    elif connection.dialect.name == "sqlite":
        connection.execute(
            text("DELETE FROM sqlite_sequence WHERE name = :table"), {"table": table.name}
        )
        connection.execute(
            text("INSERT INTO sqlite_sequence (name, seq) VALUES (:table, :highest)"),
            {"table": table.name, "highest": highest},
        )


def load(store: Store, path: str | Path) -> dict[str, int]:
    """Fill an empty store with the dump at ``path``, in one transaction; return the rows per table.

    Refused (nothing written) when the store already holds rows, when the file is not a complete
    dump, or when it was written by a store at another revision.
    """
    header, rows = _read(path)
    with store.engine.execution_options(wagekit_write=True).begin() as connection:
        revision = migrate.current_revision(connection)
        if header["revision"] != revision:
            raise StoreError(
                f"备份文件的数据库版本 {header['revision']} 与当前工作区版本 {revision} 不同，"
                "请用相同版本的 wagekit 导入"
            )
        for name, table in DUMP_TABLES.items():
            if connection.execute(select(func.count()).select_from(table)).scalar_one():
                raise StoreNotEmptyError(
                    f"目标工作区已有数据（{name} 表不为空），只能导入到空的工作区"
                )
        for name, table in DUMP_TABLES.items():
            found = rows[name]
            for start in range(0, len(found), _CHUNK):
                connection.execute(insert(table), found[start : start + _CHUNK])
        for name, table in DUMP_TABLES.items():
            _continue_ids(connection, table, _highest_id(name, rows))
    return {name: len(found) for name, found in rows.items()}
