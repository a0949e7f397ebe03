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
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from dashboard.accounts import User, _to_user, normalize_email
from dashboard.tables import sessions
from helpline.settings.logs import get_logger
from helpline.store.db import users, utcnow
from helpline.store.rate_limit import STORE_DOWN_RETRY_AFTER, Counters, Decision, SqlCounters, limit_key

logger = get_logger("dashboard.security")

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


# Login throttling (README "Sign-in throttling"). A failed password costs a counter in each bucket the
# attempt falls in; a counter is taken BEFORE the password is checked, by one conditional statement, so
# concurrent attempts cannot all be checked against a limit none of them has counted yet.
#   account + client   5 per 15 minutes: one browser or address guessing one account.
#   client (any account) 30 per 15 minutes: one address spraying many accounts.
#   account, unknown clients together 20 per 15 minutes: a slower account-wide limit for clients without
#     that account's device cookie. A browser that signed in to the account before carries a signed
#     device cookie and is counted only in its own account + device bucket, so guesses from anywhere else
#     never lock the real counsellor out of their usual browser.
WINDOW = FAILURE_WINDOW
PER_ACCOUNT_CLIENT = MAX_FAILURES
PER_CLIENT = 30
PER_ACCOUNT_UNKNOWN_CLIENTS = 20
DEVICE_COOKIE = "helpline_device"
DEVICE_LIFETIME = dt.timedelta(days=90)


def device_cookie_for(secret_key: str, email: str, nonce: str | None = None) -> str:
    """`nonce.mac`: proves this browser signed in to this account before (bound to the account)."""
    nonce = nonce or secrets.token_urlsafe(16)
    key = hmac.new(secret_key.encode(), b"dashboard-device", hashlib.sha256).digest()
    mac = hmac.new(key, f"{_email_hash(email)}.{nonce}".encode(), hashlib.sha256).hexdigest()
    return f"{nonce}.{mac}"


def trusted_device(secret_key: str, email: str, cookie: str | None) -> str | None:
    """The device's nonce when `cookie` is this account's valid device cookie, else None."""
    if not cookie or len(cookie) > 200 or "." not in cookie:
        return None
    nonce = cookie.split(".", 1)[0]
    if not nonce or not hmac.compare_digest(cookie, device_cookie_for(secret_key, email, nonce)):
        return None
    return nonce


@dataclass(frozen=True)
class Ticket:
    """The outcome of asking to check a password: allowed (counters taken) or refused for a while."""

    allowed: bool
    keys: tuple[str, ...] = ()
    own_key: str = ""  # the account + client counter, cleared by a success
    retry_after: int = 0  # seconds, when refused


class LoginThrottle:
    """Counters per throttle key on the shared rate-limit counters (helpline/store/rate_limit.py: the
    `rate_limits` table, or Redis when REDIS_URL is set); each take is one atomic check-and-count, so a
    limit of 5 lets exactly 5 concurrent attempts through, across replicas. A counter store that cannot
    be read refuses (a sign-in is never checked uncounted)."""

    def __init__(self, engine: Engine, secret_key: str = "", counters: Counters | None = None) -> None:
        self._secret_key = secret_key
        self.counters = counters or SqlCounters(engine)

    def buckets(self, email: str, client_ip: str, device_cookie: str | None = None) -> list[tuple[str, int]]:
        account = _email_hash(email)
        device = trusted_device(self._secret_key, email, device_cookie) if self._secret_key else None
        if device is not None:
            return [(limit_key("account-device", account, device), PER_ACCOUNT_CLIENT)]
        address = client_ip[:64]
        return [
            (limit_key("account-client", account, address), PER_ACCOUNT_CLIENT),
            (limit_key("client", address), PER_CLIENT),
            (limit_key("account-unknown-clients", account), PER_ACCOUNT_UNKNOWN_CLIENTS),
        ]

    def acquire(self, email: str, client_ip: str, device_cookie: str | None = None) -> Ticket:
        """Takes one counter in each bucket, or none and a refusal if any bucket is full."""
        buckets = self.buckets(email, client_ip, device_cookie)
        taken: list[str] = []
        for key, limit in buckets:
            decision = self._take(key, limit)
            if not decision.allowed:
                for done in taken:
                    self._refund(done)
                return Ticket(False, retry_after=decision.retry_after)
            taken.append(key)
        return Ticket(True, tuple(taken), own_key=buckets[0][0])

    def succeeded(self, ticket: Ticket) -> None:
        """A correct password: this account + client starts afresh; the wider counters get theirs back."""
        self.counters.clear(ticket.own_key)
        for key in ticket.keys:
            if key != ticket.own_key:
                self._refund(key)

    def _take(self, key: str, limit: int) -> Decision:
        try:
            return self.counters.take(key, limit, WINDOW)
        except Exception as error:  # noqa: BLE001 - refused, never a 5xx, never an uncounted check
            logger.warning("login.throttle_store_failed", extra={"error": type(error).__name__})
            return Decision(False, STORE_DOWN_RETRY_AFTER)

    def _refund(self, key: str) -> None:
        try:
            self.counters.refund(key)
        except Exception as error:  # noqa: BLE001 - a lost refund only costs the counter one count
            logger.warning("login.throttle_refund_failed", extra={"error": type(error).__name__})
