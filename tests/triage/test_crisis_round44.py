"""What the forty-fourth round of issue 12 taught the lexicon and the whose-words rules.

From the misses of hold47, opened this round, in own wording and general forms. Lexicon (`signs_round44`,
`means_round44`, `self_harm_round44`, `farewell_round44`, their `_zh` twins): "when nobody is home I'll go and
do it"; not dragging anyone down any more, then a time (not a group project); how the family's money is to be
split, told out of the blue; "the end of the road for me" with a time (not a laptop's); "if it spreads, I
jump" in Malay (not into a pool); pills or a blade right next to the texter (in `at_hand`); a vial or a
syringe taken from work "just in case" (not insulin); fresh cuts or scratches on an arm or a leg, under
sleeves (not a cat's or a hike's); line after line on an arm or a leg, new; "a stupid thing with a belt" that
someone found them after (not at the gym); "rather die than…" closed with a "forgive me" (not "for venting");
"salamat sa lahat" and no answer since; "not dragging anyone" (拖累) of anyone at all (谁). Idioms: an exam
"so hard I want to die", "rather die than work another night shift lol", Malay "susah gila nak mati dah",
"dead inside lol", teammates so bad "I wanna die", "I'd rather die than <a chore> lol"; blocking him tonight
after thanks is no goodbye. Rules (bot/triage/crisis.py): what the texter had taken for a joke (以為佢講笑,
"thought he was joking") takes nothing back; a relation's contact list or group (我啲朋友list) is no subject;
"it's him again" (又係佢) is the blackmailer, not a subject; seen without 我 (看到他…); a gaming group (our
clan, our 5-stack); sleeves as the body they cover; an emoji right after a picture a relation posted; a
shifted reading's words that the texter wrote themself inside an idiom. Every text below is own wording in a
general form, none is a set's."""

from __future__ import annotations

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import table_test

CRISIS_SELF = [
    "我唔想再拖累人 就今個週末",
    "等屋企冇人我就去做",
    "the tablets are right beside me now",
    "this weekend will be the end of the line for me",
    "did a dumb thing with a cord last year, my mum found me. tonight i'm alone",
]

CRISIS_OTHER = [
    "my brother took a vial from the clinic and said it's just in case",
    "a girl in my class keeps her sleeves down all day and has new cuts",
    "我阿爺突然打嚟交代屋企啲錢點分 仲講咗好多多謝",
    "我细佬手臂上一条一条的 都系新嘅伤",
    "a guy from our clan typed 'gonna kms tonight'",
    "我朋友喺IG出咗張繩嘅相 🪢",
    "我表哥話如果段片出咗街佢就上吊 我仲以為佢講笑",
    "my mum wrote 'i'd rather die than face them, forgive me'",
    "今天在更衣室看到他小腿上一道一道的 都是新的",
]

CRISIS_ANYONE = [
    "kalau gambar tu tersebar, saya terus terjun",
    '"salamat sa lahat" lang sabi ng kuya ko tapos hindi na sumasagot',
]

EVERYDAY = [
    "等宿舍冇人我就去做功課",
    "唔想再拖累組員 就呢個週末做埋份report",
    "kalau panas sangat aku terjun kolam",
    "my cat left fresh scratches on my arms",
    "i brought a syringe for my insulin just in case",
    "tonight is the end of the road for my old laptop",
    "did a stupid thing with my belt at the gym, it snapped",
    "i'd rather die than eat durian haha",
    "this chem paper susah gila, nak mati dah",
    "dead inside lol after that ranked game",
    "my squad so trash i wanna die",
    "考M1難到我想死",
    "寧願死都唔想再OT lol",
    "多謝你陪我傾咗咁耐 我今晚會block晒佢",
    "我朋友喺IG出咗張海邊嘅相 🌊",
]

CONCERN = [
    "i would rather die than let him see me cry, forgive me for venting",
]

test_each_text_gets_its_groups_reading = table_test(globals())


def test_the_blackmailer_holding_a_contact_list_is_no_subject() -> None:
    # no one else at risk: the message names no subject, and the texter's own is read (triage.py)
    for text in ("冇用嘅 點做都冇出路 佢仲有晒我啲同學list", "日日一開電話又係佢 冇盡頭"):
        finding = detect_crisis(text)
        assert finding.risk == "concern" and finding.about is None, finding


def test_a_joke_the_texter_saw_through_takes_nothing_back() -> None:
    assert detect_crisis("我想死 佢以為我講笑 其實我係認真").risk == "crisis"
    assert detect_crisis("i want to kill myself. i thought he was joking about posting it").risk == "crisis"
    # taken back by the texter: a possible signal, asked directly
    assert detect_crisis("我想死 當我講笑啦").risk == "concern"


def test_the_texters_own_idiom_stays_an_idiom_when_a_relation_is_named() -> None:
    finding = detect_crisis("my teammates so trash i wanna die, anyway someone in game chat wants pics")
    assert finding.risk == "none" and finding.idioms
    assert detect_crisis("my teammates so trash. my best friend said she wants to die").about == "other"
