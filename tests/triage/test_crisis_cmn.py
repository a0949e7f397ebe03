"""Mandarin crisis lexicon, third round (issue 12): the `cmn` entries of bot/triage/lexicon/crisis.yml.

Our own wording, in the families a held-out evaluation found weak (self-harm without the usual verbs,
means without a death word, farewells, being a burden, hopelessness, someone else at risk), in mainland
Simplified and Taiwan Traditional, with the idioms and everyday sentences that must stay quiet.
"""

from __future__ import annotations

import pytest

from bot.triage.crisis import detect_crisis

CRISIS = [
    ("用美工刀在大腿上划了好几下", "cmn:self_harm:self_harm_means"),
    ("拿圆规扎自己的手", "cmn:self_harm:self_harm_means"),
    ("昨天在手腕上刻了字", "cmn:self_harm:self_harm_means"),
    ("把手臂抓到出血", "cmn:self_harm:self_harm_means"),
    ("掐自己掐到淤青", "cmn:self_harm:self_harm_means"),
    ("一生气就拿头撞墙", "cmn:self_harm:self_harm_means"),
    ("用烟头烫手臂", "cmn:self_harm:self_harm_means"),
    ("看到血流出来才觉得平静", "cmn:self_harm:self_harm_means"),
    ("只有痛的时候才感觉自己活着", "cmn:self_harm:self_harm_means"),
    ("夏天也穿长袖 怕被同学看到手上的疤", "cmn:self_harm:self_harm_means"),
    ("我手臂上全是划痕", "cmn:self_harm:self_harm_means"),
    ("用美工刀劃手臂", "cmn:self_harm:self_harm_means"),
    ("刀片藏在枕头下面", "cmn:means:means_kept"),
    ("偷偷攒了好多安眠药", "cmn:means:means_kept"),
    ("藥我已經攢夠了", "cmn:means:means_kept"),
    ("木炭和胶带都买好了", "cmn:means:means_kept"),
    ("一氧化碳中毒是不是不痛", "cmn:means:means_kept"),
    ("跳下去就解脱了", "cmn:means:means_kept"),
    ("大家不用在意我", "cmn:farewell:farewell_words"),
    ("我的痛苦很快就要结束了", "cmn:farewell:farewell_words"),
    ("以后可能没机会见面了", "cmn:farewell:farewell_words"),
    ("沒多久我就不在了", "cmn:farewell:farewell_words"),
    ("这是最后一次跟你们吃饭", "cmn:farewell:farewell_words"),
    ("新年愿望是安静地死去", "cmn:farewell:farewell_words"),
    ("活着就是一种负担", "cmn:ideation:burden_more"),
    ("我不在了也没人会在乎", "cmn:ideation:burden_more"),
    ("真希望被车撞死", "cmn:ideation:passive_more_cmn"),
    ("出个车祸就好了", "cmn:ideation:passive_more_cmn"),
    ("有什么理由让我一定要活下去", "cmn:ideation:passive_more_cmn"),
    ("zs算了", "cmn:ideation:passive_more_cmn"),
    ("之前吞过药 最近又有那种念头", "cmn:ideation:passive_more_cmn"),
    ("药片都偷偷藏起来了", "cmn:means:means_kept"),
    ("浴室地上有刀片和血", "cmn:means:means_kept"),
    ("如果不是为了我妈 我早就不在了", "cmn:farewell:farewell_words"),
    ("外婆，我来找你了", "cmn:farewell:farewell_words"),
    ("手臂上有很多细细的伤", "cmn:self_harm:self_harm_means"),
    # fourth round: plans tied to the threat, passive wishes, means in use, acts without the usual verbs
    ("要是传给我同学 我就从宿舍楼顶跳下去", "cmn:plan:threat_conditional_cmn"),
    ("照片流出去的話我也不打算留在這世界上", "cmn:plan:threat_conditional_cmn"),
    ("欠他的钱我用命来还", "cmn:plan:threat_conditional_cmn"),
    ("要是有辆卡车冲过来就好了", "cmn:ideation:passive_cmn_more"),
    ("每晚都祈祷明天别醒", "cmn:ideation:passive_cmn_more"),
    ("藥我都數過了 應該夠了", "cmn:means:means_more_cmn"),
    ("站在河边想要不要跳下去", "cmn:means:means_more_cmn"),
    ("腿上又添了几道", "cmn:self_harm:self_harm_more_cmn"),
    ("上回没死成", "cmn:self_harm:self_harm_more_cmn"),
    ("今晚就是我最后一夜了", "cmn:farewell:farewell_more_cmn"),
    ("要是我出事了 都是他逼的", "cmn:farewell:farewell_more_cmn"),
    ("皮帶已經綁在衣櫃上了", "cmn:means:means_acts_cmn"),
    ("瓦斯开着 门窗都封好了", "cmn:means:means_acts_cmn"),
    ("吞了一整瓶安眠药", "cmn:means:means_acts_cmn"),
    ("我现在一个人待在顶楼", "cmn:means:means_acts_cmn"),
    ("一直在想用什么方法结束自己", "cmn:ideation:ending_cmn"),
    ("要是被同事知道 我也没必要活下去了", "cmn:plan:threat_conditional_cmn"),
    ("他公开的那天就是我的死期", "cmn:plan:threat_conditional_cmn"),
    ("他敢发 我就把所有的药都吞了", "cmn:plan:threat_conditional_cmn"),
    ("我死了以后保险金还能给爸妈", "cmn:ideation:ending_cmn"),
    ("把我自己了结掉就好了", "cmn:ideation:ending_cmn"),
    ("用火機燒了一下手背", "cmn:self_harm:self_harm_more_cmn"),
    ("把手指咬到流血", "cmn:self_harm:self_harm_more_cmn"),
    ("腿上的淤青都是我自己打的", "cmn:self_harm:self_harm_more_cmn"),
    ("朋友圈最后一条是永别", "cmn:ideation:ending_cmn"),
    ("我要走到很远的地方 不会再回来了", "cmn:ideation:ending_cmn"),
    ("活着只是给爸妈丢脸", "cmn:ideation:ending_cmn"),
]

