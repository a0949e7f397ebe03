"""Issue 13, follow-up end to end: the dialogue offers the check-in (actions/followup.py), the texter
answers CHECK or NOCHECK through the real signed Twilio webhook, and the scheduler sends the check-in at
the set time on the controlled clock, in English, Cantonese and Mandarin (Simplified and Traditional)."""

from __future__ import annotations

import asyncio
import datetime as dt
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from sqlalchemy import select

import actions.followup
import actions.safety
import actions.waiting
from helpline.jobs.followup import register_jobs
from helpline.settings import clock
from helpline.settings.crypto import conversation_id
from helpline.store.db import checkins
from helpline.store.handoffs import HandoffStore
from helpline.store.scheduler import Scheduler, unregister
from tests.actions.conversation import Conversation
from tests.channels.conftest import Harness

# Monday 2 March 2026, 04:00 UTC: noon in Hong Kong, Beijing and Taipei; 04:00 in London.
START = dt.datetime(2026, 3, 2, 4, 0, tzinfo=dt.timezone.utc)
AFTER = dt.timedelta(hours=20)  # HELPLINE_CHECKIN_AFTER_HOURS' default

TEXTERS = [
    # language, script, region, number, dating-scam words, confirmation, check-in's start, emergency
    pytest.param(
        "en",
        "Latn",
        "GB",
        "+447700900123",
        "i met her on a dating app and now she wants money",
        "Thank you. We will send you one short message in about a day. To cancel it, reply NOCHECK.",
        "Hello, we are checking in as you asked.",
        "999",
        id="en",
    ),
    pytest.param(
        "yue",
        "Hant",
        "HK",
        "+85291234567",
        "喺交友app識咗個女仔，而家佢問我攞錢",
        "多謝你。我哋大約一日後會發一個簡短訊息問候你。想取消請回覆 NOCHECK。",
        "你好，我哋應你要求嚟問候你。",
        "999",
        id="yue-Hant",
    ),
    pytest.param(
        "cmn",
        "Hans",
        "CN",
        "+8613800138000",
        "在交友软件认识的人现在问我要钱",
        "谢谢你。我们大约一天后会发一条简短消息问候你。想取消请回复 NOCHECK。",
        "你好，我们按你的要求来问候你。",
        "110",
        id="cmn-Hans",
    ),
    pytest.param(
        "cmn",
        "Hant",
        "TW",
        "+886912345678",
        "在交友軟體認識的人現在跟我要錢",
        "謝謝你。我們大約一天後會發一條簡短訊息問候你。想取消請回覆 NOCHECK。",
        "你好，我們按你的要求來問候你。",
        "110",
        id="cmn-Hant",
    ),
]


def messages(response) -> list[str]:
    return [m.text or "" for m in ElementTree.fromstring(response.text).iter("Message")]


@pytest.fixture(autouse=True)
def fixed_clock():
    with clock.frozen(START):
        yield


@pytest.fixture()
def dialogue_services(harness: Harness, monkeypatch):
    """The actions use the connector's database (as they do in production, through the same URL)."""
    engine = harness.services.engine
    found = SimpleNamespace(engine=engine, handoffs=HandoffStore(engine), contacts=harness.services.contacts)
    for module in (actions.followup, actions.safety, actions.waiting):
        monkeypatch.setattr(module, "get_action_services", lambda: found)
    return found


@pytest.fixture()
def scheduler(harness: Harness):
    services = harness.services
    register_jobs(services.engine, services.sender, services.contacts)
    yield Scheduler(services.engine)
    unregister("checkins")


def start(harness: Harness, services, language, script, region, number, words) -> Conversation:
    """The texter's first message reaches the connector; the dialogue takes the dating-scam path."""
    harness.text(words, number=number)
    conv = conversation_id(harness.settings.secret_key, "sms", number)
    return Conversation(services, region=region, language=language, script=script, sender_id=conv)


async def to_the_last_step(texter: Conversation, words: str) -> list[list[str]]:
    turns = [await texter.send(words, "dating_scam")]
    for _ in range(3):
        turns.append(await texter.send("1"))
    return turns


def sent(harness: Harness, conv: str) -> list[str]:
    return [record.text for record in harness.services.sender.history(conv)]


