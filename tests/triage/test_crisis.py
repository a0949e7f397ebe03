"""Tests for bot.triage.crisis (suicide / self-harm detection, recall first)."""

from __future__ import annotations

import pytest
import yaml

from bot.triage.crisis import (
    CRISIS_PATH,
    CrisisFinding,
    _lexicon,  # internal, for data checks
    detect_crisis,
    normalise,
)

# --- English positives: ideation, plan, means, self-harm, farewell, typos ---
EN_POSITIVE = [
    ("I want to die", "en:ideation:want_to_die"),
    ("i just wanna die", "en:ideation:want_to_die"),
    ("I WANT TO DIEEEE", "en:ideation:want_to_die"),
    ("i wnat to die", "en:ideation:want_to_die"),
    ("want 2 die", "en:ideation:want_to_die"),
    ("honestly i wish i was dead", "en:ideation:want_to_die"),
    # "rather die than let my parents see it" is shame, a concern since round 10 (test_crisis_round10.py)
    ("I'd rather die than live like this", "en:ideation:want_to_die"),
    ("im going to kill myself", "en:ideation:kill_myself"),
    ("i will kil myself", "en:ideation:kill_myself"),
    ("k1ll mys3lf", "en:ideation:kill_myself"),
    ("gonna kms", "en:ideation:kill_myself"),
    ("maybe i should just unalive myself", "en:ideation:kill_myself"),
    ("thinking about suicide", "en:ideation:suicide"),
    ("i feel suicidal", "en:ideation:suicide"),
    ("sucide is the only way out", "en:ideation:suicide"),
    ("s*icide", "en:ideation:suicide"),
    ("I don't want to live anymore", "en:ideation:dont_want_to_live"),
    ("i dont wanna be alive", "en:ideation:dont_want_to_live"),
    ("i do not want to be here anymore", "en:ideation:dont_want_to_live"),
    ("no reason to live", "en:ideation:dont_want_to_live"),
    ("everyone would be better off without me", "en:ideation:better_off_dead"),
    ("im better off dead", "en:ideation:better_off_dead"),
    ("i'm going to end it all tonight", "en:ideation:end_my_life"),
    ("i just want to end it", "en:ideation:end_my_life"),
    ("I will end my life", "en:ideation:end_my_life"),
    ("I bought a rope", "en:plan:plan"),
    ("im going to jump off the roof", "en:means:jump"),
    ("gonna jump in front of a train", "en:means:jump"),
    ("im gonna jump tonight", "en:means:jump"),
    ("I'm standing on the roof", "en:means:jump"),
    ("i will hang myself", "en:means:hang"),
    ("tied a noose", "en:means:hang"),
    ("i'm going to overdose", "en:means:overdose"),
    ("i'll just OD", "en:means:overdose"),
    ("i took all my pills", "en:means:overdose"),
    ("swallowed a whole bottle of panadol", "en:means:overdose"),
    ("i took all my mums pills", "en:means:overdose"),
    ("i have sleeping pills", "en:means:overdose"),
    ("i cut myself again", "en:self_harm:self_harm"),
    ("I've been self-harming", "en:self_harm:self_harm"),
    ("i want to hurt myself", "en:self_harm:self_harm"),
    ("slit my wrists", "en:self_harm:self_harm"),
    ("goodbye forever", "en:farewell:farewell"),
    ("this is my last message", "en:farewell:farewell"),
    ("please tell my mum im sorry", "en:farewell:farewell"),
    ("tell my parents i love them", "en:farewell:farewell"),
    ("you won't hear from me again", "en:farewell:farewell"),
]

# --- Cantonese positives (Traditional mostly, some Simplified / typos) ---
YUE_POSITIVE = [
    ("我真係好想死", "zh:ideation:want_to_die"),
    ("我系好想死", "zh:ideation:want_to_die"),
    ("佢話要放上網，我不如去死", "zh:ideation:want_to_die"),
    ("死咗佢算", "yue:ideation:want_to_die"),
    ("我唔想再生存", "yue:ideation:dont_want_to_live"),
    ("唔想生存啦", "yue:ideation:dont_want_to_live"),
    ("我唔想活", "yue:ideation:dont_want_to_live"),
    ("真係活唔落去", "yue:ideation:dont_want_to_live"),
    ("我想自殺", "zh:ideation:suicide"),
    ("一了百了算", "zh:ideation:suicide"),
    ("我想燒炭", "zh:means:charcoal"),
    ("我想跳樓", "zh:means:jump"),
    ("我而家企喺天台", "zh:means:jump"),
    ("我企咗喺天台", "zh:means:jump"),
    ("我想攬炭", "zh:means:charcoal"),
    ("我諗緊點死比較唔痛", "zh:ideation:want_to_die"),
    ("我死咗大家會好啲", "zh:ideation:want_to_die"),
    ("我cut咗自己", "zh:self_harm:self_harm"),
    ("我𠝹咗手", "zh:self_harm:self_harm"),
    ("我想食晒啲藥", "yue:means:overdose"),
    ("食哂D藥", "yue:means:overdose"),
    ("我食咗成樽藥", "zh:means:overdose"),
    ("想吊頸", "zh:means:hang"),
    ("我又𠝹手", "zh:self_harm:self_harm"),
    ("我又界手", "zh:self_harm:self_harm"),
    ("鎅手", "zh:self_harm:self_harm"),
    ("我寫好遺書", "zh:farewell:farewell"),
    ("幫我同阿媽講聲對唔住", "zh:farewell:farewell"),
    ("再見了 世界", "zh:farewell:farewell"),
    ("再見了，世界", "zh:farewell:farewell"),
    ("呢個係我最後一條訊息", "zh:farewell:farewell"),
    ("我買咗炭", "zh:plan:plan"),
    ("ngo seung sei", "yue:ideation:romanised"),
]

