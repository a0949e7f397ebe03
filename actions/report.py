"""The report pack for the texter: the facts they gave, in their language, and where to take them.

Every helpline action first records what the texter's message says (`record_facts`,
helpline/store/report_facts.py, encrypted in the helpline database, never in the tracker's slots). The
texter asks for the pack with a fixed word ("summary", "報案摘要", "报案摘要"; DESIGN.md) or the menu
choice on the police step; the assistant may first ask, one at a time, for what is missing ("What is their
account name or link?", "How much did they ask for, and how?"; 0 skips), then sends at most two messages of
at most 3 SMS segments each: the facts, then the region's reporting route ({police_route}) with what to
bring and what to say.
"clear summary" / "清除摘要" deletes the facts (not the conversation: "delete my data" does that).
"""

from __future__ import annotations

import asyncio
import re
from functools import lru_cache
from typing import Any

from rasa_sdk.events import EventType

from actions.services import get_action_services
from actions.turn import Turn
from actions.waiting import HelplineAction, rendered
from bot.triage.entities import extract_entities
from bot.triage.report_words import NOT_ANSWER_INTENTS, asks_for_summary, asks_to_clear
from bot.triage.report_words import normalised as _word
from helpline.content.report_text import LABELS, fact_lines
from helpline.content.script import to_script
from helpline.content.sms import segments
from helpline.settings.crypto import Cipher
from helpline.settings.logs import get_logger
from helpline.store.report_facts import ReportFactsStore, extract_facts, has_any

logger = get_logger("actions.report")

SKIP_WORDS = {
    "0", "skip", "no", "none", "idk", "dontknow", "donotknow", "notsure", "跳過", "跳过", "唔知",
    "不知道", "唔記得", "不记得", "冇", "没有", "沒有", "不",
}  # fmt: skip
MESSAGE_SEGMENTS = 3  # each of the pack's two messages
QUESTIONS = (("handle", "utter_report_ask_handle"), ("amount", "utter_report_ask_amount"))
MAX_RAW_ANSWER = 60


@lru_cache(maxsize=1)
def fact_store() -> ReportFactsStore:
    from helpline.settings.config import get_settings

    return ReportFactsStore(get_action_services().engine, Cipher(get_settings().secret_key))


# ----------------------------------------------------------------------------- recording


def deadline_fact(turn: Turn) -> dict[str, Any]:
    """The threat's deadline as the deadlines branch resolved it (slot `deadline_at`, ISO 8601 UTC)."""
    try:
        value = turn.slot("deadline_at")
    except Exception:  # noqa: BLE001 - a tracker without the slot (before the deadlines branch)
        value = None
    return {"deadline": str(value)} if value else {}


def entities(turn: Turn) -> list[dict]:
    """The parse's rule-based entities (computed here when a parse came without them)."""
    found = (turn.tracker.latest_message or {}).get("entities") or []
    return found or extract_entities(turn.text)


async def record_facts(turn: Turn) -> None:
    """Keeps what the latest message states; never fails the turn (the reply matters more)."""
    if asks_for_summary(turn.text) or asks_to_clear(turn.text):
        return
    new = {**extract_facts(turn.text, entities(turn), turn.story_intent), **deadline_fact(turn)}
    if not has_any(new):
        return
    try:
        await asyncio.to_thread(fact_store().add, turn.tracker.sender_id, new)
    except Exception as error:  # noqa: BLE001
        logger.warning("report.facts_unsaved", extra={"error": type(error).__name__})


# ----------------------------------------------------------------------------- the texter's pack


def facts_message(facts: dict[str, Any], language: str, script: str | None, region: str | None) -> str:
    """The facts, within 3 segments in the texter's script: fewer items per list, then shorter lines.

    Returned as authored (Cantonese Traditional, Mandarin Simplified): the connector puts every reply
    into the texter's script."""
    title = LABELS.get(language, LABELS["en"])["title"]
    for limit in (None, 3, 2, 1):
        lines = fact_lines(facts, language, region, limit)
        while True:
            text = "\n".join([title, *lines])
            if segments(to_script(text, script, language)) <= MESSAGE_SEGMENTS:
                return text
            if limit != 1:
                break
            if not lines:
                return title
            longest = max(range(len(lines)), key=lambda i: len(lines[i]))
            if len(lines[longest]) > 24:
                lines[longest] = lines[longest][: len(lines[longest]) - 12].rstrip() + "..."
            else:
                lines.pop()
    return title


def route_response(slots: dict[str, Any]) -> str:
    """Where and how to report in their region, what to bring, what to say: the response that fits."""
    if segments(rendered("utter_report_route", slots)) <= MESSAGE_SEGMENTS:
        return "utter_report_route"
    return "utter_report_route_short"


