"""The assistant's responses (content/responses/*.yml, one file per topic): read here for the code that
renders them outside Rasa (waiting reminders, follow-ups, tests). Rasa itself reads the same folder
through helpline/content/rasa_domain.py."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from helpline.content import RESPONSES_DIR


def response_files(folder: Path = RESPONSES_DIR) -> list[Path]:
    return sorted(folder.glob("*.yml"))


def topic_file(topic: str) -> Path:
    """The file of one topic, e.g. topic_file('followup') -> content/responses/followup.yml."""
    return RESPONSES_DIR / f"{topic}.yml"


def load_responses(path: Path) -> dict[str, list[dict]]:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}


@lru_cache(maxsize=1)
def all_responses() -> dict[str, list[dict]]:
    """Every response name -> its variations (Rasa's format: text, condition on the `language` slot)."""
    found: dict[str, list[dict]] = {}
    for path in response_files():
        found.update(load_responses(path))
    return found
