"""Lexicon entries and whose-words rules of the tenth round of issue 12 (bot/triage/lexicon/crisis.yml,
`*_round10`; bot/triage/crisis.py), written from the families the opened hold11 set showed, in own
wording and general forms (no evaluation text is quoted here). Each is checked both ways: the signal
is found, and the everyday wording next to it is left alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis


@pytest.mark.parametrize(
    "text",
    [
        # shame put as a death wish: asked about (concern), not the crisis path
        "id rather die than let my dad see those pics",
        "i would honestly rather be dead than have my class see it",
        "i'd rather die than tell my mum what happened",
        # leaving life put as an account
        "i just want to log out of life for good",
        "wish i could delete myself from existence",
        "好想成個人登出 好似打機咁直接刪號",
        "真係想將自己成個人格式化",
        # a past attempt told in passing
        "中學嗰陣試過想跳樓 而家又俾人勒索",
        "以前試過想跳 俾個同學拉住",
        "我之前试过割脉 这次又被人威胁",
        # sitting on a rooftop for an hour
        "我室友喺天台坐咗成個鐘 唔肯落嚟",
        "她在頂樓待了一個多小時了",
        "my flatmate has been sitting on the roof for an hour and wont answer",
    ],
)
def test_round10_concern(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", text
    assert any("round10" in signal for signal in finding.concerns + finding.signals), (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        # the same words, meant plainly
        "I'd rather die than live like this",
        "id rather die than go on like this",
        "i want to jump off the bridge tonight",
        "我真係想死 今日打機又死咗十幾次",
        "我寫好遺書喇",
        "我想吊頸",
        "我成日撼個頭落牆",
    ],
)
def test_round10_the_plain_signal_is_still_a_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


@pytest.mark.parametrize(
    "text",
    [
        # game deaths counted, memes, insults and violence towards the blackmailer
        "打排位今晚死咗三十幾次 氣到爆 嗰個問我攞相嘅人我已經report咗",
        "这个副本我死了十几次 对了那个要钱的我拉黑了",
        "有一種遺書叫期末考卷 笑死 那個勒索的人怎麼處理",
        "壽星公吊頸 嫌命長 個衰人敢搞我細妹",
        "我好想捉住嗰個衰人個頭撼落牆",
        "me and my mates are gonna jump that guy after training, he sent my pics around",
        "we jumped him outside the mall lol",
        # accounts, rooftops and the past, meant plainly
        "i logged out of my instagram on the shared laptop",
        "我想登出所有帳號 點樣刪號",
        "我哋喺天台坐咗成個鐘睇星 跟住佢就send咗啲相嚟",
        "we sat on the roof for an hour watching the fireworks",
        "以前試過想跳舞 而家冇時間",
    ],
)
def test_round10_everyday_wording_is_left_alone(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, (text, finding)
    assert not any("round10" in concern for concern in finding.concerns), (text, finding.concerns)


@pytest.mark.parametrize(
    ("text", "about"),
    [
        # a relation quoted with where or when they said it
        ("my 11yo said at dinner 'i dont want to be alive anymore'", "other"),
        ("my son said last night 'i wish i was never born'", "other"),
        # a pupil of a year or form; she'd / he'd without the apostrophe
        ("a year 10 girl told her friend shed end it if the pics get out", "other"),
        ("one form 4 boy keeps saying hed be better off dead", "other"),
        # someone of the texter's class, named without an article
        ("guy in my year said everyone would be better off if hes gone", "other"),
        # 傳 as the verb of a quoted message; 大仔 / 細女; a teacher's pupil named with 有個
        ("我閨蜜喺群組傳「多謝大家 以後唔使等我覆」", "other"),
        ("我個大仔話活落去冇意思", "other"),
        ("我係班主任 今日有個學生交嘅週記寫得好似遺書", "other"),
        # spouses, cousins, 我們家娃, 我死黨
        ("我先生最近一直說活著沒意思", "other"),
        ("我太太昨晚说不想活了", "other"),
        ("我们家娃说不想活了", "other"),
        ("我堂妹一直在割手", "other"),
        ("我死黨說想自殺", "other"),
        # he calls himself the texter's burden
        ("我男朋友成日話佢係我嘅負累", "other"),
        # the texter's own words stay theirs
        ("我係學生 我想死", "self"),
        ("my friend said 'ok' and now i want to die", "self"),
    ],
)
def test_whose_words_round10(text: str, about: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", text
    assert finding.about == about, (text, finding)
