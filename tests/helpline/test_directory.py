"""The directory is the single source of numbers: complete, sourced and dated."""

from __future__ import annotations

import datetime as dt

import pytest

from channels.notices import notice, notice_keys, safety_lines
from helpline.directory import Directory, get_directory

REGIONS = ("HK", "CN", "MO", "TW", "SG", "MY", "GB", "US", "INTL")


def test_every_entry_has_a_source_and_a_checked_date() -> None:
    for service in get_directory().all_services():
        assert service.source.strip(), service
        assert dt.date.fromisoformat(service.checked) <= dt.date.today()
        assert service.number or service.url
        assert set(service.names) == {"en", "yue", "cmn"}


def test_every_region_is_listed_and_has_an_emergency_route() -> None:
    directory = get_directory()
    assert set(REGIONS) <= set(directory.regions)
    for region in REGIONS[:-1]:
        assert directory.first_number(region, "emergency", "police"), region


def test_unknown_regions_fall_back_to_international() -> None:
    directory = get_directory()
    assert directory.resolve_region("FR") == "INTL"
    assert directory.resolve_region(None) == "INTL"


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("HK", "999 / The Samaritans 2896 0000"),
        ("TW", "110"),
        ("US", "911 / 988"),
        ("GB", "999 / Samaritans 116 123"),
    ],
)
def test_safety_lines_per_region(region: str, expected: str) -> None:
    assert safety_lines(get_directory(), region, "en").startswith(expected)


def test_notices_exist_in_every_language_and_fit_the_sms_budget() -> None:
    directory: Directory = get_directory()
    for key in notice_keys():
        for language, script in (("en", "Latn"), ("yue", "Hant"), ("cmn", "Hans"), ("cmn", "Hant")):
            text = notice(key, language, script, "HK", directory)
            if language == "en":
                assert text.isascii(), (key, text)
                assert len(text) <= 3 * 153, (key, len(text))
            else:
                assert len(text) <= 3 * 67, (key, len(text))
