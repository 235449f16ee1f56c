"""Checklist results, daily reports, baselines; order numbers; owners and deadlines of findings.

Every checklist item's result is now kept (合格 / 不合格 / 未检查), not only the failures. A
store written before this revision kept, for each inspection, one finding per failed item and
nothing for the others, whose form showed 合格 when saved: those inspections get one result per
item, 不合格 where a finding of that item points to the inspection and 合格 elsewhere, each
noted as inferred on upgrade.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The checklist of that day, frozen here: a migration must not change when the checklist does.
_ITEMS = (
    "inspection.real_name",
    "inspection.wage_account",
    "inspection.general_contractor_pays",
    "inspection.bank_payment",
    "inspection.wage_deposit",
    "inspection.contracts",
    "inspection.attendance",
    "inspection.payroll_sheets",
    "inspection.notice_board",
    "inspection.id_documents",
    "inspection.child_labour",
)
_INFERRED = "升级前的检查记录只保存了不合格项，此结果由升级推定"


def _versioned(table: str) -> list:
    return [
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f(f"fk_{table}_campaign_id_campaigns"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "checklist_results",
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=60), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *_versioned("checklist_results"),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspections.id"],
            name=op.f("fk_checklist_results_inspection_id_inspections"),
            ondelete="RESTRICT",
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_checklist_results_campaign_id"), "checklist_results", ["campaign_id"])
    op.create_index("ix_checklist_results_inspection", "checklist_results", ["inspection_id"])
    op.create_table(
        "daily_reports",
        sa.Column("township", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("incidents", sa.BigInteger(), nullable=False),
        sa.Column("new_cases", sa.BigInteger(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *_versioned("daily_reports"),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_daily_reports_campaign_id"), "daily_reports", ["campaign_id"])
    op.create_index("ix_daily_reports_campaign_date", "daily_reports", ["campaign_id", "date"])
    op.create_table(
        "baseline_tiers",
        sa.Column("baseline_date", sa.Date(), nullable=False),
        sa.Column("subject_id", sa.Text(), nullable=False),
        sa.Column("subject_kind", sa.String(length=20), nullable=False),
        sa.Column("tier", sa.String(length=20), nullable=False),
        sa.Column("arrears_amount", sa.Double(), nullable=True),
        sa.Column("arrears_workers", sa.BigInteger(), nullable=True),
        *_versioned("baseline_tiers"),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_baseline_tiers_campaign_id"), "baseline_tiers", ["campaign_id"])
    op.add_column("orders", sa.Column("number", sa.Text(), nullable=True))
    op.add_column("findings", sa.Column("owner", sa.Text(), nullable=True))
    op.add_column("findings", sa.Column("deadline", sa.Date(), nullable=True))
    op.add_column("findings", sa.Column("rectified_date", sa.Date(), nullable=True))
    _infer_checklist_results()


def _infer_checklist_results() -> None:
    """One result per item for every inspection recorded before results were kept."""
    connection = op.get_bind()
    inspections = connection.execute(
        sa.text("SELECT id, campaign_id, created_by, created_at FROM inspections")
    ).all()
    if not inspections:
        return
    failed = {
        (row.inspection_id, row.code)
        for row in connection.execute(
            sa.text("SELECT inspection_id, code FROM findings WHERE inspection_id IS NOT NULL")
        )
    }
    results = sa.table(
        "checklist_results",
        *(
            sa.column(name)
            for name in (
                "inspection_id",
                "item",
                "result",
                "note",
                "campaign_id",
                "version",
                "created_by",
                "created_at",
                "updated_by",
                "updated_at",
            )
        ),
    )
    rows = [
        {
            "inspection_id": visit.id,
            "item": item,
            "result": "不合格" if (visit.id, item) in failed else "合格",
            "note": _INFERRED,
            "campaign_id": visit.campaign_id,
            "version": 1,
            "created_by": visit.created_by,
            "created_at": visit.created_at,
            "updated_by": visit.created_by,
            "updated_at": visit.created_at,
        }
        for visit in inspections
        for item in _ITEMS
    ]
    op.bulk_insert(results, rows)


def downgrade() -> None:
    op.drop_column("findings", "rectified_date")
    op.drop_column("findings", "deadline")
    op.drop_column("findings", "owner")
    op.drop_column("orders", "number")
    op.drop_index(op.f("ix_baseline_tiers_campaign_id"), table_name="baseline_tiers")
    op.drop_table("baseline_tiers")
    op.drop_index("ix_daily_reports_campaign_date", table_name="daily_reports")
    op.drop_index(op.f("ix_daily_reports_campaign_id"), table_name="daily_reports")
    op.drop_table("daily_reports")
    op.drop_index("ix_checklist_results_inspection", table_name="checklist_results")
    op.drop_index(op.f("ix_checklist_results_campaign_id"), table_name="checklist_results")
    op.drop_table("checklist_results")
