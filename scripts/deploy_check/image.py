"""The project's image, built from the repository's Dockerfile exactly as a deployment builds it (the
lock installed inside the image, the model trained at build time), then tagged with the names
`docker compose` gives the services that build it, so `up --no-build` runs it.

Classic builder with the host's network: the daemon has no bridge with a way out (`--bridge=none`), and
compose's own build goes through BuildKit, which has no network here.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from scripts.deploy_check.engine import Engine
from scripts.deploy_check.report import CommandFailed

BUILD_SECONDS = 2400.0  # 3 min 15 s seen here; the lock download and the model training vary
MUST_BE_IGNORED = (".venv", "models", "var", "test-results")


def built_services(compose_file: Path) -> list[str]:
    """The services whose image compose builds from the Dockerfile."""
    services = yaml.safe_load(compose_file.read_text())["services"]
    return sorted(name for name, service in services.items() if "build" in service)


def image_tags(project: str, compose_file: Path) -> list[str]:
    """The names `docker compose -p project` gives the images it would build (project-service)."""
    return [f"{project}-{service}" for service in built_services(compose_file)]


def missing_ignores(dockerignore: Path) -> list[str]:
    """Folders the build context must never carry (the host's virtualenv, models, private data)."""
    entries = {line.strip().strip("/") for line in dockerignore.read_text().splitlines() if line.strip()}
    return [name for name in MUST_BE_IGNORED if name not in entries]


class ProjectImage:
    def __init__(self, engine: Engine, repo: Path, project: str) -> None:
        self.engine = engine
        self.repo = repo
        self.tags = image_tags(project, repo / "docker-compose.yml")

    def build(self) -> None:
        missing = missing_ignores(self.repo / ".dockerignore")
        if missing:
            raise CommandFailed(f".dockerignore must exclude {', '.join(missing)}")
        env = {**self.engine.env(), "DOCKER_BUILDKIT": "0"}
        first, *others = self.tags
        self.engine.docker(
            "build", "--network", "host", "-t", first, self.repo, env=env, timeout=BUILD_SECONDS
        )
        for tag in others:
            self.engine.docker("tag", first, tag)
        size = self.engine.docker("image", "inspect", "--format", "{{.Size}}", first).stdout.strip()
        self.engine.report.log(f"image {first}: {int(size) / 1e9:.2f} GB, also tagged {', '.join(others)}")
