"""A Sanic app serving the real Twilio connector, with a scripted assistant in place of Rasa."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Sanic
from sanic_testing import TestManager

from channels.services import Services, build_services
from channels.twilio_channel import TwilioChannel
from dashboard.twilio_signing import inbound_form, new_message_sid, sign
from helpline.settings.config import Settings

WEBHOOK = "/webhooks/twilio/webhook"
STATUS = "/webhooks/twilio/status"


@dataclass
class ScriptedBot:
    """Stands in for Rasa: records each message and answers with `reply(message)`."""

    received: list[UserMessage] = field(default_factory=list)
    reply: Callable[[UserMessage], list[str]] = lambda message: [f"echo: {message.text}"]
    delay: float = 0.0
    late_reply: str | None = None
    error: Exception | None = None

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        if self.error:
            raise self.error
        for text in self.reply(message):
            await message.output_channel.send_text_message(message.sender_id, text)
        if self.delay:
            await asyncio.sleep(self.delay)
            if self.late_reply:
                await message.output_channel.send_text_message(message.sender_id, self.late_reply)


@dataclass
class Harness:
    app: Sanic
    bot: ScriptedBot
    services: Services
    settings: Settings

    def post(self, form: dict[str, str], signature: str | None = "auto", path: str = WEBHOOK, **kwargs):
        headers = {}
        if signature == "auto":
            signature = sign(self.settings.twilio_auth_token, self.settings.public_url + path, form)
        if signature is not None:
            headers["X-Twilio-Signature"] = signature
        _, response = self.app.test_client.post(path, data=form, headers=headers, **kwargs)
        return response

    def text(self, body: str, number: str = "+85291234567", channel: str = "sms", **extra: str):
        form = inbound_form(channel, number, body, extra.pop("sid", None) or new_message_sid())
        form.update(extra)
        return self.post(form)


def make_harness(services: Services, bot: ScriptedBot, budget: float = 5.0, name: str = "test") -> Harness:
    app = Sanic(name)
    channel = TwilioChannel(reply_budget_seconds=budget, services=services)
    app.blueprint(channel.blueprint(bot), url_prefix="/webhooks/twilio")
    TestManager(app)
    return Harness(app, bot, services, services.settings)


_counter = iter(range(1_000_000))


@pytest.fixture()
def services(settings: Settings) -> Services:
    return build_services(settings)


@pytest.fixture()
def harness(services: Services) -> Harness:
    return make_harness(services, ScriptedBot(), name=f"webhook{next(_counter)}")
