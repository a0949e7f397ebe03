"""What the twenty-sixth round of issue 12 taught the lexicon (`signals_round26`, `concern_round26`, the
Chinese `*_round26_zh` entries, the emoji entry `bridge_going_round26`, two idioms in `to_death_round24` and
a third-party sign in bot/triage/lexicon/crisis.yml and third_party.yml) and the whose-words rules
(bot/triage/crisis.py). The families came from the misses and false alarms of hold29, opened this round;
every text below is own wording in a general form, none is a set's. One table holds each text with the level
and the subject the lexicon must read, the everyday wording beside the signals included."""

from __future__ import annotations

from tests.triage.lexicon_reading import table_test

# clear signals, no subject named: a bridge emoji and going now, how many tablets before one does not wake
CRISIS_ANYONE = [
    "🌉 going now",
    "食幾多粒安眠藥會瞓唔返醒",
]
# about the texter: "last message from me", affairs sorted, pesticide moved into one's room, near the bridge
# and "don't ask", "tonight I end it", the last time here and things given away, a relative's PIN left with
# the papers (the relation owns the PIN, the texter is the subject)
CRISIS_SELF = [
    "this is the last message from me",
    "my affairs are in order now",
    "我將屋企啲農藥搬咗入我房",
    "我而家喺大橋附近 唔好問我做乜",
    "我今晚就結束佢",
    "最後一次嚟呢度 啲嘢我都分晒俾朋友",
    "my affairs are sorted, my husband's bank pin is in the drawer",
]
# someone else's: a teammate's voice note quoted, words written in a notes app, a son heading to the
# seafront in a typhoon, a brother's circled date, a father's pesticide moved into his room, a member of a
# team quoted (有個師弟), a hall roommate cutting, a running partner's medals all sent, thanks and then the
# phone off, all his trophies given away
CRISIS_OTHER = [
    "my teammate voice noted me 'im going to kill myself tonight'",
    "my friend wrote in her notes app 'i want to die'",
    "my son is walking to the seafront in the typhoon, signal 8 is up",
    "my brother circled a date on his calendar and won't say why",
    "我爸把農藥搬進他房間",
    "隊入面有個師弟喺group講「我想死」",
    "我hall嘅同房喺廁所𠝹手",
    "我個跑步拍檔將佢所有獎牌寄咗俾我",
    "我男朋友send咗段好長嘅訊息多謝我 之後就熄咗機",
    "my cousin sent a long goodbye and then turned his phone off",
    "my best friend gave me all her medals",
]
# possible signals, asked about: "better they don't have me", the van crashing with one in it, the hall's
# windows, not out of his room for days, an old habit starting again, the plane going down, glass flying in,
# wanting to vanish, the hall's windows asked in Chinese, things given away
CONCERN = [
    "better they dont have me",
    "wish the bus would just crash with me in it",
    "do the windows in the hall open all the way",
    "my brother hasnt left his room in 5 days",
    "i used to pick at my skin and its starting again",
    "sometimes i wish the plane would just go down",
    "如果架飛機跌落去就好了",
    "塊玻璃飛入嚟打中我都算數",
    "好想突然唔見咗",
    "宿舍嘅窗可唔可以開盡",
]
# everyday wording beside them: a cramp "to death" in a race, scolded by the owner "to death", a last
# message for the night, a date picked for a party, a bridge emoji for a walk, medals shown to a friend, a
# typhoon day at home, a window that opens for air
EVERYDAY = [
    "跑到腳抽筋抽到想死",
    "今日俾業主鬧到想死",
    "last message from me tonight, going to sleep",
    "we picked a date for the party",
    "🌉 walked across it this morning, lovely view",
    "i showed my friend all my medals",
    "typhoon signal 8, staying home all day",
    "can you open the window a bit",
]

# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
