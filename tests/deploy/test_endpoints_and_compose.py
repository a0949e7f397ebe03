"""Rasa endpoints from the environment, and the shape of the deployment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpline.settings.config import load_settings
from service.endpoints import LOCK_STORE, TRACKER_STORE, endpoints

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_embedded_defaults(var_dir) -> None:
    config = endpoints(load_settings())
    assert config["tracker_store"] == {
        "type": TRACKER_STORE,
        "dialect": "sqlite",
        "db": str(var_dir / "tracker.db"),
    }
    assert config["lock_store"] == {"type": "in_memory"}
    assert config["action_endpoint"]["url"] == "http://127.0.0.1:5055/webhook"


def test_postgres_and_redis_from_urls(var_dir, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_STORE_URL", "postgresql://helpline:p%40ss@db.internal:6543/rasa")
    monkeypatch.setenv("REDIS_URL", "redis://:secret@cache:6380/2")
    config = endpoints(load_settings())
    assert config["tracker_store"] == {
        "type": TRACKER_STORE,
        "dialect": "postgresql",
        "url": "db.internal",
        "db": "rasa",
        "username": "helpline",
        "password": "p@ss",
        "port": 6543,
    }
    assert config["lock_store"] == {
        "type": LOCK_STORE,
        "url": "cache",
        "port": 6380,
        "db": 2,
        "password": "secret",
    }


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())


def test_compose_has_every_process_and_store(compose: dict) -> None:
    assert {"proxy", "rasa", "actions", "dashboard", "postgres", "redis"} <= set(compose["services"])
    assert compose["services"]["rasa"]["deploy"]["replicas"] >= 2
    assert {"postgres-data", "redis-data"} <= set(compose["volumes"])


def test_only_the_proxy_listens_publicly(compose: dict) -> None:
    published = {name for name, service in compose["services"].items() if service.get("ports")}
    assert published == {"proxy"}


def test_every_service_but_the_proxy_has_a_health_check(compose: dict) -> None:
    for name, service in compose["services"].items():
        if name != "proxy":
            assert "healthcheck" in service, name


def test_images_are_pinned_and_secrets_come_from_the_environment(compose: dict) -> None:
    text = (REPO_ROOT / "docker-compose.yml").read_text()
    for service in compose["services"].values():
        if "image" in service:
            assert re.search(r":\d", service["image"]), service["image"]
    for key in ("PASSWORD", "TOKEN", "SECRET"):
        for line in text.splitlines():
            if key in line and ":" in line and not line.strip().startswith("#"):
                value = line.split(":", 1)[1]
                assert "${" in value or key not in line.split(":", 1)[0] or not value.strip(), line
    assert (REPO_ROOT / "Dockerfile").read_text().startswith("# One image")


# ----------------------------------------------------------------------------- issue 16 hardening


def test_rasa_sends_the_actions_token_from_the_endpoints_file(var_dir) -> None:
    """The written file makes Rasa's own EndpointConfig send the token header with every action call."""
    from rasa.core.utils import read_endpoints_from_path

    from service.endpoints import ACTIONS_TOKEN_HEADER, write_endpoints

    settings = load_settings()
    path = write_endpoints(settings)
    assert path.stat().st_mode & 0o777 == 0o600
    action = read_endpoints_from_path(str(path)).action
    assert action.headers == {ACTIONS_TOKEN_HEADER: settings.actions_token}
    assert len(settings.actions_token) >= 32


def test_the_actions_token_is_derived_or_set(var_dir, monkeypatch) -> None:
    first = load_settings().actions_token
    assert first == load_settings().actions_token  # stable across processes sharing the secret key
    monkeypatch.setenv("HELPLINE_SECRET_KEY", "another key")
    assert load_settings().actions_token != first
    monkeypatch.setenv("HELPLINE_ACTIONS_TOKEN", "set-explicitly-0123456789abcdef")
    assert load_settings().actions_token == "set-explicitly-0123456789abcdef"


def test_nginx_sets_the_client_address_and_never_appends(compose: dict) -> None:
    text = (REPO_ROOT / "deploy" / "nginx.conf").read_text()
    assert "$proxy_add_x_forwarded_for" not in text  # appended to what the client sent
    locations = re.findall(r"location [^{]+\{(.*?)\n?\s*\}", text, re.S)
    proxied = [body for body in locations if "proxy_pass" in body]
    assert len(proxied) == 2
    for body in proxied:
        assert "proxy_set_header X-Real-IP $remote_addr;" in body
        assert "proxy_set_header X-Forwarded-For $remote_addr;" in body


def test_the_dashboard_trusts_forwarded_addresses_from_the_proxy_only(compose: dict) -> None:
    dashboard = compose["services"]["dashboard"]
    command = dashboard["command"]
    assert "--no-proxy-headers" in command and "forwarded-allow-ips" not in command
    proxy_ip = compose["services"]["proxy"]["networks"]["default"]["ipv4_address"]
    assert dashboard["environment"]["HELPLINE_TRUSTED_PROXIES"] == proxy_ip
    assert "*" not in proxy_ip and proxy_ip.endswith("172.30.57.10}")


def test_no_secret_on_a_command_line_and_actions_locked(compose: dict) -> None:
    for name, service in compose["services"].items():
        command = service.get("command") or ""
        command = command if isinstance(command, str) else " ".join(command)
        assert "--auth-token" not in command and "TOKEN" not in command, name
    actions = compose["services"]["actions"]
    assert actions["command"].startswith("python -m service.actions_main ")
    assert actions["environment"]["ACTIONS_HOST"] == "0.0.0.0"
    assert "ports" not in actions


def test_nginx_passes_a_webhook_on_when_a_replica_is_gone() -> None:
    """A stopped replica's address may drop packets silently: a short connect wait, then the other one
    (well inside Twilio's 15 s), and a request a failing replica took is passed on too (the MessageSid
    claim makes a repeat harmless)."""
    text = (REPO_ROOT / "deploy" / "nginx.conf").read_text()
    (twilio,) = re.findall(r"location /webhooks/twilio/ \{(.*?)\n\s*\}", text, re.S)
    directives = dict(
        line.strip().rstrip(";").split(None, 1)
        for line in twilio.splitlines()
        if line.strip() and not line.strip().startswith("#")
    )
    connect = directives["proxy_connect_timeout"]
    tries = int(directives["proxy_next_upstream_tries"])
    assert connect.endswith("s") and int(connect[:-1]) * tries < 15
    assert set(directives["proxy_next_upstream"].split()) >= {"error", "timeout", "non_idempotent"}
