"""What the twenty-fifth round of issue 12 taught the lexicon (`signals_round25`, `means_round25`,
`sleeves_round25`, the Chinese `*_round25_zh` entries, the romanised Cantonese `romanised_round25` and
`romanised_passive_round25`, the emoji entry `blood_drop_round25`, the homograph `scratched_by_pet_round25`
and a third-party sign in bot/triage/lexicon/crisis.yml and third_party.yml) and the whose-words rules and the
idiom guard (bot/triage/crisis.py). The families came from the misses and false alarms of hold28, opened this
round; every text below is own wording in a general form, none is a set's. One table holds each text with the
level and the subject the lexicon must read, the everyday wording beside the signals included."""

from __future__ import annotations

from tests.triage.lexicon_reading import table_test

# clear signals, no subject named: the suicide word before an anger idiom's words (自殺了 那個人…), a drop
# of blood beside a compass or a blade, which window on the ward does not lock, romanised Cantonese
# "don't want to live" and "going first, don't look for me", a Tagalog goodbye with a sorry to all, an
# attempt before and the same feeling now (Tagalog), the wheel turned into the barrier, the cat given with a
# sorry
CRISIS_ANYONE = [
    "決定咗自殺了 那個人唔好再搵我",
    "📐🩸",
    "which window on the ward doesnt lock",
    "m seung wut la",
    "zau sin la, m hou wan ngo",
    "pasensya na sa lahat, paalam",
    "nag attempt ako dati, ngayon ganun ulit",
    "開緊車 好想軚盤一扭撞埋去石壆",
    "對唔住 隻貓交俾你",
]
# about the texter: driving into the reservoir if it is posted, swerving into the barrier, on a footbridge
# looking down (English and Cantonese), a gaming goodbye, the suicide word not hidden by the anger idiom,
# "once I'm dead you won't have to", the pet left with a sorry
CRISIS_SELF = [
    "if he posts it i will drive into the reservoir",
    "i keep wanting to swerve into the barrier on the highway",
    "im on the footbridge now, looking down",
    "gg all, gave away my acc already, not staying for the next season",
    "我已經決定自殺了 那個人唔使再威脅我",
    "我而家企喺天橋度望落去",
    "我死咗之後你哋就唔使再幫我還錢",
    "sorry, please look after my cat",
]
# someone else's: one of a coach's or youth worker's charges quoted, a leader's member with their age, a
# grandmother's grandson leaving his phone and bank card with a sorry, a rope hidden in a brother's scooter,
# lines on a sister's wrist, blood through a pupil's sleeve, a pupil on the window ledge after "no use",
# thanks for the years and not coming back, a note left on the fridge with a sorry and the cat given, burns
# from a hair straightener, a photo from the rooftop with "last practice", walking toward the highway, an
# attempt and "it feels like before", the roommate locked in and not opening
CRISIS_OTHER = [
    "one of my boys told me 'i want to kill myself'",
    "隊入面有個15歲嘅仔話「我真係想死」",
    "my grandson left his phone and bank card with a note saying sorry",
    "我哥把繩子藏在機車車廂",
    "我妹手腕上一道一道的",
    "有個學生件校服袖口滲緊血",
    "我個學生話冇用 然後坐咗上窗台",
    "團契有個細路話「多謝大家照顧 我唔會再返嚟」",
    "我室友留咗張字條:「對唔住 隻貓交俾你」",
    "an f3 girl showed me burns on her arm from a hair straightener",
    "one of my players posted a pic from his building's rooftop, caption 'last practice was fun'",
    "my friend said it'd be fine if a car hit him, then walked off toward the highway, not home",
    "my student attempted last year and now says it feels like before",
    "我室友把自己鎖在房間 我們叫他都不開",
]
# possible signals, asked about: long sleeves in the heat, a burn explained as cooking, romanised "don't want
# to wake again", "bye everyone, thanks", "with me gone they would be better off" (burden talk)
CONCERN = [
    "she keeps wearing a hoodie even in 34 degrees",
    "夏天也穿長袖",
    "手背燙到起泡 話係煮飯燙嘅",
    "m seung zoi seng faan",
    "bye everyone 多謝晒",
    "有時覺得冇咗我佢哋應該輕鬆好多",
    "冇咗我你哋兩母女會好過啲",
]
# everyday wording beside them: anger at the blackmailer (殺了那個人), a cat's scratches said as such, a rope
# packed for camping, a footbridge for the view, a pet minded for a weekend, driving to the reservoir for a
# walk, a note left for a flatmate about the rent, a game's next season, thanks and goodbye at the end of a
# chat, the phone number of a relative the blackmailer holds
EVERYDAY = [
    "我真係想殺了那個人",
    "隻貓抓到我手臂一條條 點樣消毒",
    "手臂有一條條紅痕 係貓抓嘅",
    "im on the footbridge looking down at the fireworks",
    "sorry, can you look after my cat for the weekend",
    "we drove to the reservoir for a walk",
    "can't wait for the next season",
    "bye everyone, thanks for the help today, i will call the police tomorrow",
    "the guy has my mum's number",
]

# each list's texts get its reading (tests/triage/lexicon_reading.py, TABLE_LISTS)
test_each_text_gets_its_groups_reading = table_test(globals())
