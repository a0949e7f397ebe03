"""The Rasa hot-path fixes change speed only: the same replies validate, the same events resolve."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

from helpline.rasa_ext import speedups as rasa_speedups

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


def test_the_action_server_gets_the_state_and_recent_events_only() -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    domain = Domain.from_yaml('version: "3.1"\nslots:\n  language: {type: text, mappings: [{type: custom}]}')
    tracker = DialogueStateTracker("someone", domain.slots)
    tracker.update(SlotSet("language", "yue"))
    for index in range(100):
        tracker.update(UserUttered(f"message {index}", {"name": "greet", "confidence": 1.0}))
        tracker.update(ActionExecuted("action_listen"))
    action = RemoteAction(
        "action_reply", EndpointConfig("http://actions/webhook", enable_selective_domain=True)
    )
    call = action._action_call_format(tracker, domain)
    assert len(call["tracker"]["events"]) == rasa_speedups.RECENT_EVENTS
    assert call["tracker"]["events"][-2]["text"] == "message 99"
    assert call["tracker"]["slots"]["language"] == "yue"  # set long before the recent events
    assert call["tracker"]["latest_message"]["text"] == "message 99"
    assert "domain" not in call


def test_the_valid_event_memory_judges_as_jsonschema(installed: None) -> None:
    action = RemoteAction.__new__(RemoteAction)
    slot = {"event": "slot", "timestamp": None, "name": "path", "value": "threat"}
    good = {"events": [slot], "responses": []}
    for _ in range(2):  # the second time from the memory of valid events
        assert action._validate_action_result(good) is True
    bad_value = {"events": [{"event": "slot", "timestamp": "yesterday", "name": "path", "value": "threat"}]}
    for _ in range(2):
        with pytest.raises(jsonschema.ValidationError):
            action._validate_action_result(bad_value)
    with pytest.raises(jsonschema.ValidationError):
        action._validate_action_result({"events": [{"event": "slot", "name": "path"}], "responses": "x"})


async def test_action_server_calls_reuse_one_connection(installed: None) -> None:
    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    peers: list[tuple] = []

    async def answer(request: web.Request) -> web.Response:
        peers.append(request.transport.get_extra_info("peername"))
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        for _ in range(3):
            answer_json = await endpoint.request(json={"next_action": "x"}, method="post")
            assert answer_json == {"events": [], "responses": []}
        assert len(peers) == 3 and len(set(peers)) == 1  # one client port: one kept connection
    finally:
        await endpoint.__dict__["_helpline_session"].close()
        await runner.cleanup()
