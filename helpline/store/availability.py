"""Who can take a conversation, and what a waiting texter may honestly expect.

- A counsellor signed in and on duty (`users.available`) counts as available whatever the opening
  hours say; outside them, and with nobody on duty, nobody is promised.
- Capacity: each counsellor holds at most `users.max_open` claimed conversations (null: the
  configured default, HELPLINE_MAX_OPEN_PER_COUNSELLOR). Beyond it they cannot claim more; a
  supervisor can assign past it (dashboard, audited).
- `expected_wait(region, now)`: with someone on duty, the median of recent waits (created -> claimed)
  rounded up to 5 minutes; with nobody on duty, the next scheduled opening in the texter's region's
  time zone (content/opening_hours.yml), or `unknown` when the rota says open but nobody is signed in.
  `wait_text(...)` words it in the texter's language.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from helpline.content.hours import OpeningHours, get_hours
from helpline.content.script import to_script
from helpline.content.waits import LOCAL_TIME, TODAY, TOMORROW, WAIT_TEXTS, WAIT_UNREADABLE, WEEKDAYS
from helpline.settings import clock
from helpline.settings.logs import get_logger
from helpline.store.db import handoffs, users

logger = get_logger("helpline.store.availability")

RECENT_WAITS = 50  # the last claims that make the median
RECENT_WINDOW = dt.timedelta(days=14)
DEFAULT_WAIT_MINUTES = 15  # before any claim has been recorded
ROUND_TO_MINUTES = 5

# Placeholder-ready short texts, authored per language (Cantonese Traditional HK, Mandarin Simplified,
# English GSM-7); {minutes} and {when} are filled by `wait_text`. Promise nothing: "usually", "expected".


@dataclass(frozen=True)
class ExpectedWait:
    kind: str  # minutes | next_opening | unknown
    minutes: int | None  # the expected wait when someone is on duty
    next_opening: dt.datetime | None  # aware UTC, when nobody is on duty
    timezone: str  # the region's zone, for wording the next opening
    region: str
    on_duty: int
    free_counsellors: int  # on duty and under capacity
    in_hours: bool
    sample: int  # how many recent claims the median used (0: the default)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["next_opening"] = (
            None if self.next_opening is None else self.next_opening.isoformat().replace("+00:00", "Z")
        )
        data["next_opening_local"] = (
            None
            if self.next_opening is None
            else self.next_opening.astimezone(_zone(self.timezone)).replace(tzinfo=None).isoformat()
        )
        return data


def _zone(name: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def limit_for(max_open: int | None, default: int) -> int:
    return int(max_open) if max_open else int(default)


def open_counts(engine: Engine) -> dict[int, int]:
    """Claimed conversations per counsellor id."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(handoffs.c.assigned_to, func.count())
            .where(handoffs.c.status == "claimed", handoffs.c.assigned_to.is_not(None))
            .group_by(handoffs.c.assigned_to)
        ).all()
    return {int(user_id): int(count) for user_id, count in rows}


def load(engine: Engine, default_max_open: int) -> list[dict]:
    """Every active account with its duty state, open conversations and limit."""
    counts = open_counts(engine)
    with engine.connect() as conn:
        rows = conn.execute(
            select(users.c.id, users.c.display_name, users.c.role, users.c.available, users.c.max_open)
            .where(users.c.active.is_(True))
            .order_by(users.c.display_name, users.c.id)
        ).all()
    result = []
    for row in rows:
        limit = limit_for(row.max_open, default_max_open)
        held = counts.get(row.id, 0)
        result.append(
            {
                "id": row.id,
                "display_name": row.display_name,
                "role": row.role,
                "available": bool(row.available),
                "open": held,
                "max_open": limit,
                "max_open_override": row.max_open,
                "at_capacity": held >= limit,
            }
        )
    return result


def has_capacity(engine: Engine, user_id: int, default_max_open: int) -> tuple[bool, int, int]:
    """(under the limit, conversations held, limit) for one counsellor."""
    with engine.connect() as conn:
        max_open = conn.execute(select(users.c.max_open).where(users.c.id == user_id)).scalar()
    limit = limit_for(max_open, default_max_open)
    held = open_counts(engine).get(user_id, 0)
    return held < limit, held, limit


def recent_waits(engine: Engine, now: dt.datetime) -> list[float]:
    """Seconds from opening to claim of the latest claims in the recent window."""
    since = clock.naive_utc(now) - RECENT_WINDOW
    with engine.connect() as conn:
        rows = conn.execute(
            select(handoffs.c.created_at, handoffs.c.claimed_at)
            .where(handoffs.c.claimed_at.is_not(None), handoffs.c.claimed_at >= since)
            .order_by(handoffs.c.claimed_at.desc())
            .limit(RECENT_WAITS)
        ).all()
    return [max(0.0, (row.claimed_at - row.created_at).total_seconds()) for row in rows]


