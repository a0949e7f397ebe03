"""What the forty-first round of issue 12 taught the lexicon and the whose-words rules.

From the misses and false alarms of hold44, opened this round, in own wording and general forms. Lexicon: the
family better off without such a father or mother, better off without me maybe, the texter as the one too many
(`burden_concern_round41_zh`, `too_many_concern_round41_zh`); wishing to go with a husband, a baby or a parent
who died (`gone_with_them_concern_round41_zh`, `gone_with_them_concern_round41`); the family living on the
insurance once the texter is gone (`insurance_plan_round41_zh`); sorry and love to everyone, the last message
with no need to reply, "let him post it, I won't see it", savings sent to a sibling or parent
(`farewell_round41_zh`); on a bridge or a rooftop with an apology (`heights_apology_round41_zh`); fingers or
skin bitten or picked raw (`skin_picking_concern_round41_zh`); no end in sight, a whole life listed as gone
(`hopeless_concern_round41`); a message passed on "just in case" (`farewell_concern_round41`). Whose words
(bot/triage/crisis.py): a team, a club or a class named before a relation with no 我 (乒乓球隊的隊友); one who
teaches or trains the texter (coach, tutor, teacher); a relation opening the message with an article or a word
of where ("a colleague texted me…"); what they posted named before their words; a pupil of the group named by
their school year alone, a former pupil; 我 as where it happened (喺我面前); a message forwarded from a
relation (轉傳我女朋友剛傳的); the texter's own dropped "i" after a relation ("my mum saw it. dont want to
live"); not the one told, shown or sent to; nor a relation given things as the subject of a sign. Later,
from an own Mandarin grid: a relation, a clause about them, then "told me", "messaged me" or "said" with no
subject (`_TOLD_ME_AFTER_RELATION_HAN_RE`); a signal inside a longer one read with it; an intern, a group's
leader, a dorm's numbered roommates, one new to a company or met at a class, a neighbour's child; not being
here tomorrow (`gone_tomorrow_concern_round41_zh`). Every text below is own wording in a general form, none
is a set's."""

from __future__ import annotations

import pytest

from tests.triage.lexicon_reading import assert_whose, table_test

CRISIS_SELF = [
    # the texter's own dropped "i" after a relation who saw or found out
    "my dad found the photos. dont want to live anymore",
    "my mum saw the video, dont want to be alive",
    "my sister found out. wanna die",
    "my tutor knows now. ending it tonight",
    "he sent it to my teacher. dont want to live anymore",
    "ok mum said i should text here. i want to die",
    # the insurance once the texter is gone
    "我今晚就走 保险金够他们用",
    "我死咗之後 屋企人可以攞保險金 唔使再辛苦",
    # savings sent to a sibling or a parent, sorry and love to all, the last message
    "我把卡里的钱全转给我妈了",
    "对唔住 我好爱你哋",
    "佢想放就放 反正我睇唔到喇",
]

# the last message, no need to reply; savings sent to a sister: no subject named, the texter's by default
CRISIS_ANYONE = [
    "這是最後一條訊息了 不用回我",
    "存款全部轉咗俾我細妹 你明我意思",
]

CRISIS_OTHER = [
    # a team, a club or a class named first, no 我
    "游泳队的师兄被人勒索 他说 我不想活了",
    "合唱團嘅師姐俾人勒索 佢成日講 我死咗就唔使驚",
    "公司的同事被人拿视频威胁 她说 我真的不想活了",
    # one who teaches or trains the texter, quoted
    "my tennis coach posted 'take care of each other when im gone'",
    "our band teacher posted a short goodbye to everyone and 'look after each other when im gone'",
    # a relation opening the message with an article or a word of where
    "a coworker messaged me 'i want to die'",
    "ward colleague texted me 'i want to die tonight'",
    # a pupil named by their school year alone, a former pupil, 我 as where it happened
    "我们柔道班有个中一的 在更衣室用头撞墙 撞到流血",
    "有個舊生今日喺我面前捲起衫袖 成隻手都係𠝹痕",
    # a message forwarded from a relation
    "轉傳我男朋友剛傳的:「這是最後一條了 不用回我」",
    # on a rooftop, sorry, in someone else's voice message
    "我哥发语音说他在天台上 说对不起大家",
    # sorry and love in a relation's post
    "我表妹喺IG出咗句 對唔住 我愛你哋",
    # a relation named, a clause about them, then "told me", "messaged me" or "said" with no subject of its
    # own
    # (an own grid of 7,776 such lines: 48 % read as someone else's before, 98.6 % now)
    "我男朋友被人拿视频勒索了 刚才打电话说 我已经写好遗书了",
    "我同学的照片被人发到网上 跟我说 我已经写好遗书了",
    "我室友私信我 不想活了",
    "公司新来的实习生跟我说 想死",
    "补习班认识的朋友在群里说 我死了你们就清净了",
    "我们小组的组长发朋友圈说 我已经写好遗书了",
    "邻居家的小孩哭着说 想从楼上跳下去",
    "我们宿舍的老三半夜给我发消息说 把药都攒起来了",
]

