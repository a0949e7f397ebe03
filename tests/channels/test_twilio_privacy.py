"""Through the signed webhook with Twilio configured (a fake API): media and erased records leave Twilio."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest

from channels.services import build_services
from channels.twilio_channel import TwilioChannel
from dashboard.twilio_signing import HELPLINE_NUMBER, inbound_form
from helpline.jobs.erasure import erase_helpline_data
from helpline.settings.crypto import conversation_id
from tests.channels.conftest import ScriptedBot, make_harness
from tests.fake_twilio import ACCOUNT_SID, FakeTwilio

NUMBER = "+85291234567"
IDLE_TIMEOUT = 30.0  # an upper bound for a failing run; a passing one returns as soon as the work is done


def replies(response) -> list[str]:
    assert response.status == 200, response.text
    return [element.text or "" for element in ElementTree.fromstring(response.text).iter("Message")]


@pytest.fixture()
def fake(settings) -> FakeTwilio:
    return FakeTwilio(settings.twilio_auth_token)


@pytest.fixture()
def live_services(settings, fake):
    configured = dataclasses.replace(settings, twilio_account_sid=ACCOUNT_SID)
    services = build_services(configured, twilio_transport=fake.transport)
    yield services
    services.twilio_cleanup.stop()


def media_form(mms, count: int, body: str = "") -> dict[str, str]:
    urls = [
        f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{mms.sid}/Media/{media_sid}"
        for media_sid in mms.media
    ][:count]
    return inbound_form("sms", NUMBER, body, mms.sid, media_urls=urls)


def test_an_mms_gets_the_refusal_and_its_media_is_deleted_at_twilio(live_services, fake) -> None:
    harness = make_harness(live_services, ScriptedBot(), name="mms_deleted")
    mms = fake.add_message(NUMBER, HELPLINE_NUMBER, "", media=2)
    fake.gate.clear()  # Twilio is slow today: the webhook must not wait for it
    try:
        (refusal,) = replies(harness.post(media_form(mms, 2)))
    finally:
        fake.gate.set()
    assert "photos or videos" in refusal
    assert harness.bot.received == []
    assert live_services.twilio_cleanup.wait_until_idle(IDLE_TIMEOUT)
    assert fake.media_of(mms.sid) == {} and len(fake.deleted_media) == 2
    assert mms.sid in fake.messages  # the record of the text stays (until "delete my data")
    # Never downloaded: only the API's .json resources were called, never a media URL itself.
    assert fake.calls and all(call.path.endswith(".json") for call in fake.calls)


def test_text_with_an_image_is_answered_and_the_image_deleted(live_services, fake) -> None:
    harness = make_harness(live_services, ScriptedBot(), name="mms_with_text")
    mms = fake.add_message(NUMBER, HELPLINE_NUMBER, "he sent me this", media=1)
    answer = replies(harness.post(media_form(mms, 1, body="he sent me this")))
    assert "photos or videos" in answer[0] and answer[1] == "echo: he sent me this"
    assert live_services.twilio_cleanup.wait_until_idle(IDLE_TIMEOUT)
    assert fake.media_of(mms.sid) == {}


def test_media_from_an_opted_out_texter_is_deleted_too(live_services, fake) -> None:
    harness = make_harness(live_services, ScriptedBot(), name="mms_opted_out")
    harness.text("STOP", number=NUMBER)
    mms = fake.add_message(NUMBER, HELPLINE_NUMBER, "", media=1)
    assert replies(harness.post(media_form(mms, 1))) == []
    assert live_services.twilio_cleanup.wait_until_idle(IDLE_TIMEOUT)
    assert fake.media_of(mms.sid) == {}


def test_without_twilio_media_is_refused_and_nothing_is_called(services, fake) -> None:
    assert services.twilio_cleanup is None
    harness = make_harness(services, ScriptedBot(), name="mms_dev")
    mms = fake.add_message(NUMBER, HELPLINE_NUMBER, "", media=1)
    assert "photos or videos" in replies(harness.post(media_form(mms, 1)))[0]
    assert fake.calls == []


async def test_delete_my_data_through_the_webhook_erases_the_texters_records_at_twilio(
    live_services, fake
) -> None:
    cid = conversation_id(live_services.settings.secret_key, "sms", NUMBER)
    earlier = [
        fake.add_message(NUMBER, HELPLINE_NUMBER, "he wants money"),
        fake.add_message(HELPLINE_NUMBER, NUMBER, "Do not pay. Reply 1 ...", status="delivered"),
        fake.add_message(NUMBER, HELPLINE_NUMBER, "", media=1),
    ]
    other = fake.add_message("+85262222222", HELPLINE_NUMBER, "someone else")
    store = SimpleNamespace(store={cid: "serialised tracker"})

    def action_server_erases(message):  # what ActionMenuChoice does on "1" after the confirm question
        assert erase_helpline_data(
            live_services.engine, message.sender_id, twilio=True, twilio_after=dt.timedelta(0)
        )
        return ["Done."]

    channel = TwilioChannel(services=live_services)
    inbound = fake.add_message(NUMBER, HELPLINE_NUMBER, "1")
    form = inbound_form("sms", NUMBER, "1", inbound.sid)
    assert await channel._handle(form, ScriptedBot(reply=action_server_erases), store) == ["Done."]
    assert store.store == {}  # the tracker
    assert live_services.twilio_cleanup.wait_until_idle(IDLE_TIMEOUT)
    assert fake.involving(NUMBER) == []
    assert {m.sid for m in earlier} | {inbound.sid} <= set(fake.deleted_messages)
    assert other.sid in fake.messages


def test_a_replayed_mms_is_not_queued_twice(live_services, fake) -> None:
    harness = make_harness(live_services, ScriptedBot(), name="mms_replay")
    mms = fake.add_message(NUMBER, HELPLINE_NUMBER, "", media=1)
    form = media_form(mms, 1)
    fake.gate.clear()
    try:
        replies(harness.post(form))
        assert replies(harness.post(form)) == []
        assert len([job for job in live_services.twilio_cleanup.pending() if job.message_sid == mms.sid]) == 1
    finally:
        fake.gate.set()
    assert live_services.twilio_cleanup.wait_until_idle(IDLE_TIMEOUT)
    assert fake.media_of(mms.sid) == {}


def test_jobs_left_by_a_restart_run_when_the_server_starts(settings, fake) -> None:
    """A job filed before the restart (here: by the action server) needs no new message to run."""
    configured = dataclasses.replace(settings, twilio_account_sid=ACCOUNT_SID)
    services = build_services(configured, twilio_transport=fake.transport)
    try:
        services.contacts.record_inbound(conversation_id(settings.secret_key, "sms", NUMBER), "sms", NUMBER)
        fake.add_message(NUMBER, HELPLINE_NUMBER, "old message")
        cid = conversation_id(settings.secret_key, "sms", NUMBER)
        erase_helpline_data(services.engine, cid, twilio=True, twilio_after=dt.timedelta(0))
        harness = make_harness(services, ScriptedBot(), name="restarted")
        _, response = harness.app.test_client.get("/webhooks/twilio/")  # the server starts; no texter message
        assert response.status == 200
        assert services.twilio_cleanup.wait_until_idle(IDLE_TIMEOUT)
        assert fake.involving(NUMBER) == []
    finally:
        services.twilio_cleanup.stop()
