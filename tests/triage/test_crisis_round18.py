"""What the eighteenth round of issue 12 taught the lexicon (`*_round18` in bot/triage/lexicon/crisis.yml) and
the whose-words rules (bot/triage/crisis.py). The families came from the misses of hold21, opened this round;
every text below is own wording in a general form, none is a set's. One table holds each text with the level
and the subject the lexicon must read, the everyday wording beside the signals included."""

from __future__ import annotations

import pytest

from bot.triage.crisis import _build_lexicon
from tests.triage.lexicon_reading import assert_lexicon_reads, assert_masked

# clear signals about the texter: sorry to one's parents and "I go first" at the end, a past attempt regretted
# for failing, half a box of pills swallowed and now dizzy, if it gets out then straight to the bridge
CRISIS_SELF = [
    "對唔住阿爸 對唔住阿媽 我行先",
    "中學嗰陣食過藥入院 而家又係咁 我覺得嗰陣應該死咗",
    "我觉得那时候应该成功的",
    "i think i should have succeeded last time",
    "wish it had worked the first time i tried",
    "如果佢真係放上網 我就直接去青馬大橋",
    "thank you for everything, please look after my cat",
]
# whoever it is: half a box of pills swallowed and now sleepy or dizzy
CRISIS_ANYONE = [
    "已經吃了半盒安眠藥 有點想睡 跟你說一聲",
    "吞咗成排 而家頭好暈",
]
# someone else's: a relation's message forwarded or quoted by what it is (轉傳我表妹啱啱嘅訊息, 我弟剛剛傳來的
# 訊息: 哥 …), typed in a chat the texter forwards, said "to me" or "to us", what 她 said with words of when
# between, the medicine at home all swallowed, asking which rope is strongest, thin lines all over a wrist,
# thanked for everything and asked to look after dad, the bankbook handed over with "take care of yourself"
CRISIS_OTHER = [
    "轉傳我表妹啱啱嘅訊息:「家姐 我想死 對唔住」",
    "转发我同事昨晚的消息：『我不想活了 对不起』",
    "我弟剛剛傳來的訊息:『哥 我要自殺了』",
    "forwarding what my cousin typed in our family whatsapp at 2am: 'im going to end my life tonight'",
    "my roommate typed in the discord server just now: gonna kill myself after finals",
    "my classmate just said to me im going to kill myself, someone is blackmailing him",
    "my sister told us at dinner i want to die",
    "她昨晚睡前说把家里的药都吃了 然后就没回",
    "my son keeps asking which rope is strongest",
    "my nephew (11) has thin lines all over his wrist",
    "my dad sent me a voice note thanking me for everything and asking me to look after mum",
    "我個女將佢最鍾意嘅相機同存摺俾咗我 話以後自己保重",
    "阿哥話如果阿嫂知道 佢就去大橋",
]
# possible signals (the assistant asks): a room high up whose window opens
CONCERN = [
    "住酒店二十八樓 房間窗戶可以推開",
]
# the texter's own words on reading a relation's message stay the texter's
STILL_SELF = [
    "收到我老公嘅message 我想死",
    "看到我男朋友的讯息 我想死",
]
# everyday wording beside them
EVERYDAY = [
    "sorry mum sorry dad, gotta go first, bus is here",
    "對唔住阿媽 今晚我行先 聽日返嚟食飯",
    "which rope is strongest for bouldering?",
    "what kind of rope is best for a hammock",
    "吃了半瓶红酒 头有点晕",
    "我將存摺交俾阿媽保管 佢話以後自己睇數",
    "thank you for everything, i'll look after your cat while you're away",
    "住酒店二十八樓 景好靚",
    "收到我弟的訊息 說他下週回來",
]
# idioms and threats to the blackmailer, masked: jumping into the sea "would not wash it clean", a night
# shift that "makes me want to die" with a laugh, a boss who "wants to kill me", making him "not live past
# this month", running him down when he is seen, one slash to finish him, a bat taken round to him, "regret
# the day he was born"
IDIOMS = [
    "跳海都洗唔清 佢哋以為片入面係我",
    "跳到黄河也洗不清",
    "連上三個夜班 值班值到我想死 哈哈",
    "主管是想杀了我吧",
    "我要讓那個騙子活不過這個月",
    "見到條友我就撞埋去",
    "我喺佢公司門口等佢 一刀過",
    "im going round to his flat with a bat",
    "he'll regret the day he was born",
]
# a signal beside them is still found
BESIDE_IDIOMS = [
    "跳海都洗唔清 我真係想死",
]

EXPECTED = [
    *((text, "crisis", "self") for text in CRISIS_SELF + STILL_SELF + BESIDE_IDIOMS),
    *((text, "crisis", "other") for text in CRISIS_OTHER),
    *((text, "crisis", None) for text in CRISIS_ANYONE),
    *((text, "concern", None) for text in CONCERN),
    *((text, "none", None) for text in EVERYDAY + IDIOMS),
]


@pytest.mark.parametrize(("text", "risk", "about"), EXPECTED)
def test_the_lexicon_reads_the_level_and_whose_risk(text: str, risk: str, about: str | None) -> None:
    assert_lexicon_reads(text, risk, about)


@pytest.mark.parametrize("text", IDIOMS)
def test_idioms_and_threats_are_masked(text: str) -> None:
    assert_masked(text)


def test_a_denial_entry_is_a_homograph_whether_or_not_it_says_so() -> None:
    item = {"id": "probe", "denial": True, "regex": ["^i am not suicidal$"]}
    data = {"idioms": {"en": [item]}}
    lexicon = _build_lexicon(data, {})
    assert lexicon.denials and lexicon.homographs_latin.matchers and not lexicon.idioms_latin.matchers
