"""The two checks each round's lexicon table makes (tests/triage/test_crisis_round17.py and later): the level
and whose risk the lexicon reads in a text, and that an idiom or a threat to the blackmailer is masked."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from bot.triage.crisis import detect_crisis


def assert_lexicon_reads(text: str, risk: str, about: str | None) -> None:
    """The lexicon reads `risk` in `text`, about `about` (None: any subject, or nobody)."""
    finding = detect_crisis(text)
    assert finding.risk == risk, finding
    if about is not None:
        assert finding.about == about, finding


def assert_whose(text: str, about: str, risk: str | None = None) -> None:
    """The lexicon reads a risk in `text` about `about`: exactly `risk` when given, else crisis or concern."""
    finding = detect_crisis(text)
    if risk is None:
        assert finding.risk != "none" and finding.about == about, finding
    else:
        assert (finding.risk, finding.about) == (risk, about), finding


def assert_masked(text: str) -> None:
    """The lexicon masked an idiom or a threat to someone else in `text` (reported in `idioms`)."""
    assert detect_crisis(text).idioms, detect_crisis(text)


Reading = tuple[str, str | None]


def reading_cases(readings: dict[Reading, list[str]]) -> list[tuple[str, Reading]]:
    """A round's table, {(level, whose risk): texts}, as one (text, reading) case per text for parametrize."""
    return [(text, reading) for reading, texts in readings.items() for text in texts]


# A round's table is its module's lists under these names, each with the reading its texts must get.
TABLE_LISTS: dict[str, Reading] = {
    "CRISIS_ANYONE": ("crisis", None),
    "CRISIS_SELF": ("crisis", "self"),
    "CRISIS_OTHER": ("crisis", "other"),
    "CONCERN": ("concern", None),
    "CONCERN_SELF": ("concern", "self"),
    "CONCERN_OTHER": ("concern", "other"),
    "EVERYDAY": ("none", None),
}


def table_test(module: Mapping[str, Any]) -> Callable[[str, Reading], None]:
    """The one test of a round's table (`table_test(globals())`): each text of the module's lists named in
    TABLE_LISTS gets its list's reading, one parametrized case per text."""
    readings = {reading: module[name] for name, reading in TABLE_LISTS.items() if name in module}

    @pytest.mark.parametrize(("text", "reading"), reading_cases(readings))
    def test_each_text_gets_its_groups_reading(text: str, reading: Reading) -> None:
        assert_lexicon_reads(text, *reading)

    return test_each_text_gets_its_groups_reading


def idiom_test(module: Mapping[str, Any]) -> Callable[[str], None]:
    """The test of a round's IDIOMS list (`idiom_test(globals())`): each text's idiom or threat to someone
    else is masked, one parametrized case per text."""

    @pytest.mark.parametrize("text", module["IDIOMS"])
    def test_idioms_and_threats_to_others_are_masked(text: str) -> None:
        assert_masked(text)

    return test_idioms_and_threats_to_others_are_masked
