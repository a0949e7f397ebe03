"""Region facts (content/regions.yml): which regions are served, their names in the three languages,
time zones, the Chinese and script usual there, how texters name them, the simulator's sample numbers.

Every other module asks here: the directory (names, served regions), the opening hours (time zones),
the triage (places, the script a region reads), the reply-language switch, the web chat's region list and
time-zone guess, the texter simulator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from helpline.content import content_path

REGIONS_PATH = content_path("regions.yml")
FALLBACK_REGION = "INTL"


@dataclass(frozen=True)
class Region:
    code: str
    names: dict[str, str] = field(default_factory=dict)
    time_zone: str | None = None
    chinese: str = "cmn"
    script: str = "Hans"
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Regions:
    regions: dict[str, Region]
    served: tuple[str, ...]
    served_by: dict[str, str]
    time_zones: dict[str, str]
    simulator_numbers: dict[str, str]

    def get(self, code: str | None) -> Region | None:
        return self.regions.get((code or "").upper())

    def names(self, code: str | None) -> dict[str, str]:
        """The region's name per language ({} when regions.yml does not name it)."""
        region = self.get(code)
        return dict(region.names) if region else {}

    def time_zone(self, code: str | None) -> str | None:
        region = self.get(code)
        return region.time_zone if region else None

    def chinese(self, code: str | None) -> str:
        """The Chinese a texter in this region most likely writes: 'yue' or 'cmn'."""
        region = self.get(code)
        return region.chinese if region else "cmn"

    def script(self, code: str | None) -> str:
        """The script a Chinese reply takes for this region when the text does not tell: 'Hant' or 'Hans'."""
        region = self.get(code)
        return region.script if region else "Hans"

    def places(self) -> dict[str, tuple[str, ...]]:
        """Region -> the names texters give it (lower case), for the regions that have any."""
        return {code: region.places for code, region in self.regions.items() if region.places}

    def region_for_time_zone(self, zone: str) -> str | None:
        """A region for a zone pytz lists under no country (Asia/Chongqing -> CN), else None."""
        return self.time_zones.get(zone)


def parse_regions(data: dict) -> Regions:
    regions = {
        str(code).upper(): Region(
            code=str(code).upper(),
            names=dict(entry.get("name") or {}),
            time_zone=entry.get("time_zone"),
            chinese=entry.get("chinese") or "cmn",
            script=entry.get("script") or "Hans",
            places=tuple(str(place).lower() for place in entry.get("places") or ()),
        )
        for code, entry in (data.get("regions") or {}).items()
    }
    return Regions(
        regions=regions,
        served=tuple(data.get("served") or ()),
        served_by={str(k).upper(): str(v).upper() for k, v in (data.get("served_by") or {}).items()},
        time_zones=dict(data.get("time_zones") or {}),
        simulator_numbers={str(k): str(v) for k, v in (data.get("simulator_numbers") or {}).items()},
    )


def load_regions(path: Path = REGIONS_PATH) -> Regions:
    return parse_regions(yaml.safe_load(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def get_regions() -> Regions:
    return load_regions()
