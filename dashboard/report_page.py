"""The texter's printable report page: `/pack/{token}`, public, expiring (24 hours), no images.

A link preview (WhatsApp, iMessage, Slack...) only GETs: the GET page says what it is and holds a button;
the facts are shown only after that button's POST, so a preview neither sees them nor uses the link up.
The page is `noindex`, sent with no referrer and never cached (dashboard/app.py adds the last two to
everything). Nothing but the facts the texter gave and where to report: no name, no number, no
transcript. An unknown or expired token gets the same neutral page as any other.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from dashboard.deps import cipher, directory, engine, handoff_store
from dashboard.pages import templates
from helpline.content.placeholders import placeholder_values
from helpline.content.report_text import LABELS, fact_lines
from helpline.content.script import to_script
from helpline.store.contacts import ContactStore
from helpline.store.report_facts import ReportFactsStore, page_conversation

router = APIRouter()
HEADERS = {"X-Robots-Tag": "noindex, nofollow, noarchive", "Referrer-Policy": "no-referrer"}

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


def _page(request: Request, token: str, reveal: bool) -> HTMLResponse:
    conversation = page_conversation(engine(request), token)
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
    return _page(request, token, reveal=True)
