"""The helpline's rules for one inbound message, whatever channel brought it.

Every channel adapter (`channels/twilio_channel.py` for SMS and WhatsApp, `channels/web_channel.py`
for the web chat) only translates its wire format into an `IncomingMessage` and the returned texts
back into its own answer. Everything between is here, once:

  dedup -> contact (pseudonymous id, region) -> language decided once -> the channel's keywords
  (channels/keywords.py: opt-out / opt-in / help on phones; on the web how to leave, and help) ->
  survey and check-in answers -> media refusal -> Rasa (within a reply budget; later messages go out
  through the outbound sender) -> after the turn: handoff bookkeeping and the purge
  of a conversation the texter asked us to erase.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage

from bot.triage.crisis import detect_crisis
from bot.triage.language import detect_language, script_in_context
from bot.triage.risk_level import parse_risk
from channels.keywords import PHONE_KEYWORDS, Keyword, KeywordSet
from channels.output import OutboundOutput, WebhookReplyOutput, render_for
from channels.services import Services, get_services, warmed_services
from helpline import rasa_ext
from helpline.content.directory import Directory
from helpline.content.notices import notice
from helpline.content.sms import segments
from helpline.deadlines import zone_for_number
from helpline.jobs.erasure import purge_tracker, take_erasure_request
from helpline.jobs.followup import CheckinStore, answer_followup
from helpline.jobs.followup import render as render_followup
from helpline.settings.crypto import conversation_id
from helpline.settings.logs import get_logger
from helpline.store.availability import wait_sentence
from helpline.store.contacts import Contact
from helpline.store.handoffs import Handoff

logger = get_logger("channels.pipeline")

DEFAULT_REPLY_BUDGET_SECONDS = 10.0
MAX_BODY_CHARS = 1600
TURN_SEGMENTS = 3  # everything one texter message triggers fits 3 SMS segments

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


@dataclass(frozen=True)
class IncomingMessage:
    """One texter message as an adapter hands it over (already authenticated by the adapter)."""

    channel: str  # "sms" | "whatsapp" | "web": the handoff list shows it
    address: str  # the phone number, or the web chat's session key; kept only encrypted
    message_id: str  # unique per message on its channel (replays are dropped)
    text: str
    has_media: bool = False
    # A region the adapter knows better than the address (the web chat's chosen or suggested region).
    region: str | None = None
    # True while that region is only suggested (the browser's time zone): replies add the finder.
    region_guessed: bool = False
    # True when the carrier itself confirms STOP/START (Twilio on SMS): we add no confirmation.
    carrier_confirms_keywords: bool = False


@dataclass(frozen=True)
class _Turn:
    """One accepted message and what the pipeline knows about its texter."""

    message: IncomingMessage
    sender_id: str
    contact: Contact
    handoff: Handoff | None  # the conversation's waiting or claimed handoff
    body: str
    directory: Directory

    @property
    def language(self) -> str:
        return self.contact.language or "en"

    @property
    def script(self) -> str:
        return self.contact.script or "Latn"

    @property
    def assistant_answers(self) -> bool:
        """No counsellor holds the conversation (none asked for, or one still waiting)."""
        return self.handoff is None or self.handoff.status == "waiting"

    @property
    def log(self) -> dict[str, Any]:
        return {
            "conversation": self.sender_id[:8],
            "channel": self.message.channel,
            "media": self.message.has_media,
        }

    def say(self, key: str) -> str:
        """One of the channels' fixed messages, in the texter's language with the region's lines."""
        return notice(key, self.language, self.script, self.contact.region, self.directory)


def neutralise_commands(text: str) -> str:
    """Texters' text is never an intent command: Rasa reads a leading '/' as one ('/restart')."""
    stripped = text.lstrip()
    if stripped.startswith("/"):
        return "\uff0f" + stripped[1:]
    return text


