"""The tables of the workspace store 工作区, declared once for SQLAlchemy and Alembic.

A *campaign* 专项行动 is keyed by its name and region from campaign.toml; one store holds several.
Every *record* 记录 the inspectors write (inspection 检查, finding 问题, order 文书, case action
案件办理, publicity event 宣传活动, self-inspection receipt 自查回执) belongs to one campaign and
carries a *version* 版本 that grows by one with every change, with who made it and when. The
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
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "Campaign",
    "Inspection",
    "Finding",
    "Order",
    "CaseAction",
    "PublicityEvent",
    "SelfInspectionReceipt",
    "AuditEntry",
    "RECORD_TABLES",
]

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


class _CampaignRecord(_Versioned):
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="RESTRICT"), nullable=False, index=True
    )


class Inspection(_CampaignRecord, Base):
    __tablename__ = "inspections"
    __table_args__ = _NEVER_REUSE_IDS

    subject_id: Mapped[str] = mapped_column(Text, nullable=False)
    visit_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    inspectors: Mapped[list] = mapped_column(JSON, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


class Finding(_CampaignRecord, Base):
    __tablename__ = "findings"
    __table_args__ = _NEVER_REUSE_IDS

    inspection_id: Mapped[int | None] = mapped_column(
        ForeignKey("inspections.id", ondelete="RESTRICT")
    )
    subject_id: Mapped[str] = mapped_column(Text, nullable=False)
    code: Mapped[str] = mapped_column(Text, nullable=False)
    severity: Mapped[str] = mapped_column(String(20), nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[list] = mapped_column(JSON, nullable=False)


class Order(_CampaignRecord, Base):
    __tablename__ = "orders"
    __table_args__ = _NEVER_REUSE_IDS

    subject_id: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    issued: Mapped[dt.date] = mapped_column(Date, nullable=False)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    fulfilled_date: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class CaseAction(_CampaignRecord, Base):
    __tablename__ = "case_actions"
    __table_args__ = (
        Index("ix_case_actions_campaign_case", "campaign_id", "case_id"),
        _NEVER_REUSE_IDS,
    )

    case_id: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    action_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    amount_recovered: Mapped[float | None] = mapped_column(Double)
    note: Mapped[str | None] = mapped_column(Text)


class PublicityEvent(_CampaignRecord, Base):
    __tablename__ = "publicity_events"
    __table_args__ = _NEVER_REUSE_IDS

    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    township: Mapped[str] = mapped_column(Text, nullable=False)
    unit: Mapped[str] = mapped_column(Text, nullable=False)
    activity: Mapped[str] = mapped_column(String(20), nullable=False)
    quantity: Mapped[int] = mapped_column(BigInteger, nullable=False)
    participants: Mapped[int | None] = mapped_column(BigInteger)


class SelfInspectionReceipt(_CampaignRecord, Base):
    __tablename__ = "self_inspection_receipts"
    __table_args__ = _NEVER_REUSE_IDS

    subject_id: Mapped[str] = mapped_column(Text, nullable=False)
    submitted_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    reported_arrears_amount: Mapped[float] = mapped_column(Double, nullable=False)
    reported_arrears_workers: Mapped[int] = mapped_column(BigInteger, nullable=False)
    rectified: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)


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


# The tables of records that belong to a campaign, in the order a dump writes them.
RECORD_TABLES = {
    m.__tablename__: m.__table__
    for m in (Inspection, Finding, Order, CaseAction, PublicityEvent, SelfInspectionReceipt)
}
