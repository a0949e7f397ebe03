"""The channels' fixed messages (content/notices.yml), in the texter's language and script, with the
region's numbers."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from helpline.content import LANGUAGES, content_path
from helpline.content.directory import Directory
from helpline.content.placeholders import placeholder_values
from helpline.content.script import to_script
from helpline.content.waits import WAIT_UNREADABLE

NOTICES_PATH = content_path("notices.yml")


@lru_cache(maxsize=1)
def all_notices() -> dict[str, dict[str, str]]:
    """Every notice: key -> {en, yue, cmn} templates (content/notices.yml)."""
    return yaml.safe_load(NOTICES_PATH.read_text(encoding="utf-8"))


def safety_lines(directory: Directory, region: str | None, language: str) -> str:
    """'999 / The Samaritans 2896 0000 (24h)': the emergency number and the region's crisis line.

    Where the crisis line already names the emergency number (no 24-hour line confirmed: the line with
    its hours or the international finder, beside the emergency number), it stands alone. Always a
    real number (helpline/content/placeholders.py).
    """
    values = placeholder_values(directory, region, language)
    emergency, crisis = values["emergency"], values["crisis_line"]
    already_there = re.search(rf"(?<![\d-]){re.escape(emergency)}(?![\d-])", crisis)
    return crisis if already_there else f"{emergency} / {crisis}"


def notice(
    key: str,
    language: str,
    script: str,
    region: str | None,
    directory: Directory,
    wait_text: str | None = None,
) -> str:
    """One fixed message, e.g. notice('media_refused', 'yue', 'Hant', 'HK', directory).

    `wait_text`: the honest expected wait (helpline.store.availability.wait_sentence, authored script) for the
    notices that carry one; without it they say that no time can be given, never a raw placeholder."""
    language = language if language in LANGUAGES else "en"
    template = all_notices()[key][language]
    text = template.replace("{lines}", safety_lines(directory, region, language))
    if "{wait_text}" in text:
        text = text.replace("{wait_text}", wait_text or WAIT_UNREADABLE[language][None])
    return to_script(text, script, language)


def notice_keys() -> list[str]:
    return list(all_notices())