class InboundPipeline:
    """Runs one message through the helpline's rules; returns the texts to answer it with."""

    def __init__(
        self,
        services: Services | Callable[[], Services],
        input_channel: str,
        reply_budget_seconds: float = DEFAULT_REPLY_BUDGET_SECONDS,
        on_accepted: Callable[[IncomingMessage], Awaitable[None]] | None = None,
        after_erasure: Callable[[], None] | None = None,
        keywords: KeywordSet = PHONE_KEYWORDS,
    ) -> None:
        """`on_accepted` runs once per new (not replayed) message before the turn, `after_erasure` once a
        conversation is purged: the adapter's own bookkeeping (Twilio: media and record clean-up).
        `keywords`: the words the channel gives a fixed meaning (the adapter declares them)."""
        self._services = services
        self.keywords = keywords
        self.input_channel = input_channel
        self.reply_budget_seconds = reply_budget_seconds
        self._on_accepted = on_accepted
        self._after_erasure = after_erasure
        self._background: set[asyncio.Future] = set()

    @property
    def services(self) -> Services:
        if callable(self._services):
            self._services = self._services()
        return self._services

    def conversation_of(self, channel: str, address: str) -> str:
        """The keyed pseudonymous id of one texter on one channel."""
        return conversation_id(self.services.settings.secret_key, channel, address)

    async def handle(
        self, message: IncomingMessage, on_new_message: OnNewMessage, tracker_store: Any = None
    ) -> list[str]:
        """The texts that answer `message` (none for a replay, or while the texter has opted out).

        A webhook can be abandoned half-way (the proxy or Twilio hangs up, the replica is stopping), and
        its message must not be lost: until Rasa has the message its claim is forgotten, so a retry (the
        proxy's, on the other replica) is handled rather than dropped as a replay; once Rasa has it, the
        turn goes on and its replies go out through the outbound sender (`_run_rasa`)."""
        receiving = asyncio.ensure_future(self._receive(message))
        try:
            turn = await asyncio.shield(receiving)
        except asyncio.CancelledError:
            receiving.add_done_callback(partial(self._forget_claim_when_received, message))
            raise
        if turn is None:
            return []
        try:
            answer = await self._answer_before_rasa(turn)
        except asyncio.CancelledError:
            await self._forget_claim(message)
            raise
        if answer is not None:
            return answer
        return await self._run_rasa(turn, on_new_message, tracker_store)

    async def _forget_claim(self, message: IncomingMessage) -> None:
        logger.warning("webhook.abandoned_before_rasa", extra={"channel": message.channel})
        await asyncio.to_thread(self.services.dedup.release, message.message_id)

    def _forget_claim_when_received(self, message: IncomingMessage, receiving: asyncio.Future) -> None:
        """The claim was still being written when the webhook was abandoned: forget it once written."""
        if receiving.cancelled() or receiving.exception() is not None or receiving.result() is None:
            return
        forgetting = asyncio.ensure_future(self._forget_claim(message))
        self._background.add(forgetting)  # the loop keeps only weak references to tasks
        forgetting.add_done_callback(self._background.discard)

    async def _receive(self, message: IncomingMessage) -> _Turn | None:
        """Dedup, the contact (created on first contact), the adapter's hook, region and language."""
        services = self.services
        sender_id = self.conversation_of(message.channel, message.address)
        inbound = await asyncio.to_thread(
            services.inbound.receive, message.message_id, sender_id, message.channel, message.address
        )
        if inbound is None:
            logger.info("webhook.replay", extra={"channel": message.channel})
            return None
        contact = inbound.contact
        if self._on_accepted is not None:
            await self._on_accepted(message)
        if message.region and message.region != contact.region:
            await asyncio.to_thread(services.contacts.set_region, sender_id, message.region)
            contact = dataclasses.replace(contact, region=message.region)
        body = message.text.strip()[:MAX_BODY_CHARS]
        contact = await self._decide_language(sender_id, contact, body)
        return _Turn(message, sender_id, contact, inbound.handoff, body, services.directory)

    async def _decide_language(self, sender_id: str, contact: Contact, body: str) -> Contact:
        """The language is decided here, once per message (unless the texter chose it themselves)."""
        if not body or contact.language_locked:
            return contact
        guess = detect_language(body, previous=contact.language, previous_script=contact.script)
        if guess.confident or contact.language is None:
            script = script_in_context(body, guess.script, contact.script, contact.region)
            if (guess.language, script) != (contact.language, contact.script):
                await asyncio.to_thread(
                    self.services.contacts.set_language, sender_id, guess.language, script
                )
                contact = dataclasses.replace(contact, language=guess.language, script=script)
        return contact

    async def _answer_before_rasa(self, turn: _Turn) -> list[str] | None:
        """Keywords, survey and check-in answers, an empty message: answered without Rasa (else None)."""
        services, sender_id, log = self.services, turn.sender_id, turn.log
        keyword = self.keywords.match(turn.body) if turn.body else None
        if keyword is Keyword.LEAVE:
            # Nothing to stop on this channel: how to leave, and the conversation goes on. Whole-message
            # words rarely carry a crisis, but if one does, the crisis protocol answers instead.
            if not detect_crisis(turn.body).is_crisis:
                logger.info("webhook.leave_hint", extra=log)
                return [turn.say("web_leave")]
            keyword = None
        if keyword is Keyword.OPT_OUT:
            await asyncio.to_thread(services.contacts.set_opted_out, sender_id, True)
            await asyncio.to_thread(CheckinStore(services.engine).cancel, sender_id, "opted_out")
            logger.info("webhook.opt_out", extra=log)
            return [] if turn.message.carrier_confirms_keywords else [turn.say("opted_out")]
        if keyword is Keyword.OPT_IN:
            await asyncio.to_thread(services.contacts.set_opted_out, sender_id, False)
            logger.info("webhook.opt_in", extra=log)
            return [] if turn.message.carrier_confirms_keywords else [turn.say("opted_in")]
        if turn.contact.opted_out and self.keywords.opts_out:
            logger.info("webhook.opted_out_ignored", extra=log)
            return []
        if keyword is Keyword.HELP:
            return [turn.say("help")]
        if turn.body and turn.assistant_answers:
            # "R1".."R5" answering the survey, CHECK / NOCHECK answering the check-in offer (never
            # taken from a texter a counsellor is talking with: those words are theirs to read).
            followup = await asyncio.to_thread(
                answer_followup,
                services.engine,
                sender_id,
                turn.body,
                dt.timedelta(hours=services.settings.checkin_after_hours),
            )
            if followup:
                logger.info("webhook.followup", extra={**log, "answer": followup})
                return [
                    render_followup(
                        followup, turn.language, turn.script, turn.contact.region, services.directory
                    )
                ]
        if not turn.body:
            logger.info("webhook.no_text", extra=log)
            return [turn.say("media_refused")] if turn.message.has_media else [turn.say("empty_message")]
        return None

    async def _run_rasa(self, turn: _Turn, on_new_message: OnNewMessage, tracker_store: Any) -> list[str]:
        """The assistant's turn within the reply budget; what it says later goes out through the sender."""
        replies = [turn.say("media_refused")] if turn.message.has_media else []
        render = render_for(turn.contact)
        output = WebhookReplyOutput(OutboundOutput(self.services.sender, render), render)
        handoff = turn.handoff
        metadata = {
            "channel": turn.message.channel,
            "region": turn.contact.region,
            "region_guessed": turn.message.region_guessed,
            "language_hint": turn.contact.language,
            "script_hint": turn.contact.script,
            "has_media": turn.message.has_media,
            # "claimed": a counsellor holds the conversation and the assistant pauses (TriagePolicy);
            # "waiting": the assistant keeps helping until then.
            "handoff": handoff.status if handoff is not None else None,
            # The number's own zone when its area has one (+1 415: Los Angeles): deadlines are read in it.
            "timezone": _zone_of(turn.message),
        }
        user_message = UserMessage(
            neutralise_commands(turn.body),
            output,
            turn.sender_id,
            input_channel=self.input_channel,
            message_id=turn.message.message_id,
            metadata=metadata,
        )
        after_turn = partial(self._after_turn, turn, tracker_store)
        task = asyncio.ensure_future(on_new_message(user_message))
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=self.reply_budget_seconds)
        except asyncio.TimeoutError:
            logger.warning("webhook.reply_budget_spent", extra=turn.log)
            task.add_done_callback(_log_late_failure)
            # The turn goes on; what follows it (and its messages) happens when it is done.
            task.add_done_callback(lambda _: asyncio.ensure_future(after_turn()))
            return replies + output.seal()
        except asyncio.CancelledError:
            # The webhook was abandoned while Rasa has the message: nothing is answered over it any
            # more, so what was collected, and all the turn says later, goes out through the sender.
            logger.warning("webhook.abandoned_during_turn", extra=turn.log)
            task.add_done_callback(_log_late_failure)
            task.add_done_callback(lambda _: asyncio.ensure_future(after_turn()))
            outbound = OutboundOutput(self.services.sender)  # no render: the texts are rendered already
            for text in replies + output.seal():
                await outbound.send_text_message(turn.sender_id, text)
            raise
        except Exception as error:  # noqa: BLE001 - the texter must get an answer whatever failed
            logger.error("webhook.processing_failed", extra={**turn.log, "error": type(error).__name__})
            return replies + output.seal() + [turn.say("error")]
        logger.info("webhook.handled", extra=turn.log)
        answer = output.seal()
        if not answer and turn.assistant_answers:
            # The assistant said nothing although no counsellor holds the conversation: an action failed
            # and Rasa carried on without it (or an old conversation is still paused while it waits).
            # A texter is never left without an answer and the 24-hour lines.
            logger.error("webhook.silent_turn", extra=turn.log)
            answer = [await self._holding(turn) if handoff is not None else turn.say("error")]
        await after_turn()
        return _within_budget(replies, answer, turn)

    async def _holding(self, turn: _Turn) -> str:
        """The holding notice for a waiting texter the assistant could not answer: the lines, and the
        same honest expected wait the assistant's handoff replies give."""
        _, wait = await asyncio.to_thread(
            wait_sentence, turn.contact.region, turn.language, engine=self.services.engine
        )
        return notice(
            "handoff_holding", turn.language, turn.script, turn.contact.region, turn.directory, wait
        )

    async def _after_turn(self, turn: _Turn, tracker_store: Any) -> None:
        """After the turn is saved: handoff bookkeeping, and the purge of an erased conversation."""
        sender_id, handoff = turn.sender_id, turn.handoff
        if handoff is not None:
            crisis = detect_crisis(turn.body).is_crisis or await _parsed_as_crisis(tracker_store, sender_id)
            await self._during_handoff(handoff, crisis, turn)
        if tracker_store is not None:
            await self._erase_if_requested(sender_id, tracker_store)

    async def _during_handoff(self, handoff: Handoff, crisis: bool, turn: _Turn) -> None:
        """The counsellor sees the message; a crisis makes the handoff urgent. While it waits the
        assistant itself answers and reminds the texter now and then (actions/waiting.py); once claimed
        the assistant is paused, so a deadline the texter states reaches the handoff from here."""
        handoffs = self.services.handoffs
        handoff_id = handoff.id
        await asyncio.to_thread(handoffs.record_texter_message, handoff_id)
        if handoff.status == "claimed":
            await asyncio.to_thread(
                handoffs.note_stated_deadline, handoff_id, turn.body, zone=_zone_of(turn.message)
            )
        if crisis:
            await asyncio.to_thread(handoffs.escalate, handoff_id, "urgent", "crisis")
            logger.warning("handoff.escalated", extra={"handoff": handoff_id})

    async def _erase_if_requested(self, sender_id: str, tracker_store: Any) -> None:
        """After the turn is saved, purge the conversation the texter asked us to delete."""
        if await asyncio.to_thread(take_erasure_request, self.services.engine, sender_id):
            await asyncio.to_thread(purge_tracker, tracker_store, sender_id)
            logger.info("erasure.tracker_purged", extra={"conversation": sender_id[:8]})
            if self._after_erasure is not None:
                self._after_erasure()


