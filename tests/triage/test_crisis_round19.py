"""What the nineteenth round of issue 12 taught the lexicon (`*_round19` and `end_own_life` in
bot/triage/lexicon/crisis.yml) and the whose-words rules (bot/triage/crisis.py). The families came from the
misses of hold22, opened this round; every text below is own wording in a general form, none is a set's. One
table holds each text with the level and the subject the lexicon must read, the everyday wording beside the
signals included."""

from __future__ import annotations

import pytest

from bot.components.triage import clear_signal
from bot.triage.crisis import detect_crisis, named_subject
from tests.triage.lexicon_reading import assert_lexicon_reads, assert_masked

# clear signals about the texter: thanking them all for being one's friends, asked to be remembered kindly,
# going away for good, the day it gets out "is my last day", "i'll go up to the roof", the roof left unlocked;
# "I've already thought out how to do it", "I know how to make this end"
CRISIS_SELF = [
    "thank you all for being my friends, bye",
    "just remember me kindly ok",
    "once i pay him im going to disappear for good",
    "if my boss sees it that will be my last day",
    "if it goes up ill go straight up to the roof",
    "the roof door at my block is never locked btw",
    "我已經諗好點做喇",
    "我已经想好怎么走了",
    "我知道點樣令呢件事結束",
]
# someone else's: their message forwarded (轉給我的, "forward from my friend:", "forwarding from my cousin,
# 15:"), a sibling described by school year before "told me on WeChat", a teammate who said that if it got
# out 佢就…, a pupil named by their year in the teacher's form, a son who messaged his group chat a goodbye, a
# story put on close friends, a pupil by year in a youth group, a screenshot from her boyfriend, 老念叨
CRISIS_OTHER = [
    "我表妹頭先轉咗俾我：「我唔想再活落去」",
    "我同學剛剛轉給我的：『我要自殺了』",
    "forward from my colleague:「我想死」",
    "forwarding from my cousin, 15: 'i want to die tonight'",
    "我妹妹讀中三 琴晚微信同我講 家姐我想死",
    "有個隊員同我講如果片傳出去 佢就會喺天台跳落嚟",
    "a year 10 in my form searched how many pills is an overdose",
    "my son messaged his whole group chat 'thanks for being my friends, remember me kindly'",
    "my cousin just put on close friends 'ending my life tonight'",
    "a sec 2 girl in my youth group posted 'going to kill myself' on her story",
    "my friend forwarded me a screenshot from her boyfriend: im done, ending it",
    "我外公最近老念叨'我活着就是拖累你们'",
]
# no subject named, whoever it is: a cut pressed open so it does not heal, making an end of it tonight
CRISIS_ANYONE = [
    "picking the scabs open again so they never heal",
    "今晚就做個了斷",
]
# ending or taking one's own life is explicit (the level net may not lower it)
EXPLICIT = [
    "honestly i want to end my life",
    "i'm going to take my own life",
]
# possible signals (the assistant asks): every way out shut three times over, zero way forward
CONCERN = [
    "cant leave cant stay cant tell anyone",
    "lost the job and the savings, zero way forward",
]
# everyday wording beside them
EVERYDAY = [
    "friday is my last day at work",
    "tomorrow is my last day of school before the holidays",
    "ill go up to the roof to hang the washing",
    "the roof is leaking again",
    "thanks guys for being my team this season, see you at training",
    "我今晚要同佢做個了斷，唔會再俾錢",
    "我已經諗好點樣回覆佢",
    "我已经想好怎么报警了",
    "我知道怎樣令佢停止勒索：報警",
    "i can't sleep, can't eat, can't think",
    "please pick up the cut flowers on your way",
]
# from the development sets' clear signals read as possible ones in cross-validation (own wording): if
# anything happens take care of the dog; a past attempt and "there again"; "tonight i stop trying"; a high
# floor's ledge; a hot spoon on the skin; days without food on purpose; a wrist all thin lines; fresh marks up
# a forearm; which rope is strongest; whether the roof door is locked; no longer a burden once paid; no more
# enduring after tonight; never counted in again; one's own wrist made bloody; starving oneself for days;
# passwords handed over "to handle from now on"
CV_CRISIS = [
    "if anything happens to me please feed my dog",
    "i overdosed two years ago and this week im back there again",
    "tonight i stop fighting",
    "sitting on our 19th floor ledge",
    "pressed a hot coin on my leg again",
    "havent eaten for three days on purpose",
    "her arms are covered in thin cuts",
    "he has fresh cuts all up his forearm",
    "我朋友一直問邊種繩最實淨",
    "天台道門今晚有冇鎖",
    "過咗今晚就唔再拖累任何人",
    "今日之後唔再捱",
    "從今以後都唔使預我",
    "她把自己的手臂划得都是血",
    "饿了自己三天",
    "他把帳號密碼傳給我 說以後幫他處理",
]
# a possible signal: no longer going for dialysis
CV_CONCERN = ["阿爸話唔再去洗腎"]
# everyday wording beside them
CV_EVERYDAY = [
    "standing at the 30th floor window watching the sunset",
    "the roof is never locked so we go up for photos",
    "fresh marks on my arm from the cat",
    "天台門冇鎖 我哋上去影相",
    "以後唔使預我食飯",
    "拎住兩包炭去燒烤",
    "覆診改咗期 下個月唔再去嗰間診所",
]
# third part (own wording): the family "getting the insurance" instead; the tallest car park, a block with
# roof access, thinking about the bridge; empty blister packs; a whole supply kept; a cable hidden on a ward;
# a new rope in a car boot; something drunk from under the sink; savings sent to a relation; "thanks for the
# memories"; a "last view"; an attempt and "better this time"
CV3_CRISIS = [
    ("honestly my wife would be better off with the life insurance", "self"),
    ("which building near my school got roof access", None),
    ("keep thinking about the bridge near my flat", None),
    ("found empty pill packets in the bin", None),
    ("my sister keeps the whole 3 months supply in her locker", "other"),
    ("on the ward they took my belt but i hid a phone cable in my sock", "self"),
    ("my dad has a new rope in his car boot", "other"),
    ("my sister drank bleach from under the sink", "other"),
    ("transferred all my savings to my mum this morning", "self"),
    ("my cousin posted a sunset with 'thanks for the memories'", "other"),
    ("last view of the harbour", None),
    ("he tried last year and says he will do it properly this time", None),
]
# everyday wording beside them: paying the blackmailer (a possible signal at most), the tallest buildings, a
# class farewell, an insurance claim
CV3_NOT_CRISIS = [
    "gave him all my savings and he still wants more",
    "what are the tallest buildings in the world",
    "thanks for the memories, class of 2026!",
    "can my phone insurance claim cover the screen",
]
# "to death" idioms: half dead from work
IDIOMS = ["返咗十二個鐘 累得半死", "今日攰到半死"]

