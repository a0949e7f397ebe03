"""Numbered choices: a reply that is only a menu choice ("2", "２", "2.", "the second one", "第二個").

Texters answer a numbered menu in words as often as with the digit. Read as a story, "the second one" has no
intent of its own, and the classifier guessed one (on the sixteenth round's held-out set it read
`self_harm`); read as a choice, the policy answers it against the open menu (seventeenth round)."""

from __future__ import annotations

import re
import unicodedata

MENU_CHOICE = re.compile(r"^\s*([0-9])\s*[.)。]?\s*$")

_EN_NUMBERS = {
    "zero": "0",
    "one": "1",
    "first": "1",
    "1st": "1",
    "two": "2",
    "second": "2",
    "2nd": "2",
    "three": "3",
    "third": "3",
    "3rd": "3",
    "four": "4",
    "fourth": "4",
    "4th": "4",
    "five": "5",
    "fifth": "5",
    "5th": "5",
}
_EN_NUMBER = "|".join([*sorted(_EN_NUMBERS, key=len, reverse=True), "[0-9]"])
# "the second one", "option 2", "no. 3", "#2", "2nd pls", "i choose 1", "number two please"
EN_CHOICE = re.compile(
    r"^(?:(?:i(?:'ll| will)?\s+)?(?:choose|pick|take|want|go with|select)\s+)?"
    r"(?:(?:option|choice|number|no\.?|num|#)\s*)?"
    r"(?:the\s+)?"
    rf"({_EN_NUMBER})"
    r"(?:\s+(?:one|option|choice))?"
    r"(?:\s*(?:please|pls|plz|thanks|thx))?\s*[.!]*$"
)
_HAN_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5"}
# 第二個, 第2个, 2號, 揀2, 我選第三, 要第一個吖: a Chinese numeral only with 第 or a verb of choosing (a bare
# 二 may be anything, and 兩個 is "two of them")
HAN_CHOICE = re.compile(
    r"^(?P<verb>我?(?:揀|拣|選|选|要|按|撳|揿))?"
    r"(?P<ordinal>第)?(?P<n>[0-9一二三四五])"
    r"(?:個|个|號|号|項|项|款|條|条)?"
    r"(?:[吖啊呀吧啦喇囉啰la]*)$"
)


def menu_choice(text: str | None) -> str | None:
    """'2', '２', '2.', 'the second one', 'option 2', '第二個', '揀2' -> '2'; anything else -> None."""
    if not text:
        return None
    normal = unicodedata.normalize("NFKC", text)
    match = MENU_CHOICE.match(normal)
    if match:
        return match.group(1)
    words = " ".join(normal.lower().replace("’", "'").split()).strip(" ,，。!！~～")
    match = EN_CHOICE.match(words)
    if match:
        return _EN_NUMBERS.get(match.group(1), match.group(1))
    match = HAN_CHOICE.match(words.replace(" ", ""))
    if match and (match["verb"] or match["ordinal"] or match["n"].isdigit()):
        return _HAN_DIGITS.get(match["n"], match["n"])
    return None
