"""Lexicon entries and whose-words rules of the thirteenth round of issue 12 (bot/triage/lexicon/crisis.yml,
`*_round13`; bot/triage/crisis.py), written from the families the opened hold14 set showed, in own
wording and general forms (no set's text is quoted here). Each is checked both ways: the signal is
found and read as the right person's, and the everyday wording next to it is left alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis


@pytest.mark.parametrize(
    "text",
    [
        # someone else's whole supply swallowed; going under and never coming up
        "if he posts it ill swallow all of my nanas sleeping pills",
        "如果佢send出去 我就跳落海 唔會再浮返上嚟",
        # a wish for after one is gone
        "以后你们要好好照顾自己",
        # a quantity of a relation's pills, counted by the texter: the texter's
        "阿爸成盒安眠藥喺櫃桶 我數過 夠晒",
        # the class who was sent it is no subject
        "條片已經傳咗俾全班同學 真係好想死",
        # means kept or named, in the texter's words
        "bought charcoal and some duct tape on the way home",
        "i know exactly which pills and how many",
        "killing myself tonight, not laughing",
        "我而家喺橋上 水好急",
        "揸車嗰陣好想衝落海",
        "過咗今晚佢唔刪 我就吞晒屋企啲藥",
        "啱啱打咗三支胰島素",
        "今晚我就結束一切",
        # acts and farewells
        "pressed my arm against the hot pan on purpose to feel something else",
        "留咗封信俾老婆 講對唔住",
        "对不起 这些年辛苦你们了",
    ],
)
def test_round13_crisis_of_the_texter(text: str) -> None:
    finding = detect_crisis(text)
    # no subject named (None) is the texter's too: the parse says `risk_about: self`
    assert finding.is_crisis and finding.about != "other", (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        # a relation named in English after 我
        "我classmate企咗喺天台邊 唔肯落嚟",
        "我housemate话佢想死",
        # what they typed themself; straight quotes right after Chinese; a second quote of theirs
        "我表哥自己打的「我要去死了」",
        "我妹一直说'我死了你们就轻松了'",
        "我表妹成日講'冇我會好啲' '想瞓咗唔醒'",
        # a team member with an age; a grandpa (阿公)
        "隊裡一個15歲的隊員跟我說'我不想活了'",
        "我阿公成日講佢死咗我哋會輕鬆啲",
        # a parent's child, told by a teacher; a private story
        "her son said if the clip gets out he'll swallow all of his grandpas pills",
        "my cousin posted on her private finsta story 'cant do this anymore, goodbye everyone'",
    ],
)
def test_round13_someone_elses_risk(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none" and finding.about == "other", (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        # the same words meant plainly
        "以后你们要好好学习",
        "潛水之後要慢慢浮返上嚟",
        "i swallow my vitamins with breakfast",
        "she posted on her close friends story 'best day ever'",
        # a teammate so bad, nerves "to death", squaring up to the blackmailer's people
        "隊友菜到我想死",
        "考試前緊張到要死",
        "我想帶人去同佢哋拼過",
        "killing myself laughing at his typos",
    ],
)
def test_round13_everyday_wording_is_left_alone(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "none", (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "my brother stopped taking his insulin shots, says let god decide",
        "my son (15) has cigarette burns all over his forearms",
        "one of my year 9 girls had blood soaked through her sleeve in class",
        "my dad said wed be better off with his insurance money than with him",
        "my sister gave me all her jewellery and keeps saying thank you for everything",
        "我妹喺月台邊企咗成個鐘",
        "室友反鎖咗喺房 門縫見到炭盆",
        "我弟將佢最鍾意嘅公仔全部送晒俾同學",
        "我女兒手臂有一條條新嘅紅痕",
        "我老公話今晚佢就結束一切",
    ],
)
def test_round13_signals_about_someone_else(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis and finding.about == "other", (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "we used charcoal and masking tape in art class",
        "i know which meds to take and how much, the doctor explained it",
        "stopped my blood pressure pills because the doctor said so",
        "burnt my hand on the iron by accident",
        "blood soaked through the bandage after the surgery",
        "the shop gave me a refund, thanks for everything",
        "橋上風景好靚 水好急",
        "醫生開嘅藥我食晒喇",
        "感冒了 吃完药睡一下",
        "執屋搵到一袋過期藥",
        "手臂有一條條紅痕 係貓抓嘅",
        "今晚就结束这个项目",
        "然后就结束一切关系",
        # second part, from hold15
        "died 12 times in one round lol the sniper is cracked",
        "teacher banned us from saying unalive in class",
        "my dad acts like my life is over because of one B",
        "mock paper 3難到想死 先溫住",
        "條片出咗街我會死得好難睇",
        "我爸把存折交给我 叫我帮他去银行交水电费",
        "周末就去天台晒被子",
        "please look after my plants while im on holiday",
    ],
)
def test_round13_everyday_wording_of_the_same_kind_is_left_alone(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, (text, finding)


# --- the round's second part, from hold15 (opened after hold16 was written), in own wording


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("我哋屋企嘅印傭成日喊 今朝見佢攞住條繩喺度比劃 話唔想活", "other"),
        ("我乐团的主唱把吉他和所有乐谱都送给我 还说谢谢这几年照顾", "other"),
        ("我爸把存折和房产证都交给我了 说以后你来管", "other"),
        ("有个学生说要是照片传出去 他就去教学楼顶", "other"),
        (
            "my nephew gave away all his cards and figures to his friends and hugged me so long at the door",
            "other",
        ),
        ("my flatmate texted 'pls look after my cat' and turned her phone off", "other"),
        (
            "colleague at the warehouse says he will drink the pesticide if the loan app calls his boss",
            "other",
        ),
        ("tell my son papa loved him. its done tonight", "self"),
        ("我同我媽寫咗封信 放喺佢枕頭底 對唔住佢", "self"),
    ],
)
def test_round13_second_part_signals_and_whose(text: str, about: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis and (finding.about or "self") == about, (text, finding)
