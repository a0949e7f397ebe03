"""The dashboard's own tables, on the helpline metadata so `make_engine` creates them with the rest.

Only a SHA-256 of each session token is stored: a copy of the database does not yield live sessions.
Login throttling lives in the database (not in memory) so it holds across dashboard replicas: one
counter row per throttle key, changed only by single conditional UPDATE/INSERT statements
(dashboard/security.py), so concurrent attempts cannot all pass a check made before any is counted.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Table

from helpline.db import metadata

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False, index=True),  # absolute: created_at + 8 h
)

# No longer written (the throttle moved to login_throttle); kept so existing databases match the migrations.
login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("email_hash", String(64), nullable=False, index=True),  # SHA-256 of the lower-cased email
    Column("client_ip", String(64), nullable=False, index=True),
    Column("succeeded", Boolean, nullable=False),
)

login_throttle = Table(
    "login_throttle",
    metadata,
    Column("key", String(64), primary_key=True),  # SHA-256 of the key's kind and parts (no email, no address)
    Column("failures", Integer, nullable=False),  # attempts counted in the window (a success refunds its own)
    Column("window_start", DateTime, nullable=False, index=True),
)
