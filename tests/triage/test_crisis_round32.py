"""What the thirty-second round of issue 12 taught the lexicon (`signals_round32`, `signals_round32_zh`,
idioms in `to_death_round24`) and the whose-words rules (bot/triage/crisis.py: a relation's words said
over and over, the relation named in English before 她/他/佢, a relation named only as away this week, what
the texter saw him or her do). The families came from the misses and false alarms of hold35, opened this
round; every text below is own wording in a general form, none is a set's."""

from __future__ import annotations

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import idiom_test, table_test

# clear signals, no subject named: a bridge and "don't ask why", into the sea and keep going, no tomorrow
# this time
CRISIS_ANYONE = [
    "喺汀九橋度 唔使問點解",
    "gonna walk into the sea after work and keep going",
    "night guys, except theres no tomorrow this time. bye",
]
# about the texter: into the water and not coming back, finishing it tonight with nothing left, standing
# in the middle of the road "and see", a racket given away with thanks, a game's gear shared out and
# "don't wait for me"
CRISIS_SELF = [
    "im going out into the water and not coming back",
    "nothing left to do, im ending it tonight",
    "im going to stand in the middle of the highway and see",
    "you guys were the best, pls give my racket to the new kid",
    "我的装备都送给你们了 以后不要再等我",
]
# someone else's: "I'd rather die than let dad know" in a friend's story; a roommate (named in English)
# who keeps saying she wants to die; what the texter saw him do
CRISIS_OTHER = [
    "頭先我見佢用火機燒自己手臂",
    "我個friend同我講 佢寧願死都唔俾阿爸知",
    "my roommate 被人勒索之后 她一直重复说我想死",
]
# everyday wording beside them: a swim out and back, an essay finished tonight, thanks for a lift and an
# umbrella passed on, gear shared in a game, a bridge visited
EVERYDAY = [
    "gonna swim out to the buoy and come back",
    "im finishing the essay tonight",
    "thanks for the lift! pls give my umbrella to the driver",
    "装备都分给你们了 明天一起打副本",
    "今日去咗青馬橋影相",
]
# idioms: scolded by a shop manager or a coach "until I want to die", haggled "until I want to die"
IDIOMS = [
    "今日被店長罵到想死",
    "俾教練鬧到想死 哈哈",
    "講價講到想死",
]


# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
# each idiom is masked
test_idioms_and_threats_to_others_are_masked = idiom_test(globals())


def test_a_roommate_away_this_week_is_not_the_one_at_risk() -> None:
    """Named only as away (gone home this week) while the texter gets charcoal ready: not theirs."""
    finding = detect_crisis("炭買好了 室友這禮拜回老家")
    assert finding.risk == "crisis"
    assert finding.about != "other"


def test_what_the_texter_saw_is_theirs_but_the_texters_own_words_after_it_stay_the_texters() -> None:
    assert detect_crisis("我見到佢send嚟嘅片 我好想𠝹手").about == "self"


def test_a_scolding_that_was_not_a_joke_is_no_idiom() -> None:
    assert not detect_crisis("被店长骂到想死 不是开玩笑").idioms
