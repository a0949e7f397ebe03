"""The connector during a handoff (holding messages, escalation) and after an erasure request."""

from __future__ import annotations

from types import SimpleNamespace

from channels.twilio_channel import TwilioChannel
from dashboard.twilio_signing import inbound_form, new_message_sid
from helpline.jobs.erasure import erase_helpline_data
from helpline.settings.crypto import conversation_id
from tests.channels.conftest import ScriptedBot

NUMBER = "+85291234567"


def paused_bot() -> ScriptedBot:
    """Rasa says nothing while the conversation is paused."""
    return ScriptedBot(reply=lambda message: [])


def open_handoff(services, priority: str = "normal") -> int:
    cid = conversation_id(services.settings.secret_key, "sms", NUMBER)
    services.contacts.record_inbound(cid, "sms", NUMBER)
    return services.handoffs.open(cid, channel="sms", priority=priority, reason="requested", summary={}).id


async def send(channel: TwilioChannel, bot: ScriptedBot, text: str, tracker_store=None) -> list[str]:
    return await channel._handle(inbound_form("sms", NUMBER, text, new_message_sid()), bot, tracker_store)


async def test_a_silent_turn_while_waiting_still_gets_the_lines_every_time(services) -> None:
    """While a handoff waits the assistant answers itself; if it ever says nothing, the texter still
    hears that a person will reply and the 24-hour line (never silence)."""
    handoff_id = open_handoff(services)
    channel = TwilioChannel(services=services)
    for text in ("hello? anyone", "still there?"):
        (reply,) = await send(channel, paused_bot(), text)
        assert "2896 0000" in reply and "counsellor" in reply
    assert services.handoffs.get(handoff_id).last_message_at is not None


async def test_the_holding_notice_gives_the_same_honest_wait_as_the_assistant(services) -> None:
    """Issue 13's gap: the holding notice had the lines but no wait time. Nobody on duty at night: the
    next opening; a counsellor on duty: the usual minutes; in Cantonese too. Never a raw placeholder."""
    import datetime as dt

    from sqlalchemy import insert

    from helpline.settings import clock
    from helpline.store.availability import wait_sentence
    from helpline.store.db import users

    open_handoff(services)
    channel = TwilioChannel(services=services)
    night = dt.datetime(2026, 3, 2, 16, 0, tzinfo=dt.timezone.utc)  # Monday, midnight in Hong Kong
    with clock.frozen(night):
        _, wait = wait_sentence("HK", "en", engine=services.engine)
        (reply,) = await send(channel, paused_bot(), "hello? anyone")
    assert wait in reply and "2896 0000" in reply and "{" not in reply
    assert "No counsellor is on duty now" in reply
    with services.engine.begin() as conn:
        conn.execute(
            insert(users).values(
                email="c@example.org",
                display_name="C",
                password_hash="x",
                role="counsellor",
                available=True,
                active=True,
                created_at=clock.naive_utc(),
            )
        )
    (reply,) = await send(channel, paused_bot(), "你哋有冇人喺度呀")
    assert "15分鐘" in reply and "2896 0000" in reply, reply


async def test_the_assistants_answer_while_waiting_gets_no_extra_holding_message(services) -> None:
    open_handoff(services)
    bot = ScriptedBot(reply=lambda message: ["Step 1: stop replying to them."])
    channel = TwilioChannel(services=services)
    assert await send(channel, bot, "1") == ["Step 1: stop replying to them."]
    assert bot.received[-1].metadata["handoff"] == "waiting"


async def test_the_assistant_is_told_when_a_counsellor_holds_the_conversation(services) -> None:
    handoff_id = open_handoff(services)
    services.handoffs.claim(handoff_id, user_id=None)
    bot = paused_bot()
    await send(TwilioChannel(services=services), bot, "hello")
    assert bot.received[-1].metadata["handoff"] == "claimed"


async def test_claimed_conversation_gets_no_holding_message(services) -> None:
    handoff_id = open_handoff(services)
    services.handoffs.claim(handoff_id, user_id=None)
    assert await send(TwilioChannel(services=services), paused_bot(), "hello") == []


async def test_crisis_signal_during_a_handoff_makes_it_urgent(services) -> None:
    handoff_id = open_handoff(services, priority="normal")
    await send(TwilioChannel(services=services), paused_bot(), "i cant do this anymore i want to kill myself")
    handoff = services.handoffs.get(handoff_id)
    assert (handoff.priority, handoff.reason) == ("urgent", "crisis")


async def test_erasure_purges_the_tracker_after_the_turn(services) -> None:
    cid = conversation_id(services.settings.secret_key, "sms", NUMBER)
    store = SimpleNamespace(store={cid: "serialised tracker", "someone-else": "kept"})

    def erase_during_turn(message):
        erase_helpline_data(services.engine, message.sender_id)
        return ["Deleted."]

    replies = await send(TwilioChannel(services=services), ScriptedBot(reply=erase_during_turn), "1", store)
    assert replies == ["Deleted."]
    assert store.store == {"someone-else": "kept"}
    assert services.contacts.get(cid) is None


async def test_crisis_seen_by_the_classifier_during_a_handoff_makes_it_urgent(services) -> None:
    """Words the lexicon does not know, but Rasa's parse of the paused message flags as a crisis."""
    handoff_id = open_handoff(services, priority="normal")
    parsed = SimpleNamespace(parse_data={"triage": {"crisis": True}}, intent={"name": "self_harm"})

    class Store:
        async def retrieve(self, sender_id):
            return SimpleNamespace(latest_message=parsed)

    await send(TwilioChannel(services=services), paused_bot(), "there is no point to any of it now", Store())
    assert services.handoffs.get(handoff_id).priority == "urgent"


async def test_an_ordinary_message_during_a_handoff_does_not_escalate(services) -> None:
    handoff_id = open_handoff(services, priority="normal")
    parsed = SimpleNamespace(parse_data={"triage": {"crisis": False}}, intent={"name": "greet"})

    class Store:
        async def retrieve(self, sender_id):
            return SimpleNamespace(latest_message=parsed)

    await send(TwilioChannel(services=services), paused_bot(), "hello are you there", Store())
    assert services.handoffs.get(handoff_id).priority == "normal"
