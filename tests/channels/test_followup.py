"""Check-ins (consent, sending rules, reply) and survey answers through the real Twilio connector."""

from __future__ import annotations

import asyncio
import datetime as dt
from xml.etree import ElementTree

import pytest
from sqlalchemy import inspect, select, update

from helpline.jobs.erasure import erase_helpline_data
from helpline.jobs.followup import CheckinStore, SurveyStore, register_jobs, send_due_checkins
from helpline.settings import clock
from helpline.settings.crypto import conversation_id
from helpline.store.db import checkins, contacts, outbox
from helpline.store.db import handoffs as handoffs_table
from helpline.store.scheduler import Scheduler, registered, unregister
from tests.channels.conftest import Harness

HK_NUMBER = "+85291234567"
UK_NUMBER = "+447700900123"
START = dt.datetime(2026, 3, 2, 4, 0, tzinfo=dt.timezone.utc)
AFTER = dt.timedelta(hours=20)


def messages(response) -> list[str]:
    return [m.text or "" for m in ElementTree.fromstring(response.text).iter("Message")]


@pytest.fixture(autouse=True)
def fixed_clock():
    with clock.frozen(START):
        yield


def conversation(harness: Harness, number: str = HK_NUMBER, channel: str = "sms") -> str:
    return conversation_id(harness.settings.secret_key, channel, number)


def offer(harness: Harness, number: str = HK_NUMBER, channel: str = "sms", language: str = "en") -> str:
    """The texter has written once, and the dialogue has offered the check-in."""
    harness.text("hello", number=number, channel=channel)
    conv = conversation(harness, number, channel)
    CheckinStore(harness.services.engine).offer(
        conv, channel=channel, language=language, script=None, region="HK"
    )
    return conv


def sent_texts(harness: Harness, conv: str) -> list[str]:
    return [r.text for r in harness.services.sender.history(conv)]


def run_job(harness: Harness) -> dict[str, int]:
    services = harness.services
    return asyncio.run(send_due_checkins(services.engine, services.sender, services.contacts))


def test_consent_schedules_one_check_in_sent_at_the_set_time(harness: Harness):
    conv = offer(harness)
    (reply,) = messages(harness.text("check"))
    assert (
        reply == "Thank you. We will send you one short message in about a day. To cancel it, reply NOCHECK."
    )
    assert [m.text for m in harness.bot.received] == ["hello"]  # the answer did not go to the assistant
    clock.advance(AFTER - dt.timedelta(minutes=1))
    assert run_job(harness) == {}
    clock.advance(dt.timedelta(minutes=1))
    assert run_job(harness) == {"sent": 1}
    assert sent_texts(harness, conv) == [
        "Hello, we are checking in as you asked. How are you doing? Reply here any time and we will carry on "
        "from where we left off. In danger now? Call 999."
    ]
    assert run_job(harness) == {}  # once only
    # Their reply re-opens the conversation: it goes to the assistant, and the check-in is answered.
    assert messages(harness.text("still scared")) == ["echo: still scared"]
    with harness.services.engine.connect() as conn:
        row = conn.execute(select(checkins)).one()
    assert row.status == "answered" and row.sent_at is not None and row.answered_at is not None


def test_consent_is_stored_without_any_message_text(harness: Harness):
    offer(harness)
    harness.text("CHECK")
    columns = {c["name"] for c in inspect(harness.services.engine).get_columns("checkins")}
    assert columns == {
        "id", "conversation_id", "channel", "language", "script", "region", "consented_at", "due_at",
        "status", "skip_reason", "sent_at", "answered_at",
    }  # fmt: skip


def test_check_in_in_cantonese_and_mandarin(harness: Harness):
    yue_number, cmn_number = "+85251234567", "+8613800138000"
    harness.text("我好驚呀，佢話要放我啲相上網", number=yue_number)
    harness.text("你好，我需要帮助", number=cmn_number)
    yue, cmn = conversation(harness, yue_number), conversation(harness, cmn_number)
    store = CheckinStore(harness.services.engine)
    store.offer(yue, channel="sms", language="yue", script="Hant", region="HK")
    store.offer(cmn, channel="sms", language="cmn", script="Hans", region="CN")
    (confirmed,) = messages(harness.text("CHECK", number=yue_number))
    assert confirmed == "多謝你。我哋大約一日後會發一個簡短訊息問候你。想取消請回覆 NOCHECK。"
    (confirmed,) = messages(harness.text("ＣＨＥＣＫ", number=cmn_number))  # full-width letters too
    assert confirmed == "谢谢你。我们大约一天后会发一条简短消息问候你。想取消请回复 NOCHECK。"
    clock.advance(AFTER)
    assert run_job(harness) == {"sent": 2}
    (cantonese,) = sent_texts(harness, yue)
    assert cantonese.startswith("你好，我哋應你要求嚟問候你。") and "999" in cantonese
    (mandarin,) = sent_texts(harness, cmn)
    assert mandarin.startswith("你好，我们按你的要求来问候你。") and "110" in mandarin


def test_no_consent_no_check_in_and_check_without_an_offer_is_an_ordinary_message(harness: Harness):
    harness.text("hello")
    assert messages(harness.text("check")) == ["echo: check"]
    conv = offer(harness)
    clock.advance(dt.timedelta(hours=25))  # the offer lapsed
    assert messages(harness.text("CHECK")) == ["echo: CHECK"]
    clock.advance(AFTER)
    assert run_job(harness) == {} and sent_texts(harness, conv) == []


