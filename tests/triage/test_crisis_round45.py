"""What the forty-fifth round of issue 12 taught the lexicon.

From the misses of hold48, opened this round, in own wording and general forms. Lexicon (`signs_round45`,
`means_round45`, `farewell_round45`, their `_zh` twins): "the same plan as last time" (not the same plan for
dinner); "made my peace with whatever comes next"; things handed over with "you'll need them more than me";
"you'll be fine without me" beside the insurance; empty pill packets on the floor (not at the recycling);
Tagalog thanks for everything and "I can't take it any more" (not sorry for the bother); a failed attempt and
"this time I know how"; "only one road left, you know what I mean"; the children left in someone's hands (not
for a business trip); where the insurance policy is "if anything happens to me"; someone staring at the
pesticide (not spraying the field); cutting now and unable to stop (not 世界緊張); punching a wall till the
knuckles crack and still punching. Idioms: "should I just pay and end it?"; a ranked game "want to die lol,
just a game"; a brother who "jumps off the roof" after every lost match, with a laugh; "pay and he'll vanish
for good" of the blackmailer; "does that mean he gave up?" of the blackmailer is no hopelessness. Every text
below is own wording in a general form, none is a set's."""

from __future__ import annotations

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import table_test

CRISIS_SELF = [
    "i have the same plan as last time and this time no one is home",
    "i've made my peace with whatever comes next",
    "上次食藥冇死到 今次我知要點做",
    "如果報警都冇用 我就只剩一條路 你明我意思",
    "個仔以後就拜託你哋了",
    "如果我有咩事 保單喺床頭櫃第一格",
    "我喺房度界緊 停唔到手",
    "我捶牆捶到手指骨腫晒都仲捶緊",
    # the idioms' everyday forms never hide the texter's own words
    "should i just pay and end it all",
    "he wants 10k. i'll just disappear forever once i pay",
    "俾咗錢之後我就永遠消失",
]

CRISIS_OTHER = [
    "my sister gave me her camera and her jacket and said 'you'll need them more than me'",
    "my dad keeps saying 'you'd all be fine without me, the insurance is paid up'",
    "my roommate locked the door and there are empty packets of pills on the floor",
    "我同事一直盯着那瓶农药看 不讲话",
    "我媽昨晚跟我說「孩子就拜託你了」然後關機",
]

CRISIS_ANYONE = [
    "Salamat po sa lahat. Hindi ko na kaya, paalam",
]

EVERYDAY = [
    "same plan as last time for dinner? the noodle place",
    "should i just pay him the 500 and end it? or block him",
    "排位又掉段 想死 lol 遊戲嚟啫",
    "我细佬话再连跪就要跳楼 次次都咁讲 哈哈",
    "他说转五千就永远消失 真的吗",
    "does that mean he gave up? no messages since monday",
    "孩子就拜託你了 我出差三天",
    "爸爸拿着农药去田里喷菜",
    "世界緊張 股票跌到我想喊",
    "empty boxes of panadol in the recycling bin",
    "Salamat po sa lahat, pasensya na sa abala",
    "桌上放着感冒药的包装盒",
    "孩子就靠你们了 老师",
    "爸爸喷完农药 他一直看手机",
]

test_each_text_gets_its_groups_reading = table_test(globals())


def test_a_question_about_the_blackmailer_giving_up_is_not_the_texters_hopelessness() -> None:
    assert detect_crisis("did they give up? nothing for 2 days").risk == "none"
    # the texter's own giving up is still a possible signal, asked directly
    assert detect_crisis("honestly i give up").risk == "concern"
