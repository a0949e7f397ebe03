"""SMS and WhatsApp through Twilio: `POST /webhooks/twilio/webhook` and `/webhooks/twilio/status`.

This adapter only speaks Twilio's wire format: it checks the size and the `X-Twilio-Signature` of the
posted form, reads the fields, hands one `IncomingMessage` to the helpline's pipeline
(channels/pipeline.py, where every rule lives) and answers with TwiML; later messages go out through
Twilio's REST API (helpline/jobs/outbound.py). It replaces Rasa's built-in `twilio` channel, which validates
no signature, crashes on a missing Body, answers 204 without TwiML and blocks the event loop.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from channels.keywords import twilio_answers_itself
from channels.pipeline import (
    MAX_BODY_CHARS,  # noqa: F401 - re-exported for callers that size texts
    IncomingMessage,
    PipelineChannel,
    neutralise_commands,  # noqa: F401 - re-exported (tests and tools import it from here)
)
from channels.twiml import messaging_response
from channels.wire import BadForm, adapter_blueprint, read_capped
from helpline.settings.logs import get_logger

logger = get_logger("channels.twilio")

# Twilio's largest messaging webhook (1,600 characters of Body, ten media URLs, WhatsApp fields) is a
# few kilobytes; anything much larger is not Twilio and is refused before it is read or checked.
MAX_FORM_BYTES = 64 * 1024
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
# A message's sid: SM (text) or MM (media) and 32 hexadecimal digits.
MESSAGE_SID = re.compile(r"(?:SM|MM)[0-9a-fA-F]{32}")
# "whatsapp:" and an E.164 number (15 digits at most) leave room to spare at 64.
MAX_FROM_CHARS = 64


def split_sender(raw_from: str) -> tuple[str, str]:
    """('whatsapp', '+852...') for 'whatsapp:+852...', ('sms', number) otherwise."""
    if raw_from.lower().startswith("whatsapp:"):
        return "whatsapp", raw_from.split(":", 1)[1].strip()
    return "sms", raw_from.strip()


def is_form(content_type: str | None) -> bool:
    """Whether a Content-Type header names a URL-encoded form (media types are case-insensitive)."""
    return (content_type or "").split(";", 1)[0].strip().lower() == FORM_CONTENT_TYPE


def parse_form(body: bytes) -> dict[str, list[str]]:
    """Every posted value of every field, blank ones included, in order.

    Twilio signs every field it posts, `Body=` included when a message is only an image; Sanic's
    `request.form` drops blank values, which would break the signature, so the body is parsed here.
    Unknown fields are kept (they are part of the signature too).
    """
    fields: dict[str, list[str]] = {}
    for key, value in parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True):
        fields.setdefault(key, []).append(value)
    return fields


def single_values(fields: dict[str, list[str]]) -> dict[str, str]:
    """The form as one value per field; a repeated field is refused (Twilio never repeats one, and
    reading one copy while the signature covers all of them would let an added copy be ignored)."""
    repeated = sorted(key for key, values in fields.items() if len(values) > 1)
    if repeated:
        raise BadForm("repeated form fields: " + ", ".join(repeated[:5]))
    return {key: values[0] for key, values in fields.items()}


class _AllValues(dict):
    """Twilio's validator signs every value of a field it can `getall` (as it does for a MultiDict)."""

    def getall(self, key: str) -> list[str]:
        return self[key]


def message_sid(fields: dict[str, str]) -> str:
    """The message's sid, checked for Twilio's shape (a 5,000-character one is not a sid)."""
    sid = (fields.get("MessageSid") or fields.get("SmsSid") or "").strip()
    if not sid:
        raise BadForm("MessageSid and From are required")
    if not MESSAGE_SID.fullmatch(sid):
        raise BadForm("MessageSid is not a Twilio message sid")
    return sid


