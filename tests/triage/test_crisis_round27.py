"""What the twenty-seventh round of issue 12 taught the lexicon (`signals_round27`, `concern_round27`,
the Chinese `*_round27_zh` entries, `trouble_feared_round27_zh`, the emoji entry
`knife_pillow_round27`, an idiom, the noose written as a regex, and signs in
bot/triage/lexicon/third_party.yml) and the whose-words rules (bot/triage/crisis.py). The families
came from the misses and false alarms of hold30, opened this round; every text below is own wording
in a general form, none is a set's."""

from __future__ import annotations

from tests.triage.lexicon_reading import table_test

# clear signals, no subject named: ready to die (准备去死), ending oneself, a knife emoji under the
# pillow, walking to the train line, a bend with no railing, the moment it is sent "I go", a noose
CRISIS_ANYONE = [
    "準備好去死喇",
    "我想結束掉自己",
    "🔪 under my pillow",
    "walking to the train line now",
    "drove up to the bend with no railing",
    "佢發出去嗰一刻我就走",
    "bought a noose",
]
# about the texter: the time and the lorry road worked out, "if I'm still here tomorrow I'll do it
# myself", borrowed books returned and "won't trouble you again", the dog given away and tonight,
# letters to both my children, boiling water on one's hand on purpose
CRISIS_SELF = [
    "我想被车撞 几点出门都算好了",
    "如果聽日我仲喺度 我就自己動手",
    "記得幫我還書 以後就唔會再麻煩你哋",
    "i gave the dog to my neighbour. tonight",
    "i wrote letters to both my kids",
    "i poured boiling water on my hand on purpose",
]
# someone else's: tablets found in a daughter's bag, rows of painkillers in a sister's drawer, a
# friend's sea photo and then no reply, a teammate's thanks and "won't come to practice again", a
# son saying everything is arranged and to look after myself, a sorry and then the phone off, an
# attempt and "talking the same way again", a fencing teammate quoted, a brother texting from his
# room
CRISIS_OTHER = [
    "我女兒書包入面搵到一包藥片",
    "我妹個櫃桶入面有成排止痛藥",
    "我朋友send咗張海邊嘅相俾我 之後冇再覆",
    "隊友喺group講「多謝大家 我唔會再嚟練習」",
    "我個仔打嚟話所有嘢都安排好晒 叫我照顧好自己",
    "my husband sent a message saying sorry and now his phone is off",
    "my cousin attempted last year and now she is talking the same way again",
    "my fencing teammate posted 'i want to die'",
    "my brother texted me from his room 'i want to kill myself'",
]
# possible signals, asked about: "won't trouble you again", no way left at all, "why keep holding
# on", afraid he will get into trouble, the phone plan cancelled, told where the savings are, lost
# and not finding the way back
CONCERN = [
    "以後就唔煩你哋啦",
    "以后就不麻烦你们了",
    "乜嘢方法都冇晒",
    "撐落去做乜",
    "我好怕佢出事",
    "i cancelled my phone plan",
    "my dad told me which account the savings are in",
    "迷路返唔到轉頭都好",
]
# everyday wording beside them: a nose bitten, a call centre "until I want to jump", a phone plan
# changed, a knife in the kitchen drawer, a train station, a new home found for the dog, a
# brother's trip
EVERYDAY = [
    "the cat bit the vet on the nose",
    "接線接到想跳樓 又一個客投訴",
    "i changed my phone plan to a cheaper one",
    "🔪 in the kitchen drawer",
    "walking to the train station now",
    "we found a new home for the dog",
    "my brother is driving to penang tomorrow",
]

# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
