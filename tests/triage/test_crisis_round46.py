"""What the forty-sixth round of issue 12 taught the lexicon and the whose-words rules.

From the misses of hold49, opened this round, in own wording and general forms. Lexicon (`signs_round46`,
`farewell_round46`, `concern_round46`, `signs_round46_zh`, `ideation_round46_zh`, `farewell_round46_zh`,
`farewell_note_round46_zh`): "it's over for me, I've made my choice" (not quitting a job); a grave drawn with
one's own name (not for Halloween); a vehicle to be driven off a bridge or into the sea; thanks for everything
and "pray for my family"; rather dying than being seen, then a goodbye (not laughed off); "no more tomorrow
for me" (not a last shift); "I'd close the account and then go die"; pills to be taken if he posts, and where
they are kept (not the pills after dinner or for a headache); the window open and looking down (not at the
fireworks, not 睇落去 "it looks like"); things given away with thanks for being looked after (not before
emigrating); 我真的不要活了 (not "too hot to live", nor a threat to the one spoken to); "don't talk me out of
it" only with no errand after it (not "don't urge me to report"); thanks for looking after me and "I won't
trouble you any more", a possible goodbye, a clear one when left as a note. Whose words: a foster, adopted or
half relation; a child in foster care (我寄養屋企個細路); a roommate of a shared or rented room
(我合租的室友); a post only its writer can see (仅自己可见「…」); what someone searched for, quoted
(佢search「…」, "he googled '…'"; not the texter's own search); what they asked the texter to say
(佢叫我「…」); what they keep repeating (她一直重複「…」, once a relation or their risk was named); "told his
mate '…'" after a parenthesis with a comma; the roommate who came back later is not the one who hurt themself
(室友回來之前). Every text below is own wording in a general form, none is a set's."""

from __future__ import annotations

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import table_test

CRISIS_SELF = [
    "i've made my decision. it's over for me",
    "thank you for everything, pray for my family",
    "如果佢真係放上網 我就delete晒啲account然後去死",
    "要是他敢发出去 我就吞药 药都藏在床头柜",
    "我住28樓 窗一直開住 我喺度望落去",
    "我真係唔要活落去",
    "你哋唔好劝我喇",
]

CRISIS_OTHER = [
    "my half brother (15) said 'everyone's better off if i'm gone' and went up to the roof",
    "my son (14, year 9 in leeds) told his mate 'if mum sees the pics i'll kill myself'",
    "he said he'd drive the van off the bridge after work",
    "my cousin drew a tombstone with her own name on it",
    "fwd from my brother: 'i'd rather die than let dad see it. bye'",
    "my sister googled 'how many sleeping pills is too many'",
    "我寄養家庭個細路留咗封信「多謝你哋照顧我 我唔會再麻煩你哋」",
    "我闺蜜刚发了条仅自己可见的「不想活了 明天别找我」",
    "我細佬俾人勒索 我見到佢search「燒炭 邊度買」",
    "我朋友被人威脅 佢仲叫我「幫我同屋企人講聲對唔住」",
    "學弟這禮拜把他的球鞋跟卡牌都送我 還謝謝我一直照顧他",
    "我合租嘅室友成日話佢想死",
    "我个仔一直重复「我不要活了」",
    "表妹話佢想死 之後佢成晚重複「我唔要活了」",
]

CONCERN_SELF = [
    "no more tomorrow for me",
    "多謝你哋照顧我 我唔想再麻煩你哋",
]

EVERYDAY = [
    "we drew a grave with his name on it for halloween",
    "i'd rather die than wear that lol bye",
    "no more tomorrow for me, last shift at work",
    "吃完饭就吃药 药都在抽屉里",
    "窗开着 我在看下面的烟花",
    "望落去好靚 窗開咗",
    "熱到不要活了",
    "你是不是不要活了",
    "他把他的书都送我 还谢谢我照顾他 因为他下个月移民",
    "我就打完呢局然后去瞓",
    "先唔好劝我报警 我只係想知應唔應該俾錢",
    "如果头痛就吃药 药在抽屉里",
    "如果發燒就食藥，藥喺櫃桶",
    "睇落去佢窗口开咗",
]

test_each_text_gets_its_groups_reading = table_test(globals())


def test_the_texters_own_search_stays_theirs() -> None:
    # a friend told the texter to search it: not the friend's words
    assert detect_crisis("朋友叫我search「食幾多粒panadol會死」睇下").about != "other"
    assert detect_crisis("i searched 'how many panadol to die'").about == "self"


def test_the_texters_own_words_after_a_relations_quote_stay_theirs() -> None:
    finding = detect_crisis("阿媽叫我「唔好咁諗」 但我仲係想死")
    assert (finding.risk, finding.about) == ("crisis", "self")


def test_a_roommate_who_came_back_later_is_not_the_one_who_hurt_themself() -> None:
    finding = detect_crisis("剛剛一直用頭撞牆 室友返嚟之前抹乾淨咗")
    # no subject named: read as the texter's own, as any subjectless signal
    assert (finding.risk, finding.about) == ("crisis", None)
    # the roommate as the subject is still theirs
    assert detect_crisis("室友一直用頭撞牆").about == "other"


def test_quitting_a_job_is_no_decision_to_die() -> None:
    # "made my choice" alone stays the possible signal it was; quitting never makes it a clear one
    assert detect_crisis("it's over for me, i've made my choice, im quitting this job").risk != "crisis"
