"""The facts for the report pack: gathered from what the texter writes, never from images.

What the police and take-down services ask for (issue 14): the platform, the offender's handles, IDs and
profile links, phone numbers and payment accounts the offender gave, amounts asked and paid with currency
and method, the threat's deadline, when it started, whether content was shared (and with whom), whether an
app was installed.

- `extract_facts(text, entities, intent)` reads one message (its text and the entities of
  bot/triage/entities.py); simple rules in English, Cantonese and Mandarin. A link is kept only when it
  points at a profile on a known platform; a link to an image, a video or any media host never is
  (`is_media_url`), and the connector's `MediaUrl` fields are never read at all.
- `ReportFactsStore` keeps one row per conversation in the helpline database (`report_facts`), the facts
  Fernet-encrypted as one JSON document (helpline/settings/crypto.py): nothing of them is in clear in the
  tracker's slots or in the database. `helpline/jobs/erasure.py` deletes the row with the texter's data;
  the retention purge (helpline/jobs/purge.py, one registry for every store) deletes rows untouched for
  longer than HELPLINE_RETENTION_DAYS_REPORT_FACTS, and printable-page tokens once expired.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine

from helpline.settings import clock
from helpline.settings.crypto import Cipher
from helpline.store.db import insert_unless_present, report_facts, report_pages

LIST_FIELDS = (
    "platforms",
    "handles",
    "phones",
    "accounts",
    "payment_methods",
    "amounts_asked",
    "amounts_paid",
    "shared_with",
)
TEXT_FIELDS = ("deadline", "started")
BOOL_FIELDS = ("content_shared", "app_installed")
FIELDS = LIST_FIELDS + TEXT_FIELDS + BOOL_FIELDS
MAX_ITEMS = 6  # per list: the newest are kept
MAX_ITEM_LENGTH = 120

# ----------------------------------------------------------------------------- media: never a fact

MEDIA_EXTENSIONS = re.compile(
    r"\.(?:jpe?g|png|gif|webp|heic|heif|bmp|tiff?|svg|mp4|m4v|mov|avi|3gp|webm|mkv|wmv|flv|mp3|m4a|"
    r"ogg|opus|amr|wav|pdf|zip|apk)$",
    re.I,
)
MEDIA_HOSTS = re.compile(
    r"(?:^|\.)(?:twilio\.com|twiliocdn\.com|twimg\.com|fbcdn\.net|fbsbx\.com|cdninstagram\.com|"
    r"imgur\.com|giphy\.com|tenor\.com|googleusercontent\.com|ggpht\.com|dropbox\.com|"
    r"dropboxusercontent\.com|drive\.google\.com|icloud\.com|mega\.nz|onedrive\.live\.com|"
    r"sinaimg\.cn|qpic\.cn|qlogo\.cn|wx\.qq\.com|tiktokcdn\.com|byteimg\.com|akamaihd\.net|"
    r"cloudfront\.net|amazonaws\.com|whatsapp\.net|telegram-cdn\.org|discordapp\.(?:com|net)|"
    r"media\.[a-z.]+)$",
    re.I,
)
MEDIA_PATH_WORDS = re.compile(r"/(?:media|medias|photos?|videos?|images?|img|stories|reel|p|s|v)/", re.I)

# Profile links worth keeping: a page of a person on a platform police can ask to preserve.
PROFILE_HOSTS = re.compile(
    r"(?:^|\.)(?:instagram\.com|facebook\.com|fb\.com|m\.me|messenger\.com|t\.me|telegram\.me|wa\.me|"
    r"x\.com|twitter\.com|tiktok\.com|douyin\.com|snapchat\.com|weibo\.com|weibo\.cn|xiaohongshu\.com|"
    r"line\.me|discord\.com|discord\.gg|reddit\.com|threads\.net|youtube\.com|onlyfans\.com|"
    r"tinder\.com|kik\.me|skype\.com|qm\.qq\.com|u\.wechat\.com|dcard\.tw|linkedin\.com)$",
    re.I,
)
URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'，。！？、）)]+|"
    r"\b(?:[a-z0-9-]+\.)+(?:com|me|net|org|cn|tw|gg|nz|io)/[^\s<>\"'，。！？、）)]*",
    re.I,
)


def is_media_url(url: str) -> bool:
    """A link to an image, video, voice note or file, or to any host that serves media."""
    parts = urlsplit(url if "://" in url else "https://" + url)
    host = (parts.hostname or "").lower()
    path = parts.path or ""
    return bool(
        MEDIA_HOSTS.search(host)
        or MEDIA_EXTENSIONS.search(path)
        or MEDIA_PATH_WORDS.search(path + "/")
        or re.search(r"(?:^|[?&])(?:format|fm|ext)=(?:jpe?g|png|gif|webp|mp4)", parts.query or "", re.I)
    )


def profile_link(url: str) -> str | None:
    """The link, trimmed, when it is a profile on a known platform and not media; else None."""
    url = url.rstrip(".,;:!?")
    parts = urlsplit(url if "://" in url else "https://" + url)
    host = (parts.hostname or "").lower()
    if not host or not PROFILE_HOSTS.search(host) or is_media_url(url):
        return None
    path = (parts.path or "").rstrip("/")
    if not path and host not in ("wa.me",):
        return None  # a bare site name says nothing about the offender
    return f"{host}{path}"[:MAX_ITEM_LENGTH]


# ----------------------------------------------------------------------------- rules

_IS = r"\s*(?:is|was|are|=|:|：|係|系|是|叫|做|為|为|called|named)?\s*"
_TO = r"[\s,，、:：]*(?:is|was|=|to|at|on|係|系|是|到|去|入|打)?[\s:：]*"
ACCOUNT_RULES: tuple[tuple[str, re.Pattern], ...] = (
    (
        "FPS",
        re.compile(
            rf"(?:FPS|轉數快|转数快)\s*(?:ID|識別碼|识别码|號碼|号码|number|no\.?)?{_TO}(\+?\d[\d\s-]{{5,14}}\d)",
            re.I,
        ),
    ),
    (
        "PayMe",
        re.compile(rf"PayMe\s*(?:ID|link|帳號|账号)?{_TO}(\+?\d[\d\s-]{{6,14}}\d)", re.I),
    ),
    (
        "Alipay",
        re.compile(
            rf"(?:alipay|支付寶|支付宝)[\s,，、:：]{{0,3}}(?:account|ID|帳號|账号|帳戶|账户|號|号)?{_TO}"
            r"([A-Za-z0-9_.+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}|\+?\d{6,14}|[A-Za-z][A-Za-z0-9_\-]{3,30})",
            re.I,
        ),
    ),
    (
        "bank",
        re.compile(
            r"(?:bank\s*account(?:\s*(?:number|no\.?))?|account\s*(?:number|no\.?)|a/c(?:\s*no\.?)?|acct|"
            r"銀行戶口|銀行帳戶|銀行帳號|银行账户|银行账号|銀行卡號?|银行卡号?|戶口號碼|户口号码|收款帳號|收款账号|"
            r"戶口|户口|卡號|卡号)"
            rf"{_TO}(\d[\d\s-]{{5,26}}\d)",
            re.I,
        ),
    ),
    (
        "wallet",
        re.compile(
            r"(?<![A-Za-z0-9])(0x[a-fA-F0-9]{40}|T[1-9A-HJ-NP-Za-km-z]{33}|bc1[a-z0-9]{25,59})(?![A-Za-z0-9])"
        ),
    ),
)
WECHAT_ID = re.compile(
    rf"(?:wechat|weixin|微信)\s*(?:ID|號|号|帳號|账号)?{_IS}([A-Za-z][A-Za-z0-9_\-]{{5,19}})(?![A-Za-z0-9_\-])",
    re.I,
)
HANDLE_AT = re.compile(r"(?<![A-Za-z0-9_.@])@([A-Za-z0-9_][A-Za-z0-9_.]{1,29})(?![A-Za-z0-9_@])")
_HANDLE = r"@?([A-Za-z0-9][A-Za-z0-9_.\-]{2,39})(?![A-Za-z0-9_.\-@])"
# English cues need a connector ("his ig is x", "username: x"): "my account got hacked" names nobody.
HANDLE_CUE_EN = re.compile(
    r"(?<![A-Za-z])(?:user\s*name|username|handle|account\s*name|account|profile|id|ig|instagram|telegram|"
    r"snapchat|tiktok|discord|kik|twitter|facebook|fb|qq|skype|(?-i:LINE|Line))"
    r"(?:\s*(?:id|name|handle|account|username|帳號|账号|帳戶|账户|號|号))?"
    r"\s*(?:is|was|=|:|：|called|named|叫|係|系|是|叫做)\s*" + _HANDLE,
    re.I,
)
# Chinese cues: the connector may be left out ("帳號 jason_88", "IG帳號叫jason_88").
HANDLE_CUE_ZH = re.compile(
    r"(?:用戶名|用户名|帳戶名|账户名|帳號|账号|帳戶|账户|名稱|名称|抖音號|抖音号|QQ號|QQ号|(?<![A-Za-z])(?-i:ID)(?![A-Za-z]))"
    rf"{_IS}" + _HANDLE,
    re.I,
)
EMAIL_RE = re.compile(r"(?<![A-Za-z0-9_.+\-])[A-Za-z0-9_.+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
NOT_HANDLES = {
    "is", "was", "the", "a", "an", "me", "my", "his", "her", "their", "them", "and", "or", "not", "to",
    "from", "called", "named", "unknown", "fake", "private", "deleted", "number", "name", "account",
    "ok", "okay", "yes", "no", "idk", "dont", "know", "sure", "also", "too", "then", "now", "same",
}  # fmt: skip
PHONE_RE = re.compile(r"(?<![\d\w])(\+?\d[\d\s-]{6,16}\d)(?![\d\w])")
OWN_NUMBER_CUE = re.compile(
    r"(?:\bmy\b|\bmine\b|我(?:的|嘅|個|个)?)\s*(?:phone\s*)?(?:number|no\.?|電話|电话|手機|手机|號碼|号码)?\s*(?:is|:|：|係|是)?\s*$",
    re.I,
)
OWN_CUE = re.compile(r"(?:\bmy|\bmine|我(?:的|嘅|個|个)?)\s*$", re.I)
PAID_CUE = re.compile(
    r"\b(?:paid|sent|transferred|gave|wired|already\s+(?:paid|sent))\b|俾咗|畀咗|比咗|轉咗|转咗|過咗數|过咗数|"
    r"已經俾|已经付|已經付|已付|付了|付咗|給了|给了|轉了|转了|汇了|匯了|打了.{0,4}(?:錢|钱|款)",
    re.I,
)
ASK_CUE = re.compile(r"want|ask|demand|more|要|叫我|勒索|索取|逼我", re.I)
SHARED_WITH_CUE = re.compile(
    r"(?:sent|shared|posted|showed|forwarded)\s+(?:it|them|the\s+\w+|my\s+\w+)?\s*(?:to|with|on)\s+(?:my\s+)?"
    r"(friends?|family|parents?|mum|mom|dad|boss|colleagues?|classmates?|school|contacts|followers|partner|"
    r"wife|husband|girlfriend|boyfriend|group(?:\s*chat)?)|"
    r"(?:發咗|发咗|發了|发了|傳咗|传咗|傳了|传了|send咗|寄咗|寄了)(?:俾|畀|給|给)(?:我)?(朋友|家人|屋企人|父母|爸媽|爸妈|老闆|老板|同事|同學|同学|老師|老师|老婆|老公|男朋友|女朋友|群組|群组|聯絡人|联系人)",
    re.I,
)
STARTED_RE = re.compile(
    r"\b(?:yesterday|last\s+night|this\s+morning|today|tonight|(?:a|one|two|three|\d+)\s+(?:hours?|days?|weeks?)\s+ago|"
    r"last\s+week|since\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last\s+\w+))\b|"
    r"琴晚|尋日|寻日|噚日|昨晚|昨天|昨日|今朝|今早|今日|今天|前日|前天|上星期|上個星期|上个星期|上週|上周|"
    r"[一二兩两三四五六七八九十\d]+\s*(?:日|天|個鐘|个钟|小時|小时|星期|個星期|个星期)前",
    re.I,
)
STARTED_CONTEXT = re.compile(
    r"started|began|since|met|add(?:ed)?|messag|chat|video\s*call|threat|開始|开始|識|认识|認識|加咗|加了|"
    r"傾|聊|視像|视频|威脅|威胁|勒索|恐嚇|恐吓",
    re.I,
)


def _clip(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()[:MAX_ITEM_LENGTH]


def _digits(value: str) -> str:
    return re.sub(r"[^\d+]", "", value)


def extract_facts(text: str, entities: list[dict] | None = None, intent: str | None = None) -> dict[str, Any]:
    """The facts one message states (only the fields it says something about)."""
    text = text or ""
    entities = entities or []
    facts: dict[str, Any] = {field: [] for field in LIST_FIELDS}
    taken: list[tuple[int, int]] = []  # spans used by links, accounts and handles: not amounts

    def overlaps(start: int, end: int) -> bool:
        return any(start < e and end > s for s, e in taken)

    for match in URL_RE.finditer(text):
        taken.append(match.span())
        link = profile_link(match.group())
        if link:
            facts["handles"].append(link)
    for kind, pattern in ACCOUNT_RULES:
        for match in pattern.finditer(text):
            if overlaps(*match.span(1)):
                continue
            value = match.group(1)
            value = _digits(value) if kind in ("FPS", "PayMe", "bank") else value
            facts["accounts"].append(f"{kind} {value}")
            taken.append(match.span(1))
    for match in EMAIL_RE.finditer(text):
        if not overlaps(*match.span()):
            facts["handles"].append(match.group())
            taken.append(match.span())
    for match in WECHAT_ID.finditer(text):
        if not overlaps(*match.span(1)) and match.group(1).lower() not in NOT_HANDLES:
            facts["handles"].append(f"WeChat {match.group(1)}")
            taken.append(match.span(1))
    for match in HANDLE_AT.finditer(text):
        if not overlaps(*match.span()):
            facts["handles"].append("@" + match.group(1))
            taken.append(match.span())
    cued = [*HANDLE_CUE_EN.finditer(text), *HANDLE_CUE_ZH.finditer(text)]
    for match in sorted(cued, key=lambda m: m.start(1)):
        value = match.group(1)
        if overlaps(*match.span(1)) or value.lower() in NOT_HANDLES or (value.isdigit() and len(value) < 5):
            continue
        if re.fullmatch(r"[\d\s+-]+", value) and len(_digits(value)) >= 7:
            continue  # a number: the phone rule decides
        if OWN_CUE.search(text[max(0, match.start() - 10) : match.start()]):
            continue  # "my instagram is ...": the texter's own account, not the offender's
        facts["handles"].append(value)
        taken.append(match.span(1))
    for match in PHONE_RE.finditer(text):
        digits = _digits(match.group(1))
        if overlaps(*match.span(1)) or not 8 <= len(digits.lstrip("+")) <= 15:
            continue
        if OWN_NUMBER_CUE.search(text[max(0, match.start() - 24) : match.start()]):
            continue  # the texter's own number is not the offender's
        facts["phones"].append(digits)
        taken.append(match.span(1))

    amounts: list[tuple[int, str]] = []
    currencies: list[tuple[int, int, str]] = []
    for entity in entities:
        name, value = entity.get("entity"), entity.get("value")
        if value is None:
            continue
        start, end = int(entity.get("start") or 0), int(entity.get("end") or 0)
        if name == "platform":
            facts["platforms"].append(str(value))
        elif name == "payment_method":
            facts["payment_methods"].append(str(value))
        elif name == "amount" and not overlaps(start, end):
            amounts.append((start, str(value)))
        elif name == "currency":
            currencies.append((start, end, str(value)))
    paid_message = intent == "already_paid"
    for start, value in amounts:
        currency = min(currencies, key=lambda c: abs(c[0] - start), default=None)
        label = f"{currency[2]} {value}" if currency and abs(currency[0] - start) <= 12 else value
        clause = text[max(0, start - 30) : start]
        clause = re.split(r"[.。!！?？;；]", clause)[-1]
        # The cue nearest the amount decides: "I paid 3000 and he wants 5000 more" -> 5000 asked.
        asked_at = max((m.end() for m in ASK_CUE.finditer(clause)), default=-1)
        paid_at = max((m.end() for m in PAID_CUE.finditer(clause)), default=-1)
        paid = paid_at > asked_at or (paid_message and asked_at < 0)
        facts["amounts_paid" if paid else "amounts_asked"].append(label)

    if intent == "content_shared" or SHARED_WITH_CUE.search(text):
        facts["content_shared"] = True
        for match in SHARED_WITH_CUE.finditer(text):
            who = match.group(1) or match.group(2)
            if who:
                facts["shared_with"].append(who.lower() if who.isascii() else who)
        for entity in entities:
            if entity.get("entity") == "relation" and entity.get("value"):
                facts["shared_with"].append(str(entity["value"]))
    if intent == "malicious_app":
        facts["app_installed"] = True
    started = STARTED_RE.search(text)
    if started and STARTED_CONTEXT.search(text):
        facts["started"] = f"{_clip(started.group())} ({clock.now().date().isoformat()})"
    for key in LIST_FIELDS:
        facts[key] = list(dict.fromkeys(facts[key]))
    return {key: value for key, value in facts.items() if value not in ([], None, "")}


def merge(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Lists gain the new items (no duplicates, newest kept); flags stay once true; texts: the newest
    deadline, the first start."""
    merged = {key: (list(value) if isinstance(value, list) else value) for key, value in old.items()}
    for key, value in new.items():
        if key in LIST_FIELDS:
            items = merged.get(key) or []
            for item in value:
                item = _clip(str(item))
                if item and item.lower() not in {x.lower() for x in items}:
                    items.append(item)
            merged[key] = items[-MAX_ITEMS:]
        elif key in BOOL_FIELDS:
            merged[key] = bool(merged.get(key)) or bool(value)
        elif key == "started":
            merged[key] = merged.get(key) or _clip(str(value))
        elif key in TEXT_FIELDS and value:
            merged[key] = _clip(str(value))
    return merged


