"""A menu choice in words ("the second one", "第二個") is read as the digit, and only a whole reply is."""

from __future__ import annotations

import pytest

from bot.triage.choices import menu_choice

CHOICES = [
    ("2", "2"),
    ("２", "2"),
    ("2.", "2"),
    ("0", "0"),
    ("the second one", "2"),
    ("The 2nd one pls", "2"),
    ("second", "2"),
    ("option 2", "2"),
    ("no. 3", "3"),
    ("#1", "1"),
    ("i choose 1", "1"),
    ("I pick the first one.", "1"),
    ("number two please", "2"),
    ("one", "1"),
    ("第二個", "2"),
    ("第2个", "2"),
    ("第二", "2"),
    ("2號", "2"),
    ("揀2", "2"),
    ("選2啦", "2"),
    ("我選第三", "3"),
    ("要第一個吖", "1"),
]

NOT_CHOICES = [
    "",
    "15",
    "二",
    "兩個",
    "第二次",
    "no",
    "no i didnt",
    "one more thing",
    "2 photos",
    "i am 15",
    "the second time he asked",
    "第二次佢又搵我",
    "我要死",
]


@pytest.mark.parametrize(("text", "digit"), CHOICES)
def test_a_choice_in_words_is_its_digit(text: str, digit: str) -> None:
    assert menu_choice(text) == digit


@pytest.mark.parametrize("text", NOT_CHOICES)
def test_a_story_with_a_number_is_not_a_choice(text: str) -> None:
    assert menu_choice(text) is None
