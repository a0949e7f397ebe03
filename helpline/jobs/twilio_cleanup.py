"""Deleting what Twilio holds on a texter: the media they send, and all their message records on request.

Twilio keeps every message record (body included) and every image a texter sends until the account
deletes them. The helpline never downloads media; this module deletes it from Twilio as soon as the
refusal is sent, and, after "delete my data", finds the texter's message records through the API
(replies sent as TwiML return no message ids: list Messages filtered by To and From) and deletes each,
media first.

Jobs are rows of `twilio_cleanup`, written before the webhook answers (or in the erasure's transaction),
so a restart or a Twilio outage loses none. A worker thread in each Rasa server process takes due jobs
(a claim is an atomic update, so replicas never run one job twice at once), calls Twilio with httpx
off the request path, and on failure puts the job back with a growing delay. Logs carry counts, job
ids, short conversation ids and error codes: never a number, a message text or a sid.

REST API (2010-04-01), from twilio.com/docs/messaging/api/message-resource and media-resource:
- GET    /Accounts/{Account}/Messages.json?To=&From=&PageSize=   -> {"messages": [...], "next_page_uri"}
- DELETE /Accounts/{Account}/Messages/{Sid}.json                  -> 204 (also deletes its media)
- GET    /Accounts/{Account}/Messages/{Sid}/Media.json            -> {"media_list": [...], "next_page_uri"}
- DELETE /Accounts/{Account}/Messages/{Sid}/Media/{MediaSid}.json -> 204
A message not yet complete cannot be deleted (error 20009: "wait at least 1 minute", rarely days).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Engine

from helpline.settings.crypto import Cipher
from helpline.settings.logs import get_logger
from helpline.store.db import twilio_cleanup, utcnow

logger = get_logger("helpline.jobs.twilio_cleanup")

API_BASE = "https://api.twilio.com"
API_VERSION = "2010-04-01"
PAGE_SIZE = 100
NOT_COMPLETE = 20009  # Twilio: "Cannot delete this resource before it is complete"
IN_PROGRESS = {"accepted", "scheduled", "queued", "sending", "receiving"}
ERASE_AFTER = dt.timedelta(seconds=90)  # Twilio asks to wait at least a minute before deleting a message
ERASE_GRACE = dt.timedelta(minutes=10)  # records created this long after the request are still erased
LEASE = dt.timedelta(minutes=5)  # a claimed job comes back if its worker died
FIRST_RETRY = dt.timedelta(seconds=10)
LONGEST_RETRY = dt.timedelta(hours=1)
MAX_ATTEMPTS = 40  # about a day and a half of retries, the last ones an hour apart
BATCH = 20
POLL_SECONDS = 30.0


class TwilioError(Exception):
    """A Twilio call failed. `transient`: worth retrying as it is (5xx, 429, network, not yet complete)."""

    def __init__(self, reason: str, transient: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


class _DropTwilioUrls(logging.Filter):
    """httpx logs every request URL at DEBUG; Twilio's carry the texter's number (To=, From=) and sids."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "api.twilio.com" not in record.getMessage() and "twilio" not in str(record.args).lower()


def _quiet_httpx() -> None:
    for name in ("httpx", "httpx._client", "httpcore"):
        target = logging.getLogger(name)
        if not any(isinstance(f, _DropTwilioUrls) for f in target.filters):
            target.addFilter(_DropTwilioUrls())


class TwilioRest:
    """The few Twilio REST calls the clean-up needs (httpx; `transport` lets tests fake Twilio)."""

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        transport: httpx.BaseTransport | None = None,
        base_url: str = API_BASE,
        timeout: float = 15.0,
    ) -> None:
        self._http = httpx.Client(
            base_url=base_url, auth=(account_sid, auth_token), transport=transport, timeout=timeout
        )
        self._account = f"/{API_VERSION}/Accounts/{account_sid}"
        _quiet_httpx()

    def close(self) -> None:
        self._http.close()

    def _request(self, method: str, url: str, params: dict[str, Any] | None = None) -> httpx.Response | None:
        """The response, or None for 404 (already deleted); raises TwilioError otherwise."""
        try:
            response = self._http.request(method, url, params=params)
        except httpx.TransportError as error:
            raise TwilioError(type(error).__name__, transient=True) from None
        if response.status_code == 404:
            return None
        if response.status_code >= 400:
            code = _error_code(response)
            transient = response.status_code >= 500 or response.status_code == 429 or code == NOT_COMPLETE
            reason = f"http_{response.status_code}" + (f"_{code}" if code else "")
            raise TwilioError(reason, transient=transient)
        return response

    def _pages(self, url: str, params: dict[str, Any], key: str) -> Iterator[dict[str, Any]]:
        response = self._request("GET", url, params)
        while response is not None:
            page = response.json()
            yield from page.get(key) or []
            next_uri = page.get("next_page_uri")
            if not next_uri:
                return
            response = self._request("GET", next_uri)  # carries the filters and the page token

    def messages(self, **filters: str) -> list[dict[str, Any]]:
        """Message records matching `filters` (e.g. To="+852..."), every page."""
        params = {**filters, "PageSize": PAGE_SIZE}
        return list(self._pages(f"{self._account}/Messages.json", params, "messages"))

    def media_sids(self, message_sid: str) -> list[str]:
        url = f"{self._account}/Messages/{message_sid}/Media.json"
        return [media["sid"] for media in self._pages(url, {"PageSize": PAGE_SIZE}, "media_list")]

    def delete_media(self, message_sid: str, media_sid: str) -> bool:
        """True when deleted now, False when it was already gone."""
        url = f"{self._account}/Messages/{message_sid}/Media/{media_sid}.json"
        return self._request("DELETE", url) is not None

    def delete_message(self, message_sid: str) -> bool:
        """True when deleted now, False when it was already gone."""
        return self._request("DELETE", f"{self._account}/Messages/{message_sid}.json") is not None


