"""Cantonese crisis and concern signals of issue 12, round 5 (bot/triage/lexicon/crisis.yml, `yue:` entries
with the `_r5yue` suffix and the round-5 masks of `idioms: yue:`).

Own wording in texters' Cantonese (Traditional and Simplified, code-mixed, emoji, typos), written from the
public material named in the lexicon's round-5 comment; none of these texts is in an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis

# (text, level): "crisis" must be a crisis; "concern" must be at least a concern
ROUND5_RISK = [
    # explicit, slang, code-mixed
    ("我真係想了結自己", "crisis"),
    ("想解決埋自己算數", "crisis"),
    ("好想die 😭😭", "crisis"),
    ("我想自sat", "crisis"),
    ("唔想再做人喇", "crisis"),
    ("頂唔順喇 想死 😢", "crisis"),
    # heights named by the place
    ("我喺屋頂邊 好想跳", "crisis"),
    ("我而家喺窗台 想跳落去", "crisis"),
    ("我已经爬咗出窗口", "crisis"),
    ("我跨咗出欄杆", "crisis"),
    ("天台邊緣 準備跳", "crisis"),
    # charcoal, ligatures, traffic, pills
    ("我喺車入面燒緊炭", "crisis"),
    ("房入面點咗一盤炭", "crisis"),
    ("我买咗炭", "concern"),
    ("我買好兩包炭 唔使問用嚟做咩", "concern"),
    ("搵到條皮帶夠長", "concern"),
    ("條繩夠唔夠實呢", "concern"),
    ("希望出街俾車撞死", "crisis"),
    ("好想俾架巴士撞", "crisis"),
    ("我儲咗好多粒瞓覺藥", "crisis"),
    ("頭先吞咗三十粒藥", "crisis"),
    # passive wishes
    ("好想一覺瞓咗就算", "crisis"),
    ("我想睡死咗佢", "crisis"),
    ("想瞓咗之後唔好再起身", "crisis"),
    ("希望瞓着就唔再醒", "crisis"),
    ("好想有日唔再醒返", "crisis"),
    ("我唔想再呼吸", "crisis"),
    ("好想唔再存在", "crisis"),
    ("许愿唔使再过下一个生日", "crisis"),
    ("我唔想過下一個生日", "concern"),
    # conditional on the threat
    ("佢post出嚟我會死", "crisis"),
    ("啲相放上網我就會死", "crisis"),
    ("如果俾人知道我唔會再活落去", "crisis"),
    ("出咗街我冇可能活得落去", "crisis"),
    # self-harm without the usual verbs
    ("我用冰塊一直揸到啲皮損晒", "crisis"),
    ("擦鹽擦到起泡先停", "crisis"),
    ("我撼頭埋牆 撼到出血", "crisis"),
    ("又撞個頭落牆", "crisis"),
    ("我抓到手損晒 停唔到", "concern"),
    ("搣到大髀流血", "concern"),
    # a past attempt, unsafe now
    ("我入過醫院 因為食藥 而家又係咁", "crisis"),
    ("上年燒炭 今晚又好想", "crisis"),
    ("以前試過跳樓 依家又諗緊", "crisis"),
    # hopelessness, burden, no way out
    ("冇得救喇", "concern"),
    ("我已經放棄咗", "concern"),
    ("我都冇得翻身", "concern"),
    ("我條命唔值錢", "concern"),
    ("條命畀返你啦", "concern"),
    ("想攞命嚟還", "concern"),
    ("我冇用 只會拖累人", "concern"),
    ("連累晒屋企人", "concern"),
    # short closing lines, a plan, farewell
    ("我今晚想走", "concern"),
    ("我準備好走喇", "concern"),
    ("我已經計劃好", "concern"),
    ("今晚係我最後一晚", "concern"),
    ("下個禮拜就係我最後一日", "concern"),
    ("我信唔過自己", "concern"),
    ("我根本唔應該存在", "concern"),
    ("我消失咗都冇人會留意", "concern"),
    ("好想同阿嫲團聚", "concern"),
    ("對唔住 我真係頂唔順喇 再見", "crisis"),
    ("sorry 阿媽 我撐唔落去 bye", "crisis"),
]

# someone else at risk, named the HK way
ROUND5_OTHER = [
    "我friend send咗張刀嘅相俾我",
    "佢send咗幅傷口相俾我 我好驚",
    "我朋友話佢喺屋頂邊 好想跳",
    "我細佬話佢想瞓咗之後唔好再起身",
    "我個女話佢post出嚟佢會死",
    "我同學話佢上年食藥 今晚又好想",
    "我阿媽話好想一覺瞓咗就算",
    "我friend話想自殺",
    "我阿妹喺天台唔肯落嚟",
    "我bf話佢會死俾個勒索佬睇",
]

# everyday Cantonese, the same words in harmless use: not a crisis
ROUND5_HARMLESS = [
    "死喇 唔記得帶銀包",
    "今次死得啦",
    "實死冇生",
    "問你死未",
    "癐到想死 聽日仲要返工",
    "套劇個主角死咗 好傷心",
    "阿爺上個月死咗好突然",
    "唔想醒 想瞓多陣",
    "冇希望贏喇 輸咗三球",
    "差啲俾車撞 好彩閃得快",
    "濕疹 抓到流血",
    "蚊咬到我抓到損晒",
    "我喺窗邊 好想跳舞",
    "爬咗出窗晾衫",
    "天台燒緊炭 BBQ 快啲上嚟",
    "燒烤場點咗炭未",
    "條繩夠長 綁得實行李",
    "條皮帶夠長 唔使換",
    "我瞓死咗 冇聽到電話",
    "用冰敷 腳扭親",
    "我唔小心撞個頭落枱",
    "佢成日遲到 拖累人",
    "我今晚想走 早啲收工",
    "我準備好走喇 你喺樓下未",
    "我已經計劃好 去日本五日",
    "今晚係最後一晚 明日返香港",
    "下星期就係我最後一日 轉咗工",
    "我唔應該喺度 走錯房",
    "佢send出去我就死硬",
    "我想同阿爺一齊飲茶",
    "我放棄咗考試",
    "呢份工冇得翻身",
    "條命係阿媽俾嘅",
    "佢搏命咁做",
    "我想報警 但係驚",
    "你去死啦 勒索佬",
]


@pytest.mark.parametrize(("text", "level"), ROUND5_RISK)
def test_round5_risk(text: str, level: str) -> None:
    risk = detect_crisis(text).risk
    if level == "crisis":
        assert risk == "crisis", (text, risk)
    else:
        assert risk in ("concern", "crisis"), (text, risk)


@pytest.mark.parametrize("text", ROUND5_OTHER)
def test_round5_someone_else(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none" and finding.about == "other", (text, finding)


@pytest.mark.parametrize("text", ROUND5_HARMLESS)
def test_round5_not_a_crisis(text: str) -> None:
    assert detect_crisis(text).risk != "crisis", text


@pytest.mark.parametrize(
    "text",
    [
        "攰到死 但係我真係好想一覺瞓咗就算",
        "笑死 但係我而家喺車入面燒緊炭",
        "差啲俾車撞 不過我其實好想俾架巴士撞",
    ],
)
def test_round5_a_mask_next_to_a_signal_hides_nothing(text: str) -> None:
    assert detect_crisis(text).risk == "crisis", text
