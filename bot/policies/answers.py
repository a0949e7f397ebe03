"""What a short reply answers: yes / no / unsure to the open safety question, or "what do I do now".

Pure Python, shared by the routing policy (Rasa server) and the actions (action server), so both read
a reply the same way. English, Cantonese and Mandarin in either script (Chinese is compared in
Simplified). Texter words with a fixed meaning (DESIGN.md): "no", "not safe", "唔安全", "不安全"
answering the safety question mean unsafe now.
"""

from __future__ import annotations

import re
import unicodedata

from helpline.content.script import to_script

SAFE_NOW = "safe_now"  # "Are you safe right now?"
SUICIDE = "suicide"  # "Are you thinking about suicide?"
QUESTIONS = (SAFE_NOW, SUICIDE)

YES, NO, UNSURE = "yes", "no", "unsure"

# Checked in this order: "not safe" must never read as "safe", "没事" never as "没".
_UNSURE_EN = (
    r"idk|i dont know|dont know|dunno|not sure|im not sure|maybe|i guess|kind of|kinda|sort of|"
    r"sometimes|a bit|a little|i think so|probably|possibly"
)
# English: the reply's first words decide ("no, ...", "yes ..."); longer replies must be the whole text.
_NO_EN_FIRST = r"no|nope|nah|na|n|not really|never|not at all|im not|i am not|not now"
_YES_EN_FIRST = r"yes|yeah|yep|yup|ya|yea|y|sure|yess|yes yes"
_YES_EN_WHOLE = (
    r"safe|im safe|i am safe|safe now|im safe now|i am safe now|im ok|i am ok|im okay|i am okay|im fine|"
    r"i am fine|i think im safe|i am|im|ok im safe|ok safe|all good|im good|i am good"
)
_NO_ZH = (
    "唔安全",
    "不安全",
    "唔係好安全",
    "不太安全",
    "有危险",
    "唔系",
    "不是",
    "冇谂过",
    "没想过",
    "冇",
    "没有",
    "唔好",
    "不好",
    "唔ok",
    "不ok",
)
_UNSURE_ZH = ("唔知", "不知道", "唔肯定", "不确定", "不太确定", "可能", "有时", "间中", "或者", "好似有")
_YES_ZH = (
    "安全",
    "我安全",
    "系",
    "系呀",
    "系啊",
    "是",
    "是的",
    "冇事",
    "没事",
    "我冇事",
    "我没事",
    "有",
    "有呀",
    "有啊",
    "有的",
    "想过",
    "谂过",
)
# A bare acknowledgement after "call the emergency number now" is not "I am safe".
ACKNOWLEDGEMENTS = {"ok", "okay", "k", "kk", "好", "好的", "嗯", "哦", "收到", "知道", "知道了"}

_WHAT_NOW_EN = re.compile(
    r"\b(what (should|do|can|shall|must) i do|what (do|should) i do now|what now|now what|whats next|"
    r"what next|what do i do|what should i do|help me|what else|how do i stop (this|him|her|them)|"
    r"next step|what are the steps)\b"
)
_WHAT_NOW_ZH = re.compile(r"点算|点做|点办|怎么办|怎么做|该怎么|应该做什么|我可以做什么|下一步|接下来|跟住点")


def normalise(text: str | None) -> str:
    """Lower case, Simplified Chinese, punctuation and emoji dropped, spaces collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).lower().replace("'", "").replace("\u2019", "")
    text = to_script(text, "Hans")
    text = re.sub(r"[^\w\s]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _whole(pattern: str, text: str) -> bool:
    return re.fullmatch(rf"(?:{pattern})(?: (?:{pattern}))*", text) is not None


def _starts(pattern: str, text: str) -> bool:
    return re.match(rf"(?:{pattern})\b", text) is not None


def _chinese(text: str, words: tuple[str, ...]) -> bool:
    """The short reply is one of `words`, or starts with one and adds one or two characters ("有呀")."""
    compact = text.replace(" ", "")
    return compact in words or any(
        compact.startswith(word) and len(compact) <= len(word) + 2 for word in words
    )


def yes_no(text: str | None, intent: str | None = None) -> str | None:
    """YES, NO, UNSURE or None (not an answer) for a reply to a yes/no question."""
    norm = normalise(text)
    if not norm:
        return None
    compact = norm.replace(" ", "")
    if any(word in compact for word in ("唔安全", "不安全", "不太安全", "唔系好安全")):
        return NO
    if re.search(r"\b(not safe|unsafe|not ok|not okay|dont feel safe)\b", norm):
        return NO
    if _chinese(norm, _NO_ZH) and not _chinese(norm, ("冇事", "没事", "没有事")):
        return NO
    if _starts(_NO_EN_FIRST, norm):
        return NO
    if _starts(_UNSURE_EN, norm) or _chinese(norm, _UNSURE_ZH):
        return UNSURE
    if _starts(_YES_EN_FIRST, norm) or _whole(_YES_EN_WHOLE, norm) or _chinese(norm, _YES_ZH):
        return YES
    # "我而家安全", "我现在没事了", "im safe now thanks" (the negations were read above).
    if re.search(r"\b(im|i am|i feel|feel) (safe|ok|okay|fine)\b|^safe\b", norm) or any(
        word in compact for word in ("安全", "冇事", "没事")
    ):
        return YES
    if compact in ACKNOWLEDGEMENTS:
        return None
    if intent == "deny":
        return NO
    if intent == "affirm":
        return YES
    return None


def safety_answer(text: str | None, intent: str | None, crisis_signal: bool) -> str | None:
    """The reply to "are you safe right now?": YES (safe), NO (unsafe) or None (not an answer).

    Unsure, or a new crisis signal (a plan, means at hand, something taken), counts as not safe."""
    if crisis_signal:
        return NO
    answer = yes_no(text, intent)
    if answer is None:
        return None
    if answer == YES and normalise(text).replace(" ", "") in ACKNOWLEDGEMENTS:
        return None
    return YES if answer == YES else NO


def suicide_answer(text: str | None, intent: str | None, crisis_signal: bool) -> str | None:
    """The reply to "are you thinking about suicide?": YES, NO or None. Unsure is taken as yes."""
    if crisis_signal:
        return YES
    answer = yes_no(text, intent)
    if answer is None:
        return None
    return NO if answer == NO else YES


def asks_what_to_do(text: str | None) -> bool:
    """'what should i do now', '點算', '怎么办': the texter wants the next step."""
    norm = normalise(text)
    return bool(_WHAT_NOW_EN.search(norm) or _WHAT_NOW_ZH.search(norm.replace(" ", "")))
