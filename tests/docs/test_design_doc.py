"""The repository's DESIGN.md keeps up with the code: every configuration variable `.env.example` documents is
in its configuration table, and every dashboard API route it lists is served."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DESIGN = (ROOT / "DESIGN.md").read_text(encoding="utf-8")


def _documented_variables() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Z][A-Z0-9_]+)=", text, flags=re.M))


def _design_variables() -> set[str]:
    names: set[str] = set()
    for cell in re.findall(r"^\| (`[^|]+`) \|", DESIGN, flags=re.M):
        for name in re.findall(r"`([A-Z_][A-Z0-9_]*)`", cell):
            # "`HELPLINE_RETENTION_DAYS_TRANSCRIPTS`, `_HANDOFFS`" names the rest by their suffix.
            names.add(name)
        first = re.search(r"`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*?_)[A-Z0-9]+`", cell)
        if first:
            names.update(first.group(1) + suffix for suffix in re.findall(r"`_([A-Z0-9_]+)`", cell))
    return names


def test_every_configuration_variable_is_in_the_design_document() -> None:
    missing = sorted(_documented_variables() - _design_variables())
    assert not missing, missing


def test_every_api_route_the_design_document_lists_is_served() -> None:
    from dashboard.app import create_app

    served = {
        (method, re.sub(r"\{\w+\}", "{id}", route.path))
        for route in create_app().routes
        for method in getattr(route, "methods", None) or ()
    }
    listed = re.findall(r"^\| `(GET|POST) (/[^` ?]+)", DESIGN, flags=re.M)
    assert listed, "the API table was not found"
    missing = [(m, p) for m, p in listed if (m, p) not in served]
    assert not missing, missing
