"""Lexicon entries and whose-words rules of the twelfth round of issue 12 (bot/triage/lexicon/crisis.yml,
`*_round12`; bot/triage/crisis.py), written from the families the opened hold13 set showed, in own
wording and general forms (no set's text is quoted here). Each is checked both ways: the signal is
found, and the everyday wording next to it is left alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis


@pytest.mark.parametrize(
    "text",
    [
        # "to die for" is no idiom after a want
        "i want to die for real this time",
        "i wanna die for real",
        # a seat given up for good
        "之後唔使再幫我霸位",
        "以後不用幫我留座位了",
    ],
)
def test_round12_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


@pytest.mark.parametrize(
    "text",
    [
        # only ever a cost or a letdown; no use to anyone
        "all i ever do is disappoint my parents",
        "all i do is cost my husband",
        "whats the use of someone like me",
        # always a drag on them; misery for whoever is with me; too old to be of use
        "佢成日都係拖累屋企",
        "佢跟住我真係好受罪",
        "我爸老咗冇用",
        # an accident wished as a way out; would they be happier if I went missing
        "架船翻咗都好",
        "如果我失踪了 他们会不会开心一点",
        # nothing works; the road walked to its end; a treasured thing given away
        "我點都冇用",
        "呢條路已經行到盡頭",
        "把我最珍惜的相機送給了室友",
        # no hope left, said by the texter or of a relation
        "真的沒希望了",
        "我爸一直說沒希望了",
        # a window jump laughed off and moved on from: asked about, not the crisis path
        "im jumping out the window lol anyway whats next",
    ],
)
def test_round12_concern(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", text
    # thirty-fifth round: the burden and vanishing wishes among them, and the hopelessness of entries now
    # read as ideation, moved to burden_round35* and hopeless_round35*
    readers = finding.concerns + finding.signals
    assert any("round12" in signal or "round35" in signal for signal in readers), (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        # the same words meant plainly
        "the cake here is to die for",
        "我哋行山條路行晒",
        "部電腦點都冇用 要換",
        "搬屋 將最鍾意嘅書送咗俾同學留念",
        "all i do is cook for them on sundays",
        "架船聽日先開",
        "部車撞咗都好彩冇人受傷",
        "跟住我好辛苦先返到屋企",
        "考试没希望了",
        "这场球没希望了",
        # a game death, a wipe, overwork
        "we got wiped by the raid boss again",
        "i died first every match lol",
        "做嘢做到爆肝",
    ],
)
def test_round12_everyday_wording_is_left_alone(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, (text, finding)
    assert not any("round12" in concern for concern in finding.concerns), (text, finding.concerns)


@pytest.mark.parametrize(
    "text",
    [
        # the laugh with no moving on, or said to be meant, is still the crisis path
        "im jumping out the window",
        "im jumping out the window haha not joking",
    ],
)
def test_round12_a_window_jump_that_is_meant_is_still_a_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


@pytest.mark.parametrize(
    ("text", "about"),
    [
        # a pupil's seat given up; his kind of person; a relation who always says it
        ("還說以後不用幫她留位子", "other"),
        ("他跟我说他这种人不如死了算了", "other"),
        ("我爸老说自己老了没用 拖累我们", "other"),
    ],
)
def test_whose_words_round12(text: str, about: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", text
    assert finding.about == about, (text, finding)
