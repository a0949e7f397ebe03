"""The Rasa hot-path fixes change speed only: the same replies validate, the same events resolve."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

from helpline import rasa_speedups

REPLIES = [
    {"events": [{"event": "slot", "timestamp": None, "name": "path", "value": "threat"}], "responses": []},
    {"events": [{"event": "pause"}], "responses": [{"response": "utter_crisis"}]},
    {"events": [{"event": "slot", "timestamp": None, "value": "no name"}]},
    {"events": "not a list"},
    {"responses": [{"text": 3}]},
]


@pytest.fixture(scope="module", autouse=True)
def installed() -> None:
    rasa_speedups.install()


@pytest.mark.parametrize("reply", REPLIES)
def test_action_replies_are_judged_as_jsonschema_judges_them(reply: dict) -> None:
    schema = RemoteAction.action_response_format_spec()
    try:
        jsonschema.validate(reply, schema)
        expected_valid = True
    except jsonschema.ValidationError:
        expected_valid = False
    action = RemoteAction.__new__(RemoteAction)
    if expected_valid:
        assert action._validate_action_result(reply) is True
    else:
        with pytest.raises(jsonschema.ValidationError):
            action._validate_action_result(reply)


def test_event_classes_resolve_as_before() -> None:
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type("action") is ActionExecuted
    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
