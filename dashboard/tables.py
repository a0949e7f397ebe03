"""The dashboard's own tables, on the helpline metadata so `make_engine` creates them with the rest.

Only a SHA-256 of each session token is stored: a copy of the database does not yield live sessions.
Login attempts live in the database (not in memory) so rate limiting holds across dashboard replicas.
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

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("email_hash", String(64), nullable=False, index=True),  # SHA-256 of the lower-cased email
    Column("client_ip", String(64), nullable=False, index=True),
    Column("succeeded", Boolean, nullable=False),
)
