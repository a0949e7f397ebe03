"""Script conversion: Cantonese as authored, Simplified Cantonese readable, Mandarin in Taiwan usage."""

from __future__ import annotations

import pytest

from helpline.content.script import (
    CANTONESE_KEEP,
    apply_taiwan_phrases,
    is_rare,
    taiwan_phrases,
    to_script,
)
from tests.content.fixtures import (
    LANGUAGE_SCRIPTS,
    REGIONS,
    canned,
    notices,
    render,
    responses,
    variation,
)

CANTONESE_SPELLINGS = "晒吓嗰"
# Mainland terms a Taiwan reader must never see (independent of content/taiwan_phrases.yml, so dropping an
# entry from the list fails here). Each pair: the term, and what Taiwan says.
MAINLAND_TERMS = {
    "遮蔽": "封鎖",
    "拉黑": "封鎖",
    "舉報": "檢舉",
    "賬": "帳",
    "回復": "回覆",
    "數字指紋": "數位指紋",
    "郵箱": "信箱",
    "髮卡": "發卡",
    "許可權": "權限",
    "網上": "網路上",
    "網銀": "網路銀行",
    "聊天記錄": "聊天紀錄",
    "付款記錄": "付款紀錄",
    "平臺": "平台",
    "儲存證據": "保存證據",
    "主頁": "個人頁面",
    "兩步驗證": "兩步驟驗證",
    "出廠設定": "原廠設定",
    "影片聊天": "視訊聊天",
    "帖子": "貼文",
    "酒店": "飯店",
    "好友列表": "好友名單",
    "關注者": "追蹤者",
    "社交媒體": "社群媒體",
    "網上銀行": "網路銀行",
    "髮": "發 (OpenCC picks 髮, hair, in 发送 and 发卡)",
}
MAINLAND_COUNSELLOR = "辅导员"
SERVICE_NAMES = ("司法警察局舉報熱線", "司警舉報熱線", "網上報案中心")


def _mandarin_texts() -> list[tuple[str, str]]:
    """(where, Simplified Mandarin text) for every response, notice and canned reply."""
    texts = [(name, variation(name, "cmn")) for name in responses()]
    texts += [(f"notice {key}", value["cmn"]) for key, value in notices().items()]
    texts += [(f"canned {reply['id']}", reply["text"]["cmn"]) for reply in canned()]
    return texts


def _cantonese_texts() -> list[tuple[str, str]]:
    texts = [(name, variation(name, "yue")) for name in responses()]
    texts += [(f"notice {key}", value["yue"]) for key, value in notices().items()]
    texts += [(f"canned {reply['id']}", reply["text"]["yue"]) for reply in canned()]
    return texts


# --- the converter itself ----------------------------------------------------------------------------


def test_cantonese_in_traditional_is_sent_as_authored() -> None:
    text = "改晒密碼，再睇吓嗰個app嘅權限，喺設定度刪除晒。"
    assert to_script(text, "Hant", "yue") == text


def test_simplified_cantonese_keeps_cantonese_characters_in_the_bmp() -> None:
    assert to_script("嗰個人喺度", "Hans", "yue") == "嗰个人喺度"
    assert to_script("改晒密碼，睇吓", "Hans", "yue") == "改晒密码，睇吓"
    assert to_script("佢話喎，買餸", "Hans", "yue") == "佢话喎，买餸"
    for ch in CANTONESE_KEEP:
        assert to_script(ch, "Hans", "yue") == ch


def test_mandarin_in_traditional_uses_taiwan_terms() -> None:
    text = "先别屏蔽，保存证据，在平台举报账号。转账后回复对方。数字指纹。修改邮箱密码。联系发卡公司。"
    assert to_script(text, "Hant", "cmn") == (
        "先別封鎖，保存證據，在平台檢舉帳號。轉帳後回覆對方。數位指紋。修改信箱密碼。聯絡發卡公司。"
    )
    assert to_script("收回权限", "Hant", "cmn") == "收回權限"
    assert to_script("咨询员", "Hant", "cmn") == "諮詢員"


def test_mandarin_in_simplified_stays_simplified() -> None:
    assert to_script("回复2找咨询员", "Hans", "cmn") == "回复2找咨询员"


