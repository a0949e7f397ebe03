"""The directory is the single source of numbers: complete, sourced, dated, and every number in its role."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from helpline.content.directory import Directory, get_directory
from helpline.content.notices import notice, notice_keys, safety_lines
from helpline.content.placeholders import PLACEHOLDERS, placeholder_values
from helpline.content.sms import is_gsm7

SERVED = ("HK", "MO", "CN", "TW", "SG", "MY", "GB", "US")
LANGUAGES = ("en", "yue", "cmn")
FINDER = "findahelpline.com"
# A spread of countries on every continent that the helpline does not serve.
WORLD = (
    *("CA", "MX", "BR"),  # the Americas
    *("AU", "NZ"),  # Oceania
    *("JP", "KR", "IN", "PH", "ID", "TH", "VN", "AE"),  # Asia
    *("DE", "FR"),  # Europe
    *("ZA", "NG", "KE", "EG"),  # Africa
)
# Lines that are not where a report is made, nor a crisis line (REFERENCE.md corrections).
NOT_A_REPORT_ROUTE = {"HK": "18222", "SG": "1799", "TW": "165", "CN": "96110"}
MAX_CHARS = {"en": 70, "yue": 48, "cmn": 48}


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def numbers_in(text: str) -> set[str]:
    """The phone numbers a value holds, as digit strings ("2896 0000" -> "28960000")."""
    return {digits(n) for n in re.findall(r"\d[\d -]*\d|\d", text)}


def test_every_entry_has_a_source_and_a_checked_date() -> None:
    directory = get_directory()
    for service in directory.all_services():
        assert service.source.strip(), service
        assert dt.date.fromisoformat(service.checked) <= dt.date.today()
        assert service.number or service.url, service
        assert set(service.names) == set(LANGUAGES), service
        if service.texts:
            assert set(service.texts) == set(LANGUAGES), service
            for text in service.texts.values():  # the whole value names the number or address it is about
                assert (service.number and digits(service.number) in digits(text)) or (
                    service.url and service.url in text
                ), (service, text)
    source = directory.countries_source
    assert "eccdata.txt" in source["source_url"] and re.fullmatch(r"[0-9a-f]{40}", source["source_commit"])
    assert dt.date.fromisoformat(source["checked"]) <= dt.date.today()
    assert len(directory.countries) >= 200


@pytest.mark.parametrize("region", SERVED)
def test_every_served_region_has_emergency_crisis_and_police_route(region: str) -> None:
    directory = get_directory()
    assert directory.served == SERVED
    assert [s for s in directory.services(region, "emergency") if s.number], region
    assert directory.services(region, "police"), region
    assert directory.services(region, "payment"), region
    crisis = directory.services(region, "crisis")
    for language in LANGUAGES:
        values = placeholder_values(directory, region, language)
        if not any(s.hours == "24h" for s in crisis):  # no 24-hour line: the emergency number beside it
            assert values["emergency"] in values["crisis_line"], (region, values["crisis_line"])


@pytest.mark.parametrize("region", SERVED)
def test_no_number_in_the_wrong_role(region: str) -> None:
    directory = get_directory()
    emergency = {digits(n) for s in directory.services(region, "emergency") for n in s.number.split("/")}
    not_crisis = {
        digits(s.number)
        for kind in ("police", "anti_scam", "payment")
        for s in directory.services(region, kind)
        if s.number
    } - emergency
    for service in directory.services(region, "crisis") + directory.services(region, "child"):
        assert digits(service.number or "") not in not_crisis, service
    for language in LANGUAGES:
        values = placeholder_values(directory, region, language)
        for key in ("crisis_line", "child_line"):
            assert not numbers_in(values[key]) & not_crisis, (region, language, key, values[key])
        assert values["police_route"] == values["police_line"]
        if region in NOT_A_REPORT_ROUTE:
            route = values["police_route"]
            assert NOT_A_REPORT_ROUTE[region] not in numbers_in(route), route
            assert NOT_A_REPORT_ROUTE[region] in numbers_in(values["anti_scam_line"])


def test_the_corrected_routes() -> None:
    directory = get_directory()
    macau = placeholder_values(directory, "MO", "yue")
    assert macau["emergency"] == "999" and "2852 5222" in macau["crisis_line"]
    assert "993" not in macau["crisis_line"] and "993" in macau["police_route"]
    assert "police.gov.hk" in placeholder_values(directory, "HK", "en")["police_route"]
    assert "eservices.police.gov.sg" in placeholder_values(directory, "SG", "en")["police_route"]
    assert "派出所" in placeholder_values(directory, "CN", "cmn")["police_route"]
    assert "1767" in placeholder_values(directory, "SG", "en")["crisis_line"]
    malaysia = placeholder_values(directory, "MY", "en")
    assert "15555" in malaysia["crisis_line"] and "999" in malaysia["crisis_line"]
    assert "997" in malaysia["payment_route"] and "997" in malaysia["police_route"]
    assert "18222" in placeholder_values(directory, "HK", "en")["payment_route"]
    assert "1799" in placeholder_values(directory, "SG", "en")["payment_route"]
    assert "12356" in placeholder_values(directory, "CN", "cmn")["crisis_line"]


@pytest.mark.parametrize(
    ("region", "minor", "expected"),
    [
        ("GB", True, "Report Remove"),
        ("GB", False, "0345 6000 459"),
        ("TW", False, "siarc.mohw.gov.tw"),
        ("TW", True, "Take It Down"),
        ("HK", True, "Take It Down"),
        ("HK", False, "StopNCII"),
        ("JP", False, "StopNCII"),
        (None, True, "Take It Down"),
    ],
)
def test_takedown_is_routed_by_age_and_region(region: str | None, minor: bool, expected: str) -> None:
    values = placeholder_values(get_directory(), region, "en", minor=minor)
    assert expected in values["takedown"]
    assert values["takedown"] == values["takedown_minor" if minor else "takedown_adult"]


@pytest.mark.parametrize("country", WORLD)
def test_every_continent_gets_a_real_emergency_number_and_the_finder(country: str) -> None:
    directory = get_directory()
    assert directory.resolve_region(country) == country  # its own entry, never another country's
    number = directory.country(country)
    assert number and number.emergency
    for language in LANGUAGES:
        values = placeholder_values(directory, country, language)
        assert values["emergency"] == " / ".join(number.emergency)
        assert re.fullmatch(r"[\d /-]+", values["emergency"]), values["emergency"]
        crisis = values["crisis_line"]
        assert FINDER in crisis or directory.services(country, "crisis"), crisis
        assert values["crisis_finder"] == FINDER
        assert values["region_name"] not in ("your country", "你所在地"), country
        for value in values.values():
            assert "local emergency" not in value and "當地緊急" not in value and "当地紧急" not in value


def test_confirmed_crisis_lines_of_other_countries() -> None:
    directory = get_directory()
    canada = placeholder_values(directory, "CA", "en")
    assert "9-8-8" in canada["crisis_line"] and canada["emergency"] == "911"
    assert "13 11 14" in placeholder_values(directory, "AU", "en")["crisis_line"]


def test_unknown_regions_get_112_and_911_and_the_finder() -> None:
    directory = get_directory()
    assert directory.resolve_region("FR") == "FR"
    assert directory.resolve_region("ZZ") == "INTL" and directory.resolve_region(None) == "INTL"
    for region in (None, "ZZ"):
        values = placeholder_values(directory, region, "en")
        assert values["emergency"] == "112 / 911"
        assert "112 / 911" in values["crisis_line"] and FINDER in values["crisis_line"]


def test_territories_use_the_lines_that_serve_them() -> None:
    directory = get_directory()
    for territory in ("GG", "JE", "IM"):
        assert directory.resolve_region(territory) == "GB"
        assert placeholder_values(directory, territory, "en") == placeholder_values(directory, "GB", "en")


@pytest.mark.parametrize("region", (*get_directory().regions, *WORLD, None))
def test_placeholder_values_are_complete_short_and_gsm7(region: str | None) -> None:
    directory = get_directory()
    for language in LANGUAGES:
        for minor in (False, True):
            values = placeholder_values(directory, region, language, minor=minor)
            assert tuple(values) == PLACEHOLDERS
            for key, value in values.items():
                assert value.strip(), (region, language, key)
                assert len(value) <= MAX_CHARS[language], (region, language, key, len(value), value)
                if language == "en":
                    assert is_gsm7(value), (region, key, value)
                    assert value.isascii(), (region, key, value)


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("HK", "999 / The Samaritans 2896 0000"),
        ("TW", "110 / 119 / Safe line 1925"),
        ("US", "911 / 988"),
        ("GB", "999 / Samaritans 116 123"),
        ("MO", "999 / Caritas 2852 5222"),
        ("CA", "9-8-8 Suicide Crisis Helpline (call or text), or 911"),
        ("PH", "911 (more lines: findahelpline.com)"),
        (None, "112 / 911 (more lines: findahelpline.com)"),
    ],
)
def test_safety_lines_per_region(region: str | None, expected: str) -> None:
    assert safety_lines(get_directory(), region, "en").startswith(expected)


def test_notices_exist_in_every_language_and_fit_the_sms_budget() -> None:
    directory: Directory = get_directory()
    for region in (*directory.served, "JP", None):
        for key in notice_keys():
            for language, script in (("en", "Latn"), ("yue", "Hant"), ("cmn", "Hans"), ("cmn", "Hant")):
                text = notice(key, language, script, region, directory)
                assert "local emergency" not in text
                if language == "en":
                    assert text.isascii(), (key, text)
                    assert len(text) <= 3 * 153, (key, len(text))
                else:
                    assert len(text) <= 3 * 67, (key, region, len(text))
