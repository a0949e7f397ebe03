"""Learning from counsellors (issue 12): marks on texters' messages the assistant misread.

A counsellor who can act on a conversation marks one of the texter's messages as a missed crisis, a false
alarm, a wrong intent or a wrong language (with the right one). The message's text is taken from the
conversation itself (never typed by the counsellor) and kept encrypted, beside what the model predicted
(intent, language, risk; no text). A supervisor accepts or rejects each mark. `make corrections
OUT=/path` (python -m helpline.store.marks export) writes the accepted, not yet exported marks to a JSONL file
for the training-data review, outside the repository: phone numbers, emails, handles, links and names
are redacted, and the stored text is then dropped. Nothing here writes into data/ or the training data.

Marks are deleted with the texter's data (helpline/jobs/erasure.py) and after
HELPLINE_RETENTION_DAYS_COUNSELLOR_MARKS days (`purge_counsellor_marks`, for the scheduled purge).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from helpline.settings import clock
from helpline.settings.crypto import Cipher

KINDS = {
    "missed_crisis": "Missed crisis (the assistant did not see a risk)",
    "false_alarm": "False alarm (no crisis, the assistant saw one)",
    "wrong_intent": "Wrong intent (the assistant misunderstood what they asked)",
    "wrong_language": "Wrong language (the assistant answered in the wrong language)",
}
LANGUAGES = ("en", "yue", "cmn")
RISK_ABOUT = ("self", "other")
STATUSES = ("pending", "accepted", "rejected")
REPOSITORY = Path(__file__).resolve().parents[2]


class MarkError(ValueError):
    """A mark that cannot be made or reviewed; the message says why (shown to the counsellor)."""


def intents() -> list[str]:
    import yaml

    data = yaml.safe_load((REPOSITORY / "bot" / "domain" / "intents.yml").read_text(encoding="utf-8"))
    return list(data["intents"])


def check_correction(kind: str, correction: str | None) -> str | None:
    """The correction a kind needs: the right intent, the right language; for a missed crisis, optionally
    who is at risk (self/other); a false alarm has none."""
    if kind not in KINDS:
        raise MarkError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
    correction = (correction or "").strip() or None
    if kind == "wrong_intent":
        if correction not in intents():
            raise MarkError("choose the intent the message really had")
    elif kind == "wrong_language":
        if correction not in LANGUAGES:
            raise MarkError("choose the language the message was in (en, yue, cmn)")
    elif kind == "missed_crisis":
        if correction not in (None, *RISK_ABOUT):
            raise MarkError("who is at risk: self or other")
    elif correction is not None:
        raise MarkError("a false alarm takes no correction")
    return correction


def predicted_of(event: dict) -> dict[str, Any]:
    """What the model said about a texter's message (from its tracker event): no text."""
    parse = event.get("parse_data") or {}
    triage = parse.get("triage") or {}
    intent = (parse.get("intent") or {}).get("name")
    risk = triage.get("risk") or ("crisis" if triage.get("crisis") else "none")
    return {
        "intent": intent,
        "language": triage.get("language"),
        "script": triage.get("script"),
        "risk": risk,
        "risk_about": triage.get("risk_about"),
    }


def epoch_of(moment: dt.datetime) -> float:
    return moment.replace(tzinfo=dt.timezone.utc).timestamp() if moment.tzinfo is None else moment.timestamp()


