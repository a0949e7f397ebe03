"""What the eighteenth round of issue 12 taught the lexicon (`*_round18` in bot/triage/lexicon/crisis.yml) and
the whose-words rules (bot/triage/crisis.py). The families came from the misses of hold21, opened this round;
every text below is own wording in a general form, none is a set's. One table holds each text with the level
and the subject the lexicon must read, the everyday wording beside the signals included."""

from __future__ import annotations

import pytest

from bot.components.triage import clear_signal
from bot.triage.crisis import _build_lexicon, detect_crisis
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

# plain forms own recall probes showed missing (helpers' probes, own wording here): past the yellow line, a
# rope that can hold a person, pills from several pharmacies, not around to read the comments, a way out
# sorted, walking into the sea, by the water and unable to swim, "at midnight it ends", finishing one's life,
# tried before and finishing the job, a list of who gets what, the man of the house now, a pet kept forever,
# unable to feed the cat from tomorrow, "said im going abroad, im not", an iron, a cigarette on the skin, a
# wrist slammed in a door, round burns, not deserving food; 想sei, 去4, 4咗好過, x咗自己, 自剎, 登出人生,
# 收皮 of a whole life, no reason to stay in this world, pills from separate pharmacies, the door gap sealed,
# charcoal in a schoolbag, the reservoir and unable to swim, a one-way ticket to the sea, time and place
# settled, sorry thanks goodbye, unable to look after her from now on, somewhere very far, phoning everyone
# to say sorry, "don't blame mum", no reply after a set time, that day the last day, out of hospital and not
# safe, the same as that night, nobody will find out this time, days without food and not worthy of it
PROBED_CRISIS = [
    "each train that comes i step a bit closer past the yellow line",
    "will the belt in my wardrobe hold my weight",
    "bought sleeping pills from three different pharmacies this week",
    "if he posts it i wont be around to see the replies",
    "already got my way out planned",
    "walking into the sea tonight",
    "sitting on the pier, never learned to swim anyway",
    "at 3am it ends",
    "i want to finish my life",
    "i tried last year and now i feel like finishing the job",
    "made a list of who gets what",
    "you are the man of the house now",
    "please keep my rabbit forever",
    "i wont be able to feed my cat from tomorrow",
    "told everyone im going abroad. im not",
    "held my hand on the stove",
    "put my cigarette out on my arm again",
    "slammed my hand in the door over and over",
    "round burns on her wrist",
    "his forearms have cuts all over",
    "i dont deserve food",
    "真係好想sei",
    "好想去4",
    "4咗好過",
    "我想x咗自己",
    "好想自剎",
    "今晚要登出人生",
    "成個人生都想收皮",
    "冇理由再留喺呢個世界",
    "你們就當沒有我這個女兒",
    "止痛藥分開三間藥房買",
    "門縫用濕毛巾塞好了",
    "書包裡有一包木炭",
    "去水塘 反正我唔識游水",
    "買了去海邊的單程票",
    "時間定了 地點也定了",
    "對不起 謝謝 再見",
    "之後我沒辦法再照顧牠了",
    "我要去一個很遠很遠的地方",
    "佢逐個打電話俾我哋講對唔住",
    "孩子們別怪媽媽",
    "對不起 不要再找我",
    "今晚之後唔會再覆",
    "那天就是我的最後一天",
    "出院兩星期 我覺得唔安全",
    "試過一次 今晚同嗰晚好似",
    "這次不會有人發現",
    "三天沒吃飯 我不配",
]
# possible signals: one's bank login sent to a relation, everything tidy now, doing it on a named day, a room
# for one; sorted before dawn, everything deleted and the account put in order, money owed all paid back, a
# single room booked, parked at the reservoir for an hour, gone before he sees it
PROBED_CONCERN = [
    "sent my brother my bank login",
    "everything is sorted now",
    "gonna do it on sunday",
    "booked a hotel room just for myself",
    "paid back what i owed my cousin, everything is tidy now",
    "天光之前搞掂佢",
    "啲相刪晒 帳號都交代好",
    "欠朋友的錢全部還清了",
    "訂咗一個人嘅酒店房",
    "喺水塘邊坐咗成個鐘",
    "佢睇之前我會消失",
]
# everyday wording beside them
PROBED_EVERYDAY = [
    "mind the gap, stand behind the yellow line",
    "which rope can hold a hammock",
    "going into the sea for a swim later",
    "i cant swim so i stay on the beach",
    "sent my mum my passwords in case i lose my phone",
    "im going to the rooftop bar tonight",
    "did a bungee jump in macau!",
    "took 2 panadol for my headache",
    "buy charcoal and lighter fluid for the bbq",
    "畢業後要去好遠的地方讀書",
    "煤氣開著在燉湯",
    "欠我的錢全部還清了",
    "把欠室友的飯錢還了",
    "阿爸話當冇我呢個仔",
]

