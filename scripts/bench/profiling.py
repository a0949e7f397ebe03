"""Where one message's time goes: the helpline's connector and Rasa agent in-process, timed and cProfiled.

Runs the real connector code path (`TwilioChannel._handle`: dedup, contact map, language, the Rasa agent
with the SQLite tracker store, the real action server over HTTP) without Sanic and the HTTP front, on a
fresh var dir. Wall-clock timers around named stages give per-message costs for short conversations and
at turn ~200 of one long one; cProfile gives the hot functions of the main thread.
"""

from __future__ import annotations

import asyncio
import cProfile
import json
import logging
import os
import sys
import time
import warnings
from pathlib import Path
from typing import Any

from scripts.bench import procs, whatif, workload
from scripts.bench.helpline_target import REPO_ROOT, STRIPPED_PREFIXES, is_error_notice
from scripts.bench.profile_report import hot_functions, stage_stats, summarize, what_if_markdown
from scripts.bench.timers import Timers


def _quiet_logs() -> None:
    """Rasa and the helpline log every turn at debug/info; the profile wants only warnings."""
    warnings.filterwarnings("ignore")
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    import channels.twilio_channel  # noqa: F401 - creates the connector's loggers (level INFO)

    prefixes = ("channels", "helpline", "actions", "bot", "rasa")
    for name in [n for n in logging.root.manager.loggerDict if n.split(".")[0] in prefixes]:
        logging.getLogger(name).setLevel(logging.WARNING)


def _configure_environment(var_dir: Path, actions_port: int) -> dict[str, str]:
    """This process's environment for the helpline's settings (the profile runs last, in-process)."""
    for key in [k for k in os.environ if k.startswith(STRIPPED_PREFIXES)]:
        del os.environ[key]
    os.environ.update(HELPLINE_ENV="dev", HELPLINE_VAR_DIR=str(var_dir), ACTIONS_PORT=str(actions_port))
    return {**os.environ, "PYTHONPATH": str(REPO_ROOT)}


def _innermost_store(store: Any) -> Any:
    while hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store


def install_timers(timers: Timers, agent: Any, services: Any) -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    import channels.pipeline as pipeline

    processor, store = agent.processor, _innermost_store(agent.tracker_store)
    timers.wrap(agent, "handle_message", "rasa.handle_message")
    timers.wrap(processor, "parse_message", "rasa.nlu_parse")
    timers.wrap(processor, "run_action_extract_slots", "rasa.extract_slots")
    timers.wrap(processor, "_predict_next_with_tracker", "rasa.policies")
    timers.wrap(RemoteAction, "run", "rasa.action_server_call")
    timers.wrap(RemoteAction, "_action_call_format", "action.build_request")
    timers.wrap(EndpointConfig, "request", "action.http_round_trip")
    timers.wrap(RemoteAction, "_validate_action_result", "action.validate_response")
    timers.wrap(store, "retrieve", "tracker.retrieve")
    timers.wrap(store, "save", "tracker.save")
    timers.wrap(DialogueStateTracker, "from_dict", "tracker.replay_events")
    timers.wrap(pipeline, "detect_language", "connector.language")
    timers.wrap(pipeline, "take_erasure_request", "db.erasure_check")
    for owner, attribute, label in (
        (services.inbound, "receive", "db.receive"),
        (services.contacts, "set_language", "db.set_language"),
    ):
        timers.wrap(owner, attribute, label)


class Session:
    """The connector and agent of one in-process helpline."""

    def __init__(self, agent: Any, channel: Any) -> None:
        self.agent, self.channel = agent, channel

    async def send(self, texter: workload.Texter, text: str) -> list[str]:
        from dashboard.twilio_signing import inbound_form, new_message_sid

        fields = inbound_form(texter.channel, texter.number, text, new_message_sid())
        return await self.channel._handle(fields, self.agent.handle_message, self.agent.tracker_store)

    async def events(self, texter: workload.Texter) -> int:
        from helpline.settings.crypto import conversation_id

        sender = conversation_id(self.channel.services.settings.secret_key, texter.channel, texter.number)
        tracker = await self.agent.tracker_store.retrieve(sender)
        return len(tracker.events) if tracker else 0