# --- Mandarin positives (Simplified and Taiwan Traditional) ---
CMN_POSITIVE = [
    ("我不想活了", "zh:ideation:dont_want_to_live"),
    ("我不想活", "zh:ideation:dont_want_to_live"),
    ("我真的活不下去了", "zh:ideation:dont_want_to_live"),
    ("活着没意思", "zh:ideation:dont_want_to_live"),
    ("活著沒意思", "zh:ideation:dont_want_to_live"),
    ("生无可恋", "zh:ideation:dont_want_to_live"),
    ("我想死", "zh:ideation:want_to_die"),
    ("我想去死", "zh:ideation:want_to_die"),
    ("死了算了", "zh:ideation:want_to_die"),
    ("我想自杀", "zh:ideation:suicide"),
    ("我想自殺", "zh:ideation:suicide"),
    ("我想轻生", "zh:ideation:suicide"),
    ("想結束生命", "zh:ideation:suicide"),
    ("我要结束自己", "zh:ideation:suicide"),
    ("我要跳楼", "zh:means:jump"),
    ("我要跳樓", "zh:means:jump"),
    ("想去跳海", "zh:means:jump"),
    ("我想上吊", "zh:means:hang"),
    ("我想烧炭", "zh:means:charcoal"),
    ("吃安眠药", "zh:means:overdose"),
    ("我存了很多安眠藥", "zh:means:overdose"),
    ("我吞药了", "zh:means:overdose"),
    ("我吃了一整瓶药", "zh:means:overdose"),
    ("想喝农药", "zh:means:overdose"),
    ("我又割腕了", "zh:self_harm:self_harm"),
    ("想割脉", "zh:self_harm:self_harm"),
    ("我想割脈", "zh:self_harm:self_harm"),
    ("我一直在自残", "zh:self_harm:self_harm"),
    ("遗书已经写好了", "zh:farewell:farewell"),
    ("永别了", "zh:farewell:farewell"),
    ("永別了", "zh:farewell:farewell"),
    ("再见了世界", "zh:farewell:farewell"),
    ("替我跟爸妈说对不起", "zh:farewell:farewell"),
    ("下辈子再见", "zh:farewell:farewell"),
    ("我买了绳子", "zh:plan:plan"),
    ("我打算今晚自杀", "zh:ideation:want_to_die"),
    ("我想睡过去永远不要醒来", "zh:ideation:want_to_die"),
    ("wo xiang zi sha", "cmn:ideation:romanised"),
]

ALL_POSITIVE = EN_POSITIVE + YUE_POSITIVE + CMN_POSITIVE

# --- Idioms and ordinary talk that must NOT trigger ---
NEGATIVE = [
    # Cantonese / Mandarin hyperbole
    "笑死",
    "笑死我",
    "嚇死我",
    "吓死我了",
    "我死定了",
    "死定啦",
    "攰到死",
    "累死了",
    "热死了",
    "今日忙死",
    "悶死",
    "闷死了",
    "想死你了",
    "好耐冇見，想死你",
    "氣死我",
    "气死我了",
    "饿死了",
    "餓死啦",
    "煩死",
    "烦死人",
    "死線係聽日",
    "明天就是死线",
    "架車死火",
    "手机死机了",
    "跳樓價大減價",
    "吊頸都要唞氣",
    "個死變態",
    "全世界手機都有我啲相",
    # English idioms
    "dying to know what he wants",
    "i was scared to death",
    "my mum will kill me if she finds out",
    "my dad is going to kill me",
    "dead tired",
    "im dead lol",
    "the deadline is friday",
    "you're killing it",
    "just to kill time",
    "she was drop dead gorgeous",
    "my phone is dead",
    "i died laughing",
    "cut myself some slack",
    "that's odd",
    "i want to end it with him",
    "i want to disappear from social media",
    "he threatened to kill me",
    "he keeps sending me photos of myself",
    "i'm going to jump on a call with the police",
    "i took my pills this morning",
    "I'm so scared I can't sleep",
    # wishing harm on the blackmailer is not self-harm
    "他死了就好了",
    "我想佢死",
    # ordinary sextortion messages
    "he says he will send the video to my friends",
    "佢話要send段片俾我friend",
    "他要我给他五千块",
    "i took my medicine",
    "我要食藥",
    "",
    "   ",
    "👍",
]

# --- idiom + real signal in one message: still a crisis ---
MIXED = [
    "笑死 但係我真係想死",
    "嚇死我 我想跳樓",
    "攰到死，唔想再生存",
    "我好累死了算了",
    "死定了，不如死了算了",
    "想死你了 但我其实想自杀",
    "lol im dead. but seriously i want to die",
    "my mum will kill me, i'd rather kill myself",
    "dying to know but honestly i want to end it all",
    "deadline tomorrow and i just want to die",
]


