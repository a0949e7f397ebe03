"""Where the texter says they are ("I am in Shenzhen", "我喺澳門"): overrides the number's region."""

from __future__ import annotations

import re
from functools import lru_cache

# Place names -> ISO region. Only explicit statements of location count (see LOCATION_CUES).
PLACES: dict[str, tuple[str, ...]] = {
    "HK": ("hong kong", "hongkong", "hk", "kowloon", "香港", "九龍", "九龙", "新界"),
    "CN": (
        "shenzhen",
        "guangzhou",
        "shanghai",
        "beijing",
        "mainland",
        "china",
        "深圳",
        "广州",
        "廣州",
        "上海",
        "北京",
        "大陆",
        "大陸",
        "内地",
        "內地",
        "东莞",
        "東莞",
    ),
    "MO": ("macau", "macao", "澳門", "澳门"),
    "TW": (
        "taiwan",
        "taipei",
        "kaohsiung",
        "taichung",
        "台灣",
        "台湾",
        "臺灣",
        "台北",
        "臺北",
        "高雄",
        "台中",
    ),
    "SG": ("singapore", "新加坡", "星加坡"),
    "MY": (
        "malaysia",
        "kuala lumpur",
        "kl",
        "penang",
        "johor",
        "馬來西亞",
        "马来西亚",
        "吉隆坡",
        "檳城",
        "槟城",
    ),
    "GB": ("uk", "united kingdom", "england", "london", "scotland", "wales", "英國", "英国", "倫敦", "伦敦"),
    "US": ("usa", "united states", "america", "new york", "california", "美國", "美国", "紐約", "纽约"),
}
LOCATION_CUES = (
    r"(?:i\s*'?\s*a?m|i\s+live|living|based|staying|currently|now)\s+(?:in|at)",
    r"(?:im|i am)\s+(?:from|in)",
    r"我(?:而家|依家|現在|现在|目前|人)?(?:喺|在|住(?:喺|在)?)",
    r"(?:人)?(?:喺|在)",
)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted((name for names in PLACES.values() for name in names), key=len, reverse=True)
    places = "|".join(re.escape(name) for name in names)
    cues = "|".join(LOCATION_CUES)
    return re.compile(rf"(?:{cues})\s*(?P<place>{places})(?![a-z])", re.IGNORECASE)


def _region_of(place: str) -> str | None:
    place = place.lower()
    return next((code for code, names in PLACES.items() if place in names), None)


def stated_region(text: str) -> str | None:
    """The region the texter says they are in, or None when they do not say."""
    match = _pattern().search(text)
    return _region_of(match.group("place")) if match else None
