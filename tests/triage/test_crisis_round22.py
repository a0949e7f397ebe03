"""What the twenty-second round of issue 12 taught the lexicon (`signals_round22`, `means_round22`,
`passive_round22`, their Chinese entries and the idiom `to_death_round22` in bot/triage/lexicon/crisis.yml)
and the whose-words rules (bot/triage/crisis.py).
The families came from the misses and false alarms of hold25, opened this round; every text below is own
wording in a general form, none is a set's. One table holds each text with the level and the subject the
lexicon must read, the everyday wording beside the signals included."""

from __future__ import annotations

from tests.triage.lexicon_reading import table_test

# clear signals, no subject named: trains let go past on a platform, pills poured out, a gun on one's mind on
# guard, a cut that "lets me sleep", a row of new cuts, "the note is written", sitting with a knife, wishing
# to be hit and running red lights
CRISIS_ANYONE = [
    "喺月台企咗好耐 車嚟咗又走咗幾班",
    "just let three trains go past at the platform",
    "把安眠药全倒出来了",
    "站岗的时候一直在想那把枪",
    "攞住支SAR21 一個人喺哨崗",
    "划了才睡得着",
    "手腕上有一排新的刀痕",
    "the note is written",
    "sitting in the car park with a knife",
    "好想俾車撞 今日闖咗三個紅燈",
]
# about the texter: "it will never end, so I will end it", "no need to help me any more", "tomorrow I won't
# appear again", "tomorrow you won't see me", a parent telling the child to mind grandma (the child is no
# subject), an attempt and "I can't go through it again"
CRISIS_SELF = [
    "这件事永远不会结束 所以我要让它结束",
    "以後唔使再幫我補習喇 sorry",
    "我係負累 聽日我唔會再出現",
    "没路了 明天你们就看不到我了",
    "錄咗段片俾個仔 以後要聽嫲嫲話",
    "discharged last month after an overdose and now this. i cant go through it again",
]
# someone else's: a parent's past attempt and talk "just like before"; a father's watch and "look after your
# mum"; a father who would drive the taxi off the bridge; whose words: a lab mate, a pupil's email, a team's
# teammate (我们篮球队的队友), a volunteer who would hit a train
CRISIS_OTHER = [
    "我媽前年試過一次 佢而家講嘢同嗰次之前一模一樣",
    "he gave me his watch today and said look after your mum",
    "if mum sees it my dad will drive the taxi off the bridge",
    "my labmate told me 'i'm going to kill myself after the viva'",
    "my S2 student just emailed me 'this is goodbye, thank you'",
    "我们篮球队的队友在群里发「我不想活了」然后就不回了",
    "我們社團的一個志工跟我說,如果照片被貼出來他就去撞火車",
]
# possible signals (asked directly): the plane going down, "if a car hits me"
CONCERN = [
    "hope the plane goes down on my flight tomorrow",
    "if a car hits me on the way home at least its over",
]
# everyday wording beside them, and the idioms: food, a game, an exam "to death", shame laughed at, the
# bridge's school bus, going to the blackmailer's door
EVERYDAY = [
    "這家火鍋辣到我想死 但好好吃",
    "隊友一路送頭，送到我想死😂",
    "今日默书考到想死 听日仲有",
    "好尴尬 喺老细面前跌低 当场想死 哈哈",
    "P4，每日坐大桥巴士返学",
    "我哋搵到佢地址 听日上门 你哋唔好拦我",
    "以后要听老师的话 知道吗",
    "妈妈说以后要听外婆的话 因为她要出国工作",
    "药都拿出来了 等下饭后吃",
    "这个活动不会结束 所以我要让它结束报名",
    "以后你们过得好就行 我移民了会常回来",
    "以后唔使再帮我补习喇 我考完DSE啦",
    "明天我不会再出现在那个群了 退群了",
    "明天你们就看不到我了 我去旅行一个礼拜",
    "划了才睡得着的是那个手机游戏吗",
    "the note is written in pencil, can police read it",
    "he gave me his watch to fix and said look after your mum's car too",
    "we let two trains go past because they were full",
    "sitting in the kitchen with a knife cutting onions",
    "i hope the flight isn't delayed",
    "我一直在想那把枪的游戏皮肤 好靓",
]

# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
