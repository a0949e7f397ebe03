"""The compose stack as a deployment runs it: the repository's docker-compose.yml unchanged, an env file
of throwaway secrets generated for this run (mode 0600, in the check's folder, never the ones in var/),
and an override that publishes the proxy on loopback only. `down -v` removes containers, network and
volumes whatever happened.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import secrets
import socket
import subprocess
from pathlib import Path

from scripts.deploy_check.engine import DOCKER, Engine

PROJECT = "helpline-check"
PUBLIC_URL = "https://localhost"  # what the check signs webhooks for (Twilio signs the public URL)
UP_SECONDS = 900
SUBNETS = [f"172.30.{third}.0/24" for third in range(57, 80)]


def new_secrets() -> dict[str, str]:
    """Fresh random secrets for one run; nothing is read from var/ or the environment."""
    return {
        "TWILIO_AUTH_TOKEN": secrets.token_hex(16),
        "HELPLINE_SECRET_KEY": secrets.token_urlsafe(32),
        "RASA_TOKEN": secrets.token_urlsafe(24),
        "POSTGRES_PASSWORD": secrets.token_hex(16),  # hex: it goes into URLs and a command line
        "REDIS_PASSWORD": secrets.token_hex(16),
    }


def env_file_text(values: dict[str, str], subnet: str, proxy_ip: str) -> str:
    lines = ["# Throwaway values for one deploy check; removed with the check's folder."]
    settings = {"PUBLIC_URL": PUBLIC_URL, "COMPOSE_SUBNET": subnet, "PROXY_IP": proxy_ip, **values}
    lines += [f"{key}={value}" for key, value in settings.items()]
    return "\n".join(lines) + "\n"


def write_private(path: Path, text: str) -> None:
    """Writes a file only its owner can read (created 0600, never wider for an instant)."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)


def override_text(port: int) -> str:
    """The proxy published on 127.0.0.1 only (`!override` replaces the file's public 443 and 80)."""
    return f'services:\n  proxy:\n    ports: !override\n      - "127.0.0.1:{port}:443"\n'


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def choose_subnet(routes: str) -> tuple[str, str]:
    """A private /24 no route of this machine overlaps, and the proxy's fixed address in it (.10)."""
    taken = []
    for line in routes.splitlines():
        word = line.split()[0] if line.split() else ""
        if word == "default":
            continue
        try:
            taken.append(ipaddress.ip_network(word, strict=False))
        except ValueError:
            continue
    for candidate in SUBNETS:
        network = ipaddress.ip_network(candidate)
        if not any(network.overlaps(other) for other in taken):
            return candidate, str(network.network_address + 10)
    raise RuntimeError("every candidate subnet overlaps a route of this machine")


PROXY_STATUS = re.compile(r'"[A-Z]+ \S+ HTTP/[0-9.]+" (\d{3}) ')


def proxy_statuses(access_log: str) -> list[int]:
    """The status of every request in nginx's access log (combined format)."""
    return [int(match.group(1)) for match in PROXY_STATUS.finditer(access_log)]


def user_message_ids(psql_rows: str) -> list[tuple[str, str]]:
    """(conversation, message id) of every texter message in the tracker store (psql -At, tab)."""
    rows = []
    for line in psql_rows.splitlines():
        if "\t" not in line:
            continue
        sender, data = line.split("\t", 1)
        rows.append((sender, str(json.loads(data).get("message_id"))))
    return rows


class Stack:
    def __init__(self, engine: Engine, repo: Path) -> None:
        self.engine = engine
        self.report = engine.report
        self.repo = repo
        self.secrets = new_secrets()
        self.report.hide(*self.secrets.values())
        self.env_file = engine.folder / "check.env"
        self.override = engine.folder / "loopback-proxy.yml"
        self.port = 0
        self.started = False
        self.created_certs = False

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def cert(self) -> Path:
        return self.repo / "deploy" / "certs" / "fullchain.pem"

    def prepare(self) -> None:
        routes = subprocess.run(["ip", "-4", "route"], capture_output=True, text=True, check=False).stdout
        subnet, proxy_ip = choose_subnet(routes)
        self.port = free_loopback_port()
        write_private(self.env_file, env_file_text(self.secrets, subnet, proxy_ip))
        self.override.write_text(override_text(self.port))
        self.created_certs = not self.cert.exists()
        self.report.run([self.repo / "deploy" / "make-certs.sh"], cwd=self.repo)
        self.report.log(f"stack: subnet {subnet}, proxy {proxy_ip}, published on 127.0.0.1:{self.port}")

    def compose(self, *args: object, **kwargs: object) -> subprocess.CompletedProcess[str]:
        files = ["-f", self.repo / "docker-compose.yml", "-f", self.override]
        base = [
            "compose",
            "-p",
            PROJECT,
            "--project-directory",
            self.repo,
            "--env-file",
            self.env_file,
            *files,
        ]
        return self.engine.docker(*base, *args, **kwargs)

    def up(self) -> None:
        self.started = True
        try:
            self.compose(
                "up", "-d", "--no-build", "--wait", "--wait-timeout", UP_SECONDS, timeout=UP_SECONDS + 60
            )
        except Exception:
            self.log_state()
            raise

    def log_state(self) -> None:
        """The services' state and last log lines, into the log file only (never the console)."""
        self.compose("ps", "-a", check=False)
        self.compose("logs", "--no-color", "--tail", "80", check=False)

    def container_ids(self, service: str) -> list[str]:
        return sorted(self.compose("ps", "-q", service).stdout.split())

    def stop_container(self, container: str) -> int:
        """`docker stop` (SIGTERM, 10 s, SIGKILL), then the container's exit code."""
        self.engine.docker("stop", container, timeout=120)
        return int(self.engine.docker("inspect", "--format", "{{.State.ExitCode}}", container).stdout.strip())

    def tracker_messages(self) -> list[tuple[str, str]]:
        query = "SELECT sender_id, data FROM events WHERE type_name = 'user'"
        done = self.compose(
            *(
                "exec",
                "-T",
                "postgres",
                "psql",
                "-U",
                "helpline",
                "-d",
                "rasa",
                "-At",
                "-F",
                "\t",
                "-c",
                query,
            ),
            quiet=True,  # the rows hold message text (the check's own); only counts are reported
        )
        return user_message_ids(done.stdout)

    def proxy_statuses(self) -> list[int]:
        done = self.compose("logs", "--no-color", "--no-log-prefix", "proxy", quiet=True)
        return proxy_statuses(done.stdout)

    def down(self) -> None:
        try:
            if self.started:
                self.compose("down", "-v", "--remove-orphans", "--timeout", "20", timeout=300)
        finally:
            if self.created_certs:
                for name in ("fullchain.pem", "privkey.pem"):
                    (self.repo / "deploy" / "certs" / name).unlink(missing_ok=True)


__all__ = ["DOCKER", "PROJECT", "Stack"]
