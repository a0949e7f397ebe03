"""Tests for bot.triage.age.detect_age (stated ages, under-18 markers, grades)."""

from __future__ import annotations

import pytest

from bot.triage.age import AgeFinding, detect_age, parse_cn_small, parse_number

# (text, age, minor, surface that the span must cover)
STATED_AGES = [
    # English, digits
    ("im 15", 15, True, "15"),
    ("i'm 14", 14, True, "14"),
    ("I\u2019m 14 pls help", 14, True, "14"),
    ("i am only 13", 13, True, "13"),
    ("15yo", 15, True, "15yo"),
    ("14 y/o", 14, True, "14 y/o"),
    ("14 y.o. boy", 14, True, "14 y.o."),
    ("14 years old", 14, True, "14 years old"),
    ("a 14-year-old", 14, True, "14-year-old"),
    ("age 13", 13, True, "13"),
    ("aged 16", 16, True, "16"),
    ("at the age of 14 he recorded me", 14, True, "14"),
    ("13M", 13, True, "13M"),
    ("15f", 15, True, "15f"),
    ("17F hk", 17, True, "17F"),
    ("14/m/hk", 14, True, "14/m"),
    ("im 13m", 13, True, "13m"),
    ("my son is 13", 13, True, "13"),
    ("my daughter (14)", 14, True, "14"),
    ("my little brother is 12", 12, True, "12"),
    ("my 14 year old son", 14, True, "14 year old"),
    ("turning 16", 16, True, "16"),
    ("i turn 16 next month", 16, True, "16"),
    ("turning 18 next week", 18, True, "18"),  # still 17 now
    ("just turned 15", 15, True, "15"),
    ("he's 13", 13, True, "13"),
    # English, words
    ("fifteen years old", 15, True, "fifteen years old"),
    ("i am fifteen", 15, True, "fifteen"),
    ("my daughter is fourteen", 14, True, "fourteen"),
    ("turning sixteen", 16, True, "sixteen"),
    # Chinese, digits and numerals, both scripts
    ("我14歲", 14, True, "14歲"),
    ("我十四歲", 14, True, "十四歲"),
    ("十三岁", 13, True, "十三岁"),
    ("14歲", 14, True, "14歲"),
    ("九歲", 9, True, "九歲"),
    ("今年15", 15, True, "15"),
    ("我今年十五", 15, True, "十五"),
    ("我15", 15, True, "15"),
    ("佢先12歲", 12, True, "12歲"),
    ("佢先十二", 12, True, "十二"),
    ("我個仔13歲", 13, True, "13歲"),
    ("女儿十四岁", 14, True, "十四岁"),
    ("我個女今年十四", 14, True, "十四"),
    ("我细佬十三岁", 13, True, "十三岁"),
    ("他才13", 13, True, "13"),
    ("１４歲", 14, True, "１４歲"),  # full-width digits
    ("我14周岁", 14, True, "14周岁"),
    # code-mixed
    ("佢話要send段片俾我friend 我14歲😭", 14, True, "14歲"),
    ("i'm 14, 佢話要放上網", 14, True, "14"),
    ("我15yo 好驚", 15, True, "15yo"),
    # adults: an age, but not a minor
    ("我24歲", 24, False, "24歲"),
    ("25yo", 25, False, "25yo"),
    ("im 30", 30, False, "30"),
    ("im 18", 18, False, "18"),
    ("二十歲", 20, False, "二十歲"),
    ("廿四歲", 24, False, "廿四歲"),
]


@pytest.mark.parametrize(("text", "age", "minor", "surface"), STATED_AGES)
def test_stated_ages(text: str, age: int, minor: bool, surface: str) -> None:
    found = detect_age(text)
    assert isinstance(found, AgeFinding)
    assert found.age == age
    assert found.minor is minor
    assert found.span is not None
    assert text[found.span[0] : found.span[1]] == surface


