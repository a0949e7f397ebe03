"""The baseline: a bare `rasa init` assistant (Rasa's default DIET/TED config) on its REST channel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import httpx

from scripts.bench import procs
from scripts.bench.targets import ColdStart, Reply, post
from scripts.bench.workload import Texter

REST_WEBHOOK = "/webhooks/rest/webhook"


def _environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    return env


def newest_model(project: Path) -> Path | None:
    models = sorted((project / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def ensure_project(project: Path, fresh: bool = False) -> tuple[Path, float | None]:
    """`rasa init --no-prompt` (which trains) into `project` unless a trained one is there.

    Returns the model and the seconds `rasa init` took, or None when a cached project was reused.
    """
    model = newest_model(project) if project.exists() else None
    if model is not None and not fresh:
        return model, None
    if project.exists():  # asked for afresh, or left without a model by a failed `rasa init`
        shutil.rmtree(project)
    project.mkdir(parents=True)
    log = project.parent / f"{project.name}-init.log"
    print(
        f"bench: rasa init --no-prompt into {project} (trains DIET and TED; about a minute)", file=sys.stderr
    )
    started = time.perf_counter()
    with log.open("w") as handle:
        subprocess.run(
            [sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(project)],
            cwd=project,
            env=_environment(),
            stdout=handle,
            stderr=subprocess.STDOUT,
            check=True,
        )
    took = time.perf_counter() - started
    model = newest_model(project)
    if model is None:
        raise RuntimeError(f"rasa init trained no model; see {log}")
    return model, round(took, 1)


class BareRasaTarget:
    name = "bare"
    expects_reply = False  # the mood bot has no answer for some messages; empties are counted apart

    def __init__(self, project: Path, work_dir: Path, ready_timeout: float = 240.0) -> None:
        self.project = project
        self.log = work_dir / "bare-rasa.log"
        self.ready_timeout = ready_timeout
        self.port = procs.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> ColdStart:
        command = [
            sys.executable,
            "-m",
            "rasa",
            "run",
            "--enable-api",
            "-p",
            str(self.port),
            "--model",
            str(self.project / "models"),
            "--credentials",
            str(self.project / "credentials.yml"),
        ]
        started = time.perf_counter()
        self.process = procs.start(command, self.project, _environment(), self.log)
        urls = {"rasa": f"{self.url}/webhooks/rest/"}
        ready = procs.wait_healthy(urls, self.process, started, self.ready_timeout, self.log)
        request = urllib.request.Request(
            self.url + REST_WEBHOOK,
            data=b'{"sender": "bench-cold-start", "message": "hi"}',
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            if answer.status != 200:
                raise RuntimeError(f"bare Rasa answered {answer.status}")
        total = time.perf_counter() - started
        return ColdStart(total_s=round(total, 3), ready_s={k: round(v, 3) for k, v in ready.items()})

    async def send(self, client: httpx.AsyncClient, texter: Texter, text: str) -> Reply:
        answer = await post(
            client, self.url + REST_WEBHOOK, json={"sender": texter.sender_id, "message": text}
        )
        if answer is None:
            return Reply(0, 0)
        if answer.status_code != 200:
            return Reply(answer.status_code, 0)
        try:
            return Reply(200, sum(1 for m in answer.json() if m.get("text") or m.get("image")))
        except ValueError:
            return Reply(200, 0)

    def rss_kb(self) -> dict[str, int]:
        return {"rasa": procs.tree_rss_kb(self.process.pid)} if self.process else {}

    def stop(self) -> None:
        if self.process is not None:
            procs.stop(self.process)
