"""The responses' placeholders ({emergency}, {crisis_line}, {police_route}...) for a region and language.

Responses never hold a number: these values, all from content/directory.yml (and, for countries it does not
list, content/emergency_numbers.yml), fill them in. This is the ONE filler: the assistant's responses
(bot/policies/triage_policy.py), the connector's notices and the dashboard's canned replies all use it.

Rules that keep a texter safe:
- {emergency} is always a real number: the region's own, else its country's (Android's emergency number
  database), else 112 / 911, which every mobile phone treats as emergency calls.
- {crisis_line} is only ever a crisis line: a 24-hour one where we have it; a line with set hours is given
  with the emergency number beside it; with none, the emergency number and the international finder.
  Never a police, anti-scam or scam-check line.
- {police_route} / {police_line} is where a report is actually made (station, online report centre,
  reporting number), never an advice or scam-check line.
- {takedown} is routed by age and region: under 18, the UK's Report Remove else Take It Down; adults,
  Taiwan's 性影像處理中心, the UK's Revenge Porn Helpline, else StopNCII.
"""

from __future__ import annotations

from helpline.content import LANGUAGES
from helpline.content.directory import FALLBACK_REGION, Directory, Service

HOURS_24 = {"en": " (24h)", "yue": "（24小時）", "cmn": "（24小时）"}
PLACEHOLDERS = (
    "emergency",
    "crisis_line",
    "police_route",
    "police_line",
    "anti_scam_line",
    "child_line",
    "takedown",
    "takedown_minor",
    "takedown_adult",
    "payment_route",
    "crisis_finder",
    "region_name",
    "lgbtq_line",
)
# "{crisis} or {emergency}" for a crisis line that is not open day and night.
WITH_EMERGENCY = {
    "en": "{line}, or {emergency}",
    "yue": "{line}，或{emergency}",
    "cmn": "{line}，或{emergency}",
}
# No crisis line confirmed for the country: its emergency number and the international finder.
EMERGENCY_AND_FINDER = {
    "en": "{emergency} (more lines: {finder})",
    "yue": "{emergency}（其他熱線：{finder}）",
    "cmn": "{emergency}（其他热线：{finder}）",
}
# The region is only suggested (the web chat's browser time zone): the finder for anywhere else.
ELSEWHERE_FINDER = {
    "en": "{line}. Elsewhere: {finder}",
    "yue": "{line}。身處其他地方：{finder}",
    "cmn": "{line}。身在其他地方：{finder}",
}
# A country we only have numbers for: its police number and a station.
POLICE_ROUTE = {
    "en": "the police on {police}, or a police station",
    "yue": "打{police}報警，或去警署",
    "cmn": "拨打{police}报警，或到警察局",
}
PAYMENT_ROUTE = {
    "en": "call your bank or payment app now, and the police on {police}",
    "yue": "即刻聯絡銀行或付款平台，並打{police}報警",
    "cmn": "马上联系银行或支付平台，并拨打{police}报警",
}
TAKEDOWN_AUDIENCES = ("under18", "adult")
# {lgbtq_line} (issue 15) is a whole sentence: a confirmed LGBTQ+-friendly line where the directory has
# one (kind `lgbtq`, with source and checked date), else an offer to talk here, never a hole. Chinese
# values end without 。 (the response puts it), to stay within the directory's length limit.
LGBTQ_LINE = {
    "en": "LGBTQ+ friendly support: {line}.",
    "yue": "LGBTQ+熱線：{line}",
    "cmn": "LGBTQ+热线：{line}",
}
NO_LGBTQ_LINE = {
    "en": "You can talk it through here too, without judgement.",
    "yue": "你都可以喺度慢慢傾，冇人會批判你",
    "cmn": "你也可以在这里慢慢聊，没有人会评判你",
}


def _label(service: Service, language: str) -> str:
    text = service.label(language)
    if service.hours == "24h" and not service.texts and service.kind in ("crisis", "child"):
        text += HOURS_24[language]
    return text


def _first(directory: Directory, region: str | None, kind: str) -> Service | None:
    found = directory.services(region, kind)
    return found[0] if found else None


