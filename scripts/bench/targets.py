"""What the load driver needs from an assistant under test."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import httpx

from scripts.bench.workload import Texter


@dataclass(frozen=True)
class Reply:
    status: int  # HTTP status; 0 when the request itself failed
    messages: int  # bot messages in the answer
    failed: bool = False  # the answer is the assistant's own "something went wrong" notice


@dataclass
class ColdStart:
    total_s: float  # process start -> every process healthy and a first message answered
    ready_s: dict[str, float] = field(default_factory=dict)  # per process: start -> healthy


class Target(Protocol):
    name: str
    expects_reply: bool  # every scripted message must be answered (errors count empty answers)

    def start(self) -> ColdStart: ...

    async def send(self, client: httpx.AsyncClient, texter: Texter, text: str) -> Reply: ...

    def rss_kb(self) -> dict[str, int]: ...

    def stop(self) -> None: ...


async def post(client: httpx.AsyncClient, url: str, **kwargs: object) -> httpx.Response | None:
    """POSTs, returning None instead of raising on a transport failure or timeout."""
    try:
        return await client.post(url, **kwargs)  # type: ignore[arg-type]
    except httpx.HTTPError:
        return None
