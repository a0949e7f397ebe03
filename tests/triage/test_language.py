"""Tests for bot.triage.language (language and script detection)."""

from __future__ import annotations

import pytest

from bot.triage.language import (
    LanguageGuess,
    _markers,  # internal, for data checks
    detect_language,
    detect_script,
    has_han,
    marker_scores,
)


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("hello, he wants money", "Latn"),
        ("123 👍", "Latn"),
        ("", "Latn"),
        ("我被人勒索了，怎么办", "Hans"),
        ("他说要把视频发给我的朋友", "Hans"),
        ("我被人勒索了，怎麼辦", "Hant"),
        ("佢話要send段片俾我friend", "Hant"),
        ("佢话要send段片俾我friend", "Hans"),
        ("這個人說要把影片發給我家人", "Hant"),
        ("台灣的警察可以幫我嗎", "Hant"),  # 台 is also a Taiwan form
        ("我在臺灣，裡面有我的照片", "Hant"),
        ("他让我下载一个app", "Hans"),
        ("你吃饭了吗", "Hans"),  # OpenCC s2t 吃→喫 must not make it Hant
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


@pytest.mark.parametrize("text", ["我", "你好", "我好怕", "好"])
def test_detect_script_tie_uses_default(text: str) -> None:
    assert detect_script(text) == "Hant"
    assert detect_script(text, default="Hans") == "Hans"


def test_has_han() -> None:
    assert has_han("block咗佢")
    assert not has_han("block him")


# (text, language, script)
CHINESE = [
    # Cantonese, Traditional
    ("佢話唔俾錢就會放上網", "yue", "Hant"),
    ("我好驚，點算好", "yue", "Hant"),
    ("我俾咗五千蚊佢，而家佢仲要多兩萬", "yue", "Hant"),
    ("個女仔叫我裝個app，而家成個通訊錄俾佢偷咗", "yue", "Hant"),
    ("我琴日喺IG識咗個女仔", "yue", "Hant"),
    ("你係咪真人嚟㗎", "yue", "Hant"),
    ("我想搵人傾下", "yue", "Hant"),
    ("邊度可以報警", "yue", "Hant"),
    ("點解佢會有我屋企人嘅電話", "yue", "Hant"),
    ("我唔知點算", "yue", "Hant"),
    # Cantonese, Simplified script
    ("佢话唔俾钱就会放上网", "yue", "Hans"),
    ("我系咪好蠢", "yue", "Hans"),
    # Cantonese typos: 左 for 咗, D for 啲, 哂 for 晒
    ("我俾左錢佢", "yue", "Hant"),
    ("佢有哂我D相", "yue", "Hant"),
    # Cantonese markers dominate even with 的/了/不
    ("我不知道點算，佢話要send我的片俾我老師", "yue", "Hant"),
    # code-mixed Cantonese-English
    ("佢話要send段片俾我friend", "yue", "Hant"),
    ("block咗佢未", "yue", "Hant"),
    ("佢send咗screenshot俾我，有晒我啲contacts", "yue", "Hant"),
    # Mandarin, Simplified
    ("我被人勒索了，怎么办", "cmn", "Hans"),
    ("他说如果我不给钱就把视频发给我所有的朋友", "cmn", "Hans"),
    ("我已经付了五千，他现在还要两万", "cmn", "Hans"),
    ("这是不是诈骗", "cmn", "Hans"),
    ("我昨天在探探认识了一个女生", "cmn", "Hans"),
    ("你们是真人吗", "cmn", "Hans"),
    ("咋办啊", "cmn", "Hans"),
    # Mandarin, Traditional (Taiwan)
    ("他說如果我不給錢就把影片發給我所有朋友", "cmn", "Hant"),
    ("我該怎麼辦", "cmn", "Hant"),
    ("這是詐騙嗎", "cmn", "Hant"),
    ("那個女生叫我裝一個app，現在我的通訊錄全部被偷了", "cmn", "Hant"),
    ("我可以跟誰說", "cmn", "Hant"),
    # Mandarin with words that contain Cantonese characters
    ("没关系，我们是一个系统的问题", "cmn", "Hans"),
    ("他在我左边", "cmn", "Hans"),
]


