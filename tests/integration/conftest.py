"""Starts the real helpline (Rasa server, action server, dashboard) through service/serve.py."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from dashboard.twilio_signing import inbound_form, new_message_sid, sign
from service.model import ensure_model

REPO_ROOT = Path(__file__).resolve().parents[2]
TEST_MODELS = REPO_ROOT / ".cache" / "test-models"
WEBHOOK = "/webhooks/twilio/webhook"
ADMIN_EMAIL = "supervisor@helpline.test"
ADMIN_PASSWORD = "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningHelpline:
    var_dir: Path
    log_path: Path
    rasa_url: str
    dashboard_url: str
    public_url: str
    auth_token: str
    rasa_token: str
    actions_url: str = ""

    def post(self, form: dict[str, str], signature: str | None = "auto") -> httpx.Response:
        headers = {}
        if signature == "auto":
            signature = sign(self.auth_token, self.public_url + WEBHOOK, form)
        if signature is not None:
            headers["X-Twilio-Signature"] = signature
        return httpx.post(self.rasa_url + WEBHOOK, data=form, headers=headers, timeout=20)

    def text(self, body: str, number: str, channel: str = "sms", **extra: str) -> httpx.Response:
        form = inbound_form(channel, number, body, extra.pop("sid", None) or new_message_sid())
        form.update(extra)
        return self.post(form)

    def logs(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    @contextmanager
    def signed_in(self) -> Iterator[httpx.Client]:
        """A dashboard client signed in as the bootstrap supervisor, echoing the CSRF cookie."""
        with httpx.Client(base_url=self.dashboard_url, timeout=30) as client:
            reply = client.post("/api/login", json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
            assert reply.status_code == 200, reply.text
            client.headers["X-CSRF-Token"] = client.cookies["csrf_token"]
            yield client


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The full model for the current data, cached under .cache/test-models by its fingerprint."""
    return ensure_model(TEST_MODELS, REPO_ROOT / "bot" / "config.yml")


@pytest.fixture(scope="session")
def helpline(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> RunningHelpline:
    var_dir = tmp_path_factory.mktemp("helpline-var")
    log_path = var_dir.parent / "helpline.log"
    rasa_port, actions_port, dashboard_port = free_port(), free_port(), free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TWILIO_", "HELPLINE_", "RASA_", "DATABASE_URL", "TRACKER_", "REDIS_"))
    }
    env.update(
        HELPLINE_ENV="dev",
        HELPLINE_VAR_DIR=str(var_dir),
        RASA_PORT=str(rasa_port),
        ACTIONS_PORT=str(actions_port),
        DASHBOARD_PORT=str(dashboard_port),
        PYTHONPATH=str(REPO_ROOT),
        HELPLINE_ADMIN_EMAIL=ADMIN_EMAIL,
        HELPLINE_ADMIN_PASSWORD=ADMIN_PASSWORD,
    )
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.serve", "--model-dir", str(TEST_MODELS)],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    dashboard_url = f"http://127.0.0.1:{dashboard_port}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("serve.py exited:\n" + log_path.read_text()[-3000:])
        if "The helpline is running" in log_path.read_text(errors="replace"):
            break
        time.sleep(0.5)
    else:
        process.kill()
        raise RuntimeError("helpline did not start:\n" + log_path.read_text()[-3000:])
    running = RunningHelpline(
        var_dir=var_dir,
        log_path=log_path,
        rasa_url=f"http://127.0.0.1:{rasa_port}",
        dashboard_url=dashboard_url,
        public_url=f"http://localhost:{rasa_port}",
        auth_token=(var_dir / "twilio_auth_token").read_text().strip(),
        rasa_token=(var_dir / "rasa_token").read_text().strip(),
        actions_url=f"http://127.0.0.1:{actions_port}",
    )
    yield running
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