def find_message(events: list[dict], at: dt.datetime) -> dict | None:
    """The texter's message (a `user` event) stamped `at`: the closest within a millisecond (the
    transcript gives times to the microsecond)."""
    wanted = epoch_of(at)
    best, distance = None, 0.001
    for event in events:
        if not isinstance(event, dict) or event.get("event") != "user" or event.get("text") is None:
            continue
        try:
            stamp = float(event.get("timestamp"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if abs(stamp - wanted) < distance:
            best, distance = event, abs(stamp - wanted)
    return best


def parse_at(value: str) -> dt.datetime:
    """An ISO time from the transcript ('2026-03-02T04:00:00.123456Z') as naive UTC."""
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except (AttributeError, ValueError) as error:
        raise MarkError("the message's time is not a valid ISO time") from error
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment


@dataclass(frozen=True)
class Mark:
    id: int
    handoff_id: int
    kind: str
    correction: str | None
    predicted: dict
    language: str | None
    message_at: dt.datetime
    status: str
    created_by: int
    created_at: dt.datetime
    reviewed_by: int | None
    reviewed_at: dt.datetime | None
    exported_at: dt.datetime | None

    def as_dict(self) -> dict[str, Any]:
        def iso(moment: dt.datetime | None) -> str | None:
            return None if moment is None else moment.isoformat() + "Z"

        return {
            "id": self.id,
            "handoff_id": self.handoff_id,
            "kind": self.kind,
            "kind_label": KINDS[self.kind],
            "correction": self.correction,
            "predicted": self.predicted,
            "language": self.language,
            "message_at": iso(self.message_at),
            "status": self.status,
            "created_by": self.created_by,
            "created_at": iso(self.created_at),
            "reviewed_by": self.reviewed_by,
            "reviewed_at": iso(self.reviewed_at),
            "exported": self.exported_at is not None,
        }


def _mark(row: Any) -> Mark:
    return Mark(
        id=row.id,
        handoff_id=row.handoff_id,
        kind=row.kind,
        correction=row.correction,
        predicted=json.loads(row.predicted or "{}"),
        language=row.language,
        message_at=row.message_at,
        status=row.status,
        created_by=row.created_by,
        created_at=row.created_at,
        reviewed_by=row.reviewed_by,
        reviewed_at=row.reviewed_at,
        exported_at=row.exported_at,
    )


class MarkStore:
    def __init__(self, engine: Engine, cipher: Cipher) -> None:
        self._engine = engine
        self._cipher = cipher

    def add(
        self,
        *,
        handoff_id: int,
        conversation_id: str,
        event: dict,
        kind: str,
        correction: str | None,
        user_id: int,
        language: str | None,
    ) -> Mark:
        """Marks one texter message (its tracker event). The same counsellor marking the same message
        the same way again changes nothing (the existing mark is returned)."""
        from helpline.store.db import counsellor_marks as table

        correction = check_correction(kind, correction)
        stamp = float(event["timestamp"])
        message_at = dt.datetime.fromtimestamp(stamp, dt.timezone.utc).replace(tzinfo=None)
        with self._engine.begin() as conn:
            existing = conn.execute(
                select(table).where(
                    table.c.handoff_id == handoff_id,
                    table.c.message_at == message_at,
                    table.c.kind == kind,
                    table.c.created_by == user_id,
                    table.c.status == "pending",
                )
            ).first()
            if existing is not None:
                conn.execute(update(table).where(table.c.id == existing.id).values(correction=correction))
                mark_id = existing.id
            else:
                mark_id = conn.execute(
                    insert(table).values(
                        handoff_id=handoff_id,
                        conversation_id=conversation_id,
                        message_at=message_at,
                        kind=kind,
                        correction=correction,
                        predicted=json.dumps(predicted_of(event), sort_keys=True),
                        language=language,
                        text_cipher=self._cipher.encrypt(str(event["text"])),
                        created_by=user_id,
                        created_at=clock.naive_utc(),
                        status="pending",
                    )
                ).inserted_primary_key[0]
        found = self.get(mark_id)
        assert found is not None
        return found

    def get(self, mark_id: int) -> Mark | None:
        from helpline.store.db import counsellor_marks as table

        with self._engine.connect() as conn:
            row = conn.execute(select(table).where(table.c.id == mark_id)).first()
        return None if row is None else _mark(row)

    def for_handoff(self, handoff_id: int) -> list[Mark]:
        from helpline.store.db import counsellor_marks as table

        with self._engine.connect() as conn:
            rows = conn.execute(
                select(table).where(table.c.handoff_id == handoff_id).order_by(table.c.id)
            ).all()
        return [_mark(row) for row in rows]

    def listing(self, status: str | None = "pending", limit: int = 200) -> list[tuple[Mark, str | None]]:
        """Marks with their decrypted text (None once exported), for the supervisors' review."""
        from helpline.store.db import counsellor_marks as table

        query = select(table).order_by(table.c.id.desc()).limit(max(1, min(limit, 1000)))
        if status:
            query = query.where(table.c.status == status)
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        return [(_mark(row), self._text(row.text_cipher)) for row in rows]

    def _text(self, token: str | None) -> str | None:
        if not token:
            return None
        try:
            return self._cipher.decrypt(token)
        except ValueError:
            return None

    def review(self, mark_id: int, decision: str, user_id: int) -> Mark:
        """accept | reject a pending mark (a reviewed one can be changed until it is exported)."""
        from helpline.store.db import counsellor_marks as table

        status = {"accept": "accepted", "reject": "rejected"}.get(decision)
        if status is None:
            raise MarkError("the decision is accept or reject")
        mark = self.get(mark_id)
        if mark is None:
            raise LookupError(mark_id)
        if mark.exported_at is not None:
            raise MarkError("this mark has already been exported")
        with self._engine.begin() as conn:
            conn.execute(
                update(table)
                .where(table.c.id == mark_id)
                .values(status=status, reviewed_by=user_id, reviewed_at=clock.naive_utc())
            )
        found = self.get(mark_id)
        assert found is not None
        return found

    def export(self, out: Path) -> int:
        """Writes the accepted, not yet exported marks (redacted) to `out` as JSON lines; drops their
        stored text. Returns how many. Refuses a path inside the repository."""
        from helpline.store.db import counsellor_marks as table

        out = check_export_path(out)
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(table)
                .where(table.c.status == "accepted", table.c.exported_at.is_(None))
                .order_by(table.c.id)
            ).all()
        lines = []
        for row in rows:
            text = self._text(row.text_cipher)
            if text is None:
                continue
            lines.append(json.dumps(example(_mark(row), redact(text)), ensure_ascii=False, sort_keys=True))
        if not lines:
            return 0
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        now = clock.naive_utc()
        with self._engine.begin() as conn:
            conn.execute(
                update(table)
                .where(table.c.id.in_([row.id for row in rows]))
                .values(exported_at=now, text_cipher=None)
            )
        return len(lines)


def example(mark: Mark, text: str) -> dict[str, Any]:
    """One training-review example: the redacted text, what the model said and what it should have."""
    expected: dict[str, Any] = {}
    if mark.kind == "missed_crisis":
        expected = {"risk": "crisis", "risk_about": mark.correction or "self"}
    elif mark.kind == "false_alarm":
        expected = {"risk": "none"}
    elif mark.kind == "wrong_intent":
        expected = {"intent": mark.correction}
    elif mark.kind == "wrong_language":
        expected = {"language": mark.correction}
    return {
        "text": text,
        "kind": mark.kind,
        "expected": expected,
        "predicted": mark.predicted,
        "language": mark.language,
        "mark": mark.id,
        "marked_on": mark.created_at.date().isoformat(),
    }


def check_export_path(out: Path) -> Path:
    """Real texters' words never enter the repository: the file must be outside it."""
    out = Path(out).expanduser().resolve()
    if out == REPOSITORY or REPOSITORY in out.parents:
        raise MarkError(f"export outside the repository ({REPOSITORY}): texters' words never go into it")
    if out.is_dir():
        raise MarkError(f"{out} is a folder; give a file name")
    return out


# ----------------------------------------------------------------------------- redaction

_HANDLE_PLATFORMS = (
    r"snap(?:chat)?|ig|insta(?:gram)?|telegram|tg|wechat|weixin|whats ?app|line|kik|discord|tiktok|"
    r"twitter|x|facebook|fb|messenger|skype|signal|qq|微信|微信号|微訊|抖音|小红书|小紅書|ＩＧ"
)
REDACTIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[EMAIL]"),
    (
        re.compile(
            r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|io|me|hk|cn|tw|sg|my|uk|us)(?:/\S*)?\b",
            re.IGNORECASE,
        ),
        "[LINK]",
    ),
    # Someone's account on a platform: "snap: name", "ig id xyz", "微信号：abc123", "my telegram is @x".
    (
        re.compile(
            rf"((?:{_HANDLE_PLATFORMS})\s*(?:id|ID|號|号|username|user name|name|handle|acc(?:ount)?)?"
            r"\s*(?:is|係|是|[:：])\s*)@?[\w.\-]*\w",
            re.IGNORECASE,
        ),
        r"\1[HANDLE]",
    ),
    (re.compile(r"(?<![\w@])@[\w.]*\w"), "[HANDLE]"),
    # Phone numbers: 7+ digits with optional +, spaces, dashes, dots, brackets (amounts stay: they are short).
    (re.compile(r"(?<!\w)\+?\d[\d\s().-]{5,}\d(?!\w)"), "[PHONE]"),
    # Names the texter gives: "my name is Anna Lee", "I'm Tom", "this is Ken", "叫陳大文", "我係阿明".
    (
        re.compile(
            r"\b((?i:my name is|my name's|i am called|call me|this is|his name is|her name is|"
            r"he is called|she is called|named)\s+)[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?"
        ),
        r"\1[NAME]",
    ),
    (
        re.compile(
            r"((?:我叫|佢叫|他叫|她叫|名叫|個名係|个名系|名字係|名字是)\s*)(?![我你佢他她])[\u4e00-\u9fff]{2,3}"
        ),
        r"\1[NAME]",
    ),
]
# Capitalised words kept (platforms, apps, places, days): any other capitalised word after the first of a
# sentence is taken for a name.
KEEP_CAPITALISED = {
    "I",
    "I'm",
    "I've",
    "I'll",
    "I'd",
    "OK",
    "Ok",
    "Snapchat",
    "Snap",
    "Instagram",
    "Insta",
    "IG",
    "WhatsApp",
    "Whatsapp",
    "Telegram",
    "WeChat",
    "Facebook",
    "Messenger",
    "TikTok",
    "Tiktok",
    "Discord",
    "Line",
    "LINE",
    "Kik",
    "Twitter",
    "X",
    "Google",
    "Apple",
    "PayPal",
    "Paypal",
    "Venmo",
    "CashApp",
    "Zelle",
    "Bitcoin",
    "BTC",
    "USDT",
    "FPS",
    "Alipay",
    "AlipayHK",
    "Octopus",
    "PayMe",
    "Grindr",
    "Tinder",
    "Bumble",
    "Hinge",
    "Omegle",
    "Skype",
    "Zoom",
    "Roblox",
    "Steam",
    "Xbox",
    "PlayStation",
    "Reddit",
    "YouTube",
    "Youtube",
    "OnlyFans",
    "Hong",
    "Kong",
    "HK",
    "China",
    "Taiwan",
    "Macau",
    "Singapore",
    "Malaysia",
    "UK",
    "US",
    "USA",
    "America",
    "Britain",
    "England",
    "London",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mum",
    "Mom",
    "Dad",
    "God",
    "Police",
    "FBI",
    "NCMEC",
    "CEOP",
    "HKD",
    "USD",
    "RMB",
    "GBP",
    "SGD",
    "MYR",
    "NTD",
    "TWD",
    "DM",
    "DMs",
    "AI",
    "STOP",
    "CHECK",
    "NOCHECK",
    "Please",
    "Help",
    "Hi",
    "Hello",
    "Hey",
    "Yes",
    "No",
    "Sorry",
    "Thanks",
    "Thank",
}
_WORD = re.compile(r"(?<![\w\[])([A-Z][a-z'’-]+|[A-Z]{2,})(?![\w\]])")


