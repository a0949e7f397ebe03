"""The words a lexicon pattern cannot match without (bot/triage/needles.py): the crisis lexicon skips a
pattern when a message has none of them, so the promise must hold, or a signal would be missed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.triage import crisis
from bot.triage.needles import keys_of, needles, text_keys

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("kill myself", {"kill myself"}),
        (r"\bkill (myself|me)\b", {"kill "}),  # the longer guaranteed word
        ("(overdose|od) on", {" on"}),
        ("(pills|tablets|藥)", {"pills", "tablets", "藥"}),
        ("想(死|自杀)", {"想"}),
        ("(?:jump off)", {"jump off"}),
        ("(?<![a-z])die(?![a-z])", {"die"}),
        ("(?:cut)+ting", {"ting"}),
        ("[鎅𠝹界](女|仔)", {"女", "仔"}),
        ("(?i:Bye) now", {" now"}),
    ],
)
def test_the_needles_are_words_every_match_contains(pattern: str, expected: set[str]) -> None:
    assert needles(re.compile(pattern)) == expected


@pytest.mark.parametrize(
    "pattern",
    ["a?", "(kill)*", "(die|)", "[a-z]+", ".", r"(\w)\1", "(?i)die", "(?i:die)", r"\bx?\b", "[^x]"],
)
def test_no_needles_when_nothing_is_promised(pattern: str) -> None:
    assert needles(re.compile(pattern)) is None


def test_a_text_holds_the_key_of_every_needle_it_contains() -> None:
    found = needles(re.compile("(i want to die|唔想再活|od)"))
    assert found is not None
    keys = keys_of(found)
    assert keys == {"wan", "唔想再", "od"}  # three characters, without a space when there is such a stretch
    for text in ("tbh i want to die", "我真係唔想再活落去", "gonna od tonight"):
        assert not keys.isdisjoint(text_keys(text))
    assert keys.isdisjoint(text_keys("we went to the beach"))


def _lexicon_sides() -> list[tuple[str, crisis._Side]]:
    lexicon = crisis._lexicon()
    sides = [
        (f"{entry.signal}:{script}", side)
        for entry in (*lexicon.entries, *lexicon.third_party)
        for script, side in (("han", entry.han), ("latin", entry.latin))
        if side.matchers
    ]
    for name in ("idioms_han", "idioms_latin", "homographs_han", "homographs_latin"):
        sides.append((name, getattr(lexicon, name)))
    return sides


def _texts() -> list[str]:
    """Normalised texts with risk from the opened recognition sets (where the lexicon matches most), and
    the crisis test cases: a few thousand that exercise every family."""
    texts: list[str] = []
    for path in sorted((ROOT / "tests" / "nlu").glob("dev*/dev*_*.yml"))[:12]:
        cases = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        texts += [str(case["text"]) for case in cases if case.get("risk") in ("crisis", "concern")]
    for path in sorted((ROOT / "tests" / "nlu").glob("cases_*.yml")):
        cases = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        texts += [str(case["text"]) for case in cases if isinstance(case, dict) and "text" in case]
    return [crisis.normalise(text) for text in texts]


def _any_pattern(side: crisis._Side) -> re.Pattern[str]:
    """The side's union, or for an idiom list (searched pattern by pattern) one built here."""
    if side.union is not None:
        return side.union
    return re.compile("|".join(f"(?:{m.regex.pattern})" for m in side.matchers))


def test_every_lexicon_pattern_keeps_the_promise_on_real_texts() -> None:
    """Wherever a lexicon pattern matches one of these texts, its side's needles and keys are in the text."""
    texts = _texts()
    assert len(texts) > 1000
    broken = []
    matched = 0
    for name, side in _lexicon_sides():
        pattern = _any_pattern(side)
        for text in texts:
            if pattern.search(text) is None:
                continue
            matched += 1
            if not side.may_match(text, text_keys(text)):
                broken.append((name, text))
    assert matched > 1000  # the texts do exercise the lexicon
    assert not broken


def test_every_lexicon_pattern_promises_a_word() -> None:
    """A pattern without needles is searched in every message: cheap to keep so, but said when it happens."""
    lexicon = crisis._lexicon()
    matchers = [m for _, side in _lexicon_sides() for m in side.matchers] + list(lexicon.denials)
    assert [m.regex.pattern for m in matchers if m.needles is None] == []
