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

test_each_text_gets_its_groups_reading = table_test(globals())