async def timed_turn(
    session: Session, timers: Timers, texter: workload.Texter, text: str
) -> dict[str, float]:
    timers.begin()
    started = time.perf_counter()
    replies = await session.send(texter, text)
    total = time.perf_counter() - started
    return timers.end_message(
        total=total, replies=float(len(replies)), failed=float(is_error_notice(replies))
    )


CONCURRENT = 32
EXTRA_TURNS = 10  # long-conversation turns after the timed ones: cProfiled, then again with the fixes


async def concurrently(session: Session, timers: Timers, texters: list[workload.Texter]) -> dict[str, Any]:
    """Every texter's conversation at once (one task each): per-message records and the throughput."""

    async def conversation(texter: workload.Texter) -> list[dict[str, float]]:
        return [await timed_turn(session, timers, texter, text) for text in texter.script]

    started = time.perf_counter()
    done = await asyncio.gather(*(conversation(texter) for texter in texters))
    wall = time.perf_counter() - started
    records = [record for records in done for record in records]
    return {"records": records, "throughput_rps": round(len(records) / wall, 1), "concurrency": len(texters)}


async def profiled(session: Session, turns: list[tuple[workload.Texter, str]], path: Path) -> dict[str, Any]:
    """cProfile over these turns only (the main thread: the event loop; DB threads are not seen)."""
    profile = cProfile.Profile()
    for texter, text in turns:
        profile.enable()
        await session.send(texter, text)
        profile.disable()
    return hot_functions(profile, path, len(turns))


async def payload_sizes(session: Session, texter: workload.Texter) -> dict[str, float]:
    """Size of what Rasa posts to the action server for this conversation (tracker + domain)."""
    from rasa.core.actions.action import RemoteAction

    from helpline.settings.crypto import conversation_id

    sender = conversation_id(session.channel.services.settings.secret_key, texter.channel, texter.number)
    tracker = await session.agent.tracker_store.retrieve(sender)
    action = RemoteAction("action_menu_choice", session.agent.action_endpoint)
    body = action._action_call_format(tracker, session.agent.domain)
    return {
        "events": len(tracker.events),
        "request_kb": round(len(json.dumps(body)) / 1024, 1),
        "tracker_kb": round(len(json.dumps(body["tracker"])) / 1024, 1),
        "domain_kb": round(len(json.dumps(body.get("domain", {}))) / 1024, 1),
    }


async def _profile(model: Path, work: Path, long_turns: int, out_dir: Path) -> dict[str, Any]:
    var_dir, port = work / "profile-var", procs.free_port()
    env = _configure_environment(var_dir, port)
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints

    from channels.services import get_services
    from channels.twilio_channel import TwilioChannel
    from helpline.settings.config import get_settings
    from service.endpoints import write_endpoints

    _quiet_logs()
    get_settings.cache_clear()
    get_services.cache_clear()
    endpoints = write_endpoints(get_settings())
    command = [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)]
    actions = procs.start(command, REPO_ROOT, env, work / "profile-actions.log")
    try:
        health = {"actions": f"http://127.0.0.1:{port}/health"}
        procs.wait_healthy(health, actions, time.perf_counter(), 120, work / "profile-actions.log")
        agent = await load_agent(
            model_path=str(model), endpoints=AvailableEndpoints.read_endpoints(str(endpoints))
        )
        session = Session(agent, TwilioChannel())
        return await _measure(session, long_turns, out_dir)
    finally:
        procs.stop(actions)