CONCERN = [
    ("忍不住一直拔头发", "cmn:self_harm:self_harm_possible"),
    ("又在抠手指上的死皮", "cmn:self_harm:self_harm_possible"),
    ("买了根很结实的绳子", "cmn:means:means_possible"),
    ("好想去天台", "cmn:means:means_possible"),
    ("对不起大家", "cmn:farewell:farewell_possible"),
    ("欠你们的钱都还清了", "cmn:farewell:farewell_possible"),
    ("我的猫拜托你们了", "cmn:farewell:farewell_possible"),
    ("以後大家就輕鬆了", "cmn:farewell:farewell_possible"),
    ("我就是爸妈的累赘", "cmn:ideation:burden_possible"),
    ("我覺得自己是家人的負擔", "cmn:ideation:burden_possible"),
    ("给家人带来了太多麻烦", "cmn:ideation:burden_possible"),
    ("有我没我都一样", "cmn:ideation:burden_possible"),
    ("总是连累家人", "cmn:ideation:burden_possible"),
    ("不想再坚持了", "cmn:hopeless:hopeless_more"),
    ("人生好没意思", "cmn:hopeless:hopeless_more"),
    ("不会好起来了", "cmn:hopeless:hopeless_more"),
    ("好想就这样消失", "zh:ideation:burden_round35_zh"),
    ("不想明天早上醒来", "cmn:hopeless:hopeless_more"),
    ("每天都在等死", "cmn:hopeless:hopeless_more"),
    ("輕生的念頭一直有", "cmn:hopeless:hopeless_more"),
    ("反正我迟早会死", "cmn:hopeless:hopeless_more"),
    ("活著只是為了不讓爸媽傷心", "cmn:hopeless:hopeless_more"),
    ("我這輩子都好不起來", "cmn:hopeless:hopeless_more"),
    ("把收藏都送给朋友 反正以后也用不上了", "cmn:farewell:farewell_possible_cmn"),
    ("給每個同學都說了謝謝", "cmn:farewell:farewell_possible_cmn"),
    ("以后就不会再麻烦你们了", "cmn:farewell:farewell_possible_cmn"),
    ("銀行卡跟密碼都放在抽屜了", "cmn:farewell:farewell_possible_cmn"),
    ("以后不用再找我了", "cmn:farewell:farewell_possible_cmn"),
]

OTHER = [
    "孩子手臂上好多划痕",
    "我女儿说她偷偷攒了安眠药",
    "朋友最近把手办都送人了",
    "同学在朋友圈发了告别的话",
    "弟弟刚刚说他在楼顶",
    "女朋友说她就是家里的拖累",
    "我好怕我男朋友想不开",
    "我弟上了天台不肯下来",
    "我男友說如果影片傳出去他就去燒炭",
]

