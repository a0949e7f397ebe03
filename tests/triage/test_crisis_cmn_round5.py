"""Mandarin crisis and concern signals of issue 12, round 5 (bot/triage/lexicon/crisis.yml, `cmn:` entries
ending in `_r5cmn` and the `idioms: cmn:` mask `everyday_r5cmn`).

Own wording in texters' Mandarin (mainland Simplified, Taiwan Traditional, SG/MY code-mixing), written from
the public material named in the lexicon's round-5 comment; none of these texts is in an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis

# (text, level): "crisis" must be a crisis; "concern" must be at least a concern
ROUND5_RISK = [
    # explicit, slang and code-mixing
    ("求求你们让我死了吧", "crisis"),
    ("老天爷快点把我收走", "crisis"),
    ("上天 求求你 带我走", "crisis"),
    ("大不了就一死 反正没人在乎", "crisis"),
    ("钱凑不齐 我只能以死谢罪", "crisis"),
    ("我根本不配活在這個世界上", "crisis"),
    ("丢尽了脸 已经不配活着了", "crisis"),
    ("真的不想再呼吸了", "crisis"),
    ("今晚想跟這個世界告別", "crisis"),
    ("想找一个没人认识我的地方了断", "crisis"),
    ("我真的ㄅ想活了", "crisis"),
    ("好想鼠掉喔", "crisis"),
    ("人生太累了 我要提前下車了", "crisis"),
    ("这辈子我想先下线了", "crisis"),
    ("外婆已經不在了 我好想去陪她", "crisis"),
    ("想去找我爷爷了 他走了以后没人管我", "crisis"),
    # passive wishes
    ("但愿我今天过马路被泥头车撞", "crisis"),
    ("好想一出门就被车碾", "crisis"),
    ("要是得个癌症就好了", "crisis"),
    ("生一场大病就能解脱", "crisis"),
    ("想跑到高速上让卡车撞", "crisis"),
    # conditional on the threat
    ("照片被公开的话 我真的活不下去了", "crisis"),
    ("他要是传给我老师 我也活不成了", "crisis"),
    ("被我爸看到我就活不了了", "crisis"),
    # means without a death word
    ("那些安眠药我打算今晚一口气吞下去", "crisis"),
    ("家里的止痛药 我想一次全部吃掉", "crisis"),
    ("我把奶奶的药全部吞了", "crisis"),
    ("五十颗应该够了吧", "crisis"),
    ("二十多粒安眠药够不够", "crisis"),
    ("百草枯我已经拿出来了", "crisis"),
    ("刀片从削笔刀里拆下来了", "crisis"),
    ("我在30層樓 一直往下看", "concern"),
    ("坐在天台 底下的地面好远", "concern"),
    ("我在江边 下面的水好急", "concern"),
    ("跑去楼顶了 再也不下来了", "concern"),
    ("好想冲进车流里", "concern"),
    # farewells
    ("謝謝你陪我聊天 晚安 永遠的那種", "crisis"),
    ("晚安啦 永远的那种", "crisis"),
    ("大家不要为我伤心", "crisis"),
    ("别替我哭", "crisis"),
    ("以后再也不能照顾爸妈了", "concern"),
    ("之后没法陪你们了", "concern"),
    # self-harm without the usual verbs
    ("刚刚没忍住又划了几刀", "crisis"),
    ("我又割了 好深", "crisis"),
    ("忍不住又割手了", "crisis"),
    ("大腿上又多了好几道", "crisis"),
    ("手臂上新添了两条", "crisis"),
    ("手背被我抠到血肉模糊", "crisis"),
    ("皮肤抓得稀烂", "crisis"),
    ("手腕又破了 一直在流血", "concern"),
    # a past attempt with feeling unsafe now
    ("前年吞过药 最近又控制不住", "crisis"),
    ("以前割過腕 現在又想了", "crisis"),
    ("洗过胃的 今晚又开始想死", "crisis"),
    ("被救回来以后 最近又有那种念头", "crisis"),
    ("之前试过一回 这次不会再被救回来", "concern"),
    # hopelessness
    ("看不到一丝希望", "concern"),
    ("我看不到任何出路了", "concern"),
    ("活着真是在受苦", "concern"),
    ("每天活着就像坐牢", "concern"),
    ("我想 end it all 了 真的", "crisis"),
]

# someone else at risk, named by the texter
ROUND5_OTHER = [
    "我女儿一直说家里没有她会更好",
    "我男朋友覺得大家少了他會更輕鬆",
    "我闺蜜给我发了谢谢 再见 然后就关机了",
    "她跟我说对不起 永别 然后就联系不上",
    "我弟说他不想活了",
]

# idioms, chores, anger at the blackmailer, everyday uses of the same words: not a crisis
ROUND5_HARMLESS = [
    "困到想死 还有三章没看",
    "尴尬得想死 当众摔了一跤",
    "饿到想死 外卖还没到",
    "热得我想死 宿舍没空调",
    "医生给我开了安眠药 说先试一周",
    "睡前吃了半片安眠药",
    "安眠药每晚一片 医生交代的",
    "周六去露营 炭都买好了",
    "火锅用的炭准备齐了",
    "作业多到想死 哈哈哈",
    "一想到星期一就不想活了 hhh",
    "那个骗子不配活着",
    "他最好出门被车撞",
    "这个人渣不得好死",
    "想跑到马路对面买奶茶",
    "我在30楼往下看 夜景好美",
    "我又划了一下卡 钱没了",
    "又割了一波韭菜 股票跌惨了",
    "猫把我手臂抓了两道",
    "医生说这些药要全部吃完才能停",
    "这药三十片够吃一个月吗",
    "农药拿出来了 明天去地里打药",
    "我先下车了 到站了",
    "游戏人生 下线了 晚安",
    "我在阳台晾衣服 下面有人在吵架",
    "晚安 明天见",
    "别为我担心 我到家了",
    "拜拜 下次再聊",
    "不要为我难过 只是没考好而已",
    "笑死 这个视频",
    "我妈知道会打死我",
    "社死了 太丢人",
    "手机又卡死了",
    "以后不能陪你们吃饭了 要加班",
]


@pytest.mark.parametrize(("text", "level"), ROUND5_RISK)
def test_round5_risk(text: str, level: str) -> None:
    risk = detect_crisis(text).risk
    if level == "crisis":
        assert risk == "crisis", text
    else:
        assert risk in ("concern", "crisis"), text


@pytest.mark.parametrize("text", ROUND5_OTHER)
def test_round5_someone_else(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none" and finding.about == "other", (text, finding)


@pytest.mark.parametrize("text", ROUND5_HARMLESS)
def test_round5_not_a_crisis(text: str) -> None:
    assert detect_crisis(text).risk != "crisis", text


@pytest.mark.parametrize(
    "text",
    ["困到想死 但我是真的想死", "吃了一片安眠药 剩下的我都攒着", "作业多到想死 哈哈 其实我真的不想活了"],
)
def test_round5_mask_hides_nothing_next_to_it(text: str) -> None:
    assert detect_crisis(text).risk == "crisis", text
