"""What the thirty-third round of issue 12 taught the lexicon (`signals_round33`, `concern_round33`, the
Chinese `*_round33_zh` entries, idioms in `to_death_round24`) and the whose-words rules (bot/triage/crisis.py:
a volunteer's work or kit is not a volunteer). The families came from the misses and false alarms of hold36,
opened this round; every text below is own wording in a general form, none is a set's."""

from __future__ import annotations

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import idiom_test, table_test

# clear signals, no subject named: a goodbye "not the logging-off kind"
CRISIS_ANYONE = [
    "bye all, not the logging off kind",
    "同大家講聲拜拜 唔係落線嗰種",
]
# about the texter: ending it off a bridge tonight, an attempt that failed before and "this time it will
# work", an attempt before and wanting to do that again
CRISIS_SELF = [
    "im ending it off the bridge tonight",
    "我上次没死成 这次一定会成功",
    "我之前試過一次 而家又好想做返嗰樣嘢",
]
# possible signals, asked about: "this will follow me forever", tried before and the thoughts back a little
CONCERN = [
    "whatever i do the pics will follow me forever",
    "之前试过 最近又开始有那种念头",
]
# everyday wording beside them: ending a date at a bar, a trip tried before and wanted again, the volunteer's
# T-shirt folded, a goodbye at logging off
EVERYDAY = [
    "im ending it with him tonight, the relationship i mean",
    "试过一次去日本 好想再做返嗰样嘢",
    "義工件tee洗好摺好",
    "bye guys, logging off now",
]
# idioms: military training or exams "worse than death", with a laugh or about the training
IDIOMS = [
    "军训生不如死",
    "考试周真是生不如死 哈哈",
]


# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
# each idiom is masked
test_idioms_and_threats_to_others_are_masked = idiom_test(globals())


def test_worse_than_death_said_in_earnest_is_no_idiom() -> None:
    assert detect_crisis("被人勒索 每日都生不如死").risk == "crisis"
    assert not detect_crisis("军训生不如死 不是开玩笑").idioms


def test_a_volunteers_work_or_kit_is_not_someone_else() -> None:
    """After volunteering and the volunteer T-shirt name no volunteer: the signal stays the texter's."""
    assert detect_crisis("做完義工返酒店 條皮帶已經綁好").about != "other"
    assert detect_crisis("有個義工話佢想死").about == "other"
