"""Opt-out, opt-in and help keywords, matched on the whole message as carriers and Twilio do."""

from __future__ import annotations

import enum


class Keyword(enum.Enum):
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"


# Twilio handles these itself on SMS long codes (and sends its own confirmation), so we add no reply there.
TWILIO_OPT_OUT = {"stop", "stopall", "unsubscribe", "end", "quit", "cancel", "revoke", "optout"}
TWILIO_OPT_IN = {"start", "unstop"}
TWILIO_HANDLED = TWILIO_OPT_OUT | TWILIO_OPT_IN

OPT_OUT_WORDS = TWILIO_OPT_OUT | {"停止", "取消"}
OPT_IN_WORDS = TWILIO_OPT_IN | {"yes start", "開始", "开始"}
HELP_WORDS = {"help", "info", "幫助", "帮助"}


def _normalise(text: str) -> str:
    return " ".join(text.strip().strip(".!?。！？").lower().split())


def match_keyword(text: str) -> Keyword | None:
    """The keyword a whole message is, if any ("stop" is one, "please stop texting me" is not)."""
    word = _normalise(text)
    if word in OPT_OUT_WORDS:
        return Keyword.OPT_OUT
    if word in OPT_IN_WORDS:
        return Keyword.OPT_IN
    if word in HELP_WORDS:
        return Keyword.HELP
    return None


def twilio_answers_itself(text: str, channel: str) -> bool:
    """True when Twilio sends its own opt-out/opt-in confirmation (SMS only, English keywords)."""
    return channel == "sms" and _normalise(text) in TWILIO_HANDLED
