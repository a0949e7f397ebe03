"""A turn budget: everything one texter message triggers fits 3 SMS segments.

A turn is every message the helpline sends in answer to one texter message. Most turns are one response
(a path step with its menu, an answer, a notice). The turns that send several are found by running the
actions themselves with fake stores: a crisis, a request for a person, a child starting a path, with and
without a counsellor on duty. Each turn is rendered in every region, language and script with the
longest placeholder values (tests/content/fixtures.py), and its segments are summed.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any
from unittest import mock

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.followup
import actions.safety
from actions.grooming import ActionGrooming, ActionOuting
from actions.guidance import ActionMenuChoice, ActionStartPath
from actions.paths import INTENT_PATHS, PATHS, path_steps
from actions.safety import ActionCrisis, ActionHandoff, ActionSafetyAnswer
from helpline.content.directory import get_directory
from helpline.content.notices import notice, notice_keys
from helpline.content.script import to_script
from helpline.content.sms import segments
from tests.content.fixtures import (
    LANGUAGE_SCRIPTS,
    REGIONS,
    longest_values,
    longest_wait_text,
    render,
    responses,
)

TURN_SEGMENTS = 3


def _tracker(slots: dict[str, Any], intent: str, text: str = "help", entities: list | None = None) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": entities or [],
        "triage": {"crisis": intent == "self_harm", "risk": "crisis" if intent == "self_harm" else "none"},
    }
    return Tracker("texter", slots, latest, [], False, None, {}, "action_listen")


def _fake_services(on_duty: int) -> Any:
    handoffs = mock.MagicMock()
    handoffs.open.return_value = SimpleNamespace(id=1, priority="urgent", reason="crisis", status="waiting")
    handoffs.counsellors_on_duty.return_value = on_duty
    return SimpleNamespace(handoffs=handoffs, contacts=mock.MagicMock(), engine=mock.MagicMock())


def _run(action: Any, tracker: Tracker, on_duty: int) -> tuple[str, ...]:
    """The responses one action sends, in order."""
    dispatcher = CollectingDispatcher()
    services = _fake_services(on_duty)
    with (
        mock.patch.object(actions.safety, "get_action_services", return_value=services),
        mock.patch.object(actions.followup, "get_action_services", return_value=services),
    ):
        asyncio.run(action.run(dispatcher, tracker, {}))
    return tuple(message["response"] for message in dispatcher.messages if message.get("response"))


def _action_turns() -> set[tuple[str, ...]]:
    """Every multi-message turn the actions produce, with and without a counsellor on duty."""
    base = {"language": "en", "region": "HK", "script": "Latn"}
    turns: set[tuple[str, ...]] = set()
    for on_duty in (0, 1):
        turns.add(_run(ActionCrisis(), _tracker({**base}, "self_harm", "i want to die"), on_duty))
        turns.add(
            _run(ActionCrisis(), _tracker({**base, "minor": True}, "self_harm", "i want to die"), on_duty)
        )
        turns.add(_run(ActionHandoff(), _tracker(base, "request_human"), on_duty))
        turns.add(
            _run(
                ActionMenuChoice(),
                _tracker({**base, "menu": "utter_step_evidence"}, "nlu_fallback", "2"),
                on_duty,
            )
        )
        # issue 15: a child groomed (a meeting), a parent reporting it, an outing threat, an adult asked
        # to meet after a deposit
        groomed = {**base, "minor": True, "grooming": True, "meeting": True}
        turns.add(_run(ActionGrooming(), _tracker(groomed, "report_sextortion"), on_duty))
        turns.add(_run(ActionGrooming(), _tracker(groomed, "help_someone_else"), on_duty))
        turns.add(_run(ActionOuting(), _tracker(base, "report_sextortion"), on_duty))
        turns.add(_run(ActionStartPath(), _tracker({**base, "meeting": True}, "dating_scam"), on_duty))
        # The check-in offer goes with the safety plan after "yes, safe", and with each path's last step.
        safe = {**base, "channel": "sms", "pending_question": "safe_now", "crisis": True}
        turns.add(_run(ActionSafetyAnswer(), _tracker(safe, "affirm", "yes"), on_duty))
        for path in PATHS:
            steps = path_steps(path, child=True)
            slots = {**base, "channel": "sms", "path": path, "step": float(len(steps) - 2), "menu": steps[-2]}
            turns.add(_run(ActionMenuChoice(), _tracker(slots, "nlu_fallback", "1"), on_duty))
        for intent in INTENT_PATHS:
            turns.add(_run(ActionStartPath(), _tracker({**base, "minor": True}, intent), on_duty))
            turns.add(_run(ActionStartPath(), _tracker(base, intent), on_duty))
    return turns


ACTION_TURNS = _action_turns()
TURNS = sorted({(name,) for name in responses()} | ACTION_TURNS)


def test_the_check_in_offer_turns_are_budgeted() -> None:
    offered = {turn for turn in ACTION_TURNS if "utter_checkin_offer" in turn}
    assert ("utter_crisis_safe_plan", "utter_checkin_offer") in offered
    assert {turn[0] for turn in offered} >= {"utter_step_support", "utter_dating_report", "utter_minor_last"}


def test_the_actions_send_the_turns_we_budget() -> None:
    # The scenarios reach the crisis, child and handoff turns (since the crisis protocol, one message each;
    # the waiting path's reminder + answer turns are budgeted in tests/actions/test_never_alone.py). An
    # empty turn means the fakes no longer fit the actions.
    assert all(ACTION_TURNS), ACTION_TURNS
    assert {"utter_crisis_ask", "utter_minor_first", "utter_handoff_no_counsellor"} <= {
        name for turn in ACTION_TURNS for name in turn
    }
    for turn in ACTION_TURNS:
        for name in turn:
            assert name in responses(), name


def _turn_segments(turn: tuple[str, ...], language: str, script: str, region: str) -> tuple[int, list[str]]:
    texts = [render(name, language, script, region) for name in turn]
    return sum(segments(text) for text in texts), texts


OFFER = "utter_checkin_offer"


@pytest.mark.parametrize(
    "turn",
    [turn for turn in TURNS if OFFER not in turn],  # offers: test_the_offer_fits_or_waits...
    ids=["+".join(turn) for turn in TURNS if OFFER not in turn],
)
def test_a_whole_turn_fits_three_segments_everywhere(turn: tuple[str, ...]) -> None:
    over = []
    for region in REGIONS:
        for language, script in LANGUAGE_SCRIPTS:
            count, texts = _turn_segments(turn, language, script, region)
            if count > TURN_SEGMENTS:
                over.append((region, language, script, count, texts))
    assert not over, over[:3]


@pytest.mark.parametrize("turn", sorted(turn for turn in TURNS if OFFER in turn), ids="+".join)
def test_the_offer_fits_or_waits_for_a_turn_with_room(turn: tuple[str, ...]) -> None:
    """The check-in offer is added only when the whole turn fits (actions/followup.py); where the step
    before it leaves no room, the action itself holds it back, with the same values."""
    from actions.followup import fits_the_turn
    from actions.turn import Turn

    fitted = 0
    for region in REGIONS:
        for language, script in LANGUAGE_SCRIPTS:
            count, texts = _turn_segments(turn, language, script, region)
            slots = {**longest_values(region, language), "language": language, "script": script}
            tracker = _tracker(slots, "nlu_fallback", "1")
            offer_turn = Turn(CollectingDispatcher(), tracker)
            for name in turn[:-1]:
                offer_turn.say(name)
            assert fits_the_turn(offer_turn) is (count <= TURN_SEGMENTS), (region, language, script, texts)
            fitted += count <= TURN_SEGMENTS
    assert fitted >= len(REGIONS) * len(LANGUAGE_SCRIPTS) // 2, fitted  # usually asked with the last step


@pytest.mark.parametrize("key", notice_keys())
def test_every_notice_fits_three_segments_everywhere(key: str) -> None:
    """With the longest values: the region's lines and, in the holding notice, the longest honest wait."""
    directory = get_directory()
    for region in REGIONS:
        for language, script in LANGUAGE_SCRIPTS:
            wait = longest_wait_text(language)
            text = notice(key, language, script, region, directory, wait)
            assert segments(text) <= TURN_SEGMENTS, (key, region, language, script, text)
            assert "{" not in text, text


