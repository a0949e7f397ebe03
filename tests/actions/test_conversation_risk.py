"""Conversation-level risk (issue 12): the `risk_level` and `risk_about` slots TriagePolicy sets."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.triage_policy import triage_slot_events, wanted_slots

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "bot" / "domain"))

# (intent, risk, risk_about) of each texter message
NONE = ("report_sextortion", "none", None)
GREET = ("greet", "none", None)
THANKS = ("thank", "none", None)
DISTRESS = ("express_distress", "none", None)
CONCERN = ("express_distress", "concern", "self")
CONCERN_OTHER = ("help_someone_else", "concern", "other")
CRISIS = ("self_harm", "crisis", "self")
CRISIS_OTHER = ("help_someone_else", "crisis", "other")


def message(intent: str, risk: str, about: str | None) -> UserUttered:
    triage = {
        "language": "en",
        "script": "Latn",
        "crisis": risk == "crisis",
        "risk": risk,
        "risk_about": about,
        "minor": False,
        "age": None,
        "grooming": False,
    }
    parse = {"intent": {"name": intent, "confidence": 1.0}, "entities": [], "triage": triage}
    return UserUttered("text", parse["intent"], [], parse)


def converse(*turns: tuple[str, str, str | None]) -> DialogueStateTracker:
    """Each message, then the slot events TriagePolicy would apply after it."""
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    for turn in turns:
        tracker.update(message(*turn))
        for event in triage_slot_events(tracker, DOMAIN):
            tracker.update(event)
    return tracker


def levels(*turns: tuple[str, str, str | None]) -> list[str | None]:
    """The conversation's risk level after each message."""
    return [converse(*turns[: index + 1]).get_slot("risk_level") for index in range(len(turns))]


def test_slots_are_in_the_domain() -> None:
    names = {slot.name for slot in DOMAIN.slots}
    assert {"risk_level", "risk_about"} <= names


def test_no_risk_stays_none() -> None:
    assert levels(GREET, NONE, DISTRESS, THANKS) == ["none", "none", "none", "none"]


def test_a_single_concern_is_a_concern() -> None:
    assert levels(NONE, CONCERN, NONE) == ["none", "concern", "concern"]


def test_two_concerns_make_a_crisis() -> None:
    assert levels(CONCERN, NONE, CONCERN) == ["concern", "concern", "crisis"]


def test_concern_then_distress_makes_a_crisis() -> None:
    assert levels(CONCERN, DISTRESS) == ["concern", "crisis"]


def test_distress_before_a_concern_does_not() -> None:
    assert levels(DISTRESS, CONCERN) == ["none", "concern"]


def test_a_crisis_is_never_lowered() -> None:
    assert levels(CRISIS, THANKS, GREET, CONCERN, NONE) == ["crisis"] * 5


def test_a_crisis_after_a_concern() -> None:
    assert levels(CONCERN, CRISIS, THANKS) == ["concern", "crisis", "crisis"]


def test_the_crisis_slot_of_an_older_conversation_counts_as_crisis() -> None:
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(SlotSet("crisis", True))
    tracker.update(message(*THANKS))
    assert wanted_slots(tracker)["risk_level"] == "crisis"


# thirty-fifth round: a possible signal whose only content is the signal has the intent self_harm
CONCERN_READ_AS_SELF_HARM = ("self_harm", "concern", "self")


def test_a_possible_signal_with_the_self_harm_intent_is_a_concern() -> None:
    """The parse's `risk` decides, not the intent (bot/triage/risk_level.py)."""
    assert levels(CONCERN_READ_AS_SELF_HARM) == ["concern"]
    assert levels(GREET, CONCERN_READ_AS_SELF_HARM, CONCERN_READ_AS_SELF_HARM) == [
        "none",
        "concern",
        "crisis",
    ]
    assert levels(CONCERN, CONCERN_READ_AS_SELF_HARM) == ["concern", "crisis"]


def test_classifier_self_harm_alone_is_a_crisis() -> None:
    # an older parse without `risk`: the intent decides
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(
        UserUttered("x", {"name": "self_harm", "confidence": 0.9}, [], {"triage": {"crisis": False}})
    )
    assert wanted_slots(tracker)["risk_level"] == "crisis"


@pytest.mark.parametrize(
    ("turns", "about"),
    [
        ((CRISIS,), "self"),
        ((CRISIS_OTHER,), "other"),
        ((CONCERN_OTHER, NONE), "other"),
        # follows the latest message with a risk, not the latest message
        ((CRISIS_OTHER, CONCERN, THANKS), "self"),
        ((CONCERN, CRISIS_OTHER, GREET), "other"),
        ((GREET, NONE), None),
    ],
)
def test_risk_about_follows_the_latest_risk(turns: tuple, about: str | None) -> None:
    assert converse(*turns).get_slot("risk_about") == about


def test_other_concerns_escalate_too() -> None:
    tracker = converse(CONCERN_OTHER, CONCERN_OTHER)
    assert (tracker.get_slot("risk_level"), tracker.get_slot("risk_about")) == ("crisis", "other")


@pytest.mark.parametrize(
    ("story_intent", "slot"), [("already_paid", "paid"), ("content_shared", "content_shared")]
)
def test_a_crisis_told_inside_a_story_still_keeps_the_storys_fact(story_intent: str, slot: str) -> None:
    # the annotator made the intent self_harm; the story it came in is still a fact for the summary
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    said = message(*CRISIS)
    said.parse_data["triage"]["story_intent"] = story_intent
    tracker.update(said)
    wanted = wanted_slots(tracker)
    assert wanted[slot] is True
    assert wanted["risk_level"] == "crisis"
