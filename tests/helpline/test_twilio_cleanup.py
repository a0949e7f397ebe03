"""Media and erased texters' records really leave Twilio: jobs run against a fake, stateful Twilio API."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

import httpx
import pytest
from sqlalchemy import insert

from helpline.jobs.erasure import erase_helpline_data
from helpline.jobs.twilio_cleanup import ERASE_GRACE, MAX_ATTEMPTS, TwilioCleanup, TwilioRest
from helpline.settings.crypto import Cipher, conversation_id
from helpline.store.contacts import ContactStore
from helpline.store.db import engine_for, outbox, utcnow
from tests.fake_twilio import ACCOUNT_SID, FakeTwilio

HELPLINE = "+85230000000"
TEXTER = "+85291234567"
OTHER = "+85261111111"
ZERO = dt.timedelta(0)


class Clock:
    """The cleanup's clock, moved ahead by the test: retries fall due when the test says, never by sleep."""

    def __init__(self) -> None:
        self.offset = dt.timedelta(0)

    def __call__(self) -> dt.datetime:
        return utcnow() + self.offset

    def advance(self, **kwargs: float) -> None:
        self.offset += dt.timedelta(**kwargs)


@dataclasses.dataclass
class World:
    fake: FakeTwilio
    cleanup: TwilioCleanup
    contacts: ContactStore
    engine: object
    clock: Clock
    secret: str


@pytest.fixture()
def world(settings) -> World:
    engine = engine_for(settings.database_url)
    cipher = Cipher(settings.secret_key)
    fake = FakeTwilio(settings.twilio_auth_token, page_size=2)  # small pages: pagination is exercised
    clock = Clock()
    rest = TwilioRest(ACCOUNT_SID, settings.twilio_auth_token, transport=fake.transport)
    cleanup = TwilioCleanup(engine, cipher, rest, clock=clock, background=False)  # the test runs the jobs
    yield World(fake, cleanup, ContactStore(engine, cipher), engine, clock, settings.secret_key)
    cleanup.stop()
    rest.close()


def logged(caplog, capfd) -> str:
    return caplog.text + capfd.readouterr().err


# --- media ----------------------------------------------------------------------------------------


def test_media_of_an_inbound_message_is_deleted_and_the_job_done(world: World, caplog, capfd) -> None:
    caplog.set_level(logging.DEBUG)
    image = world.fake.add_message(TEXTER, HELPLINE, media=3)
    media_sids = list(image.media)
    world.cleanup.queue_media(image.sid)
    assert world.cleanup.run_due() == 1
    assert world.fake.media_of(image.sid) == {}
    assert sorted(world.fake.deleted_media) == sorted(media_sids)
    assert image.sid in world.fake.messages  # only the media: the message record stays until erasure
    assert world.cleanup.pending() == []
    listings = [c for c in world.fake.calls if c.method == "GET"]
    assert len(listings) == 2  # three media over pages of two: next_page_uri was followed
    text = logged(caplog, capfd)
    assert "twilio_cleanup.media_deleted" in text
    assert image.sid not in text and not any(sid in text for sid in media_sids)
    assert TEXTER not in text


def test_media_deletion_survives_a_server_error_and_retries_later(world: World) -> None:
    image = world.fake.add_message(TEXTER, HELPLINE, media=1)
    world.fake.fail_once("GET", r"/Media\.json$", 500)
    world.cleanup.queue_media(image.sid)
    assert world.cleanup.run_due() == 0
    (job,) = world.cleanup.pending()
    assert job.attempts == 1 and world.fake.media_of(image.sid)  # not lost, not done
    assert world.cleanup.run_due() == 0  # not due again yet
    world.clock.advance(minutes=1)
    assert world.cleanup.run_due() == 1
    assert world.fake.media_of(image.sid) == {} and world.cleanup.pending() == []


