"""What the fortieth round of issue 12 taught the lexicon (`self_harm_codemixed_round40_zh`,
`die_codemixed_round40_zh`, `jump_codemixed_round40_zh`; "kys" in `codemixed_round39_zh`): Hong Kong
code-mixed "cut", "die" and "jump" with the spaces texters leave around the English word, found on an own
grid of generated lines the thirty-ninth round left unread. Every text below is own wording in a general
form, none is a set's."""

from __future__ import annotations

import itertools

import pytest

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import table_test

# clear signals: cutting oneself said with the English word, spaces or none around it
CRISIS_SELF = [
    "我今日又 cut 自己",
    "我忍唔住 cut 手",
    "琴晚我 cut 咗手腕",
    "我想 cut 自己",
    "我想cut脈",
    "我又開始cut",
    "我又cut咗",
    "我頭先cut咗好深",
    "我又 cut 咗自己 好痛",
    "我好想 cut 佢話會send出去",
]
# no one named, or the texter: jump said with a time or "about to"
CRISIS_ANYONE = [
    "我就快 jump 㗎喇",
    "我就嚟 jump 落去 點算",
    "我今晚 jump",
    "我 jump 落去算",
    "我好想 kys",
]
# possible signals, asked directly: "I will die" / "I'm about to die" with the English word
CONCERN_SELF = [
    "我會 die",
    "我應該會 die 😭",
    "我今晚會 die 㗎喇",
    "我覺得我就快 die 真係好攰",
]
# everyday code-mixed "cut", "die" and "jump": hair, videos, salaries, lines, people cut off, a finger cut
# while cooking; a phone or a game character dying; jumps into water, on a trampoline, in a contest; a new job
EVERYDAY = [
    "我去 cut 頭髮",
    "我好想 cut 短頭髮",
    "我想 cut 個 fringe",
    "我 cut 咗佢 (unfriend)",
    "cut 咗條片先 send",
    "我一直 cut 唔到條片",
    "我想 cut loss",
    "我老闆 cut 咗我人工",
    "我想 cut 咗佢聯絡",
    "我想 cut 咗呢段關係",
    "我 cut 咗手指 切菜果陣",
    "我 cut 咗自己出張相",
    "我想 cut 咗自己出個group",
    "我今日又 cut 咗 class",
    "部電話就快 die",
    "隻 game 我會 die 咗先",
    "我會 die hard fan",
    "我就快 dead line 喇",
    "我明天會 die 喇 exam",
    "我就快攰到 die",
    "我就快 jump ship 轉工",
    "我就 jump 落去個 pool 度",
    "我就嚟 jump 落水",
    "我今晚 jump 咗好多次",
    "我聽日 jump 高比賽",
    "我今晚 jumpstart 架車",
]

# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())

# the grid: each signal with each common chat ending is still read (132 of 224 were read as no risk before)
_GRID_SIGNALS = [*CRISIS_SELF[:9], *CRISIS_ANYONE, *CONCERN_SELF]
_GRID_ENDINGS = ["", " 唔想再撐", " 佢話會send出去", " 冇人知", " 點算", " 😭", " 真係好攰"]


@pytest.mark.parametrize(("signal", "ending"), list(itertools.product(_GRID_SIGNALS, _GRID_ENDINGS)))
def test_a_code_mixed_signal_stays_read_with_a_chat_ending(signal: str, ending: str) -> None:
    assert detect_crisis(signal + ending).risk != "none"
