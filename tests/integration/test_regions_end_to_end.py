"""Through signed webhooks from fresh numbers: every served region and a spread of countries on every
continent get their own crisis line (or emergency number + the international finder) and police route.
"""

from __future__ import annotations

import itertools
import re

import pytest

from helpline.content.directory import get_directory
from helpline.content.placeholders import placeholder_values
from helpline.content.script import to_script
from helpline.store.contacts import region_for_number
from tests.integration.conftest import RunningHelpline
from tests.integration.test_webhook_end_to_end import replies

pytestmark = pytest.mark.integration

# Apart from test_conversations.py's numbers (from 1000): the helpline is shared by the session,
# and a texter who inherited another test's crisis would rightly be asked whether they are safe.
_serial = itertools.count(5000)
# Valid mobile numbers: prefix, digits to add, and the region whose lines serve the number.
NUMBERS = {
    "HK": ("+8529123", 4, "HK"),
    "MO": ("+8536612", 4, "MO"),
    "CN": ("+861381234", 4, "CN"),
    "TW": ("+88691234", 4, "TW"),
    "SG": ("+659123", 4, "SG"),
    "MY": ("+6012345", 4, "MY"),
    "GB": ("+44740012", 4, "GB"),
    "GG": ("+447911", 6, "GB"),  # phonenumbers reads +44 7911 as Guernsey: the UK's lines serve it
    "US": ("+1202555", 4, "US"),
    "CA": ("+1613555", 4, "CA"),
    "MX": ("+5255", 8, "MX"),
    "BR": ("+55119", 8, "BR"),
    "AU": ("+61412", 6, "AU"),
    "NZ": ("+6421", 6, "NZ"),
    "JP": ("+8190", 8, "JP"),
    "PH": ("+63917", 7, "PH"),
    "IN": ("+9198", 8, "IN"),
    "DE": ("+49151", 8, "DE"),
    "ZA": ("+2782", 7, "ZA"),
    "KE": ("+2547", 8, "KE"),
    "EG": ("+2010", 8, "EG"),
}
CRISIS_TEXT = {
    "en": "he posted it everywhere i just want to kill myself",
    "yue": "佢放咗上網 我唔想再生存",
    "cmn": "视频被发出去了 我不想活了",
}
SERVED = {
    "HK": ("yue", "Hant"),
    "MO": ("yue", "Hant"),
    "CN": ("cmn", "Hans"),
    "TW": ("cmn", "Hant"),
    "SG": ("en", "Latn"),
    "MY": ("en", "Latn"),
    "GB": ("en", "Latn"),
    "GG": ("en", "Latn"),
    "US": ("en", "Latn"),
}
WORLD = ("CA", "MX", "BR", "AU", "NZ", "JP", "PH", "IN", "DE", "ZA", "KE", "EG")
POLICE_QUESTION = {"en": "how do i report this to the police", "yue": "點樣報警", "cmn": "怎么报警"}
NOT_A_REPORT_ROUTE = {"HK": "18222", "SG": "1799", "TW": "165", "CN": "96110", "MO": "8800"}


def fresh_number(place: str) -> tuple[str, str]:
    prefix, width, region = NUMBERS[place]
    number = f"{prefix}{next(_serial) % 10**width:0{width}d}"
    assert region_for_number(number) == region, number
    return number, region


def expected(region: str, language: str, script: str) -> dict[str, str]:
    values = placeholder_values(get_directory(), region, language)
    return {key: to_script(value, script, language) for key, value in values.items()}


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("place", [*SERVED, *WORLD])
def test_a_crisis_text_gets_that_countrys_crisis_line(helpline: RunningHelpline, place: str) -> None:
    language, script = SERVED.get(place, ("en", "Latn"))
    number, region = fresh_number(place)
    text = to_script(CRISIS_TEXT[language], script, language)  # written in the texter's own script
    answer = plain(" ".join(replies(helpline.text(text, number))))
    values = expected(region, language, script)
    assert values["crisis_line"] in answer, (place, answer)
    assert values["emergency"] in answer, (place, answer)
    assert "local emergency" not in answer and "當地緊急" not in answer and "当地紧急" not in answer
    if place in NOT_A_REPORT_ROUTE:
        assert NOT_A_REPORT_ROUTE[place] not in values["crisis_line"]
    if place == "MO":
        assert "993" not in answer  # the Judiciary Police report line is never the crisis line


@pytest.mark.parametrize("place", [*SERVED, "CA", "JP", "KE"])
def test_how_do_i_report_to_the_police_names_the_real_route(helpline: RunningHelpline, place: str) -> None:
    language, script = SERVED.get(place, ("en", "Latn"))
    number, region = fresh_number(place)
    question = to_script(POLICE_QUESTION[language], script, language)
    answer = plain(" ".join(replies(helpline.text(question, number))))
    route = expected(region, language, script)["police_route"]
    assert route in answer, (place, answer)
    if place in NOT_A_REPORT_ROUTE:
        assert not re.search(rf"[:：]\s*{NOT_A_REPORT_ROUTE[place]}", answer), answer
