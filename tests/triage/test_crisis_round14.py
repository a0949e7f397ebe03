"""Lexicon entries and whose-words rules of the fourteenth round of issue 12 (bot/triage/lexicon/crisis.yml,
`*_round14`, `*_round14b`; bot/triage/crisis.py), written from the families the opened hold16 and hold17
sets showed, in own wording and general forms (no set's text is quoted here). Each is checked both ways:
the signal is found and read as the right person's, and the everyday wording next to it is left alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis

# First part, from hold16; second part, from hold17 (opened after hold18 was written).
SIGNALS_FIRST_PART = [
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
]
SIGNALS_SECOND_PART = [
    # means: a stash instead of taken, how long one lasts in the water, a car and a hose, pesticide moved
    # into a bedroom, a photo at a height "high enough", a window opened high up, the dose worked out,
    # a photo of pills laid out, a rope named for a place, never coming up from the water
    ("been saving my sleeping pills instead of taking them, two weeks worth in a sock", "self"),
    ("my uncle keeps asking how long you would last in the harbour at night", "other"),
    ("years ago i sat in my car with a hose and charcoal", "self"),
    ("我爸把那桶農藥搬進房間", "other"),
    ("我弟發了張脚手架頂的照片 配字 夠高了吧", "other"),
    ("住28樓 露台門我已經打開咗", "self"),
    ("算好咗要幾多mg先夠", "self"),
    ("佢send咗張相 一排藥丸擺晒喺枱面", "self"),
    ("如果佢放片 我就喺更衣室用條繩", "self"),
    ("真的賣了我就在泳池裡不上來", "self"),
    # plans: the how and when, not back from a shift, the policy's waiting year, decided for the weekend,
    # treatment stopped to wait to go, "I will die, don't look for me", not living on
    ("my flatmate says he has worked out the how and when", "other"),
    ("my driver said he won't come back from his shift if they post it", "other"),
    ("checked again, the policy pays out after one year", "self"),
    ("我決定這個週末就結束", "self"),
    ("佢話唔再去洗腎 等自己走", "other"),
    ("聽日我會死 你哋唔使搵我", "self"),
    ("片一出 我就唔會再生存", "self"),
    # acts: what one did to one's arms, an arm cut up, a lighter held to a wrist, blood and a razor,
    # rows of new knife marks on a thigh
    ("wearing a hoodie bc of what i did to my arms", "self"),
    ("my gf sent me a pic, her arm all cut up", "other"),
    ("she held a lighter to her wrist till it blistered", "other"),
    ("the sink covered in blood and a razor on the floor, my brother says it's nothing", "other"),
    ("我個女大髀一條條新嘅刀痕", "other"),
    # farewells: a card for after, thanks and the other side, a will laid out, belongings named and
    # goodbye, a note of thanks and sorry, keys handed over with thanks, sorry and I love you, where the
    # policy is kept; someone else's: a bank card and PIN, things handed out to us, money and "look
    # after yourself from now on"
    # (round 41: "a pupil" opening the message with a verb names them, as "pupil gave…" did: the card is
    # theirs)
    ("a pupil gave me a card marked for after", "other"),
    ("thank you all for everything, see you on the other side", "self"),
    ("put out my will for my son on the table", "self"),
    ("謝謝大家 我的吉他給小恩 再見", "self"),
    ("留咗張紙條 多謝老師 對唔住", "self"),
    ("多謝晒 將車匙交俾我爸", "self"),
    ("媽咪對唔住 我好愛你 唔好嬲我", "self"),
    ("我老公問我保單放喺邊", "other"),
    ("my brother gave me his bank card and the pin, says he's sorting things", "other"),
    ("佢將部switch派晒畀我哋 多謝你哋", "other"),
    ("我媽給我轉了兩萬 說以後照顧好自己", "other"),
]
EVERYDAY_FIRST_PART = [
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
]
EVERYDAY_SECOND_PART = [
    "how cold is the water at the beach this weekend",
    "we planned the how and when of the party",
    "he won't come back from his trip till june",
    "my insurance pays out after the claim is approved",
    "my arm is all marked up from the mosquitoes",
    "thank you all for everything, see you on the other side of the exam",
    "我決定這個週末就結束這段關係",
    "我們決定下個月就結束合作",
    "算好要幾多粒先夠一個星期",
    "窗我已經開咗 好焗",
    "媽咪對唔住 我好愛你 遲啲返嚟",
    "問我保單放喺邊 要續保",
    "轉咗兩千俾我 以後照顧好自己 佢去英國讀書",
    # idioms and threats to the blackmailer
    "打機打到凌晨 隻boss殺咗我十幾次 算 講正經",
    "今晚啲客少到想死 哈",
    "論文死線就在明天 我已經死了一半",
    "我爸知道以后说要把那个男的从楼上丢下去",
    "让我查到住址我就打断他的腿",
    "我會淋佢成身天拿水",
    "honestly want to burn that host's house down",
    "the ex who put spyware on my phone deserves to get hurt",
    "if he shows up i'll flatten him",
]


@pytest.mark.parametrize(("text", "about"), SIGNALS_FIRST_PART + SIGNALS_SECOND_PART)
def test_round14_signals_and_whose(text: str, about: str) -> None:
    finding = detect_crisis(text)
    # no subject named (None) is the texter's too: the parse says `risk_about: self`
    assert finding.is_crisis and (finding.about or "self") == about, (text, finding)


@pytest.mark.parametrize("text", EVERYDAY_FIRST_PART + EVERYDAY_SECOND_PART)
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
