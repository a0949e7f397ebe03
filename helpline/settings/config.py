"""Settings read from the environment, with generated development secrets kept under `var/`.

Production (`HELPLINE_ENV=production`) refuses to start without its secrets; development generates
them once into `var/` so that `make run` works on a fresh clone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpline.settings.retention import RetentionError, load_retention

REPO_ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_SECRETS = ("TWILIO_AUTH_TOKEN", "HELPLINE_SECRET_KEY", "DATABASE_URL", "RASA_TOKEN")
DEFAULT_CLOSED_ACCESS_HOURS = 72.0


class ConfigError(RuntimeError):
    """A setting is missing or invalid; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    env: str
    var_dir: Path
    public_url: str
    twilio_auth_token: str
    twilio_account_sid: str | None
    twilio_sms_from: str | None
    twilio_whatsapp_from: str | None
    database_url: str
    tracker_store_url: str | None
    redis_url: str | None
    rasa_workers: int
    secret_key: str
    rasa_token: str
    rasa_url: str
    rasa_port: int
    actions_port: int
    dashboard_port: int
    admin_email: str | None
    admin_password: str | None
    # How long the counsellor who held a handoff may still open it after it closed (supervisors always).
    closed_access_hours: float = DEFAULT_CLOSED_ACCESS_HOURS
    # Operations (issue 13): capacity, scheduler, check-ins, survey.
    max_open_per_counsellor: int = 3
    scheduler_enabled: bool = True
    scheduler_interval_seconds: int = 30
    checkin_after_hours: float = 20.0
    survey_enabled: bool = True
    # Security (issue 16): addresses whose X-Real-IP the dashboard believes (the reverse proxy only),
    # where the action server listens, and the token Rasa must send it.
    trusted_proxies: tuple[str, ...] = ()
    actions_host: str = "127.0.0.1"
    actions_token: str = ""

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def closed_access(self) -> dt.timedelta:
        return dt.timedelta(hours=self.closed_access_hours)

    @property
    def twilio_configured(self) -> bool:
        return bool(self.twilio_account_sid)


