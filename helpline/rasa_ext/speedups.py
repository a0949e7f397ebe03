"""Measured fixes to Rasa 3.6 hot paths, installed in the Rasa server process.

Measured by `make bench` (README "Speed"): per message, Rasa rebuilt a JSON-schema validator for
every action-server reply (16 ms, 38 % of a message), looked up event classes by walking every Event
subclass for each stored event, and committed its SQLite tracker with a full fsync. Behaviour is
unchanged: the same schema validates the same replies, the same classes are found, and SQLite stays
crash-safe in WAL mode (synchronous=NORMAL may lose the last commit on power loss, never corrupts;
deployments use PostgreSQL).
"""

from __future__ import annotations

import functools
import json
from typing import Any

_installed = False


def _cached_action_reply_validation() -> None:
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)  # what jsonschema.validate picks: the schema uses "const"
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    is_valid_reply = _reply_checker(validator_class, schema)

    def validate(self: RemoteAction, result: dict[str, Any]) -> bool:
        if is_valid_reply(result):
            return True
        try:
            error = best_match(validator.iter_errors(result))
            if error is not None:
                raise error
        except ValidationError as error:
            error.message += (
                ". Failed to validate Action server response from API, make sure your response from the "
                "Action endpoint is valid. For more information about the format visit "
                f"{DOCS_BASE_URL}/custom-actions"
            )
            raise
        return True

    RemoteAction._validate_action_result = validate


VALID_EVENTS_KEPT = 4096


def _reply_checker(validator_class: Any, schema: dict[str, Any]) -> Any:
    """A check that says True only where the schema's validator does, remembering valid events.

    Each event is checked against Rasa's `oneOf` of every event type (1 ms a reply, `make bench`); the
    same events (a slot set to a value, a pause) come back again and again, so an event already found
    valid, compared by its JSON text, is not checked again. Anything not found valid here goes to the
    full validator, which raises the error Rasa would.
    """
    properties = schema["properties"]
    event_validator = validator_class(properties["events"]["items"])
    rest_validator = validator_class({**schema, "properties": {"responses": properties["responses"]}})

    @functools.lru_cache(maxsize=VALID_EVENTS_KEPT)
    def event_is_valid(event_json: str) -> bool:
        return event_validator.is_valid(json.loads(event_json))

    def is_valid_reply(result: Any) -> bool:
        if not isinstance(result, dict):
            return False
        events = result.get("events", [])
        if not isinstance(events, list):
            return False
        try:
            if not all(event_is_valid(json.dumps(event, sort_keys=True)) for event in events):
                return False
        except (TypeError, ValueError):  # not JSON: let the full validator judge it
            return False
        return rest_validator.is_valid({k: v for k, v in result.items() if k != "events"})

    return is_valid_reply


RECENT_EVENTS = 40


def _recent_events_to_the_action_server() -> None:
    """The action server gets the full current state (slots, latest message) but only recent events.

    The helpline's actions read slots and the latest message, and at most the last few turns; the
    whole history made every call grow with the conversation (790 KB at turn 200).
    """
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.trackers import EventVerbosity

    original = RemoteAction._action_call_format

    def action_call_format(self: RemoteAction, tracker: Any, domain: Any) -> dict[str, Any]:
        if len(tracker.events) <= RECENT_EVENTS:
            return original(self, tracker, domain)
        result = original(self, _StateOnly(tracker), domain)
        recent = list(tracker.events)[-RECENT_EVENTS:]
        result["tracker"]["events"] = [event.as_dict() for event in recent]
        return result

    class _StateOnly:
        """The tracker as `_action_call_format` sees it, serialising its state without events."""

        def __init__(self, tracker: Any) -> None:
            self._tracker = tracker

        def __getattr__(self, name: str) -> Any:
            return getattr(self._tracker, name)

        def current_state(self, _verbosity: Any = None) -> dict[str, Any]:
            return self._tracker.current_state(EventVerbosity.NONE)

    RemoteAction._action_call_format = action_call_format


def _memoised_event_lookup() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type

    @functools.lru_cache(maxsize=256)
    def resolve(type_name: str) -> Any:
        return original(type_name)

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        try:
            found = resolve(type_name)
        except ValueError:
            if default is not None:
                return default
            raise
        return found if found is not None or type_name == "topic" else default

    Event.resolve_by_type = staticmethod(resolve_by_type)


def _sqlite_pragmas() -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        if type(dbapi_connection).__module__.startswith("sqlite3"):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()


KEEPALIVE_SECONDS = 4.0  # under the 5 s after which Sanic (the action server) closes an idle connection


def _kept_http_sessions() -> None:
    """Rasa's calls to the action server reuse one HTTP session and its open connections.

    `EndpointConfig.request` opened a new aiohttp session, and a new TCP connection, for every call
    (1.3 ms of the Rasa process's CPU a message, `make bench`). Idle connections are dropped after
    4 s, before the server would close them under a request.
    """
    import asyncio

    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

    class _Borrowed:
        """`async with` on a kept session: the session stays open afterwards."""

        def __init__(self, session: aiohttp.ClientSession) -> None:
            self._session = session

        async def __aenter__(self) -> aiohttp.ClientSession:
            return self._session

        async def __aexit__(self, *_: object) -> None:
            return None

    def session(self: EndpointConfig) -> Any:
        loop = asyncio.get_running_loop()
        kept = self.__dict__.get("_helpline_session")
        if kept is None or kept.closed or kept._loop is not loop:
            auth = None
            if self.basic_auth:
                auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
            kept = aiohttp.ClientSession(
                headers=self.headers,
                auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
            )
            self.__dict__["_helpline_session"] = kept
        return _Borrowed(kept)

    EndpointConfig.session = session


def _graphs_run_in_order() -> None:
    from rasa.engine.runner.dask import DaskGraphRunner

    from helpline.rasa_ext.graph_runner import run_in_order

    DaskGraphRunner.dask_run = DaskGraphRunner.run  # kept for the equivalence tests
    DaskGraphRunner.run = run_in_order


def _trackers_copied_without_replay() -> None:
    from rasa.shared.core.trackers import DialogueStateTracker

    from helpline.rasa_ext.tracker_copy import copy_tracker

    DialogueStateTracker.copy = copy_tracker


def install() -> None:
    """Idempotent; called when the Rasa server loads the helpline's channel or tracker store."""
    global _installed
    if _installed:
        return
    from helpline.rasa_ext.version import require_tested_rasa

    require_tested_rasa()  # a patch written for another Rasa must not run silently
    _cached_action_reply_validation()
    _recent_events_to_the_action_server()
    _memoised_event_lookup()
    _sqlite_pragmas()
    _graphs_run_in_order()
    _kept_http_sessions()
    _trackers_copied_without_replay()
    _installed = True
