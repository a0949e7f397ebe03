"""Summaries of the in-process profile: per-stage costs, payload sizes, hot functions."""

from __future__ import annotations

import io
import pstats
import statistics
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]

DB_PARTS = (
    "db.receive",
    "db.set_language",
    "db.erasure_check",
)
# Stages in report order; "other" rows are derived (the stage minus its timed parts).
STAGES = (
    "total",
    "connector.db",
    *DB_PARTS,
    "connector.language",
    "connector.other",
    "rasa.handle_message",
    "tracker.retrieve",
    "tracker.replay_events",
    "rasa.nlu_parse",
    "rasa.extract_slots",
    "rasa.policies",
    "rasa.action_server_call",
    "action.build_request",
    "action.http_round_trip",
    "action.validate_response",
    "tracker.save",
    "rasa.other",
)
RASA_PARTS = (
    "tracker.retrieve",
    "rasa.nlu_parse",
    "rasa.extract_slots",
    "rasa.policies",
    "rasa.action_server_call",
    "tracker.save",
)
DESCRIPTIONS = {
    "total": "connector `_handle`, end to end (no HTTP/Sanic, no signature check)",
    "connector.db": "helpline DB (SQLite, in threads): the calls below",
    "db.receive": "  claim the MessageSid, stamp the contact, open handoff? (one commit)",
    "db.set_language": "  store the detected language (commit; when it changed)",
    "db.erasure_check": "  erasure request? (a read after the turn)",
    "connector.language": "language detection in the connector",
    "connector.other": "rest of the connector (rendering, scheduling, thread hand-offs)",
    "rasa.handle_message": "Rasa agent: lock, tracker, NLU, policies, actions, save",
    "tracker.retrieve": "tracker store `retrieve`: load (and replay) the conversation's events",
    "tracker.replay_events": "  of which: deserialise and replay the events",
    "rasa.nlu_parse": "NLU pipeline (tokenizer, n-grams, LR classifier, triage, entities)",
    "rasa.extract_slots": "action_extract_slots",
    "rasa.policies": "policy ensemble (TriagePolicy, RulePolicy) and featurisation",
    "rasa.action_server_call": "custom action: build request, HTTP to the action server, validate reply",
    "action.build_request": "  of which: serialise the whole tracker and the domain",
    "action.http_round_trip": "  of which: JSON encode, POST, action server work, JSON decode",
    "action.validate_response": "  of which: jsonschema.validate of the reply (rebuilds the validator)",
    "tracker.save": "SQL tracker store: append the turn's new events (one commit)",
    "rasa.other": "rest of Rasa (utter actions, events, session checks, lock)",
}


def with_derived(record: dict[str, float]) -> dict[str, float]:
    row = dict(record)
    row["connector.db"] = sum(row.get(part, 0.0) for part in DB_PARTS)
    handle = row.get("rasa.handle_message", 0.0)
    row["rasa.other"] = max(0.0, handle - sum(row.get(part, 0.0) for part in RASA_PARTS))
    row["connector.other"] = max(
        0.0,
        row.get("total", 0.0) - handle - row.get("connector.db", 0.0) - row.get("connector.language", 0.0),
    )
    return row


def stage_stats(records: Sequence[dict[str, float]], reducer: str = "mean") -> dict[str, float]:
    """Per stage, the mean (or median) over messages, in ms."""
    rows = [with_derived(r) for r in records]
    pick = statistics.fmean if reducer == "mean" else statistics.median
    return (
        {stage: round(pick([r.get(stage, 0.0) for r in rows]) * 1000, 2) for stage in STAGES} if rows else {}
    )


def windows(long: Sequence[dict[str, float]]) -> tuple[list[dict[str, float]], list[dict[str, float]], str]:
    """Turns 5-15 and 195-205 (or the last 11 turns of a shorter run) of the long conversation."""
    early = list(long[4:15])
    if len(long) >= 205:
        return early, list(long[194:205]), "195-205"
    return early, list(long[-11:]), f"{max(1, len(long) - 10)}-{len(long)}"


