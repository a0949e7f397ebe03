"""Writes the effective Rasa endpoints file from the environment (DESIGN.md "Configuration")."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

from helpline.settings.config import Settings, private_dir, private_file

ACTIONS_TOKEN_HEADER = "X-Helpline-Actions-Token"
TRACKER_STORE = "helpline.rasa_ext.tracker_store.CachingSQLTrackerStore"
LOCK_STORE = "helpline.rasa_ext.lock_store.AtomicRedisLockStore"


def tracker_store_config(settings: Settings) -> dict:
    """SQL tracker store: TRACKER_STORE_URL (PostgreSQL when deployed), else SQLite under var/.

    Rasa's SQL store through helpline.rasa_ext.tracker_store, which keeps active conversations in memory.
    """
    if not settings.tracker_store_url:
        tracker_db = private_file(settings.var_dir / "tracker.db")  # 0600 before Rasa opens it
        return {"type": TRACKER_STORE, "dialect": "sqlite", "db": str(tracker_db)}
    url = urlparse(settings.tracker_store_url)
    dialect = url.scheme.split("+")[0].replace("postgres", "postgresql").replace("postgresqlql", "postgresql")
    config = {
        "type": TRACKER_STORE,
        "dialect": dialect,
        "url": url.hostname,
        "db": url.path.lstrip("/"),
        "username": unquote(url.username) if url.username else None,
        "password": unquote(url.password) if url.password else None,
    }
    if url.port:
        config["port"] = url.port
    return {key: value for key, value in config.items() if value is not None}


def lock_store_config(settings: Settings) -> dict:
    """Redis lock store when REDIS_URL is set (keeps a conversation in order across replicas).

    Rasa's own Redis lock store can hand two replicas the same ticket (a GET then a SET), which lost
    texters' messages from the transcript in tests; helpline.rasa_ext.lock_store makes each change atomic.
    """
    if not settings.redis_url:
        return {"type": "in_memory"}
    url = urlparse(settings.redis_url)
    config = {
        "type": LOCK_STORE,
        "url": url.hostname,
        "port": url.port or 6379,
        "db": int(url.path.lstrip("/") or 0),
    }
    if url.password:
        config["password"] = unquote(url.password)
    return config


def endpoints(settings: Settings) -> dict:
    actions_url = os.environ.get("ACTIONS_URL") or f"http://127.0.0.1:{settings.actions_port}/webhook"
    return {
        # The actions never read the domain: Rasa then leaves it out of every call (58 KB each).
        # Rasa sends `headers` with every action call; the action server refuses calls without the token
        # (service/actions_main.py). This file is written 0600 because it holds that token.
        "action_endpoint": {
            "url": actions_url,
            "enable_selective_domain": True,
            "headers": {ACTIONS_TOKEN_HEADER: settings.actions_token},
        },
        "tracker_store": tracker_store_config(settings),
        "lock_store": lock_store_config(settings),
    }


def write_endpoints(settings: Settings, path: Path | None = None) -> Path:
    path = path or settings.var_dir / "endpoints.yml"
    if path.parent == settings.var_dir:
        private_dir(path.parent)
    private_file(path)  # 0600 before the token is written into it
    path.write_text(yaml.safe_dump(endpoints(settings), sort_keys=False))
    return path


if __name__ == "__main__":  # python -m service.endpoints --out FILE
    from helpline.settings.config import load_settings as _load

    parser = argparse.ArgumentParser(description="Write Rasa's endpoints file from the environment.")
    parser.add_argument("--out", default="/tmp/endpoints.yml")
    print(write_endpoints(_load(), Path(parser.parse_args().out)))
