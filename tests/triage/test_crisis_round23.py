"""What the twenty-third round of issue 12 taught the lexicon (`signals_round23`, `means_round23`,
`giving_away_round23`, `hopeless_round23`, their Chinese entries, the emoji entry `blade_bath_round23` and the
idioms `everyday_round23_en` and `to_death_round23` in bot/triage/lexicon/crisis.yml) and the whose-words
rules (bot/triage/crisis.py).
The families came from the misses and false alarms of hold26, opened this round; every text below is own
wording in a general form, none is a set's. One table holds each text with the level and the subject the
lexicon must read, the everyday wording beside the signals included."""

from __future__ import annotations

from tests.triage.lexicon_reading import table_test

# clear signals, no subject named: a knife or a razor by a bath or with a time, a cigarette pressed into the
# skin, no way out and the window open, the last words written
CRISIS_ANYONE = [
    "🔪🛁 later",
    "🪒 tonight",
    "把烟头按在手心 按了好几下",
    "烟头压在手臂上",
    "看不到出路 窗户已经打开了",
    "寫咗最後一句話喺IG",
    "sent a thank you to every friend i have",
]
# about the texter: "better off gone" with no way out, a burden and the mind made up, the insurance that would
# do more for them, told to die and wanting to "actually do it", going off the top of a car park, ending "all
# of this" tonight, pills made ready, thanks sent to every friend, "I go, for good", no more trouble with the
# child handed to grandma
CRISIS_SELF = [
    "no way out anymore, honestly im better off gone",
    "im a burden to them and ive made up my mind",
    "the insurance would do more for my parents than i do",
    "they keep saying kys in the chat. i want to actually do it",
    "if the pics go out im going off the top of the car park",
    "我今晚就把这一切结束掉",
    "药我都备好了",
    "每个朋友都发了谢谢 现在好平静",
    "聽日我會走，永遠走",
    "我唔會再煩住你哋，個女已經交咗俾佢外婆",
    # each family in the other languages: a cigarette on the palm, barcodes, ending all of this tonight, the
    # window open with no way out, thanks to every friend, a son left and "won't be a bother", the insurance
    # more use than the texter
    "pressed a cigarette into my palm three times",
    "my arms look like barcodes now",
    "im ending all of this tonight",
    "the window is open and i see no way out",
    "dropped my son at my mums, i wont be a bother to anyone anymore",
    "保险金对我爸妈比我有用多了",
    "份保險對佢哋嚟講仲有用過我",
]
# someone else's: a sister going off the top of her block, a son with no way out and "better off dead", a
# mother whose mind is made up, leaving "with the child" if the photos get out, a brother locked in the toilet
# with a knife, new "barcodes" on a daughter's arm, a friend sat on a rooftop for hours, a colleague who will
# then come down from the school roof
CRISIS_OTHER = [
    "my sister says shes going off the top of her block if it gets posted",
    "my son said theres no way out and hes better off dead",
    "my mum says we would be better off without her and her mind is made up",
    "我朋友话如果相片出咗街 佢就带埋个仔一齐走",
    "我细佬拎住把刀锁咗喺厕所",
    "我个女手臂上全部都系新嘅条码",
    "我朋友喺天台坐咗好耐 打佢唔听",
    "我同事话到时就喺学校天台跳落去",
    # whose words: IVE (the institute) is not "I've"; 被我看到 is the texter who saw; what a customer asked
    # the texter is theirs
    "我表妹读IVE 她把绳子绑在上铺栏杆了",
    "我弟昨天被我看到他在查吃多少片会",
    "有个客人买咗几次止痛药 今日佢问我一次过食几多先会瞓到唔醒",
]
# possible signals, asked about: belongings given away as no longer needed; no way home for the texter
CONCERN_SELF = [
    "someone else can have my jersey, i wont need it",
    "theres no way home for me",
]
# everyday wording beside them: the Take It Down service, anger at the blackmailer (run over, rot, a curse,
# a broken arm), a transport problem, drone photos, work finished, a toast, a child minded by grandma while
# the texter works, happiness "to death", a sister's joke, shop barcodes, stargazing on a rooftop, travel
# medicine, a knife for a barbecue
EVERYDAY = [
    "ill try take it down tonight",
    "I'd run him over if I saw him",
    "I hope the guy rots",
    "theres no way home for me tonight, the last bus left",
    "going off the top of the car park for drone photos",
    "我们今天把所有事结束了 工作终于完成",
    "这辈子认识你们值了 干杯！",
    "个仔交咗俾佢外婆睇 我返工先",
    "幸福到想死 🥹",
    "开心到想死 终于抢到飞",
    "我诅咒他出门被车撞",
    "打断佢只手",
    "细妹话我唔还部switch佢就杀咗我",
    "条码扫唔到 点算",
    "喺天台坐咗好耐睇星",
    "旅行的药我都备好了",
    "the knife 🔪 tonight for the bbq",
    "my legs look like barcodes from the gym socks",
    "sent a thank you to everyone who came to my party",
    "im ending all of this tonight, reporting him to the police",
]

# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
