"""What every adapter's HTTP endpoint shares: a refused request, and a body read under a size cap."""

from __future__ import annotations

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse


def adapter_blueprint(name: str) -> Blueprint:
    """An adapter's blueprint with `GET /` answering 200 (the readiness probe of its webhooks)."""
    blueprint = Blueprint(name, __name__)

    @blueprint.route("/", methods=["GET"])
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    return blueprint


class BadForm(Exception):
    """The request is not one the channel sends (answered 400, or 413 when too large)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.status = status


async def read_capped(request: Request, limit: int) -> bytes:
    """The body of a `stream=True` route, refused with 413 once it passes `limit` (before more of it
    is read, and before any signature is checked)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise BadForm("request too large", status=413)
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = await request.stream.read()
        if chunk is None:
            break
        size += len(chunk)
        if size > limit:
            raise BadForm("request too large", status=413)
        chunks.append(chunk)
    return b"".join(chunks)
