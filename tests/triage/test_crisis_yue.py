"""Cantonese crisis and concern signals of issue 12, round 3 (bot/triage/lexicon/crisis.yml, `yue:`).

Own wording in texters' Cantonese (both scripts, code-mixed), written from public HK warning-sign and
self-harm material; none of these texts is in an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.triage.age import detect_age
from bot.triage.crisis import detect_crisis

# (text, signal): clear signals, a crisis on their own
YUE_CRISIS = [
    ("好快你哋就唔使再為我頭痛", "yue:ideation:burden_yue"),
    ("很快就唔使再麻煩大家", "yue:ideation:burden_yue"),
    ("屋企冇咗我會開心好多", "yue:ideation:burden_yue"),
    ("冇咗我 阿爸就唔使咁辛苦", "yue:ideation:burden_yue"),
    ("以後你哋都搵唔到我", "yue:farewell:farewell_yue"),
    ("多謝你哋一直咁包容我", "yue:farewell:farewell_yue"),
    ("多謝你曾經出現過", "yue:farewell:farewell_yue"),
    ("以後都唔好再等我", "yue:farewell:farewell_yue"),
    ("啲衫送晒俾人 反正以後都用唔著", "yue:farewell:farewell_yue"),
    ("呢個係我最後一個story", "yue:farewell:farewell_yue"),
    ("寫低遺言就出咗門", "yue:farewell:farewell_yue"),
    ("過咗今晚就冇我喇", "yue:farewell:farewell_yue"),
    ("想一覺瞓唔醒", "yue:ideation:passive_yue"),
    ("一瞓落去就唔再起身", "yue:ideation:passive_yue"),
    ("有架車撞埋嚟都幾好", "yue:ideation:passive_yue"),
    ("好想沉落海底", "yue:ideation:passive_yue"),
    ("儲埋啲瞓覺藥", "yue:means:means_yue"),
    ("我储咗成盒安眠药", "yue:means:means_yue"),
    ("啲藥點清咗", "yue:means:means_yue"),
    ("啲pills count好咗", "yue:means:means_yue"),
    ("炭同封箱膠都準備好", "yue:means:means_yue"),
    ("塞好門縫 炭喺度", "yue:means:means_yue"),
    ("邊棟樓最高", "yue:means:means_yue"),
    ("google緊邊度跳最快", "yue:means:means_yue"),
    ("條尼龍繩打好結", "yue:means:means_yue"),
    ("飲咗半支威士忌 仲食晒啲藥", "yue:means:means_yue"),
    ("喺碼頭度 好想直接行落海", "yue:means:means_yue"),
    ("一唔開心就用指甲抓手臂", "yue:self_harm:self_harm_yue"),
    ("又用頭撼牆", "yue:self_harm:self_harm_yue"),
    ("用煙頭辣手臂", "yue:self_harm:self_harm_yue"),
    ("成日咬自己", "yue:self_harm:self_harm_yue"),
    ("今日又好想界手", "yue:self_harm:self_harm_yue"),
    ("著外套唔想同學見到", "yue:self_harm:self_harm_yue"),
    ("打牆打到流血", "yue:self_harm:self_harm_yue"),
    ("手腕啲疤唔敢俾人睇", "yue:self_harm:self_harm_yue"),
    ("條片出街嘅話我就跳落去", "yue:ideation:conditional_yue"),
    ("如果俾老細知 我冇面目做人", "yue:ideation:conditional_yue"),
    ("佢再send多次我真係會做傻事", "yue:ideation:conditional_yue"),
    ("試過食藥入醫院 最近又開始諗", "yue:plan:unsafe_yue"),
    ("下次唔會再俾人救返", "yue:plan:unsafe_yue"),
    ("驚今晚自己會𠝹手", "yue:plan:unsafe_yue"),
    ("好想了斷自己", "yue:ideation:ending_self_yue"),
]


@pytest.mark.parametrize(("text", "signal"), YUE_CRISIS)
def test_yue_crisis(text: str, signal: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, (text, finding)
    assert signal in finding.signals, (text, finding.signals)


# (text, signal): possible signals; the assistant asks directly
YUE_CONCERN = [
    ("我係咪好多餘", "yue:ideation:burden_concern_yue"),
    ("成世都係拖累人", "yue:ideation:burden_concern_yue"),
    ("唔想再做屋企嘅負擔", "yue:ideation:burden_concern_yue"),
    ("我只係帶俾爸媽失望", "yue:ideation:burden_concern_yue"),
    ("屋企個個都嫌我", "yue:ideation:burden_concern_yue"),
    ("阿媽對唔住 我真係盡咗力", "yue:farewell:farewell_concern_yue"),
    ("對唔住大家", "yue:farewell:farewell_concern_yue"),
    ("頭像轉咗全黑", "yue:farewell:farewell_concern_yue"),
    ("想一走了之", "yue:farewell:farewell_concern_yue"),
    ("前面一條路都冇", "yue:hopeless:hopeless_yue"),
    ("睇唔到出路", "yue:hopeless:hopeless_yue"),
    ("已經山窮水盡", "yue:hopeless:hopeless_yue"),
    ("做乜都冇意思", "yue:hopeless:hopeless_yue"),
    ("冇意思", "yue:hopeless:hopeless_yue"),
    ("真係頂唔順", "yue:hopeless:hopeless_yue"),
    ("攰到唔想再郁", "yue:hopeless:hopeless_yue"),
    ("寧願消失", "yue:hopeless:hopeless_yue"),
    ("上咗天台", "yue:means:means_concern_yue"),
    ("已經揀好日子", "yue:means:means_concern_yue"),
    ("之前食過藥洗過胃", "yue:plan:past_attempt_yue"),
]


@pytest.mark.parametrize(("text", "signal"), YUE_CONCERN)
def test_yue_concern(text: str, signal: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "concern", (text, finding)
    assert signal in finding.concerns, (text, finding.concerns)


# someone else at risk: the entry (or the reported subject) says so
YUE_OTHER = [
    "我同學話冇咗佢大家會輕鬆啲",
    "我朋友話佢係我哋嘅包袱",
    "我朋友將佢最鍾意嘅公仔送晒俾人",
    "我家姐留咗封信 好似講再見",
    "佢send咗個msg講sorry 跟住熄咗機",
    "佢喺天台度唔肯落嚟",
    "我個女去咗天台 一個鐘冇覆我",
    "我個仔手臂有好多界痕",
    "佢手腕有啲疤",
    "我學生喺group講以後唔使再理佢",
]


@pytest.mark.parametrize("text", YUE_OTHER)
def test_yue_someone_else(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", text
    assert finding.about == "other", (text, finding)


# harmless: idioms, everyday uses of the same words, anger at the blackmailer
YUE_NONE = [
    "笑死 佢扮台灣人",
    "攰到死都要返工",
    "悶死人",
    "激死我",
    "死火",
    "今次死定",
    "我頂唔順佢嘅態度",
    "多謝你陪我傾",
    "多謝大家支持",
    "上咗天台食煙",
    "天台望落去好靚",
    "我住20樓 望落去係公園",
    "揀好日子結婚",
    "對唔住 遲咗覆",
    "條繩綁住個箱",
    "我想自己解決",
    "解決自己嘅問題",
    "打風 啲窗都封好",
    "炭同打火機都帶齊 BBQ",
    "邊度最高分",
    "聽日冇我份",
    "聽日冇我返工",
    "我將最鍾意嘅波鞋送咗俾細佬做生日禮物",
    "喺海邊一直行出去影相",
    "飲咗酒食咗藥 感冒",
    "佢post咗條片 講多謝大家支持",
    "我細佬話冇咗佢呢個騙子世界會好啲",
    "儲咗錢買藥",
    "咬手指甲",
    "我想劈死條友",
    "想揼佢一餐",
]


@pytest.mark.parametrize("text", YUE_NONE)
def test_yue_not_a_signal(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "none", (text, finding)


def test_a_treasured_thing_given_is_asked_about_not_a_crisis() -> None:
    # usually just a gift; giving treasured things away is also a warning sign, so the assistant asks
    finding = detect_crisis("最鍾意嗰件衫佢送咗俾我")
    assert finding.risk == "concern", finding
    assert finding.about == "other"


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("我讀緊小五", "P5"),
        ("我F.3", "S3"),
        ("我form 4", "S4"),
        ("我中四", "S4"),
        ("我S3", "S3"),
        ("我喺澳門讀初三", "J3"),
    ],
)
def test_hk_and_macau_grades(text: str, grade: str) -> None:
    finding = detect_age(text)
    assert finding.minor, text
    assert finding.grade == grade, (text, finding)


@pytest.mark.parametrize("text", ["我大一", "我考緊DSE", "我S3部機壞咗", "Galaxy S3"])
def test_not_a_school_grade_minor(text: str) -> None:
    assert not detect_age(text).minor, text


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("我已經諗好點樣走", "crisis"),
        ("點解我仲要活落去", "crisis"),
        ("我覺得自己阻住晒所有人", "concern"),
        ("佢話唔想再見到任何人", "concern"),
        ("我諗好點樣走去機場", "none"),
        ("點解仲要返工", "none"),
        ("唔想再見到佢", "none"),
    ],
)
def test_yue_plans_and_withdrawal(text: str, risk: str) -> None:
    assert detect_crisis(text).risk == risk, text


@pytest.mark.parametrize(
    ("text", "risk", "about"),
    [
        ("我好快就唔喺度", "crisis", "self"),
        ("可能唔會見到聽日", "crisis", None),
        ("想完結一切", "crisis", None),
        ("細佬講多謝我咁多年 之後冇覆", "crisis", "other"),
        ("真係冇路行", "concern", None),
        ("我覺得自己好冇用", "concern", "self"),
        ("冇咗我都唔會有分別", "concern", "self"),
        ("佢突然好平靜", "concern", "other"),
        ("我好快就唔喺度香港 移民", "none", None),
        ("我未必去到聽日嘅會", "none", None),
        ("想完結呢段關係", "none", None),
        ("多謝我哋咁多年嘅支持", "none", None),
        ("呢個app好冇用", "none", None),
    ],
)
def test_yue_not_being_here(text: str, risk: str, about: str | None) -> None:
    finding = detect_crisis(text)
    assert finding.risk == risk, (text, finding)
    assert finding.about == about, (text, finding)
