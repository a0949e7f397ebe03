"""Language and script detection for texter messages.

Pure Python (no Rasa imports) so the custom NLU components and the tests can
use it directly. Three languages are told apart: English ("en"), Cantonese
("yue") and Mandarin ("cmn"), and three scripts: Latin ("Latn"), Traditional
("Hant") and Simplified ("Hans") Chinese.

Cantonese and Mandarin are separated by weighted marker words kept in
``lexicon/language_markers.yml``; Traditional vs Simplified by which characters
OpenCC would change. Some markers only count in one script: Hong Kong words
(警署, 八達通, F.3, 999) are not Cantonese evidence in a Simplified message
(Singapore and Malaysia share school grades and 999; mainland visitors name
Hong Kong places), and 小五 only counts when the message is Traditional.
Data is loaded once, lazily, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import opencc
import yaml

from helpline.content.regions import get_regions

__all__ = [
    "LANGUAGES",
    "SCRIPTS",
    "LanguageGuess",
    "detect_language",
    "detect_script",
    "has_han",
    "marker_scores",
]

LANGUAGES = ("en", "yue", "cmn")
SCRIPTS = ("Latn", "Hant", "Hans")

MARKERS_PATH = Path(__file__).with_name("lexicon") / "language_markers.yml"

# Cantonese markers outweigh Mandarin ones: written Cantonese borrows 的/了/不,
# Mandarin never writes 嘅/咗.
YUE_DOMINANCE = 3.0
# Latin-only messages of at most this many words may be "short replies".
SHORT_REPLY_MAX_WORDS = 3

# CJK Unified Ideographs, Extension A, compatibility ideographs, Extensions B+.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{HAN_CLASS}]")
_LATIN_WORD_RE = re.compile(r"[a-z0-9]+")
_LETTER_RE = re.compile(r"[a-z]")
_OPTION_RE = re.compile(r"^\s*(?:option|opt|no\.?|number|#)?\s*\d{1,2}\s*[.)]?\s*$")

# Simplified forms that Hong Kong Cantonese writing also uses (晒 = "all").
_SHARED_IN_HK = frozenset("晒")

_CONVERTERS: dict[str, opencc.OpenCC] = {}


def _converter(config: str) -> opencc.OpenCC:
    """Return a cached OpenCC converter (t2s, hk2s, s2tw, s2hk, ...)."""
    conv = _CONVERTERS.get(config)
    if conv is None:
        conv = _CONVERTERS[config] = opencc.OpenCC(config)
    return conv


@dataclass(frozen=True)
class LanguageGuess:
    """Result of :func:`detect_language`.

    ``script`` is the script to use for this texter: for Chinese messages the
    script they wrote in; for Latin-only messages that keep a Chinese language
    (e.g. "ok" after Cantonese) the previous or the default Chinese script.
    """

    language: str
    script: str
    confident: bool


# Script conditions of conditional markers (see language_markers.yml).
NOT_HANS = "not_hans"  # counts unless the message is clearly Simplified
HANT = "hant"  # counts only when the message is clearly Traditional
_CONDITIONS = (None, NOT_HANS, HANT)

_Pattern = tuple[re.Pattern[str], float, str | None]


@dataclass(frozen=True)
class _Markers:
    """Compiled marker data (see language_markers.yml)."""

    yue_literals: re.Pattern[str] | None
    yue_weights: dict[str, float]
    yue_patterns: tuple[_Pattern, ...]
    hk_literals: re.Pattern[str] | None
    hk_weights: dict[str, float]
    cmn_literals: re.Pattern[str] | None
    cmn_weights: dict[str, float]
    cmn_patterns: tuple[_Pattern, ...]
    neutralise: re.Pattern[str] | None
    romanised_yue: re.Pattern[str] | None
    romanised_yue_strong: re.Pattern[str] | None
    romanised_cmn: re.Pattern[str] | None
    short_replies: frozenset[str]


def has_han(text: str) -> bool:
    """True when the text contains at least one Han (Chinese) character."""
    return _HAN_RE.search(text) is not None


def _variants(word: str) -> set[str]:
    """The word in both Chinese scripts (OpenCC standard, HK and TW forms)."""
    out = {word}
    for config in ("t2s", "hk2s", "s2t", "s2hk", "s2tw"):
        out.add(_converter(config).convert(word))
    return out


def _weights(explicit: dict[str, Any]) -> dict[str, float]:
    """Expand markers to both scripts; explicitly listed forms keep their weight."""
    weights: dict[str, float] = {}
    for word, weight in explicit.items():
        for variant in _variants(str(word)):
            weights.setdefault(variant, float(weight))
    for word, weight in explicit.items():
        weights[str(word)] = float(weight)
    return {w: v for w, v in weights.items() if v > 0}


def _literal_regex(words: set[str] | dict[str, float]) -> re.Pattern[str] | None:
    """One alternation, longest first, so words win over their characters."""
    items = sorted(words, key=lambda w: (-len(w), w))
    if not items:
        return None
    return re.compile("|".join(re.escape(w) for w in items))


def _romanised_regex(phrases: list[str]) -> re.Pattern[str] | None:
    """Whole-word alternation over normalised Latin text."""
    if not phrases:
        return None
    items = sorted({" ".join(p.lower().split()) for p in phrases}, key=lambda p: (-len(p), p))
    body = "|".join(re.escape(p).replace(r"\ ", " ?") for p in items)
    return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


def _patterns(items: list[dict[str, Any]] | None) -> tuple[_Pattern, ...]:
    out: list[_Pattern] = []
    for item in items or []:
        condition = item.get("scripts")
        if condition not in _CONDITIONS:
            raise ValueError(f"unknown scripts condition {condition!r} in {item.get('name')}")
        out.append((re.compile(item["regex"]), float(item["weight"]), condition))
    return tuple(out)


@lru_cache(maxsize=1)
def _markers() -> _Markers:
    """Load and compile language_markers.yml (once)."""
    with MARKERS_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    yue_weights = _weights(data["yue"]["markers"])
    hk_weights = _weights(data["yue"].get("hk_markers") or {})
    cmn_weights = _weights(data["cmn"]["markers"])
    neutral: set[str] = set()
    for word in data.get("neutralise") or []:
        neutral |= _variants(str(word))
    neutral_parts = [re.escape(w) for w in sorted(neutral, key=lambda w: (-len(w), w))]
    neutral_parts += list(data.get("neutralise_patterns") or [])
    romanised = data.get("romanised") or {}
    return _Markers(
        yue_literals=_literal_regex(yue_weights),
        yue_weights=yue_weights,
        yue_patterns=_patterns(data["yue"].get("patterns")),
        hk_literals=_literal_regex(hk_weights),
        hk_weights=hk_weights,
        cmn_literals=_literal_regex(cmn_weights),
        cmn_weights=cmn_weights,
        cmn_patterns=_patterns(data["cmn"].get("patterns")),
        neutralise=re.compile("|".join(neutral_parts)) if neutral_parts else None,
        romanised_yue=_romanised_regex(romanised.get("yue") or []),
        romanised_yue_strong=_romanised_regex(romanised.get("yue_strong") or []),
        romanised_cmn=_romanised_regex(romanised.get("cmn") or []),
        short_replies=frozenset(str(w).lower() for w in data.get("short_replies") or []),
    )


def _count_changed(original: str, converted: str, config: str) -> set[int]:
    """Positions of Han characters that OpenCC changed.

    OpenCC's t2s/s2t conversions keep the length; if a phrase rule ever does
    not, fall back to converting character by character.
    """
    if len(converted) == len(original):
        return {
            i for i, (a, b) in enumerate(zip(original, converted, strict=True)) if a != b and _HAN_RE.match(a)
        }
    conv = _converter(config)
    return {i for i, ch in enumerate(original) if _HAN_RE.match(ch) and conv.convert(ch) != ch}


def _script_evidence(text: str) -> str | None:
    """Return "Hant" or "Hans" when the Han characters say so, None on a tie.

    Counts characters that only exist in Traditional (changed by t2s or hk2s)
    against characters that only exist in Simplified (changed by both s2tw
    and s2hk, so that HK/TW forms such as 台 or 着 and OpenCC's 吃→喫 do not
    count).
    """
    traditional = _count_changed(text, _converter("t2s").convert(text), "t2s")
    traditional |= _count_changed(text, _converter("hk2s").convert(text), "hk2s")
    to_tw = _count_changed(text, _converter("s2tw").convert(text), "s2tw")
    to_hk = _count_changed(text, _converter("s2hk").convert(text), "s2hk")
    simplified = {i for i in (to_tw & to_hk) - traditional if text[i] not in _SHARED_IN_HK}
    if len(traditional) > len(simplified):
        return "Hant"
    if len(simplified) > len(traditional):
        return "Hans"
    return None


def detect_script(text: str, default: str = "Hant") -> str:
    """Return "Latn", "Hant" or "Hans" for a message.

    "Latn" when there are no Han characters. Otherwise the script with more
    script-specific characters (see :func:`_script_evidence`). Ties, e.g. text
    made only of shared characters like 我 你 好, return ``default``.
    """
    if not has_han(text):
        return "Latn"
    evidence = _script_evidence(text)
    if evidence is not None:
        return evidence
    return default if default in SCRIPTS else "Hant"


def _applies(condition: str | None, evidence: str | None) -> bool:
    if condition == NOT_HANS:
        return evidence != "Hans"
    if condition == HANT:
        return evidence == "Hant"
    return True


def _score(
    text: str,
    literals: re.Pattern[str] | None,
    weights: dict[str, float],
    patterns: tuple[_Pattern, ...],
    evidence: str | None,
) -> float:
    score = 0.0
    if literals is not None:
        for match in literals.finditer(text):
            score += weights.get(match.group(), 0.0)
    for regex, weight, condition in patterns:
        if _applies(condition, evidence):
            score += weight * sum(1 for _ in regex.finditer(text))
    return score


def _marker_scores(text: str, evidence: str | None) -> tuple[float, float]:
    markers = _markers()
    if markers.neutralise is not None:
        text = markers.neutralise.sub(" ", text)
    yue = _score(text, markers.yue_literals, markers.yue_weights, markers.yue_patterns, evidence)
    if evidence != "Hans":
        yue += _score(text, markers.hk_literals, markers.hk_weights, (), evidence)
    cmn = _score(text, markers.cmn_literals, markers.cmn_weights, markers.cmn_patterns, evidence)
    return yue, cmn


def marker_scores(text: str) -> tuple[float, float]:
    """Raw (Cantonese, Mandarin) marker scores of a message, for debugging."""
    evidence = _script_evidence(text) if has_han(text) else None
    return _marker_scores(text, evidence)


def _chinese_default_script(language: str, previous_script: str | None) -> str:
    if previous_script in ("Hant", "Hans"):
        return previous_script
    return "Hant" if language == "yue" else "Hans"


def _latin_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).lower()
    return _LATIN_WORD_RE.findall(folded)


def _is_short_reply(text: str, words: list[str], short: frozenset[str]) -> bool:
    if _OPTION_RE.match(unicodedata.normalize("NFKC", text).lower()):
        return True
    if not words or len(words) > SHORT_REPLY_MAX_WORDS:
        return False
    return all(w in short or w.isdigit() for w in words)


def _distinct_matches(regex: re.Pattern[str] | None, text: str) -> set[str]:
    if regex is None:
        return set()
    return {m.group().replace(" ", "") for m in regex.finditer(text)}


def _chinese_previous(previous: str | None) -> str | None:
    """The previous language if it was Cantonese or Mandarin, else None."""
    return previous if previous in ("yue", "cmn") else None


def _detect_latin(text: str, previous: str | None, previous_script: str | None) -> LanguageGuess:
    """Messages without Han characters."""
    markers = _markers()
    words = _latin_words(text)
    chinese = _chinese_previous(previous)
    if not any(_LETTER_RE.search(w) for w in words):
        # emoji, digits, punctuation: nothing to go on
        if chinese is not None:
            script = _chinese_default_script(chinese, previous_script)
            return LanguageGuess(chinese, script, False)
        return LanguageGuess("en", "Latn", False)
    joined = " ".join(words)
    if chinese is not None:
        script = _chinese_default_script(chinese, previous_script)
        if _is_short_reply(text, words, markers.short_replies):
            return LanguageGuess(chinese, script, False)
        romanised = markers.romanised_yue if chinese == "yue" else markers.romanised_cmn
        if _distinct_matches(romanised, joined):
            return LanguageGuess(chinese, script, False)
        return LanguageGuess("en", "Latn", len(words) >= SHORT_REPLY_MAX_WORDS)
    if len(_distinct_matches(markers.romanised_yue_strong, joined)) >= 2:
        script = _chinese_default_script("yue", previous_script)
        return LanguageGuess("yue", script, False)
    return LanguageGuess("en", "Latn", True)


def detect_language(
    text: str, previous: str | None = None, *, previous_script: str | None = None
) -> LanguageGuess:
    """Guess the language and script of one texter message.

    ``previous`` is the language of the conversation so far ("en", "yue",
    "cmn" or None) and ``previous_script`` its Chinese script, if known. They
    decide short Latin replies ("ok", "2"), emoji-only messages and Chinese
    text without any Cantonese or Mandarin marker; ``confident`` is False in
    those cases.
    """
    if not has_han(text):
        return _detect_latin(text, previous, previous_script)

    evidence = _script_evidence(text)
    yue, cmn = _marker_scores(text, evidence)
    yue_weighted = yue * YUE_DOMINANCE
    if yue == 0 and cmn == 0:
        language = _chinese_previous(previous) or "cmn"
        confident = False
    elif yue > 0 and yue_weighted > cmn:
        language = "yue"
        confident = yue >= 2 and (cmn == 0 or yue_weighted >= 2 * cmn)
    else:
        language = "cmn"
        confident = cmn >= 2 and cmn >= 2 * yue_weighted
    script = evidence or _chinese_default_script(language, previous_script)
    return LanguageGuess(language, script, confident)


def script_in_context(text: str, detected: str, previous: str | None, region: str | None) -> str:
    """The script of `text` once the conversation is known.

    Text whose characters are the same in both scripts (我想死, 你好) says nothing by itself: the
    texter's earlier script decides, else the one usual where their number is from.
    """
    neutral = has_han(text) and detect_script(text, "Hans") != detect_script(text, "Hant")
    if not neutral:
        return detected
    if previous in ("Hant", "Hans"):
        return previous
    if region:
        return get_regions().script(region)
    return detected