async def _measure(session: Session, long_turns: int, out_dir: Path) -> dict[str, Any]:
    for text in workload.texter(8000).script:  # warm-up conversation, not measured
        await session.send(workload.texter(8000), text)
    timers = Timers()
    install_timers(timers, session.agent, session.channel.services)
    try:
        short = [
            await timed_turn(session, timers, texter, text)
            for texter in (workload.texter(8001 + i) for i in range(8))
            for text in texter.script
        ]
        long_texter = workload.long_texter(8100, long_turns + 2 * EXTRA_TURNS)
        long = [
            await timed_turn(session, timers, long_texter, text) for text in long_texter.script[:long_turns]
        ]
        texters = [workload.texter(8300 + i) for i in range(CONCURRENT)]
        concurrent = await concurrently(session, timers, texters)
    finally:
        timers.restore()
    sizes = {"short": await payload_sizes(session, workload.texter(8001))}
    sizes["long"] = await payload_sizes(session, long_texter)
    short_texters = [workload.texter(8200 + i) for i in range(3)]
    hot = {
        "short": await profiled(
            session, [(t, text) for t in short_texters for text in t.script], out_dir / "profile-short.txt"
        ),
        "long": await profiled(
            session,
            [(long_texter, text) for text in long_texter.script[long_turns : long_turns + EXTRA_TURNS]],
            out_dir / f"profile-turn{long_turns}.txt",
        ),
    }
    result = summarize(short, long, sizes, hot, concurrent)
    result["what_if"] = await what_if(session, crowd=CONCURRENT if long_turns >= 205 else 8)
    result["what_if_long"] = await long_turns_with_fixes(session, long_texter, long_turns + EXTRA_TURNS)
    result["markdown"] += "\n\n" + what_if_markdown(result["what_if"], result["what_if_long"], result)
    return result


async def scenario(session: Session, name: str, first: int, crowd: int) -> dict[str, Any]:
    """Sequential and concurrent messages with timers: per-stage means and in-process throughput."""
    timers = Timers()
    install_timers(timers, session.agent, session.channel.services)
    try:
        sequential = [
            await timed_turn(session, timers, texter, text)
            for texter in (workload.texter(first + i) for i in range(6))
            for text in texter.script
        ]
        texters = [workload.texter(first + 100 + i) for i in range(crowd)]
        concurrent = await concurrently(session, timers, texters)
    finally:
        timers.restore()
    stages = stage_stats(sequential, "median")
    return {
        "name": name,
        "sequential_ms": {k: stages[k] for k in ("total", "rasa.handle_message", "connector.db")},
        "validate_ms": stages["action.validate_response"],
        "tracker_save_ms": stages["tracker.save"],
        "sequential_rps": round(len(sequential) / sum(r["total"] for r in sequential), 1),
        "concurrent_rps": concurrent["throughput_rps"],
        "concurrency": crowd,
    }


async def long_turns_with_fixes(session: Session, texter: workload.Texter, start: int) -> dict[str, Any]:
    """The long conversation's next turns once every fix is in: median stages (ms)."""
    timers = Timers()
    install_timers(timers, session.agent, session.channel.services)
    try:
        records = [await timed_turn(session, timers, texter, text) for text in texter.script[start:]]
    finally:
        timers.restore()
    stages = stage_stats(records, "median")
    keys = ("total", "tracker.retrieve", "rasa.policies", "rasa.action_server_call")
    return {"turns": f"{start + 1}-{len(texter.script)}", **{k: stages[k] for k in keys}}


async def what_if(session: Session, crowd: int) -> list[dict[str, Any]]:
    """Baseline, then each candidate fix on top of the previous one (this process only)."""
    tracker_engine = _innermost_store(session.agent.tracker_store).engine
    results = [await scenario(session, "as is", 8400, crowd)]
    for index, (name, step) in enumerate(whatif.STEPS, start=1):
        if whatif.already_applied(step, tracker_engine):
            results.append({"name": name, "already_applied": True})
            continue
        whatif.apply(step, tracker_engine, session.channel.services.engine)
        results.append(await scenario(session, name, 8400 + 200 * index, crowd))
    return results


def profile_helpline(model: Path, work: Path, long_turns: int, out_dir: Path) -> dict[str, Any]:
    """Profiles the helpline in this process; returns the summary (with a markdown section)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    print("bench: profiling the helpline in-process", file=sys.stderr, flush=True)
    return asyncio.run(_profile(model, work, long_turns, out_dir))
