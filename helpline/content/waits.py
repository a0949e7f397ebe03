"""The words of the honest expected wait (content/waits.yml), in the shapes the wait code uses.

Kept beside the other texts so a translator finds every sentence a texter reads in `content/`; the
arithmetic of the wait (rota, recent claims) stays in `helpline/store/availability.py`.
"""

from __future__ import annotations

from typing import Any

import yaml

from helpline.content import LANGUAGES, content_path

WAITS_PATH = content_path("waits.yml")


def _load() -> dict[str, Any]:
    """The file, read once at import; a group lacking a language fails here rather than mid-reply."""
    data = yaml.safe_load(WAITS_PATH.read_text(encoding="utf-8"))
    groups = {
        **{f"wait.{kind}": texts for kind, texts in data["wait"].items()},
        **{f"unreadable.{case}": texts for case, texts in data["unreadable"].items()},
        **{name: data[name] for name in ("weekdays", "today", "tomorrow", "local_time")},
    }
    for name, texts in groups.items():
        missing = set(LANGUAGES) - set(texts)
        if missing:
            raise ValueError(f"content/waits.yml: {name} lacks {sorted(missing)}")
    return data


_DATA = _load()
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
