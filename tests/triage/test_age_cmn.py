"""School grades of mainland China and Taiwan in both scripts (issue 12): a pupil is a minor."""

from __future__ import annotations

import pytest

from bot.triage.age import detect_age

GRADES = [
    ("我初二", "J2", "初二"),
    ("我读初三了", "J3", "初三"),
    ("我今年高一", "H1", "高一"),
    ("小学六年级", "P6", "小学六年级"),
    ("我國二", "J2", "國二"),
    ("我高一", "H1", "高一"),
    ("我國小五年級", "P5", "國小五年級"),
    ("我讀高職", "H", "讀高職"),
    ("高職二年級", "H2", "高職二年級"),
    ("我在准备中考", "J3", "中考"),
    ("明年中考 好紧张", "J3", "中考"),
    ("準備會考壓力好大", "J3", "會考"),
    ("我今年要考會考", "J3", "會考"),
]


@pytest.mark.parametrize(("text", "grade", "surface"), GRADES)
def test_mainland_and_taiwan_grades(text: str, grade: str, surface: str) -> None:
    found = detect_age(text)
    assert found.minor is True, (text, found)
    assert found.grade == grade
    assert found.span is not None
    assert text[found.span[0] : found.span[1]] == surface


@pytest.mark.parametrize(
    "text", ["我中考那年", "我中考成绩不好", "我當年中考考得很差", "高考完了", "我会考嗰年"]
)
def test_exams_in_the_past_are_not_a_grade(text: str) -> None:
    assert detect_age(text).minor is False, text
