"""The tables of the workspace store 工作区, declared once for SQLAlchemy and Alembic.

A *campaign* 专项行动 is keyed by its name and region from campaign.toml; one store holds several.
Every *record* 记录 an office writes belongs to one campaign and carries a *version* 版本 that
grows by one with every change, with who made it and when. The record tables are built from the
one declaration of :data:`wagekit.store.records.RECORDS`; only the campaigns and the audit are
declared here. The
*audit* 审计 table holds one row per field a write set, changed or cleared: who, when, which
table, which record, which field, the old and the new value as text. Timestamps are naive UTC.

Money is stored as double precision yuan (the same float64 yuan as the ledgers' DataFrames; a
double round-trips exactly through both SQLite and PostgreSQL); lists of names are JSON arrays.
The migrations in ``wagekit/store/migrations`` must describe exactly these tables (a test runs
Alembic's comparison on both backends).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from wagekit.store.records import RECORDS, Field, RecordKind

__all__ = ["Base", "Campaign", "AuditEntry", "RECORD_TABLES"]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# An id names a record in the audit trail for ever, so a deleted record's id is never given again
# (SQLite would otherwise reuse the highest id; PostgreSQL sequences never go back).
_NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class _Versioned:
    """Columns every editable record has: its id, version and who made and last changed it."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    updated_by: Mapped[str] = mapped_column(String(100), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)


class Campaign(_Versioned, Base):
    __tablename__ = "campaigns"
    __table_args__ = (
        UniqueConstraint("name", "region", name="uq_campaigns_name_region"),
        _NEVER_REUSE_IDS,
    )

    name: Mapped[str] = mapped_column(Text, nullable=False)
    region: Mapped[str] = mapped_column(Text, nullable=False)


_TYPES = {
    "text": Text,
    "date": Date,
    "money": Double,
    "count": BigInteger,
    "names": JSON,
    "bool": Boolean,
    "ref": Integer,
}


def _field_column(name: str, spec: Field) -> Column:
    """The database column of a declared field (money as double yuan, lists as JSON)."""
    kind = String(spec.width) if spec.kind == "enum" else _TYPES[spec.kind]()
    nullable = not (spec.required or spec.default is not None)
    if spec.ref is not None:
        return Column(
            name, kind, ForeignKey(f"{spec.ref}.id", ondelete="RESTRICT"), nullable=nullable
        )
    return Column(name, kind, nullable=nullable)


def _record_table(kind: RecordKind) -> Table:
    """A record kind's table: its fields, its campaign, the versioned columns, its indexes."""
    return Table(
        kind.table,
        Base.metadata,
        *(_field_column(name, spec) for name, spec in kind.fields.items()),
        Column(
            "campaign_id",
            Integer,
            ForeignKey("campaigns.id", ondelete="RESTRICT"),
            nullable=False,
            index=True,
        ),
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("version", Integer, nullable=False),
        Column("created_by", String(100), nullable=False),
        Column("created_at", DateTime, nullable=False),
        Column("updated_by", String(100), nullable=False),
        Column("updated_at", DateTime, nullable=False),
        *(
            Index(f"ix_{kind.table}_{'_'.join(c.removesuffix('_id') for c in columns)}", *columns)
            for columns in kind.indexes
        ),
        **_NEVER_REUSE_IDS,
    )


class AuditEntry(Base):
    __tablename__ = "audit"
    __table_args__ = (Index("ix_audit_table_record", "table_name", "record_id"), _NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="RESTRICT"), index=True
    )
    at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    by: Mapped[str] = mapped_column(String(100), nullable=False)
    action: Mapped[str] = mapped_column(String(10), nullable=False)
    table_name: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    field: Mapped[str] = mapped_column(String(60), nullable=False)
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


# The tables of records that belong to a campaign, in the order a dump writes them (a record
# before the records that point to it).
RECORD_TABLES: dict[str, Table] = {table: _record_table(kind) for table, kind in RECORDS.items()}
