"""Whose risk the lexicon reads, on own-wording probes where someone else is named beside a clear signal
(tests/triage/whose_risk_probes.yml, seventeenth round): a suicidal texter told to help someone else is the
worse mistake, so the texter's own statements told, written or explained to a relation stay the texter's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.triage.crisis import detect_crisis

PROBES = yaml.safe_load((Path(__file__).parent / "whose_risk_probes.yml").read_text(encoding="utf-8"))


def test_the_probes_cover_both_readings_in_every_language() -> None:
    seen = {(probe["language"], probe["about"]) for probe in PROBES}
    assert seen == {(language, about) for language in ("en", "yue", "cmn") for about in ("self", "other")}


@pytest.mark.parametrize("probe", PROBES, ids=lambda probe: probe["text"][:40])
def test_the_signal_is_found_and_read_as_the_right_persons(probe: dict[str, str]) -> None:
    finding = detect_crisis(probe["text"])
    assert finding.risk != "none", finding
    assert (finding.about or "self") == probe["about"], finding
