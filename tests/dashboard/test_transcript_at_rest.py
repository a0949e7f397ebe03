"""Issue 16, transcripts at rest: a counsellor's words go to Rasa's tracker encrypted, as in the outbox,
and the transcript decrypts them; what the README says is kept in clear is what is kept in clear."""

from __future__ import annotations

from pathlib import Path

from dashboard.transcript import UNREADABLE, build_transcript
from helpline.settings.crypto import Cipher

README = Path(__file__).resolve().parents[2] / "README.md"


def no_statuses(_ids):
    return {}


def test_the_transcript_decrypts_the_counsellors_words_and_says_when_it_cannot() -> None:
    cipher = Cipher("k" * 43)
    events = [
        {"event": "user", "text": "he has my photos", "timestamp": 1.0},
        {
            "event": "bot",
            "text": None,
            "timestamp": 2.0,
            "metadata": {"from": "counsellor", "text_cipher": cipher.encrypt("I am Ana.")},
        },
        {
            "event": "bot",
            "text": None,
            "timestamp": 3.0,
            "metadata": {"from": "counsellor", "text_cipher": "damaged"},
        },
        {"event": "bot", "text": "Before the change", "timestamp": 4.0, "metadata": {"from": "counsellor"}},
    ]
    lines = build_transcript(events, no_statuses, cipher.decrypt)
    assert [(line["from"], line["text"]) for line in lines] == [
        ("texter", "he has my photos"),
        ("counsellor", "I am Ana."),
        ("counsellor", UNREADABLE),
        ("counsellor", "Before the change"),  # events appended before this release stay readable
    ]
    assert build_transcript(events[1:2], no_statuses)[0]["text"] == UNREADABLE  # no key, no text


def test_the_readme_states_per_store_what_is_kept_in_clear_and_for_how_long() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### What is kept, where, for how long") :]
    for store in ("Rasa's tracker store", "contacts", "outbox", "notes", "handoffs", "audit_log", "checkins"):
        assert store in section, store
    assert "in clear" in section and "HELPLINE_RETENTION_DAYS_TRANSCRIPTS" in section
