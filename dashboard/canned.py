"""Canned replies (content/canned_replies.yml), filled by the one placeholder filler for the region.

Authored like every texter-facing text in three variants (`en`, `yue`, `cmn` in Simplified); the page
offers them in the four ways texters read them, `language-Script`, Mandarin in Traditional made by the
one converter (helpline/content/script.py: OpenCC s2twp and the Taiwan phrase list)."""

from __future__ import annotations

from helpline.content.canned import load_replies
from helpline.content.directory import Directory
from helpline.content.placeholders import placeholder_values
from helpline.content.script import to_script

READINGS = (("en", "Latn"), ("yue", "Hant"), ("cmn", "Hans"), ("cmn", "Hant"))
VARIANTS = tuple(f"{language}-{script}" for language, script in READINGS)
VARIANT_NAMES = {
    "en-Latn": "English",
    "yue-Hant": "Cantonese (Traditional)",
    "cmn-Hans": "Mandarin (Simplified)",
    "cmn-Hant": "Mandarin (Traditional)",
}

__all__ = ["VARIANTS", "VARIANT_NAMES", "load_replies", "render", "variant_for"]


def variant_for(language: str | None, script: str | None) -> str:
    """The reading closest to the texter's language and script (Cantonese is offered in Traditional)."""
    if language == "yue":
        return "yue-Hant"
    if language == "cmn":
        return "cmn-Hant" if script == "Hant" else "cmn-Hans"
    return "en-Latn"


def render(directory: Directory, region: str | None, minor: bool = False) -> dict[str, list[dict[str, str]]]:
    """Every reading's replies for a conversation in `region` (`minor`: the take-down for under-18s).

    Every placeholder always has a value (a real number, at worst the emergency number and the
    international finder); a reply naming a placeholder the filler does not know is left out.
    """
    rendered: dict[str, list[dict[str, str]]] = {}
    for language, script in READINGS:
        values = placeholder_values(directory, region, language, minor=minor)
        items = []
        for reply in load_replies():
            try:
                text = reply["text"][language].format_map(values)
            except KeyError:
                continue
            items.append(
                {"id": reply["id"], "label": reply["label"], "text": to_script(text, script, language)}
            )
        rendered[f"{language}-{script}"] = items
    return rendered