@pytest.mark.parametrize(
    ("language", "script", "region", "number", "words", "confirmed", "greeting", "emergency"), TEXTERS
)
def test_offered_at_the_end_of_the_path_consent_then_sent_at_the_set_time(
    harness,
    dialogue_services,
    scheduler,
    language,
    script,
    region,
    number,
    words,
    confirmed,
    greeting,
    emergency,
):
    texter = start(harness, dialogue_services, language, script, region, number, words)
    turns = asyncio.run(to_the_last_step(texter, words))
    # Asked once, with the last step, after it (the step's menu stays open); never before.
    assert turns[-1] == ["utter_dating_report", "utter_checkin_offer"]
    assert not any("utter_checkin_offer" in turn for turn in turns[:-1])
    assert texter.slots["menu"] == "utter_dating_report" and texter.slots["checkin_offer"] == "offered"
    with harness.services.engine.connect() as conn:
        row = conn.execute(select(checkins)).one()
    assert (row.status, row.channel, row.language, row.script, row.region) == (
        "offered",
        "sms",
        language,
        script,
        region,
    )
    # CHECK through the signed webhook: consent, in the texter's language and script.
    assert messages(harness.text("CHECK", number=number)) == [confirmed]
    # Set HELPLINE_CHECKIN_AFTER_HOURS later, moved out of the night in their time zone (London: 21:00
    # the evening before, as 00:00 is too late and 08:00 would leave WhatsApp's window).
    with harness.services.engine.connect() as conn:
        due = conn.execute(select(checkins.c.due_at)).scalar_one()
    expected = {"GB": dt.datetime(2026, 3, 2, 21, 0)}.get(region, dt.datetime(2026, 3, 3, 0, 0))
    assert due == expected
    # Nothing before the set time; then exactly one check-in, in their language, with the emergency number.
    clock.set_now(due.replace(tzinfo=dt.timezone.utc) - dt.timedelta(minutes=2))
    asyncio.run(scheduler.run_due())
    assert sent(harness, texter.sender_id) == []
    clock.advance(dt.timedelta(minutes=3))
    assert asyncio.run(scheduler.run_due()) == ["checkins"]
    (checkin,) = sent(harness, texter.sender_id)
    assert checkin.startswith(greeting) and emergency in checkin
    clock.advance(dt.timedelta(minutes=5))
    asyncio.run(scheduler.run_due())
    assert len(sent(harness, texter.sender_id)) == 1  # once only
    # Going through the path again does not ask again.
    again = asyncio.run(to_the_last_step(texter, words))
    assert not any("utter_checkin_offer" in turn for turn in again)


@pytest.mark.parametrize(
    ("language", "script", "region", "number", "words", "confirmed", "greeting", "emergency"), TEXTERS
)
def test_nocheck_refuses_and_nothing_is_sent(
    harness,
    dialogue_services,
    scheduler,
    language,
    script,
    region,
    number,
    words,
    confirmed,
    greeting,
    emergency,
):
    texter = start(harness, dialogue_services, language, script, region, number, words)
    asyncio.run(to_the_last_step(texter, words))
    (cancelled,) = messages(harness.text("NOCHECK", number=number))
    assert cancelled != confirmed and "NOCHECK" not in cancelled
    with harness.services.engine.connect() as conn:
        assert conn.execute(select(checkins.c.status)).scalar_one() == "cancelled"
    clock.advance(AFTER + dt.timedelta(hours=1))
    asyncio.run(scheduler.run_due())
    assert sent(harness, texter.sender_id) == []
    # Without a reply at all nothing is sent either, and a later CHECK is an ordinary message.
    assert harness.bot.received[-1].text != "NOCHECK"


def test_no_answer_means_no_check_in(harness, dialogue_services, scheduler):
    texter = start(harness, dialogue_services, "en", "Latn", "GB", "+447700900999", "she wants money")
    asyncio.run(to_the_last_step(texter, "she wants money"))
    clock.advance(AFTER * 2)
    asyncio.run(scheduler.run_due())
    assert sent(harness, texter.sender_id) == []
    assert messages(harness.text("CHECK", number="+447700900999")) == ["echo: CHECK"]  # the offer lapsed
