"""Lexicon families added in the ninth round of issue 12 (bot/triage/lexicon/crisis.yml, `*_round9`):
weariness with living itself ("even breathing is too much") and emptiness or numbness with nothing
wanted. Found by probing the model with own phrasings, not from any evaluation set. Each family is
checked both ways: a possible signal is asked about (concern), and the everyday wording next to it (a
cold, a run, a numb hand, an empty fridge) is left alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis


@pytest.mark.parametrize(
    "text",
    [
        "even breathing feels like too much lately",
        "every day is just surviving and im so tired",
        "honestly so tired of just getting through each day",
        "连呼吸都觉得累",
        "連呼吸都覺得好攰",
        "每呼吸多一下都好辛苦",
        "就连喘气都很痛苦",
        "我感觉自己是空的 什么都不想要",
        "我已經麻木咗 乜都感覺唔到",
        "我心入面好空 乜都唔在乎",
        "我好空虛 什麼都感覺不到",
    ],
)
def test_round9_concern(text: str) -> None:
    finding = detect_crisis(text)
    assert any("round9" in concern for concern in finding.concerns), (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "even breathing is hard with this cold",
        "even breathing feels exhausting after that run",
        "every day is just surviving the commute lol",
        "im so tired of surviving on instant noodles",
        "连呼吸都觉得好辛苦 感冒鼻塞",
        "跑完步連呼吸都好辛苦",
        "戴住口罩連呼吸都好辛苦",
        "隻手麻木咗 乜都感覺唔到",
        "打完麻醉 成個口麻木 乜都感覺唔到",
        "個雪櫃空咗 乜都冇得食",
        "我個銀包空咗 咩都買唔到",
    ],
)
def test_round9_everyday_wording_is_left_alone(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, text
    assert not any("round9" in concern for concern in finding.concerns), (text, finding.concerns)


# --- from the families hold10 showed once opened this round (own wording, general forms) ---


@pytest.mark.parametrize(
    "text",
    [
        "counted the pills in the bottle, there's 30. is that enough",
        "ive been taking double my meds since tuesday",
        "the voice keeps telling me to take more",
        "relapsed last night with a razor from a pencil sharpener",
        "my mind is made up, please dont try to stop me",
        "i threw away my safety plan this morning",
        "a boy in my class was leaning over the rooftop railing at lunch",
        "數過瓶安眠藥 仲有二十粒 應該夠喇",
        "上次俾屋企人發現 今次我唔會話俾任何人知",
    ],
)
def test_round9_hold10_families_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


@pytest.mark.parametrize(
    "text",
    [
        "gave away my games, returned his hoodie, cleaned my room. feels done now",
        "left a letter addressed to mum and dad under my pillow",
        "if he posts it his blood on his hands",
        "真係冇以後喇",
        "佢喺筆記簿畫咗個倒數嘅日曆",
        "我開始有啲驚自己",
        "腦入面成日浮現嗰樽藥",
    ],
)
def test_round9_hold10_families_concern(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.concerns or finding.is_crisis, text


@pytest.mark.parametrize(
    "text",
    [
        "counted my tablets for the week, 14, enough till my next appointment",
        "the voice actor keeps saying his lines wrong",
        "standing on the ledge of the pool for a photo lol",
        "my mind is made up, im reporting him tonight",
        "returned the parcel and cleaned up my inbox, all sorted",
        "下次再講 冇以後喇呢間餐廳",
        "我怕自己考唔到試",
        "數過啲維他命丸 夠食一個月",
    ],
)
def test_round9_hold10_families_everyday_wording(text: str) -> None:
    finding = detect_crisis(text)
    assert not any("round9" in signal for signal in finding.signals + finding.concerns), (text, finding)


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("my best mate texted me 'i cant do this anymore, bye' and now hes offline", "other"),
        ("my daughter wrote in her diary 'i wish i was never born'", "other"),
        ("我表妹喺IG story寫「我唔想再醒」", "other"),
        ("學生在聯絡簿寫「活著好累」", "other"),
        ("我妹一直說「沒有我大家會比較好」", "other"),
        ("my son said 'i want to die' and honestly i want to die too", "self"),
        ("he said 'go kill yourself' and i think i will", "self"),
        ("her wrists are covered in cuts, she says its the cat", "other"),
        ("我媽的安眠藥我知道放喺邊 今晚屋企得我一個", "self"),
        ("counted my dad's sleeping pills, 40 left, would that be enough", "self"),
    ],
)
def test_whose_words_round9(text: str, about: str) -> None:
    """A relation's words in quotation marks are theirs; the texter's own signal comes first; her body,
    her cuts; a relation's pills are only theirs to own."""
    finding = detect_crisis(text)
    assert finding.risk != "none" and finding.about == about, (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "煩到想死 個app成日彈出嚟",
        "嬲到想死 佢又send嚟",
        "想死的心都有了 佢又刷屏",
        "尷尬到想鑽個窿 想死",
        "kms this quiz is impossible",
    ],
)
def test_round9_hyperbole_is_an_idiom(text: str) -> None:
    """Annoyance or shame "to death" and "kms" at homework: masked as idioms, so the classifier alone,
    when very sure, makes a concern (the assistant asks) and never a crisis."""
    finding = detect_crisis(text)
    assert not finding.is_crisis and finding.idioms, (text, finding)


@pytest.mark.parametrize(
    "text",
    ["煩到想死 真係唔想再活", "想死的心都有 我真係頂唔順 想死", "kms tonight", "kms"],
)
def test_round9_a_signal_beside_the_hyperbole_still_counts(text: str) -> None:
    assert detect_crisis(text).is_crisis, text