def test_network_failure_and_media_already_gone(world: World) -> None:
    image = world.fake.add_message(TEXTER, HELPLINE, media=2)
    first = next(iter(image.media))
    world.fake.fail_once("DELETE", first, httpx.ConnectError)
    world.cleanup.queue_media(image.sid)
    world.cleanup.run_due()
    assert world.cleanup.pending()[0].last_error == "ConnectError"
    del image.media[first]  # deleted meanwhile (e.g. from the console): Twilio now answers 404
    world.clock.advance(minutes=1)
    assert world.cleanup.run_due() == 1
    assert world.fake.media_of(image.sid) == {}
    gone = world.fake.add_message(TEXTER, HELPLINE, media=1)
    del world.fake.messages[gone.sid]  # the whole message is gone: 404 on the media list
    world.cleanup.queue_media(gone.sid)
    assert world.cleanup.run_due() == 1 and world.cleanup.pending() == []


def test_wrong_credentials_are_retried_then_given_up_with_a_log(world: World, caplog, capfd) -> None:
    caplog.set_level(logging.DEBUG)
    image = world.fake.add_message(TEXTER, HELPLINE, media=1)
    world.fake.auth_token = "rotated"  # every call now answers 401
    world.cleanup.queue_media(image.sid)
    for _ in range(MAX_ATTEMPTS):
        world.cleanup.run_due()
        world.clock.advance(hours=2)
    assert world.cleanup.pending() == []
    text = logged(caplog, capfd)
    assert "twilio_cleanup.gave_up" in text and "http_401_20003" in text


def test_a_job_is_run_by_one_worker_only(world: World, settings) -> None:
    image = world.fake.add_message(TEXTER, HELPLINE, media=1)
    world.cleanup.queue_media(image.sid)
    (job,) = world.cleanup.pending()
    rest = TwilioRest(ACCOUNT_SID, world.fake.auth_token, transport=world.fake.transport)
    other = TwilioCleanup(world.engine, Cipher(world.secret), rest, clock=world.clock, background=False)
    assert other._claim(job, world.clock()) is True
    assert world.cleanup._claim(job, world.clock()) is False  # same row, already moved on


# --- erasure --------------------------------------------------------------------------------------


def texter_with_history(world: World, channel: str = "sms") -> tuple[str, str]:
    """A texter with 5 messages to and from the helpline (one with an image), one sent through REST."""
    cid = conversation_id(world.secret, channel, TEXTER)
    world.contacts.record_inbound(cid, channel, TEXTER)
    address = f"whatsapp:{TEXTER}" if channel == "whatsapp" else TEXTER
    helpline = f"whatsapp:{HELPLINE}" if channel == "whatsapp" else HELPLINE
    earlier = world.clock() - dt.timedelta(hours=3)
    world.fake.add_message(address, helpline, "he has my photos", created=earlier)
    world.fake.add_message(helpline, address, "I am here. Reply 1 ...", status="delivered", created=earlier)
    world.fake.add_message(address, helpline, "", media=2, created=earlier)
    world.fake.add_message(address, helpline, "delete my data", created=world.clock())
    rest_sent = world.fake.add_message(
        helpline, address, "A counsellor here", status="delivered", created=earlier
    )
    with world.engine.begin() as conn:
        conn.execute(
            insert(outbox).values(
                conversation_id=cid,
                channel=channel,
                body_cipher="x",
                status="delivered",
                twilio_sid=rest_sent.sid,
                created_at=earlier,
                updated_at=earlier,
            )
        )
    return cid, address


