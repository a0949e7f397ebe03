"""What the fortieth round of issue 12 taught the lexicon and the whose-words rules.

Hong Kong code-mixed "cut", "die" and "jump" with the spaces texters leave around the English word
(`self_harm_codemixed_round40_zh`, `die_codemixed_round40_zh`, `jump_codemixed_round40_zh`; "kys" in
`codemixed_round39_zh`), found on an own grid of generated lines the thirty-ninth round left unread. From the
misses and false alarms of hold43, opened this round: a knife kept in the texter's desk or taken into their
room (`means_round40`, `means_round40_zh`); nothing the texter does will fix it, an attempt years ago
(`hopeless_concern_round40`, `past_attempt_concern_round40`); a place to vanish into, trailing off, wishing to
have gone with a parent who died, asking whether one is the family's burden, never back to a normal life,
something treasured sent back and no one to be seen again (`passive_concern_round40_zh`,
`gone_with_them_concern_round40_zh`, `burden_concern_round40_zh`, `hopeless_concern_round40_zh`,
`farewell_round40_zh`); not the blackmailer's "last time", a stored-value top-up, a denial reported
(她說她沒有想不開), "no self harm talk" (`denied_round40_en`) or making someone regret being born. Whose
words (bot/triage/crisis.py): a captain, a class monitor, a transfer student; the texter addressed in Malay,
Tagalog or English after a Chinese verb of saying; English words after a Chinese verb of saying; a child's
question with a parent addressed; a line sent (send咗句), all a story says (IG story得一句); "just now" in one
character (刚); someone's words told with how, where or on the phone between (偷偷跟我說, 在微信上跟我說,
昨晚打電話跟我說: `_REPORTED_HAN_RE`, `_HOW_SAID_HAN`); he, she or 佢 saying it once a relation was named,
with where or how, the texter addressed, English words or a question to the parent between
(`_QUOTE_PRONOUN_HAN_RE`, `_ASKED_PARENT_PRONOUN_HAN_RE`). Every text below is own wording in a general form,
none is a set's."""

from __future__ import annotations

import itertools

import pytest

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import assert_whose, table_test

