"""One Twilio connector for SMS and WhatsApp: `POST /webhooks/twilio/webhook`.

Replaces Rasa's built-in `twilio` channel, which validates no signature, crashes on a missing Body,
answers 204 without TwiML and blocks the event loop. See DESIGN.md "One message, end to end".
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.triage.crisis import detect_crisis
from bot.triage.language import detect_language, script_in_context
from channels.keywords import Keyword, match_keyword, twilio_answers_itself
from channels.notices import notice
from channels.output import OutboundOutput, WebhookReplyOutput, render_for
from channels.services import Services, get_services
from channels.twiml import messaging_response
from helpline.crypto import conversation_id
from helpline.erasure import purge_tracker, take_erasure_request
from helpline.followup import CheckinStore, answer_followup
from helpline.followup import render as render_followup
from helpline.logs import get_logger

logger = get_logger("channels.twilio")

DEFAULT_REPLY_BUDGET_SECONDS = 10.0
MAX_BODY_CHARS = 1600


def neutralise_commands(text: str) -> str:
    """Texters' text is never an intent command: Rasa reads a leading '/' as one ('/restart')."""
    stripped = text.lstrip()
    if stripped.startswith("/"):
        return "\uff0f" + stripped[1:]
    return text


def split_sender(raw_from: str) -> tuple[str, str]:
    """('whatsapp', '+852...') for 'whatsapp:+852...', ('sms', number) otherwise."""
    if raw_from.lower().startswith("whatsapp:"):
        return "whatsapp", raw_from.split(":", 1)[1].strip()
    return "sms", raw_from.strip()


def form_fields(request: Request) -> dict[str, str]:
    """The posted form as single values, blank ones included.

    Twilio signs every field it posts, `Body=` included when a message is only an image; Sanic's
    `request.form` drops blank values, which would break the signature, so the body is parsed here.
    Unknown fields are kept (they are part of the signature too).
    """
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("application/x-www-form-urlencoded"):
        return {}
    fields: dict[str, str] = {}
    for key, value in parse_qsl(request.body.decode("utf-8", errors="replace"), keep_blank_values=True):
        fields.setdefault(key, value)
    return fields