def test_delete_my_data_deletes_every_record_of_the_texter_at_twilio(world: World, caplog, capfd) -> None:
    caplog.set_level(logging.DEBUG)
    cid, address = texter_with_history(world)
    someone_else = world.fake.add_message(OTHER, HELPLINE, "unrelated", media=1)
    assert erase_helpline_data(world.engine, cid, twilio=True, twilio_after=ZERO) is True
    assert world.contacts.get(cid) is None  # the helpline's own copy is gone at once
    reply = world.fake.add_message(HELPLINE, address, "Done. We deleted...", status="sent")  # the TwiML reply
    assert world.cleanup.run_due() == 1
    assert world.fake.involving(address) == []
    assert len(world.fake.deleted_messages) == 6 and reply.sid in world.fake.deleted_messages  # 5 + the reply
    assert len(world.fake.deleted_media) == 2  # the image went first
    assert someone_else.sid in world.fake.messages and world.fake.media_of(someone_else.sid)
    assert world.cleanup.pending() == []  # and with the job, the last copy of the encrypted number
    filters = {tuple(sorted(set(c.params) & {"To", "From"})) for c in world.fake.calls if c.method == "GET"}
    assert {("To",), ("From",)} <= filters
    assert any("PageToken" in c.params for c in world.fake.calls)  # several pages of 2
    text = logged(caplog, capfd)
    assert "twilio_cleanup.records_erased" in text
    assert TEXTER not in text and "91234567" not in text and reply.sid not in text


def test_whatsapp_records_are_found_by_their_whatsapp_address(world: World) -> None:
    cid, address = texter_with_history(world, channel="whatsapp")
    sms_copy = world.fake.add_message(TEXTER, HELPLINE, "same number by SMS: another conversation")
    erase_helpline_data(world.engine, cid, twilio=True, twilio_after=ZERO)
    assert world.cleanup.run_due() == 1
    assert world.fake.involving(address) == []
    assert sms_copy.sid in world.fake.messages


def test_records_not_yet_complete_are_deleted_on_a_later_run(world: World) -> None:
    cid, address = texter_with_history(world)
    queued = world.fake.add_message(HELPLINE, address, "Done.", status="queued")
    sent = world.fake.add_message(HELPLINE, address, "Still here.", status="sent")
    world.fake.fail_once("DELETE", sent.sid, 409, 20009)  # Twilio: not complete, try again in a minute
    erase_helpline_data(world.engine, cid, twilio=True, twilio_after=ZERO)
    assert world.cleanup.run_due() == 0
    assert {m.sid for m in world.fake.involving(address)} == {queued.sid, sent.sid}
    (job,) = world.cleanup.pending()
    assert job.last_error == "http_409_20009"
    queued.status = "delivered"
    world.clock.advance(minutes=1)
    assert world.cleanup.run_due() == 1
    assert world.fake.involving(address) == [] and world.cleanup.pending() == []


def test_a_later_conversation_of_the_same_number_is_not_erased(world: World) -> None:
    cid, address = texter_with_history(world)
    later = world.fake.add_message(address, HELPLINE, "hi again", created=world.clock() + 2 * ERASE_GRACE)
    erase_helpline_data(world.engine, cid, twilio=True, twilio_after=ZERO)
    world.cleanup.run_due()
    assert [m.sid for m in world.fake.involving(address)] == [later.sid]


def test_erasure_waits_before_asking_twilio(world: World) -> None:
    cid, address = texter_with_history(world)
    erase_helpline_data(world.engine, cid, twilio=True)  # default: after Twilio's minute
    assert world.cleanup.run_due() == 0 and world.fake.calls == []
    world.clock.advance(minutes=2)
    assert world.cleanup.run_due() == 1 and world.fake.involving(address) == []


def test_without_twilio_nothing_is_filed(world: World) -> None:
    cid, _ = texter_with_history(world)
    assert erase_helpline_data(world.engine, cid) is False
    assert world.cleanup.pending() == [] and world.fake.calls == []


def test_the_worker_thread_runs_due_jobs_by_itself(settings) -> None:
    """Off the request path: queueing returns at once; the thread deletes the media."""
    fake = FakeTwilio(settings.twilio_auth_token)
    rest = TwilioRest(ACCOUNT_SID, settings.twilio_auth_token, transport=fake.transport)
    cleanup = TwilioCleanup(engine_for(settings.database_url), Cipher(settings.secret_key), rest)
    image = fake.add_message(TEXTER, HELPLINE, media=1)
    try:
        cleanup.queue_media(image.sid)
        assert cleanup.wait_until_idle(timeout=20)
        assert fake.media_of(image.sid) == {}
    finally:
        cleanup.stop()
