"""What the twenty-ninth round of issue 12 taught the lexicon (`signals_round29`, `concern_round29`, the
Chinese `*_round29_zh` entries, idioms in `everyday_round24_en` and `to_death_round24`) and the
whose-words rules (bot/triage/crisis.py: a voice note sent to the texter and its words, "sent this to me",
a sister or brother addressed, a message forwarded first and said whose after it). The families came
from the misses and false alarms of hold32, opened this round; every text below is own wording in a
general form, none is a set's."""

from __future__ import annotations

from tests.triage.lexicon_reading import idiom_test, table_test

# clear signals, no subject named: days without food as a punishment, a blade under a pillow
CRISIS_ANYONE = [
    "two days without eating now, my punishment for sending them",
    "the razor is under my pillow",
]
# about the texter: "going to cut deep", a pin pushed into one's palm, out by the window, bye and
# "don't look for me again"
CRISIS_SELF = [
    "if he posts it im going to cut deep",
    "我用別針刺進手心",
    "佢一send出去我就由窗口跳落去",
    "拜拜 多謝 唔好再搵我",
]
# someone else's: scrubbing her arms with bleach, a ring handed over and "won't need it", cutting "so the
# heart is quieter", a wrist that keeps bleeding, "this is my last homework", shoes given away and "feed
# my cat, don't ask why" forwarded and said whose, a voice note's words, a brother's message addressed
# to his sister, an attempt before and "saying the same things again"
CRISIS_OTHER = [
    "my sister keeps scrubbing her arms with bleach",
    "my roommate gave me her ring and said she wont need it",
    "我表妹話割一刀個心就冇咁亂",
    "我同學手腕一直流血",
    "我個學生寫住「呢份係我最後一份功課」",
    "轉發:「我啲波鞋送你 幫我餵貓 唔好問點解」 呢個係我表弟琴晚send嚟嘅",
    "我朋友頭先send咗段voice俾我話「我唔想活」",
    "我妹傳給我「哥 我想死」",
    "我老公以前吞過藥 最近又開始講同樣嘅說話",
]
# possible signals, asked about: "no matter what I do it's over for me", staring at her wrists, "would it be
# better if I didn't exist", vanishing now and nobody noticing, going with the river
CONCERN = [
    "no matter what i do its over for me",
    "she keeps staring at her wrists",
    "我係咪唔好存在會好啲",
    "如果我而家唔見咗都冇人發現",
    "好想跟住啲水流走",
]
# everyday wording beside them: words that cut deep, a floor scrubbed with bleach, a camera as a gift, a
# printer, laundry by the window, a cat, a report to the police, "bye, don't contact me" told to him, nails,
# a last homework before the holiday, a punched mirror
EVERYDAY = [
    "his words cut deep",
    "scrubbing the bathroom floor with bleach tonight",
    "gave me her old camera, said keep it as a birthday gift",
    "no matter what i do the printer is done for",
    "隻貓由窗口出去咗",
    "拜拜 唔好再搵我 我已經報咗警",
    "我同佢講 拜拜 唔好再搵我",
    "割一下指甲 心裡舒服好多",
    "這份是我最後一份作業 做完就放假啦",
    "一拳打落鏡度 隻手一直流血",
]
# idioms and anger at someone else, masked: a view that "was killer", "I'll make him regret being born",
# a voice "so nice I could die", a bat taken to his house, his company burnt, driving into his office
IDIOMS = [
    "the sunset from the pier was killer",
    "我要讓他後悔生出來",
    "把聲好聽到我想死",
    "我想拎球棒上佢屋企",
    "真想一把火把他們公司燒了",
    "好想揸車撞埋佢公司",
]


# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
# each idiom is masked
test_idioms_and_threats_to_others_are_masked = idiom_test(globals())
