"""Chinese script conversion, so every reply reaches the texter in the script they write.

Cantonese replies are authored in Traditional (Hong Kong usage) and sent to a Traditional reader exactly
as authored: a second OpenCC pass over text that is already Traditional corrupts it (晒 becomes 曬, 吓
becomes 嚇). A Simplified Cantonese reader gets OpenCC `t2s`, except for the Cantonese characters whose
Simplified form is missing from most phones' fonts (嗰 would become 𠮶, U+20BB6): those stay as authored;
and the counsellor is 咨询员 for them, as for mainland Mandarin readers.

Mandarin replies are authored in Simplified (mainland usage). A Traditional reader gets OpenCC `s2twp`
followed by the reviewed Taiwan phrase list in content/taiwan_phrases.yml (檢舉 not 舉報, 帳號 not 賬號...).

Nothing this module returns holds a character outside the Basic Multilingual Plane or in CJK Extension A
unless the input already did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
import yaml

from helpline.content import content_path

TAIWAN_PHRASES_PATH = content_path("taiwan_phrases.yml")
# Cantonese characters kept as authored in Simplified Cantonese: OpenCC's t2s maps them to characters
# outside the BMP (嗰 -> U+20BB6, 餸 -> U+2980C) or in CJK Extension A (喎 -> U+35DE), which many phones
# show as blank boxes; Simplified Cantonese writers keep the Traditional form.
CANTONESE_KEEP = frozenset("嗰喎餸")
# Words Hong Kong Cantonese uses that read differently to a Simplified (mainland, mostly Guangdong) reader:
# 輔導員 is a college class adviser on the mainland; the helpline's counsellor is 咨詢員 there.
CANTONESE_SIMPLIFIED_WORDS = {"輔導員": "咨詢員"}
_KEEP_SPLIT = re.compile("([" + "".join(sorted(CANTONESE_KEEP)) + "])")


@lru_cache(maxsize=8)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0002ffff" for ch in text)


def is_rare(ch: str) -> bool:
    """Outside the BMP, or CJK Extension A: characters many phones cannot show."""
    return ord(ch) > 0xFFFF or "\u3400" <= ch <= "\u4dbf"


@dataclass(frozen=True)
class Phrase:
    source: str
    target: str
    keep: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def taiwan_phrases(path: Path = TAIWAN_PHRASES_PATH) -> tuple[Phrase, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Phrase(entry["from"], entry["to"], tuple(entry.get("keep") or ())) for entry in data["phrases"]
    )


@lru_cache(maxsize=1)
def _taiwan_table() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    for phrase in taiwan_phrases():
        table[phrase.source] = phrase.target
        for kept in phrase.keep:
            table[kept] = kept
    alternatives = sorted(table, key=len, reverse=True)  # longest first: one pass, no re-replacement
    return re.compile("|".join(map(re.escape, alternatives))), table


def apply_taiwan_phrases(text: str) -> str:
    """Mainland terms left by s2twp -> Taiwan terms, in one pass over the text."""
    pattern, table = _taiwan_table()
    return pattern.sub(lambda match: table[match.group(0)], text)


def _guard_rare(source: str, converted: str, config: str) -> str:
    """Undoes any conversion that produced a rare character the source did not have."""
    if not any(is_rare(ch) and ch not in source for ch in converted):
        return converted
    if len(converted) == len(source):
        return "".join(
            s if is_rare(c) and not is_rare(s) else c for s, c in zip(source, converted, strict=True)
        )
    # Phrase conversions changed the length: convert character by character instead.
    out = []
    for ch in source:
        one = _converter(config).convert(ch)
        out.append(ch if any(is_rare(c) for c in one) and not is_rare(ch) else one)
    return "".join(out)


def _convert(text: str, config: str) -> str:
    return _guard_rare(text, _converter(config).convert(text), config)


def cantonese_simplified(text: str) -> str:
    """Traditional Cantonese -> Simplified, keeping 嗰 and the other characters in CANTONESE_KEEP."""
    for word, mainland in CANTONESE_SIMPLIFIED_WORDS.items():
        text = text.replace(word, mainland)
    return "".join(
        part if part in CANTONESE_KEEP else _convert(part, "t2s") for part in _KEEP_SPLIT.split(text) if part
    )


def mandarin_taiwan(text: str) -> str:
    """Simplified Mandarin -> Traditional with Taiwan phrasing: s2twp, then the reviewed phrase list."""
    return apply_taiwan_phrases(_convert(text, "s2twp"))


def to_script(text: str, script: str | None, language: str | None = None) -> str:
    """Puts a reply authored for `language` into `script` ('Hans' or 'Hant'); else returns it unchanged.

    Cantonese (`yue`) is authored in Traditional: Hant returns it as authored. Mandarin (and text of no
    stated language) is authored in Simplified: Hant gets Taiwan Traditional.
    """
    if not text or not has_han(text):
        return text
    if language == "yue":
        return cantonese_simplified(text) if script == "Hans" else text
    if script == "Hans":
        return _convert(text, "t2s")
    if script == "Hant":
        return mandarin_taiwan(text)
    return text
