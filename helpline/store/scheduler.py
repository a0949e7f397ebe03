"""Jobs that run once across every replica and worker: a lease row per job in the helpline database.

Jobs are registered by name (`register("checkins", every=..., run=...)`). Each process runs
`Scheduler.run_due()` now and then (the dashboard app starts `run_forever` at startup). A job runs
only in the process whose conditional UPDATE took its lease row: SQLite serialises writers and
PostgreSQL re-checks the WHERE clause on the locked row, so two processes never both take it. A
process that dies mid-job loses the lease when it expires and another takes the job over. Every time
comes from `helpline.settings.clock`, so tests move time instead of sleeping.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from helpline.settings import clock
from helpline.settings.logs import get_logger
from helpline.store.db import insert_unless_present, job_leases

logger = get_logger("helpline.store.scheduler")

DEFAULT_LEASE = dt.timedelta(minutes=10)
JobFunction = Callable[[dt.datetime], "Awaitable[object] | object"]


@dataclass(frozen=True)
class Job:
    name: str
    every: dt.timedelta
    run: JobFunction
    lease: dt.timedelta = DEFAULT_LEASE


_registry: dict[str, Job] = {}


def register(name: str, *, every: dt.timedelta, run: JobFunction, lease: dt.timedelta = DEFAULT_LEASE) -> Job:
    """Adds (or replaces) the job called `name`; its function gets the clock's now (aware UTC)."""
    if not name or len(name) > 64:
        raise ValueError("a job needs a name of 1 to 64 characters")
    job = Job(name, every, run, lease)
    _registry[name] = job
    return job


def registered() -> dict[str, Job]:
    return dict(_registry)


def unregister(name: str) -> None:
    _registry.pop(name, None)


def holder_id() -> str:
    """Names this process in the lease row (host, pid, a random part)."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Scheduler:
    def __init__(self, engine: Engine, jobs: dict[str, Job] | None = None, holder: str | None = None) -> None:
        self._engine = engine
        self._jobs = jobs
        self.holder = holder or holder_id()

    @property
    def jobs(self) -> dict[str, Job]:
        return self._jobs if self._jobs is not None else registered()

    def take(self, job: Job, now: dt.datetime | None = None) -> bool:
        """True when this process now holds `job`'s lease and the job is due."""
        at = clock.naive_utc(now)
        with self._engine.begin() as conn:
            insert_unless_present(conn, job_leases, {"name": job.name, "next_run_at": at, "runs": 0})
            taken = conn.execute(
                update(job_leases)
                .where(
                    job_leases.c.name == job.name,
                    job_leases.c.next_run_at <= at,
                    job_leases.c.lease_until.is_(None) | (job_leases.c.lease_until <= at),
                )
                .values(holder=self.holder, lease_until=at + job.lease, last_started_at=at)
            ).rowcount
        return taken == 1

    def release(self, job: Job, status: str, now: dt.datetime | None = None) -> None:
        """Ends this process's run: next run one interval on, the lease free for anyone."""
        at = clock.naive_utc(now)
        with self._engine.begin() as conn:
            conn.execute(
                update(job_leases)
                .where(job_leases.c.name == job.name, job_leases.c.holder == self.holder)
                .values(
                    holder=None,
                    lease_until=None,
                    next_run_at=at + job.every,
                    last_finished_at=at,
                    last_status=status,
                    runs=job_leases.c.runs + 1,
                )
            )

    async def run_due(self) -> list[str]:
        """Runs every due job this process could take; returns their names."""
        ran = []
        for job in list(self.jobs.values()):
            if not await asyncio.to_thread(self.take, job):
                continue
            status = "ok"
            try:
                result = job.run(clock.now())
                if inspect.isawaitable(result):
                    await result
            except Exception as error:  # noqa: BLE001 - one failing job must not stop the others
                status = "error"
                logger.error("scheduler.job_failed", extra={"job": job.name, "error": type(error).__name__})
            await asyncio.to_thread(self.release, job, status)
            ran.append(job.name)
        return ran

    async def run_forever(self, stop: asyncio.Event, interval: float) -> None:
        """Runs due jobs every `interval` seconds until `stop` is set (the deployment's loop)."""
        logger.info("scheduler.started", extra={"jobs": sorted(self.jobs), "holder": self.holder})
        while not stop.is_set():
            try:
                await self.run_due()
            except Exception as error:  # noqa: BLE001 - a database hiccup must not end the loop
                logger.error("scheduler.pass_failed", extra={"error": type(error).__name__})
            try:
                await asyncio.wait_for(stop.wait(), timeout=interval)
            except asyncio.TimeoutError:
                pass

    def status(self) -> list[dict]:
        """Each job's lease row, for the dashboard."""
        with self._engine.connect() as conn:
            rows = conn.execute(select(job_leases).order_by(job_leases.c.name)).all()
        return [
            {
                "name": row.name,
                "next_run_at": _iso(row.next_run_at),
                "last_finished_at": _iso(row.last_finished_at),
                "last_status": row.last_status,
                "runs": row.runs,
                "running": row.lease_until is not None,
            }
            for row in rows
        ]


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.replace(microsecond=0).isoformat() + "Z"