# A reply that is only a number 10-17 (answer to "how old are you"), and
# "just / full / soon" ages; examples are our own, per family.
# (text, age, minor, surface)
REPLY_AGES = [
    ("16", 16, True, "16"),
    ("14", 14, True, "14"),
    (" 12 ", 12, True, "12"),
    ("15!", 15, True, "15"),
    ("11 呀", 11, True, "11"),
    ("十五", 15, True, "十五"),
    ("十", 10, True, "十"),
    ("fifteen", 15, True, "fifteen"),
    ("１６", 16, True, "１６"),  # full-width
    ("16歲", 16, True, "16歲"),
    ("14 yo", 14, True, "14 yo"),
    ("16 years old", 16, True, "16 years old"),
    # just turned / full age
    ("我剛滿十六", 16, True, "十六"),
    ("啱啱夠15", 15, True, "15"),
    ("才滿十三", 13, True, "十三"),
    ("佢啱啱14", 14, True, "14"),
    ("我今年啱啱滿16", 16, True, "16"),
    ("刚满15", 15, True, "15"),
    ("only just turned 16", 16, True, "16"),
    # soon: still a minor now
    ("就快滿18", 18, True, "18"),
    ("下個月先16", 16, True, "16"),
    # age words
    ("我的年龄是15", 15, True, "15"),
    ("14 going on 15", 14, True, "14 going on 15"),
]


@pytest.mark.parametrize(("text", "age", "minor", "surface"), REPLY_AGES)
def test_reply_ages(text: str, age: int, minor: bool, surface: str) -> None:
    found = detect_age(text)
    assert (found.age, found.minor) == (age, minor), found
    assert found.span is not None
    assert text[found.span[0] : found.span[1]] == surface


@pytest.mark.parametrize(
    "text",
    [
        # menu choices and other bare numbers are not ages
        "1",
        "3",
        "9",
        "18",
        "20",
        "30",
        "200",
        "2024",
        "1 2",
        "12 3",
        "16 17",
        "option 12",
        "#14",
        "$15",
        "15%",
        "15 mins",
        "16號",
        # "just / soon" with units are times, money, counts
        "啱啱17點",
        "刚满15分钟",
        "剛剛15個",
        "快18點",
        "快20",
        "下個月16號",
    ],
)
def test_bare_numbers_that_are_not_ages(text: str) -> None:
    found = detect_age(text)
    assert (found.minor, found.age) == (False, None), found


@pytest.mark.parametrize("text", ["我還沒成年", "我仲未成年", "我没成年"])
def test_not_yet_adult(text: str) -> None:
    found = detect_age(text)
    assert found.minor is True
    assert found.age is None


# (text, grade code, surface)
GRADES = [
    # Hong Kong
    ("中一", "S1", "中一"),
    ("我讀緊中三", "S3", "中三"),
    ("中1", "S1", "中1"),
    ("中六", "S6", "中六"),
    ("F.1", "S1", "F.1"),
    ("佢讀F.2", "S2", "F.2"),
    ("F1", "S1", "F1"),
    ("F.6 DSE", "S6", "F.6"),
    ("Form 2", "S2", "Form 2"),
    ("form three", "S3", "form three"),
    ("小一", "P1", "小一"),
    ("我女兒讀小五", "P5", "小五"),
    ("P6", "P6", "P6"),
    ("P.5", "P5", "P.5"),
    ("小學五年級", "P5", "小學五年級"),
    ("其中一個中三學生", "S3", "中三"),
    ("我係中學生", "S", "中學生"),
    # mainland
    ("初一", "J1", "初一"),
    ("我在读初二", "J2", "初二"),
    ("初中", "J", "初中"),
    ("高一", "H1", "高一"),
    ("我上高二", "H2", "高二"),
    ("小学六年级", "P6", "小学六年级"),
    ("六年级", "P6", "六年级"),
    ("五年级", "P5", "五年级"),
    ("七年级", "J1", "七年级"),
    ("我是高中生", "H", "高中生"),
    # Taiwan
    ("國一", "J1", "國一"),
    ("我國三", "J3", "國三"),
    ("國中", "J", "國中"),
    ("國中二年級", "J2", "國中二年級"),
    ("高三", "H3", "高三"),
    ("國小", "P", "國小"),
    # UK / US
    ("Year 7", "Y7", "Year 7"),
    ("my son is in year 9", "Y9", "year 9"),
    ("Year 13", "Y13", "Year 13"),
    ("7th grade", "G7", "7th grade"),
    ("she's in 8th grade", "G8", "8th grade"),
    ("grade 9", "G9", "grade 9"),
    ("im in grade 10", "G10", "grade 10"),
    ("freshman in high school", "G9", "freshman in high school"),
    ("im a sophomore in high school", "G10", "sophomore in high school"),
    ("in middle school", "J", "in middle school"),
    ("high school student", "H", "high school student"),
    # Singapore / Malaysia
    ("Secondary 1", "S1", "Secondary 1"),
    ("Sec 3", "S3", "Sec 3"),
    ("sec 2 student", "S2", "sec 2"),
    ("Primary 6", "P6", "Primary 6"),
    ("I'm in Primary 5", "P5", "Primary 5"),
]


