"""Lexicon entries and subject rules of the sixteenth round of issue 12 (bot/triage/lexicon/crisis.yml,
`*_round16`; bot/triage/crisis.py), written from the families the opened hold19 set showed, in own wording and
general forms (no set's text is quoted here). Each is checked both ways: the signal is found, and the everyday
wording next to it is left alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis

# clear signals about the texter: a double dose of sleeping pills, bleach, the harness left off, not living
# past tomorrow, a wave wished to take one, a car into the sea, new wounds bleeding, tried before and "this
# time properly"; the texter right after an English verb (佢一send我…) is still the texter
CRISIS_SELF = [
    "took a double dose of my sleep meds on purpose",
    "i will drink the bleach under the sink",
    "tomorrow on site im not clipping my harness on",
    "i wont live past tomorrow",
    "wish a wave would take me",
    "我唔會活過聽日",
    "我要开车冲进海里",
    "我手腕好多新嘅𠝹痕仲流緊血",
    "我去年试过一次 今次会做得更彻底",
    "我之前食过药入院 好想再嚟一次 今次唔会俾人知",
    "佢話唔俾錢就send晒 佢一send我即刻跳",
    "一收到佢d msg我就狂咬自己隻手",
]
# someone else's: a relation's words quoted after where they are, "she'll" without its apostrophe, a pupil
# who tried "last year", bleach named by a helper; a relation's search history, a pupil who wrote to the
# texter (WhatsApp我話…), a step-child named bare
CRISIS_OTHER = [
    "my brother on a container ship messaged: wish a wave would take me. hasnt answered since",
    "she says if her parents see it she'll drink the weedkiller",
    "我是教练 我学生去年试过一次 她说这次会做得更彻底",
    "我细妹上年割过 今次唔会俾人知",
    "她说要喝厨房的漂白水",
    "她手腕上全是新的口子 还在滴血",
    "my son is 15. i found he searched how many panadol at 3am",
    "我係老師 有個中三學生夜晚WhatsApp我話想自殺",
    "我係佢繼母 個繼女中三 以前自殺過 而家又話唔想活",
]
# whoever it is: pills with a note saying sorry or kept "for myself", fresh burns or cuts on both arms,
# charcoal with a roll of tape
CRISIS_ANYONE = [
    "found pills in her drawer and a note saying sorry",
    "她书包里有两板退烧药 还有张纸写着对不起",
    "佢枱面有十幾板藥 話係留俾自己",
    "she has fresh burns on both arms",
    "ordered charcoal and a roll of tape, says its for a bbq",
    "她两只手臂都是新的烫伤",
    "佢手臂有好多新嘅烟头辣痕",
]
# possible signals (the assistant asks): prized things given away, PINs written down for family, a changed
# beneficiary, "don't count me in from now on", a bag of charcoal with no barbecue, the harness left off, the
# water looking soft, a bridge looked at on a map
CONCERN = [
    "he gave away his switch and all his games this week",
    "wrote down my bank pins for my sister",
    "changed the beneficiary on my insurance to my mum",
    "保单受益人改成我妈了",
    "佢將本聖經同筆記送晒俾人 仲話以後唔使預佢",
    "同事手里拎着一袋炭",
    "明天在工地不扣安全绳了",
    "the water looks so soft from up here",
    "he keeps looking at the bridge on google maps",
    "海水看起来好软",
    "佢成日喺google map睇嗰條橋",
]
# everyday wording next to them: an accidental double dose, double shifts, things given away before a move,
# charcoal for a barbecue, not home for dinner, where the bleach is, a burn from cooking, places on a map
EVERYDAY = [
    "accidentally took a double dose of my sleep meds, is that ok",
    "took double shifts all month to pay the rent",
    "he gave away his old clothes because hes moving to the uk",
    "拎住一袋炭去燒烤",
    "以后唔使预我食饭 我今个月加班",
    "the bleach is under the sink, can you get it",
    "the rooftop bar on google maps looks nice",
    "她手臂烫伤了 煮饭时不小心",
    "我一直在地图上看那间餐厅",
]
# everyday death words and threats to the blackmailer, masked as idioms; game slang and flash sales
IDIOMS = [
    "the skin is so nice i would die for it",
    "kill me now the exam was so hard",
    "brain is officially dead after the exam",
    "my bro wants to belasah the guy",
    "维修店那小子敢发我老婆照片 我今晚就去把他店砸了",
    "真想拿扳手跟他拼了",
    "我男朋友说要开车去撞那个人",
    "下次再来我拿砖头招呼他",
    "如果佢敢send出去 我就去佢公司当众掌佢",
    "昨晚那场五杀 杀疯了",
    "今晚排位杀疯了 哈哈",
    "打機送頭送到死",
    "双十一秒杀好多嘢",
]
# hurting oneself denied in so many words: masked, not reported as an idiom
DENIED = [
    "my student was blackmailed, she never said anything about hurting herself, how do i help",
    "我個學生俾人勒索 佢冇講過傷害自己",
    "她没说过想自杀 只是很害怕",
]
# a real signal beside them is still found
STILL_SIGNALS = [
    "我個女俾人勒索 佢冇講過想死 但今日話唔想活",
    "kill me now i cant do this anymore",
    "i would die for my kids but i cant take this anymore",
]


@pytest.mark.parametrize("text", CRISIS_SELF)
def test_the_texters_own_clear_signals_are_a_crisis(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis and finding.about == "self", finding


@pytest.mark.parametrize("text", CRISIS_OTHER)
def test_someone_elses_clear_signals_are_theirs(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis and finding.about == "other", finding


@pytest.mark.parametrize("text", CRISIS_ANYONE)
def test_means_found_and_wounds_seen_are_a_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis


@pytest.mark.parametrize("text", CONCERN)
def test_affairs_belongings_and_the_drop_are_possible_signals(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "concern" and not finding.is_crisis, finding


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_wording_is_left_alone(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "none", finding


@pytest.mark.parametrize("text", IDIOMS)
def test_everyday_death_words_and_threats_are_idioms(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "none" and finding.idioms, finding


@pytest.mark.parametrize("text", DENIED)
def test_a_denial_is_masked_but_not_an_idiom(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "none" and not finding.idioms, finding


@pytest.mark.parametrize("text", STILL_SIGNALS)
def test_a_signal_beside_an_idiom_or_denial_is_found(text: str) -> None:
    assert detect_crisis(text).risk != "none"


def test_blood_on_the_blackmailers_hands_is_the_texters_own() -> None:
    finding = detect_crisis("told him if he posts it he'll have blood on his hands")
    assert finding.risk == "concern" and finding.about == "self", finding
