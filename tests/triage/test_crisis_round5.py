"""Lexicon families added in the fifth round of issue 12 (bot/triage/lexicon/crisis.yml, `*_round5`):
wordings written for these tests, not copied from any evaluation set. Each family is checked both ways:
the signal at the right level, and the everyday wording next to it left alone."""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis


@pytest.mark.parametrize(
    "text",
    [
        "俾佢逼到冇條活路行",
        "我已經冇活路了",
        "真的没有活路了 钱都给他了",
        "zs的想法又嚟咗",
        "紫砂的冲动越来越强",
        "晚上又往大腿上划了几下",
        "用别针在手臂上一直刮",
        "拮咗自己十几下先停",
        "上次被人救返 今次唔會失手",
        "之前洗胃救回来了 下次不会让人发现",
        "衣通承唔承到一個人",
        "門框頂唔頂得住成個人",
        "留俾屋企人嘅信寫好咗 放喺枕頭底",
        "写给爸妈的遗书已经放好了",
        "left a letter for my parents in my drawer, just in case",
        "寫好咗封信塞咗喺書包",
        "车尾箱放了一包炭",
        "每次過馬路都希望有架車撞埋嚟",
        "連埋我自己都一齊完埋佢",
        "上網搵食咩藥最快走得",
        "手臂上全是口子",
        "用打火机贴住手臂 烫到起泡",
        "上年吞过药 今晚屋企冇人",
        "line上一个一个讲完再见",
        "出咗張全黑post寫住bye",
        "looked up which building near me is the highest",
        "wrote a list of who gets my stuff",
        "mum if you find this, none of this is your fault",
        "its all sorted now. dont worry about me",
        "held a lighter to my arm until it blistered",
        "slammed my fist into the wall on purpose",
    ],
)
def test_round5_crisis(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "ive made up my mind, if it goes out tonight",
        "i already decided what im doing if he sends it",
        "this will never end, they always come back",
        "my brother keeps saying he wants to disappear",
        "she said she just wants to vanish",
        "我呢世都翻唔到身",
        "不管怎样都好不起来",
        "做咩都冇用 點樣都好唔返",
        "之前吞过药进过急诊",
        "去年嗰次死唔成",
        "如果有架車撞埋嚟都幾好",
        "希望出个车祸也挺好",
        "我啲利是錢全部留俾細妹",
        "存款都留给爸妈 密码在抽屉",
        "set咗個定時post 聽朝先出",
        "隻貓交代俾阿媽照顧",
        "眼角膜都捐出去吧",
        "每晚都將個痂抠开",
        "熱都唔敢除外套 衫袖唔敢摞起",
        "成晚一个人坐在海边",
        "嗰個站冇幕門",
        "爬过天台边 俾保安拉返落嚟",
        "我知 唔會好返嘅喇",
    ],
)
def test_round5_concern(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "ive decided to block him and report",
        "i made up my mind to tell my parents",
        "he never stops texting lol",
        "話我唔俾錢我就玩完",
        "我把钱都给他了",
        "頭痛到想死 食咗必理痛先",
        "牙痛得要死",
        "功課多到想死",
        "这关难到我想死",
        "this exam will be the death of me",
        "my kids are the death of me haha",
        "佢最好俾車撞死",
        "那个骗子最好被雷劈死",
        "我在手机上设了定时提醒 吃药",
        "i wrote my mum a message to say sorry for shouting",
        "累死了 好想瞓",
        "熱死了好想食雪糕",
        "笑到我想死 條片好好笑",
        "今晚同班友去bbq 车尾箱有包炭",
        "scratched my arm on a nail at work lol",
        "i held the phone to my ear until he hung up",
        "looked up which restaurant is the highest rated",
    ],
)
def test_round5_not_a_crisis(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, (text, finding)


@pytest.mark.parametrize("text", ["心痛到想死", "痛苦到想死", "頭痛到想死 但係我真係想死"])
def test_round5_idioms_never_hide_heartache_or_a_real_wish(text: str) -> None:
    assert detect_crisis(text).is_crisis


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("我哥一直說佢沒臉活", "other"),
        ("我姐成日話想死", "other"),
        ("我奶奶说不想活了", "other"),
        # 我妈 after 让 / 俾 / 同 is the one told or kept in the dark, not the one at risk
        ("用打火机烫了手臂 不敢让我妈知道", "self"),
        ("我想死 唔敢話俾我媽知", "self"),
    ],
)
def test_round5_short_family_words_name_someone_else(text: str, about: str) -> None:
    finding = detect_crisis(text)
    # no subject named (None) is the texter's own: the triage reads it as "self"
    assert finding.risk != "none" and (finding.about or "self") == about, (text, finding)


CANTONESE_FAMILY_WORDS_AND_ONLOOKERS = [
    ("阿妹成日喺廁所好耐 出嚟隻手一條條𠝹痕", "other"),
    ("老豆成日喺屋企話想一了百了", "other"),
    ("女儿初一 我刚发现她手腕上全是口子", "other"),
    ("同阿媽講咗聲多謝 跟住我就熄咗機", "self"),
    ("個friend send咗句多謝 跟住就熄咗機", "other"),
]


def test_round5_a_classmate_who_might_see_is_not_the_one_at_risk() -> None:
    from bot.triage.crisis import named_subject

    assert named_subject("袖都唔敢摞起 驚同學見到手上啲痕") != "other"


