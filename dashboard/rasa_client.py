"""The dashboard's client for Rasa's HTTP API: the tracker is the transcript of record.

Failures become `RasaUnavailable` with a message a counsellor can read; the routes answer 502 with
it. URLs carry the token, so they are never logged; neither are event texts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

import httpx

from helpline.settings.logs import get_logger

logger = get_logger("dashboard.rasa")


class RasaUnavailable(Exception):
    """Rasa could not be reached or refused the request."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def now_timestamp() -> float:
    return dt.datetime.now(dt.timezone.utc).timestamp()


LISTEN_EVENT = {"event": "action", "name": "action_listen"}


async def resume_assistant(client: Any, conversation_id: str) -> None:
    """Ends a counsellor's pause of the assistant (RasaUnavailable when Rasa cannot be reached).

    The pause stopped the assistant before it listened: the listen is logged too, so the texter's next
    message starts a fresh turn that the intent rules recognise. Before a claimed handoff is closed
    (by its counsellor, or by a block): a closed handoff with Rasa still paused would strand the texter."""
    await client.append_events(
        conversation_id, [{"event": "resume", "timestamp": now_timestamp()}, LISTEN_EVENT]
    )


class RasaClient:
    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self._timeout = timeout
        self._transport = transport

    async def _request(
        self, method: str, conversation_id: str, suffix: str, params: dict[str, str], body: Any = None
    ) -> Any:
        path = f"/conversations/{quote(conversation_id, safe='')}/{suffix}"
        try:
            async with httpx.AsyncClient(
                base_url=self.base_url, timeout=self._timeout, transport=self._transport
            ) as client:
                reply = await client.request(method, path, params={"token": self._token, **params}, json=body)
        except httpx.HTTPError as error:
            logger.warning("rasa.unreachable", extra={"error": type(error).__name__, "call": suffix})
            raise RasaUnavailable(
                "The assistant server (Rasa) cannot be reached right now. Nothing was changed; "
                "please try again in a moment."
            ) from error
        if reply.status_code in (401, 403):
            logger.warning("rasa.refused", extra={"status": reply.status_code, "call": suffix})
            raise RasaUnavailable("Rasa refused the dashboard's credentials (check RASA_TOKEN).")
        if reply.status_code >= 400:
            logger.warning("rasa.error", extra={"status": reply.status_code, "call": suffix})
            raise RasaUnavailable(
                f"The assistant server (Rasa) answered with an error (HTTP {reply.status_code})."
            )
        try:
            return reply.json()
        except ValueError as error:
            raise RasaUnavailable("The assistant server (Rasa) sent an unreadable answer.") from error

    async def tracker(self, conversation_id: str) -> dict:
        """The conversation's tracker state, events included."""
        return await self._request("GET", conversation_id, "tracker", {})

    async def append_events(
        self, conversation_id: str, events: list[dict], output_channel: str = "latest"
    ) -> dict:
        """Appends events without running their side effects (the message is already sent)."""
        return await self._request(
            "POST", conversation_id, "tracker/events", {"output_channel": output_channel}, events
        )

    async def execute(self, conversation_id: str, action_name: str, output_channel: str = "latest") -> dict:
        """Runs one action (e.g. a response) as if predicted, sending its messages on `output_channel`."""
        return await self._request(
            "POST", conversation_id, "execute", {"output_channel": output_channel}, {"name": action_name}
        )
