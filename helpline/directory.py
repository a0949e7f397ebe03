"""The region-aware directory of services: the only source of the numbers and addresses we send.

Two data files: data/directory.yml (the served regions in full, a few other countries' confirmed crisis
lines, and the services for everyone: take-down, the international crisis-line finder) and
data/emergency_numbers.yml (every other country's emergency and police numbers, from Android's emergency
number database). helpline/placeholders.py turns them into the texts the responses carry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from helpline.settings.config import REPO_ROOT

DIRECTORY_PATH = REPO_ROOT / "data" / "directory.yml"
EMERGENCY_NUMBERS_PATH = REPO_ROOT / "data" / "emergency_numbers.yml"
FALLBACK_REGION = "INTL"
LANGUAGES = ("en", "yue", "cmn")


@dataclass(frozen=True)
class Service:
    region: str
    kind: str
    names: dict[str, str]
    number: str | None
    url: str | None
    hours: str | None
    audience: str | None
    text_keyword: str | None
    source: str
    checked: str
    texts: dict[str, str] | None = None

    def label(self, language: str) -> str:
        """What the texter reads: the entry's own `text`, else `Name number` (or url)."""
        if self.texts:
            return self.texts.get(language) or self.texts["en"]
        contact = self.number or self.url or ""
        return f"{self.names.get(language) or self.names['en']} {contact}".strip()


@dataclass(frozen=True)
class Country:
    """A country from data/emergency_numbers.yml."""

    code: str
    emergency: tuple[str, ...]
    police: str
    names: dict[str, str]


def _service(code: str, entry: dict) -> Service:
    return Service(
        region=code,
        kind=entry["kind"],
        names=entry.get("name") or entry.get("text") or {},
        number=entry.get("number"),
        url=entry.get("url"),
        hours=entry.get("hours"),
        audience=entry.get("audience"),
        text_keyword=entry.get("text_keyword"),
        source=entry["source"],
        checked=str(entry["checked"]),
        texts=entry.get("text"),
    )


class Directory:
    def __init__(
        self,
        regions: dict[str, dict],
        served: tuple[str, ...] = (),
        served_by: dict[str, str] | None = None,
        countries: dict[str, dict] | None = None,
        countries_source: dict[str, str] | None = None,
    ) -> None:
        self._regions = regions
        self.served = tuple(served)
        self.served_by = dict(served_by or {})
        self.countries_source = dict(countries_source or {})
        self._services: dict[str, list[Service]] = {
            code: [_service(code, entry) for entry in region["services"]] for code, region in regions.items()
        }
        self._countries: dict[str, Country] = {
            code: Country(
                code=code,
                emergency=tuple(str(n) for n in entry["emergency"]),
                police=str(entry["police"]),
                names=entry.get("name") or {},
            )
            for code, entry in (countries or {}).items()
        }

    @classmethod
    def load(cls, path: Path = DIRECTORY_PATH, numbers_path: Path = EMERGENCY_NUMBERS_PATH) -> Directory:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        numbers = yaml.safe_load(numbers_path.read_text(encoding="utf-8")) if numbers_path.exists() else {}
        countries = numbers.pop("countries", {}) if numbers else {}
        return cls(
            data["regions"],
            served=tuple(data.get("served") or ()),
            served_by=data.get("served_by") or {},
            countries=countries,
            countries_source={k: str(v) for k, v in (numbers or {}).items()},
        )

    @property
    def regions(self) -> tuple[str, ...]:
        """The regions data/directory.yml lists (served ones, a few others, and INTL)."""
        return tuple(self._services)

    @property
    def countries(self) -> tuple[str, ...]:
        """Every country data/emergency_numbers.yml lists."""
        return tuple(self._countries)

    def canonical(self, region: str | None) -> str | None:
        """The region whose lines serve `region`: Guernsey, Jersey and the Isle of Man use the UK's."""
        if not region:
            return None
        region = region.upper()
        return self.served_by.get(region, region)

    def resolve_region(self, region: str | None) -> str:
        """The region itself when we know it (directory or emergency-number list), else INTL."""
        region = self.canonical(region)
        if region and (region in self._services or region in self._countries):
            return region
        return FALLBACK_REGION

    def country(self, region: str | None) -> Country | None:
        return self._countries.get(self.canonical(region) or "")

    def region_name(self, region: str | None, language: str) -> str:
        resolved = self.resolve_region(region)
        if resolved in self._regions:
            names = self._regions[resolved]["name"]
        else:
            names = self._countries[resolved].names or self._regions[FALLBACK_REGION]["name"]
        return names.get(language) or names["en"]

    def services(self, region: str | None, kind: str) -> list[Service]:
        """The region's own services of this kind (none for regions only the number list knows)."""
        return [s for s in self._services.get(self.resolve_region(region), []) if s.kind == kind]

    def all_services(self) -> list[Service]:
        return [service for services in self._services.values() for service in services]

    def first_number(self, region: str | None, *kinds: str) -> Service | None:
        """The first listed service with a number, of the first kind that the region has."""
        for kind in kinds:
            found = [s for s in self.services(region, kind) if s.number]
            if found:
                return found[0]
        return None


@lru_cache(maxsize=1)
def get_directory() -> Directory:
    return Directory.load()
