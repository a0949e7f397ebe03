"""Every response: all languages, within the SMS budget, numbers only from the directory, no blame."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpline.directory import get_directory
from helpline.placeholders import PLACEHOLDERS, placeholder_values
from helpline.retention import RETENTION_PLACEHOLDERS, retention_placeholders
from helpline.script import to_script
from helpline.sms import is_gsm7, segments

DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"
SEGMENT_BUDGET = 3
SHORT_NUMBERS = {"24", "18", "15"}
LANGUAGE_SCRIPTS = (("en", "Latn"), ("yue", "Hant"), ("yue", "Hans"), ("cmn", "Hans"), ("cmn", "Hant"))
BANNED = [
    r"shouldn'?t have",
    r"should not have",
    r"why did you",
    r"(?<!not )(?<!n't )your (?:own )?fault",
    r"be more careful",
    r"\bjust pay\b",
    r"\bpay (?:them|him|her|it)\b",
    r"(?<!唔)係你嘅錯",
    r"(?<!不)是你的错",
    r"你不應該",
    r"你不应该",
    r"你唔應該",
    r"點解你要",
    r"为什么你要",
    r"為什麼你要",
    r"付钱给他",
    r"俾錢佢啦",
]


def load_responses() -> dict[str, list[dict]]:
    responses: dict[str, list[dict]] = {}
    for path in sorted(DOMAIN.glob("*.yml")):
        responses.update((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {})
    return responses


RESPONSES = load_responses()


def variation(name: str, language: str) -> str:
    for candidate in RESPONSES[name]:
        conditions = candidate.get("condition") or []
        values = {c["value"] for c in conditions if c.get("name") == "language"}
        if (language == "en" and not conditions) or language in values:
            return candidate["text"]
    raise AssertionError(f"{name} has no {language} variation")


def render(name: str, language: str, script: str, region: str) -> str:
    values = {**placeholder_values(get_directory(), region, language), **retention_placeholders()}
    text = variation(name, language)
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return to_script(text, script, language)


def directory_numbers() -> set[str]:
    numbers = set()
    for service in get_directory().all_services():
        if service.number:
            numbers.add(re.sub(r"\D", "", service.number))
    return numbers


def test_there_are_responses() -> None:
    assert len(RESPONSES) >= 50


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_every_response_exists_in_english_cantonese_and_mandarin(name: str) -> None:
    for language in ("en", "yue", "cmn"):
        assert variation(name, language).strip()
    assert len(RESPONSES[name]) == 3, name


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_placeholders_are_only_directory_values(name: str) -> None:
    for language in ("en", "yue", "cmn"):
        for placeholder in re.findall(r"\{(\w+)\}", variation(name, language)):
            assert placeholder in PLACEHOLDERS + RETENTION_PLACEHOLDERS, (name, language, placeholder)


@pytest.mark.parametrize("name", sorted(RESPONSES))
@pytest.mark.parametrize("region", get_directory().regions)
def test_segment_budget_and_numbers_in_every_region_language_and_script(name: str, region: str) -> None:
    known = directory_numbers()
    days = set(retention_placeholders().values())
    for language, script in LANGUAGE_SCRIPTS:
        text = render(name, language, script, region)
        assert segments(text) <= SEGMENT_BUDGET, (name, region, language, script, segments(text), text)
        for value in days:  # retention periods in days, not phone numbers
            text = re.sub(rf"(?<!\d){value}(?=\s?(?:days|日|天))", "", text)
        for number in re.findall(r"\d[\d -]{1,}\d", text):
            assert re.sub(r"\D", "", number) in known, (name, language, number)
        for digit_run in re.findall(r"\d+", text):
            # Short runs: menu digits, "24" hours, "18" (Take It Down's age limit), the wait in minutes.
            allowed = len(digit_run) == 1 or digit_run in SHORT_NUMBERS or any(digit_run in n for n in known)
            assert allowed, (name, language, digit_run)


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_english_is_gsm7(name: str) -> None:
    for region in ("HK", "US", "INTL"):
        text = render(name, "en", "Latn", region)
        assert is_gsm7(text), (name, [ch for ch in text if not is_gsm7(ch)])


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_no_blame_and_never_advice_to_pay(name: str) -> None:
    for language in ("en", "yue", "cmn"):
        text = variation(name, language).lower()
        for pattern in BANNED:
            assert not re.search(pattern, text), (name, language, pattern)


def test_segments_counts_gsm7_and_ucs2() -> None:
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2 and segments("a" * 306) == 2
    assert segments("中" * 70) == 1 and segments("中" * 71) == 2 and segments("中" * 135) == 3
    assert not is_gsm7("don’t") and is_gsm7("don't")
