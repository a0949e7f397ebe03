"""What the pipeline adds to a turn on any channel: the media refusal only while the whole turn fits three
SMS segments, the number's time zone for deadlines, and a deadline stated while a counsellor holds the
conversation (the assistant is paused then, so no slot carries it to the handoff)."""

from __future__ import annotations

import itertools

from sqlalchemy import insert

from channels.pipeline import IncomingMessage, PipelineChannel
from helpline.content.sms import segments
from helpline.settings.crypto import conversation_id
from helpline.store.db import users, utcnow
from tests.channels.conftest import ScriptedBot

_ids = itertools.count(1)


class PhoneChannel(PipelineChannel):
    @classmethod
    def name(cls) -> str:
        return "phone"


def sms(text: str, address: str, **extra) -> IncomingMessage:
    return IncomingMessage(channel="sms", address=address, message_id=f"ph-{next(_ids)}", text=text, **extra)


def a_counsellor(services) -> int:
    with services.engine.begin() as conn:
        return conn.execute(
            insert(users).values(
                email="counsellor@example.org",
                display_name="counsellor",
                password_hash="not-a-real-hash",
                role="counsellor",
                available=True,
                active=True,
                created_at=utcnow(),
            )
        ).inserted_primary_key[0]


LONG_ANSWER = ("Please call the crisis line now. " * 13).strip()  # 3 GSM-7 segments on its own


async def test_a_photo_with_a_short_question_gets_the_refusal_and_the_answer(services) -> None:
    channel = PhoneChannel(services=services)
    turn = await channel.pipeline.handle(sms("what do i do", "+85291230101", has_media=True), ScriptedBot())
    assert len(turn) == 2 and turn[1] == "echo: what do i do"
    assert sum(segments(text) for text in turn) <= 3


async def test_a_photo_with_a_crisis_keeps_the_whole_answer_and_leaves_the_refusal_out(services) -> None:
    assert segments(LONG_ANSWER) == 3
    bot = ScriptedBot(reply=lambda message: [LONG_ANSWER])
    channel = PhoneChannel(services=services)
    turn = await channel.pipeline.handle(sms("i want to die", "+85291230102", has_media=True), bot)
    assert turn == [LONG_ANSWER]


async def test_a_photo_alone_is_still_refused(services) -> None:
    channel = PhoneChannel(services=services)
    bot = ScriptedBot()
    turn = await channel.pipeline.handle(sms("", "+85291230103", has_media=True), bot)
    assert len(turn) == 1 and not turn[0].startswith("echo") and not bot.received


async def test_the_numbers_own_time_zone_reaches_the_dialogue(services) -> None:
    channel = PhoneChannel(services=services)
    bot = ScriptedBot()
    await channel.pipeline.handle(sms("hello", "+14155550123"), bot)
    await channel.pipeline.handle(sms("hello", "+85291230104"), bot)
    assert bot.received[0].metadata["timezone"] == "America/Los_Angeles"
    assert bot.received[1].metadata["timezone"] == "Asia/Hong_Kong"


async def test_a_deadline_stated_to_a_counsellor_reaches_the_claimed_handoff(services) -> None:
    number = "+85291230105"
    cid = conversation_id(services.settings.secret_key, "sms", number)
    services.contacts.record_inbound(cid, "sms", number)
    handoff = services.handoffs.open(cid, channel="sms", priority="normal", reason="requested", summary={})
    assert services.handoffs.claim(handoff.id, a_counsellor(services))
    channel = PhoneChannel(services=services)
    await channel.pipeline.handle(
        sms("he says i have 2 hours to pay", number), ScriptedBot(reply=lambda m: [])
    )
    refreshed = services.handoffs.get(handoff.id)
    assert refreshed.deadline_at is not None
    assert refreshed.priority == "high"  # a deadline within hours raises a normal handoff