class TwilioChannel(PipelineChannel):
    """SMS and WhatsApp through Twilio: signatures, the form, TwiML and the REST sender."""

    @classmethod
    def name(cls) -> str:
        return "twilio"

    async def _signed_form(self, request: Request) -> dict[str, str]:
        """The verified form of a Twilio request; BadForm (400/413) or PermissionError (403) if not."""
        body = await read_capped(request, MAX_FORM_BYTES)
        fields = parse_form(body) if is_form(request.headers.get("content-type")) else {}
        signature = request.headers.get("X-Twilio-Signature", "")
        settings = self.services.settings
        url = settings.public_url + request.path
        if request.query_string:
            url += "?" + request.query_string
        validator = RequestValidator(settings.twilio_auth_token)
        if not signature or not validator.validate(url, _AllValues(fields), signature):
            raise PermissionError("invalid signature")
        return single_values(fields)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        twilio_webhook = adapter_blueprint("helpline_twilio_webhook")

        @twilio_webhook.listener("after_server_start")
        async def start_twilio_cleanup(*_: Any) -> None:
            """Jobs filed before a restart (or by the action server) run without waiting for a message."""
            try:
                cleanup = self.services.twilio_cleanup
                if cleanup is not None:
                    cleanup.kick()
            except Exception as error:  # noqa: BLE001 - the first webhook starts it instead
                logger.error("twilio_cleanup.start_failed", extra={"error": type(error).__name__})

        @twilio_webhook.route("/status", methods=["POST"], stream=True)
        async def status(request: Request) -> HTTPResponse:
            try:
                fields = await self._signed_form(request)
                sid = message_sid(fields)
            except PermissionError:
                return response.text("invalid signature", status=403)
            except BadForm as bad:
                return response.text(str(bad), status=bad.status)
            state = fields.get("MessageStatus") or fields.get("SmsStatus")
            if state:
                await asyncio.to_thread(
                    self.services.sender.update_status, sid, state, (fields.get("ErrorCode") or None)
                )
            return response.empty(status=204)

        @twilio_webhook.route("/webhook", methods=["POST"], stream=True)
        async def webhook(request: Request) -> HTTPResponse:
            try:
                fields = await self._signed_form(request)
            except PermissionError:
                logger.warning("webhook.forbidden")
                return response.text("invalid signature", status=403)
            except BadForm as bad:
                return response.text(str(bad), status=bad.status)
            try:
                agent = getattr(request.app.ctx, "agent", None)
                texts = await self._handle(fields, on_new_message, getattr(agent, "tracker_store", None))
            except BadForm as bad:
                return response.text(str(bad), status=bad.status)
            return response.text(messaging_response(texts), content_type="text/xml; charset=utf-8")

        return twilio_webhook

    async def _handle(
        self,
        fields: dict[str, str],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        tracker_store: Any = None,
    ) -> list[str]:
        """Translates one verified webhook for the pipeline; returns the texts for the TwiML answer."""
        sid = message_sid(fields)
        raw_from = (fields.get("From") or "").strip()
        if not raw_from:
            raise BadForm("MessageSid and From are required")
        if len(raw_from) > MAX_FROM_CHARS:
            raise BadForm("From is too long")
        channel, number = split_sender(raw_from)
        if not number:
            raise BadForm("From has no number")
        body = (fields.get("Body") or fields.get("ButtonText") or "").strip()
        message = IncomingMessage(
            channel=channel,
            address=number,
            message_id=sid,
            text=body,
            has_media=_int(fields.get("NumMedia")) > 0,
            carrier_confirms_keywords=twilio_answers_itself(body, channel),
        )
        return await self.pipeline.handle(message, on_new_message, tracker_store)

    async def on_accepted(self, message: IncomingMessage) -> None:
        cleanup = self.services.twilio_cleanup
        if cleanup is None:
            return
        cleanup.ensure_running()  # jobs left by a restart, or filed by the action server
        if message.has_media:
            # Never downloaded: filed now, deleted from Twilio by the worker once this answer is out.
            await asyncio.to_thread(cleanup.queue_media, message.message_id)

    def after_erasure(self) -> None:
        """The erased texter's Twilio records, once they may be deleted."""
        if self.services.twilio_cleanup is not None:
            self.services.twilio_cleanup.kick()


def _int(raw: str | None) -> int:
    try:
        return int(raw or 0)
    except ValueError:
        return 0
