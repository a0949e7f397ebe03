"""Follow-up: the check-in a texter consents to, and the one-question survey after a counsellor.

Check-in: `action_offer_checkin` (the dialogue triggers it) asks in the texter's language and files an
offer; "CHECK" while the offer is open schedules one message HELPLINE_CHECKIN_AFTER_HOURS later,
"NOCHECK" cancels it. The scheduler's `checkins` job sends it through the texter's own channel
(`helpline.jobs.outbound`): never after STOP, never after they asked to delete their data, on WhatsApp only
inside the 24-hour window since their last message. Their reply goes to the assistant as usual, which
continues the conversation where it was (Rasa keeps it: no session expiry), and marks it answered.
Nothing here stores message text.

Survey: when a counsellor closes a handoff the texter may be asked "did this help?" once; "R1".."R5"
while it is open (SURVEY_OPEN) is the answer, a form no menu uses.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import yaml
from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from helpline.content.directory import Directory, get_directory
from helpline.content.placeholders import placeholder_values
from helpline.content.responses import topic_file
from helpline.content.script import to_script
from helpline.jobs.outbound import WHATSAPP_WINDOW, OutboundRefused, OutboundSender
from helpline.settings import clock
from helpline.settings.logs import get_logger
from helpline.store.contacts import ContactStore
from helpline.store.db import checkins, erasure_requests, surveys
from helpline.store.scheduler import register

logger = get_logger("helpline.jobs.followup")

RESPONSES_PATH = topic_file("followup")
OFFER_OPEN = dt.timedelta(hours=24)  # how long "CHECK" answers the offer
SURVEY_OPEN = dt.timedelta(hours=48)  # how long "R1".."R5" answers the survey
CHECKIN_JOB_EVERY = dt.timedelta(minutes=1)
# No check-in at night in the texter's region (a phone lighting up at 3 a.m. can be seen, and wakes them).
QUIET_FROM, QUIET_UNTIL = dt.time(22, 0), dt.time(8, 0)
EVENING = dt.time(21, 0)
LATEST_AFTER_CONSENT = dt.timedelta(hours=23)  # stays inside WhatsApp's 24-hour window


def checkin_due(consented: dt.datetime, after: dt.timedelta, region: str | None) -> dt.datetime:
    """`after` past consent, moved out of the night (22:00-08:00 in the region's time zone): to 08:00
    when that is within 23 hours of consent, else back to 21:00 the evening before. Aware UTC."""
    from helpline.content.hours import get_hours

    zone = get_hours().for_region(region).zone
    consented = consented.astimezone(clock.UTC)
    due = consented + after
    local = due.astimezone(zone)
    if QUIET_UNTIL <= local.time() < QUIET_FROM:
        return due
    morning_day = local.date() if local.time() < QUIET_UNTIL else local.date() + dt.timedelta(days=1)
    morning = dt.datetime.combine(morning_day, QUIET_UNTIL).replace(tzinfo=zone).astimezone(clock.UTC)
    if morning - consented <= LATEST_AFTER_CONSENT:
        return morning
    evening = dt.datetime.combine(morning_day - dt.timedelta(days=1), EVENING).replace(tzinfo=zone)
    return max(evening.astimezone(clock.UTC), consented + dt.timedelta(hours=1))


_FULLWIDTH = str.maketrans(
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ１２３４５", "ABCDEFGHIJKLMNOPQRSTUVWXYZ12345"
)
RATING = re.compile(r"^R\s*([1-5])$")
CONSENT_WORDS = {"CHECK", "CHECK IN", "CHECKIN", "CHECK-IN"}
CANCEL_WORDS = {"NOCHECK", "NO CHECK", "NO-CHECK"}


def _normalise(text: str) -> str:
    return " ".join(text.translate(_FULLWIDTH).upper().strip().strip(".!?。！？").split())


# ----------------------------------------------------------------------------- texts


@lru_cache(maxsize=1)
def _responses() -> dict[str, list[dict]]:
    return yaml.safe_load(RESPONSES_PATH.read_text(encoding="utf-8"))["responses"]


def render(
    name: str,
    language: str | None,
    script: str | None,
    region: str | None,
    directory: Directory | None = None,
) -> str:
    """A response of content/responses/followup.yml in the texter's language and script, numbers filled in."""
    language = language if language in ("en", "yue", "cmn") else "en"
    variants = _responses()[name]
    chosen = next(
        (v for v in variants if any(c.get("value") == language for c in v.get("condition") or [])),
        next(v for v in variants if not v.get("condition")),
    )
    values = placeholder_values(directory or get_directory(), region, language)
    text = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), chosen["text"])
    return to_script(text, script, language)


# ----------------------------------------------------------------------------- check-ins


class CheckinStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def offer(
        self,
        conversation_id: str,
        *,
        channel: str,
        language: str | None,
        script: str | None,
        region: str | None,
    ) -> int:
        """Files an open offer (replacing an earlier open one); nothing is scheduled yet."""
        now = clock.naive_utc()
        with self._engine.begin() as conn:
            conn.execute(
                delete(checkins).where(
                    checkins.c.conversation_id == conversation_id, checkins.c.status == "offered"
                )
            )
            return conn.execute(
                insert(checkins).values(
                    conversation_id=conversation_id,
                    channel=channel,
                    language=language,
                    script=script,
                    region=region,
                    consented_at=now,  # the offer time until consent is given
                    due_at=now,
                    status="offered",
                )
            ).inserted_primary_key[0]

    def consent(self, conversation_id: str, after: dt.timedelta) -> dt.datetime | None:
        """The texter said yes to an open offer: schedules it; returns when (naive UTC), else None."""
        now = clock.naive_utc()
        with self._engine.begin() as conn:
            row = conn.execute(
                select(checkins.c.id, checkins.c.region)
                .where(
                    checkins.c.conversation_id == conversation_id,
                    checkins.c.status == "offered",
                    checkins.c.consented_at >= now - OFFER_OPEN,
                )
                .order_by(checkins.c.id.desc())
            ).first()
            if row is None:
                return None
            conn.execute(
                update(checkins)
                .where(checkins.c.conversation_id == conversation_id, checkins.c.status == "scheduled")
                .values(status="cancelled", skip_reason="replaced")
            )
            due = clock.naive_utc(checkin_due(clock.now(), after, row.region))
            conn.execute(
                update(checkins)
                .where(checkins.c.id == row.id)
                .values(status="scheduled", consented_at=now, due_at=due)
            )
        return due

    def cancel(self, conversation_id: str, reason: str = "texter") -> int:
        with self._engine.begin() as conn:
            return conn.execute(
                update(checkins)
                .where(
                    checkins.c.conversation_id == conversation_id,
                    checkins.c.status.in_(("offered", "scheduled")),
                )
                .values(status="cancelled", skip_reason=reason)
            ).rowcount

    def has_scheduled(self, conversation_id: str) -> bool:
        with self._engine.connect() as conn:
            return (
                conn.execute(
                    select(checkins.c.id).where(
                        checkins.c.conversation_id == conversation_id, checkins.c.status == "scheduled"
                    )
                ).first()
                is not None
            )

    def mark_answered(self, conversation_id: str) -> bool:
        """The texter wrote after a check-in was sent: it has done its work.

        Asked on every inbound message, nearly always with nothing sent: a read first, so the common
        case takes no write lock."""
        sent = (checkins.c.conversation_id == conversation_id) & (checkins.c.status == "sent")
        with self._engine.connect() as conn:
            if conn.execute(select(checkins.c.id).where(sent)).first() is None:
                return False
        with self._engine.begin() as conn:
            return bool(
                conn.execute(
                    update(checkins)
                    .where(checkins.c.conversation_id == conversation_id, checkins.c.status == "sent")
                    .values(status="answered", answered_at=clock.naive_utc())
                ).rowcount
            )

    def due(self, now: dt.datetime) -> list:
        with self._engine.connect() as conn:
            return conn.execute(
                select(checkins)
                .where(checkins.c.status == "scheduled", checkins.c.due_at <= clock.naive_utc(now))
                .order_by(checkins.c.due_at)
            ).all()

    def _take(self, checkin_id: int) -> bool:
        with self._engine.begin() as conn:
            return bool(
                conn.execute(
                    update(checkins)
                    .where(checkins.c.id == checkin_id, checkins.c.status == "scheduled")
                    .values(status="sending")
                ).rowcount
            )

    def _finish(self, checkin_id: int, status: str, reason: str | None = None) -> None:
        values: dict = {"status": status, "skip_reason": reason}
        if status == "sent":
            values["sent_at"] = clock.naive_utc()
        with self._engine.begin() as conn:
            conn.execute(update(checkins).where(checkins.c.id == checkin_id).values(**values))

    def get(self, checkin_id: int):
        with self._engine.connect() as conn:
            return conn.execute(select(checkins).where(checkins.c.id == checkin_id)).first()


def _erasure_requested(engine: Engine, conversation_id: str) -> bool:
    with engine.connect() as conn:
        return (
            conn.execute(
                select(erasure_requests.c.conversation_id).where(
                    erasure_requests.c.conversation_id == conversation_id
                )
            ).first()
            is not None
        )


def why_not_send(
    engine: Engine, contacts: ContactStore, conversation_id: str, now: dt.datetime
) -> str | None:
    """The reason a follow-up must not go out now, or None when it may."""
    contact = contacts.get(conversation_id)
    if contact is None or _erasure_requested(engine, conversation_id):
        return "erased"
    if contact.opted_out:
        return "opted_out"
    if contact.channel == "whatsapp" and (
        contact.last_inbound_at is None or clock.naive_utc(now) - contact.last_inbound_at > WHATSAPP_WINDOW
    ):
        return "whatsapp_window"
    return None