# --- families found missing by a held-out evaluation; examples are our own,
# written per family (the evaluation strings themselves are not used) ---
FAMILY_POSITIVE = [
    # farewell: leaving + goodbye, afterlife, "if I don't reply", last words
    ("阿爸 對唔住 我走喇 拜拜", "zh:farewell:farewell"),
    ("好累了，我要走了，不要找我", "zh:farewell:farewell"),
    ("我走先喇 你哋唔好掛住我", "zh:farewell:farewell"),
    ("下世我再孝順返你哋", "zh:farewell:farewell"),
    ("来生再报答你们的养育之恩", "zh:farewell:farewell"),
    ("下輩子我還要做你的女兒", "zh:farewell:farewell"),
    ("假如聽朝我冇覆你 即係我已經唔喺度", "zh:farewell:farewell"),
    ("要是明早我都没回复，就代表我已经走了", "zh:farewell:farewell"),
    ("以後都唔會再煩住你哋", "zh:farewell:farewell"),
    ("永遠都唔會再返嚟", "zh:farewell:farewell"),
    ("if you don't hear from me by tomorrow, i'm sorry", "en:farewell:farewell"),
    ("if i don't answer by morning it means i'm gone", "en:farewell:farewell"),
    ("please tell everybody i'm so sorry", "en:farewell:farewell"),
    ("i'll be gone before anyone wakes up", "en:farewell:farewell"),
    ("you won't have to worry about me anymore", "en:farewell:farewell"),
    # loss of will to live
    ("我冇面再活落去", "zh:ideation:dont_want_to_live"),
    ("被全班看到了 我已經無顏面做人", "zh:ideation:dont_want_to_live"),
    ("真係活唔下去喇", "zh:ideation:dont_want_to_live"),
    ("没有任何理由再活下去", "zh:ideation:dont_want_to_live"),
    ("活着还有什么意义", "zh:ideation:dont_want_to_live"),
    ("我嘅人生已經完咗", "zh:ideation:dont_want_to_live"),
    ("honestly i don't see the point in living", "en:ideation:no_will_to_live"),
    ("what's the point of living now", "en:ideation:no_will_to_live"),
    ("after this my life is over", "en:ideation:no_will_to_live"),
    ("life isn't worth living", "en:ideation:no_will_to_live"),
    # means at hand / prepared
    ("安眠藥而家喺我枱面", "zh:means:at_hand"),
    ("我手上拿著一把刀", "zh:means:at_hand"),
    ("揸住把界刀", "zh:means:at_hand"),
    ("我而家坐咗喺欄杆外面", "zh:means:at_hand"),
    ("绳子已经绑好了", "zh:plan:plan"),
    ("啲藥全部準備好咗", "zh:plan:plan"),
    ("我儲夠咗藥", "zh:plan:plan"),
    ("my pills are all lined up in front of me", "en:means:at_hand"),
    ("got the rope tied", "en:means:at_hand"),
    ("sitting on the railing of the bridge rn", "en:means:jump"),
    ("i'm at the top of the car park", "en:means:jump"),
    # the note
    ("i've written my goodbye letter", "en:plan:plan"),
    ("left a note for my family", "en:plan:plan"),
    ("我寫咗封信俾屋企人", "zh:plan:plan"),
    ("絕筆已經寫好", "zh:plan:plan"),
    # ongoing self-harm
    ("i've been cutting again", "en:self_harm:self_harm"),
    ("started cutting myself again last week", "en:self_harm:self_harm"),
    ("still cutting every night", "en:self_harm:self_harm"),
    ("我成日都𠝹緊手", "zh:self_harm:self_harm"),
    ("又鎅咗", "zh:self_harm:self_harm"),
    ("忍不住又割了手腕", "zh:self_harm:self_harm"),
    ("我最近一直在划手", "zh:self_harm:self_harm"),
    ("手臂上有好多刀痕", "zh:self_harm:self_harm"),
    # method seeking
    ("what is the most painless way to kill myself", "en:plan:method_seeking"),
    ("how many panadol would it take", "en:plan:method_seeking"),
    ("lethal dose of paracetamol?", "en:plan:method_seeking"),
    ("食幾多粒安眠藥先會死", "zh:plan:method_seeking"),
    ("怎样才能死得快一点", "zh:plan:method_seeking"),
    ("有冇方法可以無痛咁死", "zh:plan:method_seeking"),
    ("最舒服嘅死法係咩", "zh:plan:method_seeking"),
    ("幾高跌落去先會死", "zh:plan:method_seeking"),
    ("燒炭會唔會好痛", "zh:plan:method_seeking"),
    # not wanting tomorrow
    ("我唔想面對聽日", "zh:ideation:dont_want_to_live"),
    ("真係唔想再見到明天", "zh:ideation:dont_want_to_live"),
    ("希望今晚瞓著之後唔好再醒", "zh:ideation:dont_want_to_live"),
    ("不想迎接明天了", "zh:ideation:dont_want_to_live"),
    ("i don't want to see tomorrow", "en:ideation:dont_want_to_live"),
    ("hope i don't wake up tomorrow", "en:ideation:dont_want_to_live"),
    ("i won't make it through the night", "en:ideation:dont_want_to_live"),
]

# ordinary messages near the new families that must stay quiet
FAMILY_NEGATIVE = [
    "我走咗去警署報案",
    "我走了 明天再聊",
    "如果明天我沒空 可以改天嗎",
    "下輩子都唔會再信網友",
    "他已經不在線上了",
    "我唔喺度 出咗街",
    "剪刀在我桌上",
    "我拿着刀切水果",
    "拿着刀的人是他",
    "我买了药 感冒了",
    "药已经吃了 谢谢",
    "撐不下去的公司",
    "不想看到明天的新闻",
    "我唔會再返嚟呢間舖",
    "點樣先可以報警",
    "有冇方法可以刪相",
    "i wrote the note to my teacher about the absence",
    "the pills are ready for pickup at the pharmacy",
    "he said he is holding a knife",
    "i'm on the bridge road near the station",
    "cutting back on screen time",
    "i've been cutting classes because of this",
    "how many pills of panadol for a headache",
    "how many times do i need to report it",
    "what is the easiest way to report this",
    "i'll be gone for a week",
    "tell everyone the truth",
    "i can't go on instagram anymore",
    "i can't keep going to school like this",
]

# idioms: no crisis, and the masked span is reported (normalised text)
IDIOMS = [
    ("悶到死呀", "闷到死"),
    ("饿得要死", "饿得要死"),
    ("累得要死 明天再說", "累得要死"),
    ("冷死了 今晚唔出街", "冷死了"),
    ("今日熱到死咗", "热到死咗"),
    ("想死你啦老婆", "想死你啦"),
    ("好想死你哋呀 幾時返香港", "想死你哋呀"),
    ("想死妳了 甚麼時候見面", "想死你了"),
    ("i'm dying to see you", "dying to see"),
]

# a death word next to "想死你" that is NOT the idiom, or idiom + real signal
IDIOM_AND_SIGNAL = [
    "我好想死你哋都唔明",
    "想死你啦 但我真係唔想活",
    "冷死了 我想跳海",
    "悶到死 我寫好遺書",
]


