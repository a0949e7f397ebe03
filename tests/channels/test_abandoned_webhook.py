"""A webhook abandoned half-way (the proxy or Twilio hung up, the replica is stopping) loses no message.

Before Rasa has the message its MessageSid claim is forgotten, so the proxy's retry on the other
replica is handled instead of being dropped as a replay; once Rasa has it, the turn goes on and what it
says goes out through the outbound sender. Every wait here is for a condition, never a duration.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from channels.twilio_channel import TwilioChannel
from dashboard.twilio_signing import inbound_form, new_message_sid
from helpline.settings.crypto import conversation_id
from tests.channels.conftest import ScriptedBot
from tests.conditions import until

HK_NUMBER = "+85291234567"


def history(services, number: str = HK_NUMBER) -> list[str]:
    sender_id = conversation_id(services.settings.secret_key, "sms", number)
    return [record.text for record in services.sender.history(sender_id)]


async def test_abandoned_while_rasa_has_the_message_sends_the_replies_outbound(services) -> None:
    released = asyncio.Event()

    class HeldBot(ScriptedBot):
        async def __call__(self, message) -> None:
            self.received.append(message)
            await message.output_channel.send_text_message(message.sender_id, "first")
            await released.wait()
            await message.output_channel.send_text_message(message.sender_id, "second")

    bot = HeldBot()
    channel = TwilioChannel(reply_budget_seconds=600, services=services)
    form = inbound_form("sms", HK_NUMBER, "hi", new_message_sid())
    webhook = asyncio.ensure_future(channel._handle(form, bot))
    await until(lambda: bot.received, "the assistant received the message")
    webhook.cancel()  # the proxy hung up
    await until(webhook.done, "the webhook ended")
    assert webhook.cancelled()
    await until(lambda: history(services) == ["first"], "what was collected went out through the sender")
    released.set()
    await until(lambda: history(services) == ["first", "second"], "the turn went on and was sent")
    # The message was Rasa's: a retry of it is a replay, never a second turn.
    assert await channel._handle(form, bot) == []
    assert len(bot.received) == 1


async def test_abandoned_before_rasa_forgets_the_claim_so_the_retry_is_answered(services) -> None:
    accepted = asyncio.Event()
    go_on = asyncio.Event()
    channel = TwilioChannel(reply_budget_seconds=600, services=services)
    hook: Callable[..., Awaitable[None]] = channel.pipeline._on_accepted

    async def slow_hook(message) -> None:
        accepted.set()  # the claim is written: the message is being received
        await go_on.wait()
        await hook(message)

    channel.pipeline._on_accepted = slow_hook
    bot = ScriptedBot()
    form = inbound_form("sms", HK_NUMBER, "help me", new_message_sid())
    first_try = asyncio.ensure_future(channel._handle(form, bot))
    await accepted.wait()
    first_try.cancel()  # the replica is stopping
    await until(first_try.done, "the first try ended")
    go_on.set()
    dedup = services.dedup
    sid = form["MessageSid"]

    def claim_forgotten() -> bool:
        if dedup.claim(sid):  # free again: take it back out, as the retry will claim it itself
            dedup.release(sid)
            return True
        return False

    await until(claim_forgotten, "the abandoned claim was forgotten")
    channel.pipeline._on_accepted = hook
    assert await channel._handle(form, bot) == ["echo: help me"]  # the proxy's retry, answered
    assert [message.text for message in bot.received] == ["help me"]


async def test_a_webhook_left_alone_keeps_its_claim(services) -> None:
    """The ordinary path is unchanged: an answered message stays claimed, its replay gets nothing."""
    channel = TwilioChannel(reply_budget_seconds=600, services=services)
    bot = ScriptedBot()
    form = inbound_form("sms", HK_NUMBER, "hi", new_message_sid())
    assert await channel._handle(form, bot) == ["echo: hi"]
    assert await channel._handle(form, bot) == []
    assert history(services) == []
