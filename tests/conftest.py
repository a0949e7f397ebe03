"""Shared fixtures: every test runs on its own var/ directory and generated development secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpline.settings.config import Settings, get_settings, load_settings
from helpline.settings.retention import DEFAULT_DAYS, get_retention, variable

ENV_VARIABLES = (
    "HELPLINE_ENV",
    "TWILIO_AUTH_TOKEN",
    "PUBLIC_URL",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_SMS_FROM",
    "TWILIO_WHATSAPP_FROM",
    "DATABASE_URL",
    "TRACKER_STORE_URL",
    "REDIS_URL",
    "HELPLINE_SECRET_KEY",
    "RASA_TOKEN",
    "RASA_URL",
    "RASA_PORT",
    "ACTIONS_PORT",
    "DASHBOARD_PORT",
    "HELPLINE_ADMIN_EMAIL",
    "HELPLINE_ADMIN_PASSWORD",
    "HELPLINE_CLOSED_ACCESS_HOURS",
    *(variable(kind) for kind in DEFAULT_DAYS),
    "HELPLINE_MAX_OPEN_PER_COUNSELLOR",
    "HELPLINE_SCHEDULER",
    "HELPLINE_SCHEDULER_INTERVAL_SECONDS",
    "HELPLINE_CHECKIN_AFTER_HOURS",
    "HELPLINE_SURVEY",
    "HELPLINE_TRUSTED_PROXIES",
    "ACTIONS_HOST",
    "HELPLINE_ACTIONS_TOKEN",
)


@pytest.fixture()
def var_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    directory = tmp_path / "var"
    monkeypatch.setenv("HELPLINE_VAR_DIR", str(directory))
    get_settings.cache_clear()
    get_retention.cache_clear()
    yield directory
    get_settings.cache_clear()
    get_retention.cache_clear()


@pytest.fixture()
def settings(var_dir: Path) -> Settings:
    return load_settings()


@pytest.fixture(autouse=True)
def _process_registries():
    """The scheduler's jobs and the purge's stores are registered process-wide (a dashboard started by a
    test registers its jobs at startup): whatever a test registers does not outlive it, so no test
    depends on which ran before it."""
    from helpline.jobs import purge
    from helpline.store import scheduler

    jobs, purgers = scheduler.registered(), purge.purgers()
    yield
    scheduler._registry.clear()
    scheduler._registry.update(jobs)
    purge._purgers.clear()
    purge._purgers.update(purgers)