async def send_pack(turn: Turn) -> list[EventType]:
    facts = await asyncio.to_thread(fact_store().get, turn.tracker.sender_id)
    facts = {**facts, **deadline_fact(turn)}
    language = turn.slot("language") or "en"
    text = facts_message(facts, language, turn.slot("script"), turn.slot("region"))
    turn.dispatcher.utter_message(text=text)
    turn.said.append("report_pack")  # no waiting reminder with it (actions/waiting.py)
    slots = dict(turn.tracker.slots)
    route = route_response(slots)
    link = await asyncio.to_thread(page_link, turn.tracker.sender_id) if has_any(facts) else None
    with_link = route_with_link(route, link, slots) if link else None
    if with_link:
        turn.dispatcher.utter_message(text=with_link)
        turn.said.append(route)
    else:
        turn.say(route)
    turn.set("report_question", None)
    return turn.finish()


PAGE_LINK_WORDS = {
    "en": "Printable copy, 24 hours: ",
    "yue": "可列印版本（24小時內有效）：",
    "cmn": "可打印版本（24小时内有效）：",
}


def page_link(conversation_id: str) -> str | None:
    """A new expiring link to the printable page, where the deployment has a public https address."""
    from helpline.settings.config import get_settings
    from helpline.store.report_facts import new_page, public_base

    base = public_base(get_settings().public_url)
    if base is None:
        return None
    token, _ = new_page(get_action_services().engine, conversation_id)
    return f"{base}/pack/{token}"


def route_with_link(route: str, link: str, slots: dict[str, Any]) -> str | None:
    """The route message with the page's link, as authored (the connector converts the script), when the
    whole still fits 3 segments in the texter's script; else None (the link is left out)."""
    language = slots.get("language") or "en"
    for name in (route, "utter_report_route_short"):
        authored = rendered(name, {**slots, "script": None})
        text = f"{authored}\n{PAGE_LINK_WORDS.get(language, PAGE_LINK_WORDS['en'])}{link}"
        if segments(to_script(text, slots.get("script"), language)) <= MESSAGE_SEGMENTS:
            return text
    return None


def next_question(facts: dict[str, Any], after: str | None) -> str | None:
    """The next missing fact to ask about, after the question just answered (each asked once)."""
    names = [name for name, _ in QUESTIONS]
    start = names.index(after) + 1 if after in names else 0
    for name in names[start:]:
        if name == "handle" and not (facts.get("handles") or facts.get("phones")):
            return name
        if name == "amount" and not (facts.get("amounts_asked") or facts.get("amounts_paid")):
            return name
    return None


def ask(turn: Turn, name: str) -> list[EventType]:
    turn.say(dict(QUESTIONS)[name])
    turn.set("report_question", name)
    return turn.finish()


def answer_facts(turn: Turn, question: str) -> dict[str, Any]:
    """What the answer to `question` adds: the rules first; else the short answer itself."""
    found = extract_facts(turn.text, entities(turn), turn.story_intent)
    text = re.sub(r"\s+", " ", turn.text).strip()
    wanted = ("handles", "phones") if question == "handle" else ("amounts_asked", "amounts_paid")
    if any(found.get(key) for key in wanted) or not text or len(text) > MAX_RAW_ANSWER:
        return found
    if turn.intent in NOT_ANSWER_INTENTS:
        return found
    if re.search(r"https?://|www\.", text):
        return found  # a link the rules did not take (media, unknown site) is never kept as it is
    return {**found, wanted[0]: [text]}


async def report_pack(turn: Turn) -> list[EventType]:
    """The summary word, an answer to one of its questions, or the clear word."""
    store = fact_store()
    sender = turn.tracker.sender_id
    if asks_to_clear(turn.text):
        await asyncio.to_thread(store.clear, sender)
        turn.say("utter_report_cleared")
        turn.set("report_question", None)
        return turn.finish()
    question = turn.slot("report_question")
    if question and not asks_for_summary(turn.text):
        if _word(turn.text) not in SKIP_WORDS:
            await asyncio.to_thread(store.add, sender, answer_facts(turn, question))
    else:
        question = None
    facts = await asyncio.to_thread(store.get, sender)
    following = next_question(facts, question)
    if following:
        return ask(turn, following)
    return await send_pack(turn)


class ActionReportPack(HelplineAction):
    """'summary' / 報案摘要 / 报案摘要, the answers to its questions, 'clear summary' / 清除摘要."""

    def name(self) -> str:
        return "action_report_pack"

    async def act(self, turn: Turn) -> list[EventType]:
        return await report_pack(turn)
