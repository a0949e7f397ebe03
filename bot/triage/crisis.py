"""Suicide and self-harm signal detection (recall first).

Pure Python (no Rasa imports). :func:`detect_crisis` looks for any suicide or
self-harm signal - ideation, plan, means, self-harm, farewell - in English,
Cantonese or Mandarin (either Chinese script), whatever else the message
says. The lexicon lives in ``lexicon/crisis.yml``; see its header for the
normalisation rules and how idioms ("笑死", "dying to know") are masked.
Data is loaded once, lazily, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import opencc
import yaml

__all__ = ["CrisisFinding", "detect_crisis", "normalise"]

CRISIS_PATH = Path(__file__).with_name("lexicon") / "crisis.yml"

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{_HAN}]")
_ASCII_LETTER_RE = re.compile(r"[a-z]")
_APOSTROPHES_RE = re.compile("['\u2018\u2019\u02bc`\u00b4]")
_LATIN_D_RE = re.compile(f"(?<=[{_HAN}])\\s*d\\s*(?=[{_HAN}])")
_HAN_SPACE_RE = re.compile(f"(?<=[{_HAN}])\\s+(?=[{_HAN}])")
_FOREVER_RE = re.compile(r"\b4ev(?:er|a|r)\b")
_TWO_RE = re.compile(r" 2 (?<=[a-z] 2 )(?=[a-z])")
_LEET_HINT_RE = re.compile(r"[a-z][0134@$]|[0134@$][a-z]")
_LEET_TOKEN_RE = re.compile(r"\b(?=[a-z0-9@$]*[a-z])(?=[a-z0-9@$]*[0134@$])[a-z0-9@$]+")
_LEET_TABLE = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "$": "s"})
_NON_WORD_RE = re.compile(r"[^\w*]+|_")
_LOOSE_STAR_RE = re.compile(r"(?<![a-z])\*|\*(?![a-z])")
_REPEAT_RE = re.compile(r"([a-z])\1{2,}")
_DOUBLE_LETTER_RE = re.compile(r"([a-z])\1")
_VOWEL_RE = re.compile(r"([aeiou])")

# Variants OpenCC t2s leaves alone; 哂 is a common typo for Cantonese 晒.
_ZH_VARIANTS = str.maketrans({"著": "着", "妳": "你", "祢": "你", "喫": "吃", "衞": "卫", "哂": "晒"})

_T2S: opencc.OpenCC | None = None


def _t2s(text: str) -> str:
    global _T2S
    if _T2S is None:
        _T2S = opencc.OpenCC("t2s")
    return _T2S.convert(text)


@dataclass(frozen=True)
class CrisisFinding:
    """Result of :func:`detect_crisis`.

    ``signals`` names the matched lexicon entries as "<section>:<family>:<id>",
    e.g. ("zh:means:charcoal", "en:ideation:want_to_die"), in lexicon order.

    ``idioms`` lists the idiom spans that were masked ("累死了", "想死你了",
    "dying to know"), in message order, whether or not a signal remained.
    They are substrings of the *normalised* text (see :func:`normalise`:
    lower case, Simplified Chinese, punctuation dropped), so a caller can
    tell that a death word in the message was idiomatic (e.g. to overrule a
    classifier that read "累死咗" as self-harm).
    """

    is_crisis: bool
    signals: tuple[str, ...] = ()
    idioms: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Matcher:
    """A compiled lexicon pattern, with an optional cheaper superset gate."""

    regex: re.Pattern[str]
    gate: re.Pattern[str] | None = None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.gate is not None and self.gate.search(text) is None:
            return iter(())
        return self.regex.finditer(text)


@dataclass(frozen=True)
class _Side:
    """The patterns of one script (Han or Latin) of an entry or idiom list.

    ``union`` is all patterns in one regex: one fast search in the common case;
    the single patterns are only needed when idioms mask some union match.
    """

    union: re.Pattern[str] | None
    matchers: tuple[_Matcher, ...]

    @classmethod
    def build(cls, matchers: list[_Matcher], flags: int) -> _Side:
        if not matchers:
            return cls(None, ())
        union = "|".join(f"(?:{m.regex.pattern})" for m in matchers)
        return cls(re.compile(union, flags), tuple(matchers))

    def hit(self, text: str, mask: bytearray, masked: bool) -> bool:
        """True if a pattern matches where its last character is not idiom."""
        if self.union is None:
            return False
        if not masked:
            return self.union.search(text) is not None
        found = False
        for match in self.union.finditer(text):
            if match.end() > match.start() and not mask[match.end() - 1]:
                return True
            found = True
        # a masked union match may hide an overlapping one: check one by one
        return found and any(_matches(m, text, mask) for m in self.matchers)


@dataclass(frozen=True)
class _Entry:
    signal: str
    han: _Side
    latin: _Side


@dataclass(frozen=True)
class _Lexicon:
    entries: tuple[_Entry, ...]
    idioms_han: _Side
    idioms_latin: _Side


def normalise(text: str) -> str:
    """Normalise a message for matching (see the crisis.yml header)."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = _APOSTROPHES_RE.sub("", s)
    if _HAN_RE.search(s):
        s = _t2s(s).translate(_ZH_VARIANTS)
        s = _LATIN_D_RE.sub("啲", s)
        s = _HAN_SPACE_RE.sub("", s)
    # the cheap substring tests skip most substitutions for most messages
    if "4ev" in s:
        s = _FOREVER_RE.sub("forever", s)
    if _LEET_HINT_RE.search(s):
        s = _LEET_TOKEN_RE.sub(lambda m: m.group().translate(_LEET_TABLE), s)
    if " 2 " in s:
        s = _TWO_RE.sub(" to ", s)
    s = _NON_WORD_RE.sub(" ", s)
    if "*" in s:
        s = _LOOSE_STAR_RE.sub(" ", s)
    s = _REPEAT_RE.sub(r"\1", s)
    return " ".join(s.split())


