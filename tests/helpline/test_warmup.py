"""helpline.rasa_ext.warmup: Rasa's model loading also warms the worker up and marks it ready; serve.py waits
for every worker's mark (the whole chain runs for real in tests/postgres/test_workers.py)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import rasa.core.run as rasa_run

from helpline.rasa_ext import warmup
from service import serve


class ColdAgent:
    def is_ready(self) -> bool:
        return False


def test_mark_ready_writes_one_marker_per_process(tmp_path: Path) -> None:
    path = warmup.mark_ready({"parses": 3, "predicted": True}, str(tmp_path))
    assert path == tmp_path / f"{os.getpid()}.json"
    assert warmup.ready_workers(tmp_path) == [{"pid": os.getpid(), "parses": 3, "predicted": True}]
    (tmp_path / "99999999.json").write_text("{half written")  # being replaced: not counted yet
    assert len(warmup.ready_workers(tmp_path)) == 1


def test_no_marker_without_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(warmup.READY_DIR_VARIABLE, raising=False)
    assert warmup.mark_ready({"parses": 1}) is None


def test_install_wraps_rasas_model_loading_and_a_cold_agent_is_never_marked_ready(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[str] = []

    async def load_agent_on_start(model_path, endpoints, remote_storage, app, loop):
        loaded.append(model_path)
        return ColdAgent()

    monkeypatch.setattr(rasa_run, "load_agent_on_start", load_agent_on_start)
    monkeypatch.setattr(warmup, "_installed", False)
    monkeypatch.setenv(warmup.READY_DIR_VARIABLE, str(tmp_path))
    warmup.install()
    wrapped = rasa_run.load_agent_on_start
    assert wrapped is not load_agent_on_start
    warmup.install()  # idempotent
    assert rasa_run.load_agent_on_start is wrapped
    with pytest.raises(RuntimeError, match="no model"):
        asyncio.run(wrapped("models/x.tar.gz", None, None, object(), None))
    assert loaded == ["models/x.tar.gz"]
    assert warmup.ready_workers(tmp_path) == []


def test_the_rasa_entry_point_installs_the_warm_up() -> None:
    code = (
        "import runpy, sys, rasa.core.run as r; sys.argv = ['rasa_main', '--version'];\n"
        "try:\n    runpy.run_module('service.rasa_main', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(r.load_agent_on_start.__qualname__)"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "load_and_warm_up" in done.stdout.splitlines()[-1], done.stdout + done.stderr


class Running:
    def poll(self) -> None:
        return None


def test_serve_waits_for_every_worker_to_be_warm(tmp_path: Path) -> None:
    processes = {"rasa": Running()}
    (tmp_path / "101.json").write_text(json.dumps({"pid": 101}))
    with pytest.raises(RuntimeError, match=r"rasa workers warm \(1/2\)"):
        serve.wait_until_healthy({}, processes, timeout=0, warm=(tmp_path, 2))
    (tmp_path / "102.json").write_text(json.dumps({"pid": 102}))
    serve.wait_until_healthy({}, processes, timeout=30, warm=(tmp_path, 2))


def test_serve_empties_the_ready_folder_before_rasa_starts(tmp_path: Path, settings) -> None:
    from dataclasses import replace

    folder = serve.ready_dir(replace(settings, var_dir=tmp_path))
    (folder / "7.json").write_text("{}")
    assert serve.ready_dir(replace(settings, var_dir=tmp_path)) == folder
    assert list(folder.iterdir()) == []