def emergency_number(directory: Directory, region: str | None) -> str:
    """The number to call in danger now: never empty, never a sentence."""
    own = [s.number for s in directory.services(region, "emergency") if s.number]
    if own:
        return " / ".join(own)
    country = directory.country(region)
    if country and country.emergency:
        return " / ".join(country.emergency)
    fallback = [s.number for s in directory.services(FALLBACK_REGION, "emergency") if s.number]
    return " / ".join(fallback)


def crisis_finder(directory: Directory) -> str:
    finder = _first(directory, FALLBACK_REGION, "finder")
    return finder.url if finder and finder.url else ""


def crisis_line(directory: Directory, region: str | None, language: str, emergency: str) -> str:
    crisis = directory.services(region, "crisis")
    day_and_night = [s for s in crisis if s.hours == "24h"]
    if day_and_night:
        return _label(day_and_night[0], language)
    if crisis:
        return WITH_EMERGENCY[language].format(line=_label(crisis[0], language), emergency=emergency)
    return EMERGENCY_AND_FINDER[language].format(emergency=emergency, finder=crisis_finder(directory))


def _police_number(directory: Directory, region: str | None, emergency: str) -> str:
    country = directory.country(region)
    return country.police if country else emergency


def police_route(directory: Directory, region: str | None, language: str, emergency: str) -> str:
    police = _first(directory, region, "police")
    if police:
        return _label(police, language)
    return POLICE_ROUTE[language].format(police=_police_number(directory, region, emergency))


def takedown_service(directory: Directory, region: str | None, audience: str) -> Service | None:
    """The region's own take-down service for this audience, else the international one."""
    for where in (region, FALLBACK_REGION):
        found = [s for s in directory.services(where, "takedown") if s.audience == audience]
        if found and (where == FALLBACK_REGION or directory.resolve_region(region) != FALLBACK_REGION):
            return found[0]
    return None


def placeholder_values(
    directory: Directory,
    region: str | None,
    language: str,
    minor: bool = False,
    region_guessed: bool = False,
) -> dict[str, str]:
    """Every placeholder's text for a texter in `region` reading `language` (`minor`: under 18).

    `region_guessed`: the region is only suggested (a web texter's time zone, not yet confirmed), so the
    crisis line also names the international finder.
    """
    language = language if language in LANGUAGES else "en"
    emergency = emergency_number(directory, region)
    crisis = crisis_line(directory, region, language, emergency)
    finder = crisis_finder(directory)
    if region_guessed and finder and finder not in crisis:
        crisis = ELSEWHERE_FINDER[language].format(line=crisis, finder=finder)
    police = police_route(directory, region, language, emergency)
    anti_scam = _first(directory, region, "anti_scam")
    child = _first(directory, region, "child")
    payment = _first(directory, region, "payment")
    takedowns = {}
    for audience in TAKEDOWN_AUDIENCES:
        service = takedown_service(directory, region, audience)
        takedowns[audience] = _label(service, language) if service else ""
    return {
        "emergency": emergency,
        "crisis_line": crisis,
        "police_route": police,
        "police_line": police,
        "anti_scam_line": _label(anti_scam, language) if anti_scam else police,
        "child_line": _label(child, language) if child else crisis,
        "takedown": takedowns["under18" if minor else "adult"],
        "takedown_minor": takedowns["under18"],
        "takedown_adult": takedowns["adult"],
        "payment_route": (
            _label(payment, language)
            if payment
            else PAYMENT_ROUTE[language].format(police=_police_number(directory, region, emergency))
        ),
        "crisis_finder": crisis_finder(directory),
        "region_name": directory.region_name(region, language),
        "lgbtq_line": lgbtq_line(directory, region, language),
    }


def lgbtq_line(directory: Directory, region: str | None, language: str) -> str:
    """A sentence with the region's confirmed LGBTQ+-friendly line, or an offer to talk here."""
    line = _first(directory, region, "lgbtq")
    if line is None:
        return NO_LGBTQ_LINE[language]
    label = _label(line, language)
    if line.hours == "24h" and not line.texts:
        label += HOURS_24[language]
    return LGBTQ_LINE[language].format(line=label)
