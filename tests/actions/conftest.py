"""The routing policy asks the helpline database whether a sender is blocked (helpline/store/blocks.py). These
dialogue tests run without that database: nobody is blocked unless a test installs its own store."""

from __future__ import annotations

import pytest

from helpline.store import blocks


class _NobodyBlocked:
    def active(self, conversation_id: str, now=None) -> None:
        return None


@pytest.fixture(autouse=True)
def _nobody_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blocks, "default_store", lambda: _NobodyBlocked())
