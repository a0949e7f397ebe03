"""Lexicon families and subject rules added in the sixth round of issue 12 (bot/triage/lexicon/crisis.yml,
`*_round6`; bot/triage/crisis.py): wordings written for these tests, not copied from any evaluation set.
Each family is checked both ways: the signal at the right level, and the everyday wording next to it left
alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis


@pytest.mark.parametrize(
    "text",
    [
        "honestly theres only one way out for me now",
        "i just see 1 way out left",
        "tried twice last year, next time i wont mess it up",
        "attempted once in 2023, this time ill do it properly",
        "woke up in hospital after the pills in 2023 and its coming back again",
        "3 months clean and relapsed tonight, the blade was right there",
        "two weeks sh free and i broke it because of him",
        "checked how high the car park is near my school",
        "keeps asking which mrt station got no platform doors",
        "googled how long does it take with panadol",
        "gave away her entire pokemon card collection",
        "gave away all my stuff this week",
        "if my wife sees this i wont stay around to watch",
        "到時我就去月台",
        "佢一發出去我就上天台",
        "我死咗你哋就唔使還錢",
        "他走了以后 家里就不用还债了",
        "日日祈求自己出個意外",
        "盼着自己快点出个车祸",
        # second pass: families dev7 showed missing
        "fine post it, ill be dead before my boss sees it",
        "my parents would be less worried if i wasnt around",
        "if i wasnt here any more theyd all be calmer",
        "kinda hope i catch something and never recover",
        "tell him my blood will be on his hands",
        "hes been sitting in his car in the garage since dinner",
        "她說去江邊就不回來了",
        "好想得個絕症直接走咗佢",
        "我阿爸飲咗半樽漂白水",
        "估计活不过这个星期了",
    ],
)
def test_round6_crisis(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "the last time i felt like this i ended up in a&e",
        "wearing long sleeves in this heat so nobody sees my arms",
        "i relapsed last night",
        "been crossing roads without looking lately",
        "dont really care what happens to me anymore",
        "returned everything i borrowed and said sorry to everyone",
        "everything is in order now",
        "i want to sleep and never face any of this again",
        "so sick of being the problem in my family",
        "i cant see how this ends",
        "每次都要屋企人幫我執手尾",
        "我係咪好負累",
        "睇唔到有咩會好返",
        "真的没路走了",
        "看不到任何出口",
        "活到咁都冇意思",
        "我朋友发了张天台往下拍的照片",
        # second pass: families dev7 showed missing
        "no savings, nothing left, no future",
        "its always me making trouble for my family",
        "i just keep dragging my friends down",
        "she left her phone and keys on the table and went out",
        "多謝你哋 之後唔使再覆我喇",
        "冇半点希望 唔知仲捱落去做咩",
        "消失了也挺好",
        "我一直都係個包袱",
        "尴尬到想原地去世 但我真的没在开玩笑",
    ],
)
def test_round6_concern(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "concern", (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "the only way out is to report him right",
        "the only way out of this is to tell my parents",
        "tried twice to call the police hotline, next time ill go in person",
        "3 months clean from vaping and im proud",
        "relapsed on smoking again lol",
        "counted how many floors the tower has for the drone shoot",
        "which station has the lift, my mum uses a wheelchair",
        "gave away my old clothes to the charity shop",
        "returned the library books today",
        "cleared out my locker for the summer",
        "i wont be around this weekend, family trip",
        "悶到想死 堂公民好似冇盡頭咁",
        "到時我就去月台等你",
        "我哋喺天台影日落",
        "交咗功課 終於唔使再煩",
        "the guy's deadline is friday, should i pay",
        # second pass: families dev7 showed missing
        "ill be dead tired after the night shift",
        "its going to be fine if i wasnt wrong about the bank",
        "left my keys on the table again lol",
        "忙到活不过这个星期 deadline好多",
        "去海边影相 夜晚先返嚟",
        "多謝晒 之後唔使覆我喇 我已經報咗警",
        "my uncle will kill whoever is blackmailing my cousin",
        "我想去佢公司樓下堵佢",
        "吊頸都要透啖氣 聽日先再諗",
        "返學返到想死 今日測驗",
    ],
)
def test_round6_not_a_signal(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, (text, finding)


@pytest.mark.parametrize(
    ("text", "about"),
    [
        # a relation's conditional, reported
        ("my son said if this gets out my life is over. is he serious", "other"),
        ("my daughter told me when the pics go out she will jump", "other"),
        # the texter's own words after a relation's: never theirs without an if/when clause
        ("my bro said im overreacting i want to die", "self"),
        ("my friend said if i need help text here, i want to die", "self"),
        # "my" that opens a relation is theirs
        ("saw fresh cuts on my bf's thighs when changing", "other"),
        ("i keep cutting my arms, my mum doesnt know", "self"),
        # a message app as the verb, school relations
        ("我friend whatsapp我话唔想再活", "other"),
        ("我同桌这几天一直拿圆规扎自己手背", "other"),
        ("我学妹说她想死", "other"),
        ("学长话佢唔想活", "other"),
        # second pass: families dev7 showed missing
        ("my teammate texted if she posts it im done", "other"),
        ("朋友喺群組講如果我唔喺度大家會開心啲", "other"),
        ("我表妹在ig限動寫好想消失", "other"),
        ("佢话如果我唔俾钱就发出去 我想死", "self"),
    ],
)
def test_round6_whose_risk(text: str, about: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none" and finding.about == about, (text, finding)


HOMOGRAPHS = ["the guy's deadline is friday", "死線係聽日", "手機又死機", "my phone died"]


@pytest.mark.parametrize("text", HOMOGRAPHS)
def test_round6_homographs_are_masked_but_are_not_idioms(text: str) -> None:
    """A word that only looks like a death word says nothing of the texter's mood: it is masked, but not
    reported as an idiom, so the classifier's concern net stays on ("deadline is 12am, one way out")."""
    finding = detect_crisis(text)
    assert finding.risk == "none" and finding.idioms == (), (text, finding)


def test_round6_real_idioms_still_switch_the_net_off() -> None:
    assert detect_crisis("累死了 deadline 好多").idioms == ("累死了",)


@pytest.mark.parametrize(
    "text",
    [
        "俾我撞到條友 我會揸刀劈佢",
        "我而家只想拎把刀去佢屋企",
        "佢再send多次 我就去燒咗佢",
        "真係想废了他",
        "gonna stab whoever posted this",
        "i will hunt him down myself",
        "my cousin wants to confront the scammer with a machete",
    ],
)
def test_round6_a_weapon_for_the_blackmailer_is_anger_not_self_harm(text: str) -> None:
    """Violence towards the blackmailer is masked like an idiom, so a classifier that reads its weapon
    words as self-harm is overruled (the intent falls to the story); the texter's own act stays a crisis."""
    finding = detect_crisis(text)
    assert not finding.is_crisis and finding.idioms, (text, finding)


@pytest.mark.parametrize("text", ["我想拎把刀𠝹自己", "i want to stab myself", "拎把刀插落自己度"])
def test_round6_a_weapon_against_oneself_stays_a_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


IDIOMS = [
    "原地去世 原來係AI頭像",
    "忙到快往生 今日OT",
    "brain dead after 3 hrs at the station",
    "im dead but thanks",
]


@pytest.mark.parametrize("text", IDIOMS)
def test_round6_death_idioms_are_masked(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "none" and finding.idioms, (text, finding)
