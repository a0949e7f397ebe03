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
    "GB": (
        "uk",
        "united kingdom",
        "england",
        "london",
        "scotland",
        "wales",
        "northern ireland",
        "guernsey",
        "isle of man",
        "英國",
        "英国",
        "倫敦",
        "伦敦",
    ),
    "US": ("usa", "united states", "america", "new york", "california", "美國", "美国", "紐約", "纽约"),
    # Beyond the served regions: a country the texter names gets its own lines (emergency number, crisis
    # line where confirmed, the international finder). Ambiguous names (Jersey, Georgia) are left out.
    "CA": ("canada", "toronto", "vancouver", "加拿大", "多倫多", "多伦多", "溫哥華", "温哥华"),
    "AU": (
        "australia",
        "sydney",
        "melbourne",
        "澳洲",
        "澳大利亞",
        "澳大利亚",
        "悉尼",
        "雪梨",
        "墨爾本",
        "墨尔本",
    ),
    "NZ": ("new zealand", "auckland", "紐西蘭", "新西蘭", "新西兰", "纽西兰"),
    "JP": ("japan", "tokyo", "osaka", "日本", "東京", "东京", "大阪"),
    "KR": ("south korea", "korea", "seoul", "韓國", "韩国", "南韓", "首爾", "首尔"),
    "PH": ("philippines", "manila", "菲律賓", "菲律宾"),
    "ID": ("indonesia", "jakarta", "印尼", "印度尼西亞", "印度尼西亚"),
    "TH": ("thailand", "bangkok", "泰國", "泰国", "曼谷"),
    "VN": ("vietnam", "viet nam", "越南"),
    "IN": ("india", "印度"),
    "DE": ("germany", "berlin", "德國", "德国"),
    "FR": ("france", "paris", "法國", "法国", "巴黎"),
    "BR": ("brazil", "巴西"),
    "MX": ("mexico", "墨西哥"),
    "ZA": ("south africa", "南非"),
    "NG": ("nigeria", "尼日利亞", "尼日利亚"),
    "KE": ("kenya", "肯尼亞", "肯尼亚"),
    "EG": ("egypt", "埃及"),
    "AE": ("uae", "dubai", "united arab emirates", "阿聯酋", "阿联酋", "杜拜", "迪拜"),
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