# clear signals: cutting oneself said with the English word, spaces or none around it
CRISIS_SELF = [
    "我今日又 cut 自己",
    "我忍唔住 cut 手",
    "琴晚我 cut 咗手腕",
    "我想 cut 自己",
    "我想cut脈",
    "我又開始cut",
    "我又cut咗",
    "我頭先cut咗好深",
    "我又 cut 咗自己 好痛",
    "我好想 cut 佢話會send出去",
    # a knife kept in the desk or the bed, taken into the room
    "theres a blade under my pillow and nobody knows",
    "刀我已經拿咗入房 唔好報警",
    # something treasured sent back, then no one to be seen again
    "我將結他寄咗返俾表哥，佢送俾我嘅。我唔想再見任何人",
]
# no one named, or the texter: jump said with a time or "about to"
CRISIS_ANYONE = [
    "我就快 jump 㗎喇",
    "我就嚟 jump 落去 點算",
    "我今晚 jump",
    "厨房那把已经拿进房间了",
    "🔪 in my desk drawer. they have my pics",
    "🔪喺我書包",
    "我 jump 落去算",
    "我好想 kys",
]
# someone else's: a captain or a transfer student; the texter addressed in Malay or Cantonese; English words
# after a Chinese verb; a child's question to the parent; a line sent; all a story says
CRISIS_OTHER = [
    "我表弟刚WhatsApp跟我说 kak 我要自杀了",
    "我表妹頭先send message同我講 家姐 我想死",
    "我同学在群里说 I'm going to kill myself tonight",
    "我同學喺group度講 i want to die",
    "我们队长刚传给我：「我今晚就解决自己」",
    "我哋隊長頭先send咗句「我今晚就了結自己」俾我",
    "our team captain (16) said 'i want to die' today",
    "my team captain texted me 'i'm going to end it tonight'",
    "我師弟IG story得一句「我想死」",
    "我表妹個ig story得一句「我想死」",
    "有個轉校生週記寫「我想死」",
    "我班個轉校生喺週記寫「我唔想活」",
    # a denial of such talk beside a clear signal still leaves the signal
    "no self harm talk but he wants to kill himself",
]
CONCERN_OTHER = [
    "我儿子一直问 妈妈我是不是你的累赘 你要是没生我就好了",
    "我個女成日問我 媽咪我係咪你嘅負累",
    "我隊友話「我消失咗大家就唔使煩」",
]
# the texter's own after a child's question to them: another 我 between ends the child's words
CRISIS_SELF_AFTER_A_CHILDS_QUESTION = [
    "我個仔問我 媽媽你係咪好攰 我真係想死",
    "我女儿问我 妈妈你怎么了 我说没事 其实我想死",
]
# possible signals, asked directly: "I will die" / "I'm about to die" with the English word
CONCERN_SELF = [
    "我會 die",
    "我應該會 die 😭",
    "我今晚會 die 㗎喇",
    "我覺得我就快 die 真係好攰",
    # nothing the texter does will fix it; an attempt years ago
    "paid him three times and he still posts. nothing i do will ever fix this",
    "nothings ever going to go right for me",
    "i once tried to jump at 16. that feeling is coming back a bit, not planning anything",
    # wishing to have gone with a parent who died; a place to vanish into; trailing off
    "阿爸上年走咗 有時諗 當初要是同佢一齊走咗就好",
    "佢話聽日唔俾錢就放上網，到時我可能會……算了",
    # asking whether one is a burden; never back to a normal life; trapped
    "我係咪屋企嘅負累",
    "我覺得再也回不到以前的生活",
]
# possible signals, whoever's: a place to vanish into
CONCERN = [
    "好想搵個地方消失",
    "每日返工都覺得自己困死咗喺度",
]
# everyday code-mixed "cut", "die" and "jump": hair, videos, salaries, lines, people cut off, a finger cut
# while cooking; a phone or a game character dying; jumps into water, on a trampoline, in a contest; a new job
EVERYDAY = [
    "我去 cut 頭髮",
    "我好想 cut 短頭髮",
    "我想 cut 個 fringe",
    "我 cut 咗佢 (unfriend)",
    "cut 咗條片先 send",
    "我一直 cut 唔到條片",
    "我想 cut loss",
    "我老闆 cut 咗我人工",
    "我想 cut 咗佢聯絡",
    "我想 cut 咗呢段關係",
    "我 cut 咗手指 切菜果陣",
    "我 cut 咗自己出張相",
    "我想 cut 咗自己出個group",
    "我今日又 cut 咗 class",
    "部電話就快 die",
    "隻 game 我會 die 咗先",
    "我會 die hard fan",
    "我就快 dead line 喇",
    "我明天會 die 喇 exam",
    "我就快攰到 die",
    "我就快 jump ship 轉工",
    "我就 jump 落去個 pool 度",
    "我就嚟 jump 落水",
    "我今晚 jump 咗好多次",
    "我聽日 jump 高比賽",
    "我今晚 jumpstart 架車",
    # the blackmailer's "last time"; a top-up; a denial reported; a threat to someone else
    "should i pay? he promised its the last time",
    "佢叫我幫佢儲值買藥 係咪呃人",
    "我學生話佢冇想不開 只係好驚",
    "等我搵到佢 我會讓他後悔被生出來",
    # kitchen knives in the room to cut fruit; things sent back and seeing people again
    "拿了把刀进房间切水果",
    "我寄咗返本書俾佢，下星期再見大家",
    # no such talk or sign, said of someone else
    "my son ran off tonight after the threat. no self harm talk, just want to know who to call",
    "no signs of self harm, she is just scared",
]

# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())


@pytest.mark.parametrize("text", CRISIS_SELF_AFTER_A_CHILDS_QUESTION)
def test_the_texters_own_signal_after_a_childs_question_stays_theirs(text: str) -> None:
    assert_whose(text, "self", risk="crisis")


