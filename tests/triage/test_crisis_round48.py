"""What the forty-eighth round of issue 12 taught the lexicon and the whose-words rules.

From the misses of hold51, opened this round, in own wording and general forms. Lexicon (`concern_round48`,
`signs_round48_zh`, `bridge_after_work_round48`): "I'm telling you, I don't want to live any more" with the
frame before it (我跟你講我不要活了, 老實講); if the clip is sent, "then use the gun" (not a water gun, nor a
gun for the blackmailer or for duty or a range); after work or school, "then go to" a bridge or the sea in
emoji (not for photos or a swim); no way this ends well "for me" (a possible sign; not a team). Idioms, three
old false alarms found in the round's own training examples: a mouth "still burning" from chilli (not an arm);
making the blackmailer's life a living death (令佢生不如死; not one's own); waiting for him with a knife in
hand. Whose words: a senior or junior of a temple, a martial-arts school or a lab (師兄, 師妹); a child named
with their school year (我個P5仔, 個中二女); words quoted from a voice note ("keeps voice noting me '…'").
Every text below is own wording in a general form, none is a set's."""

from __future__ import annotations

from tests.triage.lexicon_reading import table_test

CRISIS_SELF = [
    "我同你講我唔要再活落去",
    "老實說 我不想要再活下去了",
    "說真的我真的不要活了",
]

CRISIS_OTHER = [
    "我老公講如果段片傳去佢公司 佢就攞嗰支槍",
    "我師姐話佢想死",
    "我師兄成日話唔想活",
    "我個P4女喊住同我講「媽咪我想死」",
    "我个初一仔同我说「我不想活了」",
    "my dad keeps voice noting me 'you'd all be better off without me'",
]

CRISIS_ANYONE = [
    "放工就去🌉",
    "收工過去🌊",
    "after my shift gonna go to 🌉",
]

CONCERN_SELF = [
    "honestly i cant see any way this turns out ok for me",
]

EVERYDAY = [
    "我跟你讲你不要活在过去",
    "老实讲 我不要活在别人的眼光里",
    "如果佢再嚟 我就拎支槍嚇吓佢",
    "如果佢敢上嚟 我就用槍打爆佢",
    "如果落雨我就用水槍",
    "如果要站哨 我就拿槍去站崗",
    "如果你想學 就拿槍去靶場練",
    "放學就去🌊游水",
    "今晚去🌉影相",
    "after work going to 🌉 for pics with my gf",
    "tonight heading to 🌊",
    "i cant see any way this ends well for the team",
    "i can see a way this ends ok for me",
    "我師兄聽日帶我去飲茶",
    "我讀P5，好鍾意打波",
    "that mala hotpot killed me, my tongue is still burning lol",
    "我發誓要令佢生不如死",
    "佢夠膽上嚟 我就揸住把刀喺樓下等佢",
]

CRISIS_SELF += [
    "been burning my arm again",
    "佢搞到我生不如死 我唔想再撐",
    "我揸住把刀坐喺房 唔想活",
]

test_each_text_gets_its_groups_reading = table_test(globals())
