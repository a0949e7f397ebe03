"""What the forty-ninth round of issue 12 taught the lexicon and the whose-words rules.

From the misses of hold52, opened this round, in own wording and general forms. Lexicon: "bored to death", and
the other feelings "to death" (无聊死了, 丢脸死了, 尴尬死了, 后悔死了, 开心死了), before 死了好… no longer
read as "better dead" (nor 死了好不容易); punching a wall or a mirror until the hand swells or bleeds (a
possible sign; not banging on a door until the neighbours complain); "can't see any way through this" (a
possible sign; not a way through the traffic); up a crane, a chimney or a bridge with the height named (not
ten metres away); a bank card handed to a sister for safekeeping so that the texter cannot pay is no farewell;
a parent too angry to talk, and people calling out to the texter, are no withdrawn relation. Whose words: the
way they said it before their quoted words ("voice noted me crying '…'"), a note left on a bed, two words for
where they wrote ("in the squad chat"), and a short aside in brackets after who they are ("my cousin (form 5,
in johor): '…'"). Every text below is own wording in a general form, none is a set's."""

from __future__ import annotations

from tests.triage.lexicon_reading import table_test

CRISIS_SELF = [
    "我而家喺吊臂上面 三十米",
    "我站在烟囱上 五十米高",
]

CRISIS_OTHER = [
    "my bf voice noted me sobbing 'i want to die'",
    "my daughter left a note on her pillow 'sorry mum, i want to die'",
    "my classmate (f4, lives in tuen mun) said 'i want to kill myself'",
]

CONCERN = [
    "昨晚一拳一拳捶墙捶到手肿",
    "打镜子打到手流血",
    "i cant see any way through this anymore",
]

EVERYDAY = [
    "无聊死了 好不容易放假",
    "丢脸死了好想钻个窿",
    "尴尬死了 好彩冇人见到",
    "砸门砸到邻居投诉",
    "拆墙拆到好累",
    "i cant find a way through the traffic, be late",
    "我在桥上等你 10米外那个路口",
    "聽你講 唔俾錢 張卡交咗俾阿媽保管",
    "我妈气到不跟我讲话",
    "楼下的人一直在喊我下去吃饭",
    "i voice noted my mum laughing about the cat",
]

# From the round's own training examples (data/nlu/*/round49_intents.yml, general forms): tonight "I just want
# to end it" (not a project, a call or a relationship; not an exam that ends); not wanting to be saved again;
# pills bought, "once I take them I won't have to face it"; wanting to walk on into the sea; "I won't be
# around when the video comes out" (not for a delivery); a bank card handed over for safekeeping so that the
# texter cannot pay; a note left on the texter's bed by a relation (their words; a rope in the texter's locker
# stays theirs).
CRISIS_SELF += [
    "老實講 我今晚就想結束",
    "我好想一直走进海里",
    "im not gonna be around when the pics go out",
    "rope in my locker since monday, he said he'll post it",
]

CRISIS_ANYONE = [
    "今次唔想再俾人救返",
    "藥已經買好 今晚食完就唔使再面對",
]

CRISIS_OTHER += [
    "my roommate left a note on my desk 'sorry for everything, i want to die'",
    # the boss the texter assists, quoted (我係老細嘅PA); the boss's threat before the texter's own words
    # stays the texter's (below)
    "我老细头先send咗段嘢俾我 写住「我唔想活」",
]

CRISIS_SELF += ["我老板话要炒我 我唔想活"]

# a relation who keeps crying is still a possible sign, whatever the next clause starts with (the review)
CONCERN_OTHER = ["我女朋友被人威胁 她一直哭 我们要先做什么"]

EVERYDAY += [
    "今晚就想結束呢個project",
    "考试明天就要结束了",
    "我把信用卡交给我妈保管了 这样就转不了钱",
    "张卡交咗俾细佬收埋 咁我俾唔到钱",
    "i wont be around when the courier comes, leave it at the door",
    # the review: a job ended, a café by the river, a seafood restaurant
    "现在就想结束这份工作",
    "想走进河边的咖啡店",
    "想走入海鲜酒家食饭",
]

test_each_text_gets_its_groups_reading = table_test(globals())