class TwilioChannel(InputChannel):
    """SMS and WhatsApp through Twilio, with signatures, replay protection, opt-out and no media."""

    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        budget = float(credentials.get("reply_budget_seconds", DEFAULT_REPLY_BUDGET_SECONDS))
        return cls(reply_budget_seconds=budget)

    def __init__(
        self,
        reply_budget_seconds: float = DEFAULT_REPLY_BUDGET_SECONDS,
        services: Services | None = None,
    ) -> None:
        self.reply_budget_seconds = reply_budget_seconds
        self._services = services

    @property
    def services(self) -> Services:
        if self._services is None:
            self._services = get_services()
        return self._services

    def _is_signed(self, request: Request, fields: dict[str, str]) -> bool:
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature:
            return False
        settings = self.services.settings
        url = settings.public_url + request.path
        if request.query_string:
            url += "?" + request.query_string
        return RequestValidator(settings.twilio_auth_token).validate(url, fields, signature)

    def get_output_channel(self) -> OutputChannel:
        """For messages Rasa sends outside a webhook (e.g. through its HTTP API)."""
        return OutboundOutput(self.services.sender, contacts=self.services.contacts)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        twilio_webhook = Blueprint("helpline_twilio_webhook", __name__)

        @twilio_webhook.listener("after_server_start")
        async def start_twilio_cleanup(*_: Any) -> None:
            """Jobs filed before a restart (or by the action server) run without waiting for a message."""
            try:
                cleanup = self.services.twilio_cleanup
                if cleanup is not None:
                    cleanup.kick()
            except Exception as error:  # noqa: BLE001 - the first webhook starts it instead
                logger.error("twilio_cleanup.start_failed", extra={"error": type(error).__name__})

        @twilio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @twilio_webhook.route("/status", methods=["POST"])
        async def status(request: Request) -> HTTPResponse:
            fields = form_fields(request)
            if not self._is_signed(request, fields):
                return response.text("invalid signature", status=403)
            sid = fields.get("MessageSid") or fields.get("SmsSid")
            state = fields.get("MessageStatus") or fields.get("SmsStatus")
            if sid and state:
                await asyncio.to_thread(
                    self.services.sender.update_status, sid, state, fields.get("ErrorCode") or None
                )
            return response.empty(status=204)

        @twilio_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            fields = form_fields(request)
            if not self._is_signed(request, fields):
                logger.warning("webhook.forbidden")
                return response.text("invalid signature", status=403)
            try:
                agent = getattr(request.app.ctx, "agent", None)
                texts = await self._handle(fields, on_new_message, getattr(agent, "tracker_store", None))
            except _BadRequest as bad:
                return response.text(str(bad), status=400)
            return response.text(messaging_response(texts), content_type="text/xml; charset=utf-8")

        return twilio_webhook

    async def _handle(
        self,
        fields: dict[str, str],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        tracker_store: Any = None,
    ) -> list[str]:
        """Processes one verified webhook; returns the texts for the TwiML answer."""
        services = self.services
        message_sid = (fields.get("MessageSid") or fields.get("SmsSid") or "").strip()
        raw_from = (fields.get("From") or "").strip()
        if not message_sid or not raw_from:
            raise _BadRequest("MessageSid and From are required")
        channel, number = split_sender(raw_from)
        if not number:
            raise _BadRequest("From has no number")

        sender_id = conversation_id(services.settings.secret_key, channel, number)
        inbound = await asyncio.to_thread(services.inbound.receive, message_sid, sender_id, channel, number)
        if inbound is None:
            logger.info("webhook.replay", extra={"channel": channel})
            return []
        contact, handoff = inbound.contact, inbound.handoff
        body = (fields.get("Body") or fields.get("ButtonText") or "").strip()[:MAX_BODY_CHARS]
        has_media = _int(fields.get("NumMedia")) > 0
        log = {"conversation": sender_id[:8], "channel": channel, "media": has_media}
        cleanup = services.twilio_cleanup
        if cleanup is not None:
            cleanup.ensure_running()  # jobs left by a restart, or filed by the action server
            if has_media:
                # Never downloaded: filed now, deleted from Twilio by the worker once this answer is out.
                await asyncio.to_thread(cleanup.queue_media, message_sid)

        if body and not contact.language_locked:
            guess = detect_language(body, previous=contact.language, previous_script=contact.script)
            if guess.confident or contact.language is None:
                script = script_in_context(body, guess.script, contact.script, contact.region)
                if (guess.language, script) != (contact.language, contact.script):
                    await asyncio.to_thread(services.contacts.set_language, sender_id, guess.language, script)
                    contact = dataclasses.replace(contact, language=guess.language, script=script)
        language, script = contact.language or "en", contact.script or "Latn"

        def say(key: str) -> str:
            return notice(key, language, script, contact.region, services.directory)

        keyword = match_keyword(body) if body else None
        if keyword is Keyword.OPT_OUT:
            await asyncio.to_thread(services.contacts.set_opted_out, sender_id, True)
            await asyncio.to_thread(CheckinStore(services.engine).cancel, sender_id, "opted_out")
            logger.info("webhook.opt_out", extra=log)
            return [] if twilio_answers_itself(body, channel) else [say("opted_out")]
        if keyword is Keyword.OPT_IN:
            await asyncio.to_thread(services.contacts.set_opted_out, sender_id, False)
            logger.info("webhook.opt_in", extra=log)
            return [] if twilio_answers_itself(body, channel) else [say("opted_in")]
        if contact.opted_out:
            logger.info("webhook.opted_out_ignored", extra=log)
            return []
        if keyword is Keyword.HELP:
            return [say("help")]
        if body and (handoff is None or handoff.status == "waiting"):
            # "R1".."R5" answering the survey, CHECK / NOCHECK answering the check-in offer (never
            # taken from a texter a counsellor is talking with: those words are theirs to read).
            followup = await asyncio.to_thread(
                answer_followup,
                services.engine,
                sender_id,
                body,
                dt.timedelta(hours=services.settings.checkin_after_hours),
            )
            if followup:
                logger.info("webhook.followup", extra={**log, "answer": followup})
                return [render_followup(followup, language, script, contact.region, services.directory)]

        replies = [say("media_refused")] if has_media else []
        if not body:
            logger.info("webhook.no_text", extra=log)
            return replies or [say("empty_message")]

        render = render_for(contact)
        output = WebhookReplyOutput(OutboundOutput(services.sender, render), render)
        metadata = {
            "channel": channel,
            "region": contact.region,
            "language_hint": contact.language,
            "script_hint": contact.script,
            "has_media": has_media,
            # "claimed": a counsellor holds the conversation and the assistant pauses (TriagePolicy);
            # "waiting": the assistant keeps helping until then.
            "handoff": handoff.status if handoff is not None else None,
        }
        user_message = UserMessage(
            neutralise_commands(body),
            output,
            sender_id,
            input_channel=self.name(),
            message_id=message_sid,
            metadata=metadata,
        )
        task = asyncio.ensure_future(on_new_message(user_message))
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=self.reply_budget_seconds)
        except asyncio.TimeoutError:
            logger.warning("webhook.reply_budget_spent", extra=log)
            task.add_done_callback(_log_late_failure)
            # The turn goes on; what follows it (and its messages) happens when it is done.
            task.add_done_callback(
                lambda _: asyncio.ensure_future(
                    self._after_turn(sender_id, handoff, body, say, tracker_store)
                )
            )
            return replies + output.seal()
        except Exception as error:  # noqa: BLE001 - the texter must get an answer whatever failed
            logger.error("webhook.processing_failed", extra={**log, "error": type(error).__name__})
            return replies + output.seal() + [say("error")]
        logger.info("webhook.handled", extra=log)
        answer = output.seal()
        if not answer and (handoff is None or handoff.status == "waiting"):
            # The assistant said nothing although no counsellor holds the conversation: an action failed
            # and Rasa carried on without it (or an old conversation is still paused while it waits).
            # A texter is never left without an answer and the 24-hour lines.
            logger.error("webhook.silent_turn", extra=log)
            answer = [say("handoff_holding" if handoff is not None else "error")]
        return replies + answer + await self._after_turn(sender_id, handoff, body, say, tracker_store)

    async def _after_turn(
        self, sender_id: str, handoff: Any, body: str, say: Callable[[str], str], tracker_store: Any
    ) -> list[str]:
        """After the turn is saved: handoff bookkeeping, and the purge of an erased conversation."""
        extra = []
        if handoff is not None:
            crisis = detect_crisis(body).is_crisis or await _parsed_as_crisis(tracker_store, sender_id)
            extra = await self._during_handoff(handoff.id, crisis, say)
        if tracker_store is not None:
            await self._erase_if_requested(sender_id, tracker_store)
        return extra

    async def _during_handoff(self, handoff_id: int, crisis: bool, say: Callable[[str], str]) -> list[str]:
        """The counsellor sees the message; a crisis makes the handoff urgent. While it waits the
        assistant itself answers and reminds the texter now and then (actions/waiting.py)."""
        handoffs = self.services.handoffs
        await asyncio.to_thread(handoffs.record_texter_message, handoff_id)
        if crisis:
            await asyncio.to_thread(handoffs.escalate, handoff_id, "urgent", "crisis")
            logger.warning("handoff.escalated", extra={"handoff": handoff_id})
        return []

    async def _erase_if_requested(self, sender_id: str, tracker_store: Any) -> None:
        """After the turn is saved, purge the conversation the texter asked us to delete."""
        if await asyncio.to_thread(take_erasure_request, self.services.engine, sender_id):
            await asyncio.to_thread(purge_tracker, tracker_store, sender_id)
            logger.info("erasure.tracker_purged", extra={"conversation": sender_id[:8]})
            if self.services.twilio_cleanup is not None:
                self.services.twilio_cleanup.kick()  # the texter's Twilio records, once they may be deleted


class _BadRequest(Exception):
    pass


def _int(raw: str | None) -> int:
    try:
        return int(raw or 0)
    except ValueError:
        return 0


async def _parsed_as_crisis(tracker_store: Any, sender_id: str) -> bool:
    """Whether Rasa's parse of the texter's latest message (kept even while paused) saw a crisis."""
    if tracker_store is None:
        return False
    tracker = await tracker_store.retrieve(sender_id)
    message = tracker.latest_message if tracker is not None else None
    if message is None:
        return False
    triage = message.parse_data.get("triage") or {}
    return bool(triage.get("crisis")) or (message.intent or {}).get("name") == "self_harm"


def _log_late_failure(task: asyncio.Future) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("webhook.late_processing_failed", extra={"error": type(task.exception()).__name__})