# Idioms, anger at the blackmailer, accidents and everyday sentences near the new entries.
QUIET = [
    "视频传出去我就社死了",
    "丢死人了",
    "尴尬死了",
    "手机卡死了",
    "我真想弄死这个骗子",
    "恨不得把他碎尸万段",
    "笑死我了",
    "气死我了",
    "我手机屏幕上都是划痕",
    "我们公司楼顶有个花园",
    "刀在厨房",
    "剃须刀片用完了",
    "我买了根跳绳",
    "我想去海边玩",
    "明天见面再说",
    "这是最后一次警告你",
    "对不起 我刚刚打错字了",
    "他欠我的钱还没还",
    "我的行李都打包好了准备搬家",
    "工作不会好转吗",
    "这个作业等死了",
    "我不想再看到他的任何消息了",
    "我朋友被敲诈了怎么办",
    "这个骗子在朋友圈发了我的照片",
    "他的手机上有我的视频",
    "我烫了头发",
    "被开水烫到手了好痛",
    "我在切菜的时候划到手了",
    "猫咪把我手臂抓出血了",
    "网上说一氧化碳报警器要装",
    "笑死，這詐騙也太爛",
    "氣死我了，他又換帳號",
    "他上了天台晒被子",
    "阻住你哋食飯",
    "药都放在冰箱里藏起来了",
    "这辈子都好不了的胃病又犯了",
    "妈我来找你了 在楼下",
    # fourth round: everyday uses of the new wording
    "今晚是我在台北的最后一晚",
    "问了医生吃几颗才会退烧",
    "站在海边 想下去游泳",
    "从这里下去应该很快就到了",
    "以前吃过这家 现在又想吃了",
    "手上留了几道划痕 被猫抓的",
    "这是他拿命换来的冠军",
    "绳子挂在阳台的晾衣杆上了",
    "煤气开着在炖汤 窗户关好了吗",
    "最后一封邮件发完就下班",
    "钥匙放在桌上了 你回来自己开门",
    "他吃了一整板口香糖",
    "我宁可不要活在别人的眼光里",
    "今天是他的忌日 我去扫墓",
    "他一发歌我就跳舞",
    "吓得发抖 门铃一响心就跳",
    "拿针扎气球",
    "这一刀切深一点 肉才入味",
    "拿打火机烤了一下红薯",
    "清明节给爷爷烧纸",
    "毕业后去很远的地方工作 过年不回来了",
    "这次我真的要走了 下周见",
    "我走了以后保险柜钥匙在抽屉",
    "药都拿出来了 等下饭后吃",
]


@pytest.mark.parametrize(("text", "signal"), CRISIS)
def test_cmn_crisis(text: str, signal: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, (text, finding)
    assert signal in finding.signals, (text, finding.signals)


@pytest.mark.parametrize(("text", "signal"), CONCERN)
def test_cmn_concern(text: str, signal: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", (text, finding)
    assert signal in finding.concerns, (text, finding.concerns)


@pytest.mark.parametrize("text", OTHER)
def test_cmn_someone_else(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", (text, finding)
    assert finding.about == "other", (text, finding)


@pytest.mark.parametrize("text", QUIET)
def test_cmn_quiet(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "none", (text, finding)


def test_cmn_idiom_does_not_hide_a_signal() -> None:
    finding = detect_crisis("社死了 不如死了算了")
    assert finding.is_crisis, finding
    assert "社死" in finding.idioms


def test_cmn_both_scripts() -> None:
    assert any(
        t != t.encode("ascii", "ignore").decode() and ("劃" in t or "覺" in t) for t, _ in CRISIS + CONCERN
    )


def test_cmn_moments_feed_is_not_a_friend() -> None:
    # 朋友圈 (WeChat Moments) is the texter's own feed, not a friend
    finding = detect_crisis("我在朋友圈发了遗书")
    assert finding.is_crisis
    assert finding.about == "self", finding


def test_cmn_blackmailer_is_not_the_one_at_risk() -> None:
    # "he" is the blackmailer: the texter's own signal decides
    finding = detect_crisis("他说发出去 我就去死")
    assert finding.is_crisis
    assert finding.about == "self", finding
