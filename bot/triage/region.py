"""Where the texter says they are ("I am in Shenzhen", "我喺澳門"): overrides the number's region.

The place names are region facts (`places` in content/regions.yml); only explicit statements of location
count (LOCATION_CUES)."""

from __future__ import annotations

import re
from functools import lru_cache

from helpline.content.regions import get_regions

LOCATION_CUES = (
    r"(?:i\s*'?\s*a?m|i\s+live|living|based|staying|currently|now)\s+(?:in|at)",
    r"(?:im|i am)\s+(?:from|in)",
    r"我(?:而家|依家|現在|现在|目前|人)?(?:喺|在|住(?:喺|在)?)",
    r"(?:人)?(?:喺|在)",
)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted(
        (name for names in get_regions().places().values() for name in names), key=len, reverse=True
    )
    places = "|".join(re.escape(name) for name in names)
    cues = "|".join(LOCATION_CUES)
    return re.compile(rf"(?:{cues})\s*(?P<place>{places})(?![a-z])", re.IGNORECASE)


def _region_of(place: str) -> str | None:
    place = place.lower()
    return next((code for code, names in get_regions().places().items() if place in names), None)


def stated_region(text: str) -> str | None:
    """The region the texter says they are in, or None when they do not say."""
    match = _pattern().search(text)
    return _region_of(match.group("place")) if match else None
