"""Canned replies (dashboard/canned_replies.yml), filled by the one placeholder filler for the region."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from helpline.directory import Directory
from helpline.placeholders import placeholder_values
from helpline.script import to_script

CANNED_PATH = Path(__file__).parent / "canned_replies.yml"
VARIANTS = ("en", "yue", "cmn_Hans", "cmn_Hant")
VARIANT_NAMES = {
    "en": "English",
    "yue": "Cantonese (Traditional)",
    "cmn_Hans": "Mandarin (Simplified)",
    "cmn_Hant": "Mandarin (Traditional)",
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


def placeholders_for(
    directory: Directory, region: str | None, variant: str, minor: bool = False
) -> dict[str, str]:
    """The one filler's values (helpline/placeholders.py) in the variant's language and script."""
    language = "cmn" if variant.startswith("cmn") else variant
    values = placeholder_values(directory, region, language, minor=minor)
    if variant == "cmn_Hant":
        return {key: to_script(value, "Hant", "cmn") for key, value in values.items()}
    return values


def render(directory: Directory, region: str | None, minor: bool = False) -> dict[str, list[dict[str, str]]]:
    """Every variant's replies for a conversation in `region` (`minor`: the take-down for under-18s).

    Every placeholder always has a value (a real number, at worst the emergency number and the
    international finder); a reply naming a placeholder the filler does not know is left out.
    """
    rendered: dict[str, list[dict[str, str]]] = {}
    for variant in VARIANTS:
        values = placeholders_for(directory, region, variant, minor)
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