class PipelineChannel(InputChannel):
    """What every channel adapter shares: its settings from bot/credentials.yml, the collaborators,
    the pipeline and the outbound channel. An adapter adds its `name()`, its `blueprint()` (the wire
    format), its `keywords` when they differ from the phone channels' (channels/keywords.py) and, if its
    carrier needs them, the hooks `on_accepted` and `after_erasure`."""

    keywords: KeywordSet = PHONE_KEYWORDS

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        # Rasa builds the channels that bot/credentials.yml names before it registers its model loading:
        # a plain `rasa run` gets every extension of Rasa here, the warm-up included.
        rasa_ext.install(load_services=warmed_services)
        credentials = credentials or {}
        budget = float(credentials.get("reply_budget_seconds", DEFAULT_REPLY_BUDGET_SECONDS))
        return cls(reply_budget_seconds=budget)

    def __init__(
        self, reply_budget_seconds: float = DEFAULT_REPLY_BUDGET_SECONDS, services: Services | None = None
    ) -> None:
        self._services = services
        self.pipeline = InboundPipeline(
            lambda: self.services,
            input_channel=self.name(),
            reply_budget_seconds=reply_budget_seconds,
            on_accepted=self.on_accepted,
            after_erasure=self.after_erasure,
            keywords=self.keywords,
        )

    @property
    def reply_budget_seconds(self) -> float:
        return self.pipeline.reply_budget_seconds

    @property
    def services(self) -> Services:
        if self._services is None:
            self._services = get_services()
        return self._services

    def get_output_channel(self) -> OutputChannel:
        """For messages Rasa sends outside a webhook (e.g. through its HTTP API)."""
        return OutboundOutput(self.services.sender, contacts=self.services.contacts)

    async def on_accepted(self, message: IncomingMessage) -> None:
        """Runs once per new message, before the turn (nothing by default)."""

    def after_erasure(self) -> None:
        """Runs once a conversation of this channel has been purged (nothing by default)."""


