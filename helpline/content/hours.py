"""Opening hours per region (content/opening_hours.yml; time zones from content/regions.yml), time-zone
aware, read against `helpline.settings.clock`.

`is_open(region, at)` says whether the rota has counsellors scheduled; `next_opening(region, at)` is
the start of the next scheduled period (aware UTC), or None when the rota has none in the coming weeks.
A counsellor signed in and on duty counts as available whatever the hours say
(`helpline.store.availability`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from helpline.content import content_path
from helpline.content.regions import FALLBACK_REGION, get_regions
from helpline.settings import clock

HOURS_PATH = content_path("opening_hours.yml")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SEARCH_DAYS = 15


class HoursError(ValueError):
    """The opening-hours file is malformed; the message says where."""


@dataclass(frozen=True)
class Period:
    """A range on one local day: minutes from that day's midnight (end may pass 1440: after midnight)."""

    start: int
    end: int


def _minutes(text: str, where: str) -> int:
    try:
        hours, minutes = text.strip().split(":")
        value = int(hours) * 60 + int(minutes)
    except ValueError as error:
        raise HoursError(f"{where}: {text!r} is not HH:MM") from error
    if not 0 <= value <= 24 * 60 or not 0 <= int(minutes) < 60:
        raise HoursError(f"{where}: {text!r} is not a time of day")
    return value


def _days(spec: str, where: str) -> list[int]:
    spec = spec.strip().lower()
    if "-" in spec:
        first, last = (part.strip() for part in spec.split("-", 1))
        if first not in DAYS or last not in DAYS:
            raise HoursError(f"{where}: {spec!r} is not a day range like mon-fri")
        start, end = DAYS.index(first), DAYS.index(last)
        return [d % 7 for d in range(start, end + 1 if end >= start else end + 8)]
    if spec not in DAYS:
        raise HoursError(f"{where}: {spec!r} is not a day (mon..sun)")
    return [DAYS.index(spec)]


@dataclass(frozen=True)
class RegionHours:
    region: str
    timezone: str
    weekly: dict[int, tuple[Period, ...]]  # weekday (0 = Monday) -> periods starting that day
    closed: frozenset[dt.date]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def _periods_on(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """Aware UTC (start, end) of the periods that start on this local date."""
        if day in self.closed:
            return []
        midnight = dt.datetime.combine(day, dt.time())
        result = []
        for period in self.weekly.get(day.weekday(), ()):
            # Local wall times, placed in the zone one by one (DST-correct), then compared in UTC.
            start = (midnight + dt.timedelta(minutes=period.start)).replace(tzinfo=self.zone)
            end = (midnight + dt.timedelta(minutes=period.end)).replace(tzinfo=self.zone)
            result.append((start.astimezone(clock.UTC), end.astimezone(clock.UTC)))
        return result

    def is_open(self, at: dt.datetime) -> bool:
        local_day = at.astimezone(self.zone).date()
        for day in (local_day - dt.timedelta(days=1), local_day):
            for start, end in self._periods_on(day):
                if start <= at < end:
                    return True
        return False

    def current_period_end(self, at: dt.datetime) -> dt.datetime | None:
        local_day = at.astimezone(self.zone).date()
        for day in (local_day - dt.timedelta(days=1), local_day):
            for start, end in self._periods_on(day):
                if start <= at < end:
                    return end
        return None

    def next_opening(self, at: dt.datetime) -> dt.datetime | None:
        """The start of the next period after `at` (the current one's start is not 'next')."""
        local_day = at.astimezone(self.zone).date()
        for offset in range(SEARCH_DAYS):
            for start, _ in sorted(self._periods_on(local_day + dt.timedelta(days=offset))):
                if start > at:
                    return start
        return None

    def describe(self) -> list[dict]:
        """The weekly rota for display: one row per weekday with its ranges in local time."""
        rows = []
        for index, name in enumerate(DAYS):
            ranges = [
                f"{p.start // 60:02d}:{p.start % 60:02d}-{(p.end % 1440) // 60:02d}:{p.end % 60:02d}"
                if p.end != 1440
                else f"{p.start // 60:02d}:{p.start % 60:02d}-24:00"
                for p in self.weekly.get(index, ())
            ]
            rows.append({"day": name, "ranges": ranges})
        return rows


@dataclass(frozen=True)
class OpeningHours:
    version: int
    updated: str
    regions: dict[str, RegionHours]

    def for_region(self, region: str | None) -> RegionHours:
        return self.regions.get((region or "").upper()) or self.regions[FALLBACK_REGION]

    def is_open(self, region: str | None, at: dt.datetime | None = None) -> bool:
        return self.for_region(region).is_open(at or clock.now())

    def next_opening(self, region: str | None, at: dt.datetime | None = None) -> dt.datetime | None:
        return self.for_region(region).next_opening(at or clock.now())


def parse_hours(data: dict, zones: dict[str, str] | None = None) -> OpeningHours:
    """The rota; a region's time zone is its entry's `timezone`, else `zones[code]` (content/regions.yml)."""
    zones = zones or {}
    if not isinstance(data, dict) or not isinstance(data.get("regions"), dict):
        raise HoursError("opening hours need a `regions` mapping")
    regions: dict[str, RegionHours] = {}
    for code, entry in data["regions"].items():
        where = f"regions.{code}"
        name = entry.get("timezone") or zones.get(str(code).upper())
        try:
            zone = ZoneInfo(name)
        except Exception as error:
            raise HoursError(f"{where}: unknown time zone {name!r}") from error
        weekly: dict[int, list[Period]] = {}
        for spec, ranges in (entry.get("weekly") or {}).items():
            for day in _days(str(spec), where):
                for text in ranges:
                    if "-" not in str(text):
                        raise HoursError(f"{where}.{spec}: {text!r} is not HH:MM-HH:MM")
                    first, last = str(text).split("-", 1)
                    start, end = _minutes(first, where), _minutes(last, where)
                    if start >= 24 * 60:
                        raise HoursError(f"{where}.{spec}: a range cannot start at 24:00")
                    if end <= start:
                        end += 24 * 60  # runs past midnight
                    weekly.setdefault(day, []).append(Period(start, end))
        closed = frozenset(dt.date.fromisoformat(str(day)) for day in entry.get("closed") or [])
        regions[str(code).upper()] = RegionHours(
            str(code).upper(),
            zone.key,
            {day: tuple(sorted(periods, key=lambda p: p.start)) for day, periods in weekly.items()},
            closed,
        )
    if FALLBACK_REGION not in regions:
        raise HoursError(f"opening hours need a {FALLBACK_REGION} entry for other regions")
    return OpeningHours(int(data.get("version") or 0), str(data.get("updated") or ""), regions)


def load_hours(path: Path = HOURS_PATH) -> OpeningHours:
    regions = get_regions()
    zones = {code: region.time_zone for code, region in regions.regions.items() if region.time_zone}
    with open(path, encoding="utf-8") as handle:
        return parse_hours(yaml.safe_load(handle), zones)


@lru_cache(maxsize=1)
def get_hours() -> OpeningHours:
    return load_hours()
