"""Issue 15, the dialogue: a child someone is trying to meet is told at once not to go, to tell a trusted
adult today and to call the emergency number; the handoff is urgent with reason `grooming`; an outing
threat gets the steps and the outing reassurance; false alarms stay on their paths.

Conversations go through the real routing policy and actions (tests/actions/conversation.py); the parse's
`triage` comes from the real rule-based triage (`triage_for`), so the grooming lexicon is exercised too.
"""

from __future__ import annotations

import pytest

import actions.safety
import actions.waiting
from actions.waiting import TURN_SEGMENT_BUDGET, rendered, turn_segments
from bot.components.triage import triage_for
from helpline.content.script import to_script
from tests.actions.conversation import Conversation, services_on


@pytest.fixture()
def services(tmp_path, monkeypatch):
    found = services_on(tmp_path / "helpline.db")
    monkeypatch.setattr(actions.safety, "get_action_services", lambda: found)
    monkeypatch.setattr(actions.waiting, "get_action_services", lambda: found)
    return found


def texter(services, region: str, language: str, script: str, **slots) -> Conversation:
    return Conversation(services, region=region, language=language, script=script, slots=slots)


async def say(conversation: Conversation, text: str, intent: str = "report_sextortion") -> list[str]:
    triage, _ = triage_for(text, {})
    return await conversation.send(text, intent, **triage)


# What the first reply must say, per language and script (rendered in the texter's script).
FIRST_REPLY_MUST_SAY = {
    ("en", "Latn"): (
        "Do not go to meet them",
        "not in trouble",
        "adult you trust today",
        "Keep all the messages",
    ),
    ("yue", "Hant"): ("唔好去見佢", "唔會有麻煩", "今日就話俾爸媽", "保留所有訊息"),
    ("cmn", "Hans"): ("不要去见对方", "不会有麻烦", "今天就告诉爸妈", "保留所有消息"),
    ("cmn", "Hant"): ("不要去見對方", "不會有麻煩", "今天就告訴爸媽", "保留所有訊息"),
}

CHILD_MEETINGS = [
    ("HK", "en", "Latn", "im 13, a guy i met on ig says he'll take me to a hotel after my tuition class"),
    ("HK", "yue", "Hant", "我讀中二 有個網上識嘅大哥哥話星期日揸車嚟接我去佢屋企"),
    ("CN", "cmn", "Hans", "我14岁 游戏里认识的人说周六要来我家楼下接我出去"),
    ("TW", "cmn", "Hant", "我國一 網友說要幫我補習 約我去他家"),
]


@pytest.mark.parametrize(("region", "language", "script", "text"), CHILD_MEETINGS)
async def test_a_child_asked_to_meet_is_told_what_keeps_them_safe_in_the_first_reply(
    services, region: str, language: str, script: str, text: str
) -> None:
    child = texter(services, region, language, script)
    first = await say(child, text)
    assert first == ["utter_grooming_first"]
    reply = rendered("utter_grooming_first", child.slots)
    for needed in FIRST_REPLY_MUST_SAY[(language, script)]:
        assert needed in reply, (needed, reply)
    assert child.slots["emergency"] in reply
    assert turn_segments(first, child.slots) <= TURN_SEGMENT_BUDGET
    handoff = child.handoff()
    assert (handoff.status, handoff.priority, handoff.reason) == ("waiting", "urgent", "grooming")
    # The child's steps go on while they wait.
    assert await child.send("1") == ["utter_minor_help"]


async def test_grooming_without_a_meeting_is_high(services) -> None:
    child = texter(services, "GB", "en", "Latn")
    assert await say(child, "im 12 and a man keeps sending me robux for pictures, says its our secret") == [
        "utter_grooming_first"
    ]
    handoff = child.handoff()
    assert (handoff.priority, handoff.reason) == ("high", "grooming")
    # A meeting mentioned later raises it to urgent and repeats what to do.
    assert await say(child, "now he says he wants to meet me at the park on sunday", "nlu_fallback") == [
        "utter_grooming_first"
    ]
    assert (child.handoff().priority, child.handoff().reason) == ("urgent", "grooming")


async def test_the_age_can_come_in_another_message(services) -> None:
    child = texter(services, "HK", "yue", "Hant")
    first = await say(child, "有個男人約我聽日去酒店", "nlu_fallback")
    assert "utter_grooming_first" not in first  # no age yet: not a child as far as we know
    assert child.slots.get("grooming_signal") is True and child.slots.get("meeting") is True
    second = await say(child, "我先得13歲", "state_age")
    assert second == ["utter_grooming_first"]
    assert (child.handoff().priority, child.handoff().reason) == ("urgent", "grooming")


async def test_a_parent_reporting_grooming_gets_the_same_urgency_for_the_child(services) -> None:
    parent = texter(services, "US", "en", "Latn")
    first = await say(
        parent, "my daughter is 12, a man online has asked her to meet him at the mall", "help_someone_else"
    )
    assert first == ["utter_grooming_parent"]
    reply = rendered("utter_grooming_parent", parent.slots)
    assert "911" in reply and "not in trouble" in reply
    assert (parent.handoff().priority, parent.handoff().reason) == ("urgent", "grooming")


