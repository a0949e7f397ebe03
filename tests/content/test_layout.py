"""Every texter-facing text and fact lives in content/, and only helpline/content/ reads it."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import yaml

import helpline.content
from helpline.content import CONTENT_ROOT, RESPONSES_DIR
from helpline.content.canned import CANNED_PATH
from helpline.content.directory import DIRECTORY_PATH, EMERGENCY_NUMBERS_PATH
from helpline.content.hours import HOURS_PATH
from helpline.content.notices import NOTICES_PATH
from helpline.content.regions import REGIONS_PATH
from helpline.content.script import TAIWAN_PHRASES_PATH
from helpline.content.waits import WAITS_PATH

ROOT = Path(__file__).resolve().parents[2]
# Recognition data (what texters write, not what they read) and the sealed set (never opened).
NOT_CONTENT = ("bot/triage/lexicon/", "tests/nlu/sealed/")
CONTENT_FILES = (
    "directory.yml",
    "emergency_numbers.yml",
    "opening_hours.yml",
    "taiwan_phrases.yml",
    "notices.yml",
    "canned_replies.yml",
    "regions.yml",
    "waits.yml",
)


def _tracked(*patterns: str) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", *patterns], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [name for name in listed.stdout.split() if (ROOT / name).exists()]


def _has_three_languages(node: object) -> bool:
    if isinstance(node, dict):
        return {"en", "yue", "cmn"} <= set(node) or any(_has_three_languages(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_three_languages(v) for v in node)
    return False


def test_no_texter_facing_yaml_outside_the_content_folder() -> None:
    found = []
    for name in _tracked("*.yml", "*.yaml"):
        if name.startswith(("content/", *NOT_CONTENT)):
            continue
        for document in yaml.safe_load_all((ROOT / name).read_text(encoding="utf-8")):
            if isinstance(document, dict) and ("responses" in document or _has_three_languages(document)):
                found.append(name)
    assert found == []


def test_every_content_file_has_its_loader_in_the_content_package() -> None:
    loaders = {
        DIRECTORY_PATH,
        EMERGENCY_NUMBERS_PATH,
        HOURS_PATH,
        TAIWAN_PHRASES_PATH,
        NOTICES_PATH,
        CANNED_PATH,
        REGIONS_PATH,
        WAITS_PATH,
    }
    assert all(path.parent == CONTENT_ROOT and path.exists() for path in loaders)
    assert {path.name for path in loaders} == set(CONTENT_FILES)
    on_disk = {p.relative_to(CONTENT_ROOT).as_posix() for p in CONTENT_ROOT.rglob("*") if p.is_file()}
    responses = {f"responses/{p.name}" for p in RESPONSES_DIR.glob("*.yml")}
    assert on_disk == set(CONTENT_FILES) | responses
    assert not list((ROOT / "bot" / "domain").glob("*.yml")) or all(
        "responses" not in (yaml.safe_load(p.read_text(encoding="utf-8")) or {})
        for p in (ROOT / "bot" / "domain").glob("*.yml")
    )


def _string_constants(path: Path) -> set[str]:
    return {
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_only_the_content_package_names_the_content_files() -> None:
    package = Path(helpline.content.__file__).parent
    names = {*CONTENT_FILES, "content"}
    offenders = {}
    for name in _tracked("*.py"):
        path = ROOT / name
        if path.is_relative_to(package) or name.startswith("tests/"):
            continue
        named = _string_constants(path) & names
        if named:
            offenders[name] = sorted(named)
    assert offenders == {}


def test_the_model_hash_covers_the_responses() -> None:
    from service.model import DOMAIN, RESPONSES, fingerprint

    assert (ROOT / RESPONSES) == RESPONSES_DIR and DOMAIN == "bot/domain"
    config = ROOT / "bot" / "config.yml"
    importers = yaml.safe_load(config.read_text(encoding="utf-8"))["importers"]
    assert [importer["name"] for importer in importers] == ["helpline.content.rasa_domain.ContentImporter"]
    assert len(fingerprint(config)) == 16


def test_rasa_sees_every_response_from_the_content_folder() -> None:
    from helpline.content.rasa_domain import ContentImporter
    from helpline.content.responses import all_responses

    domain = ContentImporter(str(ROOT / "bot" / "config.yml"), str(ROOT / "bot" / "domain"), []).get_domain()
    assert set(domain.responses) == set(all_responses()) and len(domain.responses) > 50
    assert domain.session_config.carry_over_slots and "language" in {s.name for s in domain.slots}
