"""Blocking a sender (supervisors only, audited): the dashboard's side of helpline/store/blocks.py.

GET  /api/blocks                               active blocks
POST /api/blocks                               {"conversation_id", "reason", "hours"} block by pseudonymous id
POST /api/blocks/{conversation_id}/unblock     lift a block now
GET  /api/handoffs/{id}/block                  the texter of this handoff: their active block, or null
POST /api/handoffs/{id}/block                  {"reason", "hours"} block the texter of this handoff
POST /api/handoffs/{id}/unblock                lift it

The audit entry names the block and its reason code and end, never a number or anybody's words.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field, StrictInt, validator

from dashboard import audit
from dashboard.accounts import User
from dashboard.deps import api_user, engine, handoff_store, json_body, supervisor_only
from helpline.settings import clock
from helpline.store.blocks import MAX_BLOCK_DAYS, Block, BlockError, BlockStore

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


def _block(
    request: Request, user: User, conversation_id: str, body: BlockBody, handoff_id: int | None
) -> dict:
    until = clock.now() + dt.timedelta(hours=body.hours)
    try:
        block = _store(request).block(conversation_id, body.reason, until, by=user.id)
    except BlockError as error:
        raise HTTPException(409 if "already" in str(error) else 422, str(error)) from error
    audit.record(
        engine(request),
        "block",
        user_id=user.id,
        handoff_id=handoff_id,
        detail=f"block:{block.id} reason:{block.reason} until:{block.public()['expires_at']}",
    )
    return block.public()


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
def block_sender(
    request: Request,
    user: User = Depends(supervisor),
    body: SenderBlockBody = Depends(json_body(SenderBlockBody)),
) -> dict:
    return _block(request, user, body.conversation_id, body, None)


@router.post("/blocks/{conversation_id}/unblock")
def unblock_sender(conversation_id: str, request: Request, user: User = Depends(supervisor)) -> dict:
    return _unblock(request, user, conversation_id[:64], None)


@router.get("/handoffs/{handoff_id}/block")
def handoff_block(handoff_id: int, request: Request, user: User = Depends(supervisor)) -> dict:
    conversation_id, _ = _conversation_of(request, handoff_id)
    return {"block": _public(_store(request).active(conversation_id))}


@router.post("/handoffs/{handoff_id}/block", status_code=201)
def block_handoff_sender(
    handoff_id: int,
    request: Request,
    user: User = Depends(supervisor),
    body: BlockBody = Depends(json_body(BlockBody)),
) -> dict:
    conversation_id, found = _conversation_of(request, handoff_id)
    return _block(request, user, conversation_id, body, found)


@router.post("/handoffs/{handoff_id}/unblock")
def unblock_handoff_sender(handoff_id: int, request: Request, user: User = Depends(supervisor)) -> dict:
    conversation_id, found = _conversation_of(request, handoff_id)
    return _unblock(request, user, conversation_id, found)
