"""What-if measurements: two candidate fixes applied inside the benchmark's own process only.

Nothing here changes the helpline's code or files: the patches live in this process for the last
phase of the profile, to put numbers on the two cheapest recommendations.
1. Rasa validates every action server reply with `jsonschema.validate`, which checks the schema against
   its metaschema and builds a new validator each call; a validator built once does the same check.
2. Rasa's SQLite tracker store commits in rollback-journal mode with full sync (an fsync-heavy commit
   on the event loop); WAL with synchronous=NORMAL, also for the helpline database.
3. Rasa resolves every stored event's class by walking all Event subclasses (`all_subclasses`), once per
   event per retrieval: a conversation of 1,600 events pays it 1,600 times a message. Memoised here.
"""

from __future__ import annotations

from typing import Any

import jsonschema


def cache_action_reply_validator() -> None:
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator = jsonschema.validators.validator_for(schema)(schema)

    def validate(self: Any, result: dict[str, Any]) -> bool:
        validator.validate(result)  # raises jsonschema.ValidationError as jsonschema.validate does
        return True

    RemoteAction._validate_action_result = validate  # type: ignore[method-assign]


def wal_normal_sync(engine: Any) -> None:
    """Every new connection of `engine` uses WAL and synchronous=NORMAL; open ones are dropped."""
    from sqlalchemy import event

    def pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    event.listen(engine, "connect", pragmas)
    engine.dispose()


def memoise_event_types() -> None:
    import rasa.shared.utils.common
    from rasa.shared.core.events import Event

    classes = {cls.type_name: cls for cls in rasa.shared.utils.common.all_subclasses(Event)}
    original = Event.resolve_by_type

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        found = classes.get(type_name)
        return found if found is not None else original(type_name, default)

    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]


STEPS = (
    ("cached jsonschema validator", "validator"),
    ("+ SQLite WAL, synchronous=NORMAL", "sqlite"),
    ("+ memoised event class lookup", "events"),
)


def already_applied(step: str, tracker_engine: Any) -> bool:
    """True when the helpline itself already does what `step` would patch in."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    if step == "validator":
        return RemoteAction._validate_action_result.__module__ != "rasa.core.actions.action"
    if step == "events":
        return Event.resolve_by_type.__module__ != "rasa.shared.core.events"
    if step == "sqlite":
        with tracker_engine.connect() as connection:
            journal = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
            sync = connection.exec_driver_sql("PRAGMA synchronous").scalar()
        return str(journal).lower() == "wal" and int(sync) <= 1
    raise ValueError(step)


def apply(step: str, tracker_engine: Any, helpline_engine: Any) -> None:
    if step == "validator":
        cache_action_reply_validator()
    elif step == "sqlite":
        wal_normal_sync(tracker_engine)
        wal_normal_sync(helpline_engine)
    elif step == "events":
        memoise_event_types()
    else:
        raise ValueError(step)
