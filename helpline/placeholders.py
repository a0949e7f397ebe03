"""Directory values for the responses' placeholders ({crisis_line}, {police_line}...) per region and language.

Responses never hold a number: these values, all from data/directory.yml, fill them in.
"""

from __future__ import annotations

from helpline.directory import Directory, Service

HOURS_24 = {"en": "24h", "yue": "24小時", "cmn": "24小时"}
DEFAULT_WAIT_MINUTES = "15"
LOCAL_EMERGENCY = {"en": "your local emergency number", "yue": "當地緊急電話", "cmn": "当地紧急电话"}
PLACEHOLDERS = (
    "emergency",
    "crisis_line",
    "police_line",
    "anti_scam_line",
    "child_line",
    "takedown_minor",
    "takedown_adult",
    "region_name",
    "wait_minutes",
)


def _label(service: Service | None, language: str, with_hours: bool = False) -> str | None:
    if service is None:
        return None
    text = service.label(language)
    if with_hours and service.hours == "24h":
        text += f" ({HOURS_24[language]})"
    return text


def _first(directory: Directory, region: str | None, *kinds: str) -> Service | None:
    for kind in kinds:
        services = directory.services(region, kind)
        if services:
            return services[0]
    return None


def _takedown(directory: Directory, audience: str) -> Service | None:
    return next((s for s in directory.services("INTL", "takedown") if s.audience == audience), None)


def placeholder_values(directory: Directory, region: str | None, language: str) -> dict[str, str]:
    """Every placeholder's text for a texter in `region` reading `language`."""
    language = language if language in HOURS_24 else "en"
    emergency_service = directory.first_number(region, "emergency", "police")
    emergency = emergency_service.number if emergency_service else LOCAL_EMERGENCY[language]
    crisis = _label(_first(directory, region, "crisis"), language, with_hours=True) or emergency
    police = _label(_first(directory, region, "anti_scam", "police", "emergency"), language) or emergency
    anti_scam = _label(_first(directory, region, "anti_scam", "police"), language) or police
    child = _label(_first(directory, region, "child"), language, with_hours=True) or crisis
    return {
        "emergency": emergency,
        "crisis_line": crisis,
        "police_line": police,
        "anti_scam_line": anti_scam,
        "child_line": child,
        "takedown_minor": _label(_takedown(directory, "under18"), language) or "",
        "takedown_adult": _label(_takedown(directory, "adult"), language) or "",
        "region_name": directory.region_name(region, language),
        "wait_minutes": DEFAULT_WAIT_MINUTES,
    }
