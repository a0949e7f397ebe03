"""One assistant through the whole benchmark: cold start, warm-up, load levels, long conversation."""

from __future__ import annotations

import asyncio
import itertools
import sys
from dataclasses import dataclass

from scripts.bench import workload
from scripts.bench.load import run_conversation, run_level
from scripts.bench.stats import TargetResult, megabytes, summarize_level, summarize_long
from scripts.bench.targets import Target

LONG_TEXTER_INDEX = 9000  # apart from the load's conversations (numbers are unique per index < 10,000)


@dataclass(frozen=True)
class Plan:
    levels: tuple[int, ...] = (1, 8, 32)
    requests: int = 300
    level_seconds: float = 120.0
    long_turns: int = 210
    warmup: int = 12
    timeout: float = 30.0


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


async def _measure(target: Target, plan: Plan, result: TargetResult) -> None:
    serial = itertools.count()

    def new_texter() -> workload.Texter:
        return workload.texter(next(serial))

    warm = await run_level(target, new_texter, 4, plan.warmup, 60, plan.timeout)
    result.notes.append(f"warm-up: {len(warm.samples)} requests (not counted)")
    for concurrency in plan.levels:
        run = await run_level(
            target, new_texter, concurrency, plan.requests, plan.level_seconds, plan.timeout
        )
        level = summarize_level(concurrency, run.samples, run.duration_s, run.conversations, target.rss_kb())
        result.levels.append(level)
        log(
            f"{target.name} c={concurrency}: {level.requests} req, {level.throughput_rps} req/s, "
            f"p50 {level.p50_ms} ms, p95 {level.p95_ms} ms, errors {level.errors}, empty {level.empty}"
        )
    if plan.long_turns:
        texter = workload.long_texter(LONG_TEXTER_INDEX, plan.long_turns)
        samples = await run_conversation(target, texter, plan.timeout)
        result.long = summarize_long(samples, target.rss_kb())
        log(
            f"{target.name} long conversation: turn 10 {result.long.turn10_ms} ms, "
            f"turn 200 {result.long.turn200_ms} ms, errors {result.long.errors}"
        )


def benchmark(target: Target, plan: Plan) -> TargetResult:
    """Starts the target, measures it, and always stops it."""
    log(f"starting {target.name}")
    try:
        cold = target.start()
        log(f"{target.name} cold start {cold.total_s:.1f} s (healthy: {cold.ready_s})")
        result = TargetResult(
            name=target.name, cold_start_s=cold.total_s, ready_s=cold.ready_s, levels=[], long=None, rss_mb={}
        )
        asyncio.run(_measure(target, plan, result))
        result.rss_mb = megabytes(target.rss_kb())
        sanity = getattr(target, "sanity", None)
        if sanity is not None:
            result.notes.extend(sanity())
            log(f"{target.name}: " + "; ".join(result.notes))
        return result
    finally:
        target.stop()