# Cues added after a held-out evaluation (our own examples, per family).
# (text, language, script)
CUES = [
    # Hong Kong school grades (not in clearly Simplified text)
    ("我妹讀F.2", "yue", "Hant"),
    ("Form 5 學生", "yue", "Hant"),
    ("佢 P5 咋", "yue", "Hant"),
    ("讀緊中四", "yue", "Hant"),
    ("我女兒讀小四", "yue", "Hant"),  # 小N only counts in Traditional
    # Hong Kong emergency number, police, payments, transport, places
    ("應該打999定去差館", "yue", "Hant"),
    ("已經FPS過去", "yue", "Hant"),
    ("港鐵站見面", "yue", "Hant"),
    ("八達通增值", "yue", "Hant"),
    # Chinese particle right after English
    ("is it free 呀", "yue", "Hant"),
    ("real架?", "yue", "Hant"),
    ("好la 我明", "yue", "Hant"),
    ("ok lor 我明", "yue", "Hant"),
    # Cantonese-only words and constructions
    ("block埋", "yue", "Hant"),
    ("check下先", "yue", "Hant"),
    ("每晚都好驚", "yue", "Hant"),
    ("嚇親我", "yue", "Hant"),
    ("琴晚收到訊息", "yue", "Hant"),
    ("幾錢一個月", "yue", "Hant"),
    ("你支持邊隊", "yue", "Hant"),
    ("點處理好", "yue", "Hant"),
    ("個app好奇怪", "yue", "Hant"),
    ("講返廣東話", "yue", "Hant"),
    ("對方仲要多五千", "yue", "Hant"),
    ("昨晚又界咗", "yue", "Hant"),
    ("我成日都𠝹手", "yue", "Hant"),
    ("幫我轉個職員", "yue", "Hant"),
    ("返黎啦", "yue", "Hant"),
    ("5000蚊", "yue", "Hant"),
    # Taiwan cues lean Mandarin
    ("我國二", "cmn", "Hant"),
    ("在超商買了點數卡", "cmn", "Hant"),
    ("可以撥165", "cmn", "Hant"),
    ("晚點再說囉", "cmn", "Hant"),
    ("好喔 謝謝", "cmn", "Hant"),
    ("欸 我被騙了", "cmn", "Hant"),
    ("他用視訊錄我", "cmn", "Hant"),
    ("轉真人客服", "cmn", "Hant"),
    # Hong Kong cues do not count in Simplified text (Singapore/Malaysia/visitors)
    ("我读F.3", "cmn", "Hans"),
    ("在旺角被骗了", "cmn", "Hans"),
    ("我女儿读小四", "cmn", "Hans"),
    ("打999报警", "cmn", "Hans"),
]


@pytest.mark.parametrize(("text", "language", "script"), CUES)
def test_cues(text: str, language: str, script: str) -> None:
    guess = detect_language(text)
    assert (guess.language, guess.script) == (language, script), (guess, marker_scores(text))


# shared words: no marker, so Traditional stays Mandarin, unconfident
@pytest.mark.parametrize(
    "text",
    ["多謝你", "晚安囉", "好驚訝", "我想報警", "世界手機都有", "如果個人資料", "唔"],
)
def test_shared_words_are_not_cantonese(text: str) -> None:
    guess = detect_language(text)
    assert marker_scores(text)[0] == 0, marker_scores(text)
    assert (guess.language, guess.confident) == ("cmn", False), guess


@pytest.mark.parametrize(("text", "language", "script"), CHINESE)
def test_chinese(text: str, language: str, script: str) -> None:
    guess = detect_language(text)
    assert (guess.language, guess.script) == (language, script), guess


@pytest.mark.parametrize(
    "text",
    [
        "佢話唔俾錢就會放上網",
        "點解佢會有我屋企人嘅電話",
        "block咗佢未",
        "他说如果我不给钱就把视频发给我所有的朋友",
        "我該怎麼辦",
    ],
)
def test_clear_chinese_is_confident(text: str) -> None:
    assert detect_language(text).confident


@pytest.mark.parametrize("previous", [None, "yue", "cmn", "en"])
def test_cantonese_markers_win_over_previous(previous: str | None) -> None:
    assert detect_language("佢話要放上網", previous).language == "yue"
    assert detect_language("他说要发到网上，怎么办", previous).language == "cmn"


# Han text without markers: previous decides, else Mandarin; never confident
@pytest.mark.parametrize(
    ("text", "previous", "language", "script"),
    [
        ("你好", None, "cmn", "Hans"),
        ("你好", "yue", "yue", "Hant"),
        ("你好", "cmn", "cmn", "Hans"),
        ("你好", "en", "cmn", "Hans"),
        ("我好怕", "yue", "yue", "Hant"),
        ("報警", None, "cmn", "Hant"),  # Taiwan: Traditional is not Cantonese
        ("報警", "yue", "yue", "Hant"),
        ("报警", "yue", "yue", "Hans"),
    ],
)
def test_chinese_without_markers(text: str, previous: str | None, language: str, script: str) -> None:
    guess = detect_language(text, previous)
    assert guess == LanguageGuess(language, script, False)


