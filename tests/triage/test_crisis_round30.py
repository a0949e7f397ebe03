"""What the thirtieth round of issue 12 taught the lexicon (`signals_round30`, `concern_round30`, the
Chinese `*_round30_zh` entries, 累 out of the hyperbole class, idioms and threats in `to_death_round24`) and
the whose-words rules (bot/triage/crisis.py: "id" as a card, the texter's own clause after what the
blackmailer asked, a line sent to the texter with no 俾, a hall's or a group's junior, what a relation keeps
saying, the one still demanding, a room put in, someone's relation of the texter's circle, a last message
quoted). The families came from the misses and false alarms of hold33, opened this round; every text below
is own wording in a general form, none is a set's."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import idiom_test, table_test

# clear signals, no subject named: nail polish remover drunk, the insurance papers and "better off", no way
# out and the letter written while he (the blackmailer) still demands
CRISIS_ANYONE = [
    "飲咗半樽洗甲水",
    "told them where the insurance papers are, everyone is better off",
    "冇出路 佢都仲要 封信已經寫好",
]
# about the texter: "dispose of myself", "decided, tonight I end it", "want to die" after what he asked for,
# a letter telling him not to blame himself, "remember me smiling"
CRISIS_SELF = [
    "考完試之前我會處理掉自己",
    "我決定咗 今晚完咗佢",
    "佢又問我要多五千... 我想死",
    "我寄咗封信俾師傅 叫佢唔好怪自己",
    "remember me smiling ok",
    # ("and id" is still "and I'd": the identity card only after a wallet, a phone, an owner or an article)
    "he sent it to everyone and id rather die",
]
# someone else's: searched which bridge is highest, the tallest building googled, "listen to mum from now
# on" and the phone left at home, a name carved on his arm, no way out and "I've thought out how", all her
# things and her savings given away, "thanks for everything" and a debt to pay back for him, "better off"
# and sorting it tonight, no way out and the night picked, a hall junior's voice message, a line sent to the
# texter, his last message quoted, a coach's son's words
CRISIS_OTHER = [
    "我妹喺度搜邊條橋最高",
    "my brother googled the tallest building near his school",
    "我老公臨走話以後要聽媽咪話 手機都留低咗",
    "我細佬喺手臂刻咗個字",
    "我朋友話冇得救 佢諗好咗點做",
    "my cousin gave me all her clothes and her savings",
    "my friend texted thanks for everything, pay back the 50 to jun for me",
    "my brother said we are better off, he'll sort it out tonight",
    "my flatmate says there is no way out and she has chosen the night",
    "我武館的師妹頭先msg我說'我要自殺'",
    "我朋友啱啱send我一句 我想死",
    "my girlfriend's last text: 'tell mum i want to die'",
    "my coach's son told me 'i want to die'",
]
# possible signals, asked about: "if I died it would solve it", "my family will be better off", "I've dragged
# everyone down", fingernails pressed into the palm
CONCERN = [
    "if i just got hit and died it would fix everything",
    "my family will be better off",
    "我真係累死晒屋企人",
    "我成日掐指甲入手心",
    # (a letter consoling a friend, "don't blame yourself", stays a possible sign, not a farewell)
    "我寫咗封信安慰佢 叫佢唔好怪自己",
]
# a relation's words, at risk whatever the level: what he keeps saying, a group's young girl in tears, a man
# who left his id behind
AT_RISK_OTHER = [
    "我阿爸成日坐喺度 話人生冇意思",
    "我們組有個初二的妹妹 哭著說'我是大家的負擔'",
    "my dad left his wallet and id on the table and said he cant take it anymore",
]
# everyday wording beside them: tired out, a tallest-building homework, a reunion's date, a debt for a
# friend, a name tattooed, nail polish remover used on nails, a better-off plan,
# the id card, what the blackmailer wants
EVERYDAY = [
    "返工返到累死",
    "googled the tallest building in the world for my project",
    "we picked the date for the reunion dinner",
    "can you pay back the 50 to jun for me",
    "我喺手臂紋咗個名",
    "用洗甲水抹咗啲指甲油",
    "you'll be better off blocking him",
    "left my id card at home",
    "他還要錢 我該怎麼辦",
]
# idioms and anger at someone else, masked: beaten by the other side in a game, 卷死, beaten till his own
# mother wouldn't know him, crippled, "make him sorry", his fingers cut off, a word tattooed on his forehead
IDIOMS = [
    "打排位被對面虐到想死",
    "期末週卷死了",
    "我一定打到佢老母都認唔出",
    "見到佢一定打殘佢",
    "今晚要佢好睇",
    "真想把那個騙子的手指剪了",
    "想幫佢喺額頭紋兩個字",
]

# the texter's own, not the relation whose room or whose bag it went in: a password left in mum's room
NOT_OTHER = ["銀行卡密碼寫好放我媽房間 手機嘅嘢都刪晒"]


@pytest.mark.parametrize("text", AT_RISK_OTHER)
def test_a_relations_words_are_theirs_whatever_the_level(text: str) -> None:
    finding = detect_crisis(text)
    assert (finding.risk, finding.about) in {("crisis", "other"), ("concern", "other")}, finding


@pytest.mark.parametrize("text", NOT_OTHER)
def test_a_relation_as_a_place_is_not_the_one_at_risk(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none" and finding.about != "other", finding


# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
# each idiom is masked
test_idioms_and_threats_to_others_are_masked = idiom_test(globals())
