"""Lexicon entries and whose-words rules of the tenth round of issue 12 (bot/triage/lexicon/crisis.yml,
`*_round10`; bot/triage/crisis.py), written from the families the opened hold11 set and the development
sets dev12 and dev13 showed, in own wording and general forms (no set's text is quoted here; the
comments "-- hold11" etc. say which set's families each group comes from). Each is checked both ways:
the signal is found, and the everyday wording next to it is left alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis


@pytest.mark.parametrize(
    "text",
    [
        # -- hold11
        # shame put as a death wish: asked about (concern), not the crisis path
        "id rather die than let my dad see those pics",
        "i would honestly rather be dead than have my class see it",
        "i'd rather die than tell my mum what happened",
        # leaving life put as an account
        "i just want to log out of life for good",
        "wish i could delete myself from existence",
        "好想成個人登出 好似打機咁直接刪號",
        "真係想將自己成個人格式化",
        # a past attempt told in passing
        "中學嗰陣試過想跳樓 而家又俾人勒索",
        "以前試過想跳 俾個同學拉住",
        "我之前试过割脉 这次又被人威胁",
        # sitting on a rooftop for an hour
        "我室友喺天台坐咗成個鐘 唔肯落嚟",
        "她在頂樓待了一個多小時了",
        "my flatmate has been sitting on the roof for an hour and wont answer",
        # -- dev12
        "left my dog with my neighbour for a while, didnt say when id be back",
        "如果俾屋企人知 我都唔知自己會做出啲咩事",
        "人死咗之後係咪就唔會再痛",
        "我成個人好似困咗喺個窿度爬唔出",
        "我係成個家最大嘅負擔",
        "喺天橋上面一直望落去",
        "he started handing all his things out to the crew",
        # -- dev13
        "呢啲年多謝大家",
        "好似冇乜嘢放唔低喇",
        "我就系 family 嘅 burden",
        "佢話佢哋呢種人本來就冇將來",
        "俾錢又唔得 唔俾又唔得 點行都係掘頭路",
        "作文寫住冇十年後",
        "佢將啲嘢執晒 話要搬去好遠",
        "聽朝送完個女返學 我就唔返嚟喇",
        "真係想成個人delete咗",
    ],
)
def test_round10_concern(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", text
    # thirty-fifth round: the burden and vanishing wishes among them, and the hopelessness of entries now
    # read as ideation, moved to burden_round35* and hopeless_round35*
    readers = finding.concerns + finding.signals
    assert any("round10" in signal or "round35" in signal for signal in readers), (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        # -- dev12
        # charcoal with tape, found hidden, or burned before; a rooftop nobody checks; a Tagalog goodbye;
        # a promise to stop being a burden soon; not coming down from the roof
        "我喺我個仔書包度搵到一包炭 我哋屋企從來冇燒烤",
        "她買了一卷封箱膠帶和兩包炭",
        "我以前燒過一次炭",
        "問咗好多人邊棟大廈天台冇鎖",
        "kuya posted paalam sa inyong lahat then went offline",
        "she promised to stop being a burden to everyone soon",
        "my son says hes never coming down from the roof",
        # -- dev13
        # the death benefit checked for the family, ending it here, letting the body stop by itself
        "睇咗份保險 身故受益人係阿媽 起碼留啲錢俾佢",
        "份保險嘅受益人係屋企人 應該夠佢哋生活",
        "今晚一個人喺度了結",
        "想俾個身自己慢慢停",
    ],
)
def test_round10_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


@pytest.mark.parametrize(
    "text",
    [
        # the same words, meant plainly
        "I'd rather die than live like this",
        "id rather die than go on like this",
        "i want to jump off the bridge tonight",
        "我真係想死 今日打機又死咗十幾次",
        "我寫好遺書喇",
        "我想吊頸",
        "我成日撼個頭落牆",
    ],
)
def test_round10_the_plain_signal_is_still_a_crisis(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


@pytest.mark.parametrize(
    "text",
    [
        # -- hold11
        # game deaths counted, memes, insults and violence towards the blackmailer
        "打排位今晚死咗三十幾次 氣到爆 嗰個問我攞相嘅人我已經report咗",
        "这个副本我死了十几次 对了那个要钱的我拉黑了",
        "有一種遺書叫期末考卷 笑死 那個勒索的人怎麼處理",
        "壽星公吊頸 嫌命長 個衰人敢搞我細妹",
        "我好想捉住嗰個衰人個頭撼落牆",
        "me and my mates are gonna jump that guy after training, he sent my pics around",
        "we jumped him outside the mall lol",
        # accounts, rooftops and the past, meant plainly
        "i logged out of my instagram on the shared laptop",
        "我想登出所有帳號 點樣刪號",
        "我哋喺天台坐咗成個鐘睇星 跟住佢就send咗啲相嚟",
        "we sat on the roof for an hour watching the fireworks",
        "以前試過想跳舞 而家冇時間",
        # -- dev12
        "我哋今晚去朋友屋企bbq 炭已經買好",
        "老闆話再延期佢就要跳樓 全組笑到碌地",
        "食咗感冒藥好想瞓 所以冇覆你",
        "隊友成晚送頭 送到我想死",
        "i feel so unalive when my phone gets taken lol",
        "寧願死都唔會再用嗰個app",
        "同學喺天台開生日派對 我唔想去",
        "left my dog with my neighbour for the weekend",
    ],
)
def test_round10_everyday_wording_is_left_alone(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, (text, finding)
    assert not any("round10" in concern for concern in finding.concerns), (text, finding.concerns)


@pytest.mark.parametrize(
    "text",
    [
        # -- dev13: the same words about an insurance policy, a matter settled, coming back to work
        "份保險幾時到期 我想改受益人",
        "佢哋今晚喺度了結咗件事",
        "做完功課我就唔返嚟公司喇",
        "呢間舖頭冇將來優惠",
    ],
)
def test_round10_everyday_wording_is_no_crisis(text: str) -> None:
    assert not detect_crisis(text).is_crisis, text


@pytest.mark.parametrize(
    ("text", "about"),
    [
        # -- hold11
        # a relation quoted with where or when they said it
        ("my 11yo said at dinner 'i dont want to be alive anymore'", "other"),
        ("my son said last night 'i wish i was never born'", "other"),
        # a pupil of a year or form; she'd / he'd without the apostrophe
        ("a year 10 girl told her friend shed end it if the pics get out", "other"),
        ("one form 4 boy keeps saying hed be better off dead", "other"),
        # someone of the texter's class, named without an article
        ("guy in my year said everyone would be better off if hes gone", "other"),
        # 傳 as the verb of a quoted message; 大仔 / 細女; a teacher's pupil named with 有個
        ("我閨蜜喺群組傳「多謝大家 以後唔使等我覆」", "other"),
        ("我個大仔話活落去冇意思", "other"),
        ("我係班主任 今日有個學生交嘅週記寫得好似遺書", "other"),
        # spouses, cousins, 我們家娃, 我死黨
        ("我先生最近一直說活著沒意思", "other"),
        ("我太太昨晚说不想活了", "other"),
        ("我们家娃说不想活了", "other"),
        ("我堂妹一直在割手", "other"),
        ("我死黨說想自殺", "other"),
        # he calls himself the texter's burden
        ("我男朋友成日話佢係我嘅負累", "other"),
        # the texter's own words stay theirs
        ("我係學生 我想死", "self"),
        ("my friend said 'ok' and now i want to die", "self"),
        # -- dev12
        # a relation's reported words without quotation marks; a pupil named without 我
        ("細佬成日講我呢世都係咁 唔會好", "other"),
        ("學生跟我說他覺得沒有希望了", "other"),
        # a relation named far back, past the 60-character window
        (
            "guy on my night shift said theres no point anymore and then started handing his stuff out"
            " to the crew",
            "other",
        ),
        ("classmate wrote in our gc 'i want to die'", "other"),
        ("year 9 girl told me 'i want to end it all'", "other"),
        ("我個徒弟成日問邊棟樓天台冇人巡", "other"),
        # a relation who only owns the company or the phone numbers, or is sent the video
        ("坐喺度成晚諗點樣自殺 佢話會寄去我老婆公司", "self"),
        ("parked on the top deck after what she sent my wife. just looking over the edge", "self"),
        # -- dev13
        # a pupil named after 的, her own feelings told after 她卻覺得, a colleague one owed money
        ("我是社工 一个坐轮椅的学员跟我说他这样的人本来就没有以后", "other"),
        ("我媽一直說她害家裡丟臉 她卻覺得自己是累贅", "other"),
        ("我是老師 學生下課傳訊息給我 老師我想死", "other"),
    ],
)
def test_whose_words_round10(text: str, about: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", text
    # no one named as the subject is the texter's own, as the annotator reads it (round 25: a relation the
    # images are sent to, 寄去我老婆公司, is no longer named at all)
    assert (finding.about or "self") == about, (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        # speaking to a relation, or to the one who owns the numbers, is not their risk
        "mum if you read this im sorry for everything",
        "不想活了 老婆孩子的電話都喺佢張截圖度",
        # -- dev13: the one owed money or thanked
        "欠同事嗰兩百都轉咗 好似冇乜嘢放唔低喇",
        "此生已矣 來世再還 阿媽恩情",
    ],
)
def test_round10_a_relation_spoken_to_owning_owed_or_thanked_is_not_the_subject(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", text
    assert finding.about != "other", (text, finding)
