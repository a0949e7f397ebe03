"""What the twenty-fourth round of issue 12 taught the lexicon (`signals_round24`, `means_round24`,
`passive_round24`, `signals_round24_en_zh`, the Chinese `*_round24_zh` entries and the idioms
`everyday_round24_en`, `to_death_round24` and `denied_round24_zh` in bot/triage/lexicon/crisis.yml) and the
whose-words rules (bot/triage/crisis.py).
The families came from the misses and false alarms of hold27, opened this round; every text below is own
wording in a general form, none is a set's. One table holds each text with the level and the subject the
lexicon must read, the everyday wording beside the signals included."""

from __future__ import annotations

from tests.triage.lexicon_reading import table_test

# clear signals, no subject named: a hose to the exhaust, the whole family "going together", passwords and the
# insurance shown where they are, coach not to blame himself, a footbridge and the cars small below, a last
# snap sent to everyone
CRISIS_ANYONE = [
    "there is a hose taped to the exhaust of the car",
    "the whole family should just go together",
    "passwords are in the drawer, insurance papers are in the wardrobe",
    "唔好俾教練怪自己",
    "條水喉駁咗去死氣喉度",
    "企喺行人天橋 下面啲車好細",
    "sent everyone a last snap tonight",
]
# about the texter: at the top of the block now, on a footbridge with the cars small, not waking and "tonight
# I'm making that happen", vanishing with the baby, a one-way ticket after wanting to vanish, "won't appear,
# take care", no more trouble from tomorrow, "then from the 22nd floor", the last road thought out, the last
# gift, a sorry and a bank card
CRISIS_SELF = [
    "im at the top of my block now",
    "im standing on the footbridge and the cars look so small from here",
    "i dont want to wake up and tonight im making that happen",
    "i just want to disappear and take the baby with me",
    "我好想消失 已經買咗單程車票 唔打算返嚟",
    "聽日我唔會出現㗎喇 大家保重",
    "聽朝佢哋出咗門 我就唔會再麻煩佢哋",
    "佢真係放上網 我就由18樓跳落去",
    "我連最後一條路都諗好咗",
    "呢個應該係我送俾你嘅最後一份禮物",
    "sorry mum, i left you my atm card",
    "i wont be at graduation tmr. take care everyone",
    "老婆，對唔住，密碼寫咗喺抽屜，保險單喺衣櫃頂",
]
# someone else's: what he said with a relation named before (quoted), the last gift she will ever send, a
# grandmother's pills taken to her room, a cut "so it hurts less", going to the bridge with the time said,
# driving and not saying where, the family "going together" said by a father, "don't pray for me any more"
CRISIS_OTHER = [
    "my cousin got blackmailed last week. he just said 'i want to kms' to me",
    "my best friend mailed me her ring, the last gift she'll ever send me",
    "我妹把外婆嘅安眠藥攞咗入佢房",
    "我細佬話𠝹一下就冇咁痛",
    "my brother says he'll go to the bridge after tuition at 9",
    "my husband keeps saying he wants to make it stop, he's driving now and won't say where",
    "阿爸話不如一家人一齊走",
    "我表妹喺group講『唔好再為我祈禱』",
    "my sec 3 classmate told me 'i confirm jump one'",
    "my dad is being blackmailed and i found charcoal in the boot",
]
# possible signals, asked about: falling asleep forever wished for
CONCERN = [
    "would be nice to just fall asleep forever",
]
# everyday wording beside them: a family going together to a wedding, the last gift for mum, spicy food, "so
# dead if my parents find out", beating the one who filmed, Tagalog "I'll kill him", an exam "going to die", a
# roommate who ate the noodles, nagged to death, legs weak after a workout, nervous and "not wanting to die",
# a hand to be chopped off the one who hid a camera, a trip with the baby, going to the bridge for photos
EVERYDAY = [
    "the whole family should go together to the wedding",
    "this is the last gift i bought for my mum, she loved it",
    "the laksa so spicy i die already",
    "im so dead if my parents find out i was on that app",
    "see him i whack him until he cannot walk",
    "papatayin ko talaga yung lalaking yun",
    "今次月考數學要死了",
    "我要殺了我室友 佢食晒我啲杯麵",
    "被我媽念到快死掉",
    "做完gym隻腳軟到想死",
    "緊張到死，唔係想死",
    "我想把那個偷拍佬嘅手斬咗",
    "我哋一家人一齊走去旅行",
    "were going to the bridge at 9 to take photos of the lanterns",
    "聽日由3樓落去攞外賣",
]

# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