def clean(facts: dict[str, Any]) -> dict[str, Any]:
    """Only known fields, with the right types (a counsellor's edit goes through this)."""
    out: dict[str, Any] = {}
    for key in LIST_FIELDS:
        value = facts.get(key) or []
        if isinstance(value, str):
            value = value.splitlines()
        items = [_clip(str(x)) for x in value if str(x).strip()]
        items = [x for x in items if not (URL_RE.fullmatch(x) and is_media_url(x))]
        if items:
            out[key] = items[-MAX_ITEMS:]
    for key in TEXT_FIELDS:
        if facts.get(key):
            out[key] = _clip(str(facts[key]))
    for key in BOOL_FIELDS:
        if facts.get(key):
            out[key] = True
    return out


def has_any(facts: dict[str, Any]) -> bool:
    return any(facts.get(key) for key in FIELDS)


# ----------------------------------------------------------------------------- store


class ReportFactsStore:
    """One encrypted document per conversation."""

    def __init__(self, engine: Engine, cipher: Cipher) -> None:
        self._engine = engine
        self._cipher = cipher

    def get(self, conversation_id: str) -> dict[str, Any]:
        with self._engine.connect() as conn:
            token = conn.execute(
                select(report_facts.c.facts_cipher).where(report_facts.c.conversation_id == conversation_id)
            ).scalar()
        if not token:
            return {}
        try:
            return clean(json.loads(self._cipher.decrypt(token)))
        except ValueError:
            return {}

    def get_many(self, conversation_ids: list[str]) -> dict[str, dict[str, Any]]:
        if not conversation_ids:
            return {}
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(report_facts.c.conversation_id, report_facts.c.facts_cipher).where(
                    report_facts.c.conversation_id.in_(sorted(set(conversation_ids)))
                )
            ).all()
        found: dict[str, dict[str, Any]] = {}
        for row in rows:
            try:
                found[row.conversation_id] = clean(json.loads(self._cipher.decrypt(row.facts_cipher)))
            except ValueError:
                continue
        return found

    def replace(self, conversation_id: str, facts: dict[str, Any]) -> dict[str, Any]:
        """Stores exactly these facts (a correction); none at all deletes the row."""
        facts = clean(facts)
        if not has_any(facts):
            self.clear(conversation_id)
            return {}
        now = clock.naive_utc()
        token = self._cipher.encrypt(json.dumps(facts, ensure_ascii=False, sort_keys=True))
        with self._engine.begin() as conn:
            inserted = insert_unless_present(
                conn,
                report_facts,
                {
                    "conversation_id": conversation_id,
                    "facts_cipher": token,
                    "created_at": now,
                    "updated_at": now,
                },
            )
            if not inserted:
                conn.execute(
                    update(report_facts)
                    .where(report_facts.c.conversation_id == conversation_id)
                    .values(facts_cipher=token, updated_at=now)
                )
        return facts

    def add(self, conversation_id: str, new: dict[str, Any]) -> dict[str, Any]:
        """Merges what one message said into the stored facts; returns them."""
        old = self.get(conversation_id)
        if not has_any(new):
            return old
        merged = merge(old, new)
        if merged == old:
            return old
        return self.replace(conversation_id, merged)

    def clear(self, conversation_id: str) -> bool:
        with self._engine.begin() as conn:
            return bool(
                conn.execute(
                    delete(report_facts).where(report_facts.c.conversation_id == conversation_id)
                ).rowcount
            )