async def send_due_checkins(
    engine: Engine, sender: OutboundSender, contacts: ContactStore, now: dt.datetime | None = None
) -> dict[str, int]:
    """Sends every due check-in that may go out; marks the others skipped with the reason."""
    import asyncio

    now = now or clock.now()
    store = CheckinStore(engine)
    outcome: dict[str, int] = {}
    for row in await asyncio.to_thread(store.due, now):
        if not await asyncio.to_thread(store._take, row.id):
            continue  # another process took it
        reason = await asyncio.to_thread(why_not_send, engine, contacts, row.conversation_id, now)
        if reason is None:
            contact = await asyncio.to_thread(contacts.get, row.conversation_id)
            language = (contact.language if contact else None) or row.language
            script = (contact.script if contact else None) or row.script
            region = (contact.region if contact else None) or row.region
            text = render("utter_checkin", language, script, region)
            try:
                await sender.send(row.conversation_id, text)
            except OutboundRefused as refusal:
                reason = refusal.reason
            except Exception as error:  # noqa: BLE001 - a provider failure: recorded, never retried blindly
                reason = "send_failed"
                logger.warning("checkin.send_failed", extra={"error": type(error).__name__})
        status = "sent" if reason is None else "skipped"
        await asyncio.to_thread(store._finish, row.id, status, reason)
        key = status if reason is None else f"skipped:{reason}"
        outcome[key] = outcome.get(key, 0) + 1
        logger.info("checkin.done", extra={"conversation": row.conversation_id[:8], "status": key})
    return outcome


def register_jobs(engine: Engine, sender: OutboundSender, contacts: ContactStore) -> None:
    """The follow-up jobs, by name, on the shared scheduler."""

    async def checkins_job(now: dt.datetime) -> None:
        await send_due_checkins(engine, sender, contacts, now)

    register("checkins", every=CHECKIN_JOB_EVERY, run=checkins_job)


# ----------------------------------------------------------------------------- survey


class SurveyStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def asked(self, conversation_id: str, handoff_id: int, language: str | None) -> int:
        with self._engine.begin() as conn:
            return conn.execute(
                insert(surveys).values(
                    handoff_id=handoff_id,
                    conversation_id=conversation_id,
                    language=language,
                    asked_at=clock.naive_utc(),
                )
            ).inserted_primary_key[0]

    def answer(self, conversation_id: str, rating: int) -> bool:
        """Stores the rating on the conversation's open survey; False when none is open."""
        now = clock.naive_utc()
        with self._engine.begin() as conn:
            row = conn.execute(
                select(surveys.c.id)
                .where(
                    surveys.c.conversation_id == conversation_id,
                    surveys.c.rating.is_(None),
                    surveys.c.asked_at >= now - SURVEY_OPEN,
                )
                .order_by(surveys.c.id.desc())
            ).first()
            if row is None:
                return False
            conn.execute(update(surveys).where(surveys.c.id == row.id).values(rating=rating, answered_at=now))
        return True

    def is_open(self, conversation_id: str) -> bool:
        now = clock.naive_utc()
        with self._engine.connect() as conn:
            return (
                conn.execute(
                    select(surveys.c.id).where(
                        surveys.c.conversation_id == conversation_id,
                        surveys.c.rating.is_(None),
                        surveys.c.asked_at >= now - SURVEY_OPEN,
                    )
                ).first()
                is not None
            )


async def ask_survey(
    engine: Engine,
    sender: OutboundSender,
    contacts: ContactStore,
    conversation_id: str,
    handoff_id: int,
    directory: Directory | None = None,
    *,
    language: str | None = None,
    script: str | None = None,
    region: str | None = None,
) -> str:
    """Sends the survey question after a closed handoff: 'sent', or 'not_sent:<reason>'.

    In the contact's language and script, else the handoff's (`language`, `script`, `region`)."""
    import asyncio

    reason = await asyncio.to_thread(why_not_send, engine, contacts, conversation_id, clock.now())
    if reason:
        return f"not_sent:{reason}"
    contact = await asyncio.to_thread(contacts.get, conversation_id)
    assert contact is not None
    language = contact.language or language
    text = render("utter_survey_ask", language, contact.script or script, contact.region or region, directory)
    try:
        await sender.send(conversation_id, text)
    except OutboundRefused as refusal:
        return f"not_sent:{refusal.reason}"
    await asyncio.to_thread(SurveyStore(engine).asked, conversation_id, handoff_id, language)
    return "sent"


# ----------------------------------------------------------------------------- texter replies


def answer_followup(
    engine: Engine, conversation_id: str, text: str, checkin_after: dt.timedelta
) -> str | None:
    """Handles a texter's message that answers an open follow-up question.

    Returns the name of the response to send back (and the message goes no further), or None when
    the message is not such an answer (it goes to the assistant as usual). A reply after a sent
    check-in is marked answered and still goes to the assistant.
    """
    word = _normalise(text)
    rating = RATING.match(word)
    if rating and SurveyStore(engine).answer(conversation_id, int(rating.group(1))):
        return "utter_survey_thanks"
    store = CheckinStore(engine)
    if word in CONSENT_WORDS and store.consent(conversation_id, checkin_after) is not None:
        return "utter_checkin_confirmed"
    if word in CANCEL_WORDS and store.cancel(conversation_id):
        return "utter_checkin_cancelled"
    store.mark_answered(conversation_id)
    return None
