"""Cantonese crisis and concern signals of issue 12, round 4 (bot/triage/lexicon/crisis.yml, `yue:` round-4
entries, the `idioms: yue:` masks, and the Cantonese relations of bot/triage/crisis.py).

Own wording in texters' Cantonese (both scripts, code-mixed), written from the public material named in the
lexicon's round-4 comments; none of these texts is in an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis

# (text, level): indirect wording in every family, each a crisis or a concern on its own
ROUND4_RISK = [
    ("件事唔會好返㗎喇", "concern"),
    ("做乜都冇用 佢都係會send", "concern"),
    ("我成世人都毀咗", "concern"),
    ("冇hope喇", "concern"),
    ("我就嚟死架喇", "concern"),
    ("我又別咗手", "crisis"),
    ("唔開心就用頭撼牆", "crisis"),
    ("用火機燙自己隻手", "crisis"),
    ("咬到手流血", "crisis"),
    ("用針拮自己", "crisis"),
    ("著長袖遮住啲疤", "crisis"),
    ("屋企有成樽藥 今晚全部食晒", "crisis"),
    ("路軌好近我屋企 好想行落去", "crisis"),
    ("拆咗個窗框", "crisis"),
    ("買咗兩包炭", "concern"),
    ("💊💊 今晚", "crisis"),
    ("對唔住阿媽 我唔係一個好女 再見", "crisis"),
    ("啲嘢我全部送晒俾人", "concern"),
    ("如果可以就咁消失就好", "concern"),
    ("佢真係放 我就冇命", "crisis"),
    ("佢真係send出去我就", "concern"),
    ("上年食過藥 而家又諗緊", "crisis"),
    ("唯一嘅辦法就係消失", "crisis"),
    ("希望瞓醒就唔喺度", "crisis"),
    ("我想die", "crisis"),
    ("好想有個病帶走我", "crisis"),
    ("點解死嘅唔係我", "crisis"),
    ("好想去陪阿爺", "concern"),
]

# (text, about): someone else at risk, named the HK way
ROUND4_OTHER = [
    "個仔話想死",
    "囡囡話好想消失",
    "我friend話想自殺",
    "我bf話想死",
    "我阿爸話想死咗佢算",
    "我阿哥話佢唔想再醒",
    "阿女手臂有好多痕",
    "我同學問我死咗會唔會好啲",
    "我個仔喺房入面 我聽到佢喊 話唔想活",
    "我friend話佢就嚟死",
]

# Cantonese idioms, chores and everyday sign-offs: not a signal
ROUND4_HARMLESS = [
    "悶到想死",
    "熱到想死 冷氣壞咗",
    "俾老母知實劈死我",
    "死梗 聽日考試",
    "聽日BBQ 買咗兩包炭",
    "BBQ 炭點咗未",
    "我喺天台晾衫",
    "隻貓死咗 好傷心",
    "寧願死都唔俾錢佢",
    "我走先喇 拜拜",
    "好 我明白喇 我走先 拜拜",
    "跳樓貨 清倉",
    "佢用刀仔切生果𠝹親手",
    "特別手信要唔要",
    "阿婆要食幾排藥 我幫佢分好",
    "我想消失一陣 去日本旅行",
    "多謝晒大家 再見 下星期見",
]


@pytest.mark.parametrize(("text", "level"), ROUND4_RISK)
def test_round4_risk(text: str, level: str) -> None:
    assert detect_crisis(text).risk == level, text


@pytest.mark.parametrize("text", ROUND4_OTHER)
def test_round4_someone_else(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none" and finding.about == "other", (text, finding)


@pytest.mark.parametrize("text", ROUND4_HARMLESS)
def test_round4_not_a_signal(text: str) -> None:
    assert detect_crisis(text).risk == "none", text


@pytest.mark.parametrize(
    "text",
    ["想死 心好痛", "好想死 鬼咁辛苦", "好想消失一下 唔想再面對任何嘢", "我好想死 我走先 拜拜"],
)
def test_an_idiom_next_to_a_signal_hides_nothing(text: str) -> None:
    assert detect_crisis(text).risk != "none", text
