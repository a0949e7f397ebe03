"""Lexicon families added in the eighth round of issue 12 (bot/triage/lexicon/crisis.yml, `*_round8`):
wordings written for these tests, not copied from any evaluation set. Each family is checked both ways:
the signal at the right level, and the everyday wording next to it left alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis


@pytest.mark.parametrize(
    "text",
    [
        "found burns in a row on his forearm, he says its nothing",
        "she has scratch marks all lined up on her thigh",
        "一次過買咗好多必理痛 收埋喺櫃桶",
        "屋企有好多瞓覺藥",
        "三十粒安眠藥撈埋紅酒一齊食會點",
        "15颗褪黑素加上爸爸的药一起吃会怎样",
    ],
)
def test_round8_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


@pytest.mark.parametrize(
    "text",
    [
        "nothing i try ever makes a difference, he just asks for more",
        "whats honestly the point of any of this",
        "if my uni sees those pics my degree is done and so am i",
        "the last time i felt like this my flatmate had to kick my door in",
        "got my stomach pumped 2 yrs ago and its getting bad again",
        "my brother has cigarette burns on his wrist since the blackmail started",
        "sana mamatay na lang ako grabe hiya",
        "i just need to send my goodbyes to a few people tonight",
        "feel strangely peaceful now that ive made up my mind",
        "我真係冇任何出路 錢又冇埋",
        "我這輩子算是完了吧",
        "每日都睇唔到明天",
        "做咩都冇意思 唔想郁",
        "我不知道为什么还要起床",
        "成世都走唔出呢個陰影",
        "边个都帮唔到我㗎喇",
        "我好似一座孤島咁",
        "一覺瞓唔醒都幾好",
        "屋企人成日要幫我執手尾",
        "我係個大麻煩嚟",
        "如果啲相俾公司見到我就唔使活",
        "佢成日扯自己啲頭髮 扯到甩咗一撻",
        "啲嘢我都執好晒喇",
        "隻狗交咗俾表妹照顧",
        "決定咗之後 成個人好平靜",
    ],
)
def test_round8_concern(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.concerns or finding.is_crisis, text


@pytest.mark.parametrize(
    "text",
    [
        "whats the point of paying if he keeps asking",
        "nothing works on this app, can i talk to a person",
        "game over and so are my holidays lol",
        "said my goodbyes to everyone at the airport before my flight",
        "i feel calm now that ive decided to report him",
        "the firemen broke the door when i locked myself out",
        "i have burn marks from the oven on my arm lol",
        "條片冇出路 個app唔work",
        "我決定咗報警之後 個人平靜咗好多",
        "呢套戲冇意思",
        "好累人呀今日",
        "睇唔到個連結",
        "我決定咗之後就會話俾社工聽",
        "每日兩粒維他命加魚油一齊食",
        "我的猫很好 每天吃饭",
        "毕业后要去好远的地方读书",
        "搬屋前啲嘢執好晒未",
    ],
)
def test_round8_not_a_crisis(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, text
    assert not any("round8" in concern for concern in finding.concerns), (text, finding.concerns)


@pytest.mark.parametrize(
    "text",
    [
        "i want to die lol jk",
        "ok i'd rather die than go back to school tmr... just kidding",
        "想死呀 開玩笑咋",
        "真系想死 讲吓笑啫",
    ],
)
def test_a_retracted_signal_is_asked_about_not_ignored(text: str) -> None:
    """A death phrase taken back soon after ("jk", 開玩笑) is not sure either way: a concern, so the
    assistant asks directly instead of starting the crisis path, and never lets it pass."""
    finding = detect_crisis(text)
    assert not finding.is_crisis and finding.concerns, (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "i want to die, not joking",
        "i want to die. no joke",
        "i wanna die fr and its not the joking kind",
        "my friend said she wants to die but i dont think shes kidding",
        "我想死 唔係講笑",
        "佢話想死 唔似講笑",
        "我想死 不是开玩笑",
        "佢半開玩笑咁話想死",
        "jk i took 20 pills",  # the retraction comes before the signal
    ],
)
def test_a_negated_or_earlier_retraction_leaves_the_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


@pytest.mark.parametrize("text", ["笑不活了 個騙子連字都寫錯", "笑到我死咗 佢話自己係FBI"])
def test_round8_laughing_idioms(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis and finding.idioms, (text, finding)


def test_round8_laughing_idiom_never_hides_a_signal() -> None:
    assert detect_crisis("笑到我死咗 但係我真係想死").is_crisis
    assert detect_crisis("我死咗佢哋會開心啲").is_crisis
