"""How long the helpline keeps each kind of data: one period per store, in days, set in the environment.

`HELPLINE_RETENTION_DAYS_<KIND>` (e.g. `HELPLINE_RETENTION_DAYS_TRANSCRIPTS=90`) overrides a default.
The defaults are what a helpline would choose: keep a texter's words no longer than a returning texter
or a counsellor's follow-up needs, keep the counsellors' case record a little longer, keep the audit of
who did what (no message text, no number) longest. The scheduled purge (hardening issue) deletes what is
older; the privacy reply quotes these periods through the `{keep_*_days}` placeholders.

The periods count from the last activity of what they cover: a transcript from the texter's last
message, a handoff and its notes from its closing, a contact from the texter's last message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

ENV_PREFIX = "HELPLINE_RETENTION_DAYS_"
MAX_DAYS = 3650

# kind -> (default days, what it covers). `.env.example` documents the same list.
DEFAULT_DAYS: dict[str, int] = {
    "transcripts": 90,  # Rasa's tracker: the conversation, texter's and assistant's words
    "handoffs": 180,  # the handoff records: triage summary, priority, outcome (no message text)
    "notes": 180,  # counsellors' private case notes (encrypted)
    "report_facts": 90,  # the facts gathered for the report pack (platform, amounts, dates)
    "counsellor_marks": 180,  # counsellors' marks on a conversation (flags, follow-up)
    "checkin_consents": 30,  # a texter's consent to be checked on later, and its schedule
    "outbox": 30,  # outbound messages (encrypted text) and their delivery status
    "audit": 365,  # the audit log: who opened, claimed, sent, closed (no message text, no number)
    "contacts": 90,  # the encrypted number, language and region, from the texter's last message
}

# Placeholders of the privacy replies -> the kinds whose longest period they quote.
PLACEHOLDER_KINDS: dict[str, tuple[str, ...]] = {
    "keep_chat_days": ("transcripts", "outbox"),
    "keep_case_days": ("handoffs", "notes", "report_facts", "counsellor_marks", "checkin_consents"),
    "keep_number_days": ("contacts",),
    "keep_audit_days": ("audit",),
}
RETENTION_PLACEHOLDERS = tuple(PLACEHOLDER_KINDS)


class RetentionError(ValueError):
    """A retention variable is not a whole number of days in range; the message names it."""


@dataclass(frozen=True)
class RetentionPeriods:
    days: dict[str, int]

    def __getitem__(self, kind: str) -> int:
        return self.days[kind]

    def placeholders(self) -> dict[str, str]:
        """The values of the privacy replies' placeholders (digits only; the reply says "days")."""
        return {
            name: str(max(self.days[kind] for kind in kinds)) for name, kinds in PLACEHOLDER_KINDS.items()
        }


def variable(kind: str) -> str:
    return ENV_PREFIX + kind.upper()


def load_retention(environ: dict[str, str] | None = None) -> RetentionPeriods:
    """Reads every period from the environment (defaults above); raises RetentionError when invalid."""
    environ = os.environ if environ is None else environ
    days: dict[str, int] = {}
    for kind, default in DEFAULT_DAYS.items():
        raw = (environ.get(variable(kind)) or "").strip()
        if not raw:
            days[kind] = default
            continue
        try:
            value = int(raw)
        except ValueError as error:
            raise RetentionError(f"{variable(kind)} must be a whole number of days, got {raw!r}") from error
        if not 1 <= value <= MAX_DAYS:
            raise RetentionError(f"{variable(kind)} must be between 1 and {MAX_DAYS} days, got {value}")
        days[kind] = value
    return RetentionPeriods(days)


@lru_cache(maxsize=1)
def get_retention() -> RetentionPeriods:
    """The process-wide periods (tests call `get_retention.cache_clear()` after changing the env)."""
    return load_retention()


def retention_placeholders() -> dict[str, str]:
    """The `{keep_*_days}` placeholders of the privacy responses."""
    return get_retention().placeholders()
