"""Lexicon families added in the seventh round of issue 12 (bot/triage/lexicon/crisis.yml, `*_round7`):
wordings written for these tests, not copied from any evaluation set. Each family is checked both ways:
the signal at the right level, and the everyday wording next to it left alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis


@pytest.mark.parametrize(
    "text",
    [
        "gusto ko nang mamatay sobrang hiya",
        "magpapakamatay na ako bukas",
        "looked up which floor of our hdb is high enough",
        "the car park roof should be high enough",
        "i live on the 25th floor, thats high enough right",
        "swallowed a whole strip of my dads pills",
        "i took a handful of panadol like 20 mins ago",
        "left my bank pin for my sister in the drawer",
        "the password to my laptop is in the red folder",
        "2 years since my attempt and the urges are coming back",
        "i overdosed at 16 and i can feel it going the same way",
        "started wearing jumpers again so mum wont see my arms",
        "the charcoal is in my wardrobe, my family never bbq",
        "tell my parents its not their fault ok",
        "我住28層 應該夠高",
        "十幾樓夠唔夠高 定係要再高啲",
        "呢排安眠藥食幾粒先可以瞓好耐",
        "麻煩你同我阿媽講聲唔關佢事",
        "呢度應該係我最後一次同你哋講嘢",
        "上次就應該成功",
        "今次唔會再俾人救返",
        "中學嗰陣跳過路軌",
        "用個頭不停去撞牆",
        "喺天橋上面望車望咗成個鐘",
        "大橋下面嘅水好黑",
        "天台度門今晚冇鎖",
        "個站冇幕門 我揀好要企喺第幾卡",
        "用皮帶喺門框度試吓承重",
        "行咗五間藥房 每間買一盒",
    ],
)
def test_round7_crisis(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "this is never going to end is it",
        "it will never be over",
        "i just keep causing trouble for my family",
        "if my boss gets that clip idk what im gonna do",
        "必理痛食幾多粒會點 我屋企有三盒",
        "呢啲日子幾時先係盡頭",
        "人生都冇得救",
        "唔知點解每日仲要起床",
        "我淨係識拖累人",
        "我係大家嘅麻煩",
        "班機跌落嚟都冇所謂",
    ],
)
def test_round7_concern(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "concern", (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "is the 20th floor high enough for a good view of the fireworks",
        "took a handful of vitamins this morning",
        "started wearing long sleeves again cos its cold",
        "i sent my passwords to my brother so he can fix my ig after the hack",
        "since my attempt to report him the messages are back",
        "the scammer will never stop messaging me lol",
        "我住30樓 睇煙花應該夠高",
        "5樓夠唔夠高望到海",
        "喺海邊望水望咗成個鐘 好放鬆",
        "個衣架試吓承重先",
        "這次不會再失手 一定要捉到個騙子",
        "天台門冇鎖 我哋上去影相",
        "月台冇閘好危險 小朋友要小心",
        "我知道要企喺第幾卡先近出口",
        "好想撞牆 份功課又錯",
        "呢個騙子幾時先肯收手",
    ],
)
def test_round7_not_a_crisis(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, (text, finding)


@pytest.mark.parametrize(
    "text",
    ["我想淋油自焚", "想淋汽油喺自己身上", "i want to set myself on fire", "i took pills and i will die lol"],
)
def test_round7_masks_never_hide_self_harm(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, (text, finding)
