"""The crisis lexicon is read with libyaml's parser when it is built (bot/triage/crisis.py): the same data as
PyYAML's own safe loader gives, or a pattern could change without a test noticing."""

from __future__ import annotations

import yaml

from bot.triage import crisis


def test_the_fast_reading_gives_the_same_lexicon_data() -> None:
    for path in (crisis.CRISIS_PATH, crisis.THIRD_PARTY_PATH):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=crisis.SAFE_LOADER) == yaml.safe_load(text)
