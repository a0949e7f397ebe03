"""Issue 16: the action server's bind and token, secrets kept off command lines, private var/ files."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from helpline.settings.config import load_settings, private_dir, private_file
from helpline.store.db import make_engine
from service import serve
from service.endpoints import ACTIONS_TOKEN_HEADER, write_endpoints
from service.rasa_main import with_auth_token

REPO_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for name in ("tcp", "tcp6"):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                found.add(address)
    return found


# ----------------------------------------------------------------------------- the action server


@pytest.fixture()
def action_server(var_dir):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("SANIC_HOST", "ACTIONS_HOST")}
    env.update(HELPLINE_VAR_DIR=str(var_dir), PYTHONPATH=str(REPO_ROOT))
    log = var_dir.parent / "actions.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.actions_main", "--actions", "actions", "--port", str(port)],
            cwd=REPO_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            raise RuntimeError("the action server exited:\n" + log.read_text()[-3000:])
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the action server did not start:\n" + log.read_text()[-3000:])
        time.sleep(0.2)
    yield url, port, load_settings().actions_token
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def action_call(action: str, sender: str) -> dict:
    return {
        "next_action": action,
        "sender_id": sender,
        "version": "3.6.21",
        "tracker": {"sender_id": sender, "slots": {}, "latest_message": {}, "events": [], "paused": False},
        "domain": {},
    }


def test_action_server_listens_on_loopback_only(action_server):
    _, port, _ = action_server
    addresses = listening_addresses(port)
    assert addresses == {"0100007F"}, addresses  # 127.0.0.1, not 0.0.0.0 (00000000) nor ::


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {ACTIONS_TOKEN_HEADER: ""},
        {ACTIONS_TOKEN_HEADER: "guess"},
        {"Authorization": "Bearer guess"},
        {ACTIONS_TOKEN_HEADER.lower(): "x" * 64},
    ],
)
def test_action_server_refuses_calls_without_the_token(action_server, headers):
    url, _, token = action_server
    assert token not in headers.values()
    for action in ("action_handoff", "action_menu_choice", "no_such_action"):
        reply = httpx.post(url + "/webhook", json=action_call(action, "anyone"), headers=headers, timeout=10)
        assert reply.status_code == 401, (action, reply.text)
    assert httpx.get(url + "/actions", headers=headers, timeout=10).status_code == 401
    assert httpx.get(url + "/health", headers=headers, timeout=10).json() == {"status": "ok"}


def test_action_server_answers_rasa_with_the_token(action_server):
    url, _, token = action_server
    headers = {ACTIONS_TOKEN_HEADER: token}
    names = {item["name"] for item in httpx.get(url + "/actions", headers=headers, timeout=10).json()}
    assert {"action_handoff", "action_menu_choice"} <= names
    unknown = httpx.post(
        url + "/webhook", json=action_call("no_such_action", "x"), headers=headers, timeout=10
    )
    assert unknown.status_code == 404  # past the token check, to rasa_sdk itself


def test_action_server_host_is_configurable(var_dir, monkeypatch):
    from rasa_sdk import endpoint

    from service import actions_main

    monkeypatch.setenv("ACTIONS_HOST", "0.0.0.0")
    monkeypatch.setattr(endpoint, "create_app", endpoint.create_app)
    monkeypatch.delenv("SANIC_HOST", raising=False)
    actions_main.install(load_settings())
    assert os.environ["SANIC_HOST"] == "0.0.0.0"
    monkeypatch.delenv("ACTIONS_HOST")
    actions_main.install(load_settings())
    assert os.environ["SANIC_HOST"] == "127.0.0.1"
    monkeypatch.delenv("SANIC_HOST")


def test_protect_needs_a_token():
    from sanic import Sanic

    from service.actions_main import protect

    with pytest.raises(ValueError):
        protect(Sanic("empty_token_test"), "")


# ----------------------------------------------------------------------------- secrets off command lines


def test_serve_puts_no_secret_on_any_command_line(var_dir, tmp_path):
    settings = load_settings()
    commands = serve.commands(settings, tmp_path / "model.tar.gz", tmp_path / "endpoints.yml")
    secrets = (settings.rasa_token, settings.secret_key, settings.twilio_auth_token, settings.actions_token)
    for name, command in commands.items():
        for secret in secrets:
            assert secret not in " ".join(command), name
        assert "--auth-token" not in command
    assert serve.child_environments(settings, tmp_path)["rasa"]["RASA_TOKEN"] == settings.rasa_token


def test_serve_binds_every_process_to_loopback_in_development(var_dir, tmp_path):
    settings = load_settings()
    commands = serve.commands(settings, tmp_path / "model.tar.gz", tmp_path / "endpoints.yml")
    rasa = commands["rasa"]
    assert rasa[rasa.index("--interface") + 1] == "127.0.0.1"
    dashboard = commands["dashboard"]
    assert dashboard[dashboard.index("--host") + 1] == "127.0.0.1" and "--no-proxy-headers" in dashboard
    assert commands["actions"][1:3] == ["-m", "service.actions_main"] and settings.actions_host == "127.0.0.1"
    production = serve.commands(replace(settings, env="production"), tmp_path / "m", tmp_path / "e")
    assert production["rasa"][production["rasa"].index("--interface") + 1] == "0.0.0.0"


@pytest.mark.parametrize(
    ("argv", "environ", "expected_tail"),
    [
        (["rasa", "run", "--enable-api"], {"RASA_TOKEN": "t0k"}, ["--auth-token=t0k"]),
        # a generated token may start with "-": one argument, so argparse never takes it for an option
        (["rasa", "run"], {"RASA_TOKEN": "-x9"}, ["--auth-token=-x9"]),
        (["rasa", "run"], {}, ["run"]),
        (["rasa", "run", "--auth-token", "given"], {"RASA_TOKEN": "t0k"}, ["--auth-token", "given"]),
        (["rasa", "run", "--auth-token=given"], {"RASA_TOKEN": "t0k"}, ["--auth-token=given"]),
        (["rasa", "train"], {"RASA_TOKEN": "t0k"}, ["train"]),
        (["rasa"], {"RASA_TOKEN": "t0k"}, ["rasa"]),
    ],
)
def test_rasa_main_takes_the_api_token_from_the_environment(argv, environ, expected_tail):
    result = with_auth_token(list(argv), environ)
    assert result[-len(expected_tail) :] == expected_tail
    assert result.count("--auth-token") + sum(a.startswith("--auth-token=") for a in result) <= 1


def test_rasa_main_token_is_not_in_the_process_command_line(tmp_path):
    """`ps` shows /proc/PID/cmdline, the exec'd argv: a token added inside the process is not in it."""
    script = tmp_path / "show.py"
    script.write_text(
        "import os, sys\n"
        "from service.rasa_main import with_auth_token\n"
        "sys.argv = with_auth_token(['rasa', 'run'], dict(os.environ))\n"
        "print(sys.argv[-1])\n"
        "print(open('/proc/self/cmdline', 'rb').read().decode().replace('\\0', ' '))\n"
    )
    token = "secret-token-5f2a9c"
    env = {**os.environ, "RASA_TOKEN": token, "PYTHONPATH": str(REPO_ROOT)}
    shown = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, check=True, cwd=REPO_ROOT
    ).stdout.splitlines()
    assert shown[0] == f"--auth-token={token}" and token not in shown[1]