def summarize(
    short: Sequence[dict[str, float]],
    long: Sequence[dict[str, float]],
    sizes: dict[str, dict[str, float]],
    hot: dict[str, dict[str, Any]],
    concurrent: dict[str, Any] | None = None,
) -> dict[str, Any]:
    early, late, late_label = windows(long)
    concurrent = concurrent or {"records": [], "throughput_rps": None, "concurrency": 0}
    result: dict[str, Any] = {
        "messages": {"short": len(short), "long": len(long)},
        "short_mean_ms": stage_stats(short, "mean"),
        "turn10_median_ms": stage_stats(early, "median"),
        "late_window": late_label,
        "late_median_ms": stage_stats(late, "median"),
        "concurrency": concurrent["concurrency"],
        "concurrent_mean_ms": stage_stats(concurrent["records"], "mean"),
        "concurrent_throughput_rps": concurrent["throughput_rps"],
        "sequential_throughput_rps": round(len(short) / sum(r["total"] for r in short), 1) if short else None,
        "payload": sizes,
        "hot": hot,
        "long_total_ms": [round(r["total"] * 1000, 2) for r in long],
    }
    every = [*short, *long, *concurrent["records"]]
    result["failed_turns"] = int(sum(record.get("failed", 0.0) for record in every))
    result["markdown"] = markdown(result)
    return result


def _fmt(value: Any) -> str:
    return "n/a" if value is None else f"{value:g}"


def _growth(early: float, late: float) -> str:
    return f"{late / early:.2f}x" if early > 0.05 else "n/a"


def markdown(result: dict[str, Any]) -> str:
    short, early, late = result["short_mean_ms"], result["turn10_median_ms"], result["late_median_ms"]
    crowd = result.get("concurrent_mean_ms") or {}
    total = short.get("total") or 1.0
    lines = [
        "## Profile: where one message's time goes (in-process: connector + Rasa agent, no HTTP front)",
        "",
        *(
            [
                f"**{result['failed_turns']} turns answered with the error notice: not valid.**",
                "",
            ]
            if result.get("failed_turns")
            else []
        ),
        f"In-process throughput: {_fmt(result.get('sequential_throughput_rps'))} msg/s one at a time, "
        f"{_fmt(result.get('concurrent_throughput_rps'))} msg/s with {result.get('concurrency')} "
        "conversations at once (their stage times include waiting for the event loop and threads).",
        "",
        f"| stage | short conversations: mean ms | share | turn 5-15: median ms | "
        f"turn {result['late_window']}: median ms | growth | {result.get('concurrency')} at once: mean ms "
        "| what |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for stage in STAGES:
        share = f"{short.get(stage, 0) / total:.0%}"
        lines.append(
            f"| {stage} | {short.get(stage, 0):.1f} | {share} | {early.get(stage, 0):.1f} | "
            f"{late.get(stage, 0):.1f} | {_growth(early.get(stage, 0), late.get(stage, 0))} | "
            f"{crowd.get(stage, 0):.1f} | {DESCRIPTIONS[stage]} |"
        )
    lines += ["", "| action server request | events in tracker | request KB | tracker KB | domain KB |"]
    lines.append("|---|---|---|---|---|")
    for name, size in result["payload"].items():
        lines.append(
            f"| {name} conversation | {size['events']:.0f} | {size['request_kb']} | {size['tracker_kb']} | "
            f"{size['domain_kb']} |"
        )
    for name, hot in result["hot"].items():
        groups = ", ".join(f"{group} {share:.0%}" for group, share in hot["groups"].items() if share >= 0.02)
        selected = ", ".join(f"{label} {ms:.1f}" for label, ms in hot["selected_ms_per_message"].items())
        lines += [
            "",
            f"cProfile, {name} conversations ({hot['messages']} messages; main thread only; profiler "
            f"overhead included). Own time by package: {groups}. Cumulative ms per message: {selected}.",
        ]
    return "\n".join(lines)


GROUPS = (
    ("select.epoll", "event loop idle (awaiting threads / action server)"),
    ("sqlalchemy", "SQLAlchemy + sqlite"),
    ("sqlite3", "SQLAlchemy + sqlite"),
    ("rasa/core/tracker_store", "SQLAlchemy + sqlite"),
    ("rasa/shared/core/events", "tracker events"),
    ("rasa/shared/core/trackers", "tracker events"),
    ("rasa/shared/core/slots", "tracker events"),
    ("jsonschema", "jsonschema"),
    ("/json/", "JSON"),
    ("_json", "JSON"),
    ("aiohttp", "HTTP client"),
    ("rasa/utils/endpoints", "HTTP client"),
    ("sklearn", "NLU maths"),
    ("scipy", "NLU maths"),
    ("numpy", "NLU maths"),
    ("urllib/parse", "jsonschema"),  # $ref resolution
    ("pyrsistent", "jsonschema"),
    ("attr/_make", "jsonschema"),
    ("rasa/shared/utils/common", "tracker events"),  # all_subclasses() per deserialised event
    ("inspect.py", "tracker events"),
    *((f"{REPO_ROOT}/{package}/", "helpline code") for package in ("bot", "actions", "channels", "helpline")),
    ("opencc", "helpline code"),
    ("rasa/", "Rasa (other)"),
    ("asyncio", "asyncio"),
    ("copy.py", "deepcopy"),
    ("deepcopy", "deepcopy"),
)


def group_of(filename: str, function: str) -> str:
    key = f"{filename}:{function}"
    return next((group for needle, group in GROUPS if needle in key), "other")


# Synchronous functions whose cumulative time (under cProfile, so inflated) is telling: (file, function).
SELECTED = (
    ("jsonschema/validators.py", "validate", "jsonschema.validate of action replies"),
    ("rasa/core/actions/action.py", "_action_call_format", "build action request (whole tracker + domain)"),
    ("json/__init__.py", "dumps", "json.dumps"),
    ("json/__init__.py", "loads", "json.loads"),
    ("rasa/shared/core/events.py", "deserialise_events", "deserialise events"),
    ("rasa/shared/core/trackers.py", "from_dict", "tracker from_dict (deserialise + replay)"),
    ("rasa/core/processor.py", "_predict_next_with_tracker", "policy prediction"),
    ("rasa/core/processor.py", "_parse_message_with_graph", "NLU graph"),
    ("~", "<method 'commit' of 'sqlite3.Connection' objects>", "sqlite commits (main thread)"),
)


def selected_cumulative(stats: pstats.Stats, messages: int) -> dict[str, float]:
    """ms per message spent in each SELECTED function, callees included."""
    found: dict[str, float] = {}
    for (filename, _line, function), row in stats.stats.items():
        for needle, name, label in SELECTED:
            if function == name and needle in filename:
                found[label] = found.get(label, 0.0) + row[3]
    return {label: round(seconds * 1000 / max(1, messages), 2) for label, seconds in found.items()}


def hot_functions(profile: Any, path: Path, messages: int, top: int = 12) -> dict[str, Any]:
    """Writes the top functions (by own time and by cumulative time) to `path`; returns a summary."""
    stats = pstats.Stats(profile)
    buffer = io.StringIO()
    for order in ("tottime", "cumulative"):
        stats.stream = buffer
        stats.sort_stats(order).print_stats(40)
    path.write_text(buffer.getvalue())
    total = sum(row[2] for row in stats.stats.values()) or 1.0  # own time of every function
    groups: dict[str, float] = defaultdict(float)
    for (filename, _line, function), row in stats.stats.items():
        groups[group_of(filename, function)] += row[2] / total
    ranked = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:top]
    return {
        "messages": messages,
        "total_s": round(total, 3),
        "selected_ms_per_message": selected_cumulative(stats, messages),
        "groups": {k: round(v, 3) for k, v in sorted(groups.items(), key=lambda kv: -kv[1])},
        "top": [
            {"function": f"{Path(f).name}:{line}({name})", "own_s": round(row[2], 4), "calls": row[1]}
            for (f, line, name), row in ranked
        ],
        "file": str(path),
    }


