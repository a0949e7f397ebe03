"""Rasa endpoints from the environment, and the shape of the deployment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpline.config import load_settings
from scripts.endpoints import LOCK_STORE, TRACKER_STORE, endpoints

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
