"""Operations: per-counsellor capacity, the scheduler's job leases, check-ins, the post-contact survey.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Tolerates what is already there: a database adopted by stamping (helpline/store/migrate.py) may have
    # been made by `create_all` from metadata that already had these tables.
    inspector = sa.inspect(op.get_bind())
    existing = set(inspector.get_table_names())
    if "max_open" not in {column["name"] for column in inspector.get_columns("users")}:
        op.add_column("users", sa.Column("max_open", sa.Integer(), nullable=True))
    if "job_leases" not in existing:
        _job_leases()
    if "checkins" not in existing:
        _checkins()
    if "surveys" not in existing:
        _surveys()


def _job_leases() -> None:
    op.create_table(
        "job_leases",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("holder", sa.String(length=128), nullable=True),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("next_run_at", sa.DateTime(), nullable=False),
        sa.Column("last_started_at", sa.DateTime(), nullable=True),
        sa.Column("last_finished_at", sa.DateTime(), nullable=True),
        sa.Column("last_status", sa.String(length=16), nullable=True),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def _checkins() -> None:
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("script", sa.String(length=8), nullable=True),
        sa.Column("region", sa.String(length=8), nullable=True),
        sa.Column("consented_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("skip_reason", sa.String(length=32), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_checkins_conversation_id", "checkins", ["conversation_id"])
    op.create_index("ix_checkins_due_at", "checkins", ["due_at"])
    op.create_index("ix_checkins_status", "checkins", ["status"])


def _surveys() -> None:
    op.create_table(
        "surveys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("handoff_id", sa.Integer(), nullable=True),
        sa.Column("conversation_id", sa.String(length=64), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_surveys_handoff_id", "surveys", ["handoff_id"])
    op.create_index("ix_surveys_conversation_id", "surveys", ["conversation_id"])
    op.create_index("ix_surveys_asked_at", "surveys", ["asked_at"])


def downgrade() -> None:
    op.drop_table("surveys")
    op.drop_table("checkins")
    op.drop_table("job_leases")
    op.drop_column("users", "max_open")
