"""Lexicon entries and whose-words rules of the fourteenth round of issue 12 (bot/triage/lexicon/crisis.yml,
`*_round14`; bot/triage/crisis.py), written from the families the opened hold16 set showed, in own wording
and general forms (no set's text is quoted here). Each is checked both ways: the signal is found and read
as the right person's, and the everyday wording next to it is left alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis


@pytest.mark.parametrize(
    ("text", "about"),
    [
        # an earlier attempt regretted; no way out and the mind made up
        ("should have finished it the first time tbh", "self"),
        ("my flatmate said she shouldve done it properly the first time", "other"),
        ("i have no way out and i've made up my mind", "self"),
        # wounds blamed on a cat there is not; long sleeves and blood; a wrapped wrist and blood
        ("told my teacher the scratches are from my cat. we dont have a cat", "self"),
        ("我妹大腿一排新的傷 說是貓抓的 我們家根本沒養貓", "other"),
        ("my son wears long sleeves in this heat and i found bloody tissues in his room", "other"),
        ("my sister came out with her wrist wrapped in a towel and there was blood on the floor", "other"),
        # affairs in order, belongings given away as not needed, an insurance of any kind
        ("paid off my credit card and cleared the loans, everything's sorted now. post it then", "self"),
        ("left my camera and my car keys for my nephew. everything is sorted", "self"),
        ("they'd be better off with the car insurance than with me", "self"),
        ("my teammate gave away his boots and his jersey and said last season for me", "other"),
        ("我同屋將部手機同啲現金留晒俾我 話以後用唔着", "other"),
        # means kept: pesticide, charcoal with tape, pills with a letter, a stash swallowed at once
        ("我背囊入面收咗一樽農藥", "self"),
        ("買咗一包炭同封箱膠紙", "self"),
        ("藥同封信都準備好", "self"),
        ("將收埋咗三個月嗰包藥一次過食晒", "self"),
        # found among their things: theirs
        ("我喺佢書包度搵到一盒安眠藥同一封信", "other"),
        # a photo of a rooftop with no words; the sea, "do not look for me"; no longer living if it is posted
        ("剛剛send咗張天台嘅相俾朋友 一個字都冇寫", "self"),
        ("如果我跌咗落海 唔好搵我", "self"),
        ("如果佢真係放上網 我唔會再生存", "self"),
        # farewells: a note of thanks for these years, no school again and goodbye, a child's clothes packed
        # with an apology, a pet entrusted, the children's care handed over, the PIN told
        ("寫咗張紙條多謝佢哋呢幾年照顧我", "self"),
        ("聽日唔會再返學喇 多謝你陪我 拜拜", "self"),
        ("已經將囡囡啲衫執好 對唔住佢", "self"),
        ("我已經將隻貓托付咗俾朋友 多謝你哋 再見", "self"),
        ("阿媽 對唔住 以後唔使再為我操心", "self"),
        ("我老公打電話返嚟話對唔住 叫我好好照顧個仔", "other"),
        ("我老婆話銀行卡密碼係我生日 叫我好好照顧自己", "other"),
        # a tenant next door
        ("我隔籬個租客拍門話佢想死", "other"),
    ],
)
def test_round14_signals_and_whose(text: str, about: str) -> None:
    finding = detect_crisis(text)
    # no subject named (None) is the texter's too: the parse says `risk_about: self`
    assert finding.is_crisis and (finding.about or "self") == about, (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "paid off my credit card, everything's sorted for the move next week",
        "long sleeves today, cold in the office",
        "the scratches are from my cat lol she hates baths",
        "we should have finished it the first time, now the project is late",
        "對唔住 以後唔使為我擔心 我搵到工喇",
        "聽日唔會再返學喇 放暑假 多謝老師 拜拜",
        "收埋咗半年嗰包朱古力一次過食晒",
        "江邊燒烤 炭同飲品都買好",
        "寫咗張紙條多謝同事",
        # anger at the blackmailer, "don't stop me": not a farewell
        "明天就带人过去弄死他 你们别拦我",
        # anger at the blackmailer: a fist, a knife, a gang, his car
        "i'm going to smash his car windows tonight",
        "i have cousins who can deal with him",
        "船一埋岸我就去揾嗰條友 一拳打爆佢塊面",
        "恨不得過去捅他幾刀 當然不會真去",
        "我哥說要是被他找到 腿給他打斷",
        # 同屋企人 is "with the family", no flatmate
        "我同屋企人講咗 佢哋話唔緊要",
    ],
)
def test_round14_everyday_wording_is_left_alone(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, (text, finding)


@pytest.mark.parametrize(
    "text",
    ["he said he'll smash his car then jump off the bridge", "我個仔話要去搵佢算賬 之後就想死"],
)
def test_round14_a_threat_to_the_blackmailer_masks_only_itself(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.idioms and finding.is_crisis, (text, finding)