def private_dir(path: Path) -> Path:
    """Creates `path` (and missing parents) readable by this user only (0700); an existing folder
    this user owns is tightened to 0700 too (older clones made var/ world-readable)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """Creates `path` empty with mode 0600 unless it exists; an existing one this user owns is made
    0600 (SQLite files: SQLite gives the -wal and -shm files the database file's mode). A missing
    parent folder is created 0700; an existing one is left as it is."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
            path.chmod(0o600)
    return path


def _stored_secret(var_dir: Path, name: str, nbytes: int = 32) -> str:
    """Reads a development secret from `var/`, creating it (mode 0600) on first use."""
    path = var_dir / name
    if path.exists():
        return path.read_text().strip()
    private_dir(var_dir)
    value = secrets.token_urlsafe(nbytes)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value


def _int(name: str, default: int, what: str = "a port number") -> int:
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ConfigError(f"{name} must be {what}, got {raw!r}") from error


def _rasa_workers(redis_url: str | None) -> int:
    """RASA_WORKERS: Rasa server processes (default 1). More than one needs the Redis lock store.

    Each worker takes any conversation's next message; only a lock store all of them share keeps a
    conversation's messages in order, and the embedded default (in memory) is per process.
    """
    workers = _int("RASA_WORKERS", 1, "a whole number of processes")
    if workers < 1:
        raise ConfigError(f"RASA_WORKERS must be at least 1, got {workers}")
    if workers > 1 and not redis_url:
        raise ConfigError(
            "RASA_WORKERS > 1 needs REDIS_URL: the workers must share a lock store to keep each "
            "conversation's messages in order"
        )
    return workers


def _closed_access_hours() -> float:
    """HELPLINE_CLOSED_ACCESS_HOURS: hours a closed handoff stays open to its counsellor (0: never)."""
    raw = os.environ.get("HELPLINE_CLOSED_ACCESS_HOURS", "").strip()
    if not raw:
        return DEFAULT_CLOSED_ACCESS_HOURS
    try:
        hours = float(raw)
    except ValueError as error:
        raise ConfigError(f"HELPLINE_CLOSED_ACCESS_HOURS must be a number of hours, got {raw!r}") from error
    if not 0 <= hours <= 24 * 366:
        raise ConfigError(f"HELPLINE_CLOSED_ACCESS_HOURS must be between 0 and 8784 hours, got {raw!r}")
    return hours


def _trusted_proxies() -> tuple[str, ...]:
    """HELPLINE_TRUSTED_PROXIES: comma-separated addresses or networks of the reverse proxy.

    Only a request arriving from one of them has its X-Real-IP header taken as the client's address
    (nginx sets it from $remote_addr); anything else a client sends is ignored. Empty (the default):
    no proxy, the connection's own address counts.
    """
    raw = os.environ.get("HELPLINE_TRUSTED_PROXIES", "")
    networks = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        if item == "*":
            raise ConfigError("HELPLINE_TRUSTED_PROXIES must name the proxy's addresses, not '*'")
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError as error:
            raise ConfigError(
                f"HELPLINE_TRUSTED_PROXIES must be IP addresses or networks, got {item!r}"
            ) from error
    return tuple(networks)


def derived_secret(secret_key: str, purpose: str) -> str:
    """A secret for one purpose derived from HELPLINE_SECRET_KEY (so no extra variable is required)."""
    return hmac.new(secret_key.encode(), f"helpline:{purpose}".encode(), hashlib.sha256).hexdigest()


def _switch(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "on", "true", "yes"):
        return True
    if raw in ("0", "off", "false", "no"):
        return False
    raise ConfigError(f"{name} must be on or off, got {raw!r}")


def _positive(name: str, default: float, what: str) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as error:
        raise ConfigError(f"{name} must be {what}, got {raw!r}") from error
    if value <= 0:
        raise ConfigError(f"{name} must be more than 0, got {raw!r}")
    return value


def load_settings() -> Settings:
    """Builds settings from the environment; see `.env.example` for every variable."""
    env = os.environ.get("HELPLINE_ENV", "dev").strip().lower() or "dev"
    if env not in ("dev", "production"):
        raise ConfigError(f"HELPLINE_ENV must be 'dev' or 'production', got {env!r}")
    var_dir = Path(os.environ.get("HELPLINE_VAR_DIR", REPO_ROOT / "var")).resolve()

    if env == "production":
        missing = [name for name in PRODUCTION_SECRETS if not os.environ.get(name)]
        if missing:
            raise ConfigError("production needs these variables set: " + ", ".join(missing))

    if env == "dev":
        private_dir(var_dir)  # 0700: development databases and secrets live here

    def secret(name: str, file_name: str) -> str:
        return os.environ.get(name) or _stored_secret(var_dir, file_name)

    try:
        load_retention()  # a wrong retention period stops every process at start, not a purge later
    except RetentionError as error:
        raise ConfigError(str(error)) from error

    rasa_port = _int("RASA_PORT", 5005)
    redis_url = os.environ.get("REDIS_URL") or None
    secret_key = secret("HELPLINE_SECRET_KEY", "secret_key")
    return Settings(
        env=env,
        var_dir=var_dir,
        public_url=os.environ.get("PUBLIC_URL", f"http://localhost:{rasa_port}").rstrip("/"),
        twilio_auth_token=secret("TWILIO_AUTH_TOKEN", "twilio_auth_token"),
        twilio_account_sid=os.environ.get("TWILIO_ACCOUNT_SID") or None,
        twilio_sms_from=os.environ.get("TWILIO_SMS_FROM") or None,
        twilio_whatsapp_from=os.environ.get("TWILIO_WHATSAPP_FROM") or None,
        database_url=os.environ.get("DATABASE_URL") or f"sqlite:///{var_dir / 'helpline.db'}",
        tracker_store_url=os.environ.get("TRACKER_STORE_URL") or None,
        redis_url=redis_url,
        rasa_workers=_rasa_workers(redis_url),
        secret_key=secret_key,
        rasa_token=secret("RASA_TOKEN", "rasa_token"),
        rasa_url=os.environ.get("RASA_URL", f"http://127.0.0.1:{rasa_port}").rstrip("/"),
        rasa_port=rasa_port,
        actions_port=_int("ACTIONS_PORT", 5055),
        dashboard_port=_int("DASHBOARD_PORT", 8000),
        admin_email=os.environ.get("HELPLINE_ADMIN_EMAIL") or None,
        admin_password=os.environ.get("HELPLINE_ADMIN_PASSWORD") or None,
        closed_access_hours=_closed_access_hours(),
        max_open_per_counsellor=int(
            _positive("HELPLINE_MAX_OPEN_PER_COUNSELLOR", 3, "a whole number of conversations")
        ),
        scheduler_enabled=_switch("HELPLINE_SCHEDULER", True),
        scheduler_interval_seconds=int(_positive("HELPLINE_SCHEDULER_INTERVAL_SECONDS", 30, "seconds")),
        checkin_after_hours=_positive("HELPLINE_CHECKIN_AFTER_HOURS", 20.0, "hours"),
        survey_enabled=_switch("HELPLINE_SURVEY", True),
        trusted_proxies=_trusted_proxies(),
        actions_host=os.environ.get("ACTIONS_HOST", "").strip() or "127.0.0.1",
        actions_token=os.environ.get("HELPLINE_ACTIONS_TOKEN") or derived_secret(secret_key, "actions-token"),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests call `get_settings.cache_clear()` after changing the env)."""
    return load_settings()