async def test_a_child_whose_message_reads_as_about_someone_else_still_gets_the_childs_words(
    services,
) -> None:
    child = texter(services, "TW", "cmn", "Hant")
    first = await say(child, "我國二 網友說放學要在校門口等我", "help_someone_else")
    assert first == ["utter_grooming_first"]


@pytest.mark.parametrize(
    "text",
    [
        "my son is 11 and a man keeps asking to meet him",
        "我個仔12歲 有人約佢去酒店",
        "我女儿13岁 有人要来学校接她",
    ],
)
async def test_parents_words_in_any_language(services, text: str) -> None:
    parent = texter(services, "HK", "en", "Latn")
    assert await say(parent, text, "report_sextortion") == ["utter_grooming_parent"]


async def test_a_crisis_still_comes_first(services) -> None:
    child = texter(services, "HK", "en", "Latn")
    replies = await child.send(
        "im 14, he wants to meet me tonight and i want to die",
        "self_harm",
        crisis=True,
        risk="crisis",
        risk_about="self",
        minor=True,
        age=14,
        grooming=True,
        grooming_signal=True,
        meeting=True,
    )
    assert replies and replies[0].startswith("utter_crisis")
    assert child.handoff().reason == "crisis"


OUTINGS = [
    (
        "HK",
        "en",
        "Latn",
        "a guy from a dating app has our video and says he'll tell my parents im gay if i dont pay",
        "US",
    ),
    ("HK", "yue", "Hant", "佢錄咗片 話我唔俾錢就話俾我屋企人知我係gay", "HK"),
    ("CN", "cmn", "Hans", "他录了视频 威胁说要告诉我家人我是同性恋 让我转钱", "CN"),
    ("TW", "cmn", "Hant", "他說不給錢就要跟我家人說我是同志", "TW"),
]


@pytest.mark.parametrize(("region", "language", "script", "text", "_"), OUTINGS)
async def test_an_outing_threat_gets_the_reassurance_and_every_step(
    services, region: str, language: str, script: str, text: str, _: str
) -> None:
    adult = texter(services, region, language, script)
    first = await say(adult, text, "report_sextortion")
    assert first == ["utter_outing_reassure"]
    reply = rendered("utter_outing_reassure", adult.slots)
    assert to_script(adult.slots["lgbtq_line"], script, language) in reply
    assert turn_segments(first, adult.slots) <= TURN_SEGMENT_BUDGET
    # every step of the threat path follows, one at a time
    steps = [(await adult.send("1"))[-1] for _ in range(3)]
    assert steps == ["utter_step_stop_contact", "utter_step_no_pay", "utter_step_evidence"]


async def test_the_outing_line_is_a_confirmed_line_where_there_is_one(services) -> None:
    us = texter(services, "US", "en", "Latn")
    await say(us, "he said he would out me to my family unless i paid")
    assert "Trevor Project" in rendered("utter_outing_reassure", us.slots)
    hk = texter(services, "HK", "en", "Latn")
    await say(hk, "he said he would out me to my family unless i paid")
    text = rendered("utter_outing_reassure", hk.slots)
    assert "without judgement" in text and "  " not in text  # a sentence, not a hole


async def test_a_childs_outing_threat_gets_the_childs_path(services) -> None:
    child = texter(services, "US", "en", "Latn")
    first = await say(child, "im 16 and he says he will tell my school im gay unless i send money")
    assert first == ["utter_minor_first"]


FALSE_ALARMS = [
    ("HK", "en", "Latn", "im 15 and my tutor moved our class to friday", "out_of_scope"),
    ("HK", "yue", "Hant", "我中三 阿媽今日會嚟學校接我", "out_of_scope"),
    ("CN", "cmn", "Hans", "我初二 明天补习班改到下午了", "out_of_scope"),
]


@pytest.mark.parametrize(("region", "language", "script", "text", "intent"), FALSE_ALARMS)
async def test_ordinary_school_texts_are_not_grooming(
    services, region: str, language: str, script: str, text: str, intent: str
) -> None:
    child = texter(services, region, language, script)
    replies = await say(child, text, intent)
    assert "utter_grooming_first" not in replies
    assert child.slots.get("grooming") is not True


@pytest.mark.parametrize(
    ("region", "language", "script", "text"),
    [
        (
            "HK",
            "en",
            "Latn",
            "im 31, paid a deposit to a girl from an app and now she wants me at a hotel for more",
        ),
        ("HK", "yue", "Hant", "我28歲 援交個女仔要我交按金先嚟酒店見面"),
        ("TW", "cmn", "Hant", "我35歲 約會對方要我先買點數當保證金才見面"),
    ],
)
async def test_an_adult_asked_to_meet_after_a_deposit_gets_the_dating_path_and_a_safety_sentence(
    services, region: str, language: str, script: str, text: str
) -> None:
    adult = texter(services, region, language, script)
    replies = await say(adult, text, "dating_scam")
    assert replies == ["utter_dating_meeting_safety", "utter_dating_reassure"]
    assert adult.slots.get("grooming") is not True
    assert adult.handoff() is None
    assert turn_segments(replies, adult.slots) <= TURN_SEGMENT_BUDGET