def test_previous_script_breaks_script_ties() -> None:
    assert detect_language("你好", "cmn", previous_script="Hant").script == "Hant"
    assert detect_language("我好怕", "yue", previous_script="Hans").script == "Hans"


@pytest.mark.parametrize(
    "text",
    [
        "he is asking for 500 dollars in steam cards",
        "hi",
        "Is this a bot?",
        "i paid and now he wants more",
        "please delete my data",
    ],
)
def test_english(text: str) -> None:
    guess = detect_language(text)
    assert (guess.language, guess.script, guess.confident) == ("en", "Latn", True)


@pytest.mark.parametrize("previous", ["yue", "cmn"])
@pytest.mark.parametrize(
    "reply",
    [
        "ok",
        "OK!",
        "1",
        "2",
        " 3. ",
        "option 2",
        "yes",
        "no",
        "hi",
        "thank you",
        "ok thx",
        "👍 ok",
    ],
)
def test_short_reply_keeps_previous_language(reply: str, previous: str) -> None:
    guess = detect_language(reply, previous)
    assert guess.language == previous
    assert guess.script == ("Hant" if previous == "yue" else "Hans")
    assert guess.confident is False


def test_short_reply_keeps_previous_script() -> None:
    assert detect_language("ok", "cmn", previous_script="Hant") == LanguageGuess("cmn", "Hant", False)


@pytest.mark.parametrize("reply", ["ok", "1", "yes"])
def test_short_reply_without_chinese_context_is_english(reply: str) -> None:
    assert detect_language(reply).language == "en"
    assert detect_language(reply, "en").language == "en"


@pytest.mark.parametrize(
    "text",
    [
        "m goi",
        "mgoi sai",
        "hai mai",
        "dim suen a",
        "ngo m ji",
        "block jo keoi",
        "ok la",
        "ho ah",
    ],
)
def test_romanised_cantonese_after_cantonese(text: str) -> None:
    guess = detect_language(text, "yue")
    assert guess.language == "yue"
    assert guess.confident is False


def test_romanised_cantonese_without_context_needs_two_markers() -> None:
    assert detect_language("ngo m ji dim suen").language == "yue"
    assert detect_language("mgoi").language == "en"
    assert detect_language("dor je saai").language == "yue"
    assert detect_language("mm goi saai").language == "yue"
    assert detect_language("saai").language == "en"


@pytest.mark.parametrize("text", ["xie xie", "wo bu zhi dao", "zenme ban"])
def test_pinyin_after_mandarin(text: str) -> None:
    assert detect_language(text, "cmn").language == "cmn"


@pytest.mark.parametrize("previous", ["yue", "cmn"])
@pytest.mark.parametrize(
    "text",
    [
        "can we talk in english please",
        "my friend is being blackmailed",
        "talk to a real person",
        "the girl on tinder asked for a hotel deposit",
    ],
)
def test_english_sentence_switches_from_chinese(text: str, previous: str) -> None:
    assert detect_language(text, previous) == LanguageGuess("en", "Latn", True)


@pytest.mark.parametrize(
    ("text", "previous", "language"),
    [
        ("👍", None, "en"),
        ("😭😭😭", "yue", "yue"),
        ("123", "cmn", "cmn"),
        ("???", "en", "en"),
        ("", None, "en"),
    ],
)
def test_emoji_and_digits_only(text: str, previous: str | None, language: str) -> None:
    guess = detect_language(text, previous)
    assert guess.language == language
    assert guess.confident is False


def test_marker_scores() -> None:
    yue, cmn = marker_scores("佢話唔俾錢")
    assert yue > 0 and cmn == 0
    yue, cmn = marker_scores("他说不给钱")
    assert yue == 0 and cmn > 0
    # shared words are neutralised: 關係 is not Cantonese 係, 但是 not Mandarin 是
    assert marker_scores("關係") == (0.0, 0.0)
    assert marker_scores("但是") == (0.0, 0.0)


def test_guess_is_frozen() -> None:
    guess = detect_language("hi")
    with pytest.raises(AttributeError):
        guess.language = "yue"  # type: ignore[misc]


def test_marker_lists_do_not_overlap() -> None:
    markers = _markers()
    assert not set(markers.yue_weights) & set(markers.cmn_weights)
    # YAML 1.1 would read a bare yes/no as a boolean
    assert {"yes", "no", "ok"} <= markers.short_replies
