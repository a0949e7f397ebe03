"""What the seventeenth round of issue 12 taught the lexicon (`*_round17` in bot/triage/lexicon/crisis.yml)
and the whose-words rules (bot/triage/crisis.py). The families came from the misses of hold20, opened this
round; every text below is own wording in a general form, none is a set's. One table holds each text with the
level and the subject the lexicon must read, the everyday wording beside the signals included."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import assert_lexicon_reads, assert_masked

# clear signals about the texter: ten or more tablets or a whole pack at once, all the insulin, the gun at
# home, ending it at a set time, the helpline as the last one written to, a past attempt and "the same
# feeling" now, the smoke or the sea wished to take one, "I won't be alive to face it", free or done
# enduring after a set time; wanting to die as a gerund, a cut last night, a scar one cut oneself
CRISIS_SELF = [
    "swallowed 18 of my sleeping tablets just now",
    "took a whole strip of my anxiety meds",
    "if they send it im injecting all my insulin",
    "if my unit sees it im taking my dads gun",
    "no way out, tonight i end it",
    "i end it after my shift",
    "youre the last person im texting",
    "i attempted in form 4 and now its the same feeling again",
    "if the sea takes me so be it",
    "我唔會活住去見佢哋",
    "我不会活着去上班的",
    "月底出粮 我就解脱了",
    "今晚之後我就唔再捱",
    "i keep wanting to die",
    "i cut again last nite",
    "手臂上的疤是我自己割的",
]
# someone else's: a relation's words quoted after an app verb, a moment ago or an age ("my sis (15) sent me
# …", 細佬頭先msg我：…), someone in the texter's care at work quoted (our intern told me at lunch …), a
# relation named with a modifier or a word the rules lacked (my eldest son, my lil bro, roomie, co-worker,
# 男票, 嫂子, 病人), a relation who drives to the bridge once a condition is met, keys handed over with "no
# need to come to work", a child entrusted with "I can't hold on"
CRISIS_OTHER = [
    "our intern told me at lunch 'i am going to kill myself before my boss sees it'",
    "my little sis (15) sent me 5 min ago: jie i want to die",
    "my cousin whatsapped me last night: i want to die",
    "我細佬頭先msg我：我唔想活喇",
    "我妹妹刚才微信我：我不想活了",
    "我表姐俾人勒索 佢啱啱WhatsApp我「我要自殺 唔好搵我」",
    "她说如果视频发出去 她就开车去跨海大桥",
    "佢將門卡同鎖匙俾晒我 話以後唔使返工",
    "我朋友叫我幫佢照顧個女 話佢頂唔順",
    "fresh lines up her forearm again",
    "my eldest son is cutting again",
    "my lil bro texted me i want to die",
    "my roomie said i want to die, no joke",
    "my co-worker told me i am going to end it",
    "我男票說要去跳樓",
    "我嫂子說不想活了",
    "我病人說想死",
]
# whoever it is: blood from under a locked door, marks "from cutting", a handful of painkillers swallowed
CRISIS_ANYONE = [
    "門縫底下有血流出來",
    "the marks are from cutting, not the cat",
    "吞了一大把止痛藥",
]
# possible signals (the assistant asks): which pier or bridge is quietest at night, shown where the insurance
# papers are, a mask or helmet left off, "the method is thought out", "if it comes to that I know what to do",
# swept away "would not matter"
CONCERN = [
    "which bridge is quietest at night",
    "he showed me where the insurance papers are kept",
    "im not wearing my helmet on site tomorrow",
    "方法我早就想好了",
    "如果真係咁 我知道點做",
    "跌落水都冇所謂",
]
# everyday wording beside them
EVERYDAY = [
    "took 30 of my vitamins over the month lol",
    "we went to the range to use the gun, it was fun",
    "ill finish it tomorrow, the essay",
    "which bridge has the best view at night",
    "明天考完我就解脱了 終於放假",
    "我們周末就開車去大橋看日落",
    "我把钥匙给了我同事 以后不用回来了 因为我辞职了",
    "報警的方法我已經想好了",
    "其實係自己整嘅蛋糕",
    "手上有新的划痕 貓抓的",
    "草是我自己割的",
]
# the texter's own words after a relation is named stay the texter's: a relation who sent something, or an
# app verb with no relation named; the texter's own words told or written to a
# relation (我同我老公講我想死, i messaged my sister saying …)
STILL_SELF = [
    "my brother sent me a screenshot, i want to die",
    "my mum sent me away and i want to die",
    "佢whatsapp我 我想死",
    "send it to my eldest son and i will kill myself",
    "i messaged my sister saying i want to die",
    "我同我老公講我想死",
    "我跟我妈说我想死",
    "我同我對象講我想死",
    "我朋友頭先話佢冇事 但我想死",
]


# idioms and threats to the blackmailer, masked: dying for concert tickets, gutting the scammer, a deadline
# upon one, a heart that stopped for a moment, a boss who "wants me dead", worked until "about to pass on", a
# coach's joke, scissors taken to the blackmailer or running him down; job-hopping (跳槽), picking up girls
# (鎅女), a chicken for the pot, medicine that does not help a headache, breaking up (一刀兩斷)
IDIOMS = [
    "id literally die if i dont get the concert tix lol",
    "ill gut that scammer like a fish",
    "聽日死線殺到埋身 要交功課",
    "嚇到我心臟停咗一下",
    "老細想我死 成日加班",
    "今天加班加到快往生了",
    "教練說誰掉隊就弄死誰",
    "佢再出現我就用鉸剪插佢",
    "我想揸車撞死個勒索佬",
    "我想跳槽",
    "佢成日去鎅女",
    "劏雞 準備過年",
    "食藥都冇用 頭痛",
    "同佢一刀兩斷",
]
# a signal beside them is still found
BESIDE_IDIOMS = [
    "i want to die if he posts it",
    "我想死 老細想我死",
    "我想用剪刀插自己",
    "我想跳槽 不如跳樓算",
    "分手一刀兩斷 我想死",
]

# the texter's own denial in so many words, masked but not an idiom (the nets still read the rest); a medicine
# question; social suicide and an overdose of dramas are idioms
DENIED = [
    "no im not suicidal, just really angry at him",
    "dont worry im not gonna hurt myself, what do i do about the video",
    "我冇諗過自殺 只係好嬲",
    "我不會跳樓的 只想把視頻刪掉",
    "我唔會做傻事 想問點報警",
    "我唔係想解脫 我想解決佢",
    "感冒藥同必理痛可唔可以一齊食",
]
MORE_IDIOMS = [
    "if this gets out its social suicide for me at school",
    "overdosed on kdramas all weekend lol",
]
# a signal beside a denial is still found; the blackmailer's "go and die" stays a signal
BESIDE_DENIALS = [
    "im not suicidal but i want to die",
    "我冇諗過自殺 但我真係好想死",
    "我不會跳樓 我會食晒啲藥",
    "他叫我去死 我在想要不要照做",
]

# plain forms own recall probes showed missing: not alive by a time, "don't try to stop me", the rope ready,
# how and when, checking out tonight, typing from the railing, up to the roof now, an overdose before and "the
# same", the blade pressed in; 24 hours and then not here, goodbye while they think one goes abroad, pills
# poured out and counted, how many tablets kill, a car down an overpass, dying once the money is sent, the gas
# turned on, dying with less pain, on the way to the bridge, a rope one knows how to tie, one's neck tightened
PROBED_CRISIS = [
    "honestly im not gonna be alive by friday",
    "im not going to be here by the time he posts it",
    "walking to the tracks, dont try to stop me",
    "the rope is ready in my room",
    "ik how im doing it and when",
    "im checking out tonite for real",
    "typing this from the bridge railing",
    "going up to the rooftop now",
    "same as when i oded last year, planning the same",
    "pressing the blade in harder",
    "48小時之後我就唔會喺度了",
    "我跟爸爸說了再見 他還以為我要去旅行",
    "把安眠药全倒出来 数了有三十几颗",
    "吃多少片止痛藥才能死",
    "好想揸車衝落天橋",
    "錢轉完我就去死",
    "煤氣我已經扭開咗",
    "點樣可以死得冇咁痛",
    "我而家去跨海大橋",
    "屋企有條繩 我識點綁",
    "勒住自己條頸",
]
PROBED_EVERYDAY = [
    "im not gonna be here by 9, class starts at 8",
    "we tied the knot last year lol",
    "i know how im doing it, the presentation i mean",
    "checking out tonight from the hotel",
    "going up to the roof now to hang laundry",
    "之後我就唔會喺度了 要返大陸讀書",
    "我對唔住佢 以後唔會再出現喺佢面前",
    "家里的煤气我打开了 准备煮饭",
    "我而家去青馬橋影相",
    "繩我識點綁 明天露營",
    "就咁消失咗佢就好 條片",
]
# possible signals: a wish to be struck by lightning, the plane to fall, to vanish just like that
PROBED_CONCERN = [
    "好想俾雷劈中算數",
    "有時希望架飛機跌落嚟",
    "我想就咁消失",
]

# each list with what the lexicon must read in it: the level, and whose risk it is (None: any or nobody)
EXPECTED = [
    *((text, "crisis", "self") for text in CRISIS_SELF + STILL_SELF),
    *((text, "crisis", "other") for text in CRISIS_OTHER),
    *((text, "crisis", None) for text in CRISIS_ANYONE),
    *((text, "concern", None) for text in CONCERN),
    *((text, "none", None) for text in EVERYDAY + IDIOMS + MORE_IDIOMS + DENIED + PROBED_EVERYDAY),
    *((text, "crisis", None) for text in PROBED_CRISIS),
    *((text, "concern", None) for text in PROBED_CONCERN),
    *((text, "crisis", None) for text in BESIDE_DENIALS),
    *((text, "crisis", "self") for text in BESIDE_IDIOMS),
]


@pytest.mark.parametrize(("text", "risk", "about"), EXPECTED)
def test_the_lexicon_reads_the_level_and_whose_risk(text: str, risk: str, about: str | None) -> None:
    assert_lexicon_reads(text, risk, about)


@pytest.mark.parametrize("text", IDIOMS + MORE_IDIOMS)
def test_idioms_and_threats_are_masked(text: str) -> None:
    assert_masked(text)


@pytest.mark.parametrize("text", DENIED)
def test_a_denial_is_no_idiom(text: str) -> None:
    assert not detect_crisis(text).idioms
