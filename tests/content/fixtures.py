"""What the content tests render: every response, notice and canned reply, filled with the longest values.

Placeholders are filled from `helpline.content.placeholders.placeholder_values` for the region (for an
adult and for a minor, keeping the longer value of each). A placeholder the filler does not provide yet (the
directory branch adds {police_route}, {takedown}, {payment_route}, {crisis_finder}) is filled from
WORST_CASE below: realistic values, as long as the directory's are likely to be, written from
/work/shared/REFERENCE.md. Once the filler provides a placeholder, its own values are used.
"""

from __future__ import annotations

import inspect
from functools import cache, lru_cache

import yaml

from helpline.content import RESPONSES_DIR, content_path
from helpline.content.directory import get_directory
from helpline.content.placeholders import placeholder_values
from helpline.content.script import to_script
from helpline.settings.retention import retention_placeholders

RESPONSES = RESPONSES_DIR
NOTICES = content_path("notices.yml")
CANNED = content_path("canned_replies.yml")

# The regions the helpline serves, and one it does not (the international fallback).
REGIONS = ("HK", "MO", "CN", "TW", "SG", "MY", "GB", "US", "PH")
LANGUAGES = ("en", "yue", "cmn")
LANGUAGE_SCRIPTS = (("en", "Latn"), ("yue", "Hant"), ("yue", "Hans"), ("cmn", "Hans"), ("cmn", "Hant"))
# Responses whose wording other branches own (crisis protocol, minors, waiting path; privacy and erasure).
# They are rendered and checked like every other, but their wording is not changed on this branch.
OWNED_ELSEWHERE_FILES = ("safety.yml", "handoff.yml")
OWNED_ELSEWHERE_RESPONSES = (
    "utter_privacy",
    "utter_delete_confirm",
    "utter_delete_done",
    "utter_delete_cancelled",
)

PLACEHOLDERS_ADDED_BY_THE_DIRECTORY = ("police_route", "takedown", "payment_route", "crisis_finder")

_TAKEDOWN_TW_ADULT = {
    "en": "Taiwan's Sexual Image Abuse Center siarc.mohw.gov.tw 02-6605-7373 (9am-10pm)",
    "yue": "衛福部性影像處理中心 siarc.mohw.gov.tw 02-6605-7373（9時至22時）",
    "cmn": "卫福部性影像处理中心 siarc.mohw.gov.tw 02-6605-7373（9时至22时）",
}
_TAKEDOWN_GB_ADULT = {
    "en": "Revenge Porn Helpline 0345 6000 459 revengepornhelpline.org.uk",
    "yue": "Revenge Porn Helpline 0345 6000 459 revengepornhelpline.org.uk",
    "cmn": "Revenge Porn Helpline 0345 6000 459 revengepornhelpline.org.uk",
}
_TAKEDOWN_GB_MINOR = {
    "en": "Report Remove (Childline and IWF) childline.org.uk/report-remove",
    "yue": "Report Remove（Childline 同 IWF）childline.org.uk/report-remove",
    "cmn": "Report Remove（Childline 与 IWF）childline.org.uk/report-remove",
}
_TAKEDOWN_MINOR = {
    "en": "Take It Down (NCMEC) takeitdown.ncmec.org",
    "yue": "Take It Down（NCMEC）takeitdown.ncmec.org",
    "cmn": "Take It Down（NCMEC）takeitdown.ncmec.org",
}
_STOPNCII = {"en": "StopNCII stopncii.org", "yue": "StopNCII stopncii.org", "cmn": "StopNCII stopncii.org"}
_FINDER = {
    "en": "Find A Helpline findahelpline.com",
    "yue": "Find A Helpline 全球求助熱線 findahelpline.com",
    "cmn": "Find A Helpline 全球求助热线 findahelpline.com",
}

