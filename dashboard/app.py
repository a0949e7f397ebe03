"""Application factory: `uvicorn dashboard.app:create_app --factory`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dashboard import api, blocks, events, health, marks, operations, pages, report_page, simulator, webchat
from dashboard.accounts import AccountStore
from dashboard.bootstrap import ensure_admin
from dashboard.rasa_client import RasaClient
from dashboard.security import LoginThrottle, SessionStore
from helpline.content.directory import get_directory
from helpline.jobs.outbound import OutboundSender
from helpline.settings.config import Settings, get_settings
from helpline.settings.crypto import Cipher
from helpline.store.contacts import ContactStore
from helpline.store.db import engine_for, metadata, utcnow
from helpline.store.handoffs import HandoffStore
from helpline.store.rate_limit import shared_counters

STATIC_DIR = Path(__file__).parent / "static"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Strict headers on everything the dashboard serves (the dev simulator keeps its inline page)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                ]
                if not path.startswith("/simulator"):
                    extra.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
                if not path.startswith("/static/"):
                    extra.append((b"cache-control", b"no-store"))
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    settings: Settings | None = None,
    *,
    rasa: RasaClient | None = None,
    clock: Callable[[], dt.datetime] | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="Helpline dashboard", docs_url=None, redoc_url=None, openapi_url=None)
    engine = engine_for(settings.database_url)
    metadata.create_all(engine)  # the dashboard's own tables, if the engine predates their import
    cipher = Cipher(settings.secret_key)
    contacts = ContactStore(engine, cipher)

    app.state.settings = settings
    app.state.engine = engine
    app.state.cipher = cipher
    app.state.contacts = contacts
    app.state.handoffs = HandoffStore(engine)
    app.state.accounts = AccountStore(engine)
    app.state.sessions = SessionStore(engine)
    # Rate limits shared by every replica: the helpline database, or Redis when REDIS_URL is set.
    app.state.rate_counters = shared_counters(engine, settings.redis_url)
    app.state.throttle = LoginThrottle(engine, settings.secret_key, app.state.rate_counters)
    app.state.sender = OutboundSender(settings, engine, cipher, contacts)
    app.state.rasa = rasa or RasaClient(settings.rasa_url, settings.rasa_token)
    app.state.directory = get_directory()
    app.state.clock = clock or utcnow  # naive UTC "now" for access windows
    ensure_admin(settings, engine)

    @app.on_event("startup")
    async def _start_scheduler() -> None:
        operations.start_scheduler(app)

    @app.on_event("shutdown")
    async def _stop_scheduler() -> None:
        await operations.stop_scheduler(app)

    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(pages.LoginRequired, pages.login_redirect)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(health.router)
    app.include_router(api.router)
    app.include_router(blocks.router)
    app.include_router(events.router)
    app.include_router(marks.router)
    app.include_router(pages.router)
    report_page.install(app)  # the public printable report page, /pack/{token}
    webchat.install(app)  # the public web chat, GET /chat
    if not settings.is_production:
        app.include_router(simulator.router)
    return app


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 without echoing the submitted values back (they may hold a texter's words or a password)."""
    errors = [{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()]
    return JSONResponse({"detail": errors}, status_code=422)