EXPECTED = [
    *((text, "crisis", "self") for text in CRISIS_SELF + EXPLICIT),
    *((text, "crisis", "other") for text in CRISIS_OTHER),
    *((text, "crisis", None) for text in CRISIS_ANYONE),
    *((text, "concern", None) for text in CONCERN),
    *((text, "none", None) for text in EVERYDAY + IDIOMS + CV_EVERYDAY),
    *((text, "crisis", None) for text in CV_CRISIS),
    *((text, "concern", None) for text in CV_CONCERN),
]


@pytest.mark.parametrize(("text", "risk", "about"), EXPECTED)
def test_the_lexicon_reads_the_level_and_whose_risk(text: str, risk: str, about: str | None) -> None:
    assert_lexicon_reads(text, risk, about)


@pytest.mark.parametrize("text", IDIOMS)
def test_half_dead_idioms_are_masked(text: str) -> None:
    assert_masked(text)


@pytest.mark.parametrize("text", EXPLICIT)
def test_ending_ones_own_life_is_a_clear_signal(text: str) -> None:
    assert clear_signal(detect_crisis(text))


def test_ending_it_all_is_still_left_to_the_level_net() -> None:
    """'end it all' may be a possible signal: only ending or taking one's own life is explicit."""
    assert not clear_signal(detect_crisis("sometimes i think about ending it all"))


def test_the_texters_own_if_then_stays_theirs() -> None:
    """佢 then 就 before the signal is someone else's only once a relation was named before it: here 佢 is the
    blackmailer and the jump is the texter's."""
    finding = detect_crisis("如果佢真係send出去 我就跳落海")
    assert (finding.risk, finding.about) == ("crisis", "self")


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("阿媽成日話「如果我同阿婆一齊走咗就好」", "other"),
        ("my brother keeps saying 'i'm just a weight on everyone'", "other"),
        ("我阿爸話我冇用 我覺得佢講得啱", "self"),
    ],
)
def test_a_relations_quoted_i_is_theirs_for_a_risk_only_the_classifier_reads(text: str, about: str) -> None:
    """named_subject decides whose a risk the classifier alone raised is: the 我 / "i" inside a relation's
    quoted words is theirs, the texter's own words after it stay the texter's."""
    assert named_subject(text) == about


@pytest.mark.parametrize(("text", "about"), CV3_CRISIS)
def test_third_part_signals_are_crises(text: str, about: str | None) -> None:
    assert_lexicon_reads(text, "crisis", about)


@pytest.mark.parametrize("text", CV3_NOT_CRISIS)
def test_third_part_everyday_wording_is_no_crisis(text: str) -> None:
    assert detect_crisis(text).risk != "crisis", detect_crisis(text)


def test_means_in_their_drawer_are_theirs_a_letter_in_it_is_the_texters() -> None:
    assert detect_crisis("my son is 15 and i found empty blister packs in his drawer").about == "other"
    assert (
        detect_crisis("left a letter for mum in her sock drawer, she wont see it for days").about != "other"
    )
