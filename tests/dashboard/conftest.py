"""Dashboard fixtures: the app with a fake Rasa, accounts, signed-in clients, seeded handoffs."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update

from dashboard.accounts import AccountStore, User
from dashboard.app import create_app
from dashboard.rasa_client import RasaUnavailable
from helpline.settings.config import Settings
from helpline.settings.crypto import Cipher, conversation_id
from helpline.store.contacts import ContactStore
from helpline.store.db import contacts, handoffs, utcnow
from helpline.store.handoffs import Handoff, HandoffStore

PASSWORD = "correct horse battery staple"


@dataclass
class FakeRasa:
    """Stands in for Rasa's HTTP API: keeps trackers in memory and records every call."""

    events: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    calls: list[tuple[str, str, Any]] = field(default_factory=list)
    down: bool = False
    execute_down: bool = False

    def _check(self) -> None:
        if self.down:
            raise RasaUnavailable("The assistant server (Rasa) cannot be reached right now.")

    async def tracker(self, conversation_id: str) -> dict:
        self.calls.append(("tracker", conversation_id, None))
        self._check()
        return {"sender_id": conversation_id, "events": list(self.events[conversation_id])}

    async def append_events(self, conversation_id: str, events: list[dict], output_channel: str = "latest"):
        self.calls.append(("append_events", conversation_id, events))
        self._check()
        self.events[conversation_id].extend(events)
        return {"sender_id": conversation_id}

    async def execute(self, conversation_id: str, action_name: str, output_channel: str = "latest"):
        self.calls.append(("execute", conversation_id, action_name))
        self._check()
        if self.execute_down:
            raise RasaUnavailable("Rasa answered with an error (HTTP 500).")
        self.events[conversation_id].append(
            {"event": "bot", "text": "Welcome back.", "timestamp": time.time(), "metadata": {}}
        )
        return {}

    def say(self, conversation_id: str, who: str, text: str, **metadata: Any) -> None:
        """Adds a user ('texter') or bot event to the fake tracker."""
        event: dict[str, Any] = {"event": "user" if who == "texter" else "bot", "text": text}
        event["timestamp"] = time.time()
        if who != "texter":
            event["metadata"] = metadata
        self.events[conversation_id].append(event)


class Clock:
    """The dashboard's "now": real time until a test sets it (access windows are tested without sleeping)."""

    def __init__(self) -> None:
        self.moment: dt.datetime | None = None

    def __call__(self) -> dt.datetime:
        return self.moment or utcnow()

    def set(self, moment: dt.datetime) -> None:
        self.moment = moment


class Session:
    """A signed-in browser: its own cookies, and POSTs that echo the CSRF cookie like the pages do."""

    def __init__(self, client: TestClient, user: User | None) -> None:
        self.client = client
        self.user = user

    @property
    def csrf(self) -> str:
        return self.client.cookies.get("csrf_token") or ""

    def get(self, url: str, **kwargs):
        return self.client.get(url, **kwargs)

    def post(self, url: str, json: Any = None, csrf: bool = True, **kwargs):
        headers = dict(kwargs.pop("headers", {}) or {})
        if csrf:
            headers.setdefault("X-CSRF-Token", self.csrf)
        if json is not None:
            return self.client.post(url, json=json, headers=headers, **kwargs)
        return self.client.post(url, headers=headers, **kwargs)


@dataclass
class Dashboard:
    app: FastAPI
    settings: Settings
    rasa: FakeRasa
    accounts: AccountStore
    handoffs: HandoffStore
    contacts: ContactStore
    clock: Clock
    _numbers: Iterator[int] = field(default_factory=lambda: iter(range(91000000, 99999999, 7)))

    @property
    def engine(self):
        return self.app.state.engine

    @property
    def cipher(self) -> Cipher:
        return self.app.state.cipher

    def client(self) -> TestClient:
        return TestClient(self.app)

    def user(self, email: str, role: str = "counsellor", name: str | None = None) -> User:
        return self.accounts.create(email, name or email.split("@")[0].title(), PASSWORD, role=role)

    def login(self, user: User | str, password: str = PASSWORD) -> Session:
        email = user if isinstance(user, str) else user.email
        client = self.client()
        reply = client.post("/api/login", json={"email": email, "password": password})
        assert reply.status_code == 200, reply.text
        return Session(client, None if isinstance(user, str) else user)

    def anonymous(self) -> Session:
        return Session(self.client(), None)

    def seed(
        self,
        *,
        priority: str = "normal",
        reason: str = "requested",
        channel: str = "sms",
        language: str = "en",
        script: str = "Latn",
        region: str = "HK",
        summary: dict | None = None,
        texts: tuple[str, ...] = ("I need help",),
        age_seconds: float = 0,
    ) -> Handoff:
        """A texter with a contact, a tracker and an open (waiting) handoff."""
        number = f"+852{next(self._numbers)}"
        conversation = conversation_id(self.settings.secret_key, channel, number)
        self.contacts.record_inbound(conversation, channel, number)
        for text in texts:
            self.rasa.say(conversation, "texter", text)
        handoff = self.handoffs.open(
            conversation,
            channel=channel,
            priority=priority,
            reason=reason,
            summary=summary or {"crisis": reason == "crisis", "minor": reason == "minor"},
            language=language,
            script=script,
            region=region,
        )
        if age_seconds:
            self.backdate(handoff.id, age_seconds)
        refreshed = self.handoffs.get(handoff.id)
        assert refreshed is not None
        return refreshed

    def backdate(self, handoff_id: int, seconds: float) -> None:
        handoff = self.handoffs.get(handoff_id)
        assert handoff is not None
        import datetime as dt

        when = handoff.created_at - dt.timedelta(seconds=seconds)
        with self.engine.begin() as conn:
            conn.execute(update(handoffs).where(handoffs.c.id == handoff_id).values(created_at=when))

    def opt_out(self, handoff: Handoff) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(contacts)
                .where(contacts.c.conversation_id == handoff.conversation_id)
                .values(opted_out_at=handoff.created_at)
            )


@pytest.fixture()
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture()
def dash(settings: Settings, fake_rasa: FakeRasa) -> Dashboard:
    clock = Clock()
    app = create_app(settings, rasa=fake_rasa, clock=clock)  # type: ignore[arg-type]
    return Dashboard(
        app=app,
        settings=settings,
        rasa=fake_rasa,
        accounts=app.state.accounts,
        handoffs=app.state.handoffs,
        contacts=app.state.contacts,
        clock=clock,
    )


@pytest.fixture()
def supervisor(dash: Dashboard) -> User:
    return dash.user("sam@helpline.example", role="supervisor", name="Sam")


@pytest.fixture()
def counsellor(dash: Dashboard) -> User:
    return dash.user("ana@helpline.example", name="Ana")


@pytest.fixture()
def colleague(dash: Dashboard) -> User:
    return dash.user("bo@helpline.example", name="Bo")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    dash: Dashboard


@pytest.fixture()
def live_server(dash: Dashboard) -> Iterator[LiveServer]:
    """The dashboard on a real port (uvicorn in a thread): for the browser and the event stream."""
    port = free_port()
    config = uvicorn.Config(
        dash.app, host="127.0.0.1", port=port, log_level="warning", ws="none", timeout_graceful_shutdown=2
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the dashboard did not start")
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}", dash)
    server.should_exit = True
    thread.join(timeout=10)
