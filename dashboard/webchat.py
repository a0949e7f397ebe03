"""The discreet web chat's public surface: `GET /chat` and its small JSON API.

The page (templates/chat.html, static/chat.js) keeps nothing in the browser: its session key lives in
one script variable and goes with the page (quick exit, Esc, closing the tab). This module is the
public edge: rate limits per client and per chat (shared by every dashboard replica:
helpline/store/rate_limit.py,
the helpline database or Redis; the client is the connection's address, or X-Real-IP from a trusted proxy)
and size caps, then each message is forwarded, signed, to the web
chat adapter inside Rasa (channels/web_channel.py), which runs the same pipeline as SMS and WhatsApp.
Counsellor replies and late turns are collected from the outbox by a long poll.

  POST /chat/api/start                      -> {"session"}
  GET  /chat/api/regions                    -> {"regions": [{"code", "names": {en, yue, cmn}}]}
  POST /chat/api/send {session, message_id, text, region?, time_zone?} -> {"messages", "language", "script"}
  POST /chat/api/poll {session, after}      -> {"messages": [{"id", "text"}]} (waits up to POLL_SECONDS)
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import secrets
import time
from pathlib import Path
from typing import Any

import httpx
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse

from bot.triage.crisis import detect_crisis
from dashboard.deps import client_ip, read_capped
from helpline.content.placeholders import LANGUAGES
from helpline.jobs.outbound import OutboundSender
from helpline.settings.crypto import conversation_id, web_chat_signature
from helpline.settings.logs import get_logger
from helpline.store.rate_limit import Decision, RateLimiter

logger = get_logger("dashboard.webchat")
router = APIRouter()
PAGE = (Path(__file__).parent / "templates" / "chat.html").read_text(encoding="utf-8")
WEB_CHAT_PATH = "/webhooks/web/message"  # the adapter inside Rasa (channels/web_channel.py)

MAX_REQUEST_BYTES = 8 * 1024
MAX_TEXT_CHARS = 1000
SESSION = re.compile(r"[A-Za-z0-9_-]{32,64}")  # as channels/web_channel.py checks it
POLL_SECONDS = 25.0
POLL_INTERVAL = 0.5
MINUTE, HOUR = dt.timedelta(minutes=1), dt.timedelta(hours=1)
# (requests, window) per client address and per chat session, across every replica.
LIMITS = {
    "start": (10, HOUR),  # new chats per address an hour
    "send_client": (30, MINUTE),
    "send_session": (12, MINUTE),
    "poll_client": (120, MINUTE),
}


class Forwarder:
    """Posts one message, signed, to the web chat adapter in Rasa; returns its JSON answer."""

    def __init__(self, rasa_url: str, secret_key: str, transport: httpx.AsyncBaseTransport | None = None):
        self._url = rasa_url.rstrip("/") + WEB_CHAT_PATH
        self._secret_key = secret_key
        self._transport = transport

    async def __call__(self, payload: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps(payload, ensure_ascii=False).encode()
        headers = {
            "content-type": "application/json",
            "X-Helpline-Signature": web_chat_signature(self._secret_key, body),
        }
        async with httpx.AsyncClient(timeout=30, transport=self._transport) as client:
            reply = await client.post(self._url, content=body, headers=headers)
        reply.raise_for_status()
        return reply.json()


def install(app: Any) -> None:
    """Adds the web chat's routes and state to the dashboard app."""
    settings = app.state.settings
    app.state.web_chat_limits = RateLimiter(app.state.rate_counters, LIMITS)
    app.state.web_chat_forward = Forwarder(settings.rasa_url, settings.secret_key)
    app.include_router(router)


def _refused(request: Request, *checks: tuple[str, str]) -> JSONResponse | None:
    """Counts the request against each (limit, key) in turn; a 429 with Retry-After at the first full one
    (the later limits are not counted then)."""
    limits: RateLimiter = request.app.state.web_chat_limits
    for kind, key in checks:
        decision: Decision = limits.check(kind, key)
        if not decision.allowed:
            return JSONResponse(
                {"detail": "too many messages; please wait a little and send it again"},
                status_code=429,
                headers={"Retry-After": str(decision.retry_after)},
            )
    return None


