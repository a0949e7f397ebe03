"""The inbound pipeline is channel-agnostic: a new channel is an adapter that builds `IncomingMessage`s.

A toy "telegram" adapter (no wire format at all) gets the helpline's rules unchanged: replay protection,
the keyed id, media refusal, the language decision, HELP, and handoff bookkeeping after the turn.
"""

from __future__ import annotations

import itertools

from channels.pipeline import IncomingMessage, PipelineChannel
from helpline.settings.crypto import conversation_id
from tests.channels.conftest import ScriptedBot

_ids = itertools.count(1)


class ToyChannel(PipelineChannel):
    @classmethod
    def name(cls) -> str:
        return "toy"


def toy_message(text: str, address: str = "user-42", **extra) -> IncomingMessage:
    return IncomingMessage(
        channel="telegram", address=address, message_id=f"tg-{next(_ids)}", text=text, **extra
    )


async def test_a_new_channel_gets_every_rule_without_copying_any(services) -> None:
    channel = ToyChannel(services=services)
    bot = ScriptedBot()
    first = toy_message("hello")
    assert await channel.pipeline.handle(first, bot) == ["echo: hello"]
    assert await channel.pipeline.handle(first, bot) == []  # a replay is answered once
    received = bot.received[0]
    assert received.input_channel == "toy" and received.metadata["channel"] == "telegram"
    assert received.sender_id == conversation_id(services.settings.secret_key, "telegram", "user-42")

    with_image = await channel.pipeline.handle(toy_message("", has_media=True), bot)
    assert len(with_image) == 1 and with_image[0] != "echo: "  # refused kindly, never forwarded
    assert len(bot.received) == 1

    assert await channel.pipeline.handle(toy_message("有人要我俾錢，唔係就放我啲相上網"), bot)
    contact = services.contacts.get(received.sender_id)
    assert (contact.channel, contact.language, contact.script) == ("telegram", "yue", "Hant")

    help_reply = await channel.pipeline.handle(toy_message("HELP"), bot)
    assert len(help_reply) == 1 and not help_reply[0].startswith("echo")


async def test_after_the_turn_a_crisis_during_a_handoff_makes_it_urgent_on_any_channel(services) -> None:
    channel = ToyChannel(services=services)
    cid = conversation_id(services.settings.secret_key, "telegram", "user-7")
    services.contacts.record_inbound(cid, "telegram", "user-7")
    handoff = services.handoffs.open(
        cid, channel="telegram", priority="normal", reason="requested", summary={}
    )
    await channel.pipeline.handle(toy_message("i want to kill myself", address="user-7"), ScriptedBot())
    refreshed = services.handoffs.get(handoff.id)
    assert refreshed.priority == "urgent" and refreshed.last_message_at is not None


async def test_the_adapters_hooks_run_once_per_new_message(services) -> None:
    accepted: list[str] = []

    class Hooked(ToyChannel):
        async def on_accepted(self, message: IncomingMessage) -> None:
            accepted.append(message.message_id)

    channel = Hooked(services=services)
    message = toy_message("hi")
    await channel.pipeline.handle(message, ScriptedBot())
    await channel.pipeline.handle(message, ScriptedBot())
    assert accepted == [message.message_id]
