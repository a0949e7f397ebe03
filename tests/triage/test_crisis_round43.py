"""What the forty-third round of issue 12 taught the lexicon and the whose-words rules.



From the misses of hold46, opened this round, in own wording and general forms. Lexicon (`signs_round43`,
`signs_round43_zh`): a blade hidden in a phone case, a pencil case or a sock; old friends all called to say
thanks or goodbye (not for a party or a birthday); "better I'm gone" then "decided" (not "decided to move
out"); "you'll be fine without me" with the bills paid ahead (not "this weekend"); "cut, then I can sleep";
thanks "for all this time" and no need to follow me up any more (not where the texter moves, graduates or is
better); the wallet and keys left on the table and out of the door (not forgotten, not out for a run);
standing on the balcony or the roof for long at night (not for the moon, a smoke or a call); up a mountain to
vanish where nobody finds (not for a few days of quiet); a passive wish, then their things given to the
texter; pills kept back in secret after a doctor said to hand them to the family. Possible signs: pills taken
once and found in time (`concern_round43_zh`); "this life is just this" (这辈子就这样了, a clear sign before
this round), hopelessness, in its twin `no_way_out_concern_round8`; better not to wake once asleep, in its
twin `passive_gone_concern_round8`. Charcoal with tape is no longer masked by a barbecue it is said to be for.
Rules (bot/triage/crisis.py): he or she said it with the texter addressed first (他隔着门说妈我…); a photo he
or she sent the texter (她发我一张…的照片); where a relation came from (我越南來的朋友); one under the texter
in the forces or at work (我下面一個NSF, 新兵); "fren" as a relation; "me" after asking, telling, texting or
begging going on ("keep asking me how many…"). Every text below is own wording in a general form, none is a
set's."""

from __future__ import annotations

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import assert_whose, table_test

CRISIS_SELF = [
    "better if i was gone, mum can finally rest. already decided",
    "醫生叫我將啲安眠藥交俾屋企人 但我偷偷留起咗幾粒",
    "医生让我把药都交给我妈保管 可是我自己偷偷藏了一些",
]

CRISIS_ANYONE = [
    "刮完手先瞓得着",
]

CRISIS_OTHER = [
    "my student had a razor blade hidden in his pencil case",
    "my dad has been calling all his old friends to say goodbye, he's never like this",
    "my sister texted 'you'll all be fine without me, i've paid the rent till june'",
    "個學生話 𠝹完先瞓得著",
    "我阿哥將銀包同鎖匙擺喺枱面 跟住出咗門 電話都冇帶",
    "我室友今晚在阳台站了很久 一句话都不说",
    "我表弟說想上山然後消失 不要有人找到他",
    "阿妹話瞓著咗唔醒就好 跟住將佢部Switch俾咗我",
    "我爸車尾箱有兩包炭同膠紙 佢話係燒嘢食用",
    "有個case同我講 多謝你咁耐以嚟 之後唔使再跟我",
    # whose words: said with the texter addressed first, a photo sent to the texter, where they came from,
    # one under the texter, "fren", "me" after asking going on
    "我儿子隔着门说妈我不想活了",
    "佢喺房入面話 媽 我唔想活",
    "我妹刚发我一张刀放在枕头下的照片",
    "我從大陸嚟嘅同事話佢想死",
    "我下面一个新兵在厕所一直拿拳头打墙 手都是血",
    "my fren just texted me 'i'm going to kill myself tonight'",
    "my cousin keeps asking me how many panadol is too many",
]

CONCERN = [
    # (a possible sign by an older entry, not a clear one by signs_round43)
    "better if i'm not around when they argue, i decided to move out",
    "之前吃过药被我室友找到",
    "我這輩子就這樣了",
    "瞓著咗唔醒就好",
]

EVERYDAY = [
    "texting all my old friends to say thanks for the birthday wishes",
    "calling my old classmates to say sorry i missed the reunion",
    "you'll be fine without me this weekend, i've paid the bills already",
    "i keep a spare blade in my wallet for opening boxes",
    "刮完痧先瞓得著",
    "多謝你咁耐以嚟嘅照顧，之後唔使再跟我啦，我下個月移民",
    "我把钥匙和手机放在桌上出门跑步了",
    "佢將銀包同鎖匙擺喺枱面就出咗門，又唔記得帶",
    "今晚喺露台企咗好耐睇月光",
    "今晚在阳台站了很久打电话给我妈",
    "想上山消失幾日 唔想有人搵到我 靜一靜",
    "吃了感冒药被我妈发现了 她说我不该乱吃",
    "我瞓着咗唔醒都唔知 個鬧鐘壞咗",
]

test_each_text_gets_its_groups_reading = table_test(globals())


def test_the_blackmailer_said_to_send_it_to_mum_leaves_the_signal_the_texters() -> None:
    assert_whose("他说要发给我妈 我不想活了", "self")
    assert_whose("他发我一张截图 我想死", "self")
    assert_whose("he keeps asking me for more pics, i want to die", "self")


def test_the_life_ending_here_is_still_clear() -> None:
    assert_whose("我的人生到此为止了", "self", risk="crisis")


def test_this_life_being_just_this_is_hopelessness_with_no_death_word() -> None:
    # hopelessness alone makes a possible signal's intent express_distress (bot/components/triage.py)
    for text in ("我這輩子就這樣了", "这辈子就这样吧"):
        finding = detect_crisis(text)
        assert finding.risk == "concern"
        assert {signal.split(":")[1] for signal in finding.concerns} == {"hopeless"}


def test_the_texter_speaking_to_a_relation_keeps_their_own_words() -> None:
    assert_whose("我跟我妈说 妈 我不想活了", "self")
    assert_whose("我对他说 妈我不想活了", "self")
