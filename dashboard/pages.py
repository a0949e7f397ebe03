"""Server-rendered pages (Jinja2, autoescaped). Texters' words are never marked safe."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from dashboard import audit, canned, metrics, operations
from dashboard.accounts import MIN_PASSWORD_LENGTH, User
from dashboard.api import MAX_MESSAGE_LENGTH, load_transcript, view_access, view_detail
from dashboard.case_card import card_fields, facts_store
from dashboard.deps import accounts, cipher, directory, engine, handoff_store, session_user
from dashboard.rasa_client import RasaUnavailable
from dashboard.views import OUTCOMES, handoff_json, language_label, notes_for, user_names
from helpline.store.db import utcnow

BLOCK_REASONS = (  # helpline.store.blocks.REASONS, with the labels the conversation page shows
    ("abuse", "Abusive to counsellors"),
    ("harassment", "Harassment"),
    ("threats", "Threats"),
    ("sexual_content", "Sexual content"),
    ("spam", "Spam or flooding"),
    ("other", "Other"),
)

router = APIRouter()
HERE = Path(__file__).parent
STATIC = HERE / "static"


def _static_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(STATIC.glob("*")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True, default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.globals["static_version"] = _static_version()
templates.globals["language_label"] = language_label


class LoginRequired(Exception):
    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def login_redirect(request: Request, exc: LoginRequired) -> RedirectResponse:
    return RedirectResponse(f"/login?next={quote(exc.next_path, safe='/')}", status_code=303)


def render(
    request: Request, name: str, user: User | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    html = templates.get_template(name).render(request=request, user=user, page=name, **context)
    return HTMLResponse(html, status_code=status_code)


def page_user(request: Request) -> User:
    user = session_user(request)
    if user is None:
        raise LoginRequired(request.url.path)
    return user


def forbidden(request: Request, user: User, message: str) -> HTMLResponse:
    return render(request, "error.html", user, status_code=403, title="Not allowed", message=message)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = Query("/")) -> Response:
    if session_user(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    no_accounts = accounts(request).count() == 0
    return render(request, "login.html", None, next_path=_safe_next(next), no_accounts=no_accounts)


MAX_NEXT_LENGTH = 2000


def _safe_next(path: str) -> str:
    """Where to go after signing in: only a path on this site, else "/". Never an open redirect.

    Browsers drop tabs and newlines from URLs and read a backslash as a slash, so `/%09/evil.example`
    (a tab) or `/\\evil.example` become `//evil.example`, another site. Refused: anything but printable ASCII
    (controls, spaces, non-ASCII look-alikes), backslashes, a second leading slash, a scheme or host,
    and the same hidden behind percent-encoding (decoded until it no longer changes).
    """
    if not path or len(path) > MAX_NEXT_LENGTH or not _plain_local_path(path):
        return "/"
    route = re.split(r"[?#]", path, maxsplit=1)[0]  # a query cannot change the host; the path can
    for _ in range(5):
        decoded = unquote(route)
        if decoded == route:
            return path
        if not _plain_local_path(decoded):
            return "/"
        route = decoded
    return "/"  # still encoded five levels deep: no real page needs that


def _plain_local_path(path: str) -> bool:
    if not path.startswith("/") or path.startswith("//"):
        return False
    if any(not 0x21 <= ord(char) <= 0x7E for char in path) or "\\" in path:
        return False
    parts = urlsplit(path)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/")


@router.get("/", response_class=HTMLResponse)
def queue_page(request: Request) -> Response:
    user = page_user(request)
    ops = operations.availability(request)
    return render(request, "queue.html", user, ops=ops, expected_label=ops["queue"]["expected_wait_label"])


@router.get("/handoffs/{handoff_id}", response_class=HTMLResponse)
async def conversation_page(handoff_id: int, request: Request) -> Response:
    user = page_user(request)
    handoff = handoff_store(request).get(handoff_id)
    if handoff is None:
        return render(
            request,
            "error.html",
            user,
            status_code=404,
            title="Not found",
            message="There is no such conversation.",
        )
    try:
        basis = view_access(request, user, handoff, "page")
    except HTTPException as refused:
        return forbidden(request, user, str(refused.detail).capitalize() + ".")
    detail = view_detail("page", handoff, basis)
    audit.record(engine(request), "view", user_id=user.id, handoff_id=handoff.id, detail=detail)
    transcript: list[dict] | None
    rasa_error = None
    try:
        transcript = await load_transcript(request, handoff)
    except RasaUnavailable as error:
        transcript, rasa_error = None, error.message
    names = user_names(engine(request))
    variant = canned.variant_for(handoff.language, handoff.script)
    minor = handoff.reason in ("minor", "grooming") or bool((handoff.summary or {}).get("minor"))
    replies = canned.render(directory(request), handoff.region, minor=minor)
    ordered = [variant] + [v for v in canned.VARIANTS if v != variant]
    team = [u for u in accounts(request).list(active_only=True) if u.id != handoff.assigned_to]
    return render(
        request,
        "conversation.html",
        user,
        handoff=handoff_json(handoff, names),
        transcript=transcript,
        rasa_error=rasa_error,
        notes=notes_for(engine(request), cipher(request), handoff.id),
        case_card=card_fields(facts_store(request).get(handoff.conversation_id)),
        canned=[(v, canned.VARIANT_NAMES[v], replies[v]) for v in ordered],
        team=team,
        outcomes=OUTCOMES,
        can_act=user.is_supervisor or handoff.assigned_to == user.id,
        max_message_length=MAX_MESSAGE_LENGTH,
        block_reasons=BLOCK_REASONS,
    )


@router.get("/availability", response_class=HTMLResponse)
def availability_page(request: Request) -> Response:
    """Opening hours, who is on duty and how full, and the queue's expected wait (every signed-in user)."""
    from helpline.store.availability import RECENT_WAITS

    user = page_user(request)
    ops = operations.availability(request)
    return render(
        request,
        "availability.html",
        user,
        ops=ops,
        expected_label=ops["queue"]["expected_wait_label"],
        recent=RECENT_WAITS,
    )


