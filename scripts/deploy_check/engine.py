"""The container engine: Debian's docker.io, Compose v2 and buildx as private CLI plugins, and a private
`dockerd` in the check's own folder (no default bridge, no iptables rules, no IP forwarding), always
stopped by its process id at the end.

`EngineUnavailable` means the engine cannot run on this machine (not root, apt cannot install docker.io,
or dockerd does not become ready): the check then exits 3 and CI reports it as not run.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from scripts.deploy_check.report import CommandFailed, Report

HOST_PACKAGES = ("docker.io", "debootstrap", "openssl")
DOCKER = "/usr/bin/docker"  # docker.io's client, the daemon's version (another `docker` may be on PATH)
DOCKERD = "/usr/sbin/dockerd"
# Compose v2 and buildx come from Debian's next release (bookworm's docker-compose 1.29 rejects the
# compose file's top-level `name:`); downloaded through a private apt list, never the host's sources.
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
PLUGIN_SOURCES = f"deb [signed-by={KEYRING}] http://deb.debian.org/debian trixie main\n"
PLUGIN_PACKAGES = {"docker-compose": "docker-compose", "docker-buildx": "docker-buildx"}
READY_SECONDS = 180.0  # dockerd was ready in 2 s here; a generous bound before calling it unavailable
STOP_SECONDS = 60.0
DAEMON_FLAGS = ("--bridge=none", "--iptables=false", "--ip-forward=false", "--ip-masq=false")


class EngineUnavailable(RuntimeError):
    """The container engine cannot run on this machine (the check is then not run, exit code 3)."""

    def __init__(self, reason: str, log_tail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.log_tail = log_tail


def _installed(package: str) -> bool:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False
    )
    return done.returncode == 0 and done.stdout.strip().endswith("installed")


def daemon_command(folder: Path) -> list[str]:
    """dockerd confined to `folder`: its data, state, socket and an empty configuration file."""
    return [
        DOCKERD,
        f"--data-root={folder / 'data'}",
        f"--exec-root={folder / 'exec'}",
        f"--pidfile={folder / 'dockerd.pid'}",
        f"--config-file={folder / 'daemon.json'}",
        f"--host=unix://{folder / 'docker.sock'}",
        *DAEMON_FLAGS,
    ]


def mounts_under(folder: Path, mounts_text: str) -> list[str]:
    """Mount points inside `folder` (from /proc/self/mounts), deepest first."""
    prefix = str(folder).rstrip("/") + "/"
    points = []
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) > 1:
            point = fields[1].replace("\\040", " ")
            if point.startswith(prefix) or point == str(folder):
                points.append(point)
    return sorted(set(points), key=len, reverse=True)


class Engine:
    def __init__(self, report: Report, folder: Path) -> None:
        self.report = report
        self.folder = folder
        self.config_dir = folder / "docker-config"
        self.log_path = folder / "dockerd.log"
        self.process: subprocess.Popen[bytes] | None = None

    # -- installing ------------------------------------------------------------------------------
    def install(self) -> None:
        if os.geteuid() != 0:
            raise EngineUnavailable("not root: dockerd and apt-get need root (run as root)")
        missing = [package for package in HOST_PACKAGES if not _installed(package)]
        if missing:
            apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            try:
                self.report.run(["apt-get", "update"], env=apt, timeout=600)
                self.report.run(
                    ["apt-get", "install", "-y", "--no-install-recommends", *missing], env=apt, timeout=900
                )
            except CommandFailed as error:
                raise EngineUnavailable(f"apt-get could not install {' '.join(missing)}: {error}") from error
        for path in (DOCKER, DOCKERD):
            if not Path(path).exists():
                raise EngineUnavailable(f"{path} is missing after installing docker.io")
        self.report.log(
            "host packages: " + ", ".join(HOST_PACKAGES) + (f" (installed {missing})" if missing else "")
        )
        self._install_plugins()

    def _install_plugins(self) -> None:
        apt_dir = self.folder / "apt"
        for sub in ("lists/partial", "cache/archives/partial", "debs", "x"):
            (apt_dir / sub).mkdir(parents=True, exist_ok=True)
        (apt_dir / "sources.list").write_text(PLUGIN_SOURCES)
        private = [
            "-o", f"Dir::Etc::SourceList={apt_dir / 'sources.list'}",
            "-o", "Dir::Etc::SourceParts=/dev/null",
            "-o", f"Dir::State::Lists={apt_dir / 'lists'}",
            "-o", f"Dir::Cache={apt_dir / 'cache'}",
        ]  # fmt: skip
        self.report.run(["apt-get", *private, "update"], timeout=600)
        self.report.run(
            ["apt-get", *private, "download", *PLUGIN_PACKAGES], cwd=apt_dir / "debs", timeout=600
        )
        plugins = self.config_dir / "cli-plugins"
        plugins.mkdir(parents=True, exist_ok=True)
        for deb in sorted((apt_dir / "debs").glob("*.deb")):
            self.report.run(["dpkg-deb", "-x", deb, apt_dir / "x"])
        for name in PLUGIN_PACKAGES.values():
            found = sorted((apt_dir / "x").rglob(f"cli-plugins/{name}"))
            if not found:
                raise CommandFailed(f"the {name} plugin is not in the downloaded package")
            shutil.copy2(found[0], plugins / name)
            (plugins / name).chmod(0o755)
        shutil.rmtree(apt_dir)

    # -- running ---------------------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        """The environment for docker commands: this daemon, these plugins, nothing of the host's."""
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_BUILDKIT")
        }
        env.update(DOCKER_HOST=f"unix://{self.folder / 'docker.sock'}", DOCKER_CONFIG=str(self.config_dir))
        return env

    def docker(self, *args: object, **kwargs: object) -> subprocess.CompletedProcess[str]:
        kwargs.setdefault("env", self.env())
        return self.report.run([DOCKER, *map(str, args)], **kwargs)  # type: ignore[arg-type]

    def start(self) -> None:
        (self.folder / "daemon.json").write_text(json.dumps({}))
        self.report.log("$ " + " ".join(daemon_command(self.folder)))
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                daemon_command(self.folder),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # Ctrl-C reaches the check, which stops the daemon itself
            )
        deadline = time.monotonic() + READY_SECONDS
        while True:
            if self.process.poll() is not None:
                raise EngineUnavailable(
                    f"dockerd exited with code {self.process.returncode}", self.log_tail()
                )
            probe = subprocess.run(
                [DOCKER, "version", "--format", "{{.Server.Version}}"],
                env=self.env(),
                capture_output=True,
                text=True,
                check=False,
            )
            if probe.returncode == 0:
                self.report.log(f"dockerd {probe.stdout.strip()} ready (pid {self.process.pid})")
                return
            if time.monotonic() > deadline:
                raise EngineUnavailable(f"dockerd not ready after {READY_SECONDS:.0f} s", self.log_tail())
            time.sleep(0.5)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        """Stops the daemon this check started (by its pid), its containerd, and removes the folder."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.report.log("dockerd did not stop on SIGTERM: killed")
                self.process.kill()
                self.process.wait(10)
        containerd_pid = self.folder / "exec" / "containerd" / "containerd.pid"
        if containerd_pid.exists():
            try:
                pid = int(containerd_pid.read_text().strip())
                os.kill(pid, signal.SIGTERM)
                self.report.log(f"stopped the daemon's containerd ({pid})")
            except (ValueError, ProcessLookupError, PermissionError):
                pass
        self._remove_folder()

    def _remove_folder(self) -> None:
        if not self.folder.exists():
            return
        for point in mounts_under(self.folder, Path("/proc/self/mounts").read_text()):
            done = subprocess.run(["umount", point], capture_output=True, check=False)
            if done.returncode:
                subprocess.run(["umount", "-l", point], capture_output=True, check=False)
            self.report.log(f"unmounted {point}")
        left = mounts_under(self.folder, Path("/proc/self/mounts").read_text())
        if left:
            raise CommandFailed(f"{len(left)} mounts are left under {self.folder}; it is not removed")
        # --one-file-system: never follow anything mounted into the folder.
        subprocess.run(["rm", "-rf", "--one-file-system", str(self.folder)], check=True)
        self.report.log(f"removed {self.folder}")
