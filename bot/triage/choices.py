"""Numbered choices: a reply that is only a menu digit ("2", "２", "2.")."""

from __future__ import annotations

import re
import unicodedata

MENU_CHOICE = re.compile(r"^\s*([0-9])\s*[.)。]?\s*$")


def menu_choice(text: str | None) -> str | None:
    """'2', '２', '2.' -> '2'; anything else -> None."""
    if not text:
        return None
    match = MENU_CHOICE.match(unicodedata.normalize("NFKC", text))
    return match.group(1) if match else None
