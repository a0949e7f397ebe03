"""Issue 15: a child someone is grooming or trying to meet, and an outing threat.

A child (or a parent or teacher reporting it for a child) with any grooming signal gets, in the first
reply, the few things that keep them safe now, and an `urgent` handoff with reason `grooming` when a
meeting is proposed or arranged (`high` otherwise); the child's path then goes on one step at a time
while they wait. An adult threatened with being outed hears that fear named without judgement, that
reporting does not mean coming out to family, and a confirmed LGBTQ+ line where the region has one,
then every step of the threat path.
"""

from __future__ import annotations

import re

from rasa_sdk.events import EventType

from actions.guidance import show_step
from actions.safety import open_handoff
from actions.turn import Turn
from actions.waiting import HelplineAction
from bot.triage.crisis import _t2s, normalise

PARENT_WORDS = re.compile(
    r"\bmy (son|daughter|kid|child|student|pupil)s?\b|\bmy \d+ ?(yo|year old)s?\b|"
    + _t2s(
        r"我(个|嘅|的)?(女儿|儿子|孩子|小孩|学生|囝|个女|个仔)|我个(女|仔)|(我|我们)班(上)?(的|嘅)?(学生|同学)"
    )
)
# Whom a parent or teacher speaks about ("my brother" may be a child's own sibling: not counted).
CHILD_IN_CARE = {"son", "daughter", "child", "kid", "student"}


def reports_for_a_child(turn: Turn) -> bool:
    """A parent, teacher or friend telling us about a child (not the child themself)."""
    entities = (turn.tracker.latest_message or {}).get("entities") or []
    if any(e.get("entity") == "relation" and e.get("value") in CHILD_IN_CARE for e in entities):
        return True
    if turn.slot("relation") in CHILD_IN_CARE or turn.slot("path") == "someone_else":
        return True
    # The intent alone is not enough: a child telling about "a guy online" often reads as someone else.
    return bool(PARENT_WORDS.search(normalise(turn.text)))


class ActionGrooming(HelplineAction):
    """A minor with a grooming or meeting signal: do not go, not in trouble, tell an adult today,
    the emergency number if a meeting is set or happening, keep the messages; a counsellor, urgently."""

    def name(self) -> str:
        return "action_grooming"

    async def act(self, turn: Turn) -> list[EventType]:
        turn.set("grooming_supported", True)
        if reports_for_a_child(turn):
            turn.say("utter_grooming_parent")
            turn.set("path", "someone_else")
        else:
            turn.say("utter_grooming_first")
            turn.set("minor_supported", True)  # the child's essentials are in this reply
            turn.set("path", "minor")
        turn.set("step", 0.0)
        await open_handoff(turn, "grooming")
        return turn.finish()


class ActionOuting(HelplineAction):
    """A threat to out the texter: the fear named, then the threat steps (never pay, evidence, report)."""

    def name(self) -> str:
        return "action_outing"

    async def act(self, turn: Turn) -> list[EventType]:
        turn.set("outing_supported", True)
        return show_step(turn, "outing", 0)
