"""What the thirty-seventh round of issue 12 taught the lexicon (`hopeless_round37`, `burden_round37`,
`plan_round37`, `murder_suicide_round37`, `hopeless_round37_zh`, `passive_wish_round37_zh`,
`better_off_dead_round37_zh`, `means_round37_zh`, `self_harm_round37_zh`, `concern_round37`,
`concern_round37_zh`, `slang_round37`, `probes_round37`, `probes_concern_round37`, `ideation_concern_round37`,
`farewell_round37_zh`, `farewell_concern_round37_zh`, `means_concern_round37_zh`; in third_party.yml
`gift_and_goodbye_round37`, `not_eating_locked_in_round37`; and `at_hand` no longer read in a knife taken to
cut fruit), the whose-words rules (bot/triage/crisis.py: a relation's words posted somewhere and quoted after
it, a shipmate or a conscript of the same intake, an orientation camp's group child, a means emoji right after
what was seen among their things), a denial with the gerund (`denied_round17_en`), and the idioms
`rather_die_chore_round37`, `violence_round37` and `violence_round37_zh`. The families came from the misses
and false alarms of hold40, opened this round, and from own probes of common wording (cutting the wrist with
切, a blade swallowed, pills taken, "ctb", the knife for fruit, leaving quietly); every text below is own
wording in a general form, none is a set's."""

from __future__ import annotations

from tests.triage.lexicon_reading import idiom_test, table_test

# clear signals about the texter: the burden made a plan with a time; someone else and then the texter;
# the texter's death worth an insurance payout to the family; a knife taken to the room until everyone
# sleeps; the texter's own fingers broken
CRISIS_SELF = [
    "if i wasnt here my parents wouldnt have to deal with any of this. im making sure of it tonight",
    "they'd all be better off without me, i'll make sure of it this weekend",
    "swear i'll kill him and then myself",
    "我死咗之後屋企人仲可以攞到保險金",
    "我死了爸妈还能拿到赔偿 比我活着有用多了",
    "我拿了一把水果刀回房间 等他们都睡着",
    "我想把自己的手指一只只折断",
]
# someone else's: a relation's words posted in a group and quoted after; a shipmate's words; an
# orientation camp's group child at a railing; a means emoji right after what was seen in their bag
CRISIS_OTHER = [
    "我姐剛才發在家族群的：「謝謝你們 不要找我」",
    "我同船的成日講「我死咗屋企仲有保險金收」",
    "我組仔企咗喺天台邊 唔肯落嚟",
    "我阿哥俾人勒索 我見到佢背囊入面有條繩 🪢",
]
# possible signals: nothing will be normal again; life here is finished; no way out in Malay or beside
# Chinese; no future seen; it will never end; no way left of any kind; no turning back; spared waking
# up; an accident wished for; the family spared if the texter were not here; own probes: pills taken
# with no amount said, on a bridge right now, not wanting to go on as the whole message, refusing food,
# wanting to be hit by a car, never wanting to get up again, leaving quietly, a bank PIN told, knowing
# how one would do it, researching methods, a blade hidden away, thanks for the last time, dying kept in
# mind; of someone else: a treasured thing given with a goodbye, days without eating, locked in (no
# subject named: any)
CONCERN = [
    "nothing will ever be normal again after this",
    "my life in this town is finished",
    "dah tak ada jalan keluar",
    "我看不到以后了",
    "这件事永远都不会结束",
    "我真係諗唔出任何辦法",
    "冇得翻身 真係冇盡頭",
    "我真係睇唔到any way out",
    "要是睡着了就不用醒来了",
    "如果俾架車撞到就好",
    "if i wasnt around my mum wouldnt have to deal with the police",
    "i took pills",
    "my cousin swallowed pills after he saw the post",
    "on the bridge now",
    "我不想再繼續了",
    "我已經絕食兩日",
    "好想去撞車",
    "my best friend gave me his lucky watch and said goodbye",
    "my daughter hasnt eaten for three days",
    "my brother keeps locking himself in since the photos went round",
    "搵個地方靜靜咁走",
    "提款卡密碼係我生日 記住",
    "i know exactly how i would do it",
    "been googling methods",
    "刀片藏咗喺筆袋",
    "最後一次同你哋講聲多謝",
    "i keep thinking about dying",
]
# everyday wording beside them: the texter's denial with the gerund; waiting for everyone to sleep to
# play games; a turning back in a card game; a knife taken to cut fruit; the pulse taken (切脈); pills as
# prescribed or for a headache; not wanting to go on with a game; a lucky bracelet given for exams; not
# wanting to get up for work; not back for dinner; researching how to report; mowing the lawn again; the
# last message before a new number
EVERYDAY = [
    "nope, not thinking of hurting myself, just so stressed about work",
    "i was never thinking about suicide, only about the money",
    "等佢哋全部瞓咗我先打機",
    "呢鋪牌我仲有得翻身",
    "我拿了一把刀去厨房切水果",
    "中醫幫我切脈",
    "took my pills as prescribed, feeling calmer",
    "i took some pills for my headache",
    "我不想再繼續玩呢隻game",
    "my mom gave me her lucky bracelet for my exams, so sweet",
    "唔想起身返工",
    "今晚唔會返嚟食飯",
    "researching ways to report him to the police",
    "我又開始割草了",
    "這是我最後的訊息 明天換新號碼",
]
# a denial that turns back ("until tonight") keeps its signal; cutting the wrist or the thigh with 切 or
# 划 (own probes), a blade swallowed, one's own neck squeezed, "ctb", the medicine cabinet swallowed,
# never waking again, not coming back from the sea, already on a roof, cutting again, "this is my last
# message"; dying rather than school where the video was seen stays a signal
CRISIS_ANYONE = [
    "i wasnt thinking of hurting myself until tonight",
    "我想切手腕",
    "拿了把刀 划大腿",
    "我今晚吞咗刀片",
    "我一直掐自己脖子",
    "been thinking about ctb all week",
    "i swallowed all the pills from the medicine cabinet",
    "我真係唔想再醒",
    "如果佢send出去 我就去海邊 唔會返屋企",
    "我已經企喺天台",
    "我又開始割了",
    "呢個係我最後嘅message 多謝大家",
    "i would rather die than go back to school where everyone has seen the video",
]
# idioms and threats to the blackmailer: a chore weighed against dying and laughed at; a bunk mate who
# snores; the blackmailer thrown off a bridge, his legs broken; his fingers broken one by one; cut into
# pieces; beaten
IDIOMS = [
    "id rather die than sit through another 3 hr meeting lol",
    "i'd rather die than do laundry again haha",
    "ill kill my bunkmate if he snores one more night",
    "wanna chuck that scammer off a bridge",
    "if i find him i'll break his legs",
    "真想把那个人的手指一根根掰断",
    "我要斬開條友十舊",
    "我真想把那个骗子揍一顿",
]


# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
# each idiom is masked
test_idioms_and_threats_to_others_are_masked = idiom_test(globals())