# region -> placeholder -> language -> the longest value the directory is likely to give.
WORST_CASE: dict[str, dict[str, dict[str, str]]] = {
    "HK": {
        "police_route": {
            "en": "the nearest police station, or online at the e-Report Centre www1.erc.police.gov.hk",
            "yue": "就近警署，或網上報案中心 www1.erc.police.gov.hk",
            "cmn": "就近警署，或网上报案中心 www1.erc.police.gov.hk",
        },
        "payment_route": {
            "en": "your bank or payment app now, and the Anti-Scam Helpline 18222 (24h)",
            "yue": "即刻聯絡銀行或支付平台，同埋防騙易熱線 18222（24小時）",
            "cmn": "马上联系银行或支付平台，以及防骗易热线 18222（24小时）",
        },
    },
    "MO": {
        "police_route": {
            "en": "any police station, or the Judiciary Police report line 993",
            "yue": "任何警署，或司法警察局舉報熱線 993",
            "cmn": "任何警署，或司法警察局举报热线 993",
        },
        "payment_route": {
            "en": "your bank or payment app now, and the Judiciary Police report line 993",
            "yue": "即刻聯絡銀行或支付平台，同埋司法警察局舉報熱線 993",
            "cmn": "马上联系银行或支付平台，以及司法警察局举报热线 993",
        },
    },
    "CN": {
        "police_route": {
            "en": "call 110, or go to your local police station to report it",
            "yue": "打 110 或者去就近派出所報案",
            "cmn": "拨打110或到就近派出所报案",
        },
        "payment_route": {
            "en": "your bank or payment app now, and the national anti-fraud line 96110",
            "yue": "即刻聯絡銀行或支付平台，同埋全國反詐騙熱線 96110",
            "cmn": "马上联系银行或支付平台，以及全国反诈热线 96110",
        },
    },
    "TW": {
        "police_route": {
            "en": "the nearest police station, or call 110",
            "yue": "就近警察局報案，或打 110",
            "cmn": "就近警察局报案，或拨打110",
        },
        "payment_route": {
            "en": "your bank or payment app now, and the 165 anti-fraud line",
            "yue": "即刻聯絡銀行或支付平台，同埋165反詐騙專線",
            "cmn": "马上联系银行或支付平台，以及165反诈骗专线",
        },
        "takedown": _TAKEDOWN_TW_ADULT,
        "takedown_adult": _TAKEDOWN_TW_ADULT,
    },
    "SG": {
        "police_route": {
            "en": "a police report online at police.gov.sg or at a police station; hotline 1800-255-0000",
            "yue": "網上報案 police.gov.sg 或去警署；警方熱線 1800-255-0000",
            "cmn": "网上报案 police.gov.sg 或到警署；警方热线 1800-255-0000",
        },
        "payment_route": {
            "en": "your bank now, and the ScamShield Helpline 1799 (24h, connected to the banks)",
            "yue": "即刻聯絡銀行，同埋 ScamShield 熱線 1799（24小時）",
            "cmn": "马上联系银行，以及 ScamShield 热线 1799（24小时）",
        },
    },
    "MY": {
        "police_route": {
            "en": "call the National Scam Response Centre 997 now, and make a report at a police station",
            "yue": "即刻打國家詐騙反應中心 997，再去警署報案",
            "cmn": "马上拨打国家诈骗反应中心997，再到警局报案",
        },
        "payment_route": {
            "en": "your bank now, and the National Scam Response Centre 997 (24h) to freeze the money",
            "yue": "即刻聯絡銀行，同埋國家詐騙反應中心 997（24小時）",
            "cmn": "马上联系银行，以及国家诈骗反应中心997（24小时）",
        },
    },
    "GB": {
        "police_route": {
            "en": "the police on 101, or 999 in an emergency; under 18s can also report to CEOP",
            "yue": "警方 101，緊急時打 999",
            "cmn": "警方101，紧急时拨打999",
        },
        "payment_route": {
            "en": "your bank or payment app now; they can try to stop or recall the payment",
            "yue": "即刻聯絡你間銀行或支付平台，試下截停筆錢",
            "cmn": "马上联系你的银行或支付平台，尝试拦截这笔钱",
        },
        "takedown": _TAKEDOWN_GB_ADULT,
        "takedown_minor": _TAKEDOWN_GB_MINOR,
        "takedown_adult": _TAKEDOWN_GB_ADULT,
    },
    "US": {
        "police_route": {
            "en": "the FBI at tips.fbi.gov or 1-800-CALL-FBI; NCMEC CyberTipline 1-800-843-5678",
            "yue": "FBI tips.fbi.gov 或 1-800-CALL-FBI；NCMEC 1-800-843-5678",
            "cmn": "FBI tips.fbi.gov 或 1-800-CALL-FBI；NCMEC 1-800-843-5678",
        },
        "payment_route": {
            "en": "your bank or payment app now, and report it to the FBI at tips.fbi.gov",
            "yue": "即刻聯絡銀行或支付平台，同埋向 FBI 舉報 tips.fbi.gov",
            "cmn": "马上联系银行或支付平台，并向FBI举报 tips.fbi.gov",
        },
    },
    "PH": {
        "police_route": {
            "en": "your local police; in an emergency call 911",
            "yue": "當地警方；緊急時打 911",
            "cmn": "当地警方；紧急时拨打911",
        },
        "payment_route": {
            "en": "your bank or payment app now, and ask them to stop or recall the payment",
            "yue": "即刻聯絡銀行或支付平台，要求截停筆錢",
            "cmn": "马上联系银行或支付平台，要求拦截这笔钱",
        },
        "crisis_line": {
            "en": "911 (emergency), or a crisis line near you: findahelpline.com",
            "yue": "911（緊急），或者喺 findahelpline.com 搵附近嘅求助熱線",
            "cmn": "911（紧急），或在 findahelpline.com 找附近的求助热线",
        },
    },
}
for _region, _values in WORST_CASE.items():
    _values.setdefault("crisis_finder", _FINDER)
    _values.setdefault("takedown", _TAKEDOWN_MINOR)
    _values.setdefault("takedown_minor", _TAKEDOWN_MINOR)
    _values.setdefault("takedown_adult", _STOPNCII)


