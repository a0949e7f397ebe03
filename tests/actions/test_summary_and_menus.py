"""Action helpers: the counsellor's summary and the menu choices."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions.guidance import chosen
from actions.paths import BACK, COUNSELLOR, DELETE, KEEP, NEXT, PAID
from actions.summary import triage_summary


def tracker(slots: dict, text: str = "", intent: str = "nlu_fallback") -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    return Tracker("someone", slots, latest, [], False, None, {}, "action_listen")


def test_summary_comes_from_slots_without_history() -> None:
    summary = triage_summary(
        tracker(
            {
                "language": "yue",
                "region": "HK",
                "age": 15.0,
                "minor": True,
                "crisis": None,
                "paid": True,
                "amount": "5000",
                "currency": "HKD",
                "platform": "Instagram",
                "path": "threat",
            }
        )
    )
    assert summary == {
        "language": "yue",
        "region": "HK",
        "age": 15,
        "minor": True,
        "crisis": False,
        "paid": True,
        "content_shared": False,
        "app_installed": False,
        "path": "threat",
        "grooming": False,
        "meeting": False,
        "outing": False,
        "amount": "5000",
        "currency": "HKD",
        "platform": "Instagram",
    }


@pytest.mark.parametrize(
    ("menu", "text", "intent", "expected"),
    [
        ("utter_step_evidence", "1", "nlu_fallback", NEXT),
        ("utter_step_evidence", "１", "nlu_fallback", NEXT),
        ("utter_step_evidence", "２", "nlu_fallback", COUNSELLOR),
        ("utter_step_evidence", "the second one", "nlu_fallback", COUNSELLOR),
        ("utter_step_evidence", "第三個", "nlu_fallback", PAID),
        ("utter_step_evidence", "0", "nlu_fallback", BACK),
        ("utter_step_evidence", "3", "nlu_fallback", PAID),
        ("utter_step_evidence", "ok", "affirm", NEXT),
        ("utter_step_takedown", "3", "nlu_fallback", None),
        ("utter_bot_challenge", "1", "nlu_fallback", COUNSELLOR),
        ("utter_delete_confirm", "yes", "affirm", DELETE),
        ("utter_delete_confirm", "no", "deny", KEEP),
        ("utter_step_evidence", "no", "deny", None),
    ],
)
def test_menu_choices(menu: str, text: str, intent: str, expected: str | None) -> None:
    assert chosen(tracker({"menu": menu}, text, intent)) == expected
