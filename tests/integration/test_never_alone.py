"""Issue 13 through signed webhooks with nobody on duty: every message gets a helpful reply, a child is
told the essentials, a crisis text is asked directly whether they are safe, and a claim means silence."""

from __future__ import annotations

import re

import httpx
import pytest

from helpline.content.directory import get_directory
from helpline.content.placeholders import placeholder_values
from tests.integration.conftest import RunningHelpline
from tests.integration.test_conversations import Texter, handoffs
from tests.integration.test_handoff_end_to_end import counsellor

pytestmark = pytest.mark.integration

# "Promises a counsellor" and "says none is free", in every language and script.
PROMISES_NOW = re.compile(
    r"getting a counsellor for you now|幫你搵輔導員|帮你找辅导员|幫你找輔導員|帮你找咨询员"
)
NONE_FREE = re.compile(r"[Nn]o counsellor is|未有輔導員|没有咨询员|沒有諮詢員|没有辅导员")


def helpful(turn: list[str]) -> bool:
    """A reply, and never a promise of a counsellor in the same turn as "none is free"."""
    text = " ".join(turn)
    return bool(turn) and not (PROMISES_NOW.search(text) and NONE_FREE.search(text))


THE_CHILD = [
    "im 15 and a guy on snap got pics of me and says hell send them to my school unless i send more",
    "ok but what should i do now",
    "should i send him money",
    "1",
    "hello??",
    "what if he really does it",
    "7",
]


def test_the_15_year_old_from_the_issue_is_never_met_with_silence(helpline: RunningHelpline) -> None:
    child = Texter(helpline, "US", "en", "Latn", minor=True)
    turns = [child.send(text) for text in THE_CHILD]
    assert all(helpful(turn) for turn in turns), turns
    first = " ".join(turns[0])
    for needed in ("not in trouble", "Do not send", "do not pay", "screenshots", "do not delete", "adult"):
        assert needed in first, first
    assert turns[1] == child.expect("utter_minor_help")  # the child line and the take-down route
    assert turns[2][-1] == child.expect("utter_minor_no_pay")[0]
    queue = [h for h in handoffs(helpline).list("waiting") if h.region == "US" and h.reason == "minor"]
    assert queue and queue[-1].priority == "high"


CHILDREN = {
    ("yue", "Hant", "HK"): (
        "我今年14歲 有人話要將我啲相send俾我全班同學",
        ("唔好再send", "唔好俾錢", "截圖"),
    ),
    ("cmn", "Hans", "CN"): ("我今年15岁 有人说要把我的照片发给我全班同学", ("不要再发", "不要付钱", "截图")),
    ("cmn", "Hant", "TW"): ("我國二 有人說要把我的照片傳給我全班同學", ("不要再發", "不要付錢", "截圖")),
}


@pytest.mark.parametrize(("language", "script", "region"), list(CHILDREN))
def test_a_child_is_told_not_to_send_not_to_pay_and_to_keep_evidence(
    helpline: RunningHelpline, language: str, script: str, region: str
) -> None:
    text, needed = CHILDREN[(language, script, region)]
    child = Texter(helpline, region, language, script, minor=True)
    first = child.send(text)
    assert first == child.expect("utter_minor_first")
    assert all(word in first[0] for word in needed), first
    for message in ("咁點算" if language == "yue" else "那怎么办", "1", "喂??"):
        assert helpful(child.send(message))


CRISES = [
    (
        "US",
        "en",
        "Latn",
        "he posted it everywhere i just want to kill myself",
        "no",
        "are you safe right now",
    ),
    (
        "GB",
        "en",
        "Latn",
        "i cant do this anymore, im going to end it tonight",
        "not safe",
        "are you safe right now",
    ),
    ("HK", "yue", "Hant", "佢放咗上網 我唔想再生存", "唔安全", "你而家安唔安全"),
    ("CN", "cmn", "Hans", "视频被发出去了 我不想活了", "不安全", "你现在安全吗"),
    ("TW", "cmn", "Hant", "影片被散出去了 我真的不想活了", "不安全", "你現在安全嗎"),
]