@router.get("/supervisor/users", response_class=HTMLResponse)
def users_page(request: Request) -> Response:
    user = page_user(request)
    if not user.is_supervisor:
        return forbidden(request, user, "Only supervisors manage accounts.")
    return render(
        request, "users.html", user, people=accounts(request).list(), min_password_length=MIN_PASSWORD_LENGTH
    )


@router.get("/supervisor/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    before_id: int | None = Query(None),
    handoff_id: int | None = Query(None),
    user_id: int | None = Query(None),
    action: str | None = Query(None, max_length=48),
) -> Response:
    user = page_user(request)
    if not user.is_supervisor:
        return forbidden(request, user, "Only supervisors read the audit log.")
    page_size = 100
    rows = audit.entries(
        engine(request),
        limit=page_size,
        before_id=before_id,
        handoff_id=handoff_id,
        user_id=user_id,
        action=action or None,
    )
    older = rows[-1]["id"] if len(rows) == page_size else None
    filters = {"handoff_id": handoff_id, "user_id": user_id, "action": action or ""}
    return render(
        request,
        "audit.html",
        user,
        rows=rows,
        older=older,
        filters=filters,
        actions=audit.ACTIONS,
        people=accounts(request).list(),
    )


@router.get("/supervisor/metrics", response_class=HTMLResponse)
def metrics_page(request: Request, days: int = Query(30, ge=1, le=366)) -> Response:
    user = page_user(request)
    if not user.is_supervisor:
        return forbidden(request, user, "Only supervisors see the figures.")
    figures = metrics.compute(engine(request), days=days)
    per_day = [(d["date"][5:], d["total"]) for d in figures["per_day"]]
    languages = sorted(figures["by_language"].items(), key=lambda item: -item[1])
    reasons = sorted(figures["by_reason"].items(), key=lambda item: -item[1])
    return render(
        request,
        "metrics.html",
        user,
        figures=figures,
        days=days,
        per_day_chart=metrics.column_chart(per_day),
        language_chart=metrics.bar_chart([(language_label(k, None), v) for k, v in languages]),
        reason_chart=metrics.bar_chart(reasons),
        survey_chart=metrics.bar_chart([(f"R{k}", v) for k, v in figures["survey"]["by_rating"].items()]),
        generated_at=utcnow().replace(microsecond=0).isoformat() + "Z",
    )