def test_the_holding_notice_carries_the_honest_wait() -> None:
    """Issue 13's gap: the fallback while a texter waits gave the lines but no wait; it now carries
    the same {wait_text} as the assistant's handoff replies, and says no time when none is known."""
    from helpline.content.waits import WAIT_UNREADABLE

    directory = get_directory()
    for region in REGIONS:
        for language, script in LANGUAGE_SCRIPTS:
            wait = longest_wait_text(language)
            text = notice("handoff_holding", language, script, region, directory, wait)
            assert to_script(wait, script, language) in text, (region, language, script, text)
            unknown = notice("handoff_holding", language, script, region, directory)
            assert to_script(WAIT_UNREADABLE[language][None], script, language) in unknown


def test_the_longest_values_are_used() -> None:
    # The budget is checked with worst-case values: the UK's take-down routes, Singapore's police route.
    assert len(longest_values("GB", "en")["takedown"]) >= 50
    assert len(longest_values("SG", "yue")["police_route"]) >= 35
    for region in REGIONS:
        for language in ("en", "yue", "cmn"):
            values = longest_values(region, language)
            for key in (
                "police_route",
                "takedown",
                "payment_route",
                "crisis_finder",
                "crisis_line",
                "emergency",
            ):
                assert values.get(key), (region, language, key)


def test_every_canned_reply_fits_three_segments_everywhere() -> None:
    from dashboard import canned

    directory = get_directory()
    for region in REGIONS:
        for variant, items in canned.render(directory, region).items():
            for item in items:
                assert segments(item["text"]) <= TURN_SEGMENTS, (region, variant, item["id"], item["text"])
