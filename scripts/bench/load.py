"""Closed-loop load: N concurrent conversations, each sending its next message when answered."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from scripts.bench.stats import Sample
from scripts.bench.targets import Target
from scripts.bench.workload import Texter


@dataclass
class LevelRun:
    concurrency: int
    samples: list[Sample]
    duration_s: float
    conversations: int


def client(concurrency: int, timeout: float) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=concurrency + 4, max_keepalive_connections=concurrency + 4)
    return httpx.AsyncClient(limits=limits, timeout=timeout)


async def run_level(
    target: Target,
    new_texter: Callable[[], Texter],
    concurrency: int,
    max_requests: int,
    max_seconds: float,
    timeout: float = 30.0,
) -> LevelRun:
    """Sends up to `max_requests` messages (or for `max_seconds`) from `concurrency` conversations at once.

    Each worker plays one conversation after another; a conversation's messages are sequential, as a
    texter's are. Requests in flight at the deadline finish and are counted.
    """
    samples: list[Sample] = []
    tickets = itertools.count()
    conversations = 0
    started = time.perf_counter()
    deadline = started + max_seconds

    async def worker(http: httpx.AsyncClient) -> None:
        nonlocal conversations
        while True:
            texter = new_texter()
            for turn, text in enumerate(texter.script):
                if next(tickets) >= max_requests or time.perf_counter() > deadline:
                    return
                conversations += turn == 0
                samples.append(await timed_send(target, http, texter, text, started))

    async with client(concurrency, timeout) as http:
        await asyncio.gather(*(worker(http) for _ in range(concurrency)))
    return LevelRun(concurrency, samples, time.perf_counter() - started, conversations)


async def timed_send(
    target: Target, http: httpx.AsyncClient, texter: Texter, text: str, started: float
) -> Sample:
    """Sends one message and measures it (`started`: when the run began)."""
    sent = time.perf_counter()
    reply = await target.send(http, texter, text)
    return Sample(
        started_s=sent - started,
        latency_s=time.perf_counter() - sent,
        status=reply.status,
        messages=reply.messages,
        expected_reply=target.expects_reply,
        failed=reply.failed,
    )


async def run_conversation(target: Target, texter: Texter, timeout: float = 30.0) -> list[Sample]:
    """One conversation, message after message; a sample per turn."""
    samples: list[Sample] = []
    started = time.perf_counter()
    async with client(1, timeout) as http:
        for text in texter.script:
            samples.append(await timed_send(target, http, texter, text, started))
    return samples