def _filler_values(region: str, language: str) -> dict[str, str]:
    """The filler's own values, the longer of adult and minor for each placeholder."""
    directory = get_directory()
    if "minor" not in inspect.signature(placeholder_values).parameters:
        return dict(placeholder_values(directory, region, language))
    values: dict[str, str] = {}
    for minor in (False, True):
        for key, value in placeholder_values(directory, region, language, minor=minor).items():
            if len(str(value)) > len(values.get(key, "")):
                values[key] = str(value)
    return values


@cache
def longest_values(region: str, language: str) -> dict[str, str]:
    """Every placeholder's longest value for a texter in `region` reading `language`.

    A placeholder the directory branch adds: the filler's value once it has one, else WORST_CASE. Any other
    placeholder WORST_CASE lists: the longer of the two (the filler may still give the old, shorter value).
    """
    values = {
        **_filler_values(region, language),
        **retention_placeholders(),
        "wait_text": longest_wait_text(language),
    }
    for key, by_language in WORST_CASE.get(region, WORST_CASE["PH"]).items():
        current = values.get(key) or ""
        if key in PLACEHOLDERS_ADDED_BY_THE_DIRECTORY:
            values[key] = current or by_language[language]
        elif len(by_language[language]) > len(current):
            values[key] = by_language[language]
    return values


@cache
def longest_wait_text(language: str) -> str:
    """The longest {wait_text} (helpline/store/availability.py) a texter can get: every kind, a long wait, an
    opening days away (a weekday name) and the unknown-wait sentences."""
    import datetime as dt

    from helpline.content.hours import get_hours
    from helpline.store.availability import ExpectedWait, wait_text

    now = dt.datetime(2026, 3, 2, 4, 0, tzinfo=dt.timezone.utc)
    texts = []
    for region in REGIONS:
        zone = get_hours().for_region(region).timezone
        for kind, minutes, opening in (
            ("minutes", 120, None),
            ("next_opening", None, now + dt.timedelta(days=0, hours=3)),
            ("next_opening", None, now + dt.timedelta(days=1, hours=5)),
            ("next_opening", None, now + dt.timedelta(days=4, hours=5)),
            ("unknown", None, None),
        ):
            result = ExpectedWait(kind, minutes, opening, zone, region, 0, 0, False, 0)
            texts.append(wait_text(result, language, None, now))
    from helpline.content.waits import WAIT_UNREADABLE

    texts += list(WAIT_UNREADABLE[language].values())
    return max(texts, key=len)


def fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


@lru_cache(maxsize=1)
def response_files() -> dict[str, str]:
    """response name -> the content/responses file it is in."""
    where: dict[str, str] = {}
    for path in sorted(RESPONSES.glob("*.yml")):
        for name in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}:
            where[name] = path.name
    return where


@lru_cache(maxsize=1)
def responses() -> dict[str, tuple[dict, ...]]:
    found: dict[str, tuple[dict, ...]] = {}
    for path in sorted(RESPONSES.glob("*.yml")):
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (domain.get("responses") or {}).items():
            found[name] = tuple(variations)
    return found


def variation(name: str, language: str) -> str:
    for candidate in responses()[name]:
        conditions = candidate.get("condition") or []
        values = {c["value"] for c in conditions if c.get("name") == "language"}
        if (language == "en" and not conditions) or language in values:
            return candidate["text"]
    raise AssertionError(f"{name} has no {language} variation")


def render(name: str, language: str, script: str, region: str, **values: str) -> str:
    """A response as the texter reads it: placeholders filled (`values` first), in the texter's script."""
    filled = fill(variation(name, language), {**longest_values(region, language), **values})
    return to_script(filled, script, language)


def render_as_sent(name: str, language: str, script: str, region: str, minor: bool = False) -> str:
    """A response exactly as the helpline sends it: the filler's own values (not the longest)."""
    values = {
        **placeholder_values(get_directory(), region, language, minor=minor),
        **retention_placeholders(),
    }
    return to_script(fill(variation(name, language), values), script, language)


def owned_here(name: str) -> bool:
    return response_files()[name] not in OWNED_ELSEWHERE_FILES and name not in OWNED_ELSEWHERE_RESPONSES


@lru_cache(maxsize=1)
def notices() -> dict[str, dict[str, str]]:
    return yaml.safe_load(NOTICES.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def canned() -> tuple[dict, ...]:
    return tuple(yaml.safe_load(CANNED.read_text(encoding="utf-8"))["replies"])
