"""What the fiftieth round of issue 12 taught the lexicon and the whose-words rules.

From the misses of hold53, opened this round, in own wording and general forms. Lexicon: what happens if one
takes a whole strip, box or bottle of a medicine at once (not a box of biscuits); hitting one's own hand or
head with a dumbbell or a hammer; a note "to whoever reads this" that thanks, apologises or passes things on
(not a plea for help alone); a life "given back" to the parents; an apology, then no longer keeping someone
company (not tonight's chat cut short); things given away "since I won't need them"; "this life ends here"
(a possible sign); guard duty at the armoury (a possible sign, access to guns). Whose words: a relation with
where the texter knows them from before them ("my JC friend"), a longer place after them ("in sec 2 normal
stream"), what they keep writing; he or she and "is" right before the signal ("hes a burden to my mum"; not
"shes better off without me", the texter's burden); a signal in the texter's dropped-"I" form with no one
named before it, the family named only after ("cant see any future. my dad drinks"); what a relation said of
the texter (還說我丟臉) before the texter's own words; a password left to "my cousin" is no farewell to the
texter. Every text below is own wording in a general form, none is a set's."""

from __future__ import annotations

from tests.triage.lexicon_reading import table_test

CRISIS_SELF = [
    "what happens if i take a whole strip of panadol at once",
    "what would happen if i swallowed two boxes of sleeping pills",
    "been hitting my hand with a hammer since he sent the link",
    "whoever finds my phone pls tell my mum the pin",
    "我拿铁锤敲自己的手",
    "佢send咗出去 我用啞鈴砸自己隻手",
    "把游戏账号都送给同学了 反正我以后也用不上",
    "领导还说我丢人 我想死",
]

CRISIS_ANYONE = [
    "to whoever reads this, thank you and sorry for the mess",
    "这条命就当还给爸妈了",
    "對唔住 阿媽 以後唔可以再陪你行街",
    "安眠药一次吃两盒会怎么样",
]

CRISIS_OTHER = [
    "my JC friend keeps saying 'i want to die'",
    "my hall friend posted 'gonna kill myself tonight'",
    "my friend in sec 3 express stream keeps writing 'i want to die' on her desk",
    "my grandpa keeps saying hes a burden to my mum",
]

CONCERN = [
    "如果视频传出去 这辈子就到这了",
    "今晚我在弹药库站岗",
]

CONCERN_SELF = ["cant see any future after this. my dad drinks and my mum left"]

CONCERN_OTHER = ["我老公说要是传出去 他这辈子也就到此为止了"]

EVERYDAY = [
    "finished a whole strip of gum in one class lol",
    "accidentally hit my hand with a hammer fixing the shelf",
    "whoever reads this pls help me, he wants 500",
    "對唔住 今晚唔可以再陪你傾 聽日講",
    "对不起 今天不能再陪你玩了 要去补习",
    "这辈子第一次吃榴莲",
    "今晚我值班 在仓库",
    "老师说我丢脸 我好嬲",
]

# The round's own training examples (data/nlu/*/round50_intents.yml, general forms): this life given back to
# the parents; things handed over "since I won't need them"; "please tell my mum not to cry"; a hammer used on
# one's own fingers; if I weren't here it would stop, my parents would rather I did not exist, Tagalog burden
# (pabigat na lang ako, mas okay kung wala na ako); guard duty with the rifles or a gun locker's key; sorry,
# no more doing something with someone; what a relation keeps muttering or "keep writing".
CRISIS_ANYONE += [
    "giving this life back to you mum, sorry",
    "take my switch and all the games since i wont need them",
    "pls tell my mum not to cry",
    "used the hammer on my fingers again",
]
CONCERN += [
    "if i werent here all of this would stop",
    "my parents would rather i didnt exist",
    "pabigat na lang ako sa pamilya ko",
    "mas okay kung wala na ako",
    "armskote duty tonight, alone with the rifles",
    "sorry ah ma, i cant go yum cha with you anymore",
]
CRISIS_OTHER += [
    "my classmate keep writing 'i want to die' in her notebook",
    "my little bro keeps muttering 'i want to die'",
]
EVERYDAY += [
    "if i wasnt here yesterday i would have missed the delivery",
    "sorry i cant go with you tonight, got tuition",
    "keep the umbrella since i wont need it today",
    "the gun locker in the game is bugged lol",
    "pls tell my mum ill be late",
]

# Cantonese and Mandarin from the round's training examples: the life the parents gave given back;
# "whoever sees this message" asked to pass something on; game things given away, "I won't log in
# again" (not a friend's things given to the texter, which are his words); "I've decided, end it
# tonight"; an apology, "I'm leaving first", then a care instruction; a whole strip of a medicine at
# once, the strip named first; the family's or the children's burden, a life "wasting air", never
# meant to be born, if I weren't here it would stop, asleep and never waking "would be fine", my whole
# life over, goodbye to everyone, a debt "I can't repay"; guard duty at the gun room; romanised
# Cantonese (bat jyu sei zo syun, sik saai … ngon min joek; fan zo zau m sai zing faan); a grandparent
# spoken to before the apology is no subject; punching a wall, a comma before the swelling.
CRISIS_ANYONE += [
    "呢條命係阿媽俾我嘅 今晚還返俾佢",
    "邊個睇到呢個message 麻煩話俾我阿哥知",
    "我想好了 今晚就结束吧",
    "一整盒安眠药一次吞下去会怎么样",
    "bat jyu sei zo syun",
    "sik saai seng hap ngon min joek",
]
CRISIS_SELF += [
    "啲skin全部transfer咗俾同學 之後我都唔會再login",
    "对不起我要先走了 你要好好照顾自己",
    "阿嬤對不起，以後不能再陪妳去市場了，我沒臉活下去",
]
CONCERN += [
    "我就是孩子们的负担",
    "反正我活着也只是浪费空气",
    "我根本就不该被生下来",
    "如果我唔喺度 呢啲嘢咪會停",
    "瞓咗唔醒都冇所謂",
    "條片一出街 我成世就完咗",
    "再見了 所有人",
    "我欠你嘅還唔到喇",
    "今晚當更守槍房",
    "fan zo zau m sai zing faan",
]
CONCERN_SELF += ["我朋友將佢部switch俾咗我 話佢以後唔會再玩", "我用拳頭打牆，打到手指腫晒"]
CRISIS_ANYONE += ["打牆 打到手指腫晒"]
EVERYDAY += [
    "如果我不在 你就自己吃饭",
    "想好了 今晚就结束这个项目",
    "我是大家的开心果",
    "今晚我不在家",
    "瞓咗一覺醒返好好多",
    "siu sei ngo",
]

# his burden, said of the texter ("shes better off without me") stays the texter's
CRISIS_SELF += ["i cost my sister so much, shes better off without me"]

test_each_text_gets_its_groups_reading = table_test(globals())
