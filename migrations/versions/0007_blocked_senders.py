"""Blocked senders: a supervisor's block of one pseudonymous sender, with a reason and an expiry.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Like 0003, tolerates a database adopted by stamping whose `create_all` already made the table.
    if "blocked_senders" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "blocked_senders",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("lifted_at", sa.DateTime(), nullable=True),
        sa.Column("lifted_by", sa.Integer(), nullable=True),
        sa.Column("notified_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"]),
        sa.ForeignKeyConstraint(["lifted_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_blocked_senders_conversation_id", "blocked_senders", ["conversation_id"])
    op.create_index("ix_blocked_senders_expires_at", "blocked_senders", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_blocked_senders_expires_at", table_name="blocked_senders")
    op.drop_index("ix_blocked_senders_conversation_id", table_name="blocked_senders")
    op.drop_table("blocked_senders")