def test_taiwan_list_keeps_names_it_lists() -> None:
    assert apply_taiwan_phrases("司法警察局舉報熱線") == "司法警察局舉報熱線"
    assert apply_taiwan_phrases("網上報案中心") == "網上報案中心"
    assert to_script("照片不会被发送", "Hant", "cmn") == "照片不會被發送"
    assert apply_taiwan_phrases("向平臺舉報") == "向平台檢舉"


def test_taiwan_list_is_consistent() -> None:
    phrases = taiwan_phrases()
    sources = [p.source for p in phrases]
    assert len(sources) == len(set(sources))
    for phrase in phrases:
        assert phrase.source != phrase.target
        for other in sources:
            assert other not in phrase.target, (phrase.source, phrase.target, other)


def test_non_chinese_text_is_untouched() -> None:
    assert to_script("Reply 1 for the next step", "Hant", "cmn") == "Reply 1 for the next step"
    assert to_script("回覆1", None, "yue") == "回覆1"


# --- every reply ------------------------------------------------------------------------------------


def test_the_cantonese_spellings_are_used_somewhere() -> None:
    authored = "".join(text for _, text in _cantonese_texts())
    for ch in CANTONESE_SPELLINGS:
        assert ch in authored, f"no Cantonese reply uses {ch}: the spelling test would check nothing"


@pytest.mark.parametrize("script", ["Hant", "Hans"])
def test_cantonese_spellings_survive_in_both_scripts(script: str) -> None:
    for where, text in _cantonese_texts():
        converted = to_script(text, script, "yue")
        for ch in CANTONESE_SPELLINGS:
            assert converted.count(ch) == text.count(ch), (where, script, ch, converted)
        if script == "Hant":
            assert converted == text, where


@pytest.mark.parametrize("region", REGIONS)
def test_cantonese_spellings_survive_rendering(region: str) -> None:
    for name in responses():
        authored = variation(name, "yue")
        for script in ("Hant", "Hans"):
            rendered = render(name, "yue", script, region)
            for ch in CANTONESE_SPELLINGS:
                assert rendered.count(ch) >= authored.count(ch), (name, region, script, ch, rendered)


def test_no_mainland_term_reaches_a_taiwan_reader() -> None:
    for where, text in _mandarin_texts():
        converted = to_script(text, "Hant", "cmn")
        for term, taiwan in MAINLAND_TERMS.items():
            assert term not in converted, (where, term, taiwan, converted)


@pytest.mark.parametrize("region", REGIONS)
def test_no_mainland_term_in_rendered_taiwan_replies(region: str) -> None:
    for name in responses():
        rendered = render(name, "cmn", "Hant", region)
        for service_name in SERVICE_NAMES:  # a Macau or Hong Kong service's own name stays as it is
            rendered = rendered.replace(service_name, "")
        for term, taiwan in MAINLAND_TERMS.items():
            assert term not in rendered, (name, region, term, taiwan, rendered)


@pytest.mark.parametrize("where", [where for where, _ in _mandarin_texts()])
def test_mainland_mandarin_says_consultant_not_class_adviser(where: str) -> None:
    text = dict(_mandarin_texts())[where]
    assert MAINLAND_COUNSELLOR not in text, (where, text)


def test_simplified_cantonese_readers_get_consultant_too() -> None:
    assert to_script("回覆1同輔導員傾", "Hans", "yue") == "回复1同咨询员倾"
    assert to_script("回覆1同輔導員傾", "Hant", "yue") == "回覆1同輔導員傾"
    for where, text in _cantonese_texts():
        assert MAINLAND_COUNSELLOR not in to_script(text, "Hans", "yue"), where


@pytest.mark.parametrize("region", REGIONS)
def test_no_character_outside_the_bmp_in_any_reply(region: str) -> None:
    for name in responses():
        for language, script in LANGUAGE_SCRIPTS:
            rendered = render(name, language, script, region)
            assert not [ch for ch in rendered if is_rare(ch)], (name, region, language, script, rendered)


def test_no_character_outside_the_bmp_in_notices_and_canned_replies() -> None:
    for where, text in _cantonese_texts():
        for script in ("Hant", "Hans"):
            assert not [ch for ch in to_script(text, script, "yue") if is_rare(ch)], (where, script)
    for where, text in _mandarin_texts():
        for script in ("Hant", "Hans"):
            assert not [ch for ch in to_script(text, script, "cmn") if is_rare(ch)], (where, script)
