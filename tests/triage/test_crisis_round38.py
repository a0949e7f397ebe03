"""What the thirty-eighth round of issue 12 taught the lexicon (`rescue_round38`, `rescue_round38_zh`,
`conditional_round38_zh`, `hopeless_round38`, `hopeless_round38_zh`, `means_round38`,
`means_concern_round38`, `farewell_concern_round38`, `farewell_concern_round38_zh`, `self_harm_round38`,
`self_harm_concern_round38`, `self_harm_concern_round38_zh`, `probes_concern_round38`,
`probes_concern_round38_zh`, `farewell_concern_round38b_zh`, `passive_concern_round38_zh`; in
third_party.yml `note_found_round38`), the whose-words rules (bot/triage/crisis.py: a school year is no
leetspeak, so "an s3 boy" stays a pupil, tested with the other normalisations in test_crisis.py; a
relative clause between a pupil and "told me"; a teacher's class named whole and a pupil's school year
before the quoting verb; school books as where it was written; where a relation studies before their year;
"my" before a code-mixed relation; asking on behalf of a friend names them; the ones a burden falls on are
no subject), and the idioms `violence_round38_zh` and `skin_round38`. The families came from the misses
and false alarms of hold41, opened this round, and from own probes of common wording; every text below is
own wording in a general form, none is a set's."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import idiom_test, table_test

# clear signals about the texter: nobody will save them this time; the threat carried out, then they die;
# on the far side of a bridge's railing
CRISIS_SELF = [
    "nobody is gonna save me this time",
    "这次没人救得了我了",
    "今次冇人救得返我",
    "佢真係放片 我就死",
    "他敢发出去 我就死给他看",
    "i am on the other side of the railing now",
]
# no one named: anyone's (on a footbridge a while)
CRISIS_ANYONE = [
    "on the footbridge, been standing here 30 mins",
]
# someone else's: a pupil named by school year, with a relative clause, told the teacher; a class named
# whole and a pupil's year before the quoting verb, written in a school book; where a cousin studies before
# their year; "my" before a code-mixed relation; asking on behalf of a friend; a captain's blood through
# his sleeves
CRISIS_OTHER = [
    "a sec 3 girl whose mum works nights told me after class 'i want to die'",
    "one f4 student who sits at the back told me 'i dont want to live anymore'",
    "an s3 boy told me at recess 'im going to kill myself'",
    "我们班一个初三男生在练习本上写 我不想活了",
    "我哋班有個中二女仔喺作文簿度寫 我想死",
    "我表妹喺澳門讀中三 成日喺ig講 我想死",
    "我表弟在新山读中二 最近一直在群里说 我是多余的",
    "my bf成日講 我想死",
    "幫朋友問下 佢成日講 我死咗大家會好過啲",
    "帮朋友问 她最近一直说 我想死",
    "our goalkeeper had blood coming through his sleeves again",
]
# possible signals: no end in sight; days like these with no meaning; no future seen where it ends well;
# asking how strong a relative's tablets are "for nothing"; if anything happens to them, what to delete;
# hitting a wall till the hand swells, and feeling better for it; punching lockers till the knuckles split
CONCERN = [
    "债越欠越多 看不到头",
    "这种日子还有什么意义",
    "i cant see any future where this ends okay",
    "如果我有咩事 幫我刪咗部電腦啲嘢",
    "if anything happens to me please delete my chats",
    "打完牆會舒服啲",
    "捶墙捶到手流血",
    "kept punching the lockers till my knuckles split",
    # own probes: no point seen in anything; peace made with it; thoughts that keep going to the tracks;
    # driven to a cliff and sat there; a note found in his room; ready and going tonight; thinking every day
    # how to end it; not trusting oneself tonight
    "i dont see the point of anything anymore",
    "i've made my peace with it",
    "i keep thinking about the train tracks",
    "i drove to the cliff last night and sat there",
    "we found a note in his room",
    "我已经准备好了 今晚就走",
    "每天都在想怎麼結束",
    "我唔信得過自己今晚",
    # asleep and never to get up again; sorry, I love you, goodbye in one breath
    "我想瞓低咗就唔好再起身",
    "對不起 我愛你 再見",
]
# someone else's possible signal: a message of theirs sent, then its words (sorry, I love you, goodbye)
CONCERN_OTHER = [
    "我女朋友剛剛傳訊息說對不起 我愛你 再見",
]
CONCERN_SELF = [
    "random question, are the tablets my grandad takes for his heart strong ones",
    "just curious how strong are the meds my dad takes",
]
# everyday wording beside them: hair not seen; an avatar not seen; a doctor's pills asked about with no tell;
# a ball game that felt good; doomed if it is posted (死定)
EVERYDAY = [
    "我看不到头发",
    "我看不到头像",
    "are the pills my doctor gave me strong",
    "打完波好舒服",
    "他发出去我就死定了",
    # own probes' everyday neighbours: a trip packed for; a relationship to end; waiting for a friend at a
    # bridge; peace made with an ex
    "行李準備好了 今晚就走",
    "每天都在想怎麼結束這段關係",
    "i went to the bridge and waited for my friend",
    "i made peace with my ex",
    "對不起遲到 愛你 再見啦",
    "nobody can save me this time, maths paper tmr lol",
]
# idioms and threats to the blackmailer: going after him and telling others not to stop it; heart pounding
# "to death" before an interview or a date; a skin condition scratched till it bleeds
IDIOMS = [
    "我哋聽日去搵佢 你哋唔好阻我",
    "查到他住哪了 周末就去揍他 你们别拦我",
    "心跳到想死 明天第一次约会",
    "心跳到想死 聽日面試 祝我好運",
    "my eczema is so bad i scratch till it bleeds",
]

# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
# each idiom is masked
test_idioms_and_threats_to_others_are_masked = idiom_test(globals())


@pytest.mark.parametrize(
    "text",
    [
        # still the texter's own: a relative's words about the texter, then the texter's signal
        "我媽成日話我冇用 我想死",
        "my mum成日話我冇用 我想死",
        # a burden on the family, then the texter's letter
        "生意失败 活住只会连累老婆仔女 遗书写好了",
    ],
)
def test_the_texters_own_signal_stays_theirs(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "crisis", finding
    assert finding.about != "other", finding