def _error_code(response: httpx.Response) -> int | None:
    try:
        code = response.json().get("code")
    except ValueError:
        return None
    return code if isinstance(code, int) else None


def _created_at(record: dict[str, Any]) -> dt.datetime | None:
    """A record's date_created (RFC 2822) as naive UTC, or None when absent or unreadable."""
    try:
        stamp = parsedate_to_datetime(record.get("date_created") or "")
    except (TypeError, ValueError):
        return None
    if stamp is None:
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return stamp


def twilio_address(channel: str, number: str) -> str:
    return f"whatsapp:{number}" if channel == "whatsapp" else number


def queue_twilio_erasure(
    conn: Connection,
    conversation_id: str,
    channel: str,
    number_cipher: str,
    sids: list[str],
    after: dt.timedelta = ERASE_AFTER,
) -> None:
    """Files the deletion of a texter's Twilio records, inside the caller's transaction.

    The number stays encrypted, as the contact had it, until the job is done.
    """
    now = utcnow()
    conn.execute(
        insert(twilio_cleanup).values(
            kind="erase",
            conversation_id=conversation_id,
            channel=channel,
            number_cipher=number_cipher,
            sids=json.dumps(sorted(set(sids))),
            created_at=now,
            not_before=now + after,
            attempts=0,
        )
    )


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    message_sid: str | None
    conversation_id: str | None
    channel: str | None
    number_cipher: str | None
    sids: list[str]
    created_at: dt.datetime
    not_before: dt.datetime
    attempts: int
    last_error: str | None = None


