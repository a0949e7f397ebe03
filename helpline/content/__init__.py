"""Everything a texter reads, and the facts behind it: the only code that reads the `content/` folder.

`content/` (repository root) holds the assistant's responses (`responses/`, a Rasa domain part), the
channels' notices, the counsellors' canned replies, the directory of services, the emergency numbers,
the opening hours, the Taiwan phrase list and the region facts (`regions.yml`). Every text is authored
in three variants, `en`, `yue` (Traditional, Hong Kong usage) and `cmn` (Simplified, mainland usage);
the other scripts are derived by one converter (`script.to_script`) and every number comes from one
filler (`placeholders.placeholder_values`).
"""

from __future__ import annotations

from pathlib import Path

CONTENT_ROOT = Path(__file__).resolve().parents[2] / "content"
RESPONSES_DIR = CONTENT_ROOT / "responses"
LANGUAGES = ("en", "yue", "cmn")


def content_path(name: str) -> Path:
    """A file of the content folder, e.g. content_path('directory.yml')."""
    return CONTENT_ROOT / name
