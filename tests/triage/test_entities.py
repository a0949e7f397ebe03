"""Tests for bot.triage.entities.extract_entities (offsets checked on the original text)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.triage.entities import extract_entities, guess_region, parse_amount_number


def _triples(text: str) -> list[tuple[str, str, str]]:
    """(entity, value, surface) for every entity, checking offsets are sane."""
    out = []
    for ent in extract_entities(text):
        assert set(ent) == {"entity", "value", "start", "end"}
        assert 0 <= ent["start"] < ent["end"] <= len(text)
        assert isinstance(ent["value"], str)
        out.append((ent["entity"], ent["value"], text[ent["start"] : ent["end"]]))
    return out


def _of(text: str, entity: str) -> list[tuple[str, str]]:
    return [(v, s) for e, v, s in _triples(text) if e == entity]


PLATFORMS = [
    ("he added me on WhatsApp", "WhatsApp", "WhatsApp"),
    ("wts我", "WhatsApp", "wts"),
    ("Add me on WA", "WhatsApp", "WA"),
    ("加我微信", "WeChat", "微信"),
    ("we met on wechat", "WeChat", "wechat"),
    ("加我vx", "WeChat", "vx"),
    ("add my WC id", "WeChat", "WC"),
    ("she found me on Instagram", "Instagram", "Instagram"),
    ("IG上面識嘅", "Instagram", "IG"),
    ("check my ig account", "Instagram", "ig"),
    ("佢用ＩＧ搵我", "Instagram", "ＩＧ"),
    ("move to Telegram", "Telegram", "Telegram"),
    ("佢叫我落TG", "Telegram", "TG"),
    ("met him on Grindr", "Grindr", "Grindr"),
    ("skype video call", "Skype", "skype"),
    ("he added me on LINE", "LINE", "LINE"),
    ("add me on Line", "LINE", "Line"),
    ("加我line", "LINE", "line"),
    ("我們在LINE上聊", "LINE", "LINE"),
    ("on line chat", "LINE", "line"),
    ("被加賴之後", "LINE", "賴"),
    ("陌陌上認識嘅", "MOMO", "陌陌"),
    ("Soul app", "Soul", "Soul"),
    ("soul上认识的", "Soul", "soul"),
    ("Tinder match", "Tinder", "Tinder"),
    ("Bumble date", "Bumble", "Bumble"),
    ("在探探认识的", "Tantan", "探探"),
    ("加我QQ", "QQ", "QQ"),
    ("我的QQ号", "QQ", "QQ"),
    ("snapchat", "Snapchat", "snapchat"),
    ("add me on snap", "Snapchat", "snap"),
    ("TikTok live", "TikTok", "TikTok"),
    ("抖音上面", "TikTok", "抖音"),
    ("fb", "Facebook", "fb"),
    ("臉書", "Facebook", "臉書"),
    ("FB messenger", "Facebook Messenger", "FB messenger"),
    ("Discord server", "Discord", "Discord"),
    ("posted on X", "X", "X"),
    ("twitter", "X", "twitter"),
    ("微博", "Weibo", "微博"),
    ("小紅書", "Xiaohongshu", "小紅書"),
    ("小红书", "Xiaohongshu", "小红书"),
    ("on Omegle", "Omegle", "Omegle"),
    ("Hinge", "Hinge", "Hinge"),
    ("Coffee Meets Bagel", "Coffee Meets Bagel", "Coffee Meets Bagel"),
    ("met on Pairs", "Pairs", "Pairs"),
]


@pytest.mark.parametrize(("text", "value", "surface"), PLATFORMS)
def test_platforms(text: str, value: str, surface: str) -> None:
    assert (value, surface) in _of(text, "platform")


PLATFORM_NEGATIVES = [
    "on the line, deadline tomorrow",
    "stand in line",
    "my soul is crushed",
    "oh snap",
    "x",
    "big ig",
    "I need the WC",
    "QQ",
    "hinge of the door",
    "pairs of shoes",
    "zoom in",
    "wa 好驚",
    "line up",
    "靚仔 公仔",
]


@pytest.mark.parametrize("text", PLATFORM_NEGATIVES)
def test_platform_negatives(text: str) -> None:
    assert _of(text, "platform") == []


PAYMENTS = [
    ("buy a gift card", "gift card", "gift card"),
    ("he wants itunes cards", "iTunes card", "itunes cards"),
    ("Apple gift card", "Apple gift card", "Apple gift card"),
    ("Google Play card", "Google Play card", "Google Play card"),
    ("steam card 100", "Steam card", "steam card"),
    ("point card", "game point card", "point card"),
    ("買遊戲點數", "game point card", "遊戲點數"),
    ("点卡", "game point card", "点卡"),
    ("MyCard", "MyCard", "MyCard"),
    ("GASH點數", "GASH", "GASH點數"),
    ("pay in crypto", "crypto", "crypto"),
    ("bitcoin", "Bitcoin", "bitcoin"),
    ("USDT", "USDT", "USDT"),
    ("加密貨幣", "crypto", "加密貨幣"),
    ("FPS俾佢", "FPS", "FPS"),
    ("轉數快", "FPS", "轉數快"),
    ("转数快", "FPS", "转数快"),
    ("bank transfer", "bank transfer", "bank transfer"),
    ("銀行轉帳", "bank transfer", "銀行轉帳"),
    ("银行转账", "bank transfer", "银行转账"),
    ("過數俾佢", "bank transfer", "過數"),
    ("WeChat Pay", "WeChat Pay", "WeChat Pay"),
    ("微信支付", "WeChat Pay", "微信支付"),
    ("alipay", "Alipay", "alipay"),
    ("支付寶", "Alipay", "支付寶"),
    ("支付宝", "Alipay", "支付宝"),
    ("PayMe", "PayMe", "PayMe"),
    ("paypal", "PayPal", "paypal"),
    ("八達通", "Octopus", "八達通"),
    ("超商代碼", "convenience store payment code", "超商代碼"),
]


@pytest.mark.parametrize(("text", "value", "surface"), PAYMENTS)
def test_payment_methods(text: str, value: str, surface: str) -> None:
    assert (value, surface) in _of(text, "payment_method")


def test_wechat_pay_is_not_also_a_platform() -> None:
    assert _of("用微信支付俾咗", "platform") == []
    assert _of("用微信支付俾咗", "payment_method") == [("WeChat Pay", "微信支付")]


def test_pay_me_is_not_payme() -> None:
    assert _of("pay me now", "payment_method") == []


RELATIONS = [
    ("my son is being blackmailed", "son", "son"),
    ("my daughter", "daughter", "daughter"),
    ("my kid", "child", "kid"),
    ("my little brother", "brother", "little brother"),
    ("my friend", "friend", "friend"),
    ("my girlfriend", "girlfriend", "girlfriend"),
    ("her boyfriend", "boyfriend", "boyfriend"),
    ("my husband", "husband", "husband"),
    ("my wife", "wife", "wife"),
    ("a student of mine", "student", "student"),
    ("我個仔俾人呃", "son", "個仔"),
    ("佢仔", "son", "仔"),
    ("我個女俾人勒索", "daughter", "個女"),
    ("女兒", "daughter", "女兒"),
    ("我女儿", "daughter", "女儿"),
    ("儿子", "son", "儿子"),
    ("兒子", "son", "兒子"),
    ("孩子", "child", "孩子"),
    ("細路", "child", "細路"),
    ("囡囡", "daughter", "囡囡"),
    ("我細佬", "brother", "細佬"),
    ("弟弟", "brother", "弟弟"),
    ("家姐", "sister", "家姐"),
    ("妹妹", "sister", "妹妹"),
    ("朋友", "friend", "朋友"),
    ("老公", "husband", "老公"),
    ("老婆", "wife", "老婆"),
    ("男朋友", "boyfriend", "男朋友"),
    ("女朋友", "girlfriend", "女朋友"),
    ("學生", "student", "學生"),
    ("学生", "student", "学生"),
]


@pytest.mark.parametrize(("text", "value", "surface"), RELATIONS)
def test_relations(text: str, value: str, surface: str) -> None:
    assert _of(text, "relation") == [(value, surface)]


@pytest.mark.parametrize("text", ["靚仔", "公仔", "打工仔", "個女仔話佢16歲", "個女人", "just kidding"])
def test_relation_negatives(text: str) -> None:
    assert _of(text, "relation") == []


# (text, expected [(entity, value, surface)] for amount/currency only)
MONEY = [
    ("HK$1,500", [("currency", "HKD", "HK$"), ("amount", "1500", "1,500")]),
    ("佢要2萬", [("amount", "20000", "2萬")]),
    ("要1.5萬", [("amount", "15000", "1.5萬")]),
    ("5k", [("amount", "5000", "5k")]),
    ("he wants 2.5k", [("amount", "2500", "2.5k")]),
    ("三千", [("amount", "3000", "三千")]),
    ("三千蚊", [("amount", "3000", "三千"), ("currency", "HKD", "蚊")]),
    ("500蚊", [("amount", "500", "500"), ("currency", "HKD", "蚊")]),
    ("十四萬", [("amount", "140000", "十四萬")]),
    ("兩萬五", [("amount", "25000", "兩萬五")]),
    ("過2萬5", [("amount", "25000", "2萬5")]),
    ("三千五百蚊", [("amount", "3500", "三千五百"), ("currency", "HKD", "蚊")]),
    ("付了300元", [("amount", "300", "300"), ("currency", "CNY", "元")]),
    ("他要三千块", [("amount", "3000", "三千"), ("currency", "CNY", "块")]),
    ("佢要我俾5000元", [("amount", "5000", "5000"), ("currency", "HKD", "元")]),
    ("我給了他3000元，台灣這邊", [("amount", "3000", "3000"), ("currency", "TWD", "元")]),
    ("要5000人民幣", [("amount", "5000", "5000"), ("currency", "CNY", "人民幣")]),
    ("pay 200 RMB", [("amount", "200", "200"), ("currency", "CNY", "RMB")]),
    ("NT$3000", [("currency", "TWD", "NT$"), ("amount", "3000", "3000")]),
    ("3000台幣", [("amount", "3000", "3000"), ("currency", "TWD", "台幣")]),
    ("US$ 1000", [("currency", "USD", "US$"), ("amount", "1000", "1000")]),
    ("S$200", [("currency", "SGD", "S$"), ("amount", "200", "200")]),
    ("RM500", [("currency", "MYR", "RM"), ("amount", "500", "500")]),
    ("£300", [("currency", "GBP", "£"), ("amount", "300", "300")]),
    ("5000 HKD", [("amount", "5000", "5000"), ("currency", "HKD", "HKD")]),
    ("1萬港幣", [("amount", "10000", "1萬"), ("currency", "HKD", "港幣")]),
    ("$500", [("amount", "500", "500")]),
    ("paid 5000 now he wants 20000 more", [("amount", "5000", "5000"), ("amount", "20000", "20000")]),
    ("1,500,000", [("amount", "1500000", "1,500,000")]),
    ("要2w", [("amount", "20000", "2w")]),
    ("5 grand", [("amount", "5000", "5 grand")]),
    ("佢要人民幣", [("currency", "CNY", "人民幣")]),
]


@pytest.mark.parametrize(("text", "expected"), MONEY)
def test_money(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = [t for t in _triples(text) if t[0] in ("amount", "currency")]
    assert got == expected


MONEY_NEGATIVES = [
    "14 people paid",
    "paid in 2019",
    "15 min",
    "call 91234567",
    "報警打110",
    "打999報警",
    "12:30 要俾錢",
    "10k followers",
    "2w later",
    "千萬唔好俾錢",
    "我14歲",
    "14日",
    "13樓",
]


@pytest.mark.parametrize("text", MONEY_NEGATIVES)
def test_money_negatives(text: str) -> None:
    assert [t for t in _triples(text) if t[0] == "amount"] == []


AGES = [
    ("我14歲", "14", "14歲"),
    ("im 15 pls help", "15", "15"),
    ("my daughter (14) on snapchat", "14", "14"),
    ("我個仔十三歲", "13", "十三歲"),
]


@pytest.mark.parametrize(("text", "value", "surface"), AGES)
def test_age_entity(text: str, value: str, surface: str) -> None:
    assert _of(text, "age") == [(value, surface)]


@pytest.mark.parametrize("text", ["中三", "未成年", "HK$14", "14蚊"])
def test_no_age_entity_without_a_number(text: str) -> None:
    assert _of(text, "age") == []


def test_full_code_mixed_message() -> None:
    text = "我個仔13歲，佢喺IG識咗個女仔，依家佢要HK$2萬，用FPS或者itunes card"
    assert _triples(text) == [
        ("relation", "son", "個仔"),
        ("age", "13", "13歲"),
        ("platform", "Instagram", "IG"),
        ("currency", "HKD", "HK$"),
        ("amount", "20000", "2萬"),
        ("payment_method", "FPS", "FPS"),
        ("payment_method", "iTunes card", "itunes card"),
    ]


def test_english_message_sorted_and_offsets() -> None:
    text = "my son is 13 and this girl on Snapchat wants $500 in Google Play cards"
    ents = extract_entities(text)
    assert [e["start"] for e in ents] == sorted(e["start"] for e in ents)
    assert _triples(text) == [
        ("relation", "son", "son"),
        ("age", "13", "13"),
        ("platform", "Snapchat", "Snapchat"),
        ("amount", "500", "500"),
        ("payment_method", "Google Play card", "Google Play cards"),
    ]


@pytest.mark.parametrize("text", ["", "  ", "hello", "thank you", "😭"])
def test_empty(text: str) -> None:
    assert extract_entities(text) == []


@pytest.mark.parametrize(
    ("s", "n"),
    [
        ("5,000", "5000"),
        ("1.5萬", "15000"),
        ("2萬5", "25000"),
        ("三千五", "3500"),
        ("兩百五", "250"),
        ("一萬二千", "12000"),
        ("三千零五", "3005"),
        ("十四萬", "140000"),
        ("2萬5000", "25000"),
        ("99.5", "99.5"),
    ],
)
def test_parse_amount_number(s: str, n: str) -> None:
    assert parse_amount_number(s) == Decimal(n)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("佢要我俾錢", "hk"),
        ("我給了他錢，怎麼辦", "tw"),
        ("我给了他钱，怎么办", "cn"),
    ],
)
def test_guess_region(text: str, region: str) -> None:
    assert guess_region(text) == region
