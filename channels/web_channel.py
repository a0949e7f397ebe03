"""The discreet web chat's adapter inside Rasa: `POST /webhooks/web/message` (internal, not public).

The public page (`GET /chat`, dashboard/webchat.py) never talks to Rasa itself: the dashboard applies
the public surface's rate limits and size caps, then forwards each message here as JSON signed with a
key derived from HELPLINE_SECRET_KEY (`X-Helpline-Signature`, helpline/settings/crypto.py). This adapter only
translates that JSON into an `IncomingMessage` for the helpline's pipeline (channels/pipeline.py) and
answers with the texts as JSON. Later messages (a counsellor's reply, a late turn) are recorded in the
outbox (helpline/jobs/outbound.py), from which the open page collects them.

Request:  {"session": "<the page's random key>", "message_id": "<unique>", "text": "...",
           "region": "HK" | null (chosen on the page), "time_zone": "Asia/Hong_Kong" | null}
Answer:   {"messages": ["...", ...], "language": "en|yue|cmn", "script": "Latn|Hant|Hans"}
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Any

import pytz
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.keywords import WEB_KEYWORDS
from channels.pipeline import IncomingMessage, PipelineChannel
from channels.services import Services
from channels.wire import BadForm, adapter_blueprint, read_capped
from helpline.content.directory import FALLBACK_REGION
from helpline.content.regions import get_regions
from helpline.settings.crypto import web_chat_signature_valid

CHANNEL = "web"
MESSAGE_PATH = "/webhooks/web/message"
MAX_REQUEST_BYTES = 16 * 1024
MAX_TEXT_CHARS = 1000
SESSION = re.compile(r"[A-Za-z0-9_-]{32,64}")
MESSAGE_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
TIME_ZONE = re.compile(r"[A-Za-z0-9_+/-]{1,64}")


@lru_cache(maxsize=1)
def _zone_countries() -> dict[str, str]:
    return {zone: country for country, zones in pytz.country_timezones.items() for zone in zones}


def region_for_time_zone(time_zone: str | None) -> str | None:
    """The region a browser's IANA time zone suggests ('Asia/Hong_Kong' -> 'HK'), or None."""
    if not time_zone or not TIME_ZONE.fullmatch(time_zone):
        return None
    country = _zone_countries().get(time_zone)
    if country is None:
        country = get_regions().region_for_time_zone(time_zone)
    return country.upper() if country else None


def incoming(payload: Any, services: Services) -> IncomingMessage:
    """The pipeline's message for one forwarded web chat message; BadForm when it is malformed."""
    if not isinstance(payload, dict):
        raise BadForm("a JSON object is required")
    session, message_id = payload.get("session"), payload.get("message_id")
    text, region, time_zone = payload.get("text"), payload.get("region"), payload.get("time_zone")
    if not isinstance(session, str) or not SESSION.fullmatch(session):
        raise BadForm("session is missing or malformed")
    if not isinstance(message_id, str) or not MESSAGE_ID.fullmatch(message_id):
        raise BadForm("message_id is missing or malformed")
    if not isinstance(text, str) or len(text) > MAX_TEXT_CHARS:
        raise BadForm("text is missing or too long")
    chosen = services.directory.canonical(region) if isinstance(region, str) and region else None
    if chosen is not None and chosen not in (*services.directory.served, FALLBACK_REGION):
        raise BadForm("region is not one the page offers")
    suggested = region_for_time_zone(time_zone) if isinstance(time_zone, str) else None
    return IncomingMessage(
        channel=CHANNEL,
        address=session,
        message_id=f"web-{message_id}",
        text=text,
        region=chosen or (services.directory.canonical(suggested) if suggested else None),
        region_guessed=chosen is None,
    )


class WebChatChannel(PipelineChannel):
    """The web chat, forwarded by the dashboard; registered in bot/credentials.yml. No opt-out: STOP and
    its kin get how to leave the page, and the conversation goes on (channels/keywords.py)."""

    keywords = WEB_KEYWORDS

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        web = adapter_blueprint("helpline_web_chat")

        @web.route("/message", methods=["POST"], stream=True)
        async def message(request: Request) -> HTTPResponse:
            try:
                body = await read_capped(request, MAX_REQUEST_BYTES)
                signature = request.headers.get("X-Helpline-Signature", "")
                if not web_chat_signature_valid(self.services.settings.secret_key, body, signature):
                    return response.text("invalid signature", status=403)
                try:
                    payload = json.loads(body)
                except ValueError as error:
                    raise BadForm("the body is not JSON") from error
                incoming_message = incoming(payload, self.services)
            except BadForm as bad:
                return response.text(str(bad), status=bad.status)
            agent = getattr(request.app.ctx, "agent", None)
            texts = await self.pipeline.handle(
                incoming_message, on_new_message, getattr(agent, "tracker_store", None)
            )
            sender_id = self.pipeline.conversation_of(CHANNEL, incoming_message.address)
            contact = await asyncio.to_thread(self.services.contacts.get, sender_id)
            return response.json(
                {
                    "messages": texts,
                    "language": (contact.language if contact else None) or "en",
                    "script": (contact.script if contact else None) or "Latn",
                }
            )

        return web
