"""Two Rasa worker processes on one machine (RASA_WORKERS=2): SQLite stores, the Redis lock store.

`make run` with REDIS_URL and RASA_WORKERS=2 is the one-machine setup `make bench` measures. Each
worker takes any conversation's next message, so this checks what the lock store and the tracker
store's catch-up must guarantee: interleaved conversations sent over fresh connections (which the
kernel hands to either worker) are whole, in order and answered once; and stopping serve.py stops
every worker.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest

from dashboard.twilio_signing import inbound_form, new_message_sid, sign
from helpline.crypto import conversation_id
from scripts.bench import procs
from scripts.pgredis import Services, free_port
from tests.postgres.test_replicas import texters, turns

pytestmark = pytest.mark.postgres

REPO_ROOT = Path(__file__).resolve().parents[2]
TEST_MODELS = REPO_ROOT / ".cache" / "test-models"
WEBHOOK = "/webhooks/twilio/webhook"
GAP = 0.6  # seconds between one texter's messages (see test_replicas.GAP)


class Helpline:
    def __init__(self, process: subprocess.Popen, var_dir: Path, rasa_port: int, log: Path) -> None:
        self.process, self.var_dir, self.log = process, var_dir, log
        self.rasa_url = f"http://127.0.0.1:{rasa_port}"
        self.public_url = f"http://localhost:{rasa_port}"
        self.auth_token = (var_dir / "twilio_auth_token").read_text().strip()
        self.secret_key = (var_dir / "secret_key").read_text().strip()
        self.rasa_token = (var_dir / "rasa_token").read_text().strip()

    async def text(self, channel: str, number: str, body: str) -> list[str]:
        form = inbound_form(channel, number, body, new_message_sid())
        headers = {"X-Twilio-Signature": sign(self.auth_token, self.public_url + WEBHOOK, form)}
        async with httpx.AsyncClient(timeout=30) as client:  # a new connection: either worker
            response = await client.post(self.rasa_url + WEBHOOK, data=form, headers=headers)
        assert response.status_code == 200, response.text
        return [element.text or "" for element in ElementTree.fromstring(response.text).iter("Message")]

    def events(self, channel: str, number: str) -> list[dict]:
        conversation = conversation_id(self.secret_key, channel, number)
        response = httpx.get(
            f"{self.rasa_url}/conversations/{conversation}/tracker",
            params={"token": self.rasa_token},
            timeout=20,
        )
        response.raise_for_status()
        return [e for e in response.json()["events"] if e["event"] in ("user", "bot")]

    def rasa_processes(self) -> list[int]:
        found = procs.descendants(self.process.pid)
        return [pid for pid in found if "scripts.rasa_main" in procs.cmdline(pid)]


@pytest.fixture(scope="module")
def helpline(services: Services, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Helpline]:
    from scripts.model import ensure_model

    ensure_model(TEST_MODELS, REPO_ROOT / "bot" / "config.yml")
    var_dir = tmp_path_factory.mktemp("workers-var")
    log = var_dir.parent / "workers.log"
    rasa_port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TWILIO_", "HELPLINE_", "RASA_", "DATABASE_URL", "TRACKER_", "REDIS_"))
    }
    env.update(
        HELPLINE_ENV="dev",
        HELPLINE_VAR_DIR=str(var_dir),
        RASA_PORT=str(rasa_port),
        ACTIONS_PORT=str(free_port()),
        DASHBOARD_PORT=str(free_port()),
        REDIS_URL=services.redis.url(1),
        RASA_WORKERS="2",
        PYTHONPATH=str(REPO_ROOT),
    )
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "scripts/serve.py", "--model-dir", str(TEST_MODELS)],
            cwd=REPO_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 240
    while "The helpline is running" not in log.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("serve.py did not start:\n" + log.read_text(errors="replace")[-3000:])
        time.sleep(0.5)
    running = Helpline(process, var_dir, rasa_port, log)
    asyncio.run(warm_up(running))
    yield running
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)


async def warm_up(helpline: Helpline) -> None:
    """First turns pay for lazy loading in each worker, not the tests' timing (see test_replicas)."""
    for index in range(6):
        assert await helpline.text("sms", f"+8529100{index:04d}", "hi")


def test_two_rasa_workers_run(helpline: Helpline) -> None:
    workers = [pid for pid in helpline.rasa_processes() if procs.descendants(pid) == []]
    assert len(workers) == 2, helpline.rasa_processes()


async def test_interleaved_conversations_across_workers_stay_whole_and_in_order(helpline: Helpline) -> None:
    people = texters()
    start = time.monotonic() + 0.2

    async def send(c: int, k: int, channel: str, number: str, body: str) -> list[str]:
        await asyncio.sleep(max(0.0, start + k * GAP + c * 0.03 - time.monotonic()))
        return await helpline.text(channel, number, body)

    answers = await asyncio.gather(
        *(
            send(c, k, channel, number, body)
            for c, (channel, number, messages) in enumerate(people)
            for k, body in enumerate(messages)
        )
    )
    assert all(answers), "every message is answered in its webhook reply"
    for channel, number, messages in people:
        answered = turns(helpline.events(channel, number))
        assert [text for text, _ in answered] == messages
        assert all(count >= 1 for _, count in answered), answered
    delivered = sum(len(a) for a in answers)
    in_trackers = sum(count for ch, n, _ in people for _, count in turns(helpline.events(ch, n)))
    assert delivered == in_trackers  # none answered twice


def test_stopping_serve_stops_every_worker(helpline: Helpline) -> None:
    workers = helpline.rasa_processes()
    helpline.process.send_signal(signal.SIGINT)
    helpline.process.wait(timeout=60)
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
