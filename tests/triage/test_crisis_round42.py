"""What the forty-second round of issue 12 taught the lexicon and the whose-words rules.

From the misses and false alarms of hold45, opened this round, in own wording and general forms. Lexicon: a
picture of a whole bottle or box of pills posted with a goodnight or a goodbye (`pills_goodnight_round42_zh`,
`pills_goodnight_round42`); a keepsake or the texter's things handed over with "the family is yours now" or
thanks, the farewell of the one who gave them (`farewell_to_me_round42_zh`), the words alone a possible sign
(`farewell_concern_round42_zh`); thanks for everything, then the phone off or everyone blocked
(`farewell_round42_zh`); thanks for being a friend with a pet to look after or every account blocked, letters
to each one of the family (`farewell_round42`); passwords or a PIN left for a spouse
(`affairs_in_order_round42`); "you would do fine without me" (`burden_round42_zh`); fists on a wall until the
bone shows or it bleeds (`wall_punching_round42_zh`); an earlier cut, overdose or charcoal and "that feeling
is back", or the same signs again (`feeling_back_round42_zh`); an overdose that nearly killed, and something
got to take all tonight (`took_again_round42_zh`); a bandaged hand and the clippers or the blade used
(`bandaged_instrument_round42_zh`); scissors dragged across a wrist (`blade_dragged_round42_zh`); "if only I
didn't wake up tomorrow" (`not_wake_concern_round42_zh`); thinking again and again of the pills in a parent's
drawer, the texter's own (`means_thought_concern_round42_zh`); shame tied to the threat with no death word now
a possible sign (`conditional_shame_concern_round42_zh`; "no face to go on living" stays clear). Masked: "not
suicidal" with no subject (`denied_round42_en`); someone else "wanting to die" over the texter's work
(`to_death_round42_zh`). Rules (bot/triage/crisis.py): a clear signal corrected at once to an idiom ("I mean
embarrassed to death") is retracted; an app used as a bare verb quotes ("whatsapp me '…'"); muttering quotes
(成日念「…」); English words after "told me" in Chinese are the teller's when a relation is named; a relation
that has not noticed is no subject. Later, from own Cantonese grids: dead and everyone has peace
(`better_off_dead_round42_zh`), gone tomorrow at the message's end; one new to a company (新嚟嘅), a group's
member with 個 (樂隊個鼓手), the room or the flat next door; a story put up; "this is the last time…" after
"messaged me". From an own Taiwan-Mandarin grid: 清靜 in Traditional; "this is the last time I talk with you"
(`last_chat_round42_zh`); a part-time student worker (工讀生), sworn siblings (乾妹), a department (系上的), a
part-time job or an internship (打工認識的), a team's member "on" it (隊上的), the dorm room next door; a call
to the texter (打給我說); muttering (碎念); a post put up (發了一篇); "from" before the place in their words
(想從頂樓…); not 給我說 as the one told in `burden_possible`. From an own English grid: an older sister in
Filipino (ate), a tutee; "dm me", "told our group chat"; a message app as the verb before "me" (whatsapp me,
voice noted me) leaves the texter the listener; goodbye to everyone with sorry (`farewell_round42`); a dropped
"i" after a message to the texter or a post named (texted me, on ig story) is theirs. Every text below is own
wording in a general form, none is a set's."""

from __future__ import annotations

from tests.triage.lexicon_reading import assert_whose, idiom_test, table_test

CRISIS_SELF = [
    # the texter's own signal stays theirs after one named as who saw it, knew it or was sent it (an own
    # Cantonese grid of 1,320 lines: 996 read as the texter's before, 1,122 now)
    "我阿媽睇到我條片 我死咗你哋就清靜",
    "樂隊個鼓手將我啲相轉咗俾人 我唔想活",
    "隔籬屋嘅細路知道咗 我想由天台跳落去",
    "我死咗你哋就清靜",
    "我死了你們就清靜了",
    "left all my passwords in an envelope for my husband, the rest is sorted",
    "我冇咗佢哋會過得好啲 佢哋冇咗我會過得開心啲",
    "thanks for being my only friend, feed my hamster ok",
    # (the pills in a parent's drawer named: clear, as any bottle of them is)
    "成日諗起阿爸個櫃桶有成樽安眠藥",
]

