"""At start: when HELPLINE_ADMIN_EMAIL/PASSWORD are set and no account exists yet, create that supervisor."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from dashboard import audit
from dashboard.accounts import MIN_PASSWORD_LENGTH, AccountError, AccountStore, User
from helpline.config import ConfigError, Settings
from helpline.logs import get_logger

logger = get_logger("dashboard.bootstrap")
ADMIN_NAME = "Administrator"


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
