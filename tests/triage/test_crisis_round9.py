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