@pytest.mark.parametrize(("text", "signal"), FAMILY_POSITIVE)
def test_family_positive(text: str, signal: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, text
    assert signal in finding.signals, (text, finding.signals)


@pytest.mark.parametrize("text", FAMILY_NEGATIVE)
def test_family_negative(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, (text, finding.signals)


@pytest.mark.parametrize(("text", "idiom"), IDIOMS)
def test_idioms_are_reported(text: str, idiom: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, (text, finding.signals)
    assert finding.idioms == (idiom,), (text, finding.idioms)


@pytest.mark.parametrize("text", IDIOM_AND_SIGNAL)
def test_idiom_next_to_signal(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


def test_idioms_field() -> None:
    assert detect_crisis("我想死").idioms == ()
    assert detect_crisis("").idioms == ()
    finding = detect_crisis("笑死 但係我真係想死")
    assert finding.is_crisis
    assert finding.idioms == ("笑死",)
    # several idioms, in message order; overlapping ones are merged
    assert detect_crisis("累死了，又熱死").idioms == ("累死了", "热死")
    assert CrisisFinding(True, ("x",)) == CrisisFinding(True, ("x",), ())


def test_family_counts() -> None:
    assert len(FAMILY_POSITIVE) >= 60
    han = [t for t, _ in FAMILY_POSITIVE if not t.isascii()]
    assert any("樓" in t or "藥" in t or "劃" in t or "見" in t for t in han)  # Traditional
    assert any("药" in t or "绳" in t or "复" in t for t in han)  # Simplified


@pytest.mark.parametrize(("text", "signal"), ALL_POSITIVE)
def test_positive(text: str, signal: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, text
    assert signal in finding.signals, (text, finding.signals)


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text: str) -> None:
    finding = detect_crisis(text)
    assert (finding.is_crisis, finding.signals) == (False, ()), (text, finding.signals)


@pytest.mark.parametrize("text", MIXED)
def test_idiom_does_not_hide_signal(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


def test_case_counts() -> None:
    assert len(ALL_POSITIVE) >= 60
    assert len(NEGATIVE) >= 30
    han_positive = [t for t, _ in YUE_POSITIVE + CMN_POSITIVE if not t.isascii()]
    assert any("殺" in t or "樓" in t for t in han_positive)  # Traditional
    assert any("杀" in t or "楼" in t for t in han_positive)  # Simplified


def test_whatever_else_the_message_says() -> None:
    text = "他说不给钱就把视频发给我所有同学，我付了5000他还要更多，我不想活了"
    finding = detect_crisis(text)
    assert finding.is_crisis
    assert finding.signals == ("zh:ideation:dont_want_to_live",)


def test_several_signals_reported_in_lexicon_order() -> None:
    finding = detect_crisis("i want to die, i bought charcoal. 我想燒炭")
    assert finding.signals[0].startswith("en:")
    assert "en:ideation:want_to_die" in finding.signals
    assert "en:plan:plan" in finding.signals
    assert "zh:means:charcoal" in finding.signals


def test_finding_is_frozen() -> None:
    finding = detect_crisis("kms")
    with pytest.raises(AttributeError):
        finding.is_crisis = False  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I DON'T want to DIEEE!!!", "i dont want to die"),
        ("su1c1de", "suicide"),
        ("想 死", "想死"),
        ("食哂D藥", "食晒啲药"),
        ("係咪", "系咪"),
        ("ｋｍｓ", "kms"),
        ("want 2 die", "want to die"),
        # a number with its unit is no leetspeak (round 10)
        ("my 10yo said it at 3am", "my 10yo said it at 3am"),
        ("the 4th time, 1st warning", "the 4th time 1st warning"),
        ("3nd it", "end it"),
        # nor a school year (round 38: "an s3 boy" had read "an se boy")
        *((f"an {year} kid", f"an {year} kid") for year in ("s3", "f4", "p4", "y13", "sec3", "form4", "jc1")),
        ("i want to d13", "i want to die"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_lexicon_is_well_formed() -> None:
    data = yaml.safe_load(CRISIS_PATH.read_text(encoding="utf-8"))
    families = {"ideation", "plan", "means", "self_harm", "farewell", "hopeless"}
    ids = set()
    for section in ("en", "zh", "yue", "cmn"):
        for item in data[section]:
            assert item["family"] in families, item["id"]
            assert item.get("level", "crisis") in {"crisis", "concern"}, item["id"]
            # "self": the words can only be the texter's own (round 9: 有啲驚自己, "told to kill
            # myself and i will")
            assert item.get("about") in {None, "other", "self"}, item["id"]
            assert item.get("phrases") or item.get("regex"), item["id"]
            for phrase in item.get("phrases") or []:
                assert isinstance(phrase, str), (item["id"], phrase)
            key = f"{section}:{item['family']}:{item['id']}"
            assert key not in ids
            ids.add(key)
    for items in data["idioms"].values():
        for item in items:
            for phrase in item.get("phrases") or []:
                assert isinstance(phrase, str), (item["id"], phrase)
                # an idiom must never be a crisis signal on its own account
                assert not detect_crisis(phrase).is_crisis, phrase


def test_no_pattern_matches_empty_text() -> None:
    lexicon = _lexicon()
    for entry in lexicon.entries:
        for side in (entry.han, entry.latin):
            assert side.union is None or side.union.search("") is None, entry.signal


@pytest.mark.parametrize(
    "text",
    [
        "我決定今晚自己了斷",
        "唔想再拖累人 不如了結自己",
        "我想了结生命",
        "我真係好想從天台跳落去",
        "每天都想从阳台往下跳",
        "我而家喺橋上",
        "我在悬崖边了",
        "幫我同我爸講句對唔住",
        "跟我妈说声对不起吧",
    ],
)
def test_ending_oneself_jumping_and_apologies_to_family(text: str) -> None:
    assert detect_crisis(text).is_crisis


@pytest.mark.parametrize(
    "text",
    ["同佢做個了斷 唔再聯絡", "我在海边玩 好开心", "我喺橋上面影相 好靚"],
)
def test_clean_breaks_and_places_are_not_crises(text: str) -> None:
    assert not detect_crisis(text).is_crisis


# --- second round of families (general warning signs from crisis-line guidance):
# extortion ultimatums, passive wishes, unbearable pain, slang, method details,
# new means, self-harm details, farewell behaviours; examples are our own ---
WARNING_SIGN_POSITIVE = [
    # extortion ultimatums: "if he posts it im done"
    ("if those pics go out im so done", "en:ideation:ultimatum"),
    ("if my dad sees it i'm finished", "en:ideation:ultimatum"),
    ("i'll die before i let him post it", "en:ideation:ultimatum"),
    ("i can't live with the shame", "en:ideation:ultimatum"),
    ("i won't survive if this gets out", "en:ideation:ultimatum"),
    # better off without me / burden
    ("honestly the world would be better if i was gone", "en:ideation:better_off_gone"),
    ("they would all be happier without me", "en:ideation:better_off_gone"),
    ("i'm not going to be around much longer", "en:ideation:better_off_gone"),
    ("you'll all be free of me soon", "en:ideation:better_off_gone"),
    ("冇咗我 屋企人仲開心啲", "zh:ideation:better_without_me"),
    ("没有我大家都会过得更好", "zh:ideation:better_without_me"),
    ("我係多餘嘅人", "zh:ideation:better_without_me"),
    ("我不配活在这个世界上", "zh:ideation:better_without_me"),
    ("點解我仲要生存", "zh:ideation:better_without_me"),
    ("為什麼我還要活著", "zh:ideation:better_without_me"),
    ("我唔想再拖累阿媽", "zh:ideation:better_without_me"),
    ("如果我死咗佢會唔會收手", "zh:ideation:better_without_me"),
    # passive wishes, death as relief
    ("pls just let a truck hit me", "en:ideation:passive_wish"),
    ("i wish i never existed", "en:ideation:passive_wish"),
    ("i just wanna fade away", "en:ideation:passive_wish"),
    ("why am i even alive", "en:ideation:passive_wish"),
    ("i don't deserve to be alive", "en:ideation:passive_wish"),
    ("i want to sleep and just not wake up", "en:ideation:passive_wish"),
    ("death feels like the only option", "en:ideation:passive_wish"),
    ("i want to join my brother in heaven", "en:ideation:passive_wish"),
    # leaving the world
    ("我想永遠離開呢個世界", "zh:ideation:leave_world"),
    ("我想喺呢個世界消失咗佢", "zh:ideation:leave_world"),
    ("想去另一個世界", "zh:ideation:leave_world"),
    ("我想从这个世界上彻底消失", "zh:ideation:leave_world"),
    # unbearable pain, cannot hold on, weary of life
    ("the pain is too much to bear", "en:ideation:unbearable"),
    ("i just want the pain to stop", "en:ideation:unbearable"),
    ("i can't hold on any longer", "en:ideation:unbearable"),
    ("soon it will all be over", "en:ideation:unbearable"),
    ("this is the end of the road for me", "en:ideation:unbearable"),
    ("what's the point of anything anymore", "en:ideation:unbearable"),
    ("thinking about ending things", "en:ideation:end_my_life"),
    ("做人真係冇意思", "zh:ideation:weary_of_life"),
    ("活得太累了", "zh:ideation:weary_of_life"),
    ("活著好痛苦", "zh:ideation:weary_of_life"),
    ("我撐唔過今晚", "zh:ideation:weary_of_life"),
    ("唔知自己仲可以捱幾耐", "zh:ideation:weary_of_life"),
    ("我已经没法活了", "zh:ideation:weary_of_life"),
    ("我想放棄自己", "zh:ideation:weary_of_life"),
    ("我的人生到此为止", "zh:ideation:weary_of_life"),
    # slang and euphemism for ending oneself
    ("im gonna off myself", "en:ideation:kill_myself_slang"),
    ("gonna neck myself tonight", "en:ideation:kill_myself_slang"),
    ("我想殺死自己", "zh:ideation:end_self"),
    ("我想把自己杀掉", "zh:ideation:end_self"),
    ("想吊死自己", "zh:ideation:end_self"),
    ("我想一頭撞死", "zh:ideation:end_self"),
    ("我想紫砂啊", "zh:ideation:end_self"),
    ("想zs了", "zh:ideation:end_self"),
    ("我真的活腻了", "zh:ideation:end_self"),
    ("我怕自己會想不開", "zh:ideation:end_self"),
    ("我想解脫啊", "zh:ideation:end_self"),
    ("想尋短見", "zh:ideation:end_self"),
    ("死掉算了", "zh:ideation:end_self"),
    # method details
    ("how much tylenol is fatal", "en:plan:method_detail"),
    ("would 40 pills be enough to kill me", "en:plan:method_detail"),
    ("does drowning hurt", "en:plan:method_detail"),
    ("is the 12th floor high enough to die", "en:plan:method_detail"),
    ("where can i buy charcoal", "en:plan:method_detail"),
    ("just bought razor blades", "en:plan:method_detail"),
    ("幾多層樓跳落去先會死", "zh:plan:method_detail"),
    ("吃多少安眠药会死", "zh:plan:method_detail"),
    # overdose details: counts, whole packs, hoarding, alcohol
    ("i took 25 sleeping pills", "en:means:overdose_detail"),
    ("i swallowed the whole box", "en:means:overdose_detail"),
    ("popping my pills with vodka", "en:means:overdose_detail"),
    ("i've been hoarding my antidepressants", "en:means:overdose_detail"),
    ("我食咗二十幾粒安眠藥", "zh:means:overdose_detail"),
    ("我吃了三十多片", "zh:means:overdose_detail"),
    ("我偷偷攒了很多安眠药", "zh:means:overdose_detail"),
    ("安眠藥同酒一齊食", "zh:means:overdose_detail"),
    # new means: tracks, sea, traffic, rivers, gas, sealed windows
    ("thinking about jumping", "en:means:means_more"),
    ("i'm lying on the train tracks", "en:means:means_more"),
    ("walking into the ocean tonight", "en:means:means_more"),
    ("i'm going to drive my car off the bridge", "en:means:means_more"),
    ("想跳江", "zh:means:means_more"),
    ("想卧轨自杀", "zh:means:means_more"),
    ("我想跳落路軌", "zh:means:means_more"),
    ("我想被火車撞死", "zh:means:means_more"),
    ("我想衝出馬路", "zh:means:means_more"),
    ("我封好咗啲窗", "zh:means:means_more"),
    ("我想開瓦斯", "zh:means:means_more"),
    # self-harm details
    ("i keep punching myself", "en:self_harm:self_harm_detail"),
    ("i scratch my arms until they bleed", "en:self_harm:self_harm_detail"),
    ("burnt my wrist with a lighter", "en:self_harm:self_harm_detail"),
    ("carved his name into my thigh", "en:self_harm:self_harm_detail"),
    ("relapsed on sh after 3 months", "en:self_harm:self_harm_detail"),
    ("我𠝹咗手臂好多次", "zh:self_harm:self_harm_detail"),
    ("我又用刀划了手腕", "zh:self_harm:self_harm_detail"),
    ("我成日用頭撞牆", "zh:self_harm:self_harm_detail"),
    ("自己打自己", "zh:self_harm:self_harm_detail"),
    ("鎅完先冷靜到", "zh:self_harm:self_harm_detail"),
    ("割完才覺得平靜", "zh:self_harm:self_harm_detail"),
    # farewell behaviours: giving away, pets, thanks, forgiveness, will, after
    ("i gave away all my stuff", "en:farewell:farewell_behaviour"),
    ("please take care of my dog when i'm gone", "en:farewell:farewell_behaviour"),
    ("thank you for everything mum", "en:farewell:farewell_behaviour"),
    ("forgive me for what i'm going to do", "en:farewell:farewell_behaviour"),
    ("love you guys, goodbye", "en:farewell:farewell_behaviour"),
    ("i've sorted out my will", "en:farewell:farewell_behaviour"),
    ("just wanted to say goodbye to everyone", "en:farewell:farewell_behaviour"),
    ("i'll be at peace soon", "en:farewell:farewell_behaviour"),
    ("they'll be sorry when i'm dead", "en:farewell:farewell_behaviour"),
    ("我先走一步", "zh:farewell:farewell_behaviour"),
    ("今晚係我人生最後一晚", "zh:farewell:farewell_behaviour"),
    ("我想同你哋講再見", "zh:farewell:farewell_behaviour"),
    ("我將所有嘢都送晒俾人", "zh:farewell:farewell_behaviour"),
    ("我把所有东西都送人了", "zh:farewell:farewell_behaviour"),
    ("以後唔使再掛住我", "zh:farewell:farewell_behaviour"),
    ("幫我搞掂我嘅後事", "zh:farewell:farewell_behaviour"),
    ("多謝阿媽咁多年嘅照顧", "zh:farewell:farewell_behaviour"),
    ("谢谢爸妈这么多年的养育", "zh:farewell:farewell_behaviour"),
    ("報答唔到你哋嘅養育之恩", "zh:farewell:farewell_behaviour"),
]

# ordinary talk next to the new families: must stay quiet
WARNING_SIGN_NEGATIVE = [
    "i'm done with homework",
    "if he deletes it i'm done paying",
    "if i pay will it be over",
    "i'm finished with my exam",
    "give away my old clothes",
    "i'm on bridge road",
    "meet me at the train station",
    "i want the photos to disappear",
    "i wish he would disappear",
    "i'm happier without him",
    "why am i still getting messages from him",
    "the pain in my back is unbearable",
    "i want the threats to stop",
    "it will be over soon if you report it",
    "thanks for everything, really helpful",
    "thank you for everything you've done",
    "i want to say goodbye to this chat",
    "my will to report him is strong",
    "i'll be gone for the weekend",
    "he keeps sending me photos of myself",
    "showing off myself in pics was dumb",
    "i beat myself up about it",
    "i hit myself on the door by accident lol",
    "i bought new razors",
    "can you look after my dog this weekend",
    "the only way out is to pay?",
    "佢想我喺世界上消失",
    "我想段片永遠消失",
    "我想離開呢個group",
    "佢冇我咁高",
    "他没有我高",
    "我唔值得被人咁對",
    "點解佢仲要send",
    "唔想再麻煩大家",
    "我想放棄呢個戶口",
    "想不開心都難",
    "他活腻了吧",
    "我食咗兩粒必理痛",
    "我吃了三片药",
    "我存了很多钱",
    "我想冲出去找他理论",
    "谢谢你们的帮助",
    "多謝你嘅幫助",
    "我先走一步 聽日見",
    "今晚係最後一晚優惠",
    "以後唔使再擔心呢件事",
    "明天是最后一天上班",
    "紫砂壶很贵",
    "这个游戏太难了 撞墙了",
    "我不想活动",
    "唔想活動",
    "我想从他的手机里删除照片",
]


@pytest.mark.parametrize(("text", "signal"), WARNING_SIGN_POSITIVE)
def test_warning_sign_positive(text: str, signal: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, text
    assert signal in finding.signals, (text, finding.signals)


@pytest.mark.parametrize("text", WARNING_SIGN_NEGATIVE)
def test_warning_sign_negative(text: str) -> None:
    finding = detect_crisis(text)
    assert not finding.is_crisis, (text, finding.signals)


@pytest.mark.parametrize(
    "text",
    [
        "scared to death but if he posts it i'm done",
        "笑死 冇咗我大家會好啲",
        "累死了 我想被車撞死",
        "my mum will kill me, i'd rather she found my note when i'm dead",
    ],
)
def test_warning_sign_next_to_idiom(text: str) -> None:
    assert detect_crisis(text).is_crisis, text


def test_warning_sign_counts() -> None:
    assert len(WARNING_SIGN_POSITIVE) >= 100
    families = {signal.split(":")[1] for _, signal in WARNING_SIGN_POSITIVE}
    assert families == {"ideation", "plan", "means", "self_harm", "farewell"}
    han = [t for t, _ in WARNING_SIGN_POSITIVE if not t.isascii()]
    assert any("覺" in t or "這" in t or "爸媽" in t or "麼" in t for t in han)  # Traditional
    assert any("这" in t or "药" in t or "没" in t for t in han)  # Simplified


# --- levels (issue 12): a possible signal is a concern, never a crisis on its own ---
CONCERN = [
    ("I can't go on like this", "en:hopeless:cant_go_on"),
    ("i can't keep going like this", "en:hopeless:cant_go_on"),
    ("i cant take it anymore", "en:hopeless:cant_go_on"),
    ("there's no way out of this", "en:hopeless:hopeless"),
    ("i feel so trapped", "en:hopeless:hopeless"),
    ("nothing will ever get better", "en:hopeless:hopeless"),
    ("i hate myself so much", "en:hopeless:hopeless"),
    ("sorry for being such a burden", "en:hopeless:hopeless"),
    ("i tried before, years ago", "en:plan:past_attempt"),
    ("我真的撑不下去了", "zh:hopeless:hopeless"),
    ("好攰唔想再撐", "zh:hopeless:hopeless"),
    ("走投無路", "zh:hopeless:hopeless"),
    ("真的很绝望", "zh:hopeless:hopeless"),
    ("冇人幫到我", "zh:hopeless:hopeless"),
]


@pytest.mark.parametrize(("text", "signal"), CONCERN)
def test_concern_level(text: str, signal: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "concern", (text, finding)
    assert not finding.is_crisis
    assert signal in finding.concerns, (text, finding.concerns)


def test_risk_property() -> None:
    assert detect_crisis("i want to die").risk == "crisis"
    assert detect_crisis("the weather is nice").risk == "none"
    assert detect_crisis("笑死").risk == "none"


# --- clear signals in the families a held-out evaluation found missing (our own wording) ---
NEW_CRISIS = [
    ("counted out 40 pills on my desk", "en:means:means_named"),
    ("i have a belt around my neck", "en:means:means_named"),
    ("sealed the windows and lit the bbq charcoal", "en:means:means_named"),
    ("if he posts it thats it for me", "en:ideation:conditional"),
    ("i hope i get in an accident on the way home", "en:ideation:passive_more"),
    ("i wouldnt mind if i didnt wake up", "en:ideation:passive_more"),
    ("I tried last year and I dont feel safe now", "en:plan:unsafe_now"),
    ("im scared of what i might do tonight", "en:plan:unsafe_now"),
    ("wearing long sleeves to hide my arms again", "en:self_harm:self_harm_acts"),
    ("the blade is the only thing that helps", "en:self_harm:self_harm_acts"),
    ("佢放上網我就去死", "zh:ideation:conditional"),
    ("如果段片傳出去我就一了百了", "zh:ideation:conditional"),
    ("我用皮帶綁住條頸", "zh:means:means_named"),
    ("買咗包炭返屋企", "zh:means:means_named"),
    ("希望出意外", "zh:ideation:passive_more"),
    ("我以前試過燒炭，今晚又想", "zh:plan:unsafe_now"),
    ("怕自己會做傻事", "zh:plan:unsafe_now"),
    ("要用長袖遮住啲傷", "zh:self_harm:self_harm_acts"),
    ("💊💊💊💊 tonight", "emoji:means:pills"),
    ("什麼藥吃多了會死", "zh:means:means_more2"),
    ("屋企有支漂白水 諗緊飲落去", "zh:means:means_more2"),
    ("我静静地离开就好", "zh:farewell:farewell_more"),
    ("been looking at bridges without fences", "en:means:means_more2"),
    ("sorry mum, none of this is your fault. love you", "en:farewell:farewell_more"),
    ("🔪🩸", "emoji:self_harm:blade_blood"),
]


@pytest.mark.parametrize(("text", "signal"), NEW_CRISIS)
def test_new_crisis_families(text: str, signal: str) -> None:
    finding = detect_crisis(text)
    assert finding.is_crisis, (text, finding)
    assert signal in finding.signals, (text, finding.signals)


# --- who is at risk ---
ABOUT = [
    ("i want to die", "self"),
    ("he says he will post it and i want to die", "self"),
    ("佢話要放上網，我想死", "self"),
    ("my son told me he wants to die", "other"),
    ("my friend said she wants to kill herself", "other"),
    ("my daughter has been cutting her arms", "other"),
    ("i think my brother might hurt himself", "other"),
    ("佢話佢想死", "other"),
    ("我個仔話唔想活", "other"),
    ("我朋友想自殺", "other"),
    ("我同学说她想跳楼", "other"),
    ("想死", None),
]


@pytest.mark.parametrize(("text", "about"), ABOUT)
def test_about(text: str, about: str | None) -> None:
    finding = detect_crisis(text)
    assert finding.risk != "none", text
    assert finding.about == about, (text, finding)


def test_no_signal_is_about_nobody() -> None:
    assert detect_crisis("my son is 14").about is None


# --- violence towards others and more idioms are not self-harm ---
NOT_SELF_HARM = [
    "i'll kill him if he posts it",
    "i want to kill that scammer",
    "我要殺咗佢",
    "我想打死佢",
    "i'd die of embarrassment if my class saw",
    "dying to get this over with",
    "killing it at work though",
    "嚇死我",
    "死火，部電話死機",
    "聽日死線",
    "💀💀💀 so funny",
    "took my 💊 this morning",
    "i tried to report it before",
    "i give up on getting my money back",
    "never give up",
    "感冒了，吃完药睡一下",
    "如果俾老豆知我就死得",
    "真係頂唔順佢 成日send message嚟",
    "dont give up on me",
    "i'm so done with this guy",
]


@pytest.mark.parametrize("text", NOT_SELF_HARM)
def test_not_self_harm(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "none", (text, finding)


# --- issue 12, third round (English): warning signs without the usual words, and the same signs
# seen in someone else (written for these tests, not taken from any evaluation set) ---
ROUND3_EN = [
    # (text, level, family signal, about)
    ("honestly nothing matters anymore", "concern", "en:hopeless:hopeless_round3", None),
    ("i wonder if any of it is even worth it", "concern", "en:hopeless:hopeless_round3", None),
    ("i messed up my whole life", "concern", "en:hopeless:hopeless_round3", "self"),
    ("i just want the voices to stop", "concern", "en:hopeless:hopeless_round3", "self"),
    ("feel so empty all the time", "concern", "en:hopeless:hopeless_round3", None),
    ("my dad would be happier once im gone", "crisis", "en:ideation:burden_round3", "self"),
    ("theyd be better off w/o me", "crisis", "en:ideation:burden_round3", "self"),
    ("nobody cares whether i live or die", "crisis", "en:ideation:burden_round3", "self"),
    ("my friend thinks shes a burden to everyone", "crisis", "en:ideation:burden_round3", "other"),
    ("you wont need to worry about me after tonight", "crisis", "en:farewell:farewell_round3", "self"),
    ("logging off for good", "crisis", "en:farewell:farewell_round3", None),
    ("gave away all my games and my clothes", "crisis", "en:farewell:farewell_round3", "self"),
    (
        "updated my will and left my savings to my sister",
        "concern",
        "en:farewell:farewell_concern_round3",
        "self",
    ),
    ("been stockpiling my sleeping tablets", "crisis", "en:means:means_round3", "self"),
    ("she took a whole packet of paracetamol", "crisis", "en:means:means_round3", "other"),
    (
        "my uncles rifle is in the cupboard and i keep thinking about it",
        "crisis",
        "en:means:means_round3",
        "self",
    ),
    ("standing on the bridge i could just let go", "crisis", "en:means:means_round3", "self"),
    ("my brother is sitting on his window ledge", "crisis", "en:means:means_round3", "other"),
    ("scratched my forearm with a safety pin", "crisis", "en:self_harm:self_harm_round3", "self"),
    ("found blades under her mattress", "crisis", "en:self_harm:self_harm_other_round3", "other"),
    ("my bro scratches his arms with a pin", "crisis", "en:self_harm:self_harm_other_round3", "other"),
    (
        "my sister took a load of mums tablets and shes so drowsy",
        "crisis",
        "en:means:means_other_round3",
        "other",
    ),
    ("i swallowed a handful of my antidepressants", "crisis", "en:means:means_round3", "self"),
    (
        "my bestie gave me her bracelet to keep just in case",
        "crisis",
        "en:farewell:farewell_other_round3",
        "other",
    ),
    ("he says hed rather be gone than face his dad", "crisis", "en:ideation:ideation_other_round3", "other"),
    (
        "my mate told me hes a burden and nobody would miss him",
        "crisis",
        "en:ideation:burden_other_round3",
        "other",
    ),
    ("honestly id rather not exist", "crisis", "en:ideation:someone_signs_round3", "self"),
    ("sent him a selfie with my uncles gun", "crisis", "en:means:means_round3", "self"),
    (
        "leaving my brother all my savings and my bike",
        "concern",
        "en:farewell:farewell_concern_round3",
        "self",
    ),
    ("smashed my head against the wall again", "crisis", "en:self_harm:self_harm_round3", "self"),
    ("keep pulling out my eyelashes", "concern", "en:self_harm:self_harm_concern_round3", "self"),
    ("my son wishes he was never born", "crisis", "en:ideation:third_person_round3", "other"),
    ("my daughter says her life is over", "crisis", "en:ideation:third_person_round3", "other"),
    ("my friend doesnt want to wake up tomorrow", "crisis", "en:ideation:third_person_round3", "other"),
    ("if the pics get out shes gone, she told me", "crisis", "en:ideation:third_person_round3", None),
    ("my mate keeps googling ways to die", "crisis", "en:plan:method_seeking", "other"),
]


@pytest.mark.parametrize(("text", "level", "signal", "about"), ROUND3_EN)
def test_round3_en(text: str, level: str, signal: str, about: str | None) -> None:
    finding = detect_crisis(text)
    assert finding.risk == level, (text, finding)
    assert signal in finding.signals + finding.concerns, (text, finding)
    if about is not None:
        assert finding.about == about, (text, finding)


ROUND3_EN_NEGATIVE = [
    "gave my old phone to my brother",
    "he made me take 2 paracetamol for the headache",
    "i burnt my arm on the oven",
    "thank you so much for everything",
    "the last time i paid him he wanted more",
    "no solution for this homework",
    "he scratched my car",
    "i want to kill the guy who did this",
    "i bought a gun to shoot him",
    "found my old razor in the drawer, shaving later",
    "ill be free after 5",
    "i'll soon be gone for a week on holiday",
    "the screenshot of my pic with his name",
    "nothing matters more than my family",
    "is it worth reporting to police",
    "he keeps making new accounts",
    "i took 2 of my tablets this morning",
    "my mum gave me her old laptop",
    "leaving my brother the car keys tonight",
    "gave my sister her phone back",
    "i dont want to see him tomorrow",
]


@pytest.mark.parametrize("text", ROUND3_EN_NEGATIVE)
def test_round3_en_negative(text: str) -> None:
    finding = detect_crisis(text)
    assert finding.risk == "none", (text, finding)
