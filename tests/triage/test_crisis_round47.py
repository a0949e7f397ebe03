"""What the forty-seventh round of issue 12 taught the lexicon and the whose-words rules.

From the misses of hold50, opened this round, in own wording and general forms. Lexicon (`signs_round47`,
`farewell_round47`, `concern_round47`, `signs_round47_zh`, `farewell_round47_zh`, `self_harm_round47_zh`,
`concern_round47_zh`, and wider `farewell_concern_round38`, `farewell_concern_round38_zh`,
`farewell_probes_round18` and the idioms' "not joking"): after an attempt, "I should have finished it then"
(not an essay or an exam); an attempt in a named month, then "same as <that month>"; how much of a medicine is
too much, "for me, not for a friend"; hoping not to wake up, then "made sure of it"; "tell mum I'm sorry",
then "not strong enough" or "delete my account"; no more hope and a Tagalog goodbye (wala nang pag-asa, paalam
na; not a team); if anything happens to me, feed my cat; a thing's kind before the key left with a note; an
attempt before and "this time nobody can stop me" (alone, a possible sign; never of a treat or a trip); the
only way out is "me gone", tonight (not leaving a company); standing at a pier's edge a long time over dark
water; knowing how much is dangerous, then counting doses (not a nurse's shift); nothing means anything and
"my things are sorted"; on a high floor whose window opens, "I'm there now"; "how to do it, I've thought it
out" after going "together" or dying (not a trip); jewellery handed out to everyone (not for a move); a
compass or a pin driven into oneself till it bleeds; 想死 with "not joking" (没有在开玩笑) is no idiom. Whose
words: an apprentice or their master, and the texter's shop before them (我個髮型屋徒弟); a WeChat sent to the
texter with the texter first (給我發微信「…」); classmates who call the texter names are not the ones at risk
(同學話我癲); what the texter saw in his car boot, with 見 alone (我見佢車尾箱有…); the texter's own reaction
to seeing him (我見到佢就想死); a means emoji after "in my locker" is the texter's. Every text below is own
wording in a general form, none is a set's."""

from __future__ import annotations

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import table_test

CRISIS_SELF = [
    "how many sleeping pills is too many? asking for me, not for a friend",
    "hoping i never wake up. made sure of it tonight",
    "之前試過一次 呢次冇人阻到我",
    "if anything happens to me please feed my dog",
    "唯一出路就係我消失 今晚",
    "我企喺碼頭邊好耐 海水好黑",
    "我知道食幾多會出事 依家喺度計緊劑量",
    "我住20樓 個窗開到 我依家喺窗邊",
    "我想帶住呢件事一齊走 點做我已經諗好",
    "佢話要放上網 我真的想死 這次沒有在開玩笑",
    "我見到佢就想死",
    "the pills are in my drawer already 💊 he said he'll post it",
]

CRISIS_OTHER = [
    "my dad overdosed last year and tonight he said he should have finished it then",
    "my sister attempted in june. today she messaged me 'same as june'",
    "forwarded from my cousin: 'tell mum i'm sorry, i'm not strong enough'",
    "my tita posted 'wala nang pag asa, paalam na' and turned off her phone",
    "my friend left me her car key and her cat with a note",
    "我徒弟將佢啲工具送晒俾人 仲同我講「多謝師傅 以後唔使再煩你」",
    "我妹刚给我发微信“对不起 我想死”",
    "我見佢車尾箱有幾包炭",
    "我表姐話「乜都冇意義 啲嘢我都處理好咗」",
    "阿爸將啲金器派晒俾人",
]

CONCERN_SELF = [
    "如果我有咩事 記得幫我餵隻貓",
    "呢次冇人阻到我",
]

CONCERN = [
    "wala na akong pag asa",
]

CRISIS_ANYONE = [
    "用別針戳自己戳到流血",
]

EVERYDAY = [
    "i should have finished it then, the essay was due at 5",
    "i attempted the exam in june and should have finished it then",
    "same as march, the rent went up again",
    "how much sugar is too much for me? trying to cut down",
    "hope i dont wake up late tomorrow, made sure the alarm is on",
    "tell mum i'm sorry i'm late, the bus broke down",
    "wala nang pag asa ang team natin ngayong season",
    "呢次冇人阻到我食雪糕",
    "上次俾阿媽阻住 今次冇人阻到我去旅行",
    "唯一辦法係我走 今晚就執包袱",
    "唯一辦法係我走 呢份工聽日就辭",
    "我企喺碼頭邊等船 好耐都未到",
    "我係護士 知道幾多會出事 所以日日計劑量都好小心",
    "我哋一齊走去旅行 點做我已經諗好",
    "阿媽將啲舊首飾派晒俾親戚 因為要搬屋",
    "用針刺繡 唔小心篤到自己流血",
    "20樓個窗開到 我依家喺屋企",
    "溫書溫到想死 哈哈",
]

test_each_text_gets_its_groups_reading = table_test(globals())


def test_classmates_who_call_the_texter_names_are_not_the_ones_at_risk() -> None:
    finding = detect_crisis("用圓規篤自己篤到流血，同學話我癲")
    assert finding.risk == "crisis" and finding.about != "other"
    # a classmate who is the subject is still theirs
    assert detect_crisis("我同學成日用圓規篤自己篤到流血").about == "other"


def test_what_the_texter_saw_him_do_stays_his() -> None:
    assert detect_crisis("我見佢用火機燒自己手指").about == "other"
    assert detect_crisis("我見到佢就知佢想死").about == "other"


def test_a_means_emoji_in_someone_elses_locker_is_not_the_texters() -> None:
    assert detect_crisis("the rope is in his locker 🪢").about != "self"
    assert (
        detect_crisis("the rope is already in my locker 🪢 coach said he will show everyone").about == "self"
    )
