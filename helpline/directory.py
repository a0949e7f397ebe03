"""The region-aware directory of services (data/directory.yml): the only source of numbers we send."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from helpline.config import REPO_ROOT

DIRECTORY_PATH = REPO_ROOT / "data" / "directory.yml"
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

    def label(self, language: str) -> str:
        """`Name: number` (or url) in the texter's language."""
        contact = self.number or self.url or ""
        return f"{self.names.get(language) or self.names['en']} {contact}".strip()


class Directory:
    def __init__(self, regions: dict[str, dict]) -> None:
        self._regions = regions
        self._services: dict[str, list[Service]] = {
            code: [
                Service(
                    region=code,
                    kind=entry["kind"],
                    names=entry["name"],
                    number=entry.get("number"),
                    url=entry.get("url"),
                    hours=entry.get("hours"),
                    audience=entry.get("audience"),
                    text_keyword=entry.get("text_keyword"),
                    source=entry["source"],
                    checked=str(entry["checked"]),
                )
                for entry in region["services"]
            ]
            for code, region in regions.items()
        }

    @classmethod
    def load(cls, path: Path = DIRECTORY_PATH) -> Directory:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(data["regions"])

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(self._services)

    def resolve_region(self, region: str | None) -> str:
        """The region itself when we list it, else the international fallback."""
        return region if region in self._services else FALLBACK_REGION

    def region_name(self, region: str | None, language: str) -> str:
        names = self._regions[self.resolve_region(region)]["name"]
        return names.get(language) or names["en"]

    def services(self, region: str | None, kind: str) -> list[Service]:
        return [s for s in self._services[self.resolve_region(region)] if s.kind == kind]

    def all_services(self) -> list[Service]:
        return [service for services in self._services.values() for service in services]

    def first_number(self, region: str | None, *kinds: str) -> Service | None:
        """The first listed service of the first kind that the region has."""
        for kind in kinds:
            found = [s for s in self.services(region, kind) if s.number]
            if found:
                return found[0]
        return None


@lru_cache(maxsize=1)
def get_directory() -> Directory:
    return Directory.load()
