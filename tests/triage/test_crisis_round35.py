"""What the thirty-fifth round of issue 12 taught the lexicon (`signals_round35`, `conditional_round35`,
`should_die_round35_zh`, `farewell_round35_zh`, `means_round35_zh`, `passive_round35_zh`, the idiom
`gaming_round35`) and the whose-words rules (bot/triage/crisis.py: a note found where he or she sleeps or
works, quoted). The families came from the misses and false alarms of hold38, opened this round; every text
below is own wording in a general form, none is a set's."""

from __future__ import annotations

from tests.triage.lexicon_reading import idiom_test, table_test

# clear signals, no subject named: the handover done and "I won't trouble anyone again"; charcoal and a
# lighter both bought
CRISIS_ANYONE = [
    "工作全部交接好了 以后不会再给你们添麻烦",
    "木炭和打火机都买好了",
]
# about the texter: people like me should just die; the letter written and left on the desk
CRISIS_SELF = [
    "我呢種人根本就應該去死",
    "信我寫好咗放喺書枱 你哋唔使搵我",
    "the letter is written, it's on my desk for mum",
]
# someone else's: a note found on his or her bed or desk, quoted
CRISIS_OTHER = [
    "my brother is 15. found a note under his pillow saying i want to die",
    "我個仔喺佢書枱搵到張字條 寫住 我想死",
]
# possible signals: better off not being here; not knowing what one would do, "something stupid"
CONCERN_SELF = [
    "如果佢哋知道咗 我寧願唔喺度",
    "no idea what i'd do if he sends it, probably something stupid",
]
# everyday wording beside them: not at home, a letter of application written, a lighter bought for a barbecue
EVERYDAY = [
    "我今晚不在家 不如改天",
    "求職信寫好咗 聽日寄",
    "烧烤用的打火机买好了",
    "what would you do if he sends it to my boss",
]
# idioms: "kill myself" laughed at a team that keeps losing a ranked game
IDIOMS = [
    "if my teammates throw this game again im gonna kill myself lol",
]


# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
# each idiom is masked
test_idioms_and_threats_to_others_are_masked = idiom_test(globals())
