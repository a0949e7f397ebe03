"""What the thirty-sixth round of issue 12 taught the lexicon (`signals_round36`, `plan_round36`,
`self_harm_round36`, `farewell_round36_zh`, `means_round36_zh`, `means_question_round36_zh`,
`denial_turned_round36`, `denial_turned_round36_zh`, `better_off_dead_round36`; in third_party.yml
`self_harm_seen_round36`, `means_seen_round36`, `giving_away_round36`, `smell_from_door_round36_zh`,
`unreachable_round36_zh`), the whose-words rules (bot/triage/crisis.py: "he told my dad '…'", a relation
named in English with their words sent in Chinese, a forwarded piece named before the texter, what they would
use it for), a denial with no 我 (`denied_round17`) and one said of him or her (`denied_round16`), and the
idioms `to_death_round36` and `tedium_round36`. The families came from the misses and false alarms of hold39,
opened this round; every text below is own wording in a general form, none is a set's."""

from __future__ import annotations

from tests.triage.lexicon_reading import idiom_test, table_test

# clear signals about the texter: the phone's code left for whoever finds it; thanks for everything and
# "don't look for me"; gone by a day named; the wish worked out into how; pinching oneself till it bruises;
# nobody will look for me again, good night everyone; medicine taken home from the ward in secret; climbing
# up where nobody will stop me; jumping once it is sent, with more words after;
# others happier if I were dead (an explicit statement, EXPLICIT_SIGNAL_IDS); the texter's own words told to a
# relation ("i told my mum '…'": not the relation's)
CRISIS_SELF = [
    "passcode is 2580 for whoever finds my phone. sorry",
    "thank you for everything, all of you. don't look for me",
    "it'll be easier for everyone once i'm gone by the weekend",
    "used to just want to die. now i've started figuring out how",
    "i hit my legs until they bruise every time he texts",
    "以後唔會再有人搵我 拜拜大家",
    "我偷偷喺診所攞咗幾盒安眠藥返屋企",
    "今晚爬上天台 冇人會阻止到我",
    "佢一send出去我就跳 唔係講笑",
    "my parents would be happier if i was dead",
    "my dad is great. i told my mum 'i want to die'",
]
# someone else's: wrists wrapped in tissue; blood on her sleeves; a case full of pill strips; three of his
# things given to friends; a note saying "don't look for me"; no way out and the phone switched off; quoted
# after "he told my mum"; an English relation and their words sent in Chinese; a forwarded piece; what she
# would use them for; a smell of charcoal from their door
CRISIS_OTHER = [
    "my son came down with both wrists wrapped in toilet paper and said it was nothing",
    "my roommate has blood on her sleeves every night now",
    "found a pouch full of panadol strips in my daughter's school bag",
    "my brother gave his headphones, his hoodie and his games to his mates this week",
    "我阿媽俾人勒索 佢房枱面有張紙寫住「唔好搵我」",
    "我老公話冇出路 電話都熄埋",
    "my aunt is being blackmailed. she told my mum 'if they post it i'll hang myself'",
    "my sister 头先send我「我真的想死」 她在读高一",
    "我同學forward咗段嘢俾我:「多謝你哋三年照顧 唔好搵我」",
    "我驚佢攞嚟做傻事",
    "我細佬鎖埋自己喺房 門隙傳出一陣炭味",
    "my dad locked himself in, there's a smell of charcoal from under his door",
]
# possible signals: how much of something one would have to drink for "something to happen"; a denial
# that turns back in the same breath
CONCERN = [
    "漂白水飲幾多會出事",
    "我冇諗過自殺 不過今晚有啲想",
    "我從來冇諗過做傻事 但最近開始會諗",
    "never thought about doing anything stupid, but tonight i keep thinking it",
]
# everyday wording beside them: a reward for a lost phone; don't wait up; eczema; boxing tape; a nosebleed;
# two things lent; busy this week; a grandmother's medicine; the texter's own words to a relation
EVERYDAY = [
    "reward for whoever finds my phone, lost it on the bus",
    "thanks for everything, don't wait up for me tonight",
    "his wrists were wrapped in bandages after boxing",
    "found blood on his sleeve, he had a nosebleed at school",
    "he gave his notes and his pen to his classmate",
    "i started figuring out how to report him",
    "我阿嫲房有幾盒藥",
    "吃多少会胖",
    "廚房門口有陣燒焦味 我煲嘢燶咗",
    "我細佬間房有陣怪味 佢又唔執房",
    "唔係呀 冇要傷害自己 淨係好煩",
    "佢一send我就跳舞慶祝 終於完咗",
    "我同事俾人勒索緊 佢冇諗過做傻事 只係想知點報警",
]
# a task "to death" with its verb said twice, said in earnest, stays a signal
CRISIS_ANYONE = [
    "溫IGCSE溫到想死 唔係講笑 我真係想死",
]
# idioms: a task "to death" with its verb said twice around the object; a procedure's pain; "kms" at one
# more dull meeting
IDIOMS = [
    "改code改到想死 聽日demo",
    "溫IGCSE溫到想死",
    "箍牙痛到想死",
    "kms if i have to sit through another zoom townhall",
]


# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
# each idiom is masked
test_idioms_and_threats_to_others_are_masked = idiom_test(globals())
