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

# his burden, said of the texter ("shes better off without me") stays the texter's
CRISIS_SELF += ["i cost my sister so much, shes better off without me"]

test_each_text_gets_its_groups_reading = table_test(globals())
