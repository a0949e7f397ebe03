"""What the twenty-eighth round of issue 12 taught the lexicon (`signals_round28`, `self_harm_round28`,
`found_on_bridge_round28`, `concern_round28`, the Chinese `*_round28_zh` entries, idioms in
`everyday_round24_en` and `to_death_round24`) and the whose-words rules (bot/triage/crisis.py: a
grandchild named whole, a grandparent addressed, told to a sister, things of theirs handed over, he or
she and "and wrote", a relation who does not know). The families came from the misses and false alarms
of hold31, opened this round; every text below is own wording in a general form, none is a set's."""

from __future__ import annotations

import pytest

from tests.triage.lexicon_reading import idiom_test, table_test

# clear signals, no subject named: "nobody will come to save me this time", a long trip soon and thanks
CRISIS_ANYONE = [
    "no one is going to save me this time",
    "今次唔會再有人嚟救我",
    "going on a long trip soon. just wanted to say thanks, you were kind",
]
# about the texter: sitting alone on the edge of a high board or a roof, every pill in the house, the
# whole box swallowed, pulled out once and back at the pier, driving
# into the sea, pressing a wound to make it bleed
CRISIS_SELF = [
    "im sitting alone on the edge of the rooftop",
    "我一個人企喺天台邊",
    "if he posts it im taking every pill i have",
    "i have swallowed the whole strip",
    "someone pulled me out last time. now im standing on the bridge again",
    "i might just drive into the reservoir",
    "我撳住個傷口等佢流血",
]
# someone else's: a brother's car on a bridge and the water searched, "taken all of them", passwords
# handed over "when I'm gone", a son's thanks for raising him and "don't miss me", a grandson's message
# to his grandmother, a sister's towel red after the bathroom, an attempt and "saying those things
# again", a friend's ring handed over, a sister told, "he ... and wrote"
CRISIS_OTHER = [
    "my brother's bike was found on the bridge, police are searching the river",
    "my sister texted that she has taken all of them",
    "my best friend sent me all her passwords and said she wont need them",
    "我個女打嚟多謝我湊大佢 叫我唔好掛住佢",
    "我孫女傳給我「婆婆對不起 我走先」",
    "我表妹喺浴室好耐 出嚟條毛巾都紅晒",
    "我老公以前跳過樓 俾人救返 最近又講返嗰啲說話",
    "my flatmate gave me her gold necklace, said she wont need it",
    "my son told his sister if the video goes out he will kill himself",
    "he gave away his guitar and his games and wrote goodbye to everyone",
]
# possible signals, asked about: "if a lorry ran over me I wouldn't mind", the ferry that just sank, an
# easier life without me (both languages), sinking and nobody coming; the roommate who does not know is
# not the one at risk
CONCERN = [
    "if a lorry ran over me i wouldnt mind",
    "wouldnt mind if the ferry just sank",
    "they would all have an easier life without me",
    "阿爸冇咗我應該會輕鬆啲",
    "如果我沉咗落去冇人救都好",
]
CONCERN_SELF = [
    "my roommate doesnt know. nothing will ever be ok again",
]
# everyday wording beside them: not caring about a failed exam or the teacher seeing (once read as a
# crisis by "if i" and "if the" alone), photos taken down, a doctor's pills, a
# motorway exit, travel tips, a parent's bills, a bus late, a coach waiting, a business trip, hair dye,
# an exam nobody can save one from
EVERYDAY = [
    "i dont care if i fail the exam",
    "i dont care if the teacher sees it",
    "i have taken them all down from my page",
    "remember to take every pill the doctor gives you",
    "we drove off the bridge and onto the highway",
    "planning a long trip soon, thanks for the tips",
    "my mum sent me all her passwords so i can pay her bills",
    "i wouldnt mind if the bus came soon",
    "坐喺十米跳台邊等教練",
    "你保重 我之後唔喺度 要去出差",
    "浴室條毛巾都紅晒 啲染髮劑甩色",
    "呢次冇人救到我喇 dse數學死梗",
    "多謝你養大我 我會好好讀書",
]
# idioms and anger at someone else, masked: dead on one's feet, "going to kill my brother", clumsy "to
# death", a chore done over and over "to death" and laughed at, running the blackmailer over
IDIOMS = [
    "dead on my feet after the late shift",
    "im going to kill my sister, she finished my snacks",
    "老細話我手殘到想死",
    "抄筆記抄到想死 哈哈",
    "我想開車撞死佢",
]


# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
# each idiom is masked
test_idioms_and_threats_to_others_are_masked = idiom_test(globals())


@pytest.mark.parametrize(
    "text",
    [
        "im going to kill my brother and then kill myself",
        "抄筆記抄到想死 唔係講笑",
    ],
)
def test_the_same_words_with_a_signal_are_not_masked(text: str) -> None:
    from bot.triage.crisis import detect_crisis

    assert detect_crisis(text).risk == "crisis", detect_crisis(text)
