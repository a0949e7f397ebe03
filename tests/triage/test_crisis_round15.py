"""Lexicon entries of the fifteenth round of issue 12 (bot/triage/lexicon/crisis.yml, `*_round15`),
written from the families the opened hold18 set showed, in own wording and general forms (no set's text is
quoted here). Each is checked both ways: the signal is found, and the everyday wording next to it is left
alone; a homograph is masked without being reported as an idiom, so the nets still read the message."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis

# pills saved up, enough or kept, instead of taken
SIGNALS = [
    "啲瞓覺藥我儲定晒 今晚",
    "止痛药我留着不吃 都囤着",
    "醫生開嘅瞓覺藥 我冇食 全部儲住",
]
# everyday wording: Singlish "die die must", a plan killed by the boss, a team sure to lose, a chore "to
# death" taken back with a laugh, a knife taken to the blackmailer, a death-word denied
EVERYDAY = [
    "die die must try the laksa at the wet market",
    "老闆一刀斬死咗成個project",
    "今季實死冇生 球隊又輸",
    "份功課做到想死 哈哈",
    "背書背到好想死 lol 唔好理我",
    "温书温得想死 讲笑咋",
    "佢話要拎把刀去斬嗰條友",
    # second part: a cliff-jump fall in prices, "want to die?!" said to someone, a suicide-style attack,
    # homework too much "don't want to live" with a laugh, too much coffee, money lost
    "股票今日跳崖式下跌",
    "你想死呀你 咁夜先返",
    "新聞講緊自殺式襲擊",
    "功課太多唔想活 哈哈",
    "期末考这题难到想自杀 233",
    "overdosed on bubble tea before the exam lol",
    "the stall bled money all year",
]
# masked but not reported as idioms: the nets still read these messages
HOMOGRAPHS = [
    "醫生開咗安眠藥俾我 每晚食一粒",
    "if he posts it i confirm die",
    "我冇想死 只係想佢刪咗啲相",
]


@pytest.mark.parametrize("text", SIGNALS)
def test_pills_saved_up_are_a_crisis(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis and finding.about == "self", finding


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_death_words_are_masked_as_idioms(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "none" and finding.idioms, finding


@pytest.mark.parametrize("text", HOMOGRAPHS)
def test_homographs_are_masked_but_not_reported_as_idioms(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis and not finding.idioms, finding


@pytest.mark.parametrize(
    "text",
    [
        "做到想死 唔係講笑",  # "not joking": the signal stays
        "我想死 哈哈",  # no chore "to death": a laugh does not take it back
        "搞到我想死 認真",
        "功課太多 唔想活",  # no laugh: a possible signal
        "i overdosed on my pills",
    ],
)
def test_a_death_wish_not_taken_back_is_not_masked(text: str) -> None:
    assert detect_crisis(text).risk != "none"


def test_a_person_named_by_a_bare_classifier_is_not_a_threat_to_the_blackmailer() -> None:
    """个/条/那 alone name no one ("搞埋條片傳出去": and the video got out too)."""
    assert not detect_crisis("搞埋條片傳出去 我唔想連累屋企人").idioms
    assert detect_crisis("我要打死嗰個變態").idioms
