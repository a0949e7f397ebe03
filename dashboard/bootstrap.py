"""At start: when HELPLINE_ADMIN_EMAIL/PASSWORD are set and no account exists yet, create that supervisor.

In development without them, `make run` (service/serve.py) creates a development supervisor with a
generated password kept in `var/dev_admin_password` (mode 0600) and prints the sign-in, so a newcomer
can open the dashboard on a fresh clone. Production never gets one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from dashboard import audit
from dashboard.accounts import MIN_PASSWORD_LENGTH, AccountError, AccountStore, User
from helpline.settings.config import ConfigError, Settings, _stored_secret
from helpline.settings.logs import get_logger

logger = get_logger("dashboard.bootstrap")
ADMIN_NAME = "Administrator"
DEV_ADMIN_EMAIL = "admin@helpline.localhost"
DEV_ADMIN_NAME = "Development supervisor"
DEV_PASSWORD_FILE = "dev_admin_password"


def ensure_admin(settings: Settings, engine: Engine) -> User | None:
    """The created supervisor, or None when not configured or accounts already exist."""
    if not (settings.admin_email and settings.admin_password):
        return None
    store = AccountStore(engine)
    if store.count():
        return None
    if len(settings.admin_password) < MIN_PASSWORD_LENGTH:
        raise ConfigError(f"HELPLINE_ADMIN_PASSWORD must have at least {MIN_PASSWORD_LENGTH} characters")
    try:
        user = store.create(settings.admin_email, ADMIN_NAME, settings.admin_password, role="supervisor")
    except AccountError as error:
        if "already exists" in str(error):  # another replica created it at the same moment
            return None
        raise ConfigError(f"HELPLINE_ADMIN_EMAIL: {error}") from error
    audit.record(engine, "user_created", user_id=user.id, detail=f"user:{user.id} role:supervisor bootstrap")
    logger.info("dashboard.admin_created", extra={"user": user.id})
    return user


@dataclass(frozen=True)
class DevSignIn:
    email: str
    password: str
    password_file: str
    created: bool


def ensure_dev_sign_in(settings: Settings, engine: Engine) -> DevSignIn | None:
    """The development sign-in to print, creating its supervisor when no account exists yet.

    None in production, when HELPLINE_ADMIN_EMAIL/PASSWORD are set (that account is the sign-in), or
    when other accounts exist and the development one is absent or its password was changed.
    """
    if settings.is_production or (settings.admin_email and settings.admin_password):
        return None
    password = _stored_secret(settings.var_dir, DEV_PASSWORD_FILE, 18)  # 24 characters
    path = str(settings.var_dir / DEV_PASSWORD_FILE)
    store = AccountStore(engine)
    if store.by_email(DEV_ADMIN_EMAIL) is not None:
        if store.authenticate(DEV_ADMIN_EMAIL, password) is None:
            return None  # changed on the users page: the file no longer signs in
        return DevSignIn(DEV_ADMIN_EMAIL, password, path, created=False)
    if store.count():
        return None
    try:
        user = store.create(DEV_ADMIN_EMAIL, DEV_ADMIN_NAME, password, role="supervisor")
    except AccountError as error:
        if "already exists" in str(error):  # created at the same moment elsewhere
            return DevSignIn(DEV_ADMIN_EMAIL, password, path, created=False)
        raise
    audit.record(engine, "user_created", user_id=user.id, detail=f"user:{user.id} role:supervisor dev")
    logger.info("dashboard.dev_admin_created", extra={"user": user.id})
    return DevSignIn(DEV_ADMIN_EMAIL, password, path, created=True)
