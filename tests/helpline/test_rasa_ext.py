"""helpline/rasa_ext: one install() for every extension of Rasa, refused on an untested Rasa, and a served
configuration that cannot drop them: Rasa's own loading of bot/endpoints.yml and bot/credentials.yml (as a
plain `rasa run` does it) ends with every extension installed, and a Redis lock store is the atomic one.

Each case runs in a fresh interpreter, where nothing of the helpline was installed before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, cwd: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_rasas_own_loading_of_the_endpoints_file_installs_every_extension(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()  # bot/endpoints.yml's SQLite file is relative to the working directory
    code = f"""
import json
from helpline import rasa_ext
before = rasa_ext.installed()
from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import TrackerStore
from rasa.core.utils import AvailableEndpoints
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig
endpoints = AvailableEndpoints.read_endpoints({str(ROOT / "bot" / "endpoints.yml")!r})
tracker_store = TrackerStore.create(endpoints.tracker_store, Domain.empty())
lock_store = LockStore.create(endpoints.lock_store)
redis = LockStore.create(EndpointConfig.from_dict({{"type": "redis", "url": "127.0.0.1", "port": 6379}}))
print(json.dumps({{"before": before, "after": rasa_ext.installed(),
    "tracker_store": type(tracker_store).__name__, "lock_store": type(lock_store).__name__,
    "redis": type(redis).__name__}}))
"""
    found = _run(code, tmp_path)
    assert not any(found["before"].values()), found
    assert all(found["after"].values()), found
    assert found["tracker_store"] == "CachingSQLTrackerStore"
    assert found["lock_store"] == "InMemoryLockStore"  # one process (Rasa then runs a single worker)
    assert found["redis"] == "AtomicRedisLockStore"  # Rasa's own can hand two servers one ticket


def test_the_generated_endpoints_name_the_atomic_lock_store_and_install_everything(tmp_path: Path) -> None:
    code = f"""
import dataclasses, json
from pathlib import Path
from helpline import rasa_ext
from helpline.settings.config import load_settings
from service.endpoints import write_endpoints
from rasa.core.lock_store import LockStore
from rasa.core.utils import AvailableEndpoints
settings = dataclasses.replace(load_settings(), var_dir=Path({str(tmp_path)!r}), redis_url="redis://127.0.0.1:6379/0")
endpoints = AvailableEndpoints.read_endpoints(str(write_endpoints(settings)))
lock_store = LockStore.create(endpoints.lock_store)
print(json.dumps({{"after": rasa_ext.installed(), "lock_store": type(lock_store).__name__}}))
"""
    found = _run(code, tmp_path)
    assert all(found["after"].values()), found
    assert found["lock_store"] == "AtomicRedisLockStore"


def test_rasas_own_loading_of_the_channels_installs_the_warm_up_before_the_model_load(tmp_path: Path) -> None:
    code = f"""
import json
import rasa.core.run as run
from helpline import rasa_ext
channels = run.create_http_input_channels(None, {str(ROOT / "bot" / "credentials.yml")!r})
print(json.dumps({{"after": rasa_ext.installed(), "channels": sorted(c.name() for c in channels),
    "load": run.load_agent_on_start.__qualname__}}))
"""
    found = _run(code, tmp_path)
    assert all(found["after"].values()), found
    assert found["channels"] == ["twilio", "web"]
    assert "load_and_warm_up" in found["load"]  # what serve_application registers next


@pytest.mark.parametrize("other", ["3.6.20", "3.7.0"])
def test_install_on_another_rasa_refuses_and_changes_nothing(other: str, tmp_path: Path) -> None:
    code = f"""
import json, rasa
rasa.__version__ = {other!r}
from helpline import rasa_ext
try:
    rasa_ext.install()
    refused = ""
except rasa_ext.UntestedRasaError as error:
    refused = str(error)
print(json.dumps({{"refused": refused, "after": rasa_ext.installed()}}))
"""
    found = _run(code, tmp_path)
    assert other in found["refused"] and "3.6.21" in found["refused"], found
    assert not any(found["after"].values()), found


def test_install_is_idempotent() -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    from helpline import rasa_ext

    rasa_ext.install()
    copy = DialogueStateTracker.copy
    rasa_ext.install()
    assert DialogueStateTracker.copy is copy
    assert all(rasa_ext.installed().values())
