"""Two Rasa worker processes on one machine (RASA_WORKERS=2): SQLite stores, the Redis lock store.

`make run` with REDIS_URL and RASA_WORKERS=2 is the one-machine setup `make bench` measures. Each
worker takes any conversation's next message, so this checks what the lock store and the tracker
store's catch-up must guarantee: interleaved conversations sent over fresh connections (which the
kernel hands to either worker) are whole, in order and answered once; every worker is warm before
serve.py says the helpline is running; and stopping serve.py stops every worker.

Nothing here depends on how fast the machine is. A texter's next message is sent while the earlier
ones are still being answered, but only once each of them holds its ticket in the Redis lock store
(Rasa serves a conversation's tickets in the order they were taken): the order the test expects is
the order the lock store promises, whatever the load. Messages that reach the lock store in another
order may be answered in that order, as Twilio does not promise to deliver webhooks in order.
"""

from __future__ import annotations

import asyncio
import json
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
import redis

from channels.output import message_text
from dashboard.twilio_signing import inbound_form, new_message_sid, sign
from helpline.content.script import to_script
from helpline.rasa_ext.warmup import ready_workers
from helpline.settings.crypto import conversation_id
from scripts.bench import procs
from scripts.pgredis import Services, free_port
from tests.conditions import until
from tests.postgres.test_replicas import texters

pytestmark = pytest.mark.postgres

REPO_ROOT = Path(__file__).resolve().parents[2]
TEST_MODELS = REPO_ROOT / ".cache" / "test-models"
WEBHOOK = "/webhooks/twilio/webhook"
WORKERS = 2


class Helpline:
    def __init__(
        self, process: subprocess.Popen, var_dir: Path, rasa_port: int, log: Path, redis_url: str
    ) -> None:
        self.process, self.var_dir, self.log = process, var_dir, log
        self.redis = redis.Redis.from_url(redis_url)
        self.ready_at_banner: list[dict] = []
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

    def conversation(self, channel: str, number: str) -> str:
        return conversation_id(self.secret_key, channel, number)

    def tickets(self, conversation: str) -> int:
        """Tickets this conversation holds in the Redis lock store (Rasa's key and format)."""
        raw = self.redis.get("lock:" + conversation)
        return len(json.loads(raw)["tickets"]) if raw else 0

    def events(self, channel: str, number: str) -> list[dict]:
        conversation = self.conversation(channel, number)
        response = httpx.get(
            f"{self.rasa_url}/conversations/{conversation}/tracker",
            params={"token": self.rasa_token},
            timeout=20,
        )
        response.raise_for_status()
        return [e for e in response.json()["events"] if e["event"] in ("user", "bot")]

    def rasa_processes(self) -> list[int]:
        found = procs.descendants(self.process.pid)
        return [pid for pid in found if "service.rasa_main" in procs.cmdline(pid)]


@pytest.fixture(scope="module")
def helpline(services: Services, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Helpline]:
    from service.model import ensure_model

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
        RASA_WORKERS=str(WORKERS),
        PYTHONPATH=str(REPO_ROOT),
    )
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.serve", "--model-dir", str(TEST_MODELS)],
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
    running = Helpline(process, var_dir, rasa_port, log, services.redis.url(1))
    running.ready_at_banner = ready_workers(var_dir / "run" / "rasa-ready")
    yield running
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)


def worker_pids(helpline: Helpline) -> list[int]:
    return [pid for pid in helpline.rasa_processes() if procs.descendants(pid) == []]


def test_two_rasa_workers_run(helpline: Helpline) -> None:
    assert len(worker_pids(helpline)) == WORKERS, helpline.rasa_processes()


def test_every_worker_is_warm_before_the_helpline_says_it_is_running(helpline: Helpline) -> None:
    """Read when the banner appeared: one marker per worker process, each after a parse and a prediction."""
    warm = {marker["pid"]: marker for marker in helpline.ready_at_banner}
    assert sorted(warm) == sorted(worker_pids(helpline))
    for marker in warm.values():
        assert marker["parses"] >= 1 and marker["predicted"] is True and marker["intent"], marker


async def converse(helpline: Helpline, channel: str, number: str, messages: list[str]) -> list[list[str]]:
    """Sends the texter's messages without waiting for their answers: each once every earlier one
    still unanswered holds its ticket in the lock store. Returns each message's webhook reply."""
    conversation = helpline.conversation(channel, number)
    sent: list[asyncio.Task] = []
    for body in messages:
        await until(
            lambda: helpline.tickets(conversation) >= sum(not task.done() for task in sent),
            f"the tickets of {conversation[:8]}'s earlier messages",
        )
        sent.append(asyncio.create_task(helpline.text(channel, number, body)))
    return [await task for task in sent]


def expected_replies(events: list[dict]) -> list[tuple[str, list[str]]]:
    """(user text, the replies its turn sent) from the tracker, rendered as the connector renders them."""
    found: list[tuple[str, list[str]]] = []
    script = language = None
    for event in events:
        if event["event"] == "user":
            metadata = event.get("metadata") or {}
            script, language = metadata.get("script_hint"), metadata.get("language_hint")
            found.append((event["text"], []))
        elif found:
            data = event.get("data") or {}
            text = to_script(
                message_text({"text": event.get("text"), "buttons": data.get("buttons")}), script, language
            )
            if text:
                found[-1][1].append(text)
    return found


async def test_interleaved_conversations_across_workers_stay_whole_and_in_order(helpline: Helpline) -> None:
    people = texters()
    answers = await asyncio.gather(
        *(converse(helpline, channel, number, messages) for channel, number, messages in people)
    )
    for (channel, number, messages), replies in zip(people, answers, strict=True):
        turns_found = expected_replies(helpline.events(channel, number))
        assert [text for text, _ in turns_found] == messages  # each message once, in the order sent
        assert all(replies), "every message is answered in its webhook reply"
        # each message's webhook reply is its own turn's answer, whole and only once
        assert replies == [said for _, said in turns_found]
    for channel, number, _ in people:
        assert helpline.tickets(helpline.conversation(channel, number)) == 0


def test_stopping_serve_stops_every_worker(helpline: Helpline) -> None:
    workers = helpline.rasa_processes()
    helpline.process.send_signal(signal.SIGINT)
    helpline.process.wait(timeout=60)
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
