"""Throwaway PostgreSQL and Redis servers, for the PostgreSQL tests and for trying the scaled setup.

    python scripts/pgredis.py             # start both, print DATABASE_URL, TRACKER_STORE_URL, REDIS_URL
    python scripts/pgredis.py --install   # only install what is missing (Debian/Ubuntu; root or sudo -n)

Debian's `postgresql` and `redis-server` packages are installed with apt-get when missing (after
`apt-get update`, non-interactively; as root, or through `sudo -n`). The servers then run in a fresh
temporary directory, listen on 127.0.0.1 only, on free ports, with generated passwords, no fsync and
no persistence, and are deleted with it at teardown. PostgreSQL refuses to run as root, so as root it
runs as the `postgres` system user (created by the package) through `runuser`; Redis runs as the
current user. Anything that cannot be done raises `ServicesUnavailable` with the reason.
"""

from __future__ import annotations

import argparse
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PG_USER = "helpline"  # the database role, also the owner of every database created here
APT_PACKAGES = {"postgresql": "postgresql", "redis": "redis-server"}
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class ServicesUnavailable(RuntimeError):
    """PostgreSQL or Redis cannot be installed or started here; the message says why."""


# --------------------------------------------------------------------------------------------- finding


def postgres_bin_dir() -> Path | None:
    """The newest PostgreSQL server's bin directory (Debian: /usr/lib/postgresql/<ver>/bin)."""

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", path.parent.parent.name)) or (0,)

    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=version)
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb") or shutil.which("pg_ctl")
    if on_path:
        directory = Path(on_path).resolve().parent
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    return None


def redis_server_path() -> str | None:
    return shutil.which("redis-server") or next(
        (p for p in ("/usr/bin/redis-server", "/usr/sbin/redis-server") if os.access(p, os.X_OK)), None
    )


def missing_packages() -> list[str]:
    missing = []
    if postgres_bin_dir() is None:
        missing.append(APT_PACKAGES["postgresql"])
    if redis_server_path() is None:
        missing.append(APT_PACKAGES["redis"])
    return missing


def _privileged_prefix() -> list[str] | None:
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    return None


def _run(command: list[str], timeout: float, env: dict[str, str] | None = None) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ServicesUnavailable(f"`{' '.join(command)}` failed: {error}") from error
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip()[-1500:]
        raise ServicesUnavailable(f"`{' '.join(command)}` exited with {done.returncode}:\n{tail}")


