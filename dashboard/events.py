"""`GET /api/events`: server-sent events whenever a handoff (or a message's delivery) changes.

Every stream polls the database about once a second, so a change made by any process (the action
server opening a handoff, another dashboard replica, a Twilio status callback) reaches every open
page. Events carry handoff ids only, and only ids the viewer may see (dashboard.views.can_view, the rule
of the list and of opening a handoff), or saw until this change (so a page drops a handoff another
counsellor just claimed): never another counsellor's handoff ids. A comment line every
15 seconds keeps proxies from closing the connection. Streams end after a few minutes (browsers
reconnect on their own) and as soon as the session ends.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import AsyncIterator, Callable

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from dashboard.accounts import User
from dashboard.deps import api_user_passive, current_time, engine, handoff_store, session_store, settings
from dashboard.security import SESSION_COOKIE
from dashboard.views import can_view, visible
from helpline.store.db import handoffs, outbox
from helpline.store.handoffs import Handoff

router = APIRouter(prefix="/api")

POLL_SECONDS = 1.0
HEARTBEAT_SECONDS = 15.0
RECHECK_SESSION_SECONDS = 30.0
STREAM_LIFETIME_SECONDS = 300.0


def _outbox_mark(db: Engine) -> dt.datetime | None:
    with db.connect() as conn:
        return conn.execute(select(func.max(outbox.c.updated_at))).scalar()


def changed_handoffs(
    db: Engine, since_handoff: dt.datetime | None, since_outbox: dt.datetime | None
) -> list[int]:
    """Handoffs changed after the first mark, or whose conversation had a message after the second."""
    ids: set[int] = set()
    with db.connect() as conn:
        query = select(handoffs.c.id)
        if since_handoff is not None:
            query = query.where(handoffs.c.updated_at > since_handoff)
        ids.update(conn.execute(query).scalars())
        conversations = select(outbox.c.conversation_id)
        if since_outbox is not None:
            conversations = conversations.where(outbox.c.updated_at > since_outbox)
        ids.update(
            conn.execute(
                select(handoffs.c.id).where(
                    handoffs.c.conversation_id.in_(conversations),
                    handoffs.c.status.in_(("waiting", "claimed")),
                )
            ).scalars()
        )
    return sorted(ids)


def for_viewer(
    ids: list[int],
    user: User,
    handoff_of: Callable[[int], Handoff | None],
    now: dt.datetime,
    closed_access: dt.timedelta,
    known: set[int],
) -> list[int]:
    """The changed ids this viewer may be told about: those they may see now, and those they could
    see before (in `known`, updated here) and no longer can (told once, so their page drops it)."""
    shown = []
    for handoff_id in ids:
        handoff = handoff_of(handoff_id)
        if handoff is not None and can_view(user, handoff, now, closed_access):
            known.add(handoff_id)
            shown.append(handoff_id)
        elif handoff_id in known:
            known.discard(handoff_id)
            shown.append(handoff_id)
    return shown


def _event(name: str, data: dict) -> str:
    return f"event: {name}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


@router.get("/events")
async def events(request: Request, user: User = Depends(api_user_passive)) -> StreamingResponse:
    store = handoff_store(request)
    db = engine(request)
    sessions = session_store(request)
    token = request.cookies.get(SESSION_COOKIE)
    state = request.app.state
    poll = getattr(state, "sse_poll_seconds", POLL_SECONDS)
    heartbeat = getattr(state, "sse_heartbeat_seconds", HEARTBEAT_SECONDS)
    lifetime = getattr(state, "sse_lifetime_seconds", STREAM_LIFETIME_SECONDS)
    closed_access = settings(request).closed_access

    def visible_now(ids: list[int], known: set[int]) -> list[int]:
        return for_viewer(ids, user, store.get, current_time(request), closed_access, known)

    async def stream() -> AsyncIterator[str]:
        mark_handoff = await asyncio.to_thread(store.latest_change)
        mark_outbox = await asyncio.to_thread(_outbox_mark, db)
        known: set[int] = set()  # supervisors see every handoff: nothing to remember
        if not user.is_supervisor:
            everything = await asyncio.to_thread(store.list)
            known = {h.id for h in visible(user, everything, current_time(request), closed_access)}
        yield "retry: 3000\n\n"
        yield _event("hello", {"user_id": user.id})  # pages refresh fully on every (re)connect
        started = last_beat = last_check = time.monotonic()
        while True:
            await asyncio.sleep(poll)
            if await request.is_disconnected():
                return
            now = time.monotonic()
            latest_handoff = await asyncio.to_thread(store.latest_change)
            latest_outbox = await asyncio.to_thread(_outbox_mark, db)
            if latest_handoff != mark_handoff or latest_outbox != mark_outbox:
                ids = await asyncio.to_thread(changed_handoffs, db, mark_handoff, mark_outbox)
                mark_handoff, mark_outbox = latest_handoff, latest_outbox
                ids = await asyncio.to_thread(visible_now, ids, known)
                if ids:
                    yield _event("handoffs", {"ids": ids})
            if now - last_beat >= heartbeat:
                yield ": heartbeat\n\n"
                last_beat = now
            if now - last_check >= RECHECK_SESSION_SECONDS:
                last_check = now
                if await asyncio.to_thread(sessions.resolve, token, False) is None:
                    yield _event("signed_out", {})
                    return
            if now - started >= lifetime:
                return

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
