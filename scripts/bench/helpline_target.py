"""The helpline under test: service/serve.py on free ports with its own var dir, signed Twilio webhooks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

import httpx

from dashboard.twilio_signing import inbound_form, new_message_sid, sign
from scripts.bench import procs
from scripts.bench.targets import ColdStart, Reply, post
from scripts.bench.workload import Texter

REPO_ROOT = Path(__file__).resolve().parents[2]
WEBHOOK = "/webhooks/twilio/webhook"
# Variables a developer's shell may hold that would change what the benchmark starts.
STRIPPED_PREFIXES = (
    "TWILIO_",
    "HELPLINE_",
    "RASA_",
    "DATABASE_URL",
    "TRACKER_",
    "REDIS_",
    "PUBLIC_URL",
    "ACTIONS_URL",
)
# serve.py's children, recognised by their command lines.
PROCESS_MARKERS = {"rasa": ("run", "--enable-api"), "actions": ("rasa_sdk",), "dashboard": ("uvicorn",)}


def twiml_texts(body: str) -> list[str] | None:
    """The non-empty <Message> texts of a TwiML answer (None if it is not XML)."""
    try:
        elements = ElementTree.fromstring(body).iter("Message")
    except ElementTree.ParseError:
        return None
    return [text for text in ((e.text or "").strip() for e in elements) if text]


def twiml_messages(body: str) -> int:
    """Number of <Message> elements in a TwiML answer (-1 if it is not XML)."""
    texts = twiml_texts(body)
    return -1 if texts is None else len(texts)


@lru_cache(maxsize=1)
def error_notice_openings() -> tuple[str, ...]:
    """How the connector's "something went wrong" notice begins, in every language and script."""
    from helpline.content.notices import all_notices
    from helpline.content.script import to_script

    notices = all_notices()
    openings = set()
    for language, template in notices.get("error", {}).items():
        opening = template.split("{", 1)[0].split(".", 1)[0].split("。", 1)[0].strip()
        openings.update(to_script(opening, script, language) for script in ("Latn", "Hans", "Hant"))
    return tuple(sorted(o for o in openings if o))


def is_error_notice(texts: list[str]) -> bool:
    return any(text.startswith(error_notice_openings()) for text in texts)


class HelplineTarget:
    """`make run` on free ports; with `workers` > 1, that many Rasa processes and the Redis lock store."""

    expects_reply = True

    def __init__(
        self,
        model_dir: Path,
        work_dir: Path,
        ready_timeout: float = 240.0,
        workers: int = 1,
        redis_url: str | None = None,
    ) -> None:
        self.name = "helpline" if workers == 1 else f"helpline-{workers}-workers"
        self.workers, self.redis_url = workers, redis_url
        self.model_dir = model_dir
        self.var_dir = work_dir / f"{self.name}-var"
        self.log = work_dir / f"{self.name}.log"
        self.ready_timeout = ready_timeout
        self.ports = {name: procs.free_port() for name in ("rasa", "actions", "dashboard")}
        self.rasa_url = f"http://127.0.0.1:{self.ports['rasa']}"
        self.public_url = f"http://localhost:{self.ports['rasa']}"  # PUBLIC_URL's default
        self.process: subprocess.Popen | None = None
        self.pids: dict[str, int] = {}
        self._token = ""

    def environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith(STRIPPED_PREFIXES)}
        env.update(
            HELPLINE_ENV="dev",
            HELPLINE_VAR_DIR=str(self.var_dir),
            RASA_PORT=str(self.ports["rasa"]),
            ACTIONS_PORT=str(self.ports["actions"]),
            DASHBOARD_PORT=str(self.ports["dashboard"]),
            PYTHONPATH=str(REPO_ROOT),
            RASA_WORKERS=str(self.workers),
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        return env

    def health_urls(self) -> dict[str, str]:
        return {
            "rasa": f"{self.rasa_url}/webhooks/twilio/",
            "actions": f"http://127.0.0.1:{self.ports['actions']}/health",
            "dashboard": f"http://127.0.0.1:{self.ports['dashboard']}/healthz",
        }

    def start(self) -> ColdStart:
        """Starts serve.py as `make run` does; times start -> all healthy -> first webhook answered."""
        command = [sys.executable, "-m", "service.serve", "--model-dir", str(self.model_dir)]
        started = time.perf_counter()
        self.process = procs.start(command, REPO_ROOT, self.environment(), self.log)
        ready = procs.wait_healthy(self.health_urls(), self.process, started, self.ready_timeout, self.log)
        self._token = (self.var_dir / "twilio_auth_token").read_text().strip()
        first = self._first_webhook()
        total = time.perf_counter() - started
        if first.status != 200 or first.messages < 1:
            raise RuntimeError(f"first webhook failed: {first}")
        self._find_processes()
        return ColdStart(total_s=round(total, 3), ready_s={k: round(v, 3) for k, v in ready.items()})

    def _first_webhook(self) -> Reply:
        form = inbound_form("sms", "+85291239999", "hi", new_message_sid())
        request = urllib.request.Request(
            self.rasa_url + WEBHOOK,
            data=urllib.parse.urlencode(form).encode(),
            headers={
                "X-Twilio-Signature": sign(self._token, self.public_url + WEBHOOK, form),
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return Reply(answer.status, twiml_messages(answer.read().decode()))

    def _find_processes(self) -> None:
        assert self.process is not None
        self.pids = {"serve.py": self.process.pid}
        for name, markers in PROCESS_MARKERS.items():
            pid = procs.find_child(self.process.pid, *markers)
            if pid is not None:
                self.pids[name] = pid

    async def send(self, client: httpx.AsyncClient, texter: Texter, text: str) -> Reply:
        form = inbound_form(texter.channel, texter.number, text, new_message_sid())
        headers = {"X-Twilio-Signature": sign(self._token, self.public_url + WEBHOOK, form)}
        answer = await post(client, self.rasa_url + WEBHOOK, data=form, headers=headers)
        if answer is None:
            return Reply(0, 0)
        texts = twiml_texts(answer.text) if answer.status_code == 200 else []
        return Reply(
            answer.status_code, len(texts or []), failed=bool(texts) and is_error_notice(texts or [])
        )

    def sanity(self) -> list[str]:
        """What the load left behind: no handoff should have opened (no crisis, age or counsellor request)."""
        import sqlite3

        notes = []
        database = self.var_dir / "helpline.db"
        if database.exists():
            with sqlite3.connect(database) as conn:
                handoffs = conn.execute("SELECT count(*) FROM handoffs").fetchone()[0]
                contacts = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
            notes.append(f"{contacts} conversations, {handoffs} handoffs opened (expected 0)")
        tracker = self.var_dir / "tracker.db"
        if tracker.exists():
            with sqlite3.connect(tracker) as conn:
                events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
            notes.append(f"tracker.db: {events} events, {tracker.stat().st_size / 1e6:.1f} MB")
        return notes

    def rss_kb(self) -> dict[str, int]:
        """Resident memory per process kind; the Rasa figure is its largest process.

        With several Rasa workers, "rasa PSS total" is all of them with shared pages counted once
        (the workers are forked from one parent and share its imported code).
        """
        memory = {name: procs.tree_rss_kb(pid) for name, pid in self.pids.items() if name != "serve.py"}
        if "rasa" in self.pids:
            memory["rasa"] = procs.largest_rss_kb(self.pids["rasa"])
            if self.workers > 1:
                memory["rasa PSS total"] = procs.tree_pss_kb(self.pids["rasa"])
        return memory

    def stop(self) -> None:
        if self.process is not None:
            procs.stop(self.process)
