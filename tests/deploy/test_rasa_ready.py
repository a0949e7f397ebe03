"""service/rasa_ready.py: the Rasa pods' readiness probe (and compose's health check) passes only when
every worker is warm (helpline/rasa_ext/warmup.py's markers, from processes running now) and the webhook
answers."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from helpline.rasa_ext.warmup import READY_DIR_VARIABLE, mark_ready
from service import rasa_ready

REPO_ROOT = Path(__file__).resolve().parents[2]


class Webhook(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/webhooks/twilio/" else 404)
        self.end_headers()
        self.wfile.write(b'{"status": "ok"}')

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def webhook():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Webhook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def worker(tmp_path: Path):
    """A live process that wrote its own warm-up marker with helpline.rasa_ext.warmup.mark_ready."""
    ready_dir = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; from helpline.rasa_ext.warmup import mark_ready; "
         f"mark_ready({{'parses': 3}}, {str(ready_dir)!r}); sys.stdin.read()"],
        stdin=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )  # fmt: skip
    marker = ready_dir / f"{child.pid}.json"
    deadline = time.monotonic() + 60
    while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the worker wrote no marker"
    yield child, ready_dir
    if child.poll() is None:
        child.kill()
    child.wait()


def test_a_running_worker_with_its_marker_is_warm(worker) -> None:
    child, ready_dir = worker
    assert rasa_ready.warm_workers(ready_dir) == [child.pid]


def test_a_marker_of_a_worker_that_died_does_not_count(worker) -> None:
    child, ready_dir = worker
    child.kill()
    child.wait()
    assert rasa_ready.warm_workers(ready_dir) == []


def test_a_marker_older_than_its_process_does_not_count(tmp_path: Path) -> None:
    """After a container restart the folder keeps the old markers, and a new process may have the same
    id (PID 1 in both): only a marker written after its process started counts."""
    marker = mark_ready({"parses": 3}, str(tmp_path))
    assert rasa_ready.warm_workers(tmp_path) == [os.getpid()]
    started = rasa_ready.process_started_at(os.getpid())
    os.utime(marker, (started - 60, started - 60))
    assert rasa_ready.warm_workers(tmp_path) == []


def test_the_start_time_is_read_even_from_a_strange_process_name(tmp_path: Path) -> None:
    (tmp_path / "stat").write_text("cpu  1 2 3\nbtime 1700000000\nprocesses 9\n")
    (tmp_path / "42").mkdir()
    fields = ["S", *["0"] * 18, "250", *["0"] * 30]  # field 22 (starttime) = 250 ticks
    (tmp_path / "42" / "stat").write_text("42 (a (b) c) " + " ".join(fields))
    assert rasa_ready.process_started_at(42, tmp_path) == 1700000000 + 250 / os.sysconf("SC_CLK_TCK")
    (tmp_path / "43").mkdir()
    (tmp_path / "43" / "stat").write_text("43 (zombie) " + " ".join(["Z", *fields[1:]]))
    assert rasa_ready.process_started_at(43, tmp_path) is None
    assert rasa_ready.process_started_at(44, tmp_path) is None


def test_ready_only_with_every_worker_warm_and_the_webhook_answering(worker, webhook, tmp_path) -> None:
    _, ready_dir = worker
    assert rasa_ready.check(str(ready_dir), 1, webhook, 3.0) is None
    assert rasa_ready.check(str(ready_dir), 2, webhook, 3.0) == "rasa workers warm: 1/2"
    assert rasa_ready.check(str(tmp_path / "none yet"), 1, webhook, 3.0) == "rasa workers warm: 0/1"
    assert rasa_ready.check(None, 1, webhook, 3.0).startswith(READY_DIR_VARIABLE)
    (ready_dir / "not-a-marker.json").write_text("{")
    assert rasa_ready.check(str(ready_dir), 1, webhook, 3.0) is None


def test_not_ready_while_the_webhook_does_not_answer(worker, tmp_path) -> None:
    _, ready_dir = worker
    server = ThreadingHTTPServer(("127.0.0.1", 0), Webhook)
    closed_port = server.server_address[1]
    server.server_close()
    assert rasa_ready.check(str(ready_dir), 1, closed_port, 3.0) == (
        f"the webhook on port {closed_port} does not answer"
    )


def test_the_probe_command_exits_0_only_when_ready(worker, webhook) -> None:
    """The exact command the manifests and compose run, as a separate process."""
    _, ready_dir = worker
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), READY_DIR_VARIABLE: str(ready_dir)}
    command = [sys.executable, "-m", "service.rasa_ready", "--port", str(webhook)]

    def probe(workers: str) -> subprocess.CompletedProcess:
        settings = {**env, "SANIC_WORKERS": workers}
        return subprocess.run(command, env=settings, capture_output=True, text=True, timeout=60, check=False)

    ready = probe("1")
    assert ready.returncode == 0, ready.stderr
    waiting = probe("2")
    assert waiting.returncode == 1
    assert "rasa workers warm: 1/2" in waiting.stderr
