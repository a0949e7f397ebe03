"""The texter's fixed words for the report pack (DESIGN.md, "Texter words with a fixed meaning").

"summary", "報案摘要", "报案摘要" (and "report summary", "摘要") ask for it; "clear summary", "清除摘要"
delete its facts. Matched on the whole message, ignoring case, spaces and punctuation, so "delete my data"
(the texter's erasure request, handled elsewhere) can never be read as either.
"""

from __future__ import annotations

import re

SUMMARY_WORDS = frozenset({"summary", "reportsummary", "mysummary", "報案摘要", "报案摘要", "摘要"})
CLEAR_WORDS = frozenset({"clearsummary", "清除摘要"})


# While the pack asks for a missing fact, a message with one of these intents is not an answer: it is
# acted on as usual (a person, a crisis, the texter's data come first) and the question is let go.
NOT_ANSWER_INTENTS = frozenset(
    {
        "self_harm",
        "express_distress",
        "request_human",
        "delete_my_data",
        "ask_privacy",
        "ask_should_pay",
        "ask_police_report",
        "ask_content_removal",
        "choose_language",
        "bot_challenge",
        "greet",
        "goodbye",
        "help_someone_else",
    }
)


def normalised(text: str | None) -> str:
    return re.sub(r"[\s.,!?。，！？「」“”\"'：:;；、~]+", "", (text or "").lower())


def asks_for_summary(text: str | None) -> bool:
    return normalised(text) in SUMMARY_WORDS


def asks_to_clear(text: str | None) -> bool:
    return normalised(text) in CLEAR_WORDS


def asks_for_report_pack(text: str | None) -> bool:
    return asks_for_summary(text) or asks_to_clear(text)