CRISIS_OTHER = [
    # pills pictured with a goodnight
    "我同学发了张一整瓶药的照片 写着晚安",
    "my cousin posted a photo of a box of sleeping pills with the caption goodnight everyone",
    # things handed to the texter, with "the family is yours" or thanks
    "我哥把他的手表塞给我 说以后这个家靠你了",
    "阿妹將佢部Switch同啲利是錢俾晒我 話多謝家姐",
    # thanks, then the phone off
    "我朋友send咗句多謝晒 之後熄咗機",
    # thanks for being a friend and then blocked; letters to each one
    "my classmate messaged thanks for being my best friend and then blocked me on everything",
    "my dad is writing letters to each of us and wont say why",
    # better off without him, fists on a wall, the feeling back
    "我男朋友说 你没有我会过得更好",
    "我细佬一路用拳头揼墙 揼到流血",
    "我表姐以前割过 今天说那种感觉又回来了",
    "我妈两年前烧过一次炭 最近又开始不吃不睡",
    # a bandaged arm and the clippers
    "我個仔隻手包住 原來佢用咗指甲鉗",
    # an app as a bare verb; muttering; English after "told me" in Chinese
    "my teammate just whatsapp me 'sorry for everything, my jersey is yours'",
    "我爺爺成日念「我係你哋嘅負擔」",
    "my housemate 俾人勒索 頭先同我講 i want to end it",
    # from an own Cantonese grid (10,920 lines: 68 % read as someone else's before, 98.1 % now): dead and
    # everyone has peace (gone tomorrow at the message's end is below); one new to the company, a band's
    # drummer, the girl in the next room; a story put up; "this is the last time…" after "messaged me"
    "我同學同我講 我死咗你哋就清靜",
    "公司新嚟嘅intern同我講 想死",
    "樂隊個鼓手喺group度話 唔想活",
    "隔籬房嘅師姐喊住話 想由天台跳落去",
    "我同學出咗個story 我係屋企嘅負擔",
    "我同學私訊我 呢個係最後一次同你傾偈",
    # from an own Taiwan-Mandarin grid (10,920 lines: 59 % read as someone else's before, 98.9 % now): dead
    # and everyone has peace in Traditional (清靜); "this is the last time I talk with you"; a part-time
    # student worker, sworn siblings, a department's senior, a colleague met at a part-time job, a junior on
    # the team, the dorm room next door; a call to the texter; muttering; a post put up; "from" before the
    # place
    "我學妹跟我說 我死了你們就清靜了",
    "我學妹傳LINE跟我說 這是最後一次跟你聊了",
    "公司新來的工讀生跟我說 不想活了",
    "我乾妹在限動寫 好想死",
    "打工認識的同事留言說 想結束這一切",
    "我們隊上的學弟在群組說 遺書寫好了",
    "隔壁寢室的學姊在Dcard發文說 不想活了",
    "我學妹半夜打給我說 我是家裡的負擔",
    "我學妹私訊我 想從頂樓跳下去",
    # from an own English grid (9,126 lines in the English of Singapore, Malaysia, Hong Kong and the
    # Philippines: 59 % read as someone else's before, 88 % now; most of the rest an unquoted "i want to
    # die", which stays the texter's): an older sister in Filipino, a tutee; "dm me", "told our group chat";
    # goodbye to everyone with sorry; a dropped "i" after a message to the texter or a post is theirs
    "my ate said 'i want to die'",
    "my tutee texted me 'i have the pills ready'",
    "my classmate dm me 'bye everyone, sorry'",
    "my cousin told our group chat 'im going to jump tonight'",
    "my classmate got blackmailed over a video call, texted me dont want to live anymore",
    "my teammate posted on ig story dont want to live anymore",
    "my junior from poly whatsapp me dont want to live anymore",
    "my kuya voice noted me dont want to live anymore",
    "my bf got blackmailed, keeps saying dont want to live anymore",
]

CONCERN_OTHER = [
    "我表妹同我講 聽日就唔喺度",
    # (can't go on: a possible sign)
    "系上的學長哭著說 我撐不下去了",
    "我學妹一直碎念 我撐不下去了",
    "我學妹在IG發了一篇 我撐不下去了",
]

# no subject named: the texter's by default
CRISIS_ANYONE = [
    "喺廁所用剪刀喺手腕拖咗幾下 同事仲未發覺",
    "上次食藥差啲冇命 今日又買咗 今晚會食晒",
    # "suicidal" denied with a turn after it is still read
    "not suicidal yet but close",
    "這是最後一次跟你聊了",
    "bye everyone, sorry for everything",
]

CONCERN_SELF = [
    "成日諗起阿爸個櫃桶有啲降血壓藥",
]

CONCERN = [
    "聽日就唔喺度",
    "要是明天醒不过来就好了",
    "如果听日醒唔返就好",
    "如果佢真係放上網 我冇面目見人",
    "以後屋企靠你喇",
]

EVERYDAY = [
    # an alarm clock, the work a boss hated, overtime "not suicidal or anything"
    "如果明天醒不来就迟到了 要定两个闹钟",
    "老細話我份report寫到佢想死 😂",
    "overtime is death this week, not suicidal or anything, just tired",
    # cold medicine, a question, a knife on a chopping board, out of the office tomorrow
    "買咗成盒感冒藥 食完去瞓",
    "你没有我会过得好吗",
    "我用刀喺砧板度拖咗幾下",
    "聽日唔喺度 有嘢搵我同事",
    # leaving a chat for now
    "bye guys sorry gtg",
    "bye everyone, sorry, see you tmr",
    "bye everyone, thanks for the help today, sorry for the long msgs",
]

test_each_text_gets_its_groups_reading = table_test(globals())

# an idiom or a denial is masked (reported as an idiom)
IDIOMS = [
    "老細話我份report寫到佢想死 😂",
]

test_idioms_and_threats_to_others_are_masked = idiom_test(globals())


def test_a_signal_corrected_to_an_idiom_is_only_a_possible_one() -> None:
    assert_whose("佢send咗去公司group 我想死…唔係 我意思係尷尬到死", "self", risk="concern")
    assert_whose("i want to die. i mean embarrassed to death lol", "self", risk="concern")


def test_a_signal_repeated_in_earnest_stays_clear() -> None:
    assert_whose("我想死 唔係 我意思係真係想死", "self", risk="crisis")
    assert_whose("i want to die, no i mean it", "self", risk="crisis")
