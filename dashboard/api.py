"""The dashboard's JSON API (DESIGN.md, "Dashboard JSON API"); the pages use it too."""

from __future__ import annotations

import asyncio
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, StrictBool, StrictInt, validator

from dashboard import audit, metrics, operations
from dashboard.accounts import AccountError, User
from dashboard.case_card import changed_fields, facts_store
from dashboard.deps import (
    accounts,
    api_user,
    cipher,
    client_ip,
    current_time,
    engine,
    handoff_store,
    json_body,
    rasa,
    require_json,
    sender,
    session_store,
    settings,
    supervisor_only,
    throttle,
)
from dashboard.rasa_client import LISTEN_EVENT, RasaUnavailable, now_timestamp, resume_assistant
from dashboard.security import (
    CSRF_COOKIE,
    DEVICE_COOKIE,
    DEVICE_LIFETIME,
    SESSION_COOKIE,
    SESSION_LIFETIME,
    csrf_token_for,
    device_cookie_for,
    trusted_device,
)
from dashboard.transcript import build_transcript, handoff_events, outbox_statuses
from dashboard.views import (
    OUTCOMES,
    add_note,
    handoff_json,
    notes_for,
    user_names,
    view_basis,
    visible,
)
from helpline.jobs.outbound import OutboundRefused
from helpline.settings.logs import get_logger
from helpline.store.db import utcnow
from helpline.store.handoffs import Handoff

logger = get_logger("dashboard.api")
router = APIRouter(prefix="/api")

WELCOME_BACK_ACTION = "utter_welcome_back"
MAX_MESSAGE_LENGTH = 1600  # Twilio's limit for one SMS body
REFUSALS = {
    "empty": "The message is empty.",
    "unknown_conversation": (
        "This texter's contact details are no longer held (they may have asked for deletion)."
    ),
    "opted_out": "The texter has opted out (STOP), so no message can be sent.",
    "whatsapp_window_closed": "WhatsApp only allows replies within 24 hours of the texter's last message.",
    "no_sms_sender": "No SMS sender number is configured (TWILIO_SMS_FROM).",
    "no_whatsapp_sender": "No WhatsApp sender is configured (TWILIO_WHATSAPP_FROM).",
}


def supervisor(user: User = Depends(api_user)) -> User:
    return supervisor_only(user)


def run(function, *args, **kwargs):
    """Database work off the event loop."""
    return asyncio.to_thread(function, *args, **kwargs)


# ----------------------------------------------------------------------------- request bodies


class LoginBody(BaseModel):
    email: str = Field("", max_length=254)  # the longest address there is
    password: str = Field("", max_length=1024)


class TextBody(BaseModel):
    text: str = Field(..., min_length=1)

    @validator("text")
    def not_blank(cls, value: str) -> str:  # noqa: N805 - pydantic validator
        if not value.strip():
            raise ValueError("the text is empty")
        return value


class MessageBody(TextBody):
    text: str = Field(..., min_length=1, max_length=MAX_MESSAGE_LENGTH)


class NoteBody(TextBody):
    text: str = Field(..., min_length=1, max_length=4000)


class FactsBody(BaseModel):
    facts: dict = Field(default_factory=dict)


class CloseBody(BaseModel):
    outcome: str = Field("other", min_length=1, max_length=64)


class TransferBody(BaseModel):
    user_id: StrictInt


class AssignBody(BaseModel):
    user_id: StrictInt


class CapacityBody(BaseModel):
    max_open: StrictInt | None = None


class AvailabilityBody(BaseModel):
    available: StrictBool


class NewUserBody(BaseModel):
    email: str
    password: str
    display_name: str | None = None
    name: str | None = None
    role: Literal["counsellor", "supervisor"] = "counsellor"


class ActiveBody(BaseModel):
    active: StrictBool


# ----------------------------------------------------------------------------- session


