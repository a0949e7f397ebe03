"""The counsellors' canned replies (content/canned_replies.yml): `id`, `label`, `text` in en, yue, cmn."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from helpline.content import content_path

CANNED_PATH = content_path("canned_replies.yml")


@lru_cache(maxsize=1)
def load_replies(path: Path = CANNED_PATH) -> tuple[dict, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(data["replies"])
