"""What own probes taught the lexicon in the forty-second round of issue 12 (the Cantonese, Mandarin and
English sides of `*_probe_round42*` in bot/triage/lexicon/crisis.yml).

Helpers that saw no evaluation set wrote 250 probe lines per language (130 clear signals, 50 possible ones, 70
without risk), indirect the way texters are. The lexicon alone read 59 of the Cantonese clear signals as clear
(105 now), 75 of the Mandarin (101) and 82 of the English (109), with no more false alarms on the lines
without risk; on the 36,898 labelled texts and training examples 93 readings moved toward their labels and
none away. A last pass on the possible signs the probes missed (Mandarin 27 of 50 unread, 11 now; English 11,
5) moved 7 more readings, all toward their labels. The texts below are in the same general forms, own wording;
everyday lines that share their words stay unread."""

from __future__ import annotations

from tests.triage.lexicon_reading import table_test

CRISIS_ANYONE = [
    # Cantonese: tonight the last night; no more of me after tomorrow; ending it with my own hands; on the
    # rooftop, soon all right; won't live through tomorrow night; the place to jump picked; the last try
    # failed, "this time"; the voice back; a threat carried out, then the pier; a beach nobody is at; the roof
    # door unlocked; charcoal once it is posted
    "決定咗 今晚就係我最後一晚",
    "聽朝之後唔會再有我",
    "我會親手結束一切",
    "我喺天台 好快就冇事",
    "如果佢真係放上網 我唔會捱得過聽晚",
    "我已經揀好咗喺邊度跳",
    "上次條繩斷咗 今次我買咗條新嘅",
    "把聲又叫我跳",
    "佢一send出去我就去碼頭",
    "我查咗邊個海灘夜晚冇人",
    "天台道門冇鎖 我而家喺出面",
    "佢一放我就開炭",
    # Cantonese: all the pills taken, bye; how many are enough; the sea dark and inviting; waiting for a car
    # to hit; how high a fall would not hurt; medicine thrown away, "not needed"
    "啲藥食晒喇 bye",
    "幾多粒先夠 我有三排",
    "個海好黑 好似好舒服咁",
    "企喺馬路中間等車撞",
    "由幾樓跳落去先唔會痛",
    "啲精神科藥倒晒 反正唔使再覆診",
    # Cantonese: don't look for me, sorry; passwords written, delete it all; savings to a brother; take care,
    # remember me; cut again, the bleeding won't stop; scalding water on a hand
    "對唔住 唔好搵我",
    "密碼寫咗喺張紙度 幫我delete晒",
    "啲儲蓄我全部過咗數畀細佬",
    "好好保重 記住我",
    "又𠝹咗 今次血止唔到",
    "用滾水淥自己隻手",
    # Mandarin: one foot out of the window; to the river after a threat carried out; from the building down;
    # driving into a barrier; let it end tonight; too late when you read this; bye, world; new cuts again;
    # the platform's edge, not stepping back; passwords with sorry; the last story post
    "窗户开着 一只脚已经在外面了",
    "要是他真发了 我就去学校后面那条河",
    "要是照片被发出去 我就从教学楼上下去",
    "他敢发 我就开车去撞护栏",
    "今晚就让它结束",
    "等你看到这条消息 应该已经来不及了",
    "掰了 這世界",
    "手臂又多了好几道新的",
    "站在月台最前面 下一班我不会退了",
    "LINE密碼都寫在筆記本最後一頁了 對不起",
    "這是我最後一篇限動了",
    # English: the roof of my block now; medicine stopped to let go; a count of pills taken; charcoal lit;
    # the platform and the next train; waiting for everyone to sleep; "if it's posted, i jump"; this time i'll
    # make sure; nobody will stop me; the thoughts back after an attempt; see you in another life; letters
    # addressed to each of us; the last sunset; Tagalog and Malay
    "havent taken my insulin for days, letting it happen",
    "took like 30 of my dads pills",
    "charcoal is lit, door is locked",
    "gonna step off when the next train comes",
    "razors on the sink, just waiting for everyone to sleep",
    "if i see it posted i jump",
    "last time the rope broke, this time i'll make sure",
    "overdosed in sec 3 and now the thoughts are back",
    "see you guys in another life",
    "tatapusin ko na lahat",
    "tonight i finish all the ubat",
]

CONCERN = [
    # (first drafts that everyday lines share, kept as possible signs on review)
    "on the roof of my hdb block now",
    "nobody can stop me",
    "last sunset",
    "佢話今晚之後唔會再有呢個問題",
    "幾多粒先夠",
    "條繩今晚想試吓",
    "瞓着咗唔再醒都幾好",
    "撞到都唔緊要",
    "活住好辛苦",
    "冇人會miss我",
    "用橡筋彈手腕彈到紅晒",
    "everyones life easier once im gone",
    "think i go die tonight",
    # (later, from the probes' possible signs)
    "要是明天不用醒來就好了",
    "我是不是就是個累贅",
    "我真的不配當他們的孩子",
    "以前有過不好的念頭 最近又冒出來了",
    "要是我不見了 大家會不會比較好",
    "朋友把IG大頭貼換成全黑",
    "hope i just dont wake up tmr",
    "i used to cut in sec school, lately thinking about it again",
    "waiting for it all to end",
]

EVERYDAY = [
    "今晚係最後一晚優惠",
    "今晚係最後一晚喺香港 聽日返英國",
    "拜拜 唔好再搵我 我已經報咗警",
    "天台門冇鎖 我哋上去影相",
    "算好要幾多粒先夠一個星期",
    "thank you all, see you on the other side of the exam",
    # (the narrowed forms' everyday neighbours)
    "charcoal is lit, come over for bbq",
    "this time i'll make sure to save my work",
    "last sunset of 2026 at the beach",
    "im in the sea and its so warm",
    "we picked the date already!",
    "found the place for dinner",
    "once the results are out i go celebrate",
    "我會從樓上下去拿外賣",
    "明天就去河邊跑步",
    "車鑰匙放在桌上",
    "明天不用等我 我加班",
    "大腿多了幾條妊娠紋",
    "差點就成功了 明天再試",
    "揀好咗跳舞嘅歌",
    "停咗食感冒藥 反正好返晒",
    # (an older entry's false alarm found on review: thanks, then the phone off to sleep)
    "多謝你 我熄機瞓覺喇",
    "谢谢你 我关机睡觉了",
    # (and how to end a presentation, found the same way)
    "谂好咗点样结束个presentation",
    "想好了怎么结束这篇报告",
    "chem paper tmr, i go die tomorrow lol",
]

test_each_text_gets_its_groups_reading = table_test(globals())
