"""Pseudonymous ids, encryption at rest and the settings' production guard."""

from __future__ import annotations

import stat

import pytest

from helpline.settings.config import ConfigError, load_settings
from helpline.settings.crypto import Cipher, conversation_id


def test_conversation_id_is_stable_and_keyed() -> None:
    first = conversation_id("key-1", "sms", "+85291234567")
    assert first == conversation_id("key-1", "sms", "+85291234567")
    assert len(first) == 32 and "91234567" not in first
    assert first != conversation_id("key-2", "sms", "+85291234567")
    assert first != conversation_id("key-1", "whatsapp", "+85291234567")


def test_cipher_round_trip_and_wrong_key() -> None:
    token = Cipher("key-1").encrypt("+85291234567")
    assert "91234567" not in token
    assert Cipher("key-1").decrypt(token) == "+85291234567"
    with pytest.raises(ValueError):
        Cipher("key-2").decrypt(token)


def test_dev_generates_private_secrets_once(var_dir) -> None:
    first = load_settings()
    second = load_settings()
    assert first.secret_key == second.secret_key and first.twilio_auth_token == second.twilio_auth_token
    for name in ("secret_key", "twilio_auth_token", "rasa_token"):
        mode = stat.S_IMODE((var_dir / name).stat().st_mode)
        assert mode == 0o600, name
    assert first.database_url == f"sqlite:///{var_dir / 'helpline.db'}"
    assert first.public_url == "http://localhost:5005"


def test_production_refuses_to_start_without_secrets(var_dir, monkeypatch) -> None:
    monkeypatch.setenv("HELPLINE_ENV", "production")
    with pytest.raises(ConfigError, match="TWILIO_AUTH_TOKEN"):
        load_settings()
    for name in ("TWILIO_AUTH_TOKEN", "HELPLINE_SECRET_KEY", "DATABASE_URL", "RASA_TOKEN"):
        monkeypatch.setenv(name, "x" if name != "DATABASE_URL" else "sqlite:///:memory:")
    settings = load_settings()
    assert settings.is_production and not (var_dir / "secret_key").exists()


def test_bad_settings_are_explained(var_dir, monkeypatch) -> None:
    monkeypatch.setenv("RASA_PORT", "five")
    with pytest.raises(ConfigError, match="RASA_PORT"):
        load_settings()
    monkeypatch.delenv("RASA_PORT")
    monkeypatch.setenv("HELPLINE_ENV", "staging")
    with pytest.raises(ConfigError, match="HELPLINE_ENV"):
        load_settings()


def test_public_url_trailing_slash_is_ignored(var_dir, monkeypatch) -> None:
    monkeypatch.setenv("PUBLIC_URL", "https://helpline.example.org/")
    assert load_settings().public_url == "https://helpline.example.org"


def test_rasa_workers_default_to_one_and_more_need_the_redis_lock_store(var_dir, monkeypatch) -> None:
    assert load_settings().rasa_workers == 1
    monkeypatch.setenv("RASA_WORKERS", "2")
    with pytest.raises(ConfigError, match="REDIS_URL"):
        load_settings()
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert load_settings().rasa_workers == 2
    for bad in ("0", "two"):
        monkeypatch.setenv("RASA_WORKERS", bad)
        with pytest.raises(ConfigError, match="RASA_WORKERS"):
            load_settings()
