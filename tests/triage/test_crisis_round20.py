"""What the twentieth round of issue 12 taught the lexicon (`signals_round20` in
bot/triage/lexicon/crisis.yml) and the whose-words rules (bot/triage/crisis.py). The families came from the
misses of hold23, opened this round; every text below is own wording in a general form, none is a set's. One
table holds each text with the level and the subject the lexicon must read, the everyday wording beside the
signals included."""

from __future__ import annotations

from bot.triage.crisis import named_subject
from tests.triage.lexicon_reading import table_test

# clear signals, no subject named: a Tagalog goodbye (tell mum I love her; thanks for everything and
# farewell), standing at the end of a jetty alone at night, accounts deleted and a debt paid back in one
# message; about the texter: a date picked after "a burden"; "they'd be better off without me... I've
# decided" at the end; "I know what to do, tonight" at the end
CRISIS_ANYONE = [
    "pakisabi kay mama mahal ko siya",
    "salamat sa lahat, paalam na",
    "standing on the end of the jetty alone rn",
    "刪咗ig同fb 欠阿明嘅錢都還咗俾佢",
]
CRISIS_SELF = [
    "im just a burden to them. already chose the day",
    "冇咗我佢哋會過得好啲 我已經決定咗",
    "没有我他们会更好 我已经决定好了",
    "我知道自己要點做 就今晚",
]
# someone else's: a relation's DM quoted (私訊我「…」), a relation's feed post forwarded
# (转发我姐发的朋友圈), a sibling named with their school year or age first (我中二的妹妹, 我16歲嘅細佬), a
# hall mate, a cousin who "said on the bus" before their quoted words, sisters by friendship
CRISIS_OTHER = [
    "我表哥私訊我「我今晚會自殺」",
    "我同學ig我『我想死』",
    "转发我姐昨晚发的朋友圈：『我想死』",
    "我中二的妹妹話佢想死",
    "我16歲嘅細佬話佢想自殺",
    "我hall友話佢想死",
    "my cousin said on the bus 'i want to kill myself'",
    "我舞蹈班的好姐妹私信我『我想死』",
]
# everyday wording beside them
EVERYDAY = [
    "salamat sa lahat ng tulong nyo po, sorry sa abala",
    "standing at the end of the pier at 5am fishing with my dad",
    "we picked the date for the wedding, after CNY",
    "我知道点做了 今晚就去报警",
    "刪咗ig 唔想再見到佢",
    "post咗上ig 唔想再見返佢",
    "我已經決定咗 去報警",
    "我表哥私訊我「你條片係咪真」",
]

# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())


def test_the_texters_own_school_year_before_a_relations_medicine_is_no_relation() -> None:
    # 我國三 is the texter's year; the grandfather only owns the pills (a 的/嘅 joins a year to a relation)
    assert named_subject("我國三 阿公啲藥全部喺我度 我食晒") != "other"
