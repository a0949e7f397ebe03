"""What the thirty-fourth round of issue 12 taught the lexicon (`signals_round34`, `signals_round34_zh`, an
idiom in `to_death_round24`) and the whose-words rules (bot/triage/crisis.py: a voice note or a picture sent
with the words after he or she, a team's junior quoted). The families came from the misses and false alarms of
hold37, opened this round; every text below is own wording in a general form, none is a set's."""

from __future__ import annotations

from tests.triage.lexicon_reading import idiom_test, table_test

# clear signals, no subject named: same feeling and same plan after an attempt, going down from a high floor
CRISIS_ANYONE = [
    "tried it before in uni. same thoughts now, same plan",
    "由20樓跳落去應該好快",
]
# about the texter: easier to bury me than carry me, weedkiller taken into the room, one's own niche priced,
# without me they're fine and the letter written, saved once and back to that night, charcoal and the windows
# shut, sorry and "don't wait for me any more"
CRISIS_SELF = [
    "honestly easier they bury me than carry me",
    "我把农药拿进房间了",
    "我連墓地都睇好咗",
    "冇咗我佢哋仲好 遺書我都寫好咗",
    "上次有人救咗我 但今晚好似返咗去嗰晚咁",
    "炭買咗 我關埋窗先",
    "對唔住 以後唔使等我食飯",
]
# someone else's: a friend's words sent as a voice note, a team's junior quoted, doing it once
# everyone is asleep
CRISIS_OTHER = [
    "my best friend lost his job over the leak. he just voice noted me 'i want to die'",
    "我们队里一个15岁的学弟在群里说「我要去死了」",
    "my sister said she will do it once everyone is asleep",
]
# everyday wording beside them: a view from the 30th floor, a plan for the weekend, a cemetery visited,
# sorry and "don't wait for me, go ahead and eat"
EVERYDAY = [
    "住喺30樓 望落去好靚",
    "same time next week, same plan",
    "今日去咗墓地拜山",
    "對唔住 今晚加班 你哋食先",
]
# idioms: haggled down "till I want to die", with a laugh
IDIOMS = [
    "壓價壓到我想死 笑",
]


# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
# each idiom is masked
test_idioms_and_threats_to_others_are_masked = idiom_test(globals())
