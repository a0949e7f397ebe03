"""Lexicon entries and whose-words rules of the eleventh round of issue 12 (bot/triage/lexicon/crisis.yml,
`*_round11`; bot/triage/crisis.py), written from the families the opened hold12 set and the development
sets dev14 and dev15 showed, in own wording and general forms (no set's text is quoted here; the comments
"-- hold12" etc. say which set's families each group comes from). Each is checked both ways: the signal is
found, and the everyday wording next to it is left alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis, normalise


@pytest.mark.parametrize(
    "text",
    [
        # -- hold12
        # means: how many of a medicine it would take, a cabinet emptied, a high window stood at
        "how many of my insulin pens would be enough",
        "how many panadols does it take",
        "she said she will swallow everything in the medicine cabinet",
        "he keeps standing at the 25th floor window at night",
        # farewell: a passcode left for the family, this chat as the last, thanks for everything
        "please tell my dad the pin code is my birthday",
        "ur app is my last message tonight",
        "deleted fb then insta then tiktok. bye",
        "thank u for everything its been a good run",
        "look after my cat for me ok",
        "she has been giving all her clothes away",
        # self-harm acts without the usual verbs
        "i keep banging my head against the bedroom wall",
        "there are cigarette burns on his arm",
        "new cuts along her wrist again",
        # a past attempt with its means
        "i tried with a belt last year",
        # zh: pills saved and counted, a rope tested, floors searched, charcoal for no barbecue
        "藥存咗兩個月 數過 四十粒 應該夠喇",
        "醫生開嘅藥一粒都冇食 全部收埋喺櫃桶",
        "佢將條電線綁喺床架 試下實唔實",
        "我搜咗幾多層跳下去會點",
        "買咗包炭 其實冇人約燒烤",
        # farewell: things given away, sorry then silence, never-born, valuables handed over
        "佢把心愛的模型全部送給弟弟",
        "她一直說對不起 說完就關機了",
        "你們就當沒生過我吧",
        "她把存折跟首飾都交給我 叫我把孩子養大",
        "多謝晒大家 記得要保重",
        "帳號密碼交咗俾朋友 拜拜",
        "他留了一封信 然後人就不見了",
        # self-harm acts: lines under plasters, many wounds, small burns
        "手腕貼滿膠布 底下一道道紅痕",
        "大腿內側好多割痕",
        "手臂上有幾個圓形的燙傷",
        # a euphemism
        "我想快啲解決埋自己",
        # -- dev14
        "there was a noose in his wardrobe and a letter next to it",
        "my sister said she would walk off the car park roof tonight",
        "he has rows of scratches on his thigh",
        "喺佢背包度搵到一盒別刀",
        "個女房間抽屜發現好多藥",
        "浴室地下有刀片 佢成手都係血",
        "我老公後車廂放了一袋炭",
        "買咗兩包炭 屋企根本冇人燒烤",
        "他以前試過在房間燒炭",
        "我阿爺成日話佢死咗我哋就會輕鬆",
        "佢手臂一道道新嘅割痕",
        # -- dev15
        "佢出嚟隻手腕包住條毛巾 滲晒血",
        "她胳膊上全是划的口子",
    ],
)
def test_round11_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


@pytest.mark.parametrize(
    "text",
    [
        # -- hold12
        # possible signals: the assistant asks directly
        "ended up in hospital after taking too many last spring",
        "i keep staring at the ceiling fan again",
        "asked my neighbour to feed my cat, just in case",
        "kinda hope the bus doesnt stop for me",
        "nice knowing you all",
        "要是没有生我就好了",
        "有時希望出個意外",
        "一個人消失應該很容易吧",
        "已經冇乜嘢要留低",
        "仲有咩值得坚持",
        "咁夜坐的士去大橋做咩",
        "半夜三点一个人去江边",
        "他發了一張頂樓的照片",
        "三十幾度仲著住長袖外套",
        "佢話唔會再返學 亦唔會再返屋企",
        "叫我唔好太傷心",
        # a death wish laughed off and moved on from: asked about, not the crisis path
        "lol i wanna die lol he typed my name wrong. anyway blocked him",
        # -- dev14
        "he says hes only a cost to his family now",
        "theres nothing left for me anymore",
        "im just a useless old man",
        "my roommate bought a rope yesterday",
        "同事問我借條繩",
        "佢又買咗包炭",
        "我寧願直頭唔存在",
        "我仲可以點 冇用㗎啦",
        "老咗仲拖累仔女",
        "阿嫲將存摺交俾我保管",
        # -- dev15
        "我淨係識累住屋企人",
        "佢成日話呢世人已經完咗",
        "我這輩子毀了",
    ],
)
def test_round11_concern(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", text
    # thirty-fifth round: the burden and vanishing wishes among them, and the hopelessness of entries now
    # read as ideation, moved to burden_round35* and hopeless_round35*
    readers = finding.concerns + finding.signals
    assert any("round11" in signal or "round35" in signal for signal in readers), (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        # -- dev15
        "im just one more problem they never asked for",
        "if my boss finds out i dont know if i can live with that",
        # shame put as a death wish with more verbs: asked about, not the crisis path
        "id rather die than explain it to the officer",
        # -- dev15, kept by the lexicon when the retrained classifier stopped catching them
        "成日企喺露台諗跌落去會唔會好快",
        "我到底還有什麼路可以走",
        "if my dad sees it i swear im never going home",
        "if the pics get out ill just have to disappear",
    ],
)
def test_round11_possible_signals_are_asked_about(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "concern", (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        # -- hold12
        # the same words meant plainly
        "how many pills should i take for a headache, the box says two",
        "standing at the 30th floor window watching the fireworks",
        "thanks for everything, the workshop was fun",
        "i burned my hand on the oven",
        "nice knowing you lol exam tmr",
        "im so dead tmr, the quiz is at 8",
        "i was in hospital for a broken arm",
        "someone will feed my cat while im in japan",
        "hope the bus comes soon its raining",
        "我自己解决就好",
        "这件事我要解决自己的问题",
        "我們搬家 書都分給同學了",
        "醫生開嘅藥 一日兩粒 三十粒應該夠一個月",
        "週末凌晨去海邊看日出",
        "他叫我不要難過 考試下次再努力",
        "我哋宿舍有個天台 今晚一齊睇流星",
    ],
)
def test_round11_everyday_wording_is_left_alone(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, (text, finding)
    assert not any("round11" in concern for concern in finding.concerns), (text, finding.concerns)


@pytest.mark.parametrize(
    "text",
    [
        # -- dev14
        # the same words meant plainly, and the look-alikes the older entries now leave alone
        "nothing left for me to do at work today",
        "買咗包炭 聽日同朋友去燒烤",
        "竹炭包放喺衣櫃除濕 我哋從來唔燒烤",
        "出差兩星期 想搵人幫我餵貓",
        "下星期搬入宿舍 啲衫同書送晒去回收箱",
        "下個月做手術 將銀行密碼寫低咗俾老婆",
        "everythings sorted now, the police handled it",
        "我要去佢屋企搵佢算賬 你哋唔好勸我",
        # -- dev15
        "我哋行山仲有咩路可以行",
        "if it rains im not going home till 6",
        "ill disappear for a few days on a retreat",
    ],
)
def test_round11_look_alikes_carry_no_risk(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "none", (text, finding)


@pytest.mark.parametrize(
    ("text", "about"),
    [
        # -- hold12
        # a teacher's pupils named as "one of my year 8s"; his body named inside the signal
        ("one of my year 9s has fresh cuts along her wrist", "other"),
        ("i noticed new marks under her bracelet", "other"),
        ("i have fresh marks on my thighs", "self"),
        # a relation's words to the texter, with the listener addressed before the signal
        ("女兒跟我說 媽 如果那些照片傳出去 你就當沒生過我", "other"),
        # code-mixed relation with a space, these days
        ("我 friend 这几天一直讲 希望出个意外", "other"),
        # -- dev14
        ("friend at uni says she will jump off the library roof", "other"),
        ("colleague on night shift left a noose in his locker with a note", "other"),
        ("one of my p5 pupils has tally marks on his arm", "other"),
        ("個孫成手都係血 地下有刀片", "other"),
        # a pupil named with their school year, and his arm shown to the texter just before the signal
        ("班上有個中二男仔 今日見到佢手臂好多新嘅割痕", "other"),
        ("a form 2 girl showed me her wrist, rows of cuts", "other"),
        # -- dev15
        # grandparents and a helper are relations; "takes care of me" is no subject, even cut by the window
        ("my grandma keeps saying she wants to die since the scam", "other"),
        ("our helper asked me where to buy strong sleeping pills without a prescription", "other"),
        (
            "im 12. my nana who takes care of me got scammed and keeps saying shes a useless old woman",
            "other",
        ),
    ],
)
def test_whose_words_round11(text: str, about: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", text
    assert finding.about == about, (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        # the same laugh with no moving on, or said to be meant, or with means, is still a crisis
        "i wanna die lol",
        "i wanna die lol not joking. anyway",
        "took the pills, i wanna die lol anyway bye",
    ],
)
def test_round11_a_laughed_death_wish_that_is_meant_is_still_a_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


def test_round11_the_texters_own_words_after_a_relations_comfort_stay_theirs() -> None:
    # a relation's comfort quoted, then the texter's own turn: still the texter's risk
    finding = detect_crisis("我媽跟我說沒事的 可是我還是想死")
    assert finding.is_crisis
    assert finding.about == "self", finding


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        # " 2 " between words is "to", but not in a school year
        ("i want 2 die", "i want to die"),
        ("a sec 2 boy told me", "a sec 2 boy told me"),
        ("my form 2 daughter", "my form 2 daughter"),
    ],
)
def test_round11_a_school_year_two_is_not_to(text: str, normalised: str) -> None:
    assert normalise(text) == normalised


@pytest.mark.parametrize(
    "text",
    [
        # a relation who only owns the pills the texter takes is not the one at risk
        "晚晚都求唔好再醒 今日拎咗我媽嘅安眠藥收埋喺枕頭底",
        "好想瞓咗唔再醒 食埋阿爺櫃桶嗰幾排瞓覺藥",
    ],
)
def test_round11_a_relation_owning_the_means_is_not_the_subject(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, text
    assert finding.about != "other", (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        # a relation's posted line, quoted after 出咗句 / 發了一句
        "我家姐喺IG出咗句 多謝大家 以後唔使掛住我",
        "我堂哥刚刚在朋友圈发了一句 我要去死了",
    ],
)
def test_round11_a_posted_line_is_the_relations(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, text
    assert finding.about == "other", (text, finding)


def test_round11_the_texters_own_ruined_life_stays_theirs() -> None:
    finding = detect_crisis("我這輩子毀了 他還在要錢")
    assert finding.about != "other", finding


def test_round11_the_one_a_video_reached_is_not_the_subject() -> None:
    finding = detect_crisis("bought charcoal and tape today. the video already reached my cousin")
    assert finding.is_crisis
    assert finding.about != "other", finding
