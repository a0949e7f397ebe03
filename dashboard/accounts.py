"""Counsellor and supervisor accounts: argon2 password hashes, roles, the on-duty switch."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from helpline.store.db import users, utcnow

ROLES = ("counsellor", "supervisor")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

_hasher = PasswordHasher()
_dummy_hash: str | None = None


class AccountError(ValueError):
    """An account cannot be created or changed; the message says why (safe to show)."""


@dataclass(frozen=True)
class User:
    id: int
    email: str
    display_name: str
    role: str
    available: bool
    active: bool
    created_at: dt.datetime
    max_open: int | None = None  # per-user capacity override (None: the configured default)

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"

    def public(self) -> dict:
        return {
            "id": self.id,
            "email": self.email,
            "display_name": self.display_name,
            "role": self.role,
            "available": self.available,
            "active": self.active,
            "created_at": self.created_at.isoformat() + "Z",
            "max_open": self.max_open,
        }


def _to_user(row) -> User:
    return User(
        id=row.id,
        email=row.email,
        display_name=row.display_name,
        role=row.role,
        available=bool(row.available),
        active=bool(row.active),
        created_at=row.created_at,
        max_open=getattr(row, "max_open", None),
    )


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _burn_time(password: str) -> None:
    """Verifies against a throwaway hash so an unknown email takes as long as a wrong password."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("unused-password-for-constant-time")
    verify_password(_dummy_hash, password)


def check_password_rules(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError("the password is too long")


class AccountStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, email: str, display_name: str, password: str, role: str = "counsellor") -> User:
        email = normalize_email(email)
        display_name = (display_name or "").strip()
        if not EMAIL_PATTERN.match(email) or len(email) > 254:
            raise AccountError("a valid email address is needed")
        if not display_name or len(display_name) > 80:
            raise AccountError("a display name of 1 to 80 characters is needed")
        if role not in ROLES:
            raise AccountError("role must be counsellor or supervisor")
        check_password_rules(password)
        try:
            with self._engine.begin() as conn:
                user_id = conn.execute(
                    insert(users).values(
                        email=email,
                        display_name=display_name,
                        password_hash=hash_password(password),
                        role=role,
                        available=False,
                        active=True,
                        created_at=utcnow(),
                    )
                ).inserted_primary_key[0]
        except IntegrityError as error:
            raise AccountError("an account with this email already exists") from error
        user = self.get(user_id)
        assert user is not None
        return user

    def get(self, user_id: int) -> User | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.id == user_id)).first()
        return _to_user(row) if row else None

    def by_email(self, email: str) -> User | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.email == normalize_email(email))).first()
        return _to_user(row) if row else None

    def list(self, active_only: bool = False) -> list[User]:
        query = select(users).order_by(users.c.display_name, users.c.id)
        if active_only:
            query = query.where(users.c.active.is_(True))
        with self._engine.connect() as conn:
            return [_to_user(row) for row in conn.execute(query)]

    def count(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(users)).scalar() or 0)

    def authenticate(self, email: str, password: str) -> User | None:
        """The active user with this email and password, else None (in about the same time)."""
        with self._engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.email == normalize_email(email))).first()
        if row is None or not row.active:
            _burn_time(password)
            return None
        if not verify_password(row.password_hash, password):
            return None
        if _hasher.check_needs_rehash(row.password_hash):
            self._store_hash(row.id, password)
        return _to_user(row)

    def set_password(self, user_id: int, password: str) -> None:
        check_password_rules(password)
        self._store_hash(user_id, password)

    def _store_hash(self, user_id: int, password: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                update(users).where(users.c.id == user_id).values(password_hash=hash_password(password))
            )

    def set_available(self, user_id: int, available: bool) -> None:
        with self._engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(available=bool(available)))

    def set_max_open(self, user_id: int, max_open: int | None) -> bool:
        """Sets (or with None clears) a counsellor's own limit of open conversations."""
        if max_open is not None and not 1 <= max_open <= 50:
            raise AccountError("the limit must be between 1 and 50 conversations")
        with self._engine.begin() as conn:
            return bool(
                conn.execute(update(users).where(users.c.id == user_id).values(max_open=max_open)).rowcount
            )

    def set_active(self, user_id: int, active: bool) -> bool:
        values: dict = {"active": bool(active)}
        if not active:
            values["available"] = False
        with self._engine.begin() as conn:
            return bool(conn.execute(update(users).where(users.c.id == user_id).values(**values)).rowcount)
