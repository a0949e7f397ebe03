"""The words of the honest expected wait (content/waits.yml), in the shapes the wait code uses.

Kept beside the other texts so a translator finds every sentence a texter reads in `content/`; the
arithmetic of the wait (rota, recent claims) stays in `helpline/store/availability.py`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from helpline.content import LANGUAGES, content_path

WAITS_PATH = content_path("waits.yml")


@lru_cache(maxsize=1)
def _waits() -> dict[str, Any]:
    data = yaml.safe_load(WAITS_PATH.read_text(encoding="utf-8"))
    for group in ("today", "tomorrow", "local_time", "weekdays", *(f"wait.{k}" for k in data["wait"])):
        node = data
        for key in group.split("."):
            node = node[key]
        missing = set(LANGUAGES) - set(node)
        if missing:
            raise ValueError(f"content/waits.yml: {group} lacks {sorted(missing)}")
    return data


_DATA = _waits()
# kind (minutes | next_opening | unknown) -> language -> sentence
WAIT_TEXTS: dict[str, dict[str, str]] = _DATA["wait"]
# language -> someone on duty (True), nobody (False), not known (None) -> sentence giving no time
WAIT_UNREADABLE: dict[str, dict[bool | None, str]] = {
    language: {
        True: _DATA["unreadable"]["on_duty"][language],
        False: WAIT_TEXTS["unknown"][language],
        None: _DATA["unreadable"]["not_known"][language],
    }
    for language in LANGUAGES
}
WEEKDAYS: dict[str, tuple[str, ...]] = {lang: tuple(days) for lang, days in _DATA["weekdays"].items()}
TODAY: dict[str, str] = _DATA["today"]
TOMORROW: dict[str, str] = _DATA["tomorrow"]
LOCAL_TIME: dict[str, str] = _DATA["local_time"]