class TwilioCleanup:
    """Runs the clean-up jobs against Twilio; `start()` a worker thread or call `run_due()` yourself."""

    def __init__(
        self,
        engine: Engine,
        cipher: Cipher,
        rest: TwilioRest,
        clock: Callable[[], dt.datetime] = utcnow,
        poll_seconds: float = POLL_SECONDS,
        background: bool = True,
    ) -> None:
        self._engine = engine
        self._cipher = cipher
        self._rest = rest
        self._clock = clock
        self._poll_seconds = poll_seconds
        self._background = background  # False: no worker thread, the caller runs `run_due()`
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._progress = threading.Condition()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # --- queueing ---------------------------------------------------------------------------------

    def queue_media(self, message_sid: str) -> None:
        """Files the deletion of an inbound message's media (before the webhook answers); wakes the worker."""
        now = self._clock()
        with self._engine.begin() as conn:
            conn.execute(
                insert(twilio_cleanup).values(
                    kind="media", message_sid=message_sid, created_at=now, not_before=now, attempts=0
                )
            )
        self.kick()

    def pending(self) -> list[Job]:
        """Every job still to do, soonest first."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(twilio_cleanup).order_by(twilio_cleanup.c.not_before)).all()
        return [_job(row) for row in rows]

    # --- the worker thread --------------------------------------------------------------------------

    def ensure_running(self) -> None:
        """Starts the worker thread in this process if it is not running (cheap; call it freely)."""
        if not self._background or (self._thread is not None and self._thread.is_alive()):
            return
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="twilio-cleanup", daemon=True)
            self._thread.start()

    def kick(self) -> None:
        """Makes the worker look for due jobs now."""
        self.ensure_running()
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def wait_until_idle(self, timeout: float) -> bool:
        """True once no job is left (the worker notifies after each round); False after `timeout`."""
        with self._progress:
            return self._progress.wait_for(lambda: not self.pending(), timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.run_due()
                wait = self._seconds_to_next_due()
            except Exception as error:  # noqa: BLE001 - the worker outlives a database hiccup
                logger.error("twilio_cleanup.worker_failed", extra={"error": type(error).__name__})
                wait = self._poll_seconds
            with self._progress:
                self._progress.notify_all()
            self._wake.wait(wait)

    def _seconds_to_next_due(self) -> float:
        with self._engine.connect() as conn:
            soonest = conn.execute(
                select(twilio_cleanup.c.not_before).order_by(twilio_cleanup.c.not_before).limit(1)
            ).scalar()
        if soonest is None:
            return self._poll_seconds
        return min(self._poll_seconds, max(0.0, (soonest - self._clock()).total_seconds()))

    # --- running jobs -------------------------------------------------------------------------------

    def run_due(self) -> int:
        """Runs every due job once; returns how many finished (done, or given up)."""
        finished = 0
        while True:
            now = self._clock()
            with self._engine.connect() as conn:
                rows = conn.execute(
                    select(twilio_cleanup)
                    .where(twilio_cleanup.c.not_before <= now)
                    .order_by(twilio_cleanup.c.not_before)
                    .limit(BATCH)
                ).all()
            claimed = [job for job in map(_job, rows) if self._claim(job, now)]
            if not claimed:
                return finished
            for job in claimed:
                finished += self._run(job)

    def _claim(self, job: Job, now: dt.datetime) -> bool:
        """Takes the job for LEASE, unless another worker took it first."""
        with self._engine.begin() as conn:
            taken = conn.execute(
                update(twilio_cleanup)
                .where(twilio_cleanup.c.id == job.id, twilio_cleanup.c.not_before == job.not_before)
                .values(not_before=now + LEASE, attempts=twilio_cleanup.c.attempts + 1)
            ).rowcount
        return taken == 1

    def _run(self, job: Job) -> int:
        attempt = job.attempts + 1
        try:
            if job.kind == "media":
                self._delete_media(job)
            elif job.kind == "erase":
                self._erase(job)
            else:
                raise TwilioError(f"unknown_kind_{job.kind}"[:48], transient=False)
        except Exception as error:  # noqa: BLE001 - every failure is retried later, none loses the job
            reason = error.reason if isinstance(error, TwilioError) else type(error).__name__
            if attempt >= MAX_ATTEMPTS:
                self._finish(job)
                logger.error(
                    "twilio_cleanup.gave_up",
                    extra={"job": job.id, "kind": job.kind, "attempts": attempt, "error": reason},
                )
                return 1
            delay = min(LONGEST_RETRY, FIRST_RETRY * 2 ** (attempt - 1))
            with self._engine.begin() as conn:
                conn.execute(
                    update(twilio_cleanup)
                    .where(twilio_cleanup.c.id == job.id)
                    .values(not_before=self._clock() + delay, last_error=reason[:48])
                )
            log = logger.info if getattr(error, "transient", False) else logger.warning
            log(
                "twilio_cleanup.retry_later",
                extra={
                    "job": job.id,
                    "kind": job.kind,
                    "attempts": attempt,
                    "error": reason,
                    "in_seconds": int(delay.total_seconds()),
                },
            )
            return 0
        self._finish(job)
        return 1

    def _finish(self, job: Job) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(twilio_cleanup).where(twilio_cleanup.c.id == job.id))

    def _delete_media(self, job: Job) -> None:
        assert job.message_sid
        deleted = self._delete_media_of(job.message_sid)
        logger.info("twilio_cleanup.media_deleted", extra={"job": job.id, "count": deleted})

    def _delete_media_of(self, message_sid: str) -> int:
        deleted = 0
        for media_sid in self._rest.media_sids(message_sid):
            deleted += self._rest.delete_media(message_sid, media_sid)
        return deleted

    def _erase(self, job: Job) -> None:
        """Deletes every record to or from the texter up to shortly after the request, media first.

        Records still in progress, or that Twilio will not delete yet, leave the job to run again;
        each run starts from a fresh listing, so what was deleted is not asked for twice.
        """
        assert job.number_cipher and job.channel
        address = twilio_address(job.channel, self._cipher.decrypt(job.number_cipher))
        cutoff = job.created_at + ERASE_GRACE
        records: dict[str, dict[str, Any]] = {}
        for direction in ("To", "From"):
            for record in self._rest.messages(**{direction: address}):
                records.setdefault(record["sid"], record)
        deleted, waiting = 0, 0
        last_error: TwilioError | None = None
        for sid in job.sids:
            if sid not in records:  # sent through REST but not listed (any more): delete it by its sid
                records[sid] = {"sid": sid, "num_media": "1"}
        for sid, record in records.items():
            created = _created_at(record)
            if created is not None and created > cutoff:
                continue  # a later conversation of the same number: not part of this request
            if record.get("status") in IN_PROGRESS:
                waiting += 1
                continue
            try:
                if str(record.get("num_media") or "0") != "0":
                    self._delete_media_of(sid)
                deleted += self._rest.delete_message(sid)
            except TwilioError as error:
                if not error.transient:
                    raise
                waiting += 1
                last_error = error
        logger.info(
            "twilio_cleanup.records_erased",
            extra={
                "job": job.id,
                "conversation": (job.conversation_id or "")[:8],
                "count": deleted,
                "waiting": waiting,
            },
        )
        if waiting:
            raise last_error or TwilioError("not_complete_yet", transient=True)


def _job(row: Any) -> Job:
    return Job(
        id=row.id,
        kind=row.kind,
        message_sid=row.message_sid,
        conversation_id=row.conversation_id,
        channel=row.channel,
        number_cipher=row.number_cipher,
        sids=json.loads(row.sids) if row.sids else [],
        created_at=row.created_at,
        not_before=row.not_before,
        attempts=row.attempts,
        last_error=row.last_error,
    )