@router.post("/login")
async def login(request: Request) -> JSONResponse:
    require_json(request)
    body = await json_body(LoginBody)(request)
    ip = client_ip(request)
    device = request.cookies.get(DEVICE_COOKIE)
    # Counted before the password is checked (one atomic statement per counter): concurrent guesses
    # cannot all be checked against a limit none of them has reached yet.
    ticket = await run(throttle(request).acquire, body.email, ip, device)
    if not ticket.allowed:
        known = await run(accounts(request).by_email, body.email)
        await run(audit.record, engine(request), "login_throttled", user_id=known.id if known else None)
        minutes = max(1, -(-ticket.retry_after // 60))
        return JSONResponse(
            {"detail": f"Too many failed sign-ins. Please wait {minutes} minutes and try again."},
            status_code=429,
            headers={"Retry-After": str(ticket.retry_after)},
        )
    user = await run(accounts(request).authenticate, body.email, body.password)
    if user is None:
        known = await run(accounts(request).by_email, body.email)
        await run(audit.record, engine(request), "login_failed", user_id=known.id if known else None)
        return JSONResponse({"detail": "Wrong email or password."}, status_code=401)
    await run(throttle(request).succeeded, ticket)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        await run(session_store(request).delete, old)
    token = await run(session_store(request).create, user.id)
    csrf = csrf_token_for(settings(request).secret_key, token)
    await run(audit.record, engine(request), "login", user_id=user.id)
    response = JSONResponse({"user": user.public(), "csrf_token": csrf})
    set_session_cookies(response, token, csrf, secure=settings(request).is_production)
    if trusted_device(settings(request).secret_key, user.email, device) is None:
        response.set_cookie(
            DEVICE_COOKIE,
            device_cookie_for(settings(request).secret_key, user.email),
            max_age=int(DEVICE_LIFETIME.total_seconds()),
            path="/api/login",
            httponly=True,
            samesite="strict",
            secure=settings(request).is_production,
        )
    return response


def set_session_cookies(response: JSONResponse, token: str, csrf: str, secure: bool) -> None:
    max_age = int(SESSION_LIFETIME.total_seconds())
    response.set_cookie(
        SESSION_COOKIE, token, max_age=max_age, path="/", httponly=True, samesite="lax", secure=secure
    )
    response.set_cookie(
        CSRF_COOKIE, csrf, max_age=max_age, path="/", httponly=False, samesite="lax", secure=secure
    )


@router.post("/logout")
def logout(request: Request, user: User = Depends(api_user)) -> JSONResponse:
    session_store(request).delete(request.cookies.get(SESSION_COOKIE) or "")
    audit.record(engine(request), "logout", user_id=user.id)
    response = JSONResponse({"ok": True})
    secure = settings(request).is_production
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure)
    response.delete_cookie(CSRF_COOKIE, path="/", samesite="lax", secure=secure)
    return response


@router.get("/me")
def me(user: User = Depends(api_user)) -> dict:
    return user.public()


@router.post("/me/availability")
def set_availability(
    request: Request,
    user: User = Depends(api_user),
    body: AvailabilityBody = Depends(json_body(AvailabilityBody)),
) -> dict:
    accounts(request).set_available(user.id, body.available)
    audit.record(engine(request), "availability", user_id=user.id, detail="on" if body.available else "off")
    updated = accounts(request).get(user.id)
    assert updated is not None
    return updated.public()


@router.get("/team")
def team(request: Request, user: User = Depends(api_user)) -> list[dict]:
    """Active colleagues (for transfers): names, roles and who is on duty. No emails."""
    return [
        {"id": u.id, "display_name": u.display_name, "role": u.role, "available": u.available}
        for u in accounts(request).list(active_only=True)
    ]


# ----------------------------------------------------------------------------- handoffs


def _get_handoff(request: Request, handoff_id: int) -> Handoff:
    handoff = handoff_store(request).get(handoff_id)
    if handoff is None:
        raise HTTPException(404, "no such handoff")
    return handoff


def refusal(user: User, handoff: Handoff) -> str:
    """Why a counsellor may not open this handoff (the reason shown, 403)."""
    if handoff.status == "closed" and handoff.assigned_to == user.id:
        return "this conversation was closed too long ago; a supervisor can open it"
    return "this conversation is assigned to another counsellor"


def view_access(request: Request, user: User, handoff: Handoff, surface: str) -> str:
    """The viewer's basis (see views.view_basis), or 403; refusals of a closed one are audited too."""
    basis = view_basis(user, handoff, current_time(request), settings(request).closed_access)
    if basis is None:
        if handoff.status == "closed":
            audit.record(
                engine(request), "view_denied", user_id=user.id, handoff_id=handoff.id, detail=surface
            )
        raise HTTPException(403, refusal(user, handoff))
    return basis


def view_detail(surface: str, handoff: Handoff, basis: str) -> str:
    """The audit detail of a view: a closed handoff's says so, and on what basis it was opened."""
    return f"{surface}:closed:{basis}" if handoff.status == "closed" else surface


def _require_actor(request: Request, user: User, handoff: Handoff) -> None:
    """Supervisors, or the counsellor it is assigned to (a closed one: within the access window);
    a waiting one must be claimed first."""
    if user.is_supervisor:
        return
    if handoff.assigned_to == user.id:
        if view_basis(user, handoff, current_time(request), settings(request).closed_access) is None:
            raise HTTPException(403, refusal(user, handoff))
        return
    if handoff.status == "waiting":
        raise HTTPException(409, "claim this conversation first")
    raise HTTPException(403, "this conversation is assigned to another counsellor")


@router.get("/handoffs")
def list_handoffs(
    request: Request,
    user: User = Depends(api_user),
    status: Literal["waiting", "claimed", "closed"] | None = Query(None),
    mine: bool = Query(False),
) -> list[dict]:
    """Most urgent first, then longest waiting. Counsellors see the queue and their own."""
    items = visible(
        user, handoff_store(request).list(status), current_time(request), settings(request).closed_access
    )
    if mine:
        items = [h for h in items if h.assigned_to == user.id]
    names = user_names(engine(request))
    facts = facts_store(request).get_many([h.conversation_id for h in items])
    return [
        {**handoff_json(h, names, utcnow()), "report_facts": facts.get(h.conversation_id, {})} for h in items
    ]


async def load_transcript(request: Request, handoff: Handoff) -> list[dict]:
    """The handoff's own part of the conversation: from the close of the texter's previous handoff
    (the episode that led to this one) to this one's close; an open one runs to now."""
    start = await run(handoff_store(request).episode_start, handoff)
    if start is not None:
        start = min(start, handoff.created_at)
    tracker = await rasa(request).tracker(handoff.conversation_id)
    events = (tracker.get("events") or []) if isinstance(tracker, dict) else []
    events = handoff_events(events, start, handoff.closed_at)
    return await run(build_transcript, events, outbox_statuses(engine(request)), cipher(request).decrypt)


@router.get("/handoffs/{handoff_id}")
async def get_handoff(handoff_id: int, request: Request, user: User = Depends(api_user)) -> JSONResponse:
    handoff = await run(_get_handoff, request, handoff_id)
    basis = await run(view_access, request, user, handoff, "api")
    detail = view_detail("api", handoff, basis)
    await run(audit.record, engine(request), "view", user_id=user.id, handoff_id=handoff.id, detail=detail)
    try:
        transcript = await load_transcript(request, handoff)
    except RasaUnavailable as error:
        return JSONResponse({"detail": error.message}, status_code=502)
    names = await run(user_names, engine(request))
    notes = await run(notes_for, engine(request), cipher(request), handoff.id)
    facts = await run(facts_store(request).get, handoff.conversation_id)
    return JSONResponse(
        {**handoff_json(handoff, names), "report_facts": facts, "transcript": transcript, "notes": notes}
    )


@router.post("/handoffs/{handoff_id}/facts")
def edit_report_facts(
    handoff_id: int,
    request: Request,
    user: User = Depends(api_user),
    body: FactsBody = Depends(json_body(FactsBody)),
) -> dict:
    """The counsellor corrects the case card; the audit names the fields changed, never their text."""
    handoff = _get_handoff(request, handoff_id)
    _require_actor(request, user, handoff)
    store = facts_store(request)
    old = store.get(handoff.conversation_id)
    new = store.replace(handoff.conversation_id, body.facts)
    changed = changed_fields(old, new)
    audit.record(
        engine(request),
        "facts_edit",
        user_id=user.id,
        handoff_id=handoff.id,
        detail="fields:" + ",".join(changed) if changed else "fields:none",
    )
    return {"report_facts": new}


def _require_capacity(request: Request, user_id: int, name: str | None = None) -> None:
    """409 when the counsellor already holds their limit of open conversations."""
    free, held, limit = operations.capacity(request, user_id)
    if not free:
        who = f"{name} already holds" if name else "You already hold"
        raise HTTPException(
            409,
            f"{who} {held} open conversations (the limit is {limit}). Close one first, "
            "or ask a supervisor to assign it.",
        )


@router.post("/handoffs/{handoff_id}/claim")
def claim(handoff_id: int, request: Request, user: User = Depends(api_user)) -> dict:
    handoff = _get_handoff(request, handoff_id)
    if handoff.status == "closed":
        raise HTTPException(409, "this conversation is already closed")
    if not (handoff.status == "claimed" and handoff.assigned_to == user.id):
        _require_capacity(request, user.id)
    _, _, limit = operations.capacity(request, user.id)
    outcome = handoff_store(request).claim_within_capacity(handoff.id, user.id, limit)
    if outcome == "full":  # another claim of theirs got in first
        _require_capacity(request, user.id)
        raise HTTPException(409, f"You already hold {limit} open conversations (the limit is {limit}).")
    if outcome == "taken":
        current = handoff_store(request).get(handoff.id)
        who = (
            user_names(engine(request)).get(current.assigned_to) if current and current.assigned_to else None
        )
        raise HTTPException(
            409, f"already claimed by {who}" if who else "this conversation cannot be claimed"
        )
    audit.record(engine(request), "claim", user_id=user.id, handoff_id=handoff.id)
    claimed = handoff_store(request).get(handoff.id)
    assert claimed is not None
    return handoff_json(claimed, user_names(engine(request)))


@router.post("/handoffs/{handoff_id}/messages")
async def send_message(
    handoff_id: int,
    request: Request,
    user: User = Depends(api_user),
    body: MessageBody = Depends(json_body(MessageBody)),
) -> JSONResponse:
    handoff = await run(_get_handoff, request, handoff_id)
    _require_actor(request, user, handoff)
    if handoff.status != "claimed":
        detail = (
            "claim this conversation first" if handoff.status == "waiting" else "this conversation is closed"
        )
        raise HTTPException(409, detail)
    text = body.text.strip()
    try:
        record = await sender(request).send(handoff.conversation_id, text)
    except OutboundRefused as refusal:
        return JSONResponse(
            {"detail": REFUSALS.get(refusal.reason, refusal.reason), "reason": refusal.reason},
            status_code=409,
        )
    except Exception as error:  # noqa: BLE001 - Twilio's errors vary; never a 500, never the text
        logger.warning("dashboard.send_failed", extra={"handoff": handoff.id, "error": type(error).__name__})
        return JSONResponse(
            {"detail": "The SMS/WhatsApp provider did not accept the message."}, status_code=502
        )
    await run(
        audit.record,
        engine(request),
        "message",
        user_id=user.id,
        handoff_id=handoff.id,
        detail=f"outbox:{record.id}",
    )
    result = {"id": record.id, "status": record.status, "at": record.created_at.isoformat() + "Z"}
    # The tracker gets the counsellor's words encrypted, as the outbox has them (README, "What is kept"):
    # the transcript decrypts them; Rasa never reads a bot event's text.
    event = {
        "event": "bot",
        "text": None,
        "timestamp": now_timestamp(),
        "metadata": {
            "from": "counsellor",
            "outbox_id": record.id,
            "text_cipher": cipher(request).encrypt(text),
        },
    }
    try:
        await rasa(request).append_events(handoff.conversation_id, [event])
    except RasaUnavailable as error:
        return JSONResponse(
            {
                **result,
                "sent": True,
                "detail": "The message was sent to the texter but could not be added to the transcript. "
                + error.message,
            },
            status_code=502,
        )
    return JSONResponse({**result, "sent": True})


@router.post("/handoffs/{handoff_id}/notes")
def add_case_note(
    handoff_id: int,
    request: Request,
    user: User = Depends(api_user),
    body: NoteBody = Depends(json_body(NoteBody)),
) -> dict:
    handoff = _get_handoff(request, handoff_id)
    _require_actor(request, user, handoff)
    note_id = add_note(engine(request), cipher(request), handoff.id, user.id, body.text.strip())
    audit.record(engine(request), "note", user_id=user.id, handoff_id=handoff.id, detail=f"note:{note_id}")
    return {"id": note_id, "notes": notes_for(engine(request), cipher(request), handoff.id)}


@router.post("/handoffs/{handoff_id}/transfer")
def transfer(
    handoff_id: int,
    request: Request,
    user: User = Depends(api_user),
    body: TransferBody = Depends(json_body(TransferBody)),
) -> dict:
    handoff = _get_handoff(request, handoff_id)
    _require_actor(request, user, handoff)
    if handoff.status == "closed":
        raise HTTPException(409, "this conversation is already closed")
    target = accounts(request).get(body.user_id)
    if target is None or not target.active:
        raise HTTPException(422, "no such active counsellor")
    if not user.is_supervisor and target.id != handoff.assigned_to:
        _require_capacity(request, target.id, target.display_name)
    store = handoff_store(request)
    if handoff.status == "waiting":
        moved = store.claim_if_free(handoff.id, target.id)
    else:
        moved = store.transfer(handoff.id, target.id)
    if not moved:
        raise HTTPException(409, "this conversation changed meanwhile; reload it")
    audit.record(
        engine(request), "transfer", user_id=user.id, handoff_id=handoff.id, detail=f"to_user:{target.id}"
    )
    updated = store.get(handoff.id)
    assert updated is not None
    return handoff_json(updated, user_names(engine(request)))


@router.post("/handoffs/{handoff_id}/close")
async def close(
    handoff_id: int,
    request: Request,
    user: User = Depends(api_user),
    body: CloseBody = Depends(json_body(CloseBody)),
) -> JSONResponse:
    handoff = await run(_get_handoff, request, handoff_id)
    _require_actor(request, user, handoff)
    if handoff.status == "closed":
        raise HTTPException(409, "this conversation is already closed")
    client = rasa(request)
    try:  # resume the assistant first: a handoff closed while Rasa stays paused would strand the texter
        await resume_assistant(client, handoff.conversation_id)
    except RasaUnavailable as error:
        return JSONResponse({"detail": error.message + " The conversation is still open."}, status_code=502)
    outcome = body.outcome.strip()
    if not await run(handoff_store(request).close, handoff.id, outcome):
        raise HTTPException(409, "this conversation was closed meanwhile")
    welcome_back = True
    try:
        await client.execute(handoff.conversation_id, WELCOME_BACK_ACTION)
        await client.append_events(handoff.conversation_id, [LISTEN_EVENT])
    except RasaUnavailable:
        welcome_back = False
        logger.warning("dashboard.welcome_back_failed", extra={"handoff": handoff.id})
    detail = f"outcome:{outcome}" if outcome in OUTCOMES else "outcome:custom"
    await run(audit.record, engine(request), "close", user_id=user.id, handoff_id=handoff.id, detail=detail)
    survey = await operations.ask_survey_after_close(request, handoff)
    closed = await run(handoff_store(request).get, handoff.id)
    names = await run(user_names, engine(request))
    assert closed is not None
    return JSONResponse({**handoff_json(closed, names), "welcome_back": welcome_back, "survey": survey})


@router.post("/handoffs/{handoff_id}/assign")
def assign(
    handoff_id: int,
    request: Request,
    user: User = Depends(supervisor),
    body: AssignBody = Depends(json_body(AssignBody)),
) -> dict:
    """A supervisor gives a conversation to a counsellor, past their capacity if need be (audited)."""
    handoff = _get_handoff(request, handoff_id)
    if handoff.status == "closed":
        raise HTTPException(409, "this conversation is already closed")
    target = accounts(request).get(body.user_id)
    if target is None or not target.active:
        raise HTTPException(422, "no such active counsellor")
    free, held, limit = operations.capacity(request, target.id)
    store = handoff_store(request)
    if handoff.status == "waiting":
        moved = store.claim_if_free(handoff.id, target.id)
    else:
        moved = store.transfer(handoff.id, target.id)
    if not moved:
        raise HTTPException(409, "this conversation changed meanwhile; reload it")
    over = "" if free or handoff.assigned_to == target.id else f" over_capacity:{held + 1}/{limit}"
    audit.record(
        engine(request), "assign", user_id=user.id, handoff_id=handoff.id, detail=f"to_user:{target.id}{over}"
    )
    updated = store.get(handoff.id)
    assert updated is not None
    return {**handoff_json(updated, user_names(engine(request))), "over_capacity": bool(over)}


@router.get("/availability")
def availability(request: Request, user: User = Depends(api_user)) -> dict:
    """Opening hours now, who is on duty and how full, and the queue's expected wait."""
    return operations.availability(request)


# ----------------------------------------------------------------------------- supervisors


@router.post("/users/{user_id}/max_open")
def set_max_open(
    user_id: int,
    request: Request,
    user: User = Depends(supervisor),
    body: CapacityBody = Depends(json_body(CapacityBody)),
) -> dict:
    """A counsellor's own limit of open conversations (null: the configured default)."""
    try:
        changed = accounts(request).set_max_open(user_id, body.max_open)
    except AccountError as error:
        raise HTTPException(422, str(error)) from error
    if not changed:
        raise HTTPException(404, "no such user")
    audit.record(
        engine(request), "user_capacity", user_id=user.id, detail=f"user:{user_id} max_open:{body.max_open}"
    )
    updated = accounts(request).get(user_id)
    assert updated is not None
    return updated.public()


@router.get("/users")
def list_users(request: Request, user: User = Depends(supervisor)) -> list[dict]:
    return [u.public() for u in accounts(request).list()]


@router.post("/users", status_code=201)
def create_user(
    request: Request,
    user: User = Depends(supervisor),
    body: NewUserBody = Depends(json_body(NewUserBody)),
) -> dict:
    try:
        created = accounts(request).create(
            body.email, body.display_name or body.name or "", body.password, role=body.role
        )
    except AccountError as error:
        status = 409 if "already exists" in str(error) else 422
        raise HTTPException(status, str(error)) from error
    audit.record(
        engine(request), "user_created", user_id=user.id, detail=f"user:{created.id} role:{created.role}"
    )
    return created.public()


@router.post("/users/{user_id}/active")
def set_active(
    user_id: int,
    request: Request,
    user: User = Depends(supervisor),
    body: ActiveBody = Depends(json_body(ActiveBody)),
) -> dict:
    if user_id == user.id and not body.active:
        raise HTTPException(409, "you cannot deactivate your own account")
    if not accounts(request).set_active(user_id, body.active):
        raise HTTPException(404, "no such user")
    if not body.active:
        session_store(request).delete_for_user(user_id)
    action = "user_reactivated" if body.active else "user_deactivated"
    audit.record(engine(request), action, user_id=user.id, detail=f"user:{user_id}")
    changed = accounts(request).get(user_id)
    assert changed is not None
    return changed.public()


@router.get("/audit")
def audit_entries(
    request: Request,
    user: User = Depends(supervisor),
    limit: int = Query(200, ge=1, le=1000),
    before_id: int | None = Query(None),
    handoff_id: int | None = Query(None),
    user_id: int | None = Query(None),
    action: str | None = Query(None, max_length=48),
) -> list[dict]:
    return audit.entries(
        engine(request),
        limit=limit,
        before_id=before_id,
        handoff_id=handoff_id,
        user_id=user_id,
        action=action,
    )


@router.get("/metrics")
def metrics_figures(
    request: Request, user: User = Depends(supervisor), days: int = Query(30, ge=1, le=366)
) -> dict:
    return metrics.compute(engine(request), days=days)