@pytest.mark.parametrize(("region", "language", "script", "text", "unsafe", "question"), CRISES)
def test_crisis_line_and_are_you_safe_then_the_emergency_number(
    helpline: RunningHelpline, region: str, language: str, script: str, text: str, unsafe: str, question: str
) -> None:
    person = Texter(helpline, region, language, script)
    first = person.send(text)
    assert first == person.expect("utter_crisis_ask"), first
    assert question in first[0].lower() or question in first[0]
    assert helpful(first)
    queue = [h for h in handoffs(helpline).list("waiting") if h.region == region and h.reason == "crisis"]
    assert queue and queue[-1].priority == "urgent"
    answer = person.send(unsafe)
    assert answer == person.expect("utter_crisis_unsafe"), answer
    assert placeholder_values(get_directory(), region, language)["emergency"] in answer[0]
    safe = person.send("yes im safe now" if language == "en" else "安全")
    assert safe == person.expect_with_offer("utter_crisis_safe_plan"), safe


def test_safe_then_the_path_resumes_without_the_crisis_message_every_turn(helpline: RunningHelpline) -> None:
    person = Texter(helpline, "HK", "en", "Latn")
    person.send("i want to die")
    assert person.send("yes") == person.expect_with_offer("utter_crisis_safe_plan")
    turns = [person.send(text) for text in ("someone has my video and wants money", "1", "1", "1")]
    assert all(helpful(turn) for turn in turns)
    crisis_ask = person.expect("utter_crisis_ask")[0]
    assert not any(crisis_ask in turn for turn in turns)
    reminder = person.expect("utter_waiting_reminder")[0]
    assert any(reminder in turn for turn in turns)  # the crisis line stays in view


def test_once_claimed_the_assistant_is_silent_and_resumes_after_close(helpline: RunningHelpline) -> None:
    person = Texter(helpline, "GB", "en", "Latn")
    assert person.send("can i talk to a real person please") == person.expect("utter_handoff_no_counsellor")
    assert person.send("1")  # still helped while waiting
    waiting = [h for h in handoffs(helpline).list("waiting") if h.region == "GB" and h.reason == "requested"]
    handoff_id = waiting[-1].id
    client = counsellor(helpline)
    assert client.post(f"/api/handoffs/{handoff_id}/claim").status_code == 200
    assert person.send("hello??") == []
    assert person.send("are you there") == []
    closed = client.post(f"/api/handoffs/{handoff_id}/close", json={"outcome": "resolved"})
    assert closed.status_code == 200, closed.text
    assert person.send("hi")


def test_no_reply_text_promises_a_counsellor_now(helpline: RunningHelpline) -> None:
    # Dashboard and assistant agree: the handoff list is reachable and nobody is on duty.
    reply = httpx.get(helpline.dashboard_url + "/healthz", timeout=10)
    assert reply.status_code == 200
    person = Texter(helpline, "CN", "cmn", "Hans")
    turn = person.send("我想找真人聊")
    assert turn == person.expect("utter_handoff_no_counsellor")
    assert "咨询员" in turn[0] and "辅导员" not in turn[0]


# Someone else at risk (issue 12), through the real parse: the texter is told to call the emergency
# number for them, in their language, with an urgent handoff; no "are you safe" question to the texter.
THIRD_PARTY_CRISES = [
    ("GB", "en", "Latn", "my son just told me he wants to end his life, what do i do"),
    ("HK", "yue", "Hant", "我個女鎖咗自己喺廁所 叫極都冇反應 佢話唔想再活"),
    ("CN", "cmn", "Hans", "我儿子说他不想活了 现在一个人在楼顶"),
    ("TW", "cmn", "Hant", "我朋友說他想自殺 還傳訊息跟大家告別"),
]


@pytest.mark.parametrize(("region", "language", "script", "text"), THIRD_PARTY_CRISES)
def test_someone_else_at_risk_is_told_to_call_the_emergency_number_for_them(
    helpline: RunningHelpline, region: str, language: str, script: str, text: str
) -> None:
    person = Texter(helpline, region, language, script)
    turn = person.send(text)
    assert turn == person.expect("utter_crisis_other"), turn
    assert placeholder_values(get_directory(), region, language)["emergency"] in turn[0]
    queue = [h for h in handoffs(helpline).list("waiting") if h.region == region and h.reason == "crisis"]
    assert queue and queue[-1].priority == "urgent"