def _zone_of(message: IncomingMessage) -> str | None:
    """The time zone of the texter's number when it has one (phone channels only)."""
    if message.channel not in ("sms", "whatsapp"):
        return None
    return zone_for_number(message.address.removeprefix("whatsapp:"))


def _within_budget(refusal: list[str], answer: list[str], turn: _Turn) -> list[str]:
    """The media refusal goes with the answer only while the whole turn fits the segment budget: the
    answer (a crisis reply, a child's first steps) matters more, and the media is deleted either way."""
    if refusal and sum(segments(text) for text in refusal + answer) > TURN_SEGMENTS and answer:
        logger.info("webhook.refusal_left_out", extra=turn.log)
        return answer
    return refusal + answer


async def _parsed_as_crisis(tracker_store: Any, sender_id: str) -> bool:
    """Whether Rasa's parse of the texter's latest message (kept even while paused) saw a crisis."""
    if tracker_store is None:
        return False
    tracker = await tracker_store.retrieve(sender_id)
    message = tracker.latest_message if tracker is not None else None
    if message is None:
        return False
    triage = message.parse_data.get("triage") or {}
    return parse_risk(triage, (message.intent or {}).get("name")) == "crisis"


def _log_late_failure(task: asyncio.Future) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("webhook.late_processing_failed", extra={"error": type(task.exception()).__name__})
