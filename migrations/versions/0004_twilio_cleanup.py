"""Twilio clean-up jobs: media to delete from Twilio, and a texter's Twilio records after "delete my data".

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Like 0003, tolerates a database adopted by stamping whose `create_all` already made the table.
    if "twilio_cleanup" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "twilio_cleanup",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("message_sid", sa.String(length=64), nullable=True),
        sa.Column("conversation_id", sa.String(length=64), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=True),
        sa.Column("number_cipher", sa.Text(), nullable=True),
        sa.Column("sids", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("not_before", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=48), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_twilio_cleanup_not_before", "twilio_cleanup", ["not_before"])


def downgrade() -> None:
    op.drop_index("ix_twilio_cleanup_not_before", table_name="twilio_cleanup")
    op.drop_table("twilio_cleanup")
