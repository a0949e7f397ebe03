"""The grooming, meeting and outing lexicon (bot/triage/grooming.py) and the parse keys it sets."""

from __future__ import annotations

import pytest

from bot.components.triage import triage_for
from bot.triage.grooming import detect_grooming

# Wording other than the dev set's and the issue's.
MEETINGS = [
    "he wants me to come to his flat after school on friday",
    "she booked a motel for us this weekend",
    "the guy from snap said he will pick me up at the park",
    "he keeps saying meet me at the bus stop at 7",
    "佢約我星期六去佢屋企打機",
    "個網友話聽晚喺樓下等我",
    "佢話會揸車嚟接我",
    "他约我周末去宾馆",
    "网友说放学在学校门口等我",
    "他說要帶我去旅館",
    "他約我明天出來見面",
]
GIFTS = [
    "he said he would send me vbucks for a pic",
    "she offered me a gift card if i sent a selfie in my underwear",
    "佢話俾點數卡我 換我張相",
    "他说给我买皮肤 让我拍照片给他",
    "他說送我遊戲點數 要我視訊",
]
SECRECY = [
    "he told me don't tell my parents about him",
    "she says this is our little secret",
    "佢叫我唔好同阿媽講",
    "他让我不要告诉任何人",
    "他說這是我們之間的秘密",
]
ROMANCE_WITH_ADULT = [
    "this 30 year old man says he loves me",
    "有個叔叔話好鍾意我",
    "网友说爱我 想做我男朋友",
]
OUTINGS = [
    "he said he would out me to my parents",
    "they will tell my wife im gay unless i pay",
    "佢話會話俾我屋企人知我係同志",
    "他威胁要把我是同性恋的事告诉我爸妈",
    "他說要公開我是gay",
]
NOTHING = [
    "my dad will pick me up after practice",
    "mum is picking me up at 6",
    "阿爸嚟接我放學",
    "妈妈来接我",
    "see you tomorrow",
    "can we keep this between us",
    "please delete my chat history",
    "唔好話俾人知得唔得",
    "他说不给钱就公开我的视频",
    "give money or she sends the pics to my wife",
    "he said if i dont pay he will send the video to my friends",
    "my friend likes me",
    "is there someone i can talk to in person",
    "我想見面傾",
    "她发了个下载链接 我装了",
]


@pytest.mark.parametrize("text", MEETINGS)
def test_a_meeting_is_a_meeting_signal(text: str) -> None:
    finding = detect_grooming(text)
    assert finding.meeting and finding.grooming, finding


@pytest.mark.parametrize("text", GIFTS)
def test_gifts_for_photos(text: str) -> None:
    assert "gifts" in detect_grooming(text).families


@pytest.mark.parametrize("text", SECRECY)
def test_secrecy_demands(text: str) -> None:
    assert "secrecy" in detect_grooming(text).families


@pytest.mark.parametrize("text", ROMANCE_WITH_ADULT)
def test_an_adults_romantic_interest(text: str) -> None:
    assert "romance" in detect_grooming(text).families


def test_romance_without_an_adult_is_not_a_signal() -> None:
    assert not detect_grooming("a boy in my class says he loves me").grooming


@pytest.mark.parametrize("text", OUTINGS)
def test_outing_threats(text: str) -> None:
    finding = detect_grooming(text)
    assert finding.outing and not finding.grooming, finding


@pytest.mark.parametrize("text", NOTHING)
def test_ordinary_texts_carry_no_signal(text: str) -> None:
    assert detect_grooming(text).signals == ()


def test_the_parse_sets_grooming_only_for_a_minor() -> None:
    child, _ = triage_for("im 13 and he wants to meet me at his house", {})
    assert child["grooming"] is True and child["meeting"] is True and child["grooming_signal"] is True
    adult, _ = triage_for("im 27 and she wants a deposit before meeting me at the hotel", {})
    assert adult["grooming"] is False and adult["meeting"] is True and adult["grooming_signal"] is True
    unknown, _ = triage_for("he wants to meet me at his house", {})
    assert unknown["grooming"] is False and unknown["grooming_signal"] is True  # the conversation decides
    outing, _ = triage_for("he will out me to my family", {})
    assert outing["outing"] is True and outing["grooming"] is False
