"""Each Rasa server process is warm before it takes its first message, and says so.

A worker's first message used to pay for everything loaded lazily: the connector's services (database
engine, directory), the language detector's tables, OpenCC's dictionaries, the first Redis and SQL
connections, and the model's first parse and prediction. A message reaching a cold worker could take
its conversation's lock after the texter's next message reached a warm one, and was answered after it
(`tests/postgres/test_workers.py`, on a loaded machine).

Rasa loads the model in a Sanic `before_server_start` listener, in every worker process, before the
worker accepts connections on the socket the workers share (`sanic.server.runners.serve`: listeners,
then `create_server`). `install()` makes that listener also warm everything up, then write a marker
file (when `RASA_READY_DIR` is set): `service/serve.py` prints its ready banner only when every worker
has written one. Until then a cold worker accepts nothing; connections wait in the shared backlog or
go to a warm worker. Nothing is written to the tracker store and no action runs: the conversation used
is a throwaway one kept in memory.

`service/rasa_main.py` (the helpline's Rasa entry point in `make run` and the compose file) installs it.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpline.settings.logs import get_logger

logger = get_logger("helpline.rasa_ext.warmup")

READY_DIR_VARIABLE = "RASA_READY_DIR"
# One short message per language and script: each loads what that language's parse needs.
WARM_TEXTS = ("hello", "有人威脅我", "有人威胁我")
SCRIPTS = (("Hans", "cmn"), ("Hant", "cmn"), ("Hant", "yue"))

_installed = False
# What the channels build on their first message, the language detector included
# (channels.services.warmed_services), given by whoever installs the warm-up (the entry point, the
# channels): this layer imports neither the channels it serves nor the bot's triage.
_load_services: Callable[[], Any] | None = None


def _services() -> None:
    """What the channels build on their first message, and one query on each connection."""
    from sqlalchemy import text

    from helpline.content.script import to_script

    if _load_services is not None:
        services = _load_services()
        with services.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    for script, language in SCRIPTS:
        to_script(WARM_TEXTS[1], script, language)


async def _stores(agent: Any, conversation: str) -> None:
    """One ticket taken and returned on the lock store; one read of the tracker store."""
    async with agent.lock_store.lock(conversation):
        await agent.tracker_store.retrieve(conversation)
    forget = getattr(agent.tracker_store, "forget", None)
    if callable(forget):
        forget(conversation)


async def _model(agent: Any, conversation: str) -> dict[str, Any]:
    """A parse in each language, then the policies' prediction for the last one (in memory only)."""
    from rasa.shared.core.constants import ACTION_LISTEN_NAME
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    parse: dict[str, Any] = {}
    for sample in WARM_TEXTS:
        parse = await agent.parse_message(sample)
    said = UserUttered(parse.get("text"), parse.get("intent"), parse_data=parse)
    tracker = DialogueStateTracker.from_events(
        conversation, [ActionExecuted(ACTION_LISTEN_NAME), said], slots=agent.domain.slots
    )
    prediction = agent.processor.predict_next_with_tracker(tracker)
    return {"intent": (parse.get("intent") or {}).get("name"), "predicted": bool(prediction)}


async def warm_up(agent: Any) -> dict[str, Any]:
    """Everything a first message would load; returns what was done (written to the marker)."""
    if agent is None or not agent.is_ready():
        raise RuntimeError("no model is loaded: this Rasa server cannot answer messages")
    began = time.monotonic()
    conversation = f"warm-up-{os.getpid()}-{uuid.uuid4().hex}"
    await asyncio.to_thread(_services)
    await _stores(agent, conversation)
    done = await _model(agent, conversation)
    return {**done, "parses": len(WARM_TEXTS), "seconds": round(time.monotonic() - began, 3)}


def mark_ready(report: dict[str, Any], ready_dir: str | None = None) -> Path | None:
    """Writes `<pid>.json` into RASA_READY_DIR (atomically), if that is set."""
    ready_dir = ready_dir if ready_dir is not None else os.environ.get(READY_DIR_VARIABLE)
    if not ready_dir:
        return None
    folder = Path(ready_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{os.getpid()}.json"
    partial = folder / f".{os.getpid()}.json.tmp"
    partial.write_text(json.dumps({"pid": os.getpid(), **report}))
    partial.replace(path)
    return path


def ready_workers(ready_dir: Path) -> list[dict[str, Any]]:
    """The markers written so far (what service/serve.py counts)."""
    found = []
    for path in sorted(ready_dir.glob("*.json")):
        try:
            found.append(json.loads(path.read_text()))
        except (OSError, ValueError):  # being replaced: counted on the next look
            continue
    return found


def install(load_services: Callable[[], Any] | None = None) -> None:
    """Wraps Rasa's `load_agent_on_start` (idempotent); call before Rasa's command line runs.
    `load_services`: what the channels build on their first message, warmed too."""
    global _installed, _load_services
    if load_services is not None:
        _load_services = load_services
    if _installed:
        return
    from helpline.rasa_ext.version import require_tested_rasa

    require_tested_rasa()  # a patch written for another Rasa must not run silently
    import rasa.core.run as rasa_run

    load_agent_on_start = rasa_run.load_agent_on_start

    async def load_and_warm_up(*args: Any, **kwargs: Any) -> Any:
        agent = await load_agent_on_start(*args, **kwargs)
        report = await warm_up(agent)
        mark_ready(report)
        logger.info("rasa.warm", extra={"pid": os.getpid(), **report})
        return agent

    rasa_run.load_agent_on_start = load_and_warm_up
    _installed = True
