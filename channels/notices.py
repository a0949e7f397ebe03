"""The connector's fixed messages in the texter's language and script, with the region's numbers."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from helpline.availability import WAIT_UNREADABLE
from helpline.directory import Directory
from helpline.placeholders import placeholder_values
from helpline.script import to_script

NOTICES_PATH = Path(__file__).with_name("notices.yml")


@lru_cache(maxsize=1)
def _notices() -> dict[str, dict[str, str]]:
    return yaml.safe_load(NOTICES_PATH.read_text(encoding="utf-8"))


def safety_lines(directory: Directory, region: str | None, language: str) -> str:
    """'999 / The Samaritans 2896 0000 (24h)': the emergency number and the region's crisis line.

    Where the crisis line already names the emergency number (no 24-hour line confirmed: the line with
    its hours or the international finder, beside the emergency number), it stands alone. Always a
    real number (helpline/placeholders.py).
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

    `wait_text`: the honest expected wait (helpline.availability.wait_sentence, authored script) for the
    notices that carry one; without it they say that no time can be given, never a raw placeholder."""
    language = language if language in ("en", "yue", "cmn") else "en"
    template = _notices()[key][language]
    text = template.replace("{lines}", safety_lines(directory, region, language))
    if "{wait_text}" in text:
        text = text.replace("{wait_text}", wait_text or WAIT_UNREADABLE[language][None])
    return to_script(text, script, language)


def notice_keys() -> list[str]:
    return list(_notices())
