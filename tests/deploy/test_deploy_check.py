"""`make deploy-check`'s logic without Docker: the env file, the loopback override, the exit codes, the
teardown on every failure, and the judgement of a run of messages (scripts/deploy_check)."""

from __future__ import annotations

import asyncio
import io
import ipaddress
import os
import re
import shutil
import signal
import stat
import subprocess
import threading
import urllib.parse
from collections import Counter
from pathlib import Path

import httpx
import pytest
import yaml

from helpline.settings.config import load_settings
from helpline.settings.crypto import conversation_id
from scripts.deploy_check import engine as engine_module
from scripts.deploy_check import stack as stack_module
from scripts.deploy_check.checks import Checks, RunPlan, RunResult
from scripts.deploy_check.engine import DAEMON_FLAGS, EngineUnavailable, daemon_command, mounts_under
from scripts.deploy_check.image import image_tags, missing_ignores
from scripts.deploy_check.main import (
    EXIT_ENGINE_UNAVAILABLE,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Parts,
    execute,
)
from scripts.deploy_check.report import CheckFailed, CommandFailed, Report
from scripts.deploy_check.standins import base_image_names, python_version, rewrite_shebangs, stand_ins
from scripts.deploy_check.verify import Sent, verify_run

REPO_ROOT = Path(__file__).resolve().parents[2]


# -- the env file ---------------------------------------------------------------------------------
def _env(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if line and not line.startswith("#"))


