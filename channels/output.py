"""Output channels: collect the bot's answer for the webhook's TwiML, then fall back to outbound.

Twilio waits 15 s for a webhook. The connector answers with what the bot said so far once its reply
budget is spent; anything the bot says after that is not lost but sent through the outbound sender.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel

from helpline.content.script import to_script
from helpline.jobs.outbound import OutboundRefused, OutboundSender
from helpline.settings.logs import get_logger
from helpline.store.contacts import Contact, ContactStore

logger = get_logger("channels.output")

Render = Callable[[str], str]


def message_text(message: dict[str, Any]) -> str:
    """Plain text of a bot message; buttons become SMS-friendly numbered choices."""
    text = (message.get("text") or "").strip()
    buttons = message.get("buttons") or []
    if buttons:
        choices = "\n".join(f"{i}. {b.get('title', '')}" for i, b in enumerate(buttons, start=1))
        text = f"{text}\n{choices}".strip()
    return text


def render_for(contact: Contact) -> Render:
    """Puts a reply into the texter's script (Chinese replies are authored in one script each)."""
    return lambda text: to_script(text, contact.script, contact.language)


class OutboundOutput(OutputChannel):
    """Sends each bot message through the outbound sender (REST or the local outbox).

    With a fixed `render` the texter's script is known; without one it is looked up per recipient.
    """

    def __init__(
        self, sender: OutboundSender, render: Render | None = None, contacts: ContactStore | None = None
    ) -> None:
        self._sender = sender
        self._render = render
        self._contacts = contacts

    @classmethod
    def name(cls) -> str:
        return "twilio"

    async def _render_for(self, recipient_id: str) -> Render:
        if self._render is not None:
            return self._render
        contact = await asyncio.to_thread(self._contacts.get, recipient_id) if self._contacts else None
        if contact is None:
            return lambda text: text
        return render_for(contact)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        text = (await self._render_for(recipient_id))(message_text(message))
        if not text:
            return
        try:
            await self._sender.send(recipient_id, text)
        except OutboundRefused as refused:
            logger.warning("outbound.refused", extra={"reason": refused.reason})

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})


class WebhookReplyOutput(CollectingOutputChannel):
    """Collects replies for the TwiML answer until `seal()`; afterwards sends them outbound."""

    def __init__(self, outbound: OutboundOutput, render: Render) -> None:
        super().__init__()
        self._outbound = outbound
        self._render = render
        self._sealed = False

    @classmethod
    def name(cls) -> str:
        return "twilio"

    def seal(self) -> list[str]:
        """Stops collecting and returns the texts collected so far, rendered for the texter."""
        self._sealed = True
        return [text for text in (self._render(message_text(m)) for m in self.messages) if text]

    async def _persist_message(self, message: dict[str, Any]) -> None:
        """Every send_* method of the collecting channel ends here."""
        if self._sealed:
            await self._outbound.send_response(message["recipient_id"], message)
        else:
            self.messages.append(message)
