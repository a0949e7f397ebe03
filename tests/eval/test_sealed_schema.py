"""The sealed evaluation set is complete, well labelled and kept out of the training data."""

from __future__ import annotations

import re
from collections import Counter

import opencc
import pytest

from scripts.sealed_eval import (
    FAMILIES,
    LANGUAGES,
    REPO_ROOT,
    item_problems,
    load_sealed,
)

CASES = load_sealed()


def test_the_set_is_large_enough_in_every_language() -> None:
    assert len(CASES) >= 300
    per_language = Counter(case["language"] for case in CASES)
    assert set(per_language) == set(LANGUAGES)
    assert all(per_language[language] >= 100 for language in LANGUAGES), per_language


def test_every_item_is_valid_and_has_a_source() -> None:
    problems = {case.get("id"): item_problems(case) for case in CASES}
    assert {key: value for key, value in problems.items() if value} == {}


def test_ids_and_texts_are_unique() -> None:
    ids = Counter(case["id"] for case in CASES)
    texts = Counter(re.sub(r"\s+", " ", case["text"].strip().lower()) for case in CASES)
    assert [key for key, count in ids.items() if count > 1] == []
    assert [key for key, count in texts.items() if count > 1] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_family_is_present_in_each_language(language: str) -> None:
    present = {case["family"] for case in CASES if case["language"] == language}
    assert set(FAMILIES) - present == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_third_party_risk_and_false_alarm_texts_in_each_language(language: str) -> None:
    chosen = [case for case in CASES if case["language"] == language]
    assert sum(case["risk_about"] == "other" for case in chosen) >= 5
    harmless_or_idiom = sum(case["family"] in ("harmless", "idiom") for case in chosen)
    assert harmless_or_idiom / len(chosen) >= 0.25


def test_chinese_texts_in_both_scripts_and_labelled_with_the_script_they_use() -> None:
    to_simplified = opencc.OpenCC("t2s")
    wrong = []
    for case in CASES:
        if case["language"] == "en":
            continue
        simplified = to_simplified.convert(case["text"])
        if (case["script"] == "Hans") != (simplified == case["text"]):
            wrong.append(case["id"])
    assert wrong == []
    for language in ("yue", "cmn"):
        scripts = Counter(case["script"] for case in CASES if case["language"] == language)
        assert scripts["Hans"] >= 5 and scripts["Hant"] >= 5, (language, scripts)


def test_no_sealed_text_is_in_the_training_or_development_data() -> None:
    """A leak guard: the sealed texts must never be copied into data or the other test sets."""
    normalise = lambda text: re.sub(r"\s+", " ", text.strip().lower())  # noqa: E731
    corpus = " ".join(
        normalise(path.read_text(encoding="utf-8"))
        for pattern in ("data/**/*.yml", "data/**/*.yaml", "tests/nlu/cases_*.yml", "tests/nlu/fresh/*.yml")
        for path in REPO_ROOT.glob(pattern)
    )
    assert corpus, "expected the training data under data/"
    leaked = [case["id"] for case in CASES if normalise(case["text"]) in corpus]
    assert leaked == []
