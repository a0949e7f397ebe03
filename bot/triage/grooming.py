"""Grooming, in-person danger and outing-threat signals (issue 15). Pure Python, no Rasa imports.

:func:`detect_grooming` reads one message (English, Cantonese or Mandarin, either Chinese script) for:
a meeting proposed or arranged (hotel, pick-up, "come to my place", someone waiting outside, a
tutoring / job pretext with a place), gifts, money or game credits for photos, secrecy demands, an
adult's romantic or sexual interest (only with an adult marker in the text), and, separately, a threat
to reveal the texter's sexual orientation or gender identity (outing). The lexicon is
``lexicon/grooming.yml``. Whether it is grooming depends on the exploited person being a minor, which
the caller decides (the message's age, or the conversation's `minor` slot).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.triage.crisis import _t2s, normalise

__all__ = ["GroomingFinding", "detect_grooming"]

LEXICON_PATH = Path(__file__).with_name("lexicon") / "grooming.yml"
GROOMING_FAMILIES = ("meeting", "gifts", "secrecy", "romance")
LOOKBEHIND = 25


@dataclass(frozen=True)
class GroomingFinding:
    signals: tuple[str, ...] = ()  # "<family>:<id>"

    @property
    def families(self) -> set[str]:
        return {signal.split(":")[0] for signal in self.signals}

    @property
    def grooming(self) -> bool:
        """Any grooming or in-person-danger signal (a grooming flag only when the person is a minor)."""
        return bool(self.families & set(GROOMING_FAMILIES))

    @property
    def meeting(self) -> bool:
        return "meeting" in self.families

    @property
    def outing(self) -> bool:
        return "outing" in self.families


@dataclass(frozen=True)
class _Entry:
    id: str
    family: str
    patterns: tuple[re.Pattern[str], ...]
    unless_before: re.Pattern[str] | None
    needs_adult: bool


def _compile(source: str) -> re.Pattern[str]:
    return re.compile(_t2s(source))


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[_Entry, ...], tuple[re.Pattern[str], ...]]:
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    entries = tuple(
        _Entry(
            id=item["id"],
            family=item["family"],
            patterns=tuple(_compile(source) for source in item["regex"]),
            unless_before=_compile(item["unless_before"]) if item.get("unless_before") else None,
            needs_adult=bool(item.get("needs_adult")),
        )
        for item in data["signals"]
    )
    return entries, tuple(_compile(source) for source in data["adult_markers"])


def _entry_hits(entry: _Entry, text: str) -> bool:
    for pattern in entry.patterns:
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - LOOKBEHIND) : match.start()]
            if entry.unless_before is None or not entry.unless_before.search(before):
                return True
    return False


def detect_grooming(text: str) -> GroomingFinding:
    """The grooming, meeting and outing signals in one message."""
    if not text or not text.strip():
        return GroomingFinding()
    normalised = normalise(text)
    entries, adult_markers = _lexicon()
    adult = any(marker.search(normalised) for marker in adult_markers)
    signals = [
        f"{entry.family}:{entry.id}"
        for entry in entries
        if (adult or not entry.needs_adult) and _entry_hits(entry, normalised)
    ]
    return GroomingFinding(tuple(signals))
