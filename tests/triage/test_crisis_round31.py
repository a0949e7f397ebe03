"""What the thirty-first round of issue 12 taught the lexicon (`signals_round31`, `concern_round31`, the
Chinese `*_round31_zh` entries, the `blood_bandages_round31` emoji, idioms and threats in
`everyday_round24_en` and `to_death_round24`, a denial with no pronoun in `denied_round16`) and the
whose-words rules (bot/triage/crisis.py: a line sent to the texter with its words right after, a team's
trainee, their car or their chats as the place something was found, the one hugged, the texter asking
whether to ask him). The families came from the misses and false alarms of hold34, opened this round;
every text below is own wording in a general form, none is a set's."""

from __future__ import annotations

from bot.triage.crisis import detect_crisis
from tests.triage.lexicon_reading import idiom_test, table_test

# clear signals, no subject named: a knife packed and not going home, a rubber band snapped till it bruised,
# a hotel room and not checking out
CRISIS_ANYONE = [
    "把生果刀收咗喺背囊 今晚唔返屋企",
    "用橡筋彈手腕 彈到瘀晒",
    "訂咗間酒店房 唔會退房",
]
# about the texter: one's things bagged with who gets what, an attempt before and "back in that place"
CRISIS_SELF = [
    "put my things in boxes with who gets what",
    "i tried to kill myself two years ago and im back in that place",
]
# someone else's: ward vials taken home "just in case", all his games given away with "you'll need them more
# than me", a long hug and "thank you for everything", the same answers as back then, no way out and her
# phone off, a page of "death" written, rooftops checked for an unlocked door, a rope hidden in his car, a
# trainee's message, pills found in his car, a charcoal group in his chats
CRISIS_OTHER = [
    "my sister is a nurse and she's been taking vials of morphine home just in case",
    "my cousin gave me all his games and said you'll need them more than me",
    "my son hugged me for ages tonight and said thank you for everything",
    "my dad attempted years ago and now he gives the same answers as back then",
    "my friend texted no way out and then turned her phone off",
    "我妹在本子上写满了死字",
    "我弟去看过天台有没有锁",
    "我老公收埋咗條繩喺車尾箱",
    "我們球隊的訓練生在群裡說'我先走一步'",
    "我在他車裡發現好幾盒安眠藥",
    "我在他微信里看到一个约烧炭的群",
]
# possible signals, asked about: sleeping through the next year, "just extra work", "without me you'd be
# better", not coming back from the sea, a drop of blood and plasters
CONCERN = [
    "wish i could just sleep and skip the next year",
    "im just extra work for everyone",
    "冇咗我你哋仲好",
    "如果我喺海度唔返嚟就好",
    "🩸🩹🩹",
    # ("I'm going, thanks for staying with me": as a goodbye to a chat it is ambiguous, so asked directly)
    "我走了 谢谢你一直陪我",
]
# everyday wording beside them: pills packed for a trip "just in case", a coat lent "you'll need it more
# than me", a hug and thanks after a party, a knife bought for the kitchen, a hotel booked for a holiday, a
# rubber band round a wrist, a cousin who never spoke of suicide
EVERYDAY = [
    "packed some panadol just in case for the trip",
    "take my coat, you'll need it more than me",
    "she hugged me for ages after the party and said thanks for everything",
    "買咗把生果刀放喺廚房",
    "訂咗間酒店房 聽日check out",
    "手腕戴住條橡筋",
    "表弟被骗拍了照片 没说想不开 就是很怕",
]
# someone else's whatever the level: a mother who tried when the texter was little, saying the same again
CRISIS_OTHER += ["my mum tried to end it when i was little and now she says the same things as back then"]
# idioms and anger at someone else, masked: a boss who "will kill me", food good "to death", a game's crash
# counted as suicide, readings read till I want to die, a manager who'll "chop me dead", every finger broken,
# his car smashed up, his life wrecked, his car thrown in the harbour, frozen into ice
IDIOMS = [
    "my boss at the cafe will kill me if im late again",
    "呢碗雲吞麵好食到死",
    "玩飛機game撞地自殺咗兩次",
    "readings睇到想死",
    "經理話我再遲到就劈死我",
    "i want to break every finger he has",
    "thinking of smashing up his car",
    "i will wreck his whole life",
    "真想把他的車丟進海裡",
    "把他冻进冰箱里",
]


# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
# each idiom is masked
test_idioms_and_threats_to_others_are_masked = idiom_test(globals())


def test_a_parent_who_will_kill_me_is_an_idiom_but_not_when_the_means_are_named() -> None:
    assert detect_crisis("my dad will kill me if he sees my grades").idioms
    assert not detect_crisis("mum said those pills will kill me").idioms