def test_env_file_holds_every_variable_compose_requires_and_fresh_secrets(tmp_path: Path) -> None:
    values = stack_module.new_secrets()
    path = tmp_path / "check.env"
    stack_module.write_private(path, stack_module.env_file_text(values, "172.30.57.0/24", "172.30.57.10"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    env = _env(path.read_text())
    required = {"PUBLIC_URL", "TWILIO_AUTH_TOKEN", "HELPLINE_SECRET_KEY", "RASA_TOKEN", "POSTGRES_PASSWORD"}
    assert required | {"REDIS_PASSWORD", "COMPOSE_SUBNET", "PROXY_IP"} <= set(env)
    assert all(len(env[key]) >= 24 for key in values)
    assert len(set(values.values())) == len(values)  # no value serves twice
    again = stack_module.new_secrets()
    assert not set(again.values()) & set(values.values())  # throwaway: a new set every run


def test_env_file_never_reuses_the_development_secrets_or_the_environment(var_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "from-the-environment-0123456789")
    monkeypatch.setenv("POSTGRES_PASSWORD", "from-the-environment-pg-0123456")
    settings = load_settings()  # generates the development secrets in var/
    kept = "\n".join(path.read_text(errors="replace") for path in var_dir.rglob("*") if path.is_file())
    values = stack_module.new_secrets()
    for value in values.values():
        assert value not in kept
        assert value not in os.environ.values()
    assert settings.secret_key not in values.values()


def test_env_file_replaces_a_wider_file_and_is_never_readable_by_others(tmp_path: Path) -> None:
    path = tmp_path / "check.env"
    path.write_text("old")
    path.chmod(0o644)
    stack_module.write_private(path, "A=1\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and path.read_text() == "A=1\n"


def test_values_are_safe_in_urls_and_command_lines() -> None:
    for _ in range(20):
        values = stack_module.new_secrets()
        for key in ("POSTGRES_PASSWORD", "REDIS_PASSWORD"):
            assert all(char in "0123456789abcdef" for char in values[key])
        assert all(char.isalnum() or char in "-_" for value in values.values() for char in value)


# -- the override -----------------------------------------------------------------------------------
class _OverrideLoader(yaml.SafeLoader):
    pass


_OverrideLoader.add_constructor("!override", lambda loader, node: loader.construct_sequence(node))


def test_override_publishes_only_the_proxy_and_only_on_loopback() -> None:
    override = yaml.load(stack_module.override_text(18443), Loader=_OverrideLoader)
    assert set(override["services"]) == {"proxy"}
    assert "!override" in stack_module.override_text(18443)  # replaces the file's public ports
    (published,) = override["services"]["proxy"]["ports"]
    host, port, target = published.split(":")
    assert ipaddress.ip_address(host).is_loopback and (port, target) == ("18443", "443")


def test_the_compose_file_is_used_unchanged_and_the_proxy_is_its_only_published_service() -> None:
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    assert [name for name, service in compose["services"].items() if "ports" in service] == ["proxy"]


def test_subnet_avoids_the_machines_routes() -> None:
    routes = "default via 192.0.2.1 dev eth0\n172.30.57.0/24 dev br0\n172.30.0.0/23 dev x\n"
    assert stack_module.choose_subnet(routes) == ("172.30.58.0/24", "172.30.58.10")
    assert stack_module.choose_subnet("") == ("172.30.57.0/24", "172.30.57.10")
    with pytest.raises(RuntimeError):
        stack_module.choose_subnet("172.16.0.0/12 dev everything\n")


def test_tracker_rows_and_proxy_log_are_read() -> None:
    rows = 'abc\t{"event": "user", "text": "hi", "message_id": "SM1"}\ndef\t{"message_id": "SM2"}\n(2 rows)\n'
    assert stack_module.user_message_ids(rows) == [("abc", "SM1"), ("def", "SM2")]
    log = (
        '172.30.57.1 - - [03/Dec/2026:05:00:00 +0000] "POST /webhooks/twilio/webhook HTTP/1.1" 200 1 "-" ""\n'
        "2026/12/03 05:00:01 [error] 7#7: *9 connect() failed (111: Connection refused)\n"
        '172.30.57.1 - - [03/Dec/2026:05:00:02 +0000] "GET /healthz HTTP/1.1" 502 0 "-" "x"\n'
    )
    assert stack_module.proxy_statuses(log) == [200, 502]


# -- images --------------------------------------------------------------------------------------------
def test_stand_ins_carry_the_names_the_compose_file_and_the_dockerfile_use() -> None:
    names = base_image_names(REPO_ROOT / "docker-compose.yml", REPO_ROOT / "Dockerfile")
    assert set(names) == {"python", "postgres", "redis", "nginx"}
    assert {image.tag for image in stand_ins(names)} == set(names.values())
    assert python_version(names["python"]).count(".") == 2


def test_project_image_tags_are_composes_names_and_the_context_leaves_out_private_folders() -> None:
    assert image_tags("helpline-check", REPO_ROOT / "docker-compose.yml") == [
        "helpline-check-actions",
        "helpline-check-dashboard",
        "helpline-check-rasa",
    ]
    assert missing_ignores(REPO_ROOT / ".dockerignore") == []


def test_missing_ignores_are_named(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_text(".git\nmodels/\n")
    assert missing_ignores(tmp_path / ".dockerignore") == [".venv", "var", "test-results"]


def test_copied_scripts_point_at_the_images_python(tmp_path: Path) -> None:
    (tmp_path / "pip").write_text("#!/root/.pyenv/versions/3.10.13/bin/python3.10\nimport pip\n")
    (tmp_path / "other").write_text("#!/bin/sh\necho\n")
    (tmp_path / "python3").symlink_to("pip")
    assert rewrite_shebangs(tmp_path, "/usr/local/bin/python3.10") == 1
    assert (tmp_path / "pip").read_text() == "#!/usr/local/bin/python3.10\nimport pip\n"
    assert (tmp_path / "other").read_text() == "#!/bin/sh\necho\n"


# -- the engine ----------------------------------------------------------------------------------------
def test_the_daemon_stays_in_its_folder_and_leaves_the_hosts_network_alone(tmp_path: Path) -> None:
    command = daemon_command(tmp_path)
    assert {"--bridge=none", "--iptables=false", "--ip-forward=false", "--ip-masq=false"} == set(DAEMON_FLAGS)
    paths = [part.split("=", 1)[1] for part in command if part.startswith("--") and str(tmp_path) in part]
    assert len(paths) == 5 and all(str(tmp_path) in path for path in paths)


def test_only_mounts_inside_the_folder_are_undone_deepest_first() -> None:
    mounts = (
        "/dev/vda / ext4 rw 0 0\n"
        "nsfs /var/tmp/dc-1/exec/netns/abc nsfs rw 0 0\n"
        "overlay /var/tmp/dc-1/data/overlay2/x/merged overlay rw 0 0\n"
        "overlay /var/tmp/dc-10/data/overlay2/y/merged overlay rw 0 0\n"
    )
    assert mounts_under(Path("/var/tmp/dc-1"), mounts) == [
        "/var/tmp/dc-1/data/overlay2/x/merged",
        "/var/tmp/dc-1/exec/netns/abc",
    ]


# -- exit codes and teardown -------------------------------------------------------------------------
class Fake:
    """Records calls; raises at the step named in `fail`."""

    def __init__(self, calls: list[str], name: str, fail: dict[str, BaseException]) -> None:
        self._calls, self._name, self._fail = calls, name, fail

    def __getattr__(self, method: str):
        def call(*args, **kwargs):
            step = f"{self._name}.{method}"
            self._calls.append(step)
            if step in self._fail:
                raise self._fail[step]

        return call


def _execute(tmp_path: Path, fail: dict[str, BaseException]) -> tuple[int, list[str], str, Path]:
    calls: list[str] = []
    parts = Parts(*(Fake(calls, name, fail) for name in ("engine", "standins", "image", "stack", "checks")))
    console = io.StringIO()
    note = tmp_path / "results" / "deploy-check.unavailable"
    report = Report(tmp_path / "results" / "deploy-check.log", console=console)
    code = execute(parts, report, note)
    report.close()
    return code, calls, console.getvalue(), note


def test_a_passing_run_exits_0_and_still_tears_everything_down(tmp_path: Path) -> None:
    handler = signal.getsignal(signal.SIGINT)
    code, calls, console, note = _execute(tmp_path, {})
    assert code == EXIT_OK and "DEPLOY CHECK PASSED" in console
    assert calls[-2:] == ["stack.down", "engine.stop"]
    assert "checks.replica_stop" in calls and not note.exists()
    assert signal.getsignal(signal.SIGINT) is handler  # Ctrl-C's handling is restored after the teardown


@pytest.mark.parametrize(
    "step",
    [
        "engine.start",
        "standins.build",
        "image.build",
        "stack.up",
        "checks.webhooks",
        "checks.dashboard",
        "checks.replica_stop",
    ],
)
def test_any_failure_exits_1_and_tears_down(tmp_path: Path, step: str) -> None:
    code, calls, console, note = _execute(tmp_path, {step: CheckFailed("3 message(s) lost")})
    assert code == EXIT_FAILED
    assert calls[calls.index(step) + 1 :] == ["stack.down", "engine.stop"]
    assert "DEPLOY CHECK FAILED: 3 message(s) lost" in console and not note.exists()


@pytest.mark.parametrize(
    "error", [CommandFailed("`docker build` failed (1)"), ValueError("odd"), OSError("disk")]
)
def test_unexpected_errors_fail_too(tmp_path: Path, error: Exception) -> None:
    code, calls, console, _ = _execute(tmp_path, {"image.build": error})
    assert code == EXIT_FAILED and calls[-2:] == ["stack.down", "engine.stop"]
    assert str(error) in console


@pytest.mark.parametrize("step", ["engine.install", "engine.start"])
def test_an_engine_that_cannot_run_exits_3_with_the_reason_and_the_daemons_log(
    tmp_path: Path, step: str
) -> None:
    error = EngineUnavailable("dockerd not ready after 180 s", 'level=error msg="no cgroups"')
    code, calls, console, note = _execute(tmp_path, {step: error})
    assert code == EXIT_ENGINE_UNAVAILABLE
    assert calls[-2:] == ["stack.down", "engine.stop"]
    assert "DEPLOY CHECK NOT RUN: the container engine cannot run here: dockerd not ready" in console
    assert "no cgroups" in console
    assert note.read_text().strip() == "dockerd not ready after 180 s"


def test_a_note_from_an_earlier_run_does_not_survive_a_run(tmp_path: Path) -> None:
    note = tmp_path / "results" / "deploy-check.unavailable"
    note.parent.mkdir()
    note.write_text("old reason\n")
    code, _, _, note = _execute(tmp_path, {"checks.webhooks": CheckFailed("no reply")})
    assert code == EXIT_FAILED and not note.exists()


def test_an_interrupt_still_tears_down(tmp_path: Path) -> None:
    code, calls, _, _ = _execute(tmp_path, {"image.build": KeyboardInterrupt()})
    assert code == EXIT_INTERRUPTED and calls[-2:] == ["stack.down", "engine.stop"]


def test_the_engine_is_stopped_even_when_the_stack_cannot_be_taken_down(tmp_path: Path) -> None:
    code, calls, console, _ = _execute(tmp_path, {"stack.down": CommandFailed("`docker compose` failed (1)")})
    assert calls[-2:] == ["stack.down", "engine.stop"]
    assert code == EXIT_FAILED and "could not take down the stack" in console


def test_secrets_never_reach_the_log_or_the_console(tmp_path: Path) -> None:
    console = io.StringIO()
    report = Report(tmp_path / "deploy-check.log", console=console)
    report.hide("s3cret-value")
    report.say("token s3cret-value")
    report.run(["sh", "-c", "echo out s3cret-value; echo err s3cret-value >&2"])
    report.close()
    for text in (console.getvalue(), (tmp_path / "deploy-check.log").read_text()):
        assert "s3cret-value" not in text and "***" in text


def test_output_that_may_hold_messages_is_not_logged(tmp_path: Path) -> None:
    report = Report(tmp_path / "deploy-check.log", console=io.StringIO())
    done = report.run(["sh", "-c", 'printf "%s %s\\n" "$0" "words"', "texter's"], quiet=True)
    report.close()
    assert done.stdout.strip() == "texter's words"
    assert "texter's words" not in (tmp_path / "deploy-check.log").read_text()


# -- judging a run of messages ---------------------------------------------------------------------------
def _run(conversations: int = 3, messages: int = 4) -> tuple[list[Sent], list[tuple[str, str]]]:
    sent = [Sent(f"c{c}", f"SM{c}-{m}", 200, 1) for c in range(conversations) for m in range(messages)]
    return sent, [(item.conversation, item.message_id) for item in sent]


def test_a_clean_run_passes_with_the_count_per_conversation() -> None:
    sent, stored = _run()
    verdict = verify_run(sent, [*stored, ("someone-else", "SMx")], [200] * len(sent))
    assert verdict.ok and verdict.per_conversation == {"c0": 4, "c1": 4, "c2": 4}


def test_a_lost_message_is_found() -> None:
    sent, stored = _run()
    verdict = verify_run(sent, stored[:5] + stored[6:], [])
    assert verdict.problems == ["1 message(s) lost: not in the tracker store"]
    assert verdict.per_conversation["c1"] == 3


def test_a_message_taken_twice_is_found() -> None:
    sent, stored = _run()
    verdict = verify_run(sent, [*stored, stored[2], stored[2]], [])
    assert verdict.problems == ["2 message(s) stored more than once (taken twice)"]


def test_5xx_no_answer_silent_replies_and_proxy_errors_are_found() -> None:
    sent, stored = _run()
    sent[0] = Sent(sent[0].conversation, sent[0].message_id, 502, 0)
    sent[1] = Sent(sent[1].conversation, sent[1].message_id, 0, 0)
    sent[2] = Sent(sent[2].conversation, sent[2].message_id, 200, 0)
    sent[3] = Sent(sent[3].conversation, sent[3].message_id, 403, 0)
    verdict = verify_run(sent, stored, [200, 504, 200])
    assert verdict.problems == [
        "1 message(s) answered 5xx ([502])",
        "1 message(s) got no HTTP answer at all",
        "1 message(s) answered [403], not 200",
        "1 message(s) answered 200 with no reply",
        "the proxy logged 1 5xx answer(s)",
    ]


def test_a_stored_message_the_check_never_sent_is_found() -> None:
    sent, stored = _run()
    verdict = verify_run(sent, [*stored, ("c0", "SM-unknown")], [])
    assert verdict.problems == ["1 stored message(s) the check never sent"]


# -- CI ------------------------------------------------------------------------------------------------
FAKE_MAKE = """#!/bin/sh
echo "make $1" >> calls
[ "$1" = test ] && exit "${TEST_CODE:-0}"
[ -n "$REASON" ] && mkdir -p test-results && echo "$REASON" > test-results/deploy-check.unavailable
exit "${CHECK_CODE:-0}"
"""


def _ci(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / ".ci").mkdir(exist_ok=True)
    shutil.copy2(REPO_ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "make").write_text(FAKE_MAKE)
    (bin_dir / "make").chmod(0o755)
    path = f"{bin_dir}:{os.environ['PATH']}"
    return subprocess.run(
        ["bash", str(tmp_path / ".ci" / "run")],
        env={**os.environ, "PATH": path, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_ci_runs_the_tests_then_the_deploy_check(tmp_path: Path) -> None:
    done = _ci(tmp_path)
    assert done.returncode == 0 and (tmp_path / "calls").read_text() == "make test\nmake deploy-check\n"


def test_ci_reports_an_engine_that_cannot_run_and_goes_on(tmp_path: Path) -> None:
    done = _ci(tmp_path, CHECK_CODE="2", REASON="dockerd not ready after 180 s")
    assert done.returncode == 0
    assert "DEPLOY-CHECK NOT RUN: dockerd not ready after 180 s" in done.stdout


def test_ci_fails_on_any_other_deploy_check_failure_and_on_failed_tests(tmp_path: Path) -> None:
    (tmp_path / "test-results").mkdir()
    (tmp_path / "test-results" / "deploy-check.unavailable").write_text("from an earlier run\n")
    done = _ci(tmp_path, CHECK_CODE="2")
    assert done.returncode != 0 and "NOT RUN" not in done.stdout
    (tmp_path / "calls").unlink()
    assert _ci(tmp_path, TEST_CODE="2").returncode != 0
    assert (tmp_path / "calls").read_text() == "make test\n"


# -- the engine's own classification (fake dockerd and docker client) -----------------------------------
def _fake(path: Path, script: str) -> str:
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return str(path)


def _engine(tmp_path: Path, monkeypatch, dockerd: str) -> engine_module.Engine:
    monkeypatch.setattr(engine_module, "DOCKERD", _fake(tmp_path / "dockerd", dockerd))
    monkeypatch.setattr(engine_module, "DOCKER", _fake(tmp_path / "docker", "exit 1\n"))  # never answers
    folder = tmp_path / "check"
    folder.mkdir()
    return engine_module.Engine(Report(tmp_path / "log", console=io.StringIO()), folder)


def test_a_daemon_that_exits_makes_the_engine_unavailable_with_its_log(tmp_path: Path, monkeypatch) -> None:
    engine = _engine(
        tmp_path, monkeypatch, 'echo "failed to mount cgroup: operation not permitted"; exit 1\n'
    )
    with pytest.raises(EngineUnavailable) as raised:
        engine.start()
    assert raised.value.reason == "dockerd exited with code 1"
    assert "failed to mount cgroup" in raised.value.log_tail
    engine.stop()
    assert not engine.folder.exists()


def test_a_daemon_never_ready_is_stopped_and_the_engine_unavailable(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(engine_module, "READY_SECONDS", 0.0)  # the fake client never answers anyway
    engine = _engine(tmp_path, monkeypatch, 'echo "waiting for containerd"; exec sleep 600\n')
    with pytest.raises(EngineUnavailable, match="not ready"):
        engine.start()
    assert engine.process is not None and engine.process.poll() is None
    engine.stop()
    assert engine.process.poll() is not None and not engine.folder.exists()


def test_not_root_or_no_docker_package_makes_the_engine_unavailable(tmp_path: Path, monkeypatch) -> None:
    engine = _engine(tmp_path, monkeypatch, "exit 0\n")
    monkeypatch.setattr(engine_module.os, "geteuid", lambda: 1000)
    with pytest.raises(EngineUnavailable, match="not root"):
        engine.install()
    monkeypatch.setattr(engine_module.os, "geteuid", lambda: 0)
    monkeypatch.setattr(engine_module, "_installed", lambda package: package != "docker.io")

    def apt(argv, **kwargs):
        if argv[:2] == ["apt-get", "install"]:
            raise CommandFailed("`apt-get install -y` failed (100): Unable to locate package docker.io")

    monkeypatch.setattr(engine.report, "run", apt)
    with pytest.raises(EngineUnavailable, match=r"apt-get could not install docker\.io"):
        engine.install()


# -- the run of messages, answered by a fake proxy ----------------------------------------------------------
class FakeStack:
    """Answers webhooks and keeps the tracker rows a stack would; `faults` changes what it does."""

    base_url = "https://proxy.test"
    cert = Path("/nowhere")

    def __init__(self, faults: dict[str, int] | None = None, replicas: int = 2, exit_code: int = 0) -> None:
        self.secrets = stack_module.new_secrets()
        self.faults = faults or {}
        self.replicas, self.exit_code = replicas, exit_code
        self.stored: list[tuple[str, str]] = []
        self.requests = 0
        self.stops: list[str] = []
        self.stopped = threading.Event()

    def container_ids(self, service: str) -> list[str]:
        return [f"{service}-{index}" for index in range(1, self.replicas + 1)]

    def stop_container(self, container: str) -> int:
        self.stops.append(container)
        self.stopped.set()
        return self.exit_code

    def tracker_messages(self) -> list[tuple[str, str]]:
        return list(self.stored)

    def proxy_statuses(self) -> list[int]:
        return [502] if "proxy_502" in self.faults else []

    async def answer(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        await asyncio.sleep(0)  # other texters go on meanwhile
        if self.requests > SMALL.stop_after + SMALL.texters:
            # By now the stop was asked for: later messages wait for it (a condition, not a time),
            # as messages in flight wait while a replica stops.
            await asyncio.to_thread(self.stopped.wait)
        form = dict(urllib.parse.parse_qsl(request.content.decode()))
        conversation = conversation_id(self.secrets["HELPLINE_SECRET_KEY"], "sms", form["From"])
        if self.requests == self.faults.get("status_502_at"):
            return httpx.Response(502)
        if self.requests != self.faults.get("lose_at"):
            self.stored.append((conversation, form["MessageSid"]))
        if self.requests == self.faults.get("twice_at"):
            self.stored.append((conversation, form["MessageSid"]))
        return httpx.Response(200, text="<Response><Message>ok</Message></Response>", headers=TWIML)


TWIML = {"content-type": "text/xml; charset=utf-8"}
SMALL = RunPlan(texters=3, minimum=6, stop_after=5, after_stop=2, cap=50)


def _replica_stop(stack: FakeStack, log: Path) -> RunResult:
    report = Report(log, console=io.StringIO())
    return Checks(stack, report, httpx.MockTransport(stack.answer)).replica_stop(SMALL)  # type: ignore[arg-type]


def test_the_run_stops_one_replica_mid_run_and_passes_when_nothing_is_lost(tmp_path: Path) -> None:
    stack = FakeStack()
    result = _replica_stop(stack, tmp_path / "log")
    assert stack.stops == ["rasa-1"]
    assert result.stop_began is not None and result.stop_began >= SMALL.stop_after
    assert result.stop_ended is not None and result.stop_ended < len(result.sent)
    per_texter = Counter(item.conversation for item in result.sent)
    assert len(per_texter) == SMALL.texters and min(per_texter.values()) >= SMALL.minimum
    assert result.verdict is not None and set(result.verdict.per_conversation.values()) == set(
        per_texter.values()
    )


@pytest.mark.parametrize(
    ("faults", "message"),
    [
        ({"status_502_at": 9}, "answered 5xx"),
        ({"proxy_502": 1}, "the proxy logged 1 5xx"),
        ({"lose_at": 7}, "1 message(s) lost"),
        ({"twice_at": 7}, "taken twice"),
    ],
)
def test_the_run_fails_on_a_5xx_a_lost_or_a_doubled_message(
    tmp_path: Path, faults: dict[str, int], message: str
) -> None:
    with pytest.raises(CheckFailed, match=re.escape(message)):
        _replica_stop(FakeStack(faults), tmp_path / "log")


def test_the_run_needs_two_replicas_and_a_graceful_stop(tmp_path: Path) -> None:
    with pytest.raises(CheckFailed, match="needs two"):
        _replica_stop(FakeStack(replicas=1), tmp_path / "log")
    with pytest.raises(CheckFailed, match="ignored SIGTERM"):
        _replica_stop(FakeStack(exit_code=137), tmp_path / "log")
