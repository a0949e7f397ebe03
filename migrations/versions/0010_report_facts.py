"""The report pack's facts (one encrypted document per conversation) and its printable pages' tokens
(helpline/store/report_facts.py).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Like 0003, tolerates a database adopted by stamping whose `create_all` already made the tables.
    present = sa.inspect(op.get_bind()).get_table_names()
    if "report_pages" not in present:
        op.create_table(
            "report_pages",
            sa.Column("token_hash", sa.String(length=64), nullable=False),
            sa.Column("conversation_id", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("expires_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("token_hash"),
        )
        op.create_index("ix_report_pages_conversation_id", "report_pages", ["conversation_id"])
        op.create_index("ix_report_pages_expires_at", "report_pages", ["expires_at"])
    if "report_facts" in present:
        return
    op.create_table(
        "report_facts",
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("facts_cipher", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("conversation_id"),
    )
    op.create_index("ix_report_facts_updated_at", "report_facts", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_report_pages_expires_at", table_name="report_pages")
    op.drop_index("ix_report_pages_conversation_id", table_name="report_pages")
    op.drop_table("report_pages")
    op.drop_index("ix_report_facts_updated_at", table_name="report_facts")
    op.drop_table("report_facts")