EXPECTED = [
    *((text, "crisis", "self") for text in CRISIS_SELF + STILL_SELF + BESIDE_IDIOMS),
    *((text, "crisis", "other") for text in CRISIS_OTHER),
    *((text, "crisis", None) for text in CRISIS_ANYONE),
    *((text, "concern", None) for text in CONCERN),
    *((text, "none", None) for text in EVERYDAY + IDIOMS + PROBED_EVERYDAY),
    *((text, "crisis", None) for text in PROBED_CRISIS),
    *((text, "concern", None) for text in PROBED_CONCERN),
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


@pytest.mark.parametrize("text", ["我覺得自己係屋企嘅負擔", "好想消失", "我只是个累赘"])
def test_vanishing_and_burden_are_no_explicit_statement(text: str) -> None:
    """The level net may lower them to a possible signal; want_to_die it may not (EXPLICIT_SIGNAL_IDS)."""
    finding = detect_crisis(text)
    assert finding.is_crisis
    assert not clear_signal(finding), finding.signals


@pytest.mark.parametrize("text", ["好想瞓咗唔好再醒", "我想死"])
def test_wanting_to_die_or_never_to_wake_stays_explicit(text: str) -> None:
    assert clear_signal(detect_crisis(text))


def test_wishing_never_to_have_been_born_is_a_passive_wish() -> None:
    finding = detect_crisis("honestly i wish i was never born")
    assert finding.signals == ("en:ideation:passive_wish",)
    assert not clear_signal(finding)


# A Chinese sign of someone else's risk (third_party.yml) where only 佢 / 他 / 她 is named, most often the
# blackmailer: the texter's own, who often leaves out their 我; someone else's when the pronoun leads it or a
# relation is named
@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("企喺天台邊 好大風 佢仲send緊msg嚟", "self"),
        ("站在天台边上 他一直在催我转账", "self"),
        ("着長袖遮住啲傷 佢每msg一次就搞多次", "self"),
        ("佢成日着長袖遮住手", "other"),
        ("我細佬成日着長袖遮住手", "other"),
        ("he keeps hiding the cuts under his sleeves", "other"),
    ],
)
def test_a_sign_with_only_a_pronoun_named_is_read_with_the_pronoun(text: str, about: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", finding
    assert finding.about == about, finding


def test_the_one_owed_is_no_subject() -> None:
    """'paid back what i owed my cousin': the cousin is owed, the affairs put in order are the texter's."""
    finding = detect_crisis("paid back what i owed my cousin, everything is tidy now")
    assert (finding.risk, finding.about) == ("concern", "self")


@pytest.mark.parametrize(
    "text", ["standing at the rooftop pool, 30 floors up", "did a bungee jump in macau!"]
)
def test_leisure_heights_are_homographs_so_the_nets_still_read_them(text: str) -> None:
    """Masked for the lexicon, but no idiom: an idiom would keep the nets from reading the message."""
    finding = detect_crisis(text)
    assert finding.risk == "none" and not finding.idioms, finding
