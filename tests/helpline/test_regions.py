"""Where the region comes from (the number, or what the texter says) and the lines it then gets."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.triage_policy import wanted_slots
from bot.triage.region import stated_region
from helpline.content.directory import get_directory
from helpline.content.placeholders import placeholder_values
from helpline.store.contacts import region_for_number
from scripts.import_emergency_numbers import build, parse_eccdata


@pytest.mark.parametrize(
    ("number", "region"),
    [
        ("+85291234567", "HK"),
        ("+85366123456", "MO"),
        ("+8613812345678", "CN"),
        ("+886912345678", "TW"),
        ("+6591234567", "SG"),
        ("+60123456789", "MY"),
        ("+12025550123", "US"),
        ("+447911123456", "GB"),  # phonenumbers reads +44 7911 as Guernsey
        ("+447700900123", "GB"),  # outside the allocated ranges: the country code's country
        ("+447624123456", "GB"),  # Isle of Man
        ("+16135550100", "CA"),  # Canada keeps its own country, not the US
        ("+61412345678", "AU"),
        ("+639171234567", "PH"),
        ("+819012345678", "JP"),
        ("+4915123456789", "DE"),
        ("+5511912345678", "BR"),
        ("+254712345678", "KE"),
        ("+80012345678", None),  # international freephone: no country
        ("not a number", None),
    ],
)
def test_region_for_number(number: str, region: str | None) -> None:
    assert region_for_number(number) == region


def test_a_guernsey_read_uk_number_gets_uk_lines_and_canada_gets_988() -> None:
    directory = get_directory()
    uk = placeholder_values(directory, region_for_number("+44 7911 123456"), "en")
    assert uk["emergency"] == "999" and "116 123" in uk["crisis_line"] and uk["region_name"] == "the UK"
    canada = placeholder_values(directory, region_for_number("+1 613 555 0100"), "en")
    assert "9-8-8" in canada["crisis_line"] and canada["emergency"] == "911"
    assert canada["region_name"] == "Canada" and "988 Lifeline" not in canada["crisis_line"]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("I am in Canada", "CA"),
        ("我喺澳洲", "AU"),
        ("我在日本", "JP"),
        ("I live in Manila", "PH"),
        ("I am in Guernsey", "GB"),
        ("我而家喺香港", "HK"),
        ("I am in New Jersey", None),
        ("my friend from Japan", None),
    ],
)
def test_stated_region(text: str, region: str | None) -> None:
    assert stated_region(text) == region


def _tracker(triage: dict, metadata: dict) -> DialogueStateTracker:
    message = UserUttered(
        "I'm 15 and he has my photos",
        intent={"name": "report_sextortion", "confidence": 1.0},
        parse_data={"intent": {"name": "report_sextortion"}, "entities": [], "triage": triage},
        metadata=metadata,
    )
    return DialogueStateTracker.from_events("texter", [message])


def test_the_policy_passes_minor_and_region_to_the_filler() -> None:
    triage = {"language": "en", "script": "Latn", "crisis": False, "minor": True, "age": 15}
    minor = wanted_slots(_tracker(triage, {"region": "GB", "channel": "sms"}))
    assert "Report Remove" in minor["takedown"] and minor["takedown"] == minor["takedown_minor"]
    assert minor["police_route"] == minor["police_line"] and "101" in minor["police_route"]
    grown_up = {**triage, "minor": False, "age": None}
    adult = wanted_slots(_tracker(grown_up, {"region": "GB", "channel": "sms"}))
    assert "Revenge Porn Helpline" in adult["takedown"]
    abroad = wanted_slots(_tracker(grown_up, {"region": "PH", "channel": "sms"}))
    assert abroad["emergency"] == "911" and "findahelpline.com" in abroad["crisis_line"]


ECCDATA = """revision: 2
countries {
  iso_code: "JP"
  eccs {
    phone_number: "110"
    types: POLICE
    routing: EMERGENCY
  }
  eccs {
    phone_number: "119"
    types: AMBULANCE
    types: FIRE
  }
  ecc_fallback: "112"
}
countries {
  iso_code: "FR"
  eccs {
    phone_number: "17"
    types: POLICE
    routing: NORMAL
  }
  eccs {
    phone_number: "112"
    types: POLICE
    types: AMBULANCE
    types: FIRE
    routing: EMERGENCY
  }
  ecc_fallback: "112"
}
"""


def test_the_emergency_number_import() -> None:
    assert [c["iso_code"] for c in parse_eccdata(ECCDATA)] == ["JP", "FR"]
    data = build(ECCDATA, "0" * 40, "2023-12-08")
    japan, france = data["countries"]["JP"], data["countries"]["FR"]
    assert japan["emergency"] == ["110", "119"] and japan["police"] == "110"
    assert france["emergency"] == ["112"] and france["police"] == "112"
    assert france["name"] == {"en": "France", "yue": "法國", "cmn": "法国"}
    assert data["source_commit"] == "0" * 40 and "eccdata.txt" in data["source_url"]
