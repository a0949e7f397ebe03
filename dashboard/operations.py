"""Opening hours, capacity and the expected wait for the dashboard; the scheduler inside the app."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter

from fastapi import FastAPI, Request

from helpline.content.hours import get_hours
from helpline.settings import clock
from helpline.settings.logs import get_logger
from helpline.store import availability as avail
from helpline.store.scheduler import Scheduler

logger = get_logger("dashboard.operations")


def _iso(value: dt.datetime | None) -> str | None:
    return (
        None if value is None else value.astimezone(clock.UTC).replace(microsecond=0).isoformat()[:-6] + "Z"
    )


def capacity(request: Request, user_id: int) -> tuple[bool, int, int]:
    """(under the limit, open conversations held, limit) for one account."""
    state = request.app.state
    return avail.has_capacity(state.engine, user_id, state.settings.max_open_per_counsellor)


def opening_hours(now: dt.datetime) -> dict:
    hours = get_hours()
    regions = []
    for code, region in hours.regions.items():
        zone = region.zone
        opening = region.next_opening(now)
        closes = region.current_period_end(now)
        regions.append(
            {
                "region": code,
                "timezone": region.timezone,
                "local_time": now.astimezone(zone).strftime("%a %H:%M"),
                "open_now": region.is_open(now),
                "closes_at": _iso(closes),
                "closes_local": closes.astimezone(zone).strftime("%a %H:%M") if closes else None,
                "next_opening": _iso(opening),
                "next_opening_local": opening.astimezone(zone).strftime("%a %d %b %H:%M")
                if opening
                else None,
                "weekly": region.describe(),
                "weekly_text": "; ".join(
                    f"{row['day']} {', '.join(row['ranges'])}" for row in region.describe() if row["ranges"]
                ),
            }
        )
    return {"version": hours.version, "updated": hours.updated, "regions": regions}


def expected_label(wait: dict) -> str:
    """'~15 min', 'Sat 14:00 (Asia/Hong_Kong)' or 'nobody on duty' for the queue's expected wait."""
    if wait["kind"] == "minutes":
        return f"~{wait['minutes']} min"
    if wait["kind"] == "next_opening" and wait["next_opening_local"]:
        local = dt.datetime.fromisoformat(wait["next_opening_local"])
        return f"{local.strftime('%a %H:%M')} ({wait['timezone']})"
    return "nobody on duty"


def availability(request: Request) -> dict:
    """GET /api/availability: hours, team load and the queue's expected wait."""
    state = request.app.state
    now = clock.now()
    default = state.settings.max_open_per_counsellor
    team = avail.load(state.engine, default)
    waiting = state.handoffs.list("waiting")
    regions = Counter((h.region or "INTL") for h in waiting)
    queue_wait = avail.expected_wait(None, now, engine=state.engine, default_max_open=default)
    by_region = {
        region: avail.expected_wait(region, now, engine=state.engine, default_max_open=default).as_dict()
        for region in sorted(regions)
    }
    return {
        "scheduler": Scheduler(state.engine, jobs={}).status(),
        "now": _iso(now),
        "opening_hours": opening_hours(now),
        "default_max_open": default,
        "on_duty": sum(1 for person in team if person["available"]),
        "team": team,
        "queue": {
            "waiting": len(waiting),
            "waiting_by_region": dict(regions),
            "expected_wait": queue_wait.as_dict(),
            "expected_wait_label": expected_label(queue_wait.as_dict()),
            "expected_wait_by_region": by_region,
        },
    }


def start_scheduler(app: FastAPI) -> None:
    """Runs the registered jobs in this dashboard process; the lease rows keep them single-run."""
    settings = app.state.settings
    if not settings.scheduler_enabled:
        return
    from helpline.jobs.followup import register_jobs

    register_jobs(app.state.engine, app.state.sender, app.state.contacts)
    from helpline.store.handoffs import register_deadline_job

    register_deadline_job(app.state.engine)
    from helpline.jobs.purge import register_purge_job

    register_purge_job(app.state.engine, settings.tracker_store_url, settings.var_dir)
    scheduler = Scheduler(app.state.engine)
    stop = asyncio.Event()
    app.state.scheduler = scheduler
    app.state.scheduler_stop = stop
    app.state.scheduler_task = asyncio.ensure_future(
        scheduler.run_forever(stop, float(settings.scheduler_interval_seconds))
    )


async def stop_scheduler(app: FastAPI) -> None:
    stop = getattr(app.state, "scheduler_stop", None)
    task = getattr(app.state, "scheduler_task", None)
    if stop is None or task is None:
        return
    stop.set()
    try:
        await asyncio.wait_for(task, timeout=10)
    except asyncio.TimeoutError:
        task.cancel()


async def ask_survey_after_close(request: Request, handoff) -> str:
    """The one "did this help?" question after a counsellor's conversation: 'sent', 'off',
    'not_sent:<reason>' (no counsellor ever held it, STOP, erased, WhatsApp window...)."""
    from helpline.jobs.followup import ask_survey

    state = request.app.state
    if not state.settings.survey_enabled:
        return "off"
    if handoff.claimed_at is None:
        return "not_sent:never_claimed"
    try:
        return await ask_survey(
            state.engine,
            state.sender,
            state.contacts,
            handoff.conversation_id,
            handoff.id,
            state.directory,
            language=handoff.language,
            script=handoff.script,
            region=handoff.region,
        )
    except Exception as error:  # noqa: BLE001 - the close itself has succeeded; never a 500 here
        logger.warning("survey.failed", extra={"handoff": handoff.id, "error": type(error).__name__})
        return "not_sent:error"