@pytest.mark.parametrize(("text", "grade", "surface"), GRADES)
def test_grades(text: str, grade: str, surface: str) -> None:
    found = detect_age(text)
    assert found.minor is True
    assert found.grade == grade
    assert found.age is None
    assert found.span is not None
    assert text[found.span[0] : found.span[1]] == surface


MINOR_MARKERS = [
    ("未成年", "未成年"),
    ("我係未成年", "未成年"),
    ("未滿18", "未滿18"),
    ("未满十八岁", "未满十八"),
    ("18歲以下", "18歲以下"),
    ("under 18", "under 18"),
    ("i am a minor", "i am a minor"),
    ("im underage", "underage"),
]


@pytest.mark.parametrize(("text", "surface"), MINOR_MARKERS)
def test_minor_markers(text: str, surface: str) -> None:
    found = detect_age(text)
    assert found.minor is True
    assert found.age is None
    assert found.span is not None
    assert surface in text[found.span[0] : found.span[1]]


NEGATIVES = [
    # money
    "HK$14",
    "$15",
    "14蚊",
    "佢要我俾15蚊",
    "十四萬",
    "要我俾十四萬",
    "paid 5000",
    # dates, times
    "14日",
    "14号",
    "14號",
    "有人叫我14號去",
    "佢今年15號去",
    "14:30",
    "我14:30到",
    # durations, counts, floors
    "15 min",
    "im 15 mins away",
    "15分鐘",
    "我15分鐘後到",
    "13樓",
    "14 people",
    "14 days",
    # years, forms, grades in other senses
    "Year 2019",
    "a year 7 months ago",
    "the year 10",
    "fill in the form",
    "please form 4 groups",
    "grade A",
    "i got a grade 9 in maths",
    "F1 race",
    # phone numbers, percentages, heights
    "91234567",
    "call me 6123 4567",
    "I'm 100% sure",
    "im 5'10",
    # out of range
    "4歲",
    "我100歲",
    "I'm 3",
    # Chinese words containing grade characters
    "其中一個",
    "高一點",
    "身高一米七",
    "再高一點",
    "正月初一",
    "初一十五",
    "年初二",
    "中二病",
    "中國一直",
    "美國中部",
    "大學一年級",
    "大一",
    "我十分擔心",
    "我九",
    # past / other senses
    "when i was in high school",
    "a minor issue",
    "13m views",
    "HK$13M",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives(text: str) -> None:
    found = detect_age(text)
    assert found.minor is False
    assert found.age is None
    assert found.grade is None


SUBJECTS = [
    # (text, age, minor)
    ("im 40 and my son is 14", 14, True),
    ("my son is 14 and i'm 40", 14, True),
    ("he said he's 17 and i'm 14", 14, True),
    ("im 15, he said he's 20", 15, True),
    ("he's 25 and im 16", 16, True),
    ("she said she was 16", None, False),
    ("佢話佢16歲", None, False),
    ("個女仔話佢16歲", None, False),
    ("對方話佢15歲，我30歲", 30, False),
    ("she said she was 16 and i'm 30", 30, False),
]


@pytest.mark.parametrize(("text", "age", "minor"), SUBJECTS)
def test_prefers_the_victim(text: str, age: int | None, minor: bool) -> None:
    found = detect_age(text)
    assert found.age == age
    assert found.minor is minor


def test_grade_with_adult_parent_age() -> None:
    found = detect_age("I'm 40, my son is in form 2")
    assert found.minor is True
    assert found.grade == "S2"
    assert found.age is None


def test_age_and_grade_together() -> None:
    found = detect_age("我14歲，讀中三")
    assert found == AgeFinding(minor=True, age=14, grade="S3", span=(1, 4))


@pytest.mark.parametrize("text", ["", "   ", "hello", "thank you", "我好驚", "😭😭"])
def test_nothing(text: str) -> None:
    assert detect_age(text) == AgeFinding(minor=False, age=None, grade=None, span=None)


@pytest.mark.parametrize(
    ("s", "n"),
    [
        ("十", 10),
        ("十四", 14),
        ("二十", 20),
        ("二十四", 24),
        ("廿四", 24),
        ("九", 9),
    ],
)
def test_parse_cn_small(s: str, n: int) -> None:
    assert parse_cn_small(s) == n


@pytest.mark.parametrize(
    ("s", "n"),
    [
        ("15", 15),
        ("十五", 15),
        ("fifteen", 15),
        ("twenty-one", 21),
        ("twenty one", 21),
    ],
)
def test_parse_number(s: str, n: int) -> None:
    assert parse_number(s) == n


# issue 12: school grades of every system served, both scripts
MORE_GRADES = [
    ("我儿子初2", "J2"),
    ("我國2 被人威脅", "J2"),
    ("高職一年級", "H1"),
    ("我读职高一", "H"),
    ("我个女读小学", "P"),
    ("taking PSLE this year", "P6"),
    ("doing my O levels this year", "S4"),
    ("JC1 student", "H2"),
    ("tingkatan 3", "S3"),
    ("darjah 5", "P5"),
    ("standard 5 student", "P5"),
    ("my son is in std 4", "P4"),
    ("SPM this year", "S5"),
    ("my son is in year 5", "Y5"),
    ("doing my GCSEs", "Y11"),
]


@pytest.mark.parametrize(("text", "grade"), MORE_GRADES)
def test_more_grades(text: str, grade: str) -> None:
    finding = detect_age(text)
    assert finding.minor, text
    assert finding.grade == grade, (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "im in year 3 at uni",
        "year 5 of my phd",
        "I finished my PSLE years ago",
        "standard 5 pound",
        "初2020年",
    ],
)
def test_more_grades_negatives(text: str) -> None:
    assert not detect_age(text).minor, text


# issue 12, third round: English school years said the way texters say them
EN_GRADES_ROUND3 = [
    ("im a sophomore", "G10"),
    ("i'm a freshman", "G9"),
    ("my daughter is a freshman", "G9"),
    ("im in 8th", "G8"),
    ("shes in 10th and hes 12", "G10"),
    ("im a year 10", "Y10"),
    ("he's a year 8 student", "Y8"),
    ("i go to middle school", "J"),
    ("im in JHS", "J"),
    ("my son goes to high school", "H"),
]


@pytest.mark.parametrize(("text", "grade"), EN_GRADES_ROUND3)
def test_en_grades_round3(text: str, grade: str) -> None:
    finding = detect_age(text)
    assert finding.minor, text
    assert finding.grade == grade, (text, finding)


@pytest.mark.parametrize(
    "text",
    [
        "im a sophomore at college",
        "im a freshman in college",
        "freshman year of uni was rough",
        "im in 8th place",
        "he finished 10th in the race",
        "im a freshman congressman",
        "a year 10 years ago",
        "when i was in 8th",
        "i went to high school with him",
        "i used to go to high school there",
    ],
)
def test_en_grades_round3_negatives(text: str) -> None:
    assert not detect_age(text).minor, text