def _names_in_sentences(text: str) -> str:
    """Any capitalised word not at the start of a sentence and not on the keep list becomes [NAME]."""

    def sentence(part: str) -> str:
        first = re.search(r"[A-Za-z]", part)
        start = first.start() if first else 0

        def replace(match: re.Match[str]) -> str:
            word = match.group(1)
            if match.start() == start or word in KEEP_CAPITALISED:
                return word
            return "[NAME]"

        return _WORD.sub(replace, part)

    return "".join(sentence(part) for part in re.split(r"((?<=[.!?。！？\n])\s*)", text))


def redact(text: str) -> str:
    """The message with phone numbers, emails, links, handles and recognisable names replaced."""
    for pattern, replacement in REDACTIONS:
        text = pattern.sub(replacement, text)
    return _names_in_sentences(text)


# ----------------------------------------------------------------------------- retention


def purge_counsellor_marks(engine: Engine, now: dt.datetime | None = None, days: int | None = None) -> int:
    """Deletes marks made more than HELPLINE_RETENTION_DAYS_COUNSELLOR_MARKS days ago (whatever their
    state); returns how many. For the scheduled purge: `register("retention", ..., run=...)`."""
    from helpline.settings.retention import get_retention
    from helpline.store.db import counsellor_marks as table

    days = get_retention()["counsellor_marks"] if days is None else days
    cutoff = clock.naive_utc(now or clock.now()) - dt.timedelta(days=days)
    with engine.begin() as conn:
        return conn.execute(delete(table).where(table.c.created_at < cutoff)).rowcount


# ----------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    """`python -m helpline.store.marks export --out FILE`: the accepted marks, redacted, for the training
    review."""
    parser = argparse.ArgumentParser(prog="python -m helpline.store.marks", description=main.__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    export_command = commands.add_parser("export", help="append the accepted marks to FILE (JSON lines)")
    export_command.add_argument("--out", required=True, type=Path, help="a file outside the repository")
    args = parser.parse_args(argv)
    from helpline.settings.config import get_settings
    from helpline.store.db import engine_for

    settings = get_settings()
    engine = engine_for(settings.database_url)
    try:
        count = MarkStore(engine, Cipher(settings.secret_key)).export(args.out)
    except MarkError as error:
        print(f"corrections: {error}", file=sys.stderr)
        return 2
    from helpline.store.db import audit_log, utcnow

    with engine.begin() as conn:
        conn.execute(insert(audit_log).values(at=utcnow(), action="marks_exported", detail=f"count:{count}"))
    print(f"corrections: {count} accepted mark(s) exported to {check_export_path(args.out)}")
    print("Review them before adding any to the training data; nothing was added automatically.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