def _phrase_matcher(phrase: str) -> tuple[_Matcher, bool]:
    """Compile a literal phrase; returns (matcher, is_han)."""
    norm = normalise(phrase)
    if not norm:
        raise ValueError(f"empty crisis lexicon phrase: {phrase!r}")
    if _HAN_RE.search(norm):
        body = re.escape(norm).replace(r"\ ", " ?")
        return _Matcher(re.compile(body)), True
    rest = re.escape(norm[1:]).replace(r"\ ", " ?")
    rest = _DOUBLE_LETTER_RE.sub(r"\1+", rest)
    rest = _VOWEL_RE.sub(r"[\1*]", rest)  # k*ll, d*e
    # A literal first character lets the regex engine skip ahead quickly; the
    # word boundary is checked by the lookbehind right after it.
    first = re.escape(norm[0])
    return _Matcher(re.compile(f"{first}(?<![a-z0-9].){rest}(?![a-z0-9])")), False


def _regex_matcher(source: str) -> tuple[_Matcher, bool]:
    """Compile a lexicon regex; Chinese ones are converted with t2s first."""
    if _HAN_RE.search(source):
        return _Matcher(re.compile(_t2s(source))), True
    # ASCII \b and \w, so "我想suicide" still has a word boundary
    regex = re.compile(source, re.ASCII)
    gate = re.compile(source[2:], re.ASCII) if source.startswith(r"\b") else None
    return _Matcher(regex, gate), False


def _compile(item: dict[str, Any]) -> tuple[tuple[_Matcher, ...], tuple[_Matcher, ...]]:
    han: list[_Matcher] = []
    latin: list[_Matcher] = []
    compiled = [_phrase_matcher(str(p)) for p in item.get("phrases") or []]
    compiled += [_regex_matcher(str(r)) for r in item.get("regex") or []]
    seen: set[str] = set()
    for matcher, is_han in compiled:
        if matcher.regex.pattern in seen:
            continue
        seen.add(matcher.regex.pattern)
        (han if is_han else latin).append(matcher)
    return tuple(han), tuple(latin)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Load and compile crisis.yml (once)."""
    with CRISIS_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    entries: list[_Entry] = []
    for section in ("en", "zh", "yue", "cmn"):
        for item in data.get(section) or []:
            han, latin = _compile(item)
            signal = f"{section}:{item['family']}:{item['id']}"
            entries.append(_Entry(signal, _Side.build(han, 0), _Side.build(latin, re.ASCII)))
    idioms_han: list[_Matcher] = []
    idioms_latin: list[_Matcher] = []
    for items in (data.get("idioms") or {}).values():
        for item in items or []:
            han, latin = _compile(item)
            idioms_han += han
            idioms_latin += latin
    return _Lexicon(
        entries=tuple(entries),
        idioms_han=_Side.build(idioms_han, 0),
        idioms_latin=_Side.build(idioms_latin, re.ASCII),
    )


def _mask(text: str, mask: bytearray, idioms: _Side, spans: list[tuple[int, int]]) -> bool:
    """Flag the characters covered by idioms and collect their spans;
    True if any were found."""
    found = False
    for matcher in idioms.matchers:
        for match in matcher.finditer(text):
            if match.end() <= match.start():
                continue
            mask[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            spans.append((match.start(), match.end()))
            found = True
    return found


def _idiom_texts(text: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """Merge overlapping idiom spans and return their texts in order."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(text[start:end].strip() for start, end in merged)


def _matches(matcher: _Matcher, text: str, mask: bytearray) -> bool:
    """True if the pattern matches somewhere its last character is not idiom."""
    for match in matcher.finditer(text):
        end = match.end()
        if end > match.start() and not mask[end - 1]:
            return True
    return False


def detect_crisis(text: str) -> CrisisFinding:
    """Find suicide / self-harm signals in one message (recall first)."""
    if not text or not text.strip():
        return CrisisFinding(False, ())
    norm = normalise(text)
    lexicon = _lexicon()
    check_han = _HAN_RE.search(norm) is not None
    check_latin = _ASCII_LETTER_RE.search(norm) is not None
    if not check_han and not check_latin:
        return CrisisFinding(False, ())
    mask = bytearray(len(norm))
    masked = False
    spans: list[tuple[int, int]] = []
    if check_han and lexicon.idioms_han.union is not None:
        if lexicon.idioms_han.union.search(norm) is not None:
            masked |= _mask(norm, mask, lexicon.idioms_han, spans)
    if check_latin and lexicon.idioms_latin.union is not None:
        if lexicon.idioms_latin.union.search(norm) is not None:
            masked |= _mask(norm, mask, lexicon.idioms_latin, spans)
    signals: list[str] = []
    for entry in lexicon.entries:
        if (check_han and entry.han.hit(norm, mask, masked)) or (
            check_latin and entry.latin.hit(norm, mask, masked)
        ):
            signals.append(entry.signal)
    idioms = _idiom_texts(norm, spans) if spans else ()
    return CrisisFinding(bool(signals), tuple(signals), idioms)
