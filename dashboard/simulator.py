"""`/simulator` (dev only): type as a texter; posts correctly signed Twilio webhooks to Rasa.

Signed-in dashboard users only: the page redirects to the sign-in, the API answers 401 without a
session, and a send must carry the session's CSRF header and a JSON body (a cross-site form post
cannot), since it can reach Rasa with a valid Twilio signature and read any texter's outbox.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from xml.etree import ElementTree

import httpx
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, validator

from dashboard.accounts import User
from dashboard.deps import api_user, json_body
from dashboard.pages import page_user
from dashboard.twilio_signing import inbound_form, new_message_sid, sign
from helpline.content.regions import get_regions
from helpline.jobs.outbound import OutboundSender
from helpline.settings.config import Settings
from helpline.settings.crypto import conversation_id

router = APIRouter()
PAGE = (Path(__file__).parent / "templates" / "simulator.html").read_text(encoding="utf-8")
WEBHOOK_PATH = "/webhooks/twilio/webhook"


class SimulatedMessage(BaseModel):
    channel: str = "sms"
    number: str
    text: str = ""
    with_image: bool = False
    message_sid: str | None = None  # resend an earlier sid to see replay protection

    @validator("channel")
    def known_channel(cls, value: str) -> str:  # noqa: N805 - pydantic validator
        if value not in ("sms", "whatsapp"):
            raise ValueError("channel must be sms or whatsapp")
        return value

    @validator("number")
    def e164(cls, value: str) -> str:  # noqa: N805 - pydantic validator
        value = value.replace(" ", "")
        if not value.startswith("+") or not value[1:].isdigit() or not 8 <= len(value) <= 16:
            raise ValueError("number must be in international form, e.g. +85291234567")
        return value


def twiml_messages(twiml: str) -> list[str]:
    if not twiml.strip():
        return []
    root = ElementTree.fromstring(twiml)
    return [element.text or "" for element in root.iter("Message")]


def _settings(request: Request) -> Settings:
    return request.app.state.settings


@router.get("/simulator", response_class=HTMLResponse)
def page(request: Request) -> str:
    page_user(request)  # signed out: to the sign-in page, and back here after
    return PAGE


@router.get("/simulator/api/numbers")
def numbers(user: User = Depends(api_user)) -> dict[str, str]:
    return get_regions().simulator_numbers  # content/regions.yml


@router.post("/simulator/api/send")
async def send(
    request: Request,
    user: User = Depends(api_user),  # a session, its CSRF header, a JSON body (in this order)
    message: SimulatedMessage = Depends(json_body(SimulatedMessage)),
) -> dict:
    settings = _settings(request)
    sid = message.message_sid or new_message_sid(with_media=message.with_image)
    media = ["https://api.twilio.com/simulated/Media/ME" + sid[2:]] if message.with_image else []
    form = inbound_form(message.channel, message.number, message.text, sid, media)
    signature = sign(settings.twilio_auth_token, settings.public_url + WEBHOOK_PATH, form)
    try:
        async with httpx.AsyncClient(timeout=20) as client:
            reply = await client.post(
                settings.rasa_url + WEBHOOK_PATH, data=form, headers={"X-Twilio-Signature": signature}
            )
    except httpx.HTTPError as error:
        raise HTTPException(502, f"the Rasa server did not answer: {type(error).__name__}") from error
    messages = twiml_messages(reply.text) if reply.status_code == 200 else []
    return {"status": reply.status_code, "message_sid": sid, "messages": messages, "twiml": reply.text}


@router.get("/simulator/api/outbox")
async def outbox(
    request: Request, channel: str, number: str, after: int = 0, user: User = Depends(api_user)
) -> list[dict]:
    settings = _settings(request)
    sender: OutboundSender = request.app.state.sender
    conversation = conversation_id(settings.secret_key, channel, number.replace(" ", ""))
    records = await asyncio.to_thread(sender.history, conversation, after)
    return [
        {"id": r.id, "text": r.text, "status": r.status, "at": r.created_at.isoformat() + "Z"}
        for r in records
    ]
