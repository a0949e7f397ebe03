"""Stand-in base images, built offline (no image registry is reachable here), tagged with the names the
compose file and the Dockerfile use so those files stay what a real deployment runs. Never pushed.

A `debootstrap` minimal bookworm root file system; per image Debian's packages installed in a copy of
it (chroot), then `docker import`. Python is the machine's pyenv build of the Dockerfile's version,
with the machine's CA bundle (HTTPS here passes a TLS-terminating proxy; `PIP_CERT` points pip at it).
Debian's Redis (7.0) and nginx (1.22) stand in for the compose file's versions.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.deploy_check.engine import DOCKER, Engine
from scripts.deploy_check.report import CommandFailed

HERE = Path(__file__).resolve().parent
MIRROR = "http://deb.debian.org/debian"
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
CA_IN_IMAGE = "/etc/ssl/certs/ca-certificates.crt"


@dataclass
class StandIn:
    kind: str  # python, postgres, redis, nginx
    tag: str
    packages: list[str]
    # `docker import -c` lines (CMD, ENTRYPOINT, ENV, WORKDIR...; import takes no STOPSIGNAL: SIGTERM
    # is a smart shutdown for PostgreSQL and a fast one for nginx, both fine for `down`)
    changes: list[str] = field(default_factory=list)


def base_image_names(compose_file: Path, dockerfile: Path) -> dict[str, str]:
    """{kind: image name} for the images the compose file pulls and the Dockerfile builds FROM."""
    names: dict[str, str] = {}
    services = yaml.safe_load(compose_file.read_text())["services"]
    for service in services.values():
        image = service.get("image")
        if image:
            names[image.split(":")[0].split("/")[-1]] = image
    froms = re.findall(r"^FROM\s+(\S+)", dockerfile.read_text(), flags=re.MULTILINE)
    for image in froms:
        names[image.split(":")[0].split("/")[-1]] = image
    return names


def python_version(tag: str) -> str:
    """'3.10.13' from 'python:3.10.13-slim-bookworm'."""
    match = re.match(r"(?:.*/)?python:(\d+\.\d+\.\d+)", tag)
    if not match:
        raise CommandFailed(f"cannot read a Python version from {tag}")
    return match.group(1)


def stand_ins(names: dict[str, str]) -> list[StandIn]:
    known = {
        "python": StandIn(
            "python",
            "",
            "libssl3 libffi8 libsqlite3-0 libbz2-1.0 liblzma5 zlib1g libreadline8 libncursesw6 "
            "libuuid1 libgdbm6 ca-certificates passwd".split(),
            ["ENV LANG=C.UTF-8", f"ENV PIP_CERT={CA_IN_IMAGE}", 'CMD ["python3"]'],
        ),
        "postgres": StandIn(
            "postgres",
            "",
            ["postgresql-15"],
            [
                "ENV LANG=C.UTF-8",
                "ENV PGDATA=/var/lib/postgresql/data",
                'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]',
            ],
        ),
        "redis": StandIn("redis", "", ["redis-server"], ["WORKDIR /data", 'CMD ["redis-server"]']),
        "nginx": StandIn(
            "nginx",
            "",
            ["nginx"],
            ['ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]'],
        ),
    }
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise CommandFailed(f"no stand-in for the image(s) {', '.join(names[k] for k in unknown)}")
    result = []
    for kind, tag in sorted(names.items()):
        known[kind].tag = tag
        result.append(known[kind])
    return result


def rewrite_shebangs(bin_dir: Path, interpreter: str) -> int:
    """Points the copied scripts' `#!` lines (the pyenv path) at the image's interpreter."""
    changed = 0
    for path in bin_dir.iterdir():
        if path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        if data.startswith(b"#!") and b"/.pyenv/" in data.split(b"\n", 1)[0]:
            rest = data.split(b"\n", 1)[1] if b"\n" in data else b""
            path.write_bytes(f"#!{interpreter}\n".encode() + rest)
            changed += 1
    return changed


class StandIns:
    def __init__(self, engine: Engine, repo: Path, pyenv_root: Path | None = None) -> None:
        self.engine = engine
        self.report = engine.report
        self.repo = repo
        self.pyenv_root = pyenv_root or Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
        self.roots = engine.folder / "roots"

    def build(self) -> None:
        names = base_image_names(self.repo / "docker-compose.yml", self.repo / "Dockerfile")
        images = stand_ins(names)
        base = self.roots / "base"
        self.roots.mkdir(parents=True, exist_ok=True)
        self.report.run(["debootstrap", "--variant=minbase", "bookworm", base, MIRROR], timeout=1800)
        # Services are never started inside the chroot while packages install.
        policy = base / "usr/sbin/policy-rc.d"
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
        shutil.copy2("/etc/resolv.conf", base / "etc/resolv.conf")
        self.report.run(["chroot", base, "apt-get", "update"], timeout=600)
        for image in images:
            self.report.run(["cp", "-a", base, self.roots / image.kind])
        with ThreadPoolExecutor(max_workers=len(images)) as pool:
            list(pool.map(self._build_one, images))  # re-raises the first failure
        shutil.rmtree(self.roots)

    def _build_one(self, image: StandIn) -> None:
        root = self.roots / image.kind
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        install = ["chroot", root, "apt-get", "install", "-y", "--no-install-recommends", *image.packages]
        self.report.run(install, env=env, timeout=1200)
        finish: dict[str, Callable[[Path, StandIn], None]] = {
            "python": self._finish_python,
            "postgres": self._finish_postgres,
            "redis": self._finish_redis,
            "nginx": self._finish_nginx,
        }
        finish[image.kind](root, image)
        self.report.run(["chroot", root, "apt-get", "clean"])
        (root / "usr/sbin/policy-rc.d").unlink(missing_ok=True)
        shutil.rmtree(root / "var/lib/apt/lists", ignore_errors=True)
        self._import(root, image)
        shutil.rmtree(root)

    def _finish_python(self, root: Path, image: StandIn) -> None:
        version = python_version(image.tag)
        source = self.pyenv_root / "versions" / version
        if not (source / "bin" / "python3").exists():
            raise CommandFailed(
                f"the Python stand-in needs the machine's pyenv build {source} (pyenv install {version})"
            )
        self.report.run(["cp", "-a", f"{source}/.", root / "usr/local"])
        short = ".".join(version.split(".")[:2])
        for hook in (root / f"usr/local/lib/python{short}/site-packages").glob("_sandboxing*.pth"):
            hook.unlink()  # this machine's own start-up hook; the image trusts the CA bundle instead
        changed = rewrite_shebangs(root / "usr/local/bin", f"/usr/local/bin/python{short}")
        self.report.log(f"python stand-in: {changed} script headers point at /usr/local/bin/python{short}")
        self.report.run(["chroot", root, "ldconfig"])
        shutil.copy2(HOST_CA_BUNDLE, root / CA_IN_IMAGE.lstrip("/"))
        self.report.run(
            ["chroot", root, f"/usr/local/bin/python{short}", "-c", "import ssl, sqlite3, ctypes, lzma, bz2"]
        )

    def _finish_postgres(self, root: Path, image: StandIn) -> None:
        for leftover in ("var/lib/postgresql/15/main", "etc/postgresql/15/main"):  # the package's cluster
            shutil.rmtree(root / leftover, ignore_errors=True)
        self._entrypoint(root, "postgres-entrypoint.sh")
        (root / "usr/local/bin/pg_isready").symlink_to("/usr/lib/postgresql/15/bin/pg_isready")
        (root / "var/lib/postgresql/data").mkdir(parents=True, exist_ok=True)

    def _finish_redis(self, root: Path, image: StandIn) -> None:
        (root / "data").mkdir(exist_ok=True)

    def _finish_nginx(self, root: Path, image: StandIn) -> None:
        self._entrypoint(root, "nginx-entrypoint.sh")
        logs = root / "var/log/nginx"
        logs.mkdir(parents=True, exist_ok=True)
        for name, target in (("access.log", "/dev/stdout"), ("error.log", "/dev/stderr")):  # as nginx's image
            (logs / name).unlink(missing_ok=True)
            (logs / name).symlink_to(target)

    def _entrypoint(self, root: Path, name: str) -> None:
        target = root / "usr/local/bin/docker-entrypoint.sh"
        shutil.copy2(HERE / "standins" / name, target)
        target.chmod(0o755)

    def _import(self, root: Path, image: StandIn) -> None:
        changes = [arg for change in image.changes for arg in ("-c", change)]
        self.report.log(f"$ tar -C {root} -c . | docker import {' '.join(changes)} - {image.tag}")
        tar = subprocess.Popen(["tar", "-C", str(root), "-c", "."], stdout=subprocess.PIPE)
        try:
            self.report.run(
                [DOCKER, "import", *changes, "-", image.tag],
                env=self.engine.env(),
                stdin=tar.stdout,
                timeout=900,
            )
        finally:
            if tar.stdout:
                tar.stdout.close()
            tar.wait()
        if tar.returncode:
            raise CommandFailed(f"tar of the {image.kind} root file system failed ({tar.returncode})")
