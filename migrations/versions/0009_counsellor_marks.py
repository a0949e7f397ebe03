"""Counsellors' marks on misread texter messages, for the training-data review (issue 12).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Like 0003, tolerates a database adopted by stamping whose `create_all` already made the table.
    if "counsellor_marks" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "counsellor_marks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("handoff_id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("message_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("correction", sa.String(length=48), nullable=True),
        sa.Column("predicted", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("text_cipher", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reviewed_by", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("exported_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["handoff_id"], ["handoffs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"]),
        sa.ForeignKeyConstraint(["reviewed_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_counsellor_marks_handoff_id", "counsellor_marks", ["handoff_id"])
    op.create_index("ix_counsellor_marks_conversation_id", "counsellor_marks", ["conversation_id"])
    op.create_index("ix_counsellor_marks_created_at", "counsellor_marks", ["created_at"])
    op.create_index("ix_counsellor_marks_status", "counsellor_marks", ["status"])


def downgrade() -> None:
    for column in ("status", "created_at", "conversation_id", "handoff_id"):
        op.drop_index(f"ix_counsellor_marks_{column}", table_name="counsellor_marks")
    op.drop_table("counsellor_marks")