def expected_wait(
    region: str | None,
    now: dt.datetime | None = None,
    *,
    engine: Engine | None = None,
    hours: OpeningHours | None = None,
    default_max_open: int | None = None,
) -> ExpectedWait:
    """What a texter in `region` may honestly expect now (see the module docstring)."""
    from helpline.settings.config import get_settings

    now = now or clock.now()
    settings = None
    if engine is None or default_max_open is None:
        settings = get_settings()
    if engine is None:
        from helpline.store.db import engine_for

        engine = engine_for(settings.database_url)
    if default_max_open is None:
        default_max_open = settings.max_open_per_counsellor
    hours = hours or get_hours()
    region_hours = hours.for_region(region)
    people = load(engine, default_max_open)
    on_duty = [p for p in people if p["available"]]
    free = [p for p in on_duty if not p["at_capacity"]]
    in_hours = region_hours.is_open(now)
    if on_duty:
        waits = recent_waits(engine, now)
        if waits:
            median = statistics.median(waits) / 60
            minutes = max(ROUND_TO_MINUTES, math.ceil(median / ROUND_TO_MINUTES) * ROUND_TO_MINUTES)
        else:
            minutes = DEFAULT_WAIT_MINUTES
        return ExpectedWait(
            "minutes",
            minutes,
            None,
            region_hours.timezone,
            region_hours.region,
            len(on_duty),
            len(free),
            in_hours,
            len(waits),
        )
    # Inside the rota's hours with nobody signed in, no time can honestly be given: "unknown".
    opening = None if in_hours else region_hours.next_opening(now)
    return ExpectedWait(
        "next_opening" if opening else "unknown",
        None,
        opening,
        region_hours.timezone,
        region_hours.region,
        0,
        0,
        in_hours,
        0,
    )


def when_text(opening: dt.datetime, now: dt.datetime, timezone: str, language: str) -> str:
    """'today 14:00' / 'tomorrow 09:00' / 'Mon 09:00' in the region's time, in the texter's language."""
    zone = _zone(timezone)
    local, today = opening.astimezone(zone), now.astimezone(zone).date()
    time_of_day = local.strftime("%H:%M")
    days = (local.date() - today).days
    if days == 0:
        day = TODAY[language]
    elif days == 1:
        day = TOMORROW[language]
    else:
        day = WEEKDAYS[language][local.weekday()]
    joined = f"{day} {time_of_day}" if language == "en" else f"{day}{time_of_day}"
    return LOCAL_TIME[language].format(when=joined)


def wait_placeholders(result: ExpectedWait, language: str, now: dt.datetime | None = None) -> dict[str, str]:
    """{minutes} and {when} for the texts, in `language` (en, yue, cmn)."""
    language = language if language in WEEKDAYS else "en"
    when = ""
    if result.next_opening is not None:
        when = when_text(result.next_opening, now or clock.now(), result.timezone, language)
    return {"minutes": str(result.minutes or ""), "when": when}


def wait_text(
    result: ExpectedWait, language: str, script: str | None = None, now: dt.datetime | None = None
) -> str:
    """The expectation in one short sentence, in the texter's language and script."""
    language = language if language in WEEKDAYS else "en"
    text = WAIT_TEXTS[result.kind][language].format(**wait_placeholders(result, language, now))
    return to_script(text, script, language)


# When the expected wait cannot be read (a database failure): no time is given, nothing is promised.
# Keyed by whether someone is known to be on duty (None: not known either).


def wait_sentence(
    region: str | None, language: str, *, engine: Engine, on_duty: bool | None = None
) -> tuple[bool | None, str]:
    """(someone is on duty, the honest expected wait in one sentence, authored script): `wait_text`
    for the region, or a sentence giving no time when the wait cannot be read. Never raises: the reply
    it goes into matters more than the estimate. The actions' handoff replies and the channels'
    holding notice both word the wait with it."""
    language = language if language in WAIT_UNREADABLE else "en"
    try:
        result = expected_wait(region, engine=engine)
    except Exception as error:  # noqa: BLE001 - the reply matters more than the estimate
        logger.warning("handoff.wait_unreadable", extra={"error": type(error).__name__})
        return on_duty, WAIT_UNREADABLE[language][on_duty]
    return result.kind == "minutes", wait_text(result, language)