def test_round5_rope_for_the_washing_is_no_means() -> None:
    assert not detect_crisis("我去超市买了绳子晾衣服").is_crisis
    assert detect_crisis("买了绳子 今晚就做").is_crisis


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("got my dads insulin, gonna take the whole box tonight", "self"),
        ("ive been saving up my mums sleeping pills", "self"),
        ("my daughter is saving up pills", "other"),
        ("my son took his dads pills and says he wants to die", "other"),
        # a vehicle wished on the blackmailer is anger, not a passive wish
        ("佢最好出門俾車撞", None),
    ],
)
def test_round5_the_owner_of_the_means_is_not_the_one_at_risk(text: str, about: str | None) -> None:
    finding = detect_crisis(text)
    if about is None:
        assert not finding.is_crisis, (text, finding)
    else:
        assert finding.is_crisis and (finding.about or "self") == about, (text, finding)


def test_round5_anger_at_the_scammer_never_masks_a_burden_about_oneself() -> None:
    # the mask reads only "without him, that scammer"; with "me" (as the someone-else reading turns
    # "my mum says the world is better without him, that scammer" into) it stays a signal: recall first
    assert not detect_crisis("the world is better without him, that scammer").is_crisis
    assert detect_crisis("everyone would be better off without me the scammer already sent it").is_crisis
    assert detect_crisis("the kids would be better off without him since the scammer sent it").is_crisis


@pytest.mark.parametrize(
    ("text", "level", "about"),
    [
        ("如果啲片出咗街 我唔會再留喺呢個世界", "crisis", "self"),
        ("想搵個高位跳落去", "crisis", "self"),
        ("買咗炭 阿姐問我係咪去燒烤 我話係", "crisis", "self"),
        ("爸爸对不起 这件事不要怪任何人", "crisis", "self"),
        ("安眠藥食幾多粒先會死", "crisis", "self"),
        ("tried it last year and woke up in hospital, next time i wont", "crisis", "self"),
        ("this time i know what went wrong", "crisis", "self"),
        ("my cousin posted a long goodbye message and asked me to look after his dog", "crisis", "other"),
        ("my daughters arms are covered in new cuts", "crisis", "other"),
        ("表哥俾人勒索 佢成日講 我死咗大家會輕鬆啲", "crisis", "other"),
        ("我同学被威胁 他一直说 我不想活了", "crisis", "other"),
        ("whats the point of trying anymore", "concern", "self"),
        ("i cant see how any of this ends well", "concern", "self"),
        ("if they post my pics idk what ill do", "concern", "self"),
        ("nobody tells me anything, my friend asked me to feed her cat and went quiet", "concern", "other"),
        ("條路已經走到盡頭", "concern", "self"),
        ("唔知點解仲要撐落去", "concern", "self"),
        ("一切都完咗", "concern", "self"),
    ],
)
def test_round5b_families(text: str, level: str, about: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", (text, finding)
    if level == "crisis":
        assert finding.is_crisis, (text, finding)
    assert (finding.about or "self") == about, (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "佢话我死咗就好",  # no relation named first: 佢 may be the blackmailer talking to the texter
        "my sister asked me to feed her cat while she is away",
        "晚上同朋友去烧烤 买咗炭",
    ],
)
def test_round5b_look_alikes(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.about != "other" and not (finding.is_crisis and "round5b" in ",".join(finding.signals)), (
        text,
        finding,
    )


QUOTES_POSTS_AND_GOODBYES = [
    ("老公成晚坐喺露台 讲咗句 跳落去就唔使再俾钱", "other"),
    ("我朋友喺fb出咗個post 寫住 多謝大家 我走先", "other"),
    ("個仔同事逐個多謝晒 仲還晒啲錢俾人", "other"),
    ("我表妹話 仲話已經諗好點走", "other"),
    ("寫好咗幾句說話留俾屋企人 係時候講拜拜", "self"),
    ("只狗以後你幫我照顧佢", "self"),
    ("炭和胶带都买好了 等我妈周末出差", "self"),
    ("took pills last year and ended up in hospital, i feel just like that again now", "self"),
]


@pytest.mark.parametrize(("text", "about"), CANTONESE_FAMILY_WORDS_AND_ONLOOKERS + QUOTES_POSTS_AND_GOODBYES)
def test_round5_whose_crisis(text: str, about: str) -> None:
    """Cantonese family words and onlookers, relations' quotes, posts and goodbyes: a crisis, and whose."""
    finding = detect_crisis(text)
    assert finding.is_crisis and (finding.about or "self") == about, (text, finding)


@pytest.mark.parametrize("text", ["我諗好點樣走去機場", "想死你啦老婆", "谂好点走先 唔好塞车"])
def test_round5c_look_alikes(text: str) -> None:
    assert not detect_crisis(text).is_crisis


@pytest.mark.parametrize(
    ("text", "risk", "about"),
    [
        ("又拿頭撞牆 阿媽喺出面拍門問我做咩", "crisis", "self"),
        ("個仔將隻狗送咗俾表哥 仲話 以後你幫我照顧佢", "crisis", "other"),
        ("我同學成日講 佢話 冇得救了", "concern", "other"),
        (
            "overdosed in march and ended up in the er. now he wants more money and i feel the same as last"
            " time again",
            "crisis",
            "self",
        ),
    ],
)
def test_round5d_listeners_and_quotes(text: str, risk: str, about: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == risk and (finding.about or "self") == about, (text, finding)


def test_round5d_a_phone_beyond_repair_is_no_concern() -> None:
    assert detect_crisis("部手機冇得救喇 要換過").risk == "none"
