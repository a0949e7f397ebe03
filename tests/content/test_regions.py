"""content/regions.yml: the region facts every module reads through helpline.content.regions."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from actions.preferences import requested_language
from bot.triage.language import script_in_context
from helpline.content.directory import get_directory
from helpline.content.hours import get_hours
from helpline.content.regions import FALLBACK_REGION, get_regions


def test_every_served_region_has_its_facts() -> None:
    regions = get_regions()
    assert regions.served == ("HK", "MO", "CN", "TW", "SG", "MY", "GB", "US")
    for code in (*regions.served, FALLBACK_REGION):
        assert set(regions.names(code)) == {"en", "yue", "cmn"}, code
    for code in regions.served:
        ZoneInfo(regions.time_zone(code))
        assert get_hours().for_region(code).timezone == regions.time_zone(code)
        assert regions.places()[code], code


def test_the_usual_chinese_and_script_of_a_region() -> None:
    regions = get_regions()
    assert [regions.chinese(code) for code in ("HK", "MO", "TW", "CN", None)] == [
        "yue",
        "yue",
        "cmn",
        "cmn",
        "cmn",
    ]
    assert [regions.script(code) for code in ("HK", "MO", "TW", "CN", "CA", None)] == [
        "Hant",
        "Hant",
        "Hant",
        "Hans",
        "Hans",
        "Hans",
    ]
    assert requested_language("中文", None, "MO") == ("yue", None)
    assert script_in_context("我想死", "Hant", None, "TW") == "Hant"
    assert script_in_context("我想死", "Hant", None, "SG") == "Hans"


def test_the_directory_takes_served_regions_and_names_from_the_region_facts() -> None:
    directory = get_directory()
    assert directory.served == get_regions().served
    assert directory.canonical("gg") == "GB"
    assert (
        directory.region_name("TW", "cmn") == "台湾" and directory.region_name("ZZ", "en") == "your country"
    )
    assert get_regions().region_for_time_zone("Asia/Chongqing") == "CN"
    assert get_regions().simulator_numbers["Hong Kong"] == "+85291234567"
