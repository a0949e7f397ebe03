"""Server-side sessions, CSRF double submit bound to the session, and login rate limiting.

The session cookie carries a random token; the database keeps only its SHA-256. Sessions end 8 hours
after login whatever happens, or after 30 minutes without a request. The CSRF token is an HMAC of the
session token, so a `csrf_token` cookie planted by someone else never matches the session.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.engine import Engine

from dashboard.accounts import User, _to_user, normalize_email
from dashboard.tables import login_attempts, sessions
from helpline.db import users, utcnow

SESSION_COOKIE = "helpline_session"
CSRF_COOKIE = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SESSION_LIFETIME = dt.timedelta(hours=8)
IDLE_TIMEOUT = dt.timedelta(minutes=30)
TOUCH_EVERY = dt.timedelta(seconds=20)  # last_seen_at is written at most this often
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token_for(secret_key: str, session_token: str) -> str:
    key = hmac.new(secret_key.encode(), b"dashboard-csrf", hashlib.sha256).digest()
    return hmac.new(key, session_token.encode(), hashlib.sha256).hexdigest()


def csrf_valid(secret_key: str, session_token: str, cookie: str | None, header: str | None) -> bool:
    """Double submit: the header equals the cookie, and both belong to this session."""
    if not cookie or not header:
        return False
    expected = csrf_token_for(secret_key, session_token)
    return hmac.compare_digest(header, cookie) and hmac.compare_digest(header, expected)


class SessionStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, user_id: int) -> str:
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with self._engine.begin() as conn:
            conn.execute(
                delete(sessions).where(
                    (sessions.c.expires_at < now) | (sessions.c.last_seen_at < now - IDLE_TIMEOUT)
                )
            )
            conn.execute(
                insert(sessions).values(
                    token_hash=token_hash(token),
                    user_id=user_id,
                    created_at=now,
                    last_seen_at=now,
                    expires_at=now + SESSION_LIFETIME,
                )
            )
        return token

    def resolve(self, token: str | None, touch: bool = True) -> User | None:
        """The active user of a live session; `touch` counts this request as activity."""
        if not token or len(token) > 200:
            return None
        digest = token_hash(token)
        now = utcnow()
        with self._engine.connect() as conn:
            row = conn.execute(
                select(users, sessions.c.last_seen_at, sessions.c.expires_at)
                .join(sessions, sessions.c.user_id == users.c.id)
                .where(sessions.c.token_hash == digest)
            ).first()
        if row is None:
            return None
        if row.expires_at <= now or row.last_seen_at <= now - IDLE_TIMEOUT or not row.active:
            self.delete(token)
            return None
        if touch and now - row.last_seen_at >= TOUCH_EVERY:
            with self._engine.begin() as conn:
                conn.execute(update(sessions).where(sessions.c.token_hash == digest).values(last_seen_at=now))
        return _to_user(row)

    def delete(self, token: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash(token)))

    def delete_for_user(self, user_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(sessions).where(sessions.c.user_id == user_id))


def _email_hash(email: str) -> str:
    return hashlib.sha256(normalize_email(email).encode()).hexdigest()


class LoginThrottle:
    """At most MAX_FAILURES failed logins per email and per client address in FAILURE_WINDOW."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def blocked(self, email: str, client_ip: str) -> bool:
        since = utcnow() - FAILURE_WINDOW
        failed = and_(login_attempts.c.at > since, login_attempts.c.succeeded.is_(False))
        with self._engine.connect() as conn:
            by_email = conn.execute(
                select(func.count())
                .select_from(login_attempts)
                .where(failed, login_attempts.c.email_hash == _email_hash(email))
            ).scalar()
            by_ip = conn.execute(
                select(func.count())
                .select_from(login_attempts)
                .where(failed, login_attempts.c.client_ip == client_ip[:64])
            ).scalar()
        return (by_email or 0) >= MAX_FAILURES or (by_ip or 0) >= MAX_FAILURES

    def record(self, email: str, client_ip: str, succeeded: bool) -> None:
        now = utcnow()
        with self._engine.begin() as conn:
            conn.execute(delete(login_attempts).where(login_attempts.c.at < now - dt.timedelta(days=1)))
            if succeeded:  # a correct password clears that account's failures, not the address's
                conn.execute(
                    delete(login_attempts).where(
                        login_attempts.c.email_hash == _email_hash(email),
                        login_attempts.c.succeeded.is_(False),
                    )
                )
            conn.execute(
                insert(login_attempts).values(
                    at=now, email_hash=_email_hash(email), client_ip=client_ip[:64], succeeded=succeeded
                )
            )
