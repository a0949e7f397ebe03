"""A fake Twilio REST API (Messages, their Media) for httpx.MockTransport: it holds state, records calls.

What it implements, after twilio.com/docs/messaging/api/message-resource and media-resource:
- GET    /2010-04-01/Accounts/{AC}/Messages.json?To=&From=&PageSize=   (pages linked by next_page_uri)
- DELETE /2010-04-01/Accounts/{AC}/Messages/{SM}.json                  (204, its media too; 404 when gone;
                                                                         20009 while not complete)
- GET    /2010-04-01/Accounts/{AC}/Messages/{SM}/Media.json            (media_list, paginated; 404 when gone)
- DELETE /2010-04-01/Accounts/{AC}/Messages/{SM}/Media/{ME}.json       (204; 404 when gone)
Anything else, a wrong account or wrong credentials is an error, so a test sees a call it did not expect.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import secrets
import threading
from dataclasses import dataclass, field
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlencode

import httpx

ACCOUNT_SID = "AC" + "f" * 32
IN_PROGRESS = {"accepted", "scheduled", "queued", "sending", "receiving"}


@dataclass
class FakeMessage:
    sid: str
    from_: str
    to: str
    body: str
    status: str
    date_created: dt.datetime
    media: dict[str, str] = field(default_factory=dict)  # media sid -> content type

    def resource(self) -> dict[str, Any]:
        return {
            "sid": self.sid,
            "account_sid": ACCOUNT_SID,
            "from": self.from_,
            "to": self.to,
            "body": self.body,
            "status": self.status,
            "num_media": str(len(self.media)),
            "date_created": format_datetime(self.date_created.replace(tzinfo=dt.timezone.utc)),
            "direction": "inbound"
            if self.sid.startswith("MM") or self.to.endswith("0000")
            else "outbound-api",
        }


@dataclass
class Call:
    method: str
    path: str
    params: dict[str, str]


class FakeTwilio:
    def __init__(self, auth_token: str, account_sid: str = ACCOUNT_SID, page_size: int | None = None) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.page_size = page_size  # forces small pages, whatever PageSize the client asks
        self.messages: dict[str, FakeMessage] = {}
        self.calls: list[Call] = []
        self.deleted_media: list[str] = []
        self.deleted_messages: list[str] = []
        self._failures: list[tuple[str, str, int | type[Exception], int | None]] = []
        self._changed = threading.Condition()
        self.gate = threading.Event()  # cleared by a test: every call waits until it is set again
        self.gate.set()
        self.transport = httpx.MockTransport(self.handle)

    # --- arranging state ----------------------------------------------------------------------------

    def add_message(
        self,
        from_: str,
        to: str,
        body: str = "",
        media: int = 0,
        status: str = "received",
        created: dt.datetime | None = None,
        sid: str | None = None,
    ) -> FakeMessage:
        sid = sid or ("MM" if media else "SM") + secrets.token_hex(16)
        message = FakeMessage(
            sid,
            from_,
            to,
            body,
            status,
            created or dt.datetime.utcnow().replace(microsecond=0),
            {"ME" + secrets.token_hex(16): "image/jpeg" for _ in range(media)},
        )
        self.messages[sid] = message
        return message

    def fail_once(
        self, method: str, path_pattern: str, status: int | type[Exception], code: int | None = None
    ):
        """The next matching call fails once: with an HTTP status (and Twilio error code) or an exception."""
        self._failures.append((method, path_pattern, status, code))

    def media_of(self, sid: str) -> dict[str, str]:
        return self.messages[sid].media if sid in self.messages else {}

    def involving(self, address: str) -> list[FakeMessage]:
        return [m for m in self.messages.values() if address in (m.from_, m.to)]

    def wait_until(self, condition, timeout: float = 20.0) -> bool:
        """Waits (without polling) until `condition()` holds after some call, or the timeout passes."""
        with self._changed:
            return self._changed.wait_for(condition, timeout)

    # --- the API ------------------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        params = dict(request.url.params)
        call = Call(request.method, request.url.path, params)
        self.gate.wait(timeout=60)
        try:
            return self._handle(request, call, params)
        finally:
            with self._changed:
                self.calls.append(call)
                self._changed.notify_all()

    def _handle(self, request: httpx.Request, call: Call, params: dict[str, str]) -> httpx.Response:
        expected = "Basic " + base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if request.headers.get("authorization") != expected:
            return _error(401, 20003, "Authenticate")
        for index, (method, pattern, status, code) in enumerate(self._failures):
            if method == request.method and re.search(pattern, call.path):
                del self._failures[index]
                if isinstance(status, type):
                    raise status("injected failure", request=request)
                return _error(status, code, "injected failure")
        prefix = f"/2010-04-01/Accounts/{self.account_sid}/Messages"
        path = call.path
        if not path.startswith(prefix):
            return _error(404, 20404, "not found")
        rest = path[len(prefix) :]
        if rest == ".json" and request.method == "GET":
            return self._list_messages(params)
        match = re.fullmatch(r"/(\w+)\.json", rest)
        if match and request.method == "DELETE":
            return self._delete_message(match.group(1))
        match = re.fullmatch(r"/(\w+)/Media\.json", rest)
        if match and request.method == "GET":
            return self._list_media(match.group(1), params)
        match = re.fullmatch(r"/(\w+)/Media/(\w+)\.json", rest)
        if match and request.method == "DELETE":
            return self._delete_media(match.group(1), match.group(2))
        return _error(405, None, f"{request.method} {rest} is not faked")

    def _page(self, items: list[dict], params: dict[str, str], path: str, key: str) -> httpx.Response:
        size = self.page_size or int(params.get("PageSize", 50))
        page = int(params.get("Page", 0))
        chunk = items[page * size : (page + 1) * size]
        next_uri = None
        if (page + 1) * size < len(items):
            following = {k: v for k, v in params.items() if k not in ("Page", "PageToken")}
            following.update(Page=str(page + 1), PageToken="PA" + secrets.token_hex(8))
            next_uri = f"{path}?{urlencode(following)}"
        return httpx.Response(
            200, json={key: chunk, "page": page, "page_size": size, "next_page_uri": next_uri}
        )

    def _list_messages(self, params: dict[str, str]) -> httpx.Response:
        found = [
            m.resource()
            for m in sorted(self.messages.values(), key=lambda m: m.date_created, reverse=True)
            if ("To" not in params or m.to == params["To"])
            and ("From" not in params or m.from_ == params["From"])
        ]
        path = f"/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        return self._page(found, params, path, "messages")

    def _delete_message(self, sid: str) -> httpx.Response:
        message = self.messages.get(sid)
        if message is None:
            return _error(404, 20404, "not found")
        if message.status in IN_PROGRESS:
            return _error(409, 20009, "Cannot delete this resource before it is complete")
        del self.messages[sid]
        self.deleted_media.extend(message.media)
        self.deleted_messages.append(sid)
        return httpx.Response(204)

    def _list_media(self, sid: str, params: dict[str, str]) -> httpx.Response:
        message = self.messages.get(sid)
        if message is None:
            return _error(404, 20404, "not found")
        items = [
            {"sid": media_sid, "parent_sid": sid, "content_type": kind, "account_sid": self.account_sid}
            for media_sid, kind in message.media.items()
        ]
        path = f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}/Media.json"
        return self._page(items, params, path, "media_list")

    def _delete_media(self, sid: str, media_sid: str) -> httpx.Response:
        message = self.messages.get(sid)
        if message is None or media_sid not in message.media:
            return _error(404, 20404, "not found")
        del message.media[media_sid]
        self.deleted_media.append(media_sid)
        return httpx.Response(204)


def _error(status: int, code: int | None, text: str) -> httpx.Response:
    return httpx.Response(status, json={"code": code, "message": text, "status": status})
