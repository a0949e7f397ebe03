"""Builds and signs Twilio webhook requests exactly as Twilio does (used by the dev simulator)."""

from __future__ import annotations

import secrets

from twilio.request_validator import RequestValidator

HELPLINE_NUMBER = "+85230000000"


def new_message_sid(with_media: bool = False) -> str:
    """A fresh 34-character sid: `MM...` for media messages, `SM...` otherwise."""
    return ("MM" if with_media else "SM") + secrets.token_hex(16)


def inbound_form(
    channel: str, number: str, text: str, message_sid: str, media_urls: list[str] | None = None
) -> dict[str, str]:
    """The form fields Twilio posts for an inbound SMS or WhatsApp message."""
    prefix = "whatsapp:" if channel == "whatsapp" else ""
    media_urls = media_urls or []
    form = {
        "MessageSid": message_sid,
        "SmsSid": message_sid,
        "AccountSid": "AC" + "0" * 32,
        "From": prefix + number,
        "To": prefix + HELPLINE_NUMBER,
        "Body": text,
        "NumMedia": str(len(media_urls)),
        "NumSegments": "1",
        "ApiVersion": "2010-04-01",
    }
    if channel == "whatsapp":
        form["WaId"] = number.lstrip("+")
        form["ProfileName"] = "Simulated texter"
    for index, url in enumerate(media_urls):
        form[f"MediaUrl{index}"] = url
        form[f"MediaContentType{index}"] = "image/jpeg"
    return form


def sign(auth_token: str, url: str, form: dict[str, str]) -> str:
    """The X-Twilio-Signature for posting `form` to `url`."""
    return RequestValidator(auth_token).compute_signature(url, form)