async def _chat_request(request: Request) -> tuple[dict[str, Any], str]:
    """The JSON body (capped, read before anything else) and its chat session; HTTPException if not."""
    body = await read_capped(request, MAX_REQUEST_BYTES)
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise HTTPException(415, "JSON only")
    try:
        payload = json.loads(body)
    except ValueError as error:
        raise HTTPException(400, "not JSON") from error
    if not isinstance(payload, dict):
        raise HTTPException(400, "a JSON object is required")
    session = payload.get("session")
    if not isinstance(session, str) or not SESSION.fullmatch(session):
        raise HTTPException(400, "no chat session")
    return payload, session


@router.get("/chat", response_class=HTMLResponse)
def chat_page() -> str:
    return PAGE


@router.post("/chat/api/start")
async def start(request: Request) -> JSONResponse:
    refused = _refused(request, ("start", client_ip(request)))
    if refused is not None:
        return refused
    return JSONResponse({"session": secrets.token_urlsafe(32)})


@router.get("/chat/api/regions")
def regions(request: Request) -> dict:
    directory = request.app.state.directory
    return {
        "regions": [
            {
                "code": code,
                "names": {lang: directory.region_name(code, lang) for lang in LANGUAGES},
            }
            for code in directory.served
        ]
    }


@router.post("/chat/api/send")
async def send(request: Request) -> JSONResponse:
    payload, session = await _chat_request(request)
    text = payload.get("text")
    if not isinstance(text, str) or not text.strip():
        return JSONResponse({"detail": "empty message"}, status_code=400)
    if len(text) > MAX_TEXT_CHARS:
        return JSONResponse({"detail": f"at most {MAX_TEXT_CHARS} characters"}, status_code=413)
    # A message with a crisis signal is never held back by its chat's own limit (a person in crisis may
    # write fast); the per-address limit still holds, so crisis words cannot flood the queue.
    checks = [("send_client", client_ip(request))]
    if not detect_crisis(text).is_crisis:
        checks.append(("send_session", session))
    refused = _refused(request, *checks)
    if refused is not None:
        return refused
    message_id = payload.get("message_id")
    forwarded = {
        "session": session,
        "message_id": message_id if isinstance(message_id, str) else secrets.token_hex(12),
        "text": text,
        "region": payload.get("region") if isinstance(payload.get("region"), str) else None,
        "time_zone": payload.get("time_zone") if isinstance(payload.get("time_zone"), str) else None,
    }
    try:
        answer = await request.app.state.web_chat_forward(forwarded)
    except httpx.HTTPStatusError as error:
        status = error.response.status_code
        logger.warning("webchat.refused", extra={"status": status})
        return JSONResponse(
            {"detail": "the message was not accepted"}, status_code=400 if status < 500 else 502
        )
    except httpx.HTTPError as error:
        logger.warning("webchat.unreachable", extra={"error": type(error).__name__})
        return JSONResponse({"detail": "the assistant cannot be reached right now"}, status_code=502)
    return JSONResponse(
        {
            "messages": [m for m in answer.get("messages", []) if isinstance(m, str)],
            "language": answer.get("language", "en"),
            "script": answer.get("script", "Latn"),
        }
    )


@router.post("/chat/api/poll")
async def poll(request: Request) -> JSONResponse:
    """Messages sent to this chat after `after` (a counsellor's reply, a late turn): waits for one."""
    payload, session = await _chat_request(request)
    refused = _refused(request, ("poll_client", client_ip(request)))
    if refused is not None:
        return refused
    after = payload.get("after")
    after = after if isinstance(after, int) and after >= 0 else 0
    sender: OutboundSender = request.app.state.sender
    conversation = conversation_id(request.app.state.settings.secret_key, "web", session)
    deadline = time.monotonic() + POLL_SECONDS
    while True:
        records = await asyncio.to_thread(sender.history, conversation, after)
        if records or time.monotonic() >= deadline or await request.is_disconnected():
            break
        await asyncio.sleep(POLL_INTERVAL)
    await asyncio.to_thread(sender.mark_delivered, conversation, [r.id for r in records])
    return JSONResponse({"messages": [{"id": r.id, "text": r.text} for r in records]})
