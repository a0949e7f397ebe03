"""Shared rate-limit counters (helpline/store/rate_limit.py) for the web chat, the report page and the sign-in
throttle: one row per key, changed by single conditional statements (atomic), each with its window's end.
The sign-in throttle's own table `login_throttle` (0008) is replaced: its counters only lived 15 minutes.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Like 0003, tolerates a database adopted by stamping whose `create_all` already made the table.
    present = sa.inspect(op.get_bind()).get_table_names()
    if "rate_limits" not in present:
        op.create_table(
            "rate_limits",
            sa.Column("key", sa.String(length=64), nullable=False),
            sa.Column("hits", sa.Integer(), nullable=False),
            sa.Column("window_start", sa.DateTime(), nullable=False),
            sa.Column("expires_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("key"),
        )
        op.create_index("ix_rate_limits_expires_at", "rate_limits", ["expires_at"])
    if "login_throttle" in present:
        op.drop_index("ix_login_throttle_window_start", table_name="login_throttle")
        op.drop_table("login_throttle")


def downgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_login_throttle_window_start", "login_throttle", ["window_start"])
    op.drop_index("ix_rate_limits_expires_at", table_name="rate_limits")
    op.drop_table("rate_limits")
