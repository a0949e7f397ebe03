"""Two findings from running the compose stack (issue 16): the Rasa service's shell stayed PID 1 and
ignored SIGTERM (every stop waited 10 s), and `deploy/certs` (the proxy's certificate) was missing."""

from __future__ import annotations

import ipaddress
import os
import shlex
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import serialization

REPO_ROOT = Path(__file__).resolve().parents[2]
MAKE_CERTS = REPO_ROOT / "deploy" / "make-certs.sh"

# Stands in for `python` inside the Rasa service's command: the endpoints step succeeds; the Rasa
# step records the process id it runs as, then waits to be stopped.
FAKE_PYTHON = """#!/bin/sh
if [ "$2" = service.rasa_main ]; then
  printf '%s\\n' "$@" > "$PID_FILE.args"
  echo $$ > "$PID_FILE.tmp" && mv "$PID_FILE.tmp" "$PID_FILE"
  exec sleep 300
fi
exit 0
"""


def rasa_command() -> list[str]:
    """The command as compose runs it: a string is split like a shell would; $$ becomes $."""
    command = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())["services"]["rasa"]["command"]
    parts = shlex.split(command) if isinstance(command, str) else list(command)
    return [part.replace("$$", "$") for part in parts]


def test_the_rasa_command_ends_by_replacing_the_shell() -> None:
    command = rasa_command()
    assert command[:2] == ["sh", "-c"]
    steps = [step.strip() for step in command[2].split("&&")]
    assert steps[-1].startswith("exec python -m service.rasa_main run"), steps[-1]
    assert all(not step.startswith("exec") for step in steps[:-1])


def test_rasa_runs_as_the_services_first_process_and_stops_on_sigterm(tmp_path: Path) -> None:
    """The compose command itself, run by sh with a stand-in python: the Rasa step runs with the
    shell's own process id (PID 1 in the container), so SIGTERM reaches it and it stops at once."""
    (tmp_path / "python").write_text(FAKE_PYTHON)
    (tmp_path / "python").chmod(0o755)
    pid_file = tmp_path / "rasa.pid"
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}", "PID_FILE": str(pid_file)}
    env["RASA_TOKEN"] = "t"
    service = subprocess.Popen(rasa_command(), env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while not pid_file.exists() and service.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pid_file.exists(), "the Rasa step never ran"
        assert int(pid_file.read_text()) == service.pid  # no shell left in between
        # Rasa got every argument (a line break in the script once cut them off after the model's).
        arguments = Path(f"{pid_file}.args").read_text().splitlines()
        assert arguments[arguments.index("--credentials") :] == [
            "--credentials",
            "bot/credentials.yml",
            "--port",
            "5005",
            "--enable-api",
        ]  # fmt: skip  (the token reaches Rasa by its environment, never the command line)
        service.terminate()
        assert service.wait(timeout=30) != 0  # ended by the signal, not by a time-out and SIGKILL
    finally:
        if service.poll() is None:
            service.kill()
            service.wait()


@pytest.fixture
def openssl() -> None:
    if shutil.which("openssl") is None:
        pytest.fail("openssl is not installed (Debian's openssl package)", pytrace=False)


def make_certs(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(MAKE_CERTS), *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_make_certs_writes_a_throwaway_certificate_and_a_private_key(openssl, tmp_path: Path) -> None:
    folder = tmp_path / "certs"
    done = make_certs(str(folder))
    assert done.returncode == 0, done.stderr
    certificate = x509.load_pem_x509_certificate((folder / "fullchain.pem").read_bytes())
    key = serialization.load_pem_private_key((folder / "privkey.pem").read_bytes(), password=None)
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    encoding = serialization.Encoding.PEM
    mine = key.public_key().public_bytes(encoding, public)
    assert mine == certificate.public_key().public_bytes(encoding, public)
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    assert names.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("127.0.0.1")]
    assert certificate.issuer == certificate.subject  # self-signed
    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    assert 1 <= lifetime.days <= 31
    assert stat.S_IMODE((folder / "privkey.pem").stat().st_mode) == 0o600
    assert not list(folder.glob("*.tmp"))


def test_make_certs_keeps_a_valid_certificate_and_renews_on_request(openssl, tmp_path: Path) -> None:
    folder = tmp_path / "certs"
    assert make_certs(str(folder), "helpline.test", "::1").returncode == 0
    first = (folder / "fullchain.pem").read_bytes()
    certificate = x509.load_pem_x509_certificate(first)
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["helpline.test"]
    assert names.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("::1")]
    assert make_certs(str(folder)).returncode == 0
    assert (folder / "fullchain.pem").read_bytes() == first
    assert make_certs("--force", str(folder)).returncode == 0
    assert (folder / "fullchain.pem").read_bytes() != first


def test_certificates_in_deploy_certs_are_never_committed() -> None:
    if shutil.which("git") is None or not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    for name in ("fullchain.pem", "privkey.pem", "other.key"):
        ignored = subprocess.run(
            ["git", "check-ignore", "-q", f"deploy/certs/{name}"], cwd=REPO_ROOT, timeout=60, check=False
        )
        assert ignored.returncode == 0, name
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    assert "./deploy/certs:/etc/nginx/certs:ro" in compose["services"]["proxy"]["volumes"]
    assert (REPO_ROOT / "deploy" / "certs").is_dir()
