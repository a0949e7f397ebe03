"""The two checks each round's lexicon table makes (tests/triage/test_crisis_round17.py and later): the level
and whose risk the lexicon reads in a text, and that an idiom or a threat to the blackmailer is masked."""

from __future__ import annotations

from bot.triage.crisis import detect_crisis


def assert_lexicon_reads(text: str, risk: str, about: str | None) -> None:
    """The lexicon reads `risk` in `text`, about `about` (None: any subject, or nobody)."""
    finding = detect_crisis(text)
    assert finding.risk == risk, finding
    if about is not None:
        assert finding.about == about, finding


def assert_masked(text: str) -> None:
    """The lexicon masked an idiom or a threat to someone else in `text` (reported in `idioms`)."""
    assert detect_crisis(text).idioms, detect_crisis(text)


Reading = tuple[str, str | None]


def reading_cases(readings: dict[Reading, list[str]]) -> list[tuple[str, Reading]]:
    """A round's table, {(level, whose risk): texts}, as one (text, reading) case per text for parametrize."""
    return [(text, reading) for reading, texts in readings.items() for text in texts]