def ensure_installed(log=lambda message: print(message, file=sys.stderr)) -> None:
    """Installs Debian's postgresql and redis-server with apt-get when either is missing."""
    missing = missing_packages()
    if not missing:
        return
    if not shutil.which("apt-get"):
        raise ServicesUnavailable(f"{' and '.join(missing)} not installed, and there is no apt-get here")
    prefix = _privileged_prefix()
    if prefix is None:
        raise ServicesUnavailable(
            f"{' and '.join(missing)} not installed; installing needs root (or passwordless sudo): "
            f"apt-get install {' '.join(missing)}"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "NEEDRESTART_MODE": "a"}
    log(f"Installing {' '.join(missing)} with apt-get (first run only)...")
    _run([*prefix, "apt-get", "update", "-q"], timeout=600, env=env)
    _run(
        [*prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends", *missing],
        timeout=900,
        env=env,
    )
    still = missing_packages()
    if still:
        raise ServicesUnavailable(f"apt-get finished but {' and '.join(still)} is still missing")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -------------------------------------------------------------------------------------------- postgres


def _server_user() -> str | None:
    """Who runs PostgreSQL: None for the current user, else a system user (when we are root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "helpline-pg"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    _run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "helpline-pg"], 60)
    return "helpline-pg"


@dataclass
class Postgres:
    bin_dir: Path
    base: Path
    port: int
    password: str
    run_as: str | None
    running: bool = False

    @property
    def data_dir(self) -> Path:
        return self.base / "data"

    def url(self, database: str = "helpline", driver: str = "postgresql") -> str:
        return f"{driver}://{PG_USER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def _command(self, *args: str) -> list[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        return ["runuser", "-u", self.run_as, "--", *command] if self.run_as else command

    def _env(self) -> dict[str, str]:
        return {**os.environ, "LC_ALL": "C", "LANG": "C", "PGTZ": "UTC"}

    def start(self) -> None:
        pwfile = self.base / "pwfile"
        pwfile.write_text(self.password + "\n")
        if self.run_as:
            user = pwd.getpwnam(self.run_as)
            for path in (self.base, pwfile):
                os.chown(path, user.pw_uid, user.pw_gid)
        self.base.chmod(0o700)
        pwfile.chmod(0o600)
        _run(
            self._command(
                "initdb",
                "-D", str(self.data_dir),
                "-U", PG_USER,
                f"--pwfile={pwfile}",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
            ),
            timeout=120,
            env=self._env(),
        )  # fmt: skip
        pwfile.unlink()
        options = " ".join(
            [
                f"-p {self.port}",
                f"-k {self.base}",
                "-c listen_addresses=127.0.0.1",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200",
                "-c timezone=UTC",
            ]
        )
        log = self.base / "postgres.log"
        try:
            start = (
                "pg_ctl",
                "-D",
                str(self.data_dir),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            )
            _run(self._command(*start), timeout=90, env=self._env())
        except ServicesUnavailable as error:
            server_log = log.read_text(errors="replace")[-1500:] if log.exists() else ""
            raise ServicesUnavailable(f"{error}\n{server_log}") from error
        self.running = True

    def create_database(self, name: str) -> str:
        """Creates database `name` (owned by the helpline role) and returns its URL."""
        import psycopg2

        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise ValueError(f"not a plain database name: {name!r}")
        connection = psycopg2.connect(self.url("postgres"))
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}" OWNER {PG_USER}')
        finally:
            connection.close()
        return self.url(name)

    def stop(self) -> None:
        if self.running or (self.data_dir / "postmaster.pid").exists():
            subprocess.run(
                self._command("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"),
                capture_output=True,
                timeout=60,
                env=self._env(),
            )
            self.running = False


def start_postgres(databases: tuple[str, ...] = ("helpline",)) -> Postgres:
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        raise ServicesUnavailable("PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin)")
    run_as = _server_user()
    last_error: ServicesUnavailable | None = None
    for _ in range(3):  # a free port can be taken between choosing and binding it
        base = Path(tempfile.mkdtemp(prefix="helpline-pg-"))
        server = Postgres(bin_dir, base, free_port(), secrets.token_hex(16), run_as)
        try:
            server.start()
            for name in databases:
                if name != "postgres":
                    server.create_database(name)
            return server
        except ServicesUnavailable as error:
            last_error = error
            server.stop()
            shutil.rmtree(base, ignore_errors=True)
    assert last_error is not None
    raise last_error


# ----------------------------------------------------------------------------------------------- redis


@dataclass
class Redis:
    base: Path
    port: int
    password: str
    process: subprocess.Popen | None = field(default=None, repr=False)

    def url(self, db: int = 0) -> str:
        return f"redis://:{self.password}@127.0.0.1:{self.port}/{db}"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_redis() -> Redis:
    binary = redis_server_path()
    if binary is None:
        raise ServicesUnavailable("redis-server is not installed")
    import redis

    last_error = "did not start"
    for _ in range(3):
        base = Path(tempfile.mkdtemp(prefix="helpline-redis-"))
        server = Redis(base, free_port(), secrets.token_hex(16))
        log = (base / "redis.log").open("w")
        server.process = subprocess.Popen(
            [binary, "--port", str(server.port), "--bind", "127.0.0.1", "--dir", str(base),
             "--save", "", "--appendonly", "no", "--requirepass", server.password, "--daemonize", "no"],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
        log.close()
        client = redis.Redis(host="127.0.0.1", port=server.port, password=server.password, socket_timeout=1)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and server.process.poll() is None:
            try:
                if client.ping():
                    return server
            except redis.exceptions.RedisError:
                time.sleep(0.05)
        last_error = (base / "redis.log").read_text(errors="replace")[-1500:]
        server.stop()
        shutil.rmtree(base, ignore_errors=True)
    raise ServicesUnavailable(f"redis-server did not start:\n{last_error}")


# ------------------------------------------------------------------------------------------------ both


@dataclass
class Services:
    postgres: Postgres
    redis: Redis

    def stop(self) -> None:
        for server in (self.redis, self.postgres):
            try:
                server.stop()
            finally:
                shutil.rmtree(server.base, ignore_errors=True)


def start_services(databases: tuple[str, ...] = ("helpline", "rasa"), install: bool = True) -> Services:
    """Installs what is missing (when `install`), then starts PostgreSQL (with `databases`) and Redis."""
    if install:
        ensure_installed()
    postgres = start_postgres(databases)
    try:
        redis_server = start_redis()
    except BaseException:
        postgres.stop()
        shutil.rmtree(postgres.base, ignore_errors=True)
        raise
    return Services(postgres, redis_server)


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--install", action="store_true", help="only install what is missing, then exit")
    args = parser.parse_args()
    try:
        if args.install:
            ensure_installed()
            print("postgresql and redis-server are installed.")
            return 0
        services = start_services()
    except ServicesUnavailable as error:
        print(f"Cannot start PostgreSQL and Redis: {error}", file=sys.stderr)
        return 1
    for sig in STOP_SIGNALS:
        signal.signal(sig, _interrupt)
    try:
        print(f"DATABASE_URL={services.postgres.url('helpline')}")
        print(f"TRACKER_STORE_URL={services.postgres.url('rasa')}")
        print(f"REDIS_URL={services.redis.url()}")
        print("# throwaway servers; Ctrl-C stops them and deletes their data", flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    finally:
        services.stop()


if __name__ == "__main__":
    sys.exit(main())
