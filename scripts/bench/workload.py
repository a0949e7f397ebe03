"""What the simulated texters send: distinct valid numbers, SMS and WhatsApp, three languages.

Every scripted message expects a reply. Scripts alternate a sentence that opens a numbered menu with
the digit "1"; consecutive sentences start different guidance paths (or ask a question that answers
"1" with the current step), so a conversation never walks to the last step, where "1" would ask for
a counsellor and pause the bot. No message carries a crisis signal or an age (both open handoffs).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

# The sentences come from the test stories (tests/stories/*.yml), where their intents are checked.
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "greet": "hi",
        "threat": "someone recorded me on a video call and says he will send it to my friends unless i pay",
        "police": "how do i report this to the police",
        "should_pay": "should i just pay him so he deletes it",
        "takedown": "how can i get the video taken down",
        "paid": "i already paid him 3000 and now he wants more",
        "app": "she made me install an apk and now she has all my contacts",
        "shared": "he already sent the video to my friends and posted it",
        "dating": "i paid a deposit and hotel fee for a date but the girl never came and now they want more",
    },
    "yue": {
        "greet": "你好呀 有冇人喺度",
        "threat": "有人錄低咗我裸聊段片 話唔俾錢就send俾我啲friend 點算",
        "police": "我應該點樣報警",
        "should_pay": "我應唔應該俾錢佢",
        "takedown": "點樣可以叫網站刪走段片",
        "paid": "我已經俾咗佢五千蚊 佢而家仲要多",
        "app": "佢叫我裝咗個app 而家我成個通訊錄都俾佢攞晒",
        "shared": "佢已經send咗段片俾我啲朋友 全部人都見到",
        "dating": "我俾咗訂金同酒店錢 但係個女仔冇出現 而家仲要我俾會員費",
    },
    "cmn_hans": {
        "greet": "你好 请问有人在吗",
        "threat": "有人录了我裸聊的视频 说不给钱就发给我所有好友 怎么办",
        "police": "我应该怎么报警",
        "should_pay": "我要不要给他钱",
        "takedown": "怎么才能把网上的视频删掉",
        "paid": "我已经转了五千给他 现在他又要更多",
        "app": "她让我装了一个聊天app 然后把我通讯录都偷了",
        "shared": "他已经把视频发给我的朋友了 大家都看到了",
        "dating": "我付了定金和酒店钱 结果女生根本没来 现在还要我交会员费",
    },
    "cmn_hant": {
        "greet": "你好 請問有人在嗎",
        "threat": "有人錄了我裸聊的影片 說不給錢就發給我所有好友 怎麼辦",
        "police": "我應該怎麼報警",
        "should_pay": "我要不要給他錢",
        "takedown": "怎麼才能把網上的影片刪掉",
        "paid": "我已經轉了五千給他 現在他又要更多",
        "app": "她讓我裝了一個聊天app 然後把我通訊錄都偷了",
        "shared": "他已經把影片發給我的朋友了 大家都看到了",
        "dating": "我付了定金和酒店錢 結果女生根本沒來 現在還要我交會員費",
    },
}

# Path starts alternate with questions whose menu "1" shows the current step again.
SENTENCE_CYCLE = ("threat", "police", "should_pay", "takedown", "paid", "app", "shared", "dating")
MENU_DIGIT = "1"

# (region, language): who texts from where; channels alternate SMS and WhatsApp per conversation.
PROFILES: tuple[tuple[str, str], ...] = (
    ("HK", "yue"),
    ("CN", "cmn_hans"),
    ("TW", "cmn_hant"),
    ("SG", "en"),
    ("GB", "en"),
    ("HK", "en"),
)

# E.164 prefixes of valid mobile blocks; four digits are appended (10,000 numbers per region).
NUMBER_PLANS: dict[str, str] = {
    "HK": "+8529123",
    "CN": "+861381234",
    "TW": "+88691234",
    "SG": "+659123",
    "GB": "+44740012",
}


@dataclass(frozen=True)
class Texter:
    """One conversation: who sends, over which channel, and the messages in order."""

    index: int
    region: str
    language: str
    channel: str
    number: str
    script: tuple[str, ...]

    @property
    def sender_id(self) -> str:
        """The conversation id used where no phone number applies (the bare assistant's REST channel)."""
        return f"bench-{self.index}"


def number_for(region: str, serial: int) -> str:
    """A distinct number of `region` for each serial below 10,000."""
    return f"{NUMBER_PLANS[region]}{serial % 10_000:04d}"


def sentences(language: str, start: int) -> Iterator[str]:
    bank = MESSAGES[language]
    for key in itertools.islice(itertools.cycle(SENTENCE_CYCLE), start, None):
        yield bank[key]


def short_script(language: str, start: int, pairs: int = 3) -> tuple[str, ...]:
    """A greeting, then `pairs` times a sentence and the menu digit."""
    said = itertools.islice(sentences(language, start), pairs)
    return (MESSAGES[language]["greet"], *itertools.chain.from_iterable((s, MENU_DIGIT) for s in said))


def long_script(language: str, turns: int) -> tuple[str, ...]:
    """`turns` messages alternating a sentence and the menu digit (turn 1 is a sentence)."""
    said = sentences(language, 0)
    return tuple(next(said) if turn % 2 else MENU_DIGIT for turn in range(1, turns + 1))


def texter(index: int, script: tuple[str, ...] | None = None, profile: int | None = None) -> Texter:
    """The `index`-th simulated texter; its profile, channel and script follow from the index."""
    region, language = PROFILES[(index if profile is None else profile) % len(PROFILES)]
    channel = "whatsapp" if index % 2 else "sms"
    return Texter(
        index=index,
        region=region,
        language=language,
        channel=channel,
        number=number_for(region, index),
        script=script or short_script(language, start=index % len(SENTENCE_CYCLE)),
    )


def long_texter(index: int, turns: int) -> Texter:
    """One Hong Kong WhatsApp texter writing Cantonese for `turns` messages."""
    return Texter(
        index=index,
        region="HK",
        language="yue",
        channel="whatsapp",
        number=number_for("HK", index),
        script=long_script("yue", turns),
    )