def test_nocheck_cancels(harness: Harness):
    conv = offer(harness)
    harness.text("CHECK")
    (reply,) = messages(harness.text("nocheck"))
    assert reply == "OK, we will not send a check-in message. You can write here again any time."
    clock.advance(AFTER)
    assert run_job(harness) == {} and sent_texts(harness, conv) == []


def test_never_after_stop(harness: Harness):
    conv = offer(harness)
    harness.text("CHECK")
    harness.text("STOP")
    harness.text("START")  # even after opting back in, the check-in they had before STOP stays cancelled
    clock.advance(AFTER)
    assert run_job(harness) == {} and sent_texts(harness, conv) == []
    # Opted out by other means (no connector): the job still refuses.
    other = offer(harness, number="+85298765432")
    harness.text("CHECK", number="+85298765432")
    harness.services.contacts.set_opted_out(other, True)
    clock.advance(AFTER)
    assert run_job(harness) == {"skipped:opted_out": 1} and sent_texts(harness, other) == []


def test_never_after_they_asked_to_delete_their_data(harness: Harness):
    conv = offer(harness)
    harness.text("CHECK")
    erase_helpline_data(harness.services.engine, conv)
    clock.advance(AFTER)
    assert run_job(harness) == {}
    with harness.services.engine.connect() as conn:
        assert conn.execute(select(checkins)).all() == []
        assert conn.execute(select(outbox)).all() == []


def test_whatsapp_only_inside_the_24_hour_window(harness: Harness):
    inside = offer(harness, number=UK_NUMBER, channel="whatsapp")
    harness.text("CHECK", number=UK_NUMBER, channel="whatsapp")
    late_number = "+447700900456"
    late = offer(harness, number=late_number, channel="whatsapp")
    harness.text("CHECK", number=late_number, channel="whatsapp")
    # The second texter's check-in is due 30 hours after their last message: outside the window.
    with harness.services.engine.begin() as conn:
        conn.execute(
            update(checkins)
            .where(checkins.c.conversation_id == late)
            .values(due_at=clock.naive_utc() + dt.timedelta(hours=30))
        )
    clock.advance(AFTER)
    assert run_job(harness) == {"sent": 1}
    assert len(sent_texts(harness, inside)) == 1
    clock.advance(dt.timedelta(hours=10))
    assert run_job(harness) == {"skipped:whatsapp_window": 1}
    assert sent_texts(harness, late) == []
    # SMS has no such window.
    sms = offer(harness, number="+85261234567")
    harness.text("CHECK", number="+85261234567")
    with harness.services.engine.begin() as conn:
        conn.execute(
            update(contacts)
            .where(contacts.c.conversation_id == sms)
            .values(last_inbound_at=clock.naive_utc() - dt.timedelta(days=3))
        )
    clock.advance(AFTER)
    assert run_job(harness) == {"sent": 1}


def test_the_scheduler_job_sends_once_across_two_schedulers(harness: Harness):
    services = harness.services
    conv = offer(harness)
    harness.text("CHECK")
    register_jobs(services.engine, services.sender, services.contacts)
    try:
        assert "checkins" in registered()
        first, second = Scheduler(services.engine), Scheduler(services.engine)
        clock.advance(AFTER)

        async def both() -> list[list[str]]:
            return list(await asyncio.gather(first.run_due(), second.run_due()))

        ran = asyncio.run(both())
        # Other jobs another test registered may run too; the check-in job runs in exactly one scheduler.
        assert sorted(r.count("checkins") for r in ran) == [0, 1]
        assert len(sent_texts(harness, conv)) == 1
    finally:
        unregister("checkins")


def test_survey_rating_through_the_webhook(harness: Harness):
    harness.text("hello")
    conv = conversation(harness)
    SurveyStore(harness.services.engine).asked(conv, 1, "en")
    assert messages(harness.text("r3")) == ["Thank you for telling us. You can write here again any time."]
    assert harness.bot.received[-1].text == "hello"
    # Answered: a second "R3" and a bare digit are ordinary messages (menu choices stay menu choices).
    assert messages(harness.text("R3")) == ["echo: R3"]
    assert messages(harness.text("3")) == ["echo: 3"]
    # No survey open: "R2" is ordinary too.
    assert messages(harness.text("R2", number="+85291110000")) == ["echo: R2"]


def test_offer_answered_while_waiting_but_a_counsellors_conversation_keeps_the_words(harness: Harness):
    conv = offer(harness)
    handoffs = harness.services.handoffs
    waiting = handoffs.open(conv, channel="sms", priority="normal", reason="requested", summary={})
    (reply,) = messages(harness.text("CHECK"))
    assert reply.startswith("Thank you. We will send you one short message")
    with harness.services.engine.begin() as conn:
        conn.execute(update(handoffs_table).where(handoffs_table.c.id == waiting.id).values(status="claimed"))
    harness.text("NOCHECK")  # the counsellor reads it; it does not cancel anything by itself
    assert CheckinStore(harness.services.engine).has_scheduled(conv)


def test_erasure_keeps_the_rating_but_not_the_link_to_the_texter(harness: Harness):
    from helpline.store.db import surveys

    harness.text("hello")
    conv = conversation(harness)
    SurveyStore(harness.services.engine).asked(conv, 7, "en")
    harness.text("R5")
    erase_helpline_data(harness.services.engine, conv)
    with harness.services.engine.connect() as conn:
        row = conn.execute(select(surveys)).one()
    assert (row.rating, row.conversation_id, row.handoff_id) == (5, None, 7)
