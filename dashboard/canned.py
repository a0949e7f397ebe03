"""Canned replies (dashboard/canned_replies.yml), filled with numbers from the region's directory."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from helpline.directory import FALLBACK_REGION, Directory, Service
from helpline.script import to_script

CANNED_PATH = Path(__file__).parent / "canned_replies.yml"
VARIANTS = ("en", "yue", "cmn_Hans", "cmn_Hant")
VARIANT_NAMES = {
    "en": "English",
    "yue": "Cantonese (Traditional)",
    "cmn_Hans": "Mandarin (Simplified)",
    "cmn_Hant": "Mandarin (Traditional)",
}
# Which directory kinds fill each placeholder, in order of preference.
PLACEHOLDER_KINDS = {
    "crisis_line": ("crisis",),
    "emergency": ("emergency",),
    "police": ("police", "anti_scam"),
    "takedown": ("takedown",),
}


@lru_cache(maxsize=1)
def load_replies(path: Path = CANNED_PATH) -> tuple[dict, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(data["replies"])


def variant_for(language: str | None, script: str | None) -> str:
    if language == "yue":
        return "yue"
    if language == "cmn":
        return "cmn_Hant" if script == "Hant" else "cmn_Hans"
    return "en"


def _services(directory: Directory, region: str | None, kind: str) -> list[Service]:
    found = directory.services(region, kind)
    if not found and directory.resolve_region(region) != FALLBACK_REGION:
        found = directory.services(FALLBACK_REGION, kind)
    return found


def _label(service: Service, variant: str) -> str:
    language = "cmn" if variant.startswith("cmn") else variant
    label = service.label(language)
    if variant == "cmn_Hant":
        return to_script(label, "Hant", "cmn")
    if variant == "cmn_Hans":
        return to_script(label, "Hans", "cmn")
    return label


def placeholder_values(directory: Directory, region: str | None, variant: str) -> dict[str, str]:
    """The directory entries for this region, as `Name number` labels in the variant's language."""
    values: dict[str, str] = {}
    crisis = [s for s in _services(directory, region, "crisis") if s.number and s.hours == "24h"]
    if crisis:
        values["crisis_line"] = _label(crisis[0], variant)
    emergency = [s for s in _services(directory, region, "emergency") if s.number]
    if emergency:
        values["emergency"] = _label(emergency[0], variant)
    for kind in PLACEHOLDER_KINDS["police"]:
        police = [s for s in directory.services(region, kind) if s.number]
        if police:
            values["police"] = _label(police[0], variant)
            break
    takedown = _services(directory, region, "takedown")
    if takedown:
        values["takedown"] = ("; " if variant == "en" else "；").join(_label(s, variant) for s in takedown)
    return values


def render(directory: Directory, region: str | None) -> dict[str, list[dict[str, str]]]:
    """Every variant's replies for a conversation in `region`; replies it cannot fill are left out."""
    rendered: dict[str, list[dict[str, str]]] = {}
    for variant in VARIANTS:
        values = placeholder_values(directory, region, variant)
        items = []
        for reply in load_replies():
            template = reply["text"][variant]
            try:
                text = template.format_map(values)
            except KeyError:
                continue
            items.append({"id": reply["id"], "label": reply["label"], "text": text})
        rendered[variant] = items
    return rendered
