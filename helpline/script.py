"""Chinese script conversion with OpenCC, so every reply reaches the texter in the script they write.

Cantonese replies are authored in Traditional (Hong Kong usage) and Mandarin replies in Simplified;
the other script is made here: Hans->Hant uses Taiwan phrasing for Mandarin (`s2twp`) and Hong Kong
forms for Cantonese (`s2hk`), Hant->Hans uses `t2s`.
"""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=8)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0002ffff" for ch in text)


def to_script(text: str, script: str | None, language: str | None = None) -> str:
    """Converts Chinese `text` to `script` ('Hans' or 'Hant'); anything else is returned unchanged."""
    if not text or not has_han(text):
        return text
    if script == "Hans":
        return _converter("t2s").convert(text)
    if script == "Hant":
        if language == "yue":
            return _converter("s2hk").convert(text)
        return _converter("s2twp").convert(text)
    return text
