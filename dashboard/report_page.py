"""The texter's printable report page: `/pack/{token}`, public, expiring (24 hours), no images.

A link preview (WhatsApp, iMessage, Slack...) only GETs: the GET page says what it is and holds a button;
the facts are shown only after that button's POST, so a preview neither sees them nor uses the link up.
The page is `noindex`, sent with no referrer and never cached (dashboard/app.py adds the last two to
everything). Nothing but the facts the texter gave and where to report: no name, no number, no
transcript. An unknown or expired token gets the same neutral page as any other.

Rate limits (helpline/store/rate_limit.py, shared by every replica), counted before the token is
looked up so a refusal says nothing about whether a token exists: per client address (a guesser trying
many tokens) and per token (one link hammered, known or not); a refusal is a 429 with Retry-After.
A POST body is never read; one declared larger than MAX_POST_BYTES is refused (413), and a token
longer than any issued one is never looked up.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from dashboard.deps import cipher, client_ip, directory, engine, handoff_store
from dashboard.pages import templates
from helpline.content.placeholders import placeholder_values
from helpline.content.report_text import LABELS, fact_lines
from helpline.content.script import to_script
from helpline.store.contacts import ContactStore
from helpline.store.rate_limit import RateLimiter
from helpline.store.report_facts import ReportFactsStore, page_conversation

router = APIRouter()
HEADERS = {"X-Robots-Tag": "noindex, nofollow, noarchive", "Referrer-Policy": "no-referrer"}
# (requests, window): a texter opens their page a few times; nobody needs dozens.
LIMITS = {
    "pack_client": (30, dt.timedelta(minutes=10)),
    "pack_token": (20, dt.timedelta(hours=1)),
}
MAX_POST_BYTES = 1024  # the page's button posts an empty form
MAX_TOKEN_CHARS = 64  # issued tokens are 16 characters (helpline/store/report_facts.py new_page)
TOO_MANY = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">'
    "<title>Report summary</title></head>"
    "<body><p>Too many requests. Please try again later.</p></body></html>"
)

WORDS = {
    "en": {
        "heading": "Your report summary",
        "intro": "This page shows the details you gave, to take to the police. It stops working 24 hours "
        "after it was sent.",
        "show": "Show my summary",
        "route": "Where to report",
        "bring": "Also bring screenshots showing dates and times, their profile link and your payment "
        "records.",
        "print": "Print",
        "gone": 'This page is no longer available. Text us "summary" for a new one.',
    },
    "yue": {
        "heading": "你嘅報案摘要",
        "intro": "呢頁顯示你俾過嘅資料，方便你報警。發出後24小時就會失效。",
        "show": "顯示我嘅摘要",
        "route": "去邊度報案",
        "bring": "記得帶埋有日期時間嘅截圖、對方個人頁連結同付款紀錄。",
        "print": "列印",
        "gone": "呢頁已經失效。傳「報案摘要」俾我哋就可以攞新嘅。",
    },
    "cmn": {
        "heading": "你的报案摘要",
        "intro": "本页显示你提供的资料，方便你报警。发出后24小时失效。",
        "show": "显示我的摘要",
        "route": "在哪里报案",
        "bring": "也请带上有日期时间的截图、对方主页链接和付款记录。",
        "print": "打印",
        "gone": "本页已失效。发送“报案摘要”给我们即可获取新的。",
    },
}


def _words(language: str, script: str | None) -> dict[str, str]:
    chosen = WORDS.get(language, WORDS["en"])
    return {key: to_script(value, script, language) for key, value in chosen.items()}


def _contact(request: Request, conversation: str | None):
    if conversation is None:
        return None
    return ContactStore(engine(request), cipher(request)).get(conversation)


def install(app) -> None:
    """The page's routes and its limits on the shared counters (app.state.rate_counters)."""
    app.state.report_page_limits = RateLimiter(app.state.rate_counters, LIMITS)
    app.include_router(router)


def _refused(request: Request, token: str) -> HTMLResponse | None:
    """A 429 when this client or this token has asked too often; counted whether the token exists or
    not, before it is looked up (the token counts only once the client's own limit let it through)."""
    limits: RateLimiter = request.app.state.report_page_limits
    for kind, key in (("pack_client", client_ip(request)), ("pack_token", token[: MAX_TOKEN_CHARS + 1])):
        decision = limits.check(kind, key)
        if not decision.allowed:
            headers = {**HEADERS, "Retry-After": str(decision.retry_after)}
            return HTMLResponse(TOO_MANY, status_code=429, headers=headers)
    return None


def _page(request: Request, token: str, reveal: bool) -> HTMLResponse:
    refused = _refused(request, token)
    if refused is not None:
        return refused
    known_shape = len(token) <= MAX_TOKEN_CHARS
    conversation = page_conversation(engine(request), token) if known_shape else None
    contact = _contact(request, conversation)
    handoff = handoff_store(request).open_for(conversation) if conversation else None
    known = contact if contact and contact.language else handoff  # the contact's, else the handoff's
    language = (known.language if known else None) or "en"
    script = known.script if known else None
    words = _words(language, script)
    context = {"words": words, "token": token, "valid": conversation is not None, "lang": language}
    status = 200 if conversation is not None else 404
    if conversation is not None and reveal:
        facts = ReportFactsStore(engine(request), cipher(request)).get(conversation)
        region = (contact.region if contact else None) or (handoff.region if handoff else None)
        lines = fact_lines(facts, language if language in LABELS else "en", region, None)
        route = placeholder_values(directory(request), region, language)["police_route"]
        context.update(
            lines=[to_script(line, script, language) for line in lines],
            route=to_script(route, script, language),
        )
    html = templates.get_template("report_page.html").render(**context)
    return HTMLResponse(html, status_code=status, headers=HEADERS)


@router.get("/pack/{token}", response_class=HTMLResponse)
def report_page(token: str, request: Request) -> HTMLResponse:
    return _page(request, token, reveal=False)


@router.post("/pack/{token}", response_class=HTMLResponse)
def report_page_shown(token: str, request: Request) -> HTMLResponse:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_POST_BYTES):
        return HTMLResponse("too large", status_code=413, headers=HEADERS)
    return _page(request, token, reveal=True)
