"""The threat's deadline on each handoff (issue 14): `handoffs.deadline_at`, naive UTC, null when none stated.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Tolerates a database whose `create_all` (or an earlier run) already added the column.
    columns = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("handoffs")}
    if "deadline_at" not in columns:
        op.add_column("handoffs", sa.Column("deadline_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("handoffs", "deadline_at")
