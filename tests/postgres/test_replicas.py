"""The scaled deployment (DESIGN.md "Scale") for real: two Rasa servers behind one public URL, sharing the
PostgreSQL tracker store, the Redis lock store, one action server and the helpline database on
PostgreSQL, plus the dashboard on the same database.

- Several texters' messages go to both servers alternately while other conversations run: each message
  is in Rasa's tracker exactly once, in the order sent, and answered once. A texter's next message is
  sent while the earlier ones are still being answered, once each of them holds its ticket in the Redis
  lock store: the order expected is the order the lock store promises, whatever the machine's speed.
- Several messages of one conversation reach both servers at the same instant: the lock store must
  serialise them (none lost, none answered twice; their relative order is whichever took the lock first).
- A MessageSid that Twilio replays, to either server, gets no second answer.
- The dashboard answers /healthz and logs in the bootstrapped supervisor on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
import redis
import yaml
from sqlalchemy import select

from dashboard.twilio_signing import inbound_form, new_message_sid, sign
from helpline.settings.crypto import conversation_id
from helpline.store.db import engine_for, outbox
from scripts.pgredis import Services, free_port
from service.model import ensure_model
from tests.conditions import until

pytestmark = pytest.mark.postgres

REPO_ROOT = Path(__file__).resolve().parents[2]
TEST_MODELS = REPO_ROOT / ".cache" / "test-models"
WEBHOOK = "/webhooks/twilio/webhook"
PUBLIC_URL = "https://helpline.example.test"  # what Twilio signs; both servers sit behind it
ADMIN_EMAIL, ADMIN_PASSWORD = "supervisor@example.org", "correct horse battery staple"
READY_TIMEOUT = 180.0


@dataclass
class Cluster:
    rasa_urls: list[str]
    dashboard_url: str
    database_url: str
    auth_token: str
    secret_key: str
    rasa_token: str
    lock_store_type: str
    redis_url: str = ""
    logs: dict[str, Path] = field(default_factory=dict)

    def tickets(self, conversation: str) -> int:
        """Tickets this conversation holds in the Redis lock store (Rasa's key and format)."""
        raw = redis.Redis.from_url(self.redis_url).get("lock:" + conversation)
        return len(json.loads(raw)["tickets"]) if raw else 0

    def form(self, number: str, body: str, channel: str = "sms", sid: str | None = None) -> dict[str, str]:
        return inbound_form(channel, number, body, sid or new_message_sid())

    async def post(self, client: httpx.AsyncClient, instance: int, form: dict[str, str]) -> list[str]:
        signature = sign(self.auth_token, PUBLIC_URL + WEBHOOK, form)
        response = await client.post(
            self.rasa_urls[instance] + WEBHOOK, data=form, headers={"X-Twilio-Signature": signature}
        )
        assert response.status_code == 200, response.text
        return [element.text or "" for element in ElementTree.fromstring(response.text).iter("Message")]

    def conversation(self, number: str, channel: str = "sms") -> str:
        return conversation_id(self.secret_key, channel, number)

    def events(self, conversation: str, instance: int = 0) -> list[dict]:
        response = httpx.get(
            f"{self.rasa_urls[instance]}/conversations/{conversation}/tracker",
            params={"token": self.rasa_token},
            timeout=20,
        )
        response.raise_for_status()
        return [e for e in response.json()["events"] if e["event"] in ("user", "bot")]

    def outbox_count(self, conversation: str) -> int:
        with engine_for(self.database_url).connect() as conn:
            return len(
                conn.execute(select(outbox.c.id).where(outbox.c.conversation_id == conversation)).all()
            )


def _wait_ready(urls: dict[str, str], processes: dict[str, subprocess.Popen], logs: dict[str, Path]) -> None:
    pending = dict(urls)
    deadline = time.monotonic() + READY_TIMEOUT
    while pending and time.monotonic() < deadline:
        for name, url in list(pending.items()):
            if processes[name].poll() is not None:
                raise RuntimeError(f"{name} exited:\n{logs[name].read_text(errors='replace')[-3000:]}")
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    del pending[name]
            except httpx.HTTPError:
                pass
        time.sleep(0.5)
    if pending:
        tails = "\n".join(f"--- {n} ---\n{logs[n].read_text(errors='replace')[-2000:]}" for n in pending)
        raise RuntimeError(f"not ready after {READY_TIMEOUT:.0f} s: {', '.join(pending)}\n{tails}")


@pytest.fixture(scope="module")
def cluster(services: Services, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    model = ensure_model(TEST_MODELS, REPO_ROOT / "bot" / "config.yml")
    var_dir = tmp_path_factory.mktemp("replicas-var")
    database_url = services.postgres.create_database(f"helpline_{secrets.token_hex(4)}")
    tracker_url = services.postgres.create_database(f"rasa_{secrets.token_hex(4)}")
    actions_port, dashboard_port = free_port(), free_port()
    rasa_ports = [free_port(), free_port()]
    secrets_ = {
        "TWILIO_AUTH_TOKEN": secrets.token_hex(16),
        "HELPLINE_SECRET_KEY": secrets.token_urlsafe(32),
        "RASA_TOKEN": secrets.token_urlsafe(24),
    }
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("TWILIO_", "HELPLINE_", "RASA_", "DATABASE_URL", "TRACKER_", "REDIS_", "ACTIONS_")
        )
    }
    env.update(
        secrets_,
        HELPLINE_ENV="dev",
        HELPLINE_VAR_DIR=str(var_dir),
        PUBLIC_URL=PUBLIC_URL,
        DATABASE_URL=database_url,
        TRACKER_STORE_URL=tracker_url,
        REDIS_URL=services.redis.url(),
        ACTIONS_PORT=str(actions_port),
        DASHBOARD_PORT=str(dashboard_port),
        RASA_URL=f"http://127.0.0.1:{rasa_ports[0]}",
        HELPLINE_ADMIN_EMAIL=ADMIN_EMAIL,
        HELPLINE_ADMIN_PASSWORD=ADMIN_PASSWORD,
        PYTHONPATH=str(REPO_ROOT),
        TF_CPP_MIN_LOG_LEVEL="2",
        RASA_TELEMETRY_ENABLED="false",
    )
    endpoints = var_dir / "endpoints.yml"
    subprocess.run(  # exactly as docker-compose.yml does
        [sys.executable, "-m", "service.endpoints", "--out", str(endpoints)],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    python = sys.executable
    commands = {
        # As docker-compose.yml: the action server answers only calls carrying the actions token.
        "actions": [
            python,
            "-m",
            "service.actions_main",
            "--actions",
            "actions",
            "--port",
            str(actions_port),
        ],
        "dashboard": [
            *(python, "-m", "uvicorn", "dashboard.app:create_app", "--factory", "--host", "127.0.0.1"),
            *("--port", str(dashboard_port), "--no-access-log", "--ws", "none"),
        ],
    }
    credentials = str(REPO_ROOT / "bot" / "credentials.yml")
    for index, port in enumerate(rasa_ports):
        commands[f"rasa{index}"] = [
            *(python, "-m", "rasa", "run", "--model", str(model), "--endpoints", str(endpoints)),
            *("--credentials", credentials, "--port", str(port)),
            *("--enable-api", f"--auth-token={secrets_['RASA_TOKEN']}"),
        ]
    logs = {name: var_dir.parent / f"replicas-{name}.log" for name in commands}
    processes: dict[str, subprocess.Popen] = {}
    for name, command in commands.items():
        with logs[name].open("w") as log:
            processes[name] = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
    urls = {
        "actions": f"http://127.0.0.1:{actions_port}/health",
        "dashboard": f"http://127.0.0.1:{dashboard_port}/healthz",
        **{f"rasa{i}": f"http://127.0.0.1:{port}/webhooks/twilio/" for i, port in enumerate(rasa_ports)},
    }
    try:
        _wait_ready(urls, processes, logs)
        running = Cluster(
            rasa_urls=[f"http://127.0.0.1:{port}" for port in rasa_ports],
            dashboard_url=f"http://127.0.0.1:{dashboard_port}",
            database_url=database_url,
            auth_token=secrets_["TWILIO_AUTH_TOKEN"],
            secret_key=secrets_["HELPLINE_SECRET_KEY"],
            rasa_token=secrets_["RASA_TOKEN"],
            lock_store_type=yaml.safe_load(endpoints.read_text())["lock_store"]["type"],
            redis_url=services.redis.url(),
            logs=logs,
        )
        asyncio.run(_warm_up(running))
        yield running
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        engine_for(database_url).dispose()


async def _warm_up(cluster: Cluster) -> None:
    """A first turn on each server: its first message pays for lazy loading, not the tests' timing."""
    async with httpx.AsyncClient(timeout=60) as client:
        for instance in (0, 1):
            form = cluster.form(f"+8529000{instance:04d}", "hi")
            assert await cluster.post(client, instance, form)


THREATS = {
    "en": "someone recorded me on video call and says he will send it to all my friends unless i pay",
    "yue": "有人錄低咗我裸聊段片 話唔俾錢就send俾我啲friend 點算",
    "cmn-Hans": "有人录了我裸聊的视频 说不给钱就发给我所有好友 怎么办",
    "cmn-Hant": "有人錄了我視訊的影片 說不給錢就傳給我全部好友 怎麼辦",
}
_suffix = itertools.count(10)


def texters() -> list[tuple[str, str, list[str]]]:
    """(channel, number, messages) of six texters; no message opens a handoff (that pauses the bot)."""
    n = next(_suffix)
    steps = ["1", "1", "0", "1"]
    return [
        ("sms", f"+85291239{n:03d}", ["hi", THREATS["yue"], *steps]),
        ("whatsapp", f"+85291238{n:03d}", ["hello", THREATS["en"], *steps]),
        ("sms", f"+86138123{n:04d}", ["你好", THREATS["cmn-Hans"], *steps]),
        ("sms", f"+8869123{n:04d}", ["你好", THREATS["cmn-Hant"], *steps]),
        ("whatsapp", f"+44740012{n:02d}", ["hi", THREATS["en"], *steps]),
        ("sms", f"+1202555{n:04d}", ["hello", THREATS["en"], *steps]),
    ]


async def send_interleaved(
    cluster: Cluster, people: list[tuple[str, str, list[str]]]
) -> dict[str, list[tuple[dict[str, str], int, list[str]]]]:
    """Every texter at once; message k of texter c goes to server (c + k) % 2 without waiting for the
    earlier answers, once each earlier message still unanswered holds its ticket in the lock store.
    Returns per conversation, in the order sent: (form, server, replies)."""

    async def converse(client: httpx.AsyncClient, c: int, channel: str, number: str, messages: list[str]):
        conversation = cluster.conversation(number, channel)
        sent: list[tuple[dict[str, str], int, asyncio.Task]] = []
        for k, body in enumerate(messages):
            await until(
                lambda: cluster.tickets(conversation) >= sum(not task.done() for *_, task in sent),
                f"the tickets of {conversation[:8]}'s earlier messages",
            )
            form = cluster.form(number, body, channel)
            server = (c + k) % 2
            sent.append((form, server, asyncio.create_task(cluster.post(client, server, form))))
        return conversation, [(form, server, await task) for form, server, task in sent]

    async with httpx.AsyncClient(timeout=60) as client:
        done = await asyncio.gather(
            *(
                converse(client, c, channel, number, messages)
                for c, (channel, number, messages) in enumerate(people)
            )
        )
    return dict(done)


def turns(events: list[dict]) -> list[tuple[str, int]]:
    """(user text, number of bot messages after it before the next user message)."""
    found: list[list] = []
    for event in events:
        if event["event"] == "user":
            found.append([event["text"], 0])
        elif found:
            found[-1][1] += 1
    return [(text, count) for text, count in found]


async def test_interleaved_conversations_on_two_servers_stay_whole_and_in_order(cluster: Cluster) -> None:
    people = texters()
    results = await send_interleaved(cluster, people)

    for channel, number, messages in people:
        conversation = cluster.conversation(number, channel)
        sent = results[conversation]
        assert {server for _, server, _ in sent} == {0, 1}
        for instance in (0, 1):  # both servers read the same tracker
            answered = turns(cluster.events(conversation, instance))
            got = [text for text, _ in answered]
            assert got == messages, [(form["Body"][:8], server) for form, server, _ in sent]
        assert all(count >= 1 for _, count in answered), answered
        # none answered twice: every bot message in the tracker reached the texter exactly once,
        # in the webhook's TwiML or (when the reply budget ran out) through the outbox
        delivered = sum(len(replies) for _, _, replies in sent) + cluster.outbox_count(conversation)
        assert delivered == sum(count for _, count in answered)


BURST = ("hi", "thank you", "are you a bot?")


async def test_simultaneous_messages_of_a_conversation_are_serialised_by_the_lock_store(
    cluster: Cluster,
) -> None:
    assert cluster.lock_store_type == "helpline.rasa_ext.lock_store.AtomicRedisLockStore"
    people = texters()
    async with httpx.AsyncClient(timeout=30) as client:
        await asyncio.gather(*(cluster.post(client, 0, cluster.form(n, "hello", ch)) for ch, n, _ in people))
        for _ in range(2):

            async def burst(c: int, channel: str, number: str) -> list[list[str]]:
                forms = [cluster.form(number, text, channel) for text in BURST]
                return await asyncio.gather(
                    *(cluster.post(client, (c + i) % 2, f) for i, f in enumerate(forms))
                )

            answers = await asyncio.gather(*(burst(c, ch, n) for c, (ch, n, _) in enumerate(people)))
            for replies in answers:
                assert all(replies), "every message of a burst is answered in its own webhook reply"
    for channel, number, _ in people:
        conversation = cluster.conversation(number, channel)
        answered = turns(cluster.events(conversation))
        assert sorted(text for text, _ in answered) == sorted(["hello", *BURST, *BURST]), answered
        assert all(count >= 1 for _, count in answered), f"turns ran into each other: {answered}"


async def test_replayed_message_sids_get_no_second_answer_on_either_server(cluster: Cluster) -> None:
    people = texters()[:3]
    async with httpx.AsyncClient(timeout=30) as client:
        originals = []
        for index, (channel, number, messages) in enumerate(people):
            form = cluster.form(number, messages[0], channel)
            assert await cluster.post(client, index % 2, form)
            originals.append((channel, number, form, index % 2))
        before = {
            cluster.conversation(number, channel): cluster.events(cluster.conversation(number, channel))
            for channel, number, _, _ in originals
        }
        for _, _, form, server in originals:  # Twilio retries at the other server, then at this one
            assert await cluster.post(client, 1 - server, form) == []
            assert await cluster.post(client, server, form) == []

        # the same new message delivered to both servers at the same moment: answered once
        channel, number, _ = people[0]
        twin = cluster.form(number, "1", channel)
        answers = await asyncio.gather(cluster.post(client, 0, twin), cluster.post(client, 1, twin))
    assert sorted(bool(a) for a in answers) == [False, True]
    first = cluster.conversation(number, channel)
    for conversation, events in before.items():
        after = cluster.events(conversation, 1)
        if conversation == first:
            assert after[: len(events)] == events
            assert [text for text, _ in turns(after)] == [people[0][2][0], "1"]
        else:
            assert after == events


def test_dashboard_on_postgres_is_healthy_and_the_bootstrapped_supervisor_logs_in(cluster: Cluster) -> None:
    with httpx.Client(base_url=cluster.dashboard_url, timeout=20) as client:
        health = client.get("/healthz")
        assert (health.status_code, health.json()) == (200, {"status": "ok"})
        assert client.get("/api/handoffs").status_code == 401
        assert (
            client.post("/api/login", json={"email": ADMIN_EMAIL, "password": "wrong password!!"}).status_code
            == 401
        )
        login = client.post("/api/login", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
        assert login.status_code == 200, login.text
        assert login.json()["user"]["role"] == "supervisor"
        queue = client.get("/api/handoffs", params={"status": "waiting"})
        assert queue.status_code == 200