# ----------------------------------------------------------------------------- the printable page

PAGE_LIFETIME = dt.timedelta(hours=24)
LOCAL_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def public_base(public_url: str | None) -> str | None:
    """The deployment's public https address, or None (unset, plain http, or a local address)."""
    parts = urlsplit((public_url or "").strip())
    if parts.scheme != "https" or not parts.hostname or parts.hostname in LOCAL_HOSTS:
        return None
    return f"https://{parts.netloc}{parts.path.rstrip('/')}"


def new_page(engine: Engine, conversation_id: str, now: dt.datetime | None = None) -> tuple[str, dt.datetime]:
    """A fresh link token (only its hash is stored) and when it expires."""
    token = secrets.token_urlsafe(12)
    created = clock.naive_utc(now)
    expires = created + PAGE_LIFETIME
    with engine.begin() as conn:
        conn.execute(
            report_pages.insert().values(
                token_hash=_token_hash(token),
                conversation_id=conversation_id,
                created_at=created,
                expires_at=expires,
            )
        )
    return token, expires


def page_conversation(engine: Engine, token: str, now: dt.datetime | None = None) -> str | None:
    """The conversation of an unexpired page token, else None."""
    if not token or len(token) > 64:
        return None
    with engine.connect() as conn:
        row = conn.execute(
            select(report_pages.c.conversation_id, report_pages.c.expires_at).where(
                report_pages.c.token_hash == _token_hash(token)
            )
        ).first()
    if row is None or row.expires_at <= clock.naive_utc(now):
        return None
    return row.conversation_id
