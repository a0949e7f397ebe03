"""Issue 15 through signed webhooks (nobody on duty): a child someone is trying to meet is told, in the
first reply, not to go, to tell a trusted adult today and to call the region's emergency number; the
handoff is urgent with reason `grooming`; an outing threat gets the outing reassurance, a confirmed
LGBTQ+ line where the region has one, and every threat step; an adult's dating scam stays a dating scam.
Wording other than the issue's examples."""

from __future__ import annotations

import pytest

from tests.integration.conftest import RunningHelpline
from tests.integration.test_conversations import Texter, handoffs

pytestmark = pytest.mark.integration

MEETINGS = [
    (
        "HK",
        "en",
        "Latn",
        "im 13 and a guy from tiktok says he'll pick me up after school and take me to his flat",
        ("Do not go", "not in trouble", "today", "999"),
    ),
    (
        "HK",
        "yue",
        "Hant",
        "我中一 有個網友話教我數學 叫我星期六自己一個去佢屋企",
        ("唔好去見佢", "唔會有麻煩", "今日", "999"),
    ),
    (
        "CN",
        "cmn",
        "Hans",
        "我13岁 网上认识的哥哥说要给我补课 约我周末去酒店",
        ("不要去见对方", "不会有麻烦", "今天", "110"),
    ),
    (
        "TW",
        "cmn",
        "Hant",
        "我國二 網友說放學要在校門口等我 帶我去他家",
        ("不要去見對方", "不會有麻煩", "今天", "110"),
    ),
]


@pytest.mark.parametrize(("region", "language", "script", "text", "needed"), MEETINGS)
def test_a_child_asked_to_meet_is_told_not_to_go_and_the_handoff_is_urgent(
    helpline: RunningHelpline, region: str, language: str, script: str, text: str, needed: tuple[str, ...]
) -> None:
    child = Texter(helpline, region, language, script)
    first = child.send(text)
    assert first == child.expect("utter_grooming_first"), first
    assert all(word in first[0] for word in needed), first
    queue = [h for h in handoffs(helpline).list("waiting") if h.region == region and h.reason == "grooming"]
    assert queue and all(h.priority == "urgent" for h in queue)
    # the child's steps go on while they wait
    step = child.send("1")
    expected = child.expect("utter_minor_help")[0]
    assert len(step) == 1 and step[0][:12] == expected[:12] and step[0][-12:] == expected[-12:], step


OUTINGS = [
    (
        "US",
        "en",
        "Latn",
        "this guy from a gay app recorded our call and will tell my parents im gay unless i pay",
    ),
    ("HK", "yue", "Hant", "有人錄咗我同佢視像 話唔俾錢就話晒俾我屋企人知我係同志"),
    ("CN", "cmn", "Hans", "对方录了我们视频聊天 说不转钱就告诉我父母我是同性恋"),
    ("TW", "cmn", "Hant", "他錄了我們視訊 說不給錢就公開我是同志"),
]


@pytest.mark.parametrize(("region", "language", "script", "text"), OUTINGS)
def test_an_outing_threat_gets_the_reassurance_and_the_steps(
    helpline: RunningHelpline, region: str, language: str, script: str, text: str
) -> None:
    adult = Texter(helpline, region, language, script)
    first = adult.send(text)
    assert first == adult.expect("utter_outing_reassure"), first
    if region == "US":
        assert "Trevor Project" in first[0]
    assert adult.send("1") == adult.expect("utter_step_stop_contact")
    assert adult.send("1") == adult.expect("utter_step_no_pay")


def test_an_adult_dating_scam_with_a_hotel_is_not_grooming(helpline: RunningHelpline) -> None:
    adult = Texter(helpline, "GB", "en", "Latn")
    first = adult.send(
        "im 34, paid a girl from a dating app a deposit and now she wants a hotel fee before we meet"
    )
    assert first[-1] == adult.expect("utter_dating_reassure")[0], first
    assert first[0] == adult.expect("utter_dating_meeting_safety")[0], first
    assert not [h for h in handoffs(helpline).list("waiting") if h.region == "GB" and h.reason == "grooming"]
