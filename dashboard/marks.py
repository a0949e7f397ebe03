"""Learning from counsellors (issue 12): marking a texter's message the assistant misread, and the
supervisors' review. The stored text and the export are in helpline/store/marks.py.

Routes (JSON API; state changes need the session, CSRF and JSON, like the rest of /api):
- GET  /api/handoffs/{id}/marks   who can open the conversation: its marks, the kinds, intents, languages
- POST /api/handoffs/{id}/marks   who can act on it (its counsellor, a supervisor):
                                  {message_at, kind, correction?} -> 201 the mark (audited `mark`)
- GET  /api/marks?status=pending  supervisors: marks with the message text, for review (audited)
- POST /api/marks/{id}/review     supervisors: {decision: accept|reject} (audited `mark_review`)
Page: /supervisor/marks (supervisors). The conversation page's "Teach the assistant" card uses the first two.
"""

from __future__ import annotations

import asyncio
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from dashboard import audit
from dashboard.accounts import User
from dashboard.api import _get_handoff, _require_actor, supervisor, view_access
from dashboard.deps import api_user, cipher, engine, handoff_store, json_body, rasa
from dashboard.rasa_client import RasaUnavailable
from dashboard.transcript import handoff_events
from dashboard.views import user_names
from helpline.store.handoffs import Handoff
from helpline.store.marks import (
    KINDS,
    LANGUAGES,
    RISK_ABOUT,
    MarkError,
    MarkStore,
    find_message,
    intents,
    parse_at,
)

router = APIRouter()


class MarkBody(BaseModel):
    message_at: str = Field(..., min_length=10, max_length=40)
    kind: Literal["missed_crisis", "false_alarm", "wrong_intent", "wrong_language"]
    correction: str | None = Field(None, max_length=48)


class ReviewBody(BaseModel):
    decision: Literal["accept", "reject"]


def store(request: Request) -> MarkStore:
    return MarkStore(engine(request), cipher(request))


def run(function, *args, **kwargs):
    return asyncio.to_thread(function, *args, **kwargs)


async def conversation_events(request: Request, handoff: Handoff) -> list[dict]:
    """The handoff's own part of the tracker (as its transcript shows it)."""
    start = await run(handoff_store(request).episode_start, handoff)
    if start is not None:
        start = min(start, handoff.created_at)
    tracker = await rasa(request).tracker(handoff.conversation_id)
    events = (tracker.get("events") or []) if isinstance(tracker, dict) else []
    return handoff_events(events, start, handoff.closed_at)


def options() -> dict:
    return {
        "kinds": KINDS,
        "intents": intents(),
        "languages": list(LANGUAGES),
        "risk_about": list(RISK_ABOUT),
    }


@router.get("/api/handoffs/{handoff_id}/marks")
def list_for_handoff(handoff_id: int, request: Request, user: User = Depends(api_user)) -> dict:
    handoff = _get_handoff(request, handoff_id)
    view_access(request, user, handoff, "marks")
    try:
        _require_actor(request, user, handoff)
        can_mark = True
    except HTTPException:
        can_mark = False
    marks = [m.as_dict() for m in store(request).for_handoff(handoff.id)]
    return {"marks": marks, "can_mark": can_mark, **options()}


@router.post("/api/handoffs/{handoff_id}/marks", status_code=201)
async def add_mark(
    handoff_id: int,
    request: Request,
    user: User = Depends(api_user),
    body: MarkBody = Depends(json_body(MarkBody)),
) -> JSONResponse:
    handoff = await run(_get_handoff, request, handoff_id)
    await run(_require_actor, request, user, handoff)
    try:
        at = parse_at(body.message_at)
        events = await conversation_events(request, handoff)
    except MarkError as error:
        raise HTTPException(422, str(error)) from error
    except RasaUnavailable as error:
        return JSONResponse({"detail": error.message}, status_code=502)
    event = find_message(events, at)
    if event is None:
        raise HTTPException(404, "no message from the texter at that time in this conversation")
    try:
        mark = await run(
            store(request).add,
            handoff_id=handoff.id,
            conversation_id=handoff.conversation_id,
            event=event,
            kind=body.kind,
            correction=body.correction,
            user_id=user.id,
            language=handoff.language,
        )
    except MarkError as error:
        raise HTTPException(422, str(error)) from error
    await run(
        audit.record,
        engine(request),
        "mark",
        user_id=user.id,
        handoff_id=handoff.id,
        detail=f"mark:{mark.id}:{mark.kind}",
    )
    return JSONResponse(mark.as_dict(), status_code=201)


def review_items(request: Request, status: str | None) -> list[dict]:
    names = user_names(engine(request))
    items = []
    for mark, text in store(request).listing(status or None):
        item = mark.as_dict()
        item["text"] = text
        item["created_by_name"] = names.get(mark.created_by)
        item["reviewed_by_name"] = names.get(mark.reviewed_by) if mark.reviewed_by else None
        items.append(item)
    return items


@router.get("/api/marks")
def list_marks(
    request: Request,
    user: User = Depends(supervisor),
    status: Literal["pending", "accepted", "rejected", ""] = Query("pending"),
) -> list[dict]:
    items = review_items(request, status)
    audit.record(
        engine(request),
        "marks_viewed",
        user_id=user.id,
        detail=f"status:{status or 'all'}:count:{len(items)}",
    )
    return items


@router.post("/api/marks/{mark_id}/review")
def review_mark(
    mark_id: int,
    request: Request,
    user: User = Depends(supervisor),
    body: ReviewBody = Depends(json_body(ReviewBody)),
) -> dict:
    try:
        mark = store(request).review(mark_id, body.decision, user.id)
    except LookupError as error:
        raise HTTPException(404, "no such mark") from error
    except MarkError as error:
        raise HTTPException(409, str(error)) from error
    audit.record(
        engine(request),
        "mark_review",
        user_id=user.id,
        handoff_id=mark.handoff_id,
        detail=f"mark:{mark.id}:{mark.status}",
    )
    return mark.as_dict()


@router.get("/supervisor/marks", response_class=HTMLResponse)
def marks_page(
    request: Request, status: Literal["pending", "accepted", "rejected", ""] = Query("pending")
) -> Response:
    from dashboard.pages import forbidden, page_user, render

    user = page_user(request)
    if not user.is_supervisor:
        return forbidden(request, user, "Only supervisors review the marks.")
    items = review_items(request, status)
    audit.record(
        engine(request),
        "marks_viewed",
        user_id=user.id,
        detail=f"status:{status or 'all'}:count:{len(items)}",
    )
    return render(request, "marks.html", user, items=items, status=status, kinds=KINDS)