# the grid: each signal with each common chat ending is still read (132 of 224 were read as no risk before)
_GRID_SIGNALS = [*CRISIS_SELF[:9], *CRISIS_ANYONE, *CONCERN_SELF[:4]]
_GRID_ENDINGS = ["", " 唔想再撐", " 佢話會send出去", " 冇人知", " 點算", " 😭", " 真係好攰"]


@pytest.mark.parametrize(("signal", "ending"), list(itertools.product(_GRID_SIGNALS, _GRID_ENDINGS)))
def test_a_code_mixed_signal_stays_read_with_a_chat_ending(signal: str, ending: str) -> None:
    assert detect_crisis(signal + ending).risk != "none"


# Mandarin someone else's words told without quote marks, how, where or on the phone between (an own grid of
# 1,050 lines read 105 as the texter's: "偷偷跟我說", "哭著說", "在微信上跟我說", "在限動發了一句",
# "昨晚打電話跟我說")
_MANDARIN_RELATIONS = ["我儿子", "我闺蜜", "我學妹", "我們班一個女生", "我社團學長"]
_MANDARIN_HOW_SAID = [
    "在微信上跟我说",
    "傳訊息跟我說",
    "昨晚打电话跟我说",
    "哭着说",
    "偷偷跟我說",
    "在限動發了一句",
]
_MANDARIN_WORDS = [
    "：我想自杀",
    " 我真的撑不下去了 想一了百了",
    "「我今晚就去跳楼」",
    "「活着好累 不如死了算了」",
]


@pytest.mark.parametrize(
    "text",
    ["".join(parts) for parts in itertools.product(_MANDARIN_RELATIONS, _MANDARIN_HOW_SAID, _MANDARIN_WORDS)],
)
def test_someones_words_told_with_how_or_where_between_are_theirs(text: str) -> None:
    assert_whose(text, "other")


# the texter's own signal after what a relation said to or about them stays the texter's
_TEXTERS_OWN_AFTER_THEIR_WORDS = [
    "我妈昨晚打电话跟我说 我让她很失望 我真的不想活了",
    "我爸在微信上跟我说我是家里的耻辱 我想死",
    "我同学偷偷跟我说我的视频被传开了 我想自杀",
    "我老公打电话来说他都知道了 我真的想一了百了",
]


@pytest.mark.parametrize("text", _TEXTERS_OWN_AFTER_THEIR_WORDS)
def test_the_texters_own_signal_after_a_relations_words_stays_theirs(text: str) -> None:
    assert_whose(text, "self", risk="crisis")


# he, she or 佢 saying it, once a relation was named before: where or how said, the texter addressed first,
# English words, a question to the parent
PRONOUN_SAID_OTHER = [
    "我表哥被人骗了 他在群里说 i'm going to end it tonight",
    "我同學被前男友威脅 佢喺group度講 i want to die",
    "我表弟被人骗拍了视频 他刚WhatsApp跟我说 kak 我要自杀了",
    "我细佬俾人呃咗 佢头先同我讲 家姐 我想死",
    "我室友被威脅 她偷偷跟我說 我不想活了",
    "我個仔俾人勒索 佢一直問 媽咪我係咪你嘅負累",
    "兒子十四歲 這週被人勒索 他一直問 媽媽我是不是妳的累贅",
]
# the blackmailer's words to the texter, or a relation's question, then the texter's own
PRONOUN_SAID_SELF = [
    "個勒索佬佢同我講 bro 唔俾錢就send 我真係想死",
    "佢話要放上網 佢同我講 家姐 你俾錢啦 我想死",
    "我表哥話幫我 佢一直問 媽咪你點呀 我真係想死",
    "他在群里说要发我的视频 我想死",
]


@pytest.mark.parametrize("text", PRONOUN_SAID_OTHER)
def test_a_pronouns_words_after_a_named_relation_are_theirs(text: str) -> None:
    assert_whose(text, "other")


@pytest.mark.parametrize("text", PRONOUN_SAID_SELF)
def test_the_texters_own_signal_after_a_pronouns_words_stays_theirs(text: str) -> None:
    assert_whose(text, "self", risk="crisis")