def what_if_markdown(
    rows: Sequence[dict[str, Any]], long: dict[str, Any] | None = None, profile: dict[str, Any] | None = None
) -> str:
    lines = [
        "What if (each fix patched on top of the previous one, in the benchmark process only; the action "
        "server is unchanged; fixes the helpline already has are not patched again):",
        "",
        "| scenario | median ms/message | Rasa agent ms | connector DB ms | jsonschema ms | tracker save ms "
        "| msg/s one at a time | msg/s at once |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        if row.get("already_applied"):
            lines.append(f"| {row['name']} | already in the helpline: not patched again | | | | | | |")
            continue
        ms = row["sequential_ms"]
        lines.append(
            f"| {row['name']} | {ms['total']:.1f} | {ms['rasa.handle_message']:.1f} | "
            f"{ms['connector.db']:.1f} | {row['validate_ms']:.1f} | {row['tracker_save_ms']:.1f} | "
            f"{row['sequential_rps']} | "
            f"{row['concurrent_rps']} ({row['concurrency']} conversations) |"
        )
    if long and profile:
        before = profile["late_median_ms"]
        lines += [
            "",
            f"Long conversation with every fix, turns {long['turns']} (median ms; before, turns "
            f"{profile['late_window']}): total {long['total']:.1f} ({before.get('total', 0):.1f}), tracker "
            f"retrieve {long['tracker.retrieve']:.1f} ({before.get('tracker.retrieve', 0):.1f}), policies "
            f"{long['rasa.policies']:.1f} ({before.get('rasa.policies', 0):.1f}), action call "
            f"{long['rasa.action_server_call']:.1f} ({before.get('rasa.action_server_call', 0):.1f}); "
            f"turn 5-15 was {profile['turn10_median_ms'].get('total', 0):.1f}.",
        ]
    return "\n".join(lines)
