"""What the twenty-first round of issue 12 taught the lexicon (`signals_round21`, `means_round21` and their
Chinese entries in bot/triage/lexicon/crisis.yml) and the whose-words rules (bot/triage/crisis.py). The
families came from the misses of hold24, opened this round; every text below is own wording in a general
form, none is a set's. One table holds each text with the level and the subject the lexicon must read, the
everyday wording beside the signals included."""

from __future__ import annotations

from tests.triage.lexicon_reading import table_test

# clear signals, no subject named: jumping named in Malay, a household poison to be drunk, a Tagalog past
# attempt with the feeling back now, a poison bought, red lights run on purpose with being hit in the message
CRISIS_ANYONE = [
    "kalau gambar tu keluar, aku terjun dari bumbung",
    "gonna drink the paint thinner in the store room",
    "nag attempt na ako noon, ngayon ganun ulit",
    "攞咗兩樽百草枯返屋企",
    "好想俾架車撞死 今朝特登衝出馬路",
]
# about the texter: "rather be dead" with "I'm going to do it", how it will be done written down, "tonight I
# stop being a burden", on the roof of one's own block, "the day it goes out is my last day", "you won't see
# me again" said to a group, a letter for the children beside the insurance papers (the children are no
# subject)
CRISIS_SELF = [
    "id rather be dead than have them see it. im going to do it",
    "worked out exactly how i'll do it",
    "everyone says im a burden. tonight i stop",
    "tonight i stop being their burden",
    "im up on the roof of my hostel right now",
    "佢放上網嗰日就係我最後一日",
    "照片发出来的那天就是我的最后一天",
    "今晚之後你哋都唔會再見到我",
    "信寫好咗留俾個女 保單喺抽屜",
]
# possible signals (asked directly): wanting one's whole self to vanish; "everything is over" of one's life
CONCERN = [
    "真係好想成個人消失",
    "佢哋全部都知道咗 一切都已經完咗",
]
# someone else's: a friend who "keeps telling me" their words; a pupil who came to the teacher's room and said
CRISIS_OTHER = [
    "my flatmate keeps telling me 'i want to die'",
    "a year 11 girl came to my office and said 'i want to kill myself'",
]
# everyday wording beside them
EVERYDAY = [
    "today is the last day of my internship",
    "发出去那天就是我最后一天上班",
    "你哋會唔會睇到我嘅相",
    "你们会不会再看到我的聊天记录",
    "i figured out how to do the report form",
    "we're on the roof of our building having a bbq",
    "tomorrow i stop being a problem to the landlord, rent is paid",
    "terjun dari papan ke kolam renang",
    "买咗支漂白水洗厕所",
    "买咗包除草剂 返去整个花园",
    "故意闯红灯被罚款 好后悔",
    "一切都完成了 多谢你哋",
]

# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
