"""Tests for bot.triage.tokens (mixed-script tokenizer and spaCy glue)."""

from __future__ import annotations

import pytest

from bot.triage.tokens import (
    OFFSETS_KEY,
    Token,
    fold,
    get_doc,
    is_han,
    make_spacy_tokenizer,
    span_offsets,
    tokenize,
)

CASES = [
    ("佢話要send段片俾我friend😭", ["佢", "話", "要", "send", "段", "片", "俾", "我", "friend", "😭"]),
    ("I don't know what to do", ["I", "don't", "know", "what", "to", "do"]),
    ("i\u2019m 15", ["i\u2019m", "15"]),
    ("HK$1,500 please", ["HK$", "1,500", "please"]),
    ("NT$3000 或 $500", ["NT$", "3000", "或", "$", "500"]),
    ("要2萬！！！", ["要", "2", "萬"]),
    ("我14歲，讀中三。", ["我", "14", "歲", "讀", "中", "三"]),
    ("（你好）「救命」", ["你", "好", "救", "命"]),
    ("佢有把𠝹刀", ["佢", "有", "把", "𠝹", "刀"]),
    ("㐂㗎", ["㐂", "㗎"]),
    ("15yo from HK", ["15yo", "from", "HK"]),
    ("14:30 見", ["14:30", "見"]),
    ("2.5k", ["2.5k"]),
    ("F.1 student", ["F", "1", "student"]),
    ("help!!! pls...", ["help", "pls"]),
    ("👨\u200d👩\u200d👧 family", ["👨\u200d👩\u200d👧", "family"]),
    ("🇭🇰🇨🇳", ["🇭🇰", "🇨🇳"]),
    ("1\ufe0f\u20e3 first", ["1\ufe0f\u20e3", "first"]),
    ("👍🏽ok", ["👍🏽", "ok"]),
    ("❤️謝謝", ["❤️", "謝", "謝"]),
    ("ＩＧ上面", ["ＩＧ", "上", "面"]),
    ("ㄅㄆ好", ["ㄅ", "ㄆ", "好"]),
    ("カタカナ", ["カ", "タ", "カ", "ナ"]),
    ("한국어 text", ["한국어", "text"]),
    ("", []),
    ("   ，。！", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_tokenize_texts(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == expected


@pytest.mark.parametrize(("text", "_expected"), CASES)
def test_offsets_point_into_original(text: str, _expected: list[str]) -> None:
    for tok in tokenize(text):
        assert isinstance(tok, Token)
        assert text[tok.start : tok.end] == tok.text


def test_offsets_explicit() -> None:
    toks = tokenize("我 send 你")
    assert toks == [Token("我", 0, 1), Token("send", 2, 6), Token("你", 7, 8)]


def test_token_is_frozen() -> None:
    tok = tokenize("hi")[0]
    with pytest.raises(AttributeError):
        tok.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("ch", "expected"),
    [
        ("中", True),
        ("𠝹", True),
        ("㐂", True),
        ("〇", True),
        ("a", False),
        ("😭", False),
        ("。", False),
        ("カ", False),
    ],
)
def test_is_han(ch: str, expected: bool) -> None:
    assert is_han(ch) is expected


def test_fold_is_length_preserving() -> None:
    text = "ＨＫ＄１４　「ok」\u2019"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("HK$14 ")
    assert folded.endswith("'")


def test_spacy_tokenizer_words_and_offsets() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.tokenizer = make_spacy_tokenizer(nlp.vocab)
    text = "佢話要send段片俾我friend😭"
    doc = nlp(text)
    assert [t.text for t in doc] == [t.text for t in tokenize(text)]
    assert doc.user_data[OFFSETS_KEY][3] == (3, 7)
    assert span_offsets(doc, 3, 4) == (3, 7)
    # dropped punctuation becomes whitespace, so doc.text stays readable
    doc2 = nlp("你好，send 我")
    assert [t.text for t in doc2] == ["你", "好", "send", "我"]
    assert doc2[1].whitespace_ == " "
    assert doc2[0].whitespace_ == ""


def test_spacy_matcher_character_patterns() -> None:
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("xx")
    nlp.tokenizer = make_spacy_tokenizer(nlp.vocab)
    matcher = Matcher(nlp.vocab)
    matcher.add("NAKED_CHAT", [[{"TEXT": "裸"}, {"TEXT": "聊"}]])
    doc = nlp("我同佢裸聊咗，佢錄咗")
    (match,) = matcher(doc)
    assert span_offsets(doc, match[1], match[2]) == (3, 5)


def test_shared_doc_is_folded_and_cached() -> None:
    doc = get_doc("我ＩＧ")
    assert [t.text for t in doc] == ["我", "IG"]
    assert span_offsets(doc, 1, 2) == (1, 3)
    assert get_doc("我ＩＧ") is doc
