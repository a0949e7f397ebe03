"""Blocking a sender (supervisors only, audited): the dashboard's side of helpline/store/blocks.py.

GET  /api/blocks                               active blocks
POST /api/blocks                               {"conversation_id", "reason", "hours"} block by pseudonymous id
POST /api/blocks/{conversation_id}/unblock     lift a block now
GET  /api/handoffs/{id}/block                  the texter of this handoff: their active block, or null
POST /api/handoffs/{id}/block                  {"reason", "hours"} block the texter of this handoff
POST /api/handoffs/{id}/unblock                lift it

The audit entry names the block and its reason code and end, never a number or anybody's words.

A block also takes the sender's open handoff out of the queue at once (waiting, or claimed: the assistant
is resumed first, as a counsellor's close does): it is closed with the outcome `blocked` and audited like
any close, and the live event stream tells the pages (its `updated_at` changes). The answer says which
handoff was closed (`closed_handoff`), or which one stays open because Rasa could not be reached to end
a counsellor's pause (`open_handoff`; the counsellor closes it as usual).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field, StrictInt, validator

from dashboard import audit
from dashboard.accounts import User
from dashboard.deps import api_user, engine, handoff_store, json_body, rasa, supervisor_only
from dashboard.rasa_client import RasaUnavailable, resume_assistant
from helpline.settings import clock
from helpline.settings.logs import get_logger
from helpline.store.blocks import MAX_BLOCK_DAYS, Block, BlockError, BlockStore

logger = get_logger("dashboard.blocks")
BLOCKED_OUTCOME = "blocked"

router = APIRouter(prefix="/api")
Reason = Literal["abuse", "harassment", "spam", "threats", "sexual_content", "other"]


class BlockBody(BaseModel):
    reason: Reason
    hours: StrictInt

    @validator("hours")
    def within_bounds(cls, value: int) -> int:  # noqa: N805 - pydantic validator
        if not 1 <= value <= 24 * MAX_BLOCK_DAYS:
            raise ValueError(f"hours must be between 1 and {24 * MAX_BLOCK_DAYS}")
        return value


class SenderBlockBody(BlockBody):
    conversation_id: str = Field(..., min_length=1, max_length=64)


def supervisor(user: User = Depends(api_user)) -> User:
    return supervisor_only(user)


def _store(request: Request) -> BlockStore:
    return BlockStore(engine(request))


def _conversation_of(request: Request, handoff_id: int) -> tuple[str, int]:
    handoff = handoff_store(request).get(handoff_id)
    if handoff is None:
        raise HTTPException(404, "no such handoff")
    return handoff.conversation_id, handoff.id


async def _block(
    request: Request, user: User, conversation_id: str, body: BlockBody, handoff_id: int | None
) -> dict:
    until = clock.now() + dt.timedelta(hours=body.hours)
    try:
        block = await asyncio.to_thread(_store(request).block, conversation_id, body.reason, until, user.id)
    except BlockError as error:
        raise HTTPException(409 if "already" in str(error) else 422, str(error)) from error
    await asyncio.to_thread(
        audit.record,
        engine(request),
        "block",
        user_id=user.id,
        handoff_id=handoff_id,
        detail=f"block:{block.id} reason:{block.reason} until:{block.public()['expires_at']}",
    )
    return {**block.public(), **await _close_open_handoff(request, user, conversation_id)}


async def _close_open_handoff(request: Request, user: User, conversation_id: str) -> dict:
    """The blocked sender's open handoff leaves the queue: closed `blocked`, audited as a close."""
    store = handoff_store(request)
    handoff = await asyncio.to_thread(store.open_for, conversation_id)
    if handoff is None:
        return {"closed_handoff": None, "open_handoff": None}
    if handoff.status == "claimed":
        try:
            await resume_assistant(rasa(request), conversation_id)
        except RasaUnavailable:
            logger.warning("blocks.handoff_left_open", extra={"handoff": handoff.id})
            return {"closed_handoff": None, "open_handoff": handoff.id}
    if not await asyncio.to_thread(store.close, handoff.id, BLOCKED_OUTCOME):
        return {"closed_handoff": None, "open_handoff": None}  # closed meanwhile
    await asyncio.to_thread(
        audit.record,
        engine(request),
        "close",
        user_id=user.id,
        handoff_id=handoff.id,
        detail=f"outcome:{BLOCKED_OUTCOME}",
    )
    return {"closed_handoff": handoff.id, "open_handoff": None}


def _unblock(request: Request, user: User, conversation_id: str, handoff_id: int | None) -> dict:
    block = _store(request).lift(conversation_id, by=user.id)
    if block is None:
        raise HTTPException(404, "this sender is not blocked")
    audit.record(
        engine(request), "unblock", user_id=user.id, handoff_id=handoff_id, detail=f"block:{block.id}"
    )
    return block.public()


def _public(block: Block | None) -> dict | None:
    return None if block is None else block.public()


@router.get("/blocks")
def list_blocks(request: Request, user: User = Depends(supervisor)) -> list[dict]:
    return [block.public() for block in _store(request).list_active()]


@router.post("/blocks", status_code=201)
async def block_sender(
    request: Request,
    user: User = Depends(supervisor),
    body: SenderBlockBody = Depends(json_body(SenderBlockBody)),
) -> dict:
    return await _block(request, user, body.conversation_id, body, None)


@router.post("/blocks/{conversation_id}/unblock")
def unblock_sender(conversation_id: str, request: Request, user: User = Depends(supervisor)) -> dict:
    return _unblock(request, user, conversation_id[:64], None)


@router.get("/handoffs/{handoff_id}/block")
def handoff_block(handoff_id: int, request: Request, user: User = Depends(supervisor)) -> dict:
    conversation_id, _ = _conversation_of(request, handoff_id)
    return {"block": _public(_store(request).active(conversation_id))}


@router.post("/handoffs/{handoff_id}/block", status_code=201)
async def block_handoff_sender(
    handoff_id: int,
    request: Request,
    user: User = Depends(supervisor),
    body: BlockBody = Depends(json_body(BlockBody)),
) -> dict:
    conversation_id, found = await asyncio.to_thread(_conversation_of, request, handoff_id)
    return await _block(request, user, conversation_id, body, found)


@router.post("/handoffs/{handoff_id}/unblock")
def unblock_handoff_sender(handoff_id: int, request: Request, user: User = Depends(supervisor)) -> dict:
    conversation_id, found = _conversation_of(request, handoff_id)
    return _unblock(request, user, conversation_id, found)