# ----------------------------------------------------------------------------- private development files


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_var_dir_and_secrets_are_private(var_dir):
    settings = load_settings()
    assert mode(var_dir) == 0o700
    for name in ("secret_key", "twilio_auth_token", "rasa_token"):
        assert mode(var_dir / name) == 0o600
    assert mode(write_endpoints(settings)) == 0o600


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000])
def test_databases_are_created_private_whatever_the_umask(var_dir, umask):
    previous = os.umask(umask)
    try:
        settings = load_settings()
        engine = make_engine(settings.database_url)
        with engine.begin() as conn:  # a write: SQLite makes the -wal and -shm files
            conn.execute(text("CREATE TABLE IF NOT EXISTS probe (x INTEGER)"))
            conn.execute(text("INSERT INTO probe VALUES (1)"))
        write_endpoints(settings)  # makes the tracker store's file before Rasa opens it
    finally:
        os.umask(previous)
    assert mode(var_dir) == 0o700
    files = [path for path in var_dir.rglob("*") if path.is_file()]
    assert {"helpline.db", "helpline.db-wal", "tracker.db", "endpoints.yml"} <= {p.name for p in files}
    for path in files:
        assert mode(path) & 0o077 == 0, (path.name, oct(mode(path)))


def test_existing_world_readable_files_are_tightened(var_dir):
    var_dir.mkdir(mode=0o755, parents=True)
    os.chmod(var_dir, 0o755)
    database = var_dir / "helpline.db"
    database.write_bytes(b"")
    os.chmod(database, 0o644)
    settings = load_settings()
    assert mode(var_dir) == 0o700
    make_engine(settings.database_url)
    assert mode(database) == 0o600


def test_private_helpers_leave_other_folders_alone(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    created = private_file(shared / "new" / "file.db")
    assert mode(created) == 0o600 and mode(created.parent) == 0o700
    assert mode(shared) == 0o755  # an existing parent is not changed by private_file
    assert mode(private_dir(tmp_path / "a" / "b")) == 0o700


async def test_rasas_own_client_gets_through_with_the_endpoints_file(action_server, monkeypatch):
    """Rasa's EndpointConfig, read from the endpoints file serve.py writes, passes the token check;
    the same client without the file's headers is refused."""
    from rasa.core.utils import read_endpoints_from_path
    from rasa.utils.endpoints import ClientResponseError, EndpointConfig

    url, _, _ = action_server
    monkeypatch.setenv("ACTIONS_URL", url + "/webhook")
    endpoint = read_endpoints_from_path(str(write_endpoints(load_settings()))).action
    with pytest.raises(ClientResponseError) as unknown:
        await endpoint.request(json=action_call("no_such_action", "x"), method="post", timeout=10)
    assert unknown.value.status == 404  # rasa_sdk's answer: the call got past the token check
    bare = EndpointConfig(url + "/webhook")
    with pytest.raises(ClientResponseError) as refused:
        await bare.request(json=action_call("action_handoff", "x"), method="post", timeout=10)
    assert refused.value.status == 401
