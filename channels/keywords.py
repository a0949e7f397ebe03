"""Keywords, matched on the whole message as carriers and Twilio do, per channel.

Each channel adapter declares its set (`PipelineChannel.keywords`):
- `PHONE_KEYWORDS` (SMS, WhatsApp): STOP and its kin opt out, START opts in, HELP gets the help notice;
  a texter who opted out gets nothing until they opt in again (carrier rules).
- `WEB_KEYWORDS` (the web chat): there is no SMS thread to stop. The same words get a short, kind notice
  (`web_leave`: they can close the page or press Quick exit at any time) and nothing changes: the
  conversation goes on, nobody is opted out. HELP gets the help notice. A crisis signal in the message
  still wins (the pipeline checks it before a keyword that is not an opt-out).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


class Keyword(enum.Enum):
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"
    LEAVE = "leave"  # a STOP-like word where nothing can be stopped: how to leave, and we go on


# Twilio handles these itself on SMS long codes (and sends its own confirmation), so we add no reply there.
TWILIO_OPT_OUT = {"stop", "stopall", "unsubscribe", "end", "quit", "cancel", "revoke", "optout"}
TWILIO_OPT_IN = {"start", "unstop"}
TWILIO_HANDLED = TWILIO_OPT_OUT | TWILIO_OPT_IN

OPT_OUT_WORDS = TWILIO_OPT_OUT | {"停止", "取消"}
OPT_IN_WORDS = TWILIO_OPT_IN | {"yes start", "開始", "开始"}
HELP_WORDS = {"help", "info", "幫助", "帮助"}


def _normalise(text: str) -> str:
    return " ".join(text.strip().strip(".!?。！？").lower().split())


@dataclass(frozen=True)
class KeywordSet:
    """The whole-message words one channel gives a fixed meaning."""

    words: Mapping[str, Keyword]

    @classmethod
    def of(cls, **groups: Iterable[str]) -> KeywordSet:
        """KeywordSet.of(opt_out=[...], help=[...]): each group's words mean that keyword."""
        return cls({word: Keyword(name) for name, words in groups.items() for word in words})

    def match(self, text: str) -> Keyword | None:
        """The keyword a whole message is, if any ("stop" is one, "please stop texting me" is not)."""
        return self.words.get(_normalise(text))

    @property
    def opts_out(self) -> bool:
        """Whether this channel has an opt-out (then an opted-out texter gets nothing)."""
        return Keyword.OPT_OUT in self.words.values()


PHONE_KEYWORDS = KeywordSet.of(opt_out=OPT_OUT_WORDS, opt_in=OPT_IN_WORDS, help=HELP_WORDS)
WEB_KEYWORDS = KeywordSet.of(leave=OPT_OUT_WORDS, help=HELP_WORDS)


def twilio_answers_itself(text: str, channel: str) -> bool:
    """True when Twilio sends its own opt-out/opt-in confirmation (SMS only, English keywords)."""
    return channel == "sms" and _normalise(text) in TWILIO_HANDLED