CONCERN_SELF = [
    "孩子没有我这样的妈妈反而更好",
    "佢哋冇咗我呢個老豆會好啲",
    "他们没有我或者会更轻松",
    "我觉得我这个老公是多余的",
    "好想跟埋阿媽一齊走",
    "我成日希望自己都跟埋佢走咗",
    "since my wife died it feels easier to just be with her",
    "i cant see any end to this",
    "nothing left. my savings, my friends. all gone",
    "in case i dont make it, tell my debate team they were amazing",
]

CONCERN = [
    "明天就不在了",
    "一緊張就咬到啲手指損晒",
    "最近压力大 把手指皮撕到流血",
]

EVERYDAY = [
    "我想陪佢去報警 要帶啲咩",
    "我想跟他去报案",
    "我好想跟佢一齊去日本",
    "我走去保险公司问理赔",
    "我把钱全转给他了 他还要",
    "我觉得我的担心是多余的",
    "it would be easier to just be with him in person than texting",
    "i cant see the end of the tunnel on this maths homework lol",
    "我咬咗個蘋果",
    "網上認識的朋友說要把影片發出去 怎麼辦",
    "明天就不在了 去出差一周",
    "喺天台晾緊衫 對唔住遲咗覆你",
    "我在海边拍照 对不起刚才没回",
]

test_each_text_gets_its_groups_reading = table_test(globals())


# the texter's own signal stays theirs when a relation, a coach or a team was named before it
OWN_AFTER_A_NAMED_ONE = [
    "網上認識的朋友說要把影片發出去 我不想活了",
    "公司的同事把我的照片传出去了 我不想活了",
    "my piano teacher saw the video. i want to die",
    "my coach saw the video, i cant go on",
    "最近將好多嘢送晒俾人 結他都送埋俾樂隊學弟",
    # the one told, sent to, or whose words are a noun (電話, 那些話), and the blackmailer's words
    "我跟我妈说我想死",
    "对方把我的影片传给公司同事的IG了 我想死",
    "那个人打电话给我爸了 要是我爸信了那些话 我就没脸活",
    "没有我我妈就不用天天接那些骚扰电话了 药我已经准备好了",
    "他说发出去 我就去死",
]


@pytest.mark.parametrize("text", OWN_AFTER_A_NAMED_ONE)
def test_the_texters_own_signal_after_a_named_one_stays_theirs(text: str) -> None:
    assert_whose(text, "self")


# a relation's words after a verb or an auxiliary stay theirs: the dropped-"i" rule reads only a clause that
# opens with the verb
THEIRS_MID_CLAUSE = [
    "my son keeps saying dont want to live",
    "my daughter told me dont want to live anymore",
    "my son has been quiet for days, wants to die",
    "my brother was crying all night, doesnt want to live",
    # (after a verb "to be" or "to have", or a preposition: found on an own English grid after the rule)
    "my sister has been crying about ending it all",
    "my brother is thinking of ending it",
    "my brother was thinking about ending it tonight",
]


@pytest.mark.parametrize("text", THEIRS_MID_CLAUSE)
def test_a_relations_words_mid_clause_stay_theirs(text: str) -> None:
    assert_whose(text, "other", risk="crisis")
