"""What the routes share: the app's collaborators, the signed-in user, CSRF and JSON-only checks."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import HTTPException, Request
from pydantic import BaseModel, ValidationError
from sqlalchemy.engine import Engine

from dashboard.accounts import AccountStore, User
from dashboard.rasa_client import RasaClient
from dashboard.security import (
    CSRF_COOKIE,
    CSRF_HEADER,
    SESSION_COOKIE,
    LoginThrottle,
    SessionStore,
    csrf_valid,
)
from helpline.content.directory import Directory
from helpline.jobs.outbound import OutboundSender
from helpline.settings.config import Settings
from helpline.settings.crypto import Cipher
from helpline.store.handoffs import HandoffStore

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
Model = TypeVar("Model", bound=BaseModel)


def settings(request: Request) -> Settings:
    return request.app.state.settings


def engine(request: Request) -> Engine:
    return request.app.state.engine


def cipher(request: Request) -> Cipher:
    return request.app.state.cipher


def handoff_store(request: Request) -> HandoffStore:
    return request.app.state.handoffs


def accounts(request: Request) -> AccountStore:
    return request.app.state.accounts


def session_store(request: Request) -> SessionStore:
    return request.app.state.sessions


def throttle(request: Request) -> LoginThrottle:
    return request.app.state.throttle


def sender(request: Request) -> OutboundSender:
    return request.app.state.sender


def rasa(request: Request) -> RasaClient:
    return request.app.state.rasa


def directory(request: Request) -> Directory:
    return request.app.state.directory


def current_time(request: Request) -> dt.datetime:
    """The current (naive UTC) time from the app's clock: tests move it, never sleep."""
    return request.app.state.clock()


def client_ip(request: Request) -> str:
    """The client's address: the connection's own, or X-Real-IP when the connection comes from a
    trusted reverse proxy (HELPLINE_TRUSTED_PROXIES; nginx sets the header from $remote_addr, replacing
    whatever the client sent). X-Forwarded-For is never read: a client can put anything in it."""
    peer = request.client.host if request.client else "unknown"
    if not _is_trusted_proxy(peer, settings(request).trusted_proxies):
        return peer
    real = request.headers.get("x-real-ip", "").strip()
    try:
        return str(ipaddress.ip_address(real))
    except ValueError:
        return peer


def _is_trusted_proxy(peer: str, networks: tuple[str, ...]) -> bool:
    if not networks:
        return False
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network) for network in networks)


def session_user(request: Request, touch: bool = True) -> User | None:
    return session_store(request).resolve(request.cookies.get(SESSION_COOKIE), touch=touch)


def check_state_change(request: Request) -> None:
    """CSRF double submit bound to the session (403), then JSON bodies only (415)."""
    token = request.cookies.get(SESSION_COOKIE) or ""
    if not csrf_valid(
        settings(request).secret_key,
        token,
        request.cookies.get(CSRF_COOKIE),
        request.headers.get(CSRF_HEADER),
    ):
        raise HTTPException(403, "missing or invalid CSRF token (send the csrf_token cookie as X-CSRF-Token)")
    require_json(request)


def require_json(request: Request) -> None:
    length = request.headers.get("content-length") or "0"
    has_body = not length.isdigit() or int(length) > 0 or "transfer-encoding" in request.headers
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if has_body and content_type != "application/json":
        raise HTTPException(415, "requests with a body must be JSON (Content-Type: application/json)")


def api_user(request: Request) -> User:
    """The signed-in user (401 otherwise); state-changing methods must also pass CSRF and be JSON."""
    user = session_user(request)
    if user is None:
        raise HTTPException(401, "not signed in")
    if request.method not in SAFE_METHODS:
        check_state_change(request)
    return user


def api_user_passive(request: Request) -> User:
    """Like api_user for long-lived reads (the event stream), without counting as activity."""
    user = session_user(request, touch=False)
    if user is None:
        raise HTTPException(401, "not signed in")
    return user


def supervisor_only(user: User) -> User:
    if not user.is_supervisor:
        raise HTTPException(403, "supervisors only")
    return user


MAX_JSON_BYTES = 64 * 1024  # as the proxy's client_max_body_size (deploy/nginx.conf), without a proxy too


async def read_capped(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is (or says it is) over `limit` bytes: a body
    is never read whole before its size is known to be sane."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise HTTPException(413, "the request is too large")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, "the request is too large")
    return bytes(body)


def json_body(model: type[Model], limit: int = MAX_JSON_BYTES) -> Callable[[Request], Any]:
    """A dependency reading the body as `model` (413 over `limit` bytes, 422 on malformed JSON or
    invalid fields)."""

    async def read(request: Request) -> Model:
        raw = await read_capped(request, limit)
        try:
            data = json.loads(raw) if raw else {}
        except ValueError as error:
            raise HTTPException(422, "the body is not valid JSON") from error
        try:
            return model.parse_obj(data)
        except ValidationError as error:
            raise HTTPException(422, _errors(error)) from error

    return read


def _errors(error: ValidationError) -> list[dict]:
    return [{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in error.errors()]
